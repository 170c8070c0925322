"""Shared helpers for the ratification parser tests: a writable copy of the fixture raw dir."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.pipeline import schemas
from dashboard.pipeline.context import BuildContext
from dashboard.pipeline.errors import SourceError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ratifications"
MALFORMED = FIXTURES / "malformed"


def copy_raw(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "raw", tmp_path / "raw")
    return tmp_path / "raw"


def ctx_with(raw: Path, rel: str | None = None, malformed: str | None = None) -> BuildContext:
    """A context on ``raw``, optionally with the file ``rel`` replaced by a malformed variant."""
    if rel is not None:
        shutil.copyfile(MALFORMED / malformed, raw / rel)
    return BuildContext(raw=raw)


def valid_events(df):
    """Events must pass the published schema once the trace columns are dropped."""
    schemas.ratification_events.validate(df.drop(columns=["src_file", "src_line"]))
    return df


def raises_source_error(fn, *, file: str, row: int | None, column: str | None, problem: str) -> SourceError:
    with pytest.raises(SourceError) as info:
        fn()
    err = info.value
    assert err.file == file
    assert err.row == row
    assert err.column == column
    assert problem in err.problem, err.problem
    return err
