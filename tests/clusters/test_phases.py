"""The schedule: phases never overlap, the daily task advances them, reminders go out."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from clusters.domain.criteria import copy_criteria, ensure_criteria_editable, reopen_scoring
from clusters.domain.errors import DomainError
from clusters.domain.reminders import send_sheet_reminders
from clusters.domain.schedule import advance_phases
from clusters.enums import PhaseKind, SheetStatus
from clusters.models import Criterion, Phase, Sheet
from clusters.tasks import advance_phases as advance_phases_task
from tests.factories import UserFactory
from tests.factories.clusters import CriterionFactory, TermFactory, scored_term


@pytest.mark.django_db
def test_overlapping_phase_is_refused_with_a_vietnamese_message():
    term = TermFactory()
    Phase.objects.create(term=term, kind=PhaseKind.COMPACT, starts_on=date(2026, 1, 1), ends_on=date(2026, 1, 31))
    overlapping = Phase(
        term=term, kind=PhaseKind.SELF_ASSESSMENT, starts_on=date(2026, 1, 31), ends_on=date(2026, 3, 1)
    )

    with pytest.raises(ValidationError, match="trùng thời gian"):
        overlapping.full_clean()
    Phase(term=term, kind=PhaseKind.SELF_ASSESSMENT, starts_on=date(2026, 2, 1), ends_on=date(2026, 3, 1)).full_clean()


@pytest.mark.django_db
def test_phase_ending_before_start_is_refused():
    phase = Phase(term=TermFactory(), kind=PhaseKind.VOTE, starts_on=date(2026, 5, 2), ends_on=date(2026, 5, 1))

    with pytest.raises(ValidationError):
        phase.full_clean()


@pytest.mark.django_db
def test_advance_phases_activates_todays_phase_and_opens_sheets():
    term = scored_term(members=3, phase=PhaseKind.COMPACT)
    Sheet.objects.filter(term=term).delete()
    start = term.phases.get(kind=PhaseKind.SELF_ASSESSMENT).starts_on

    changed = advance_phases(today=start)
    again = advance_phases(today=start)

    assert (changed, again) == (1, 0)
    assert term.phases.get(is_active=True).kind == PhaseKind.SELF_ASSESSMENT
    assert Sheet.objects.filter(term=term).count() == 3


@pytest.mark.django_db
def test_advance_phases_task_advances_todays_phase():
    term = scored_term(members=2, phase=PhaseKind.COMPACT)
    term.phases.filter(kind=PhaseKind.COMPACT).update(
        starts_on=date.today() - timedelta(days=30), ends_on=date.today() - timedelta(days=20)
    )
    term.phases.filter(kind=PhaseKind.SELF_ASSESSMENT).update(
        starts_on=date.today() - timedelta(days=1), ends_on=date.today() + timedelta(days=3)
    )
    term.phases.exclude(kind__in=[PhaseKind.COMPACT, PhaseKind.SELF_ASSESSMENT]).delete()

    assert advance_phases_task.apply().get() == 1
    assert term.phases.get(is_active=True).kind == PhaseKind.SELF_ASSESSMENT


@pytest.mark.django_db
def test_reminders_go_to_members_without_submitted_sheets_three_days_before_closing(django_capture_on_commit_callbacks):
    term = scored_term(members=3)
    phase = term.phases.get(kind=PhaseKind.SELF_ASSESSMENT)
    late = UserFactory(unit=term.unit_list[1], is_unit_officer=True, email="muon@example.vn")
    UserFactory(unit=term.unit_list[2], is_unit_officer=True, email="xong@example.vn")
    Sheet.objects.filter(unit=term.unit_list[2]).update(status=SheetStatus.SUBMITTED)

    assert send_sheet_reminders(today=phase.ends_on - timedelta(days=2)) == 0
    with django_capture_on_commit_callbacks(execute=True):  # mail goes out after commit
        sent = send_sheet_reminders(today=phase.ends_on - timedelta(days=3))

    assert sent == 1
    assert mail.outbox[0].to == [late.email]
    assert "Nhắc việc" in mail.outbox[0].subject


@pytest.mark.django_db
def test_criteria_locked_once_scoring_started_until_lead_reopens():
    term = scored_term(members=2, phase=PhaseKind.SELF_ASSESSMENT)
    criterion = term.criterion_list[0]
    criterion.max_points = 20

    with pytest.raises(ValidationError, match="mở lại"):
        criterion.full_clean()
    reopen_scoring(term=term, by=None)
    term.refresh_from_db()
    criterion.group.term = term
    criterion.full_clean()
    ensure_criteria_editable(term=term)


@pytest.mark.django_db
def test_criteria_editable_before_scoring():
    term = scored_term(members=2, phase=PhaseKind.COMPACT)

    ensure_criteria_editable(term=term)


@pytest.mark.django_db
def test_criteria_copied_from_last_year():
    last_year = scored_term(members=2, criteria=3, groups=2, phase=PhaseKind.RESULTS)
    this_year = TermFactory(cluster=last_year.cluster, year=last_year.year + 1, lead_unit=last_year.lead_unit)
    CriterionFactory.reset_sequence()

    copy_criteria(source=last_year, target=this_year)

    assert Criterion.objects.filter(group__term=this_year).count() == 6
    with pytest.raises(DomainError):
        copy_criteria(source=last_year, target=this_year)
