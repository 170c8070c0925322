"""UN DESA International Migrant Stock 2024, Origin workbook: Tables 1 and 2 (migration/).

International migrants by country or area of origin (emigrants living abroad), by sex, and women's
share of them. Same layout and area codes as the Destination tables (see _undesa2024); one extra
row, 'OTHER' (code 2003), holds migrants whose origin is unknown: it counts in World only and is
returned as a Drop. Who leaves matters for women migrant workers: these are the origin-side figures.
"""

from __future__ import annotations

import pandas as pd

from ..context import BuildContext
from ..output import Indicator, SourceOutput
from . import _undesa2024 as ims24
from ._obs import load_areas
from ._undesa2024 import (
    MIGRANT_NOTES,
    SEX_PREFIX,
    SHARE_PREFIX,
    areas_by_index,
    check_same_rows,
    migrant_notes,
    observations,
    read_ims,
)

T1, T2 = ims24.ORIGIN_T1, ims24.ORIGIN_T2
SOURCE = ims24.ORIGIN_SOURCE


def parse(ctx: BuildContext) -> SourceOutput:
    areas = load_areas(ctx)
    notes = migrant_notes(ctx)
    t1 = read_ims(ctx, T1, SEX_PREFIX, "Coverage")
    geos = areas_by_index(t1, areas, T1)
    t2 = read_ims(ctx, T2, SHARE_PREFIX, "Coverage")
    check_same_rows(t2, T2, t1, T1)
    results = [
        observations(ctx, t1, T1, geos, notes, "Coverage", MIGRANT_NOTES, "emigrant_stock", SEX_PREFIX, hi=None, source_id=SOURCE.id),
        observations(ctx, t2, T2, geos, notes, "Coverage", MIGRANT_NOTES, "emigrant_women_share", SHARE_PREFIX, hi=100.0, source_id=SOURCE.id),
    ]
    return SourceOutput(
        observations=pd.concat([r.frame for r in results], ignore_index=True),
        indicators=INDICATORS,
        sources=[SOURCE],
        rows_read={T1: results[0].rows_read, T2: results[1].rows_read},
        drops=[d for r in results for d in r.drops],
    )


_CAVEAT = (
    "Mid-year estimates (1 July) for 1990-2020 at 5-year steps and 2024, IMS 2024 revision (Origin workbook). "
    "Counts people born in (or citizens of) the country who live in another country, as recorded by the destination "
    "countries, plus refugees where noted; it is all emigrants, not migrant workers, and destinations that count "
    "foreign citizens instead of the foreign-born record some people under a different origin. "
    "Migrants of unknown origin (the file's OTHER row) count in World only. "
    "The note on each row gives the Data type code and country notes of the origin country's row."
)
INDICATORS = [
    Indicator(
        id="emigrant_stock",
        theme="context",
        title="Emigrants: international migrants from the country living abroad",
        definition="Number of international migrants whose country or area of origin is this country, living in any other country at mid-year, by sex (total, women, men). Stored in persons, as published in IMS 2024 Origin Table 1.",
        unit="persons",
        unit_short="people",
        table="observations",
        source_ids=(SOURCE.id,),
        series_code="IMS 2024 Origin Table 1",
        sdg="",
        decimals=0,
        higher_is_better=None,
        caveats=_CAVEAT,
    ),
    Indicator(
        id="emigrant_women_share",
        theme="context",
        title="Women's share of emigrants",
        definition="Female international migrants from this country of origin as a percentage of all international migrants from it (IMS 2024 Origin Table 2).",
        unit="% of emigrants",
        unit_short="%",
        table="observations",
        source_ids=(SOURCE.id,),
        series_code="IMS 2024 Origin Table 2",
        sdg="",
        decimals=1,
        higher_is_better=None,
        caveats=_CAVEAT,
    ),
]
