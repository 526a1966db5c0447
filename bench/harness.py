"""Timing helpers for the benchmarks. Figures are medians of repeated runs, in milliseconds."""

import statistics
import time
from dataclasses import dataclass, field


@dataclass
class Result:
    name: str
    median_ms: float
    runs: int
    low_ms: float
    high_ms: float
    notes: str = ""
    extra: dict = field(default_factory=dict)


def measure(name, function, *, repeat=7, warmup=1, notes=""):
    """Run `function` warmup + repeat times and return the median of the timed runs."""
    for _ in range(warmup):
        function()
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return Result(
        name=name,
        median_ms=statistics.median(timings),
        runs=repeat,
        low_ms=min(timings),
        high_ms=max(timings),
        notes=notes,
    )


def measure_together(measurements, *, repeat=7, warmup=1):
    """Time several functions in turns (a, b, a, b, ...) and return a Result for each.

    `measurements` is a list of (name, function, notes). Taking turns gives every function the same
    share of a busy machine, so the ratios between them stay fair when the load changes meanwhile.
    """
    for _ in range(warmup):
        for _name, function, _notes in measurements:
            function()
    timings = [[] for _ in measurements]
    for _ in range(repeat):
        for index, (_name, function, _notes) in enumerate(measurements):
            start = time.perf_counter()
            function()
            timings[index].append((time.perf_counter() - start) * 1000)
    return [
        Result(
            name=name,
            median_ms=statistics.median(runs),
            runs=repeat,
            low_ms=min(runs),
            high_ms=max(runs),
            notes=notes,
        )
        for (name, _function, notes), runs in zip(measurements, timings, strict=True)
    ]


def signed_in_client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client
