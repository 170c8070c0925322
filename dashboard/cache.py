"""One flask-caching ``Cache`` for the process; backends chosen by configuration.

The key prefix carries the data version (a hash of the committed tables), so rebuilding
the data invalidates every cached query and figure, even in a shared Redis.
On a backend error flask-caching logs and computes the value directly (outside debug mode),
so a Redis outage degrades speed, never answers.
"""
from __future__ import annotations

from flask_caching import Cache

cache = Cache()


def cache_reachable() -> tuple[bool, str]:
    """Round-trip a key through the backend; used by /healthz."""
    try:
        backend = cache.cache
        backend.set("healthz-probe", "1", timeout=30)
        ok = backend.get("healthz-probe") == "1"
        return ok, "ok" if ok else "cache did not return the value it was given"
    except Exception as exc:  # any backend error means degraded, not down
        return False, f"{type(exc).__name__}"
