"""The term page links a term's outcome to the awards app."""

import pytest


@pytest.mark.django_db
def test_term_page_offers_officers_to_turn_nominations_into_a_proposal(client_as, officer, unit_officer):
    from clusters.models import Nomination, NominationKind
    from tests.factories.clusters import scored_term

    term = scored_term(members=3, criteria=1)
    Nomination.objects.create(term=term, unit=term.unit_list[0], kind=NominationKind.FLAG, rank=1)
    url = f"/clusters/terms/{term.pk}/"

    officer_page = client_as(officer).get(url).content.decode()
    unit_page = client_as(unit_officer).get(url).content.decode()

    assert f"/awards/proposals/from-term/{term.pk}/" in officer_page
    assert f"/awards/proposals/from-term/{term.pk}/" not in unit_page
