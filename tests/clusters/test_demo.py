from datetime import date

import pytest

from clusters.domain import demo
from clusters.domain.ranking import ranking
from clusters.enums import ClusterKind, PhaseKind, SheetStatus
from clusters.models import Cluster, Criterion, Term
from directory.domain import demo as directory_demo
from directory.models import User
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


@pytest.mark.django_db
@pytest.mark.parametrize("today", [None, date(2031, 2, 28)])
def test_the_blocs_2024_term_is_open_for_self_assessment_whatever_day_the_demo_is_seeded(monkeypatch, today):
    from django.utils import timezone

    if today is not None:
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today)
    today = timezone.localdate()
    directory_demo.seed(with_logins=True)
    logins = {login.username: login for login in demo.seed(with_logins=True)}
    before = snapshot()
    demo.seed(with_logins=True)
    assert snapshot() == before

    last_year = Term.objects.get(cluster__kind=ClusterKind.BLOC, year=2023)
    term = Term.objects.get(cluster=last_year.cluster, year=2024)
    # Lead and deputy as 2023 elected them; members, criteria and phase plan copied from 2023.
    assert (term.lead_unit, term.deputy_unit) == (last_year.next_lead_unit, last_year.next_deputy_unit)
    assert term.lead_unit.name == "Thành phố Ninh Bình"
    assert set(term.memberships.values_list("unit_id", flat=True)) == set(
        last_year.memberships.values_list("unit_id", flat=True)
    )
    assert list(Criterion.objects.filter(group__term=term).order_by("code").values_list("code", "max_points")) == list(
        Criterion.objects.filter(group__term=last_year).order_by("code").values_list("code", "max_points")
    )
    assert set(term.phases.values_list("kind", flat=True)) == set(last_year.phases.values_list("kind", flat=True))
    # Self-assessment is current and contains today: every member's sheet is open as a draft.
    current = term.active_phase
    assert current.kind == PhaseKind.SELF_ASSESSMENT
    assert current.starts_on <= today <= current.ends_on
    assert term.sheets.count() == 8
    assert set(term.sheets.values_list("status", flat=True)) == {SheetStatus.DRAFT}
    # The lead's officer and a member's officer can sign in and have their sheet to fill.
    lead, member = User.objects.get(username="khoitruong"), User.objects.get(username="thanhvien")
    assert lead.unit_id == term.lead_unit_id
    assert term.memberships.filter(unit=member.unit).exists()
    assert "2024" in logins["khoitruong"].role and "2024" in logins["thanhvien"].role
    assert User.objects.get(username="canbo").is_provincial_officer


@pytest.mark.django_db
def test_the_blocs_2024_sheets_open_for_the_demo_member(client_as):
    directory_demo.seed(with_logins=True)
    demo.seed(with_logins=True)
    member = User.objects.get(username="thanhvien")
    term = Term.objects.get(cluster__kind=ClusterKind.BLOC, year=2024)
    sheet = term.sheets.get(unit=member.unit)

    page = client_as(member).get(f"/clusters/sheets/{sheet.pk}/").content.decode()

    assert 'name="value-' in page
    assert client_as(User.objects.get(username="khoitruong")).get(f"/clusters/terms/{term.pk}/").status_code == 200
