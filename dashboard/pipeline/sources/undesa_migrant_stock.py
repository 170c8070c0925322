"""UN DESA International Migrant Stock 2020 (destination), Tables 1, 3 and 4 (migration/).

Rows with a 'Type of data' code are countries or areas (Location code = M49). Rows without
one are aggregates with Population Division codes (900 = World, 903 = Africa, ...), which are
not M49 codes: they are matched by name to the UN M49 / SDG region lists and stored under
the M49 code. Development groups and World Bank income groups have no M49 equivalent and
are dropped on purpose.
"""
from __future__ import annotations

import re

import pandas as pd

from ..context import BuildContext
from ..errors import SourceError
from ..output import Indicator, Source, SourceOutput
from ._integrity import check_no_repeated_frame_rows
from ._obs import Areas, check_range, check_unique, load_areas, number, obs_frame, read_table

DIR = "migration/"
T1 = DIR + "undesa_ims2020_T1_migrant_stock_by_sex_destination.csv"
T3 = DIR + "undesa_ims2020_T3_migrant_stock_pct_of_population_by_sex.csv"
T4 = DIR + "undesa_ims2020_T4_female_share_of_migrant_stock_pct.csv"
NOTES = DIR + "undesa_ims2020_notes.csv"
SOURCE_ID = "undesa-ims-2020"

NAME = "Region, development group, country or area"
BASE = ["Index", NAME, "Notes", "Location code", "Type of data"]
YEARS = range(1990, 2021, 5)
SEX_PREFIX = {"both_sexes": "total", "male": "male", "female": "female"}
WORLD_CODE = "900"  # the Population Division's code for World
TYPE_OF_DATA = {"B": "foreign-born population", "C": "foreign citizens", "R": "refugees added", "I": "imputed"}


def parse(ctx: BuildContext) -> SourceOutput:
    areas = load_areas(ctx)
    notes = _notes(ctx)
    frames = [
        _table(ctx, areas, notes, T1, "migrant_stock", SEX_PREFIX, hi=None),
        _table(ctx, areas, notes, T3, "migrants_pct_population", SEX_PREFIX, hi=100.0),
        _table(ctx, areas, notes, T4, "migrant_women_share", {"female_share_pct": "female"}, hi=100.0),
    ]
    return SourceOutput(observations=pd.concat(frames, ignore_index=True), indicators=INDICATORS, sources=[SOURCE])


def _notes(ctx: BuildContext) -> dict[str, str]:
    """Numbered country notes of the 'Notes' sheet (first column '12.0' -> note 12)."""
    df = read_table(ctx, NOTES, ["Notes"])
    check_no_repeated_frame_rows(df, file=NOTES)  # see _table
    num = df.columns[0]
    out = {}
    for r in df.to_dict("records"):
        if re.fullmatch(r"\d+(\.0)?", r[num].strip()):
            out[str(int(float(r[num])))] = r["Notes"].strip()
    return out


def _geo(r: dict, areas: Areas, file: str) -> tuple[str, str] | None:
    line = r["src_line"]
    code = r["Location code"]
    # Countries carry a Type of data code; a few (Taiwan, Saint Barthelemy) only an M49 code below 900.
    if r["Type of data"].strip() or int(code) < 900:
        return areas.resolve(r["Location code"], file=file, row=line, column="Location code")
    if code == WORLD_CODE:
        return "M49_001", "world"
    m49 = areas.region_code(r[NAME])
    return (f"M49_{m49}", "region") if m49 else None  # development / income groups


def _note(r: dict, notes: dict[str, str], file: str) -> str | None:
    parts = []
    if r["Type of data"].strip():
        codes = r["Type of data"].split()
        unknown = [c for c in codes if c not in TYPE_OF_DATA]
        if unknown:
            raise SourceError(file, f"unknown Type of data code(s) {unknown}", row=r["src_line"], column="Type of data")
        parts.append("Type of data " + r["Type of data"].strip() + ": " + ", ".join(TYPE_OF_DATA[c] for c in codes) + ".")
    for n in re.findall(r"\d+", r["Notes"]):
        if n not in notes:
            raise SourceError(file, f"note {n} is not in {NOTES}", row=r["src_line"], column="Notes")
        parts.append(f"Note {n}: {notes[n]}")
    return " ".join(parts) or None


def _table(ctx, areas, notes, file, indicator, prefixes, hi):
    cols = [f"{p}_{y}" for p in prefixes for y in YEARS]
    df = read_table(ctx, file, BASE + cols)
    # Areas listed twice (see below) repeat values, never a whole line: each line keeps the
    # workbook's own Index (migration/SOURCES.md: row order and columns unchanged). An exact repeat
    # is therefore a copying error, and would otherwise be dropped silently with those repeats.
    check_no_repeated_frame_rows(df, file=file)
    rows = []
    for r in df.to_dict("records"):
        line = r["src_line"]
        if not r["Location code"].strip().isdigit():
            raise SourceError(file, f"location code {r['Location code']!r} is not numeric", row=line, column="Location code")
        geo = _geo(r, areas, file)
        if geo is None:
            continue
        note = _note(r, notes, file)
        for prefix, sex in prefixes.items():
            for y in YEARS:
                col = f"{prefix}_{y}"
                v = number(r[col], file=file, row=line, column=col)
                if v is None:
                    continue  # '..' not available: no row
                check_range(v, 0, hi, file=file, row=line, column=col, what="value")
                rows.append(dict(
                    indicator_id=indicator, geo_code=geo[0], geo_type=geo[1], year=y, period=str(y), sex=sex, age="all",
                    breakdown="total", value=v, lower=None, upper=None, obs_type="estimate", source_id=SOURCE_ID,
                    note=note, src_file=file, src_line=line,
                ))
    out = obs_frame(rows)
    # The file lists some areas twice (Australia and New Zealand as SDG region and as
    # sub-region; Latin America and the Caribbean likewise): identical repeats are one row.
    out = out.drop_duplicates([c for c in out.columns if c not in ("src_line", "note")]).reset_index(drop=True)
    check_unique(out, file)
    return out


SOURCE = Source(
    id=SOURCE_ID, publisher="United Nations, Department of Economic and Social Affairs, Population Division",
    title="International Migrant Stock 2020: Destination (POP/DB/MIG/Stock/Rev.2020), Tables 1, 3 and 4",
    url="https://www.un.org/development/desa/pd/content/international-migrant-stock", licence="CC BY 3.0 IGO",
    as_of="2020-07-01", files=(T1, T3, T4, NOTES),
    citation="United Nations Department of Economic and Social Affairs, Population Division (2020). International Migrant Stock 2020.",
)

_CAVEAT = ("Mid-year estimates at 5-year steps (1990-2020), IMS 2020 revision (the 2024 revision was not available). "
           "Migrants are the foreign-born (or foreign citizens where the country counts those), plus refugees where noted; "
           "this is all international migrants, not migrant workers. The note on each row gives the Type of data code and country notes.")
INDICATORS = [
    Indicator(
        id="migrant_stock", theme="context", title="International migrants living in the country",
        definition="Number of international migrants (people living in a country other than their country of birth or citizenship) at mid-year, by sex, in the country of destination. Stored in persons, as published in Table 1.",
        unit="persons", unit_short="people", table="observations", source_ids=(SOURCE_ID,), series_code="IMS 2020 Table 1", sdg="", decimals=0,
        higher_is_better=None, caveats=_CAVEAT,
    ),
    Indicator(
        id="migrants_pct_population", theme="context", title="International migrants as a share of the population",
        definition="International migrant stock as a percentage of the total population, by sex (women migrants as % of all women, and so on).",
        unit="% of population", unit_short="%", table="observations", source_ids=(SOURCE_ID,), series_code="IMS 2020 Table 3", sdg="", decimals=1,
        higher_is_better=None, caveats=_CAVEAT,
    ),
    Indicator(
        id="migrant_women_share", theme="context", title="Women's share of international migrants",
        definition="Female international migrants as a percentage of all international migrants in the country of destination.",
        unit="% of international migrants", unit_short="%", table="observations", source_ids=(SOURCE_ID,), series_code="IMS 2020 Table 4", sdg="", decimals=1,
        higher_is_better=None, caveats=_CAVEAT,
    ),
]
