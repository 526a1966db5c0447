"""Shared arrangements for the reports tests: private media in a temporary folder, a term the
unit officer leads and one it is only a member of, and the South-western cluster of the demo."""

import pytest
from django.core.files.base import ContentFile

from directory.enums import UnitKind
from reports.domain import demo
from reports.enums import Period, RenderStatus
from reports.models import ClusterReport, RenderJob, ReportAttachment
from tests.factories import UnitFactory
from tests.factories.reports import (
    ConferenceFactory,
    IndicatorFactory,
    MemberReportFactory,
    submitted_report,
    term_with_members,
)

SOUTH_WEST_PROVINCES = {
    "80": "Long An",
    "82": "Tiền Giang",
    "83": "Bến Tre",
    "84": "Trà Vinh",
    "86": "Vĩnh Long",
    "87": "Đồng Tháp",
    "89": "An Giang",
    "91": "Kiên Giang",
    "93": "Hậu Giang",
    "94": "Sóc Trăng",
    "95": "Bạc Liêu",
    "96": "Cà Mau",
}


@pytest.fixture(autouse=True)
def private_media(request, settings, tmp_path):
    # A worker process reads the media folder from its own settings: worker tests keep the default.
    # A module whose data is built once keeps its media in one folder for the whole module.
    if request.node.get_closest_marker("worker") is None and "shared_data" not in request.fixturenames:
        settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def render_in_process(monkeypatch):
    """Run the render task's body in this process instead of sending it to a broker."""
    from reports.domain import jobs

    monkeypatch.setattr("reports.tasks.render_summary.delay", lambda **kwargs: jobs.run_job(**kwargs))


@pytest.fixture
def scenario(member_unit):
    """Term A: the unit officer's unit is a member; term B: it is the lead."""
    return build_scenario(member_unit)


def build_scenario(member_unit):
    indicator = IndicatorFactory(code="grdp-growth", name="Tốc độ tăng trưởng kinh tế (GRDP)")
    other = UnitFactory(name="Trà Vinh", kind=UnitKind.PROVINCE)
    term_a = term_with_members(members=[member_unit, other])
    term_b = term_with_members(lead=member_unit, members=[other], year=2020)
    own = MemberReportFactory(term=term_a, unit=member_unit)
    own.values.create(indicator=indicator, value=8)
    attachment = ReportAttachment(report=own, title="Báo cáo kèm theo")
    attachment.file.save("bao-cao.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    other_report = submitted_report(term=term_a, unit=other, figures={indicator: 17})
    led_report = submitted_report(term=term_b, unit=other, figures={indicator: 9})
    conference_a = ConferenceFactory(term=term_a)
    conference_b = ConferenceFactory(term=term_b)
    job = RenderJob(conference=conference_a, content_hash="0" * 64, status=RenderStatus.DONE)
    job.file.save("tom-tat.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    job.save()
    return {
        "indicator": indicator,
        "term_a": term_a,
        "term_b": term_b,
        "own_report": own,
        "attachment": attachment,
        "other_report": other_report,
        "led_report": led_report,
        "conference_a": conference_a,
        "conference_b": conference_b,
        "cluster_report_a": ClusterReport.objects.create(term=term_a, period=Period.H1, results="Kết quả"),
        "cluster_report_b": ClusterReport.objects.create(term=term_b, period=Period.H1, results="Kết quả"),
    }


def make_south_west():
    """The demo's South-western cluster, H1 2019: twelve provinces, their figures, the conference."""
    for code, name in SOUTH_WEST_PROVINCES.items():
        UnitFactory(name=name, code=code, kind=UnitKind.PROVINCE)
    indicators = demo.seed_indicators()
    return demo.seed_south_west(indicators)


@pytest.fixture
def south_west(db):
    return make_south_west()
