"""Two app instances sharing one Redis: the same view is computed once, then served from the cache.

Starts a throwaway ``redis-server`` on a free loopback port (no persistence) and two gunicorn
instances with ``CACHE_TYPE=RedisCache``. Whether a memoized query or figure ran is read from
Redis itself: a memoized function that computes writes its result (a SET/SETEX); one that is
served from the cache only reads. So "instance B wrote nothing and hit the cache" means the
expensive work ran once, on A, for both.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time

import pytest

from bench.dash_protocol import callback_body, dependencies, find_callback, post_callback
from tests.conftest import free_port, start_server, stop_server

# One Redis and two instances for the whole module, and the tests read what the earlier ones cached:
# under pytest-xdist (--dist loadgroup) they run together, in order, on one worker.
pytestmark = [pytest.mark.redis, pytest.mark.xdist_group("scale_out")]

WRITE_COMMANDS = ("set", "setex", "psetex", "mset", "setnx", "msetnx")


def _redis(port: int, *args: str) -> str:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(("*%d\r\n" % len(args) + "".join(f"${len(a)}\r\n{a}\r\n" for a in args)).encode())
        buf = b""
        while True:
            chunk = s.recv(65536)
            buf += chunk
            if not chunk or _complete(buf):
                return buf.decode()


def _complete(buf: bytes) -> bool:
    if buf[:1] in (b"+", b"-", b":"):
        return buf.endswith(b"\r\n")
    if buf[:1] == b"$":
        head, _, rest = buf.partition(b"\r\n")
        return len(rest) >= int(head[1:]) + 2
    return False


def _stats(port: int) -> dict:
    info = _redis(port, "INFO", "all")
    writes = hits = 0
    for line in info.splitlines():
        if line.startswith("cmdstat_"):
            name, _, rest = line.partition(":")
            if name[len("cmdstat_") :] in WRITE_COMMANDS:
                writes += int(rest.split(",")[0].split("=")[1])
        elif line.startswith("keyspace_hits:"):
            hits = int(line.split(":")[1])
    return {"writes": writes, "hits": hits}


def _keys(port: int, pattern: str) -> int:
    return int(_redis(port, "EVAL", f"return #redis.call('keys', '{pattern}')", "0").strip()[1:])


@pytest.fixture(scope="module")
def redis_port():
    exe = shutil.which("redis-server")
    if not exe:
        pytest.skip("redis-server is not installed (apt-get install redis-server; .ci/run does)")
    port = free_port()
    proc = subprocess.Popen(
        [exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            if "PONG" in _redis(port, "PING"):
                break
        except OSError:
            if time.monotonic() > deadline:
                proc.kill()
                raise
            time.sleep(0.05)
    yield port
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def two_instances(redis_port):
    env = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": f"redis://127.0.0.1:{redis_port}/0"}
    a = start_server(env_extra=env)
    try:
        b = start_server(env_extra=env)
    except Exception:
        stop_server(a[0])
        raise
    yield a[1], b[1]
    stop_server(a[0])
    stop_server(b[0])


def test_both_instances_report_the_shared_cache(two_instances):
    for base in two_instances:
        from bench.dash_protocol import get_json

        health = get_json(base + "/healthz")
        assert health["status"] == "ok"
        assert health["checks"]["cache"] == {"ok": True, "type": "RedisCache", "detail": "ok"}


def test_same_view_is_computed_once_across_instances(two_instances, redis_port):
    base_a, base_b = two_instances
    cb = find_callback(dependencies(base_a), "explore-map.figure")
    body = callback_body(cb, {"explore-lang.data": "en"})

    before = _stats(redis_port)
    status_a, _, raw_a = post_callback(base_a, body)
    after_a = _stats(redis_port)
    assert status_a == 200
    assert after_a["writes"] > before["writes"], "instance A computed nothing into the shared cache"
    cached = _keys(redis_port, "vawmw:*")
    assert cached > 0

    status_b, _, raw_b = post_callback(base_b, body)
    after_b = _stats(redis_port)
    assert status_b == 200
    assert after_b["writes"] == after_a["writes"], "instance B recomputed what A had cached"
    assert after_b["hits"] > after_a["hits"], "instance B did not read the shared cache"
    assert _keys(redis_port, "vawmw:*") == cached
    # Same answer from both instances.
    assert json.loads(raw_a)["response"] == json.loads(raw_b)["response"]


def test_keys_carry_the_data_version(two_instances, redis_port):
    from bench.dash_protocol import get_json

    version = get_json(two_instances[0] + "/healthz")["checks"]["data"]["version"]
    assert _keys(redis_port, f"vawmw:{version}:*") == _keys(redis_port, "vawmw:*") > 0
