import pytest


@pytest.mark.django_db
def test_dashboard_sends_anonymous_visitors_to_login(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected_role_label"),
    [
        ("officer", "Cán bộ"),
        ("unit_officer", "Cán bộ đơn vị"),
        ("council_member", "Hội đồng"),
        ("administrator", "Quản trị"),
    ],
)
def test_dashboard_greets_each_role_in_vietnamese(client_as, cast, role, expected_role_label):
    response = client_as(cast[role]).get("/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Xin chào" in page
    assert expected_role_label in page


@pytest.mark.django_db
def test_dashboard_shows_directory_totals_to_officers_only(client_as, officer, unit_officer):
    officer_page = client_as(officer).get("/").content.decode()
    unit_page = client_as(unit_officer).get("/").content.decode()

    assert "đơn vị đang hoạt động" in officer_page
    assert "đơn vị đang hoạt động" not in unit_page


@pytest.mark.django_db
def test_navigation_shows_import_only_to_officers(client_as, officer, council_member):
    assert "/directory/import/" in client_as(officer).get("/").content.decode()
    assert "/directory/import/" not in client_as(council_member).get("/").content.decode()
