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
Any other repeated key stops the build. These rules run before suppression: a '<5' copy of a key is
a published value, so a key repeated with one '<5' copy is as ambiguous as any other repeat. Then a
female/male 'all ages' total that is not the sum of its two age bands (or, with one band '<5', does
not exceed the other) is one band mislabelled and is dropped. Every row left out is a Drop with its reason.
"""

from __future__ import annotations

import pandas as pd

from ..context import BuildContext
from ..errors import SourceError
from ..output import Drop, Indicator, Source, SourceOutput
from ._integrity import check_no_repeated_frame_rows
from ._obs import check_unique, number, obs_frame, read_table

FILE = "violence/unodc_glotip_2025-04-14_detected_trafficking_victims.csv"
SOURCE_ID = "unodc-glotip-2025-04-14"
INDICATOR_ID = "trafficking_victims_detected"
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
    rows, drops = [], []
    for r in df.to_dict("records"):
        line = r["src_line"]
        if r["Indicator"] != "Detected trafficking victims":
            raise SourceError(FILE, f"unexpected indicator {r['Indicator']!r}", row=line, column="Indicator")
        if r["Unit of measurement"] != "Counts":
            raise SourceError(FILE, f"unit {r['Unit of measurement']!r}, expected Counts", row=line, column="Unit of measurement")
        dim = r["Dimension"]
        if dim in KNOWN_OTHER:
            drops.append(Drop(FILE, (line,), "breakdown_not_presented", f"dimension {dim!r}: an origin breakdown for another view", INDICATOR_ID))
            continue
        if dim not in DIMENSIONS:
            raise SourceError(FILE, f"unknown dimension {dim!r}", row=line, column="Dimension")
        if r["Sex"] in ("Other", "Unknown"):
            drops.append(Drop(FILE, (line,), "sex_not_presented", f"sex {r['Sex']!r}: no place in the female/male/total schema", INDICATOR_ID))
            continue
        sex = SEX.get(r["Sex"]) or _bad(line, "Sex", f"unknown sex {r['Sex']!r}")
        age = AGE.get(r["Age"]) or _bad(line, "Age", f"unknown age group {r['Age']!r}")
        form = FORMS.get(r["Category"]) or _bad(line, "Category", f"unknown form of exploitation {r['Category']!r}")
        if (dim == "Total") != (form == "total"):
            raise SourceError(FILE, f"category {r['Category']!r} does not fit dimension {dim!r}", row=line, column="Category")
        if not r["Iso3_code"]:
            if r["Country"] in NO_ISO3:
                drops.append(Drop(FILE, (line,), "no_iso3_code", f"{r['Country']}: an area without an ISO 3166 code of its own", INDICATOR_ID))
                continue
            raise SourceError(FILE, f"no ISO3 code for {r['Country']!r}", row=line, column="Iso3_code")
        iso3 = ctx.iso3(r["Iso3_code"], file=FILE, row=line, column="Iso3_code")
        year = int(number(r["Year"], file=FILE, row=line, column="Year"))
        suppressed = r["txtVALUE"].strip() == SUPPRESSED
        # A suppressed count is still a published observation (between 1 and 4): it takes part in the
        # repeated-key rule below and only then is left out, so the other copy of its key cannot survive alone.
        value = float("nan") if suppressed else number(r["txtVALUE"], file=FILE, row=line, column="txtVALUE")
        if value is None:
            drops.append(Drop(FILE, (line,), "no_value", "empty value cell", INDICATOR_ID))
            continue
        if not suppressed and (value < 0 or value != int(value)):
            raise SourceError(FILE, f"impossible count {r['txtVALUE']!r}", row=line, column="txtVALUE")
        rows.append(
            dict(
                indicator_id="trafficking_victims_detected",
                geo_code=iso3,
                geo_type="country",
                year=year,
                period=str(year),
                sex=sex,
                age=age,
                breakdown=form,
                value=value,
                lower=None,
                upper=None,
                obs_type="administrative",
                source_id=SOURCE_ID,
                note=None,
                src_file=FILE,
                src_line=line,
            )
        )
    obs, more = _drop_ambiguous(obs_frame(rows))
    drops += more
    check_unique(obs, FILE)
    return SourceOutput(observations=obs, indicators=[INDICATOR], sources=[SOURCE], rows_read={FILE: len(df)}, drops=drops)


def _drop_ambiguous(df: pd.DataFrame) -> tuple[pd.DataFrame, list[Drop]]:
    """Apply the file's own rules in order: repeated keys first (suppressed copies included), then suppression.

    Resolves the two documented repeated-key patterns; leaves any other repeat to check_unique.
    """
    key = ["geo_code", "year", "sex", "age", "breakdown"]
    drops: list[Drop] = []
    suppressed = df["value"].isna()
    # The same value twice is one observation ("<5" twice included): the later copy is a dropped repeat.
    same = df.assign(_v=df["value"].fillna(-1)).duplicated([*key, "_v"], keep="first")
    for line in df.loc[same, "src_line"]:
        drops.append(Drop(FILE, (int(line),), "repeated_row", "repeats an earlier row's key and value", INDICATOR_ID))
    df, suppressed = df[~same], suppressed[~same]
    repeated = df.duplicated(key, keep=False)
    sex_total_block = (df["age"] == "all") & (df["sex"] != "total") & (df["breakdown"] == "total")
    other_forms = df["breakdown"] == "other_forms"
    ambiguous = repeated & (sex_total_block | other_forms)
    for _, g in df[ambiguous].groupby(key, sort=True):
        r = g.iloc[0]
        values = ", ".join("<5" if v != v else f"{v:g}" for v in g["value"])
        why = (
            "a sex total across ages published more than once: the copies are age-band values mislabelled 'Total'"
            if r["breakdown"] == "total"
            else "'other forms' listed once per unnamed sub-form beside the aggregate, which cannot be told apart"
        )
        drops.append(
            Drop(
                FILE,
                tuple(int(x) for x in g["src_line"]),
                "ambiguous_repeated_key",
                f"{r['geo_code']} {r['year']} {r['sex']} {r['age']} {r['breakdown']}: values {values}; {why}",
                INDICATOR_ID,
            )
        )
    df, suppressed = df[~ambiguous], suppressed[~ambiguous]
    bad_totals = _totals_not_across_ages(df)
    for idx, why in bad_totals.items():
        r = df.loc[idx]
        drops.append(
            Drop(
                FILE,
                (int(r["src_line"]),),
                "all_ages_total_is_one_band",
                f"{r['geo_code']} {r['year']} {r['sex']} all ages: {r['value']:g} {why}",
                INDICATOR_ID,
            )
        )
    keep = ~df.index.isin(list(bad_totals))
    df, suppressed = df[keep], suppressed[keep]
    for line in df.loc[suppressed, "src_line"]:
        drops.append(Drop(FILE, (int(line),), "suppressed_lt5", "published as '<5': a count between 1 and 4, not shown as a number", INDICATOR_ID))
    return df[~suppressed].reset_index(drop=True), drops


def _totals_not_across_ages(df: pd.DataFrame) -> dict:
    """Female/male 'all ages' totals that cannot be the total across the two age bands.

    A total must equal under-18 plus 18-and-over where both are published; where one band is '<5'
    (1 to 4), it must exceed the other band. A total equal to one band is that band mislabelled.
    """
    bands = df[(df["breakdown"] == "total") & df["age"].isin(["<18", "18+"])]
    by = {(r.geo_code, r.year, r.sex, r.age): r.value for r in bands.itertuples()}
    out = {}
    totals = df[(df["breakdown"] == "total") & (df["age"] == "all") & (df["sex"] != "total") & df["value"].notna()]
    for idx, r in totals.iterrows():
        young, adult = by.get((r["geo_code"], r["year"], r["sex"], "<18")), by.get((r["geo_code"], r["year"], r["sex"], "18+"))
        if young is None or adult is None:
            continue  # a band not published at all: nothing to check against
        y_sup, a_sup = young != young, adult != adult
        if not y_sup and not a_sup and young + adult != r["value"]:
            out[idx] = f"is not under-18 ({young:g}) plus 18 and over ({adult:g})"
        elif y_sup != a_sup and r["value"] <= (adult if y_sup else young):
            out[idx] = f"equals or is below the one published band ({(adult if y_sup else young):g}) although the other band is '<5'"
    return out


def _documented_repeat(r) -> bool:
    """Rows of the two blocks where SOURCES.md / the module docstring expect repeated keys."""
    sex_total_block = r["Dimension"] == "Total" and r["Category"] == "Total" and r["Age"] == "Total" and r["Sex"] != "Total"
    return sex_total_block or r["Category"] == "Other forms of exploitation"


def _bad(line: int, column: str, problem: str):
    raise SourceError(FILE, problem, row=line, column=column)


SOURCE = Source(
    id=SOURCE_ID,
    publisher="United Nations Office on Drugs and Crime (UNODC)",
    title="Global Report on Trafficking in Persons (GLOTIP) database: detected trafficking victims (data_glotip.xlsx, dated 14/04/2025)",
    url="https://dataunodc.un.org/dp-trafficking-persons",
    licence="UNODC data portal terms of use (no licence stated in the file)",
    as_of="2025-04-14",
    files=(FILE,),
    citation="UNODC (2025). Global Report on Trafficking in Persons database, detected victims of trafficking, file dated 14 April 2025 (copy in mari21041/first_project, commit 5649358f).",
)

INDICATOR = Indicator(
    id="trafficking_victims_detected",
    theme="violence",
    title="Detected victims of trafficking in persons",
    definition="Number of victims of trafficking in persons detected by national authorities in the year, by sex, age group (all, under 18, 18 and over) and form of exploitation (total, sexual exploitation, forced labour, other forms). Forms are shown separately from the total; do not add them up.",
    unit="victims detected",
    unit_short="victims",
    table="observations",
    source_ids=(SOURCE_ID,),
    series_code="GLOTIP detected victims (SDG 16.2.2 numerator)",
    sdg="16.2.2",
    decimals=0,
    higher_is_better=None,
    caveats=(
        "Counts of detected victims reflect detection and reporting capacity, not prevalence: a rise can mean better identification. "
        "Counts below 5 are suppressed by UNODC ('<5') and have no row here, so sums across groups undercount. "
        "Female and male totals across ages are published only in part: where the file repeats a sex total (a '<5' copy counts), or gives a total that is not the sum of its two age bands, the total is left out, since it is an age band mislabelled. "
        "'Other forms' is kept only where the file gives one figure; where it lists unnamed sub-forms beside the aggregate, the year is left out. "
        "Victims of other or unknown sex are not shown. Not a rate per 100,000 (SDG 16.2.2); no population is applied."
    ),
)
