"""Reading the UN DESA International Migrant Stock 2024 tables (destination and origin workbooks).

Shared by undesa_migrant_stock (destination, population) and undesa_ims2024_origin (origin), so both
classify areas, read notes and account for every row in the same way. Kept private (leading
underscore) so the build does not mistake it for a parser.

Every area row is either kept (as a country, M49 region or World) or returned as a Drop with a
reason: areas with an M49 code but no ISO 3166 code (Channel Islands), development and income
groups with no M49 equivalent, areas the publisher gives no value for, and areas listed twice with
identical values (Australia/New Zealand as SDG region and as sub-region).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from ..context import BuildContext
from ..errors import SourceError
from ..output import Drop, Source
from ._integrity import check_no_repeated_frame_rows
from ._obs import (
    NO_ISO3_AREAS,
    Areas,
    check_range,
    check_unique,
    number,
    obs_frame,
    read_table,
)

DIR = "migration/"
MIGRANT_NOTES = DIR + "undesa_ims2024_migrant_notes.csv"
POPULATION_NOTES = DIR + "undesa_ims2024_population_notes.csv"

NAME = "Region, development group, country or area"
YEARS = (1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024)
SEX_PREFIX = {"both_sexes": "total", "male": "male", "female": "female"}
SHARE_PREFIX = {"female_share_pct": "female"}
WORLD_CODE = "900"  # the Population Division's code for World
OTHER_ORIGIN_CODE = "2003"  # Origin Table 1: 'OTHER', origin unknown or not attributable to a country
ROUNDING_EXCESS = 0.01  # percentage points above 100 that rounding of the publisher's population can produce
DATA_TYPE = {"B": "foreign-born population", "C": "foreign citizens", "R": "refugees added", "I": "imputed"}


@dataclass
class TableResult:
    """What one table gave: observation rows, every row not kept (with why), rows read."""

    frame: pd.DataFrame
    rows_read: int
    drops: list[Drop] = field(default_factory=list)


def migrant_notes(ctx: BuildContext) -> dict[str, str]:
    """Numbered notes of the 'Migrant notes' sheet (first column '12' -> note 12), referenced by `Coverage`."""
    return _notes(ctx, MIGRANT_NOTES, r"\d+")


def population_notes(ctx: BuildContext) -> dict[str, str]:
    """Lettered / 'B12' notes of the 'Population notes' sheet, referenced by Table 2's `Population notes`."""
    return _notes(ctx, POPULATION_NOTES, r"[a-z]|B\d+")


def _notes(ctx: BuildContext, rel: str, key: str) -> dict[str, str]:
    df = read_table(ctx, rel, [])
    check_no_repeated_frame_rows(df, file=rel)
    if len(df.columns) < 3:  # first column (no header) + note text + src_line
        raise SourceError(rel, "expected a key column and a note text column", row=1)
    num, text = df.columns[0], df.columns[1]
    out: dict[str, str] = {}
    for r in df.to_dict("records"):
        k = r[num].strip()
        if re.fullmatch(key, k):
            if k in out:
                raise SourceError(rel, f"note {k} defined twice", row=r["src_line"], column="(first column)")
            out[k] = r[text].strip()
    if not out:
        raise SourceError(rel, f"no numbered notes found (keys like {key!r} in the first column)")
    return out


def read_ims(ctx: BuildContext, rel: str, prefixes: dict[str, str], notes_column: str, location: bool = True) -> pd.DataFrame:
    cols = [f"{p}_{y}" for p in prefixes for y in YEARS]
    base = ["Index", NAME, notes_column, "Data type"] + (["Location code"] if location else [])
    df = read_table(ctx, rel, base + cols)
    # Each line keeps the workbook's own Index (SOURCES.md: row order unchanged), so an exact repeat of
    # a whole line is a copying error; it would otherwise vanish with the areas the file lists twice.
    check_no_repeated_frame_rows(df, file=rel)
    for r in df.to_dict("records"):
        if not r["Index"].strip().isdigit():
            raise SourceError(rel, f"Index {r['Index']!r} is not a row number", row=r["src_line"], column="Index")
        if location and not r["Location code"].strip().isdigit():
            raise SourceError(rel, f"location code {r['Location code']!r} is not numeric", row=r["src_line"], column="Location code")
    return df


def areas_by_index(df: pd.DataFrame, areas: Areas, file: str) -> dict[str, tuple[str, str] | Drop]:
    out = {}
    for r in df.to_dict("records"):
        k = r["Index"].strip()
        if k in out:
            raise SourceError(file, f"Index {k} appears twice", row=r["src_line"], column="Index")
        out[k] = classify(r, areas, file)
    return out


def check_same_rows(df: pd.DataFrame, file: str, ref: pd.DataFrame, ref_file: str) -> None:
    """Tables of one workbook list the same areas in the same order: Index and name agree row by row."""
    ref_names = {r["Index"].strip(): r[NAME].strip() for r in ref.to_dict("records")}
    for r in df.to_dict("records"):
        k = r["Index"].strip()
        if ref_names.get(k) != r[NAME].strip():
            raise SourceError(file, f"Index {k} is {r[NAME].strip()!r} here but {ref_names.get(k)!r} in {ref_file}", row=r["src_line"], column=NAME)
    if len(df) != len(ref):
        raise SourceError(file, f"{len(df)} area rows, but {ref_file} has {len(ref)}")


def classify(r: dict, areas: Areas, file: str) -> tuple[str, str] | Drop:
    """(geo_code, geo_type) for a kept area, or the Drop saying why this row has no place in the data."""
    line, code, name = r["src_line"], r["Location code"].strip(), r[NAME].strip()
    # Countries and areas carry M49 codes below 900; aggregates carry Population Division codes from 900 up.
    # (`Data type` does not tell them apart in 2024: the Australia/New Zealand sub-region, 927, carries one.)
    if int(code) < 900:
        geo = areas.resolve(code, file=file, row=line, column="Location code")
        if geo is not None:
            return geo
        code3 = code.zfill(3)
        why = "an area with an M49 code but no ISO 3166 code" if code3 in NO_ISO3_AREAS else "an M49 group, not an area"
        return Drop(
            file,
            (line,),
            "no_iso3_code",
            f"{name} (M49 {code}): no ISO 3166 country code in the countries table ({why}); its figures count in its region and World, not as a country",
        )
    if code == WORLD_CODE:
        return "M49_001", "world"
    if code == OTHER_ORIGIN_CODE:
        return Drop(
            file,
            (line,),
            "origin_not_attributable",
            f"{name} (code {code}): migrants whose origin is unknown or not attributable to a country; counted in World only",
        )
    m49 = areas.region_code(name.replace("/", " and "))  # 2024 writes 'Australia/New Zealand'; M49 'Australia and New Zealand'
    if m49:
        return f"M49_{m49}", "region"
    return Drop(file, (line,), "no_m49_aggregate", f"{name} (Population Division code {code}): development or income group with no M49 equivalent")


def note_text(r: dict, notes: dict[str, str], notes_column: str, notes_file: str, file: str) -> str | None:
    parts = []
    if r["Data type"].strip():
        codes = r["Data type"].split()
        unknown = [c for c in codes if c not in DATA_TYPE]
        if unknown:
            raise SourceError(file, f"unknown Data type code(s) {unknown}", row=r["src_line"], column="Data type")
        parts.append("Data type " + " ".join(codes) + ": " + ", ".join(DATA_TYPE[c] for c in codes) + ".")
    for n in re.split(r"[\s,;]+", r[notes_column].strip()):
        if not n:
            continue
        if n not in notes:
            raise SourceError(file, f"note {n!r} is not in {notes_file}", row=r["src_line"], column=notes_column)
        parts.append(f"Note {n}: {notes[n]}")
    return " ".join(parts) or None


def observations(
    ctx,
    df: pd.DataFrame,
    file: str,
    geos: dict[str, tuple[str, str] | Drop],
    notes: dict[str, str],
    notes_column: str,
    notes_file: str,
    indicator: str,
    prefixes: dict[str, str],
    hi: float | None,
    source_id: str,
) -> TableResult:
    """Rows of one table; ``geos`` maps each row's Index to its area (or its Drop)."""
    rows, drops = [], []
    for r in df.to_dict("records"):
        line = r["src_line"]
        geo = geos[r["Index"].strip()]
        if isinstance(geo, Drop):
            drops.append(Drop(file, (line,), geo.reason, geo.detail, indicator))
            continue
        note = note_text(r, notes, notes_column, notes_file, file)
        got = []
        for prefix, sex in prefixes.items():
            for y in YEARS:
                col = f"{prefix}_{y}"
                v = number(r[col], file=file, row=line, column=col)
                if v is None:
                    continue  # empty cell: not available, no row
                if hi is not None and hi < v <= hi + ROUNDING_EXCESS:
                    # Bonaire, Sint Eustatius and Saba: migrant stock exceeds the rounded population by a person or
                    # so, giving 100.005 %. Not a possible share, and not ours to round: the cell is left out.
                    drops.append(
                        Drop(
                            file,
                            (line,),
                            "share_above_100",
                            f"{r[NAME].strip()}, {col} = {v!r}: above 100 % by rounding in the publisher's population figure; this cell is not served",
                            indicator,
                        )
                    )
                    continue
                check_range(v, 0, hi, file=file, row=line, column=col, what="value")
                got.append(
                    dict(
                        indicator_id=indicator,
                        geo_code=geo[0],
                        geo_type=geo[1],
                        year=y,
                        period=str(y),
                        sex=sex,
                        age="all",
                        breakdown="total",
                        value=v,
                        lower=None,
                        upper=None,
                        obs_type="estimate",
                        source_id=source_id,
                        note=note,
                        src_file=file,
                        src_line=line,
                    )
                )
        if not got:
            drops.append(Drop(file, (line,), "no_values", f"{r[NAME].strip()}: the publisher gives no estimate in any year", indicator))
        rows.extend(got)
    out = obs_frame(rows)
    out, repeated = _one_line_per_area(out, file, indicator)
    check_unique(out, file)
    return TableResult(out, rows_read=len(df), drops=drops + repeated)


def _values(d: pd.DataFrame) -> list:
    return sorted(zip(d["year"], d["sex"], d["value"]))


def _one_line_per_area(out: pd.DataFrame, file: str, indicator: str) -> tuple[pd.DataFrame, list[Drop]]:
    """The file lists some areas twice (Australia/New Zealand as SDG region and sub-region): identical lines are one area."""
    drops = []
    keep = pd.Series(True, index=out.index)
    for geo, g in out.groupby("geo_code", sort=True):
        lines = sorted(g["src_line"].unique())
        if len(lines) < 2:
            continue
        first = _values(g[g["src_line"] == lines[0]])
        for other in lines[1:]:
            o = g[g["src_line"] == other]
            if _values(o) != first:
                raise SourceError(file, f"area {geo} appears on lines {lines[0]} and {other} with different values", row=int(other))
            keep[o.index] = False
            drops.append(Drop(file, (int(other),), "repeated_area", f"{geo}: listed again (line {other}) with the same values as line {lines[0]}", indicator))
    return out[keep].reset_index(drop=True), drops


DEST_T1 = DIR + "undesa_ims2024_T1_migrant_stock_by_sex_destination.csv"
DEST_T2 = DIR + "undesa_ims2024_T2_total_population_by_sex_thousands.csv"
DEST_T3 = DIR + "undesa_ims2024_T3_migrant_stock_pct_of_population_by_sex.csv"
DEST_T4 = DIR + "undesa_ims2024_T4_female_share_of_migrant_stock_pct.csv"
ORIGIN_T1 = DIR + "undesa_ims2024_origin_T1_migrant_stock_by_sex_origin.csv"
ORIGIN_T2 = DIR + "undesa_ims2024_origin_T2_female_share_of_migrant_stock_by_origin_pct.csv"


def _source(id: str, workbook: str, tables: str, files: tuple[str, ...]) -> Source:
    return Source(
        id=id,
        publisher="United Nations, Department of Economic and Social Affairs, Population Division",
        title=f"International Migrant Stock 2024: {workbook} (POP/DB/MIG/Stock/Rev.2024), {tables}",
        url="https://www.un.org/development/desa/pd/content/international-migrant-stock",
        licence="CC BY 3.0 IGO",
        as_of="2024-07-01",
        files=files,
        citation=f"United Nations Department of Economic and Social Affairs, Population Division (2024). International Migrant Stock 2024: {workbook}.",
    )


DEST_SOURCE = _source("undesa-ims-2024-destination", "Destination", "Tables 1-4", (DEST_T1, DEST_T2, DEST_T3, DEST_T4, MIGRANT_NOTES, POPULATION_NOTES))
ORIGIN_SOURCE = _source("undesa-ims-2024-origin", "Origin", "Tables 1-2", (ORIGIN_T1, ORIGIN_T2, MIGRANT_NOTES))
