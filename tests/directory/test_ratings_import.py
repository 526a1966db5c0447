"""Import of a unit's yearly rating list: all or nothing, only the unit's own people, updates audited."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from directory.domain.rating_imports import RATING_HEADERS, import_ratings
from directory.domain.ratings import RatingError
from directory.models import DutyRating
from portal.audit import history_for
from portal.imports import ImportFailed
from portal.models import ImportRecord
from portal.xlsx import workbook_bytes
from tests.factories import PersonFactory, UnitFactory
from tests.factories.directory import rate

pytestmark = pytest.mark.django_db
SOURCE = "Quyết định số 25/QĐ-SYT ngày 20/12/2025"


def upload(rows):
    return SimpleUploadedFile("xep-loai.xlsx", workbook_bytes([("Sheet", RATING_HEADERS, rows)]))


def row(name, rating="Hoàn thành tốt nhiệm vụ", year=2025, born="", source=SOURCE):
    return [name, born, year, rating, source]


def test_a_units_list_is_imported_with_vietnamese_labels_in_any_case_and_form(unit_officer):
    lan = PersonFactory(unit=unit_officer.unit, full_name="Nguyễn Thị Lan")
    binh = PersonFactory(unit=unit_officer.unit, full_name="Trần Văn Bình")
    hoa = PersonFactory(unit=unit_officer.unit, full_name="Lê Thị Hoa")

    result = import_ratings(
        uploaded_file=upload(
            [
                row("nguyen thi lan", "HOÀN THÀNH XUẤT SẮC NHIỆM VỤ"),
                row("Tra\u0300n Va\u0306n Bi\u0300nh", "hoan thanh nhiem vu"),  # decomposed Unicode (NFD)
                row("Lê Thị Hoa", "Không hoàn thành nhiệm vụ", year=2024),
            ]
        ),
        unit=unit_officer.unit,
        by=unit_officer,
    )

    assert (result.created, result.updated) == (3, 0)
    assert dict(DutyRating.objects.values_list("person_id", "rating")) == {
        lan.pk: "excellent",
        binh.pk: "completed",
        hoa.pk: "not_completed",
    }
    record = ImportRecord.objects.get()
    assert (record.kind, record.by, record.created_count) == ("duty_ratings", unit_officer, 3)


def test_another_units_person_is_refused_like_an_unknown_name_and_nothing_is_written(unit_officer):
    PersonFactory(unit=unit_officer.unit, full_name="Nguyễn Thị Lan")
    PersonFactory(unit=UnitFactory(name="Sở Y tế"), full_name="Phạm Văn Khác")

    with pytest.raises(ImportFailed) as failure:
        import_ratings(
            uploaded_file=upload([row("Nguyễn Thị Lan"), row("Phạm Văn Khác"), row("Không Có Ai")]),
            unit=unit_officer.unit,
            by=unit_officer,
        )

    messages = {error.row: error.message for error in failure.value.errors}
    unit = unit_officer.unit
    assert messages == {
        3: f"Phạm Văn Khác không có trong danh sách cá nhân của {unit}.",
        4: f"Không Có Ai không có trong danh sách cá nhân của {unit}.",
    }
    assert "Sở Y tế" not in " ".join(messages.values())
    assert not DutyRating.objects.exists()
    assert not ImportRecord.objects.exists()


def test_a_unit_officer_may_not_import_another_units_list(unit_officer):
    with pytest.raises(RatingError):
        import_ratings(uploaded_file=upload([row("Ai Đó")]), unit=UnitFactory(), by=unit_officer)


def test_an_existing_rating_is_updated_and_the_history_shows_it(officer):
    unit = UnitFactory()
    person = PersonFactory(unit=unit, full_name="Nguyễn Thị Lan")
    rating = rate(person, 2025, rating="good")[0]

    result = import_ratings(
        uploaded_file=upload([row("Nguyễn Thị Lan", "Hoàn thành xuất sắc nhiệm vụ")]), unit=unit, by=officer
    )

    assert (result.created, result.updated) == (0, 1)
    rating.refresh_from_db()
    assert rating.rating == "excellent"
    changes = {change.label: (change.before, change.after) for change in history_for(rating)[0].changes}
    assert changes["mức độ hoàn thành nhiệm vụ"] == ("Hoàn thành tốt nhiệm vụ", "Hoàn thành xuất sắc nhiệm vụ")


def test_namesakes_need_the_date_of_birth_and_bad_cells_are_listed(officer):
    unit = UnitFactory()
    PersonFactory(unit=unit, full_name="Nguyễn Văn An", date_of_birth=date(1980, 1, 2))
    younger = PersonFactory(unit=unit, full_name="Nguyễn Văn An", date_of_birth=date(1990, 5, 6))

    with pytest.raises(ImportFailed) as failure:
        import_ratings(
            uploaded_file=upload(
                [
                    row("Nguyễn Văn An"),
                    row("Nguyễn Văn An", born="06/05/1990", rating="Rất tốt"),
                    row("Nguyễn Văn An", born="06/05/1990", source=""),
                    row("Nguyễn Văn An", born="06/05/1990", year=1800),
                ]
            ),
            unit=unit,
            by=officer,
        )
    messages = {error.row: error.message for error in failure.value.errors}
    assert "có nhiều người tên Nguyễn Văn An: hãy ghi ngày sinh." in messages[2]
    assert messages[3] == "Mức độ hoàn thành nhiệm vụ “Rất tốt” không hợp lệ."
    assert messages[4] == "Chưa nhập văn bản xếp loại."
    assert 5 in messages

    import_ratings(uploaded_file=upload([row("Nguyễn Văn An", born="06/05/1990")]), unit=unit, by=officer)
    assert DutyRating.objects.get().person == younger


def test_the_import_page_and_its_template(client_as, unit_officer):
    PersonFactory(unit=unit_officer.unit, full_name="Nguyễn Thị Lan")
    client = client_as(unit_officer)
    assert client.get("/directory/ratings/import/template.xlsx").status_code == 200

    response = client.post("/directory/ratings/import/", {"file": upload([row("Phạm Văn Khác")])})
    assert response.status_code == 400
    assert "Phạm Văn Khác không có trong danh sách cá nhân" in response.content.decode()

    response = client.post("/directory/ratings/import/", {"file": upload([row("Nguyễn Thị Lan")])})
    assert response.status_code == 302
    assert DutyRating.objects.count() == 1


def test_the_list_exports_and_the_person_page_shows_ratings_by_year(client_as, officer):
    person = PersonFactory(full_name="Nguyễn Thị Lan")
    rate(person, 2024, rating="good")
    rate(person, 2025)
    client = client_as(officer)

    export = client.get("/directory/ratings/?format=xlsx&year=2025")
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")

    page = client.get(f"/directory/people/{person.pk}/").content.decode()
    assert "Hoàn thành tốt nhiệm vụ" in page
    assert "Hoàn thành xuất sắc nhiệm vụ" in page
    assert page.index("2025") < page.index("2024")
