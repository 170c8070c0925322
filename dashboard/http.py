"""HTTP delivery: one compression mechanism and cache headers for static files.

* **Compression** is flask-compress (Dash's own ``compress=`` option stays off: one mechanism,
  not two). It covers HTML, CSS, JS and JSON, so Dash's ``_dash-layout``,
  ``_dash-dependencies``, ``_dash-update-component`` and the API are compressed (brotli when
  the browser accepts it, else gzip).
* **Static files** (``/_dash-component-suites/``, ``/assets/``, the favicon) are compressed
  here instead, once per process, and the compressed bytes kept in a small bounded LRU:
  recompressing plotly.js for every first visitor would cost CPU on every first visit.
* **Cache headers**: a URL that names its content (Dash's ``.v<version>m<hash>.`` component
  fingerprints, ``/assets/…?m=<mtime>`` when the mtime is the file's, ``?v=`` on the
  favicon) is ``public, max-age=31536000, immutable``; any other static URL (Dash's async
  chunks, the map topology fetched by plotly.js) gets a short ``max-age`` plus an ETag, so
  a deploy is picked up within minutes and revalidation is a 304.

Pages and callbacks are untouched: no cache header is set on them here.
"""

from __future__ import annotations

import gzip
import threading
from collections import OrderedDict

import brotli
from dash.fingerprint import check_fingerprint
from flask import Flask, request
from flask_compress import Compress

IMMUTABLE = "public, max-age=31536000, immutable"
SHORT_MAX_AGE = 300
SHORT = f"public, max-age={SHORT_MAX_AGE}"
STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/", "/_favicon.ico")
COMPRESSIBLE = {
    "text/html",
    "text/css",
    "text/plain",
    "text/javascript",
    "application/javascript",
    "application/x-javascript",
    "application/json",
    "application/geo+json",
    "image/svg+xml",
    "application/manifest+json",
    "text/csv",
    "image/x-icon",
    "image/vnd.microsoft.icon",
}
MIN_SIZE = 500
# Levels for bytes compressed once and reused: brotli 6 beats gzip 6 in size at similar CPU, and
# higher qualities cost far more CPU for little (docs/PERFORMANCE-NOTES.md).
STATIC_GZIP_LEVEL, STATIC_BR_QUALITY = 6, 6


class _CompressedLRU:
    """Compressed static bodies, keyed by (path, algorithm, validator); bounded in bytes."""

    def __init__(self, max_bytes: int = 24 * 1024 * 1024):
        self.max_bytes = max_bytes
        self.size = 0
        self.data: OrderedDict[tuple, bytes] = OrderedDict()
        self.lock = threading.Lock()
        self.misses = 0

    def get_or_compress(self, key: tuple, raw_fn, algorithm: str) -> bytes:
        with self.lock:
            hit = self.data.get(key)
            if hit is not None:
                self.data.move_to_end(key)
                return hit
        raw = raw_fn()
        body = brotli.compress(raw, quality=STATIC_BR_QUALITY) if algorithm == "br" else gzip.compress(raw, STATIC_GZIP_LEVEL, mtime=0)
        with self.lock:
            self.misses += 1
            if key not in self.data and len(body) <= self.max_bytes:
                self.data[key] = body
                self.size += len(body)
                while self.size > self.max_bytes:
                    _, old = self.data.popitem(last=False)
                    self.size -= len(old)
        return body


def _choose(accept_encoding: str) -> str | None:
    """br if the client accepts it, else gzip, else nothing (q=0 respected)."""
    accepted = {}
    for part in accept_encoding.lower().split(","):
        name, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 1.0
        accepted[name.strip()] = q
    for algo in ("br", "gzip"):
        if accepted.get(algo, accepted.get("*", 0)) > 0:
            return algo
    return None


def _fingerprinted(path: str, args) -> bool:
    """Does this URL name one version of the file, so it can be cached for good?"""
    if path.startswith("/_dash-component-suites/"):
        return check_fingerprint(path)[1]
    if path.startswith("/_favicon.ico"):
        return "v" in args or "m" in args
    return False


def _mtime_matches(m: str | None, response) -> bool:
    """``?m=`` is Dash's asset fingerprint; trust it only if it is this file's mtime."""
    if not m or response.last_modified is None:
        return False
    try:
        return int(float(m)) == int(response.last_modified.timestamp())
    except (ValueError, OverflowError):
        return False


def cache_control_for(path: str, args, response) -> str:
    if _fingerprinted(path, args) or (path.startswith("/assets/") and _mtime_matches(args.get("m"), response)):
        return IMMUTABLE
    return SHORT


def init_app(server: Flask) -> Compress:
    """Install compression and static cache headers on the Flask server (call once, in create_app)."""
    server.config.setdefault("COMPRESS_MIMETYPES", sorted(COMPRESSIBLE))
    server.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    server.config.setdefault("COMPRESS_BR_LEVEL", 4)
    server.config.setdefault("COMPRESS_LEVEL", 6)
    server.config.setdefault("COMPRESS_MIN_SIZE", MIN_SIZE)
    # Called from our own hook below rather than registered by itself: static files take the
    # cached path, and a client that refuses every encoding (q=0) gets none (flask-compress
    # 1.25 would still pick one).
    server.config["COMPRESS_REGISTER"] = False
    compress = Compress(server)
    lru = _CompressedLRU()
    server.extensions["static_compression"] = lru

    @server.after_request
    def deliver(response):
        path = request.path
        if request.method not in ("GET", "HEAD") or not path.startswith(STATIC_PREFIXES):
            if _choose(request.headers.get("Accept-Encoding", "")) is None:
                _vary(response)
                return response
            return compress.after_request(response)
        if response.status_code == 304:
            response.headers["Cache-Control"] = cache_control_for(path, request.args, response)
            return response
        if response.status_code != 200:
            return response
        response.headers["Cache-Control"] = cache_control_for(path, request.args, response)
        _vary(response)
        if response.mimetype not in COMPRESSIBLE or "Content-Encoding" in response.headers:
            return response
        if response.content_length is not None and response.content_length < MIN_SIZE:
            return response
        algo = _choose(request.headers.get("Accept-Encoding", ""))
        if algo is None:
            return response
        etag, weak = response.get_etag()
        validator = etag or (response.last_modified.timestamp() if response.last_modified else None)

        def raw() -> bytes:
            response.direct_passthrough = False
            return response.get_data()

        if validator is None and not _fingerprinted(path, request.args):
            body = _CompressedLRU(max_bytes=0).get_or_compress((), raw, algo)  # unknown identity: do not keep
        else:
            body = lru.get_or_compress((path, request.query_string, algo, validator), raw, algo)
        response.direct_passthrough = False
        response.set_data(body)
        response.headers["Content-Encoding"] = algo
        if etag:
            response.set_etag(f"{etag}:{algo}", weak=weak)
        response.make_conditional(request)
        return response

    return compress


def _vary(response) -> None:
    vary = response.headers.get("Vary")
    if not vary:
        response.headers["Vary"] = "Accept-Encoding"
    elif "accept-encoding" not in vary.lower():
        response.headers["Vary"] = f"{vary}, Accept-Encoding"


def requested_page() -> tuple[str, str] | None:
    """(path, query) of the page whose layout is being fetched, or None when unknown.

    The renderer fetches ``/_dash-layout`` from the page itself, so the browser names that page
    in ``Referer`` (same origin; our Referrer-Policy keeps path and query for it). Another
    origin, or no header (a privacy setting), means unknown: the router callback renders then.
    """
    from urllib.parse import urlsplit

    from flask import has_request_context, request

    if not has_request_context() or not request.referrer:
        return None
    try:
        ref = urlsplit(request.referrer)
    except ValueError:
        return None
    if ref.netloc != request.host or ref.scheme not in ("http", "https"):
        return None
    return ref.path or "/", ("?" + ref.query) if ref.query else ""
