"""Raw UNTC participant tables (2023 TIP file; 2014-2015 SoM and statelessness files)."""

from __future__ import annotations

import pytest

from dashboard.pipeline.sources import untc_tables

from .ratification_fixtures import copy_raw, ctx_with, raises_source_error, valid_events

SOM = "ratifications/untc2015_18-12-b_un-som-protocol.csv"


@pytest.fixture()
def raw(tmp_path):
    return copy_raw(tmp_path)


@pytest.fixture()
def events(raw):
    return valid_events(untc_tables.parse(ctx_with(raw)).ratification_events).set_index(["instrument_id", "iso3", "action"])


def test_suffixes_map_to_depositary_categories(events):
    assert events.loc[("UN-SOM", "ALB", "ratification"), "date"] == "2002-08-21"
    assert events.loc[("UN-SOM", "ATG", "accession"), "date"] == "2010-02-17"
    assert events.loc[("UN-SOM", "FIN", "acceptance"), "date"] == "2006-09-07"
    assert events.loc[("UN-STATELESS-1954", "ATG", "succession"), "date"] == "1988-10-25"
    assert events.loc[("UN-STATELESS-1961", "GBR", "ratification"), "date"] == "1966-03-29"
    assert events.loc[("UN-TIP", "JPN", "acceptance"), "date"] == "2017-07-11"


def test_footnote_marks_stripped_and_non_states_skipped(events):
    assert events.loc[("UN-TIP", "CHN", "accession"), "date"] == "2010-02-08"
    assert events.loc[("UN-TIP", "MNE", "succession"), "date"] == "2006-10-23"
    iso3s = set(events.index.get_level_values("iso3"))
    assert "EUE" not in iso3s and not any(a == "approval" for a in events.index.get_level_values("action"))


def test_signatories_and_empty_rows(events):
    assert list(events.xs(("UN-SOM", "JPN"), level=["instrument_id", "iso3"]).index) == ["signature"]
    assert list(events.xs(("UN-TIP", "UGA"), level=["instrument_id", "iso3"]).index) == ["signature"]
    # China's V-3 row carries neither a signature nor an action: nothing to record.
    assert ("UN-STATELESS-1954", "CHN") not in {k[:2] for k in events.index}


def test_each_file_has_its_own_as_of_and_the_2014_tip_file_is_not_read(raw):
    out = untc_tables.parse(ctx_with(raw))
    ev = out.ratification_events
    assert dict(ev.groupby("instrument_id")["as_of"].first()) == {
        "UN-SOM": "2014-07-10",
        "UN-STATELESS-1954": "2015-03-14",
        "UN-STATELESS-1961": "2015-01-27",
        "UN-TIP": "2022-11-04",
    }
    assert not any("untc2015_18-12-a" in f for s in out.sources for f in s.files)
    status = {i.id: i.completeness for i in out.instruments}
    assert status == {"UN-TIP": "complete", "UN-SOM": "partial", "UN-STATELESS-1954": "stale", "UN-STATELESS-1961": "stale"}


@pytest.mark.parametrize(
    "malformed, row, column, problem",
    [
        ("untc_table_bad_suffix.csv", 2, "Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)", "cannot read '21 Aug 2002 x'"),
        ("untc_table_impossible_date.csv", 2, "Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)", "impossible date '31 Feb 2002'"),
        ("untc_table_missing_field.csv", 6, None, "expected 3 fields, found 2"),
        ("untc_table_duplicate.csv", 7, "Participant", "duplicate entry ('ALB',) (first on line 2)"),
    ],
)
def test_malformed_input_names_file_row_column(raw, malformed, row, column, problem):
    ctx = ctx_with(raw, SOM, malformed)
    raises_source_error(lambda: untc_tables.parse(ctx), file=SOM, row=row, column=column, problem=problem)


def test_missing_file_is_named(raw):
    (raw / SOM).unlink()
    raises_source_error(lambda: untc_tables.parse(ctx_with(raw)), file=SOM, row=None, column=None, problem="file not found")
