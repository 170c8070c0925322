"""Side-by-side treaty status of two countries (the two ends of a migration corridor).

Pure pandas on top of ``ratifications.status``. What an absent record means is decided by
``ratifications.status.absence_status`` (asked about the present: a complete list is ``not_party``,
a partial or stale one ``no_record``, no list ``no_data``).
"""

from __future__ import annotations

import pandas as pd

from dashboard.ratifications.status import absence_status, precisions, status_as_of

CORRIDOR_INSTRUMENTS = ("ILO-C097", "ILO-C143", "ILO-C181", "ILO-C189", "ILO-C190", "UN-ICRMW", "UN-TIP")
COLUMNS = ["instrument_id", "short_title", "completeness", "list_as_of", "iso3", "status", "status_date", "date_precision"]


def pair_status(
    events: pd.DataFrame, instruments: dict[str, dict], countries: tuple[str, ...], as_of_date, instrument_ids: tuple[str, ...] = CORRIDOR_INSTRUMENTS
) -> pd.DataFrame:
    """One row per (instrument, country), instruments in the given order, countries in the given order.

    ``status`` is one of party, signatory, denounced, party_undated, not_party, no_record, no_data.
    Instruments missing from the catalog are skipped.
    """
    ids = [i for i in instrument_ids if i in instruments]
    ev = events[events["instrument_id"].isin(ids) & events["iso3"].isin(countries)]
    known = status_as_of(ev, as_of_date).set_index(["instrument_id", "iso3"]) if not ev.empty else None
    precision = dict(zip(zip(ev["instrument_id"], ev["iso3"], ev["date"]), precisions(ev)))
    rows = []
    for inst_id in ids:
        inst = instruments[inst_id]
        completeness = inst.get("completeness") or "none"
        for iso3 in countries:
            status, date = None, None
            if known is not None and (inst_id, iso3) in known.index:
                rec = known.loc[(inst_id, iso3)]
                status, date = str(rec["status"]), rec["status_date"]
            if completeness == "none":
                status, date = "no_data", None
            elif status in (None, "no_record"):
                status, date = absence_status(inst), None
            rows.append(
                {
                    "instrument_id": inst_id,
                    "short_title": inst.get("short_title") or inst_id,
                    "completeness": completeness,
                    "list_as_of": inst.get("as_of") or None,
                    "iso3": iso3,
                    "status": status,
                    "status_date": date,
                    "date_precision": precision.get((inst_id, iso3, date)) if isinstance(date, str) else None,
                }
            )
    out = pd.DataFrame(rows, columns=COLUMNS)
    # Missing dates stay None (not NaN) so callers can test ``is None`` and format the rest.
    for col in ("status_date", "list_as_of", "date_precision"):
        out[col] = pd.Series([r[col] if isinstance(r[col], str) else None for r in rows], index=out.index, dtype=object)
    return out
