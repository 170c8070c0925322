"""C189 parties from the Swiss Fedlex "Geltungsbereich" page text (German)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.pipeline.sources import fedlex_c189

from .ratification_fixtures import copy_raw, ctx_with, raises_source_error, valid_events

FILE = fedlex_c189.FILE


@pytest.fixture()
def raw(tmp_path):
    return copy_raw(tmp_path)


def test_german_rows_become_dated_ratifications(raw):
    out = fedlex_c189.parse(ctx_with(raw))
    ev = valid_events(out.ratification_events).set_index("iso3")
    assert list(ev.index) == ["DEU", "MEX", "PHL", "ZAF", "URY"]
    assert set(ev["action"]) == {"ratification"}
    assert ev.loc["ZAF", ["date", "in_force_date"]].tolist() == ["2013-06-20", "2014-06-20"]
    assert ev.loc["MEX", "in_force_date"] == "2021-07-03"  # after the as-of date: not yet in force then
    assert ev.loc["ZAF", "src_line"] == 8
    assert set(ev["as_of"]) == {"2020-10-05"}  # from the annex title, not the file name


def test_rows_off_the_twelve_month_rule_are_kept_and_flagged(raw):
    ev = fedlex_c189.parse(ctx_with(raw)).ratification_events.set_index("iso3")
    assert ev.loc["DEU", "date"] == "2012-09-20" and "kept as printed" in ev.loc["DEU", "note"]
    # Uruguay's entry into force is the Convention's own (12 months after the 2nd ratification): as expected.
    assert ev.loc["URY", "in_force_date"] == "2013-09-05" and pd.isna(ev.loc["URY", "note"])


def test_catalog_is_partial_and_cites_gsi(raw):
    (inst,) = fedlex_c189.parse(ctx_with(raw)).instruments
    assert (inst.id, inst.completeness, inst.as_of) == ("ILO-C189", "partial", "2020-10-05")
    assert "walkfree-gsi-2023-party-status" in inst.source_ids


@pytest.mark.parametrize(
    "malformed, row, column, problem",
    [
        ("fedlex_truncated_row.txt", 6, None, "truncated row"),
        ("fedlex_bad_month.txt", 8, "Ratifikation", "cannot read date '20. Joony'"),
        ("fedlex_no_title.txt", None, None, "no 'Geltungsbereich am <date>' annex title"),
        ("fedlex_in_force_before_ratification.txt", 7, "Inkrafttreten", "entry into force 2013-09-05 precedes ratification 2014-09-05"),
    ],
)
def test_malformed_input_names_file_row_column(raw, malformed, row, column, problem):
    ctx = ctx_with(raw, FILE, malformed)
    raises_source_error(lambda: fedlex_c189.parse(ctx), file=FILE, row=row, column=column, problem=problem)
