"""UN SDG Global Database series SI_RMT_COST (SDG 10.c.1), 2020 release via Gapminder DDF.

``geo_area,nature,units,year,si_rmt_cost`` with UN M49 numeric areas. Its own indicator:
it is the official SDG series and the only file with the global and SDG-regional averages
(World 9.3 % in 2011 to 6.9 % in 2018). Its country values repeat WDI's cost to the country
rounded to one decimal, for four years only, so it is not offered as a map.

Not used: ``sdg_10-c-1_KOR_kostat.csv`` republishes WDI's cost of sending from Korea
(equal to two decimals for 2011-2020) plus a 2021 value; one country's extra year would make
Korea's "latest" incomparable with every other country's, so it is left out.
"""
from __future__ import annotations

import pycountry

from ..context import BuildContext
from ..errors import SourceError
from ..output import Indicator, Source, SourceOutput
from ._costs_io import COST_REFERENCE_LINES, COST_TARGET, OBS_COLUMNS, check_unique, frame, number, read_rows, rel

FILE = rel("sdg_10c1_SI_RMT_COST_unsd_via_gapminder_ddf_2020-10.csv")
SOURCE_ID = "unsd-sdg-si-rmt-cost-2020"
INDICATOR_ID = "remittance_cost_sdg_10c1"
COLUMNS = ["geo_area", "nature", "units", "year", "si_rmt_cost"]
# Published aggregates: World and the SDG regional groupings (UNSD's own area codes).
AGGREGATES = {"1": "world", "62": "region", "202": "region", "419": "region", "513": "region", "543": "region", "747": "region", "753": "region"}

SOURCE = Source(
    id=SOURCE_ID, publisher="UN Statistics Division (SDG Global Database); custodian World Bank",
    title="SDG indicator 10.c.1, series SI_RMT_COST: remittance costs as a proportion of the amount remitted",
    url="https://unstats.un.org/sdgs/dataportal",
    licence="CC BY 4.0 (Gapminder DDF package); UN SDG Global Database terms of use apply to the underlying data",
    as_of="2020-05", files=(FILE,),
    citation="United Nations Statistics Division, Global SDG Indicators Database, series SI_RMT_COST (World Bank, Remittance Prices Worldwide), 2020 release; repackaged by Gapminder (open-numbers/ddf--unstats--sdg_indicators).",
)
INDICATORS = [
    Indicator(
        id=INDICATOR_ID, theme="costs", title="Remittance costs, SDG 10.c.1 (UN SDG database)",
        definition="Average cost of sending remittances, as a percentage of the amount remitted, as reported for SDG indicator 10.c.1 in the UN SDG Global Database: for a country, the cost of sending to it; for the world and regions, the global and regional averages computed by the World Bank.",
        unit="% of amount remitted", unit_short="%", table="observations", source_ids=(SOURCE_ID,),
        series_code="SI_RMT_COST", sdg="10.c.1", decimals=1, higher_is_better=False,
        target=COST_TARGET, reference_lines=COST_REFERENCE_LINES, mappable=False,
        caveats=(
            "2020 release: years 2011, 2015, 2017 and 2018 only. Country values equal the World Bank's cost of sending "
            "to the country rounded to one decimal; use that indicator for maps and trends. Regions are SDG regional groupings."
        ),
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
    out = []
    for line, r in rows[1:]:
        if not any(c.strip() for c in r):
            continue
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
            continue
        if v > 100:
            raise SourceError(FILE, f"cost of {v}% of the amount remitted is impossible", row=line, column="si_rmt_cost")
        out.append({
            "indicator_id": INDICATOR_ID, "geo_code": geo_code, "geo_type": geo_type, "year": int(rec["year"]),
            "period": rec["year"], "sex": "total", "age": "all", "breakdown": "total", "value": v,
            "lower": None, "upper": None, "obs_type": "estimate", "source_id": SOURCE_ID, "note": None,
            "src_file": FILE, "src_line": line,
        })
    obs = frame(out, OBS_COLUMNS)
    check_unique(obs, ["geo_code", "year"])
    return SourceOutput(observations=obs, indicators=INDICATORS, sources=[SOURCE])
