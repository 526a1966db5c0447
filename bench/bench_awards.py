"""Awards: importing 10,000 history rows from .xlsx, the import's peak memory at 10,000 and 100,000 rows,
and the award history lookup over 1,000,000 records."""

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from awards.domain.demo import seed_catalogue
from awards.domain.imports import HISTORY_HEADERS, import_history
from awards.models import Award, AwardRecord
from directory.models import Unit, User
from portal.xlsx import workbook_bytes

from .data import generate_records, person_name
from .harness import Result, measure, signed_in_client

IMPORT_ROWS = 10_000
MEMORY_ROWS = (10_000, 100_000)
LOOKUP_RECORDS = 1_000_000
TAG = "BENCH"


def _raw_delete(queryset):
    queryset._raw_delete(queryset.db)


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


def _history_rows(codes, unit, count):
    return [
        [person_name(n), unit.code, codes[n % len(codes)], 2015 + n % 10, f"{n}/QĐ-{TAG}", "Thường xuyên"]
        for n in range(count)
    ]


def bench_import_memory(codes, unit):
    """The history import at 10,000 and 100,000 rows, each in a fresh process (`bench.import_peak`):
    its time and the growth of the process's peak resident memory. The file streams in chunks, so
    the growth stays about that of one chunk (issue 13: ~1.9 KB a row before)."""
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for count in MEMORY_ROWS:
            path = Path(folder) / f"lich-su-{count}.xlsx"
            path.write_bytes(workbook_bytes([("Lịch sử", HISTORY_HEADERS, _history_rows(codes, unit, count))]))
            answer = subprocess.run(
                [sys.executable, "-m", "bench.import_peak", str(path)], check=True, capture_output=True, text=True
            )
            figures = json.loads(answer.stdout.strip().splitlines()[-1])
            assert figures["created"] == count
            _raw_delete(AwardRecord.objects.filter(decision_number__endswith=f"/QĐ-{TAG}"))
            grown = (figures["peak_kb"] - figures["before_kb"]) / 1024
            results.append(
                Result(
                    name=f"import {count:,} history rows, in a process of its own: memory",
                    median_ms=figures["ms"],
                    runs=1,
                    low_ms=figures["ms"],
                    high_ms=figures["ms"],
                    notes=f"peak resident memory +{grown:.0f} MB over the idle process "
                    f"({figures['peak_kb'] // 1024} MB); {path.stat().st_size // 1024} KB workbook",
                )
            )
    return results


def bench_import(codes, unit):
    data = workbook_bytes([("Lịch sử", HISTORY_HEADERS, _history_rows(codes, unit, IMPORT_ROWS))])

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
    results += bench_import_memory([code for _pk, code in awards], unit)

    print(f"  import done: median {results[0].median_ms:.0f} ms; generating {LOOKUP_RECORDS:,} records", flush=True)
    start = time.perf_counter()
    # Not in one transaction: the deferred foreign-key checks would block the index build.
    generate_records([pk for pk, _code in awards], count=LOOKUP_RECORDS, tag=TAG)
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
