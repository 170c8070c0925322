"""Hardening for the public, read-only server: headers, request bounds, neutral errors.

``register(app)`` is called once by the app factory, after every page, callback and
endpoint is registered. It adds:

- **Security headers** on every response: a Content-Security-Policy that allows only what
  the app serves itself (Dash's inline scripts by hash via ``app.csp_hashes()``; plotly
  needs inline styles and ``data:``/``blob:`` images for its exports), ``nosniff``,
  ``Referrer-Policy``, and ``frame-ancestors 'none'`` + ``X-Frame-Options: DENY`` on every
  path except ``/embed/...`` pages, which anyone may frame.
- **Request bounds**: bodies over ``MAX_BODY_BYTES`` get 413 (Flask's ``MAX_CONTENT_LENGTH``),
  URLs (path + query) over ``MAX_URL_BYTES`` get 414, the same limit gunicorn applies to the
  request line in front of us.
- **Fail-closed callback requests**: a POST to ``/_dash-update-component`` whose body is not
  what the Dash renderer sends for a registered callback (wrong shape, unknown output, input
  ids that are not the callback's) gets a 400 *before* Dash parses it; Dash would raise a
  KeyError/AttributeError (500) on most malformed bodies.
- **Neutral errors**: unknown component-suite files are 404 (Dash raises), and any
  unexpected exception is logged server-side and answered with a short message that names no
  file, line or exception (JSON under ``/api/``).
"""

from __future__ import annotations

import logging

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024  # a callback request is a few KB; nothing legitimate posts more
MAX_URL_BYTES = 4096  # gunicorn's default limit_request_line is 4094 (answered with 414)

EMBED_PREFIX = "embed/"


def content_security_policy(script_hashes: list[str], frameable: bool) -> str:
    directives = [
        "default-src 'self'",
        "script-src 'self' " + " ".join(script_hashes),
        # plotly.js and dcc components set inline styles; no inline <script> is allowed.
        "style-src 'self' 'unsafe-inline'",
        # data:/blob: images for plotly's "download as PNG" and the map's own textures.
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        # plotly's WebGL map traces start workers from blob: URLs.
        "worker-src 'self' blob:",
        "child-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors *" if frameable else "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def register(app) -> None:
    server: Flask = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    server.debug = False
    prefix = app.config.routes_pathname_prefix or "/"
    dispatch_path = prefix + "_dash-update-component"
    suites_path = prefix + "_dash-component-suites/"
    policies: dict[bool, str] = {}

    def policy(frameable: bool) -> str:
        # Hashes are computed on first use: every clientside callback is registered by then.
        if frameable not in policies:
            policies[frameable] = content_security_policy(list(app.csp_hashes()), frameable)
        return policies[frameable]

    def is_embed(path: str) -> bool:
        return path.startswith(prefix + EMBED_PREFIX)

    def wants_json() -> bool:
        return request.path.startswith(prefix + "api/") or request.path == dispatch_path

    def refuse(code: int, message: str):
        if wants_json():
            resp = jsonify(error=message, status=code)
        else:
            resp = server.response_class(message + "\n", mimetype="text/plain")
        resp.status_code = code
        return resp

    @server.before_request
    def bound_request():
        environ = request.environ
        url_bytes = len(environ.get("PATH_INFO", "").encode("latin-1", "replace")) + len(environ.get("QUERY_STRING", "").encode("latin-1", "replace"))
        if url_bytes > MAX_URL_BYTES:
            return refuse(414, "The address is too long.")
        if request.path == dispatch_path and request.method == "POST":
            problem = callback_body_problem(app, request.get_json(silent=True))
            if problem:
                log.info("rejected callback request: %s", problem)
                return refuse(400, "Malformed callback request.")
        return None

    @server.after_request
    def security_headers(response):
        frameable = is_embed(request.path)
        response.headers["Content-Security-Policy"] = policy(frameable)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        if frameable:
            response.headers.pop("X-Frame-Options", None)
        else:
            response.headers["X-Frame-Options"] = "DENY"
        response.headers.pop("Server", None)
        response.headers.pop("X-Powered-By", None)
        return response

    @server.errorhandler(413)
    def too_large(_exc):
        return refuse(413, "The request body is too large.")

    @server.errorhandler(414)
    def too_long(_exc):
        return refuse(414, "The address is too long.")

    @server.errorhandler(Exception)
    def unexpected(exc):
        if isinstance(exc, HTTPException) and not isinstance(exc, InternalServerError):
            return exc  # 4xx and friends: werkzeug's short pages (or the blueprint's own JSON)
        original = getattr(exc, "original_exception", None) or exc
        if request.path.startswith(suites_path) and _is_missing_resource(original):
            return refuse(404, "Not found.")
        log.error("unhandled %s on %s %s", type(original).__name__, request.method, request.path[:200], exc_info=original)
        return refuse(500, "Something went wrong on our side; please try again later.")


def _is_missing_resource(exc: BaseException) -> bool:
    from dash.exceptions import DependencyException

    return isinstance(exc, (DependencyException, OSError, KeyError, ValueError))


def _is_prop_ref(item) -> bool:
    return isinstance(item, dict) and isinstance(item.get("property"), str) and isinstance(item.get("id"), (str, dict))


def _same_ref(item: dict, spec: dict) -> bool:
    if item.get("property") != spec.get("property"):
        return False
    sid, iid = spec.get("id"), item.get("id")
    if isinstance(sid, str):
        return iid == sid
    if not isinstance(iid, dict) or set(iid) != set(sid):
        return False
    # Pattern-matching ids: wildcard keys may take any scalar, the others must match.
    return all(isinstance(v, (str, int, float, bool)) and (isinstance(sid[k], (list, dict)) or sid[k] == v) for k, v in iid.items())


def _match_spec(items, specs) -> str | None:
    if not isinstance(items, list):
        return "not a list"
    if len(items) != len(specs):
        return f"{len(items)} entries for {len(specs)} declared"
    for item, spec in zip(items, specs):
        wildcard = isinstance(spec.get("id"), dict)
        if isinstance(item, list) and wildcard:
            if len(item) > 1000 or not all(_is_prop_ref(i) and _same_ref(i, spec) for i in item):
                return "pattern-matching entry does not match its declaration"
        elif not (_is_prop_ref(item) and _same_ref(item, spec)):
            return "entry does not match its declaration"
    return None


def callback_body_problem(app, body) -> str | None:
    """Why this body is not something the Dash renderer sends for a registered callback, or None."""
    from dash._grouping import grouping_len

    if not isinstance(body, dict):
        return "body is not a JSON object"
    output = body.get("output")
    if not isinstance(output, str) or output not in app.callback_map:
        return "unknown output"
    cb = app.callback_map[output]
    if "callback" not in cb:
        return "clientside callback"  # runs in the browser; the renderer never posts it
    for key, specs in (("inputs", cb.get("inputs", [])), ("state", cb.get("state", []))):
        problem = _match_spec(body.get(key, []), specs)
        if problem:
            return f"{key}: {problem}"
    outputs = body.get("outputs")
    if outputs is None and not cb.get("no_output"):
        return "no outputs"  # Dash's legacy fallback then fails on the length of the output spec
    if not cb.get("no_output"):
        if isinstance(outputs, list):
            if not all(_is_prop_ref(o) or (isinstance(o, list) and all(_is_prop_ref(x) for x in o)) for o in outputs):
                return "outputs are malformed"
            if output.startswith("..") and len(outputs) != grouping_len(cb.get("outputs_indices", [])):
                return "outputs do not match the callback"
            # A single output is posted as one reference, unless its id is a wildcard pattern ({...}.prop).
            if not output.startswith("..") and not output.startswith("{"):
                return "outputs are malformed"
        elif not _is_prop_ref(outputs) or output.startswith(".."):
            return "outputs are malformed"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "changedPropIds is malformed"
    return None
