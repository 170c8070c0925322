"""World Bank Remittance Prices Worldwide: average total cost per corridor, 2011Q1-2020Q3.

DataBank wide export: ``Sending Countries Name, Sending Countries Code, Series Name,
Series Code, Receiving Countries  Name, Receiving Countries  Code`` (double space as
published), then one column per period like ``2011Q1 [YR2011Q1]``; ".." = no data; two
footer lines ("Data from database: ...", "Last Updated: ...").
"""

from __future__ import annotations

import logging
import re

from ..context import BuildContext
from ..errors import SourceError
from ..output import Drop, Indicator, Source, SourceOutput
from ._costs_io import CORRIDOR_COLUMNS, COST_REFERENCE_LINES, COST_TARGET, check_unique, frame, number, read_rows, rel

log = logging.getLogger(__name__)

FILE = rel("rpw_databank_corridors_avg_total_cost_pct_2011Q1-2020Q3.csv")
SOURCE_ID = "wb-rpw-corridors-2020-12"
INDICATOR_ID = "remittance_corridor_cost"
SERIES_CODE = "ATCR.CORR"
SENDER, RECEIVER = "Sending Countries Code", "Receiving Countries  Code"
REQUIRED = ["Sending Countries Name", SENDER, "Series Code", "Receiving Countries  Name", RECEIVER]
FOOTER = ("Data from database:", "Last Updated:")
_PERIOD = re.compile(r"^(?P<year>\d{4})Q(?P<q>[1-4]) \[YR(?P=year)Q(?P=q)\]$")
# DataBank's own codes where they differ from ISO 3166: Kosovo is KSV here, XKX elsewhere in
# the World Bank's data. ANT (Netherlands Antilles, dissolved 2010) has no current code: dropped.
CODE_FIXES = {"KSV": "XKX"}
DROPPED_CODES = {"ANT"}

SOURCE = Source(
    id=SOURCE_ID,
    publisher="World Bank",
    title="Remittance Prices Worldwide (Corridors), DataBank export",
    url="https://databank.worldbank.org/source/remittance-prices-worldwide-(corridors)",
    licence="CC BY 4.0 (World Bank); required attribution: The World Bank, Remittance Prices Worldwide",
    as_of="2020-12-07",
    files=(FILE,),
    citation="The World Bank, Remittance Prices Worldwide (Corridors), DataBank, last updated 12/07/2020.",
)
INDICATORS = [
    Indicator(
        id=INDICATOR_ID,
        theme="costs",
        title="Cost of sending remittances in a corridor",
        definition="Average total cost of sending money from one country to another, as a percentage of the amount sent: transfer fee plus exchange-rate margin, averaged over the providers Remittance Prices Worldwide surveys in that corridor. RPW's corridor average is for sending the equivalent of US$200.",
        unit="% of amount sent (US$200)",
        unit_short="%",
        table="corridors",
        source_ids=(SOURCE_ID,),
        series_code=SERIES_CODE,
        sdg="10.c.1",
        decimals=1,
        higher_is_better=False,
        target=COST_TARGET,
        reference_lines=COST_REFERENCE_LINES,
        caveats=(
            "Series ends in 2020Q3: no corridor data after that were available. 2011 and 2012 were surveyed twice a year (Q1, Q3). "
            "Simple average across providers, not weighted by market share; no split by provider type. "
            "The export does not state the amount sent; US$200 is RPW's headline basis. "
            "A few published averages are negative (an exchange rate better than the reference rate, e.g. Saudi Arabia to Sudan 2017Q4); "
            "these are left out because a negative cost cannot be compared with the target."
        ),
    ),
]


def _code(cell: str, line: int, column: str) -> str | None:
    code = CODE_FIXES.get(cell.strip(), cell.strip())
    if code in DROPPED_CODES:
        return None
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise SourceError(FILE, f"country code {cell!r} is not three capital letters", row=line, column=column)
    return code


def parse(ctx: BuildContext) -> SourceOutput:
    rows = read_rows(ctx, FILE)
    header_line, header = rows[0]
    header = [h.strip() for h in header]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise SourceError(FILE, f"missing column(s) {missing}; found {header[:6]}", row=header_line, column=missing[0])
    idx = {c: header.index(c) for c in REQUIRED}
    periods = {}
    for i, h in enumerate(header):
        m = _PERIOD.match(h)
        if m:
            periods[i] = (int(m["year"]), int(m["q"]), f"{m['year']}Q{m['q']}")
    if not periods:
        raise SourceError(FILE, "no period columns like '2011Q1 [YR2011Q1]' in the header", row=header_line)

    out, negatives, drops, read = [], [], [], 0
    for line, r in rows[1:]:
        if not any(c.strip() for c in r):
            continue
        if r[0].startswith(FOOTER):
            continue
        read += 1
        if len(r) != len(header):
            raise SourceError(FILE, f"row has {len(r)} cells, header has {len(header)}; truncated or wrong delimiter?", row=line)
        if r[idx["Series Code"]].strip() != SERIES_CODE:
            raise SourceError(FILE, f"unexpected series {r[idx['Series Code']]!r}; expected {SERIES_CODE}", row=line, column="Series Code")
        origin, destination = _code(r[idx[SENDER]], line, SENDER), _code(r[idx[RECEIVER]], line, RECEIVER)
        if origin is None or destination is None:
            names = f"{r[0].strip()} ({r[idx[SENDER]].strip()}) -> {r[idx['Receiving Countries  Name']].strip()} ({r[idx[RECEIVER]].strip()})"
            drops.append(
                Drop(
                    FILE,
                    (line,),
                    "former_territory_no_iso3",
                    f"{names}: the Netherlands Antilles were dissolved in 2010 into Curaçao, Sint Maarten and the Caribbean Netherlands; the corridor cannot be assigned to one of them",
                    INDICATOR_ID,
                )
            )
            continue
        if origin == destination:
            raise SourceError(FILE, f"corridor from {origin} to itself", row=line, column=RECEIVER)
        line_negatives = []
        for i, (year, quarter, period) in periods.items():
            v = number(r[i], file=FILE, row=line, column=header[i], allow_negative=True)
            if v is None:
                continue
            if v < 0:
                negatives.append(f"{origin}->{destination} {period} ({v:.2f}, line {line})")
                line_negatives.append(f"{period} ({v:.2f})")
                continue
            if v > 100:
                raise SourceError(FILE, f"cost of {v}% of the amount sent is impossible", row=line, column=header[i])
            out.append(
                {
                    "indicator_id": INDICATOR_ID,
                    "origin_iso3": origin,
                    "destination_iso3": destination,
                    "year": year,
                    "quarter": quarter,
                    "period": period,
                    "value": v,
                    "source_id": SOURCE_ID,
                    "note": None,
                    "src_file": FILE,
                    "src_line": line,
                }
            )
        if line_negatives:
            drops.append(
                Drop(FILE, (line,), "negative_average", f"{origin}->{destination}: a cost below zero is impossible: {', '.join(line_negatives)}", INDICATOR_ID)
            )
    if negatives:
        log.warning("%s: left out %d negative corridor averages: %s", FILE, len(negatives), "; ".join(negatives))
    df = frame(out, CORRIDOR_COLUMNS)
    check_unique(df, ["origin_iso3", "destination_iso3", "period"])
    kept = set(df["src_line"])
    drops += [
        Drop(FILE, (line,), "no_value", "no non-negative value in any period", INDICATOR_ID)
        for line, r in rows[1:]
        if any(c.strip() for c in r) and not r[0].startswith(FOOTER) and line not in kept and not any(line in d.rows for d in drops)
    ]
    return SourceOutput(corridors=df, indicators=INDICATORS, sources=[SOURCE], rows_read={FILE: read}, drops=drops)
