"""Settings from the environment, read once by the app factory.

| variable | meaning | default |
| DATA_DIR | preprocessed tables (output of the pipeline) | <repo>/data |
| CACHE_TYPE | flask-caching backend: SimpleCache (in-process, no server) or RedisCache | SimpleCache |
| CACHE_REDIS_URL | e.g. redis://127.0.0.1:6379/0, with CACHE_TYPE=RedisCache | - |
| CACHE_DEFAULT_TIMEOUT | seconds a cached result lives | 86400 |
| RESPONSE_CACHE | keep whole callback responses in the cache (0 turns it off, e.g. to measure without it) | 1 |
| LOG_LEVEL | python logging level | INFO |
| URL_BASE_PATHNAME | mount point when served under a prefix | / |
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ASSETS_DIR = ROOT / "assets"  # the app's static files; the pipeline writes the map topology here
# plotly.js's name for the topology of scope "world" at resolution 110 (dashboard/figures/maps.py), which
# it loads from <topojsonURL><name>.json; the pipeline writes assets/world_110m.json.
GEO_TOPOLOGY = "world_110m"


@dataclass(frozen=True)
class Settings:
    data_dir: Path = ROOT / "data"
    cache_type: str = "SimpleCache"
    cache_redis_url: str | None = None
    cache_default_timeout: int = 86400
    response_cache: bool = True
    log_level: str = "INFO"
    url_base_pathname: str = "/"
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: dict | None = None) -> Settings:
        env = os.environ if env is None else env
        return cls(
            data_dir=Path(env.get("DATA_DIR") or ROOT / "data"),
            cache_type=env.get("CACHE_TYPE", "SimpleCache"),
            cache_redis_url=env.get("CACHE_REDIS_URL") or None,
            cache_default_timeout=int(env.get("CACHE_DEFAULT_TIMEOUT", "86400")),
            response_cache=env.get("RESPONSE_CACHE", "1").strip().lower() not in ("0", "false", "no", "off"),
            log_level=env.get("LOG_LEVEL", "INFO").upper(),
            url_base_pathname=env.get("URL_BASE_PATHNAME", "/"),
        )

    def cache_config(self, key_prefix: str) -> dict:
        cfg = {
            # RedisCache means our outage-tolerant subclass of it (dashboard/cache.py)
            "CACHE_TYPE": "dashboard.cache.ResilientRedisCache" if self.cache_type == "RedisCache" else self.cache_type,
            "CACHE_DEFAULT_TIMEOUT": self.cache_default_timeout,
            "CACHE_KEY_PREFIX": key_prefix,
        }
        if self.cache_type == "RedisCache":
            cfg["CACHE_REDIS_URL"] = self.cache_redis_url or "redis://127.0.0.1:6379/0"
            # Fail fast when Redis is down: a cache outage must cost milliseconds, not seconds. redis-py 8
            # retries a failed call three times with backoff by default (seconds per call): not for a cache.
            from redis.backoff import NoBackoff
            from redis.retry import Retry

            cfg["CACHE_OPTIONS"] = {"socket_connect_timeout": 0.2, "socket_timeout": 0.5, "retry": Retry(NoBackoff(), 0)}
        return cfg
