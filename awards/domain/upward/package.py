"""The upward package of a proposal to a State award (issue 16, upward): the check, the build, the sending.

The zip holds, under stable ASCII names, the cover letter as uploaded, the nominee list generated as
Word and PDF, each achievement report, the provincial council's minutes (generated from its session)
and the unit's vote minutes as uploaded, the evidence, and the province's decision PDF when it decided
first; `manifest.json` lists every file (name, item, title, format, size, SHA-256, signature state) with
the proposal's identifiers and the package's number and build time (ISO 8601, +07:00). What is expected
is the data in `contents`. Building twice from the same dossier gives the same files, byte for byte
(fixed zip timestamps, Word files repacked with them, PDFs without a build date); only the manifest's
number and time differ.
"""

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.enums import SignatureState
from portal.text import ascii_name

from ...enums import ConferringAuthority, DocumentKind, Outcome, ProposalState
from ...models import CouncilSession, Nominee, Proposal, ProposalDocument, UpwardPackage
from .. import AwardsError
from ..decision_document import province_name
from ..documents import store_document
from ..docx_parts import official_page, paragraph_in, xml_safe
from . import contents
from .contents import GENERATED, MANIFEST_NAME, MANIFEST_SCHEMA

PACKAGE_STATES = frozenset({ProposalState.DECIDED, ProposalState.FORWARDED})
ZIP_TIME = (2000, 1, 1, 0, 0, 0)  # every member's timestamp: the same bytes whenever it is built
MAX_REFERENCE = 255


@dataclass(frozen=True)
class Problem:
    """What stops the package: the expected item it concerns, a whole sentence, where to fix it."""

    key: str
    message: str
    fix_url: str


@dataclass(frozen=True)
class PackageFile:
    name: str
    item: contents.ExpectedItem
    format: str
    data: bytes
    signature_state: str = ""

    @property
    def sha256(self):
        return hashlib.sha256(self.data).hexdigest()


# ---------------------------------------------------------------------------
# What the proposal holds
# ---------------------------------------------------------------------------
def central_nominees(proposal):
    """The nominees going upward: awards of the President or the Prime Minister, not rejected."""
    return list(
        Nominee.objects.filter(proposal=proposal, award__conferred_by__in=ConferringAuthority.proposed_upward())
        .exclude(outcome=Outcome.REJECTED)
        .select_related("award", "person__unit", "unit")
        .order_by("pk")
    )


def is_central(proposal):
    """The proposal names at least one award the province only proposes upward (one query)."""
    return Nominee.objects.filter(
        proposal=proposal, award__conferred_by__in=ConferringAuthority.proposed_upward()
    ).exists()


def _sessions(nominees):
    return list(
        CouncilSession.objects.filter(votes__nominee__in=nominees, votes__annulled_at__isnull=True)
        .distinct()
        .order_by("held_on", "pk")
    )


def _squashed(text):
    return re.sub(r"[^a-z0-9]", "", ascii_name(text).lower())


def match_reports(nominees, reports):
    """Pair each nominee with its achievement report: the report whose file name contains the nominee's
    name (without diacritics, spaces or punctuation); a dossier of one nominee and one report pairs them.
    Returns ({nominee pk: report}, reports left unpaired)."""
    paired, left = {}, list(reports)
    for nominee in nominees:
        wanted = _squashed(nominee.recipient_name)
        for report in left:
            if wanted and wanted in _squashed(report.original_name):
                paired[nominee.pk] = report
                left.remove(report)
                break
    if len(nominees) == 1 and not paired and len(left) == 1:
        paired[nominees[0].pk] = left.pop()
    return paired, left


# ---------------------------------------------------------------------------
# The check
# ---------------------------------------------------------------------------
def check_package(proposal):
    """The problems that stop the package, [] when it can be built. Reads only."""
    return _check(proposal, *_gather(proposal))


def _gather(proposal):
    nominees = central_nominees(proposal)
    documents = list(ProposalDocument.objects.filter(proposal=proposal).order_by("kind", "pk"))
    items = contents.expected_items(
        awards={nominee.award for nominee in nominees}, commendation_type=proposal.commendation_type
    )
    return nominees, documents, items


def _fix_documents(proposal):
    return reverse("awards:upward_check", args=[proposal.pk]) + "#attach"


def _check(proposal, nominees, documents, items):
    problems = []
    back = reverse("awards:proposal_detail", args=[proposal.pk])
    if proposal.state not in PACKAGE_STATES:
        problems.append(Problem("state", _("The package can be built only for a decided or forwarded proposal."), back))
    if not nominees:
        problems.append(
            Problem(
                "nominee_list",
                _("This proposal has no nominee for an award of the President or the Prime Minister."),
                back,
            )
        )
    for item in items:
        if item.source == GENERATED:
            if item.key == contents.COUNCIL_MINUTES.key and item.required and nominees and not _sessions(nominees):
                problems.append(
                    Problem(
                        item.key,
                        _("No council session voted on these nominees: the council's minutes cannot be made."),
                        reverse("awards:session_list"),
                    )
                )
            continue
        rows = [document for document in documents if document.kind == item.source]
        if item.per_nominee:
            paired, _left = match_reports(nominees, rows)
            for nominee in nominees:
                if nominee.pk not in paired:
                    problems.append(
                        Problem(
                            item.key,
                            _(
                                "No achievement report names {name}: attach one whose file name contains "
                                "the nominee's name."
                            ).format(name=nominee.recipient_name),
                            _fix_documents(proposal),
                        )
                    )
            rows = list(paired.values())
        elif item.required and not rows:
            problems.append(
                Problem(item.key, _("Missing: {title}.").format(title=item.title), _fix_documents(proposal))
            )
        for document in rows:
            if not document.file or not document.file.storage.exists(document.file.name):
                problems.append(
                    Problem(
                        item.key,
                        _("The file {name} is missing from storage.").format(name=document.original_name),
                        _fix_documents(proposal),
                    )
                )
            elif item.signed and document.extension != "pdf":
                problems.append(
                    Problem(
                        item.key,
                        _("{name} is not a PDF: {title} must be a digitally signed PDF.").format(
                            name=document.original_name, title=item.title
                        ),
                        _fix_documents(proposal),
                    )
                )
            elif item.signed and document.signature_state != SignatureState.VALID:
                problems.append(
                    Problem(
                        item.key,
                        _("{name} has no valid digital signature: {title} must be signed.").format(
                            name=document.original_name, title=item.title
                        ),
                        _fix_documents(proposal),
                    )
                )
    return problems


# ---------------------------------------------------------------------------
# The generated files
# ---------------------------------------------------------------------------
def nominee_list_content(proposal, nominees):
    """Every line of the nominee list (Vietnamese, whoever builds it), for the .docx and the PDF."""
    province = province_name()
    rows = []
    for index, nominee in enumerate(nominees, start=1):
        if nominee.person_id:
            person = nominee.person
            where = ", ".join(part for part in (person.position, person.unit.name if person.unit_id else "") if part)
        else:
            where = "Tập thể"
        rows.append(
            {
                "index": str(index),
                "name": nominee.recipient_name + (" (hộ gia đình)" if nominee.is_household else ""),
                "where": where,
                "award": nominee.award.name,
                "achievement": nominee.achievement or "",
            }
        )
    return {
        "issuer": ["ỦY BAN NHÂN DÂN", f"TỈNH {province.upper()}"],
        "motto": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "slogan": "Độc lập - Tự do - Hạnh phúc",
        "title": "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
        "subject": f"{proposal.title} (năm {proposal.year})",
        "reference": f"(Kèm theo Tờ trình của Ủy ban nhân dân tỉnh {province}; đơn vị đề nghị: {proposal.unit.name})",
        "columns": ["STT", "Họ và tên / tên tập thể", "Chức vụ, đơn vị", "Hình thức khen thưởng", "Tóm tắt thành tích"],
        "rows": rows,
        "total": f"Tổng số: {len(rows)}",
    }


def stable_zip(data):
    """The same Office file repacked with fixed member timestamps (python-docx stamps the current time)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return buffer.getvalue()


def nominee_list_docx(content):
    from docx import Document

    document = Document()
    official_page(document)
    for line in content["issuer"]:
        paragraph_in(document, line, bold=True, size=12.5)
    paragraph_in(document, content["motto"], bold=True, size=12)
    paragraph_in(document, content["slogan"], bold=True)
    paragraph_in(document, "")
    paragraph_in(document, content["title"], bold=True, size=14)
    paragraph_in(document, content["subject"], bold=True)
    paragraph_in(document, content["reference"], italic=True)
    table = document.add_table(rows=1, cols=len(content["columns"]))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, content["columns"], strict=True):
        cell.text = text
    for row in content["rows"]:
        values = [row["index"], row["name"], row["where"], row["award"], row["achievement"]]
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = xml_safe(value)
    paragraph_in(document, content["total"], bold=True, centre=False)
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue())


def nominee_list_pdf(content):
    from portal.rendering import html_to_pdf

    with translation.override("vi"):
        return html_to_pdf(render_to_string("awards/upward/nominee_list_pdf.html", content))


def _read(document):
    with document.file.open("rb") as handle:
        return handle.read()


def _uploaded(item, document, stem):
    return PackageFile(
        f"{stem}.{document.extension}", item, document.extension, _read(document), document.signature_state or ""
    )


def package_files(proposal, nominees, documents, items):
    """The package's files in their order (the manifest's order too)."""
    from ..decision_document import decision_pdf
    from ..minutes_document import minutes_docx, minutes_pdf

    files = []
    for item in items:
        if item.key == contents.NOMINEE_LIST.key:
            content = nominee_list_content(proposal, nominees)
            files.append(PackageFile(f"{item.prefix}.docx", item, "docx", nominee_list_docx(content)))
            files.append(PackageFile(f"{item.prefix}.pdf", item, "pdf", nominee_list_pdf(content)))
        elif item.key == contents.COUNCIL_MINUTES.key:
            sessions = _sessions(nominees)
            for number, session in enumerate(sessions, start=1):
                stem = item.prefix if len(sessions) == 1 else f"{item.prefix}_{number}"
                files.append(PackageFile(f"{stem}.docx", item, "docx", stable_zip(minutes_docx(session))))
                files.append(PackageFile(f"{stem}.pdf", item, "pdf", minutes_pdf(session)))
        elif item.key == contents.DECISION.key:
            decision = getattr(proposal, "decision", None)
            if decision is not None:
                files.append(PackageFile(f"{item.prefix}.pdf", item, "pdf", decision_pdf(decision)))
        elif item.per_nominee:
            rows = [document for document in documents if document.kind == item.source]
            paired, left = match_reports(nominees, rows)
            index = 0
            for nominee in nominees:
                if nominee.pk in paired:
                    index += 1
                    stem = f"{item.prefix}_{index:02d}_{ascii_name(nominee.recipient_name)}"
                    files.append(_uploaded(item, paired[nominee.pk], stem))
            for document in left:
                index += 1
                files.append(_uploaded(item, document, f"{item.prefix}_{index:02d}"))
        else:
            rows = [document for document in documents if document.kind == item.source]
            for number, document in enumerate(rows, start=1):
                stem = item.prefix if len(rows) == 1 else f"{item.prefix}_{number:02d}"
                files.append(_uploaded(item, document, stem))
    return files


def manifest_for(*, proposal, nominees, items, files, number, built_at, by):
    """The manifest (a dict, written as manifest.json): the package, the proposal, what is expected, every file."""
    awards = {}
    for nominee in nominees:
        entry = awards.setdefault(
            nominee.award.code,
            {"code": nominee.award.code, "name": nominee.award.name, "conferred_by": nominee.award.conferred_by},
        )
        entry["nominees"] = entry.get("nominees", 0) + 1
    decision = getattr(proposal, "decision", None)
    present = {file.item.key for file in files}
    return {
        "schema": MANIFEST_SCHEMA,
        "package": {
            "number": number,
            "built_at": timezone.localtime(built_at).isoformat(timespec="seconds"),
            "built_by": by.get_full_name() or by.get_username(),
        },
        "proposal": {
            "id": proposal.pk,
            "unit": {"code": proposal.unit.code, "name": proposal.unit.name},
            "title": proposal.title,
            "year": proposal.year,
            "commendation_type": proposal.commendation_type,
            "awards": list(awards.values()),
            "nominee_count": len(nominees),
            "decision": {"number": decision.number, "signed_on": decision.signed_on.isoformat()} if decision else None,
        },
        "expected": [
            {
                "key": item.key,
                "title": item.title,
                "required": item.required,
                "formats": list(item.formats),
                "signed": item.signed,
                "present": item.key in present,
            }
            for item in items
        ],
        "files": [
            {
                "name": file.name,
                "item": file.item.key,
                "title": file.item.title,
                "format": file.format,
                "size": len(file.data),
                "sha256": file.sha256,
                "signature_state": file.signature_state,
            }
            for file in files
        ],
    }


def zip_bytes(files, manifest):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in [(file.name, file.data) for file in files] + [
            (MANIFEST_NAME, json.dumps(manifest, ensure_ascii=False, indent=2).encode())
        ]:
            member = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            archive.writestr(member, data)
    return buffer.getvalue()


# ---------------------------------------------------------------------------
# Building, sending, completing the dossier
# ---------------------------------------------------------------------------
class PackageRefused(AwardsError):
    """The dossier has problems: `problems` lists them (the message joins their sentences)."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__(" ".join(problem.message for problem in problems))


def build_package(*, proposal, by, now=None):
    """Build the next package of `proposal` (officers).

    Side effects: writes the zip under MEDIA_ROOT and one UpwardPackage (number = the proposal's next,
    audited in the proposal's history). Raises PackageRefused (with `problems`) and writes nothing when
    `check_package` finds any.
    """
    now = now or timezone.now()
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().select_related("unit").get(pk=proposal.pk)
        nominees, documents, items = _gather(proposal)
        problems = _check(proposal, nominees, documents, items)
        if problems:
            raise PackageRefused(problems)
        number = (UpwardPackage.objects.filter(proposal=proposal).aggregate(top=Max("number"))["top"] or 0) + 1
        files = package_files(proposal, nominees, documents, items)
        manifest = manifest_for(
            proposal=proposal, nominees=nominees, items=items, files=files, number=number, built_at=now, by=by
        )
        data = zip_bytes(files, manifest)
        package = UpwardPackage(
            proposal=proposal,
            number=number,
            built_at=now,
            built_by=by,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            manifest=manifest,
        )
        package.file.save(f"goi-{number:02d}.zip", ContentFile(data), save=False)
        stored = package.file.name
        try:
            with transaction.atomic():
                package.save()
        except IntegrityError:
            package.file.storage.delete(stored)
            raise AwardsError(_("Another package of this proposal was built at the same time; try again.")) from None
    return package


def mark_sent(*, package, by, reference, now=None):
    """Record that `package` was sent to the central system under `reference` (its receipt number).

    Side effects: writes sent_at, sent_by and reference on the package (audited; never changed
    afterwards) and forwards a decided proposal upward (`workflow.forward`), in one transaction. Raises
    AwardsError when the reference is empty or too long, the package was already sent, or a newer
    package of the proposal exists.
    """
    from ..workflow import forward

    reference = " ".join((reference or "").split())
    if not reference:
        raise AwardsError(_("Write the reference the central system gave (its receipt number)."))
    if len(reference) > MAX_REFERENCE:
        raise AwardsError(_("The reference may have at most 255 characters."))
    now = now or timezone.now()
    with transaction.atomic():
        package = UpwardPackage.objects.select_for_update().select_related("proposal").get(pk=package.pk)
        if package.is_sent:
            raise AwardsError(
                _("This package was already sent on {date}.").format(
                    date=timezone.localtime(package.sent_at).strftime("%d/%m/%Y %H:%M")
                )
            )
        if UpwardPackage.objects.filter(proposal_id=package.proposal_id, number__gt=package.number).exists():
            raise AwardsError(_("A newer package of this proposal exists: send that one."))
        proposal = package.proposal
        if proposal.state == ProposalState.DECIDED:
            forward(proposal=proposal, by=by)
        elif proposal.state != ProposalState.FORWARDED:
            raise AwardsError(_("The package can be sent only for a decided or forwarded proposal."))
        package.sent_at, package.sent_by, package.reference = now, by, reference
        package.save(update_fields=["sent_at", "sent_by", "reference"])
    return package


ATTACHABLE = (
    DocumentKind.COVER_LETTER,
    DocumentKind.ACHIEVEMENT_REPORT,
    DocumentKind.VOTE_MINUTES,
    DocumentKind.EVIDENCE,
)


def attach_for_package(*, proposal, kind, uploaded_file, by):
    """An officer completes a decided or forwarded State-award dossier for its package (the province's
    signed cover letter, a missing achievement report...), after the unit can no longer change it.

    Side effects: writes the file under MEDIA_ROOT and one ProposalDocument (audited, in the proposal's
    history; its signature verified on save). Raises AwardsError for a refused file, another kind, or a
    proposal not decided or forwarded, or without a State award.
    """
    if kind not in ATTACHABLE:
        raise AwardsError(_("Choose the kind of document and a file."))

    def packageable(proposal):
        if proposal.state not in PACKAGE_STATES or not is_central(proposal):
            raise AwardsError(_("The package can be built only for a decided or forwarded proposal."))

    return store_document(proposal=proposal, kind=kind, uploaded_file=uploaded_file, by=by, may_attach=packageable)
