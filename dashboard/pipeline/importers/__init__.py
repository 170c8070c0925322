"""Importers: the depositaries' own export pages -> a raw file the pipeline reads, in one command.

``python -m dashboard.pipeline import untc|normlex <file-or-url> --instrument ID [--as-of YYYY-MM-DD]``

- ``untc``: a UN Treaty Collection status page (``ViewDetails.aspx?src=TREATY&mtdsg_no=...``, saved as
  HTML) -> ``ratifications/imported/<ID>_untc_<as_of>.csv`` in the participant-table format that
  ``sources/untc_tables.py`` reads (Participant, Signature, consent column with UNTC suffixes).
- ``normlex``: an ILO NORMLEX "Ratifications of Cxxx" page (HTML) or its CSV export ->
  ``ratifications/imported/<ID>_normlex_<as_of>.csv`` in the ``Country;Date;Status;Note`` format that
  ``sources/normlex.py`` reads.

Each import writes a JSON manifest next to the file (instrument, format, as-of, origin, SHA-256 of
the input). ``sources/imported_ratifications.py`` reads the manifests at ``build`` time; a newer
import of an instrument replaces that instrument's older lists.

Every row is checked before anything is written (dates, statuses, suffixes, country names); a bad
page stops with an error naming the input, row and column, and nothing in the raw directory is
touched. An existing raw file is never overwritten: re-importing identical content is a no-op,
different content for the same instrument and as-of date is refused.

URL input is fetched with urllib (no retries, 60 s timeout); it is untested on the development
machine, which has no internet access. Saving the page and importing the file is equivalent.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import urllib.request
from pathlib import Path

from ..errors import SourceError
from . import normlex, untc
from ._model import IMPORT_DIR, Imported, render_csv, target_name

__all__ = ["IMPORT_DIR", "KINDS", "Imported", "read_input", "render_csv", "run_import", "target_name", "write_import"]

KINDS = ("untc", "normlex")


def read_input(src: str) -> tuple[bytes, str]:
    """Bytes of a local file or a URL, and a printable origin."""
    if src.startswith(("http://", "https://")):
        req = urllib.request.Request(src, headers={"User-Agent": "unga-72-149-dashboard importer"})
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.read(), src
    p = Path(src)
    if not p.is_file():
        raise SourceError(src, "input file not found")
    return p.read_bytes(), p.name


def write_import(imp: Imported, raw_dir: Path, input_bytes: bytes) -> tuple[Path, bool]:
    """Write the CSV and its manifest atomically; never overwrite different content. Returns (path, written)."""
    rel = target_name(imp)
    path = Path(raw_dir) / rel
    body = render_csv(imp)
    manifest = {
        "instrument_id": imp.instrument_id,
        "format": imp.kind,
        "as_of": imp.as_of,
        "file": Path(rel).name,
        "origin": imp.origin,
        "input_sha256": hashlib.sha256(input_bytes).hexdigest(),
        "rows": len(imp.rows),
        **imp.extra,
    }
    mbody = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode("utf-8")
    mpath = path.with_suffix(".json")
    if path.exists() or mpath.exists():
        if path.exists() and path.read_bytes() == body:
            return path, False
        raise SourceError(
            rel,
            "a different raw file for this instrument and as-of date already exists; raw files are never "
            "overwritten (remove it deliberately, or import with the correct --as-of)",
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    for target, data in ((path, body), (mpath, mbody)):  # data first, manifest last: a manifest always has its file
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".import-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    return path, True


def run_import(kind: str, src: str, instrument_id: str, raw_dir: Path, as_of: str | None = None) -> tuple[Path, bool, Imported]:
    if kind not in KINDS:
        raise SourceError(src, f"unknown import format {kind!r}; expected one of {KINDS}")
    data, origin = read_input(src)
    imp = (untc if kind == "untc" else normlex).extract(data, origin, instrument_id, as_of)
    path, written = write_import(imp, raw_dir, data)
    return path, written, imp
