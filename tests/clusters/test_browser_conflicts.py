"""A stale save in headless Chromium, two browsers on one sheet: nothing of either person is lost."""

from decimal import Decimal

import pytest

from clusters.models import Score
from tests.conftest import PASSWORD
from tests.factories import UnitFactory, UserFactory
from tests.factories.clusters import scored_term


def open_signed_in(context, user, path):
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto("/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url("**/")
    page.goto(path)
    return page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_second_browser_sees_the_first_ones_values_chooses_and_saves_exactly_the_choice(browser, live_server):
    unit = UnitFactory(name="Tỉnh Ninh Bình")
    term = scored_term(members=3, criteria=3, member_units=[unit])
    first, second, third = term.criterion_list
    sheet = term.sheet_list[1]
    anh, binh = (UserFactory(unit=unit, is_unit_officer=True) for _ in range(2))
    contexts = [
        browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", base_url=live_server.url) for _ in range(2)
    ]
    try:
        path = f"/clusters/sheets/{sheet.pk}/"
        page_a = open_signed_in(contexts[0], anh, path)
        page_b = open_signed_in(contexts[1], binh, path)

        # A saves first: a value and a comment on another criterion.
        page_a.fill(f"#value-{first.pk}", "5")
        page_a.fill(f"textarea[name=comment-{second.pk}]", "Theo báo cáo quý")
        page_a.click("button[value=save]")
        assert "Đã lưu bản nháp" in page_a.locator(".messages").inner_text()

        # B, on the page opened before A saved, types another value for the same criterion and one more.
        page_b.fill(f"#value-{first.pk}", "7")
        page_b.fill(f"#value-{third.pk}", "4")
        page_b.click("button[value=save]")
        panel = page_b.locator("[data-conflict-panel]")
        assert "Người khác đã lưu phiếu này" in panel.inner_text()
        field = page_b.locator(f"[data-conflict='value-{first.pk}']")
        assert field.locator("[data-mine]").inner_text() == "7"
        assert field.locator("[data-theirs]").inner_text() == "5"
        # What only A changed is already in B's form; what only B typed is still there.
        assert page_b.input_value(f"textarea[name=comment-{second.pk}]") == "Theo báo cáo quý"
        assert page_b.input_value(f"#value-{third.pk}") == "4"
        assert Score.objects.get(sheet=sheet, criterion=first).value == 5
        assert Score.objects.get(sheet=sheet, criterion=third).value is None

        # Saving again without a choice goes nowhere: the browser asks for one, the server would refuse.
        page_b.click("button[value=save]")
        assert page_b.locator("[data-conflict-panel]").count() == 1
        assert field.locator("input[value=mine]").evaluate("radio => radio.validity.valueMissing")
        assert Score.objects.get(sheet=sheet, criterion=first).value == 5

        field.get_by_label("Giữ của tôi").check()
        page_b.click("button[value=save]")
        assert "Đã lưu bản nháp" in page_b.locator(".messages").inner_text()
        assert page_b.locator("[data-conflict-panel]").count() == 0
    finally:
        for context in contexts:
            context.close()

    stored = {
        score.criterion_id: (score.value, score.comment) for score in Score.objects.filter(sheet=sheet).order_by("pk")
    }
    assert stored == {
        first.pk: (Decimal(7), ""),
        second.pk: (None, "Theo báo cáo quý"),
        third.pk: (Decimal(4), ""),
    }
