"""Small HTML helpers shared by the importers (lxml; no network)."""

from __future__ import annotations

import copy
import re

from lxml import etree
from lxml import html as lhtml

from ..errors import SourceError


def document(data: bytes, origin: str):
    try:
        return lhtml.document_fromstring(data)
    except (ValueError, etree.ParserError) as exc:  # empty or binary input
        raise SourceError(origin, f"not an HTML page: {exc}") from None


def cell_text(el) -> str:
    """Visible text of a cell without footnote marks (<sup>), whitespace collapsed."""
    el = copy.deepcopy(el)
    etree.strip_elements(el, "sup", with_tail=False)
    text = el.text_content().replace("\xa0", " ")
    return re.sub(r"\s+", " ", text).strip()


def find_table(doc, first_header: str, origin: str):
    """The first table whose first row's first cell reads ``first_header``: (header texts, body rows as cell texts)."""
    for table in doc.xpath("//table"):
        rows = table.xpath("./tr|./thead/tr|./tbody/tr")
        if not rows:
            continue
        head = [cell_text(c) for c in rows[0].xpath("./th|./td")]
        if head and head[0] == first_header:
            body = [[cell_text(c) for c in r.xpath("./th|./td")] for r in rows[1:]]
            return head, body
    raise SourceError(origin, f"no table with a '{first_header}' column found (is this the right page?)")
