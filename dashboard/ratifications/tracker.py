"""The delegate's questions, asked of ``ratification_events``: pure pandas, frames in, frames out.

Builds on ``ratifications.status`` (status of each (instrument, country) on a date) and adds
what a tracker needs:

- a fixed universe of states (UN members and observers, plus any other state that appears
  in a depositary's list, e.g. the Cook Islands and Niue);
- display statuses that keep the depositaries' own categories and tell two kinds of absence
  apart: ``not_party`` (the list is complete on that date and records no action by the state)
  versus ``no_record`` (the list in this release does not reach that date, or is partial, so
  absence proves nothing); ``no_data`` when the release has no list at all;
- ILO members whose ratification is registered but not yet in force (12 months) are shown
  as such;
- the matrix, the change list between two dates, party shares by region, cumulative counts.

Undated yes/no facts never enter a timeline or a change list.
"""

from __future__ import annotations

import pandas as pd

from dashboard.i18n import LANGS, iso_at_precision
from dashboard.ratifications.labels import ACTION_SUFFIX, PARTY_STATUSES, STATUSES
from dashboard.ratifications.status import (
    PARTY_ACTIONS,
    absence_status,
    parties_over_time,
    precisions,
    status_as_of,
)

# A name column per interface language (the store supplies any the data lacks).
NAME_COLUMNS = [f"name_{lang}" for lang in LANGS]
UNIVERSE_COLUMNS = ["iso3", *NAME_COLUMNS, "region_name", "subregion_name", "income_group", "has_shape_110m", "lon", "lat"]
STATUS_COLUMNS = [*UNIVERSE_COLUMNS, "status", "status_date", "date_precision", "action", "in_force_date", "source_id", "note"]


def universe(countries: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """States a tracker lists: UN members and observers, plus any state that appears in an event."""
    keep = countries["un_status"].isin(["member", "observer"]) | countries["iso3"].isin(events["iso3"].unique())
    states = countries.loc[keep]
    # Names the table lacks (a countries table built before a language was added) read as English.
    states = states.assign(**{col: states["name_en"] for col in NAME_COLUMNS if col not in states.columns})
    return states[UNIVERSE_COLUMNS].sort_values("name_en", kind="mergesort").reset_index(drop=True)


def list_current_to(instrument: dict) -> str | None:
    """The date up to which the instrument's dated list is complete (catalog ``as_of``)."""
    return instrument.get("as_of") if instrument.get("completeness") != "none" else None


def latest_fact_date(events: pd.DataFrame, instrument: dict) -> str | None:
    """The latest date anything is known for (dated list or yes/no source): the natural default view."""
    ev = events[events["instrument_id"] == instrument["id"]]
    return str(ev["as_of"].max()) if len(ev) else list_current_to(instrument)


def instrument_status(events: pd.DataFrame, countries: pd.DataFrame, instrument: dict, as_of: str) -> pd.DataFrame:
    """One row per state of the universe: display status on ``as_of`` and the event behind it."""
    uni = universe(countries, events)
    ev = events[events["instrument_id"] == instrument["id"]]
    out = uni.copy()
    if ev.empty:
        out["status"] = absence_status(instrument, as_of)
        for c in ("status_date", "date_precision", "action", "in_force_date", "source_id", "note"):
            out[c] = None
        return out[STATUS_COLUMNS]
    st = status_as_of(ev, as_of)[["iso3", "status", "status_date", "in_force"]]
    out = out.merge(st, on="iso3", how="left")
    absent = out["status"].isna() | (out["status"] == "no_record")
    out.loc[absent, "status"] = absence_status(instrument, as_of)
    out.loc[(out["status"] == "party") & out["in_force"].eq(False), "status"] = "party_not_in_force"
    # The event behind each dated status (its depositary category, entry into force, note, source).
    kind = out["status"].map({"party": "bound", "party_not_in_force": "bound", "signatory": "signature", "denounced": "denunciation"})
    e = ev.assign(date_precision=precisions(ev))[ev["date"].notna()].assign(kind=ev["action"].map(lambda a: "bound" if a in PARTY_ACTIONS else a))
    e = e.rename(columns={"date": "status_date"})[["iso3", "kind", "status_date", "date_precision", "action", "in_force_date", "source_id", "note"]]
    e = e.drop_duplicates(["iso3", "kind", "status_date"], keep="first")
    out = out.assign(kind=kind).merge(e, on=["iso3", "kind", "status_date"], how="left")
    undated = ev[ev["action"] == "party_undated"][["iso3", "source_id"]].drop_duplicates("iso3").rename(columns={"source_id": "undated_source"})
    out = out.merge(undated, on="iso3", how="left")
    is_undated = out["status"] == "party_undated"
    out.loc[is_undated, "source_id"] = out.loc[is_undated, "undated_source"]
    out.loc[is_undated, "action"] = "party_undated"
    dated = out["status"].isin(["party", "party_not_in_force", "signatory", "denounced"])
    out["status_date"] = out["status_date"].where(dated, None)
    out["date_precision"] = out["date_precision"].where(dated & out["status_date"].notna(), None)
    return out[STATUS_COLUMNS].reset_index(drop=True)


def status_counts(status: pd.DataFrame) -> dict[str, int]:
    counts = status["status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in STATUSES if counts.get(s, 0)}


def cell_text(status: str, date, action, precision: str | None = "day") -> str:
    """Compact, language-neutral cell: the date (to its source's precision) with the depositary's suffix, or a status word."""
    date = iso_at_precision(date, precision)
    if status in ("party", "party_not_in_force"):
        suffix = ACTION_SUFFIX.get(action or "", "")
        text = f"{date} {suffix}".strip()
        return text + (" (not yet in force)" if status == "party_not_in_force" else "")
    if status == "signatory":
        return f"signed {date}"
    if status == "denounced":
        return f"denounced {date}"
    return {"party_undated": "party (date unknown)", "not_party": "—", "no_record": "no record (list incomplete)", "no_data": "no data"}[status]


def matrix(events: pd.DataFrame, countries: pd.DataFrame, instruments: list[dict], as_of: str) -> pd.DataFrame:
    """Countries × instruments on ``as_of``: per instrument a ``<id>`` text cell and ``<id>__status``, ``<id>__date``
    (ISO, cut to its precision) and ``<id>__date_precision`` columns."""
    out = universe(countries, events)[["iso3", *NAME_COLUMNS, "region_name", "subregion_name", "income_group"]].copy()
    for ins in instruments:
        st = instrument_status(events, countries, ins, as_of).set_index("iso3")
        st = st.reindex(out["iso3"])
        out[ins["id"] + "__status"] = st["status"].to_numpy()
        out[ins["id"]] = [cell_text(s, d, a, p) for s, d, a, p in zip(st["status"], st["status_date"], st["action"], st["date_precision"])]
        out[ins["id"] + "__date"] = [iso_at_precision(d, p) for d, p in zip(st["status_date"], st["date_precision"])]
        out[ins["id"] + "__date_precision"] = st["date_precision"].to_numpy()
    return out


def filter_states(
    frame: pd.DataFrame,
    region: str | None = None,
    subregion: str | None = None,
    income: str | None = None,
    status_column: str | None = None,
    statuses: list[str] | None = None,
) -> pd.DataFrame:
    sel = pd.Series(True, index=frame.index)
    if region:
        sel &= frame["region_name"] == region
    if subregion:
        sel &= frame["subregion_name"] == subregion
    if income:
        sel &= frame["income_group"] == income
    if status_column and statuses:
        sel &= frame[status_column].isin(statuses)
    return frame[sel]


def changes(events: pd.DataFrame, date_from: str, date_to: str, instrument_ids: list[str] | None = None) -> pd.DataFrame:
    """Dated events with ``date_from <= date <= date_to``, newest first (undated facts never appear)."""
    ev = events[events["date"].notna() & (events["date"] >= date_from) & (events["date"] <= date_to)]
    if instrument_ids:
        ev = ev[ev["instrument_id"].isin(instrument_ids)]
    ev = ev.sort_values(["date", "instrument_id", "iso3", "action"], ascending=[False, True, True, True], kind="mergesort")
    return ev.reset_index(drop=True)


def lists_ending_before(instruments: list[dict], date_to: str) -> list[dict]:
    """Instruments whose dated list stops before ``date_to``: a quiet window there proves nothing."""
    return [i for i in instruments if list_current_to(i) is None or list_current_to(i) < date_to]


def region_shares(events: pd.DataFrame, countries: pd.DataFrame, instruments: list[dict], as_of: str) -> pd.DataFrame:
    """Per region (and all states) × instrument: states, parties, share; ``lower_bound`` when absence proves nothing."""
    rows = []
    for ins in instruments:
        st = instrument_status(events, countries, ins, as_of)
        known = absence_status(ins, as_of) == "not_party"
        groups = [("All states", st), *((r, g) for r, g in st.groupby("region_name", sort=True))]
        for region, g in groups:
            parties = int(g["status"].isin(PARTY_STATUSES).sum())
            rows.append(
                {
                    "region": region,
                    "instrument_id": ins["id"],
                    "states": int(len(g)),
                    "parties": parties,
                    "share": (parties / len(g) * 100) if ins.get("completeness") != "none" and len(g) else None,
                    "lower_bound": not known,
                }
            )
    return pd.DataFrame(rows, columns=["region", "instrument_id", "states", "parties", "share", "lower_bound"])


def parties_series(events: pd.DataFrame, instrument: dict) -> pd.DataFrame:
    """Cumulative dated parties, extended flat to the date the list is current to (where the line must stop)."""
    steps = parties_over_time(events, instrument["id"])
    end = list_current_to(instrument)
    if len(steps) and end and end > steps["date"].iloc[-1]:
        steps = pd.concat([steps, pd.DataFrame({"date": [end], "parties": [int(steps["parties"].iloc[-1])]})], ignore_index=True)
    return steps


def undated_parties(events: pd.DataFrame, instrument_id: str) -> int:
    """States known to be parties only from a yes/no source (never on the timeline)."""
    ev = events[events["instrument_id"] == instrument_id]
    dated_party = set(ev.loc[ev["action"].isin(PARTY_ACTIONS), "iso3"])
    return int(ev.loc[(ev["action"] == "party_undated") & ~ev["iso3"].isin(dated_party), "iso3"].nunique())
