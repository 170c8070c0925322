"""Treaty status derived from ratification events (pure pandas; no Dash).

Events follow ``schemas.ratification_events``. Rules:
- Only dated events on or before the as-of date count; a later event is unknown then.
- The latest of (party action, denunciation) decides between 'party' and 'denounced'
  (a denunciation counts from its registration date; a later re-ratification wins again).
- 'signatory' means signed, not (yet) bound.
- Undated yes/no facts ('party_undated') never enter a timeline: they apply only when
  the as-of date is on or after their source's own as-of date, and only when no dated
  party action applies.
- ``in_force`` is known only where events carry an entry-into-force date (ILO): True once
  that date is reached, False before; missing otherwise.
"""

from __future__ import annotations

import pandas as pd

PARTY_ACTIONS = ("ratification", "accession", "succession", "acceptance", "approval", "definitive_signature")
STATUSES = ("party", "signatory", "denounced", "party_undated", "no_record")
STATUS_COLUMNS = ["instrument_id", "iso3", "status", "status_date", "in_force"]
KEYS = ["instrument_id", "iso3"]


def absence_status(instrument: dict, as_of: str | None = None) -> str:
    """What 'no event for this state' means for an instrument: the one rule the tracker, profiles, corridors,
    feeds and API answers use.

    - no list (completeness ``none``, or no as-of date): ``no_data``;
    - a list is complete up to its ``complete_to`` date (the catalog's; the as-of of a complete or stale list,
      the dated part's end for C189 and UN-SOM, none for lists partial throughout): ``not_party`` on or before
      it, ``no_record`` (list incomplete) after it, and at every date for a list that is partial throughout.

    ``as_of=None`` asks about the present as far as the release knows (profiles, corridors): a complete list
    counts as current ("not a party, list current to …"), a stale or partial one does not.
    """
    completeness = instrument.get("completeness") or "none"
    current_to = instrument.get("as_of")
    if completeness == "none" or not current_to:
        return "no_data"
    if as_of is None:
        return "not_party" if completeness == "complete" else "no_record"
    complete_to = instrument.get("complete_to", current_to if completeness in ("complete", "stale") else None)
    return "not_party" if complete_to and str(as_of) <= complete_to else "no_record"


def precisions(events: pd.DataFrame) -> pd.Series:
    """Each event's date precision (day | month | year; missing when undated). Frames without the column
    (older fixtures) hold day dates."""
    if "date_precision" in events.columns:
        return events["date_precision"].where(events["date"].notna(), None)
    return pd.Series(["day" if isinstance(d, str) else None for d in events["date"]], index=events.index, dtype=object)


def _iso(d) -> str:
    return pd.Timestamp(d).strftime("%Y-%m-%d")


def _latest(df: pd.DataFrame) -> pd.DataFrame:
    """The last event (by date) per (instrument, country)."""
    return df.sort_values([*KEYS, "date"], kind="mergesort").groupby(KEYS, sort=False).tail(1)


def status_as_of(events_df: pd.DataFrame, as_of_date) -> pd.DataFrame:
    """One row per (instrument, country) present in ``events_df``, status on ``as_of_date``.

    Countries with no event at all are not listed: callers join with the country table and
    treat the gap as 'no_record' (the catalog's completeness says what that means).
    """
    as_of = _iso(as_of_date)
    ev = events_df
    dated = ev[ev["date"].notna() & (ev["date"] <= as_of)]
    bound = _latest(dated[dated["action"].isin(PARTY_ACTIONS + ("denunciation",))])[[*KEYS, "action", "date", "in_force_date"]]
    signed = _latest(dated[dated["action"] == "signature"])[[*KEYS, "date"]].rename(columns={"date": "signed"})
    undated = ev[(ev["action"] == "party_undated") & (ev["as_of"] <= as_of)][KEYS].drop_duplicates().assign(undated=True)

    out = ev[KEYS].drop_duplicates().sort_values(KEYS).reset_index(drop=True)
    out = out.merge(bound, on=KEYS, how="left").merge(undated, on=KEYS, how="left").merge(signed, on=KEYS, how="left")
    party = out["action"].isin(PARTY_ACTIONS)
    denounced = out["action"] == "denunciation"
    is_undated = ~party & ~denounced & out["undated"].eq(True)
    signatory = ~party & ~denounced & ~is_undated & out["signed"].notna()
    out["status"] = "no_record"
    out.loc[signatory, "status"] = "signatory"
    out.loc[is_undated, "status"] = "party_undated"
    out.loc[denounced, "status"] = "denounced"
    out.loc[party, "status"] = "party"
    out["status_date"] = out["date"].where(party | denounced, out["signed"].where(signatory))
    out["status_date"] = out["status_date"].astype(object).where(out["status_date"].notna(), None)
    known = party & out["in_force_date"].notna()
    out["in_force"] = pd.Series(pd.NA, index=out.index, dtype="boolean")
    out.loc[known, "in_force"] = out.loc[known, "in_force_date"] <= as_of
    return out[STATUS_COLUMNS]


def parties_over_time(events_df: pd.DataFrame, instrument_id: str) -> pd.DataFrame:
    """Cumulative number of dated parties of one instrument: one row per date the count changes.

    Counts by deposit/registration date (not entry into force). A denunciation removes a
    party; undated facts are left out by design. Columns: date (ISO text), parties (int).
    """
    ev = events_df[(events_df["instrument_id"] == instrument_id) & events_df["date"].notna()]
    ev = ev[ev["action"].isin(PARTY_ACTIONS + ("denunciation",))].sort_values(["date", "iso3"], kind="mergesort")
    is_party: dict[str, bool] = {}
    count, steps = 0, {}
    for row in ev.itertuples(index=False):
        becomes = row.action != "denunciation"
        if becomes != is_party.get(row.iso3, False):
            count += 1 if becomes else -1
            is_party[row.iso3] = becomes
            steps[row.date] = count
    return pd.DataFrame({"date": list(steps), "parties": pd.Series(list(steps.values()), dtype="int64")})
