"""Whole-file checks shared by parsers: exact duplicate rows, and files cut off in the middle of a row.

Private module (leading underscore): the build does not run it as a parser. Each parser opts in
per file, because what is legitimate differs by publisher (see the comment where each is called):
GLOTIP, for one, repeats whole lines on purpose in two documented blocks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import pandas as pd

from ..errors import SourceError

Record = Sequence[str] | Mapping[str, str]


def check_complete(text: str, *, file: str) -> None:
    """A file whose publisher format always ends with a line break, and never leaves a quote open.

    A copy cut off mid-row usually still parses (the last row just has empty trailing cells, or
    fewer of them), so the row count alone cannot tell; the missing final line break can.
    """
    if not text:
        return
    last = text.count("\n") + (0 if text.endswith("\n") else 1)
    if text.count('"') % 2:
        raise SourceError(file, "a quoted cell is never closed: the file was cut off in the middle of a row", row=last)
    if not text.endswith("\n"):
        raise SourceError(
            file, "the last line has no line break (every file in this format ends with one): the file was cut off in the middle of a row", row=last
        )


def check_no_repeated_rows(records: Iterable[tuple[int, Record]], *, file: str, allowed: Callable[[Record], bool] | None = None) -> None:
    """Stop at the first data row that repeats an earlier one cell for cell, naming both lines.

    ``records`` are (1-based line, cells) pairs; blank rows are ignored. ``allowed(cells)`` marks
    the rows a publisher documents as repeated on purpose.
    """
    seen: dict[tuple, int] = {}
    for line, cells in records:
        values = tuple(cells.values()) if isinstance(cells, Mapping) else tuple(cells)
        if not any(str(v).strip() for v in values):
            continue
        if values in seen:
            if allowed is not None and allowed(cells):
                continue
            raise SourceError(file, f"duplicate row: line {line} repeats line {seen[values]} exactly", row=line)
        seen[values] = line


def check_no_repeated_frame_rows(df: pd.DataFrame, *, file: str, allowed: Callable[[Record], bool] | None = None) -> None:
    """The same, for a frame from ``_obs.read_table`` (text cells plus ``src_line``)."""
    cols = [c for c in df.columns if c != "src_line"]
    check_no_repeated_rows(
        ((int(line), dict(zip(cols, row))) for line, row in zip(df["src_line"], df[cols].itertuples(index=False, name=None))), file=file, allowed=allowed
    )
