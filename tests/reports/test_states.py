"""Member reports and render jobs: the tables, the allowed-state sets, and refusals that write nothing."""

from decimal import Decimal

import pytest

from reports.domain.errors import ReportError
from reports.domain.member_reports import save_figures, submit_report
from reports.domain.workflow import RENDER_JOBS, REPORTS
from reports.enums import RenderStatus, ReportStatus
from tests.factories.reports import IndicatorFactory, MemberReportFactory
from tests.permissions import snapshot
from tests.states import assert_table_is_complete, assert_whole_sentence


def test_the_report_table_is_complete_and_every_refusal_is_a_whole_sentence():
    assert_table_is_complete(REPORTS, list(ReportStatus))


def test_the_allowed_state_sets_agree_with_the_tables():
    assert ReportStatus.editable() == REPORTS.sources(ReportStatus.SUBMITTED)
    assert RenderStatus.active() == RENDER_JOBS.sources(RenderStatus.RUNNING)
    assert RENDER_JOBS.next_states(RenderStatus.DONE) == []
    assert RENDER_JOBS.next_states(RenderStatus.FAILED) == []


@pytest.mark.django_db
def test_a_draft_report_with_figures_is_submitted():
    report = MemberReportFactory()
    save_figures(report=report, values={IndicatorFactory(): Decimal(5)})

    submit_report(report=report, by=None)

    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_at is not None


@pytest.mark.django_db
def test_submitting_again_or_changing_a_submitted_report_is_refused_and_writes_nothing():
    report = MemberReportFactory()
    indicator = IndicatorFactory()
    save_figures(report=report, values={indicator: Decimal(5)})
    submit_report(report=report, by=None)
    before = snapshot()

    with pytest.raises(ReportError) as again:
        submit_report(report=report, by=None)
    with pytest.raises(ReportError) as changed:
        save_figures(report=report, values={indicator: Decimal(6)})

    assert again.value.message == str(REPORTS.refusal(ReportStatus.SUBMITTED, ReportStatus.SUBMITTED))
    assert_whole_sentence(again.value.message)
    assert_whole_sentence(changed.value.message)
    assert snapshot() == before
