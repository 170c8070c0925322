"""Questions asked of the corridors table (remittance prices and bilateral flow estimates).

Pure pandas: frames in, frames out, no Dash; their memoized wrappers over the process store at the end. Input is the ``corridors`` table
(``indicator_id, origin_iso3, destination_iso3, year, quarter, period, value, ...``);
each function picks the indicator it needs, so the whole table can be passed in.
Periods like "2011Q1" sort correctly as text.
"""

from __future__ import annotations

import pandas as pd

from dashboard.cache import cache
from dashboard.data import get_store

COST = "remittance_corridor_cost"
NATIONAL_COST = "remittance_corridor_cost_national"  # a national statistical office's own corridor figures (SDG 10.c.1)
FLOWS = "bilateral_remittances_usd_m"
CORRIDOR = ["origin_iso3", "destination_iso3"]


def _costs(corridors: pd.DataFrame) -> pd.DataFrame:
    df = corridors[corridors["indicator_id"] == COST]
    return df.sort_values([*CORRIDOR, "period"], kind="mergesort")


def latest_corridor_costs(corridors: pd.DataFrame, origin: str | None = None, destination: str | None = None) -> pd.DataFrame:
    """One row per corridor: latest and first cost, the change between them, quarters observed.

    ``change_pp`` is latest minus first, in percentage points (negative = cheaper now).
    Optional ``origin`` / ``destination`` (ISO3) narrow the corridors.
    """
    df = _costs(corridors)
    if origin is not None:
        df = df[df["origin_iso3"] == origin]
    if destination is not None:
        df = df[df["destination_iso3"] == destination]
    g = df.groupby(CORRIDOR, sort=True)
    out = pd.DataFrame(
        {
            "latest_period": g["period"].last(),
            "latest_value": g["value"].last(),
            "first_period": g["period"].first(),
            "first_value": g["value"].first(),
            "quarters_observed": g["value"].size().astype("int64"),
        }
    )
    out["change_pp"] = out["latest_value"] - out["first_value"]
    cols = ["latest_period", "latest_value", "first_period", "first_value", "change_pp", "quarters_observed"]
    return out[cols].reset_index()


def corridor_series(corridors: pd.DataFrame, origin: str, destination: str) -> pd.DataFrame:
    """The cost series of one corridor in period order: ``period, year, quarter, value``."""
    df = _costs(corridors)
    df = df[(df["origin_iso3"] == origin) & (df["destination_iso3"] == destination)]
    return df[["period", "year", "quarter", "value"]].reset_index(drop=True)


def national_corridor_series(corridors: pd.DataFrame, origin: str, destination: str) -> pd.DataFrame:
    """A national office's cost figures for one corridor, in period order: ``period, year, value, note`` (often empty)."""
    df = corridors[(corridors["indicator_id"] == NATIONAL_COST) & (corridors["origin_iso3"] == origin) & (corridors["destination_iso3"] == destination)]
    return df.sort_values("period", kind="mergesort")[["period", "year", "value", "note"]].reset_index(drop=True)


def mean_cost_by_quarter(corridors: pd.DataFrame) -> pd.DataFrame:
    """Simple mean over the corridors observed in each period: ``period, mean_cost, n_corridors``.

    The set of corridors changes from quarter to quarter (199 in 2011Q1, 367 in 2020Q3), so
    part of any movement is composition, not price.
    """
    g = _costs(corridors).groupby("period", sort=True)["value"]
    return pd.DataFrame({"mean_cost": g.mean(), "n_corridors": g.size().astype("int64")}).reset_index()


def flow_weighted_mean_cost_by_quarter(corridors: pd.DataFrame, flows_year: int | str) -> pd.DataFrame:
    """Mean cost per period weighted by each corridor's estimated remittances in ``flows_year``.

    Weights are the bilateral remittance estimates (US$ million) of one year (2017 or 2021),
    held fixed for every quarter, so the mean reflects how much money moves through each
    corridor. Corridors without a positive estimate for that year are left out, not given a
    zero weight silently: ``n_corridors`` counts those used and ``weight_usd_m`` sums their
    weights, so coverage can be shown next to the mean.
    Returns ``period, weighted_mean_cost, n_corridors, weight_usd_m``.
    """
    flows = corridors[(corridors["indicator_id"] == FLOWS) & (corridors["period"] == str(flows_year))]
    if flows.empty:
        raise ValueError(f"no bilateral remittance estimates for {flows_year!r}")
    weights = flows[[*CORRIDOR, "value"]].rename(columns={"value": "weight"})
    df = _costs(corridors).merge(weights, on=CORRIDOR, how="inner")
    df = df[df["weight"] > 0]
    df = df.assign(weighted=df["value"] * df["weight"])
    g = df.groupby("period", sort=True)
    out = pd.DataFrame(
        {
            "weighted_mean_cost": g["weighted"].sum() / g["weight"].sum(),
            "n_corridors": g.size().astype("int64"),
            "weight_usd_m": g["weight"].sum(),
        }
    )
    return out.reset_index()


def flows_in_year(corridors: pd.DataFrame, year: int | str, origin: str | None = None, destination: str | None = None, n: int | None = None) -> pd.DataFrame:
    """Estimated bilateral remittances of one matrix year, largest first: ``origin_iso3, destination_iso3, value``.

    Optional ``origin`` / ``destination`` narrow the corridors; ``n`` keeps the largest ``n``.
    Ties are broken by the corridor codes so the order is stable.
    """
    df = corridors[(corridors["indicator_id"] == FLOWS) & (corridors["period"] == str(year))]
    if origin is not None:
        df = df[df["origin_iso3"] == origin]
    if destination is not None:
        df = df[df["destination_iso3"] == destination]
    df = df[[*CORRIDOR, "value"]].sort_values(["value", *CORRIDOR], ascending=[False, True, True], kind="mergesort")
    return (df.head(n) if n is not None else df).reset_index(drop=True)


def priced_corridors_by_flow(corridors: pd.DataFrame, year: int | str, origin: str | None = None, destination: str | None = None) -> pd.DataFrame:
    """Corridors that have remittance prices, ranked by their estimated flow in ``year`` (largest first).

    Corridors with prices but no flow estimate come last (flow missing, not zero), by code.
    Columns: ``origin_iso3, destination_iso3, latest_period, latest_value, flow_usd_m``.
    """
    latest = latest_corridor_costs(corridors, origin, destination)[[*CORRIDOR, "latest_period", "latest_value"]]
    flows = flows_in_year(corridors, year, origin, destination).rename(columns={"value": "flow_usd_m"})
    out = latest.merge(flows, on=CORRIDOR, how="left")
    out = out.sort_values(["flow_usd_m", *CORRIDOR], ascending=[False, True, True], na_position="last", kind="mergesort")
    return out.reset_index(drop=True)


def corridor_evidence(evidence: pd.DataFrame, sending: str, receiving: str, indicator_ids: tuple[str, ...]) -> pd.DataFrame:
    """Recruitment-cost evidence that concerns a remittance corridor ``sending`` -> ``receiving``.

    Money flows from the country where migrants work (``sending``) to their home country
    (``receiving``); the evidence table records migration the other way round
    (``origin_iso3`` = migrants' home, ``destination_iso3`` = where they work). Rows kept:
    ``match`` = "corridor" (home = receiving and work = sending), "origin" (home = receiving,
    any or unstated destination) or "destination" (work = sending, any or unstated origin),
    in that order, then by evidence id.
    """
    ev = evidence[evidence["indicator_id"].isin(indicator_ids)]
    home = ev["origin_iso3"] == receiving
    work = ev["destination_iso3"] == sending
    match = pd.Series(pd.NA, index=ev.index, dtype="string")
    match[work.fillna(False) & ~home.fillna(False)] = "destination"
    match[home.fillna(False) & ~work.fillna(False)] = "origin"
    match[home.fillna(False) & work.fillna(False)] = "corridor"
    out = ev.assign(match=match)[match.notna()]
    order = out["match"].map({"corridor": 0, "origin": 1, "destination": 2})
    return out.assign(_o=order).sort_values(["_o", "evidence_id"], kind="mergesort").drop(columns="_o").reset_index(drop=True)


def priced_corridor_keys(corridors: pd.DataFrame) -> list[tuple[str, str]]:
    """Every (sending, receiving) pair that has at least one remittance price, sorted."""
    df = corridors.loc[corridors["indicator_id"] == COST, CORRIDOR].drop_duplicates()
    return sorted(zip(df["origin_iso3"], df["destination_iso3"]))


# -- memoized over the process store (every feature module: pure functions first, then these) ----


@cache.memoize()
def corridor_latest_costs(origin: str | None = None, destination: str | None = None) -> pd.DataFrame:
    return latest_corridor_costs(get_store().corridors, origin, destination)


@cache.memoize()
def corridor_cost_series(origin: str, destination: str) -> pd.DataFrame:
    return corridor_series(get_store().corridors, origin, destination)


@cache.memoize()
def corridor_national_cost_series(origin: str, destination: str) -> pd.DataFrame:
    return national_corridor_series(get_store().corridors, origin, destination)


@cache.memoize()
def corridor_flows(year: str, origin: str | None = None, destination: str | None = None, n: int | None = None) -> pd.DataFrame:
    return flows_in_year(get_store().corridors, year, origin, destination, n)


@cache.memoize()
def corridor_priced_by_flow(year: str, origin: str | None = None, destination: str | None = None) -> pd.DataFrame:
    return priced_corridors_by_flow(get_store().corridors, year, origin, destination)


@cache.memoize()
def corridor_mean_cost(method: str, flows_year: str = "2021") -> pd.DataFrame:
    """``period, value, n_corridors``: simple mean (``method='mean'``) or flow-weighted mean (``'weighted'``)."""
    c = get_store().corridors
    if method == "weighted":
        df = flow_weighted_mean_cost_by_quarter(c, flows_year)
        return df.rename(columns={"weighted_mean_cost": "value"})[["period", "value", "n_corridors"]]
    return mean_cost_by_quarter(c).rename(columns={"mean_cost": "value"})
