"""Throughput and latency under load (wrk on loopback), and resident memory per worker.

One production-shaped server (gunicorn, ``WEB_CONCURRENCY=2`` gthread workers, SimpleCache),
three loads measured side by side, each for the same duration and connections:

* a static file from the same server (``/assets/css/20-site.css``), the ceiling;
* a cached callback: the explorer's year change (``POST /_dash-update-component``, compact values), the exact
  body the browser sends, warmed first; answered from the whole-response cache
  (``dashboard/response_cache.py``), as every repeat of a view is;
* the same callback on a second server started with ``RESPONSE_CACHE=0``: Dash dispatches it
  and the memoized queries answer (what the first request of each view costs, minus the query);
* an API call: ``GET /api/v1/indicators/<id>?limit=200`` (JSON).

All with ``Accept-Encoding: br, gzip`` as a browser sends. Then VmRSS and Pss of each worker,
after the load and a tour of every page (read from /proc). Only 127.0.0.1 is contacted.

Each load is the best of three runs. wrk opens its connections in one burst, and gunicorn's workers
race to accept from their shared socket: in some runs one worker takes every connection and the other
idles (seen with 8 and with 16 connections; the CPU time of each worker per run is recorded), which
halves that run's throughput whatever is measured. The best run is the two workers' capacity.
"""

from __future__ import annotations

import collections
import json
import os
import re
import shutil
import subprocess
import tempfile
import urllib.request

from ._servers import children, cpu_ticks, gunicorn, memory_kib
from .dash_protocol import callback_body, dependencies, find_callback, post_callback

STATIC = "/assets/css/20-site.css"
API = "/api/v1/indicators/{id}?limit=200"
INDICATOR = "migrant_stock"
PAGES = ("/", "/explore", "/ratifications", "/corridors", "/about", "/country/PHL")
ACCEPT = "br, gzip"


def _cached_callback_body(base: str) -> dict:
    """A year change on /explore, as the slider sends it (falls back to a bare default view)."""
    cb = find_callback(dependencies(base), "explore-map-values.data")
    try:
        from dashboard.indicators.queries import default_dimension

        from .bench_map_update import _values

        meta = json.loads(urllib.request.urlopen(base + API.format(id=INDICATOR).replace("200", "5000") + "&geo_type=country", timeout=30).read())
        ind = meta["indicator"]
        view = {
            "indicator": INDICATOR,
            "sex": default_dimension(ind, "sexes"),
            "age": default_dimension(ind, "ages"),
            "breakdown": default_dimension(ind, "breakdowns"),
        }
        years = sorted({r["year"] for r in meta["data"] if r["sex"] == view["sex"] and r["age"] == view["age"] and r["breakdown"] == view["breakdown"]})
        _s, _h, full = post_callback(base, callback_body(cb, _values({**view, "year": years[-1]}, None), changed=["explore-indicator.value"]))
        key = json.loads(full)["response"]["explore-map-key"]["data"]
        return callback_body(cb, _values({**view, "year": years[0]}, key), changed=["explore-year.value"])
    except Exception:  # the explorer changed shape: still measure a real (cached) map callback
        return callback_body(cb, {"explore-lang.data": "en"})


def _best_of(runs: int, url: str, seconds: int, connections: int, script: str | None = None, workers: list[int] | None = None) -> dict:
    """The run with the most requests per second, plus every run's figure and each worker's share of the CPU."""
    results = []
    for _ in range(runs):
        before = cpu_ticks(workers or [])
        r = _wrk(url, seconds, connections, script)
        after = cpu_ticks(workers or [])
        used = {pid: after[pid] - before[pid] for pid in after if pid in before}
        r["worker_cpu_share"] = [round(v / max(1, sum(used.values())), 2) for v in used.values()]
        results.append(r)
    best = max(results, key=lambda r: r["rps"])
    return {**best, "runs_rps": [round(r["rps"]) for r in results], "runs_worker_cpu_share": [r["worker_cpu_share"] for r in results]}


def _wrk(url: str, seconds: int, connections: int, script: str | None = None) -> dict:
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "-H", f"Accept-Encoding: {ACCEPT}"]
    if script:
        cmd += ["-s", script]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, timeout=seconds + 30).stdout

    def ms(token: str) -> float:
        value, unit = re.match(r"([\d.]+)(us|ms|s)", token).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    lat = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", out, re.M))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": ms(lat["50"]),
        "p90_ms": ms(lat["90"]),
        "p99_ms": ms(lat["99"]),
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
    }


def _post_script(tmp: str, body: dict) -> str:
    body_path = os.path.join(tmp, "body.json")
    with open(body_path, "w") as f:
        json.dump(body, f)
    script = os.path.join(tmp, "post.lua")
    with open(script, "w") as f:
        f.write(
            f'wrk.method = "POST"\nlocal f = io.open("{body_path}")\nwrk.body = f:read("*a")\nf:close()\nwrk.headers["Content-Type"] = "application/json"\n'
        )
    return script


def _warm(base: str, body: dict) -> bytes:
    for path in (STATIC, API.format(id=INDICATOR)):  # warm both workers
        for _ in range(4):
            urllib.request.urlopen(base + path, timeout=30).read()
    for _ in range(4):
        status, _headers, wire = post_callback(base, body, {"Accept-Encoding": ACCEPT})
        assert status == 200
    return wire


def run(seconds: int | None = None, connections: int = 8, runs: int = 3) -> dict:
    seconds = seconds or int(os.environ.get("BENCH_SECONDS", "4"))
    if not shutil.which("wrk"):
        return {"skipped": "wrk is not installed (apt-get install wrk)"}
    with (
        gunicorn(workers=2) as (base, master),
        gunicorn(workers=2, env={"RESPONSE_CACHE": "0"}) as (base_off, master_off),
        tempfile.TemporaryDirectory() as tmp,
    ):
        body = _cached_callback_body(base)
        script = _post_script(tmp, body)
        status, headers, wire = post_callback(base, body, {"Accept-Encoding": ACCEPT})
        assert status == 200
        wire_off = _warm(base_off, body)
        _warm(base, body)
        # Same bytes either way: the response cache changes the cost, never the answer.
        assert wire == post_callback(base, body, {"Accept-Encoding": ACCEPT})[2]
        hit = post_callback(base, body, {"Accept-Encoding": ACCEPT})[1].get("X-Response-Cache")
        pids, pids_off = children(master), children(master_off)
        static = _best_of(runs, base + STATIC, seconds, connections, workers=pids)
        callback = _best_of(runs, base + "/_dash-update-component", seconds, connections, script, workers=pids)
        # what the response cache said right after (one new connection each: either worker)
        after = collections.Counter(post_callback(base, body, {"Accept-Encoding": ACCEPT})[1].get("X-Response-Cache") for _ in range(16))
        callback_off = _best_of(runs, base_off + "/_dash-update-component", seconds, connections, script, workers=pids_off)
        api = _best_of(runs, base + API.format(id=INDICATOR), seconds, connections, workers=pids)
        for page in PAGES:  # a tour of the pages, then memory
            try:
                urllib.request.urlopen(base + page, timeout=30).read()
            except Exception:
                pass
        workers = {pid: memory_kib(pid) for pid in children(master)}
        master_mem = memory_kib(master)
    return {
        "seconds": seconds,
        "connections": connections,
        "workers": 2,
        "runs": runs,
        "callback_wire_bytes": len(wire),
        "callback_encoding": headers.get("Content-Encoding"),
        "response_cache": hit,
        "response_cache_after": dict(after),
        "same_bytes_without_response_cache": len(wire_off) == len(wire),
        "static": static,
        "cached_callback": callback,
        "callback_without_response_cache": callback_off,
        "api": api,
        "callback_vs_static": callback["rps"] / static["rps"],
        "api_vs_static": api["rps"] / static["rps"],
        "callback_without_response_cache_vs_static": callback_off["rps"] / static["rps"],
        "memory": {"master": master_mem, "workers": list(workers.values())},
        "max_worker_rss_mib": max(w["rss_kib"] for w in workers.values()) / 1024,
        "max_worker_pss_mib": max((w["pss_kib"] or 0) for w in workers.values()) / 1024,
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
