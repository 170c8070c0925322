"""NORMLEX C029/P029 tables: registration dates, computed entry into force, status checks."""

from __future__ import annotations

import pytest

from dashboard.pipeline.sources import normlex

from .ratification_fixtures import copy_raw, ctx_with, raises_source_error, valid_events

C029 = normlex.FILES["ILO-C029"]


@pytest.fixture()
def raw(tmp_path):
    return copy_raw(tmp_path)


def events(ctx):
    return valid_events(normlex.parse(ctx).ratification_events).set_index(["instrument_id", "iso3", "action"])


def test_in_force_is_registration_plus_twelve_months_but_not_before_the_instrument(raw):
    ev = events(ctx_with(raw))
    assert ev.loc[("ILO-C029", "ALB", "ratification"), "in_force_date"] == "1958-06-25"
    # C029 itself entered into force 12 months after the 2nd registration (Liberia, 1 May 1931).
    assert ev.loc[("ILO-C029", "IRL", "ratification"), "in_force_date"] == "1932-05-01"
    assert ev.loc[("ILO-C029", "LBR", "ratification"), "in_force_date"] == "1932-05-01"
    assert ev.loc[("ILO-P029", "NER", "ratification"), "in_force_date"] == "2016-11-09"
    # Not in force at the scrape; agrees with NORMLEX's own note.
    assert ev.loc[("ILO-C029", "CHN", "ratification"), "in_force_date"] == "2023-08-12"
    assert set(ev["as_of"]) == {"2023-03-31"}


def test_denunciation_date_read_from_note(raw):
    ev = events(ctx_with(raw, C029, "normlex_denounced.csv"))
    assert ev.loc[("ILO-C029", "ALB", "denunciation"), "date"] == "1991-06-14"
    assert ev.loc[("ILO-C029", "ALB", "denunciation"), "note"].startswith("automatic denunciation")
    assert ev.loc[("ILO-C029", "ALB", "ratification"), "date"] == "1957-06-25"


def test_catalog(raw):
    out = normlex.parse(ctx_with(raw))
    assert [(i.id, i.completeness, i.as_of, i.family) for i in out.instruments] == [
        ("ILO-C029", "complete", "2023-03-31", "ILO"),
        ("ILO-P029", "complete", "2023-03-31", "ILO"),
    ]


@pytest.mark.parametrize(
    "malformed, row, column, problem",
    [
        ("normlex_unknown_status.csv", 4, "Status", "unknown status 'Suspended'"),
        ("normlex_denounced_without_date.csv", 4, "Note", "gives no denunciation date"),
        ("normlex_status_contradiction.csv", 4, "Status", "status Not in force, but registration + 12 months is 1958-06-25"),
        ("normlex_note_mismatch.csv", 5, "Note", "Note gives entry into force '12 Sep 2023'"),
    ],
)
def test_malformed_input_names_file_row_column(raw, malformed, row, column, problem):
    ctx = ctx_with(raw, C029, malformed)
    raises_source_error(lambda: normlex.parse(ctx), file=C029, row=row, column=column, problem=problem)


def test_successor_state_registration_is_a_succession_in_force_from_that_date(raw):
    f = raw / "ratifications/ilo/normlex_C029_via-crba-etl_2023-05.csv"
    f.write_text(f.read_text(encoding="utf-8") + "Croatia;08 Oct 1991;In Force;;nan\n", encoding="utf-8")
    ev = events(ctx_with(raw))
    hrv = ev.loc[("ILO-C029", "HRV", "succession")]
    assert hrv["date"] == "1991-10-08" and hrv["in_force_date"] == "1991-10-08"
    assert "successor state of Yugoslavia" in hrv["note"]
    assert ("ILO-C029", "HRV", "ratification") not in ev.index
    assert ("ILO-C029", "ALB", "ratification") in ev.index  # not a successor state
