"""Data queries shared by pages and the API: small hashable arguments in, frames out.

Memoized through flask-caching (key prefix = data version), so repeated views of the same
indicator/year/sex are served from the cache, shared between instances when Redis is used.
"""
from __future__ import annotations

import pandas as pd

from .cache import cache
from .data import get_store


# -- migration-cost corridors (/corridors): memoized wrappers over corridor_queries ------------

@cache.memoize()
def corridor_latest_costs(origin: str | None = None, destination: str | None = None) -> pd.DataFrame:
    from . import corridor_queries

    return corridor_queries.latest_corridor_costs(get_store().corridors, origin, destination)


@cache.memoize()
def corridor_cost_series(origin: str, destination: str) -> pd.DataFrame:
    from . import corridor_queries

    return corridor_queries.corridor_series(get_store().corridors, origin, destination)


@cache.memoize()
def corridor_flows(year: str, origin: str | None = None, destination: str | None = None, n: int | None = None) -> pd.DataFrame:
    from . import corridor_queries

    return corridor_queries.flows_in_year(get_store().corridors, year, origin, destination, n)


@cache.memoize()
def corridor_priced_by_flow(year: str, origin: str | None = None, destination: str | None = None) -> pd.DataFrame:
    from . import corridor_queries

    return corridor_queries.priced_corridors_by_flow(get_store().corridors, year, origin, destination)


@cache.memoize()
def corridor_mean_cost(method: str, flows_year: str = "2021") -> pd.DataFrame:
    """``period, value, n_corridors``: simple mean (``method='mean'``) or flow-weighted mean (``'weighted'``)."""
    from . import corridor_queries

    c = get_store().corridors
    if method == "weighted":
        df = corridor_queries.flow_weighted_mean_cost_by_quarter(c, flows_year)
        return df.rename(columns={"weighted_mean_cost": "value"})[["period", "value", "n_corridors"]]
    return corridor_queries.mean_cost_by_quarter(c).rename(columns={"mean_cost": "value"})


@cache.memoize()
def country_indicator_series(indicator_id: str, geo_code: str, sex: str = "total") -> pd.DataFrame:
    """One country's (or aggregate's) yearly values of one indicator: ``year, period, value, obs_type, note``."""
    df = get_store().indicator_frame(indicator_id)
    sel = df[(df["geo_code"] == geo_code) & (df["sex"] == sex) & (df["age"] == "all") & (df["breakdown"] == "total")]
    sel = sel.sort_values(["year", "period"]).drop_duplicates("year", keep="last")
    return sel[["year", "period", "value", "obs_type", "note"]].reset_index(drop=True)
