"""All the data in one download: ``/api/v1/bulk.zip``.

One folder, ``women-migrant-workers-data-<data version>/``, holding every table of ``data/`` as CSV
(``csv/``) and as the Parquet file the dashboard itself reads (``parquet/``, byte for byte),
``catalog.json``, ``build_report.json``, a README generated from the catalog (every file, every
source with its citation and licence, how to cite) and ``SHA256SUMS``.

The address stays the same from one data release to the next (so it can be linked and scripted);
the release is named by the folder, the file name offered to the browser and the README. An address
per version would be immutable, but the server only holds one version, so older ones would be dead
links.

The bytes are a function of the data files and this module only: fixed member dates, members sorted
(SHA256SUMS last), fixed compression, no host name. So two requests, two workers or two instances give
the same bytes, and the ETag (data version + SHA-256 of the archive) and ``Repr-Digest`` header can be
checked. The archive is built once per machine, data version and builder into a file that every worker
serves (memory, size and build time: docs/DATA.md, "Bulk download").
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import io
import json
import logging
import os
import shutil
import stat
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd
import pyarrow
import pyarrow.parquet as pq
from flask import Blueprint, jsonify, send_file

from dashboard.data import DataError, get_store

log = logging.getLogger(__name__)

blueprint = Blueprint("bulk_api", __name__, url_prefix="/api/v1")

BULK_PATH = "/api/v1/bulk.zip"
STEM = "women-migrant-workers-data"
# The earliest date a zip member can carry: plainly no date of the data, and never changes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
ZIP_LEVEL = 6
UNIX = 3  # ZipInfo's create_system otherwise depends on the platform that builds the archive
# Built archives live here, one file per data version and builder, shared by the workers of the machine.
CACHE_DIR = Path(tempfile.gettempdir()) / "wmw-bulk"
KEEP_ARCHIVES = 3  # newest files kept in CACHE_DIR: the current one, plus a deploy or two still being served
COPY_CHUNK = 1 << 20
TABLE_ROWS = {
    "observations": "indicator x area (ISO3 country, or M49_ddd published aggregate) x year x sex x age x breakdown",
    "corridors": "indicator x sending country (origin_iso3) x receiving country (destination_iso3) x period",
    "ratification_events": "instrument x country x action x date (undated 'party' facts have no date)",
    "evidence": "reported figure that is not part of a comparable series (recruitment costs, surveys), with its own citation",
    "countries": "country or area: UN M49 code and regions, names in English, French and Spanish, income group, UN status, map point",
}
SIDE_FILES = {
    "catalog.json": "every indicator, instrument and source: definition, unit, publisher, citation, licence, as-of date, coverage, caveats",
    "build_report.json": "what the build read from each publisher's file, kept, dropped (with reasons) and quarantined, and every cross-source comparison",
}


@dataclass(frozen=True)
class BulkArchive:
    """A built archive on disk (the path is shared by every worker of the machine)."""

    path: Path
    data_version: str
    sha256: str
    size: int

    @property
    def filename(self) -> str:
        return f"{STEM}-{self.data_version}.zip"

    @property
    def etag(self) -> str:
        return f"{STEM}-{self.data_version}-{self.sha256[:16]}"


# -- assembly (pure: files in, bytes out) -------------------------------------------------------------
def write_table_csv(frame: pd.DataFrame, out: BinaryIO) -> None:
    """A table as CSV into ``out``: UTF-8, header row, the Parquet file's columns in its order, LF line
    ends; the same options as ``dashboard.downloads.write_csv`` (tests/app/test_bulk.py compares the
    bytes). pandas writes in chunks of rows, so the whole CSV never exists in memory."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    frame.to_csv(text, index=False, lineterminator="\n")
    text.flush()
    text.detach()  # leaves ``out`` open: closing it is the caller's


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
        f"> UNGA 72/149 indicators dashboard (violence against women migrant workers), all data, version {version}. <address of the site>, accessed <date>.",
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
        lines.append(
            f"- `{i['id']}`: {_one_line(i.get('title'))} [{_one_line(i.get('unit'))}]; sources: {', '.join(i.get('source_ids') or []) or 'not stated'}"
        )
    lines += ["", "## Instruments (`instrument_id`)", ""]
    for i in catalog.get("instruments", []):
        lines.append(
            f"- `{i['id']}`: {_one_line(i.get('title'))}; depositary: {_one_line(i.get('depositary'))}; "
            f"list current to {_one_line(i.get('as_of'))}; sources: {', '.join(i.get('source_ids') or []) or 'not stated'}"
        )
    return "\n".join(lines) + "\n"


class _HashingSink(io.BufferedIOBase):
    """Writes through to a zip member and hashes what passes, so SHA256SUMS needs no second copy."""

    def __init__(self, target: BinaryIO):
        self.target = target
        self.sha256 = hashlib.sha256()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.sha256.update(data)
        return self.target.write(data)


def _member(zf: zipfile.ZipFile, name: str, fill: Callable[[BinaryIO], object]) -> str:
    """Writes one member with ``fill(sink)``; returns the SHA-256 of its uncompressed bytes."""
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = ZIP_LEVEL  # what writestr(compresslevel=) sets; a public name only from Python 3.13
    info.create_system = UNIX
    info.external_attr = 0o644 << 16
    with zf.open(info, "w") as entry:
        sink = _HashingSink(entry)
        fill(sink)
    return sink.sha256.hexdigest()


def _copy_of(path: Path) -> Callable[[BinaryIO], None]:
    def fill(out: BinaryIO) -> None:
        with path.open("rb") as f:
            shutil.copyfileobj(f, out, COPY_CHUNK)

    return fill


def _csv_of(path: Path) -> Callable[[BinaryIO], None]:
    def fill(out: BinaryIO) -> None:
        write_table_csv(pd.read_parquet(path), out)  # one table in memory at a time, freed on return

    return fill


def _bytes(data: bytes) -> Callable[[BinaryIO], object]:
    return lambda out: out.write(data)


def write_archive(data_dir: Path, out: BinaryIO) -> str:
    """Writes the archive of everything in ``data_dir`` to ``out`` (a seekable binary file) and returns
    the data version; raises DataError if a file is missing or unreadable.

    Members are sorted by name, except SHA256SUMS, which needs every other member's hash and comes last.
    Each member streams from its file (CSV: one table in memory at a time) and is hashed as it is written."""
    data_dir = Path(data_dir)
    try:
        catalog_bytes = (data_dir / "catalog.json").read_bytes()
        catalog = json.loads(catalog_bytes)
        version = str(catalog.get("data_version", "unknown"))
        tables = sorted(data_dir.glob("*.parquet"))
        # The README, written first, gives row counts: read from the Parquet footers, not the tables.
        row_counts = {path.stem: pq.read_metadata(path).num_rows for path in tables}
        if not row_counts:
            raise DataError(f"no tables in {data_dir}")
        fills: dict[str, Callable[[BinaryIO], object]] = {"catalog.json": _bytes(catalog_bytes)}
        for path in tables:
            fills[f"parquet/{path.name}"] = _copy_of(path)
            fills[f"csv/{path.stem}.csv"] = _csv_of(path)
        if (data_dir / "build_report.json").is_file():
            fills["build_report.json"] = _copy_of(data_dir / "build_report.json")
        side = [n for n in SIDE_FILES if n in fills]
        fills["README.md"] = _bytes(readme_text(catalog, row_counts, side).encode("utf-8"))
        folder = f"{STEM}-{version}"
        sums: dict[str, str] = {}
        with zipfile.ZipFile(out, "w") as zf:
            for name in sorted(fills):
                sums[name] = _member(zf, f"{folder}/{name}", fills[name])
            listing = "".join(f"{sums[n]}  {n}\n" for n in sorted(sums)).encode("ascii")
            _member(zf, f"{folder}/SHA256SUMS", _bytes(listing))
    except (OSError, ValueError) as exc:  # pyarrow's errors are ValueErrors
        raise DataError(f"cannot build the bulk download from {data_dir}: {exc}") from exc
    return version


# -- once per machine, data version and builder ---------------------------------------------------------
def _builder_key(data_dir: Path) -> str:
    """What decides the bytes besides the data version: this module's code, the libraries that read the
    tables, format the CSV and compress, and the data folder. A deploy that changes one builds a new file."""
    parts = [
        hashlib.sha256(Path(__file__).read_bytes()).hexdigest(),
        pd.__version__,
        np.__version__,
        pyarrow.__version__,
        zlib.ZLIB_RUNTIME_VERSION,
        str(Path(data_dir).resolve()),
    ]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:16]


def _cache_dir() -> Path:
    """CACHE_DIR, created private to this user; refused if someone else owns it (it sits in a shared /tmp)."""
    CACHE_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    st = os.lstat(CACHE_DIR)
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid():
        raise OSError(f"{CACHE_DIR} is not a directory owned by this user")
    return CACHE_DIR


def _file_sha256(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as f:
        while chunk := f.read(COPY_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _prune(folder: Path, keep: Path) -> None:
    """Removes leftovers of interrupted builds, and all but the newest archives (``keep`` always stays).
    Called under the lock, so no other build is in progress."""
    for tmp in folder.glob(".building-*"):
        tmp.unlink(missing_ok=True)
    others = sorted((p for p in folder.glob(f"{STEM}-*.zip") if p != keep), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in others[KEEP_ARCHIVES - 1 :]:
        old.unlink(missing_ok=True)


def archive_file(data_dir: Path, version: str) -> Path:
    """The archive of ``data_dir`` on disk, built if no worker of this machine has built it yet.

    A file lock makes concurrent first requests from several workers build it once (the others wait, then
    find the file); it is written under a temporary name and renamed, so it is whole or absent."""
    folder = _cache_dir()
    path = folder / f"{STEM}-{version}-{_builder_key(data_dir)}.zip"
    if path.is_file():
        return path
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed, also if this process dies
        if path.is_file():  # another worker built it while this one waited
            return path
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".building-")
        try:
            with os.fdopen(fd, "wb") as out:
                built = write_archive(data_dir, out)
            if built != version:
                raise DataError(f"the data in {data_dir} changed while the bulk download was being built")
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)  # only left there if the build failed
            # Arrow's allocator keeps the memory of the tables read for the CSVs; hand it back (docs/DATA.md).
            pyarrow.default_memory_pool().release_unused()
        _prune(folder, keep=path)
    log.info("built the bulk download %s (%d bytes)", path, path.stat().st_size)
    return path


_archives: dict[tuple[str, str], BulkArchive] = {}
_lock = threading.Lock()


def archive(store) -> BulkArchive:
    """The archive of the store's data, with its hash (computed from the file once per process)."""
    key = (str(store.data_dir), store.version)
    with _lock:  # one build at a time in this process; other processes wait on the file lock
        hit = _archives.get(key)
        if hit is None or not hit.path.is_file():
            path = archive_file(store.data_dir, store.version)
            sha256, size = _file_sha256(path)
            _archives.clear()
            hit = _archives[key] = BulkArchive(path=path, data_version=store.version, sha256=sha256, size=size)
        return hit


def _forget() -> None:
    with _lock:
        _archives.clear()


# -- endpoint -----------------------------------------------------------------------------------------------
def _unavailable():
    resp = jsonify(error={"status": 503, "message": "The data is not available right now."})
    resp.status_code = 503
    return resp


@blueprint.get("/bulk.zip")
def bulk_zip():
    for attempt in (1, 2):  # a second try if the file was pruned between finding it and opening it
        try:
            arc = archive(get_store())
            resp = send_file(arc.path, mimetype="application/zip", conditional=True, etag=arc.etag, max_age=3600)
            break
        except DataError:
            return _unavailable()
        except FileNotFoundError:
            _forget()
            if attempt == 2:
                log.exception("the bulk download vanished twice while being served")
                return _unavailable()
        except OSError:
            log.exception("cannot prepare the bulk download")
            return _unavailable()
    resp.headers["Content-Disposition"] = f'attachment; filename="{arc.filename}"'  # quoted, as it always was
    resp.headers["Cache-Control"] = "public, max-age=3600"
    resp.headers["Access-Control-Allow-Origin"] = "*"
    resp.headers["Repr-Digest"] = f"sha-256=:{base64.b64encode(bytes.fromhex(arc.sha256)).decode('ascii')}:"
    return resp
