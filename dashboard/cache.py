"""One flask-caching ``Cache`` for the process; backends chosen by configuration.

The key prefix carries the data version (a hash of the committed tables), so rebuilding
the data invalidates every cached query and figure, even in a shared Redis.
On a backend error flask-caching logs and computes the value directly (outside debug mode),
so a Redis outage degrades speed, never answers.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from flask_caching import Cache

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
