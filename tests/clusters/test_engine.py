"""The phase engine: whatever way a phase becomes current, entering it does what it needs, once;
and the term page's status says where the term is."""

from datetime import date

import pytest

from clusters.admin import PhaseAdmin, TermAdmin
from clusters.domain.errors import DomainError
from clusters.domain.phases import enter_phase, repair_current_phase
from clusters.domain.schedule import advance_phases
from clusters.domain.status import term_status, vote_explanation
from clusters.enums import ClusterKind, PhaseKind, SheetStatus
from clusters.models import Phase, Sheet, Term, TermMember, VoteRound
from tests.factories import UnitFactory, UserFactory
from tests.factories.clusters import TermFactory, add_phases, scored_term


def term_created_mid_phase(*, members=3, active=PhaseKind.SELF_ASSESSMENT):
    """A term as an administrator creates it in Django admin: members, phases, one already current, no sheets."""
    lead = UnitFactory()
    term = TermFactory(lead_unit=lead)
    for unit in [lead, *(UnitFactory() for _ in range(members - 1))]:
        TermMember.objects.create(term=term, unit=unit)
    add_phases(term, active=active)
    return term


@pytest.mark.django_db
def test_a_term_created_with_self_assessment_current_has_every_sheet_open_after_the_daily_run():
    term = term_created_mid_phase(members=4)
    assert not Sheet.objects.filter(term=term).exists()

    changed = advance_phases()
    again = advance_phases()

    assert (changed, again) == (1, 0)
    assert Sheet.objects.filter(term=term, status=SheetStatus.DRAFT).count() == 4
    assert Term.objects.get(pk=term.pk).active_phase.kind == PhaseKind.SELF_ASSESSMENT


@pytest.mark.django_db
def test_a_term_saved_in_admin_with_self_assessment_current_has_every_sheet_open(client_as, administrator):
    term = term_created_mid_phase(members=3)
    phase = term.phases.get(kind=PhaseKind.SELF_ASSESSMENT)
    client = client_as(administrator)

    response = client.post(
        f"/admin/clusters/phase/{phase.pk}/change/",
        {
            "term": term.pk,
            "kind": phase.kind,
            "starts_on": phase.starts_on.isoformat(),
            "ends_on": phase.ends_on.isoformat(),
            "is_active": "on",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Sheet.objects.filter(term=term).count() == 3


@pytest.mark.django_db
def test_the_admin_term_save_and_phase_save_run_the_engine(rf, administrator):
    term = term_created_mid_phase(members=2)
    request = rf.post("/")
    request.user = administrator

    TermAdmin(Term, None).save_related(request, form=_NoForm(term), formsets=[], change=True)
    assert Sheet.objects.filter(term=term).count() == 2

    TermMember.objects.create(term=term, unit=UnitFactory())
    phase = term.phases.get(is_active=True)
    PhaseAdmin(Phase, None).save_model(request, phase, form=None, change=True)
    assert Sheet.objects.filter(term=term).count() == 3


class _NoForm:
    """What `ModelAdmin.save_related` reads of a form: its instance and (empty) many-to-many data."""

    def __init__(self, instance):
        self.instance = instance

    def save_m2m(self):
        pass


@pytest.mark.django_db
def test_entering_twice_creates_nothing_twice():
    term = term_created_mid_phase(members=3, active=PhaseKind.COMPACT)

    assert enter_phase(term=term, kind=PhaseKind.SELF_ASSESSMENT) == 3
    assert enter_phase(term=term, kind=PhaseKind.SELF_ASSESSMENT) == 0
    assert enter_phase(term=term, kind=PhaseKind.VOTE) == 1
    assert enter_phase(term=term, kind=PhaseKind.VOTE) == 0
    assert repair_current_phase(term=term) == 0

    assert Sheet.objects.filter(term=term).count() == 3
    assert list(VoteRound.objects.filter(term=term).values_list("number", flat=True)) == [1]
    assert list(Phase.objects.filter(term=term, is_active=True).values_list("kind", flat=True)) == [PhaseKind.VOTE]


@pytest.mark.django_db
def test_entering_the_vote_opens_round_one_and_the_daily_run_repairs_a_vote_set_in_admin():
    term = term_created_mid_phase(members=2, active=PhaseKind.VOTE)

    assert advance_phases() == 1

    vote_round = VoteRound.objects.get(term=term)
    assert (vote_round.number, vote_round.is_closed) == (1, False)


@pytest.mark.django_db
def test_entering_a_phase_the_schedule_lacks_is_refused_and_changes_nothing():
    term = TermFactory()
    Phase.objects.create(term=term, kind=PhaseKind.COMPACT, starts_on=date(2026, 1, 1), ends_on=date(2026, 1, 31))

    with pytest.raises(DomainError, match="chưa có giai đoạn"):
        enter_phase(term=term, kind=PhaseKind.VOTE)
    assert not Phase.objects.filter(term=term, is_active=True).exists()


@pytest.mark.django_db
def test_the_daily_run_moves_forward_only_and_never_into_the_results():
    term = term_created_mid_phase(members=2, active=PhaseKind.VOTE)
    review = term.phases.get(kind=PhaseKind.REVIEW)
    results = term.phases.get(kind=PhaseKind.RESULTS)

    advance_phases(today=review.starts_on)  # an earlier phase's dates: the vote stays current
    advance_phases(today=results.starts_on)  # the results are entered by locking them

    assert Term.objects.get(pk=term.pk).active_phase.kind == PhaseKind.VOTE


# --- The term's status ---------------------------------------------------------------------


@pytest.mark.django_db
def test_status_in_self_assessment_names_who_must_act_and_what_is_missing():
    built = scored_term(members=4, phase=PhaseKind.SELF_ASSESSMENT)
    units = built.unit_list
    Sheet.objects.filter(pk=built.sheet_list[1].pk).update(status=SheetStatus.SUBMITTED)
    Sheet.objects.filter(pk=built.sheet_list[2].pk).update(status=SheetStatus.ACCEPTED)

    status = term_status(Term.objects.prefetch_related("phases").select_related("cluster").get(pk=built.pk))

    assert status.current.kind == PhaseKind.SELF_ASSESSMENT
    assert status.next_phase.kind == PhaseKind.REVIEW
    assert status.next_text.startswith("Tiếp theo: giai đoạn thẩm định bắt đầu ngày")
    not_submitted, to_review = status.waiting
    assert set(not_submitted.units) == {units[0].name, units[3].name}
    assert to_review.units == (units[1].name,)
    assert "Cụm trưởng" in to_review.text
    assert "3 phiếu chưa được chấp nhận." in status.missing
    assert "Chưa có Cụm phó của năm nay." in status.missing


@pytest.mark.django_db
def test_status_of_a_bloc_uses_bloc_words_and_flags_missing_criteria():
    term = term_created_mid_phase(members=2, active=PhaseKind.COMPACT)
    term.cluster.kind = ClusterKind.BLOC
    term.cluster.save()

    status = term_status(Term.objects.select_related("cluster").get(pk=term.pk))

    assert "Chưa có tiêu chí." in status.missing
    assert "Chưa có Khối phó của năm nay." in status.missing
    assert "Giao ước thi đua chưa được ký kết." in status.missing
    assert not any("Cụm" in sentence for sentence in status.missing)


@pytest.mark.django_db
def test_status_in_the_vote_names_members_who_have_not_voted_and_the_quorum():
    term = scored_term(members=3, phase=PhaseKind.VOTE, points={i: [5 - i, 1] for i in range(3)})
    from clusters.domain import vote

    vote.cast_ballot(term=term, voter_unit=term.unit_list[0], choice_unit_id=term.unit_list[0].pk, by=None)

    status = term_status(Term.objects.select_related("cluster").get(pk=term.pk))

    assert set(status.waiting[0].units) == {term.unit_list[1].name, term.unit_list[2].name}
    assert "Vòng 1: đã có 1/3 phiếu cần thiết để kiểm phiếu." in status.missing


@pytest.mark.django_db
def test_the_vote_page_explains_when_the_vote_opens(client_as):
    term = scored_term(members=2, phase=PhaseKind.SELF_ASSESSMENT)
    lead = UserFactory(unit=term.lead_unit, is_unit_officer=True)
    vote_phase = term.phases.get(kind=PhaseKind.VOTE)

    page = client_as(lead).get(f"/clusters/terms/{term.pk}/vote/").content.decode()

    assert f"Việc bỏ phiếu mở vào ngày {vote_phase.starts_on:%d/%m/%Y}" in page
    term.phases.filter(kind=PhaseKind.VOTE).delete()
    assert "chưa có giai đoạn" in vote_explanation(
        Term.objects.prefetch_related("phases").get(pk=term.pk), has_candidates=False
    )


@pytest.mark.django_db
def test_the_term_page_shows_where_the_term_is(client_as):
    term = scored_term(members=3, phase=PhaseKind.SELF_ASSESSMENT)
    lead = UserFactory(unit=term.lead_unit, is_unit_officer=True)

    page = client_as(lead).get(f"/clusters/terms/{term.pk}/").content.decode()

    assert "Tình hình năm thi đua" in page
    assert "Thành viên chưa gửi phiếu tự chấm điểm (3):" in page
