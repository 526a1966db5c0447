"""One award-history import in a fresh process, for its memory: `python -m bench.import_peak FILE`.

Prints one JSON line: the import's time (ms), the process's peak resident memory before the import
(Django set up) and after it (KB; VmHWM of /proc/self/status, which starts afresh with the process,
unlike `ru_maxrss`, kept across exec from the parent), and the records created. `bench_awards` runs it for
10,000 and 100,000 rows: a process of its own, so the peak is the import's and nothing else's.
"""

import json
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation_portal.settings")

import django  # noqa: E402

django.setup()

from django.core.files import File  # noqa: E402

from awards.domain.imports import import_history  # noqa: E402


def peak_kb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def main(path):
    before = peak_kb()
    with open(path, "rb") as handle:
        start = time.perf_counter()
        result = import_history(uploaded_file=File(handle, name=os.path.basename(path)), by=None)
        elapsed = (time.perf_counter() - start) * 1000
    after = peak_kb()
    print(json.dumps({"ms": elapsed, "before_kb": before, "peak_kb": after, "created": result.created}))


if __name__ == "__main__":
    main(sys.argv[1])
