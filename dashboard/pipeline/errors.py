"""The one error type a parser raises for bad input: it names file, row, column and problem."""

from __future__ import annotations

from pathlib import Path


class SourceError(Exception):
    """Malformed or implausible source data.

    ``row`` is the 1-based line number in the file as a person would see it in an
    editor (header = line 1) where it can be known, else ``None``.
    """

    def __init__(self, file: str | Path, problem: str, *, row: int | None = None, column: str | None = None):
        self.file = str(file)
        self.row = row
        self.column = column
        self.problem = problem
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column!r}"
        return f"{where}: {self.problem}"


class BuildError(Exception):
    """Raised by the build when one or more sources failed; carries every SourceError."""

    def __init__(self, errors: list[SourceError]):
        self.errors = errors
        lines = "\n".join(f"  - {e}" for e in errors)
        super().__init__(f"build stopped, data/ left untouched; {len(errors)} problem(s):\n{lines}")
