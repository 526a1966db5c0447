import pytest

from clusters.domain import demo
from clusters.domain.ranking import ranking
from clusters.models import Cluster, Term
from directory.domain import demo as directory_demo
from tests.permissions import snapshot


@pytest.mark.django_db
def test_demo_seed_is_idempotent_and_gives_rankings():
    directory_demo.seed(with_logins=False)

    logins = demo.seed(with_logins=True)
    before = snapshot()
    demo.seed(with_logins=True)

    assert snapshot() == before
    assert {login.username for login in logins} == {"cumtruong", "cumpho", "khoitruong", "thanhvien"}
    assert Cluster.objects.count() == 3
    south_west = Term.objects.get(year=2019)
    assert south_west.memberships.count() == 12
    assert south_west.deputy_unit.name == "Kiên Giang"
    assert len(ranking(term=south_west)) == 12
    assert len(ranking(term=Term.objects.get(year=2022))) == 6


@pytest.mark.django_db
def test_demo_pages_render_for_the_lead_and_officers(client_as, officer):
    from directory.models import User

    directory_demo.seed(with_logins=False)
    demo.seed(with_logins=True)
    lead = User.objects.get(username="cumtruong")
    term = Term.objects.get(year=2022)
    sheet = term.sheets.get(status="submitted", unit__code="26")

    for user in (lead, officer):
        client = client_as(user)
        for url in [
            "/clusters/",
            f"/clusters/{term.cluster_id}/",
            f"/clusters/terms/{term.pk}/",
            f"/clusters/terms/{term.pk}/review/",
            f"/clusters/terms/{term.pk}/ranking/",
            f"/clusters/terms/{term.pk}/vote/",
            f"/clusters/sheets/{sheet.pk}/",
            "/",
        ]:
            assert client.get(url).status_code == 200, url
    assert "Bắc Ninh" in client_as(lead).get(f"/clusters/terms/{term.pk}/ranking/").content.decode()
    review = client_as(lead).get(f"/clusters/sheets/{sheet.pk}/review/").content.decode()
    assert "Chấp thuận phiếu" in review
    assert "phiếu cần thẩm định" in client_as(lead).get("/").content.decode()


@pytest.mark.django_db
def test_admin_copies_last_years_criteria(client_as, administrator):
    directory_demo.seed(with_logins=False)
    demo.seed(with_logins=False)
    last = Term.objects.get(year=2022)
    this_year = Term.objects.create(cluster=last.cluster, year=2023, lead_unit=last.deputy_unit)

    response = client_as(administrator).post(
        "/admin/clusters/term/", {"action": "copy_last_years_criteria", "_selected_action": [this_year.pk]}
    )

    assert response.status_code == 302
    assert this_year.criterion_groups.count() == 2
