"""Load and soak on loopback: pages, API and callbacks at saturation; errors and worker memory.

    python -m bench.soak                 # 120 s against a fresh gunicorn (2 workers), 16 connections
    python -m bench.soak --seconds 600 --connections 32 --workers 4
    python -m bench.soak --url http://127.0.0.1:8050   # an already running server (memory not sampled)

Prints requests, rate, status counts, latency percentiles and the resident memory (RSS) of every
gunicorn worker at the start (after one warm-up pass) and at the end. Worker recycling
(max_requests) is switched off for the run so a leak is not hidden by restarts.
tests/app/test_load.py runs the same thing for ~20 s in the test suite.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing as mp
import random
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
LEAKS = ("Traceback", str(ROOT) + "/", 'File "', "site-packages")


def workload(app) -> list[tuple[str, str, bytes | None]]:
    """Discovered: every page, argument-free API/feed routes, country endpoints, the first call of every server callback."""
    from hypothesis import find
    from hypothesis import strategies as st

    import layouts

    reqs: list[tuple[str, str, bytes | None]] = []
    for m in layouts.pages():
        path = find(st.from_regex(re.compile(m.ROUTE), fullmatch=True), lambda p: p.startswith("/"))
        reqs.append(("GET", path, None))
    reqs += [
        ("GET", "/explore?indicator=migrant_women_share&sex=total", None),
        ("GET", "/explore?indicator=nope&year=abc", None),
        ("GET", "/about?lang=fr", None),
    ]
    for rule in app.server.url_map.iter_rules():
        if "GET" not in rule.methods or rule.rule.startswith(("/_dash", "/assets", "/static", "/_fav", "/_reload")) or rule.rule in ("/", "/<path:path>"):
            continue
        if not rule.arguments:
            reqs.append(("GET", rule.rule, None))
        else:
            for code in ("PHL", "ITA", "XXX"):
                reqs.append(("GET", re.sub(r"<[^>]+>", code, rule.rule, count=1).split("<")[0].rstrip("/"), None))
    for key, cb in sorted(app.callback_map.items()):
        if "callback" not in cb:
            continue
        specs = cb["inputs"] + cb["state"]
        vals = [("/explore" if s["property"] == "pathname" else "") if s["id"] == "url" else None for s in specs]
        outs = _outputs(key)
        body = {
            "output": key,
            "outputs": outs if key.startswith("..") else outs[0],
            "inputs": [{"id": s["id"], "property": s["property"], "value": v} for s, v in zip(cb["inputs"], vals)],
            "state": [{"id": s["id"], "property": s["property"], "value": v} for s, v in zip(cb["state"], vals[len(cb["inputs"]) :])],
            "changedPropIds": [f"{s['id']}.{s['property']}" for s in cb["inputs"] if isinstance(s["id"], str)],
        }
        reqs.append(("POST", "/_dash-update-component", json.dumps(body).encode()))
    return reqs


def _outputs(key: str) -> list[dict]:
    from dash._utils import split_callback_id

    outs = split_callback_id(key)
    outs = outs if isinstance(outs, list) else [outs]
    return [{"id": o["id"], "property": o["property"].split("@")[0]} for o in outs]


def _client(base: str, reqs, seconds: float, seed: int, queue) -> None:
    u = urlparse(base)
    rnd = random.Random(seed)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    stats = {"status": {}, "lat": [], "errors": [], "leaks": []}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        method, path, body = rnd.choice(reqs)
        t0 = time.monotonic()
        try:
            conn.request(method, path, body=body, headers={"Content-Type": "application/json"} if body else {})
            r = conn.getresponse()
            data = r.read()
            code = r.status
            if r.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
            if code >= 500 or any(m.encode() in data for m in LEAKS):
                stats["leaks" if code < 500 else "errors"].append(f"{code} {method} {path[:100]}")
        except Exception as exc:  # reset, timeout: an error
            code = 599
            stats["errors"].append(f"{type(exc).__name__} {method} {path[:100]}")
            conn.close()
            conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
        stats["status"][code] = stats["status"].get(code, 0) + 1
        stats["lat"].append(time.monotonic() - t0)
    conn.close()
    queue.put(stats)


def worker_pids(master: int) -> list[int]:
    pids = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]) == master:
                    pids.append(int(d.name))
            except (OSError, IndexError, ValueError):
                pass
    return sorted(pids)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run(base: str, reqs, seconds: float, connections: int, master: int | None = None) -> dict:
    # One warm-up pass (fills caches, loads lazily built frames), then measure.
    for req in reqs:
        _client_once(base, req)
    mem_start = {p: round(rss_mb(p), 1) for p in worker_pids(master)} if master else {}
    queue: mp.Queue = mp.Queue()
    procs = [mp.Process(target=_client, args=(base, reqs, seconds, k, queue)) for k in range(connections)]
    t0 = time.monotonic()
    for p in procs:
        p.start()
    results = [queue.get(timeout=seconds + 120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    elapsed = time.monotonic() - t0
    mem_end = {p: round(rss_mb(p), 1) for p in worker_pids(master)} if master else {}
    status: dict[int, int] = {}
    lat: list[float] = []
    errors: list[str] = []
    leaks: list[str] = []
    for r in results:
        for k, v in r["status"].items():
            status[k] = status.get(k, 0) + v
        lat += r["lat"]
        errors += r["errors"]
        leaks += r["leaks"]
    lat.sort()
    n = len(lat)
    pct = (lambda q: round(lat[min(n - 1, int(q * n))] * 1000, 1)) if n else (lambda q: None)
    return {
        "requests": n,
        "seconds": round(elapsed, 1),
        "rate_per_s": round(n / elapsed, 1) if elapsed else 0,
        "status": dict(sorted(status.items())),
        "errors": errors[:20],
        "error_count": len(errors),
        "leaks": leaks[:20],
        "latency_ms": {"p50": pct(0.5), "p95": pct(0.95), "p99": pct(0.99), "max": round(lat[-1] * 1000, 1) if n else None},
        "rss_mb_start": mem_start,
        "rss_mb_end": mem_end,
        "distinct_requests": len(reqs),
    }


def _client_once(base, req):
    u = urlparse(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
    try:
        conn.request(req[0], req[1], body=req[2], headers={"Content-Type": "application/json"} if req[2] else {})
        conn.getresponse().read()
    finally:
        conn.close()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--url", help="an already running server (no memory sampling)")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from dashboard.app import create_app

    reqs = workload(create_app())
    if args.url:
        print(json.dumps(run(args.url, reqs, args.seconds, args.connections), indent=1))
        return 0
    from tests.conftest import start_server, stop_server

    proc, base = start_server({"GUNICORN_MAX_REQUESTS": "0"}, workers=args.workers)
    try:
        result = run(base, reqs, args.seconds, args.connections, master=proc.pid)
    finally:
        stop_server(proc)
    print(json.dumps(result, indent=1))
    return 1 if result["error_count"] or result["leaks"] else 0


if __name__ == "__main__":
    sys.exit(main())
