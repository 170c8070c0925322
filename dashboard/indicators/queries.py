"""Queries behind the indicator explorer and the indicators API (observations table).

Pure functions take frames (tested on small frames); the ``cached_*`` wrappers read the
process store and are memoized through flask-caching (key prefix = data version).
"""

from __future__ import annotations

import pandas as pd

from dashboard.cache import cache, per_frame
from dashboard.data import THEMES, get_store

OBS_COLUMNS = ["geo_code", "geo_type", "year", "period", "value", "lower", "upper", "obs_type", "source_id", "note"]

# Names of the M49 / SDG aggregates that publishers use and that have no row in the country
# table (region and sub-region names are read from the country table first). Labels, not data.


# -- which indicators the explorer maps -------------------------------------------------------
def is_explorable(ind: dict) -> bool:
    """Country-level series from the observations table that the catalog marks mappable."""
    return ind.get("table") == "observations" and bool(ind.get("mappable", True)) and bool(ind.get("coverage", {}).get("countries"))


def is_national_figure(ind: dict) -> bool:
    """A figure a national statistical office published (SDG national reporting platforms), not the international
    series: the catalog gives these ids the suffix ``_national`` (it has no field for it)."""
    return str(ind.get("id", "")).endswith("_national")


def explorer_indicators(catalog_indicators: list[dict]) -> list[dict]:
    """Explorable indicators in theme order (THEMES), then catalog order."""
    order = {t: i for i, t in enumerate(THEMES)}
    items = [i for i in catalog_indicators if is_explorable(i)]
    return sorted(items, key=lambda i: order.get(i["theme"], len(order)))


def elsewhere_indicators(catalog_indicators: list[dict]) -> dict[str, list[dict]]:
    """Catalog entries the explorer does not map, by where they live instead."""
    out: dict[str, list[dict]] = {"corridors": [], "about": []}
    for ind in catalog_indicators:
        if is_explorable(ind):
            continue
        out["corridors" if ind.get("table") == "corridors" else "about"].append(ind)
    return out


def dimension_values(ind: dict, key: str) -> list[str]:
    """sexes / ages / breakdowns the source publishes for this indicator (catalog coverage)."""
    vals = list(ind.get("coverage", {}).get(key) or [])
    if key == "sexes":
        return [s for s in ("female", "male", "total") if s in vals]
    return vals


def default_dimension(ind: dict, key: str) -> str:
    vals = dimension_values(ind, key)
    preferred = {"sexes": ("female", "total"), "ages": ("all", "15+", "15-49"), "breakdowns": ("total",)}[key]
    for p in preferred:
        if p in vals:
            return p
    return vals[0] if vals else {"sexes": "total", "ages": "all", "breakdowns": "total"}[key]


# -- pure selections on one indicator's frame ---------------------------------------------------
def select_slice(df: pd.DataFrame, sex: str, age: str, breakdown: str) -> pd.DataFrame:
    """One sex/age/breakdown slice, never mixing them; one row per geo and year (latest period label)."""
    sel = df[(df["sex"] == sex) & (df["age"] == age) & (df["breakdown"] == breakdown)]
    sel = sel.sort_values(["geo_code", "year", "period"], kind="mergesort").drop_duplicates(["geo_code", "year"], keep="last")
    return sel[OBS_COLUMNS].reset_index(drop=True)


def slice_years(sl: pd.DataFrame) -> list[int]:
    return sorted(int(y) for y in sl.loc[sl["geo_type"] == "country", "year"].unique())


def select_map_values(sl: pd.DataFrame, year: int, fill_latest: bool = False) -> pd.DataFrame:
    """One value per country: exactly ``year``, or (``fill_latest``) the latest year up to it.

    The ``year`` column always says which year the value is from.
    """
    c = sl[sl["geo_type"] == "country"]
    c = c[c["year"] <= year] if fill_latest else c[c["year"] == year]
    c = c.sort_values(["geo_code", "year"], kind="mergesort").drop_duplicates("geo_code", keep="last")
    return c.reset_index(drop=True)


def select_series(sl: pd.DataFrame, geo_codes: tuple[str, ...]) -> pd.DataFrame:
    s = sl[sl["geo_code"].isin(list(geo_codes))]
    return s.sort_values(["geo_code", "year"], kind="mergesort").reset_index(drop=True)


def colour_range(sl: pd.DataFrame) -> tuple[float, float, bool]:
    """A fixed colour range for the whole slice (all years), so colours compare across years.

    Returns (cmin, cmax, capped): cmax is the 98th percentile when a few extreme values would
    otherwise wash out every other country (``capped`` = some values lie above cmax).
    """
    v = sl.loc[sl["geo_type"] == "country", "value"].dropna()
    if v.empty:
        return 0.0, 1.0, False
    lo, hi = float(v.min()), float(v.max())
    lo = 0.0 if lo >= 0 else lo
    p98 = float(v.quantile(0.98))
    capped = len(v) >= 50 and hi > 3 * p98 > 0
    top = p98 if capped else hi
    return lo, (top if top > lo else lo + 1.0), capped


def aggregate_names(countries: pd.DataFrame) -> dict[str, str]:
    from dashboard.data import get_store

    # Named by the UN reference files (catalog "aggregates", written by the pipeline).
    names = dict(get_store().catalog.get("aggregates", {}))
    for code, name in (("region_code", "region_name"), ("subregion_code", "subregion_name")):
        sub = countries[countries[code].notna() & countries[name].notna()]
        names.update({f"M49_{c}": str(n) for c, n in zip(sub[code], sub[name])})
    return names


def geo_names(countries: pd.DataFrame, lang: str = "en") -> dict[str, str]:
    col = f"name_{lang}" if f"name_{lang}" in countries.columns else "name_en"
    return {**aggregate_names(countries), **dict(zip(countries["iso3"], countries[col].astype(str)))}


def store_geo_names(lang: str = "en") -> dict[str, str]:
    """``geo_names`` of the process store, built once per process and language (read-only: do not mutate)."""
    countries = get_store().countries
    return per_frame(countries, ("geo_names", lang), lambda: geo_names(countries, lang))


def published_combinations(df: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(sex, age, breakdown) combinations that have country rows: a selector offers only these."""
    c = df[df["geo_type"] == "country"][["sex", "age", "breakdown"]].drop_duplicates()
    return sorted(tuple(map(str, r)) for r in c.itertuples(index=False))


# -- memoized wrappers (process store) ----------------------------------------------------------
@cache.memoize()
def cached_combinations(indicator_id: str) -> list[tuple[str, str, str]]:
    return published_combinations(get_store().indicator_frame(indicator_id))


@cache.memoize()
def cached_slice(indicator_id: str, sex: str, age: str, breakdown: str) -> pd.DataFrame:
    return select_slice(get_store().indicator_frame(indicator_id), sex, age, breakdown)


@cache.memoize()
def cached_years(indicator_id: str, sex: str, age: str, breakdown: str) -> list[int]:
    return slice_years(cached_slice(indicator_id, sex, age, breakdown))


@cache.memoize()
def cached_map_values(indicator_id: str, year: int, sex: str, age: str, breakdown: str, fill_latest: bool) -> pd.DataFrame:
    return select_map_values(cached_slice(indicator_id, sex, age, breakdown), year, fill_latest)


@cache.memoize()
def cached_colour_range(indicator_id: str, sex: str, age: str, breakdown: str) -> tuple[float, float, bool]:
    return colour_range(cached_slice(indicator_id, sex, age, breakdown))


@cache.memoize()
def cached_aggregates(indicator_id: str, sex: str, age: str, breakdown: str) -> list[str]:
    sl = cached_slice(indicator_id, sex, age, breakdown)
    codes = sorted(sl.loc[sl["geo_type"] != "country", "geo_code"].unique())
    return ["M49_001"] * ("M49_001" in codes) + [c for c in codes if c != "M49_001"]


@cache.memoize()
def cached_latest_values(indicator_id: str, sex: str, age: str, breakdown: str) -> dict[str, float]:
    """Latest value per geo (country or aggregate): used to sort the chart's legend by value."""
    sl = cached_slice(indicator_id, sex, age, breakdown)
    last = sl.sort_values(["geo_code", "year"]).drop_duplicates("geo_code", keep="last")
    return dict(zip(last["geo_code"], last["value"].astype(float)))


@cache.memoize()
def country_indicator_series(indicator_id: str, geo_code: str, sex: str = "total") -> pd.DataFrame:
    """One country's (or aggregate's) yearly values of one indicator: ``year, period, value, obs_type, note``."""
    df = get_store().indicator_frame(indicator_id)
    sel = df[(df["geo_code"] == geo_code) & (df["sex"] == sex) & (df["age"] == "all") & (df["breakdown"] == "total")]
    sel = sel.sort_values(["year", "period"]).drop_duplicates("year", keep="last")
    return sel[["year", "period", "value", "obs_type", "note"]].reset_index(drop=True)
