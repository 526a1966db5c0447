"""What the central electronic dossier system expects in a province's proposal to a State award, as data.

Source: Decree 152/2025/NĐ-CP (in force 1/7/2025, replacing Decree 98/2023/NĐ-CP), the provisions on
the dossier of a proposal to the President's and the Prime Minister's awards, sent through the Ministry
of Home Affairs (Ban Thi đua - Khen thưởng Trung ương): the provincial chairman's cover letter
(Tờ trình, signed), the list of nominees, each nominee's achievement report, the minutes of the
emulation and commendation council, and the evidence the award asks for (initiative certificates ...);
files in Word and PDF (Decree 30/2020/NĐ-CP on electronic documents: a sent document is digitally
signed). The article numbers of the new decree are not pinned here (the lead's note); the list is kept
in this one place so that a change of the rules is a change of this table.

Each item: `key` (the manifest's item key), `title` (Vietnamese, as the central system names it),
`required` (bool), `formats` (the extensions accepted or generated), `signed` (a PDF whose signature
must be valid, `ProposalDocument.signature_state`), `source` (an uploaded `DocumentKind`, or
"generated" by the portal), `per_nominee` (one per nominee), `prefix` (the stable, ASCII file name's start).
"""

from dataclasses import dataclass

from ...enums import DocumentKind

GENERATED = "generated"


@dataclass(frozen=True)
class ExpectedItem:
    key: str
    title: str
    required: bool
    formats: tuple
    signed: bool
    source: str
    prefix: str
    per_nominee: bool = False


COVER_LETTER = ExpectedItem(
    "cover_letter", "Tờ trình đề nghị khen thưởng", True, ("pdf",), True, DocumentKind.COVER_LETTER, "01_To_trinh"
)
NOMINEE_LIST = ExpectedItem(
    "nominee_list", "Danh sách đề nghị khen thưởng", True, ("docx", "pdf"), False, GENERATED, "02_Danh_sach"
)
ACHIEVEMENT_REPORT = ExpectedItem(
    "achievement_report",
    "Báo cáo thành tích",
    True,
    ("pdf", "docx"),
    False,
    DocumentKind.ACHIEVEMENT_REPORT,
    "03_Bao_cao_thanh_tich",
    per_nominee=True,
)
COUNCIL_MINUTES = ExpectedItem(
    "council_minutes",
    "Biên bản họp Hội đồng Thi đua - Khen thưởng tỉnh",
    True,
    ("docx", "pdf"),
    False,
    GENERATED,
    "04_Bien_ban_Hoi_dong_tinh",
)
UNIT_VOTE_MINUTES = ExpectedItem(
    "unit_vote_minutes",
    "Biên bản họp Hội đồng Thi đua - Khen thưởng cơ sở",
    True,
    ("pdf", "docx"),
    False,
    DocumentKind.VOTE_MINUTES,
    "05_Bien_ban_co_so",
)
EVIDENCE = ExpectedItem(
    "evidence",
    "Tài liệu minh chứng",
    False,
    ("pdf", "docx", "png", "jpg"),
    False,
    DocumentKind.EVIDENCE,
    "06_Minh_chung",
)
DECISION = ExpectedItem(
    "decision",
    "Quyết định khen thưởng của Chủ tịch UBND tỉnh (kèm danh sách)",
    False,
    ("pdf",),
    False,
    GENERATED,
    "07_Quyet_dinh",
)

ITEMS = (COVER_LETTER, NOMINEE_LIST, ACHIEVEMENT_REPORT, COUNCIL_MINUTES, UNIT_VOTE_MINUTES, EVIDENCE, DECISION)
MANIFEST_NAME = "manifest.json"
MANIFEST_SCHEMA = "thidua-goi-ho-so-trung-uong/1"


def expected_items(*, awards, commendation_type):
    """The items expected for a proposal whose central-level nominees have `awards`: the table above,
    with an uploaded kind required also when one of the awards asks for it (`types.required_documents`)
    and the council's minutes required only when one of the awards needs a council vote."""
    from ..types import required_documents

    asked = set()
    for award in awards:
        asked |= required_documents(award=award, commendation_type=commendation_type)
    needs_vote = any(award.vote_rule != "none" for award in awards)
    items = []
    for item in ITEMS:
        required = item.required
        if item.source != GENERATED and str(item.source) in asked:
            required = True
        if item is COUNCIL_MINUTES:
            required = needs_vote
        items.append(ExpectedItem(**{**item.__dict__, "required": required}))
    return items
