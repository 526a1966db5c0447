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
        "decided",
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


@pytest.mark.slow
def test_demo_has_a_passing_and_a_failing_case_of_each_rule_reading_the_ratings():
    directory_demo.seed(with_logins=True)  # the awards demo needs the office's officer
    demo.seed(with_logins=True)
    rows = Nominee.objects.filter(proposal__title__startswith="Ví dụ xếp loại hoàn thành nhiệm vụ").values_list(
        "award__code", "eligibility_status"
    )
    found = {}
    for code, status in rows:
        found.setdefault(code, set()).add(status)
    assert found == {code: {"passed", "failed"} for code in ("LDTT", "CSTDCS", "BKCT-CN", "TTLDXS", "BKCT-TT")} | {
        "TTLDTT": {"failed"}
    }  # its passing cases are the Sở Tư pháp and Sở Xây dựng dossiers
    passing = Nominee.objects.get(proposal__title__startswith="Bằng khen của Chủ tịch UBND tỉnh năm 2025")
    assert passing.eligibility_status == "passed"  # rated excellent 2024 (Nam Định, merged) and 2025
    assert "Hoàn thành xuất sắc nhiệm vụ 2024, 2025." in passing.eligibility_explanation


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


def test_demo_gives_the_statistical_forms_tiers_enterprises_and_two_records_to_check():
    """Issue 14 (fields): every tier and commendation type is counted, enterprises' awards, a household,
    and exactly the two individual records left without a tier on purpose."""
    from awards.domain.demo_tiers import WITHOUT_TIER
    from awards.models import AwardRecord

    directory_demo.seed(with_logins=True)
    demo.seed(with_logins=True)

    individual = AwardRecord.objects.filter(is_collective=False, is_household=False)
    missing = sorted(individual.filter(position_tier="").values_list("recipient_name", flat=True))
    assert missing == sorted(name for name, _code, _award in WITHOUT_TIER)
    assert set(individual.values_list("position_tier", flat=True)) - {""} == {
        "senior_leader",
        "department_leader",
        "business",
        "other_leader",
        "direct_worker",
    }
    assert AwardRecord.objects.filter(is_collective=True, unit__is_enterprise=True).count() >= 2
    assert AwardRecord.objects.filter(is_household=True).exists()
    assert set(AwardRecord.objects.values_list("commendation_type", flat=True)) >= {
        "regular",
        "special",
        "thematic",
        "lifetime",
        "service",
        "resistance",
        "foreign",
    }
