"""Parsing of query strings and callback inputs in one place: anything unknown falls back, with a note."""

from __future__ import annotations

from urllib.parse import parse_qs

MAX_QUERY = 2000  # longer query strings are cut before parsing


def parse_search(search: str | None) -> dict[str, str]:
    """'?a=1&b=2' -> {'a': '1', 'b': '2'}; first value wins, bounded in size."""
    raw = (search if isinstance(search, str) else "").lstrip("?")[:MAX_QUERY]  # a crafted request may send any JSON
    return {k[:40]: v[0][:400] for k, v in parse_qs(raw, keep_blank_values=False).items() if v}


def parse_int(value, default: int | None = None) -> int | None:
    try:
        return int(str(value).strip()[:10])
    except (TypeError, ValueError):
        return default
