"""The pieces of an official .docx that the decision and the council's minutes share (python-docx):
centred paragraphs and the two-column header and signature tables' cells, with the characters Word
refuses dropped."""

import re

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # Word refuses these characters


def xml_safe(text):
    return _NOT_XML.sub("", str(text))


def paragraph_in(container, text, *, bold=False, italic=False, centre=True, size=None):
    """A paragraph of `text` added to `container` (the document or a table cell), centred by default."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = container.add_paragraph()
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(xml_safe(text))
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    return paragraph


def cell_lines(cell, lines):
    """Fill a cell (which starts with one empty paragraph) with (text, options) lines."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    first = cell.paragraphs[0]
    for number, (text, options) in enumerate(lines):
        if number == 0:
            first.alignment = WD_ALIGN_PARAGRAPH.CENTER if options.get("centre", True) else None
            run = first.add_run(xml_safe(text))
            run.bold, run.italic = options.get("bold", False), options.get("italic", False)
            if options.get("size"):
                run.font.size = Pt(options["size"])
        else:
            paragraph_in(cell, text, **options)


def official_page(document):
    """A4 portrait with the Decree 30 margins (20 mm top and bottom, 30 left, 15 right), Times New Roman 13."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
