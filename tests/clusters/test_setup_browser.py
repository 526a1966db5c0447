"""The set-up pages in headless Chromium: the unit autocomplete and the live total of the criteria."""

import re

import pytest

from clusters.enums import ClusterKind, PhaseKind
from clusters.models import Cluster, CriterionGroup
from tests.factories import UnitFactory, UserFactory
from tests.factories.clusters import scored_term


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_picks_a_unit_by_typing_and_sees_the_live_total(page, sign_in_page, office_unit):
    UnitFactory(name="Sở Tài chính tỉnh Ninh Bình", code="STC-NB")
    UnitFactory(name="Sở Tư pháp")
    officer = UserFactory(unit=office_unit, is_provincial_officer=True)
    term = scored_term(members=2, criteria=2, groups=1, phase=PhaseKind.COMPACT)
    group = CriterionGroup.objects.get(term=term)

    sign_in_page(officer).wait_for_url("**/")
    page.goto("/clusters/new/")
    page.select_option("select[name=kind]", ClusterKind.BLOC)
    page.fill("input[name=name]", "Khối Kinh tế tổng hợp")
    page.fill("input[name=organising_body__search]", "tai chinh")
    page.click(".autocomplete-option:has-text('Sở Tài chính tỉnh Ninh Bình')")
    assert page.locator("input[name=organising_body__search]").input_value() == ""
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_url(re.compile(r".*/clusters/\d+/$"))
    cluster = Cluster.objects.get(name="Khối Kinh tế tổng hợp")
    assert cluster.organising_body.code == "STC-NB"

    page.goto(f"/clusters/terms/{term.pk}/setup/criteria/new/?group={group.pk}")
    assert page.locator("[data-criteria-total-value]").inner_text() == "20"
    page.fill("input[name=max_points]", "12,5")
    assert page.locator("[data-criteria-total-value]").inner_text() == "32,5"
    page.select_option("select[name=kind]", "deduction")
    assert page.locator("[data-criteria-total-value]").inner_text() == "20"
