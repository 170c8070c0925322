"""SDG violence and decent-work series: UNSD Minimum Set TSVs and the SDG Global Database (DDF).

Files (under violence/): the WHO 2018 intimate-partner-violence estimates (5.2.1), non-partner
sexual violence (Minimum Set V.2), legal frameworks on violence against women (5.1.1 area 2),
and the open-numbers DDF snapshot of the SDG Global Database (Oct 2020) for survey points of
5.2.1, homicide by sex (16.1.1), occupational injuries by migrant status (8.8.1) and labour
rights compliance (8.8.2).
"""

from __future__ import annotations

import re

import pandas as pd

from ..context import BuildContext
from ..errors import SourceError
from ..output import Drop, Indicator, Source, SourceOutput
from ._integrity import check_no_repeated_frame_rows
from ._obs import Areas, check_range, check_unique, load_areas, number, obs_frame, read_table

WHO_IPV = "violence/sdg521_ipv_last12m_who2018_estimates__unsd_minset_V1.tsv"
NONPARTNER = "violence/nonpartner_sexual_violence__unsd_minset_V2.tsv"
LEGAL = "violence/sdg511_legal_frameworks_area2_vaw__unsd_minset_QV1.tsv"
DDF = "violence/sdg_global_db_2020_ddf/"

SRC_WHO = "who-vaw-estimates-2018"
SRC_MINSET = "unsd-minset-gender-2021"
SRC_DDF = "unsd-sdg-global-db-2020-10"

SEX_CODES = {"F": "female", "M": "male", "_T": "total", "T": "total"}


def minset_age(code: str, *, file: str, row: int) -> str:
    """UNSD age codes: Y_GE15 -> '15+', Y15T49 -> '15-49' (the publisher's own bands)."""
    if m := re.fullmatch(r"Y_GE(\d+)", code):
        return f"{m[1]}+"
    if m := re.fullmatch(r"Y(\d+)T(\d+)", code):
        return f"{m[1]}-{m[2]}"
    raise SourceError(file, f"unknown age code {code!r}", row=row, column="AGE")


def _geo(r, areas: Areas, file: str) -> tuple[str, str] | None:
    """Minimum Set rows carry ISO3 for countries; aggregates only have their M49 code."""
    if r["ISO3"]:
        return r["ISO3"], "country"
    return areas.resolve(r["REF_AREA"], file=file, row=r["src_line"], column="REF_AREA")


def _minset_rows(ctx, areas, file, indicator, series, obs_type, source_id, *, with_age=True, with_bounds=False, hi=100.0, drops=None, read=None):
    cols = ["REF_AREA", "ISO3", "TIME_PERIOD", "OBS_VALUE", "UNIT_MEASURE", "NATURE", "SDG_SeriesID"]
    cols += ["SEX", "AGE"] if with_age else []
    cols += ["LOWER_BOUND", "UPPER_BOUND", "TIME_DETAIL"] if with_bounds else []
    df = read_table(ctx, file, cols, sep="\t")
    read[file] = len(df)
    rows = []
    for r in df.to_dict("records"):
        line = r["src_line"]
        if r["UNIT_MEASURE"] != "PT":
            raise SourceError(file, f"unit {r['UNIT_MEASURE']!r}, expected PT (percent)", row=line, column="UNIT_MEASURE")
        if series and r["SDG_SeriesID"] not in (series, ""):
            raise SourceError(file, f"series {r['SDG_SeriesID']!r}, expected {series}", row=line, column="SDG_SeriesID")
        geo = _geo(r, areas, file)
        if geo is None:
            drops.append(Drop(file, (line,), *areas.why_dropped(r["REF_AREA"]), indicator))
            continue
        value = number(r["OBS_VALUE"], file=file, row=line, column="OBS_VALUE")
        if value is None:
            drops.append(Drop(file, (line,), "no_value", "not published", indicator))
            continue
        check_range(value, 0, hi, file=file, row=line, column="OBS_VALUE", what="percentage")
        lower = upper = None
        note = None
        if with_bounds:
            lower = number(r["LOWER_BOUND"], file=file, row=line, column="LOWER_BOUND")
            upper = number(r["UPPER_BOUND"], file=file, row=line, column="UPPER_BOUND")
            if lower is not None and upper is not None and not lower <= value <= upper:
                raise SourceError(file, f"value {value} outside its interval [{lower}, {upper}]", row=line, column="OBS_VALUE")
            if r["TIME_DETAIL"]:
                note = f"Modelled for {r['TIME_PERIOD']} from surveys conducted {r['TIME_DETAIL']}; 95% uncertainty interval."
        sex = "total"
        age = "all"
        if with_age:
            sex = SEX_CODES.get(r["SEX"]) or _bad(file, line, "SEX", f"unknown sex code {r['SEX']!r}")
            age = minset_age(r["AGE"], file=file, row=line)
        year = int(number(r["TIME_PERIOD"], file=file, row=line, column="TIME_PERIOD"))
        rows.append(
            dict(
                indicator_id=indicator,
                geo_code=geo[0],
                geo_type=geo[1],
                year=year,
                period=str(year),
                sex=sex,
                age=age,
                breakdown="total",
                value=value,
                lower=lower,
                upper=upper,
                obs_type=obs_type,
                source_id=source_id,
                note=note,
                src_file=file,
                src_line=line,
            )
        )
    return rows


def _bad(file, row, column, problem):
    raise SourceError(file, problem, row=row, column=column)


# --- SDG Global Database (DDF) ---------------------------------------------------------

# Nature codes of the SDG DB (ddf--entities--nature.csv). 'c'/'ca' are country data; whether
# that is a survey or an administrative record depends on the series, so it is passed in.
NATURE = {"e": "estimate", "m": "modelled", "g": "estimate", "n": "unknown", "notspec": "unknown"}
DDF_SEX = {"female": "female", "male": "male", "bothsex": "total"}
# Migratory-status codes (ddf--entities--migratory_status.csv). EU / non-EU migrants are kept
# apart: Eurostat-sourced countries publish only those two, never an all-migrant figure.
MIGRATORY = {"t": "total", "notspec": "total", "nonmig": "non_migrant", "migper": "migrant", "eumig": "migrant_eu", "noneumig": "migrant_non_eu"}

# Values that cannot be rates per 100,000 employees (more injuries than employees), reviewed
# one by one: USA 2003-2007 non-fatal injuries look like case counts. Excluded; anything
# else out of range stops the build.
KNOWN_IMPOSSIBLE = {("sl_emp_injur", "840", year) for year in range(2003, 2008)}


def _entities(ctx: BuildContext, name: str) -> dict[str, str]:
    df = read_table(ctx, f"{DDF}ddf--entities--{name}.csv", [name, "name"])
    return dict(zip(df[name], df["name"]))


def _ddf_series(ctx, areas, *, concept, dims, indicator, unit, country_obs_type, hi=None, age_names=None, drops=None, read=None):
    file = f"{DDF}ddf--datapoints--{concept}--by--{'--'.join(dims)}--year.csv"
    df = read_table(ctx, file, [*dims, "year", concept])
    read[file] = len(df)
    # DDF datapoints hold one row per key (open-numbers' format; no file repeats a line), so an
    # exact repeat is a copying error. Checked on the file, since a repeated row of an area we drop
    # on purpose would never reach check_unique.
    check_no_repeated_frame_rows(df, file=file)
    known = {d: _entities(ctx, d) for d in dims if d not in ("geo_area",)}
    rows = []
    for r in df.to_dict("records"):
        line = r["src_line"]
        for d in known:
            if r[d] not in known[d]:
                raise SourceError(file, f"{d} code {r[d]!r} is not in ddf--entities--{d}.csv", row=line, column=d)
        if r["units"] != unit:
            raise SourceError(file, f"unit {r['units']!r}, expected {unit}", row=line, column="units")
        geo = areas.resolve(r["geo_area"], file=file, row=line, column="geo_area")
        if geo is None:
            drops.append(Drop(file, (line,), *areas.why_dropped(r["geo_area"]), indicator))
            continue
        value = number(r[concept], file=file, row=line, column=concept)
        if value is None:
            drops.append(Drop(file, (line,), "no_value", "empty value cell", indicator))
            continue
        year = int(number(r["year"], file=file, row=line, column="year"))
        if hi is not None and value > hi and (concept, r["geo_area"], year) in KNOWN_IMPOSSIBLE:
            drops.append(
                Drop(
                    file,
                    (line,),
                    "impossible_value",
                    f"M49 {r['geo_area']} {year}: {value:g} per 100,000 employees (more injuries than employees; reviewed: case counts, not rates)",
                    indicator,
                )
            )
            continue
        check_range(value, 0, hi, file=file, row=line, column=concept, what="value")
        nature = r["nature"]
        obs_type = country_obs_type if nature in ("c", "ca") else NATURE.get(nature)
        if obs_type is None:
            raise SourceError(file, f"unmapped nature code {nature!r}", row=line, column="nature")
        sex = "total"
        if "sex" in r:
            sex = DDF_SEX.get(r["sex"]) or _bad(file, line, "sex", f"sex code {r['sex']!r} not expected here")
        breakdown = "total"
        if "migratory_status" in r:
            breakdown = MIGRATORY.get(r["migratory_status"]) or _bad(file, line, "migratory_status", f"unmapped code {r['migratory_status']!r}")
        age = age_names[r["age"]] if "age" in r else "all"
        note = "Country-adjusted survey data (SDG DB nature CA)." if nature == "ca" else None
        rows.append(
            dict(
                indicator_id=indicator,
                geo_code=geo[0],
                geo_type=geo[1],
                year=year,
                period=str(year),
                sex=sex,
                age=age,
                breakdown=breakdown,
                value=value,
                lower=None,
                upper=None,
                obs_type=obs_type,
                source_id=SRC_DDF,
                note=note,
                src_file=file,
                src_line=line,
            )
        )
    return rows


def parse(ctx: BuildContext) -> SourceOutput:
    areas = load_areas(ctx)
    log = dict(drops=[], read={})
    parts = [
        _minset_rows(ctx, areas, WHO_IPV, "ipv_last_12m", "VC_VAW_MARR", "modelled", SRC_WHO, with_bounds=True, **log),
        _minset_rows(ctx, areas, NONPARTNER, "nonpartner_sexual_violence", "", "survey", SRC_MINSET, **log),
        _minset_rows(ctx, areas, LEGAL, "legal_frameworks_vaw", "SG_LGL_GENEQVAW", "estimate", SRC_MINSET, with_age=False, **log),
    ]
    ages = _entities(ctx, "age")
    ddf = [
        dict(
            concept="vc_vaw_marr",
            dims=["age", "geo_area", "nature", "sex", "units"],
            indicator="ipv_last_12m_survey",
            unit="percent",
            country_obs_type="survey",
            hi=100.0,
            age_names=ages,
        ),
        dict(
            concept="vc_ihr_psrc",
            dims=["geo_area", "nature", "sex", "units"],
            indicator="homicide_rate",
            unit="per_100000_pop",
            country_obs_type="administrative",
        ),
        dict(concept="vc_ihr_psrcn", dims=["geo_area", "nature", "sex", "units"], indicator="homicide_count", unit="number", country_obs_type="administrative"),
        dict(
            concept="sl_emp_injur",
            dims=["geo_area", "migratory_status", "nature", "sex", "units"],
            indicator="occupational_injury_nonfatal",
            unit="per_100000_emp",
            country_obs_type="administrative",
            hi=100000.0,
        ),
        dict(
            concept="sl_emp_ftlinjur",
            dims=["geo_area", "migratory_status", "nature", "sex", "units"],
            indicator="occupational_injury_fatal",
            unit="per_100000_emp",
            country_obs_type="administrative",
            hi=100000.0,
        ),
        dict(
            concept="sl_lbr_ntlcpl",
            dims=["geo_area", "migratory_status", "nature", "units"],
            indicator="labour_rights_compliance",
            unit="score",
            country_obs_type="administrative",
            hi=10.0,
        ),
    ]
    parts += [_ddf_series(ctx, areas, **spec, **log) for spec in ddf]
    frames = []
    for rows in parts:
        df = obs_frame(rows)
        check_unique(df, df["src_file"].iloc[0] if len(df) else "")
        frames.append(df)
    obs = pd.concat(frames, ignore_index=True)
    return SourceOutput(observations=obs, indicators=INDICATORS, sources=SOURCES, rows_read=log["read"], drops=log["drops"])


SOURCES = [
    Source(
        id=SRC_WHO,
        publisher="WHO for the Inter-Agency Working Group on VAW Data (WHO, UN Women, UNICEF, UNSD, UNFPA, UNODC), distributed by UNSD",
        title="Violence Against Women Prevalence Estimates 2018: intimate partner violence in the previous 12 months (SDG 5.2.1, series VC_VAW_MARR)",
        url="https://github.com/UNStats/gender_data_portal",
        licence="UN SDG Global Database / UNdata terms of use (no licence file in the UNSD repository)",
        as_of="2021-08-16",
        files=(WHO_IPV,),
        citation="WHO on behalf of the VAW-IAWGED (2021). Violence Against Women Prevalence Estimates, 2018. Series VC_VAW_MARR via UNSD Minimum Set of Gender Indicators (indicator V.1), UNStats/gender_data_portal, commit e16d3edb.",
    ),
    Source(
        id=SRC_MINSET,
        publisher="UN Statistics Division (Minimum Set of Gender Indicators); data from UN Women, OECD, World Bank and national surveys",
        title="Minimum Set of Gender Indicators: non-partner sexual violence (V.2) and legal frameworks on violence against women (SDG 5.1.1, area 2)",
        url="https://github.com/UNStats/gender_data_portal",
        licence="UN terms of use (no licence file in the UNSD repository)",
        as_of="2021-08-16",
        files=(NONPARTNER, LEGAL),
        citation="UN Statistics Division (2021). Minimum Set of Gender Indicators, indicators V.2 and QV.1 (SDG 5.1.1 area 2, SG_LGL_GENEQVAW), UNStats/gender_data_portal, commit e16d3edb.",
    ),
    Source(
        id=SRC_DDF,
        publisher="UN Statistics Division, SDG Global Database (custodians: WHO/UN Women for 5.2.1, UNODC for 16.1.1, ILO for 8.8.1 and 8.8.2); repackaged by Gapminder / open-numbers",
        title="SDG Global Database snapshot (October 2020), series VC_VAW_MARR, VC_IHR_PSRC, VC_IHR_PSRCN, SL_EMP_INJUR, SL_EMP_FTLINJUR, SL_LBR_NTLCPL",
        url="https://github.com/open-numbers/ddf--unstats--sdg_indicators",
        licence="CC BY 4.0 (open-numbers datapackage)",
        as_of="2020-10-19",
        files=tuple(
            f"{DDF}{f}"
            for f in (
                "ddf--datapoints--vc_vaw_marr--by--age--geo_area--nature--sex--units--year.csv",
                "ddf--datapoints--vc_ihr_psrc--by--geo_area--nature--sex--units--year.csv",
                "ddf--datapoints--vc_ihr_psrcn--by--geo_area--nature--sex--units--year.csv",
                "ddf--datapoints--sl_emp_injur--by--geo_area--migratory_status--nature--sex--units--year.csv",
                "ddf--datapoints--sl_emp_ftlinjur--by--geo_area--migratory_status--nature--sex--units--year.csv",
                "ddf--datapoints--sl_lbr_ntlcpl--by--geo_area--migratory_status--nature--units--year.csv",
            )
        ),
        citation="United Nations Statistics Division, Global SDG Indicators Database (snapshot 2020-10), as repackaged by Gapminder in open-numbers/ddf--unstats--sdg_indicators, commit 1bfae158.",
    ),
]

_NATURE_NOTE = (
    "Observation type follows the SDG Database 'nature' code: country data as given, E (estimated) = estimate, M = modelled, G (global monitoring) = estimate."
)

INDICATORS = [
    Indicator(
        id="ipv_last_12m",
        theme="violence",
        title="Intimate partner violence in the last 12 months (WHO 2018 estimates)",
        definition="Share of ever-partnered women who were subjected to physical and/or sexual violence by a current or former intimate partner in the previous 12 months. Modelled by WHO from surveys conducted 2000-2018, for women aged 15 and over and aged 15-49.",
        unit="% of ever-partnered women",
        unit_short="%",
        table="observations",
        source_ids=(SRC_WHO,),
        series_code="VC_VAW_MARR",
        sdg="5.2.1",
        decimals=1,
        higher_is_better=False,
        caveats="One reference year (2018), so no trend. 157 countries, not the 161 in WHO's report. No regional aggregates in this file. Psychological violence is not covered. Not available by migrant status anywhere at a global scale. The publisher labels these 'Estimated'; they are Bayesian model outputs, stored as 'modelled', with 95% uncertainty intervals.",
    ),
    Indicator(
        id="ipv_last_12m_survey",
        theme="violence",
        title="Intimate partner violence in the last 12 months (national surveys)",
        definition="Share of ever-partnered women who were subjected to physical and/or sexual violence by a current or former intimate partner in the previous 12 months, as measured by national surveys (country data), by the age band each survey reported. Regional rows are UN estimates for 2017.",
        unit="% of ever-partnered women",
        unit_short="%",
        table="observations",
        source_ids=(SRC_DDF,),
        series_code="VC_VAW_MARR",
        sdg="5.2.1",
        decimals=1,
        higher_is_better=False,
        caveats="Survey points from the SDG Global Database as of October 2020 (2000-2017); they predate the WHO 2018 estimates and later survey rounds. Age bands differ between surveys (15-49, 18-49, five-year bands), so compare like with like. 'CA' rows are country data adjusted by the custodian. "
        + _NATURE_NOTE,
    ),
    Indicator(
        id="nonpartner_sexual_violence",
        theme="violence",
        title="Sexual violence by non-partners",
        definition="Share of women subjected to sexual violence by a person other than an intimate partner, as measured by national surveys, for the age band each survey reported.",
        unit="% of women",
        unit_short="%",
        table="observations",
        source_ids=(SRC_MINSET,),
        series_code="V.2 (Minimum Set of Gender Indicators)",
        sdg="",
        decimals=1,
        higher_is_better=False,
        caveats="66 countries, survey years 2000-2014, one or two points each. The indicator title says 'previous 12 months' but the series description says 'since age 15': reference periods are not harmonised. Age bands differ (15-49, 18-74, 15+). Two values refer to a city only (see the publisher's comments).",
    ),
    Indicator(
        id="legal_frameworks_vaw",
        theme="violence",
        title="Legal frameworks on violence against women (SDG 5.1.1, area 2)",
        definition="How far a country's legal frameworks promote, enforce and monitor gender equality in the area of violence against women, as percentage of achievement (0-100), assessed with a questionnaire completed by national statistical offices, women's machineries and legal experts.",
        unit="% of achievement (0-100)",
        unit_short="%",
        table="observations",
        source_ids=(SRC_MINSET,),
        series_code="SG_LGL_GENEQVAW",
        sdg="5.1.1",
        decimals=0,
        higher_is_better=True,
        caveats="107 countries, assessed in 2018 and 2020. Scores are in steps of one twelfth of the area's questions, so small differences are not meaningful. Measures laws on paper, not their implementation. Aggregates with M49 codes (World, SDG regions, LDCs, LLDCs, SIDS) are kept as published.",
    ),
    Indicator(
        id="homicide_rate",
        theme="violence",
        title="Victims of intentional homicide per 100,000 population, by sex",
        definition="Number of victims of intentional homicide per 100,000 population of the same sex. For women this is all homicide of women, not femicide.",
        unit="victims per 100,000 population",
        unit_short="per 100k",
        table="observations",
        source_ids=(SRC_DDF,),
        series_code="VC_IHR_PSRC",
        sdg="16.1.1",
        decimals=2,
        higher_is_better=False,
        caveats="Total homicide, NOT intimate-partner or family-related killings (femicide). Data end in 2018 (snapshot October 2020). No both-sexes rows. Country data come from criminal-justice or public-health records; regional rows are UNODC estimates. Sub-national reporting areas (Iraq, UK nations) are left out; Kosovo appears only if the countries table lists it. "
        + _NATURE_NOTE,
    ),
    Indicator(
        id="homicide_count",
        theme="violence",
        title="Victims of intentional homicide, by sex",
        definition="Number of victims of intentional homicide, by sex of the victim.",
        unit="victims",
        unit_short="victims",
        table="observations",
        source_ids=(SRC_DDF,),
        series_code="VC_IHR_PSRCN",
        sdg="16.1.1",
        decimals=0,
        higher_is_better=False,
        caveats="Total homicide, not femicide. Data end in 2018. Regional and world counts are UNODC estimates with decimals as published. " + _NATURE_NOTE,
    ),
    Indicator(
        id="occupational_injury_nonfatal",
        theme="violence",
        title="Non-fatal occupational injuries per 100,000 employees, by sex and migrant status",
        definition="Non-fatal occupational injuries among employees per 100,000 employees, by sex and migrant status (breakdown: total, migrant, non_migrant, migrant_eu and migrant_non_eu as published).",
        unit="injuries per 100,000 employees",
        unit_short="per 100k",
        table="observations",
        source_ids=(SRC_DDF,),
        series_code="SL_EMP_INJUR",
        sdg="8.8.1",
        decimals=0,
        higher_is_better=False,
        caveats="The migrant split exists for about 30 countries only, mostly EU countries that report EU and non-EU migrants separately (2009-2015); an all-migrant figure ('migrant') exists for Argentina, Belize, Pakistan, Panama, Qatar, Spain and Turkey. Recording systems (insurance, labour inspection, surveys) differ, so levels are not comparable across countries. The USA 2003-2007 values (above 100,000 per 100,000 employees, apparently counts) are left out. Snapshot October 2020.",
    ),
    Indicator(
        id="occupational_injury_fatal",
        theme="violence",
        title="Fatal occupational injuries per 100,000 employees, by sex and migrant status",
        definition="Fatal occupational injuries among employees per 100,000 employees, by sex and migrant status (breakdown: total, migrant, non_migrant, migrant_eu and migrant_non_eu as published).",
        unit="deaths per 100,000 employees",
        unit_short="per 100k",
        table="observations",
        source_ids=(SRC_DDF,),
        series_code="SL_EMP_FTLINJUR",
        sdg="8.8.1",
        decimals=1,
        higher_is_better=False,
        caveats="The migrant split exists for about 27 countries, mostly EU (EU / non-EU migrants, 2009-2015). Small migrant workforces make rates volatile. Recording systems differ between countries. Snapshot October 2020.",
    ),
    Indicator(
        id="labour_rights_compliance",
        theme="violence",
        title="National compliance with labour rights (freedom of association and collective bargaining)",
        definition="ILO score of national compliance with freedom of association and collective bargaining rights, based on ILO supervisory texts and national legislation, from 0 (best) to 10 (worst).",
        unit="score, 0 (best) to 10 (worst)",
        unit_short="score",
        table="observations",
        source_ids=(SRC_DDF,),
        series_code="SL_LBR_NTLCPL",
        sdg="8.8.2",
        decimals=1,
        higher_is_better=False,
        caveats="No migrant-specific breakdown exists (the SDG Database codes it 'not specified'). Scores for 2015-2017 only in this snapshot. Coded from textual sources, so it reflects documented violations, not prevalence.",
    ),
]
