"""The build report as JSON: ``/api/v1/build-report`` (what the pipeline read, kept, dropped and quarantined
per source file, indicator and instrument, and every cross-source comparison), as ``data/build_report.json`` holds it."""

from __future__ import annotations

from flask import Blueprint, jsonify

from ..data import DataError, get_store

blueprint = Blueprint("api_build_report", __name__)


@blueprint.route("/api/v1/build-report")
def build_report():
    try:
        store = get_store()
    except DataError:
        return jsonify(error={"status": 503, "message": "The data is not available right now."}), 503
    if store.build_report is None:
        return jsonify(error={"status": 404, "message": "This data release has no build report."}), 404
    resp = jsonify(data_version=store.version, page="/about/data", **store.build_report)
    resp.headers["Cache-Control"] = "public, max-age=3600"
    return resp
