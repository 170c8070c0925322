"""The API described: ``/api/v1/openapi.json`` (OpenAPI 3.1), ``/api/v1/docs`` (the same as a plain
HTML page) and ``/api/v1/`` (an index of the endpoints with links).

The document is built from the running code and data: limits and allowed values are read from the
endpoint modules, and identifiers (indicators, instruments, countries, regions, languages) from the
data catalog, so it cannot drift from what the endpoints accept. It is built once per data version.
"""

from __future__ import annotations

import html
import json
import threading

from flask import Blueprint, Response, jsonify, request

from dashboard.data import DataError, get_store
from dashboard.i18n import LANGS
from dashboard.ratifications import queries as rq
from dashboard.ratifications.labels import STATUS_LABELS

from . import bulk, feeds, indicators

blueprint = Blueprint("openapi", __name__, url_prefix="/api/v1")

OPENAPI_PATH = "/api/v1/openapi.json"
DOCS_PATH = "/api/v1/docs"
INDEX_PATH = "/api/v1/"
TITLE = "UNGA 72/149 indicators dashboard: data API"

_documents: dict[str, dict] = {}
_lock = threading.Lock()


# -- building blocks ---------------------------------------------------------------------------------
def _ref(kind: str, name: str) -> dict:
    return {"$ref": f"#/components/{kind}/{name}"}


def _nullable(*types: str) -> dict:
    return {"type": [*types, "null"]}


def _query(name: str, description: str, schema: dict, **extra) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema, **extra}


def _path(name: str, description: str, schema: dict) -> dict:
    return {"name": name, "in": "path", "required": True, "description": description, "schema": schema}


def _comma_list(name: str, description: str, items: dict, max_items: int) -> dict:
    """A comma-separated list in one query parameter (``a,b,c``)."""
    return _query(name, description, {"type": "array", "items": items, "minItems": 1, "maxItems": max_items}, style="form", explode=False)


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _json_or_csv(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}, "text/csv": {"schema": {"type": "string"}}}}


def _csv(description: str) -> dict:
    return {"description": description, "content": {"text/csv": {"schema": {"type": "string"}}}}


def _errors(*codes: int, shape: str = "ApiError") -> dict:
    words = {400: "Bad parameter: the message says which and why.", 404: "Unknown identifier.", 503: "The data is not available right now."}
    out = {str(c): _json(_ref("schemas", shape), words[c]) for c in codes}
    out["414"] = _ref("responses", "AddressTooLong")
    return out


def _operation(op_id: str, summary: str, description: str, tag: str, parameters: list, responses: dict) -> dict:
    return {"get": {"operationId": op_id, "summary": summary, "description": description, "tags": [tag], "parameters": parameters, "responses": responses}}


LANG_PARAM_NOTE = "Language of the page the request came from; accepted so a page's query string can be reused. The data are not translated."


# -- the document ------------------------------------------------------------------------------------
def build_document(store) -> dict:
    """The OpenAPI 3.1 document for the data in ``store`` (pure apart from reading the store)."""
    catalog_indicators = store.catalog["indicators"]
    indicator_ids = [i["id"] for i in catalog_indicators]
    instrument_ids = [i["id"] for i in store.catalog["instruments"]]
    iso3 = sorted(store.countries["iso3"].astype(str).tolist())
    aggregates = sorted({c for c in store.observations["geo_code"].dropna().unique().tolist() if str(c).startswith("M49_")})
    coverage = [i.get("coverage") or {} for i in catalog_indicators]
    ages = sorted({a for c in coverage for a in (c.get("ages") or [])})
    breakdowns = sorted({b for c in coverage for b in (c.get("breakdowns") or [])})
    opts = rq.filter_options()
    lang = _query("lang", LANG_PARAM_NOTE, {"type": "string", "enum": list(LANGS)})
    year = {"type": "integer", "minimum": indicators.YEAR_MIN, "maximum": indicators.YEAR_MAX}
    country = {"$ref": "#/components/schemas/ISO3"}
    fmt = _query("format", "json (default) or csv (citation lines starting with '# ', then the rows).", {"type": "string", "enum": ["json", "csv"]})

    indicator_params = [
        _path("indicator_id", "Indicator identifier, as listed by /api/v1/catalog.", {"type": "string", "enum": indicator_ids}),
        _comma_list(
            "countries",
            "Countries (ISO3) or regional aggregates (M49_ddd), comma-separated; corridor and evidence rows match "
            "the sending or the receiving country. Codes the indicator does not cover are a 400.",
            {"type": "string", "enum": iso3 + aggregates},
            indicators.MAX_CODES,
        ),
        _query("from", "First year.", year),
        _query("to", "Last year (not before 'from').", year),
        _comma_list("years", "Years, comma-separated.", year, indicators.MAX_YEARS),
        _query("sex", "Sex; must be one the indicator publishes (see its coverage in the catalog).", {"type": "string", "enum": list(indicators.SEXES)}),
        _query("age", "Age group; country series only, and one the indicator publishes.", {"type": "string", "enum": ages}),
        _query("breakdown", "Breakdown; country series only, and one the indicator publishes.", {"type": "string", "enum": breakdowns}),
        _query("geo_type", "Kind of area; country series only.", {"type": "string", "enum": list(indicators.GEO_TYPES)}),
        _query(
            "limit",
            f"Rows per page: JSON at most {indicators.JSON_MAX_LIMIT} (default {indicators.DEFAULT_JSON_LIMIT}), "
            f"CSV at most {indicators.CSV_MAX_LIMIT} (default {indicators.CSV_MAX_LIMIT}).",
            {"type": "integer", "minimum": 1, "maximum": indicators.CSV_MAX_LIMIT},
        ),
        _query("offset", "First row of the page.", {"type": "integer", "minimum": 0, "maximum": indicators.MAX_OFFSET}),
        fmt,
        lang,
    ]
    corridor_params = [
        _query("origin", "Sending country (where the money is sent from).", country),
        _query("destination", "Receiving country (where the money goes).", country),
        _query(
            "series",
            "1: the quarterly series of one corridor (needs origin and destination); 0 (default): the latest cost per corridor.",
            {"type": "string", "enum": ["0", "1"]},
        ),
        lang,
    ]
    ratification_params = [
        _query(
            "as_of",
            "Status on this date (YYYY-MM-DD, or YYYY for 31 December), from 1930-01-01 to today; default today.",
            {"type": "string", "pattern": r"^\d{4}(-\d{2}-\d{2})?$"},
        ),
        _query("instrument", f"The instrument the status filter applies to (default {rq.DEFAULT_INSTRUMENT}).", {"type": "string", "enum": instrument_ids}),
        _query("region", "UN M49 region.", {"type": "string", "enum": opts["region"]}),
        _query("subregion", "UN M49 sub-region.", {"type": "string", "enum": opts["subregion"]}),
        _query("income", "World Bank income group.", {"type": "string", "enum": opts["income"]}),
        _comma_list(
            "status", "Keep only states with one of these statuses for the instrument.", {"type": "string", "enum": list(STATUS_LABELS)}, len(STATUS_LABELS)
        ),
    ]
    country_code = _path("code", "ISO 3166 alpha-3 code of a country or area in the data (lower case is accepted).", country)

    paths = {
        INDEX_PATH: _operation(
            "index",
            "Index of the API",
            "Every endpoint with a short description and a link, plus the links to this document and its HTML page.",
            "about",
            [],
            {"200": _json(_ref("schemas", "Index"), "The index.")},
        ),
        OPENAPI_PATH: _operation(
            "openapi",
            "This document",
            "The OpenAPI 3.1 description of the API; allowed values are read from the data catalog.",
            "about",
            [],
            {"200": _json({"type": "object", "required": ["openapi", "info", "paths"]}, "The document.")},
        ),
        DOCS_PATH: _operation(
            "docs",
            "This document as a web page",
            "A plain HTML rendering of this document.",
            "about",
            [],
            {"200": {"description": "The page.", "content": {"text/html": {"schema": {"type": "string"}}}}},
        ),
        "/api/v1/catalog": _operation(
            "catalog",
            "Catalog of indicators, instruments and sources",
            "Every indicator with its definition, unit, publisher, citation, licence, as-of date and coverage; the tracked instruments; the sources. "
            "CSV: one row per indicator.",
            "indicators",
            [fmt, lang],
            {"200": _json_or_csv(_ref("schemas", "Catalog"), "The catalog."), **_errors(400, 503)},
        ),
        "/api/v1/indicators/{indicator_id}": _operation(
            "indicator",
            "Rows of one indicator",
            "Country series, corridor estimates or reported evidence of one indicator, filtered and paged, with its citation, licence and as-of date. "
            "Unknown parameters are a 400.",
            "indicators",
            indicator_params,
            {"200": _json_or_csv(_ref("schemas", "IndicatorRows"), "One page of rows."), **_errors(400, 404, 503)},
        ),
        "/api/v1/corridors/costs": _operation(
            "corridor_costs",
            "Remittance prices by corridor",
            "Latest and first cost per corridor (World Bank Remittance Prices Worldwide), or one corridor's quarterly series. Unknown parameters are a 400.",
            "corridors",
            corridor_params,
            {"200": _json(_ref("schemas", "CorridorCosts"), "The corridors."), **_errors(400, 404, 503)},
        ),
        "/api/v1/corridors/costs.csv": _operation(
            "corridor_costs_csv",
            "Remittance prices by corridor (CSV)",
            "The same rows as /api/v1/corridors/costs, with citation lines first.",
            "corridors",
            corridor_params,
            {"200": _csv("The corridors."), **_errors(400, 404, 503)},
        ),
        "/api/v1/countries/{code}": _operation(
            "country",
            "Everything about one country",
            "Identity, headline figures with their sources, ratification status of every tracked instrument and data gaps (JSON), "
            "or every country-level value with its citation (CSV).",
            "countries",
            [country_code, _query("format", "json (default) or csv.", {"type": "string", "enum": ["json", "csv"]})],
            {"200": _json_or_csv(_ref("schemas", "Country"), "The country's data."), **_errors(400, 404)},
        ),
        "/api/v1/countries/{code}.zip": _operation(
            "country_zip",
            "Everything about one country (ZIP)",
            "observations, ratifications, corridors, evidence and sources as CSV files, plus a README.",
            "countries",
            [country_code],
            {
                "200": {"description": "The archive.", "content": {"application/zip": {"schema": {"type": "string", "contentMediaType": "application/zip"}}}},
                **_errors(400, 404),
            },
        ),
        "/api/v1/ratifications.json": _operation(
            "ratifications",
            "Ratification status of every state",
            "Status of every state for every tracked instrument on a date, with each list's completeness, as-of date, citation and licence.",
            "ratifications",
            ratification_params,
            {"200": _json(_ref("schemas", "Ratifications"), "The matrix."), **_errors(400, shape="ParameterError")},
        ),
        "/api/v1/ratifications.csv": _operation(
            "ratifications_csv",
            "Ratification status of every state (CSV)",
            "The same matrix as /api/v1/ratifications.json, with source lines first.",
            "ratifications",
            ratification_params,
            {"200": _csv("The matrix."), **_errors(400, shape="ParameterError")},
        ),
        bulk.BULK_PATH: _operation(
            "bulk",
            "All the data in one download (ZIP)",
            f"Every table as CSV and as Parquet, catalog.json, build_report.json, a README with every source's citation and licence and how "
            f"to cite, and SHA256SUMS, in one folder named after the data version ({bulk.STEM}-{store.version}). The address is the same for "
            "every data release; the bytes change only with the data, and the ETag names the data version. Supports If-None-Match and Range.",
            "bulk",
            [],
            {
                "200": {
                    "description": "The archive.",
                    "headers": {
                        "ETag": {"description": "Data version and SHA-256 of the archive.", "schema": {"type": "string"}},
                        "Repr-Digest": {"description": "SHA-256 of the archive (RFC 9530).", "schema": {"type": "string"}},
                    },
                    "content": {"application/zip": {"schema": {"type": "string", "contentMediaType": "application/zip"}}},
                },
                "304": {"description": "Not modified: the If-None-Match ETag is the current one."},
                **_errors(503),
            },
        ),
        "/api/v1/build-report": _operation(
            "build_report",
            "What the data build read, kept, dropped and quarantined",
            "Per source file: rows read and kept, and rows dropped or quarantined by reason with examples; the same per indicator "
            "and instrument; every cross-source comparison with its tolerance, result and resolution. Shown for people at /about/data.",
            "about",
            [],
            {"200": _json(_ref("schemas", "BuildReport"), "The build report of this data release."), **_errors(404, 503)},
        ),
        "/feeds/ratifications.atom": _operation(
            "ratifications_feed",
            "Atom feed of ratification events",
            "Dated signatures, ratifications, accessions, successions and denunciations, newest first.",
            "feeds",
            [
                _query("instrument", "Only this instrument's events.", {"type": "string", "enum": instrument_ids}),
                _query("limit", f"Number of entries (default {feeds.DEFAULT_LIMIT}).", {"type": "integer", "minimum": 1, "maximum": feeds.MAX_LIMIT}),
            ],
            {
                "200": {"description": "The feed.", "content": {"application/atom+xml": {"schema": {"type": "string"}}}},
                **_errors(400, 404, shape="ParameterError"),
            },
        ),
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": TITLE,
            "version": "1",
            "summary": "Read-only open data on UNGA resolution 72/149: ratifications, migration costs, violence and exploitation indicators.",
            "description": "Every answer names its sources, citation, licence and as-of date. Missing values are null, never filled in. "
            f"Data version {store.version}. Errors are JSON with a 4xx status.",
        },
        "servers": [{"url": "/"}],
        "tags": [
            {"name": n, "description": d}
            for n, d in (
                ("about", "This description of the API."),
                ("indicators", "The catalog and the rows of each indicator."),
                ("corridors", "Remittance prices by migration corridor."),
                ("countries", "All data held about one country."),
                ("ratifications", "Ratification status of the instruments the resolution calls for."),
                ("feeds", "Feeds for feed readers."),
                ("bulk", "Everything at once, for analysis offline."),
            )
        ],
        "paths": paths,
        "components": {
            "schemas": _schemas(iso3),
            "responses": {
                "AddressTooLong": {
                    "description": "The address (path and query) is longer than the server accepts.",
                    "content": {"application/json": {"schema": _ref("schemas", "ServerError")}, "text/plain": {"schema": {"type": "string"}}},
                },
            },
        },
    }


def _obj(required: dict, **optional) -> dict:
    return {"type": "object", "required": list(required), "properties": {**required, **optional}}


def _schemas(iso3: list[str]) -> dict:
    string, integer, obj, array = ({"type": "string"}, {"type": "integer"}, {"type": "object"}, {"type": "array"})
    rows = {"type": "array", "items": obj}
    # Rows a build did not keep, by reason: {reason: {rows, quarantined, examples}}
    reasons = {"type": "object", "additionalProperties": _obj({"rows": integer, "quarantined": {"type": "boolean"}}, examples=array)}
    counts = {"type": "object", "additionalProperties": integer}  # the catalog's rows dropped or quarantined, by reason
    comparison = _obj({"id": string, "compared": integer, "agreed": integer}, sources=array, tolerance=string, resolution=string)
    return {
        "BuildReport": _obj(
            {
                "data_version": string,
                "page": string,
                "totals": _obj({"files": integer, "rows_read": integer, "rows_dropped": integer, "rows_quarantined": integer, "comparisons": integer}),
                "files": {
                    "type": "object",
                    "additionalProperties": _obj(
                        {"rows_read": _nullable("integer"), "rows_kept": _nullable("integer")}, parser=string, accounting=string, dropped=reasons
                    ),
                },
                "indicators": {"type": "array", "items": _obj({"id": string}, dropped=reasons, quarantined=reasons)},
                "instruments": {"type": "array", "items": _obj({"id": string}, dropped=reasons, quarantined=reasons)},
                "comparisons": {
                    "type": "array",
                    "items": _obj(
                        {"id": string, "compared": integer, "agreed": integer, "disagreed": integer},
                        disagreements={"type": "array", "items": string},
                        resolution=string,
                    ),
                },
            }
        ),
        "ISO3": {"type": "string", "enum": iso3, "description": "ISO 3166 alpha-3 code of a country or area in the data."},
        "ApiError": _obj({"error": _obj({"status": integer, "message": string})}),
        "ParameterError": _obj({"error": {"type": "string", "enum": ["bad_request", "not_found"]}, "parameter": string, "message": string}),
        "ServerError": _obj({"error": string, "status": integer}),
        "Index": _obj(
            {
                "title": string,
                "openapi": string,
                "docs": string,
                "data_version": string,
                "endpoints": {"type": "array", "items": _obj({"path": string, "summary": string, "description": string}, url=string, example=string)},
            }
        ),
        "Catalog": _obj(
            {
                "data_version": string,
                "themes": obj,
                "indicators": {
                    "type": "array",
                    "items": _obj(
                        {"id": string, "title": string, "api_url": string},
                        dropped=counts,
                        quarantined=counts,
                        comparisons={"type": "array", "items": comparison},
                    ),
                },
                "instruments": rows,
                "sources": rows,
            }
        ),
        "IndicatorRows": _obj(
            {
                "indicator": _obj({"id": string, "title": string}),
                "citation": _nullable("string"),
                "licence": _nullable("string"),
                "as_of": _nullable("string"),
                "source": _nullable("string"),
                "data_version": string,
                "explore_url": _nullable("string"),
                "query": obj,
                "total": integer,
                "limit": integer,
                "offset": integer,
                "next": _nullable("string"),
                "columns": {"type": "array", "items": string},
                "data": rows,
            }
        ),
        "CorridorCosts": _obj(
            {
                "indicator": _obj({"id": string}),
                "selection": string,
                "data_version": string,
                "count": integer,
                "rows": {
                    "type": "array",
                    "items": _obj({"origin_iso3": string, "origin_name": string, "destination_iso3": string, "destination_name": string}),
                },
            }
        ),
        "Country": _obj(
            {
                "iso3": string,
                "identity": obj,
                "data_version": string,
                "headlines": rows,
                "ratifications": rows,
                "gaps": rows,
                "downloads": _obj({"csv": string, "zip": string}),
            }
        ),
        "Ratifications": _obj(
            {
                "as_of": string,
                "filters": obj,
                "statuses": {"type": "object", "additionalProperties": string},
                "instruments": {"type": "array", "items": _obj({"id": string, "title": string, "completeness": string, "as_of": _nullable("string")})},
                "count": integer,
                "states": {
                    "type": "array",
                    "items": _obj(
                        {
                            "iso3": string,
                            "name": _nullable("string"),
                            "region": _nullable("string"),
                            "subregion": _nullable("string"),
                            "income_group": _nullable("string"),
                            "instruments": {"type": "object", "additionalProperties": _obj({"status": string, "cell": _nullable("string")})},
                        }
                    ),
                },
            }
        ),
    }


def document(store) -> dict:
    """``build_document`` once per data version."""
    with _lock:
        doc = _documents.get(store.version)
        if doc is None:
            _documents.clear()
            doc = _documents[store.version] = build_document(store)
        return doc


def flask_rule_to_path(rule: str) -> str:
    """``/api/v1/countries/<path:code>.zip`` -> ``/api/v1/countries/{code}.zip``."""
    import re

    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule)


# -- index and HTML page -------------------------------------------------------------------------------
def _example(path: str, op: dict, schemas: dict) -> str | None:
    """The path with each parameter set to its first allowed value, or None if one has no list."""
    out = path
    for p in op.get("parameters", []):
        if p["in"] != "path":
            continue
        schema = p["schema"]
        if "$ref" in schema:
            schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
        if not schema.get("enum"):
            return None
        out = out.replace("{" + p["name"] + "}", str(schema["enum"][0]))
    return out


def index_payload(doc: dict, root: str, data_version: str) -> dict:
    endpoints = []
    for path, item in doc["paths"].items():
        op = item["get"]
        entry = {"path": path, "summary": op["summary"], "description": op["description"]}
        if "{" in path:
            example = _example(path, op, doc["components"]["schemas"])
            if example:
                entry["example"] = root + example
        else:
            entry["url"] = root + path
        endpoints.append(entry)
    return {"title": doc["info"]["title"], "openapi": root + OPENAPI_PATH, "docs": root + DOCS_PATH, "data_version": data_version, "endpoints": endpoints}


def _schema_text(schema: dict, schemas: dict) -> tuple[str, str]:
    """(type, allowed values) of a parameter schema, in words."""
    if "$ref" in schema:
        schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
    if schema.get("type") == "array":
        kind, allowed = _schema_text(schema["items"], schemas)
        return f"comma-separated list of {kind} (at most {schema.get('maxItems')})", allowed
    allowed = ""
    if "enum" in schema:
        values = [str(v) for v in schema["enum"]]
        allowed = ", ".join(values) if len(values) <= 60 else f"{len(values)} values, e.g. {', '.join(values[:8])} (all listed in openapi.json)"
    elif "minimum" in schema or "maximum" in schema:
        allowed = f"{schema.get('minimum', '')} to {schema.get('maximum', '')}"
    elif "pattern" in schema:
        allowed = f"pattern {schema['pattern']}"
    return str(schema.get("type", "")), allowed


def _table(caption: str, headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:72rem;margin:1rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}"
    "table{border-collapse:collapse;margin:.5rem 0 1.5rem;width:100%}th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}"
    "caption{text-align:left;font-weight:600}code{background:#f2f2f2;padding:0 .2rem}a{color:#0645ad}"
)


def render_docs(doc: dict) -> str:
    esc = html.escape
    schemas = doc["components"]["schemas"]
    parts = [
        '<p><a href="/">Back to the dashboard</a></p>',
        f"<h1>{esc(doc['info']['title'])}</h1>",
        f"<p>{esc(doc['info']['summary'])}</p>",
        f"<p>{esc(doc['info']['description'])}</p>",
        f'<p>Machine-readable description: <a href="{OPENAPI_PATH}">OpenAPI 3.1 document</a>. Index: <a href="{INDEX_PATH}">{INDEX_PATH}</a>.</p>',
        '<nav aria-label="Endpoints"><ul>'
        + "".join(
            f'<li><a href="#{esc(item["get"]["operationId"])}"><code>GET {esc(path)}</code></a>: {esc(item["get"]["summary"])}</li>'
            for path, item in doc["paths"].items()
        )
        + "</ul></nav>",
    ]
    for path, item in doc["paths"].items():
        op = item["get"]
        parts.append(f'<section aria-labelledby="{esc(op["operationId"])}"><h2 id="{esc(op["operationId"])}"><code>GET {esc(path)}</code></h2>')
        parts.append(f"<p><strong>{esc(op['summary'])}.</strong> {esc(op['description'])}</p>")
        if op["parameters"]:
            rows = []
            for p in op["parameters"]:
                kind, allowed = _schema_text(p["schema"], schemas)
                rows.append(
                    [
                        f"<code>{esc(p['name'])}</code>",
                        esc(p["in"]),
                        "yes" if p.get("required") else "no",
                        esc(kind),
                        esc(allowed),
                        esc(p.get("description", "")),
                    ]
                )
            parts.append(_table(f"Parameters of {path}", ["Name", "In", "Required", "Type", "Allowed values", "Meaning"], rows))
        rows = []
        for status, resp in op["responses"].items():
            if "$ref" in resp:
                resp = doc["components"]["responses"][resp["$ref"].rsplit("/", 1)[1]]
            rows.append([esc(status), esc(", ".join(resp.get("content", {}))), esc(resp["description"])])
        parts.append(_table(f"Responses of {path}", ["Status", "Content type", "Meaning"], rows) + "</section>")
    errors = (
        "<h2>Error bodies</h2><p>Errors are JSON. Catalog, indicators, corridors, countries and the bulk download answer "
        '<code>{"error": {"status": 400, "message": "..."}}</code>; ratifications and the feed answer '
        '<code>{"error": "bad_request", "parameter": "...", "message": "..."}</code>; an address that is too long is answered with '
        '<code>{"error": "...", "status": 414}</code>.</p>'
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(doc['info']['title'])}</title><style>{STYLE}</style></head><body><main>" + "".join(parts) + errors + "</main></body></html>"
    )


# -- endpoints -------------------------------------------------------------------------------------------
def _unavailable():
    resp = jsonify(error={"status": 503, "message": "The data is not available right now."})
    resp.status_code = 503
    return resp


@blueprint.get("/openapi.json")
def openapi_json():
    try:
        doc = document(get_store())
    except DataError:
        return _unavailable()
    return Response(json.dumps(doc, ensure_ascii=False), mimetype="application/json", headers={"Access-Control-Allow-Origin": "*"})


@blueprint.get("/docs")
def docs_page():
    try:
        doc = document(get_store())
    except DataError:
        return _unavailable()
    return Response(render_docs(doc), mimetype="text/html")


@blueprint.get("/")
def index():
    try:
        store = get_store()
        doc = document(store)
    except DataError:
        return _unavailable()
    return jsonify(index_payload(doc, request.host_url.rstrip("/"), store.version))
