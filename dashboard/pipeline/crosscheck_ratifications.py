"""Compare the ratification parsers' output with the collectors' tidy files (a check, not a source).

    python -m dashboard.pipeline.crosscheck_ratifications [--raw DIR]

Prints every disagreement: parties present on one side only, differing dates or
categories, and GSI 2023 "not party" codings contradicted by a dated source.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from .__main__ import default_raw
from .context import BuildContext
from .sources import fedlex_c189, gsi_party_status, normlex, untc_ch4, untc_tables
from .sources._ratification_io import PARTY_ACTIONS

# Tidy files' labels -> ours.
INSTRUMENTS = {"UN-TIP-PROTOCOL": "UN-TIP", "UN-SOM-PROTOCOL": "UN-SOM", "C029": "ILO-C029", "P029": "ILO-P029", "C189": "ILO-C189"}
STATUS_ACTIONS = {"ratified": "ratification", "acceded": "accession", "succeeded": "succession", "accepted": "acceptance", "approved": "approval"}


def ours(ctx: BuildContext) -> pd.DataFrame:
    ev = pd.concat([m.events(ctx) for m in (untc_ch4, untc_tables, normlex, fedlex_c189)], ignore_index=True)
    return ev[ev["action"].isin(PARTY_ACTIONS)][["instrument_id", "iso3", "action", "date"]]


def theirs(raw: Path) -> pd.DataFrame:
    un = pd.read_csv(raw / "ratifications/ratifications_tidy.csv", dtype=str)
    un = un[un["status"].isin(STATUS_ACTIONS)].assign(action=lambda d: d["status"].map(STATUS_ACTIONS), file="ratifications_tidy.csv")
    ilo = pd.read_csv(raw / "ratifications/ilo/ilo_un_ratifications_tidy.csv", dtype=str)
    ilo = ilo[~ilo["status"].str.startswith("signatory")].assign(file="ilo/ilo_un_ratifications_tidy.csv")
    df = pd.concat([un[["iso3", "instrument", "action", "date", "file"]], ilo[["iso3", "instrument", "action", "date", "file"]]])
    df = df[df["iso3"].notna()]  # the European Union's approval: not a state, dropped by our parsers too
    df["instrument_id"] = df["instrument"].map(INSTRUMENTS).fillna(df["instrument"])
    return df.drop(columns="instrument")


def compare(mine: pd.DataFrame, tidy: pd.DataFrame) -> list[str]:
    lines = []
    for (file, instrument_id), t in tidy.groupby(["file", "instrument_id"], sort=True):
        m = mine[mine["instrument_id"] == instrument_id]
        j = m.merge(t, on=["instrument_id", "iso3"], how="outer", suffixes=("", "_tidy"), indicator=True).sort_values("iso3")
        for r in j.itertuples(index=False):
            if r._7 == "left_only":
                lines.append(f"{instrument_id} {r.iso3}: party in our data ({r.action} {r.date}), absent from {file}")
            elif r._7 == "right_only":
                lines.append(f"{instrument_id} {r.iso3}: party in {file} ({r.action_tidy} {r.date_tidy}), absent from our data")
            elif (r.action, r.date) != (r.action_tidy, r.date_tidy):
                lines.append(f"{instrument_id} {r.iso3}: ours {r.action} {r.date}, {file} {r.action_tidy} {r.date_tidy}")
    return lines


def gsi_contradictions(ctx: BuildContext, mine: pd.DataFrame) -> list[str]:
    coded, as_of = gsi_party_status.coding(ctx)
    dated = mine[mine["date"] <= as_of][["instrument_id", "iso3", "date"]]
    j = coded[~coded["party"]].merge(dated, on=["instrument_id", "iso3"])
    return [f"{r.instrument_id} {r.iso3}: GSI codes 0 as of {as_of}, dated party since {r.date}" for r in j.itertuples(index=False)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--raw", type=Path, default=None)
    raw = ap.parse_args(argv).raw or default_raw()
    ctx = BuildContext(raw=raw)
    mine = ours(ctx)
    lines = compare(mine, theirs(raw)) + gsi_contradictions(ctx, mine)
    print("\n".join(lines) if lines else "no disagreements")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
