"""The portal in headless Chromium: a person signs in and reads the Vietnamese dashboard."""

import pytest


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_signs_in_and_reads_the_vietnamese_dashboard(sign_in_page, officer):
    page = sign_in_page(officer)

    page.wait_for_url("**/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert "Xin chào" in page.locator("h1").inner_text()
    assert page.locator("nav#mainnav").get_by_text("Đơn vị").count() >= 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_directory_search_without_diacritics_in_the_browser(sign_in_page, officer):
    from tests.factories import UnitFactory

    UnitFactory(name="Hà Nội", kind="province")
    UnitFactory(name="Hà Nam", kind="province")
    page = sign_in_page(officer)
    page.wait_for_url("**/")

    page.goto("/directory/units/")
    page.fill("input[name=q]", "ha noi")
    page.click("form.filters button[type=submit]")

    rows = page.locator("table.table tbody tr")
    assert rows.count() == 1
    assert rows.first.inner_text().startswith("Hà Nội")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_wrong_password_is_refused_in_vietnamese(sign_in_page, officer):
    page = sign_in_page(officer, password="sai-mat-khau")

    assert "không đúng" in page.locator("p.error").inner_text()
