"""The load benchmark of issue 13: `make bench-load` (see bench/load/__main__.py)."""
