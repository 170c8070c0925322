"""Read-only access to the preprocessed tables in ``data/``: loaded once per process.

Everything downstream (queries, figures, callbacks, API) goes through a ``DataStore``.
Frames returned here are shared: callers must not mutate them (copy first).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd

from .config import ASSETS_DIR, GEO_TOPOLOGY

TABLES = ("observations", "corridors", "ratification_events", "evidence", "countries")
THEMES = {
    "ratifications": "Ratifications",
    "costs": "Migration costs",
    "violence": "Violence and exploitation",
    "context": "Migration context",
}


@lru_cache(maxsize=4)
def map_area_ids(name: str = GEO_TOPOLOGY) -> tuple[str, ...]:
    """The ids of the country layer of the map topology the app serves (``assets/<name>.json``, written by
    the pipeline): the countries with a shape and the areas that are no country (e.g. Aksai Chin).
    Empty when the file cannot be read: maps then draw plotly's land layer under the countries instead."""
    try:
        topology = json.loads((ASSETS_DIR / f"{name}.json").read_text(encoding="utf-8"))
        return tuple(str(g["id"]) for g in topology["objects"]["countries"]["geometries"] if g.get("id"))
    except (OSError, ValueError, KeyError, TypeError):
        return ()


class DataError(RuntimeError):
    """The data directory is missing or unreadable: the app reports itself not ready."""


@dataclass
class DataStore:
    data_dir: Path

    def __post_init__(self):
        self.data_dir = Path(self.data_dir)
        catalog_path = self.data_dir / "catalog.json"
        if not catalog_path.is_file():
            raise DataError(f"no catalog.json in {self.data_dir}; run `python -m dashboard.pipeline build`")
        self.catalog: dict = json.loads(catalog_path.read_text(encoding="utf-8"))
        self.tables: dict[str, pd.DataFrame] = {}
        for name in TABLES:
            path = self.data_dir / f"{name}.parquet"
            if not path.is_file():
                raise DataError(f"missing table {path.name} in {self.data_dir}")
            self.tables[name] = pd.read_parquet(path)
        self._name_every_country_in_every_language()
        self.indicators: dict[str, dict] = {i["id"]: i for i in self.catalog["indicators"]}
        self.instruments: dict[str, dict] = {i["id"]: i for i in self.catalog["instruments"]}
        self.sources: dict[str, dict] = {s["id"]: s for s in self.catalog["sources"]}
        # What the build read, kept, dropped and quarantined, and its cross-source comparisons (None: not in this release).
        report_path = self.data_dir / "build_report.json"
        try:
            self.build_report: dict | None = json.loads(report_path.read_text(encoding="utf-8")) if report_path.is_file() else None
        except ValueError as exc:
            raise DataError(f"unreadable {report_path.name} in {self.data_dir}: {exc}") from exc

    def _name_every_country_in_every_language(self) -> None:
        """A ``name_<lang>`` column for each interface language. The pipeline writes en/fr/es; until
        it writes ar/zh/ru too, those pages show the English name, like any other untranslated text."""
        from .i18n import LANGS

        countries = self.tables["countries"]
        for lang in LANGS:
            if f"name_{lang}" not in countries.columns and "name_en" in countries.columns:
                countries[f"name_{lang}"] = countries["name_en"]

    # -- identity -------------------------------------------------------------
    @property
    def version(self) -> str:
        return self.catalog.get("data_version", "unknown")

    # -- tables ----------------------------------------------------------------
    @property
    def observations(self) -> pd.DataFrame:
        return self.tables["observations"]

    @property
    def corridors(self) -> pd.DataFrame:
        return self.tables["corridors"]

    @property
    def ratification_events(self) -> pd.DataFrame:
        return self.tables["ratification_events"]

    @property
    def evidence(self) -> pd.DataFrame:
        return self.tables["evidence"]

    @property
    def countries(self) -> pd.DataFrame:
        return self.tables["countries"]

    @cached_property
    def country_index(self) -> pd.DataFrame:
        return self.countries.set_index("iso3")

    @cached_property
    def observations_by_indicator(self) -> dict[str, pd.DataFrame]:
        # One split at load time makes every per-indicator query a dict lookup.
        return {k: g.reset_index(drop=True) for k, g in self.observations.groupby("indicator_id", sort=True)}

    # -- lookups ----------------------------------------------------------------
    def indicator(self, indicator_id: str) -> dict | None:
        return self.indicators.get(indicator_id)

    def country_name(self, iso3: str, lang: str = "en") -> str:
        idx = self.country_index
        if iso3 not in idx.index:
            return iso3
        col = f"name_{lang}" if f"name_{lang}" in idx.columns else "name_en"
        return str(idx.at[iso3, col])

    def is_country(self, iso3: str) -> bool:
        return iso3 in self.country_index.index

    def indicator_frame(self, indicator_id: str) -> pd.DataFrame:
        """All observations of one indicator (empty frame if none)."""
        return self.observations_by_indicator.get(indicator_id, self.observations.iloc[0:0])

    def indicators_by_theme(self) -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = {t: [] for t in THEMES}
        for ind in self.catalog["indicators"]:
            out.setdefault(ind["theme"], []).append(ind)
        return out


_store: DataStore | None = None
_lock = threading.Lock()


def get_store(data_dir: Path | None = None) -> DataStore:
    """The process-wide store; the first call (per worker, or in the gunicorn master with --preload) loads it."""
    global _store
    with _lock:
        if _store is None or (data_dir is not None and Path(data_dir) != _store.data_dir):
            from .config import Settings

            _store = DataStore(Path(data_dir) if data_dir else Settings.from_env().data_dir)
        return _store
