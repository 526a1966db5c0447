"""The public register of decisions (issue 16, public): published decisions are found by a search
without diacritics ("quyet dinh", a name), filtered by year and level; an unpublished decision is
absent and its public URLs answer 404; publishing and taking out need an officer, taking out a reason."""

import pytest
from django.urls import reverse

from awards.domain import public
from awards.domain.public import AwardsError
from awards.models import Decision
from portal.audit import history_for
from tests.awards.public_helpers import decided_proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def decisions(officer):
    shown = decided_proposal(officer, number="2968/QĐ-UBND", people=("Nguyễn Thị Hoà",))
    hidden = decided_proposal(officer, number="3001/QĐ-UBND", people=("Đặng Văn Khoa",))
    public.publish_decision(decision=shown, by=officer)
    return Decision.objects.get(pk=shown.pk), hidden


@pytest.mark.parametrize("query", ["quyet dinh", "nguyen thi hoa", "Nguyễn Thị Hoà", "2968"])
def test_search_without_diacritics_finds_the_published_decision(client, decisions, query):
    shown, hidden = decisions
    page = client.get(reverse("public:decision_register"), {"q": query}).content.decode()

    assert shown.number in page
    assert hidden.number not in page


def test_a_search_that_matches_nothing_says_so(client, decisions):
    page = client.get(reverse("public:decision_register"), {"q": "khoa"}).content.decode()
    assert "Không có quyết định nào phù hợp." in page  # Đặng Văn Khoa's decision is not published


def test_filters_by_year_and_level(client, decisions):
    shown, _hidden = decisions
    url = reverse("public:decision_register")
    assert shown.number in client.get(url, {"year": "2025", "level": "provincial"}).content.decode()
    assert shown.number not in client.get(url, {"year": "2024"}).content.decode()
    assert shown.number not in client.get(url, {"level": "national"}).content.decode()


def test_the_public_decision_shows_its_annex_and_nothing_private(client, decisions):
    shown, _hidden = decisions
    page = client.get(reverse("public:decision_detail", args=[shown.pk])).content.decode()

    assert "Nguyễn Thị Hoà" in page and "Lao động tiên tiến" in page
    assert "06/05/1979" not in page and "1979" not in page


@pytest.mark.slow
def test_the_public_pdf_is_the_decision(client, decisions):
    shown, _hidden = decisions
    pdf = client.get(reverse("public:decision_pdf", args=[shown.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_an_unpublished_decision_is_404(client, decisions):
    _shown, hidden = decisions
    assert client.get(reverse("public:decision_detail", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("public:decision_pdf", args=[hidden.pk])).status_code == 404


def test_taking_out_needs_a_reason_and_is_in_the_history(client, decisions, officer):
    shown, _hidden = decisions
    with pytest.raises(AwardsError):
        public.unpublish_decision(decision=shown, by=officer, reason="")
    with pytest.raises(AwardsError):
        public.publish_decision(decision=shown, by=officer)  # already there
    public.unpublish_decision(decision=shown, by=officer, reason="Quyết định bị đính chính")

    assert client.get(reverse("public:decision_detail", args=[shown.pk])).status_code == 404
    assert any(row.reason == "Quyết định bị đính chính" for row in history_for(shown))


def test_the_officer_publishes_from_the_decision_page(client_as, officer, unit_officer, decisions):
    _shown, hidden = decisions
    url = reverse("awards:decision_register", args=[hidden.pk])
    assert client_as(officer).get(url).status_code == 200
    assert client_as(unit_officer).post(url).status_code == 403
    assert client_as(officer).post(url).status_code == 302

    assert Decision.objects.get(pk=hidden.pk).published_at is not None
