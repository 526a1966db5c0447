"""Corrections with a reason: progress edited or withdrawn (the chart and percentages follow),
targets corrected or removed, a closed movement reopened, a draft deleted; the history shows the
before, the after and the reason; dates are checked against the movement's period."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from movements.domain import MovementError
from movements.domain.chart import trend_chart
from movements.domain.progress import correct_progress, withdraw_progress
from movements.domain.workflow import reopen_movement
from movements.enums import MovementState, TargetDirection
from movements.models import Movement, ProgressEntry, Target
from tests.factories.movements import MovementFactory, ProgressEntryFactory, TargetFactory
from tests.permissions import snapshot


@pytest.fixture
def movement_with_progress(db):
    movement = MovementFactory(starts_on=date(2021, 1, 1), ends_on=date(2025, 12, 31))
    target = TargetFactory(movement=movement, indicator="Số xã đạt chuẩn", unit_of_measure="xã", target_value=200)
    ProgressEntryFactory(target=target, recorded_on=date(2022, 12, 31), value=Decimal(100))
    wrong = ProgressEntryFactory(target=target, recorded_on=date(2023, 6, 30), value=Decimal(1900))
    return movement, target, wrong


def page_of(client, movement):
    return client.get(reverse("movements:movement_detail", args=[movement.pk])).content.decode()


@pytest.mark.django_db
def test_officer_withdraws_then_corrects_progress_and_history_keeps_both(client_as, officer, movement_with_progress):
    movement, target, wrong = movement_with_progress
    client = client_as(officer)
    before = page_of(client, movement)
    assert "950%" in before  # 1900 of 200
    assert before.count("<circle") == 2

    # Without a reason nothing happens.
    url = reverse("movements:progress_withdraw", args=[wrong.pk])
    assert "Rút giá trị 1.900 xã ngày 30/06/2023" in client.get(url).content.decode()
    refused = client.post(url, {"reason": "  "})
    assert refused.status_code == 400
    assert ProgressEntry.objects.get(pk=wrong.pk).withdrawn_at is None

    response = client.post(url, {"reason": "Gõ thừa số 0"}, follow=True)
    assert "Đã rút kết quả thực hiện" in response.content.decode()
    after = page_of(client, movement)
    assert "50%" in after and "950%" not in after  # the percentage follows the values that count
    assert after.count("<circle") == 1  # the chart too
    assert "<del>30/06/2023: 1.900 xã</del>" in after  # still listed, struck
    assert "Gõ thừa số 0" in after
    entry = ProgressEntry.objects.get(pk=wrong.pk)
    assert entry.withdrawn_by == officer
    # A withdrawn value can no longer be corrected nor withdrawn twice.
    with pytest.raises(MovementError):
        withdraw_progress(entry=entry, reason="lần hai", by=officer)

    # The remaining value is corrected, with a reason: percentages follow, history has before/after.
    kept = target.progress.get(withdrawn_at__isnull=True)
    response = client.post(
        reverse("movements:progress_update", args=[kept.pk]),
        {"recorded_on": "31/12/2022", "value": "120", "source": "Báo cáo chính thức", "reason": "Số liệu chính thức"},
        follow=True,
    )
    assert "Đã sửa kết quả thực hiện." in response.content.decode()
    page = page_of(client, movement)
    assert "60%" in page
    history = page[page.index("Lịch sử thay đổi") :]
    assert "Số liệu chính thức" in history and "Gõ thừa số 0" in history
    assert re.search(r"100(?:[.,]0+)?\s*→\s*120", history)  # the value's before and after
    assert "Số xã đạt chuẩn: 1900 (30/06/2023)" in history  # the child row is named


@pytest.mark.django_db
def test_corrections_refuse_missing_reasons_and_dates_outside_the_period(officer, movement_with_progress):
    movement, target, wrong = movement_with_progress
    before = snapshot()
    for day, words in (
        (date(2010, 1, 1), "phong trào bắt đầu từ ngày 01/01/2021"),
        (date(2026, 3, 1), "phong trào kết thúc ngày 31/12/2025"),
    ):
        with pytest.raises(MovementError) as refused:
            correct_progress(entry=wrong, recorded_on=day, value="10", source="", reason="Sửa", by=officer)
        assert words in refused.value.message
    with pytest.raises(MovementError) as refused:
        correct_progress(entry=wrong, recorded_on=date(2023, 1, 1), value="10", source="", reason=" ", by=officer)
    assert "lý do" in refused.value.message
    with pytest.raises(MovementError):
        reopen_movement(movement=movement, by=officer, reason="Mở lại")  # it is not closed
    assert snapshot() == before


@pytest.mark.django_db
def test_forms_refuse_implausible_and_out_of_period_dates(client_as, officer):
    movement = MovementFactory(starts_on=date(2027, 1, 1), ends_on=date(2030, 12, 31), state=MovementState.RUNNING)
    target = TargetFactory(movement=movement, deadline=date(2030, 12, 31))
    client = client_as(officer)

    progress = client.post(
        reverse("movements:progress_create", args=[target.pk]), {"recorded_on": "01/01/2010", "value": "5"}
    )
    assert progress.status_code == 400
    assert "Không thể ghi kết quả ngày 01/01/2010: phong trào bắt đầu từ ngày 01/01/2027." in progress.content.decode()

    data = {"indicator": "Chỉ tiêu", "unit_of_measure": "%", "direction": "higher", "target_value": "5"}
    deadline = client.post(reverse("movements:target_create", args=[movement.pk]), {**data, "deadline": "31/12/2035"})
    assert "Thời hạn 31/12/2035 nằm ngoài thời gian của phong trào" in deadline.content.decode()
    ancient = client.post(reverse("movements:target_create", args=[movement.pk]), {**data, "deadline": "01/01/0001"})
    assert ancient.status_code == 400

    plan = client.post(
        reverse("movements:movement_update", args=[movement.pk]),
        {
            "name": movement.name,
            "code": movement.code,
            "level": movement.level,
            "kind": movement.kind,
            "plan_date": "01/01/2031",
            "starts_on": "01/01/2027",
            "ends_on": "31/12/2030",
            "lead_unit": movement.lead_unit_id,
        },
    )
    assert "Ngày kế hoạch 01/01/2031 sau ngày kết thúc phong trào (31/12/2030)" in plan.content.decode()
    assert Target.objects.filter(movement=movement).count() == 1
    assert not ProgressEntry.objects.filter(target=target).exists()


@pytest.mark.django_db
def test_target_removed_with_a_reason_leaves_the_page_and_stays_in_history(client_as, officer, movement_with_progress):
    movement, target, _wrong = movement_with_progress
    client = client_as(officer)

    assert client.post(reverse("movements:target_remove", args=[target.pk]), {"reason": ""}).status_code == 400
    client.post(reverse("movements:target_remove", args=[target.pk]), {"reason": "Chỉ tiêu trùng"})

    page = page_of(client, movement)
    assert "Chưa có chỉ tiêu." in page
    history = page[page.index("Lịch sử thay đổi") :]
    assert "Chỉ tiêu trùng" in history and "Số xã đạt chuẩn" in history
    assert client.get(reverse("movements:target_update", args=[target.pk])).status_code == 404
    listed = client.get(reverse("movements:movement_list")).context["object_list"]
    assert next(row for row in listed if row.pk == movement.pk).target_count == 0


@pytest.mark.django_db
def test_officer_reopens_a_closed_movement_and_deletes_a_draft(client_as, officer):
    closed = MovementFactory(state=MovementState.CLOSED)
    client = client_as(officer)
    assert "Mở lại phong trào" in page_of(client, closed)

    assert client.post(reverse("movements:movement_reopen", args=[closed.pk]), {"reason": ""}).status_code == 400
    client.post(reverse("movements:movement_reopen", args=[closed.pk]), {"reason": "Bổ sung kết quả tổng kết"})
    closed.refresh_from_db()
    assert closed.state == MovementState.RUNNING
    page = page_of(client, closed)
    history = page[page.index("Lịch sử thay đổi") :]
    assert "Bổ sung kết quả tổng kết" in history and "Đã kết thúc → Đang triển khai" in history

    # A running movement cannot be deleted; a draft can, after a confirmation page.
    running = client.post(reverse("movements:movement_delete", args=[closed.pk]), follow=True)
    assert "Chỉ xóa được phong trào ở trạng thái dự thảo" in running.content.decode()
    draft = MovementFactory(state=MovementState.DRAFT, name="Phong trào gõ nhầm")
    TargetFactory(movement=draft)
    confirm = client.get(reverse("movements:movement_delete", args=[draft.pk])).content.decode()
    assert "Xóa phong trào dự thảo “Phong trào gõ nhầm”" in confirm
    assert Movement.objects.filter(pk=draft.pk).exists()  # the page alone deletes nothing
    done = client.post(reverse("movements:movement_delete", args=[draft.pk]), {"reason": ""}, follow=True)
    assert "Đã xóa phong trào dự thảo “Phong trào gõ nhầm”." in done.content.decode()
    assert not Movement.objects.filter(pk=draft.pk).exists()


@pytest.mark.django_db
def test_chart_places_points_by_date_labels_them_and_judges_the_direction(client_as, officer):
    movement = MovementFactory(starts_on=date(2020, 1, 1), ends_on=date(2027, 12, 31))
    target = TargetFactory(
        movement=movement,
        indicator="Tỷ lệ hộ nghèo",
        direction=TargetDirection.LOWER,
        baseline_value=Decimal("6"),
        target_value=Decimal("1.5"),
        unit_of_measure="%",
    )
    days = [date(2021, 1, 1), date(2021, 1, 11), date(2022, 1, 1)]  # 10 days, then 355 days
    for day, value in zip(days, ("6", "5,5", "3,25"), strict=True):
        ProgressEntryFactory(target=target, recorded_on=day, value=Decimal(value.replace(",", ".")))

    chart = trend_chart(target, list(target.progress.all()))
    xs = [float(point.x) for point in chart.points]
    assert (xs[1] - xs[0]) / (xs[2] - xs[0]) == pytest.approx(10 / 365, abs=0.01)  # spaced by time
    assert chart.verdict == "good"  # falling while lower is better

    page = page_of(client_as(officer), movement)
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert "01/01/2021" in svg and "01/01/2022" in svg  # dated axis labels
    assert "11/01/2021" not in re.findall(r'class="date-label"[^>]*>([^<]+)<', svg)  # too close to label
    assert "Mục tiêu: 1,5 %" in svg
    assert "3,25" in svg  # value labels
    assert "Đang giảm: tốt, chỉ tiêu này càng thấp càng tốt." in page
    assert "3 giá trị, từ 6 % ngày 01/01/2021 đến 3,25 % ngày 01/01/2022" in page  # the text beside it
    assert '<td class="number">5,5 %</td>' in page  # the values as a table

    rising = TargetFactory(movement=movement, direction=TargetDirection.HIGHER, target_value=10)
    for offset, value in ((0, 5), (30, 4)):
        ProgressEntryFactory(target=rising, recorded_on=date(2023, 1, 1) + timedelta(days=offset), value=value)
    assert trend_chart(rising, list(rising.progress.all())).verdict == "bad"  # falling while higher is better
