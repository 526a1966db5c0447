"""The award catalogue of Law 06/2022/QH15 and Decree 152/2025/NĐ-CP, and its current parameters.

Used by the demo data and by administrators as a starting point; every figure stays editable
in the admin (LegalParameter rows are dated).
"""

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from portal.text import fold

# Codes the eligibility rules refer to.
ADVANCED_WORKER = "LDTT"
GRASSROOTS_FIGHTER = "CSTDCS"
PROVINCIAL_FIGHTER = "CSTDT"
NATIONAL_FIGHTER = "CSTDTQ"
EXCELLENT_COLLECTIVE = "TTLDXS"
ADVANCED_COLLECTIVE = "TTLDTT"
CHAIRMAN_CERTIFICATE_INDIVIDUAL = "BKCT-CN"
CHAIRMAN_CERTIFICATE_COLLECTIVE = "BKCT-TT"
PROVINCIAL_FLAG = "CTD-T"
GOVERNMENT_FLAG = "CTD-CP"
CULTURAL_VILLAGE = "THONVH"
PRIME_MINISTER_CERTIFICATE_INDIVIDUAL = "BKTTG-CN"
PRIME_MINISTER_CERTIFICATE_COLLECTIVE = "BKTTG-TT"

BASE_SALARY = Decimal("2340000")
BASE_SALARY_FROM = date(2024, 7, 1)
DECREE_152_FROM = date(2025, 7, 1)
THRESHOLD_STANDARD = Decimal("80")
THRESHOLD_HIGH = Decimal("90")
QUORUM = Decimal("80")

REGULAR_ONLY = ["regular"]
ALL_TYPES = ["regular", "special", "thematic", "lifetime", "service", "resistance", "foreign"]
# What a Huân chương may be conferred for: no length-of-service or movement Huân chương.
ORDER_TYPES = ["regular", "special", "lifetime", "resistance", "foreign"]
FULL_DOSSIER = ["cover_letter", "achievement_report", "vote_minutes"]
STATE_DOSSIER = FULL_DOSSIER + ["evidence"]

# Who confers (awards.enums.ConferringAuthority); `level` is kept consistent with it (a State award is
# "national", the chairman's "provincial", a head of unit's or a commune chairman's "grassroots").
PRESIDENT = "president"
PRIME_MINISTER = "prime_minister"
CHAIRMAN = "provincial_chairman"
UNIT_HEAD = "unit_head"


class Entry(NamedTuple):
    code: str
    name: str
    kind: str
    category: str
    level: str
    types: list
    rule: str
    vote_rule: str
    documents: list
    coefficient: str
    rank: int
    conferred_by: str


def _order(code, name, kind, coefficient, rank, types=ORDER_TYPES):
    """A Huân chương: a State award (the President confers it), proposed upward with a full dossier."""
    return Entry(
        code, name, kind, "form", "national", types, "none", "high", STATE_DOSSIER, coefficient, rank, PRESIDENT
    )


# Coefficients: Decree 152/2025/NĐ-CP (domain.md's table); individual forms get half the collective one.
CATALOGUE = [
    Entry(
        NATIONAL_FIGHTER,
        "Chiến sĩ thi đua toàn quốc",
        "individual",
        "title",
        "national",
        REGULAR_ONLY,
        "national_fighter",
        "high",
        STATE_DOSSIER,
        "4.5",
        90,
        PRIME_MINISTER,
    ),
    Entry(
        PROVINCIAL_FIGHTER,
        "Chiến sĩ thi đua cấp tỉnh",
        "individual",
        "title",
        "provincial",
        REGULAR_ONLY,
        "provincial_fighter",
        "high",
        STATE_DOSSIER,
        "3.0",
        80,
        CHAIRMAN,
    ),
    Entry(
        GRASSROOTS_FIGHTER,
        "Chiến sĩ thi đua cơ sở",
        "individual",
        "title",
        "grassroots",
        REGULAR_ONLY,
        "grassroots_fighter",
        "standard",
        FULL_DOSSIER,
        "1.0",
        70,
        UNIT_HEAD,
    ),
    Entry(
        ADVANCED_WORKER,
        "Lao động tiên tiến",
        "individual",
        "title",
        "grassroots",
        REGULAR_ONLY,
        "advanced_worker",
        "none",
        ["cover_letter"],
        "0.3",
        60,
        UNIT_HEAD,
    ),
    Entry(
        GOVERNMENT_FLAG,
        "Cờ thi đua của Chính phủ",
        "collective",
        "title",
        "national",
        REGULAR_ONLY,
        "none",
        "standard",
        STATE_DOSSIER,
        "12",
        88,
        PRIME_MINISTER,
    ),
    Entry(
        PROVINCIAL_FLAG,
        "Cờ thi đua cấp tỉnh",
        "collective",
        "title",
        "provincial",
        REGULAR_ONLY,
        "provincial_flag",
        "standard",
        FULL_DOSSIER,
        "8",
        85,
        CHAIRMAN,
    ),
    Entry(
        EXCELLENT_COLLECTIVE,
        "Tập thể lao động xuất sắc",
        "collective",
        "title",
        "provincial",
        REGULAR_ONLY,
        "excellent_collective",
        "none",
        FULL_DOSSIER,
        "1.5",
        75,
        CHAIRMAN,
    ),
    Entry(
        ADVANCED_COLLECTIVE,
        "Tập thể lao động tiên tiến",
        "collective",
        "title",
        "grassroots",
        REGULAR_ONLY,
        "advanced_collective",
        "none",
        ["cover_letter"],
        "0.8",
        65,
        UNIT_HEAD,
    ),
    Entry(
        "XPTB",
        "Xã, phường, đặc khu tiêu biểu",
        "collective",
        "title",
        "provincial",
        REGULAR_ONLY,
        "none",
        "standard",
        FULL_DOSSIER,
        "2.0",
        72,
        CHAIRMAN,
    ),
    Entry(
        CULTURAL_VILLAGE,
        "Thôn, tổ dân phố văn hóa",
        "collective",
        "title",
        "grassroots",
        REGULAR_ONLY,
        "none",
        "none",
        ["cover_letter"],
        "1.5",
        15,
        UNIT_HEAD,
    ),
    Entry(
        "GDVH",
        "Gia đình văn hóa",
        "household",
        "title",
        "grassroots",
        REGULAR_ONLY,
        "none",
        "none",
        ["cover_letter"],
        "0.1",
        10,
        UNIT_HEAD,
    ),
    Entry(
        PRIME_MINISTER_CERTIFICATE_COLLECTIVE,
        "Bằng khen của Thủ tướng Chính phủ (tập thể)",
        "collective",
        "form",
        "national",
        ALL_TYPES,
        "none",
        "standard",
        STATE_DOSSIER,
        "7",
        58,
        PRIME_MINISTER,
    ),
    Entry(
        PRIME_MINISTER_CERTIFICATE_INDIVIDUAL,
        "Bằng khen của Thủ tướng Chính phủ (cá nhân)",
        "individual",
        "form",
        "national",
        ALL_TYPES,
        "none",
        "standard",
        STATE_DOSSIER,
        "3.5",
        57,
        PRIME_MINISTER,
    ),
    Entry(
        CHAIRMAN_CERTIFICATE_INDIVIDUAL,
        "Bằng khen của Chủ tịch UBND tỉnh (cá nhân)",
        "individual",
        "form",
        "provincial",
        ALL_TYPES,
        "chairman_certificate_individual",
        "none",
        ["cover_letter", "achievement_report"],
        "1.5",
        50,
        CHAIRMAN,
    ),
    Entry(
        CHAIRMAN_CERTIFICATE_COLLECTIVE,
        "Bằng khen của Chủ tịch UBND tỉnh (tập thể)",
        "collective",
        "form",
        "provincial",
        ALL_TYPES,
        "chairman_certificate_collective",
        "none",
        ["cover_letter", "achievement_report"],
        "3",
        55,
        CHAIRMAN,
    ),
    Entry(
        "GK-CN",
        "Giấy khen (cá nhân)",
        "individual",
        "form",
        "grassroots",
        ALL_TYPES,
        "none",
        "none",
        ["cover_letter"],
        "0.3",
        20,
        UNIT_HEAD,
    ),
    Entry(
        "GK-TT",
        "Giấy khen (tập thể)",
        "collective",
        "form",
        "grassroots",
        ALL_TYPES,
        "none",
        "none",
        ["cover_letter"],
        "0.6",
        25,
        UNIT_HEAD,
    ),
    _order("HCSV-TT", "Huân chương Sao vàng (tập thể)", "collective", "92", 130),
    _order("HCHCM-TT", "Huân chương Hồ Chí Minh (tập thể)", "collective", "61", 125),
    _order("HCDL1-TT", "Huân chương Độc lập hạng Nhất (tập thể)", "collective", "30", 120),
    _order("HCDL2-TT", "Huân chương Độc lập hạng Nhì (tập thể)", "collective", "25", 115),
    _order("HCLD1-TT", "Huân chương Lao động hạng Nhất (tập thể)", "collective", "18", 110),
    _order("HCLD2-TT", "Huân chương Lao động hạng Nhì (tập thể)", "collective", "15", 100),
    _order("HCLD3-TT", "Huân chương Lao động hạng Ba (tập thể)", "collective", "9", 95),
    _order("HCLD1-CN", "Huân chương Lao động hạng Nhất (cá nhân)", "individual", "9", 109),
    _order("HCLD2-CN", "Huân chương Lao động hạng Nhì (cá nhân)", "individual", "7.5", 99),
    _order("HCLD3-CN", "Huân chương Lao động hạng Ba (cá nhân)", "individual", "4.5", 94),
]

BY_CODE = {entry.code: entry for entry in CATALOGUE}
COEFFICIENTS_FROM = date(2024, 1, 1)
COEFFICIENTS_BASIS = "Nghị định số 152/2025/NĐ-CP"


def install_catalogue(*, award_model, parameter_model):
    """Add the catalogue's awards an installation lacks, by code, each with its coefficient; leave the
    others as administrators edited them, only filling `conferred_by` by code (or by level for an
    award of the installation's own). Idempotent; the data migration awards.0008 runs it with the
    historical models. Returns the codes it created.

    Side effects: inserts Award and coefficient LegalParameter rows; updates conferred_by and search_text.
    """
    existing = {award.code: award for award in award_model.objects.all()}
    created = []
    for entry in CATALOGUE:
        if entry.code in existing:
            continue
        award = award_model.objects.create(
            code=entry.code,
            name=entry.name,
            recipient_kind=entry.kind,
            category=entry.category,
            level=entry.level,
            conferred_by=entry.conferred_by,
            commendation_types=list(entry.types),
            rule=entry.rule,
            vote_rule=entry.vote_rule,
            required_documents=list(entry.documents),
            rank=entry.rank,
            search_text=fold(f"{entry.name} {entry.code}"),
        )
        parameter_model.objects.get_or_create(
            kind="coefficient",
            award=award,
            effective_from=COEFFICIENTS_FROM,
            defaults={"value": Decimal(entry.coefficient), "legal_basis": COEFFICIENTS_BASIS},
        )
        created.append(entry.code)
    by_level = {"national": PRESIDENT, "provincial": CHAIRMAN, "grassroots": UNIT_HEAD}
    for code, award in existing.items():
        entry = BY_CODE.get(code)
        authority = entry.conferred_by if entry else by_level.get(award.level, CHAIRMAN)
        search_text = fold(f"{award.name} {award.code}")
        if (award.conferred_by, award.search_text) != (authority, search_text):
            award_model.objects.filter(pk=award.pk).update(conferred_by=authority, search_text=search_text)
    return created
