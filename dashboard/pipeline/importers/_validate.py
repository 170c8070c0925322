"""Check an import with the build's own row rules before anything is written to the raw directory."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pandas as pd

from ..context import BuildContext
from ..errors import SourceError
from ..sources._instruments import TITLES

ROOT = Path(__file__).resolve().parents[3]
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _context(raw: Path) -> BuildContext:
    ctx = BuildContext(raw=raw)
    countries = ROOT / "data" / "countries.parquet"
    if countries.is_file():
        ctx.set_countries(pd.read_parquet(countries))
    return ctx


def validate(imp) -> pd.DataFrame:
    """Parse the would-be raw file exactly as the build will; errors name the input and its row."""
    from ..sources import imported_ratifications as src
    from ._model import render_csv, target_name

    if imp.instrument_id not in TITLES:
        raise SourceError(imp.origin, f"unknown instrument {imp.instrument_id!r}; known: {', '.join(sorted(TITLES))}")
    if not _DATE.match(imp.as_of):
        raise SourceError(imp.origin, f"as-of {imp.as_of!r} is not a date YYYY-MM-DD")
    if not imp.rows:
        raise SourceError(imp.origin, "the table has no rows")
    with tempfile.TemporaryDirectory() as tmp:
        rel = target_name(imp)
        (Path(tmp) / rel).parent.mkdir(parents=True)
        (Path(tmp) / rel).write_bytes(render_csv(imp))
        ctx = _context(Path(tmp))
        try:
            if imp.kind == "normlex":
                return src.normlex_events(ctx, rel, imp.instrument_id, imp.as_of, "import-check")
            return src.untc_events(ctx, rel, imp.instrument_id, imp.as_of, "import-check", "")
        except SourceError as exc:
            # Name the user's input; rows map one to one (header = row 1 in both).
            row = exc.row
            if row is not None and 2 <= row <= len(imp.origin_rows) + 1 and imp.origin_rows:
                row = imp.origin_rows[row - 2]
            raise SourceError(imp.origin, exc.problem, row=row, column=exc.column) from None
