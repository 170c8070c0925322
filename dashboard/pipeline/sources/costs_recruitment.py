"""Worker-paid recruitment costs (SDG 10.7.1 context): reported figures, not a series.

Two files, both into the evidence table:
- ``recruitment/recruitment_costs_worker_paid__page_excerpts.csv``: one figure per row, quoted
  from press and secondary pages (BBS Cost of Migration Survey 2020, ILO Pakistan 2016,
  KNOMAD-ILO summaries, NGO and journalistic estimates), with its own URL and producer.
- ``sdg_10-7-1_KOR_kostat_proxy_referral_fees.csv``: Statistics Korea's national proxy for
  10.7.1 (share of H-2/F-4 visa holders asked to pay a job referral fee, and fee bands).
  An official survey series, but a proxy (KOSTAT "type 3"), for Korea only and two years: kept
  as evidence so it is never mapped or compared with the official ratio.
"""

from __future__ import annotations

import re

import pandas as pd

from ..context import BuildContext
from ..errors import SourceError
from ..output import Indicator, Source, SourceOutput
from ._costs_io import number, read_rows, rel

EXCERPTS = rel("recruitment/recruitment_costs_worker_paid__page_excerpts.csv")
KOR = rel("sdg_10-7-1_KOR_kostat_proxy_referral_fees.csv")
EXCERPTS_ID = "recruitment-cost-page-excerpts"
KOR_ID = "kostat-sdg-10-7-1"

EXCERPT_COLUMNS = [
    "record_id",
    "data_producer",
    "survey_or_study",
    "source_type",
    "origin_iso3",
    "origin",
    "destination_iso3",
    "destination",
    "sex",
    "reference_period",
    "measure",
    "value_qualifier",
    "value",
    "value_high",
    "unit",
    "value_as_printed",
    "source_url",
    "page_date",
    "notes",
]
# The file's source-type wording -> schemas.SOURCE_TYPES. The ILO's KNOMAD-ILO survey is the
# custodian agency's own survey, so it counts as official; academic surveys count with NGO
# surveys as non-official surveys. The file's wording is kept in the note.
SOURCE_TYPES = {
    "official statistics (national statistical office), as reported in the press": "official_survey",
    "ILO survey (KNOMAD-ILO methodology), as reported in the press": "official_survey",
    "official regulated maximum, as reported in the press": "official_admin",
    "KNOMAD-ILO Migration Cost Surveys, as summarised by a secondary source": "secondary_estimate",
    "journalistic estimate (NOT official statistics)": "press_report",
    "NGO/academic household survey, as reported in the press (NOT official statistics)": "ngo_survey",
    "academic survey": "ngo_survey",
}
_SEX = re.compile(r"^(?P<sex>total|male|female)\b(?:\s*\((?P<remark>[^)]*)\))?$", re.IGNORECASE)
# "Male/Female" labels a comparison of the two sexes (male cost / female cost): stored as total.
SEX_COMPARISON = "male/female"
_YEAR = re.compile(r"\b(19|20)\d{2}\b")

# KOSTAT codes -> words. Fee bands are reproduced as labelled; per SOURCES.md they most
# likely count in units of 10,000 KRW (만원), which the source does not confirm.
KOR_PAYMENT = {"data.1_Yes": "asked to pay a job referral fee", "data.2_No": "not asked to pay a job referral fee"}
KOR_BANDS = {"data.-150mKRW": "-150mKRW", "data.150-300mKRW": "150-300mKRW", "data.+300mKRW": "+300mKRW"}

SOURCES = [
    Source(
        id=EXCERPTS_ID,
        publisher="Compiled from BBS, ILO, KNOMAD, RMMRU and press reports",
        title="Worker-paid recruitment costs: figures quoted in public web pages, with verbatim excerpts",
        url="",
        licence="Figures quoted from copyrighted articles and reports with attribution; no open licence. Cite the original producer.",
        as_of="2022-04-01",
        files=(EXCERPTS,),
        citation="Recruitment-cost figures as reported by the pages cited on each row (2012-2022); original producers named per row.",
    ),
    Source(
        id=KOR_ID,
        publisher="Statistics Korea (KOSTAT)",
        title="Korean SDG data platform, indicator 10.7.1 national proxy: job referral fees (Survey on Immigrants' Living Conditions and Labour Force)",
        url="https://github.com/kostat-sdg-kor/sdg-data/blob/develop/data/indicator_10-7-1.csv",
        licence="MIT (repository licence of the Open SDG platform); no separate data licence stated",
        as_of="2022-01",
        files=(KOR,),
        citation="Statistics Korea, Survey on Immigrants' Living Conditions and Labour Force, via the Korean SDG national reporting platform, indicator 10.7.1 (2022).",
    ),
]
INDICATORS = [
    Indicator(
        id="recruitment_cost_evidence",
        theme="costs",
        title="Recruitment costs paid by migrant workers: reported figures",
        definition="Figures on what migrant workers pay to obtain a job abroad (fees, visas, travel, documents), their earnings abroad, the resulting recruitment cost indicator (costs in months of earnings, SDG 10.7.1) and related debts, as reported by surveys and quoted in public pages.",
        unit="as reported (varies by row)",
        unit_short="",
        table="evidence",
        source_ids=(EXCERPTS_ID,),
        series_code="SDG 10.7.1 (context)",
        sdg="10.7.1",
        decimals=1,
        higher_is_better=None,
        mappable=False,
        caveats=(
            "Not a comparable series: figures come from different surveys, corridors, years, currencies and definitions, "
            "mostly through press reports of which only the opening passage was available. No official 10.7.1 series was found. "
            "Sex breakdowns exist only for Bangladesh, partly as bounds. Journalistic and NGO figures are flagged as such."
        ),
    ),
    Indicator(
        id="recruitment_cost_sdg1071_kor",
        theme="costs",
        title="Republic of Korea: migrant workers asked to pay a job referral fee",
        definition="Share of immigrants on Working Visit (H-2) or Overseas Korean (F-4) visas who were asked to pay a referral fee when finding a job in Korea, and how the fees paid were distributed across fee bands. A national proxy published under SDG 10.7.1.",
        unit="%",
        unit_short="%",
        table="evidence",
        source_ids=(KOR_ID,),
        series_code="KOSTAT 10-7-1 (national proxy)",
        sdg="10.7.1",
        decimals=1,
        higher_is_better=False,
        mappable=False,
        caveats=(
            "National proxy (KOSTAT 'type 3'), not the SDG 10.7.1 ratio of costs to earnings. Korea as destination only; "
            "2018 and 2021; not split by sex. Fee bands are shown as labelled by KOSTAT (probably in units of 10,000 won)."
        ),
    ),
]


def _sex(label: str, line: int) -> tuple[str, str | None]:
    s = label.strip()
    if s.lower() == SEX_COMPARISON:
        return "total", "compares men with women"
    m = _SEX.match(s)
    if not m:
        raise SourceError(EXCERPTS, f"unknown sex label {label!r}", row=line, column="sex")
    return m["sex"].lower(), m["remark"]


def _iso3(ctx: BuildContext, code: str, name: str, line: int, column: str) -> str | None:
    """The file's ISO3, checked against its country name; None for several or unnamed countries."""
    code = code.strip()
    if not code or ";" in code:
        return None
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise SourceError(EXCERPTS, f"country code {code!r} is not three capital letters", row=line, column=column)
    by_name = ctx.try_iso3(name)
    if by_name is not None and by_name != code:
        raise SourceError(EXCERPTS, f"code {code} does not match the country name {name!r} ({by_name})", row=line, column=column)
    return code


def _single_year(text: str) -> int | None:
    """A year only when the period names exactly one ("2017", "c. 2022"); ranges stay text."""
    years = {m.group(0) for m in _YEAR.finditer(text)}
    return int(years.pop()) if len(years) == 1 else None


def _excerpts(ctx: BuildContext) -> list[dict]:
    rows = read_rows(ctx, EXCERPTS)
    header_line, header = rows[0]
    header = [h.strip() for h in header]
    missing = [c for c in EXCERPT_COLUMNS if c not in header]
    if missing:
        raise SourceError(EXCERPTS, f"missing column(s) {missing}", row=header_line, column=missing[0])
    out, seen = [], set()
    for line, r in rows[1:]:
        if not any(c.strip() for c in r):
            continue
        if len(r) != len(header):
            raise SourceError(EXCERPTS, f"row has {len(r)} cells, header has {len(header)}; truncated or wrong delimiter?", row=line)
        rec = {c: r[header.index(c)].strip() for c in EXCERPT_COLUMNS}
        rid = rec["record_id"]
        if not rid:
            raise SourceError(EXCERPTS, "empty record_id", row=line, column="record_id")
        if rid in seen:
            raise SourceError(EXCERPTS, f"duplicate record_id {rid!r}", row=line, column="record_id")
        seen.add(rid)
        if rec["source_type"] not in SOURCE_TYPES:
            raise SourceError(EXCERPTS, f"unknown source type {rec['source_type']!r}", row=line, column="source_type")
        for col in ("data_producer", "measure", "unit", "source_url"):
            if not rec[col]:
                raise SourceError(EXCERPTS, f"empty {col}", row=line, column=col)
        sex, sex_remark = _sex(rec["sex"], line)
        value = number(rec["value"], file=EXCERPTS, row=line, column="value")
        high = number(rec["value_high"], file=EXCERPTS, row=line, column="value_high")
        if value is not None and high is not None and high < value:
            raise SourceError(EXCERPTS, f"upper end {high} of the range is below its lower end {value}", row=line, column="value_high")
        origin = _iso3(ctx, rec["origin_iso3"], rec["origin"], line, "origin_iso3")
        destination = _iso3(ctx, rec["destination_iso3"], rec["destination"], line, "destination_iso3")
        notes = [f"printed as {rec['value_as_printed']!r}"] if rec["value_as_printed"] else []
        if rec["value_qualifier"]:
            notes.append(f"qualifier: {rec['value_qualifier']}")
        if high is not None:
            notes.append(f"range up to {rec['value_high']} (value is the lower end)")
        if destination is None or origin is None:
            notes.append(f"from {rec['origin'] or 'unspecified'} to {rec['destination'] or 'unspecified'}")
        if sex_remark:
            notes.append(f"sex: {sex_remark}")
        notes.append(f"source type as described: {rec['source_type']}")
        if rec["notes"]:
            notes.append(rec["notes"])
        date = rec["page_date"] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", rec["page_date"]) else None
        citation = f"{rec['data_producer']}, {rec['survey_or_study']}. Reported at {rec['source_url']}" + (f" ({date})." if date else ".")
        out.append(
            {
                "evidence_id": rid,
                "indicator_id": "recruitment_cost_evidence",
                "origin_iso3": origin,
                "destination_iso3": destination,
                "sex": sex,
                "measure": rec["measure"],
                "value": value,
                "unit": rec["unit"],
                "year": _single_year(rec["reference_period"]),
                "period": rec["reference_period"] or None,
                "source_type": SOURCE_TYPES[rec["source_type"]],
                "publisher": rec["data_producer"],
                "citation": citation,
                "url": rec["source_url"],
                "source_id": EXCERPTS_ID,
                "note": "; ".join(notes),
                "src_file": EXCERPTS,
                "src_line": line,
            }
        )
    return out


def _korea(ctx: BuildContext) -> list[dict]:
    columns = ["Year", "data.Payment", "data.Recruitment_cost", "Value"]
    rows = read_rows(ctx, KOR)
    header_line, header = rows[0]
    if [h.strip() for h in header] != columns:
        raise SourceError(KOR, f"expected columns {columns}, found {header}", row=header_line)
    out, seen = [], set()
    for line, r in rows[1:]:
        if not any(c.strip() for c in r):
            continue
        if len(r) != len(columns):
            raise SourceError(KOR, f"row has {len(r)} cells, expected {len(columns)}", row=line)
        year, payment, band, raw_value = (c.strip() for c in r)
        if not re.fullmatch(r"\d{4}", year):
            raise SourceError(KOR, f"year {year!r} is not a year", row=line, column="Year")
        if payment not in KOR_PAYMENT:
            raise SourceError(KOR, f"unknown payment code {payment!r}", row=line, column="data.Payment")
        if band and band not in KOR_BANDS:
            raise SourceError(KOR, f"unknown fee band {band!r}", row=line, column="data.Recruitment_cost")
        value = number(raw_value, file=KOR, row=line, column="Value")
        if value is not None and value > 100:
            raise SourceError(KOR, f"share of {value}% is impossible", row=line, column="Value")
        if (year, payment, band) in seen:
            raise SourceError(KOR, f"duplicate row for {year}, {payment}, {band or 'all'}", row=line)
        seen.add((year, payment, band))
        if band:
            measure = f"share of those asked to pay a referral fee whose fee was in the band {KOR_BANDS[band]}"
            key = KOR_BANDS[band].replace("+", "over").replace("-", "to")
        else:
            measure = f"share of H-2/F-4 visa holders {KOR_PAYMENT[payment]} when finding a job"
            key = payment.split("_", 1)[1].lower()
        out.append(
            {
                "evidence_id": f"KOR-KOSTAT-1071-{year}-{key}",
                "indicator_id": "recruitment_cost_sdg1071_kor",
                "origin_iso3": None,
                "destination_iso3": "KOR",
                "sex": "total",
                "measure": measure,
                "value": value,
                "unit": "percent",
                "year": int(year),
                "period": year,
                "source_type": "official_survey",
                "publisher": "Statistics Korea (KOSTAT)",
                "citation": SOURCES[1].citation,
                "url": SOURCES[1].url,
                "source_id": KOR_ID,
                "note": "national proxy for SDG 10.7.1, not the official indicator",
                "src_file": KOR,
                "src_line": line,
            }
        )
    return out


def parse(ctx: BuildContext) -> SourceOutput:
    df = pd.DataFrame.from_records(_excerpts(ctx) + _korea(ctx))
    df["year"] = df["year"].astype("Int64")
    df["value"] = df["value"].astype("float64")
    for col in ("origin_iso3", "destination_iso3", "period", "url", "note"):
        df[col] = df[col].astype(object).where(df[col].notna(), None)
    # Every non-blank row becomes one evidence record or stops the build.
    read = {f: sum(1 for _, r in read_rows(ctx, f)[1:] if any(c.strip() for c in r)) for f in (EXCERPTS, KOR)}
    return SourceOutput(evidence=df, indicators=INDICATORS, sources=SOURCES, rows_read=read)
