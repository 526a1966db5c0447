"""Dated legal parameters and the money they give: bonuses are Decimal, never float.

Every figure of the law the engine reads is a LegalParameter row (editable, dated, with its legal
basis). `LAW` holds the figure each kind has in the texts in force, with its source: it seeds the
rows (demo data, tests) and answers while no row of that kind has been entered yet, so a fresh
installation checks nominees by the law rather than failing. The base salary, the coefficients,
the vote thresholds and the quorum have no such default: an administrator enters them.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal

from django.utils.translation import gettext as _

from ..enums import ParameterKind, RecipientKind
from ..models import LegalParameter
from . import AwardsError


@dataclass(frozen=True)
class LawFigure:
    value: Decimal
    effective_from: date
    legal_basis: str


LAW = {
    # Art. 28: "có trên 50% cá nhân trong tập thể đạt danh hiệu Lao động tiên tiến" (strictly more).
    ParameterKind.ADVANCED_COLLECTIVE_SHARE: LawFigure(
        Decimal("50"), date(2024, 1, 1), "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 28"
    ),
    # Art. 27: "có 100% cá nhân hoàn thành nhiệm vụ, trong đó có ít nhất 70% cá nhân đạt Lao động tiên tiến".
    ParameterKind.EXCELLENT_COLLECTIVE_SHARE: LawFigure(
        Decimal("70"), date(2024, 1, 1), "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 27"
    ),
    # Art. 22: Chiến sĩ thi đua cấp tỉnh for those with 3 consecutive times Chiến sĩ thi đua cơ sở.
    ParameterKind.PROVINCIAL_FIGHTER_YEARS: LawFigure(
        Decimal("3"), date(2024, 1, 1), "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 22"
    ),
    # The chairman's Bằng khen: 2 consecutive years (of Chiến sĩ thi đua cơ sở, or of excellent completion).
    ParameterKind.CHAIRMAN_CERTIFICATE_YEARS: LawFigure(
        Decimal("2"), date(2024, 1, 1), "Luật Thi đua, khen thưởng số 06/2022/QH15 (Bằng khen của Chủ tịch UBND tỉnh)"
    ),
    # ... and, on the excellent-completion route, 2 initiatives.
    ParameterKind.CHAIRMAN_CERTIFICATE_INITIATIVES: LawFigure(
        Decimal("2"), date(2024, 1, 1), "Luật Thi đua, khen thưởng số 06/2022/QH15 (Bằng khen của Chủ tịch UBND tỉnh)"
    ),
    # Ties between nominees ranked for a limited number of places favour a woman, or a collective with
    # at least 70% women. The principle is in the commendation rules of the decree (Nghị định
    # 152/2025/NĐ-CP, as in Nghị định 98/2023/NĐ-CP before it); the article is not pinned here.
    ParameterKind.WOMEN_COLLECTIVE_SHARE: LawFigure(
        Decimal("70"), date(2025, 7, 1), "Nghị định số 152/2025/NĐ-CP (nguyên tắc khen thưởng: ưu tiên nữ)"
    ),
    ParameterKind.HOUSEHOLD_FACTOR: LawFigure(Decimal("1.5"), date(2025, 7, 1), "Nghị định số 152/2025/NĐ-CP"),
    ParameterKind.ROUNDING_STEP: LawFigure(Decimal("10000"), date(2025, 7, 1), "Nghị định số 152/2025/NĐ-CP"),
}


def parameter_value(*, kind, on, award=None):
    """The value of `kind` in force on the date `on` (the row with the latest effective_from <= on).

    With no row in force, the figure of the law (`LAW`) when the kind has one; AwardsError otherwise.
    """
    row = (
        LegalParameter.objects.filter(kind=kind, award=award, effective_from__lte=on)
        .order_by("-effective_from")
        .values_list("value", flat=True)
        .first()
    )
    if row is None and award is None and kind in LAW:
        return LAW[kind].value
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


def whole_parameter(*, kind, on):
    """A count of the law (years, initiatives) as an int."""
    return int(parameter_value(kind=kind, on=on))


def seed_law_parameters():
    """Create the rows of `LAW` that are missing (demo data, a new installation). Returns how many were made."""
    made = 0
    for kind, figure in LAW.items():
        _row, created = LegalParameter.objects.get_or_create(
            kind=kind,
            award=None,
            effective_from=figure.effective_from,
            defaults={"value": figure.value, "legal_basis": figure.legal_basis},
        )
        made += created
    return made


def round_up(amount, step=None):
    """Round an amount up to the next multiple of `step` (10,000 VND by default, the law's step)."""
    step = Decimal(step if step is not None else LAW[ParameterKind.ROUNDING_STEP].value)
    return (Decimal(amount) / step).to_integral_value(rounding=ROUND_CEILING) * step


def bonus_amount(*, coefficient, base_salary, is_household=False, household_factor=None, step=None):
    """coefficient x base salary (x 1.5 for a household), rounded up to 10,000 VND."""
    amount = Decimal(coefficient) * Decimal(base_salary)
    if is_household:
        amount *= Decimal(
            household_factor if household_factor is not None else LAW[ParameterKind.HOUSEHOLD_FACTOR].value
        )
    return round_up(amount, step)


def bonus_for(*, award, on, is_household=False):
    """The bonus of `award` by the parameters in force on `on` (the decision date)."""
    base_salary = parameter_value(kind=ParameterKind.BASE_SALARY, on=on)
    coefficient = parameter_value(kind=ParameterKind.COEFFICIENT, on=on, award=award)
    household = is_household or award.recipient_kind == RecipientKind.HOUSEHOLD
    step = parameter_value(kind=ParameterKind.ROUNDING_STEP, on=on)
    if step <= 0:
        raise AwardsError(
            _(
                "The bonus rounding step in force on {date} must be greater than zero. "
                "An administrator must correct it."
            ).format(date=on.strftime("%d/%m/%Y"))
        )
    return bonus_amount(
        coefficient=coefficient,
        base_salary=base_salary,
        is_household=household,
        household_factor=parameter_value(kind=ParameterKind.HOUSEHOLD_FACTOR, on=on) if household else None,
        step=step,
    )
