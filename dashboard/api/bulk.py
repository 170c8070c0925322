"""All the data in one download: ``/api/v1/bulk.zip``.

One folder, ``women-migrant-workers-data-<data version>/``, holding every table of ``data/`` as CSV
(``csv/``) and as the Parquet file the dashboard itself reads (``parquet/``, byte for byte),
``catalog.json``, ``build_report.json``, a README generated from the catalog (every file, every
source with its citation and licence, how to cite) and ``SHA256SUMS``.

The address stays the same from one data release to the next (so it can be linked and scripted);
the release is named by the folder, the file name offered to the browser and the README. An address
per version would be immutable, but the server only holds one version, so older ones would be dead
links.

The bytes are a function of the data files and this module only: fixed member dates, sorted members,
fixed compression, no host name. So two requests, two workers or two instances give the same bytes,
and the ETag (data version + SHA-256 of the archive) and ``Repr-Digest`` header can be checked. The
archive is built once per process and data version and kept in memory (size and build time:
docs/DATA.md, "Bulk download").
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from flask import Blueprint, Response, jsonify, request

from dashboard.data import DataError, get_store
from dashboard.downloads import csv_with_header

blueprint = Blueprint("bulk_api", __name__, url_prefix="/api/v1")

BULK_PATH = "/api/v1/bulk.zip"
STEM = "women-migrant-workers-data"
# The earliest date a zip member can carry: plainly no date of the data, and never changes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
ZIP_LEVEL = 6
UNIX = 3  # ZipInfo's create_system otherwise depends on the platform that builds the archive
TABLE_ROWS = {
    "observations": "indicator x area (ISO3 country, or M49_ddd published aggregate) x year x sex x age x breakdown",
    "corridors": "indicator x sending country (origin_iso3) x receiving country (destination_iso3) x period",
    "ratification_events": "instrument x country x action x date (undated 'party' facts have no date)",
    "evidence": "reported figure that is not part of a comparable series (recruitment costs, surveys), with its own citation",
    "countries": "country or area: UN M49 code and regions, names in English, French and Spanish, income group, UN status, map point",
}
SIDE_FILES = {
    "catalog.json": "every indicator, instrument and source: definition, unit, publisher, citation, licence, as-of date, coverage, caveats",
    "build_report.json": "what the build read from each publisher's file, kept, dropped (with reasons) and quarantined, "
                         "and every cross-source comparison",
}


@dataclass(frozen=True)
class BulkArchive:
    body: bytes
    data_version: str
    sha256: str

    @property
    def filename(self) -> str:
        return f"{STEM}-{self.data_version}.zip"

    @property
    def etag(self) -> str:
        return f"{STEM}-{self.data_version}-{self.sha256[:16]}"


# -- assembly (pure: files in, bytes out) -------------------------------------------------------------
def table_csv(frame: pd.DataFrame) -> bytes:
    """A table as CSV: UTF-8, header row, the Parquet file's columns in its order, LF line ends."""
    return csv_with_header(frame, [], columns=list(frame.columns)).encode("utf-8")


def _one_line(value) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else "not stated"


def readme_text(catalog: dict, row_counts: dict[str, int], side_files: list[str]) -> str:
    version = catalog.get("data_version", "unknown")
    lines = [
        "# Women migrant workers: all data of the UNGA 72/149 indicators dashboard",
        "",
        f"Data version: `{version}` (a hash of the data files: the same version is always the same data).",
        "",
        f"Downloaded from `{BULK_PATH}` on the dashboard's site. The same data is served piece by piece by the data API, "
        "described at `/api/v1/docs` (web page) and `/api/v1/openapi.json` (OpenAPI 3.1) on the same site.",
        "",
        "## Files",
        "",
        "| file | what it is |",
        "|---|---|",
    ]
    for name, rows in sorted(row_counts.items()):
        what = f"one row per {TABLE_ROWS[name]}" if name in TABLE_ROWS else "a table not described here yet"
        lines.append(f"| `csv/{name}.csv` | {what}; {rows} rows |")
        lines.append(f"| `parquet/{name}.parquet` | the same table, as the file the dashboard reads |")
    for name in side_files:
        lines.append(f"| `{name}` | {SIDE_FILES[name]} |")
    missing = sorted(set(SIDE_FILES) - set(side_files))
    for name in missing:
        lines.append(f"| (`{name}`) | not present in this data release |")
    lines += [
        "| `SHA256SUMS` | SHA-256 of every other file (`sha256sum -c SHA256SUMS` in this folder) |",
        "",
        "CSV files: UTF-8, comma-separated, one header row, the same columns in the same order as the Parquet file. "
        "An empty field is a missing value (text fields are never empty strings). "
        "Codes (`source_id`, `indicator_id`, `instrument_id`) are explained in `catalog.json` and below.",
        "",
        "Missing data is missing: no gap is filled in. Each source is current to its own as-of date (below).",
        "",
        "## How to cite",
        "",
        "Cite the original publisher of each figure (the `source_id` of each row, listed below with its citation), "
        "and this dashboard as the place you found it, with the data version and the date you accessed it, for example:",
        "",
        f"> UNGA 72/149 indicators dashboard (violence against women migrant workers), all data, version {version}. "
        "<address of the site>, accessed <date>.",
        "",
        "## Sources and licences",
        "",
        "Each source's own terms apply to its figures. Some sources state no open licence: check those before republishing.",
        "",
    ]
    for s in sorted(catalog.get("sources", []), key=lambda s: s["id"]):
        lines += [
            f"### {s['id']}",
            "",
            f"- Publisher: {_one_line(s.get('publisher'))}",
            f"- Title: {_one_line(s.get('title'))}",
            f"- As of: {_one_line(s.get('as_of'))}",
            f"- Licence: {_one_line(s.get('licence'))}",
            f"- Citation: {_one_line(s.get('citation'))}",
            f"- Address: {_one_line(s.get('url'))}",
            "",
        ]
    lines += ["## Indicators (`indicator_id`)", ""]
    for i in catalog.get("indicators", []):
        lines.append(f"- `{i['id']}`: {_one_line(i.get('title'))} [{_one_line(i.get('unit'))}]; "
                     f"sources: {', '.join(i.get('source_ids') or []) or 'not stated'}")
    lines += ["", "## Instruments (`instrument_id`)", ""]
    for i in catalog.get("instruments", []):
        lines.append(f"- `{i['id']}`: {_one_line(i.get('title'))}; depositary: {_one_line(i.get('depositary'))}; "
                     f"list current to {_one_line(i.get('as_of'))}; sources: {', '.join(i.get('source_ids') or []) or 'not stated'}")
    return "\n".join(lines) + "\n"


def _member(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = UNIX
    info.external_attr = 0o644 << 16
    zf.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL)


def build_archive(data_dir: Path) -> BulkArchive:
    """The archive of everything in ``data_dir``; raises DataError if a file is missing or unreadable."""
    data_dir = Path(data_dir)
    try:
        catalog_bytes = (data_dir / "catalog.json").read_bytes()
        catalog = json.loads(catalog_bytes)
        version = str(catalog.get("data_version", "unknown"))
        files: dict[str, bytes] = {"catalog.json": catalog_bytes}
        row_counts: dict[str, int] = {}
        for path in sorted(data_dir.glob("*.parquet")):
            raw = path.read_bytes()
            frame = pd.read_parquet(io.BytesIO(raw))
            files[f"parquet/{path.name}"] = raw
            files[f"csv/{path.stem}.csv"] = table_csv(frame)
            row_counts[path.stem] = len(frame)
        report = data_dir / "build_report.json"
        if report.is_file():
            files["build_report.json"] = report.read_bytes()
    except (OSError, ValueError) as exc:  # pyarrow's errors are ValueErrors
        raise DataError(f"cannot build the bulk download from {data_dir}: {exc}") from exc
    if not row_counts:
        raise DataError(f"no tables in {data_dir}")
    folder = f"{STEM}-{version}"
    side = [n for n in SIDE_FILES if n in files]
    files["README.md"] = readme_text(catalog, row_counts, side).encode("utf-8")
    files["SHA256SUMS"] = "".join(f"{hashlib.sha256(files[n]).hexdigest()}  {n}\n" for n in sorted(files)).encode("ascii")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in sorted(files):
            _member(zf, f"{folder}/{name}", files[name])
    body = buf.getvalue()
    return BulkArchive(body=body, data_version=version, sha256=hashlib.sha256(body).hexdigest())


# -- once per process and data version -------------------------------------------------------------------
_archives: dict[tuple[str, str], BulkArchive] = {}
_lock = threading.Lock()


def archive(store) -> BulkArchive:
    key = (str(store.data_dir), store.version)
    with _lock:  # one build at a time: concurrent first requests wait for it instead of building twice
        hit = _archives.get(key)
        if hit is None:
            _archives.clear()
            hit = _archives[key] = build_archive(store.data_dir)
        return hit


# -- endpoint -----------------------------------------------------------------------------------------------
@blueprint.get("/bulk.zip")
def bulk_zip():
    try:
        arc = archive(get_store())
    except DataError:
        resp = jsonify(error={"status": 503, "message": "The data is not available right now."})
        resp.status_code = 503
        return resp
    resp = Response(arc.body, mimetype="application/zip")
    resp.set_etag(arc.etag)
    resp.headers["Content-Disposition"] = f'attachment; filename="{arc.filename}"'
    resp.headers["Cache-Control"] = "public, max-age=3600"
    resp.headers["Access-Control-Allow-Origin"] = "*"
    resp.headers["Repr-Digest"] = f"sha-256=:{base64.b64encode(bytes.fromhex(arc.sha256)).decode('ascii')}:"
    return resp.make_conditional(request, accept_ranges=True, complete_length=len(arc.body))
