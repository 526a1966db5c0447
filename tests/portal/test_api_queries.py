"""Every list endpoint of the API (and the dossier's detail) runs the same number of queries with 1
row and with 20, for the province's token and a unit's (tests/<app>/test_query_counts.py shape)."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from awards.domain import catalogue
from awards.models import Decision
from portal.api.tokens import issue_token
from tests.factories.awards import AwardRecordFactory, NomineeFactory, ProposalFactory, catalogue_award
from tests.factories.directory import PersonFactory, UnitFactory
from tests.factories.movements import MovementFactory
from tests.permissions import built_once_per_module, rolled_back

pytestmark = pytest.mark.django_db
MANY = 20
LISTS = [
    "/api/v1/units/",
    "/api/v1/units/?q=so&status=current",
    "/api/v1/movements/",
    "/api/v1/movements/?state=under_way",
    "/api/v1/award-records/",
    "/api/v1/award-records/?q=nguyen",
    "/api/v1/decisions/",
    "/api/v1/proposals/",
    "/api/v1/proposals/?state=draft&q=de+nghi",
]
TOKENS = ("province", "unit")


def count(client, key, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers={"Authorization": f"Token {key}"})
    assert response.status_code == 200, response.content
    return len(captured)


def add_rows(unit, officer, number):
    """One of each listed thing: a unit, a movement with participants, a proposal of `unit` with two
    nominees and its decision with two award records."""
    other = UnitFactory()
    movement = MovementFactory(lead_unit=other)
    movement.participants.set([unit, other])
    proposal = ProposalFactory(unit=unit, state="decided")
    award = catalogue_award(catalogue.ADVANCED_WORKER)
    for _ in range(2):
        NomineeFactory(proposal=proposal, person=PersonFactory(unit=unit), award=award)
    decision = Decision.objects.create(
        proposal=proposal,
        number=f"{number}/QĐ-UBND",
        signed_on=date(2025, 12, 30),
        signer="Chủ tịch",
        base_salary=2_340_000,
        created_by=officer,
    )
    for _ in range(2):
        AwardRecordFactory(decision=decision, award=award, person=PersonFactory(unit=unit), year=2025)
    return proposal


def measure(cast):
    client = Client()
    counts = {}
    with rolled_back():
        keys = {
            "province": issue_token(name="Tỉnh", scope="province_read", by=cast["administrator"])[1],
            "unit": issue_token(name="Đơn vị", scope="unit", unit=cast["member_unit"], by=cast["administrator"])[1],
        }
        for key in keys.values():  # the first request stamps last_used_at (once a minute): not counted
            count(client, key, "/api/v1/units/")
        first = add_rows(cast["member_unit"], cast["officer"], 0)
        detail = f"/api/v1/proposals/{first.pk}/"
        urls = [*LISTS, detail]
        one = {(token, url): count(client, keys[token], url) for token in TOKENS for url in urls}
        for number in range(1, MANY):
            add_rows(cast["member_unit"], cast["officer"], number)
        NomineeFactory.create_batch(MANY, proposal=first, award=catalogue_award(catalogue.GRASSROOTS_FIGHTER))
        many = {(token, url): count(client, keys[token], url) for token in TOKENS for url in urls}
    for key in one:
        counts[key if key[1] != detail else (key[0], "detail")] = (one[key], many[key])
    return counts


shared_data = built_once_per_module(measure)


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("url", [*LISTS, "detail"])
def test_constant_queries(shared_data, token, url):
    one_row, many_rows = shared_data.objects[(token, url)]

    assert many_rows == one_row
