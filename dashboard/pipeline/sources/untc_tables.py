"""Raw UNTC participant tables ("Participant | Signature | Ratification, Accession(a), ...").

Files used
- Trafficking Protocol (XVIII-12-a): the 2023 copy via the UNICEF CRBA ETL (semicolon
  separated). SOURCES.md says it supersedes the 2014 `untc2015_18-12-a` file, which is
  therefore not read.
- Smuggling Protocol (XVIII-12-b), 1954 and 1961 statelessness conventions (V-3, V-4):
  the zmjones/untreaties scrape, last changed 2014-2015 (stale).

A date cell is "d Mon yyyy" with the depositary's suffix: none = ratification,
a = accession, d = succession, A = acceptance, AA = approval.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..context import BuildContext
from ..errors import SourceError
from ..output import Source, SourceOutput
from ._instruments import GSI_SOURCE_ID, TITLES, instrument
from ._integrity import check_complete
from ._ratification_io import check_unique, en_date, events_frame, ledger, not_after, read_table, read_text

SUFFIXES = {"": "ratification", "a": "accession", "d": "succession", "A": "acceptance", "AA": "approval"}
_CELL = re.compile(r"^(\d{1,2} [A-Z][a-z]{2} \d{4})(?: (a|d|A|AA))?$")
# A regional economic integration organisation, not a state: no row in the countries table.
NON_STATES = {"European Union"}
ZMJONES = "Zachary M. Jones, untreaties (github.com/zmjones/untreaties, commit 003ce130, 2015-03-14)"


@dataclass(frozen=True)
class Table:
    instrument_id: str
    file: str
    source_id: str
    as_of: str  # the scrape's date per SOURCES.md (the file itself carries none)
    header: tuple[str, ...]
    delimiter: str
    mtdsg: str
    via: str


_OLD_ACTION = "Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)"
_OLD_V = "Accession(a), Succession(d), Ratification"
TABLES = (
    # Scrape date not recorded; committed 2023-05-11. Claim only what the file proves:
    # its latest action, Pakistan's accession of 4 Nov 2022 (SOURCES.md).
    Table(
        "UN-TIP",
        "ratifications/ilo/untc_XVIII-12-a_TIP-protocol_via-crba-etl_2023-05.csv",
        "untc-xviii-12-a-2022",
        "2022-11-04",
        ("Participant", "Signature", _OLD_ACTION, "ATTR_ENDPOINT"),
        ";",
        "XVIII-12-a",
        "UNICEF Children's Rights and Business Atlas ETL (github.com/iferminm/crba-etl, commit c6a5991b, 2023-05-11)",
    ),
    Table(
        "UN-SOM",
        "ratifications/untc2015_18-12-b_un-som-protocol.csv",
        "untc-xviii-12-b-2014",
        "2014-07-10",
        ("Participant", "Signature", _OLD_ACTION),
        ",",
        "XVIII-12-b",
        ZMJONES,
    ),
    Table(
        "UN-STATELESS-1954",
        "ratifications/untc2015_5-3_un-stateless-1954.csv",
        "untc-v-3-2015",
        "2015-03-14",
        ("Participant", "Signature", _OLD_V),
        ",",
        "V-3",
        ZMJONES,
    ),
    Table(
        "UN-STATELESS-1961",
        "ratifications/untc2015_5-4_un-stateless-1961.csv",
        "untc-v-4-2015",
        "2015-01-27",
        ("Participant", "Signature", _OLD_V),
        ",",
        "V-4",
        ZMJONES,
    ),
)


def _consent(cell: str, *, file: str, line: int, column: str) -> tuple[str, str]:
    m = _CELL.match(cell)
    if not m:
        raise SourceError(file, f"cannot read {cell!r} (expected e.g. '9 Mar 2004' or '9 Mar 2004 a')", row=line, column=column)
    return en_date(m.group(1), file=file, row=line, column=column), SUFFIXES[m.group(2) or ""]


def table_events(ctx: BuildContext, t: Table) -> pd.DataFrame:
    sig_col, act_col = t.header[1], t.header[2]
    rows = read_table(ctx, t.file, header=list(t.header), delimiter=t.delimiter)
    # A row cut after a separator still has every cell ('Latvia,,' reads as a participant with no
    # action), so the cell count cannot catch a truncated copy. These scrapes always end with a
    # line break and never leave a quote open (ratifications/SOURCES.md: files copied byte for byte).
    check_complete(read_text(ctx, t.file), file=t.file)
    check_unique([((ctx.try_iso3(r["Participant"]) or r["Participant"],), line) for line, r in rows], file=t.file, column="Participant")
    records = []
    for line, r in rows:
        if r["Participant"] in NON_STATES:
            continue
        iso3 = ctx.iso3(r["Participant"], file=t.file, row=line, column="Participant")
        base = dict(
            instrument_id=t.instrument_id, iso3=iso3, in_force_date=None, source_id=t.source_id, as_of=t.as_of, note=None, src_file=t.file, src_line=line
        )
        if r[sig_col]:
            date = en_date(r[sig_col], file=t.file, row=line, column=sig_col)
            not_after(date, t.as_of, file=t.file, row=line, column=sig_col)
            records.append(dict(base, action="signature", date=date))
        # A participant row with neither cell (e.g. China in V-3, listed for a footnote) records no action.
        if r[act_col]:
            date, action = _consent(r[act_col], file=t.file, line=line, column=act_col)
            not_after(date, t.as_of, file=t.file, row=line, column=act_col)
            records.append(dict(base, action=action, date=date))
    return events_frame(records)


def events(ctx: BuildContext) -> pd.DataFrame:
    return pd.concat([table_events(ctx, t) for t in TABLES], ignore_index=True)


def _source(t: Table) -> Source:
    _, title, _, _ = TITLES[t.instrument_id]
    return Source(
        id=t.source_id,
        publisher="United Nations Treaty Collection (UN Office of Legal Affairs)",
        title=f"Multilateral Treaties Deposited with the Secretary-General, {t.mtdsg}: status of the {title}",
        url=f"https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no={t.mtdsg}&clang=_en",
        licence="UN depositary records (treaties.un.org terms of use); scraped copy, no licence stated",
        as_of=t.as_of,
        files=(t.file,),
        citation=f"United Nations Treaty Collection, Multilateral Treaties Deposited with the Secretary-General, {t.mtdsg}; scraped table via {t.via}.",
    )


NOTES = {
    "UN-TIP": (
        "complete",
        "Complete UNTC participant table, current at least to 4 November 2022 (its latest action; scrape date not recorded). "
        "Ratifications and accessions after that date are missing. The European Union's approval is not shown.",
    ),
    "UN-SOM": (
        "partial",
        "Dated list only to mid-2014 (UNTC scrape last changed 10 July 2014). Later parties appear without a date, "
        "from the Walk Free Global Slavery Index 2023 yes/no coding as of 31 August 2022; parties after that are missing.",
    ),
    "UN-STATELESS-1954": (
        "stale",
        "UNTC scrape last changed 14 March 2015; every accession since then is missing, so absence here does not mean non-party.",
    ),
    "UN-STATELESS-1961": (
        "stale",
        "UNTC scrape last changed 27 January 2015; every accession since then is missing, so absence here does not mean non-party.",
    ),
}


def parse(ctx: BuildContext) -> SourceOutput:
    instruments = []
    for t in TABLES:
        completeness, note = NOTES[t.instrument_id]
        sources = (t.source_id, GSI_SOURCE_ID) if t.instrument_id == "UN-SOM" else (t.source_id,)
        # UN-SOM is partial only after its dated table's as-of (later parties come undated from GSI).
        instruments.append(instrument(t.instrument_id, completeness=completeness, note=note, source_ids=sources, as_of=t.as_of, complete_to=t.as_of))
    ev = events(ctx)
    read, drops = {}, []
    for t in TABLES:

        def classify(r, t=t):
            if r["Participant"] in NON_STATES:
                return "not_a_state", f"{r['Participant']}: a regional organisation, not a country", t.instrument_id
            return "no_action", f"{r['Participant']}: listed with neither a signature nor a consent to be bound", t.instrument_id

        read[t.file], d = ledger(read_table(ctx, t.file, header=list(t.header), delimiter=t.delimiter), ev, t.file, classify)
        drops += d
    return SourceOutput(ratification_events=ev, sources=[_source(t) for t in TABLES], instruments=instruments, rows_read=read, drops=drops)
