"""`make bench-load`: build the national data set, serve it with gunicorn as production does, drive
16 concurrent clients against each page and its Django admin counterpart, and write the section
"bench_load" of docs/benchmarks.md.

Usage (inside scripts/with-test-services, which provides PostgreSQL, Redis and the production env):
    python -m bench.load [--scale 1|0.02|tiny] [--seconds 10] [--rounds 3] [--clients 16]
                         [--pages proposals,history] [--build-only] [--no-write]
"""

import argparse
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation_portal.settings")

import django  # noqa: E402

django.setup()

from . import dataset, report, run  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="1", help="fraction of the national counts (0.02), or 'tiny'")
    parser.add_argument("--seconds", type=float, default=10.0, help="seconds of load per page and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--pages", default="", help="comma-separated page keys (default: every page)")
    parser.add_argument("--build-only", action="store_true", help="build the data set and stop")
    parser.add_argument("--no-write", action="store_true", help="print the table, leave docs/benchmarks.md")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_LOAD_PORT", "18740")))
    args = parser.parse_args(argv)
    run.prepare()
    data = dataset.build(dataset.parse_scale(args.scale))
    if args.build_only:
        return 0
    before = report.load_average()

    def conditions(rounds_done):
        return [
            f"Load: {args.clients} concurrent clients, {args.seconds:g} s per page and round, "
            f"{rounds_done} of {args.rounds} rounds; gunicorn {run.WORKERS} workers; the client on the same machine",
            f"Machine load average (1, 5, 15 min) before the load {before}, after {report.load_average()}",
        ]

    def after_round(results, number):
        """Write the figures after each round: a run stopped early still leaves its rounds."""
        if not args.no_write and number < args.rounds:
            report.write(report.section(results, data, conditions=conditions(number)))

    results = run.run(
        data,
        seconds=args.seconds,
        rounds=args.rounds,
        clients=args.clients,
        only=[key for key in args.pages.split(",") if key],
        port=args.port,
        after_round=after_round,
    )
    lines = report.section(results, data, conditions=conditions(args.rounds))
    print("\n".join(lines))
    if not args.no_write:
        print(f"wrote {report.write(lines)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
