"""Reports: the conference PDF summary for 12 and 60 members, timed inside a real Celery worker
(the job's render time: build the HTML, hash it, render with WeasyPrint, write the file), beside
WeasyPrint alone on the same HTML. The ratio is our overhead. Without a broker the job runs
in-process, which times the same code."""

import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from clusters.models import Cluster, Term, TermMember
from directory.enums import UnitKind
from directory.models import Unit, User
from portal.rendering import html_to_pdf
from reports.domain import demo, jobs
from reports.domain.summary import summary_html
from reports.enums import RenderStatus, ReportStatus
from reports.models import Conference, IndicatorValue, MemberReport, RenderJob

from .harness import Result, measure

RUNS = 5
PREFIX = "BENCH-R-"


def build(members):
    """A cluster term with `members` provinces, each with a submitted report for every indicator."""
    indicators = list(demo.seed_indicators().values())
    units = [
        Unit.objects.create(name=f"Tỉnh Thử Nghiệm {n}", kind=UnitKind.PROVINCE, code=f"{PREFIX}{members}-{n}")
        for n in range(members)
    ]
    cluster = Cluster.objects.create(name=f"Cụm thi đua đo hiệu năng {members} thành viên", kind="cluster")
    term = Term.objects.create(cluster=cluster, year=2019, lead_unit=units[0], deputy_unit=units[1])
    TermMember.objects.bulk_create(TermMember(term=term, unit=unit) for unit in units)
    for index, unit in enumerate(units):
        report = MemberReport.objects.create(
            term=term, unit=unit, period="h1", status=ReportStatus.SUBMITTED, submitted_at=timezone.now()
        )
        IndicatorValue.objects.bulk_create(
            IndicatorValue(report=report, indicator=indicator, value=Decimal(50 + (index * 7 + position) % 40))
            for position, indicator in enumerate(indicators)
        )
    return Conference.objects.create(
        term=term,
        period="h1",
        kind="half_year",
        title=f"Hội nghị sơ kết 6 tháng đầu năm 2019 ({members} thành viên)",
        held_on=date(2019, 8, 6),
        place="tỉnh Kiên Giang",
        host_unit=units[1],
        next_tasks="Tiếp tục phát huy truyền thống đoàn kết\nĐẩy mạnh cải cách hành chính",
    )


def start_worker(log_path):
    celery = Path(sys.executable).with_name("celery")
    process = subprocess.Popen(
        [
            str(celery),
            "-A",
            "emulation_portal",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"bench-reports-{os.getpid()}@%h",
            "--loglevel=INFO",
        ],
        stdout=open(log_path, "wb"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
        cwd=settings.BASE_DIR,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if b" ready." in Path(log_path).read_bytes():
            return process
        time.sleep(0.2)
    process.kill()
    raise RuntimeError("the benchmark worker did not start")


def worker_render_ms(conference, user):
    """Request a render of fresh content; return the worker's own timings (whole job, WeasyPrint part)."""
    conference.place = f"tỉnh Kiên Giang ({uuid.uuid4().hex[:6]})"  # new content: never a reused file
    conference.save()
    job, _reused = jobs.request_summary(conference=conference, by=user)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status == RenderStatus.DONE:
            return job.render_ms, job.pdf_ms
        if job.status == RenderStatus.FAILED:
            raise RuntimeError(job.error)
        time.sleep(0.05)
    raise RuntimeError("render timed out")


def result(name, timings, notes):
    return Result(
        name=name,
        median_ms=statistics.median(timings),
        runs=len(timings),
        low_ms=min(timings),
        high_ms=max(timings),
        notes=notes,
    )


def cleanup():
    Cluster.objects.filter(name__startswith="Cụm thi đua đo hiệu năng").delete()
    Unit.objects.filter(code__startswith=PREFIX).delete()


def run():
    cleanup()
    user, _created = User.objects.get_or_create(username="bench-officer", defaults={"is_provincial_officer": True})
    worker = None
    if settings.CELERY_BROKER_URL:
        worker = start_worker(Path(tempfile.mkdtemp()) / "worker.log")
    where = "real worker" if worker else "in-process (no broker)"
    results = []
    try:
        for members in (12, 60):
            conference = build(members)
            worker_runs = [worker_render_ms(conference, user) for _ in range(RUNS + 1)][1:]
            html = summary_html(conference)
            alone = measure(
                f"WeasyPrint alone, same HTML, {members} members, bench process",
                lambda html=html: html_to_pdf(html),
                repeat=RUNS,
            )
            inside = result(f"summary job inside the worker, {members} members", [t for t, _p in worker_runs], where)
            weasy = result(
                f"of which WeasyPrint, inside the worker, {members} members", [p for _t, p in worker_runs], ""
            )
            inside.notes += f"; job / WeasyPrint = {inside.median_ms / weasy.median_ms:.2f}x"
            results += [inside, weasy, alone]
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=30)
        RenderJob.objects.filter(conference__term__cluster__name__startswith="Cụm thi đua đo hiệu năng").delete()
        cleanup()
    return results
