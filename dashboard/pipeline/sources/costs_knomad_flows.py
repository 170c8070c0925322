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
from ..output import Indicator, Source, SourceOutput
from ._costs_io import NO_ISO3, OBS_COLUMNS, check_unique, frame, number, read_rows, rel, resolve_name

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
        id=INWARD_ID, publisher="World Bank-KNOMAD", title="Inward remittance flows (December 2023 release)",
        url="https://www.knomad.org/data/remittances",
        licence="No licence stated in the file, which asks for the citation below; World Bank data are generally CC BY 4.0 (confirm before republishing)",
        as_of="2023-12", files=(INWARD,), citation="World Bank-KNOMAD, December 2023. Inward remittance flows (US$ million).",
    ),
    Source(
        id=OUTWARD_ID, publisher="KNOMAD/World Bank", title="Outward remittance flows (June 2023 release)",
        url="https://www.knomad.org/data/remittances",
        licence="No licence stated in the file, which asks for the citation below; World Bank data are generally CC BY 4.0 (confirm before republishing)",
        as_of="2023-06", files=(OUTWARD,), citation="KNOMAD/World Bank, 2023. Outward remittance flows (US$ million), June 2023.",
    ),
]

_CAVEATS = (
    "The file writes 0 where no data are available (for example before a country started reporting), "
    "so zeros are treated as missing. Recorded flows only; informal channels are missing. Not available by sex."
)
INDICATORS = [
    Indicator(
        id="remittance_inflows_knomad_usd_m", theme="costs", title="Remittance inflows (KNOMAD)",
        definition="Personal remittances received by the country, in millions of current US dollars, as compiled by the World Bank and KNOMAD from balance-of-payments data; 2023 is an estimate.",
        unit="US$ million (current)", unit_short="US$ m", table="observations", source_ids=(INWARD_ID,),
        series_code="KNOMAD inward remittance flows", caveats=_CAVEATS + " The 2023 value is a World Bank-KNOMAD estimate, not a recorded flow.",
        decimals=0,
    ),
    Indicator(
        id="remittance_outflows_knomad_usd_m", theme="costs", title="Remittance outflows (KNOMAD)",
        definition="Personal remittances paid from the country to other countries, in millions of current US dollars, as compiled by KNOMAD and the World Bank from balance-of-payments data.",
        unit="US$ million (current)", unit_short="US$ m", table="observations", source_ids=(OUTWARD_ID,),
        series_code="KNOMAD outward remittance flows", caveats=_CAVEATS + " Many countries have no 2022 value in this June 2023 release.",
        decimals=0,
    ),
]


def _parse_file(ctx: BuildContext, f: str) -> list[dict]:
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
    for line, r in rows[header_at + 1:]:
        name = r[0].strip() if r else ""
        if not name:
            break  # the data block ends at the first blank row; footnotes follow
        if len(r) != len(header):
            raise SourceError(f, f"row has {len(r)} cells, header has {len(header)}; truncated or wrong delimiter?", row=line)
        if name in NO_ISO3 or (name in AGGREGATES and AGGREGATES[name] is None):
            continue
        if name in AGGREGATES:
            (geo_code, geo_type), remark = AGGREGATES[name], None
        else:
            geo_code, remark = resolve_name(ctx, name, file=f, row=line, column=label)
            geo_type = "country"
        for i, (year, estimate) in years.items():
            v = number(r[i], file=f, row=line, column=header[i])
            if not v:  # None, or the file's 0 = "no data"
                continue
            notes = [f"publisher's remark: {remark}"] if remark else []
            if estimate:
                notes.append(f"{year} value is an estimate ({header[i].strip()})")
            out.append({
                "indicator_id": indicator_id, "geo_code": geo_code, "geo_type": geo_type, "year": year,
                "period": str(year), "sex": "total", "age": "all", "breakdown": "total", "value": v,
                "lower": None, "upper": None, "obs_type": "estimate" if estimate else "administrative",
                "source_id": source_id, "note": "; ".join(notes) or None, "src_file": f, "src_line": line,
            })
    return out


def parse(ctx: BuildContext) -> SourceOutput:
    obs = frame([rec for f in sorted(FILES) for rec in _parse_file(ctx, f)], OBS_COLUMNS)
    check_unique(obs, ["indicator_id", "geo_code", "year"])
    return SourceOutput(observations=obs, indicators=INDICATORS, sources=SOURCES)
