"""Checking an award or a certificate without signing in (issue 15, certificates): by its code,
typed in a form or opened from the certificate's QR code. Only public facts are shown."""

import re

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.throttle import throttled

from ..models import AwardRecord, IssuedCertificate
from ..models.history import VERIFICATION_LENGTH

VERIFY_PER_HOUR = 60
_NOT_CODE = re.compile(r"[\s\-.]+")


def normalised(code):
    """A code as typed: spaces, dashes and dots dropped, upper case ("abcde-23456" -> "ABCDE23456")."""
    return _NOT_CODE.sub("", code or "").upper()[: VERIFICATION_LENGTH + 10]


def public_facts(record):
    """What anyone may read of an award record: never a birth date, an ID number or contact details."""
    latest = (
        IssuedCertificate.objects.filter(record=record)
        .order_by("-signed_at", "-pk")
        .only("signed_at", "signature_state", "signature_summary", "record_id")
        .first()
    )
    return {
        "code": record.verification_code,
        "recipient": record.recipient_name,
        "is_collective": record.is_collective,
        "unit": record.unit.name if record.unit_id and record.unit.name != record.recipient_name else "",
        "award": record.award.name,
        "year": record.year,
        "decision_number": record.decision_number or (record.decision.number if record.decision_id else ""),
        "decided_on": record.decided_on or (record.decision.signed_on if record.decision_id else None),
        "certificate": latest,
    }


@throttled("verify", per_hour=VERIFY_PER_HOUR, counts=lambda request: bool(request.GET.get("code")))
def verify_form(request):
    """The form: a code typed in is looked up on its own page (only a submitted code counts)."""
    code = normalised(request.GET.get("code"))
    if code:
        return redirect("public:verify", code)
    error = _("Enter the code printed on the certificate.") if "code" in request.GET else ""
    return render(request, "awards/public/verify_form.html", {"error": error}, status=400 if error else 200)


@throttled("verify", per_hour=VERIFY_PER_HOUR)
def verify(request, code):
    """One award by its code: the public facts, or a 404 page in the public layout."""
    code = normalised(code)
    record = (
        AwardRecord.objects.select_related("award", "unit", "decision").filter(verification_code=code).first()
        if len(code) == VERIFICATION_LENGTH
        else None
    )
    if record is None:
        return render(request, "awards/public/verify_unknown.html", {"code": code}, status=404)
    return render(request, "awards/public/verify.html", {"facts": public_facts(record)})
