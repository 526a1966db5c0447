import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.numbers import parse_number
from reports.domain.errors import ReportError
from reports.domain.member_reports import (
    TEMPLATE_HEADERS,
    compile_cluster_report,
    figure_bounds,
    start_report,
    submit_report,
)
from reports.enums import Period, ReportStatus
from tests.factories import UnitFactory
from tests.factories.reports import IndicatorFactory, MemberReportFactory, submitted_report, term_with_members


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("63,43", Decimal("63.43")),
        ("8.493,5", Decimal("8493.5")),
        ("8.2", Decimal("8.2")),
        (17, Decimal(17)),
        ("", None),
    ],
)
def test_figures_are_read_vietnamese_and_plain(raw, expected):
    # parse_value is gone: figures are read by portal.numbers with IndicatorValue.value's bounds.
    assert parse_number(raw, **figure_bounds()) == expected


@pytest.mark.parametrize("raw", ["abc", "nan", "1e20"])
def test_figures_that_are_not_numbers_are_refused(raw):
    with pytest.raises(ValueError):
        parse_number(raw, **figure_bounds())


@pytest.mark.django_db
def test_start_report_refuses_a_unit_outside_the_term():
    term = term_with_members()

    with pytest.raises(ReportError):
        start_report(term=term, unit=UnitFactory(), period=Period.H1)


@pytest.mark.django_db
def test_start_report_twice_returns_the_same_draft():
    term = term_with_members()

    first = start_report(term=term, unit=term.lead_unit, period=Period.H1)

    assert start_report(term=term, unit=term.lead_unit, period=Period.H1) == first


@pytest.mark.django_db
def test_submit_report_without_figures_is_refused():
    report = MemberReportFactory()

    with pytest.raises(ReportError):
        submit_report(report=report, by=None)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def upload(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(TEMPLATE_HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("so-lieu.xlsx", buffer.getvalue())


@pytest.mark.django_db
def test_excel_upload_records_the_figures(client_as, unit_officer, member_unit):
    term = term_with_members(members=[member_unit])
    report = MemberReportFactory(term=term, unit=member_unit)
    indicator = IndicatorFactory(code="grdp-growth")

    response = client_as(unit_officer).post(
        f"/reports/{report.pk}/upload/", {"file": upload([["grdp-growth", "GRDP", "%", "8,2"]])}, follow=True
    )

    assert report.values.get(indicator=indicator).value == Decimal("8.2")
    assert "Đã nhập số liệu" in response.content.decode()


@pytest.mark.django_db
def test_excel_upload_with_a_bad_row_imports_nothing(client_as, unit_officer, member_unit):
    term = term_with_members(members=[member_unit])
    report = MemberReportFactory(term=term, unit=member_unit)
    IndicatorFactory(code="grdp-growth")

    response = client_as(unit_officer).post(
        f"/reports/{report.pk}/upload/",
        {"file": upload([["grdp-growth", "GRDP", "%", "8,2"], ["khong-co", "?", "%", "1"]])},
        follow=True,
    )

    assert report.values.count() == 0
    assert "khong-co" in response.content.decode()


@pytest.mark.django_db
def test_excel_upload_of_a_non_workbook_is_refused_clearly(client_as, unit_officer, member_unit):
    term = term_with_members(members=[member_unit])
    report = MemberReportFactory(term=term, unit=member_unit)

    response = client_as(unit_officer).post(
        f"/reports/{report.pk}/upload/", {"file": SimpleUploadedFile("x.xlsx", b"not a workbook")}, follow=True
    )

    assert response.status_code == 200
    assert "không phải" in response.content.decode().lower()


@pytest.mark.django_db
def test_report_form_saves_vietnamese_figures_and_rejects_text(client_as, unit_officer, member_unit):
    term = term_with_members(members=[member_unit])
    report = MemberReportFactory(term=term, unit=member_unit)
    indicator = IndicatorFactory()
    client = client_as(unit_officer)

    bad = client.post(f"/reports/{report.pk}/edit/", {f"indicator_{indicator.pk}": "tám"})
    good = client.post(f"/reports/{report.pk}/edit/", {f"indicator_{indicator.pk}": "63,43", "results": "Tốt"})

    assert bad.status_code == 400
    assert good.status_code == 302
    assert report.values.get().value == Decimal("63.43")


@pytest.mark.django_db
def test_submitted_report_cannot_be_edited_by_its_unit(client_as, unit_officer, member_unit):
    term = term_with_members(members=[member_unit])
    report = submitted_report(term=term, unit=member_unit, figures={IndicatorFactory(): 1})

    response = client_as(unit_officer).post(f"/reports/{report.pk}/edit/", {"results": "Sửa"})

    assert response.status_code == 403


@pytest.mark.django_db
def test_compile_cluster_report_assembles_members_sections():
    term = term_with_members(count=1)
    indicator = IndicatorFactory()
    lead, other = [membership.unit for membership in term.memberships.order_by("pk")]
    first = submitted_report(term=term, unit=lead, figures={indicator: 1})
    first.results = "Tăng trưởng khá"
    first.save()
    second = submitted_report(term=term, unit=other, figures={indicator: 2})
    second.limitations = "Thu ngân sách chậm"
    second.save()

    cluster_report = compile_cluster_report(term=term, period=Period.H1, by=None)

    assert f"{lead.name}: Tăng trưởng khá" in cluster_report.results
    assert cluster_report.limitations == f"{other.name}: Thu ngân sách chậm"
    assert cluster_report.compiled_at is not None


@pytest.mark.django_db
def test_compile_cluster_report_without_submissions_is_refused():
    with pytest.raises(ReportError):
        compile_cluster_report(term=term_with_members(), period=Period.H1, by=None)
