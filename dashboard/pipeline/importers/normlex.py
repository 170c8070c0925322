"""ILO NORMLEX "Ratifications of Cxxx" page (HTML table Country | Date | Status | Note) or its CSV -> NORMLEX CSV.

NORMLEX pages state no as-of date: pass ``--as-of`` (the retrieval date); for a URL the
default is today's date, the day it was fetched.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from ..errors import SourceError
from ._html import document, find_table
from ._model import Imported
from ._validate import validate

HEADER = ["Country", "Date", "Status", "Note"]
STATUS_SPELLING = {"in force": "In Force", "not in force": "Not in force", "denounced": "Denounced"}


def _csv_rows(data: bytes, origin: str) -> tuple[list[str], list[list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(origin, f"not valid UTF-8 text (byte {exc.start}); re-export the file as UTF-8") from None
    delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        raise SourceError(origin, "file is empty", row=1)
    return [h.strip() for h in rows[0]], [[c.strip() for c in r] for r in rows[1:]]


def extract(data: bytes, origin: str, instrument_id: str, as_of: str | None) -> Imported:
    if not instrument_id.startswith("ILO-"):
        raise SourceError(origin, f"NORMLEX lists ILO instruments; {instrument_id!r} is not one")
    looks_html = data.lstrip()[:200].lower().startswith((b"<!doctype", b"<html", b"<table", b"<?xml")) or b"<table" in data[:5000].lower()
    head, body = find_table(document(data, origin), "Country", origin) if looks_html else _csv_rows(data, origin)
    head = [h for h in head if h != "ATTR_ENDPOINT"]
    if head[:3] != HEADER[:3] or (len(head) == 4 and head[3] != "Note") or len(head) > 4:
        raise SourceError(origin, f"unexpected header {head!r}; expected {HEADER}", row=1)
    if not as_of:
        if origin.startswith("http"):
            as_of = date.today().isoformat()
        else:
            raise SourceError(origin, "NORMLEX pages carry no as-of date; pass --as-of YYYY-MM-DD (the day the page was retrieved)")
    rows, origin_rows = [], []
    for i, cells in enumerate(body, start=2):
        if not any(cells):
            continue
        cells = cells[: len(head)]
        if len(cells) != len(head):
            raise SourceError(origin, f"row has {len(cells)} cells, expected {len(head)} (truncated row?)", row=i)
        country, d, status = cells[0], cells[1], cells[2]
        note = cells[3] if len(head) == 4 else ""
        st = STATUS_SPELLING.get(status.strip().lower())
        if st is None:
            raise SourceError(origin, f"unknown status {status!r}; expected In Force, Not in force or Denounced", row=i, column="Status")
        rows.append([country, d, st, note])
        origin_rows.append(i)
    imp = Imported(instrument_id, "normlex", as_of, HEADER, ";", rows, origin, {}, tuple(origin_rows))
    validate(imp)
    return imp
