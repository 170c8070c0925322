"""ILO C097, C143, C181, C190, and C189 after 5 Oct 2020: partial secondary lists (ratifications/ilo/wikipedia_2024/).

Each file transcribes part of a NORMLEX table from Wikipedia copies, news items or the Netherlands
Treaty Database; each row names its own source. None is complete (SOURCES.md gives the counts missed),
so the instruments are "partial": a country absent from a list is "no record (list incomplete)".

Dates keep their published precision in ``date_precision`` (day | month | year; missing when undated): a year-only
date is stored as the first day of the year *with* precision "year", never as a known day. Rows
without a date are ``party_undated``. The action is "succession" where the Treaty Database code in
the note says (Su), else "ratification". Rows that cannot be placed (C097 "Congo": which Congo is
unresolved) are dropped with a reason.
"""

from __future__ import annotations

import re

import pandas as pd

from ..context import BuildContext
from ..errors import SourceError
from ..output import Comparison, Drop, Source, SourceOutput
from ._instruments import instrument
from ._ratification_io import EVENT_COLUMNS, check_unique, checked_date, read_table

DIR = "ratifications/ilo/wikipedia_2024/"
HEADER = ["country", "date", "status", "denounced_date", "source_url", "snapshot", "note"]
SOURCE_ID = "ilo-partial-lists-wikipedia-2024"
FILES = {code: f"{DIR}{code}.csv" for code in ("C097", "C143", "C181", "C189", "C190")}
INSTRUMENT = {code: f"ILO-{code}" for code in FILES}
PRECISION = ("day", "month", "year")  # missing exactly when the date is
SHOWN_CHARS = {"day": 10, "month": 7, "year": 4}  # how much of an ISO date a precision vouches for
# As of, and what is missing (ratifications/ilo/wikipedia_2024/SOURCES.md, per file).
AS_OF = {"C097": "2023-10-26", "C143": "2021-08-25", "C181": "2023-03-31", "C189": "2023-02-28", "C190": "2024-05-31"}
C189_LATER = (
    "Ratifications after 5 October 2020 (Namibia, Malta, Norway, Antigua and Barbuda, Sierra Leone, Spain) come from news "
    "and official notices, some with year or month only; ratifications after February 2023 are not covered."
)
MISSING_NOTE = {
    "C097": "Partial list: 40 of the 54 ratifications NORMLEX counts (2023-2024 copy); the 14 missing are alphabetically after 'Ma…' and not named. 4 dates derived from entry into force minus 12 months; 4 rows undated.",
    "C143": "Partial list: 18 rows against 25 ratifications counted in 2020; the Wikipedia table (2013-2015 revision) gives years only and is cut off after Serbia; only Sierra Leone (2021) is later.",
    "C181": "Partial list: 33 of 37 ratifiers (March 2023). Names come from Wikipedia category tags, not a ratification table (flagged uncertain), and have no dates, except Sierra Leone (2021).",
    "C189": C189_LATER,
    "C190": "Partial list: 37 of the 39 ratifications stated in the 2024 Wikipedia revision; the 2 missing (one registered between 6 Oct and 1 Nov 2023, one after 20 Feb 2024) are not named.",
}
AMBIGUOUS = {
    (
        "C097",
        "Congo",
    ): "NORMLEX writes 'Congo' but the Netherlands Treaty Database lists the same 26-10-2023 ratification as the Democratic Republic of the Congo; which Congo is unresolved (SOURCES.md)"
}
# Former or informal names in the transcriptions that the shared name list does not know.
NAME_FIXES = {"Republic of Macedonia": "MKD", "the Netherlands": "NLD"}
_ENGLISH = re.compile(r"English: ([^;]+)")
_TREATY_DB_ACTION = re.compile(r"verdragenbank: [\d-]+ \((R|Su)\)")


def _date(raw: str, file: str, line: int) -> tuple[str | None, str]:
    if raw == "":
        return None, None
    if re.fullmatch(r"\d{4}", raw):
        return f"{raw}-01-01", "year"
    if m := re.fullmatch(r"(\d{4})-(\d{2})", raw):
        return checked_date(int(m[1]), int(m[2]), 1, raw, file=file, row=line, column="date"), "month"
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", raw):
        return checked_date(int(m[1]), int(m[2]), int(m[3]), raw, file=file, row=line, column="date"), "day"
    raise SourceError(file, f"cannot read date {raw!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)", row=line, column="date")


def _iso3(ctx: BuildContext, r: dict, file: str, line: int) -> str:
    code = NAME_FIXES.get(r["country"]) or ctx.try_iso3(r["country"]) or ctx.try_iso3(re.sub(r"\s*\(country\)$", "", r["country"]))
    if code is None and (m := _ENGLISH.search(r["note"])):
        code = ctx.try_iso3(m[1].strip())
    return code or ctx.iso3(r["country"], file=file, row=line, column="country")


def read(ctx: BuildContext, code: str) -> tuple[pd.DataFrame, int, list[Drop]]:
    """Events (with date_precision), rows read, and the rows dropped with their reason."""
    file = FILES[code]
    rows = read_table(ctx, file, header=HEADER)
    records, drops = [], []
    for line, r in rows:
        if not r["country"]:
            raise SourceError(file, "empty country", row=line, column="country")
        if r["denounced_date"]:
            raise SourceError(file, f"denunciation {r['denounced_date']!r} not handled (SOURCES.md says none were seen)", row=line, column="denounced_date")
        if not r["source_url"]:
            raise SourceError(file, "row without its source_url", row=line, column="source_url")
        if (code, r["country"]) in AMBIGUOUS:
            drops.append(Drop(file, (line,), "ambiguous_country", f"{r['country']} {r['date']}: {AMBIGUOUS[(code, r['country'])]}", INSTRUMENT[code]))
            continue
        iso3 = _iso3(ctx, r, file, line)
        date, precision = _date(r["date"], file, line)
        if date is not None and date > AS_OF[code]:
            raise SourceError(file, f"date {r['date']} is after the list's as-of date {AS_OF[code]}", row=line, column="date")
        m = _TREATY_DB_ACTION.search(r["note"])
        action = "party_undated" if date is None else ("succession" if m and m[1] == "Su" else "ratification")
        shown = {"year": f"year only ({r['date']})", "month": f"month only ({r['date']})"}.get(precision)
        note = "; ".join(
            x
            for x in (
                f"Date precision: {shown}; not a known day" if shown else None,
                f"Status in source: {r['status']}" if r["status"] else None,
                f"Source: {r['source_url']} ({r['snapshot']})",
                r["note"] or None,
            )
            if x
        )
        records.append(
            dict(
                instrument_id=INSTRUMENT[code],
                iso3=iso3,
                action=action,
                date=date,
                date_precision=precision,
                in_force_date=None,
                source_id=SOURCE_ID,
                as_of=AS_OF[code],
                note=note,
                src_file=file,
                src_line=line,
            )
        )
    check_unique([((x["iso3"],), x["src_line"]) for x in records], file=file, column="country")
    df = pd.DataFrame.from_records(records, columns=[*EVENT_COLUMNS, "date_precision"])
    df["src_line"] = df["src_line"].astype("int64")
    return df, len(rows), drops


def events(ctx: BuildContext) -> pd.DataFrame:
    return pd.concat([read(ctx, code)[0] for code in FILES], ignore_index=True)


def compare_c189(new: pd.DataFrame, fedlex: pd.DataFrame, gsi_coded: pd.DataFrame, gsi_as_of: str) -> list[Comparison]:
    """C189: the new list against Fedlex (same country: same date?) and against GSI's party coding."""
    fx = dict(zip(fedlex["iso3"], fedlex["date"]))
    both = [(r.iso3, r.date, r.date_precision, fx[r.iso3]) for r in new.itertuples() if r.iso3 in fx]
    bad = [f"{i}: list {d} ({p}), Fedlex {f}" for i, d, p, f in both if d[: SHOWN_CHARS[p]] != f[: SHOWN_CHARS[p]]]
    out = [
        Comparison(
            id="c189_wikipedia2024_vs_fedlex",
            target="ILO-C189",
            sources=("fedlex-c189-2020-10-05", SOURCE_ID),
            compared=len(both),
            agreed=len(both) - len(bad),
            tolerance="same date at the list's stated precision",
            disagreements=tuple(bad),
            resolution="quarantined: the Fedlex date is cited" if bad else "",
        )
    ]
    party = dict(zip(gsi_coded.loc[gsi_coded["instrument_id"] == "ILO-C189", "iso3"], gsi_coded.loc[gsi_coded["instrument_id"] == "ILO-C189", "party"]))
    checked = [(r.iso3, party[r.iso3]) for r in new.itertuples() if r.iso3 in party and r.date is not None and r.date <= gsi_as_of]
    bad = [f"{i}: in the list before {gsi_as_of}, but GSI codes it as not party" for i, p in checked if not p]
    out.append(
        Comparison(
            id="c189_wikipedia2024_vs_gsi2023",
            target="ILO-C189",
            sources=("walkfree-gsi-2023-party-status", SOURCE_ID),
            compared=len(checked),
            agreed=len(checked) - len(bad),
            tolerance="party status agrees (ratifications dated on or before GSI's as-of date)",
            disagreements=tuple(bad),
            resolution="explained: GSI is yes/no coding, not a depositary record; the dated list is cited" if bad else "",
        )
    )
    return out


def parse(ctx: BuildContext) -> SourceOutput:
    frames, rows_read, drops = [], {}, []
    for code, file in FILES.items():
        df, n, d = read(ctx, code)
        frames.append(df)
        rows_read[file] = n
        drops.extend(d)
    ev = pd.concat(frames, ignore_index=True)
    instruments = [
        instrument(INSTRUMENT[c], completeness="partial", note=MISSING_NOTE[c], source_ids=(SOURCE_ID,), as_of=AS_OF[c]) for c in FILES if c != "C189"
    ]  # C189's entry is Fedlex's (sources/fedlex_c189.py), which cites this list too
    # C189's comparisons with Fedlex and GSI are run by sources/gsi_party_status.py, which reads all three lists.
    return SourceOutput(ratification_events=ev, instruments=instruments, sources=[SOURCE], rows_read=rows_read, drops=drops)


SOURCE = Source(
    id=SOURCE_ID,
    publisher="Secondary transcriptions of ILO NORMLEX ratification tables (Wikipedia copies, NORMLEX page copies, Netherlands Treaty Database, news items)",
    title="ILO C097, C143, C181, C190 ratifications, and C189 ratifications after 5 October 2020: partial lists, each row with its own source",
    url="https://normlex.ilo.org/",
    licence="Facts taken from CC BY-SA 4.0 Wikipedia tables, ILO NORMLEX pages and news items; see ratifications/ilo/wikipedia_2024/SOURCES.md",
    as_of="2024-05-31",
    files=tuple(FILES.values()),
    citation="ILO NORMLEX ratification tables as transcribed in public secondary copies (English Wikipedia 2013-2024 revisions, NORMLEX page copy, Netherlands Treaty Database, news items); each row cites its own source URL. Compiled 2026-12-04.",
)
