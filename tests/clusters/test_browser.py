"""The scoring round in headless Chromium: a member fills and submits, the lead adjusts and accepts."""

import pytest

from tests.factories import UnitFactory, UserFactory
from tests.factories.clusters import scored_term


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_member_submits_lead_adjusts_and_accepts_and_ranking_shows_new_order(page, sign_in_page):
    lead_unit = UnitFactory(name="Tỉnh Bắc Ninh")
    member_unit = UnitFactory(name="Tỉnh Ninh Bình")
    other_unit = UnitFactory(name="Tỉnh Hà Nam")
    term = scored_term(
        members=3,
        criteria=2,
        lead_unit=lead_unit,
        member_units=[member_unit, other_unit],
        points={0: [6, 6], 2: [7, 5]},
    )
    first, second = term.criterion_list
    sheet = term.sheet_list[1]
    member = UserFactory(unit=member_unit, is_unit_officer=True)
    lead = UserFactory(unit=lead_unit, is_unit_officer=True)
    page.on("dialog", lambda dialog: dialog.accept())

    # The member fills the sheet with the keyboard: the total updates as values are typed.
    sign_in_page(member).wait_for_url("**/")
    page.goto(f"/clusters/sheets/{sheet.pk}/")
    assert page.locator(f"#value-{first.pk}").count() == 1, page.locator("main").inner_html()[:3000]
    page.focus(f"#value-{first.pk}")
    page.keyboard.type("9,5")
    page.keyboard.press("Tab")
    page.keyboard.type("Đã hoàn thành vượt chỉ tiêu")
    page.fill(f"#value-{second.pk}", "8")
    assert page.locator("[data-sheet-total]").inner_text() == "17,5"
    page.click("button[value=submit]")
    assert "Đã gửi phiếu cho đơn vị Cụm trưởng" in page.locator(".messages").inner_text()

    # The lead lowers one criterion with a reason and accepts the sheet.
    page.context.clear_cookies()
    sign_in_page(lead).wait_for_url("**/")
    page.goto(f"/clusters/terms/{term.pk}/review/")
    page.click(f"a[href='/clusters/sheets/{sheet.pk}/review/']")
    page.fill(f"#points-{first.pk}", "5")
    page.fill(f"input[name=reason-{first.pk}]", "Thiếu minh chứng cho phần vượt chỉ tiêu")
    page.click("button[value=accept]")
    assert "Đã chấp thuận phiếu" in page.locator(".messages").inner_text()

    page.goto(f"/clusters/terms/{term.pk}/ranking/")
    rows = page.locator("table.table tbody tr")
    assert [rows.nth(i).locator("td").nth(1).inner_text() for i in range(rows.count())] == [
        "Tỉnh Ninh Bình",
        "Tỉnh Bắc Ninh",
        "Tỉnh Hà Nam",
    ]
    assert rows.nth(0).locator("td").nth(2).inner_text() == "13"
