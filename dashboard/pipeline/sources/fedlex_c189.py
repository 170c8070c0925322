"""ILO C189 parties with dates, from the Swiss Fedlex "Geltungsbereich" annex (saved page text).

The annex of the Swiss Systematic Compilation lists, for a stated date, each state party
with its ratification and entry-into-force dates, in German:

    Geltungsbereich am 5. Oktober 2020 ...
    Vertragsstaaten | Ratifikation | Inkrafttreten | ||
    Argentinien | 24. März | 2014 | 24. März | 2015 |

It is a secondary (but official Swiss) transcription of the ILO register; both dates are
taken as printed. Where they do not follow the ILO twelve-month rule the event says so.
"""

from __future__ import annotations

import gettext
import re

import pandas as pd
import pycountry

from ..context import BuildContext
from ..errors import SourceError
from ..names import normalise
from ..output import Source, SourceOutput
from . import ilo_partial_lists
from ._instruments import GSI_SOURCE_ID, instrument
from ._ratification_io import check_unique, checked_date, events_frame, not_after, read_text

FILE = "ratifications/ilo/fedlex_C189_geltungsbereich_2020-10-05_page-text.txt"
SOURCE_ID = "fedlex-c189-2020-10-05"
INSTRUMENT_ID = "ILO-C189"
TABLE_HEADER = "Vertragsstaaten | Ratifikation | Inkrafttreten | ||"
DE_MONTHS = {
    m: i for i, m in enumerate(["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"], start=1)
}
_TITLE = re.compile(r"^Geltungsbereich am (\d{1,2})\. (\w+) (\d{4})\b")
_DAY_MONTH = re.compile(r"^(\d{1,2})\. (\w+)$")
# Footnote marks (superscript digits and the like) that Fedlex prints after names and titles.
_MARKS = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u209f*]+")


def german_names() -> dict[str, str]:
    """German country name -> ISO3, from the ISO 3166 translations shipped with pycountry."""
    de = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    names: dict[str, str] = {}
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                names.setdefault(normalise(de.gettext(v)), c.alpha_3)
    return names


def _de_date(day_month: str, year: str, *, line: int, column: str) -> str:
    m = _DAY_MONTH.match(day_month)
    if not m or m.group(2) not in DE_MONTHS or not re.fullmatch(r"\d{4}", year):
        raise SourceError(FILE, f"cannot read date {day_month!r} {year!r} (expected e.g. '24. März' | '2014')", row=line, column=column)
    return checked_date(int(year), DE_MONTHS[m.group(2)], int(m.group(1)), f"{day_month} {year}", file=FILE, row=line, column=column)


def _table(lines: list[str]) -> tuple[str, int]:
    """The as-of date from the annex title, and the line index of the table header."""
    for i, text in enumerate(lines):
        m = _TITLE.match(text)
        if m:
            as_of = _de_date(f"{m.group(1)}. {m.group(2)}", m.group(3), line=i + 1, column="Geltungsbereich")
            if i + 1 >= len(lines) or lines[i + 1].strip() != TABLE_HEADER:
                raise SourceError(FILE, f"expected the table header {TABLE_HEADER!r} after the annex title", row=i + 2)
            return as_of, i + 1
    raise SourceError(FILE, "no 'Geltungsbereich am <date>' annex title found (wrong or truncated page text?)")


def events(ctx: BuildContext) -> pd.DataFrame:
    lines = read_text(ctx, FILE).splitlines()
    as_of, header_at = _table(lines)
    de_names = german_names()
    parsed = []
    for i in range(header_at + 1, len(lines)):
        line, text = i + 1, lines[i].strip()
        if not text:
            break  # the table ends at the first blank line
        cells = [c.strip() for c in text.split("|")]
        if len(cells) != 6 or cells[5] != "" or not all(cells[:5]):
            raise SourceError(FILE, f"expected 'state | day. month | year | day. month | year |', got {text!r} (truncated row?)", row=line)
        name = _MARKS.sub("", cells[0]).strip()
        iso3 = de_names.get(normalise(name)) or ctx.iso3(name, file=FILE, row=line, column="Vertragsstaaten")
        ratified = _de_date(cells[1], cells[2], line=line, column="Ratifikation")
        in_force = _de_date(cells[3], cells[4], line=line, column="Inkrafttreten")
        not_after(ratified, as_of, file=FILE, row=line, column="Ratifikation")
        if in_force < ratified:
            raise SourceError(FILE, f"entry into force {in_force} precedes ratification {ratified}", row=line, column="Inkrafttreten")
        parsed.append((line, iso3, ratified, in_force))
    if not parsed:
        raise SourceError(FILE, "the Geltungsbereich table has no rows", row=header_at + 1)
    check_unique([((iso3,), line) for line, iso3, *_ in parsed], file=FILE, column="Vertragsstaaten")

    # ILO rule, used only to flag rows whose printed dates do not follow it (kept as printed).
    ratifications = sorted(r for _, _, r, _ in parsed)
    instrument_in_force = _plus_year(ratifications[1]) if len(ratifications) > 1 else None
    records = []
    for line, iso3, ratified, in_force in parsed:
        expected = max(_plus_year(ratified), instrument_in_force or "")
        note = (
            None if in_force == expected else (f"Source prints entry into force {in_force}, not 12 months after the printed ratification date; kept as printed")
        )
        records.append(
            dict(
                instrument_id=INSTRUMENT_ID,
                iso3=iso3,
                action="ratification",
                date=ratified,
                in_force_date=in_force,
                source_id=SOURCE_ID,
                as_of=as_of,
                note=note,
                src_file=FILE,
                src_line=line,
            )
        )
    return events_frame(records)


def _plus_year(date: str) -> str:
    return (pd.Timestamp(date) + pd.DateOffset(months=12)).strftime("%Y-%m-%d")


def parse(ctx: BuildContext) -> SourceOutput:
    df = events(ctx)
    as_of = str(df["as_of"].iloc[0])
    source = Source(
        id=SOURCE_ID,
        publisher="Swiss Confederation, Fedlex (Systematic Compilation of federal law)",
        title='Annex "Geltungsbereich" (scope of application) of ILO Convention No. 189 in the Swiss Systematic Compilation',
        url="https://lexaris.io/book/version/documentflat/head/229609",
        licence="Official Swiss legal text, not protected by copyright (Swiss Copyright Act, art. 5); saved page text of a mirror",
        as_of=as_of,
        files=(FILE,),
        citation=(
            "Swiss Confederation, Systematic Compilation of Federal Law, Übereinkommen Nr. 189 über menschenwürdige Arbeit "
            'für Hausangestellte, annex "Geltungsbereich" (status as at 5 October 2020), via lexaris.io mirror.'
        ),
    )
    note = (
        "Dated list to 5 October 2020 (Swiss Fedlex transcription of the ILO register, believed complete for that date). "
        + ilo_partial_lists.C189_LATER
        + " Any other later ratifier coded as party by the Walk Free Global Slavery Index 2023 (as of 31 August 2022) appears without a date. "
        "Germany's printed ratification year (2012) may be a typo for 2013; Madagascar's printed entry into force equals its ratification date."
    )
    return SourceOutput(
        ratification_events=df,
        rows_read={FILE: len(df)},  # one event per table row; any row that cannot be read stops the build
        sources=[source],
        instruments=[
            instrument(
                INSTRUMENT_ID,
                completeness="partial",
                note=note,
                source_ids=(SOURCE_ID, ilo_partial_lists.SOURCE_ID, GSI_SOURCE_ID),
                # as_of: the date the dated list is complete to; the later rows are partial.
                as_of=as_of,
                complete_to=as_of,
            )
        ],
    )
