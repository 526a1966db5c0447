"""Uploaded files, checked by what they contain and how big they are, never by their name.

Accepted: PDF, Word (.docx), Excel (.xlsx), JPEG and PNG, recognised by their content:
- a PDF starts with ``%PDF`` and carries no JavaScript or automatic action (``/JavaScript``, ``/JS``,
  ``/OpenAction`` with an action, ``/AA``, ``/Launch``...), looked for in the raw bytes and inside
  its compressed streams (object streams included);
- a .docx or .xlsx is a real Office package: ``[Content_Types].xml``, ``_rels/.rels`` and
  ``word/document.xml`` or ``xl/workbook.xml``, no macros, and no bigger once unpacked than
  ``UPLOAD_MAX_UNPACKED_BYTES`` (a zip bomb is refused as a document as well as an import);
- a PNG or JPEG has its signature and Pillow can read it (an HTML page renamed .png is refused).

`check_upload` is the one entry point (`DocumentFileField` calls it in forms). It also renames the
upload to the extension its content proves, keeping the sender's name (NFC, with the proven
extension) in ``uploaded_file.original_name``: every FileField then stores ``minh-chung.png`` that
is really a PDF as ``minh-chung.pdf``, and serves it so. `delete_replaced_files` (connected in
`portal.apps`) removes a file from storage once the row that held it points at another one.
"""

import io
import re
import zipfile
import zlib
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django import forms
from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_save, pre_save
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import DomainError
from .numbers import format_number
from .text import nfc

__all__ = [
    "ACCEPTED_DESCRIPTION",
    "ACCEPT_ATTRIBUTE",
    "DocumentFileField",
    "Proven",
    "UploadRejected",
    "check_upload",
    "inspect",
    "megabytes",
    "nfc",
    "proven_name",
]

ACCEPTED_DESCRIPTION = gettext_lazy("PDF, Word (.docx), Excel (.xlsx), JPEG or PNG")
ACCEPT_ATTRIBUTE = ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OFFICE_PARTS = ("[Content_Types].xml", "_rels/.rels")
MAX_PACKAGE_MEMBERS = 10_000

# Names a PDF uses to run something by itself. /OpenAction is only refused when it holds an action
# (a dictionary or a reference): "open at page 1" is written as an array and is harmless.
PDF_ACTIVE_NAMES = {"JavaScript", "JS", "AA", "Launch", "SubmitForm", "ImportData", "RichMedia"}
PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
PDF_STREAM = re.compile(rb"stream\r?\n")


class UploadRejected(DomainError):
    """The file as a whole is unusable; the message is for the user, `code` says why for the code.

    Codes: "size", "unpacked", "kind" (not an accepted kind, or not really what it looks like),
    "active" (a PDF with scripts or actions), "macros", "image" (a damaged or disguised image).
    """

    def __init__(self, message=None, *, code="kind"):
        super().__init__(message)
        self.code = code


class Proven(NamedTuple):
    """What the content of an accepted file proves it is."""

    content_type: str
    extension: str


def megabytes(size, *, rounding=ROUND_HALF_UP):
    """A size in MB for messages, in the active language's format, at most one decimal and no
    trailing zero: "10" for 10 MB, "12,4" for 12.4 MB in Vietnamese ("12.4" in English).

    `rounding=ROUND_CEILING` shows a size just over a limit above it (10.01 MB is "10,1").
    """
    exact = Decimal(size) / (1024 * 1024)
    value = exact.quantize(Decimal("0.1"), rounding=rounding)
    if not value and exact:  # a tiny limit (tests, settings) is not "0 MB"
        value = exact.quantize(Decimal("0.001"), rounding=ROUND_CEILING)
    return format_number(value.normalize() if value != value.to_integral() else value.to_integral())


def _too_large(size, limit):
    shown, limit_shown = megabytes(size), megabytes(limit)
    if shown == limit_shown:  # just over: never "10 MB, over the 10 MB limit"
        shown = megabytes(size, rounding=ROUND_CEILING)
    return UploadRejected(
        _("The file is {size} MB, over the {limit} MB limit.").format(size=shown, limit=limit_shown), code="size"
    )


def _not_accepted():
    return UploadRejected(_("This file is not accepted: only {kinds} files are.").format(kinds=ACCEPTED_DESCRIPTION))


# ---------------------------------------------------------------------------
# Content checks
# ---------------------------------------------------------------------------
def _pdf_name(raw):
    """A PDF name with its #xx escapes decoded (/J#61vaScript is /JavaScript)."""
    if b"#" in raw:
        raw = re.sub(rb"#([0-9A-Fa-f]{2})", lambda escape: bytes([int(escape.group(1), 16)]), raw)
    return raw.decode("latin-1")


def _pdf_is_active(data):
    """Whether a PDF fragment names JavaScript or an automatic action."""
    for match in PDF_NAME.finditer(data):
        name = _pdf_name(match.group(1))
        if name in PDF_ACTIVE_NAMES:
            return True
        if name == "OpenAction" and data[match.end() : match.end() + 64].lstrip()[:1] != b"[":
            return True
    return False


def _pdf_streams(data, budget):
    """The inflated content of each Flate-compressed stream, within `budget` bytes in all."""
    for match in PDF_STREAM.finditer(data):
        start = match.end()
        end = data.find(b"endstream", start)
        if end < 0:
            end = len(data)
        inflater = zlib.decompressobj()
        try:
            inflated = inflater.decompress(data[start:end], budget + 1)
        except zlib.error:
            continue  # not Flate: images and fonts keep their own encodings
        budget -= len(inflated)
        if budget < 0:
            raise UploadRejected(_("The file is too large once unpacked."), code="unpacked")
        yield inflated


def check_pdf(data, *, max_unpacked):
    if _pdf_is_active(data) or any(_pdf_is_active(part) for part in _pdf_streams(data, max_unpacked)):
        raise UploadRejected(
            _("This PDF contains scripts or automatic actions, which are not accepted. Save it as a plain PDF again."),
            code="active",
        )
    return Proven("application/pdf", "pdf")


def check_office(data, *, max_unpacked):
    not_office = UploadRejected(
        _("This file is not a real Word (.docx) or Excel (.xlsx) document: some of its required parts are missing.")
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise not_office from None
    if len(members) > MAX_PACKAGE_MEMBERS or sum(member.file_size for member in members) > max_unpacked:
        raise UploadRejected(_("The file is too large once unpacked."), code="unpacked")
    names = {member.filename for member in members}
    if not all(part in names for part in OFFICE_PARTS):
        raise not_office
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise UploadRejected(
            _("This document contains macros, which are not accepted. Save it without them."), code="macros"
        )
    if "word/document.xml" in names:
        return Proven(DOCX_TYPE, "docx")
    if "xl/workbook.xml" in names:
        return Proven(XLSX_TYPE, "xlsx")
    raise not_office


def check_image(data, proven):
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow comes with WeasyPrint
        return proven
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != {"png": "PNG", "jpg": "JPEG"}[proven.extension]:
                raise ValueError(image.format)
            image.verify()
    except Exception:  # Pillow raises many kinds on damaged or disguised files
        raise UploadRejected(_("This image is damaged or is not really a JPEG or PNG image."), code="image") from None
    return proven


def inspect(data, *, max_unpacked=None):
    """What `data` proves to be (a `Proven`), or UploadRejected with the reason."""
    max_unpacked = max_unpacked or settings.UPLOAD_MAX_UNPACKED_BYTES
    if data.startswith(b"%PDF"):
        return check_pdf(data, max_unpacked=max_unpacked)
    if data.startswith(b"\xff\xd8\xff"):
        return check_image(data, Proven("image/jpeg", "jpg"))
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return check_image(data, Proven("image/png", "png"))
    if data.startswith(b"PK\x03\x04"):
        return check_office(data, max_unpacked=max_unpacked)
    raise _not_accepted()


# ---------------------------------------------------------------------------
# Uploads
# ---------------------------------------------------------------------------
def proven_name(name, extension):
    """The sender's file name (NFC, no folder) with the extension the content proved."""
    name = nfc((name or "").replace("\\", "/").rsplit("/", 1)[-1]).strip()
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = stem.strip(" .") or "tai-lieu"
    return f"{stem[: 240 - len(extension)]}.{extension}"


def check_upload(uploaded_file, *, max_bytes=None, kinds=None):
    """The `Proven` (content type, extension) of an acceptable upload; UploadRejected otherwise.

    `max_bytes` defaults to UPLOAD_MAX_BYTES (imports pass IMPORT_MAX_BYTES); `kinds` limits the
    accepted extensions. Side effects: renames the upload to its proven extension (the sender's name
    is kept in `original_name`) and leaves it positioned at its start, ready to be saved.
    """
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    if uploaded_file.size > max_bytes:
        raise _too_large(uploaded_file.size, max_bytes)
    uploaded_file.seek(0)
    data = uploaded_file.read(max_bytes + 1)
    uploaded_file.seek(0)
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    proven = inspect(data)
    if kinds is not None and proven.extension not in kinds:
        raise _not_accepted()
    original = getattr(uploaded_file, "original_name", None) or uploaded_file.name
    uploaded_file.original_name = proven_name(original, proven.extension)
    uploaded_file.name = uploaded_file.original_name
    return proven


class DocumentFileField(forms.FileField):
    """A form field for a document, checked by content and size (UPLOAD_MAX_BYTES)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", gettext_lazy("{kinds}; checked by content.").format(kinds=ACCEPTED_DESCRIPTION))
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", ACCEPT_ATTRIBUTE)

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded and hasattr(uploaded, "size") and uploaded is not initial:
            try:
                check_upload(uploaded)
            except UploadRejected as error:
                raise forms.ValidationError(str(error)) from None
        return uploaded


class DocumentField(models.FileField):
    """A model's uploaded document: every form of it (the portal's and Django admin's) checks the
    content with `DocumentFileField`, so no path stores an unchecked file."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": DocumentFileField, **kwargs})


# ---------------------------------------------------------------------------
# Replaced files leave storage
# ---------------------------------------------------------------------------
def _file_fields(model):
    return [field for field in model._meta.concrete_fields if isinstance(field, models.FileField)]


def _remember_stored_files(sender, instance, raw=False, **kwargs):
    fields = _file_fields(sender)
    if raw or instance.pk is None or instance._state.adding:
        return
    # Only a row receiving a new file (not yet in storage) can leave an old one behind.
    if all(getattr(getattr(instance, field.attname), "_committed", True) for field in fields):
        return
    names = [field.attname for field in fields]
    instance._stored_files = sender._base_manager.filter(pk=instance.pk).values(*names).first() or {}


def _delete_replaced_files(sender, instance, raw=False, **kwargs):
    stored = instance.__dict__.pop("_stored_files", None)
    if raw or not stored:
        return
    for field in _file_fields(sender):
        old = stored.get(field.attname)
        new = getattr(instance, field.attname)
        new = getattr(new, "name", new)
        if old and old != new:
            storage = field.storage
            transaction.on_commit(lambda storage=storage, old=old: storage.delete(old))


def delete_replaced_files():
    """Connect the signals that delete a stored file once its row points at another (after commit),
    for the models that have a file column only: saving any other row costs nothing."""
    from django.apps import apps

    for model in apps.get_models():
        if _file_fields(model):
            label = model._meta.label
            pre_save.connect(_remember_stored_files, sender=model, dispatch_uid=f"portal.uploads.remember.{label}")
            post_save.connect(_delete_replaced_files, sender=model, dispatch_uid=f"portal.uploads.delete.{label}")
