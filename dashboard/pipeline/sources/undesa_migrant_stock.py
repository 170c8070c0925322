"""UN DESA International Migrant Stock 2024, Destination workbook: Tables 1-4 (migration/).

Serves the 2024 revision for every year, 1990-2024: it revised the 1990-2020 back series, so the
2020 release is not read at all (never two revisions in one series; migration/SOURCES.md).

Area rows with a `Data type` code are countries or areas (Location code = M49). Rows without one
are aggregates with Population Division codes (900 = World, 1834 = Sub-Saharan Africa, ...), which
are not M49 codes: they are matched by name to the UN M49 / SDG region lists and stored under the
M49 code. Every row not kept is returned as a Drop with its reason (see _undesa2024).

Table 2 (total population, thousands) has no M49 column (the workbook heads its data-type column
"Location code"); it is joined to Table 1 on `Index`, after checking names agree row by row.
"""

from __future__ import annotations

import pandas as pd

from ..context import BuildContext
from ..output import Indicator, SourceOutput
from . import _undesa2024 as ims24
from ._obs import load_areas
from ._undesa2024 import (
    MIGRANT_NOTES,
    POPULATION_NOTES,
    SEX_PREFIX,
    SHARE_PREFIX,
    areas_by_index,
    check_same_rows,
    migrant_notes,
    observations,
    population_notes,
    read_ims,
)

T1, T2, T3, T4 = ims24.DEST_T1, ims24.DEST_T2, ims24.DEST_T3, ims24.DEST_T4
SOURCE = ims24.DEST_SOURCE


def parse(ctx: BuildContext) -> SourceOutput:
    areas = load_areas(ctx)
    notes, pop_notes = migrant_notes(ctx), population_notes(ctx)
    t1 = read_ims(ctx, T1, SEX_PREFIX, "Coverage")
    geos = areas_by_index(t1, areas, T1)
    results = [observations(ctx, t1, T1, geos, notes, "Coverage", MIGRANT_NOTES, "migrant_stock", SEX_PREFIX, hi=None, source_id=SOURCE.id)]
    for file, indicator, prefixes in ((T3, "migrants_pct_population", SEX_PREFIX), (T4, "migrant_women_share", SHARE_PREFIX)):
        df = read_ims(ctx, file, prefixes, "Coverage")
        check_same_rows(df, file, t1, T1)
        results.append(observations(ctx, df, file, geos, notes, "Coverage", MIGRANT_NOTES, indicator, prefixes, hi=100.0, source_id=SOURCE.id))
    t2 = read_ims(ctx, T2, SEX_PREFIX, "Population notes", location=False)
    check_same_rows(t2, T2, t1, T1)
    results.append(
        observations(ctx, t2, T2, geos, pop_notes, "Population notes", POPULATION_NOTES, "population_thousands", SEX_PREFIX, hi=None, source_id=SOURCE.id)
    )
    return SourceOutput(
        observations=pd.concat([r.frame for r in results], ignore_index=True),
        indicators=INDICATORS,
        sources=[SOURCE],
        rows_read={f: r.rows_read for f, r in zip((T1, T3, T4, T2), results)},
        drops=[d for r in results for d in r.drops],
    )


_CAVEAT = (
    "Mid-year estimates (1 July) for 1990-2020 at 5-year steps and 2024, all from the IMS 2024 revision, which revised "
    "the back series for about a quarter of the areas (so figures differ from the IMS 2020 release; the two are never mixed). "
    "Migrants are the foreign-born (or foreign citizens where the country counts those), plus refugees where noted; "
    "this is all international migrants, not migrant workers. The note on each row gives the Data type code and country notes. "
    "Areas without an ISO 3166 code (Channel Islands) are not shown as countries; they count in their regions and World."
)
INDICATORS = [
    Indicator(
        id="migrant_stock",
        theme="context",
        title="International migrants living in the country",
        definition="Number of international migrants (people living in a country other than their country of birth or citizenship) at mid-year, by sex, in the country of destination. Stored in persons, as published in Table 1.",
        unit="persons",
        unit_short="people",
        table="observations",
        source_ids=(SOURCE.id,),
        series_code="IMS 2024 Destination Table 1",
        sdg="",
        decimals=0,
        higher_is_better=None,
        caveats=_CAVEAT,
    ),
    Indicator(
        id="migrants_pct_population",
        theme="context",
        title="International migrants as a share of the population",
        definition="International migrant stock as a percentage of the total population, by sex (women migrants as % of all women, and so on).",
        unit="% of population",
        unit_short="%",
        table="observations",
        source_ids=(SOURCE.id,),
        series_code="IMS 2024 Destination Table 3",
        sdg="",
        decimals=1,
        higher_is_better=None,
        caveats=_CAVEAT,
    ),
    Indicator(
        id="migrant_women_share",
        theme="context",
        title="Women's share of international migrants",
        definition="Female international migrants as a percentage of all international migrants in the country of destination.",
        unit="% of international migrants",
        unit_short="%",
        table="observations",
        source_ids=(SOURCE.id,),
        series_code="IMS 2024 Destination Table 4",
        sdg="",
        decimals=1,
        higher_is_better=None,
        caveats=_CAVEAT,
    ),
    Indicator(
        id="population_thousands",
        theme="context",
        title="Total population",
        definition="Total population at mid-year (1 July), by sex, in thousands, as published in IMS 2024 Destination Table 2 (the population estimates the Population Division used as the denominator of Table 3).",
        unit="thousands of persons",
        unit_short="thousand",
        table="observations",
        source_ids=(SOURCE.id,),
        series_code="IMS 2024 Destination Table 2",
        sdg="",
        decimals=1,
        higher_is_better=None,
        caveats="Population estimates of the IMS 2024 workbook (years 1990-2020 at 5-year steps and 2024), consistent with its migrant shares. Areas without an ISO 3166 code (Channel Islands) are not shown as countries.",
    ),
]
