"""Memoized ratification queries for the page, the API and the feed (data version in the cache key prefix),
and the one place where ratification view parameters from URLs are parsed (bad input -> default + note).
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from dashboard.cache import cache
from dashboard.data import get_store
from dashboard.ratifications import tracker as tracker

DEFAULT_INSTRUMENT = "ILO-C189"
DEFAULT_COMPARE = ("ILO-C189", "UN-ICRMW", "ILO-P029")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EARLIEST = "1930-01-01"


def instruments() -> list[dict]:
    return get_store().catalog["instruments"]


def instrument(instrument_id: str) -> dict | None:
    return get_store().instruments.get(instrument_id)


def today() -> str:
    return date.today().isoformat()


def sources_text(ins: dict) -> str:
    """Publisher(s), as-of dates and licence of an instrument's sources, for figures and files."""
    store = get_store()
    parts = []
    for sid in ins.get("source_ids", []):
        s = store.sources.get(sid)
        if s:
            parts.append(f"{s['publisher']} (as of {s['as_of']})")
    if not parts:
        return "No ratification list for this instrument in this release."
    return "Source: " + "; ".join(parts) + "."


@cache.memoize()
def status(instrument_id: str, as_of: str) -> pd.DataFrame:
    store = get_store()
    return tracker.instrument_status(store.ratification_events, store.countries, store.instruments[instrument_id], as_of)


@cache.memoize()
def matrix(as_of: str) -> pd.DataFrame:
    store = get_store()
    return tracker.matrix(store.ratification_events, store.countries, instruments(), as_of)


@cache.memoize()
def region_shares(as_of: str) -> pd.DataFrame:
    store = get_store()
    return tracker.region_shares(store.ratification_events, store.countries, instruments(), as_of)


@cache.memoize()
def parties_series(instrument_id: str) -> pd.DataFrame:
    store = get_store()
    return tracker.parties_series(store.ratification_events, store.instruments[instrument_id])


def undated_parties(instrument_id: str) -> int:
    return tracker.undated_parties(get_store().ratification_events, instrument_id)


@cache.memoize()
def changes(date_from: str, date_to: str, instrument_ids: tuple[str, ...] = ()) -> pd.DataFrame:
    return tracker.changes(get_store().ratification_events, date_from, date_to, list(instrument_ids) or None)


def default_as_of(ins: dict) -> str:
    return tracker.latest_fact_date(get_store().ratification_events, ins) or today()


def N_(msgid: str) -> str:
    """Marks a msgid for extraction (``pybabel extract -k N_``) without translating it here."""
    return msgid


def note_text(note: tuple[str, dict], _) -> str:
    """A parse note in the page language (labels are msgids too)."""
    msgid, kw = note
    return _(msgid, **{k: (_(v) if k == "label" else v) for k, v in kw.items()})


# -- parameters -----------------------------------------------------------------------------


def parse_date(value, default: str, *, label: str, notes: list, earliest: str = EARLIEST) -> str:
    """'YYYY-MM-DD' (or 'YYYY' = 31 December) within [earliest, today]; otherwise ``default`` and a note."""
    if value in (None, ""):
        return default
    v = str(value).strip()[:20]
    if re.fullmatch(r"\d{4}", v):
        v = f"{v}-12-31"
    ok = bool(_DATE.match(v))
    if ok:
        try:
            date.fromisoformat(v)
        except ValueError:
            ok = False
    if not ok:
        notes.append(
            (N_("“{value}” is not a date (expected YYYY-MM-DD) for {label}; showing {default} instead."), {"value": v[:20], "label": label, "default": default})
        )
        return default
    if v > today():
        notes.append((N_("{value} is in the future; {label} shows today, {default}, instead."), {"value": v, "label": label, "default": today()}))
        return today()
    if v < earliest:
        notes.append((N_("{value} is before {default}; {label} shows {default} instead."), {"value": v, "label": label, "default": earliest}))
        return earliest
    return v


def parse_instrument(value, notes: list, default: str = DEFAULT_INSTRUMENT) -> str:
    known = {i["id"] for i in instruments()}
    if value in (None, ""):
        return default
    v = str(value).strip()[:40]
    if v in known:
        return v
    notes.append((N_("Unknown instrument “{value}”; showing {default} instead."), {"value": v, "default": default}))
    return default


def parse_instrument_list(value, notes: list, default=DEFAULT_COMPARE) -> list[str]:
    if value in (None, ""):
        return list(default)
    items = value if isinstance(value, (list, tuple)) else str(value)[:400].split(",")
    known = {i["id"] for i in instruments()}
    good = [i for i in dict.fromkeys(str(x).strip() for x in items) if i in known][:8]
    bad = [str(x)[:40] for x in items if str(x).strip() not in known]
    if bad:
        notes.append((N_("Unknown instrument(s) ignored: {value}."), {"value": ", ".join(bad[:5])}))
    return good or list(default)


def parse_country(value, notes: list) -> str | None:
    if value in (None, ""):
        return None
    v = str(value).strip().upper()[:3]
    store = get_store()
    uni = set(tracker.universe(store.countries, store.ratification_events)["iso3"])
    if v in uni:
        return v
    notes.append((N_("Unknown country code “{value}”; no country selected."), {"value": str(value)[:20]}))
    return None


def parse_choice(value, allowed: list[str], notes: list, label: str) -> str | None:
    if value in (None, ""):
        return None
    v = str(value)[:100]
    if v in allowed:
        return v
    notes.append((N_("Unknown {label} “{value}”; showing all."), {"label": label, "value": v[:40]}))
    return None


def filter_options() -> dict[str, list[str]]:
    store = get_store()
    uni = tracker.universe(store.countries, store.ratification_events)
    order = ["Low income", "Lower middle income", "Upper middle income", "High income"]
    return {
        "region": sorted(uni["region_name"].dropna().unique().tolist()),
        "subregion": sorted(uni["subregion_name"].dropna().unique().tolist()),
        "income": [x for x in order if x in set(uni["income_group"].dropna())],
        "status": list(tracker.STATUSES),
    }


def parse_view(params: dict) -> tuple[dict, list[tuple[str, dict]]]:
    """Query parameters -> a complete, valid view of the tracker, plus notes for what was replaced.

    Notes are (msgid, keyword arguments) pairs, translated where they are shown (``note_text``)."""
    notes: list = []
    iid = parse_instrument(params.get("instrument"), notes)
    ins = instrument(iid)
    as_of = parse_date(params.get("as_of"), default_as_of(ins), label=N_("the status date"), notes=notes)
    latest_list = max((i["as_of"] for i in instruments() if i.get("as_of")), default=today())
    date_to = parse_date(params.get("to"), latest_list, label=N_("the end of the change window"), notes=notes)
    default_from = str(int(date_to[:4]) - 1) + date_to[4:] if date_to[5:] != "02-29" else str(int(date_to[:4]) - 1) + "-02-28"
    date_from = parse_date(params.get("from"), default_from, label=N_("the start of the change window"), notes=notes)
    if date_from > date_to:
        notes.append((N_("The change window started after it ended; the dates were swapped."), {}))
        date_from, date_to = date_to, date_from
    opts = filter_options()
    statuses = [s for s in str(params.get("status") or "")[:200].split(",") if s]
    bad = [s for s in statuses if s not in tracker.STATUSES]
    if bad:
        notes.append((N_("Unknown status filter ignored: {value}."), {"value": ", ".join(b[:30] for b in bad[:3])}))
    view = {
        "instrument": iid,
        "as_of": as_of,
        "compare": parse_instrument_list(params.get("compare"), notes),
        "from": date_from,
        "to": date_to,
        "country": parse_country(params.get("country"), notes),
        "region": parse_choice(params.get("region"), opts["region"], notes, N_("region")),
        "subregion": parse_choice(params.get("subregion"), opts["subregion"], notes, N_("sub-region")),
        "income": parse_choice(params.get("income"), opts["income"], notes, N_("income group")),
        "status": [s for s in statuses if s in tracker.STATUSES],
    }
    return view, notes
