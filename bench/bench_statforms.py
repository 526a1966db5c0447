"""Statistical forms (issue 14): counting forms 0602 and 0603 over 1,000,000 award records of one year,
and the whole job (count, Excel, PDF) for form 0602; beside it, what counting the form cell by cell
(one COUNT per cell, as the drill-down reads a cell) costs for the 18 rows of its total column."""

import time

from django.db import connection

from awards.domain.demo import seed_catalogue
from awards.models import Award, AwardRecord
from directory.models import Unit
from portal.enums import JobStatus
from reports.domain.statforms import jobs
from reports.domain.statforms.counting import cell_rows, count_cells, definition_of
from reports.models import StatForm, StatReport

from .harness import measure

RECORDS = 1_000_000
YEAR = 2031  # a year no other bench uses
TAG = "BENCH-STAT"
TIERS = ["senior_leader", "department_leader", "business", "other_leader", "direct_worker", ""]
METHODS = ["regular", "thematic", "special", "foreign", "lifetime", "service", "resistance"]


def generate(award_ids, unit_ids):
    """RECORDS records of YEAR: collectives one in four, households one in fifty, tiers and methods mixed."""
    awards = "(ARRAY[" + ",".join(str(pk) for pk in award_ids) + "])"
    units = "(ARRAY[" + ",".join(str(pk) for pk in unit_ids) + "])"
    tiers = "(ARRAY[" + ",".join(f"'{tier}'" for tier in TIERS) + "])"
    methods = "(ARRAY[" + ",".join(f"'{method}'" for method in METHODS) + "])"
    if connection.vendor != "postgresql":
        raise SystemExit("bench_statforms needs PostgreSQL (make bench)")
    with connection.cursor() as cursor:
        cursor.execute(f"""
            INSERT INTO awards_awardrecord (recipient_name, search_text, is_collective, is_household, position_tier,
                award_id, unit_id, year, commendation_type, decision_number, amount, source, verification_code)
            SELECT 'Bench ' || i, 'bench ' || i, i % 4 = 0, i % 50 = 1,
                   CASE WHEN i % 4 = 0 OR i % 50 = 1 THEN '' ELSE {tiers}[1 + i % 5] END,
                   {awards}[1 + i % {len(award_ids)}], {units}[1 + i % {len(unit_ids)}], {YEAR},
                   {methods}[1 + (i / 7) % 7], '{TAG}', 0, 'import', 'S' || lpad(i::text, 9, '0')
            FROM generate_series(0, {RECORDS - 1}) AS i
        """)
        cursor.execute("ANALYZE awards_awardrecord")


def run():
    seed_catalogue()
    award_ids = list(Award.objects.filter(level__in=["national", "provincial"]).values_list("pk", flat=True))
    enterprise = Unit.objects.create(name="Công ty benchmark", kind="enterprise", is_enterprise=True)
    agency = Unit.objects.create(name="Sở benchmark", kind="department")
    province = Unit.objects.create(name="Tỉnh benchmark", kind="province")
    start = time.perf_counter()
    generate(award_ids, [enterprise.pk, agency.pk, agency.pk])
    notes = f"{RECORDS:,} records of one year, generated in {time.perf_counter() - start:.0f} s"
    state = StatForm.objects.get(code__startswith="0602")
    provincial = StatForm.objects.get(code__startswith="0603")
    definition = definition_of(state)
    cells = len(definition.counted_rows) * len(definition.columns)
    report = StatReport.objects.create(form=state, year=YEAR, reporting_unit=province)

    def whole_job():
        # A new figure each time would render new files: the bench renders the same ones again.
        StatReport.objects.filter(pk=report.pk).update(status=JobStatus.REQUESTED, content_hash="")
        for field in (report.xlsx, report.pdf):
            if field.name and field.storage.exists(field.name):
                field.storage.delete(field.name)
        jobs.run_job(report_id=report.pk)
        report.refresh_from_db()
        for field in (report.xlsx, report.pdf):
            field.storage.delete(field.name)

    def cell_by_cell():
        for row in definition.counted_rows:
            cell_rows(state, YEAR, row_key=row.key, column_key="total").count()

    results = [
        measure(
            f"count form 0602 ({cells} cells, one grouped query)",
            lambda: count_cells(state, YEAR),
            repeat=5,
            notes=notes,
        ),
        measure("count form 0603", lambda: count_cells(provincial, YEAR), repeat=5),
        measure("the whole job for 0602: count, Excel, PDF", whole_job, repeat=3),
        measure(
            f"reference: 0602's total column cell by cell ({len(definition.counted_rows)} COUNTs)",
            cell_by_cell,
            repeat=3,
        ),
    ]
    StatReport.objects.filter(pk=report.pk).delete()
    AwardRecord.objects.filter(decision_number=TAG)._raw_delete(connection.alias)
    for unit in (enterprise, agency, province):
        unit.delete()
    return results
