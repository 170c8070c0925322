"""Everything about one country, for download: ``/api/v1/countries/<ISO3>`` (JSON, or CSV with
``?format=csv``) and ``/api/v1/countries/<ISO3>.zip`` (every table, a sources file and a README).

Also the canonical address of profile pages: ``/country/phl`` redirects (308) to ``/country/PHL``,
and a profile address whose code is no country or area in the data is answered with status 404
(the page itself says "no such country" and offers the search box).

Errors are JSON: malformed code 400, unknown code 404, unknown format 400.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

import pandas as pd
from flask import Blueprint, Response, jsonify, redirect, request

from dashboard.countries import profiles
from dashboard.data import DataError, get_store
from dashboard.downloads import write_csv
from dashboard.i18n import iso_at_precision

blueprint = Blueprint("countries_api", __name__, url_prefix="/api/v1")

PAGE = re.compile(r"^/country/([^/]*)/?$")
FORMATS = ("json", "csv")
OBS_COLUMNS = [
    "indicator_id",
    "indicator_title",
    "geo_code",
    "year",
    "period",
    "sex",
    "age",
    "breakdown",
    "value",
    "lower",
    "upper",
    "unit",
    "obs_type",
    "note",
    "publisher",
    "citation",
    "licence",
    "as_of",
    "source_id",
]
ZIP_DATE = (2020, 1, 1, 0, 0, 0)  # fixed member dates: the same data gives the same bytes


def error(message: str, status: int):
    resp = jsonify(error={"status": status, "message": message})
    resp.status_code = status
    return resp


# -- canonical page addresses ------------------------------------------------------------------
@blueprint.before_app_request
def _canonical_country_page():
    if request.method not in ("GET", "HEAD"):
        return None
    m = PAGE.match(request.path)
    if not m:
        return None
    code = profiles.normalise_code(m.group(1))
    if code and code != m.group(1):
        try:
            known = get_store().is_country(code)
        except DataError:
            return None
        if known:
            qs = request.query_string.decode("latin-1")
            return redirect(f"/country/{code}" + (f"?{qs}" if qs else ""), code=308)
    return None


@blueprint.after_app_request
def _unknown_country_is_404(resp):
    if request.method == "GET" and resp.status_code == 200 and resp.mimetype == "text/html":
        m = PAGE.match(request.path)
        if m and m.group(1):
            code = profiles.normalise_code(m.group(1))
            try:
                if code is None or not get_store().is_country(code):
                    resp.status_code = 404
            except DataError:
                pass
    return resp


# -- assembly (pure: store in, frames out) ---------------------------------------------------------
def observation_rows(store, iso3: str) -> pd.DataFrame:
    obs = store.observations[store.observations["geo_code"] == iso3]
    meta = pd.DataFrame(
        [
            {
                "indicator_id": i["id"],
                "indicator_title": i.get("title"),
                "unit": i.get("unit"),
                "publisher": i.get("publisher"),
                "citation": i.get("citation"),
                "licence": i.get("licence"),
                "as_of": i.get("as_of"),
            }
            for i in store.catalog["indicators"]
        ]
    )
    df = obs.merge(meta, on="indicator_id", how="left")
    return df.sort_values(["indicator_id", "year", "sex", "age", "breakdown", "period"], kind="mergesort").reindex(columns=OBS_COLUMNS).reset_index(drop=True)


def ratification_rows(profile: dict) -> pd.DataFrame:
    cols = [
        "instrument_id",
        "title",
        "status",
        "date",
        "date_precision",
        "action",
        "in_force",
        "depositary",
        "completeness",
        "completeness_note",
        "as_of",
        "peers_parties",
        "peers_total",
        "peers_name",
    ]
    return pd.DataFrame(public_ratifications(profile)).reindex(columns=cols)


def public_ratifications(profile: dict) -> list[dict]:
    """The profile's instrument rows with each date written only as precisely as its source gives it."""
    return [r | {"date": iso_at_precision(r["date"], r.get("date_precision"))} for r in profile["ratifications"]]


def corridor_rows(store, iso3: str) -> pd.DataFrame:
    c = store.corridors
    return (
        c[(c["origin_iso3"] == iso3) | (c["destination_iso3"] == iso3)]
        .sort_values(["indicator_id", "origin_iso3", "destination_iso3", "period"], kind="mergesort")
        .reset_index(drop=True)
    )


def evidence_rows(store, iso3: str) -> pd.DataFrame:
    e = store.evidence
    return e[(e["origin_iso3"] == iso3) | (e["destination_iso3"] == iso3)].sort_values("evidence_id").reset_index(drop=True)


def source_rows(store, obs: pd.DataFrame, corr: pd.DataFrame, ev: pd.DataFrame, profile: dict) -> pd.DataFrame:
    """Catalog entries (indicators and instruments) behind the rows: what to cite."""
    ids = sorted(set(obs["indicator_id"]) | set(corr["indicator_id"]) | set(ev["indicator_id"]))
    rows = [
        {
            "kind": "indicator",
            "id": i,
            "title": store.indicators[i].get("title"),
            "publisher": store.indicators[i].get("publisher"),
            "citation": store.indicators[i].get("citation"),
            "licence": store.indicators[i].get("licence"),
            "as_of": store.indicators[i].get("as_of"),
        }
        for i in ids
        if i in store.indicators
    ]
    for r in profile["ratifications"]:
        inst = store.instruments[r["instrument_id"]]
        rows.append(
            {
                "kind": "instrument",
                "id": inst["id"],
                "title": inst.get("title"),
                "publisher": inst.get("depositary"),
                "citation": inst.get("citation") or "",
                "licence": inst.get("licence") or "",
                "as_of": inst.get("as_of") or "",
            }
        )
    return pd.DataFrame(rows, columns=["kind", "id", "title", "publisher", "citation", "licence", "as_of"])


def _header(store, iso3: str) -> list[str]:
    return [
        f"Country or area: {store.country_name(iso3)} ({iso3})",
        "Each row names its indicator, publisher, citation, licence and data as-of date.",
        f"Data version: {store.version}",
        f"Profile: /country/{iso3}",
    ]


def _lookup(code: str):
    iso3 = profiles.normalise_code(code)
    if iso3 is None:
        return None, error("A country code is three letters (ISO 3166 alpha-3), e.g. PHL.", 400)
    if not get_store().is_country(iso3):
        return None, error(f"No country or area with code {iso3}.", 404)
    return iso3, None


# -- endpoints ------------------------------------------------------------------------------------
@blueprint.route("/countries/<path:code>.zip")
def country_zip(code: str):
    iso3, err = _lookup(code)
    if err is not None:
        return err
    store = get_store()
    profile = profiles.country_profile(iso3)
    obs, corr, ev = observation_rows(store, iso3), corridor_rows(store, iso3), evidence_rows(store, iso3)
    files = {
        "observations.csv": write_csv(obs, _header(store, iso3)),
        "ratifications.csv": write_csv(ratification_rows(profile), _header(store, iso3)),
        "corridors.csv": write_csv(corr, _header(store, iso3) + ["Corridors where the country sends or receives; indicator metadata in sources.csv."]),
        "evidence.csv": write_csv(ev, _header(store, iso3) + ["Reported figures, not comparable series: each row carries its own citation and source type."]),
        "sources.csv": write_csv(source_rows(store, obs, corr, ev, profile)),
        "README.txt": _readme(store, iso3),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            info = zipfile.ZipInfo(f"{iso3}/{name}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))
    return Response(
        buf.getvalue(),
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{iso3}.zip"', "Cache-Control": "public, max-age=3600"},
    )


def _readme(store, iso3: str) -> str:
    return "\n".join(
        [
            f"{store.country_name(iso3)} ({iso3}): all data held by the UNGA 72/149 indicators dashboard.",
            f"Data version {store.version}.",
            "",
            "observations.csv   every country-level value (one row per indicator, year, sex, age and breakdown), with its citation",
            "ratifications.csv  every tracked instrument: status, date, depositary, and how complete our list is",
            "corridors.csv      remittance prices and bilateral remittance estimates where the country sends or receives",
            "evidence.csv       reported figures (recruitment costs, surveys of women migrant workers) naming the country",
            "sources.csv        publisher, citation, licence and as-of date of every indicator and instrument above",
            "",
            "Missing values are missing: nothing is filled in. 'not_party' is used only where the depositary list is complete;",
            "'no_record' means the list is incomplete (partial, or not reaching the date): it never means 'not a party'.",
            "Dates are written as precisely as the source gives them (YYYY-MM-DD, YYYY-MM or YYYY; see date_precision);",
            "'no_data' means no list was available. Please cite the original publishers (sources.csv).",
            "",
        ]
    )


@blueprint.route("/countries/<path:code>")
def country_data(code: str):
    if code.endswith("/"):
        code = code[:-1]
    iso3, err = _lookup(code)
    if err is not None:
        return err
    fmt = (request.args.get("format") or "json").strip().lower()[:10]
    if fmt not in FORMATS:
        return error("format must be json or csv.", 400)
    store = get_store()
    if fmt == "csv":
        body = write_csv(observation_rows(store, iso3), _header(store, iso3))
        return Response(
            body, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{iso3}.csv"', "Cache-Control": "public, max-age=3600"}
        )
    p = profiles.country_profile(iso3)
    payload = {
        "iso3": iso3,
        "identity": p["identity"],
        "data_version": store.version,
        "headlines": [
            {k: v for k, v in h.items()}
            | {
                "title": store.indicators[h["indicator_id"]]["title"],
                "unit": store.indicators[h["indicator_id"]].get("unit"),
                "publisher": store.indicators[h["indicator_id"]].get("publisher"),
                "citation": store.indicators[h["indicator_id"]].get("citation"),
                "licence": store.indicators[h["indicator_id"]].get("licence"),
                "as_of": store.indicators[h["indicator_id"]].get("as_of"),
            }
            for h in profiles.headline_rows(p)
        ],
        "ratifications": public_ratifications(p),
        "gaps": [{k: g[k] for k in ("indicator_id", "kind", "latest_year", "source_latest_year", "n_countries")} for g in p["gaps"]],
        "downloads": {"csv": f"/api/v1/countries/{iso3}?format=csv", "zip": f"/api/v1/countries/{iso3}.zip"},
    }
    resp = Response(json.dumps(payload, ensure_ascii=False, allow_nan=False, default=str), mimetype="application/json")
    resp.headers["Cache-Control"] = "public, max-age=3600"
    return resp
