"""Factories for the reports app (and the cluster terms it needs)."""

from datetime import date
from decimal import Decimal

import factory

from clusters.enums import ClusterKind
from clusters.models import Cluster, Term, TermMember
from directory.enums import UnitKind
from reports.enums import Aggregation, ConferenceKind, MeasureUnit, Period, ReportStatus
from reports.models import Conference, ConferenceAttendee, Indicator, IndicatorValue, MemberReport
from tests.factories import UnitFactory


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    name = factory.Sequence(lambda n: f"Cụm thi đua thử nghiệm {n}")
    kind = ClusterKind.CLUSTER


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    cluster = factory.SubFactory(ClusterFactory)
    year = 2019
    lead_unit = factory.SubFactory(UnitFactory, kind=UnitKind.PROVINCE)


def term_with_members(*, lead=None, members=(), count=0, **kwargs):
    """A term whose lead and given units (plus `count` new provinces) are all members."""
    term = TermFactory(**({"lead_unit": lead} if lead else {}), **kwargs)
    units = [term.lead_unit, *members, *UnitFactory.create_batch(count, kind=UnitKind.PROVINCE)]
    for unit in units:
        TermMember.objects.get_or_create(term=term, unit=unit)
    return term


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"indicator-{n}")
    name = factory.Sequence(lambda n: f"Chỉ tiêu {n}")
    measure_unit = MeasureUnit.PERCENT
    aggregation = Aggregation.AVERAGE


class MemberReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberReport

    term = factory.SubFactory(TermFactory)
    unit = factory.LazyAttribute(lambda report: report.term.lead_unit)
    period = Period.H1
    status = ReportStatus.DRAFT


def submitted_report(*, term, unit, figures):
    """A submitted report of `unit` with {indicator: value} figures."""
    from django.utils import timezone

    report = MemberReportFactory(term=term, unit=unit, status=ReportStatus.SUBMITTED, submitted_at=timezone.now())
    for indicator, value in figures.items():
        IndicatorValue.objects.create(report=report, indicator=indicator, value=Decimal(str(value)))
    return report


class ConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conference

    term = factory.SubFactory(TermFactory)
    period = Period.H1
    kind = ConferenceKind.HALF_YEAR
    title = factory.Sequence(lambda n: f"Hội nghị sơ kết 6 tháng đầu năm số {n}")
    held_on = date(2019, 8, 6)
    place = "tỉnh Kiên Giang"
    host_unit = factory.LazyAttribute(lambda conference: conference.term.lead_unit)


class AttendeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConferenceAttendee

    conference = factory.SubFactory(ConferenceFactory)
    full_name = "Trần Thị Hà"
    title = "Thứ trưởng Bộ Nội vụ"
