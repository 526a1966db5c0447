"""Run every bench/bench_*.py module and write the figures to docs/benchmarks.md.

Usage: `make bench` (a throwaway PostgreSQL and Redis are started for the run). Each module has
`run() -> list[harness.Result]` and a module docstring saying what it measures.
"""

import importlib
import os
import pkgutil
import platform
import subprocess
import sys
from datetime import datetime
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation_portal.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

import bench  # noqa: E402

OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def database_version():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
        cursor.execute("select sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]}"


def main(selected):
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    sections = []
    for module_info in sorted(pkgutil.iter_modules(bench.__path__), key=lambda info: info.name):
        if not module_info.name.startswith("bench_"):
            continue
        if selected and module_info.name not in selected:
            continue
        module = importlib.import_module(f"bench.{module_info.name}")
        print(f"running {module_info.name} ...", flush=True)
        results = module.run()
        for result in results:
            print(f"  {result.name}: median {result.median_ms:.1f} ms over {result.runs} runs", flush=True)
        sections.append((module_info.name, (module.__doc__ or "").strip(), results))

    cpu = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (bench/); do not edit by hand. Figures are medians of repeated runs in",
        "milliseconds, with the fastest and slowest run beside them.",
        "",
        f"- Run: {datetime.now().strftime('%d/%m/%Y %H:%M')}",
        f"- Machine: {cpu} cores, {platform.machine()}, Python {platform.python_version()}, {database_version()}",
        "",
    ]
    for name, doc, results in sections:
        lines += [
            f"## {name}",
            "",
            doc,
            "",
            "| measurement | median (ms) | fastest | slowest | runs | notes |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for result in results:
            figures = f"{result.median_ms:.1f} | {result.low_ms:.1f} | {result.high_ms:.1f} | {result.runs}"
            lines.append(f"| {result.name} | {figures} | {result.notes} |")
        lines.append("")
    if selected and OUTPUT.exists():
        print("(only some benchmarks ran: docs/benchmarks.md was not rewritten)")
        print("\n".join(lines))
        return
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main(sys.argv[1:])
