"""Run every bench/bench_*.py module and write the figures to docs/benchmarks.md.

Usage: `make bench` (a throwaway PostgreSQL and Redis are started for the run). Each module has
`run() -> list[harness.Result]` and a module docstring saying what it measures.

`scripts/with-test-services .venv/bin/python -m bench bench_clusters ...` runs only the named
modules and replaces only their sections of docs/benchmarks.md, keeping the others. Every section
says when and on what it was measured; BENCH_NOTE="..." adds a line on the conditions of the run
(e.g. a machine shared with other work) to the sections measured.
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
    measured = (
        f"- Measured: {datetime.now().strftime('%d/%m/%Y %H:%M')} on {cpu} cores, {platform.machine()}, "
        f"Python {platform.python_version()}, {database_version()}"
    )
    note = os.environ.get("BENCH_NOTE", "").strip()
    fresh = {}
    for name, doc, results in sections:
        lines = [f"## {name}", "", doc, "", measured]
        if note:
            lines.append(f"- Conditions: {note}")
        lines += [
            "",
            "| measurement | median (ms) | fastest | slowest | runs | notes |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for result in results:
            figures = f"{result.median_ms:.1f} | {result.low_ms:.1f} | {result.high_ms:.1f} | {result.runs}"
            lines.append(f"| {result.name} | {figures} | {result.notes} |")
        fresh[name] = lines + [""]
    existing = _sections(OUTPUT.read_text(encoding="utf-8")) if OUTPUT.exists() else {}
    # A full run rewrites every bench_* module's section; the sections no module here writes (the
    # load benchmark's bench_load, written by `make bench-load`) are always kept.
    modules = {info.name for info in pkgutil.iter_modules(bench.__path__) if info.name.startswith("bench_")}
    kept = {name: lines for name, lines in existing.items() if selected or name not in modules}
    kept.update(fresh)
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (bench/); do not edit by hand. Figures are medians of repeated runs in",
        "milliseconds, with the fastest and slowest run beside them. Each section says when and on what",
        "it was measured (`python -m bench bench_<name>` re-measures one section and keeps the others).",
        "",
    ]
    for name in sorted(kept):
        lines += kept[name]
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {OUTPUT}" + (f" (sections {', '.join(sorted(fresh))} replaced)" if selected else ""))


def _sections(text):
    """{module name: its section's lines} of an existing docs/benchmarks.md. A section written before
    sections carried their own "Measured:" line gets the file's former "Run:"/"Machine:" lines."""
    sections, current, header = {}, None, {}
    for line in text.splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            sections[current] = [line]
        elif current is not None:
            sections[current].append(line)
        elif line.startswith(("- Run: ", "- Machine: ")):
            key, value = line[2:].split(": ", 1)
            header[key] = value
    for lines in sections.values():
        while lines and not lines[-1].strip():
            lines.pop()
        lines.append("")
        if header and not any(line.startswith("- Measured: ") for line in lines):
            table = next((n for n, line in enumerate(lines) if line.startswith("| measurement")), len(lines))
            lines[table:table] = [f"- Measured: {header.get('Run', '?')} on {header.get('Machine', '?')}", ""]
    return sections


if __name__ == "__main__":
    main(sys.argv[1:])
