import html
import io
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass

import pytest
from auditlog.models import LogEntry
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.uploads import DocumentFileField, UploadRejected, check_upload
from tests.files import HOSTILE, HTML, PDF, PDF_WITH_JAVASCRIPT, docx, image, inflating_xlsx, package
from tests.files import OFFICE as OFFICE_PARTS


def docx_bytes():
    # A real package has its content types and relationships besides the document itself.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("_rels/.rels", "<Relationships/>")
        package.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"%PDF-1.7 ...", ("application/pdf", "pdf")),
        (image("JPEG"), ("image/jpeg", "jpg")),
        (image("PNG"), ("image/png", "png")),
    ],
)
def test_check_upload_recognises_files_by_their_first_bytes(content, expected):
    assert check_upload(SimpleUploadedFile("ten-bat-ky.bin", content)) == expected


def test_check_upload_recognises_a_word_document_inside_its_zip():
    assert check_upload(SimpleUploadedFile("bao-cao.pdf", docx_bytes()))[1] == "docx"


def test_check_upload_refuses_a_script_named_pdf():
    with pytest.raises(UploadRejected, match="không được chấp nhận"):
        check_upload(SimpleUploadedFile("to-trinh.pdf", b"#!/bin/sh\nrm -rf /\n"))


def test_check_upload_refuses_a_file_over_the_limit():
    with pytest.raises(UploadRejected, match="vượt giới hạn"):
        check_upload(SimpleUploadedFile("lon.pdf", b"%PDF" + b"0" * 2000), max_bytes=1000)


class EvidenceForm(forms.Form):
    file = DocumentFileField()


def test_document_file_field_reports_the_reason_as_a_form_error():
    form = EvidenceForm(files={"file": SimpleUploadedFile("minh-chung.pdf", b"not really a pdf")})

    assert not form.is_valid()
    assert "không được chấp nhận" in form.errors["file"][0]


# ---------------------------------------------------------------------------
# Every upload endpoint refuses the hostile files and writes nothing
# ---------------------------------------------------------------------------


DOCUMENT_MESSAGES = {
    "pdf-with-javascript": "chứa mã lệnh (JavaScript)",
    "zip-posing-as-docx": "không phải là tài liệu Word (.docx) hoặc Excel (.xlsx) thật",
    "inflating-xlsx": "quá lớn sau khi giải nén",
    "html-renamed-png": "Tệp này không được chấp nhận",
}
IMPORT_MESSAGES = {
    **dict.fromkeys(DOCUMENT_MESSAGES, "không phải là tệp Excel (.xlsx)"),
    "inflating-xlsx": "quá lớn sau khi giải nén",
}


@dataclass
class Endpoint:
    user: object
    url: str
    data: object  # file -> POST data
    models: tuple
    messages: dict


def movements_document(cast):
    from movements.models import MovementDocument
    from tests.factories.movements import MovementFactory

    movement = MovementFactory()
    url = reverse("movements:document_create", args=[movement.pk])
    return Endpoint(
        cast["officer"], url, lambda f: {"title": "Kế hoạch", "file": f}, (MovementDocument,), DOCUMENT_MESSAGES
    )


def awards_document(cast):
    from awards.models import ProposalDocument
    from tests.factories.awards import ProposalFactory

    proposal = ProposalFactory(unit=cast["unit_officer"].unit)
    url = reverse("awards:document_upload", args=[proposal.pk])
    return Endpoint(
        cast["unit_officer"], url, lambda f: {"kind": "evidence", "file": f}, (ProposalDocument,), DOCUMENT_MESSAGES
    )


def awards_nominee_import(cast):
    from awards.models import Nominee
    from tests.factories.awards import ProposalFactory

    proposal = ProposalFactory(unit=cast["unit_officer"].unit)
    url = reverse("awards:nominee_import", args=[proposal.pk])
    return Endpoint(cast["unit_officer"], url, lambda f: {"file": f}, (Nominee,), IMPORT_MESSAGES)


def awards_history_import(cast):
    from awards.models import AwardRecord

    url = reverse("awards:history_import")
    return Endpoint(cast["officer"], url, lambda f: {"file": f}, (AwardRecord,), IMPORT_MESSAGES)


def clusters_evidence(cast):
    from clusters.models import Score
    from tests.factories.clusters import scored_term

    term = scored_term(lead_unit=cast["unit_officer"].unit, members=2, criteria=1)
    criterion = term.criterion_list[0]
    url = reverse("clusters:sheet_detail", args=[term.sheet_list[0].pk])
    return Endpoint(
        cast["unit_officer"],
        url,
        lambda f: {"version": "1", "action": "save", f"value-{criterion.pk}": "1", f"evidence-{criterion.pk}": f},
        (Score,),
        DOCUMENT_MESSAGES,
    )


def _own_report(cast):
    from tests.factories.reports import MemberReportFactory, term_with_members

    unit = cast["unit_officer"].unit
    return MemberReportFactory(term=term_with_members(members=[unit]), unit=unit)


def reports_attachment(cast):
    from reports.models import ReportAttachment

    url = reverse("reports:report_attach", args=[_own_report(cast).pk])
    return Endpoint(
        cast["unit_officer"], url, lambda f: {"title": "Phụ lục", "file": f}, (ReportAttachment,), DOCUMENT_MESSAGES
    )


def reports_figures(cast):
    from reports.models import IndicatorValue

    url = reverse("reports:report_upload", args=[_own_report(cast).pk])
    return Endpoint(cast["unit_officer"], url, lambda f: {"file": f}, (IndicatorValue,), IMPORT_MESSAGES)


def directory_import(cast):
    from directory.models import Person, Unit

    url = reverse("directory:import")
    return Endpoint(cast["officer"], url, lambda f: {"kind": "units", "file": f}, (Unit, Person), IMPORT_MESSAGES)


ENDPOINTS = [
    movements_document,
    awards_document,
    awards_nominee_import,
    awards_history_import,
    clusters_evidence,
    reports_attachment,
    reports_figures,
    directory_import,
]


def stored_files(root):
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda endpoint: endpoint.__name__)
@pytest.mark.parametrize(("what", "name", "content", "_words"), HOSTILE, ids=[entry[0] for entry in HOSTILE])
def test_every_upload_endpoint_refuses_hostile_files_and_writes_nothing(
    cast, client_as, settings, tmp_path, endpoint, what, name, content, _words
):
    settings.MEDIA_ROOT = tmp_path / "media"
    target = endpoint(cast)
    client = client_as(target.user)
    before = [model.objects.count() for model in (*target.models, LogEntry)]

    response = client.post(target.url, target.data(SimpleUploadedFile(name, content())), follow=True)

    page = html.unescape(response.content.decode())
    assert response.status_code in (200, 400)
    assert target.messages[what] in page
    assert [model.objects.count() for model in (*target.models, LogEntry)] == before
    assert stored_files(tmp_path / "media") == []


# ---------------------------------------------------------------------------
# What a document must be
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "content",
    [
        PDF_WITH_JAVASCRIPT,
        b"%PDF-1.7\n1 0 obj << /Type /Action /S /J#61vaScript /J#53 (x) >> endobj\n",  # escaped names
        b"%PDF-1.7\n1 0 obj << /AA << /O 2 0 R >> >> endobj\n",
        b"%PDF-1.7\n1 0 obj << /S /Launch /F (cmd.exe) >> endobj\n",
        b"%PDF-1.7\n1 0 obj << /OpenAction 5 0 R >> endobj\n",
        # JavaScript hidden in a compressed object stream
        b"%PDF-1.7\n1 0 obj << /Type /ObjStm /Filter /FlateDecode >>\nstream\n"
        + zlib.compress(b"<< /S /JavaScript /JS (app.alert(1)) >>")
        + b"\nendstream\nendobj\n",
    ],
)
def test_a_pdf_with_scripts_or_automatic_actions_is_refused(content):
    with pytest.raises(UploadRejected, match="JavaScript"):
        check_upload(SimpleUploadedFile("to-trinh.pdf", content))


def test_a_pdf_that_opens_at_its_first_page_is_accepted():
    content = b"%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction [3 0 R /XYZ null null 0] /JSON 1 >> endobj\n"

    assert check_upload(SimpleUploadedFile("ke-hoach.pdf", content)).extension == "pdf"


def test_an_office_package_needs_its_parts_and_no_macros():
    missing_rels = package({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    with_macros = package({**OFFICE_PARTS, "word/document.xml": b"<w:document/>", "word/vbaProject.bin": b"\0"})

    with pytest.raises(UploadRejected, match="thiếu các thành phần"):
        check_upload(SimpleUploadedFile("bao-cao.docx", missing_rels))
    with pytest.raises(UploadRejected, match="macro"):
        check_upload(SimpleUploadedFile("bao-cao.docx", with_macros))
    assert check_upload(SimpleUploadedFile("bao-cao.docx", docx())).extension == "docx"


def test_a_workbook_inflating_past_the_limit_is_refused_as_a_document_too():
    with pytest.raises(UploadRejected, match="giải nén") as refused:
        check_upload(SimpleUploadedFile("so-lieu.xlsx", inflating_xlsx()))

    assert refused.value.code == "unpacked"


def test_an_html_page_renamed_png_is_refused():
    with pytest.raises(UploadRejected, match="không được chấp nhận"):
        check_upload(SimpleUploadedFile("minh-chung.png", HTML))


def test_a_file_is_renamed_to_the_extension_its_content_proves():
    upload = SimpleUploadedFile("minh-chung.png", PDF)

    assert check_upload(upload) == ("application/pdf", "pdf")
    assert upload.name == upload.original_name == "minh-chung.pdf"


@pytest.mark.django_db
def test_a_document_is_stored_and_served_under_its_proven_extension(client_as, officer, settings, tmp_path):
    from tests.factories.movements import MovementFactory

    settings.MEDIA_ROOT = tmp_path
    movement = MovementFactory()
    client = client_as(officer)

    client.post(
        reverse("movements:document_create", args=[movement.pk]),
        {"title": "Biên bản", "file": SimpleUploadedFile("minh-chung.png", PDF)},
    )
    document = movement.documents.get()
    response = client.get(reverse("movements:document_download", args=[document.pk]))
    b"".join(response.streaming_content)

    assert document.file.name.endswith("/minh-chung.pdf")
    assert 'filename="minh-chung.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.django_db
def test_an_awards_document_keeps_the_senders_name_with_the_proven_extension(officer, settings, tmp_path):
    from awards.domain.documents import upload_document
    from tests.factories.awards import ProposalFactory

    settings.MEDIA_ROOT = tmp_path
    document = upload_document(
        proposal=ProposalFactory(), kind="evidence", uploaded_file=SimpleUploadedFile("to-trinh.png", PDF), by=officer
    )

    assert document.file.name.endswith(".pdf")
    assert (document.original_name, document.extension) == ("to-trinh.pdf", "pdf")


@pytest.mark.django_db
def test_a_replaced_file_is_deleted_from_storage(settings, tmp_path, django_capture_on_commit_callbacks):
    from movements.models import MovementDocument
    from tests.factories.movements import MovementFactory

    settings.MEDIA_ROOT = tmp_path
    document = MovementDocument(movement=MovementFactory(), title="Kế hoạch")
    document.file.save("cu.pdf", SimpleUploadedFile("cu.pdf", PDF))
    old = tmp_path / document.file.name

    document = MovementDocument.objects.get(pk=document.pk)
    with django_capture_on_commit_callbacks(execute=True):
        document.file = SimpleUploadedFile("moi.pdf", PDF)
        document.save()

    assert old.name == "cu.pdf" and not old.exists()
    assert (tmp_path / document.file.name).exists()


@pytest.mark.django_db
def test_saving_a_row_without_changing_its_file_keeps_the_file(settings, tmp_path, django_capture_on_commit_callbacks):
    from movements.models import MovementDocument
    from tests.factories.movements import MovementFactory

    settings.MEDIA_ROOT = tmp_path
    document = MovementDocument(movement=MovementFactory(), title="Kế hoạch")
    document.file.save("cu.pdf", SimpleUploadedFile("cu.pdf", PDF))

    with django_capture_on_commit_callbacks(execute=True):
        document.title = "Kế hoạch mới"
        document.save()

    assert (tmp_path / document.file.name).exists()


# ---------------------------------------------------------------------------
# NFC and over-long input
# ---------------------------------------------------------------------------
def nfd(text):
    return unicodedata.normalize("NFD", text)


@pytest.mark.django_db
def test_text_and_file_names_sent_decomposed_are_stored_composed(client_as, officer, settings, tmp_path):
    from tests.factories.movements import MovementFactory

    settings.MEDIA_ROOT = tmp_path
    movement = MovementFactory()
    title = "Kế hoạch phát động thi đua Nguyễn Huệ"

    client_as(officer).post(
        reverse("movements:document_create", args=[movement.pk]),
        {nfd("title"): nfd(title), "file": SimpleUploadedFile(nfd("Kế hoạch.pdf"), PDF)},
    )

    document = movement.documents.get()
    assert nfd(title) != title
    assert document.title == title
    assert document.file.name.rsplit("/", 1)[-1] == "Kế_hoạch.pdf"  # storage turns spaces into _


@pytest.mark.django_db
def test_a_search_sent_decomposed_finds_the_composed_name(client_as, officer):
    from tests.factories import UnitFactory

    UnitFactory(name="Sở Tư pháp tỉnh Ninh Bình")

    response = client_as(officer).get(reverse("directory:unit_list"), {"q": nfd("Tư pháp")})

    assert "Sở Tư pháp tỉnh Ninh Bình" in response.content.decode()


@pytest.mark.django_db
def test_a_ten_thousand_character_username_gets_a_clear_message(client, postgresql):
    from axes.models import AccessAttempt, AccessLog

    response = client.post(reverse("login"), {"username": "a" * 10_000, "password": "x"})

    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "tối đa 150 ký tự" in page
    assert not AccessAttempt.objects.exists() and not AccessLog.objects.exists()


@pytest.mark.django_db
def test_a_ten_thousand_character_username_is_refused_at_the_admin_sign_in_too(client, postgresql):
    from axes.models import AccessAttempt

    response = client.post("/admin/login/", {"username": "a" * 10_000, "password": "x"})

    assert response.status_code == 200
    assert "tối đa 150 ký tự" in html.unescape(response.content.decode())
    assert not AccessAttempt.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("what", "name", "content", "_words"), HOSTILE, ids=[entry[0] for entry in HOSTILE])
def test_django_admin_uploads_are_checked_by_content_too(
    client_as, administrator, settings, tmp_path, what, name, content, _words
):
    """Every uploaded-document column is a DocumentField, so Django admin's forms check files as the portal's do."""
    from movements.models import MovementDocument
    from tests.factories.movements import MovementFactory

    settings.MEDIA_ROOT = tmp_path
    movement = MovementFactory()

    response = client_as(administrator).post(
        "/admin/movements/movementdocument/add/",
        {"movement": movement.pk, "title": "Kế hoạch", "number": "1/KH", "file": SimpleUploadedFile(name, content())},
    )

    assert response.status_code == 200
    assert "file" in response.context["adminform"].form.errors
    assert MovementDocument.objects.count() == 0
    assert stored_files(tmp_path) == []


def test_every_uploaded_document_column_checks_its_content():
    from django.apps import apps
    from django.db import models

    from portal.uploads import DocumentField

    generated = {"reports.RenderJob.file", "portal.ExportJob.file"}  # written by the portal itself, never uploaded
    generated |= {"reports.StatReport.xlsx", "reports.StatReport.pdf"}  # a filled form's files, written by its job
    # An import job's file is checked as an Excel workbook (`portal.imports.check_file`) before it is
    # stored, and no form edits it.
    generated |= {"portal.ImportJob.file"}
    generated |= {"awards.IssuedCertificate.file"}  # a signed certificate the portal renders (issue 15, certificates)
    generated |= {"awards.UpwardPackage.file"}  # the upward package's zip, built by the portal (issue 16)
    # A signed original is the portal's own render signed, or an upload checked by
    # `portal.originals.domain.accept_signed` (check_upload, then the signature) before it is stored.
    generated |= {"portal.SignedVersion.file"}
    unchecked = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField) and not isinstance(field, DocumentField)
    ]

    assert sorted(set(unchecked) - generated) == []
