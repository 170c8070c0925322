"""Public read-only data API: ``/api/v1/catalog`` and ``/api/v1/indicators/<id>`` (JSON or CSV).

Query parameters of ``/api/v1/indicators/<id>``:

| name | meaning |
|---|---|
| ``countries`` | comma-separated ISO3 codes or ``M49_ddd`` aggregates (max 300); corridors/evidence match sending *or* receiving country |
| ``from``, ``to`` | first / last year (1900-2100) |
| ``years`` | comma-separated years (max 200) |
| ``sex`` | female, male or total (must be published for the indicator) |
| ``age``, ``breakdown`` | one published age group / breakdown (observations only) |
| ``geo_type`` | country, region or world (observations only) |
| ``limit``, ``offset`` | page size (JSON max 5000, CSV max 50000) and start row |
| ``format`` | ``json`` (default) or ``csv`` (``# `` citation lines, then the rows) |

Unknown parameters, unknown values and absurd ranges are answered with JSON
``{"error": {"status": 400, "message": ...}}``; unknown indicators and paths with a 404.
"""

from __future__ import annotations

import math
import re
from urllib.parse import urlencode

import pandas as pd
from flask import Blueprint, Response, current_app, jsonify, request

from dashboard.cache import cache, per_frame
from dashboard.data import THEMES, DataError, get_store
from dashboard.downloads import CSV_COLUMNS, citation_header, csv_with_header
from dashboard.indicators.queries import dimension_values, geo_names, is_explorable

blueprint = Blueprint("indicators_api", __name__, url_prefix="/api/v1")

MAX_QUERY_CHARS = 4000
MAX_CODES = 300
MAX_YEARS = 200
JSON_MAX_LIMIT = 5000
CSV_MAX_LIMIT = 50000
DEFAULT_JSON_LIMIT = 1000
MAX_OFFSET = 10_000_000
YEAR_MIN, YEAR_MAX = 1900, 2100
SEXES = ("female", "male", "total")
GEO_TYPES = ("country", "region", "world")
ALLOWED = {"countries", "from", "to", "years", "sex", "age", "breakdown", "geo_type", "limit", "offset", "format", "lang"}
CODE = re.compile(r"^([A-Z]{3}|M49_\d{3})$")
META_KEYS = (
    "id",
    "title",
    "theme",
    "unit",
    "unit_short",
    "definition",
    "publisher",
    "citation",
    "licence",
    "as_of",
    "series_code",
    "sdg",
    "caveats",
    "source_ids",
    "table",
    "mappable",
    "reference_lines",
    "decimals",
    "coverage",
    # what the build dropped or quarantined (counts by reason) and its cross-source comparisons
    "dropped",
    "quarantined",
    "comparisons",
)


class BadRequest(ValueError):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def error(message: str, status: int = 400):
    resp = jsonify(error={"status": status, "message": message})
    resp.status_code = status
    return resp


@blueprint.errorhandler(BadRequest)
def _bad_request(exc: BadRequest):
    return error(str(exc), exc.status)


@blueprint.errorhandler(DataError)
def _no_data(exc: DataError):
    return error("The data is not available right now.", 503)


@blueprint.after_request
def _headers(resp):
    resp.headers.setdefault("Cache-Control", "public, max-age=3600")
    resp.headers.setdefault("Access-Control-Allow-Origin", "*")
    return resp


# -- parameter parsing (pure) ----------------------------------------------------------------------
def _int(name: str, raw: str, lo: int, hi: int) -> int:
    raw = (raw or "").strip()
    if not re.fullmatch(r"-?\d{1,9}", raw):
        raise BadRequest(f"'{name}' must be a whole number, got '{raw[:20]}'")
    v = int(raw)
    if not lo <= v <= hi:
        raise BadRequest(f"'{name}' must be between {lo} and {hi}, got {v}")
    return v


def parse_params(args, indicator: dict, known_geo: set[str]) -> dict:
    """Validate the query string against one indicator; raises BadRequest with a clear message."""
    unknown = sorted(set(args.keys()) - ALLOWED)
    if unknown:
        raise BadRequest(f"unknown parameter(s): {', '.join(u[:30] for u in unknown[:5])}; allowed: {', '.join(sorted(ALLOWED))}")
    for key in args:
        if len(args.getlist(key)) > 1:
            raise BadRequest(f"parameter '{key}' is given more than once")
    fmt = (args.get("format") or "json").lower()
    if fmt not in ("json", "csv"):
        raise BadRequest("'format' must be json or csv")
    out: dict = {"format": fmt, "countries": None, "years": None, "from": None, "to": None, "sex": None, "age": None, "breakdown": None, "geo_type": None}
    if args.get("countries"):
        codes = [c.strip().upper() for c in args["countries"].split(",") if c.strip()]
        if len(codes) > MAX_CODES:
            raise BadRequest(f"too many countries ({len(codes)}); at most {MAX_CODES}")
        bad = [c for c in codes if not CODE.match(c) or c not in known_geo]
        if bad:
            raise BadRequest(f"unknown country or area code(s): {', '.join(b[:12] for b in bad[:10])}")
        out["countries"] = list(dict.fromkeys(codes))
    if args.get("years"):
        parts = [p for p in args["years"].split(",") if p.strip()]
        if len(parts) > MAX_YEARS:
            raise BadRequest(f"too many years ({len(parts)}); at most {MAX_YEARS}")
        out["years"] = sorted({_int("years", p, YEAR_MIN, YEAR_MAX) for p in parts})
    if args.get("from"):
        out["from"] = _int("from", args["from"], YEAR_MIN, YEAR_MAX)
    if args.get("to"):
        out["to"] = _int("to", args["to"], YEAR_MIN, YEAR_MAX)
    if out["from"] is not None and out["to"] is not None and out["from"] > out["to"]:
        raise BadRequest(f"'from' ({out['from']}) is after 'to' ({out['to']})")
    table = indicator.get("table")
    if args.get("sex"):
        sex = args["sex"].lower()
        if sex not in SEXES:
            raise BadRequest("'sex' must be female, male or total")
        if table == "observations" and sex not in dimension_values(indicator, "sexes"):
            raise BadRequest(f"'{sex}' is not published for {indicator['id']}; available: {', '.join(dimension_values(indicator, 'sexes'))}")
        out["sex"] = sex
    for key, cov in (("age", "ages"), ("breakdown", "breakdowns")):
        if args.get(key):
            if table != "observations":
                raise BadRequest(f"'{key}' applies only to country series, not to {table} indicators")
            allowed = dimension_values(indicator, cov)
            if args[key] not in allowed:
                raise BadRequest(f"'{args[key][:30]}' is not a published {key} for {indicator['id']}; available: {', '.join(allowed)}")
            out[key] = args[key]
    if args.get("geo_type"):
        if table != "observations" or args["geo_type"] not in GEO_TYPES:
            raise BadRequest("'geo_type' must be country, region or world (country series only)")
        out["geo_type"] = args["geo_type"]
    max_limit = CSV_MAX_LIMIT if fmt == "csv" else JSON_MAX_LIMIT
    out["limit"] = _int("limit", args["limit"], 1, max_limit) if args.get("limit") else (max_limit if fmt == "csv" else DEFAULT_JSON_LIMIT)
    out["offset"] = _int("offset", args["offset"], 0, MAX_OFFSET) if args.get("offset") else 0
    return out


def filter_rows(df: pd.DataFrame, table: str, p: dict) -> pd.DataFrame:
    """Apply parsed parameters to one indicator's rows (pure)."""
    mask = pd.Series(True, index=df.index)
    if p["countries"]:
        if table == "observations":
            mask &= df["geo_code"].isin(p["countries"])
        else:
            mask &= df["origin_iso3"].isin(p["countries"]) | df["destination_iso3"].isin(p["countries"])
    if p["years"]:
        mask &= df["year"].isin(p["years"])
    if p["from"] is not None:
        mask &= df["year"] >= p["from"]
    if p["to"] is not None:
        mask &= df["year"] <= p["to"]
    for key in ("sex", "age", "breakdown", "geo_type"):
        if p.get(key) and key in df.columns:
            mask &= df[key] == p[key]
    return df[mask.fillna(False)]


def _rows(indicator: dict, store) -> tuple[pd.DataFrame, list[str]]:
    table = indicator["table"]
    if table == "observations":
        frame = store.indicator_frame(indicator["id"])

        def build():
            df = frame.sort_values(["geo_code", "year", "period", "sex", "age", "breakdown"], kind="mergesort")
            names = geo_names(store.countries)
            return df.assign(geo_name=df["geo_code"].map(lambda c: names.get(c, c)))

        return per_frame(frame, "api_rows", build), CSV_COLUMNS  # sorted and named once per process
    frame = store.corridors if table == "corridors" else store.evidence
    df = frame[frame["indicator_id"] == indicator["id"]]
    sort = ["origin_iso3", "destination_iso3", "year", "period"] if table == "corridors" else ["evidence_id"]
    return df.sort_values(sort, kind="mergesort", na_position="last"), list(df.columns)


def _json_value(v):
    if v is None:
        return None
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return None
    if v is pd.NA or (not isinstance(v, (str, list, dict)) and pd.isna(v)):
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


def explore_permalink(indicator: dict, p: dict) -> str | None:
    if not is_explorable(indicator):
        return None
    q = {"indicator": indicator["id"], "sex": p.get("sex"), "age": p.get("age"), "breakdown": p.get("breakdown")}
    if p.get("countries"):
        q.update(countries=",".join(p["countries"]), view="chart")
    elif p.get("years") and len(p["years"]) == 1:
        q["year"] = p["years"][0]
    return request.host_url.rstrip("/") + "/explore?" + urlencode({k: v for k, v in q.items() if v})


# -- endpoints --------------------------------------------------------------------------------------
@blueprint.get("/catalog")
def catalog():
    if len(request.query_string) > MAX_QUERY_CHARS:
        raise BadRequest("query string too long")
    unknown = sorted(set(request.args.keys()) - {"format", "lang"})
    if unknown:
        raise BadRequest(f"unknown parameter(s): {', '.join(u[:30] for u in unknown[:5])}; allowed: format")
    fmt = (request.args.get("format") or "json").lower()
    if fmt not in ("json", "csv"):
        raise BadRequest("'format' must be json or csv")
    store = get_store()
    base = request.host_url.rstrip("/")
    indicators = [{**{k: ind.get(k) for k in META_KEYS}, "api_url": f"{base}/api/v1/indicators/{ind['id']}"} for ind in store.catalog["indicators"]]
    if fmt == "csv":
        cols = ["id", "theme", "title", "unit", "publisher", "as_of", "licence", "citation", "table", "mappable", "sdg", "series_code", "api_url"]
        frame = pd.DataFrame([{c: i.get(c) for c in cols} for i in indicators], columns=cols)
        header = [
            ("Title", "Catalog of indicators"),
            ("Data version", store.version),
            ("Page", base + "/about"),
            ("Note", "Each indicator's own citation and licence are in its row; instruments and sources are in the JSON catalog."),
        ]
        return _csv(csv_with_header(frame, header, cols), "catalog.csv")
    return jsonify(
        data_version=store.version,
        themes=THEMES,
        indicators=indicators,
        instruments=store.catalog.get("instruments", []),
        sources=store.catalog.get("sources", []),
    )


@blueprint.get("/indicators/<indicator_id>")
def indicator(indicator_id: str):
    if len(request.query_string) > MAX_QUERY_CHARS:
        raise BadRequest("query string too long")
    store = get_store()
    ind = store.indicator(indicator_id[:100])
    if ind is None:
        raise BadRequest(f"unknown indicator '{indicator_id[:60]}'; see /api/v1/catalog for the list", 404)
    parse_params(request.args, ind, _known_geo(store, ind))  # validation runs on every request (errors are never cached)
    body, mimetype, filename = _indicator_body(ind["id"], request.url)
    if filename:
        return _csv(body, filename)
    return Response(body, mimetype=mimetype)


def _known_geo(store, ind: dict) -> frozenset:
    """Codes the ``countries`` parameter accepts for this indicator (once per process)."""
    if ind["table"] == "observations":
        frame = store.indicator_frame(ind["id"])
        return per_frame(frame, "api_known", lambda: frozenset(store.countries["iso3"]) | frozenset(frame["geo_code"].unique()))
    return per_frame(store.countries, "api_known", lambda: frozenset(store.countries["iso3"]))


MAX_CACHED_BODY = 256 * 1024  # larger pages (big limits, CSV) are computed each time rather than filling the cache


@cache.memoize(response_filter=lambda out: len(out[0]) <= MAX_CACHED_BODY)
def _indicator_body(indicator_id: str, url: str) -> tuple[str, str, str | None]:
    """The whole response body of one valid request, memoized on its full URL (host, path and query).

    Called inside the request whose ``request.url`` is ``url``; returns (body, mimetype, CSV file name or None).
    """
    store = get_store()
    ind = store.indicator(indicator_id)
    p = parse_params(request.args, ind, _known_geo(store, ind))
    rows, columns = _rows(ind, store)
    rows = filter_rows(rows, ind["table"], p)
    total = len(rows)
    page = rows.iloc[p["offset"] : p["offset"] + p["limit"]]
    selection = (
        "; ".join(
            f"{k}={','.join(map(str, v)) if isinstance(v, list) else v}" for k, v in p.items() if v is not None and k not in ("format", "limit", "offset")
        )
        or "all rows"
    )
    permalink = explore_permalink(ind, p)
    if p["format"] == "csv":
        header = citation_header(
            ind,
            page_url=permalink or request.url,
            selection=selection,
            data_version=store.version,
            extra=[("API request", request.url), ("Rows", f"{len(page)} of {total} (offset {p['offset']})")],
        )
        return csv_with_header(page, header, columns), "text/csv", f"{ind['id']}.csv"
    nxt = None
    if p["offset"] + p["limit"] < total:
        args = {**request.args.to_dict(), "offset": p["offset"] + p["limit"], "limit": p["limit"]}
        nxt = request.base_url + "?" + urlencode(args)
    data = [{c: _json_value(v) for c, v in zip(columns, rec)} for rec in page.reindex(columns=columns).itertuples(index=False, name=None)]
    return (
        current_app.json.dumps(
            dict(
                indicator={k: ind.get(k) for k in META_KEYS},
                citation=ind.get("citation"),
                licence=ind.get("licence"),
                as_of=ind.get("as_of"),
                source=ind.get("publisher"),
                data_version=store.version,
                explore_url=permalink,
                query={k: v for k, v in p.items() if v is not None},
                total=total,
                limit=p["limit"],
                offset=p["offset"],
                next=nxt,
                columns=columns,
                data=data,
            )
        )
        + "\n",
        "application/json",
        None,
    )


@blueprint.route("/<path:rest>")  # /api/v1/ itself is the index (openapi.py)
def not_found(rest: str):
    return error(f"no such endpoint: /api/v1/{rest[:80]}; see /api/v1/catalog and /api/v1/indicators/<id>", 404)


def _csv(text: str, filename: str) -> Response:
    return Response(text, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{filename}"'})
