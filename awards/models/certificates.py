"""Certificates (issue 15, certificates): where each field goes on an award's pre-printed blank, and
the signed digital certificates issued for award records.

A layout is data (`CertificateLayout.fields`, JSON), checked by `layout_errors` (the admin form,
`clean()` and the live preview ask the same function); the PDFs are made in awards/domain/certificates/.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from directory.rules import is_administrator, is_officer
from portal.numbers import NumberError, parse_number
from portal.signed_documents import SignatureChecked

from ..rules import can_issue_certificate, can_print_certificates

# What a layout may print, in the order the admin's help lists them.
FIELD_CHOICES = {
    "recipient_name": _("recipient's name"),
    "unit_name": _("unit"),
    "achievement": _("achievement"),
    "award_name": _("award"),
    "decision_number": _("decision number"),
    "decision_date": _("decision date"),
    "place_and_date": _("place and date"),
    "signer_title": _("signer's title"),
    "signer_name": _("signer's name"),
    "code": _("verification code"),
}
# Fonts installed on every machine of the portal (fonts-dejavu-core, fonts-liberation2).
FONTS = ("DejaVu Serif", "DejaVu Sans", "Liberation Serif", "Liberation Sans")
ALIGNS = ("left", "center", "right")
KEYS = frozenset({"field", "x_mm", "y_mm", "width_mm", "font", "size_pt", "align", "bold", "uppercase"})
PAGE_MM = (50, 1000)
SIZE_PT = (4, 96)


def _number(value, *, low, high):
    """A JSON number or a typed one ("12,5"), within [low, high]; None when it is neither."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        try:
            number = parse_number(str(value))
        except NumberError:
            return None
    if number is None or not (low <= number <= high):
        return None
    return number


def layout_errors(fields, *, page_width_mm, page_height_mm):
    """Every problem of a layout's `fields`, as Vietnamese (or English) sentences naming the field.

    Returns (errors, cleaned): `cleaned` is the list of fields with numbers as floats and the
    defaults filled in (align "left", bold and uppercase false), usable only when `errors` is empty.
    Side effects: none.
    """
    errors, cleaned = [], []
    if not isinstance(fields, list) or not fields:
        return [gettext("The fields must be a list with at least one field to print.")], []
    width = _number(page_width_mm, low=PAGE_MM[0], high=PAGE_MM[1])
    height = _number(page_height_mm, low=PAGE_MM[0], high=PAGE_MM[1])
    if width is None or height is None:
        errors.append(
            gettext("The page width and height must be between {low} and {high} mm.").format(
                low=PAGE_MM[0], high=PAGE_MM[1]
            )
        )
        width, height = Decimal(PAGE_MM[1]), Decimal(PAGE_MM[1])
    for index, entry in enumerate(fields, start=1):
        if not isinstance(entry, dict):
            errors.append(
                gettext("Field {index}: it must be an object with a field name and positions.").format(index=index)
            )
            continue
        name = entry.get("field")
        which = f"{index} ({name})" if isinstance(name, str) else str(index)

        def problem(message, which=which):
            errors.append(gettext("Field {field}: {problem}").format(field=which, problem=message))

        if name not in FIELD_CHOICES:
            problem(
                gettext("the field must be one of {names}.").format(names=", ".join(FIELD_CHOICES)),
            )
        unknown = sorted(set(entry) - KEYS)
        if unknown:
            problem(gettext("unknown key(s) {keys}.").format(keys=", ".join(map(str, unknown))))
        x = _number(entry.get("x_mm"), low=0, high=width)
        y = _number(entry.get("y_mm"), low=0, high=height)
        box = _number(entry.get("width_mm"), low=1, high=width)
        size = _number(entry.get("size_pt"), low=SIZE_PT[0], high=SIZE_PT[1])
        if x is None:
            problem(gettext("x_mm must be a number from 0 to the page width ({width} mm).").format(width=width))
        if y is None:
            problem(gettext("y_mm must be a number from 0 to the page height ({height} mm).").format(height=height))
        if box is None:
            problem(gettext("width_mm must be a number from 1 to the page width ({width} mm).").format(width=width))
        elif x is not None and x + box > width:
            problem(
                gettext("the field runs past the right edge of the page (x_mm + width_mm > {width}).").format(
                    width=width
                )
            )
        if size is None:
            problem(gettext("size_pt must be a number from {low} to {high}.").format(low=SIZE_PT[0], high=SIZE_PT[1]))
        font = entry.get("font", FONTS[0])
        if font not in FONTS:
            problem(gettext("the font must be one of {fonts}.").format(fonts=", ".join(FONTS)))
        align = entry.get("align", "left")
        if align not in ALIGNS:
            problem(gettext("align must be left, center or right."))
        for flag in ("bold", "uppercase"):
            if not isinstance(entry.get(flag, False), bool):
                problem(gettext("{flag} must be true or false.").format(flag=flag))
        if not errors:
            cleaned.append(
                {
                    "field": name,
                    "x_mm": float(x),
                    "y_mm": float(y),
                    "width_mm": float(box),
                    "font": font,
                    "size_pt": float(size),
                    "align": align,
                    "bold": entry.get("bold", False),
                    "uppercase": entry.get("uppercase", False),
                }
            )
    return errors, cleaned if not errors else []


class CertificateLayout(RulesModel):
    """Where each field of an award's certificate goes on its pre-printed blank ("mẫu phôi")."""

    award = models.OneToOneField(
        "awards.Award", verbose_name=_("award"), on_delete=models.CASCADE, related_name="certificate_layout"
    )
    page_width_mm = models.PositiveSmallIntegerField(
        _("page width (mm)"), default=297, help_text=_("A4 landscape is 297 x 210 mm, A4 portrait 210 x 297 mm.")
    )
    page_height_mm = models.PositiveSmallIntegerField(_("page height (mm)"), default=210)
    fields = models.JSONField(
        _("fields"),
        default=list,
        help_text=_(
            'A list of {"field", "x_mm", "y_mm", "width_mm", "font", "size_pt", "align", "bold", "uppercase"}: '
            "x_mm from the left edge to the text box, y_mm from the top edge to the top of its first line."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("certificate layout")
        verbose_name_plural = _("certificate layouts")
        ordering = ["award__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(page_width_mm__gte=PAGE_MM[0], page_width_mm__lte=PAGE_MM[1])
                & Q(page_height_mm__gte=PAGE_MM[0], page_height_mm__lte=PAGE_MM[1]),
                name="certificate_layout_page_size",
                violation_error_message=_("The page width and height must be between 50 and 1000 mm."),
            ),
        ]
        rules_permissions = {
            "view": is_officer,
            "add": is_administrator,
            "change": is_administrator,
            "delete": is_administrator,
            # printing a decision's certificates on the blanks (checked on the decision)
            "print": can_print_certificates,
        }

    def __str__(self):
        return str(_("Certificate layout: {award}").format(award=self.award))

    def clean(self):
        from django.core.exceptions import ValidationError

        errors, _cleaned = layout_errors(
            self.fields, page_width_mm=self.page_width_mm, page_height_mm=self.page_height_mm
        )
        if errors:
            raise ValidationError({"fields": errors})


def certificate_path(instance, filename):
    return f"awards/certificates/{instance.record_id}/{timezone.now():%Y%m%d%H%M%S%f}.pdf"


class IssuedCertificate(SignatureChecked, RulesModel):
    """A signed digital certificate of an award record, kept as issued (a later one never replaces it).

    A row of its own rather than a file on AwardRecord: a corrected record gets a new certificate
    and the one already handed out stays checkable; the public page shows the latest one's state.
    """

    record = models.ForeignKey(
        "awards.AwardRecord", verbose_name=_("award record"), on_delete=models.PROTECT, related_name="certificates"
    )
    file = models.FileField(_("file"), upload_to=certificate_path, max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    content_key = models.CharField(
        _("content key"),
        max_length=64,
        help_text=_("A hash of what the certificate shows: the same content is not signed again."),
    )
    signed_at = models.DateTimeField(_("signed at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued at the request of"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("digital certificate")
        verbose_name_plural = _("digital certificates")
        ordering = ["record", "-signed_at", "-pk"]
        indexes = [models.Index(fields=["record", "-signed_at"], name="issued_certificate_latest")]
        # The object of these rules is the award record (whose unit may issue its certificate).
        rules_permissions = {
            "view": can_issue_certificate,
            "add": can_issue_certificate,
            "change": is_administrator,
            "delete": is_administrator,
        }

    def __str__(self):
        return str(_("Digital certificate of {record}").format(record=self.record))
