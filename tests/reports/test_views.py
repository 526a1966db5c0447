import pytest

from reports.domain import demo
from reports.models import Conference, ConferenceAttendee, Indicator, IndicatorValue, MemberReport
from tests.factories.reports import term_with_members


@pytest.mark.django_db
def test_conference_page_shows_facts_figures_and_guests_in_vietnamese(client_as, south_west, officer):
    conference = Conference.objects.get(term=south_west)

    page = client_as(officer).get(f"/reports/conferences/{conference.pk}/").content.decode()

    assert "06/08/2019" in page
    assert "Trần Thị Hà" in page
    assert "Trà Vinh 17%" in page
    assert "12/12" in page
    assert "8,493 tỷ USD" in page
    assert "Tóm tắt PDF" in page
    assert "Lịch sử thay đổi" in page


@pytest.mark.django_db
def test_report_list_search_ignores_diacritics(client_as, south_west, officer):
    page = client_as(officer).get("/reports/", {"q": "tra vinh"}).content.decode()

    assert "Trà Vinh" in page
    assert "Long An" not in page


@pytest.mark.django_db
def test_report_list_exports_excel(client_as, south_west, officer):
    response = client_as(officer).get("/reports/", {"format": "xlsx"})

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.django_db
def test_unit_officer_sees_only_own_and_led_reports(client_as, south_west, unit_officer, member_unit):
    term = term_with_members(members=[member_unit], year=2024)
    MemberReport.objects.create(term=term, unit=member_unit, period="h1")

    page = client_as(unit_officer).get("/reports/").content.decode()

    assert member_unit.name in page
    assert "Trà Vinh" not in page


@pytest.mark.django_db
def test_lead_starts_compiles_and_sees_missing_reports(client_as, unit_officer, member_unit):
    term = term_with_members(lead=member_unit, count=1)
    client = client_as(unit_officer)

    start = client.post("/reports/new/", {"term": term.pk, "period": "h1"})
    report = MemberReport.objects.get(term=term, unit=member_unit)
    indicator = Indicator.objects.create(code="grdp-growth", name="GRDP", measure_unit="percent", aggregation="average")
    IndicatorValue.objects.create(report=report, indicator=indicator, value=8)
    client.post(f"/reports/{report.pk}/submit/")
    compiled = client.post("/reports/cluster/compile/", {"term": term.pk, "period": "h1"}, follow=True)

    assert start.status_code == 302
    assert "1 trên 2 thành viên đã gửi báo cáo" in compiled.content.decode()


@pytest.mark.django_db
def test_demo_seed_is_idempotent_and_complete():
    from directory.domain import demo as directory_demo

    directory_demo.seed(with_logins=False)
    logins = demo.seed(with_logins=True)
    counts = [model.objects.count() for model in (MemberReport, IndicatorValue, Conference, ConferenceAttendee)]
    demo.seed(with_logins=True)

    assert [model.objects.count() for model in (MemberReport, IndicatorValue, Conference, ConferenceAttendee)] == counts
    assert Conference.objects.count() == 3
    assert MemberReport.objects.filter(term__year=2019).count() == 12
    assert {login.username for login in logins} == {"cumtruongtnb"}


@pytest.mark.django_db
def test_dashboard_and_menu_offer_reports_to_officers(client_as, south_west, officer):
    page = client_as(officer).get("/").content.decode()

    assert "Báo cáo và hội nghị" in page
    assert 'href="/reports/conferences/"' in page


@pytest.mark.django_db
def test_dashboard_and_menu_hide_reports_from_outsiders(client_as, south_west, outsider):
    page = client_as(outsider).get("/").content.decode()

    assert "/reports/" not in page
