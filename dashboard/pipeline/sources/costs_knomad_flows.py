"""World Bank-KNOMAD inward (Dec 2023) and outward (Jun 2023) remittance flows, US$ million.

Kept as indicators separate from WDI's flows: a later vintage, another unit (US$ million),
and a 2023 estimate column ("2023e") that WDI does not have.

Layout: an optional blank first line, a header ``Remittance inflows (US$ million),2000,...``,
one row per country named in World Bank style, then aggregates and footnotes.
"""

from __future__ import annotations

import re

from ..context import BuildContext
from ..errors import SourceError
from ..output import Comparison, Drop, Indicator, Source, SourceOutput
from . import costs_wdi
from ._costs_io import NO_ISO3, check_unique, frame, number, read_rows, rel, resolve_name
from ._obs import OBS_COLUMNS

INWARD = rel("knomad_inward_remittance_flows_usd_million_2023-12.csv")
OUTWARD = rel("knomad_outward_remittance_flows_usd_million_2023-06.csv")
INWARD_ID = "wb-knomad-inflows-2023-12"
OUTWARD_ID = "wb-knomad-outflows-2023-06"

# file -> (header label, indicator id, source id)
FILES = {
    INWARD: ("Remittance inflows (US$ million)", "remittance_inflows_knomad_usd_m", INWARD_ID),
    OUTWARD: ("Remittance outflows (US$ million)", "remittance_outflows_knomad_usd_m", OUTWARD_ID),
}
# Aggregates: World is M49 001; the income-group total has no M49 equivalent and is dropped.
AGGREGATES = {"World": ("M49_001", "world"), "Low-and Middle-Income Countries": None}
_YEAR = re.compile(r"^(?P<year>\d{4})(?P<estimate>e?)$")

SOURCES = [
    Source(
        id=INWARD_ID,
        publisher="World Bank-KNOMAD",
        title="Inward remittance flows (December 2023 release)",
        url="https://www.knomad.org/data/remittances",
        licence="No licence stated in the file, which asks for the citation below; World Bank data are generally CC BY 4.0 (confirm before republishing)",
        as_of="2023-12",
        files=(INWARD,),
        citation="World Bank-KNOMAD, December 2023. Inward remittance flows (US$ million).",
    ),
    Source(
        id=OUTWARD_ID,
        publisher="KNOMAD/World Bank",
        title="Outward remittance flows (June 2023 release)",
        url="https://www.knomad.org/data/remittances",
        licence="No licence stated in the file, which asks for the citation below; World Bank data are generally CC BY 4.0 (confirm before republishing)",
        as_of="2023-06",
        files=(OUTWARD,),
        citation="KNOMAD/World Bank, 2023. Outward remittance flows (US$ million), June 2023.",
    ),
]

_CAVEATS = (
    "The file writes 0 where no data are available (for example before a country started reporting): zeros before a "
    "country's first non-zero year or after its last one are treated as missing. A 0 between two non-zero years is kept as "
    "published, with a note, since it may be a real zero or a gap. Recorded flows only; informal channels are missing. Not available by sex."
)
MID_SERIES_ZERO_NOTE = "published as 0 between non-zero years; the file also writes 0 for missing data, so this may be a gap"
INDICATORS = [
    Indicator(
        id="remittance_inflows_knomad_usd_m",
        theme="costs",
        title="Remittance inflows (KNOMAD)",
        definition="Personal remittances received by the country, in millions of current US dollars, as compiled by the World Bank and KNOMAD from balance-of-payments data; 2023 is an estimate.",
        unit="US$ million (current)",
        unit_short="US$ m",
        table="observations",
        source_ids=(INWARD_ID,),
        series_code="KNOMAD inward remittance flows",
        caveats=_CAVEATS + " The 2023 value is a World Bank-KNOMAD estimate, not a recorded flow.",
        decimals=0,
    ),
    Indicator(
        id="remittance_outflows_knomad_usd_m",
        theme="costs",
        title="Remittance outflows (KNOMAD)",
        definition="Personal remittances paid from the country to other countries, in millions of current US dollars, as compiled by KNOMAD and the World Bank from balance-of-payments data.",
        unit="US$ million (current)",
        unit_short="US$ m",
        table="observations",
        source_ids=(OUTWARD_ID,),
        series_code="KNOMAD outward remittance flows",
        caveats=_CAVEATS + " Many countries have no 2022 value in this June 2023 release.",
        decimals=0,
    ),
]


def _parse_file(ctx: BuildContext, f: str, drops: list[Drop], read: dict[str, int]) -> list[dict]:
    label, indicator_id, source_id = FILES[f]
    rows = read_rows(ctx, f)
    header_at = next((i for i, (_, r) in enumerate(rows[:3]) if r and r[0].strip() == label), None)
    if header_at is None:
        raise SourceError(f, f"no header row starting {label!r} in the first 3 lines", row=1)
    header_line, header = rows[header_at]
    years = {}
    for i, h in enumerate(header[1:], 1):
        m = _YEAR.match(h.strip())
        if m:
            years[i] = (int(m["year"]), bool(m["estimate"]))
        elif not h.strip().startswith("% of GDP"):  # the share-of-GDP column duplicates WDI's series
            raise SourceError(f, f"unexpected column {h!r}", row=header_line, column=h)
    out = []
    read[f] = 0
    for line, r in rows[header_at + 1 :]:
        name = r[0].strip() if r else ""
        if not name:
            break  # the data block ends at the first blank row; footnotes follow
        read[f] += 1
        if len(r) != len(header):
            raise SourceError(f, f"row has {len(r)} cells, header has {len(header)}; truncated or wrong delimiter?", row=line)
        if name in NO_ISO3:
            drops.append(Drop(f, (line,), "no_iso3_code", f"{name}: a territory without an ISO 3166 code of its own", indicator_id))
            continue
        if name in AGGREGATES and AGGREGATES[name] is None:
            drops.append(Drop(f, (line,), "aggregate_not_presented", f"{name}: a World Bank income group with no UN M49 equivalent", indicator_id))
            continue
        if name in AGGREGATES:
            (geo_code, geo_type), remark = AGGREGATES[name], None
        else:
            geo_code, remark = resolve_name(ctx, name, file=f, row=line, column=label)
            geo_type = "country"
        values = {i: number(r[i], file=f, row=line, column=header[i]) for i in years}
        nonzero = [i for i, v in values.items() if v]
        zero_years = {"zero_before_first_value": [], "zero_after_last_value": [], "all_zero_row": []}
        for i, (year, estimate) in years.items():
            v = values[i]
            if v is None:
                continue
            if v == 0 and not (nonzero and nonzero[0] < i < nonzero[-1]):
                # Outside the span a country reported in, the file's 0 means "no data" (costs/SOURCES.md).
                which = "all_zero_row" if not nonzero else ("zero_before_first_value" if i < nonzero[0] else "zero_after_last_value")
                zero_years[which].append(header[i].strip())
                continue
            notes = [f"publisher's remark: {remark}"] if remark else []
            if v == 0:
                notes.append(MID_SERIES_ZERO_NOTE)
            if estimate:
                notes.append(f"{year} value is an estimate ({header[i].strip()})")
            out.append(
                {
                    "indicator_id": indicator_id,
                    "geo_code": geo_code,
                    "geo_type": geo_type,
                    "year": year,
                    "period": str(year),
                    "sex": "total",
                    "age": "all",
                    "breakdown": "total",
                    "value": v,
                    "lower": None,
                    "upper": None,
                    "obs_type": "estimate" if estimate else "administrative",
                    "source_id": source_id,
                    "note": "; ".join(notes) or None,
                    "src_file": f,
                    "src_line": line,
                }
            )
        for reason, ys in zero_years.items():
            if ys:
                drops.append(Drop(f, (line,), reason, f"{name}: 0 in {ys[0]}-{ys[-1]} ({len(ys)} years) read as the file's 'no data' fill", indicator_id))
        if not any(v is not None for v in values.values()):
            drops.append(Drop(f, (line,), "no_value", f"{name}: no value in any year", indicator_id))
    return out


def parse(ctx: BuildContext) -> SourceOutput:
    drops: list[Drop] = []
    read: dict[str, int] = {}
    obs = frame([rec for f in sorted(FILES) for rec in _parse_file(ctx, f, drops, read)], OBS_COLUMNS)
    check_unique(obs, ["indicator_id", "geo_code", "year"])
    return SourceOutput(observations=obs, indicators=INDICATORS, sources=SOURCES, rows_read=read, drops=drops, comparisons=compare_with_wdi(ctx, obs))


# KNOMAD indicator -> (WDI series of the same quantity in US$, KNOMAD source id)
SAME_AS_WDI = {
    "remittance_inflows_knomad_usd_m": ("BX.TRF.PWKR.CD.DT", INWARD_ID),
    "remittance_outflows_knomad_usd_m": ("BM.TRF.PWKR.CD.DT", OUTWARD_ID),
}
RELATIVE_TOLERANCE = 0.01
ABSOLUTE_TOLERANCE = 0.05  # US$ million: KNOMAD rounds to one decimal in places


def compare_with_wdi(ctx: BuildContext, obs) -> list[Comparison]:
    """The same flows from two World Bank releases, value by value. Both are served, as separate
    indicators with their own as-of dates, so a difference is a revision between releases, listed here."""
    aggregates = costs_wdi._aggregate_codes(ctx)
    out = []
    for indicator_id, (series, source_id) in sorted(SAME_AS_WDI.items()):
        wdi = {(r["geo_code"], r["year"]): r["value"] / 1e6 for r in costs_wdi._parse_series(ctx, series, aggregates)}
        mine = obs[obs["indicator_id"] == indicator_id]
        compared, disagreements, wdi_zero, wdi_last_year = 0, [], 0, 0
        last = max((y for _, y in wdi), default=None)
        for r in mine.sort_values(["geo_code", "year"]).itertuples(index=False):
            w = wdi.get((r.geo_code, int(r.year)))
            if w is None:
                continue
            compared += 1
            if abs(r.value - w) > max(ABSOLUTE_TOLERANCE, RELATIVE_TOLERANCE * abs(w)):
                disagreements.append(f"{r.geo_code} {r.year}: KNOMAD {r.value:,.1f} vs WDI {w:,.1f} US$ million")
                wdi_zero += w == 0
                wdi_last_year += int(r.year) == last
        out.append(
            Comparison(
                id=f"knomad_vs_wdi_{indicator_id}",
                target=indicator_id,
                sources=(source_id, costs_wdi.SOURCE_ID),
                compared=compared,
                agreed=compared - len(disagreements),
                tolerance=f"within {RELATIVE_TOLERANCE:.0%} of the WDI value (or {ABSOLUTE_TOLERANCE} US$ million)",
                disagreements=tuple(disagreements),
                resolution=(
                    f"explained: two World Bank releases (WDI {costs_wdi.SOURCE.as_of}, KNOMAD {next(s.as_of for s in SOURCES if s.id == source_id)}) "
                    f"that differ on these values ({wdi_last_year} in WDI's last year {last}, which may hold part-year figures; {wdi_zero} where WDI "
                    "has 0; the rest in earlier years). Both are served as separate indicators, each with its own as-of date; neither is changed."
                )
                if disagreements
                else "",
            )
        )
    return out
