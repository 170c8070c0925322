"""ResilientRedisCache (dashboard/cache.py): an unreachable Redis is an empty cache, reported once a minute."""

from __future__ import annotations

import pytest

from dashboard.cache import ResilientRedisCache
from dashboard.config import Settings
from tests.conftest import free_port


@pytest.fixture()
def dead_redis():
    # nothing listens on this port: every call fails fast with a connection error
    options = Settings.from_env({"CACHE_TYPE": "RedisCache"}).cache_config("t:")["CACHE_OPTIONS"]
    return ResilientRedisCache(host="127.0.0.1", port=free_port(), key_prefix="t:", **options)


def test_every_call_is_a_miss_or_a_dropped_write(dead_redis, monkeypatch):
    # No retries with backoff (an outage costs one failed connection a call, not seconds): counted, not timed.
    import redis.connection

    attempts, sleeps = [], []
    connect = redis.connection.Connection._connect

    def counted_connect(self):
        attempts.append(1)
        return connect(self)

    monkeypatch.setattr(redis.connection.Connection, "_connect", counted_connect)
    monkeypatch.setattr("time.sleep", lambda s: sleeps.append(s))
    assert dead_redis.get("a") is None
    assert dead_redis.get_many("a", "b") == [None, None]
    assert dead_redis.has("a") is False
    assert dead_redis.set("a", 1) is False
    assert dead_redis.add("a", 1) is False
    assert dead_redis.set_many({"a": 1}) == []
    assert dead_redis.delete("a") is False
    assert dead_redis.delete_many("a") == []
    assert len(attempts) == 8, f"{len(attempts)} connection attempts for 8 calls"
    assert not sleeps, f"backoff: slept {sleeps}"


def test_failures_are_reported_once_a_minute_without_a_traceback(dead_redis, caplog, monkeypatch):
    from types import SimpleNamespace

    import dashboard.cache

    clock = [1000.0]  # the cache's own clock, moved by hand: the verdict does not depend on how fast this runs
    monkeypatch.setattr(dashboard.cache, "time", SimpleNamespace(monotonic=lambda: clock[0]))
    with caplog.at_level("WARNING", logger="dashboard.cache"):
        for _ in range(25):
            dead_redis.get("a")
            dead_redis.set("a", 1)
        clock[0] += 59
        dead_redis.get("a")
        reported_within_the_minute = [r for r in caplog.records if r.name == "dashboard.cache"]
        clock[0] += 1
        dead_redis.get("a")
    records = [r for r in caplog.records if r.name == "dashboard.cache"]
    assert len(reported_within_the_minute) == 1
    assert len(records) == 2, "a minute later the outage is reported again"
    assert "Redis unreachable" in records[0].getMessage() and records[0].exc_info is None
    assert "51 cache calls" in records[1].getMessage(), records[1].getMessage()


def test_redis_cache_type_selects_the_resilient_backend():
    cfg = Settings.from_env({"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": "redis://127.0.0.1:1/0"}).cache_config("p:")
    assert cfg["CACHE_TYPE"] == "dashboard.cache.ResilientRedisCache"
    assert Settings.from_env({}).cache_config("p:")["CACHE_TYPE"] == "SimpleCache"


def test_flask_caching_builds_it_from_the_configuration():
    from flask import Flask
    from flask_caching import Cache

    server = Flask("t")
    server.config.update(Settings.from_env({"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"}).cache_config("p:"))
    cache = Cache(server)
    with server.app_context():
        assert isinstance(cache.cache, ResilientRedisCache)
        assert cache.get("x") is None and cache.set("x", 1) is False
