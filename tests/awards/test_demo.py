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


def test_demo_council_session_has_attendance_an_annulled_vote_and_a_tie_for_a_woman():
    from awards.domain.demo_council import SESSION_NOTES
    from awards.domain.ranking import session_rankings
    from awards.models import CouncilSession

    directory_demo.seed(with_logins=True)
    demo.seed(with_logins=True)
    session = CouncilSession.objects.get(notes=SESSION_NOTES)
    assert (session.member_count, session.present_count) == (9, 8)
    assert session.attendance.filter(present=False, written_vote_received=True).count() == 1
    votes = list(session.votes.select_related("nominee__person", "nominee__award", "nominee__unit"))
    assert [vote.annulled_at is not None for vote in votes] == [True, False, False]
    (ranking,) = session_rankings(session, [vote for vote in votes if vote.annulled_at is None])
    assert [(row.nominee.recipient_name, row.within) for row in ranking.rows] == [
        ("Trịnh Thị Mai", True),
        ("Đinh Văn Khoa", False),
    ]
