"""The minutes of a council session (biên bản họp Hội đồng Thi đua, khen thưởng) as .docx and PDF.

Always Vietnamese, like the decision (awards.domain.decision_document, whose province name, place,
money and upper-case helpers it reuses; the .docx pieces are shared in awards.domain.docx_parts).
One function, `minutes_content`, decides every line; the .docx and the PDF template only lay it out.

Form (Decree 30/2020 header): issuing body (the provincial People's Committee | the council) beside
the national motto, place and date, the title, time and place of the meeting, the chairperson and
the secretary, the members present and absent (by name; absent members' written votes), the quorum
with its figures, one row per nominee voted (room + written votes, share of ALL members, threshold,
result), the annulled votes with their reason, the ranking for limited places, the closing lines and
the signature blocks of the chairperson and the secretary.
"""

import io
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation

from portal.dates import official_date
from portal.numbers import format_number

from ..enums import ParameterKind
from ..models import CouncilPosition
from . import AwardsError
from .council import has_quorum, share_of
from .decision_document import _upper, province_name, province_place
from .docx_parts import cell_lines, official_page, paragraph_in, xml_safe
from .parameters import parameter_value
from .ranking import session_rankings

TITLE = "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG"
POSITIONS = {
    CouncilPosition.CHAIRMAN: "Chủ tịch Hội đồng",
    CouncilPosition.VICE_CHAIRMAN: "Phó Chủ tịch Hội đồng",
    CouncilPosition.STANDING_MEMBER: "Ủy viên thường trực",
    CouncilPosition.MEMBER: "Ủy viên",
}
POSITION_ORDER = list(POSITIONS)


@dataclass
class VoteRow:
    index: int
    name: str
    unit: str
    award: str
    in_favour: str
    against: str
    share: str
    threshold: str
    result: str


def _percent(value, decimals=2):
    with translation.override("vi"):
        return f"{format_number(value, decimals)}%"


def _member_line(member, extra=""):
    title = f", {member.title}" if member.title else ""
    return f"{member.full_name} – {POSITIONS.get(member.position, 'Ủy viên')}{title}{extra}"


def _votes(session):
    return list(
        session.votes.select_related(
            "nominee__award", "nominee__person", "nominee__unit", "nominee__proposal__unit", "annulled_by"
        ).order_by("pk")
    )


def minutes_content(session):
    """Every line of the session's minutes, for the .docx and the PDF template alike."""
    province = province_name()
    attendance = sorted(
        session.attendance.select_related("member"),
        key=lambda row: (POSITION_ORDER.index(row.member.position), row.member.search_text),
    )
    present = [_member_line(row.member) for row in attendance if row.present]
    absent = [
        _member_line(
            row.member,
            " (đã gửi phiếu biểu quyết bằng văn bản)" if row.written_vote_received else " (không gửi phiếu)",
        )
        for row in attendance
        if not row.present
    ]
    written_count = sum(1 for row in attendance if not row.present and row.written_vote_received)
    try:
        quorum = parameter_value(kind=ParameterKind.QUORUM, on=session.held_on)
    except AwardsError:
        quorum = None
    members, here = session.member_count, session.present_count
    presence = f"Có mặt {here}/{members} thành viên Hội đồng ({_percent(share_of(here, members), None)})"
    if quorum is None:
        quorum_line = f"{presence}."
    elif has_quorum(present_count=here, member_count=members, quorum=quorum):
        quorum_line = (
            f"{presence}, đạt tỷ lệ tối thiểu {_percent(quorum, None)} theo quy định; phiên họp đủ điều kiện tiến hành."
        )
    else:
        quorum_line = (
            f"{presence}, chưa đạt tỷ lệ tối thiểu {_percent(quorum, None)} theo quy định; "
            "phiên họp không đủ điều kiện biểu quyết."
        )
    if attendance:
        written_line = (
            f"Số thành viên vắng mặt: {members - here}; số phiếu biểu quyết bằng văn bản nhận được: {written_count}."
        )
    else:
        written_line = f"Số thành viên vắng mặt: {members - here}."
    votes = _votes(session)
    rows, annulled = [], []
    for vote in votes:
        nominee = vote.nominee
        if vote.annulled_at is not None:
            annulled.append(
                f"Kết quả biểu quyết đối với {nominee.recipient_name} ({nominee.award}) "
                f"đã bị hủy ngày {vote.annulled_at.strftime('%d/%m/%Y')}. Lý do: {vote.annul_reason}"
            )
            continue
        rows.append(
            VoteRow(
                index=len(rows) + 1,
                name=nominee.recipient_name,
                unit=nominee.proposal.unit.name,
                award=str(nominee.award),
                in_favour=f"{vote.in_favour + vote.written_in_favour} ({vote.in_favour} + {vote.written_in_favour})",
                against=f"{vote.against + vote.written_against} ({vote.against} + {vote.written_against})",
                share=_percent(vote.share),
                threshold=_percent(vote.threshold, None),
                result="Đạt" if vote.is_passed else "Không đạt",
            )
        )
    ranking_lines = []
    with translation.override("vi"):
        for ranking in session_rankings(session, [vote for vote in votes if vote.annulled_at is None]):
            ranking_lines.append(f"{ranking.award}: {ranking.places} suất.")
            for row in ranking.rows:
                place = "trong số suất" if row.within else "ngoài số suất"
                reason = f" {row.tie_reason}" if row.tie_reason else ""
                ranking_lines.append(
                    f"{row.rank}. {row.nominee.recipient_name} – {_percent(row.vote.share)} – {place}.{reason}"
                )
    chair = session.chair
    secretary = session.secretary
    time = f"{session.starts_at.strftime('%H giờ %M')}, " if session.starts_at else ""
    return {
        "session": session,
        "issuer": [f"ỦY BAN NHÂN DÂN TỈNH {_upper(province)}", "HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG"],
        "motto": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "slogan": "Độc lập - Tự do - Hạnh phúc",
        "place_date": f"{province_place()}, {official_date(session.held_on)}",
        "title": TITLE,
        "subject": "Xét khen thưởng",
        "time_line": f"Thời gian: {time}{official_date(session.held_on)}.",
        "place_line": f"Địa điểm: {session.place}." if session.place else "Địa điểm: —.",
        "chair_line": f"Chủ trì: {_member_line(chair)}." if chair else "Chủ trì: —.",
        "secretary_line": f"Thư ký: {_member_line(secretary)}." if secretary else "Thư ký: —.",
        "present_heading": f"Thành viên có mặt ({here}):",
        "present": present,
        "absent_heading": f"Thành viên vắng mặt ({members - here}):",
        "absent": absent,
        "quorum_line": quorum_line,
        "written_line": written_line,
        "votes_heading": "Kết quả biểu quyết (tỷ lệ tính trên tổng số thành viên Hội đồng):",
        "vote_columns": [
            "STT",
            "Tập thể, cá nhân",
            "Đơn vị",
            "Danh hiệu, hình thức",
            "Đồng ý (tại cuộc họp + văn bản)",
            "Không đồng ý (tại cuộc họp + văn bản)",
            "Tỷ lệ đồng ý",
            "Tỷ lệ cần đạt",
            "Kết quả",
        ],
        "rows": rows,
        "annulled_heading": "Kết quả biểu quyết bị hủy:" if annulled else "",
        "annulled": annulled,
        "ranking_heading": "Xếp thứ tự trong số suất khen thưởng:" if ranking_lines else "",
        "ranking": ranking_lines,
        "notes": session.notes,
        "closing": [
            "Biên bản đã được đọc lại cho các thành viên dự họp nghe và nhất trí thông qua.",
            "Phiên họp kết thúc cùng ngày./.",
        ],
        "signatures": [
            ("THƯ KÝ", secretary.full_name if secretary else ""),
            ("CHỦ TRÌ", chair.full_name if chair else ""),
        ],
    }


def minutes_docx(session):
    """The session's minutes as a .docx the office edits and has signed."""
    from docx import Document

    content = minutes_content(session)
    document = Document()
    official_page(document)
    header = document.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    cell_lines(
        left,
        [(line, {"bold": number == 1, "size": 12.5}) for number, line in enumerate(content["issuer"])]
        + [("―――――", {})],
    )
    cell_lines(
        right,
        [
            (content["motto"], {"bold": True, "size": 12}),
            (content["slogan"], {"bold": True}),
            ("―――――――――――", {}),
            (content["place_date"], {"italic": True}),
        ],
    )
    paragraph_in(document, "")
    paragraph_in(document, content["title"], bold=True, size=14)
    paragraph_in(document, content["subject"], bold=True)
    paragraph_in(document, "")
    for key in ("time_line", "place_line", "chair_line", "secretary_line"):
        paragraph_in(document, content[key], centre=False)
    for heading, lines in (
        (content["present_heading"], content["present"]),
        (content["absent_heading"], content["absent"]),
    ):
        paragraph_in(document, heading, bold=True, centre=False)
        for line in lines:
            paragraph_in(document, f"- {line}", centre=False)
    paragraph_in(document, content["quorum_line"], centre=False)
    paragraph_in(document, content["written_line"], centre=False)
    paragraph_in(document, content["votes_heading"], bold=True, centre=False)
    table = document.add_table(rows=1, cols=len(content["vote_columns"]))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, content["vote_columns"], strict=True):
        cell.text = text
    for row in content["rows"]:
        values = [str(row.index), row.name, row.unit, row.award, row.in_favour, row.against]
        values += [row.share, row.threshold, row.result]
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = xml_safe(value)
    for heading, lines in (
        (content["annulled_heading"], content["annulled"]),
        (content["ranking_heading"], content["ranking"]),
    ):
        if heading:
            paragraph_in(document, heading, bold=True, centre=False)
            for line in lines:
                paragraph_in(document, line, centre=False)
    if content["notes"]:
        paragraph_in(document, content["notes"], centre=False)
    for line in content["closing"]:
        paragraph_in(document, line, centre=False)
    signatures = document.add_table(rows=1, cols=2)
    for cell, (heading, name) in zip(signatures.rows[0].cells, content["signatures"], strict=True):
        cell_lines(cell, [(heading, {"bold": True}), ("", {}), ("", {}), ("", {}), (name, {"bold": True})])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def minutes_html(session):
    with translation.override("vi"):
        return render_to_string("awards/minutes_pdf.html", minutes_content(session))


def minutes_pdf(session):
    """The same minutes as PDF (A4, Decree 30 margins), through the reports' WeasyPrint helper."""
    from portal.rendering import html_to_pdf

    return html_to_pdf(minutes_html(session))
