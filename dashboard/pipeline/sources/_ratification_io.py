"""Shared reading helpers for the ratification parsers (not a parser itself).

Every helper fails with a SourceError that names the file, line and column, so a
malformed publisher file stops the build with a message a person can act on.
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

from ..context import BuildContext
from ..errors import SourceError

EVENT_COLUMNS = ["instrument_id", "iso3", "action", "date", "in_force_date", "source_id", "as_of", "note", "src_file", "src_line"]

# Actions that make a state a party (the depositary's own categories).
PARTY_ACTIONS = ("ratification", "accession", "succession", "acceptance", "approval", "definitive_signature")

# English month abbreviations as UNTC and NORMLEX print them; a fixed table, so parsing
# never depends on the machine's locale.
EN_MONTHS = {m: i for i, m in enumerate(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], start=1)}
_EN_DATE = re.compile(r"^(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})$")


def read_text(ctx: BuildContext, rel: str) -> str:
    try:
        return ctx.path(rel).read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(rel, f"not valid UTF-8 text (byte {exc.start}); re-export the file as UTF-8") from None


def read_table(ctx: BuildContext, rel: str, *, header: list[str], delimiter: str = ",") -> list[tuple[int, dict[str, str]]]:
    """Rows of a delimited file as (line number, {column: stripped text}), header checked exactly."""
    text = read_text(ctx, rel)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    got = next(reader, None)
    if got is None:
        raise SourceError(rel, "file is empty (no header row)", row=1)
    if got != header:
        raise SourceError(rel, f"unexpected header {got!r}; expected {header!r} (wrong file or delimiter?)", row=1)
    rows = []
    for fields in reader:
        line = reader.line_num
        if not any(f.strip() for f in fields):
            continue
        if len(fields) != len(header):
            raise SourceError(rel, f"expected {len(header)} fields, found {len(fields)} (truncated or mis-delimited row)", row=line)
        rows.append((line, {h: f.strip() for h, f in zip(header, fields)}))
    if not rows:
        raise SourceError(rel, "file has a header but no data rows", row=1)
    return rows


def en_date(value: str, *, file: str, row: int, column: str) -> str:
    """'9 Mar 2004' or '09 Mar 2004' -> '2004-03-09'."""
    m = _EN_DATE.match(value)
    if not m or m.group(2) not in EN_MONTHS:
        raise SourceError(file, f"cannot read date {value!r} (expected e.g. '9 Mar 2004')", row=row, column=column)
    return checked_date(int(m.group(3)), EN_MONTHS[m.group(2)], int(m.group(1)), value, file=file, row=row, column=column)


def checked_date(year: int, month: int, day: int, raw: str, *, file: str, row: int, column: str) -> str:
    try:
        return pd.Timestamp(year=year, month=month, day=day).strftime("%Y-%m-%d")
    except ValueError:
        raise SourceError(file, f"impossible date {raw!r}", row=row, column=column) from None


def not_after(date: str, as_of: str, *, file: str, row: int, column: str) -> None:
    """A dated action after the list's own as-of date cannot be real."""
    if date > as_of:
        raise SourceError(file, f"date {date} is after the source's as-of date {as_of}", row=row, column=column)


def check_unique(keys: list[tuple[tuple, int]], *, file: str, column: str) -> None:
    """keys: (key, line). Stop on the second occurrence of a key."""
    seen: dict[tuple, int] = {}
    for key, line in keys:
        if key in seen:
            raise SourceError(file, f"duplicate entry {key!r} (first on line {seen[key]})", row=line, column=column)
        seen[key] = line


def events_frame(records: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame.from_records(records, columns=EVENT_COLUMNS)
    df["src_line"] = df["src_line"].astype("int64")
    return df


def ledger(rows: list[tuple[int, dict[str, str]]], events: pd.DataFrame, file: str, classify) -> tuple[int, list]:
    """(rows read, drops) for one file: every row that produced no event gets ``classify(row) -> (reason, detail)``."""
    from ..output import Drop

    kept = set(events.loc[events["src_file"] == file, "src_line"].astype(int)) if len(events) else set()
    drops = []
    for line, r in rows:
        if line not in kept:
            reason, detail, target = classify(r)
            drops.append(Drop(file, (line,), reason, detail, target))
    return len(rows), drops
