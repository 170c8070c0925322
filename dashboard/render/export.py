"""SVG/PNG bytes from a figure: plotly's own static export (kaleido 1.x driving the system Chromium).

Offline by construction: the page kaleido opens loads plotly.js from the project's bundle
(``assets/vendor/plotly-partial.min.js``, the one the pages draw with), MathJax is off, the map topology
comes from ``assets/`` as a ``file://`` URL, and Chromium runs with the project's browser flags plus a
proxy that goes nowhere, so a request to any remote host fails instead of leaving the machine.
One Chromium per worker process, started on first use and shared by its threads (kaleido's sync server).
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
from pathlib import Path

import plotly.graph_objects as go

from dashboard.config import ASSETS_DIR

from .frame import PRESETS, SCALES

CHROMIUM = os.environ.get("BROWSER_PATH", "/usr/bin/chromium")
PLOTLY_JS = ASSETS_DIR / "vendor" / "plotly-partial.min.js"
TOPOJSON_URL = ASSETS_DIR.as_uri() + "/"  # plotly.js appends "world_110m.json"
# A port nothing listens on: with it as the proxy, any http(s) request Chromium makes fails locally.
NO_NETWORK_PROXY = "127.0.0.1:9"
# The flags tests/browser/conftest.py starts Chromium with that choreographer does not already pass.
EXTRA_FLAGS = (
    "--disable-background-networking",
    "--disable-quic",
    "--disable-features=MediaRouter,OptimizationHints",
    "--proxy-bypass-list=<-loopback>",
    "--no-pings",
    "--dns-prefetch-disable",
)
FORMATS = ("svg", "png")
RENDER_TIMEOUT_S = 30

# kaleido and choreographer log every tab move at INFO; only their warnings belong in the app's log
for _name in ("kaleido", "choreographer", "logistro"):
    logging.getLogger(_name).setLevel(logging.WARNING)

_lock = threading.Lock()
_started = False


def _browser_cls():
    from choreographer.browsers.chromium import Chromium

    class OfflineChromium(Chromium):
        def get_cli(self):
            return [*super().get_cli(), *EXTRA_FLAGS]

    return OfflineChromium


_renderer_version: str | None = None


def renderer_version() -> str:
    """What the image bytes depend on beyond the Python code (which the cache's key prefix covers): the
    plotly.js bundle drawing them and kaleido's version."""
    global _renderer_version
    if _renderer_version is None:
        import hashlib
        from importlib.metadata import version

        _renderer_version = hashlib.sha256(PLOTLY_JS.read_bytes() + version("kaleido").encode()).hexdigest()[:10]
    return _renderer_version


def kaleido_options() -> dict:
    """How this module starts kaleido (also read by the tests that check it stays offline)."""
    return {
        "n": 1,
        "timeout": RENDER_TIMEOUT_S,
        "plotlyjs": str(PLOTLY_JS),
        "mathjax": False,
        "path": CHROMIUM,
        "browser_cls": _browser_cls(),
        "proxy_server": NO_NETWORK_PROXY,
        "headless": True,
        "enable_gpu": False,
        "enable_sandbox": False,
    }


def _ensure_started() -> None:
    global _started
    if _started:
        return
    with _lock:
        if _started:
            return
        import kaleido

        if not Path(CHROMIUM).exists():
            raise RuntimeError(f"Chromium not found at {CHROMIUM} (Debian package chromium; or set BROWSER_PATH)")
        kaleido.start_sync_server(silence_warnings=True, **kaleido_options())
        _started = True
        atexit.register(stop)  # a worker that exits takes its Chromium with it


def stop() -> None:
    """Stop this process's Chromium (tests, shutdown)."""
    global _started
    with _lock:
        if _started:
            import kaleido

            kaleido.stop_sync_server(silence_warnings=True)
            _started = False


def render(fig: go.Figure, fmt: str = "svg", preset: str = "article", scale: int = 1) -> bytes:
    """The figure drawn at the preset's size: SVG text or PNG bytes (``scale`` multiplies PNG pixels)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    if preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}; one of {', '.join(PRESETS)}")
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; one of {', '.join(map(str, SCALES))}")
    import kaleido

    _ensure_started()
    width, height = PRESETS[preset]
    opts = {"format": fmt, "width": width, "height": height, "scale": scale}
    return kaleido.calc_fig_sync(fig, opts=opts, topojson=TOPOJSON_URL)
