"""Certificates (issue 15, certificates): a decision's certificates for the pre-printed blanks, a
record's signed digital certificate, and the administrator's live preview of a layout."""

import json
import logging
import time

from csp.decorators import csp_replace
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin

from portal.errors import DomainError
from portal.permissions import object_view, permission_required
from portal.signing import SigningUnavailable, signing_configured

from ..domain.certificates.digital import file_name, issue_certificate
from ..domain.certificates.layout import blank_from
from ..domain.certificates.printing import batch_pdf, preview_pdf
from ..models import Award, AwardRecord
from .decisions import DECISIONS

logger = logging.getLogger(__name__)
RECORDS = AwardRecord.objects.select_related("award", "unit", "decision", "nominee")


@object_view(DECISIONS, "awards.print_certificatelayout")
def decision_certificates(request, decision):
    """One PDF of the decision's awardees, a page each, only the texts (for the pre-printed blanks)."""
    started = time.monotonic()
    data = batch_pdf(decision)
    if data is None:
        messages.error(request, _("This decision has no award record, so there is no certificate to print."))
        return redirect("awards:decision_detail", decision.pk)
    logger.info("certificate batch", extra={"decision": decision.pk, "seconds": round(time.monotonic() - started, 2)})
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bang-khen-{decision.pk}.pdf"'
    return response


def _confirm(request, record, *, refusal="", status=200):
    back = (
        reverse("awards:decision_detail", args=[record.decision_id]) if record.decision_id else reverse("awards:lookup")
    )
    context = {
        "title": _("Digital certificate"),
        "subject": str(record),
        "back": back,
        "question": _(
            "Sign the digital certificate of {name} ({award}) with the portal's signature and download it? "
            "A certificate already signed with the same content is downloaded again, not signed twice."
        ).format(name=record.recipient_name, award=record.award),
        "submit": _("Sign and download"),
        "safe": True,
        "refusal": refusal,
    }
    return render(request, "portal/confirm.html", context, status=status)


@object_view(RECORDS, "awards.add_issuedcertificate")
def record_certificate(request, record):
    """GET: what will happen (or why it cannot: no signer). POST: the signed PDF, issued once per content."""
    if signing_configured() is None:
        return _confirm(
            request, record, refusal=SigningUnavailable().message, status=200 if request.method == "GET" else 400
        )
    if request.method != "POST":
        return _confirm(request, record)
    try:
        certificate = issue_certificate(record=record, by=request.user)
    except DomainError as error:
        return _confirm(request, record, refusal=str(error), status=400)
    try:
        handle = certificate.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=file_name(record), content_type="application/pdf")


def _preview_values(data):
    """(award or None, blank or None, errors) from the admin form's current values."""
    errors = []
    award = None
    award_id = (data.get("award") or "").strip()
    if award_id:
        award = Award.objects.filter(pk=award_id).first() if award_id.isdigit() else None
        if award is None:
            errors.append(_("The award chosen does not exist."))
    raw = data.get("fields") or ""
    try:
        fields = json.loads(raw)
    except ValueError as error:
        errors.append(_("The fields are not valid JSON: {problem}").format(problem=error))
        return award, None, errors
    blank, problems = blank_from(
        width_mm=data.get("page_width_mm"), height_mm=data.get("page_height_mm"), fields=fields
    )
    return award, blank, errors + problems


@xframe_options_sameorigin
@csp_replace({"frame-ancestors": ["'self'"]})
@permission_required("awards.change_certificatelayout")
def layout_preview(request):
    """The layout from the admin form's unsaved values as a PDF with a grid; its errors otherwise.

    Shown in the layout's admin page (an <iframe> the form posts to, static/js/certificate_preview.js).
    """
    data = request.POST if request.method == "POST" else request.GET
    award, blank, errors = _preview_values(data)
    if errors or blank is None:
        return render(request, "awards/certificates/preview_errors.html", {"errors": errors}, status=400)
    response = HttpResponse(preview_pdf(blank, award), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="mau-bang-khen.pdf"'
    # A PDF shown in the frame: Chromium refuses its viewer under the pages' object-src 'none'.
    response._csp_exempt = True
    return response
