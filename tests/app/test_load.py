"""A short bounded load test (the long one is bench/soak.py): a fixed number of requests at saturation on loopback.

Pages, API and callbacks, 8 concurrent connections against 2 gunicorn workers with worker recycling
off: no 5xx, no connection errors, no traceback in any body, and the workers' resident memory after
the run stays close to where it was after the warm-up pass. The amount of work is a number of
requests, not seconds, so a busy machine makes the test slower, never different.
"""

from __future__ import annotations

import http.client
import random
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

import pytest

from bench.soak import LEAKS, rss_mb, worker_pids, workload
from tests.conftest import start_server, stop_server

pytestmark = pytest.mark.slow

CONNECTIONS = 8
REQUESTS_PER_CONNECTION = 400
# Growth allowed per worker over the run, after warm-up: generous for allocator noise and cache fill,
# far below what a per-request leak at this rate (thousands of requests) would add.
RSS_GROWTH_MB = 60


def _fetch(conn: http.client.HTTPConnection, req) -> tuple[int, bytes, bool]:
    method, path, body = req
    conn.request(method, path, body=body, headers={"Content-Type": "application/json"} if body else {})
    r = conn.getresponse()
    return r.status, r.read(), r.getheader("Connection", "").lower() == "close"


def _client(base: str, reqs, seed: int) -> dict:
    """One keep-alive connection sending REQUESTS_PER_CONNECTION requests drawn (seeded) from the workload."""
    u = urlparse(base)
    rnd = random.Random(seed)
    stats = {"status": {}, "errors": [], "leaks": []}
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)  # a hang, not slowness, fails
    for _ in range(REQUESTS_PER_CONNECTION):
        method, path, body = req = rnd.choice(reqs)
        try:
            code, data, closed = _fetch(conn, req)
            if closed:
                conn.close()
            if code >= 500:
                stats["errors"].append(f"{code} {method} {path[:100]}")
            elif any(m.encode() in data for m in LEAKS):
                stats["leaks"].append(f"{code} {method} {path[:100]}")
        except Exception as exc:  # reset, timeout: an error
            code = 599
            stats["errors"].append(f"{type(exc).__name__} {method} {path[:100]}")
            conn.close()
        stats["status"][code] = stats["status"].get(code, 0) + 1
    conn.close()
    return stats


def test_saturation_without_errors_and_with_flat_memory(app, capsys):
    reqs = workload(app)
    assert len(reqs) > 10
    proc, base = start_server({"GUNICORN_MAX_REQUESTS": "0"}, workers=2)
    try:
        u = urlparse(base)
        # One warm-up pass (fills caches, loads lazily built frames), a new connection per request as in
        # bench/soak.py so that both workers take part (one keep-alive connection stays on one worker).
        for req in reqs:
            warm = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
            _fetch(warm, req)
            warm.close()
        workers = worker_pids(proc.pid)
        rss_start = {p: round(rss_mb(p), 1) for p in workers}
        with ThreadPoolExecutor(CONNECTIONS) as pool:
            results = list(pool.map(lambda k: _client(base, reqs, k), range(CONNECTIONS)))
        rss_end = {p: round(rss_mb(p), 1) for p in worker_pids(proc.pid)}
    finally:
        stop_server(proc)
    status: dict[int, int] = {}
    for r in results:
        for code, n in r["status"].items():
            status[code] = status.get(code, 0) + n
    errors = [e for r in results for e in r["errors"]]
    leaks = [e for r in results for e in r["leaks"]]
    with capsys.disabled():
        print(f"\nload: {sum(status.values())} requests, status {dict(sorted(status.items()))}, worker RSS MB {rss_start} -> {rss_end}")
    assert sum(status.values()) == CONNECTIONS * REQUESTS_PER_CONNECTION
    assert not errors, f"{len(errors)} errors, e.g. {errors[:5]}"
    assert not leaks, leaks[:5]
    assert len(rss_start) == 2 and set(rss_start) == set(rss_end), "a worker died or was replaced"
    for pid, start in rss_start.items():
        assert rss_end[pid] - start < RSS_GROWTH_MB, (pid, start, rss_end[pid])
