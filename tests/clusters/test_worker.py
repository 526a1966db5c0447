"""A real Celery worker process runs the daily phase advance."""

import time
from datetime import date, timedelta

import pytest

from clusters.enums import PhaseKind
from clusters.models import Phase
from clusters.tasks import advance_phases
from tests.factories.clusters import TermFactory


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_advances_phases(celery_worker_process, settings):
    assert settings.CELERY_TASK_ALWAYS_EAGER is False
    term = TermFactory()
    today = date.today()
    Phase.objects.create(
        term=term,
        kind=PhaseKind.COMPACT,
        starts_on=today - timedelta(days=20),
        ends_on=today - timedelta(days=1),
        is_active=True,
    )
    Phase.objects.create(term=term, kind=PhaseKind.SELF_ASSESSMENT, starts_on=today, ends_on=today + timedelta(days=10))

    advance_phases.delay()

    deadline = time.monotonic() + 30
    while not Phase.objects.filter(term=term, kind=PhaseKind.SELF_ASSESSMENT, is_active=True).exists():
        assert time.monotonic() < deadline, "the worker did not advance the phase"
        time.sleep(0.2)
    assert not Phase.objects.get(term=term, kind=PhaseKind.COMPACT).is_active
