"""ILO NORMLEX "Ratifications of ..." tables for C029 and P029 (raw HTML table, ~April 2023).

Columns: Country;Date;Status;Note. ``Date`` is the registration of the ratification with
the ILO Director-General. Entry into force is *computed* by the ILO constitutional rule
written into both instruments' final clauses: twelve months after
registration, and never before the instrument itself entered into force, which is twelve
months after the second registration. The Status column (In Force / Not in force /
Denounced) is checked against that computation; a denunciation's date is read from the
Note ("denounced on ...", including automatic denunciations).
"""

from __future__ import annotations

import re

import pandas as pd

from ..context import BuildContext
from ..errors import SourceError
from ..output import Source, SourceOutput
from ._instruments import instrument
from ._ratification_io import check_unique, en_date, events_frame, not_after, read_table

FILES = {
    "ILO-C029": "ratifications/ilo/normlex_C029_via-crba-etl_2023-05.csv",
    "ILO-P029": "ratifications/ilo/normlex_P029_via-crba-etl_2023-05.csv",
}
HEADER = ["Country", "Date", "Status", "Note", "ATTR_ENDPOINT"]
SOURCE_ID = "ilo-normlex-2023-04"
# SOURCES.md narrows the (unrecorded) scrape date to 2023-03-31 .. 2023-04-27. We claim
# currency only to the earliest date; the latest bounds the "In Force" consistency check.
AS_OF = "2023-03-31"
SCRAPED_BY = "2023-04-27"
STATUSES = ("In Force", "Not in force", "Denounced")
_DENOUNCED = re.compile(r"(?:denounc|denunc)\w*\D*?(\d{1,2} [A-Z][a-z]{2} \d{4})", re.IGNORECASE)
# States that succeeded to their predecessor's ILO ratifications when it dissolved (ILO practice: the
# successor confirms it remains bound, and NORMLEX registers the convention at the date of succession,
# in force from that date). NORMLEX's table does not mark these rows, so a registration by one of these
# states of a convention adopted before the predecessor dissolved is a succession, not a ratification.
# Predecessor -> year it dissolved (historical fact, for the adoption-year test only).
PREDECESSORS = {"Czechoslovakia": 1993, "Yugoslavia (SFR)": 1991, "Serbia and Montenegro": 2006}
SUCCESSOR_STATES = {
    "CZE": "Czechoslovakia",
    "SVK": "Czechoslovakia",
    "HRV": "Yugoslavia (SFR)",
    "SVN": "Yugoslavia (SFR)",
    "MKD": "Yugoslavia (SFR)",
    "BIH": "Yugoslavia (SFR)",
    "SRB": "Yugoslavia (SFR)",
    "MNE": "Serbia and Montenegro",
}
_WILL_ENTER = re.compile(r"will enter into force for .+? on (\d{1,2} [A-Z][a-z]{2} \d{4})")


def plus_twelve_months(date: str) -> str:
    return (pd.Timestamp(date) + pd.DateOffset(months=12)).strftime("%Y-%m-%d")


def instrument_events(ctx: BuildContext, instrument_id: str) -> pd.DataFrame:
    file = FILES[instrument_id]
    rows = read_table(ctx, file, header=HEADER, delimiter=";")
    parsed = []
    for line, r in rows:
        iso3 = ctx.iso3(r["Country"], file=file, row=line, column="Country")
        date = en_date(r["Date"], file=file, row=line, column="Date")
        not_after(date, AS_OF, file=file, row=line, column="Date")
        if r["Status"] not in STATUSES:
            raise SourceError(file, f"unknown status {r['Status']!r}; expected one of {STATUSES}", row=line, column="Status")
        parsed.append((line, r, iso3, date))
    check_unique([((iso3,), line) for line, _, iso3, _ in parsed], file=file, column="Country")
    registrations = sorted(date for *_, date in parsed)
    if len(registrations) < 2:
        raise SourceError(file, "fewer than two registrations: cannot place the instrument's own entry into force", column="Date")
    instrument_in_force = plus_twelve_months(registrations[1])

    adopted = instrument(instrument_id, completeness="complete", note="", source_ids=(SOURCE_ID,), as_of=AS_OF).adoption_year
    records = []
    for line, r, iso3, date in parsed:
        predecessor = SUCCESSOR_STATES.get(iso3)
        if predecessor and adopted < PREDECESSORS[predecessor]:
            # In force for the successor from the date of succession, with no twelve-month delay.
            records.extend(
                row_events(
                    r,
                    instrument_id=instrument_id,
                    iso3=iso3,
                    date=date,
                    in_force=date,
                    source_id=SOURCE_ID,
                    as_of=AS_OF,
                    file=file,
                    line=line,
                    action="succession",
                    succession_note=f"successor state of {predecessor}: the date is NORMLEX's registration of the succession",
                )
            )
            continue
        in_force = max(plus_twelve_months(date), instrument_in_force)
        _check_status(r, in_force, file=file, line=line)
        records.extend(
            row_events(r, instrument_id=instrument_id, iso3=iso3, date=date, in_force=in_force, source_id=SOURCE_ID, as_of=AS_OF, file=file, line=line)
        )
    return events_frame(records)


def row_events(
    r: dict,
    *,
    instrument_id: str,
    iso3: str,
    date: str,
    in_force: str | None,
    source_id: str,
    as_of: str,
    file: str,
    line: int,
    action: str = "ratification",
    succession_note: str | None = None,
) -> list[dict]:
    """One NORMLEX row -> its registration event, plus a denunciation (dated from the Note) if denounced."""
    note = "; ".join(x for x in (succession_note, f"NORMLEX note: {r['Note']}" if r["Note"] else None) if x) or None
    base = dict(instrument_id=instrument_id, iso3=iso3, source_id=source_id, as_of=as_of, note=note, src_file=file, src_line=line)
    events = [dict(base, action=action, date=date, in_force_date=in_force)]
    if r["Status"] == "Denounced":
        m = _DENOUNCED.search(r["Note"])
        if not m:
            raise SourceError(file, "status is Denounced but the Note gives no denunciation date", row=line, column="Note")
        denounced = en_date(m.group(1), file=file, row=line, column="Note")
        not_after(denounced, as_of, file=file, row=line, column="Note")
        kind = "automatic denunciation" if "automatic" in r["Note"].lower() else "denunciation"
        events.append(dict(base, action="denunciation", date=denounced, in_force_date=None, note=f"{kind}; {note}"))
    return events


def _check_status(r: dict, in_force: str, *, file: str, line: int) -> None:
    """The publisher's Status must agree with the computed entry into force."""
    if r["Status"] == "In Force" and in_force > SCRAPED_BY:
        raise SourceError(file, f"status In Force, but registration + 12 months is {in_force}, after the scrape", row=line, column="Status")
    if r["Status"] == "Not in force" and in_force <= AS_OF:
        raise SourceError(file, f"status Not in force, but registration + 12 months is {in_force}, before the as-of date", row=line, column="Status")
    m = _WILL_ENTER.search(r["Note"])
    if m and en_date(m.group(1), file=file, row=line, column="Note") != in_force:
        raise SourceError(file, f"Note gives entry into force {m.group(1)!r}, but registration + 12 months is {in_force}", row=line, column="Note")


def events(ctx: BuildContext) -> pd.DataFrame:
    return pd.concat([instrument_events(ctx, i) for i in sorted(FILES)], ignore_index=True)


SOURCE = Source(
    id=SOURCE_ID,
    publisher="International Labour Organization (NORMLEX)",
    title="NORMLEX: Ratifications of C029 - Forced Labour Convention, 1930, and of P029 - Protocol of 2014 to the Forced Labour Convention",
    url="https://normlex.ilo.org/dyn/nrmlx_en/f?p=NORMLEXPUB:11300:0::NO:11300:P11300_INSTRUMENT_ID:312174",
    licence="ILO NORMLEX public information; scraped table from github.com/iferminm/crba-etl (UNICEF CRBA ETL fork), no licence stated",
    as_of=AS_OF,
    files=tuple(FILES[i] for i in sorted(FILES)),
    citation=(
        "International Labour Organization, NORMLEX, Ratifications of C029 and of P029, retrieved between 31 March and "
        "27 April 2023 by the UNICEF Children's Rights and Business Atlas ETL (github.com/iferminm/crba-etl, commit c6a5991b)."
    ),
)


def parse(ctx: BuildContext) -> SourceOutput:
    note = (
        "Complete NORMLEX table as retrieved in April 2023 (registrations after that are missing). Dates are ILO "
        "registration dates; entry into force for each member is computed as registration plus 12 months (ILO rule). "
        "Denunciations come from NORMLEX's Status and Note columns."
    )
    return SourceOutput(
        ratification_events=events(ctx),
        # Every NORMLEX row yields an event or stops the build, so rows read equals rows kept.
        rows_read={FILES[i]: len(read_table(ctx, FILES[i], header=HEADER, delimiter=";")) for i in sorted(FILES)},
        sources=[SOURCE],
        instruments=[
            instrument("ILO-C029", completeness="complete", note=note, source_ids=(SOURCE_ID,), as_of=AS_OF),
            instrument("ILO-P029", completeness="complete", note=note, source_ids=(SOURCE_ID,), as_of=AS_OF),
        ],
    )
