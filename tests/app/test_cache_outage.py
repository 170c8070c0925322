"""Redis outage: a real redis-server dies in the middle of a burst of requests against gunicorn.

The app must keep answering (cache miss -> computed directly; no 5xx), every request must come
back (not hang: a request not answered within a generous socket timeout fails), /healthz must
say "degraded", and when Redis returns, /healthz is "ok" again and results are cached in Redis
again. The logs say so once a minute per worker, never a traceback per cache call. Each phase
lasts a number of requests, not seconds, so a busy machine makes the test slower, never different.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import free_port, start_server, stop_server

pytestmark = [pytest.mark.redis]

REDIS = shutil.which("redis-server")
# Seconds a request may take before it counts as hung (a failure): far above what the heaviest
# uncached callback costs on a loaded machine, so only a request stuck on a dead socket (or a worker
# blocked, e.g. on a full log pipe) reaches it.
HANG_TIMEOUT = 120
# Generous waits for a phase to reach its number of requests, or for a server to come back.
WAIT = 300


def start_redis(port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import redis

    client = redis.Redis(host="127.0.0.1", port=port, socket_timeout=1)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if client.ping():
                return proc
        except redis.exceptions.ConnectionError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("redis-server did not start")


def cached_keys(port: int) -> int:
    import redis

    return len(redis.Redis(host="127.0.0.1", port=port, socket_timeout=1).keys("vawmw:*"))


def fetch(base: str, req: tuple[str, str, bytes | None]) -> tuple[int, float, str]:
    method, path, body = req
    r = urllib.request.Request(base + path, data=body, method=method, headers={"Content-Type": "application/json"} if body else {})
    t0 = time.monotonic()
    try:
        with urllib.request.urlopen(r, timeout=HANG_TIMEOUT) as resp:
            text = resp.read().decode("utf-8", "replace")
            return resp.status, time.monotonic() - t0, text
    except urllib.error.HTTPError as exc:
        return exc.code, time.monotonic() - t0, exc.read().decode("utf-8", "replace")
    except Exception as exc:  # connection reset, timeout: counted as failures
        return 599, time.monotonic() - t0, repr(exc)


def health(base: str) -> dict:
    status, _, text = fetch(base, ("GET", "/healthz", None))
    body = json.loads(text)
    body["http_status"] = status
    return body


@pytest.fixture(scope="module")
def workload(app):
    """Requests that go through the memoized queries: pages, the first call of every server callback, argument-free API routes."""
    import layouts
    from tests.fuzz.test_fuzz_requests import _renderer_body

    reqs: list[tuple[str, str, bytes | None]] = [("GET", "/", None), ("GET", "/explore", None)]
    for key, cb in sorted(app.callback_map.items()):
        if "callback" not in cb:
            continue
        specs = cb["inputs"] + cb["state"]
        values = [("/explore" if s["property"] == "pathname" else None) if s["id"] == "url" else None for s in specs]
        body = _renderer_body(key, cb, values, [True] * len(cb["inputs"]))
        reqs.append(("POST", "/_dash-update-component", json.dumps(body).encode()))
    for rule in app.server.url_map.iter_rules():
        if rule.rule.startswith("/api/") and not rule.arguments and "GET" in rule.methods:
            reqs.append(("GET", rule.rule, None))
    for module in layouts.pages():
        if module.ROUTE.rstrip("/?").startswith("/") and "(" not in module.ROUTE:
            reqs.append(("GET", module.ROUTE.rstrip("/?") or "/", None))
    return reqs


@pytest.mark.skipif(REDIS is None, reason="redis-server not installed (.ci/run installs it)")
def test_redis_dies_mid_burst_and_comes_back(workload, capsys):
    port = free_port()
    redis_proc = start_redis(port)
    server, base = start_server({"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": f"redis://127.0.0.1:{port}/0"}, workers=2)
    results: list[tuple[str, int, float, str, str]] = []  # phase, status, seconds, path, body head
    phase = {"name": "up"}
    stop = threading.Event()
    try:
        assert health(base)["status"] == "ok"

        def worker(offset: int):
            i = offset
            while not stop.is_set():
                req = workload[i % len(workload)]
                status, secs, text = fetch(base, req)
                results.append((phase["name"], status, secs, req[1], text[:200]))
                i += 1

        def wait_for_requests(name: str, n: int) -> None:
            deadline = time.monotonic() + WAIT
            while sum(r[0] == name for r in results) < n and time.monotonic() < deadline:
                time.sleep(0.05)

        threads = [threading.Thread(target=worker, args=(k * 3,), daemon=True) for k in range(4)]
        for t in threads:
            t.start()
        # Each phase: at least two passes over the workload, whatever the time that takes.
        wait_for_requests("up", 2 * len(workload))
        keys_before = cached_keys(port)
        redis_proc.send_signal(signal.SIGKILL)
        redis_proc.wait(timeout=10)
        phase["name"] = "down"
        outage_start = time.monotonic()
        wait_for_requests("down", 2 * len(workload))
        during = health(base)
        stop.set()
        for t in threads:
            t.join(timeout=HANG_TIMEOUT + 10)
        assert not any(t.is_alive() for t in threads), "a request never came back"

        # Redis returns on the same port: the app notices on its own, and caches again.
        redis_proc = start_redis(port)
        phase["name"] = "back"
        deadline = time.monotonic() + WAIT
        after = health(base)
        while after["status"] != "ok" and time.monotonic() < deadline:
            time.sleep(0.5)
            after = health(base)
        outage_minutes = (time.monotonic() - outage_start) / 60
        for req in workload:
            status, secs, text = fetch(base, req)
            results.append(("back", status, secs, req[1], text[:200]))
        keys_after = cached_keys(port)
    finally:
        stop.set()
        stop_server(server)
        server.log_file.seek(0)
        server_log = server.log_file.read().decode("utf-8", "replace")
        redis_proc.kill()
        redis_proc.wait(timeout=10)

    by_phase = {p: [r for r in results if r[0] == p] for p in ("up", "down", "back")}
    failures = [r for r in results if r[1] >= 500]
    summary = {
        p: {
            "requests": len(rs),
            "5xx": sum(r[1] >= 500 for r in rs),
            "max_s": round(max((r[2] for r in rs), default=0), 3),
            "median_s": round(sorted(r[2] for r in rs)[len(rs) // 2], 3) if rs else None,
        }
        for p, rs in by_phase.items()
    }
    with capsys.disabled():
        print(f"\ncache outage: {summary}; keys cached before kill {keys_before}, after return {keys_after}; healthz during outage {during['status']}")

    assert keys_before > 0, "nothing was cached in Redis while it was up"
    assert len(by_phase["up"]) >= 2 * len(workload) and len(by_phase["down"]) >= 2 * len(workload), summary
    assert not failures, f"{len(failures)} failed requests (599: no answer within {HANG_TIMEOUT} s), e.g. {failures[:3]}"
    assert during["status"] == "degraded" and during["http_status"] == 200
    assert during["checks"]["cache"]["ok"] is False and during["checks"]["data"]["ok"] is True
    assert after["status"] == "ok", after
    assert keys_after > 0, "results are not cached again after Redis came back"
    # An outage is reported, once a minute per worker, not as a traceback per cache call.
    assert "Redis unreachable" in server_log
    assert "Traceback" not in server_log and "possibly due to cache backend" not in server_log, server_log[-2000:]
    # Once a minute per worker (2 workers): as before, at most 2 each for an outage under a minute (as this one
    # is unless the machine is very busy), plus one more each per whole minute it lasted.
    assert server_log.count("Redis unreachable") <= 2 * (2 + int(outage_minutes)), (outage_minutes, server_log[-2000:])
