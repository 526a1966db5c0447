"""What every job a worker runs shares: taking a row for one worker.

A job is a row with a `status` (`portal.enums.JobStatus`). `claim` moves it to RUNNING with one
conditional UPDATE, so two workers given the same task never both run it. With `lease`, a RUNNING
row whose `claimed_at` is older than the lease (its worker died) may be claimed again, and the row
counts its `attempts`.
"""

from django.db.models import F, Q
from django.utils import timezone

from .enums import JobStatus


def claim(model, *, job_id, lease=None, **updates):
    """True when this worker may run the job `job_id` of `model`; `updates` are written with the claim.

    Side effects: one conditional UPDATE (REQUESTED -> RUNNING; with `lease`, also an expired RUNNING).
    """
    now = timezone.now()
    claimable = Q(status=JobStatus.REQUESTED)
    if lease is not None:
        claimable |= Q(status=JobStatus.RUNNING, claimed_at__lt=now - lease)
        updates = {"claimed_at": now, "attempts": F("attempts") + 1, **updates}
    return bool(model.objects.filter(claimable, pk=job_id).update(status=JobStatus.RUNNING, **updates))
