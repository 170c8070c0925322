"""UN Treaty Collection, Chapter IV (human rights), scraped 2026-02-03: CEDAW, CEDAW-OP, CRC, ICRMW.

One row per participant and treaty: signature date, and the date and kind of consent to
be bound (the depositary's own category: Ratification / Accession / Succession).
The as-of date is the scraper's access date, read from its companion access log.
"""

from __future__ import annotations

import json

import pandas as pd

from ..context import BuildContext
from ..errors import SourceError
from ..output import Source, SourceOutput
from ._instruments import instrument
from ._integrity import check_no_repeated_rows
from ._ratification_io import check_unique, events_frame, ledger, not_after, read_table, read_text

FILE = "ratifications/untc_ch4_core_hr_treaties_2026-02-03.csv"
LOG_FILE = "ratifications/untc_ch4_core_hr_treaties_2026-02-03.access_log.json"
SOURCE_ID = "untc-ch4"
HEADER = ["country_name", "treaty_id", "treaty_name", "action_type", "action_date", "signature_date", "treaty_open_year", "mtdsg_no", "source_url"]

# The scraper's treaty ids -> ours (the file holds 18 Chapter IV treaties; we track 4).
TREATIES = {"cedaw": "UN-CEDAW", "cedaw_op": "UN-CEDAW-OP", "crc": "UN-CRC", "cmw": "UN-ICRMW"}
ACTIONS = {"Ratification": "ratification", "Accession": "accession", "Succession": "succession", "Acceptance": "acceptance", "Approval": "approval"}
# States that no longer exist, taken from UNTC footnotes with a signature only; their
# successors are listed in their own right, and they have no row in the countries table.
PREDECESSOR_STATES = {"German Democratic Republic", "Czechoslovakia"}


def as_of(ctx: BuildContext) -> str:
    try:
        log = json.loads(read_text(ctx, LOG_FILE))
        date = pd.Timestamp(log["access_date"]).strftime("%Y-%m-%d")
    except (ValueError, KeyError, TypeError) as exc:
        raise SourceError(LOG_FILE, f"cannot read 'access_date' from the access log: {exc}", column="access_date") from None
    if log.get("errors"):
        raise SourceError(LOG_FILE, f"the scraper logged errors: {log['errors']!r}", column="errors")
    return date


def _iso(value: str, *, line: int, column: str) -> str:
    try:
        ts = pd.Timestamp(value)
    except ValueError:
        ts = None
    if ts is None or ts.strftime("%Y-%m-%d") != value:
        raise SourceError(FILE, f"cannot read date {value!r} (expected YYYY-MM-DD)", row=line, column=column)
    return value


def events(ctx: BuildContext) -> pd.DataFrame:
    current = as_of(ctx)
    table = read_table(ctx, FILE, header=HEADER)
    # One line per participant and treaty (ratifications/SOURCES.md): an exact repeat is a copying
    # error even in the 14 treaties we do not track, which check_unique below never sees.
    check_no_repeated_rows(table, file=FILE)
    rows = [(line, r) for line, r in table if r["treaty_id"] in TREATIES]
    check_unique([((r["treaty_id"], r["country_name"]), line) for line, r in rows], file=FILE, column="country_name")
    records = []
    for line, r in rows:
        if r["country_name"] in PREDECESSOR_STATES:
            continue
        iso3 = ctx.iso3(r["country_name"], file=FILE, row=line, column="country_name")
        base = dict(
            instrument_id=TREATIES[r["treaty_id"]], iso3=iso3, in_force_date=None, source_id=SOURCE_ID, as_of=current, note=None, src_file=FILE, src_line=line
        )
        if r["signature_date"]:
            date = _iso(r["signature_date"], line=line, column="signature_date")
            not_after(date, current, file=FILE, row=line, column="signature_date")
            records.append(dict(base, action="signature", date=date))
        if bool(r["action_type"]) != bool(r["action_date"]):
            raise SourceError(FILE, "action_type and action_date must be both present or both empty", row=line, column="action_type")
        if r["action_type"]:
            if r["action_type"] not in ACTIONS:
                raise SourceError(FILE, f"unknown action type {r['action_type']!r}", row=line, column="action_type")
            date = _iso(r["action_date"], line=line, column="action_date")
            not_after(date, current, file=FILE, row=line, column="action_date")
            records.append(dict(base, action=ACTIONS[r["action_type"]], date=date))
    missing = sorted(set(TREATIES) - {r["treaty_id"] for _, r in rows})
    if missing:
        raise SourceError(FILE, f"no rows for treaty id(s) {missing} (file truncated or renamed ids?)", column="treaty_id")
    return events_frame(records)


def source(ctx: BuildContext) -> Source:
    return Source(
        id=SOURCE_ID,
        publisher="United Nations Treaty Collection (UN Office of Legal Affairs)",
        title="Multilateral Treaties Deposited with the Secretary-General, Chapter IV (Human Rights): status of CEDAW, its Optional Protocol, CRC and ICRMW",
        url="https://treaties.un.org/Pages/Treaties.aspx?id=4&subid=A&clang=_en",
        licence="UN depositary records (treaties.un.org terms of use); scraped table from github.com/mgaldino/treaties-ideal-point, no licence stated",
        as_of=as_of(ctx),
        files=(FILE, LOG_FILE),
        citation=(
            "United Nations Treaty Collection, Multilateral Treaties Deposited with the Secretary-General, Chapter IV "
            "(IV-8, IV-8-b, IV-11, IV-13), status as at 3 February 2026; scraped by mgaldino/treaties-ideal-point (commit 746a24fa)."
        ),
    )


def parse(ctx: BuildContext) -> SourceOutput:
    src = source(ctx)
    note = (
        "Complete UNTC participant table. Dates are deposit dates of the instrument of ratification, accession or "
        "succession (not entry into force). Withdrawals are recorded by UNTC only in footnotes and are not captured; "
        "none exist for this treaty at the as-of date."
    )
    ev = events(ctx)

    def classify(r):
        if r["treaty_id"] not in TREATIES:
            return "treaty_not_tracked", f"treaty {r['treaty_id']}: not one of the instruments the dashboard tracks", ""
        if r["country_name"] in PREDECESSOR_STATES:
            return (
                "predecessor_state",
                f"{r['country_name']}: a state that no longer exists (its successors are listed in their own right)",
                TREATIES[r["treaty_id"]],
            )
        return "no_action", f"{r['country_name']}: neither a signature nor a consent to be bound", TREATIES[r["treaty_id"]]

    read, drops = ledger(read_table(ctx, FILE, header=HEADER), ev, FILE, classify)
    return SourceOutput(
        ratification_events=ev,
        rows_read={FILE: read},
        drops=drops,
        sources=[src],
        instruments=[instrument(i, completeness="complete", note=note, source_ids=(SOURCE_ID,), as_of=src.as_of) for i in sorted(TREATIES.values())],
    )
