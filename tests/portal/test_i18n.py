from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation


@pytest.mark.django_db
def test_login_page_speaks_vietnamese_by_default(client):
    response = client.get("/accounts/login/")

    assert response.status_code == 200
    assert response.headers["Content-Language"] == "vi"
    assert "Đăng nhập" in response.content.decode()


@pytest.mark.django_db
def test_language_switch_to_english_changes_the_login_page(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})

    response = client.get("/accounts/login/")

    assert response.headers["Content-Language"] == "en"
    assert "Sign in" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "expected"),
    [("vi", "21/11/2026 · 50.985,5 · 8,2% · 1.283"), ("en", "21/11/2026 · 50,985.5 · 8.2% · 1,283")],
)
def test_dates_and_numbers_follow_the_language(language, expected):
    template = Template(
        "{% load portal %}"
        '{{ day|date:"SHORT_DATE_FORMAT" }} · {{ output|number }} · {{ growth|percent }} · {{ communes|number }}'
    )
    context = Context(
        {"day": date(2026, 11, 21), "output": Decimal("50985.5"), "growth": Decimal("8.20"), "communes": 1283}
    )

    with translation.override(language):
        rendered = template.render(context)

    assert rendered == expected


def test_number_filter_with_fixed_decimals():
    template = Template("{% load portal %}{{ value|number:2 }}")

    with translation.override("vi"):
        assert template.render(Context({"value": Decimal("96.6199")})) == "96,62"


@pytest.mark.django_db
def test_browser_asking_for_english_still_gets_vietnamese_until_the_user_switches(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response.headers["Content-Language"] == "vi"
    assert "Đăng nhập" in response.content.decode()
