"""The set-up rules: a term copied from last year's, refusals, reasons in the history, locked criteria."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from clusters.domain import setup
from clusters.domain.criteria import CriteriaLocked
from clusters.domain.errors import ClustersError
from clusters.enums import ClusterKind, CriterionKind, PhaseKind
from clusters.models import ClusterMember, Criterion, CriterionGroup, Phase, Score, Sheet, Term, TermMember
from tests.factories.clusters import ClusterFactory, CriterionFactory, CriterionGroupFactory, scored_term
from tests.factories.directory import UnitFactory

pytestmark = pytest.mark.django_db


def last_year_term(*, members=4, phase=PhaseKind.RESULTS):
    term = scored_term(members=members, criteria=2, groups=2, phase=phase)
    Term.objects.filter(pk=term.pk).update(
        year=2025, next_lead_unit=term.unit_list[1], next_deputy_unit=term.unit_list[2]
    )
    term.refresh_from_db()
    return term


def test_create_term_copies_last_year(officer):
    previous = last_year_term()
    child = CriterionGroupFactory(term=previous, parent=CriterionGroup.objects.filter(term=previous).first())
    CriterionFactory(group=child, kind=CriterionKind.DEDUCTION, max_points=5)
    proposal = setup.propose_term(cluster=previous.cluster, year=2026)

    term = setup.create_term(
        cluster=previous.cluster,
        year=2026,
        lead_unit=proposal.lead_unit,
        deputy_unit=proposal.deputy_unit,
        by=officer,
        today=date(2000, 1, 1),
    )

    assert proposal.previous == previous
    assert (proposal.lead_unit, proposal.deputy_unit) == (previous.unit_list[1], previous.unit_list[2])
    assert set(term.memberships.values_list("unit_id", flat=True)) == {unit.pk for unit in previous.unit_list}
    assert Criterion.objects.filter(group__term=term).count() == 5
    assert CriterionGroup.objects.filter(term=term, parent__isnull=False).count() == 1
    old = {phase.kind: phase for phase in previous.phases.all()}
    for phase in term.phases.all():
        assert phase.starts_on == old[phase.kind].starts_on.replace(year=old[phase.kind].starts_on.year + 1)
    assert not term.phases.filter(is_active=True).exists()


def test_cluster_members_valid_that_year_are_proposed_first(officer):
    previous = last_year_term()
    staying, leaving, arriving = previous.unit_list[0], previous.unit_list[3], UnitFactory()
    ClusterMember.objects.create(cluster=previous.cluster, unit=staying, from_year=2020)
    ClusterMember.objects.create(cluster=previous.cluster, unit=leaving, from_year=2020, to_year=2025)
    ClusterMember.objects.create(cluster=previous.cluster, unit=arriving, from_year=2026)

    members = setup.proposed_members(cluster=previous.cluster, year=2026, previous=previous)

    assert members == sorted([staying, arriving], key=lambda unit: (unit.search_text, unit.pk))


def test_term_created_inside_a_phase_makes_it_current(officer):
    previous = last_year_term()
    today = previous.phases.get(kind=PhaseKind.SELF_ASSESSMENT).starts_on.replace(
        year=previous.phases.get(kind=PhaseKind.SELF_ASSESSMENT).starts_on.year + 1
    )

    term = setup.create_term(
        cluster=previous.cluster, year=2026, lead_unit=previous.unit_list[1], by=officer, today=today
    )

    assert term.phases.get(is_active=True).kind == PhaseKind.SELF_ASSESSMENT


def test_create_term_refusals(officer):
    previous = last_year_term()
    outsider_unit = UnitFactory()
    lead = previous.unit_list[1]
    cases = [
        {"year": 2025, "lead_unit": lead},
        {"year": 2026, "lead_unit": lead, "deputy_unit": lead},
        {"year": 2026, "lead_unit": outsider_unit},
        {"year": 2026, "lead_unit": lead, "deputy_unit": outsider_unit},
    ]
    for case in cases:
        with pytest.raises(ClustersError):
            setup.create_term(cluster=previous.cluster, by=officer, **case)
    assert Term.objects.filter(cluster=previous.cluster).count() == 1


def test_first_term_without_members_needs_them(officer):
    cluster = ClusterFactory(kind=ClusterKind.BLOC)
    lead, deputy = UnitFactory(), UnitFactory()

    with pytest.raises(ClustersError):
        setup.create_term(cluster=cluster, year=2026, lead_unit=lead, by=officer)
    term = setup.create_term(
        cluster=cluster, year=2026, lead_unit=lead, deputy_unit=deputy, members=[lead, deputy], by=officer
    )

    assert term.memberships.count() == 2
    assert not term.phases.exists()


def test_running_term_needs_a_reason_and_records_it(officer):
    term = scored_term(members=3, phase=PhaseKind.SELF_ASSESSMENT)

    with pytest.raises(ClustersError):
        setup.update_term(term=term, certificate_count=5, by=officer)
    setup.update_term(term=term, certificate_count=5, by=officer, reason="Quyết định số 12 của Hội đồng")

    entry = LogEntry.objects.get_for_object(term).order_by("-timestamp").first()
    assert entry.additional_data["reason"] == "Quyết định số 12 của Hội đồng"
    assert Term.objects.get(pk=term.pk).certificate_count == 5


def test_term_in_compact_phase_needs_no_reason(officer):
    term = scored_term(members=3, phase=PhaseKind.COMPACT)

    setup.update_term(term=term, vote_candidates=4, by=officer)

    assert Term.objects.get(pk=term.pk).vote_candidates == 4


def test_settings_refuse_lead_that_is_not_a_member(officer):
    term = scored_term(members=3, phase=PhaseKind.COMPACT)

    with pytest.raises(ClustersError):
        setup.update_term(term=term, deputy_unit=UnitFactory(), by=officer)
    with pytest.raises(ClustersError):
        setup.update_term(term=term, deputy_unit=term.unit_list[0], by=officer)


def test_member_with_scores_cannot_be_removed(officer):
    term = scored_term(members=3, phase=PhaseKind.SELF_ASSESSMENT, points={2: [1, 2]})
    scored = term.memberships.get(unit=term.unit_list[2])
    empty = term.memberships.get(unit=term.unit_list[1])
    lead = term.memberships.get(unit=term.lead_unit)

    with pytest.raises(ClustersError):
        setup.remove_term_member(membership=scored, by=officer, reason="Sáp nhập")
    with pytest.raises(ClustersError):
        setup.remove_term_member(membership=lead, by=officer, reason="Sáp nhập")
    setup.remove_term_member(membership=empty, by=officer, reason="Sáp nhập")

    assert not TermMember.objects.filter(pk=empty.pk).exists()
    assert not Sheet.objects.filter(term=term, unit=term.unit_list[1]).exists()


def test_new_member_of_a_term_with_sheets_gets_a_sheet(officer):
    term = scored_term(members=2, phase=PhaseKind.SELF_ASSESSMENT)
    unit = UnitFactory()

    setup.add_term_member(term=term, unit=unit, by=officer, reason="Đơn vị mới thành lập")

    assert Sheet.objects.filter(term=term, unit=unit).exists()
    with pytest.raises(ClustersError):
        setup.add_term_member(term=term, unit=unit, by=officer, reason="lần nữa")


def test_cluster_membership_years(officer):
    cluster = ClusterFactory()
    unit = UnitFactory()
    member = setup.add_cluster_member(cluster=cluster, unit=unit, from_year=2020, by=officer)

    with pytest.raises(ClustersError):
        setup.add_cluster_member(cluster=cluster, unit=unit, from_year=2024, by=officer)
    with pytest.raises(ClustersError):
        setup.add_cluster_member(cluster=cluster, unit=UnitFactory(), from_year=2024, to_year=2023, by=officer)
    setup.end_cluster_member(member=member, to_year=2023, by=officer)
    setup.add_cluster_member(cluster=cluster, unit=unit, from_year=2024, by=officer)

    assert list(setup.members_valid_in(cluster=cluster, year=2023).values_list("from_year", flat=True)) == [2020]
    assert list(setup.members_valid_in(cluster=cluster, year=2025).values_list("from_year", flat=True)) == [2024]


def test_phases_overlap_refused_and_move_uses_the_one_place(officer, monkeypatch):
    term = scored_term(members=2, phase=PhaseKind.COMPACT)
    compact = term.phases.get(kind=PhaseKind.COMPACT)
    calls = []
    original = setup.phases_domain.activate_phase
    monkeypatch.setattr(setup.phases_domain, "activate_phase", lambda **kw: calls.append(kw) or original(**kw))

    with pytest.raises(ClustersError):
        setup.save_phase(
            term=term, kind=PhaseKind.REVIEW, starts_on=compact.starts_on, ends_on=compact.ends_on, by=officer
        )
    setup.move_to_phase(term=term, kind=PhaseKind.SELF_ASSESSMENT, by=officer)
    with pytest.raises(ClustersError):
        setup.move_to_phase(term=term, kind=PhaseKind.REVIEW, by=officer)  # running now: a reason is needed
    setup.move_to_phase(term=term, kind=PhaseKind.REVIEW, by=officer, reason="Hết hạn tự chấm")

    assert [call["kind"] for call in calls] == [PhaseKind.SELF_ASSESSMENT, PhaseKind.REVIEW]
    assert Phase.objects.get(term=term, is_active=True).kind == PhaseKind.REVIEW


def test_current_phase_cannot_be_deleted(officer):
    term = scored_term(members=2, phase=PhaseKind.COMPACT)

    with pytest.raises(ClustersError):
        setup.delete_phase(phase=term.phases.get(is_active=True), by=officer)
    setup.delete_phase(phase=term.phases.get(kind=PhaseKind.RESULTS), by=officer)

    assert term.phases.count() == 4


def test_criteria_locked_once_scoring_started_until_reopened(officer):
    term = scored_term(members=2, phase=PhaseKind.SELF_ASSESSMENT)
    group = CriterionGroup.objects.filter(term=term).first()

    with pytest.raises(CriteriaLocked):
        setup.save_group(term=term, title="Nhóm mới", by=officer, reason="x")
    with pytest.raises(CriteriaLocked):
        setup.save_criterion(group=group, title="Mới", kind=CriterionKind.BONUS, max_points=Decimal(5), by=officer)
    Term.objects.filter(pk=term.pk).update(scoring_reopened=True)
    term.refresh_from_db()
    group = CriterionGroup.objects.select_related("term").get(pk=group.pk)
    with pytest.raises(ClustersError):  # reopened, but still running: a reason is needed
        setup.save_criterion(group=group, title="Mới", kind=CriterionKind.BONUS, max_points=Decimal(5), by=officer)
    criterion = setup.save_criterion(
        group=group, title="Mới", kind=CriterionKind.BONUS, max_points=Decimal(5), by=officer, reason="Sửa bộ tiêu chí"
    )

    assert criterion.position == max(c.position for c in term.criterion_list) + 1
    assert LogEntry.objects.get_for_object(criterion).first().additional_data["reason"] == "Sửa bộ tiêu chí"


def test_criterion_parameters_checked_by_kind(officer):
    term = scored_term(members=2, phase=PhaseKind.COMPACT)
    group = CriterionGroup.objects.filter(term=term).first()

    with pytest.raises(ClustersError):
        setup.save_criterion(
            group=group, title="Chỉ tiêu", kind=CriterionKind.QUANTITATIVE, max_points=Decimal(10), by=officer
        )
    with pytest.raises(ClustersError):
        setup.save_criterion(group=group, title="Đếm", kind=CriterionKind.PER_COUNT, max_points=Decimal(10), by=officer)
    made = setup.save_criterion(
        group=group,
        title="Chỉ tiêu",
        kind=CriterionKind.QUANTITATIVE,
        max_points=Decimal(10),
        target=Decimal(50),
        by=officer,
    )

    assert made.target_share == Decimal("0.50")


def test_groups_nest_once_and_scored_criteria_stay(officer):
    term = scored_term(members=2, phase=PhaseKind.COMPACT)
    top = CriterionGroup.objects.filter(term=term).first()
    child = setup.save_group(term=term, title="Nhóm con", parent=top, by=officer)

    with pytest.raises(ClustersError):
        setup.save_group(term=term, title="Cháu", parent=child, by=officer)
    with pytest.raises(ClustersError):
        setup.save_group(term=term, group=top, title=top.title, parent=child, by=officer)
    criterion = term.criterion_list[0]
    Score.objects.create(sheet=term.sheet_list[0], criterion=criterion, value=1, self_points=1, points=1)
    Term.objects.filter(pk=term.pk).update(scoring_reopened=True)  # the lead reopened scoring
    criterion = Criterion.objects.select_related("group__term").get(pk=criterion.pk)
    top = CriterionGroup.objects.select_related("term").get(pk=top.pk)
    with pytest.raises(ClustersError):
        setup.delete_criterion(criterion=criterion, by=officer, reason="Bỏ tiêu chí")
    with pytest.raises(ClustersError):
        setup.delete_group(group=top, by=officer, reason="Bỏ nhóm")
    setup.delete_criterion(
        criterion=Criterion.objects.select_related("group__term").get(pk=term.criterion_list[1].pk),
        by=officer,
        reason="Bỏ tiêu chí",
    )

    assert Criterion.objects.filter(pk=criterion.pk).exists()


def test_reorder_criteria(officer):
    term = scored_term(members=2, criteria=3, phase=PhaseKind.COMPACT)
    first, second, third = term.criterion_list

    setup.move_criterion(criterion=third, direction="up", by=officer)
    setup.move_criterion(criterion=first, direction="up", by=officer)  # already first: nothing moves

    ordered = list(Criterion.objects.filter(group=first.group).order_by("position").values_list("pk", flat=True))
    assert ordered == [first.pk, third.pk, second.pk]


def test_total_check_compares_with_last_year_else_100(officer):
    previous = last_year_term()
    term = setup.create_term(
        cluster=previous.cluster, year=2026, lead_unit=previous.unit_list[1], by=officer, today=date(2000, 1, 1)
    )

    assert setup.total_check(term=term).warnings == []
    CriterionFactory(group=CriterionGroup.objects.filter(term=term).first(), max_points=3)
    check = setup.total_check(term=term)
    assert check.total == Decimal(43) and check.expected == Decimal(40)
    assert len(check.warnings) == 1
    assert setup.total_check(term=previous).expected == Decimal(100)


def test_locked_term_refuses_changes(officer):
    term = scored_term(members=2, phase=PhaseKind.RESULTS)
    Term.objects.filter(pk=term.pk).update(results_locked_at=timezone.now(), leading_unit=term.lead_unit)
    term.refresh_from_db()

    for action in (
        lambda: setup.update_term(term=term, quorum=1, by=officer, reason="x"),
        lambda: setup.add_term_member(term=term, unit=UnitFactory(), by=officer, reason="x"),
        lambda: setup.save_phase(
            term=term,
            kind=PhaseKind.RESULTS,
            starts_on=date.today(),
            ends_on=date.today() + timedelta(days=1),
            by=officer,
            reason="x",
        ),
    ):
        with pytest.raises(ClustersError):
            action()
