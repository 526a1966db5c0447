from datetime import date

import pytest

from tests.factories import PersonFactory, UnitFactory


@pytest.fixture
def merged_provinces(db):
    ninh_binh = UnitFactory(name="Ninh Bình", kind="province", valid_from=date(2025, 7, 1))
    nam_dinh = UnitFactory(
        name="Nam Định", kind="province", code="36", valid_until=date(2025, 6, 30), successor=ninh_binh
    )
    ha_nam = UnitFactory(name="Hà Nam", kind="province", code="35", valid_until=date(2025, 6, 30), successor=ninh_binh)
    return ninh_binh, nam_dinh, ha_nam


@pytest.mark.django_db
def test_unit_list_search_ha_noi_finds_ha_noi(client_as, council_member):
    UnitFactory(name="Hà Nội", kind="province")
    UnitFactory(name="Hà Nam", kind="province")

    response = client_as(council_member).get("/directory/units/", {"q": "ha noi"})

    assert [unit.name for unit in response.context["object_list"]] == ["Hà Nội"]


@pytest.mark.django_db
def test_unit_page_of_nam_dinh_names_ninh_binh_as_successor(client_as, officer, merged_provinces):
    ninh_binh, nam_dinh, _ = merged_provinces

    response = client_as(officer).get(f"/directory/units/{nam_dinh.pk}/")

    assert response.context["successors"] == [ninh_binh]
    page = response.content.decode()
    assert "Đơn vị kế thừa" in page
    assert f'href="/directory/units/{ninh_binh.pk}/">Ninh Bình<' in page


@pytest.mark.django_db
def test_unit_page_of_ninh_binh_lists_its_predecessors(client_as, officer, merged_provinces):
    ninh_binh, nam_dinh, ha_nam = merged_provinces

    response = client_as(officer).get(f"/directory/units/{ninh_binh.pk}/")

    assert response.context["predecessors"] == [ha_nam, nam_dinh]


@pytest.mark.django_db
def test_unit_list_filters_current_and_historical(client_as, officer, merged_provinces):
    ninh_binh, nam_dinh, ha_nam = merged_provinces
    client = client_as(officer)

    current = client.get("/directory/units/", {"status": "current"}).context["object_list"]
    historical = client.get("/directory/units/", {"status": "historical"}).context["object_list"]

    assert ninh_binh in current and nam_dinh not in current
    assert set(historical) == {nam_dinh, ha_nam}


@pytest.mark.django_db
def test_unit_list_filters_by_kind_and_province(client_as, officer):
    province = UnitFactory(name="Ninh Bình", kind="province")
    department = UnitFactory(name="Sở Tư pháp", kind="department", parent=province)
    UnitFactory(name="Sở Y tế Hà Nội", kind="department")

    response = client_as(officer).get("/directory/units/", {"kind": "department", "province": province.pk})

    assert list(response.context["object_list"]) == [department]


@pytest.mark.django_db
def test_unit_list_paginates_and_keeps_the_filters_in_page_links(client_as, officer):
    UnitFactory.create_batch(30, kind="school")

    response = client_as(officer).get("/directory/units/", {"kind": "school"})

    assert len(response.context["object_list"]) == 25
    assert "?kind=school&amp;page=2" in response.content.decode()


@pytest.mark.django_db
def test_unit_list_with_invalid_filter_values_does_not_fail(client_as, officer):
    response = client_as(officer).get("/directory/units/", {"kind": "không-có", "province": "abc", "page": "xyz"})

    assert response.status_code in (200, 404)


@pytest.mark.django_db
def test_unit_list_exports_the_filtered_list_to_excel(client_as, officer):
    import io

    import openpyxl

    UnitFactory(name="Hà Nội", kind="province", code="01")
    UnitFactory(name="Huế", kind="province", code="46")

    response = client_as(officer).get("/directory/units/", {"q": "ha noi", "format": "xlsx"})

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=6, values_only=True)] == ["Hà Nội"]  # below the title


@pytest.mark.django_db
def test_unit_officer_sees_only_their_own_units_people(client_as, unit_officer, member_unit):
    colleague = PersonFactory(unit=member_unit)
    PersonFactory()

    response = client_as(unit_officer).get("/directory/people/")

    assert list(response.context["object_list"]) == [colleague]


@pytest.mark.django_db
def test_officer_edits_a_unit_and_the_history_shows_before_and_after(client_as, officer):
    unit = UnitFactory(name="Sở Nội vụ", kind="department")
    client = client_as(officer)

    response = client.post(
        f"/directory/units/{unit.pk}/edit/", {"name": "Sở Nội vụ tỉnh Ninh Bình", "kind": "department", "code": "SNV"}
    )
    page = client.get(f"/directory/units/{unit.pk}/").content.decode()

    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.name == "Sở Nội vụ tỉnh Ninh Bình"
    assert "Lịch sử thay đổi" in page
    assert "Sở Nội vụ → Sở Nội vụ tỉnh Ninh Bình" in page
    assert officer.full_name in page


@pytest.mark.django_db
def test_unit_form_rejects_unordered_validity_with_a_message(client_as, officer):
    response = client_as(officer).post(
        "/directory/units/new/",
        {"name": "Đơn vị", "kind": "agency", "valid_from": "01/07/2025", "valid_until": "30/06/2025"},
    )

    assert response.status_code == 200
    assert "Ngày hết hiệu lực không được sớm hơn ngày bắt đầu hiệu lực" in response.content.decode()


@pytest.mark.django_db
def test_unit_form_accepts_vietnamese_dates(client_as, officer):
    response = client_as(officer).post(
        "/directory/units/new/", {"name": "Đơn vị mới", "kind": "agency", "valid_from": "21/11/2026"}
    )

    assert response.status_code == 302
    from directory.models import Unit

    assert Unit.objects.get(name="Đơn vị mới").valid_from == date(2026, 11, 21)


# --- issue 14 (fields): the position tier and the enterprise flag on forms, pages and list filters ---
@pytest.mark.django_db
def test_a_persons_tier_is_saved_shown_and_filtered(client_as, officer):
    from directory.models import Person

    unit = UnitFactory()
    client = client_as(officer)
    data = {"full_name": "Đặng Văn Thành", "gender": "male", "unit": unit.pk, "position_tier": "business"}

    assert client.post("/directory/people/new/", data).status_code == 302
    Person.objects.create(full_name="Lê Văn Nam", gender="male", unit=unit)

    person = Person.objects.get(full_name="Đặng Văn Thành")
    assert person.position_tier == "business"
    assert "Doanh nhân" in client.get(f"/directory/people/{person.pk}/").content.decode()
    business = client.get("/directory/people/?position_tier=business").content.decode()
    not_set = client.get("/directory/people/?position_tier=none").content.decode()
    assert "Đặng Văn Thành" in business and "Lê Văn Nam" not in business
    assert "Lê Văn Nam" in not_set and "Đặng Văn Thành" not in not_set
    refused = client.post("/directory/people/new/", {**data, "position_tier": "king"})
    assert refused.status_code != 302 and Person.objects.count() == 2


@pytest.mark.django_db
def test_a_units_enterprise_flag_is_saved_shown_and_filtered(client_as, officer):
    from directory.models import Unit

    client = client_as(officer)
    UnitFactory(name="Sở Tư pháp")

    response = client.post(
        "/directory/units/new/", {"name": "Công ty Dệt may", "kind": "enterprise", "is_enterprise": "on"}
    )

    unit = Unit.objects.get(name="Công ty Dệt may")
    assert response.status_code == 302 and unit.is_enterprise
    assert "doanh nghiệp" in client.get(f"/directory/units/{unit.pk}/").content.decode()
    listed = client.get("/directory/units/?enterprise=yes").content.decode()
    assert "Công ty Dệt may" in listed and "Sở Tư pháp" not in listed
