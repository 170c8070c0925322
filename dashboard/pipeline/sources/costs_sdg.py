"""UN SDG Global Database series SI_RMT_COST (SDG 10.c.1), 2020 release via Gapminder DDF.

``geo_area,nature,units,year,si_rmt_cost`` with UN M49 numeric areas. Its own indicator:
it is the official SDG series and the only file with the global and SDG-regional averages.
Its country values should repeat WDI's cost to the country (SI.RMT.COST.IB.ZS, same custodian)
rounded to one decimal, but some 2011-2017 rows carry another country's value (Cameroon's
carry Cabo Verde's). So every country value is compared with WDI: values that disagree are
quarantined, as are values WDI cannot confirm (no WDI value for that country and year), and
WDI is the cited publisher for country figures. Regions and World have no WDI counterpart
under the same definition and are kept as published.

Not used: ``sdg_10-c-1_KOR_kostat.csv`` republishes WDI's cost of sending from Korea
(equal to two decimals for 2011-2020) plus a 2021 value; one country's extra year would make
Korea's "latest" incomparable with every other country's, so it is left out.
"""

from __future__ import annotations

from dataclasses import replace

import pycountry

from ..context import BuildContext
from ..errors import SourceError
from ..output import Comparison, Drop, Indicator, Source, SourceOutput
from . import costs_wdi
from ._costs_io import COST_REFERENCE_LINES, COST_TARGET, check_unique, frame, number, read_rows, rel
from ._obs import OBS_COLUMNS

FILE = rel("sdg_10c1_SI_RMT_COST_unsd_via_gapminder_ddf_2020-10.csv")
SOURCE_ID = "unsd-sdg-si-rmt-cost-2020"
INDICATOR_ID = "remittance_cost_sdg_10c1"
COLUMNS = ["geo_area", "nature", "units", "year", "si_rmt_cost"]
# Published aggregates: World and the SDG regional groupings (UNSD's own area codes).
AGGREGATES = {"1": "world", "62": "region", "202": "region", "419": "region", "513": "region", "543": "region", "747": "region", "753": "region"}

SOURCE = Source(
    id=SOURCE_ID,
    publisher="UN Statistics Division (SDG Global Database); custodian World Bank",
    title="SDG indicator 10.c.1, series SI_RMT_COST: remittance costs as a proportion of the amount remitted",
    url="https://unstats.un.org/sdgs/dataportal",
    licence="CC BY 4.0 (Gapminder DDF package); UN SDG Global Database terms of use apply to the underlying data",
    as_of="2020-05",
    files=(FILE,),
    citation="United Nations Statistics Division, Global SDG Indicators Database, series SI_RMT_COST (World Bank, Remittance Prices Worldwide), 2020 release; repackaged by Gapminder (open-numbers/ddf--unstats--sdg_indicators).",
)
INDICATORS = [
    Indicator(
        id=INDICATOR_ID,
        theme="costs",
        title="Remittance costs, SDG 10.c.1 (UN SDG database)",
        definition="Average cost of sending remittances, as a percentage of the amount remitted, as reported for SDG indicator 10.c.1 in the UN SDG Global Database: for a country, the cost of sending to it; for the world and regions, the global and regional averages computed by the World Bank.",
        unit="% of amount remitted",
        unit_short="%",
        table="observations",
        source_ids=(SOURCE_ID,),
        series_code="SI_RMT_COST",
        sdg="10.c.1",
        decimals=1,
        higher_is_better=False,
        target=COST_TARGET,
        reference_lines=COST_REFERENCE_LINES,
        mappable=False,
        caveats="",  # written by parse() from the comparison with WDI
    ),
]


def _m49_to_iso3(ctx: BuildContext) -> dict[str, str]:
    """M49 numeric code (no leading zeros) -> ISO3; the reference table when built, else ISO 3166 numerics."""
    if ctx.countries is not None and "m49" in ctx.countries:
        c = ctx.countries.dropna(subset=["m49"])
        return {str(int(m)): iso for m, iso in zip(c["m49"], c["iso3"])}
    return {str(int(c.numeric)): c.alpha_3 for c in pycountry.countries}


def parse(ctx: BuildContext) -> SourceOutput:
    rows = read_rows(ctx, FILE)
    header_line, header = rows[0]
    header = [h.strip() for h in header]
    if header != COLUMNS:
        missing = next((c for c in COLUMNS if c not in header), None)
        raise SourceError(FILE, f"expected columns {COLUMNS}, found {header}", row=header_line, column=missing)
    to_iso3 = _m49_to_iso3(ctx)
    out, empty_lines, read_count = [], [], 0
    for line, r in rows[1:]:
        if not any(c.strip() for c in r):
            continue
        read_count += 1
        if len(r) != len(COLUMNS):
            raise SourceError(FILE, f"row has {len(r)} cells, expected {len(COLUMNS)}; truncated or wrong delimiter?", row=line)
        rec = dict(zip(COLUMNS, (c.strip() for c in r)))
        if rec["units"] != "percent":
            raise SourceError(FILE, f"unexpected unit {rec['units']!r}; expected 'percent'", row=line, column="units")
        if not rec["year"].isdigit():
            raise SourceError(FILE, f"year {rec['year']!r} is not a year", row=line, column="year")
        area = rec["geo_area"].lstrip("0") or "0"
        if area in AGGREGATES:
            geo_code, geo_type = f"M49_{area.zfill(3)}", AGGREGATES[area]
        elif area in to_iso3:
            geo_code, geo_type = to_iso3[area], "country"
        else:
            raise SourceError(FILE, f"unknown M49 area code {rec['geo_area']!r}", row=line, column="geo_area")
        v = number(rec["si_rmt_cost"], file=FILE, row=line, column="si_rmt_cost")
        if v is None:
            empty_lines.append(line)
            continue
        if v > 100:
            raise SourceError(FILE, f"cost of {v}% of the amount remitted is impossible", row=line, column="si_rmt_cost")
        out.append(
            {
                "indicator_id": INDICATOR_ID,
                "geo_code": geo_code,
                "geo_type": geo_type,
                "year": int(rec["year"]),
                "period": rec["year"],
                "sex": "total",
                "age": "all",
                "breakdown": "total",
                "value": v,
                "lower": None,
                "upper": None,
                "obs_type": "estimate",
                "source_id": SOURCE_ID,
                "note": None,
                "src_file": FILE,
                "src_line": line,
            }
        )
    obs = frame(out, OBS_COLUMNS)
    check_unique(obs, ["geo_code", "year"])
    obs, drops, comparison = compare_with_wdi(obs, _wdi_cost_to_country(ctx))
    dropped_lines = {r for d in drops for r in d.rows}
    drops += [Drop(FILE, (line,), "no_value", "empty cell", INDICATOR_ID) for line in empty_lines if line not in dropped_lines]
    caveat = (
        "2020 release: years 2011, 2015, 2017 and 2018 only. Regions are SDG regional groupings. "
        f"Country values were compared with the World Bank's cost of sending to the country (WDI {WDI_SERIES}, same custodian): "
        f"{comparison.agreed} of {comparison.compared} agree to one decimal and are kept; {comparison.compared - comparison.agreed} disagree "
        "(several carry another country's figure, e.g. Cameroon's 2017 value is Cabo Verde's) and "
        f"{sum(1 for d in drops if d.reason == 'unconfirmed_no_wdi_value')} have no World Bank value to check against; all of these are withheld. "
        "For country maps and trends use the World Bank indicator."
    )
    return SourceOutput(
        observations=obs,
        indicators=[replace(INDICATORS[0], caveats=caveat)],
        sources=[SOURCE],
        rows_read={FILE: read_count},
        drops=drops,
        comparisons=[comparison],
    )


WDI_SERIES = "SI.RMT.COST.IB.ZS"
TOLERANCE = 0.05 + 1e-9  # SDG publishes one decimal; WDI's value rounded half-up may differ by 0.05


def _wdi_cost_to_country(ctx: BuildContext) -> dict[tuple[str, int], float]:
    recs = costs_wdi._parse_series(ctx, WDI_SERIES, costs_wdi._aggregate_codes(ctx))
    return {(r["geo_code"], r["year"]): r["value"] for r in recs if r["geo_type"] == "country"}


def compare_with_wdi(obs, wdi: dict[tuple[str, int], float]):
    """Keep a country value only where WDI confirms it; quarantine the others, naming any country whose WDI value it equals."""
    keep, drops, disagreements, compared = [], [], [], 0
    obs = obs.copy()
    for idx, r in obs.iterrows():
        if r["geo_type"] != "country":
            keep.append(idx)
            continue
        key = (r["geo_code"], int(r["year"]))
        twins = sorted(g for (g, y), v in wdi.items() if y == key[1] and g != key[0] and abs(v - r["value"]) <= TOLERANCE)
        twin_text = f"; equals the WDI value of {', '.join(twins)}" if twins else ""
        if key not in wdi:
            drops.append(
                Drop(
                    FILE,
                    (int(r["src_line"]),),
                    "unconfirmed_no_wdi_value",
                    f"{key[0]} {key[1]}: {r['value']} (WDI has no value to confirm it{twin_text})",
                    INDICATOR_ID,
                    quarantined=True,
                )
            )
            continue
        compared += 1
        if abs(wdi[key] - r["value"]) <= TOLERANCE:
            keep.append(idx)
            # Cite the agreeing publisher beside the value.
            obs.at[idx, "note"] = f"Confirmed by the World Bank's WDI {WDI_SERIES} ({costs_wdi.SOURCE.as_of}): {wdi[key]:.2f}."
            continue
        line = f"{key[0]} {key[1]}: SDG {r['value']} vs WDI {wdi[key]:.2f}{twin_text}"
        disagreements.append(line)
        drops.append(Drop(FILE, (int(r["src_line"]),), "disagrees_with_wdi", line, INDICATOR_ID, quarantined=True))
    comparison = Comparison(
        id="sdg_10c1_vs_wdi_cost_to_country",
        target=INDICATOR_ID,
        sources=(costs_wdi.SOURCE_ID, SOURCE_ID),
        compared=compared,
        agreed=compared - len(disagreements),
        tolerance="|SDG value - WDI value| <= 0.05 percentage points (SDG publishes one decimal)",
        disagreements=tuple(disagreements),
        resolution="quarantined" if disagreements else "",
    )
    return obs.loc[keep].reset_index(drop=True), drops, comparison
