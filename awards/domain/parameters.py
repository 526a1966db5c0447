"""Dated legal parameters and the money they give: bonuses are Decimal, never float."""

from decimal import ROUND_CEILING, Decimal

from django.utils.translation import gettext as _

from ..enums import ParameterKind, RecipientKind
from ..models import LegalParameter
from . import AwardsError

ROUNDING_STEP = Decimal(10_000)
HOUSEHOLD_FACTOR = Decimal("1.5")


def parameter_value(*, kind, on, award=None):
    """The value of `kind` in force on the date `on` (the row with the latest effective_from <= on)."""
    row = (
        LegalParameter.objects.filter(kind=kind, award=award, effective_from__lte=on)
        .order_by("-effective_from")
        .values_list("value", flat=True)
        .first()
    )
    if row is None:
        label = ParameterKind(kind).label
        if award is not None:
            label = f"{label} – {award}"
        raise AwardsError(
            _("No value of “{parameter}” is in force on {date}. An administrator must enter it.").format(
                parameter=label, date=on.strftime("%d/%m/%Y")
            )
        )
    return row


def round_up(amount):
    """Round an amount up to the next 10,000 VND."""
    return (Decimal(amount) / ROUNDING_STEP).to_integral_value(rounding=ROUND_CEILING) * ROUNDING_STEP


def bonus_amount(*, coefficient, base_salary, is_household=False):
    """coefficient x base salary (x 1.5 for a household), rounded up to 10,000 VND."""
    amount = Decimal(coefficient) * Decimal(base_salary)
    if is_household:
        amount *= HOUSEHOLD_FACTOR
    return round_up(amount)


def bonus_for(*, award, on, is_household=False):
    base_salary = parameter_value(kind=ParameterKind.BASE_SALARY, on=on)
    coefficient = parameter_value(kind=ParameterKind.COEFFICIENT, on=on, award=award)
    household = is_household or award.recipient_kind == RecipientKind.HOUSEHOLD
    return bonus_amount(coefficient=coefficient, base_salary=base_salary, is_household=household)
