"""Shared helpers for the violence / migration parser tests: a throw-away copy of the fixture raw dir."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.pipeline import schemas
from dashboard.pipeline.context import BuildContext
from dashboard.pipeline.errors import SourceError

FIXTURE_RAW = Path(__file__).resolve().parents[1] / "fixtures" / "violence_context" / "raw"
REAL_RAW = Path(__file__).resolve().parents[3] / "shared" / "data" / "raw"


def raw_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "raw"
    shutil.copytree(FIXTURE_RAW, dest)
    return dest


def ctx(raw: Path) -> BuildContext:
    return BuildContext(raw=raw)


def edit(raw: Path, rel: str, old: str, new: str) -> None:
    """Make a malformed variant of a fixture file."""
    p = raw / rel
    text = p.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def valid(df, table="observations"):
    schemas.TABLES[table].validate(df.drop(columns=["src_file", "src_line"]), lazy=True)
    return df


def expect_error(parse, raw: Path, file: str, row: int | None, column: str | None, words: str) -> SourceError:
    with pytest.raises(SourceError) as ei:
        parse(ctx(raw))
    e = ei.value
    assert e.file == file
    assert e.row == row
    assert e.column == column
    assert words in e.problem, e.problem
    return e
