"""One flask-caching ``Cache`` for the process; backends chosen by configuration.

The key prefix carries the data version (a hash of the committed tables), so rebuilding
the data invalidates every cached query and figure, even in a shared Redis.
A Redis outage degrades speed, never answers: ``ResilientRedisCache`` turns every failed
call into a miss (one log line a minute instead of flask-caching's traceback per call).
"""

from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path

from flask_caching import Cache
from flask_caching.backends.rediscache import RedisCache

cache = Cache()

ROOT = Path(__file__).resolve().parents[1]
CODE_DIRS = ("dashboard", "callbacks", "layouts")


def code_version(root: Path = ROOT) -> str:
    """A short hash of the code that produces cached values (Python files and the ``.po``
    translations), so that a deploy with new code never serves what the old code cached in a
    shared Redis, even when the data did not change."""
    h = hashlib.sha256()
    for folder in CODE_DIRS:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in (".py", ".po") and "pipeline" not in path.parts:
                h.update(str(path.relative_to(root)).encode())
                h.update(path.read_bytes())
    import dash
    import plotly

    h.update(f"dash {dash.__version__} plotly {plotly.__version__}".encode())
    return h.hexdigest()[:10]


def cache_reachable() -> tuple[bool, str]:
    """Round-trip a key through the backend; used by /healthz."""
    try:
        backend = cache.cache
        backend.set("healthz-probe", "1", timeout=30)
        ok = backend.get("healthz-probe") == "1"
        return ok, "ok" if ok else "cache did not return the value it was given"
    except Exception as exc:  # any backend error means degraded, not down
        return False, f"{type(exc).__name__}"


_PER_FRAME: dict = {}


def per_frame(frame, key, build):
    """``build()`` once per process for one read-only store table (by identity) and ``key``.

    For process-constant lookups derived from the loaded tables (country-name maps, the map's
    country order): they cost pandas work on every request otherwise, and are too small and
    too cheap to rebuild to be worth a round trip to a shared cache. A new store (new data)
    has new frames, so it never sees old entries.
    """
    slot = (id(frame), key)
    hit = _PER_FRAME.get(slot)
    if hit is None or hit[0] is not frame:
        if len(_PER_FRAME) > 256:  # tests build many small stores; a server has one
            _PER_FRAME.clear()
        hit = (frame, build())
        _PER_FRAME[slot] = hit
    return hit[1]


class ResilientRedisCache(RedisCache):
    """flask-caching's ``RedisCache`` that answers "not cached" while Redis cannot be reached.

    flask-caching already computes a value when the backend raises, but it logs a full
    traceback for every call, which floods the logs of every instance during an outage.
    Here reads are misses, writes are dropped, and one warning a minute says how many calls
    failed. ``CACHE_TYPE=RedisCache`` selects this class (``Settings.cache_config``).
    """

    _log = logging.getLogger("dashboard.cache")
    _WARN_EVERY = 60.0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._failures = 0
        self._last_warning = -self._WARN_EVERY

    def _failed(self, what: str, exc: Exception, fallback):
        self._failures += 1
        now = time.monotonic()
        if now - self._last_warning >= self._WARN_EVERY:
            self._log.warning("Redis unreachable (%s on %s); %d cache calls served without it since the last report", type(exc).__name__, what, self._failures)
            self._last_warning, self._failures = now, 0
        return fallback


def _fail_soft(name: str, fallback):
    """``ResilientRedisCache.<name>``: the backend's call, or ``fallback(args)`` when Redis fails."""

    def method(self, *args, **kwargs):
        try:
            return getattr(RedisCache, name)(self, *args, **kwargs)
        except Exception as exc:
            return self._failed(name, exc, fallback(args))

    method.__name__ = name
    return method


for _name, _fallback in {
    "get": lambda args: None,
    "get_many": lambda args: [None] * len(args),
    "has": lambda args: False,
    "set": lambda args: False,
    "add": lambda args: False,
    "set_many": lambda args: [],
    "delete": lambda args: False,
    "delete_many": lambda args: [],
}.items():
    setattr(ResilientRedisCache, _name, _fail_soft(_name, _fallback))
del _name, _fallback
