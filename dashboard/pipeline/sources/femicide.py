"""Femicide (intimate partner / family member killings of women) and violence reported by
women migrant workers. Files under violence/femicide/; provenance in its SOURCES.md.

- UNODC IP/FM homicide rates for European countries, via a thesis panel (country-years).
- CEPALSTAT national femicide counts for Latin America and the Caribbean (2018 download).
- UNODC / UN Women global and regional IP/FM estimates, transcribed from press pages.
- Survey and administrative fragments on women migrant workers -> evidence table.
"""

from __future__ import annotations

import re

import pandas as pd

from ..context import BuildContext
from ..errors import SourceError
from ..output import Drop, Indicator, Source, SourceOutput
from ._obs import check_range, check_unique, load_areas, number, obs_frame, read_table

DIR = "violence/femicide/"
EUROPE = DIR + "unodc_ipfm_homicide_rates_europe_2005-2023__via_AsmaeNakib_gbv_panel.csv"
CEPAL = [DIR + f"cepalstat_2780_femicide_counts_2018-11/{n}_countries.csv" for n in ("caribbean", "central-america", "continental-latam")]
PRESS = DIR + "unodc_unwomen_ipfm_femicide_global_regional_estimates_2017-2024__press_excerpts.csv"
WMW = DIR + "women_migrant_workers/violence_against_women_migrant_workers__page_excerpts.csv"

SRC_EUROPE = "unodc-cts-ipfm-europe-via-nakib"
SRC_CEPAL = "cepalstat-2780-2018-11"
SRC_PRESS = "unodc-unwomen-femicide-estimates-press"
SRC_WMW = "wmw-violence-page-excerpts"

# panel column -> (sex, breakdown). IP-only is a subset of IP/FM, kept as its own breakdown.
EUROPE_COLUMNS = {
    "female_ipf_homicide_rate_per_100k": ("female", "total"),
    "male_ipf_homicide_rate_per_100k": ("male", "total"),
    "female_ip_homicide_rate_per_100k": ("female", "intimate_partner"),
}
PRESS_MEASURES = {
    "number of women and girls killed by intimate partners or other family members (IP/FM femicide)": ("ipfm_femicide_global_estimates", "persons"),
    "IP/FM femicide rate": ("ipfm_femicide_rate_global_estimates", "victims per 100,000 female population"),
}


def parse(ctx: BuildContext) -> SourceOutput:
    drops: list[Drop] = []
    read: dict[str, int] = {}
    obs = pd.concat([_europe(ctx, drops, read), _cepal(ctx, drops, read), _press(ctx, drops, read)], ignore_index=True)
    evidence = _evidence(ctx, read)
    return SourceOutput(observations=obs, evidence=evidence, indicators=INDICATORS, sources=SOURCES, rows_read=read, drops=drops)


def _row(indicator, geo, geo_type, year, sex, breakdown, value, obs_type, source_id, note, file, line, lower=None, upper=None):
    return dict(
        indicator_id=indicator,
        geo_code=geo,
        geo_type=geo_type,
        year=year,
        period=str(year),
        sex=sex,
        age="all",
        breakdown=breakdown,
        value=value,
        lower=lower,
        upper=upper,
        obs_type=obs_type,
        source_id=source_id,
        note=note,
        src_file=file,
        src_line=line,
    )


def _europe(ctx: BuildContext, drops: list[Drop], read: dict[str, int]) -> pd.DataFrame:
    df = read_table(ctx, EUROPE, ["country", "iso3", "year", *EUROPE_COLUMNS])
    read[EUROPE] = len(df)
    rows = []
    for r in df.to_dict("records"):
        line = r["src_line"]
        iso3 = ctx.iso3(r["iso3"], file=EUROPE, row=line, column="iso3")
        year = int(number(r["year"], file=EUROPE, row=line, column="year"))
        # The UK figure is the thesis author's sum over its three jurisdictions, not UNODC's own.
        note = "United Kingdom: rebuilt by the thesis author from England and Wales, Scotland and Northern Ireland." if iso3 == "GBR" else None
        for col, (sex, breakdown) in EUROPE_COLUMNS.items():
            v = number(r[col], file=EUROPE, row=line, column=col)
            if v is None:
                continue
            check_range(v, 0, 100000, file=EUROPE, row=line, column=col, what="rate per 100,000")
            rows.append(_row("femicide_ipfm_rate_europe", iso3, "country", year, sex, breakdown, v, "administrative", SRC_EUROPE, note, EUROPE, line))
        if not any(number(r[c], file=EUROPE, row=line, column=c) is not None for c in EUROPE_COLUMNS):
            drops.append(Drop(EUROPE, (line,), "no_value", f"{iso3} {year}: no rate in any column", "femicide_ipfm_rate_europe"))
    out = obs_frame(rows)
    check_unique(out, EUROPE)
    return out


def _cepal(ctx: BuildContext, drops: list[Drop], read: dict[str, int]) -> pd.DataFrame:
    rows = []
    for file in CEPAL:
        df = read_table(ctx, file, ["country", "iso3", "year", "value", "source_id"])
        read[file] = len(df)
        for r in df.to_dict("records"):
            line = r["src_line"]
            iso3 = ctx.iso3(r["iso3"], file=file, row=line, column="iso3")
            v = number(r["value"], file=file, row=line, column="value")
            if v is None:
                drops.append(Drop(file, (line,), "no_value", f"{iso3} {r['year']}: empty value", "femicide_count_latam"))
                continue
            if v < 0 or v != int(v):
                raise SourceError(file, f"impossible count {r['value']!r}", row=line, column="value")
            year = int(number(r["year"], file=file, row=line, column="year"))
            national = r["source_id"].strip()
            rows.append(
                _row(
                    "femicide_count_latam",
                    iso3,
                    "country",
                    year,
                    "female",
                    "total",
                    v,
                    "administrative",
                    SRC_CEPAL,
                    f"National source: {national}" if national else None,
                    file,
                    line,
                )
            )
    out = obs_frame(rows)
    check_unique(out, CEPAL[0])
    return out


def _press(ctx: BuildContext, drops: list[Drop], read: dict[str, int]) -> pd.DataFrame:
    df = read_table(
        ctx,
        PRESS,
        [
            "record_id",
            "reference_year",
            "publication",
            "region",
            "sex",
            "measure",
            "value_qualifier",
            "value",
            "ui_low",
            "ui_high",
            "unit",
            "source_url",
            "page_date",
        ],
    )
    read[PRESS] = len(df)
    areas = load_areas(ctx)
    ids = set(df["record_id"])
    rows = []
    for r in df.to_dict("records"):
        line = r["src_line"]
        if r["measure"] not in PRESS_MEASURES:
            drops.append(
                Drop(PRESS, (line,), "measure_not_a_series", f"{r['record_id']}: {r['measure']!r} (shares and percentage changes are not comparable series)")
            )
            continue
        # A record id with a letter suffix (FEM2022-07b) is a second transcription of the same
        # figure from another page; the file keeps both and names the base record as preferred.
        if m := re.fullmatch(r"(.+\d)[a-z]", r["record_id"]):
            if m[1] in ids:
                drops.append(
                    Drop(
                        PRESS,
                        (line,),
                        "second_transcription",
                        f"{r['record_id']}: the same figure as record {m[1]}, from another page",
                        PRESS_MEASURES[r["measure"]][0],
                    )
                )
                continue
        indicator, unit = PRESS_MEASURES[r["measure"]]
        if r["unit"] != unit:
            raise SourceError(PRESS, f"unit {r['unit']!r}, expected {unit!r}", row=line, column="unit")
        if r["sex"] != "Female":
            raise SourceError(PRESS, f"sex {r['sex']!r}, expected Female for {r['measure']!r}", row=line, column="sex")
        code = "001" if r["region"] == "World" else areas.region_code(r["region"])
        if code is None:
            raise SourceError(PRESS, f"region {r['region']!r} has no M49 code", row=line, column="region")
        value = number(r["value"], file=PRESS, row=line, column="value")
        if value is None:
            raise SourceError(PRESS, "value missing", row=line, column="value")
        check_range(value, 0, None, file=PRESS, row=line, column="value", what="value")
        lower = number(r["ui_low"], file=PRESS, row=line, column="ui_low")
        upper = number(r["ui_high"], file=PRESS, row=line, column="ui_high")
        year = int(number(r["reference_year"], file=PRESS, row=line, column="reference_year"))
        approx = f" Printed as approximate: {r['value_qualifier']}." if r["value_qualifier"] else ""
        note = f"{r['publication']}. Quoted by {r['source_url']} (page date: {r['page_date']}); record {r['record_id']}.{approx}"
        rows.append(
            _row(
                indicator,
                f"M49_{code}",
                "world" if code == "001" else "region",
                year,
                "female",
                "total",
                value,
                "modelled",
                SRC_PRESS,
                note,
                PRESS,
                line,
                lower,
                upper,
            )
        )
    out = obs_frame(rows)
    check_unique(out, PRESS)
    return out


SOURCE_TYPES = {"press": "press_report", "household survey": "ngo_survey"}
ISO_IN_BRACKETS = re.compile(r"\(([A-Z]{3})\)\s*$")
# The origin is stated as a nationality in migrant_status, e.g. "migrant (Sri Lankan nationals abroad)".
NATIONALS_ABROAD = re.compile(r"\((?P<nationality>[A-Z][\w ]*?) nationals abroad\)")
COUNTRY_OF_NATIONALS = {"Sri Lankan": "Sri Lanka"}  # nationality -> country name; an unlisted one stops the build


def _origin(ctx: BuildContext, migrant_status: str, line: int) -> str | None:
    m = NATIONALS_ABROAD.search(migrant_status)
    if not m:
        return None
    country = COUNTRY_OF_NATIONALS.get(m["nationality"])
    if country is None:
        raise SourceError(WMW, f"nationality {m['nationality']!r} has no country in COUNTRY_OF_NATIONALS; add it", row=line, column="migrant_status")
    return ctx.iso3(country, file=WMW, row=line, column="migrant_status")


def _evidence(ctx: BuildContext, read: dict[str, int]) -> pd.DataFrame:
    df = read_table(
        ctx,
        WMW,
        [
            "record_id",
            "data_producer",
            "survey_or_source",
            "source_type",
            "geography",
            "population",
            "sex",
            "migrant_status",
            "reference_period",
            "measure",
            "value_qualifier",
            "value",
            "unit",
            "source_url",
            "notes",
        ],
    )
    read[WMW] = len(df)
    rows = []
    for r in df.to_dict("records"):
        line = r["src_line"]
        stype = next((v for k, v in SOURCE_TYPES.items() if k in r["source_type"]), None)
        if stype is None:
            raise SourceError(WMW, f"unmapped source type {r['source_type']!r}", row=line, column="source_type")
        sex = {"Female": "female", "Male": "male"}.get(r["sex"], "total" if r["sex"].startswith("Total") else None)
        if sex is None:
            raise SourceError(WMW, f"unknown sex {r['sex']!r}", row=line, column="sex")
        m = ISO_IN_BRACKETS.search(r["geography"])
        dest = ctx.iso3(m[1], file=WMW, row=line, column="geography") if m else None
        year = re.search(r"(19|20)\d{2}", r["reference_period"])
        notes = "; ".join(x for x in (r["value_qualifier"], r["notes"]) if x) or None
        rows.append(
            dict(
                evidence_id=r["record_id"],
                indicator_id="wmw_violence_evidence",
                origin_iso3=_origin(ctx, r["migrant_status"], line),
                destination_iso3=dest,
                sex=sex,
                measure=f"{r['measure']} ({r['population']}; {r['migrant_status']}; {r['geography']})",
                value=number(r["value"], file=WMW, row=line, column="value"),
                unit=r["unit"],
                year=int(year[0]) if year else None,
                period=r["reference_period"] or None,
                source_type=stype,
                publisher=r["data_producer"],
                citation=r["survey_or_source"],
                url=r["source_url"] or None,
                source_id=SRC_WMW,
                note=notes,
                src_file=WMW,
                src_line=line,
            )
        )
    out = pd.DataFrame(rows)
    out["year"] = out["year"].astype("Int64")
    out["value"] = out["value"].astype("float64")
    if out["evidence_id"].duplicated().any():
        dup = out[out["evidence_id"].duplicated()].iloc[0]
        raise SourceError(WMW, f"duplicate record_id {dup['evidence_id']!r}", row=int(dup["src_line"]), column="record_id")
    return out


SOURCES = [
    Source(
        id=SRC_EUROPE,
        publisher="UNODC (UN-CTS intentional homicide data), via A. Nakib's thesis panel (Constructor University)",
        title="Intimate partner / family member homicide rates by sex, European countries 2005-2023 (subset of gbv_panel_analysis.csv)",
        url="https://github.com/AsmaeNakib/The-Istanbul-Convention-and-Gender-Based-Violence",
        licence="UNODC data terms; the thesis repository has no licence file - check before republishing",
        as_of="2023",
        files=(EUROPE,),
        citation="UNODC, UN-CTS intentional homicide dataset (dimension 'by relationship to perpetrator'), as compiled in Nakib, A., The Istanbul Convention and Gender-Based Violence (thesis repository, commit 6f4a0b86).",
    ),
    Source(
        id=SRC_CEPAL,
        publisher="ECLAC / CEPAL (CEPALSTAT indicator 2780), from national sources",
        title="Femicide or feminicide: number of victims, Latin America and the Caribbean (CEPALSTAT download, Nov 2018)",
        url="https://github.com/ian-flores/feminicidesCaribbean",
        licence="CC BY-SA 4.0 (repository licence); CEPALSTAT terms for the underlying data",
        as_of="2018-11-16",
        files=tuple(CEPAL),
        citation="ECLAC, CEPALSTAT indicator 2780 'Femicide or feminicide', downloaded November 2018 (ian-flores/feminicidesCaribbean, commit 0297b0c1).",
    ),
    Source(
        id=SRC_PRESS,
        publisher="UNODC and UN Women (figures quoted by press pages)",
        title="Global and regional estimates of intimate partner / family member femicide, 2017-2024 (transcribed from press and secondary pages)",
        url="https://www.unodc.org/unodc/en/data-and-analysis/global-study-on-homicide.html",
        licence="Figures only; cite UNODC / UN Women as producer. Press excerpts are copyright of their publishers.",
        as_of="2025-11",
        files=(PRESS,),
        citation="UNODC & UN Women, Femicides in 2024 (Nov 2025), Femicides in 2023 (Nov 2024), Gender-related killings of women and girls (Nov 2022, Nov 2023); UNODC Data Matters 3 (2021); UNODC Global Study on Homicide 2019 - as quoted by the press pages listed per row.",
    ),
    Source(
        id=SRC_WMW,
        publisher="Lloyd's Register Foundation / Gallup with ILO; Sri Lanka Bureau of Foreign Employment (quoted in the press)",
        title="Violence and harassment reported by women migrant workers: survey and administrative figures from saved web pages",
        url="https://wrp.lrfoundation.org.uk/migrant-women-are-especially-vulnerable-to-violence-and-harassment-at-work",
        licence="Figures only, with citation; page texts are copyright of their publishers",
        as_of="2021",
        files=(WMW,),
        citation="Lloyd's Register Foundation World Risk Poll 2021 (with ILO and Gallup); Sri Lanka Bureau of Foreign Employment figures quoted by The Nation (6 Feb 2016) and Ceylon Today (8 Jan 2014).",
    ),
]

INDICATORS = [
    Indicator(
        id="femicide_ipfm_rate_europe",
        theme="violence",
        title="Women killed by an intimate partner or family member (Europe)",
        definition="Victims of intentional homicide killed by an intimate partner or family member, per 100,000 population of the same sex (breakdown 'intimate_partner': partners only).",
        unit="victims per 100,000 population of the same sex",
        unit_short="per 100k",
        table="observations",
        source_ids=(SRC_EUROPE,),
        series_code="UN-CTS by relationship to perpetrator",
        sdg="16.1.1",
        decimals=2,
        higher_is_better=False,
        caveats="Europe only (35 countries, 2005-2023); no Gulf, Asian, African or American country. Values reached us through a thesis panel, not UNODC directly; the UNODC file vintage is unknown. United Kingdom values are rebuilt by the thesis author from its three jurisdictions. Small numbers make microstate rates (Andorra, Liechtenstein, Monaco) volatile. Not by migrant status.",
    ),
    Indicator(
        id="femicide_count_latam",
        theme="violence",
        title="Femicide / feminicide victims (Latin America and the Caribbean, national counts)",
        definition="Number of women killed because of their gender, as counted by national authorities under each country's legal definition of femicide or feminicide.",
        unit="women killed",
        unit_short="victims",
        table="observations",
        source_ids=(SRC_CEPAL,),
        series_code="CEPALSTAT 2780",
        sdg="",
        decimals=0,
        higher_is_better=False,
        caveats="Partial: 17 countries, 2005-2017, from a 2018 download; Brazil, Chile, Colombia, Mexico and others are absent (absence is not zero). National legal definitions differ, so counts are not comparable across countries, and they are not the UNODC IP/FM measure.",
    ),
    Indicator(
        id="ipfm_femicide_global_estimates",
        theme="violence",
        title="Women and girls killed by intimate partners or family members (UN global and regional estimates)",
        definition="Estimated number of women and girls killed by an intimate partner or other family member in the year, world and continents (UN M49 regions).",
        unit="women and girls killed",
        unit_short="victims",
        table="observations",
        source_ids=(SRC_PRESS,),
        series_code="UNODC/UN Women IP/FM femicide estimates",
        sdg="",
        decimals=0,
        higher_is_better=False,
        caveats="Modelled estimates from separate annual briefs, not a consistent time series: UN Women says the 2024 vs 2023 change 'does not represent a real decrease'. Figures were transcribed from press pages quoting the briefs (each row names its page). Some figures were printed as approximate ('some', 'around'). Uncertainty intervals exist for 2024 only.",
    ),
    Indicator(
        id="ipfm_femicide_rate_global_estimates",
        theme="violence",
        title="Intimate partner / family member femicide rate (UN regional estimates)",
        definition="Estimated women and girls killed by an intimate partner or other family member per 100,000 female population, by continent (UN M49 regions).",
        unit="victims per 100,000 female population",
        unit_short="per 100k",
        table="observations",
        source_ids=(SRC_PRESS,),
        series_code="UNODC/UN Women IP/FM femicide estimates",
        sdg="",
        decimals=1,
        higher_is_better=False,
        caveats="Modelled estimates from separate annual briefs; not a consistent time series. Transcribed from press pages (each row names its page). One page printed 'per 100,000 population'; UNODC rates are per 100,000 female population.",
    ),
    Indicator(
        id="wmw_violence_evidence",
        theme="violence",
        title="Violence reported by women migrant workers (survey and administrative figures)",
        definition="Published figures on violence and harassment experienced by women migrant workers: a global survey comparing migrant and native-born women, and Sri Lankan government figures on domestic workers in embassy safe houses, repatriations and complaints.",
        unit="as stated per record",
        unit_short="",
        table="evidence",
        source_ids=(SRC_WMW,),
        series_code="",
        sdg="",
        decimals=0,
        higher_is_better=False,
        mappable=False,
        caveats="Fragments, not a series: each record has its own population, unit and period. Sri Lankan figures are officials' statements quoted in the press, and sex is inferred from the word 'maids'. Geography is sometimes a city; its country code is used.",
    ),
]
