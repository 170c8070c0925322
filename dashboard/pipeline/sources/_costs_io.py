"""Reading helpers and shared catalog pieces for the migration-cost parsers (raw/costs/).

Private module (leading underscore): the build does not run it as a parser.
"""

from __future__ import annotations

import csv
import io
import math
import re

import pandas as pd

from ..context import BuildContext
from ..errors import SourceError

FOLDER = "costs"

# SDG 10.c: reduce remittance costs to below 3 %, and eliminate corridors costing more than 5 %.
COST_TARGET = 3.0
COST_REFERENCE_LINES = ((3.0, "SDG 10.c target: 3 %"), (5.0, "5 % corridor threshold"))

# Cells that mean "no value" in World Bank exports ("..") and spreadsheets (blank, "-").
MISSING = {"", "..", "-"}

# Territories with no ISO 3166 alpha-3 code of their own; dropped on purpose wherever they appear.
NO_ISO3 = {
    "Channel Islands",  # WB code CHI: Jersey and Guernsey reported together
    "Netherlands-Antilles",  # RPW code ANT: dissolved in 2010, no current ISO code
}

CORRIDOR_COLUMNS = [
    "indicator_id",
    "origin_iso3",
    "destination_iso3",
    "year",
    "quarter",
    "period",
    "value",
    "source_id",
    "note",
    "src_file",
    "src_line",
]


def rel(name: str) -> str:
    return f"{FOLDER}/{name}"


def read_rows(ctx: BuildContext, relpath: str) -> list[tuple[int, list[str]]]:
    """Every CSV record with the 1-based physical line it starts on (quoted line breaks counted)."""
    path = ctx.path(relpath)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(relpath, f"not valid UTF-8 text (byte {exc.start})") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    out: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            out.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise SourceError(relpath, f"malformed CSV: {exc}", row=start) from None
    if not out:
        raise SourceError(relpath, "file is empty")
    return out


def number(cell: str, *, file: str, row: int, column: str, allow_negative: bool = False) -> float | None:
    """A numeric cell, or None for a missing marker; anything else stops the build."""
    s = cell.strip()
    if s in MISSING:
        return None
    try:
        v = float(s)
    except ValueError:
        raise SourceError(file, f"not a number: {cell!r}", row=row, column=column) from None
    if not math.isfinite(v):
        raise SourceError(file, f"not a finite number: {cell!r}", row=row, column=column)
    if v < 0 and not allow_negative:
        raise SourceError(file, f"impossible negative value {v!r}", row=row, column=column)
    return v


_ANNOTATION = re.compile(r"^(?P<name>.*?)\s*\((?P<note>[^()]*)\)\s*$")


def resolve_name(ctx: BuildContext, name: str, *, file: str, row: int, column: str) -> tuple[str, str | None]:
    """ISO3 for a World Bank country label, plus any trailing editorial remark in brackets.

    KNOMAD labels carry remarks such as "Israel (using CB data)"; names whose brackets are
    part of the name ("St. Martin (French part)") resolve whole and keep no remark.
    """
    label = name.strip()
    code = ctx.try_iso3(label)
    if code is not None:
        return code, None
    m = _ANNOTATION.match(label)
    if m and ctx.try_iso3(m["name"]) is not None:
        return ctx.try_iso3(m["name"]), m["note"].strip()
    return ctx.iso3(label, file=file, row=row, column=column), None


def frame(records: list[dict], columns: list[str]) -> pd.DataFrame:
    """Records -> frame with the dtypes the schemas expect (empty input gives typed empty columns)."""
    df = pd.DataFrame.from_records(records, columns=columns)
    df["year"] = df["year"].astype("int64")
    df["value"] = df["value"].astype("float64")
    df["src_line"] = df["src_line"].astype("int64")
    if "lower" in df:
        df["lower"] = df["lower"].astype("float64")
        df["upper"] = df["upper"].astype("float64")
    if "quarter" in df:
        df["quarter"] = df["quarter"].astype("Int64")
    for col in ("note",):
        df[col] = df[col].astype(object).where(df[col].notna(), None)
    return df


def check_unique(df: pd.DataFrame, key: list[str], file_col: str = "src_file") -> None:
    """Two rows for the same key would silently shadow each other: stop at the second one."""
    dup = df[df.duplicated(key, keep="first")]
    if not dup.empty:
        r = dup.iloc[0]
        what = ", ".join(f"{k}={r[k]}" for k in key)
        raise SourceError(r[file_col], f"duplicate entry for {what}", row=int(r["src_line"]))
