"""A short bounded load test (the long one is bench/soak.py): ~20 s at saturation on loopback.

Pages, API and callbacks, 8 concurrent connections against 2 gunicorn workers with worker recycling
off: no 5xx, no connection errors, no traceback in any body, and the workers' resident memory after
the run stays close to where it was after the warm-up pass.
"""
from __future__ import annotations

import pytest

from bench.soak import run, workload
from tests.conftest import start_server, stop_server

pytestmark = pytest.mark.slow

SECONDS = 20
# Growth allowed per worker over the run, after warm-up: generous for allocator noise and cache fill,
# far below what a per-request leak at this rate (thousands of requests) would add.
RSS_GROWTH_MB = 60


def test_saturation_without_errors_and_with_flat_memory(app, capsys):
    reqs = workload(app)
    assert len(reqs) > 10
    proc, base = start_server({"GUNICORN_MAX_REQUESTS": "0"}, workers=2)
    try:
        result = run(base, reqs, SECONDS, connections=8, master=proc.pid)
    finally:
        stop_server(proc)
    with capsys.disabled():
        print(f"\nload: {result}")
    assert result["requests"] > 100
    assert result["error_count"] == 0, result["errors"]
    assert not result["leaks"], result["leaks"]
    assert all(code < 500 for code in result["status"]), result["status"]
    assert len(result["rss_mb_start"]) == 2 and set(result["rss_mb_start"]) == set(result["rss_mb_end"]), "a worker died or was replaced"
    for pid, start in result["rss_mb_start"].items():
        assert result["rss_mb_end"][pid] - start < RSS_GROWTH_MB, (pid, start, result["rss_mb_end"][pid])
