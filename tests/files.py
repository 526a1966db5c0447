"""Small real files for upload tests, and the hostile ones every upload endpoint must refuse."""

import functools
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n%%EOF\n"
PDF_WITH_JAVASCRIPT = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> >> endobj\n%%EOF\n"
)
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


@functools.cache
def image(kind="PNG"):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, format=kind)
    return buffer.getvalue()


def package(parts, *, compresslevel=None):
    """A zip of {name: bytes}; values may be (size,) for that many zero bytes, written in chunks."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as archive:
        for name, content in parts.items():
            if isinstance(content, tuple):
                chunk = b"\0" * (1 << 20)
                with archive.open(name, "w", force_zip64=True) as member:
                    for _ in range(content[0] // len(chunk)):
                        member.write(chunk)
            else:
                archive.writestr(name, content)
    return buffer.getvalue()


OFFICE = {"[Content_Types].xml": b"<Types/>", "_rels/.rels": b"<Relationships/>"}


def docx():
    return package({**OFFICE, "word/document.xml": b"<w:document/>"})


def zip_posing_as_docx():
    return package({"word/document.xml": b"<w:document/>", "hello.txt": "xin chào".encode()})


@functools.cache
def inflating_xlsx(megabytes=300):
    """An .xlsx of about 1.3 MB that inflates to `megabytes` MB (level 1 keeps building it fast)."""
    return package(
        {**OFFICE, "xl/workbook.xml": b"<workbook/>", "xl/sharedStrings.xml": (megabytes << 20,)}, compresslevel=1
    )


def upload(name, content):
    return SimpleUploadedFile(name, content)


# (what, file name, content, words of the Vietnamese message): each must be refused everywhere.
HOSTILE = [
    ("pdf-with-javascript", "to-trinh.pdf", lambda: PDF_WITH_JAVASCRIPT, "JavaScript"),
    ("zip-posing-as-docx", "bao-cao.docx", zip_posing_as_docx, "docx"),
    ("inflating-xlsx", "so-lieu.xlsx", inflating_xlsx, "giải nén"),
    ("html-renamed-png", "minh-chung.png", lambda: HTML, "không được chấp nhận"),
]
