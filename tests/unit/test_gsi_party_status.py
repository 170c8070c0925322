"""GSI 2023 yes/no coding: party_undated only where no dated source has a party action."""

from __future__ import annotations

import pytest

from dashboard.pipeline.sources import gsi_party_status

from .ratification_fixtures import copy_raw, ctx_with, raises_source_error, valid_events

FILE = gsi_party_status.FILE


@pytest.fixture()
def raw(tmp_path):
    return copy_raw(tmp_path)


def test_undated_parties_fill_only_gaps_in_dated_sources(raw):
    ev = valid_events(gsi_party_status.parse(ctx_with(raw)).ratification_events)
    got = sorted(zip(ev["instrument_id"], ev["iso3"]))
    # JPN: only a 2002 signature in the 2014 SoM file; NOR: C189 not in the 2020 Fedlex list.
    # Not emitted: ALB (dated TIP and SoM), NOR P029 (dated in NORMLEX), DEU C189 (dated), and every 0.
    assert got == [("ILO-C189", "NOR"), ("UN-SOM", "JPN")]
    assert set(ev["action"]) == {"party_undated"}
    assert ev["date"].isna().all() and set(ev["as_of"]) == {"2022-08-31"}
    som = ev[ev["instrument_id"] == "UN-SOM"].iloc[0]
    assert "M2162" in som["note"] and "untc-xviii-12-b-2014" in som["note"]
    assert som["src_line"] == 4


@pytest.mark.parametrize(
    "malformed, row, column, problem",
    [
        ("gsi_bad_value.csv", 5, "value", "value must be 0 or 1, found 'yes'"),
        ("gsi_iso3_mismatch.csv", 8, "iso3", "iso3 'AUT' is not a known code for 'Germany'"),
        ("gsi_two_as_of.csv", None, "as_of", "expected one as-of date"),
        ("gsi_indicator_mismatch.csv", 6, "gsi_indicator", "indicator 'M2173' does not code P029"),
    ],
)
def test_malformed_input_names_file_row_column(raw, malformed, row, column, problem):
    ctx = ctx_with(raw, FILE, malformed)
    raises_source_error(lambda: gsi_party_status.parse(ctx), file=FILE, row=row, column=column, problem=problem)
