"""CSV files that carry their own citation: commented ``# key: value`` lines, then the table.

One plain CSV rather than a zip with a README: it opens in every spreadsheet, and
``pandas.read_csv(f, comment="#")`` / R ``read.csv(f, comment.char="#")`` skip the header, while a
reader who opens it by hand sees title, source, citation, licence, as-of date and the page it came
from before any number. The same writer serves the explorer's download buttons and the API.
"""

from __future__ import annotations

import io
import re

import pandas as pd

CSV_COLUMNS = [
    "indicator_id",
    "geo_code",
    "geo_name",
    "geo_type",
    "year",
    "period",
    "sex",
    "age",
    "breakdown",
    "value",
    "lower",
    "upper",
    "obs_type",
    "source_id",
    "note",
]


def _one_line(text) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip()


def citation_header(
    indicator: dict, page_url: str | None = None, selection: str | None = None, data_version: str | None = None, extra: list[tuple[str, str]] | None = None
) -> list[tuple[str, str]]:
    """(key, value) pairs describing an indicator extract, in the order a reader needs them."""
    pairs = [
        ("Title", indicator.get("title")),
        ("Indicator id", indicator.get("id")),
        ("Unit", indicator.get("unit")),
        ("Selection", selection),
        ("Definition", indicator.get("definition")),
        ("Source", indicator.get("publisher")),
        ("Citation", indicator.get("citation")),
        ("Licence", indicator.get("licence")),
        ("Data as of", indicator.get("as_of")),
        ("Series code", indicator.get("series_code")),
        ("SDG indicator", indicator.get("sdg")),
        ("Caveats", indicator.get("caveats")),
        ("Page", page_url),
        ("Data version", data_version),
    ]
    pairs += list(extra or [])
    return [(k, _one_line(v)) for k, v in pairs if v not in (None, "", [])]


def write_csv(rows: pd.DataFrame, header_lines=()) -> str:
    """The one CSV writer (every download, API and feed path): ``# line`` comment lines (say what the rows
    are and how to cite them), then the rows as CSV (LF line ends, no index, missing values empty)."""
    out = io.StringIO()
    for line in header_lines:
        out.write("# " + str(line).replace("\n", " ") + "\n")
    rows.to_csv(out, index=False, lineterminator="\n")
    return out.getvalue()


def csv_with_header(rows: pd.DataFrame, header: list[tuple[str, str]], columns: list[str] | None = None) -> str:
    """``# key: value`` lines (``citation_header``), then the rows as CSV."""
    cols = columns if columns is not None else [c for c in CSV_COLUMNS if c in rows.columns] or list(rows.columns)
    return write_csv(rows.reindex(columns=cols), [f"{key}: {value}" for key, value in header])


def observation_rows(
    frame: pd.DataFrame, indicator_id: str, names: dict[str, str], sex: str | None = None, age: str | None = None, breakdown: str | None = None
) -> pd.DataFrame:
    """Observation rows in the download column order, with a geo name column."""
    df = frame.copy()
    df["indicator_id"] = indicator_id
    df["geo_name"] = df["geo_code"].map(lambda c: names.get(c, c))
    for col, val in (("sex", sex), ("age", age), ("breakdown", breakdown)):
        if col not in df.columns:
            df[col] = val
    return df.reindex(columns=CSV_COLUMNS)


def safe_filename(*parts) -> str:
    stem = "_".join(re.sub(r"[^A-Za-z0-9+-]+", "-", str(p)).strip("-") for p in parts if p not in (None, ""))
    return (stem or "data")[:120] + ".csv"
