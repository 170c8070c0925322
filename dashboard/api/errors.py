"""JSON, not werkzeug's HTML page, for a 404 or 405 that no route under /api/ answered.

Such requests never reach an endpoint: e.g. a path holding a line break, which no route's
``<path:...>`` matches (found by the schemathesis run in tests/app/test_openapi_fuzz.py).
Other paths keep the default answer.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request

blueprint = Blueprint("api_errors", __name__)
API_PREFIX = "/api/"


def _json_error(exc):
    if not request.path.startswith(API_PREFIX):
        return exc
    message = {404: "no such endpoint; see /api/v1/ for the list", 405: "only GET is supported"}[exc.code]
    resp = jsonify(error={"status": exc.code, "message": message})
    resp.status_code = exc.code
    if exc.code == 405:
        resp.headers["Allow"] = ", ".join(exc.valid_methods or ["GET", "HEAD", "OPTIONS"])
    return resp


blueprint.app_errorhandler(404)(_json_error)
blueprint.app_errorhandler(405)(_json_error)
