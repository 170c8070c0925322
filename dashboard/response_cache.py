"""Whole-response cache for Dash callbacks and layouts: a repeated request gets the bytes sent before.

Every server-side callback here is a pure function of its request body (inputs, state, which
input changed, the language), of the data, of the code and, for a few ratification views, of
today's date: none reads cookies, headers or the session. So the finished response (after
Dash's dispatch, JSON encoding and compression) can be kept under a key made of exactly those
things, and a second visitor asking for the same view gets it without Dash running at all.
The memoized queries behind the callbacks stay as they are: they serve the first request of
each view; this layer serves the repeats, which are most requests when a link is shared.

* Key: ``flask-caching``'s prefix (``vawmw:<data version>:<code version>:``) + today's date +
  the ``Accept-Encoding`` header (the stored bytes are compressed for it) + SHA-256 of the body.
* ``/_dash-layout`` is the same kind of function, of the page it is drawn for
  (``dashboard.http.requested_page``: path and query named by ``Referer``): its key uses that
  page instead of the body, so a shared link's first page is rendered once, not per visitor.
* Only ``200`` JSON answers up to ``MAX_CACHED_BYTES`` are kept (downloads of a whole table
  are bigger and rare); errors never are.
* The lookup runs before the callback-body guard of ``security.py``: a hit is, byte for byte,
  a body the guard accepted and Dash answered with 200 before.
* A cache outage (Redis down) is a miss: logged once per minute, the request is computed.
"""

from __future__ import annotations

import hashlib
import logging
import time
from datetime import date

from flask import Flask, Response, g, request

from .cache import cache
from .http import requested_page

log = logging.getLogger(__name__)

MAX_CACHED_BYTES = 64 * 1024
_KEPT_HEADERS = ("Content-Type", "Content-Encoding", "Vary")
_last_warning = [0.0]


def _warn(what: str, exc: Exception) -> None:
    now = time.monotonic()
    if now - _last_warning[0] > 60:
        _last_warning[0] = now
        log.warning("response cache %s failed (%s); serving without it", what, type(exc).__name__)


def response_key(body: bytes, accept_encoding: str, today: str, kind: str = "cb") -> str:
    digest = hashlib.sha256(body).hexdigest()
    return f"{kind}:{today}:{hashlib.sha1(accept_encoding.encode('latin-1', 'replace')).hexdigest()[:12]}:{digest}"


def _request_key() -> str | None:
    """The key of this request, or None when it is not one this cache serves."""
    if request.method == "POST" and request.path == _paths["dispatch"]:
        material, kind = request.get_data(cache=True), "cb"
    elif request.method == "GET" and request.path == _paths["layout"]:
        material, kind = repr(requested_page()).encode("utf-8", "replace"), "layout"
    else:
        return None
    return response_key(material, request.headers.get("Accept-Encoding", ""), date.today().isoformat(), kind)


_paths: dict[str, str] = {}


def init_app(server: Flask, dispatch_path: str, layout_path: str) -> None:
    """Register the lookup (before_request) and the store (after_request).

    Call *before* ``http.init_app``: Flask runs after_request hooks in reverse order of
    registration, so the store then sees the compressed body that was actually sent.
    """

    _paths.update(dispatch=dispatch_path, layout=layout_path)

    @server.before_request
    def serve_cached_response():
        key = _request_key()
        if key is None:
            return None
        try:
            hit = cache.get(key)
        except Exception as exc:
            _warn("read", exc)
            hit = None
        if hit is not None:
            body, headers = hit
            g.response_cache = "hit"
            resp = Response(body, status=200, headers=headers)
            resp.headers["X-Response-Cache"] = "hit"
            return resp
        g.response_cache = key
        return None

    @server.after_request
    def keep_response(response):
        key = g.pop("response_cache", None)
        if key is None or key == "hit" or response.status_code != 200 or response.direct_passthrough:
            return response
        if response.mimetype != "application/json":
            return response
        body = response.get_data()
        if len(body) > MAX_CACHED_BYTES:
            return response
        headers = [(h, response.headers[h]) for h in _KEPT_HEADERS if h in response.headers]
        try:
            cache.set(key, (body, headers))
        except Exception as exc:
            _warn("write", exc)
        response.headers["X-Response-Cache"] = "miss"
        return response
