"""UN Treaty Collection status page (ViewDetails.aspx?src=TREATY&mtdsg_no=...) -> participant table CSV.

The page carries "Status as at : dd-mm-yyyy hh:mm:ss" and a table whose header row is
Participant | Signature[, Succession to signature(d)] | Ratification, Accession(a), ...
Footnote marks (<sup>) are dropped from names; cells keep UNTC's "9 Mar 2004 a" form.
"""

from __future__ import annotations

import re

from ..errors import SourceError
from ._html import document, find_table
from ._model import Imported
from ._validate import validate

_STATUS_AS_AT = re.compile(r"Status as at\s*:?\s*(\d{1,2})-(\d{1,2})-(\d{4})")
_MTDSG = re.compile(r"mtdsg_no=([IVXL]+-[0-9]+(?:-[a-z])?)", re.IGNORECASE)


def extract(data: bytes, origin: str, instrument_id: str, as_of: str | None) -> Imported:
    doc = document(data, origin)
    text = doc.text_content()
    m = _STATUS_AS_AT.search(text)
    page_as_of = f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}" if m else None
    if page_as_of and as_of and as_of != page_as_of:
        raise SourceError(origin, f"--as-of {as_of} contradicts the page's own 'Status as at' date {page_as_of}")
    as_of = page_as_of or as_of
    if not as_of:
        raise SourceError(origin, "no 'Status as at' date on the page; pass --as-of YYYY-MM-DD")
    head, body = find_table(doc, "Participant", origin)
    if len(head) != 3 or not head[1].startswith("Signature"):
        raise SourceError(origin, f"unexpected participant table header {head!r}; expected Participant | Signature | consent column", row=1)
    rows, origin_rows = [], []
    for i, cells in enumerate(body, start=2):
        if not any(cells):
            continue
        if len(cells) != 3:
            raise SourceError(origin, f"participant table row has {len(cells)} cells, expected 3", row=i)
        rows.append(cells)
        origin_rows.append(i)
    mt = _MTDSG.search(origin) or _MTDSG.search(data.decode("utf-8", "replace"))
    imp = Imported(instrument_id, "untc", as_of, head, ",", rows, origin, {"mtdsg": mt.group(1).upper() if mt else ""}, tuple(origin_rows))
    validate(imp)
    return imp
