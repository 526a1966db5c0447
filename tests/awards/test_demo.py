"""The demo data: every workflow state, the interesting histories, and idempotent."""

import pytest

from awards.domain import demo
from awards.models import Nominee, Proposal
from directory.domain import demo as directory_demo
from tests.permissions import snapshot

pytestmark = pytest.mark.django_db


def test_demo_covers_every_state_and_is_idempotent():
    directory_demo.seed(with_logins=True)
    assert demo.seed(with_logins=True) == []
    before = snapshot()

    demo.seed(with_logins=True)

    assert snapshot() == before
    assert set(Proposal.objects.values_list("state", flat=True)) == {
        "draft",
        "submitted",
        "returned",
        "under_verification",
        "at_council",
        "public_notice",
        "forwarded",
    }
    statuses = dict(
        Nominee.objects.filter(proposal__state="draft").values_list("person__full_name", "eligibility_status")
    )
    assert statuses["Đỗ Thị Hương"] == "failed"
    assert statuses["Hoàng Văn Nam"] == "held"
    assert statuses["Phạm Thị Lan"] == "passed"
    # The commendation types (issue 12, types): special achievement with no history, length of service.
    assert (statuses["Trần Văn Tâm"], statuses["Ngô Đức Khoa"]) == ("passed", "failed")
    assert (statuses["Bùi Thị Thu"], statuses["Đặng Văn Bình"]) == ("passed", "failed")
