"""Derived indicator: detected trafficking victims per 100,000 population (GLOTIP / UN DESA IMS 2024 Table 2).

A separate step that reads no raw file of its own: it takes the parsed outputs of the two parsers
that own those files (glotip for the numerator, undesa_migrant_stock for the denominator), so each
raw file keeps exactly one parser and data still flows one way (raw -> parsers -> this -> data/).

    value = victims detected (country, year, sex; all ages; all forms)
            / (total population of the same country, year and sex, in thousands x 1,000) x 100,000

No interpolation: the population is published for 1990-2020 at 5-year steps and 2024, so only
GLOTIP years that are one of those get a rate. Missing where either part is missing.
"""

from __future__ import annotations

import pandas as pd

from ..context import BuildContext
from ..output import Indicator, SourceOutput
from . import glotip, undesa_migrant_stock
from ._obs import OBS_COLUMNS, obs_frame

PRIORITY = 150  # after the parsers it derives from, so it reads their outputs instead of parsing again
INDICATOR_ID = "trafficking_victims_per_100k"
NUMERATOR, DENOMINATOR = "trafficking_victims_detected", "population_thousands"
KEY = ["geo_code", "year", "sex"]


def derive(victims: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """Rates for every (country, year, sex) present in both inputs; nothing for the rest."""
    num = victims[(victims["indicator_id"] == NUMERATOR) & (victims["geo_type"] == "country") & (victims["age"] == "all") & (victims["breakdown"] == "total")]
    den = population[(population["indicator_id"] == DENOMINATOR) & (population["geo_type"] == "country")]
    den = den[KEY + ["value"]].rename(columns={"value": "population_thousands"})
    both = num.merge(den, on=KEY, how="inner", validate="one_to_one")
    both = both[both["population_thousands"] > 0]
    rows = []
    for r in both.sort_values(KEY).to_dict("records"):
        rate = r["value"] / (r["population_thousands"] * 1000.0) * 100000.0
        rows.append(
            dict(
                r,
                indicator_id=INDICATOR_ID,
                value=rate,
                lower=None,
                upper=None,
                note=(
                    f"{r['value']:.0f} victims detected (UNODC GLOTIP) / population {r['population_thousands']:g} thousand "
                    f"(UN DESA IMS 2024 Table 2, {r['year']}, sex {r['sex']}) x 100,000"
                ),
            )
        )
    return obs_frame([{k: row[k] for k in OBS_COLUMNS} for row in rows])


def parse(ctx: BuildContext) -> SourceOutput:
    victims = ctx.parsed(glotip).observations
    population = ctx.parsed(undesa_migrant_stock).observations
    return SourceOutput(observations=derive(victims, population), indicators=[INDICATOR])


INDICATOR = Indicator(
    id=INDICATOR_ID,
    theme="violence",
    title="Detected trafficking victims per 100,000 population",
    definition=(
        "Victims of trafficking in persons detected by national authorities in the year (UNODC GLOTIP, all ages, all forms "
        "of exploitation), divided by the total population of the same country, same year and same sex (UN DESA International "
        "Migrant Stock 2024, Table 2, mid-year, published in thousands and multiplied by 1,000), times 100,000. Women's rate: "
        "female victims per 100,000 women; men's: male victims per 100,000 men; total: all victims per 100,000 people. "
        "Computed by the dashboard, not published by UNODC. No interpolation: only years for which the population is published "
        "(1990, 1995, ..., 2020, 2024) have a rate; missing wherever the victim count or the population is missing."
    ),
    unit="victims detected per 100,000 population",
    unit_short="per 100k",
    table="observations",
    source_ids=(glotip.SOURCE_ID, undesa_migrant_stock.SOURCE.id),
    series_code="derived: GLOTIP detected victims / IMS 2024 Table 2 population",
    sdg="16.2.2",
    decimals=2,
    higher_is_better=None,
    caveats=(
        "Detection reflects the capacity and effort of authorities, not prevalence. Suppressed counts ('<5') and sex totals left "
        "out of the GLOTIP series give no rate. The population is total residents, not migrants: this is not a rate among migrant workers."
    ),
)
