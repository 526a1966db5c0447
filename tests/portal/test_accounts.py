import pytest
from django.contrib.auth import SESSION_KEY

from tests.conftest import PASSWORD


@pytest.mark.django_db
def test_login_with_correct_password_lands_on_dashboard(client, officer):
    response = client.post("/accounts/login/", {"username": "officer", "password": PASSWORD})

    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert client.session[SESSION_KEY] == str(officer.pk)


@pytest.mark.django_db
def test_login_with_wrong_password_shows_vietnamese_error(client, officer):
    response = client.post("/accounts/login/", {"username": "officer", "password": "sai-mat-khau"})

    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    assert "không đúng" in response.content.decode()


@pytest.mark.django_db
def test_login_locks_out_after_repeated_failures_even_with_right_password(client, officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "officer", "password": "sai-mat-khau"})

    response = client.post("/accounts/login/", {"username": "officer", "password": PASSWORD})

    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()


@pytest.mark.django_db
def test_logout_ends_the_session(client, officer):
    client.force_login(officer)

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_password_change_requires_the_old_password(client, officer):
    client.force_login(officer)

    refused = client.post(
        "/accounts/password/",
        {"old_password": "sai", "new_password1": "Mat-khau-moi-2026", "new_password2": "Mat-khau-moi-2026"},
    )
    accepted = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "Mat-khau-moi-2026", "new_password2": "Mat-khau-moi-2026"},
    )

    assert refused.status_code == 200
    assert accepted.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("Mat-khau-moi-2026")


@pytest.mark.django_db
def test_session_expires_when_the_browser_closes_and_after_the_age_limit(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
