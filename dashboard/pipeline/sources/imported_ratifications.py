"""Ratification lists brought in with ``python -m dashboard.pipeline import`` (see ``pipeline/importers``).

Reads every manifest ``ratifications/imported/*.json``; for each instrument the newest import
(by as-of date) is used and *supersedes* whatever the built-in parsers produced for that
instrument (its events and its catalog entry): an imported depositary list is complete and
dated. Rows are read with the same rules as the built-in UNTC and NORMLEX parsers.
No imports in the raw directory = this parser contributes nothing.
"""

from __future__ import annotations

import json
import re

import pandas as pd

from ..context import BuildContext
from ..errors import SourceError
from ..output import Source, SourceOutput
from ._instruments import TITLES, instrument
from ._ratification_io import check_unique, en_date, events_frame, ledger, not_after, read_table, read_text
from .normlex import _WILL_ENTER, PREDECESSORS, SUCCESSOR_STATES, plus_twelve_months, row_events
from .normlex import STATUSES as NORMLEX_STATUSES
from .untc_tables import NON_STATES, Table, table_events

PRIORITY = 200  # after every built-in parser, so its instruments replace theirs
IMPORT_DIR = "ratifications/imported"
NORMLEX_HEADER = ["Country", "Date", "Status", "Note"]
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def normlex_events(ctx: BuildContext, rel: str, instrument_id: str, as_of: str, source_id: str) -> pd.DataFrame:
    """A NORMLEX table (Country;Date;Status;Note): registrations, computed entry into force, denunciations."""
    rows = read_table(ctx, rel, header=NORMLEX_HEADER, delimiter=";")
    parsed = []
    for line, r in rows:
        iso3 = ctx.iso3(r["Country"], file=rel, row=line, column="Country")
        date = en_date(r["Date"], file=rel, row=line, column="Date")
        not_after(date, as_of, file=rel, row=line, column="Date")
        if r["Status"] not in NORMLEX_STATUSES:
            raise SourceError(rel, f"unknown status {r['Status']!r}; expected one of {NORMLEX_STATUSES}", row=line, column="Status")
        parsed.append((line, r, iso3, date))
    check_unique([((iso3,), line) for line, _, iso3, _ in parsed], file=rel, column="Country")
    registrations = sorted(d for *_, d in parsed)
    # With a single registration the instrument itself is not yet in force: no member date can be computed.
    instrument_in_force = plus_twelve_months(registrations[1]) if len(registrations) >= 2 else None
    adopted = instrument(instrument_id, completeness="complete", note="", source_ids=(source_id,), as_of=as_of).adoption_year
    records = []
    for line, r, iso3, date in parsed:
        predecessor = SUCCESSOR_STATES.get(iso3)
        if predecessor and adopted < PREDECESSORS[predecessor]:  # same rule as sources/normlex.py
            records.extend(
                row_events(
                    r,
                    instrument_id=instrument_id,
                    iso3=iso3,
                    date=date,
                    in_force=date,
                    source_id=source_id,
                    as_of=as_of,
                    file=rel,
                    line=line,
                    action="succession",
                    succession_note=f"successor state of {predecessor}: the date is NORMLEX's registration of the succession",
                )
            )
            continue
        in_force = max(plus_twelve_months(date), instrument_in_force) if instrument_in_force else None
        if r["Status"] == "In Force" and (in_force is None or in_force > as_of):
            raise SourceError(
                rel, f"status In Force, but the computed entry into force ({in_force or 'none yet'}) is after the as-of date {as_of}", row=line, column="Status"
            )
        if r["Status"] == "Not in force" and in_force is not None and in_force <= as_of:
            raise SourceError(rel, f"status Not in force, but registration + 12 months is {in_force}, on or before the as-of date", row=line, column="Status")
        m = _WILL_ENTER.search(r["Note"])
        if m and in_force and en_date(m.group(1), file=rel, row=line, column="Note") != in_force:
            raise SourceError(rel, f"Note gives entry into force {m.group(1)!r}, but registration + 12 months is {in_force}", row=line, column="Note")
        records.extend(
            row_events(r, instrument_id=instrument_id, iso3=iso3, date=date, in_force=in_force, source_id=source_id, as_of=as_of, file=rel, line=line)
        )
    return events_frame(records)


def untc_events(ctx: BuildContext, rel: str, instrument_id: str, as_of: str, source_id: str, mtdsg: str) -> pd.DataFrame:
    header = read_text(ctx, rel).split("\n", 1)[0].split(",", 2)
    if len(header) != 3 or header[0] != "Participant" or not header[1].startswith("Signature"):
        raise SourceError(rel, f"unexpected header {header!r}; expected Participant,Signature,<consent column>", row=1)
    return table_events(ctx, Table(instrument_id, rel, source_id, as_of, tuple(h.strip('"') for h in header), ",", mtdsg, "import"))


def manifests(ctx: BuildContext) -> list[tuple[str, dict]]:
    folder = ctx.raw / IMPORT_DIR
    if not folder.is_dir():
        return []
    out = []
    for p in sorted(folder.glob("*.json")):
        rel = ctx.rel(p)
        try:
            m = json.loads(read_text(ctx, rel))
        except json.JSONDecodeError as exc:
            raise SourceError(rel, f"manifest is not valid JSON: {exc}") from None
        for key in ("instrument_id", "format", "as_of", "file", "origin"):
            if not isinstance(m.get(key), str) or not m[key]:
                raise SourceError(rel, f"manifest lacks {key!r}", column=key)
        if m["instrument_id"] not in TITLES:
            raise SourceError(rel, f"unknown instrument {m['instrument_id']!r}", column="instrument_id")
        if m["format"] not in ("untc", "normlex"):
            raise SourceError(rel, f"unknown format {m['format']!r}", column="format")
        if not _DATE.match(m["as_of"]):
            raise SourceError(rel, f"as_of {m['as_of']!r} is not YYYY-MM-DD", column="as_of")
        out.append((rel, m))
    return out


def source_for(m: dict) -> Source:
    iid, fmt = m["instrument_id"], m["format"]
    title = TITLES[iid][1]
    if fmt == "untc":
        publisher = "United Nations Treaty Collection (UN Office of Legal Affairs)"
        citation = f"United Nations Treaty Collection, Multilateral Treaties Deposited with the Secretary-General, {m.get('mtdsg') or title}, status as at {m['as_of']} ({m['origin']})."
        licence = "UN depositary records (treaties.un.org terms of use)"
    else:
        publisher = "International Labour Organization (NORMLEX)"
        citation = f"International Labour Organization, NORMLEX, Ratifications of the {title}, as at {m['as_of']} ({m['origin']})."
        licence = "ILO NORMLEX public information"
    return Source(
        id=f"import-{iid.lower()}-{fmt}-{m['as_of']}",
        publisher=publisher,
        title=f"{publisher}: status of the {title}",
        url=m["origin"] if m["origin"].startswith("http") else "",
        licence=licence,
        as_of=m["as_of"],
        files=(f"{IMPORT_DIR}/{m['file']}",),
        citation=citation,
    )


def parse(ctx: BuildContext) -> SourceOutput:
    latest: dict[str, tuple[str, dict]] = {}
    for rel, m in manifests(ctx):
        if m["instrument_id"] not in latest or m["as_of"] > latest[m["instrument_id"]][1]["as_of"]:
            latest[m["instrument_id"]] = (rel, m)
    frames, sources, instruments, read, drops = [], [], [], {}, []
    for iid, (_, m) in sorted(latest.items()):
        src = source_for(m)
        data_rel = f"{IMPORT_DIR}/{m['file']}"
        if m["format"] == "normlex":
            frames.append(normlex_events(ctx, data_rel, iid, m["as_of"], src.id))
            rows = read_table(ctx, data_rel, header=NORMLEX_HEADER, delimiter=";")
            note = (
                "Complete NORMLEX table imported as at {d}. Dates are ILO registration dates; entry into force for each member is "
                "computed as registration plus 12 months. Denunciations come from NORMLEX's Status and Note columns."
            ).format(d=m["as_of"])
        else:
            frames.append(untc_events(ctx, data_rel, iid, m["as_of"], src.id, m.get("mtdsg", "")))
            header = [h.strip('"') for h in read_text(ctx, data_rel).split("\n", 1)[0].split(",", 2)]
            rows = read_table(ctx, data_rel, header=header, delimiter=",")
            note = f"Complete UNTC participant table imported as at {m['as_of']}. Dates are deposit dates (not entry into force)."
        n, d = ledger(
            rows,
            frames[-1],
            data_rel,
            lambda r, iid=iid: (
                ("not_a_state", f"{r['Participant']}: a regional organisation, not a country", iid)
                if r.get("Participant") in NON_STATES
                else ("no_action", f"{r.get('Participant') or r.get('Country')}: listed with no dated action", iid)
            ),
        )
        read[data_rel], drops = n, drops + d
        sources.append(src)
        instruments.append(instrument(iid, completeness="complete", note=note, source_ids=(src.id,), as_of=m["as_of"], citation=src.citation))
    events = pd.concat(frames, ignore_index=True) if frames else None
    return SourceOutput(ratification_events=events, sources=sources, instruments=instruments, supersedes=tuple(sorted(latest)), rows_read=read, drops=drops)
