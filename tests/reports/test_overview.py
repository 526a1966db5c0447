"""The overview page (issue 14, item 5): every figure equals an independent count of seeded rows,
each number's link opens a list of exactly those rows, the page runs a constant number of queries.

The seeded year is 2025 with "today" fixed at Wednesday 10/12/2025 for the verification window.
"""

from datetime import date, timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.domain import catalogue
from awards.enums import CommendationType, ProposalState, RecipientKind
from awards.filters import AwardRecordFilterSet
from awards.models import AwardRecord
from awards.views.proposals import ProposalListView
from directory.enums import UnitKind
from movements.enums import MovementState
from movements.views import MovementListView
from portal.lists import list_rows
from reports.domain import overview
from tests.factories import UnitFactory
from tests.factories.awards import AwardRecordFactory, ProposalFactory, catalogue_award
from tests.factories.clusters import ClusterFactory, scored_term
from tests.factories.movements import MovementFactory, ProgressEntryFactory, TargetFactory
from tests.permissions import built_once_per_module, rolled_back, signed_in_client

pytestmark = pytest.mark.django_db
YEAR = 2025
TODAY = date(2025, 12, 10)  # a Wednesday
URL = reverse("reports:overview")


def seed_awards(member_unit):
    grassroots = catalogue_award(catalogue.GRASSROOTS_FIGHTER)
    worker = catalogue_award(catalogue.ADVANCED_WORKER)
    enterprise = UnitFactory(kind=UnitKind.ENTERPRISE, name="Công ty cổ phần Xi măng")
    AwardRecordFactory.create_batch(3, award=grassroots, year=YEAR)
    AwardRecordFactory(
        award=worker, year=YEAR, person=None, unit=enterprise, is_collective=True, recipient_name="Công ty"
    )
    AwardRecordFactory(award=worker, year=YEAR, is_household=True, commendation_type=CommendationType.RESISTANCE)
    AwardRecordFactory.create_batch(2, award=grassroots, year=YEAR - 2)
    AwardRecordFactory(award=grassroots, year=YEAR - 5)  # before the five years shown: not counted
    return {"grassroots": grassroots, "worker": worker}


def seed_dossiers():
    ProposalFactory(year=YEAR, state=ProposalState.SUBMITTED, submitted_on=TODAY)  # within
    ProposalFactory(year=YEAR, state=ProposalState.SUBMITTED, submitted_on=date(2025, 12, 3))  # return by 10/12: within
    ProposalFactory(
        year=YEAR, state=ProposalState.SUBMITTED, submitted_on=date(2025, 12, 2)
    )  # return by 09/12: overdue
    ProposalFactory(year=YEAR, state=ProposalState.UNDER_VERIFICATION, submitted_on=TODAY - timedelta(days=21))
    ProposalFactory(year=YEAR, state=ProposalState.DRAFT)
    ProposalFactory(year=YEAR, state=ProposalState.DECIDED, submitted_on=date(2025, 3, 1))  # decided: not held
    ProposalFactory(year=YEAR - 1, state=ProposalState.SUBMITTED, submitted_on=date(2025, 1, 2))  # another year


def seed_movements():
    running = MovementFactory(state=MovementState.RUNNING, name="Phong trào Cả nước chung tay vì người nghèo")
    met = TargetFactory(movement=running, target_value=Decimal(25))
    ProgressEntryFactory(target=met, recorded_on=date(2024, 6, 30), value=Decimal(30))
    withdrawn = ProgressEntryFactory(target=met, recorded_on=date(2024, 9, 30), value=Decimal(5))
    withdrawn.withdrawn_at = withdrawn.created_at
    withdrawn.save()
    not_met = TargetFactory(movement=running, target_value=Decimal(25))
    ProgressEntryFactory(target=not_met, value=Decimal(10))
    removed = TargetFactory(movement=running, target_value=Decimal(1))
    ProgressEntryFactory(target=removed, value=Decimal(9))
    removed.removed_at = removed.created_at
    removed.save()
    TargetFactory(movement=MovementFactory(state=MovementState.LAUNCHED, level="national"))  # nothing reported
    closed = MovementFactory(state=MovementState.CLOSED)
    ProgressEntryFactory(target=TargetFactory(movement=closed), value=Decimal(99))
    MovementFactory(state=MovementState.DRAFT)
    return {"running": running}


def seed_cluster():
    cluster = ClusterFactory(name="Cụm thi đua số 1")
    units = [UnitFactory(name=name) for name in ("Xã Gia Viễn", "Xã Hoa Lư", "Xã Nho Quan")]
    earlier = scored_term(
        members=3, criteria=1, lead_unit=units[0], member_units=units[1:], points={0: [5], 1: [9], 2: [7]}
    )
    later = scored_term(
        members=3, criteria=1, lead_unit=units[1], member_units=[units[0], units[2]], points={0: [9], 1: [4], 2: [6]}
    )
    for term, year in ((earlier, YEAR - 1), (later, YEAR)):
        term.cluster, term.year = cluster, year
        term.save()
    return {"cluster": cluster, "units": units, "earlier": earlier, "later": later}


def build(cast):
    objects = {"queries": measure(cast)}  # first, from the cast alone (its rows are rolled back)
    objects.update(seed_awards(cast["member_unit"]))
    seed_dossiers()
    objects.update(seed_movements())
    objects.update(seed_cluster())
    return objects


shared_data = built_once_per_module(build)


@pytest.fixture
def officer(cast):
    return cast["officer"]


def lookup_rows(link):
    """The records the history lookup lists for the link's filters (its FilterSet, as the view)."""
    path, _sep, query = link.partition("?")
    assert path == reverse("awards:lookup")
    filterset = AwardRecordFilterSet(QueryDict(query), queryset=AwardRecord.objects.all())
    assert filterset.is_valid(), filterset.errors
    return filterset.qs


# --- awards -----------------------------------------------------------------------------------------
def test_awards_by_year_count_each_award_of_the_five_years(officer, shared_data):
    figures = overview.awards_by_year(user=officer, year=YEAR)
    grassroots = shared_data.objects["grassroots"]

    assert figures.years == [2021, 2022, 2023, 2024, 2025]
    expected = {y: AwardRecord.objects.filter(year=y).count() for y in figures.years}
    assert figures.totals == expected == {2021: 0, 2022: 0, 2023: 2, 2024: 0, 2025: 5}
    by_award = {pk: counts for pk, _name, counts, _total in figures.awards}
    assert by_award[grassroots.pk] == {2023: 2, 2025: 3}  # the record of 2020 is not counted
    assert lookup_rows(figures.link(year=2025, award=grassroots.pk)).count() == 3
    assert lookup_rows(figures.link(year=2023)).count() == 2


def test_awards_by_type_and_recipient_count_the_year_and_link_to_those_records(officer):
    by_type = {f.key: f for f in overview.awards_by_type(user=officer, year=YEAR)}
    by_recipient = {f.key: f for f in overview.awards_by_recipient(user=officer, year=YEAR)}
    records = list(AwardRecord.objects.filter(year=YEAR))

    assert by_type[CommendationType.REGULAR].count == sum(r.commendation_type == "regular" for r in records) == 4
    assert by_type[CommendationType.RESISTANCE].count == 1 and by_type[CommendationType.FOREIGN].count == 0
    assert by_recipient[RecipientKind.INDIVIDUAL].count == 3
    assert by_recipient[RecipientKind.COLLECTIVE].count == 1 and by_recipient[RecipientKind.HOUSEHOLD].count == 1
    for figure in [*by_type.values(), *by_recipient.values()]:
        assert lookup_rows(figure.link).count() == figure.count, figure.link
    household = lookup_rows(by_recipient[RecipientKind.HOUSEHOLD].link).get()
    assert household.is_household and household.year == YEAR


def test_the_unit_kind_narrows_the_award_figures_and_their_links(officer):
    by_recipient = {
        f.key: f for f in overview.awards_by_recipient(user=officer, year=YEAR, unit_kind=UnitKind.ENTERPRISE)
    }

    assert by_recipient[RecipientKind.COLLECTIVE].count == 1 and by_recipient[RecipientKind.INDIVIDUAL].count == 0
    assert "unit_kind=enterprise" in by_recipient[RecipientKind.COLLECTIVE].link
    assert lookup_rows(by_recipient[RecipientKind.COLLECTIVE].link).get().recipient_name == "Công ty"


# --- movements --------------------------------------------------------------------------------------
def test_open_movements_by_level_and_targets_met_by_the_latest_value_that_counts(officer, shared_data):
    figures = overview.open_movements(user=officer)
    running = shared_data.objects["running"]

    assert figures.total == 2  # running and launched; neither the closed nor the draft one
    assert list_rows(MovementListView, officer, figures.total_link.partition("?")[2]).count() == figures.total
    for figure in figures.by_level:
        assert list_rows(MovementListView, officer, figure.link.partition("?")[2]).count() == figure.count
    rows = {row.movement_id: row for row in figures.progress}
    # The later withdrawn value (5) does not undo the 30 of 25; the removed target is not counted.
    assert (rows[running.pk].targets, rows[running.pk].met, rows[running.pk].not_met) == (2, 1, 1)
    assert (figures.targets, figures.met) == (3, 1)


# --- dossiers ---------------------------------------------------------------------------------------
def test_dossiers_by_state_and_against_the_five_working_day_window(officer):
    with mock.patch("awards.domain.verification.timezone.localdate", return_value=TODAY):
        figures = overview.dossiers(user=officer, year=YEAR, today=TODAY)
        by_state = {f.key: f for f in figures.by_state}
        assert by_state[ProposalState.SUBMITTED].count == 3 and by_state[ProposalState.UNDER_VERIFICATION].count == 1
        assert figures.total == 6
        assert (figures.within.count, figures.overdue.count) == (2, 2)
        assert figures.oldest_age == 15  # 21 calendar days back: three weeks of five working days
        for figure in [*figures.by_state, figures.within, figures.overdue]:
            rows = list_rows(ProposalListView, officer, figure.link.partition("?")[2])
            assert rows.count() == figure.count, figure.link
        overdue = list_rows(ProposalListView, officer, figures.overdue.link.partition("?")[2])
        assert all(row.return_by < TODAY for row in overdue)
        within = list_rows(ProposalListView, officer, figures.within.link.partition("?")[2])
        assert all(row.return_by >= TODAY for row in within)


# --- cluster rankings -------------------------------------------------------------------------------
def test_cluster_ranks_per_year_for_the_chosen_cluster(shared_data):
    objects = shared_data.objects
    ranks = overview.cluster_ranks(cluster=objects["cluster"], year=YEAR)
    by_name = dict(ranks.units)

    assert by_name["Xã Hoa Lư"] == {YEAR - 1: 1, YEAR: 1}
    assert by_name["Xã Gia Viễn"] == {YEAR - 1: 3, YEAR: 3}
    assert [name for name, _ranks in ranks.units] == ["Xã Hoa Lư", "Xã Nho Quan", "Xã Gia Viễn"]
    assert ranks.links[YEAR] == reverse("clusters:ranking", args=[objects["later"].pk])
    assert overview.cluster_ranks(cluster=objects["cluster"], year=YEAR - 3).units == []


# --- the page ---------------------------------------------------------------------------------------
def test_the_page_shows_every_chart_with_its_numbers_and_links(client_as, officer, shared_data):
    page = client_as(officer).get(URL, {"year": YEAR}).content.decode()

    assert page.count('role="img"') >= 7 and page.count('class="table chart-numbers"') >= 7
    assert f'href="/awards/history/?year={YEAR}&amp;recipient=household"' in page
    assert "window=overdue" in page and "Xã Hoa Lư" in page
    assert "Phong trào Cả nước chung tay vì người nghèo" in page


def test_a_refused_filter_is_said_and_the_page_still_answers(client_as, officer):
    response = client_as(officer).get(URL, {"year": "20x5", "unit_kind": "<b>", "cluster": "999999"})

    assert response.status_code == 200
    assert "<b>" not in response.content.decode().split("<main", 1)[-1].split("</form>", 1)[-1]
    assert response.context["year"] and response.context["unit_kind"] == ""


def test_unit_officers_are_refused(client_as, cast):
    assert client_as(cast["unit_officer"]).get(URL).status_code == 403
    assert client_as(cast["officer"]).get(URL).status_code == 200


# --- constant queries -------------------------------------------------------------------------------
def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_rows(count, cluster):
    for index in range(count):
        unit = UnitFactory()
        AwardRecordFactory(year=YEAR - index % 5, unit=unit, person=None, is_collective=True)
        AwardRecordFactory(year=YEAR, award=catalogue_award(catalogue.ADVANCED_WORKER))
        ProposalFactory(year=YEAR, state=ProposalState.SUBMITTED, submitted_on=date(2025, 11, 1 + index))
        movement = MovementFactory()
        ProgressEntryFactory(target=TargetFactory(movement=movement), value=Decimal(index))
    for term in cluster.terms.all():
        for _index in range(count):
            term.members.add(UnitFactory())


def measure(cast):
    client = signed_in_client(cast["officer"])
    results = {}
    with rolled_back():
        seeded = seed_cluster()
        add_rows(1, seeded["cluster"])
        url = f"{URL}?year={YEAR}&cluster={seeded['cluster'].pk}"
        one = queries_for(client, url)
        add_rows(12, seeded["cluster"])
        results["page"] = (one, queries_for(client, url))
    return results


def test_the_page_runs_as_many_queries_with_many_rows_as_with_one(shared_data):
    one_row, many_rows = shared_data.objects["queries"]["page"]

    assert many_rows == one_row


def test_the_default_cluster_is_the_first_ranked_one_not_the_first_by_name(client_as, officer, shared_data):
    unranked = ClusterFactory(name="Cụm A chưa xếp hạng")
    term = scored_term(members=2, criteria=1)  # draft sheets only: nothing ranked
    term.cluster, term.year = unranked, YEAR
    term.save()

    ranks = client_as(officer).get(URL, {"year": YEAR}).context["ranks"]

    assert ranks.cluster == shared_data.objects["cluster"]
    assert overview.cluster_ranks(cluster=unranked, year=YEAR).units == []
