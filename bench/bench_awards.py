"""Awards: importing 10,000 history rows from .xlsx, and the award history lookup over 1,000,000 records."""

import statistics
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from awards.domain.demo import seed_catalogue
from awards.domain.imports import HISTORY_HEADERS, import_history
from awards.models import Award, AwardRecord
from directory.models import Unit, User
from portal.text import fold
from portal.xlsx import workbook_bytes

from .harness import Result, measure, signed_in_client

IMPORT_ROWS = 10_000
LOOKUP_RECORDS = 1_000_000
FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trịnh",
    "Mai",
    "Đào",
]
MIDDLE = ["Văn", "Thị", "Minh", "Quang", "Đức", "Thu", "Ngọc", "Hữu", "Thanh", "Xuân"]
GIVEN = [
    "An",
    "Bình",
    "Châu",
    "Dung",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hoa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Minh",
    "Nam",
    "Nga",
    "Ngọc",
    "Nhung",
    "Phong",
    "Phúc",
    "Phương",
    "Quân",
    "Quyên",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Thủy",
    "Trang",
    "Trung",
    "Tú",
    "Tuấn",
    "Uyên",
    "Vân",
    "Việt",
    "Xuân",
    "Yến",
    "Bảo",
    "Cường",
    "Đạt",
    "Hiếu",
    "Huy",
    "Kiên",
    "Lộc",
    "Lợi",
    "Thành",
    "Vinh",
]
TAG = "BENCH"


def _raw_delete(queryset):
    queryset._raw_delete(queryset.db)


def _name(n):
    return f"{FAMILY[n % 20]} {MIDDLE[(n // 20) % 10]} {GIVEN[(n // 200) % 50]} {n // 10_000}"


def _timed(name, run, cleanup, *, repeat, notes=""):
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        timings.append((time.perf_counter() - start) * 1000)
        cleanup()
    return Result(
        name=name,
        median_ms=statistics.median(timings),
        runs=repeat,
        low_ms=min(timings),
        high_ms=max(timings),
        notes=notes,
    )


def bench_import(codes, unit):
    rows = [
        [_name(n), unit.code, codes[n % len(codes)], 2015 + n % 10, f"{n}/QĐ-{TAG}", "Thường xuyên"]
        for n in range(IMPORT_ROWS)
    ]
    data = workbook_bytes([("Lịch sử", HISTORY_HEADERS, rows)])

    def run():
        result = import_history(uploaded_file=SimpleUploadedFile("lich-su.xlsx", data), by=None)
        assert result.created == IMPORT_ROWS

    def cleanup():
        # A raw delete: the audit log's delete signals would otherwise write one entry per record.
        _raw_delete(AwardRecord.objects.filter(decision_number__endswith=f"/QĐ-{TAG}"))

    return _timed(
        f"import {IMPORT_ROWS:,} history rows from .xlsx (read, check, bulk insert)",
        run,
        cleanup,
        repeat=5,
        notes=f"{len(data) // 1024} KB workbook; all rows or none",
    )


def generate_records(award_ids):
    """1,000,000 records: 100,000 people x 10 years, inserted by the database itself on PostgreSQL."""
    if connection.vendor == "postgresql":
        awards = "(ARRAY[" + ",".join(str(pk) for pk in award_ids) + "])"
        family = "(ARRAY[" + ",".join(f"'{fold(name)}'" for name in FAMILY) + "])"
        family_display = "(ARRAY[" + ",".join(f"'{name}'" for name in FAMILY) + "])"
        middle = "(ARRAY[" + ",".join(f"'{name}'" for name in MIDDLE) + "])"
        middle_fold = "(ARRAY[" + ",".join(f"'{fold(name)}'" for name in MIDDLE) + "])"
        given = "(ARRAY[" + ",".join(f"'{name}'" for name in GIVEN) + "])"
        given_fold = "(ARRAY[" + ",".join(f"'{fold(name)}'" for name in GIVEN) + "])"
        person = "(i / 10)"
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS award_record_search_trgm")
            cursor.execute(f"""
                INSERT INTO awards_awardrecord (recipient_name, search_text, is_collective, is_household, award_id,
                    year, commendation_type, decision_number, amount, source)
                SELECT {family_display}[1 + {person} % 20] || ' ' || {middle}[1 + ({person} / 20) % 10] || ' '
                       || {given}[1 + ({person} / 200) % 50] || ' ' || ({person} / 10000)::text,
                       {family}[1 + {person} % 20] || ' ' || {middle_fold}[1 + ({person} / 20) % 10] || ' '
                       || {given_fold}[1 + ({person} / 200) % 50] || ' ' || ({person} / 10000)::text,
                       false, false, {awards}[1 + i % {len(award_ids)}], 2015 + i % 10, 'regular', '{TAG}', 0, 'import'
                FROM generate_series(0, {LOOKUP_RECORDS - 1}) AS i
            """)
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS award_record_search_trgm ON awards_awardrecord "
                "USING gin (search_text gin_trgm_ops)"
            )
            cursor.execute("ANALYZE awards_awardrecord")
        return
    batch = []
    for i in range(LOOKUP_RECORDS):
        name = _name(i // 10)
        batch.append(
            AwardRecord(
                recipient_name=name,
                search_text=fold(name),
                award_id=award_ids[i % len(award_ids)],
                year=2015 + i % 10,
                decision_number=TAG,
                source="import",
            )
        )
        if len(batch) == 10_000:
            AwardRecord.objects.bulk_create(batch)
            batch = []


def run():
    _raw_delete(AwardRecord.objects.filter(decision_number=TAG))
    seed_catalogue()
    awards = list(Award.objects.filter(recipient_kind="individual").values_list("pk", "code"))
    unit, _created = Unit.objects.get_or_create(
        code=f"{TAG}-U", defaults={"name": "Đơn vị benchmark", "kind": "department"}
    )
    merged_into = Unit.objects.create(name="Sở Nội vụ tỉnh Benchmark", kind="department", code=f"{TAG}-SNV")
    merged = Unit.objects.create(
        name="Sở Nội vụ tỉnh Benchmark cũ",
        kind="department",
        code=f"{TAG}-SNV-OLD",
        valid_until="2025-06-30",
        successor=merged_into,
    )
    results = [bench_import([code for _pk, code in awards], unit)]

    print(f"  import done: median {results[0].median_ms:.0f} ms; generating {LOOKUP_RECORDS:,} records", flush=True)
    start = time.perf_counter()
    # Not in one transaction: the deferred foreign-key checks would block the index build.
    generate_records([pk for pk, _code in awards])
    setup_s = time.perf_counter() - start
    officer, _created = User.objects.get_or_create(username="bench-officer", defaults={"is_provincial_officer": True})
    client = signed_in_client(officer)
    notes = f"{LOOKUP_RECORDS:,} records, set up in {setup_s:.0f} s"

    def page(params):
        response = client.get("/awards/history/", params)
        assert response.status_code == 200

    results += [
        measure(
            "lookup 'nguyen thi lan 3' (one person, 10 records)",
            lambda: page({"q": "nguyen thi lan 3"}),
            repeat=15,
            notes=notes,
        ),
        measure("lookup 'pham van' (50,000 records match, first page)", lambda: page({"q": "pham van"}), repeat=15),
        measure("lookup 'pham van', page 40", lambda: page({"q": "pham van", "page": 40}), repeat=15),
        measure("lookup by year 2020 (100,000 records, first page)", lambda: page({"year": 2020}), repeat=15),
        measure(
            "lookup 'so noi vu benchmark' (units with predecessors)",
            lambda: page({"q": "so noi vu benchmark"}),
            repeat=15,
        ),
    ]
    _raw_delete(AwardRecord.objects.filter(decision_number=TAG))
    merged.delete()
    merged_into.delete()
    unit.delete()
    return results
