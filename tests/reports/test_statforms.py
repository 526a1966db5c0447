"""Statistical forms 0601-0605 (issue 14): every cell against an independent count of the seeded
year, each cell's drill-down against the records it counts, the checks before filing, the job's
files (text of the PDF and the Excel file), the frozen final form, and constant queries."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.enums import JobStatus
from portal.errors import DomainError
from reports.domain.statforms import jobs as statform_jobs
from reports.domain.statforms.catalogue import install, shipped
from reports.domain.statforms.counting import cell_rows, count_cells, definition_of, problems
from reports.models import StatForm, StatReport
from tests.factories import statforms as seed
from tests.permissions import built_once_per_module
from tests.reports.pdf import pdf_text

YEAR = seed.YEAR
pytestmark = pytest.mark.django_db


def build(cast):
    install(StatForm)  # a transactional test before this module may have flushed the migration's rows
    data = seed.build_year()
    reports = {}
    for code in ("0602", "0604"):  # the counts of every form are read by count_cells; these two are filled
        form = StatForm.objects.get(code__startswith=code)
        report = StatReport.objects.create(form=form, year=YEAR, reporting_unit=data["province"])
        statform_jobs.run_job(report_id=report.pk)
        reports[code] = report.pk
    data["reports"] = reports
    return data


shared_data = built_once_per_module(build)


@pytest.fixture
def data(shared_data):
    return shared_data.objects


def form(code):
    return StatForm.objects.get(code__startswith=code)


# --- independent counts: plain Python over the specs -------------------------------------------
def records(level, year=YEAR):
    codes = seed.NATIONAL if level == "national" else seed.PROVINCIAL
    return [spec for spec in seed.RECORDS if spec.code in codes and spec.year == year]


def individuals(specs):
    return [spec for spec in specs if spec.recipient == "individual"]


def expected_awards(level):
    """{(row, column): count} for the cells a person would check by hand on the printed form."""
    specs = records(level)
    expected = {
        ("total", "total"): len(specs),
        ("collective", "total"): sum(spec.recipient == "collective" for spec in specs),
        ("enterprise", "total"): sum(spec.recipient == "collective" and spec.enterprise for spec in specs),
        ("household", "total"): sum(spec.recipient == "household" for spec in specs),
        ("individual", "total"): len(individuals(specs)),
    }
    for tier in ("senior_leader", "department_leader", "business", "other_leader", "direct_worker"):
        expected[(f"tier_{tier}", "total")] = sum(spec.tier == tier for spec in individuals(specs))
    for method in ("regular", "thematic", "special", "foreign", "lifetime", "service", "resistance"):
        expected[(f"method_{method}", "total")] = sum(spec.method == method for spec in specs)
    return expected


def test_the_shipped_forms_are_installed_and_valid():
    codes = sorted(entry["code"] for entry in shipped())
    assert codes == [f"060{n}.N/BNV-TĐKT" for n in range(1, 6)]
    installed = StatForm.objects.filter(code__in=codes)
    assert installed.count() == len(codes)
    for entry in installed:
        entry.full_clean()  # the definition parses against its dataset


def test_form_0602_counts_state_awards_as_counted_by_hand(data):
    cells = count_cells(form("0602"), YEAR)
    for (row, column), count in expected_awards("national").items():
        assert cells[row][column] == count, (row, column)
    specs = records("national")
    hcld = [spec for spec in specs if spec.code.startswith("HCLD")]
    assert cells["total"]["hcld_tt"] == sum(spec.recipient == "collective" for spec in hcld) == 2
    assert cells["total"]["hcld_cn"] == sum(spec.recipient != "collective" for spec in hcld) == 4
    assert cells["enterprise"]["hcld_tt"] == 1
    assert cells["total"]["bkttg_cn"] == 3  # two individuals and a household
    assert cells["household"]["bkttg_cn"] == 1
    assert cells["total"]["cstdtq_cn"] == 1 and cells["total"]["ctdcp_tt"] == 1
    assert cells["total"]["other_cn"] == 1 and cells["method_special"]["other_cn"] == 1  # Huân chương Chiến công
    assert cells["provinces"]["total"] == len(specs)
    # The whole table adds up: the award columns share out the total, the tiers the individuals.
    award_columns = [column.key for column in definition_of(form("0602")).columns if column.key != "total"]
    assert sum(cells["total"][key] for key in award_columns) == cells["total"]["total"]


def test_form_0603_counts_provincial_awards_as_counted_by_hand(data):
    cells = count_cells(form("0603"), YEAR)
    for (row, column), count in expected_awards("provincial").items():
        assert cells[row][column] == count, (row, column)
    assert (cells["total"]["bk_tt"], cells["total"]["bk_cn"]) == (2, 2)
    assert cells["enterprise"]["bk_tt"] == 1
    assert (cells["total"]["cstd"], cells["total"]["ctd"], cells["total"]["knc"], cells["total"]["other"]) == (
        1,
        1,
        0,
        1,
    )


def months(spec):
    if not (spec.starts_on and spec.ends_on):
        return None
    return (spec.ends_on.year - spec.starts_on.year) * 12 + spec.ends_on.month - spec.starts_on.month + 1


def test_form_0601_counts_the_year_s_movements_by_level_scope_duration_and_method(data):
    import datetime

    first, last = datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31)
    running = [
        spec
        for spec in seed.MOVEMENTS
        if spec.state != "draft" and spec.starts_on <= last and (spec.ends_on is None or spec.ends_on >= first)
    ]
    cells = count_cells(form("0601"), YEAR)
    assert cells["total"]["total"] == len(running) == 6
    for level, column in (("national", "central"), ("provincial", "province"), ("departmental", "unit")):
        assert cells["total"][column] == sum(spec.level == level for spec in running)
    for scope in ("national", "sector", "cluster", "unit"):
        assert cells[f"scope_{scope}"]["total"] == sum(spec.scope == scope for spec in running)
    spans = [months(spec) for spec in running]
    assert cells["under_1"]["total"] == sum(m is not None and m < 12 for m in spans) == 1
    assert cells["one"]["total"] == sum(m == 12 for m in spans) == 1
    assert cells["one_three"]["total"] == sum(m is not None and 12 < m < 36 for m in spans) == 1
    assert cells["three_five"]["total"] == sum(m is not None and 36 <= m < 60 for m in spans) == 1
    assert cells["five_plus"]["total"] == sum(m is not None and m >= 60 for m in spans) == 1
    assert cells["thematic"]["total"] == sum(spec.kind == "thematic" for spec in running)
    assert cells["regular"]["province"] == sum(
        spec.kind == "regular" and spec.level == "provincial" for spec in running
    )


def test_forms_0604_and_0605_count_the_office_as_it_stood_at_the_year_s_end(data):
    organisations = count_cells(form("0604"), YEAR)
    assert organisations["total"]["count"] == 3  # one dissolved in the year, one established after it
    assert organisations["provincial_division"]["count"] == 1
    assert organisations["commune_unit"]["count"] == 0
    staff = count_cells(form("0605"), YEAR)
    in_post = [person for person in seed.STAFF if person[6] is None and seed.ORGANISATIONS[person[5]][3] is None]
    assert staff["total"]["total"] == len(in_post) == 6
    assert staff["total"]["women"] == sum(person[1] == "female" for person in in_post)
    ages = [YEAR - person[2] for person in in_post]
    assert staff["age_30"]["total"] == sum(age <= 30 for age in ages)
    assert staff["age_40"]["total"] == sum(31 <= age <= 40 for age in ages)
    assert staff["age_55"]["total"] == sum(51 <= age <= 55 for age in ages)
    assert staff["age_60"]["total"] == sum(56 <= age <= 60 for age in ages)
    assert staff["age_over"]["total"] == sum(age > 60 for age in ages)
    assert staff["training_university"]["women"] == sum(
        person[3] == "university" and person[1] == "female" for person in in_post
    )
    years = [YEAR - person[4] for person in in_post]
    assert staff["years_5"]["total"] == sum(y < 5 for y in years)
    assert staff["years_10"]["total"] == sum(5 <= y < 10 for y in years)
    assert staff["years_more"]["total"] == sum(y >= 10 for y in years)


@pytest.mark.parametrize("code", ["0601", "0602", "0603", "0604", "0605"])
def test_every_cell_is_the_count_of_its_drill_down(data, code):
    """The grouped count and the database's reading of each cell's filters agree, cell by cell."""
    the_form = form(code)
    cells = count_cells(the_form, YEAR)
    definition = definition_of(the_form)
    for row in definition.counted_rows:
        for column in definition.columns:
            rows = cell_rows(the_form, YEAR, row_key=row.key, column_key=column.key)
            assert rows.count() == cells[row.key][column.key], (row.key, column.key)


def test_a_cell_links_to_the_records_it_counts(client_as, cast, data):
    client = client_as(cast["officer"])
    report = StatReport.objects.get(pk=data["reports"]["0602"])
    page = client.get(reverse("reports:statform_detail", args=[report.pk])).content.decode()
    link = reverse("reports:statform_rows", args=[report.pk]) + "?row=tier_senior_leader&amp;column=hcld_cn"
    assert link in page
    listing = client.get(
        reverse("reports:statform_rows", args=[report.pk]), {"row": "tier_senior_leader", "column": "hcld_cn"}
    )
    shown = listing.content.decode()
    counted = cell_rows(report.form, YEAR, row_key="tier_senior_leader", column_key="hcld_cn")
    assert counted.count() == 1
    for record in counted:
        assert record.recipient_name in shown
    # The other year's senior leader with the same award is not counted, nor listed.
    other = seed.RECORDS.index(seed.RecordSpec("HCLD1-CN", "individual", "senior_leader", year=YEAR - 1))
    assert f"Người {other}<" not in shown
    assert (
        client.get(reverse("reports:statform_rows", args=[report.pk]), {"row": "nope", "column": "x"}).status_code
        == 404
    )


def test_a_record_without_a_tier_blocks_final_and_is_listed(client_as, cast, data):
    report = StatReport.objects.get(pk=data["reports"]["0602"])
    found = problems(report.form, YEAR)
    assert [(check.key, count) for check, count in found] == [("no_tier", 1)]
    with pytest.raises(DomainError):
        statform_jobs.finalise(report=report, by=cast["officer"])
    report.refresh_from_db()
    assert report.state == "draft"
    listing = client_as(cast["officer"]).get(reverse("reports:statform_rows", args=[report.pk]), {"check": "no_tier"})
    missing = seed.RECORDS.index(seed.RecordSpec("HCLD1-CN", "individual", ""))
    assert f"Người {missing}" in listing.content.decode()
    # The grassroots Giấy khen without a tier is not the State form's concern.
    assert f"Người {len(seed.RECORDS) - 1}" not in listing.content.decode()


def test_final_needs_the_figures_of_the_records_then_freezes_the_form(client_as, cast, data):
    seed.fix_missing_tiers()
    report = StatReport.objects.get(pk=data["reports"]["0602"])
    with pytest.raises(DomainError):  # the fix changed the tier rows: count again first
        statform_jobs.finalise(report=report, by=cast["officer"])
    report.values = count_cells(report.form, YEAR)
    report.save(update_fields=["values"])
    client = client_as(cast["officer"])
    response = client.post(reverse("reports:statform_finalise", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == "final" and report.finalised_by == cast["officer"]
    with pytest.raises(DomainError):
        statform_jobs.request_count(
            form=report.form, year=YEAR, reporting_unit=report.reporting_unit, by=cast["officer"]
        )
    assert client.post(reverse("reports:statform_recount", args=[report.pk])).status_code == 403
    refused = client.post(reverse("reports:statform_reopen", args=[report.pk]), {"reason": ""})
    assert refused.status_code == 400
    client.post(reverse("reports:statform_reopen", args=[report.pk]), {"reason": "Sửa số liệu theo yêu cầu của Bộ."})
    report.refresh_from_db()
    assert report.state == "draft"
    history = client.get(reverse("reports:statform_detail", args=[report.pk])).content.decode()
    assert "Sửa số liệu theo yêu cầu của Bộ." in history


def test_the_job_writes_the_official_frame_in_pdf_and_excel(data):
    from openpyxl import load_workbook

    report = StatReport.objects.get(pk=data["reports"]["0602"])
    assert report.status == JobStatus.DONE and report.steps_done == StatReport.STEPS
    with report.pdf.open("rb") as handle:
        text = pdf_text(handle.read())
    for words in (
        "Biểu số: 0602.N/BNV-TĐKT",
        "Thông tư số 02/2023/TT-BNV",
        "Ngày nhận báo cáo",
        "Tỉnh Ninh Bình",
        "Bộ Nội vụ",
        "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC",
        "Năm 2025",
        "Huân chương Lao động",
        "NGƯỜI LẬP BIỂU",
        "(Ký, họ tên, đóng dấu)",
    ):
        assert words in text, words
    with report.xlsx.open("rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()), read_only=True)
    rows = [list(row) for row in book.active.iter_rows(values_only=True)]
    book.close()
    flat = [str(cell) for row in rows for cell in row if cell is not None]
    assert "Biểu số: 0602.N/BNV-TĐKT" in flat and "Năm 2025" in flat
    total_row = next(row for row in rows if row[0] == "Tổng số")
    assert total_row[1] == "01" and total_row[3] == report.values["total"]["total"] == len(records("national"))


def test_counting_again_with_the_same_figures_renders_nothing(data, cast):
    report = StatReport.objects.get(pk=data["reports"]["0604"])
    before = (report.pdf.name, report.xlsx.name)
    StatReport.objects.filter(pk=report.pk).update(status=JobStatus.REQUESTED)
    statform_jobs.run_job(report_id=report.pk)
    report.refresh_from_db()
    assert (report.pdf.name, report.xlsx.name) == before
    # A new organisation changes the figures, and so the files.
    from directory.models import OfficeOrganisation

    OfficeOrganisation.objects.create(name="Phòng Nghiệp vụ 3", structure="provincial_division")
    StatReport.objects.filter(pk=report.pk).update(status=JobStatus.REQUESTED)
    statform_jobs.run_job(report_id=report.pk)
    report.refresh_from_db()
    assert report.pdf.name != before[0] and report.values["total"]["count"] == 4


def test_the_fill_page_counts_a_form_and_a_failing_year_is_refused(client_as, cast, data):
    client = client_as(cast["officer"])
    url = reverse("reports:statform_create")
    assert client.get(url).status_code == 200
    bad = client.post(url, {"code": "0602.N/BNV-TĐKT", "year": "1990", "reporting_unit": data["province"].pk})
    assert bad.status_code == 400
    response = client.post(
        url,
        {
            "code": "0602.N/BNV-TĐKT",
            "year": "2.024",
            "reporting_unit": data["province"].pk,
            "receiving_unit": "Bộ Nội vụ",
        },
    )
    assert response.status_code == 302
    report = StatReport.objects.get(form__code="0602.N/BNV-TĐKT", year=2024)
    assert report.status == JobStatus.REQUESTED  # the job runs after the commit


def test_a_definition_naming_an_unknown_field_or_lookup_is_refused():
    broken = StatForm(
        code="0699.N/BNV-TĐKT",
        title="Thử",
        legal_basis="Thử",
        valid_from="2026-01-01",
        dataset="award_records",
        count_unit="Người",
        definition={
            "columns": [{"key": "t", "label": "T", "filter": {"recipient_name__startswith": "A"}}],
            "rows": [{"key": "r", "label": "R", "filter": {}}],
        },
    )
    with pytest.raises(ValidationError) as refused:
        broken.full_clean()
    assert "recipient_name__startswith" in str(refused.value)
    broken.definition["columns"][0]["filter"] = {"is_collective": True}
    broken.full_clean()  # a field the dataset allows


@pytest.mark.parametrize("page", ["statform_detail", "statform_rows"])
def test_form_pages_run_a_constant_number_of_queries(client_as, cast, data, page):
    client = client_as(cast["officer"])
    report = StatReport.objects.get(pk=data["reports"]["0602"])
    url = reverse(f"reports:{page}", args=[report.pk])
    params = {"row": "individual", "column": "total"} if page == "statform_rows" else {}

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, params).status_code == 200
        return len(captured)

    few = queries()
    unit = seed.as_unit(data["unit_pks"][1])
    from awards.models import Award, AwardRecord
    from directory.models import Person

    award = Award.objects.get(code="HCLD3-CN")
    for index in range(30):
        person = Person.objects.create(full_name=f"Thêm {index}", gender="female", unit=unit, position_tier="business")
        AwardRecord.objects.create(
            recipient_name=person.full_name, person=person, unit=unit, award=award, year=YEAR, position_tier="business"
        )
    assert queries() == few


def test_the_reporting_unit_is_a_province_suggested_and_checked_as_one(client_as, cast, data):
    client = client_as(cast["officer"])
    department = seed.as_unit(data["unit_pks"][1])
    refused = client.post(
        reverse("reports:statform_create"),
        {"code": "0603.N/BNV-TĐKT", "year": "2025", "reporting_unit": department.pk, "receiving_unit": "Bộ Nội vụ"},
    )
    assert refused.status_code == 400 and "reporting_unit" in refused.context["form"].errors
    assert not StatReport.objects.filter(reporting_unit=department).exists()
    suggestions = client.get(reverse("directory:unit_autocomplete"), {"q": "ninh binh", "kind": "province"}).json()
    assert [item["id"] for item in suggestions["results"]] == [data["province"].pk]
    everything = client.get(reverse("directory:unit_autocomplete"), {"q": "ninh binh"}).json()
    assert len(everything["results"]) > 1  # the department of health of Ninh Bình too
