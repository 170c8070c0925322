"""UNODC GLOTIP 2025: detected victims of trafficking in persons, by sex, age and form of exploitation.

File: violence/unodc_glotip_2025-04-14_detected_trafficking_victims.csv (one row per country,
year, dimension, category, sex, age). Only the 'Total' and 'by form of exploitation' dimensions
are used; citizenship and repatriation are origin breakdowns for another view.

Two publisher quirks, handled on purpose (see SOURCES.md and the indicator caveats):
- Female/Male rows with Age 'Total' sit in a separate block of the file. Where a key occurs
  once, its value equals the sum of the two age bands (checked on every such row with both
  bands published). Where it occurs twice with different values, the two rows are the age-band
  values mislabelled 'Total': that key is dropped.
- 'Other forms of exploitation' repeats a key once per unnamed sub-form (organ removal,
  begging, ...) next to its aggregate. Keys that occur once are kept; repeated keys are
  dropped, since the aggregate cannot be told from its parts.
Any other repeated key stops the build.
"""
from __future__ import annotations

import pandas as pd

from ..context import BuildContext
from ..errors import SourceError
from ..output import Indicator, Source, SourceOutput
from ._integrity import check_no_repeated_frame_rows
from ._obs import check_unique, number, obs_frame, read_table

FILE = "violence/unodc_glotip_2025-04-14_detected_trafficking_victims.csv"
SOURCE_ID = "unodc-glotip-2025-04-14"
COLUMNS = ["Iso3_code", "Country", "Indicator", "Dimension", "Category", "Sex", "Age", "Year", "Unit of measurement", "txtVALUE"]

SEX = {"Female": "female", "Male": "male", "Total": "total"}  # 'Other' and 'Unknown' have no place in the schema
AGE = {"Total": "all", "0 to 17 years": "<18", "18 years or over": "18+"}
FORMS = {"Total": "total", "Sexual exploitation": "sexual_exploitation", "Forced labour": "forced_labour", "Other forms of exploitation": "other_forms"}
DIMENSIONS = {"Total", "by form of exploitation"}
KNOWN_OTHER = {"by citizenship", "by country of repatriation"}
SUPPRESSED = "<5"
# Areas without an ISO 3166 code (Sark reports separately from Guernsey): dropped on purpose.
NO_ISO3 = {"Sark"}


def parse(ctx: BuildContext) -> SourceOutput:
    df = read_table(ctx, FILE, COLUMNS)
    # An exact repeat of a whole line is not the same thing as a repeated key: the real file repeats
    # whole lines (158 of them) only inside the two documented blocks above, so a line repeated
    # anywhere else is a copying error, not a publisher quirk. It would otherwise vanish silently
    # in _drop_ambiguous (same key, same value), so it stops the build here, naming both lines.
    check_no_repeated_frame_rows(df, file=FILE, allowed=_documented_repeat)
    rows = []
    for r in df.to_dict("records"):
        line = r["src_line"]
        if r["Indicator"] != "Detected trafficking victims":
            raise SourceError(FILE, f"unexpected indicator {r['Indicator']!r}", row=line, column="Indicator")
        if r["Unit of measurement"] != "Counts":
            raise SourceError(FILE, f"unit {r['Unit of measurement']!r}, expected Counts", row=line, column="Unit of measurement")
        dim = r["Dimension"]
        if dim in KNOWN_OTHER:
            continue
        if dim not in DIMENSIONS:
            raise SourceError(FILE, f"unknown dimension {dim!r}", row=line, column="Dimension")
        if r["Sex"] in ("Other", "Unknown"):
            continue
        sex = SEX.get(r["Sex"]) or _bad(line, "Sex", f"unknown sex {r['Sex']!r}")
        age = AGE.get(r["Age"]) or _bad(line, "Age", f"unknown age group {r['Age']!r}")
        form = FORMS.get(r["Category"]) or _bad(line, "Category", f"unknown form of exploitation {r['Category']!r}")
        if (dim == "Total") != (form == "total"):
            raise SourceError(FILE, f"category {r['Category']!r} does not fit dimension {dim!r}", row=line, column="Category")
        if not r["Iso3_code"]:
            if r["Country"] in NO_ISO3:
                continue
            raise SourceError(FILE, f"no ISO3 code for {r['Country']!r}", row=line, column="Iso3_code")
        iso3 = ctx.iso3(r["Iso3_code"], file=FILE, row=line, column="Iso3_code")
        if r["txtVALUE"].strip() == SUPPRESSED:
            continue  # suppressed small count: unknown between 1 and 4, so no row
        value = number(r["txtVALUE"], file=FILE, row=line, column="txtVALUE")
        if value is None:
            continue
        if value < 0 or value != int(value):
            raise SourceError(FILE, f"impossible count {r['txtVALUE']!r}", row=line, column="txtVALUE")
        year = int(number(r["Year"], file=FILE, row=line, column="Year"))
        rows.append(dict(
            indicator_id="trafficking_victims_detected", geo_code=iso3, geo_type="country", year=year, period=str(year),
            sex=sex, age=age, breakdown=form, value=value, lower=None, upper=None, obs_type="administrative",
            source_id=SOURCE_ID, note=None, src_file=FILE, src_line=line,
        ))
    obs = _drop_ambiguous(obs_frame(rows))
    check_unique(obs, FILE)
    return SourceOutput(observations=obs, indicators=[INDICATOR], sources=[SOURCE])


def _drop_ambiguous(df: pd.DataFrame) -> pd.DataFrame:
    """Resolve the two documented repeated-key patterns; leave any other repeat to check_unique."""
    key = ["geo_code", "year", "sex", "age", "breakdown"]
    df = df.drop_duplicates([*key, "value"])  # the same value twice is one observation
    repeated = df.duplicated(key, keep=False)
    sex_total_block = (df["age"] == "all") & (df["sex"] != "total") & (df["breakdown"] == "total")
    other_forms = df["breakdown"] == "other_forms"
    return df[~(repeated & (sex_total_block | other_forms))].reset_index(drop=True)


def _documented_repeat(r) -> bool:
    """Rows of the two blocks where SOURCES.md / the module docstring expect repeated keys."""
    sex_total_block = r["Dimension"] == "Total" and r["Category"] == "Total" and r["Age"] == "Total" and r["Sex"] != "Total"
    return sex_total_block or r["Category"] == "Other forms of exploitation"


def _bad(line: int, column: str, problem: str):
    raise SourceError(FILE, problem, row=line, column=column)


SOURCE = Source(
    id=SOURCE_ID, publisher="United Nations Office on Drugs and Crime (UNODC)",
    title="Global Report on Trafficking in Persons (GLOTIP) database: detected trafficking victims (data_glotip.xlsx, dated 14/04/2025)",
    url="https://dataunodc.un.org/dp-trafficking-persons", licence="UNODC data portal terms of use (no licence stated in the file)",
    as_of="2025-04-14", files=(FILE,),
    citation="UNODC (2025). Global Report on Trafficking in Persons database, detected victims of trafficking, file dated 14 April 2025 (copy in mari21041/first_project, commit 5649358f).",
)

INDICATOR = Indicator(
    id="trafficking_victims_detected", theme="violence", title="Detected victims of trafficking in persons",
    definition="Number of victims of trafficking in persons detected by national authorities in the year, by sex, age group (all, under 18, 18 and over) and form of exploitation (total, sexual exploitation, forced labour, other forms). Forms are shown separately from the total; do not add them up.",
    unit="victims detected", unit_short="victims", table="observations", source_ids=(SOURCE_ID,), series_code="GLOTIP detected victims (SDG 16.2.2 numerator)", sdg="16.2.2", decimals=0,
    higher_is_better=None,
    caveats=(
        "Counts of detected victims reflect detection and reporting capacity, not prevalence: a rise can mean better identification. "
        "Counts below 5 are suppressed by UNODC ('<5') and have no row here, so sums across groups undercount. "
        "Female and male totals across ages are published only in part: where the file repeats a sex total with different values (they are the age-band values mislabelled), the total is left out. "
        "'Other forms' is kept only where the file gives one figure; where it lists unnamed sub-forms beside the aggregate, the year is left out. "
        "Victims of other or unknown sex are not shown. Not a rate per 100,000 (SDG 16.2.2); no population is applied."
    ),
)
