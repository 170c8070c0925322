"""Catalog entries for the ILO conventions this release has no ratification table for.

They are tracked by resolution 72/149's themes, so they appear in the catalog with an
explicit "no data" state rather than silently missing (see ratifications/ilo/SOURCES.md,
"Gaps and sources checked").
"""
from __future__ import annotations

from ..context import BuildContext
from ..output import SourceOutput
from ._instruments import instrument

MISSING = ("ILO-C097", "ILO-C143", "ILO-C181", "ILO-C190")
NOTE = (
    "No ratification table in this release: no complete, dated NORMLEX export or other list was obtainable "
    "(only truncated web excerpts). Countries are shown as 'no data', not as non-parties."
)


def parse(ctx: BuildContext) -> SourceOutput:
    return SourceOutput(instruments=[instrument(i, completeness="none", note=NOTE, source_ids=(), as_of=None) for i in MISSING])
