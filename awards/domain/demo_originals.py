"""Demo cases of issue 15 (originals): the dossier rule on signed documents and a signed decision.

- `SIGNED_DOCUMENTS`: the catalogue's award whose cover letter must carry a valid signature (the
  Bằng khen của Chủ tịch UBND tỉnh for an individual), set by `demo.seed_catalogue`.
- Two draft dossiers of the Sở Giáo dục và Đào tạo with that award and every required document:
  one whose cover letter is signed by the demo signer (it can be submitted), one whose cover letter
  is not signed (submission is refused, and the page says why).
- The first demo decision signed with the portal's key (version 1 on its page).

Signing needs the demo signer (`manage.py make_demo_signer`, which `make run` calls and exports);
without it the passing dossier's letter cannot be signed, so only the blocked case is made.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from directory.models import Person, Unit

from ..enums import ProposalState
from ..models import Decision, Proposal
from . import catalogue
from .documents import upload_document

SIGNED_DOCUMENTS = {catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL: ["cover_letter"]}
PASSING = "Đề nghị Bằng khen năm 2025 – tờ trình đã ký số (Sở Giáo dục và Đào tạo)"
BLOCKED = "Đề nghị Bằng khen năm 2025 – tờ trình chưa ký số (Sở Giáo dục và Đào tạo)"
LETTER = """<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 20mm 20mm 20mm 30mm } body { font-family: "Liberation Serif"; font-size: 14pt }
</style></head><body><p>SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH NINH BÌNH</p><h1>TỜ TRÌNH</h1>
<p>Về việc đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm 2025.</p></body></html>"""


def _free_person(unit, award):
    """A person of the unit not yet nominated for `award` in 2025 (a nomination is unique)."""
    taken = award.nominees.filter(year=2025, person__isnull=False).values("person_id")
    return Person.objects.filter(unit=unit).exclude(pk__in=taken).order_by("pk").first()


def _dossier(title, unit, award, officer, letter, other):
    if Proposal.objects.filter(title=title, unit=unit).exists():
        return None
    person = _free_person(unit, award)
    if person is None:
        return None
    proposal = Proposal.objects.create(title=title, unit=unit, year=2025, state=ProposalState.DRAFT)
    proposal.nominees.create(award=award, person=person, year=2025, achievement="Hoàn thành xuất sắc nhiệm vụ.")
    upload_document(
        proposal=proposal, kind="cover_letter", uploaded_file=SimpleUploadedFile("to-trinh.pdf", letter), by=officer
    )
    for kind in award.required_documents or []:
        if kind != "cover_letter":
            upload_document(
                proposal=proposal, kind=kind, uploaded_file=SimpleUploadedFile(f"{kind}.pdf", other), by=officer
            )
    return proposal


def seed_originals(awards, officer):
    """The two dossiers and the signed decision (idempotent). Returns the proposals made."""
    from portal.originals import domain
    from portal.originals.registry import signable
    from portal.rendering import html_to_pdf
    from portal.signing import SigningUnavailable, configured_signer, sign_pdf, signing_configured

    unit = Unit.objects.filter(code="NB-SGDDT").first()
    if unit is None:
        return []
    award = awards[catalogue.CHAIRMAN_CERTIFICATE_INDIVIDUAL]
    unsigned = html_to_pdf(LETTER)
    made = [_dossier(BLOCKED, unit, award, officer, unsigned, unsigned)]
    if signing_configured():
        try:
            with configured_signer() as signer:
                signed = sign_pdf(unsigned, signer=signer, title="GIÁM ĐỐC", signer_name="Nguyễn Văn Bình")
        except SigningUnavailable:
            signed = None
        if signed is not None:
            made.append(_dossier(PASSING, unit, award, officer, signed, unsigned))
            decision = Decision.objects.select_related("proposal__unit").order_by("pk").first()
            if decision is not None and not domain.versions_of(decision, "decision").exists():
                domain.sign_with_portal(signable=signable("decision"), obj=decision, by=officer)
    return [proposal for proposal in made if proposal is not None]
