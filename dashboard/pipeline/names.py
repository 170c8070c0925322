"""Country name -> ISO3, shared by every parser that gets names instead of codes.

Matching is exact after normalisation (case, accents, punctuation, footnote marks),
never fuzzy: a name we do not know stops the build with the file and row, and the fix
is one line in ``aliases.csv`` (name, iso3) -- reviewed, not guessed.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import pycountry

ALIASES_FILE = Path(__file__).with_name("aliases.csv")

_FOOTNOTES = re.compile(r"(\s*\[\d+\])|(\s*\d+(,\s*\d+)*$)|(\*+$)")


def normalise(name: str) -> str:
    """Lower-case ASCII words; drops footnote numbers like 'Denmark 5' or 'Fiji[3]'."""
    s = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    s = _FOOTNOTES.sub("", s.strip())
    s = s.lower().replace("&", " and ")
    s = re.sub(r"[^a-z0-9]+", " ", s)
    s = re.sub(r"^the ", "", s.strip())
    return re.sub(r"\s+", " ", s).strip()


class NameResolver:
    def __init__(self, extra: dict[str, str] | None = None):
        self._map: dict[str, str] = {}
        for c in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                v = getattr(c, attr, None)
                if v:
                    self._map.setdefault(normalise(v), c.alpha_3)
            self._map.setdefault(normalise(c.alpha_3), c.alpha_3)
        # Later sources win over pycountry: UN names first, then reviewed aliases.
        for name, iso3 in (extra or {}).items():
            self._map[normalise(name)] = iso3
        for name, iso3 in load_aliases().items():
            self._map[normalise(name)] = iso3

    def get(self, name: str) -> str | None:
        return self._map.get(normalise(name))

    def add(self, name: str, iso3: str) -> None:
        self._map[normalise(name)] = iso3


def load_aliases() -> dict[str, str]:
    if not ALIASES_FILE.exists():
        return {}
    with ALIASES_FILE.open(encoding="utf-8", newline="") as f:
        return {r["name"]: r["iso3"] for r in csv.DictReader(f) if r.get("name") and not r["name"].startswith("#")}
