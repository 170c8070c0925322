"""World Bank WDI remittance series (costs to/from a country, flows received/paid, % of GDP).

Standard WDI per-indicator download: two title rows, a blank row, then
``Country Name,Country Code,Indicator Name,Indicator Code,1960..2022``; empty cell = no data.
Countries come with ISO3 codes; aggregates (empty Region in the metadata sheet) are
dropped except World, which maps to M49 001.
"""

from __future__ import annotations

import re

from ..context import BuildContext
from ..errors import SourceError
from ..output import Drop, Indicator, Source, SourceOutput
from ._costs_io import COST_REFERENCE_LINES, COST_TARGET, check_unique, frame, number, read_rows, rel
from ._integrity import check_complete, check_no_repeated_rows
from ._obs import OBS_COLUMNS

SOURCE_ID = "wb-wdi-2023-05-10"
METADATA = rel("wdi_metadata_countries_WDI-2023-05-10.csv")

# Series code -> (indicator id, file, obs_type).
# Costs are averages of prices collected from remittance providers by RPW: computed estimates.
# Flows are balance-of-payments records compiled by central banks: administrative data.
SERIES = {
    "SI.RMT.COST.IB.ZS": ("remittance_cost_to_country", "wdi_SI.RMT.COST.IB.ZS_avg_cost_to_country_pct_WDI-2023-05-10.csv", "estimate"),
    "SI.RMT.COST.OB.ZS": ("remittance_cost_from_country", "wdi_SI.RMT.COST.OB.ZS_avg_cost_from_country_pct_WDI-2023-05-10.csv", "estimate"),
    "BX.TRF.PWKR.CD.DT": ("remittances_received_usd", "wdi_BX.TRF.PWKR.CD.DT_remittances_received_usd_WDI-2023-05-10.csv", "administrative"),
    "BM.TRF.PWKR.CD.DT": ("remittances_paid_usd", "wdi_BM.TRF.PWKR.CD.DT_remittances_paid_usd_WDI-2023-05-10.csv", "administrative"),
    "BX.TRF.PWKR.DT.GD.ZS": ("remittances_received_pct_gdp", "wdi_BX.TRF.PWKR.DT.GD.ZS_remittances_received_pct_gdp_WDI-2023-05-10.csv", "administrative"),
}
HEADER = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]
# Only aggregate with an M49 equivalent we present: World. Regions and income groups are
# World Bank groupings with their own membership, so they are dropped. Least developed
# countries (LDC) follow the UN list but are aggregated with WDI's own gap-filling rules,
# so they are not presented as the UN M49 199 aggregate either.
KEPT_AGGREGATES = {"WLD": ("M49_001", "world")}
NO_ISO3_CODES = {"CHI"}  # Channel Islands: a World Bank economy without an ISO 3166 code

SOURCE = Source(
    id=SOURCE_ID,
    publisher="World Bank",
    title="World Development Indicators: remittance prices and personal remittances",
    url="https://databank.worldbank.org/source/world-development-indicators",
    licence="CC BY 4.0 (World Bank terms of use for datasets)",
    as_of="2023-05-10",
    files=tuple(sorted([rel(f) for _, f, _ in SERIES.values()] + [METADATA])),
    citation="World Bank, World Development Indicators (last updated 2023-05-10); remittance price series from Remittance Prices Worldwide.",
)

_COST_CAVEATS = (
    "Simple average over the remittance service providers surveyed by Remittance Prices Worldwide, "
    "for sending US$200; not weighted by volumes. Series ends in 2020 in this vintage. Not available by sex."
)
_FLOW_CAVEATS = (
    "Recorded flows only: money sent through informal channels is missing. Not available by sex. "
    "Country coverage of the latest year is incomplete, and some 2022 values look like part-year figures "
    "(flagged in the note where a value is under half the year before); for 2022 prefer the KNOMAD December 2023 release."
)

INDICATORS = [
    Indicator(
        id="remittance_cost_to_country",
        theme="costs",
        title="Cost of sending remittances to the country",
        definition="Average total cost, as a percentage of the amount sent, of sending US$200 to the country, across all providers covered by Remittance Prices Worldwide (fees plus exchange-rate margin).",
        unit="% of amount sent (US$200)",
        unit_short="%",
        table="observations",
        source_ids=(SOURCE_ID,),
        series_code="SI.RMT.COST.IB.ZS",
        caveats=_COST_CAVEATS,
        sdg="10.c.1",
        decimals=1,
        higher_is_better=False,
        target=COST_TARGET,
        reference_lines=COST_REFERENCE_LINES,
    ),
    Indicator(
        id="remittance_cost_from_country",
        theme="costs",
        title="Cost of sending remittances from the country",
        definition="Average total cost, as a percentage of the amount sent, of sending US$200 from the country, across all providers covered by Remittance Prices Worldwide (fees plus exchange-rate margin).",
        unit="% of amount sent (US$200)",
        unit_short="%",
        table="observations",
        source_ids=(SOURCE_ID,),
        series_code="SI.RMT.COST.OB.ZS",
        caveats=_COST_CAVEATS + " Only 48 sending countries are covered.",
        sdg="10.c.1",
        decimals=1,
        higher_is_better=False,
        target=COST_TARGET,
        reference_lines=COST_REFERENCE_LINES,
    ),
    Indicator(
        id="remittances_received_usd",
        theme="costs",
        title="Personal remittances received",
        definition="Personal transfers and compensation of employees received by resident households from abroad, in current US dollars (IMF balance-of-payments definitions).",
        unit="current US$",
        unit_short="US$",
        table="observations",
        source_ids=(SOURCE_ID,),
        series_code="BX.TRF.PWKR.CD.DT",
        caveats=_FLOW_CAVEATS,
        decimals=0,
    ),
    Indicator(
        id="remittances_paid_usd",
        theme="costs",
        title="Personal remittances paid",
        definition="Personal transfers and compensation of employees paid by residents to households abroad, in current US dollars (IMF balance-of-payments definitions).",
        unit="current US$",
        unit_short="US$",
        table="observations",
        source_ids=(SOURCE_ID,),
        series_code="BM.TRF.PWKR.CD.DT",
        caveats=_FLOW_CAVEATS + " Only 75 economies have a 2022 value in this vintage; 2021 is the last nearly complete year.",
        decimals=0,
    ),
    Indicator(
        id="remittances_received_pct_gdp",
        theme="costs",
        title="Personal remittances received, share of GDP",
        definition="Personal remittances received as a percentage of the country's gross domestic product.",
        # A ratio to GDP, not a share of it: Lesotho's remittances exceeded its GDP in the 1970s-80s.
        # unit_short is not "%" so the build's "percentage above 100" check does not apply.
        unit="% of GDP",
        unit_short="% of GDP",
        table="observations",
        source_ids=(SOURCE_ID,),
        series_code="BX.TRF.PWKR.DT.GD.ZS",
        caveats=_FLOW_CAVEATS + " Can exceed 100 % where remittances are larger than GDP (Lesotho before 1990). The 2022 column is empty in this vintage.",
        decimals=1,
    ),
]

_YEAR = re.compile(r"^\d{4}$")


def _read_checked(ctx: BuildContext, f: str) -> list[tuple[int, list[str]]]:
    """read_rows, plus the whole-file checks every WDI export passes (costs/SOURCES.md: one
    sheet per file, written cell by cell with LF line endings, so each file ends with a line
    break; one row per economy or series, so no line can legitimately repeat another)."""
    rows = read_rows(ctx, f)
    check_complete(ctx.path(f).read_text(encoding="utf-8-sig"), file=f)
    check_no_repeated_rows(rows[1:], file=f)
    return rows


def _aggregate_codes(ctx: BuildContext) -> set[str]:
    """Codes the WDI metadata sheet lists without a Region: regions, income groups, World."""
    rows = _read_checked(ctx, METADATA)
    header = [h.strip() for h in rows[0][1]]
    for col in ("Country Code", "Region"):
        if col not in header:
            raise SourceError(METADATA, f"missing column {col!r}; found {header}", row=1, column=col)
    for line, r in rows[1:]:
        if any(c.strip() for c in r) and len(r) != len(header):
            raise SourceError(METADATA, f"row has {len(r)} cells, header has {len(header)}; truncated or wrong delimiter?", row=line)
    code_i, region_i = header.index("Country Code"), header.index("Region")
    return {r[code_i].strip() for _, r in rows[1:] if len(r) > region_i and r[code_i].strip() and not r[region_i].strip()}


def _parse_series(ctx: BuildContext, series: str, aggregates: set[str], drops: list[Drop] | None = None, read: dict[str, int] | None = None) -> list[dict]:
    """The series' observations; drops and rows read are recorded when the caller passes somewhere to put them."""
    drops = [] if drops is None else drops
    read = {} if read is None else read
    indicator_id, name, obs_type = SERIES[series]
    f = rel(name)
    rows = _read_checked(ctx, f)
    header_at = next((i for i, (_, r) in enumerate(rows[:10]) if r[:4] == HEADER), None)
    if header_at is None:
        raise SourceError(f, f"no WDI header row starting {HEADER} in the first 10 lines; not a WDI download?", row=1)
    header_line, header = rows[header_at]
    years = {i: int(h) for i, h in enumerate(header) if _YEAR.match(h.strip())}
    if not years:
        raise SourceError(f, "header has no year columns", row=header_line)
    out = []
    read[f] = 0
    for line, r in rows[header_at + 1 :]:
        if not any(c.strip() for c in r):
            continue
        read[f] += 1
        if len(r) != len(header):
            raise SourceError(f, f"row has {len(r)} cells, header has {len(header)}; truncated or wrong delimiter?", row=line)
        code = r[1].strip()
        if r[3].strip() != series:
            raise SourceError(f, f"indicator code {r[3]!r} does not match the file's series {series}", row=line, column="Indicator Code")
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise SourceError(f, f"country code {code!r} is not three capital letters", row=line, column="Country Code")
        if code in aggregates and code not in KEPT_AGGREGATES:
            drops.append(
                Drop(
                    f,
                    (line,),
                    "aggregate_not_presented",
                    f"{r[0].strip()} ({code}): a World Bank grouping with its own membership, not a UN M49 area",
                    indicator_id,
                )
            )
            continue
        if code in NO_ISO3_CODES:
            drops.append(Drop(f, (line,), "no_iso3_code", f"{r[0].strip()} ({code}): a World Bank economy without an ISO 3166 code of its own", indicator_id))
            continue
        geo_code, geo_type = KEPT_AGGREGATES.get(code, (code, "country"))
        if not any(r[i].strip() for i in years):
            drops.append(Drop(f, (line,), "no_value", f"{r[0].strip()} ({code}): no value in any year", indicator_id))
            continue
        for i, year in years.items():
            v = number(r[i], file=f, row=line, column=header[i])
            if v is None:
                continue
            out.append(
                {
                    "indicator_id": indicator_id,
                    "geo_code": geo_code,
                    "geo_type": geo_type,
                    "year": year,
                    "period": str(year),
                    "sex": "total",
                    "age": "all",
                    "breakdown": "total",
                    "value": v,
                    "lower": None,
                    "upper": None,
                    "obs_type": obs_type,
                    "source_id": SOURCE_ID,
                    "note": None,
                    "src_file": f,
                    "src_line": line,
                }
            )
    return out


# Flow series whose last column can hold part-year figures in a mid-year vintage.
FLOW_SERIES = {"remittances_received_usd", "remittances_paid_usd"}
PART_YEAR_RATIO = 0.5


def flag_part_year(records: list[dict]) -> None:
    """Annotate (never change or drop) a flow's last-year value that is under half the year before.

    The May 2023 vintage carries 2022 values for some economies that are far below 2021
    (e.g. the Philippines at about a quarter): most likely part-year data. We keep the published
    figure and say so in the note, which every view shows beside the value.
    """
    by_key = {(r["indicator_id"], r["geo_code"], r["year"]): r for r in records}
    last_year = {}
    for r in records:
        last_year[r["indicator_id"]] = max(last_year.get(r["indicator_id"], 0), r["year"])
    for r in records:
        if r["indicator_id"] not in FLOW_SERIES or r["year"] != last_year[r["indicator_id"]]:
            continue
        prev = by_key.get((r["indicator_id"], r["geo_code"], r["year"] - 1))
        if prev and prev["value"] > 0 and r["value"] < PART_YEAR_RATIO * prev["value"]:
            share = round(100 * r["value"] / prev["value"])
            if r["geo_type"] != "country":  # an aggregate falls because fewer economies report, not part-year
                r["note"] = f"Incomplete: {share} % of the {r['year'] - 1} value because fewer economies report {r['year']} in this vintage."
            else:
                r["note"] = (
                    f"Possibly part-year: {share} % of the {r['year'] - 1} value in this vintage (WDI 2023-05-10); "
                    "the KNOMAD December 2023 release is more recent."
                )


def parse(ctx: BuildContext) -> SourceOutput:
    aggregates = _aggregate_codes(ctx)
    drops: list[Drop] = []
    read: dict[str, int] = {}
    records = [rec for series in sorted(SERIES) for rec in _parse_series(ctx, series, aggregates, drops, read)]
    flag_part_year(records)
    obs = frame(records, OBS_COLUMNS)
    check_unique(obs, ["indicator_id", "geo_code", "year"])
    return SourceOutput(observations=obs, indicators=INDICATORS, sources=[SOURCE], rows_read=read, drops=drops)
