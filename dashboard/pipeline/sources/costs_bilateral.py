"""World Bank/KNOMAD bilateral remittance matrices, 2017 (April 2018) and 2021 (December 2022).

Model estimates (Ratha-Shaw method: migrant stocks and incomes), US$ million.

Orientation: cell A2 reads "Remittance-receiving country (across) - Remittance-sending
country (down)" (2021) and "receiving (across) / sending (down)" (2017), so a row is the
SENDING country (origin, where migrants live) and a column the RECEIVING country. The parser
refuses a header that does not say so. Checked against the data too: the United States row
holds the largest cell in the Mexico column (52,595 in 2021), and the WORLD row of the Mexico
column (54,130) matches Mexico's recorded inflows, not its outflows.
"""

from __future__ import annotations

import re

from ..context import BuildContext
from ..errors import SourceError
from ..output import Drop, Indicator, Source, SourceOutput
from ._costs_io import CORRIDOR_COLUMNS, NO_ISO3, check_unique, frame, number, read_rows, rel, resolve_name

INDICATOR_ID = "bilateral_remittances_usd_m"
# file -> (year, source id)
FILES = {
    rel("wb_bilateral_remittance_matrix_2017_usd_million_2018-04.csv"): (2017, "wb-bilateral-remittances-2017"),
    rel("knomad_wb_bilateral_remittance_matrix_2021_usd_million_2022-12.csv"): (2021, "wb-knomad-bilateral-remittances-2021"),
}
_ORIENTATION = re.compile(r"receiving.*\(across\).*sending.*\(down\)", re.IGNORECASE | re.DOTALL)
TOTAL = "WORLD"  # row and column totals, not a corridor

SOURCES = [
    Source(
        id="wb-bilateral-remittances-2017",
        publisher="World Bank",
        title="Bilateral Remittance Estimates for 2017 using Migrant Stocks, Host Country Incomes, and Origin Country Incomes (April 2018 version)",
        url="https://www.worldbank.org/en/topic/migrationremittancesdiasporaissues/brief/migration-remittances-data",
        licence="No licence stated; World Bank data are generally CC BY 4.0 (confirm before republishing)",
        as_of="2018-04",
        files=(rel("wb_bilateral_remittance_matrix_2017_usd_million_2018-04.csv"),),
        citation="World Bank, Bilateral Remittance Estimates for 2017 (millions of US$), April 2018 version.",
    ),
    Source(
        id="wb-knomad-bilateral-remittances-2021",
        publisher="World Bank/KNOMAD",
        title="Bilateral Remittance Estimates for 2021 using Migrant Stocks, Host Country Incomes, and Origin Country Incomes (December 2022 version)",
        url="https://www.knomad.org/data/remittances",
        licence="No licence stated in the file, which asks for the citation below; World Bank data are generally CC BY 4.0 (confirm before republishing)",
        as_of="2022-12",
        files=(rel("knomad_wb_bilateral_remittance_matrix_2021_usd_million_2022-12.csv"),),
        citation="KNOMAD/World Bank Bilateral Remittance Matrix 2021, December 2022.",
    ),
]
INDICATORS = [
    Indicator(
        id=INDICATOR_ID,
        theme="costs",
        title="Estimated remittances between two countries",
        definition="Model estimate of the money migrants living in the sending country remit to the receiving country in a year, in millions of current US dollars. Allocates each country's recorded remittance inflows across host countries using migrant stocks and the incomes of host and origin countries.",
        unit="US$ million (current), model estimate",
        unit_short="US$ m",
        table="corridors",
        source_ids=tuple(sid for _, sid in FILES.values()),
        series_code="Bilateral Remittance Matrix",
        caveats=(
            "Analytical model estimates, not reported flows: they inherit the gaps of migrant-stock data and "
            "assume remittances rise with host and origin incomes. Informal channels are not covered. "
            "Only corridors with a positive estimate are kept: the 2017 matrix writes 0 in every cell it does not "
            "estimate, and the 2021 matrix sets some politically blocked corridors to zero by assumption. "
            "The two years come from different vintages of the method and migrant data, so changes between them are not growth rates."
        ),
        decimals=1,
    ),
]


def _parse_file(ctx: BuildContext, f: str, drops: list[Drop], read: dict[str, int]) -> list[dict]:
    year, source_id = FILES[f]
    rows = read_rows(ctx, f)
    if len(rows) < 3:
        raise SourceError(f, "file ends before the header row (line 2)")
    header_line, header = rows[1]
    if not _ORIENTATION.search(header[0]):
        raise SourceError(
            f,
            f"cell A2 {header[0].strip()!r} does not state 'receiving (across)' and 'sending (down)'; matrix orientation unknown",
            row=header_line,
            column="A",
        )
    columns: dict[int, str] = {}  # column index -> receiving ISO3
    dropped_columns: dict[int, str] = {}
    for i, name in enumerate(header[1:], 1):
        name = name.strip()
        if not name:
            raise SourceError(f, f"empty receiving-country name in column {i + 1}", row=header_line)
        if name == TOTAL:
            continue
        if name in NO_ISO3:
            dropped_columns[i] = name
            continue
        code, _ = resolve_name(ctx, name, file=f, row=header_line, column=name)
        if code in columns.values():
            raise SourceError(f, f"receiving country {code} appears in two columns", row=header_line, column=name)
        columns[i] = code
    out, senders = [], set()
    read[f] = 0
    column_cells: dict[int, list[int]] = {i: [] for i in dropped_columns}  # lines with an estimate in a dropped column
    zero_lines, diagonal_lines = [], []
    for line, r in rows[2:]:
        name = r[0].strip() if r else ""
        if name == TOTAL:
            break  # the WORLD row closes the matrix; notes follow
        if not name:
            raise SourceError(f, "blank row inside the matrix before the WORLD total row; truncated?", row=line)
        read[f] += 1
        if len(r) != len(header):
            raise SourceError(f, f"row has {len(r)} cells, header has {len(header)}; truncated or wrong delimiter?", row=line)
        for i in dropped_columns:
            if number(r[i], file=f, row=line, column=header[i].strip()):
                column_cells[i].append(line)
        if name in NO_ISO3:
            n = sum(1 for i in columns if number(r[i], file=f, row=line, column=header[i].strip()))
            drops.append(
                Drop(
                    f,
                    (line,),
                    "no_iso3_code",
                    f"{name} as sending country: {n} positive estimates; a territory without an ISO 3166 code of its own",
                    INDICATOR_ID,
                )
            )
            continue
        origin, _ = resolve_name(ctx, name, file=f, row=line, column="sending country")
        if origin in senders:
            raise SourceError(f, f"sending country {origin} appears in two rows", row=line, column="sending country")
        senders.add(origin)
        for i, destination in columns.items():
            v = number(r[i], file=f, row=line, column=header[i].strip())
            # 0 is the 2017 file's "not estimated" fill and 2021's assumed-zero corridors; the
            # diagonal (a country "remitting" to itself, one tiny 2017 cell) is not a corridor.
            if not v or origin == destination:
                if v == 0:
                    zero_lines.append(line)
                elif v:
                    diagonal_lines.append(line)
                continue
            out.append(
                {
                    "indicator_id": INDICATOR_ID,
                    "origin_iso3": origin,
                    "destination_iso3": destination,
                    "year": year,
                    "quarter": None,
                    "period": str(year),
                    "value": v,
                    "source_id": source_id,
                    "note": None,
                    "src_file": f,
                    "src_line": line,
                }
            )
    else:
        raise SourceError(f, f"no {TOTAL} total row: the matrix looks truncated", row=rows[-1][0])
    for i, name in dropped_columns.items():
        drops.append(
            Drop(
                f,
                (),
                "no_iso3_code",
                f"{name} as receiving country (column {i + 1}): {len(column_cells[i])} positive estimates; a territory without an ISO 3166 code of its own",
                INDICATOR_ID,
            )
        )
    if zero_lines:
        drops.append(
            Drop(
                f,
                tuple(sorted(set(zero_lines))),
                "zero_estimate",
                f"{len(zero_lines)} cells of 0: not estimated (2017) or assumed zero (2021), not a measured flow",
                INDICATOR_ID,
            )
        )
    if diagonal_lines:
        drops.append(Drop(f, tuple(diagonal_lines), "same_country", "a country remitting to itself is not a corridor", INDICATOR_ID))
    kept = {rec["src_line"] for rec in out}
    dropped = {x for d in drops if d.file == f for x in d.rows}
    for line, r in rows[2:]:
        name = r[0].strip() if r else ""
        if name == TOTAL:
            break
        if line not in kept and line not in dropped:
            drops.append(Drop(f, (line,), "no_value", f"{name}: no estimate in any column", INDICATOR_ID))
    return out


def parse(ctx: BuildContext) -> SourceOutput:
    drops: list[Drop] = []
    read: dict[str, int] = {}
    df = frame([rec for f in sorted(FILES) for rec in _parse_file(ctx, f, drops, read)], CORRIDOR_COLUMNS)
    check_unique(df, ["origin_iso3", "destination_iso3", "period"])
    return SourceOutput(corridors=df, indicators=INDICATORS, sources=SOURCES, rows_read=read, drops=drops)
