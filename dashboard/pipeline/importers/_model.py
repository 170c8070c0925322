"""What an importer extracts and how it is written: shared by the package and its format modules."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

IMPORT_DIR = "ratifications/imported"


@dataclass(frozen=True)
class Imported:
    """What an importer extracted: rows in the target format, ready to write."""

    instrument_id: str
    kind: str
    as_of: str
    header: list[str]
    delimiter: str
    rows: list[list[str]]
    origin: str
    extra: dict
    origin_rows: tuple[int, ...] = ()  # row number in the input for each row (header = 1), for error messages


def target_name(imp: Imported) -> str:
    return f"{IMPORT_DIR}/{imp.instrument_id}_{imp.kind}_{imp.as_of}.csv"


def render_csv(imp: Imported) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=imp.delimiter, lineterminator="\n")
    w.writerow(imp.header)
    w.writerows(imp.rows)
    return buf.getvalue().encode("utf-8")
