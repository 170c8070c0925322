"""Walk Free Global Slavery Index 2023: yes/no party coding for TIP, SoM, P029 and C189.

GSI is not a depositary and gives no dates. It only fills gaps: a country coded as party
becomes a ``party_undated`` event when no dated source (UNTC, NORMLEX, Fedlex) records a
party action for it on that instrument. This is how C189 ratifiers after October 2020
and Smuggling Protocol parties after 2014 appear at all.
"""

from __future__ import annotations

import re

import pandas as pd

from ..context import BuildContext
from ..errors import SourceError
from ..output import Comparison, Source, SourceOutput
from . import fedlex_c189, ilo_partial_lists, normlex, untc_tables
from ._instruments import GSI_SOURCE_ID
from ._ratification_io import PARTY_ACTIONS, check_unique, events_frame, ledger, read_table

FILE = "ratifications/ilo/gsi2023_party-status_2022-08-31_TIP_SoM_P029_C189.csv"
HEADER = ["country_source", "iso3", "region", "instrument", "gsi_indicator", "value", "meaning", "as_of", "source_url_or_repo"]
# The file's instrument code -> (our id, the GSI indicator that codes it; see ilo/SOURCES.md).
INSTRUMENTS = {
    "UN-TIP-PROTOCOL": ("UN-TIP", "M2121"),
    "P029": ("ILO-P029", "M2132"),
    "UN-SOM-PROTOCOL": ("UN-SOM", "M2162"),
    "C189": ("ILO-C189", "M2173"),
}


def coding(ctx: BuildContext) -> tuple[pd.DataFrame, str]:
    """Every coded (instrument_id, iso3, party, src_line) and the coding's single as-of date."""
    rows = read_table(ctx, FILE, header=HEADER)
    as_ofs = sorted({r["as_of"] for _, r in rows})
    if len(as_ofs) != 1 or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", as_ofs[0]):
        raise SourceError(FILE, f"expected one as-of date (YYYY-MM-DD) for the whole coding, found {as_ofs!r}", column="as_of")
    records = []
    for line, r in rows:
        if r["instrument"] not in INSTRUMENTS:
            raise SourceError(FILE, f"unknown instrument code {r['instrument']!r}", row=line, column="instrument")
        instrument_id, indicator = INSTRUMENTS[r["instrument"]]
        if r["gsi_indicator"] != indicator:
            raise SourceError(
                FILE, f"indicator {r['gsi_indicator']!r} does not code {r['instrument']} (expected {indicator})", row=line, column="gsi_indicator"
            )
        if r["value"] not in ("0", "1"):
            raise SourceError(FILE, f"value must be 0 or 1, found {r['value']!r}", row=line, column="value")
        iso3 = r["iso3"]
        named = ctx.try_iso3(r["country_source"])
        if not re.fullmatch(r"[A-Z]{3}", iso3) or not ctx.known_iso3(iso3) or (named is not None and named != iso3):
            raise SourceError(FILE, f"iso3 {iso3!r} is not a known code for {r['country_source']!r}", row=line, column="iso3")
        records.append(dict(instrument_id=instrument_id, iso3=iso3, party=r["value"] == "1", indicator=indicator, src_line=line))
    check_unique([((x["instrument_id"], x["iso3"]), x["src_line"]) for x in records], file=FILE, column="iso3")
    return pd.DataFrame.from_records(records), as_ofs[0]


def dated_events(ctx: BuildContext) -> pd.DataFrame:
    """Events from the dated sources for the instruments GSI codes."""
    wanted = {i for i, _ in INSTRUMENTS.values()}
    df = pd.concat([_events_of(ctx, m) for m in (untc_tables, normlex, fedlex_c189, ilo_partial_lists)], ignore_index=True)
    return df[df["instrument_id"].isin(wanted)]


def _events_of(ctx: BuildContext, module) -> pd.DataFrame:
    """A dated list's events, read once per build however many comparisons use them."""
    return ctx.once(f"{module.__name__}.events", lambda: module.events(ctx))


def events(ctx: BuildContext, coded: pd.DataFrame, as_of: str, dated: pd.DataFrame | None = None) -> pd.DataFrame:
    """party_undated events for coded parties that no dated source records as party."""
    dated = dated_events(ctx) if dated is None else dated
    dated_parties = dated[dated["action"].isin(PARTY_ACTIONS)]
    has_date = set(zip(dated_parties["instrument_id"], dated_parties["iso3"]))
    records = []
    for x in coded[coded["party"]].itertuples(index=False):
        if (x.instrument_id, x.iso3) in has_date:
            continue
        consulted = ", ".join(sorted(dated.loc[dated["instrument_id"] == x.instrument_id, "source_id"].unique()))
        note = f"Party per Walk Free GSI 2023 coding ({x.indicator}) as of {as_of}; no dated record in {consulted}"
        records.append(
            dict(
                instrument_id=x.instrument_id,
                iso3=x.iso3,
                action="party_undated",
                date=None,
                in_force_date=None,
                source_id=GSI_SOURCE_ID,
                as_of=as_of,
                note=note,
                src_file=FILE,
                src_line=x.src_line,
            )
        )
    return events_frame(records)


def parse(ctx: BuildContext) -> SourceOutput:
    coded, as_of = coding(ctx)
    source = Source(
        id=GSI_SOURCE_ID,
        publisher="Walk Free",
        title="Global Slavery Index 2023, government response indicators: party to the TIP Protocol (M2121), P029 (M2132), Smuggling of Migrants Protocol (M2162), C189 (M2173)",
        url="https://www.walkfree.org/global-slavery-index/downloads/",
        licence="Walk Free Global Slavery Index 2023 data; licence not stated in the copy used (via github.com/iferminm/crba-etl)",
        as_of=as_of,
        files=(FILE,),
        citation=(
            'Walk Free (2023), Global Slavery Index 2023 data, sheet "Govt response - Indicators", yes/no party coding as of '
            "31 August 2022; workbook via the UNICEF CRBA ETL (github.com/iferminm/crba-etl, commit 948e2bdf)."
        ),
    )
    dated = dated_events(ctx)
    ev = events(ctx, coded, as_of, dated)

    def classify(r):
        instrument_id = INSTRUMENTS[r["instrument"]][0]
        if r["value"] == "0":
            return "coded_not_party", f"{r['iso3']} {instrument_id}: coded 0 (not party); no event, so the tracker shows no party record", instrument_id
        return "dated_record_elsewhere", f"{r['iso3']} {instrument_id}: coded party, and a depositary list already dates it", instrument_id

    read, drops = ledger(read_table(ctx, FILE, header=HEADER), ev, FILE, classify)
    return SourceOutput(
        ratification_events=ev,
        sources=[source],
        rows_read={FILE: read},
        drops=drops,
        comparisons=compare_with_dated(coded, dated, as_of) + c189_comparisons(ctx, coded, as_of),
    )


def c189_comparisons(ctx: BuildContext, coded: pd.DataFrame, as_of: str) -> list[Comparison]:
    """C189's later partial list against Fedlex's dated list and against this coding (all three are read here)."""
    later = _events_of(ctx, ilo_partial_lists)
    return ilo_partial_lists.compare_c189(later[later["instrument_id"] == "ILO-C189"], _events_of(ctx, fedlex_c189), coded, as_of)


def compare_with_dated(coded: pd.DataFrame, dated: pd.DataFrame, as_of: str) -> list[Comparison]:
    """GSI's yes/no coding against the depositary lists, per instrument, at GSI's as-of date.

    A coding of 1 with no dated record is comparable only where the dated list is current to at
    least GSI's as-of date; before that, the list's own end explains the gap (the party_undated events).
    """
    out = []
    for instrument_id, grp in sorted(coded.groupby("instrument_id"), key=lambda kv: kv[0]):
        d = dated[dated["instrument_id"] == instrument_id]
        list_as_of = str(d["as_of"].max()) if len(d) else ""
        parties = set(d.loc[d["action"].isin(PARTY_ACTIONS) & (d["date"] <= as_of), "iso3"])
        compared, disagreements = 0, []
        for x in grp.sort_values("iso3").itertuples(index=False):
            dated_party = x.iso3 in parties
            if x.party and not dated_party and list_as_of < as_of:
                continue
            compared += 1
            if x.party != dated_party:
                disagreements.append(
                    f"{x.iso3}: GSI codes {'party' if x.party else 'not party'} as of {as_of}; "
                    f"the dated list {'records it as party' if dated_party else 'has no party record'} by then (line {x.src_line})"
                )
        out.append(
            Comparison(
                id=f"gsi2023_party_coding_vs_dated_{instrument_id}",
                target=instrument_id,
                sources=(*sorted(d["source_id"].unique()), GSI_SOURCE_ID),
                compared=compared,
                agreed=compared - len(disagreements),
                tolerance=f"same party status on {as_of}",
                disagreements=tuple(disagreements),
                resolution="explained: the depositary's dated record is what the tracker shows; the GSI coding only adds undated parties that no dated list records"
                if disagreements
                else "",
            )
        )
    return out
