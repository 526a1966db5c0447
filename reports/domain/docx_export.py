"""The conference summary as a .docx, for officers who edit it further. Same content as the PDF."""

import io

from portal.dates import official_date

from .summary import summary_context
from .wording import kind_vi, with_unit

FONT = "Times New Roman"


def summary_docx(conference):
    """Build the .docx in memory and return its bytes. Reads only."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    context = summary_context(conference)
    conference, term, compilation = context["conference"], context["term"], context["compilation"]
    words = context["words"]
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)

    header = document.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.text = (
        f"{(conference.issuing_body or term.cluster.name).upper()}\nSố: {conference.number or '   /' + words.symbol}"
    )
    day = conference.held_on
    place = conference.host_unit.short_name or conference.host_unit.name
    right.text = f"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n{place}, {official_date(day)}"
    for cell in (left, right):
        for paragraph in cell.paragraphs:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("BÁO CÁO\n").bold = True
    title.add_run(conference.title).bold = True

    document.add_heading("I. THÔNG TIN HỘI NGHỊ", level=2)
    document.add_paragraph(f"Hội nghị: {kind_vi(conference.kind)} – {conference.title}")
    document.add_paragraph(f"Thời gian: ngày {day:%d/%m/%Y}")
    document.add_paragraph(f"Địa điểm: {conference.place}; đơn vị đăng cai: {conference.host_unit.name}")
    for person in context["attendees"]:
        document.add_paragraph(f"{person.full_name}, {person.title}", style="List Bullet")

    document.add_paragraph(
        f"{words.lead}: {term.lead_unit.name}"
        + (f"; {words.deputy}: {term.deputy_unit.name}" if term.deputy_unit else "")
    )

    document.add_heading(f"II. KẾT QUẢ CÁC CHỈ TIÊU CỦA {words.noun.upper()}", level=2)
    document.add_paragraph(f"Số thành viên đã gửi báo cáo: {len(compilation.submitted)}/{compilation.member_count}")
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ["Chỉ tiêu", words.whole, "Số thành viên đạt ngưỡng", "Thành viên dẫn đầu"], strict=True
    ):
        cell.text = text
    for row in compilation.indicators:
        unit = row.indicator.measure_unit
        aggregate = (
            f"{with_unit(row.aggregate, 'count')}/{row.reported}"
            if row.aggregate_is_count
            else with_unit(row.aggregate, unit)
        )
        reaching = f"{row.reaching}/{row.reported}" if row.reaching is not None else "—"
        top = "; ".join(f"{f.unit.short_name or f.unit.name} {with_unit(f.value, unit)}" for f in row.top) or "—"
        cells = table.add_row().cells
        for cell, text in zip(cells, [row.indicator.name, aggregate, reaching, top], strict=True):
            cell.text = text

    document.add_heading("III. KẾT QUẢ HỘI NGHỊ", level=2)
    for line in context["adopted_documents"]:
        document.add_paragraph(f"Thông qua: {line}", style="List Bullet")
    if conference.conclusions:
        document.add_paragraph(conference.conclusions)
    for nomination in context["nominations"]:
        document.add_paragraph(f"{nomination.unit.name} – {nomination.get_kind_display()}", style="List Bullet")
    for task in context["next_tasks"]:
        document.add_paragraph(task, style="List Bullet")

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
