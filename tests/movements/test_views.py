"""The movements' pages in Vietnamese: list, search, forms, closed movements, exports, reviews."""

import io
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from movements.enums import MovementState
from movements.models import Movement, MovementReview, ProgressEntry, ReviewHonouree, Target
from tests.factories import PersonFactory, UnitFactory
from tests.factories.movements import MovementFactory, ProgressEntryFactory, TargetFactory


def movement_form(lead_unit, **changes):
    data = {
        "name": "Chung sức xây dựng nông thôn mới nâng cao, kiểu mẫu",
        "code": "ND-NTM",
        "level": "provincial",
        "kind": "thematic",
        "launching_authority": "UBND tỉnh Nam Định",
        "plan_number": "79/KH-UBND",
        "plan_date": "13/06/2022",
        "starts_on": "01/01/2021",
        "ends_on": "31/12/2025",
        "lead_unit": lead_unit.pk,
    }
    return {**data, **changes}


@pytest.mark.django_db
def test_movement_list_search_ignores_diacritics(client_as, officer):
    MovementFactory(name="Chung sức xây dựng nông thôn mới")
    MovementFactory(name="Vì người nghèo")

    page = client_as(officer).get("/movements/", {"q": "nong thon moi"}).content.decode()

    assert "Chung sức xây dựng nông thôn mới" in page
    assert "Vì người nghèo" not in page
    assert "1 phong trào" in page


@pytest.mark.django_db
def test_movement_list_filters_by_level_state_year_and_lead_unit(client_as, officer):
    lead = UnitFactory(name="Sở Nội vụ tỉnh Nam Định")
    MovementFactory(name="Phong trào A", level="national", state="running", lead_unit=lead)
    MovementFactory(name="Phong trào B", level="provincial", state="running", lead_unit=lead)
    MovementFactory(
        name="Phong trào C", level="national", state="closed", starts_on=date(2019, 1, 1), ends_on=date(2020, 12, 31)
    )

    page = (
        client_as(officer)
        .get("/movements/", {"level": "national", "state": "running", "year": "2023", "lead_unit": lead.pk})
        .content.decode()
    )

    assert "Phong trào A" in page
    assert "Phong trào B" not in page
    assert "Phong trào C" not in page


@pytest.mark.django_db
def test_movement_list_exports_the_filtered_rows_to_excel(client_as, officer):
    MovementFactory(name="Vì người nghèo", code="ND-GN", plan_number="85/KH-UBND")
    MovementFactory(name="Văn hóa công sở", code="ND-VHCS")

    response = client_as(officer).get("/movements/", {"q": "nguoi ngheo", "format": "xlsx"})

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Phong trào thi đua" and rows[1][0].startswith("Bộ lọc đã áp dụng: Tìm kiếm: nguoi ngheo")
    assert rows[4][:2] == ("Mã", "Tên phong trào")  # below the title lines and a blank row
    assert [row[0] for row in rows[5:]] == ["ND-GN", "Tổng cộng"]


@pytest.mark.django_db
def test_officer_creates_a_movement_as_draft(client_as, officer):
    lead = UnitFactory()

    response = client_as(officer).post("/movements/new/", movement_form(lead))

    movement = Movement.objects.get(code="ND-NTM")
    assert response.status_code == 302
    assert movement.state == MovementState.DRAFT
    assert str(movement.plan_reference) == "Kế hoạch số 79/KH-UBND ngày 13/06/2022"


@pytest.mark.django_db
def test_movement_form_refuses_end_before_start_in_vietnamese(client_as, officer):
    response = client_as(officer).post(
        "/movements/new/", movement_form(UnitFactory(), starts_on="01/01/2025", ends_on="31/12/2021")
    )

    assert response.status_code == 200
    assert "Ngày kết thúc không được trước ngày bắt đầu." in response.content.decode()
    assert not Movement.objects.exists()


@pytest.mark.django_db
def test_target_form_refuses_a_zero_target_value(client_as, officer):
    movement = MovementFactory()

    response = client_as(officer).post(
        f"/movements/{movement.pk}/targets/new/",
        {
            "indicator": "Tỷ lệ",
            "unit_of_measure": "%",
            "direction": "higher",
            "target_value": "0",
            "deadline": "31/12/2025",
        },
    )

    assert response.status_code == 400
    assert "Giá trị mục tiêu phải lớn hơn 0." in response.content.decode()
    assert not Target.objects.exists()


@pytest.mark.django_db
def test_progress_form_reads_vietnamese_decimals(client_as, officer):
    target = TargetFactory()

    client_as(officer).post(
        f"/movements/targets/{target.pk}/progress/",
        {"recorded_on": "30/06/2023", "value": "92,64", "source": "Báo cáo"},
    )

    assert ProgressEntry.objects.get().value == Decimal("92.64")


@pytest.mark.django_db
def test_progress_form_with_garbage_shows_errors_not_a_crash(client_as, officer):
    target = TargetFactory()

    response = client_as(officer).post(
        f"/movements/targets/{target.pk}/progress/", {"recorded_on": "30/02/2023", "value": "nhiều"}
    )

    assert response.status_code == 400
    assert not ProgressEntry.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/movements/{pk}/edit/", "/movements/{pk}/targets/new/", "/movements/{pk}/reviews/new/"]
)
def test_closed_movement_is_read_only_with_a_clear_message(client_as, officer, path):
    movement = MovementFactory(state=MovementState.CLOSED)

    response = client_as(officer).post(path.format(pk=movement.pk), {"name": "Đổi tên"}, follow=True)

    assert response.status_code == 200
    assert "Phong trào này đã kết thúc" in response.content.decode()
    movement.refresh_from_db()
    assert movement.name != "Đổi tên"


@pytest.mark.django_db
def test_launch_button_moves_a_draft_to_launched(client_as, officer):
    movement = MovementFactory(state=MovementState.DRAFT)

    response = client_as(officer).post(f"/movements/{movement.pk}/state/", {"to": "launched"}, follow=True)

    assert "Phong trào đã chuyển sang trạng thái “Đã phát động”." in response.content.decode()
    movement.refresh_from_db()
    assert movement.state == MovementState.LAUNCHED


@pytest.mark.django_db
def test_impossible_transition_shows_a_message(client_as, officer):
    movement = MovementFactory(state=MovementState.DRAFT)

    response = client_as(officer).post(f"/movements/{movement.pk}/state/", {"to": "closed"}, follow=True)

    assert "không thể chuyển sang" in response.content.decode()
    movement.refresh_from_db()
    assert movement.state == MovementState.DRAFT


@pytest.mark.django_db
def test_movement_page_shows_percentage_chart_and_off_track_flag(client_as, officer):
    movement = MovementFactory(starts_on=date(2021, 1, 1), ends_on=date(2025, 12, 31))
    target = TargetFactory(movement=movement, indicator="Số xã đạt chuẩn NTM nâng cao", target_value=204)
    ProgressEntryFactory(target=target, recorded_on=date(2022, 12, 31), value=170)
    ProgressEntryFactory(target=target, recorded_on=date(2023, 6, 30), value=189)

    page = client_as(officer).get(f"/movements/{movement.pk}/").content.decode()

    assert "92,65%" in page
    assert "<polyline" in page
    assert "Chỉ tiêu và kết quả thực hiện" in page
    assert "Lịch sử thay đổi" in page


@pytest.mark.django_db
def test_movement_export_has_targets_and_progress_sheets(client_as, unit_officer):
    target = TargetFactory(indicator="Tỷ lệ hộ nghèo")
    ProgressEntryFactory(target=target, value=Decimal("1.32"))

    response = client_as(unit_officer).get(f"/movements/{target.movement_id}/targets.xlsx")

    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [sheet.title for sheet in workbook.worksheets] == ["Chỉ tiêu", "Kết quả thực hiện"]
    assert list(workbook.worksheets[1].iter_rows(values_only=True))[5][:3] == (
        "Tỷ lệ hộ nghèo",
        datetime(2023, 6, 30),
        1.32,
    )


@pytest.mark.django_db
def test_officer_records_a_review_and_names_outstanding_people(client_as, officer):
    movement = MovementFactory(state=MovementState.RUNNING)
    person = PersonFactory(full_name="Phạm Văn Sơn")
    client = client_as(officer)

    client.post(
        f"/movements/{movement.pk}/reviews/new/", {"kind": "interim", "held_on": "15/07/2023", "summary": "Sơ kết"}
    )
    review = MovementReview.objects.get()
    client.post(f"/movements/reviews/{review.pk}/honourees/", {"person": person.pk, "note": "Điển hình tiên tiến"})
    page = client.get(f"/movements/reviews/{review.pk}/").content.decode()

    assert ReviewHonouree.objects.get().person == person
    assert "Phạm Văn Sơn" in page
    movement.refresh_from_db()
    assert movement.state == MovementState.INTERIM_REVIEWED


@pytest.mark.django_db
def test_honouree_with_both_unit_and_person_is_refused_with_a_message(client_as, officer):
    movement = MovementFactory()
    client = client_as(officer)
    client.post(f"/movements/{movement.pk}/reviews/new/", {"kind": "final", "held_on": "15/07/2023"})
    review = MovementReview.objects.get()

    response = client.post(
        f"/movements/reviews/{review.pk}/honourees/",
        {"person": PersonFactory().pk, "unit": UnitFactory().pk},
        follow=True,
    )

    assert "Vui lòng chọn một tập thể hoặc một cá nhân" in response.content.decode()
    assert not ReviewHonouree.objects.exists()


@pytest.mark.django_db
def test_dashboard_lists_movements_the_unit_must_register_for(client_as, unit_officer, member_unit):
    movement = MovementFactory(name="Văn hóa công sở")
    movement.participants.add(member_unit)

    page = client_as(unit_officer).get("/").content.decode()

    assert "Đơn vị của bạn chưa đăng ký thi đua" in page
    assert "Văn hóa công sở" in page


@pytest.mark.django_db
def test_menu_shows_movements(client_as, council_member):
    page = client_as(council_member).get("/").content.decode()

    assert 'href="/movements/"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc", "level": "zzz"},
        {"lead_unit": "999999", "state": "<script>"},
        {"q": "%' OR 1=1 --"},
        {"year": "99999999999999999999"},
    ],
)
def test_movement_list_with_bad_filters_does_not_crash(client_as, officer, query):
    MovementFactory()

    response = client_as(officer).get("/movements/", query)

    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/movements/999999/", "/movements/targets/999999/progress/", "/movements/reviews/999999/"]
)
def test_missing_objects_give_404(client_as, officer, path):
    assert client_as(officer).get(path).status_code == 404


@pytest.mark.django_db
def test_officer_attaches_a_document_that_signed_in_users_download(
    client_as, officer, council_member, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    movement = MovementFactory()

    client_as(officer).post(
        f"/movements/{movement.pk}/documents/new/",
        {"title": "Kế hoạch phát động", "number": "79/KH-UBND", "file": SimpleUploadedFile("kh.pdf", b"%PDF-1.4 x")},
    )
    document = movement.documents.get()
    response = client_as(council_member).get(f"/movements/documents/{document.pk}/")

    content = b"".join(response.streaming_content)  # reading to the end closes the file

    assert content == b"%PDF-1.4 x"
    assert (
        "79/KH-UBND Kế hoạch phát động" in client_as(council_member).get(f"/movements/{movement.pk}/").content.decode()
    )


@pytest.mark.django_db
def test_document_of_a_refused_kind_is_rejected_in_vietnamese(client_as, officer, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    movement = MovementFactory()

    response = client_as(officer).post(
        f"/movements/{movement.pk}/documents/new/",
        {"title": "Tệp lạ", "file": SimpleUploadedFile("virus.exe", b"MZ")},
    )

    assert response.status_code == 400
    assert "Tệp này không được chấp nhận" in response.content.decode()
    assert not movement.documents.exists()


@pytest.mark.django_db
def test_document_is_judged_by_content_not_by_its_name(client_as, officer, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    movement = MovementFactory()
    client = client_as(officer)

    refused = client.post(
        f"/movements/{movement.pk}/documents/new/",
        {"title": "Giả PDF", "file": SimpleUploadedFile("ke-hoach.pdf", b"MZ\x90\x00 not a pdf")},
    )
    accepted = client.post(
        f"/movements/{movement.pk}/documents/new/",
        {"title": "Kế hoạch", "file": SimpleUploadedFile("ke-hoach.bin", b"%PDF-1.7\n%%EOF")},
    )

    assert refused.status_code == 400
    assert accepted.status_code == 302
    assert list(movement.documents.values_list("title", flat=True)) == ["Kế hoạch"]


@pytest.mark.django_db
def test_officer_corrects_a_target_and_the_change_is_in_the_history(client_as, officer):
    target = TargetFactory(indicator="Tỷ lệ xã kiểu mẫu", target_value=20)

    client_as(officer).post(
        f"/movements/targets/{target.pk}/edit/",
        {
            "indicator": "Tỷ lệ xã kiểu mẫu",
            "unit_of_measure": "%",
            "direction": "higher",
            "target_value": "25",
            "deadline": "31/12/2025",
            "reason": "Sửa theo Kế hoạch điều chỉnh",
        },
    )

    target.refresh_from_db()
    assert target.target_value == 25
    from auditlog.models import LogEntry

    change = LogEntry.objects.get_for_object(target).filter(action=LogEntry.Action.UPDATE).get()
    assert change.actor == officer
    assert "target_value" in change.changes_dict


@pytest.mark.django_db
def test_registration_progress_and_state_changes_are_in_the_audit_history(
    client_as, officer, unit_officer, member_unit
):
    from auditlog.models import LogEntry

    from movements.models import Registration

    movement = MovementFactory(lead_unit=member_unit, state=MovementState.LAUNCHED)
    target = TargetFactory(movement=movement)
    client = client_as(unit_officer)
    client.post(f"/movements/{movement.pk}/registration/", {"commitments": "Cam kết"})
    client.post(f"/movements/targets/{target.pk}/progress/", {"recorded_on": "30/06/2023", "value": "5"})
    client_as(officer).post(f"/movements/{movement.pk}/state/", {"to": "running"})

    registration = Registration.objects.get()
    entry = ProgressEntry.objects.get()
    assert LogEntry.objects.get_for_object(registration).get().actor == unit_officer
    assert LogEntry.objects.get_for_object(entry).get().actor == unit_officer
    # Registering also adds the unit to the participants (its own audit entry); pick the state change.
    updates = LogEntry.objects.get_for_object(movement).filter(action=LogEntry.Action.UPDATE)
    [state_change] = [entry for entry in updates if "state" in entry.changes_dict]
    assert state_change.actor == officer
    assert state_change.changes_dict["state"] == ["launched", "running"]


# --- issue 14 (fields): a movement's scope on the form, the page, the list filter and the export ---
@pytest.mark.django_db
def test_a_movement_is_created_with_its_scope_shown_on_its_page(client_as, officer):
    client = client_as(officer)

    response = client.post("/movements/new/", {**movement_form(UnitFactory()), "scope": "cluster"})

    movement = Movement.objects.get(code="ND-NTM")
    assert response.status_code == 302 and movement.scope == "cluster"
    page = client.get(f"/movements/{movement.pk}/").content.decode()
    assert "Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng tổ chức" in page


@pytest.mark.django_db
def test_an_unknown_scope_is_refused(client_as, officer):
    response = client_as(officer).post("/movements/new/", {**movement_form(UnitFactory()), "scope": "galaxy"})

    assert "scope" in response.context["form"].errors  # the movement form shows its errors on the page
    assert not Movement.objects.filter(code="ND-NTM").exists()


@pytest.mark.django_db
def test_the_list_filters_and_exports_by_scope(client_as, officer):
    MovementFactory(name="Phong trào của Khối", code="PT-KHOI", scope="cluster")
    MovementFactory(name="Phong trào của Sở", code="PT-SO", scope="unit")
    client = client_as(officer)

    page = client.get("/movements/", {"scope": "cluster"}).content.decode()
    response = client.get("/movements/", {"scope": "cluster", "format": "xlsx"})

    assert "Phong trào của Khối" in page and "Phong trào của Sở" not in page
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    header = next(index for index, row in enumerate(rows) if row and row[0] == "Mã")
    scope = rows[header].index("Phạm vi")
    assert [(row[0], row[scope]) for row in rows[header + 1 : -1]] == [
        ("PT-KHOI", "Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng tổ chức")
    ]
