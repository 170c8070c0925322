"""Shared state handed to each parser: where the raw files are, and country lookups."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import SourceError
from .names import NameResolver


@dataclass
class BuildContext:
    raw: Path
    countries: pd.DataFrame | None = None  # set once the reference parser has run
    _resolver: NameResolver = field(default_factory=NameResolver)
    _once: dict = field(default_factory=dict)  # what once() computed in this build

    def path(self, rel: str) -> Path:
        """A raw file by its path relative to the raw dir; a clear error if it is absent."""
        p = self.raw / rel
        if not p.is_file():
            raise SourceError(rel, f"file not found under raw directory {self.raw}")
        return p

    def rel(self, p: Path) -> str:
        try:
            return str(Path(p).relative_to(self.raw))
        except ValueError:
            return str(p)

    def once(self, key: str, compute):
        """``compute()``, run at most once per build: parsers that build on another source's rows (comparisons,
        derived indicators) share one reading of its files instead of parsing them again. Results are read-only."""
        if key not in self._once:
            self._once[key] = compute()
        return self._once[key]

    def parsed(self, module):
        """A parser module's output in this build (the build's own run of it, or a first one)."""
        return self.once(f"{module.__name__}.parse", lambda: module.parse(self))

    def set_countries(self, countries: pd.DataFrame) -> None:
        self.countries = countries
        names: dict[str, str] = {}
        for col in ("name_en", "name_fr", "name_es"):
            names.update(dict(zip(countries[col], countries["iso3"])))
        self._resolver = NameResolver(extra=names)
        self._known = set(countries["iso3"])

    def iso3(self, name: str, *, file: str | Path, row: int | None = None, column: str | None = None) -> str:
        """Resolve a country name (or an ISO3 code) to ISO3, or stop with file/row/column."""
        code = self._resolver.get(name)
        if code is None:
            raise SourceError(
                file,
                f"unknown country name {name!r}; add it to dashboard/pipeline/aliases.csv if it is a real country",
                row=row,
                column=column,
            )
        return code

    def try_iso3(self, name: str) -> str | None:
        return self._resolver.get(name)

    def known_iso3(self, code: str) -> bool:
        return self.countries is None or code in self._known
