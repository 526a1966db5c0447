"""The movements' main path in headless Chromium, in Vietnamese."""

import pytest

from movements.models import Movement, Registration
from tests.conftest import pick
from tests.factories import UnitFactory, UserFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_launch_register_record_progress_and_read_the_chart(sign_in_page, officer, unit_officer, member_unit):
    other_unit = UnitFactory(name="Sở Y tế tỉnh Ninh Bình")
    other_officer = UserFactory(username="yte", unit=other_unit, is_unit_officer=True)

    # An officer creates the movement, led by the unit officer's unit, and adds a target.
    page = sign_in_page(officer)
    page.wait_for_url("**/")
    page.goto("/movements/")
    page.get_by_role("link", name="Phong trào mới").click()
    page.fill("#id_name", "Chung sức xây dựng nông thôn mới nâng cao, kiểu mẫu")
    page.fill("#id_code", "NTM-2021")
    page.fill("#id_launching_authority", "UBND tỉnh Ninh Bình")
    page.fill("#id_plan_number", "79/KH-UBND")
    page.fill("#id_plan_date", "13/06/2022")
    page.fill("#id_starts_on", "01/01/2021")
    page.fill("#id_ends_on", "31/12/2025")
    # Units are chosen through the autocomplete (the form never lists the directory).
    pick(page, "lead_unit", "giao duc", member_unit.name)
    pick(page, "participants", "giao duc", member_unit.name)
    pick(page, "participants", "y te", other_unit.name)
    page.click("button[type=submit].primary")
    assert "Đã lưu phong trào." in page.locator(".messages").inner_text()
    movement = Movement.objects.get(code="NTM-2021")

    page.get_by_role("link", name="Thêm chỉ tiêu").click()
    page.fill("#id_indicator", "Số xã đạt chuẩn nông thôn mới nâng cao")
    page.fill("#id_unit_of_measure", "xã")
    page.fill("#id_target_value", "204")
    page.fill("#id_deadline", "31/12/2025")
    page.click("button[type=submit].primary")
    assert "Đã thêm chỉ tiêu." in page.locator(".messages").inner_text()

    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Phát động").click()
    assert "Đã phát động" in page.locator(".messages").inner_text()

    # Two units register, each for itself.
    for user, commitment in ((unit_officer, "Hoàn thành vượt mức kế hoạch"), (other_officer, "Hỗ trợ y tế xã")):
        page.context.clear_cookies()
        sign_in_page(user)
        page.wait_for_url("**/")
        page.goto(f"/movements/{movement.pk}/")
        page.get_by_role("link", name="Đăng ký thi đua").click()
        page.fill("#id_commitments", commitment)
        page.fill("#id_aimed_titles", "Tập thể lao động xuất sắc")
        page.click("button[type=submit].primary")
        assert "đã đăng ký tham gia phong trào" in page.locator(".messages").inner_text()
    assert set(Registration.objects.values_list("unit", flat=True)) == {member_unit.pk, other_unit.pk}

    # The lead unit's officer records progress twice.
    page.context.clear_cookies()
    sign_in_page(unit_officer)
    page.wait_for_url("**/")
    for day, value in (("31/12/2022", "170"), ("30/06/2023", "189")):
        page.goto(f"/movements/{movement.pk}/")
        page.get_by_role("link", name="Cập nhật kết quả").click()
        page.fill("#id_recorded_on", day)
        page.fill("#id_value", value)
        page.fill("#id_source", "Báo cáo của Sở")
        page.click("button[type=submit].primary")
        assert "Đã cập nhật kết quả thực hiện." in page.locator(".messages").inner_text()

    row = page.locator("table.targets tbody tr").first
    assert "92,65%" in row.inner_text()
    assert row.locator("svg.trend circle").count() == 2
    assert page.locator("html").get_attribute("lang") == "vi"
    assert "Chỉ tiêu và kết quả thực hiện" in page.locator("body").inner_text()
    registrations = page.locator("section.registrations")
    assert registrations.locator("tr.registered").count() == 2


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_withdraws_a_wrong_progress_value_and_the_chart_changes(sign_in_page, officer):
    from datetime import date
    from decimal import Decimal

    from tests.factories.movements import MovementFactory, ProgressEntryFactory, TargetFactory

    movement = MovementFactory(starts_on=date(2021, 1, 1), ends_on=date(2025, 12, 31))
    target = TargetFactory(movement=movement, indicator="Số xã đạt chuẩn", unit_of_measure="xã", target_value=200)
    ProgressEntryFactory(target=target, recorded_on=date(2022, 12, 31), value=Decimal(100))
    ProgressEntryFactory(target=target, recorded_on=date(2023, 6, 30), value=Decimal(1900))  # a 0 too many

    page = sign_in_page(officer)
    page.wait_for_url("**/")
    page.goto(f"/movements/{movement.pk}/")
    row = page.locator("table.targets tbody tr").first
    assert row.locator("svg.trend circle").count() == 2
    assert "950%" in row.inner_text()

    row.locator("details.progress-entries summary").click()
    row.locator("li.entry", has_text="1.900").get_by_role("link", name="Rút").click()
    page.fill("#id_reason", "Gõ thừa một số 0")
    page.get_by_role("button", name="Đồng ý, thực hiện").click()

    assert "Đã rút kết quả thực hiện" in page.locator(".messages").inner_text()
    row = page.locator("table.targets tbody tr").first
    assert row.locator("svg.trend circle").count() == 1
    assert "50%" in row.inner_text() and "950%" not in row.inner_text()
    assert "Gõ thừa một số 0" in page.locator("section.history").inner_text()
