"""The section "bench_load" of docs/benchmarks.md: the table of bench/load/run.py's figures, each row
checked against the goals of issue 13, item 6, and the conditions of the run."""

import os
import platform
import subprocess
from datetime import datetime

from .run import HISTORY_GOAL_MS, RATIO_GOAL, SIZE_LIMIT_KB

SECTION = "bench_load"
HEADER = [
    "# Benchmarks",
    "",
    "Written by `make bench` (bench/); do not edit by hand. Figures are medians of repeated runs in",
    "milliseconds, with the fastest and slowest run beside them. Each section says when and on what",
    "it was measured (`python -m bench bench_<name>` re-measures one section and keeps the others).",
    "",
]
DOC = """Load (issue 13, `make bench-load`, bench/load/): the national data set served by gunicorn in
production mode (PostgreSQL, DEBUG off, 3 workers), 16 concurrent clients on each page for a fixed
time, each page's Django admin counterpart (same rows, same search, as a superuser) loaded right
after it; every figure is the median of the rounds. req/s counts the requests completed in the
round; p50/p95/p99 are latencies under that load (ms); "1 client" is the median of 5 requests one at
a time; KB the response body; queries those of one request (Django's test client on the same
database; "a=b" on a list: its first and second page). Ratio = our req/s / admin's. Goals (issue 13,
item 6): lists and detail pages >= 3x admin, history search < 50 ms for one client, no page over
200 KB, queries constant; a row not meeting one says which."""


def load_average():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _fmt(value, digits=0):
    return "-" if value is None else f"{value:,.{digits}f}"


def goals(page, figures, admin):
    """The goals `page` misses ("yes" when none), as short reasons."""
    missed = []
    kb = figures.median("kb")
    if figures.status != 200 or any(figures.errors):
        missed.append(f"status {figures.status}, {sum(figures.errors)} errors")
    if kb is not None and kb > SIZE_LIMIT_KB:
        missed.append(f"{kb:,.0f} KB > {SIZE_LIMIT_KB}")
    if admin is not None and page.kind in ("list", "detail"):
        ratio = _ratio(figures, admin)
        if ratio is not None and ratio < RATIO_GOAL:
            missed.append(f"{ratio:.2f}x admin < {RATIO_GOAL:g}x")
    if page.single_goal_ms is not None and (figures.median("single_ms") or 0) >= page.single_goal_ms:
        missed.append(f"1 client {figures.median('single_ms'):.0f} ms >= {HISTORY_GOAL_MS:g}")
    if figures.queries_page2 is not None and figures.queries_page2 != figures.queries:
        missed.append("queries differ on page 2")
    return "yes" if not missed else "no: " + "; ".join(missed)


def _ratio(figures, admin):
    ours, theirs = figures.median("rps"), admin.median("rps")
    return ours / theirs if ours is not None and theirs else None


def table(results):
    lines = [
        "| page | req/s | p50 | p95 | p99 | 1 client | errors | KB | queries | admin req/s | ratio | goals met? |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for page, figures in results.values():
        admin = results[page.admin][1] if page.admin in results else None
        queries = _fmt(figures.queries)
        if figures.queries_page2 is not None:
            queries = (
                f"{figures.queries}={figures.queries_page2}"
                if figures.queries_page2 == figures.queries
                else (f"{figures.queries}/{figures.queries_page2}")
            )
        ratio = _ratio(figures, admin) if admin else None
        lines.append(
            "| "
            + " | ".join(
                [
                    page.label,
                    _fmt(figures.median("rps"), 1),
                    _fmt(figures.median("p50")),
                    _fmt(figures.median("p95")),
                    _fmt(figures.median("p99")),
                    _fmt(figures.median("single_ms")),
                    f"{sum(figures.errors)}/{sum(figures.requests)}",
                    _fmt(figures.median("kb")),
                    queries,
                    _fmt(admin.median("rps"), 1) if admin else "",
                    f"{ratio:.2f}x" if ratio is not None else "",
                    goals(page, figures, admin) if page.kind != "admin" else "",
                ]
            )
            + " |"
        )
    return lines


def section(results, data, *, conditions):
    cpu = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    from bench.__main__ import database_version

    counts = ", ".join(f"{value:,} {name}" for name, value in data.counts.items())
    lines = [
        f"## {SECTION}",
        "",
        DOC,
        "",
        f"- Measured: {datetime.now().strftime('%d/%m/%Y %H:%M')} on {cpu} cores, {platform.machine()}, "
        f"Python {platform.python_version()}, {database_version()}",
        f"- Data set: scale {data.scale:g} ({counts}; people 5 a unit; a 60 x 40 cluster term), "
        f"built in {data.seconds:.0f} s ({'; '.join(f'{k} {v:.0f} s' for k, v in data.steps.items())})",
        *[f"- {line}" for line in conditions],
    ]
    note = os.environ.get("BENCH_NOTE", "").strip()
    if note:
        lines.append(f"- Conditions: {note}")
    return [*lines, "", *table(results), ""]


def write(lines, output=None):
    """Replace (or add) the section in docs/benchmarks.md, keeping every other section."""
    from bench.__main__ import OUTPUT, _sections

    output = output or OUTPUT
    kept = _sections(output.read_text(encoding="utf-8")) if output.exists() else {}
    kept[SECTION] = lines
    text = list(HEADER)
    for name in sorted(kept):
        text += kept[name]
    output.parent.mkdir(exist_ok=True)
    output.write_text("\n".join(text), encoding="utf-8")
    return output
