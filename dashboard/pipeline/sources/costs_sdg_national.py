"""SDG 10.c.1 figures from national SDG reporting platforms (United Kingdom, Armenia, Jamaica, Republic of Korea).

Served as **national figures**, under their own indicator ids (``*_national``) beside the World Bank's
international series, so a series never mixes publishers and the web can label them as such. Each
national figure republishes World Bank (RPW / WDI) data; where the years overlap, the build compares
them value by value (Comparison entries) and the catalog says which publisher agrees.

Documented defects handled here (costs/SOURCES.md, addendum 2026-12-04):
- Jamaica (STATIN): `Fee` is an amount in the sending currency, not a percentage; the United Kingdom's
  `Total Cost USD` rows are in GBP; the survey quarter is not stated. Only `Total Cost (%)` is served;
  the other rows are dropped with their reason. The year's figure is the Q4 survey for 2015-2019 (the
  comparison with RPW shows it); later years are labelled "quarter not stated".
- Armenia (Armstat): 2016 is absent; after 2020 the SDG Global Database and the current WDI diverge
  (caveat). United Kingdom (ONS): quarterly, sending country. Korea (KOSTAT): sending country, WDI-sourced.
"""

from __future__ import annotations

import re

import pandas as pd

from ..context import BuildContext
from ..errors import SourceError
from ..output import Comparison, Drop, Indicator, Source, SourceOutput
from . import costs_rpw, costs_wdi
from ._costs_io import (
    CORRIDOR_COLUMNS,
    COST_REFERENCE_LINES,
    COST_TARGET,
    check_unique,
    frame,
    number,
    read_rows,
    rel,
)
from ._obs import OBS_COLUMNS

GBR = rel("sdg_10-c-1_GBR_ons_sending-country_avg_cost_quarterly_2013Q1-2022Q3.csv")
ARM = rel("sdg_10-c-1_ARM_armstat_receiving-country_avg_cost_2015-2024.csv")
JAM = rel("sdg_10-c-1_JAM_statin_corridors_CAN-USA-GBR_to_JAM_2015-2022.csv")
KOR = rel("sdg_10-c-1_KOR_kostat.csv")

FROM_ID, TO_ID, CORRIDOR_ID = "remittance_cost_from_country_national", "remittance_cost_to_country_national", "remittance_corridor_cost_national"
TOLERANCE = 0.005  # percentage points: national platforms print the World Bank figure to 2 decimals
JAM_SENDERS = {"Canada": "CAN", "United States": "USA", "United Kingdom": "GBR"}
JAM_SERVED = "Total Cost (%)"
JAM_NOT_SERVED = {
    "Fee": ("fee_amount_not_pct", "Fee is the fee amount in the sending currency (CAD 200 / USD 200 / GBP 120 sent), not a percentage; not served"),
    "Exchange Rate Margin (%)": ("cost_component_not_served", "exchange-rate margin alone is a component of the total cost; only the total (%) is served"),
    "Total Cost CAD": ("amount_in_currency_not_served", "total cost as an amount in the sending currency; the percentage is served instead"),
    "Total Cost USD": (
        "amount_in_currency_not_served",
        "total cost as an amount in the sending currency (for the United Kingdom the amount is in GBP although labelled USD); the percentage is served instead",
    ),
}
_QUARTER = re.compile(r"^(\d{4}) Q([1-4])$")


def _table(ctx, file, header):
    rows = read_rows(ctx, file)
    line, got = rows[0]
    if [h.strip() for h in got] != header:
        raise SourceError(file, f"unexpected header {got!r}; expected {header!r}", row=line)
    body = [(n, r) for n, r in rows[1:] if any(c.strip() for c in r)]
    for n, r in body:
        if len(r) != len(header):
            raise SourceError(file, f"expected {len(header)} fields, found {len(r)} (truncated or mis-delimited row)", row=n)
    if not body:
        raise SourceError(file, "no data rows", row=1)
    return [(n, dict(zip(header, [c.strip() for c in r]))) for n, r in body]


def _year(s, file, line, column="Year"):
    if not re.fullmatch(r"\d{4}", s) or not 2000 <= int(s) <= 2030:
        raise SourceError(file, f"not a year: {s!r}", row=line, column=column)
    return int(s)


def _pct(s, file, line):
    v = number(s, file=file, row=line, column="Value")
    if v is None:
        raise SourceError(file, "empty value", row=line, column="Value")
    if v > 100:
        raise SourceError(file, f"impossible percentage {v!r}", row=line, column="Value")
    return v


def _obs(indicator, iso3, year, period, value, source_id, note, file, line):
    return dict(
        indicator_id=indicator,
        geo_code=iso3,
        geo_type="country",
        year=year,
        period=period,
        sex="total",
        age="all",
        breakdown="total",
        value=value,
        lower=None,
        upper=None,
        obs_type="estimate",
        source_id=source_id,
        note=note,
        src_file=file,
        src_line=line,
    )


def gbr(ctx):
    out = []
    for line, r in _table(ctx, GBR, ["Year", "Series", "Observation status", "Unit multiplier", "Units", "Value"]):
        m = _QUARTER.match(r["Year"])
        if not m:
            raise SourceError(GBR, f"expected a quarter like '2013 Q1', got {r['Year']!r}", row=line, column="Year")
        if r["Units"] != "Percentage (%)":
            raise SourceError(GBR, f"unexpected unit {r['Units']!r}", row=line, column="Units")
        y = _year(m.group(1), GBR, line)
        out.append(_obs(FROM_ID, "GBR", y, f"{y}Q{m.group(2)}", _pct(r["Value"], GBR, line), SOURCES["GBR"].id, None, GBR, line))
    return out


def arm(ctx):
    out = []
    for line, r in _table(ctx, ARM, ["Year", "Series", "Units", "Value"]):
        if r["Units"] != "%":
            raise SourceError(ARM, f"unexpected unit {r['Units']!r}", row=line, column="Units")
        y = _year(r["Year"], ARM, line)
        out.append(_obs(TO_ID, "ARM", y, str(y), _pct(r["Value"], ARM, line), SOURCES["ARM"].id, None, ARM, line))
    return out


def kor(ctx):
    out = []
    for line, r in _table(ctx, KOR, ["Year", "Value"]):
        y = _year(r["Year"], KOR, line)
        out.append(_obs(FROM_ID, "KOR", y, str(y), _pct(r["Value"], KOR, line), SOURCES["KOR"].id, None, KOR, line))
    return out


def jam(ctx):
    out, drops = [], []
    for line, r in _table(ctx, JAM, ["Year", "Description", "Geographical Region", "Source", "Value"]):
        sender = JAM_SENDERS.get(r["Geographical Region"])
        if sender is None:
            raise SourceError(JAM, f"unknown sending country {r['Geographical Region']!r}", row=line, column="Geographical Region")
        y = _year(r["Year"], JAM, line)
        d = r["Description"]
        if d in JAM_NOT_SERVED:
            number(r["Value"], file=JAM, row=line, column="Value")  # still a number, or the file is damaged
            reason, detail = JAM_NOT_SERVED[d]
            drops.append(Drop(JAM, (line,), reason, f"{r['Geographical Region']} {y}, {d}: {detail}", CORRIDOR_ID))
            continue
        if d != JAM_SERVED:
            raise SourceError(JAM, f"unknown description {d!r}", row=line, column="Description")
        out.append(
            dict(
                indicator_id=CORRIDOR_ID,
                origin_iso3=sender,
                destination_iso3="JAM",
                year=y,
                quarter=None,
                period=str(y),
                value=_pct(r["Value"], JAM, line),
                source_id=SOURCES["JAM"].id,
                note="Survey quarter not stated by STATIN (2015-2019 equal the RPW Q4 corridor average)",
                src_file=JAM,
                src_line=line,
            )
        )
    return out, drops


def _compare(cid, target, sources, pairs, explain):
    """pairs: [(key text, national value, international value)] for values present in both."""
    bad = [f"{k}: national {a:g}, international {b:g} (diff {a - b:+.3f} pp)" for k, a, b in pairs if abs(a - b) > TOLERANCE]
    return Comparison(
        id=cid,
        target=target,
        sources=sources,
        compared=len(pairs),
        agreed=len(pairs) - len(bad),
        tolerance=f"abs diff <= {TOLERANCE} percentage points",
        disagreements=tuple(bad),
        resolution=explain if bad else "",
    )


def comparisons(obs: pd.DataFrame, cor: pd.DataFrame, wdi: pd.DataFrame, rpw: pd.DataFrame) -> list[Comparison]:
    """National vs World Bank values where both exist (WDI for countries, RPW Q4 for Jamaica's corridors)."""
    w = {(r.indicator_id, r.geo_code, r.year): r.value for r in wdi.itertuples() if r.sex == "total"}
    out = []
    for key, iso3, wdi_id, pick in (
        ("gbr", "GBR", "remittance_cost_from_country", lambda p: p.endswith("Q3")),
        ("arm", "ARM", "remittance_cost_to_country", lambda p: True),
        ("kor", "KOR", "remittance_cost_from_country", lambda p: True),
    ):
        nat = obs[(obs["geo_code"] == iso3) & obs["period"].map(pick)]
        pairs = [(f"{iso3} {r.period}", r.value, w[(wdi_id, iso3, r.year)]) for r in nat.itertuples() if (wdi_id, iso3, r.year) in w]
        which = "Q3 value vs the WDI annual value (WDI takes the Q3 survey)" if key == "gbr" else "annual value vs WDI"
        out.append(
            _compare(
                f"sdg_10c1_national_{key}_vs_wdi",
                FROM_ID if key != "arm" else TO_ID,
                (costs_wdi.SOURCE_ID, SOURCES[key.upper()].id),
                pairs,
                f"explained: different vintage or methodology; {which}; both series are served under separate ids",
            )
        )
    r4 = {(r.origin_iso3, r.destination_iso3, r.year): r.value for r in rpw.itertuples() if r.quarter == 4}
    pairs = [
        (f"{r.origin_iso3}->JAM {r.year} (RPW Q4)", r.value, r4[(r.origin_iso3, "JAM", r.year)])
        for r in cor.itertuples()
        if (r.origin_iso3, "JAM", r.year) in r4
    ]
    out.append(
        _compare(
            "sdg_10c1_national_jam_vs_rpw_q4",
            CORRIDOR_ID,
            (costs_rpw.SOURCE_ID, SOURCES["JAM"].id),
            pairs,
            "explained: different methodology; STATIN's annual figure is not labelled with its survey quarter; both series are served under separate ids",
        )
    )
    return out


def parse(ctx: BuildContext) -> SourceOutput:
    obs_rows = gbr(ctx) + arm(ctx) + kor(ctx)
    cor_rows, drops = jam(ctx)
    obs = frame(obs_rows, OBS_COLUMNS)
    cor = frame(cor_rows, CORRIDOR_COLUMNS)
    check_unique(obs, ["indicator_id", "geo_code", "year", "period"])
    check_unique(cor, ["indicator_id", "origin_iso3", "destination_iso3", "period"])
    rows_read = {
        f: len(_table(ctx, f, h))
        for f, h in (
            (GBR, ["Year", "Series", "Observation status", "Unit multiplier", "Units", "Value"]),
            (ARM, ["Year", "Series", "Units", "Value"]),
            (KOR, ["Year", "Value"]),
            (JAM, ["Year", "Description", "Geographical Region", "Source", "Value"]),
        )
    }
    return SourceOutput(
        observations=obs,
        corridors=cor,
        indicators=INDICATORS,
        sources=list(SOURCES.values()),
        rows_read=rows_read,
        drops=drops,
        comparisons=comparisons(obs, cor, ctx.parsed(costs_wdi).observations, ctx.parsed(costs_rpw).corridors),
    )


SOURCES = {
    "GBR": Source(
        id="ons-sdg-10-c-1-2023-04",
        publisher="Office for National Statistics (United Kingdom), UK SDG national reporting platform",
        title="SDG indicator 10.c.1: remittance costs as a proportion of the amount remitted (United Kingdom as sending country), quarterly",
        url="https://sdgdata.gov.uk/10-c-1/",
        licence="Open Government Licence v3.0 (data/ and meta/); underlying RPW data World Bank CC BY 4.0",
        as_of="2023-04",
        files=(GBR,),
        citation="Office for National Statistics, UK SDG data, indicator 10.c.1 (data/indicator_10-c-1.csv, ONSdigital/sdg-data commit 4ff15827, 2023-04-27); source World Bank, Remittance Prices Worldwide.",
    ),
    "ARM": Source(
        id="armstat-sdg-10-c-1-2026-07",
        publisher="Statistical Committee of the Republic of Armenia (Armstat), Armenia SDG platform",
        title="SDG indicator 10.c.1: average remittance costs of sending $200 to Armenia (receiving country)",
        url="https://armstat.github.io/sdg-site-armenia/10-c-1/",
        licence="Repository MIT (Open SDG template); UN SDG Global Database terms of use",
        as_of="2026-07",
        files=(ARM,),
        citation="Armstat, Armenia SDG national reporting platform, indicator 10.c.1 (armstat/sdg-data-armenia commit 65fb4f67, 2026-07-21); source UN SDG Global Database (custodian World Bank).",
    ),
    "JAM": Source(
        id="statin-sdg-10-c-1-2026-07",
        publisher="Statistical Institute of Jamaica (STATIN), Jamaica SDG platform",
        title="SDG indicator 10.c.1: total cost of remittances to Jamaica from Canada, the United States and the United Kingdom",
        url="https://statinja.github.io/sdg-jm-site/10-c-1/",
        licence="Repository MIT (Open SDG template); RPW data World Bank CC BY 4.0",
        as_of="2026-07",
        files=(JAM,),
        citation="STATIN, Jamaica SDG national reporting platform, indicator 10.c.1 (STATINJM/sdg-jm-data commit 24081f5f, 2026-07-23); source World Bank, Remittance Prices Worldwide.",
    ),
    "KOR": Source(
        id="kostat-sdg-10-c-1-2022-10",
        publisher="Statistics Korea (KOSTAT), Korean SDG national reporting platform",
        title="SDG indicator 10.c.1: average remittance cost of sending $200 from the Republic of Korea (sending country)",
        url="https://kostat-sdg-kor.github.io/sdg-indicators/10-c-1/",
        licence="Repository MIT (Open SDG template); no separate data licence",
        as_of="2022-10",
        files=(KOR,),
        citation="Statistics Korea, Korean SDG platform, indicator 10.c.1 (kostat-sdg-kor/sdg-data commit c88cf546, 2022-10-05); data type 2, estimated by the World Bank.",
    ),
}
_NAT = (
    "A national figure: published by a national statistical office on its SDG platform, republishing World Bank "
    "Remittance Prices Worldwide data. Shown beside, never merged with, the World Bank's own series; where years "
    "overlap the build compares the two (see the comparisons in the build report). "
)
INDICATORS = [
    Indicator(
        id=FROM_ID,
        theme="costs",
        title="Cost of sending remittances from the country (national figure)",
        definition="Average total cost of sending remittances from this country, as a percentage of the amount sent, as published on the country's national SDG platform (United Kingdom: quarterly, ONS; Republic of Korea: annual, KOSTAT).",
        unit="% of amount sent (US$200)",
        unit_short="%",
        table="observations",
        source_ids=(SOURCES["GBR"].id, SOURCES["KOR"].id),
        series_code="SDG 10.c.1 (national platforms)",
        sdg="10.c.1",
        decimals=2,
        higher_is_better=False,
        target=COST_TARGET,
        reference_lines=COST_REFERENCE_LINES,
        caveats=_NAT
        + "United Kingdom: the Q3 value equals the World Bank's annual WDI value (SI.RMT.COST.OB.ZS); quarters after 2020Q3 are new. Korea: annual, years 2011, 2015 and 2017-2021.",
    ),
    Indicator(
        id=TO_ID,
        theme="costs",
        title="Cost of sending remittances to the country (national figure)",
        definition="Average total cost of sending US$200 to this country, as a percentage of the amount sent, as published on the country's national SDG platform (Armenia, Armstat; series SI_RMT_COST).",
        unit="% of amount sent (US$200)",
        unit_short="%",
        table="observations",
        source_ids=(SOURCES["ARM"].id,),
        series_code="SI_RMT_COST (national platform)",
        sdg="10.c.1",
        decimals=2,
        higher_is_better=False,
        target=COST_TARGET,
        reference_lines=COST_REFERENCE_LINES,
        caveats=_NAT
        + "Armenia: 2016 is not published. After 2020 the SDG Global Database values it republishes and the current WDI series appear to diverge (costs/SOURCES.md): check the custodian's metadata before combining.",
    ),
    Indicator(
        id=CORRIDOR_ID,
        theme="costs",
        title="Cost of sending remittances in a corridor (national figure)",
        definition="Total cost of sending remittances to Jamaica from Canada, the United States and the United Kingdom, as a percentage of the amount sent (CAD 200, USD 200, GBP 120), one figure per year, as published by STATIN on Jamaica's SDG platform.",
        unit="% of amount sent",
        unit_short="%",
        table="corridors",
        source_ids=(SOURCES["JAM"].id,),
        series_code="SDG 10.c.1 Total Cost (%) (national platform)",
        sdg="10.c.1",
        decimals=2,
        higher_is_better=False,
        target=COST_TARGET,
        reference_lines=COST_REFERENCE_LINES,
        caveats=_NAT
        + "The survey quarter is not stated: 2015-2019 equal the World Bank RPW corridor average for Q4; 2020-2022 are presumably Q4. Fee amounts, exchange-rate margins and currency amounts in the file are not served (the UK amounts are in GBP although labelled USD).",
    ),
]
