"""What a statistical form may count: for each dataset, the rows of a year, the fields its filters may
name (annotations included), what the drill-down shows, and the checks before filing.

A check is a filter over the same rows: the rows it matches are those the form cannot classify
(an individual's award without a position tier, a movement without dates). A form is final only
when none of its checks matches a row it counts.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from reports.enums import StatDataset


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    conditions: dict  # a filter in the definitions' syntax, applied on top of the form's base


def _year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


class AwardRecords:
    key = StatDataset.AWARD_RECORDS
    fields = frozenset(
        {
            "award__code",
            "award__level",
            "award__category",
            "is_collective",
            "is_household",
            "position_tier",
            "commendation_type",
            "unit__is_enterprise",
            "unit__kind",
        }
    )
    checks = (
        Check(
            "no_tier",
            _("Awards to individuals without a position tier"),
            {"is_collective": False, "is_household": False, "position_tier": ""},
        ),
    )
    headings = (_("Awarded to"), _("Award"), _("Year"), _("Decision"), _("Position tier"), _("Commendation type"))

    def rows(self, year):
        from awards.models import AwardRecord

        return AwardRecord.objects.filter(year=year)

    def listing(self, rows):
        return rows.select_related("award").order_by("search_text", "pk")

    def describe(self, record):
        return (
            record.recipient_name,
            record.award.name,
            record.year,
            record.decision_number,
            record.get_position_tier_display() or "—",
            record.get_commendation_type_display(),
        )

    def fix_url(self, record):
        return reverse("awards:record_edit", args=[record.pk])


class Movements:
    key = StatDataset.MOVEMENTS
    fields = frozenset({"level", "scope", "kind", "duration_months"})
    checks = (
        Check(
            "no_dates",
            _("Movements without a start or an end date (their duration is unknown)"),
            {"duration_months__isnull": True},
        ),
    )
    headings = (_("Code"), _("Movement"), _("Launched at level"), _("Scope"), _("Movement kind"), _("Period"))

    def rows(self, year):
        """Movements launched and running at some time in the year (drafts are not movements yet)."""
        from movements.enums import MovementState
        from movements.models import Movement

        first, last = _year_bounds(year)
        months = Case(
            When(
                starts_on__isnull=False,
                ends_on__isnull=False,
                then=(ExtractYear("ends_on") - ExtractYear("starts_on")) * 12
                + ExtractMonth("ends_on")
                - ExtractMonth("starts_on")
                + 1,
            ),
            default=None,
            output_field=IntegerField(),
        )
        return (
            Movement.objects.exclude(state=MovementState.DRAFT)
            .annotate(began=Coalesce("starts_on", "plan_date"), duration_months=months)
            .filter(began__lte=last)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=first))
        )

    def listing(self, rows):
        return rows.order_by("code", "pk")

    def describe(self, movement):
        period = " – ".join(
            date_format(day, "SHORT_DATE_FORMAT") for day in (movement.starts_on, movement.ends_on) if day
        )
        return (
            movement.code,
            movement.name,
            movement.get_level_display(),
            movement.get_scope_display(),
            movement.get_kind_display(),
            period or "—",
        )

    def fix_url(self, movement):
        return reverse("movements:movement_update", args=[movement.pk])


class OfficeOrganisations:
    key = StatDataset.OFFICE_ORGANISATIONS
    fields = frozenset({"structure", "unit__kind"})
    checks = ()
    headings = (_("Name"), _("Structure"), _("Belongs to"))

    def rows(self, year):
        from directory.models import OfficeOrganisation

        return OfficeOrganisation.objects.in_year(year)

    def listing(self, rows):
        return rows.select_related("unit").order_by("search_text", "pk")

    def describe(self, organisation):
        return (organisation.name, organisation.get_structure_display(), organisation.unit or "—")

    def fix_url(self, organisation):
        return reverse("directory:office_organisation_edit", args=[organisation.pk])


class OfficeStaff:
    key = StatDataset.OFFICE_STAFF
    fields = frozenset({"gender", "training", "age", "years_in_work", "organisation__structure"})
    checks = ()
    headings = (
        _("Full name"),
        _("Gender"),
        _("Year of birth"),
        _("Training"),
        _("In this work since"),
        _("Organisation"),
    )

    def rows(self, year):
        """The civil servants in post at the end of the year, with their age and years in the work then."""
        from directory.models import OfficeStaff as Staff

        return Staff.objects.in_year(year, start="joined_on", end="left_on").annotate(
            age=Value(year) - F("birth_year"), years_in_work=Value(year) - F("in_work_since")
        )

    def listing(self, rows):
        return rows.select_related("organisation").order_by("search_text", "pk")

    def describe(self, person):
        return (
            person.full_name,
            person.get_gender_display(),
            person.birth_year,
            person.get_training_display(),
            person.in_work_since,
            person.organisation.name,
        )

    def fix_url(self, person):
        return reverse("directory:office_staff_edit", args=[person.pk])


DATASETS = {dataset.key: dataset for dataset in (AwardRecords(), Movements(), OfficeOrganisations(), OfficeStaff())}
