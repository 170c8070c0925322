"""Corridor remittance prices: ``/api/v1/corridors/costs`` (JSON) and ``/api/v1/corridors/costs.csv``.

One row per corridor with prices: latest and first cost, change in percentage points, quarters
observed (``corridor_queries.latest_corridor_costs``). Parameters: ``origin`` (sending country,
ISO3) and/or ``destination`` (receiving country, ISO3); both optional. ``series=1`` with both
returns the corridor's quarterly series instead. Every answer carries source, citation,
licence and as-of; bad parameters are JSON 400, unknown countries 404.
"""

from __future__ import annotations

import re

from flask import Blueprint, Response, jsonify, request

from dashboard.corridors import queries
from dashboard.data import DataError, get_store
from dashboard.downloads import citation_header, csv_with_header, safe_filename

blueprint = Blueprint("corridors_api", __name__, url_prefix="/api/v1/corridors")

ISO3 = re.compile(r"^[A-Z]{3}$")
ALLOWED = {"origin", "destination", "series", "lang"}
COST = "remittance_corridor_cost"


def _error(message: str, status: int = 400):
    resp = jsonify(error={"status": status, "message": message})
    resp.status_code = status
    return resp


def _params():
    """-> (origin, destination, series) or an error response."""
    unknown = sorted(set(request.args) - ALLOWED)
    if unknown:
        return _error(f"unknown parameter: {unknown[0][:40]}")
    store = get_store()
    out = []
    for key in ("origin", "destination"):
        raw = request.args.get(key)
        if raw in (None, ""):
            out.append(None)
            continue
        code = raw.strip().upper()
        if not ISO3.match(code):
            return _error(f"{key} must be an ISO 3166 alpha-3 code")
        if not store.is_country(code):
            return _error(f"unknown country: {code}", 404)
        out.append(code)
    series = request.args.get("series", "0")
    if series not in ("0", "1"):
        return _error("series must be 0 or 1")
    if series == "1" and (out[0] is None or out[1] is None):
        return _error("series=1 needs both origin and destination")
    return out[0], out[1], series == "1"


def _frame(origin, destination, series):
    store = get_store()
    if series:
        df = queries.corridor_cost_series(origin, destination).assign(origin_iso3=origin, destination_iso3=destination)
        df = df[["origin_iso3", "destination_iso3", "period", "value"]]
    else:
        df = queries.corridor_latest_costs(origin, destination)
    df = df.assign(
        origin_name=df["origin_iso3"].map(lambda c: store.country_name(c)), destination_name=df["destination_iso3"].map(lambda c: store.country_name(c))
    )
    first = ["origin_iso3", "origin_name", "destination_iso3", "destination_name"]
    return df[first + [c for c in df.columns if c not in first]]


def _selection(origin, destination, series) -> str:
    parts = [
        f"sending country {origin}" if origin else "all sending countries",
        f"receiving country {destination}" if destination else "all receiving countries",
    ]
    return ("quarterly series; " if series else "latest cost per corridor; ") + ", ".join(parts)


def _load():
    """Validated parameters plus the frame they select, or an error response to return as is."""
    try:
        parsed = _params()
        if not isinstance(parsed, tuple):
            return parsed
        origin, destination, series = parsed
        store = get_store()
        return origin, destination, series, store, store.indicator(COST), _frame(origin, destination, series)
    except DataError:
        return _error("The data is not available right now.", 503)


@blueprint.route("/costs")
def costs_json():
    loaded = _load()
    if not isinstance(loaded, tuple):
        return loaded
    origin, destination, series, store, ind, df = loaded
    meta = {k: ind.get(k) for k in ("id", "title", "unit", "definition", "publisher", "citation", "licence", "as_of", "caveats", "reference_lines")}
    rows = df.astype(object).where(df.notna(), None).to_dict(orient="records")
    return jsonify(indicator=meta, selection=_selection(origin, destination, series), data_version=store.version, count=len(rows), rows=rows)


@blueprint.route("/costs.csv")
def costs_csv():
    loaded = _load()
    if not isinstance(loaded, tuple):
        return loaded
    origin, destination, series, store, ind, df = loaded
    page = "/corridors" + (f"?from={origin}" if origin else "") + (("&" if origin else "?") + f"to={destination}" if destination else "")
    header = citation_header(ind, page_url=page, selection=_selection(origin, destination, series), data_version=store.version)
    body = csv_with_header(df, header, columns=list(df.columns))
    name = safe_filename("corridor-costs", origin or "all", destination or "all", "series" if series else "latest")
    return Response(body, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'})
