"""Walk Free Global Slavery Index 2023: prevalence, number, vulnerability, government response.

The full Walk Free workbook (sheet "GSI 2023 summary data") is authoritative; SOURCES.md asks
to prefer it over the Kaggle-derived prevalence CSV, which a test cross-checks instead.
"""

from __future__ import annotations

import openpyxl

from ..context import BuildContext
from ..errors import SourceError
from ..output import Drop, Indicator, Source, SourceOutput
from ._obs import check_range, check_unique, obs_frame

FILE = "ratifications/ilo/gsi2023_walkfree_global-slavery-index-2023-data_via-crba-etl.xlsx"
SHEET = "GSI 2023 summary data"
HEADER_ROW = 3
SOURCE_ID = "walkfree-gsi-2023"

# column header -> (indicator id, year the figures refer to, valid range). Government response
# can fall below zero: Walk Free deducts points for state-imposed forced labour ("NEG" items).
COLUMNS = {
    "Estimated prevalence of modern slavery per 1,000 population": ("modern_slavery_prevalence", 2021, (0.0, 1000.0)),
    "Estimated number of people in modern slavery": ("modern_slavery_victims", 2021, (0.0, None)),
    "Total Vulnerability score (%)": ("slavery_vulnerability", 2023, (0.0, 100.0)),
    "Government response total (%)": ("government_response", 2022, (-100.0, 100.0)),
}
NOTES = {
    2021: "Walk Free estimate for 2021 (Global Slavery Index 2023).",
    2022: "Assessment of government action as of 31 August 2022 (Global Slavery Index 2023).",
    2023: "Vulnerability model of the Global Slavery Index 2023 (input data mostly 2018-2021).",
}


def parse(ctx: BuildContext) -> SourceOutput:
    path = ctx.path(FILE)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a truncated or non-xlsx file
        raise SourceError(FILE, f"cannot open workbook: {exc}") from None
    if SHEET not in wb.sheetnames:
        raise SourceError(FILE, f"sheet {SHEET!r} not found; sheets are {wb.sheetnames}")
    rows_iter = wb[SHEET].iter_rows(values_only=True)
    header = None
    for i, row in enumerate(rows_iter, start=1):
        if i == HEADER_ROW:
            header = [str(c).strip() if c is not None else "" for c in row]
            break
    required = ["Country", *COLUMNS]
    missing = [c for c in required if header is None or c not in header]
    if missing:
        raise SourceError(FILE, f"sheet {SHEET!r}: missing column(s) {missing}", row=HEADER_ROW, column=missing[0])
    idx = {c: header.index(c) for c in required}
    out, drops, read = [], [], 0
    for line, row in enumerate(rows_iter, start=HEADER_ROW + 1):
        name = row[idx["Country"]] if len(row) > idx["Country"] else None
        if name is None or str(name).strip() == "":
            continue
        read += 1
        iso3 = ctx.iso3(str(name).strip(), file=FILE, row=line, column="Country")
        if all(row[idx[c]] is None or (isinstance(row[idx[c]], str) and not row[idx[c]].strip()) for c in COLUMNS):
            drops.append(Drop(FILE, (line,), "not_assessed", f"{iso3}: no value in any column"))
        for col, (indicator, year, (lo, hi)) in COLUMNS.items():
            v = row[idx[col]]
            if v is None or (isinstance(v, str) and v.strip() == ""):
                continue  # not assessed: no row
            if not isinstance(v, (int, float)):
                raise SourceError(FILE, f"sheet {SHEET!r}: not a number: {v!r}", row=line, column=col)
            check_range(float(v), lo, hi, file=FILE, row=line, column=col, what="value")
            out.append(
                dict(
                    indicator_id=indicator,
                    geo_code=iso3,
                    geo_type="country",
                    year=year,
                    period=str(year),
                    sex="total",
                    age="all",
                    breakdown="total",
                    value=float(v),
                    lower=None,
                    upper=None,
                    obs_type="modelled" if indicator.startswith("modern_slavery") else "estimate",
                    source_id=SOURCE_ID,
                    note=NOTES[year],
                    src_file=FILE,
                    src_line=line,
                )
            )
    wb.close()
    obs = obs_frame(out)
    check_unique(obs, FILE)
    return SourceOutput(observations=obs, indicators=INDICATORS, sources=[SOURCE], rows_read={FILE: read}, drops=drops)


SOURCE = Source(
    id=SOURCE_ID,
    publisher="Walk Free",
    title="Global Slavery Index 2023 data workbook (sheet 'GSI 2023 summary data')",
    url="https://www.walkfree.org/global-slavery-index/",
    licence="Walk Free terms of use (not stated in the file); check before republishing",
    as_of="2023-05",
    files=(FILE,),
    citation="Walk Free (2023). Global Slavery Index 2023. Minderoo Foundation. Data workbook via iferminm/crba-etl, commit 948e2bdf.",
)

_CAVEAT = "Global Slavery Index 2023. No breakdown by sex. Country names are Walk Free's, matched to ISO codes."
INDICATORS = [
    Indicator(
        id="modern_slavery_prevalence",
        theme="violence",
        title="Prevalence of modern slavery",
        definition="Estimated number of people in modern slavery (forced labour and forced marriage) on any given day in 2021, per 1,000 population.",
        unit="people per 1,000 population",
        unit_short="per 1,000",
        table="observations",
        source_ids=(SOURCE_ID,),
        series_code="GSI 2023 prevalence",
        sdg="8.7",
        decimals=1,
        higher_is_better=False,
        caveats="Modelled from Gallup survey data in 68 countries extrapolated to 160 using risk factors; country estimates carry large uncertainty that the source does not publish. "
        + _CAVEAT,
    ),
    Indicator(
        id="modern_slavery_victims",
        theme="violence",
        title="People in modern slavery (estimated number)",
        definition="Estimated number of people in modern slavery (forced labour and forced marriage) on any given day in 2021.",
        unit="people",
        unit_short="people",
        table="observations",
        source_ids=(SOURCE_ID,),
        series_code="GSI 2023 estimated number",
        sdg="8.7",
        decimals=0,
        higher_is_better=False,
        caveats="Rounded to the nearest thousand by Walk Free; modelled, see the prevalence caveats. " + _CAVEAT,
    ),
    Indicator(
        id="slavery_vulnerability",
        theme="violence",
        title="Vulnerability to modern slavery",
        definition="Walk Free's total vulnerability score, combining governance issues, lack of basic needs, inequality, disenfranchised groups and effects of conflict, from 0 (least vulnerable) to 100 (most vulnerable).",
        unit="score, 0-100 (100 = most vulnerable)",
        unit_short="score",
        table="observations",
        source_ids=(SOURCE_ID,),
        series_code="GSI 2023 total vulnerability",
        sdg="",
        decimals=0,
        higher_is_better=False,
        caveats="A composite of indicators from other publishers, mostly 2018-2021, stored under the edition year 2023. " + _CAVEAT,
    ),
    Indicator(
        id="government_response",
        theme="violence",
        title="Government response to modern slavery",
        definition="Walk Free's rating of what a government does against modern slavery (survivor support, criminal justice, coordination, risk factors, supply chains), as % of the maximum score.",
        unit="% of maximum score",
        unit_short="%",
        table="observations",
        source_ids=(SOURCE_ID,),
        series_code="GSI 2023 government response total",
        sdg="",
        decimals=0,
        higher_is_better=True,
        scale="diverging",
        caveats="Assessment as of 31 August 2022 (stored as 2022). Scores can be negative: Walk Free deducts points for state-imposed forced labour (e.g. North Korea). Not assessed for some countries in conflict or without a functioning government. Measures policies and actions on paper, not their effect. "
        + _CAVEAT,
    ),
]
