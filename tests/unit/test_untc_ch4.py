"""UNTC Chapter IV 2026 parser (CEDAW, CEDAW-OP, CRC, ICRMW) on small fixtures."""

from __future__ import annotations

import pytest

from dashboard.pipeline.sources import untc_ch4

from .ratification_fixtures import copy_raw, ctx_with, raises_source_error, valid_events

FILE = untc_ch4.FILE


@pytest.fixture()
def raw(tmp_path):
    return copy_raw(tmp_path)


def test_events_keep_depositary_categories_and_skip_other_treaties(raw):
    out = untc_ch4.parse(ctx_with(raw))
    ev = valid_events(out.ratification_events).set_index(["instrument_id", "iso3", "action"])
    assert ev.loc[("UN-CEDAW", "ALB", "accession"), "date"] == "1994-05-11"
    assert ev.loc[("UN-CEDAW", "DZA", "signature"), "date"] == "1980-07-17"
    assert ev.loc[("UN-CEDAW", "DZA", "ratification"), "date"] == "1996-05-22"
    assert ev.loc[("UN-CRC", "HRV", "succession"), "date"] == "1991-10-08"
    assert ev.loc[("UN-ICRMW", "EGY", "ratification"), "src_line"] == 9
    # Signature only, no consent to be bound.
    assert set(ev.xs("USA", level="iso3").index.get_level_values("action")) == {"signature"}
    # cerd is not tracked; the German Democratic Republic is a predecessor state.
    assert len(ev) == 7
    assert set(ev["as_of"]) == {"2026-02-03"}
    assert ev["in_force_date"].isna().all()


def test_catalog_entries_are_complete_with_as_of_from_access_log(raw):
    out = untc_ch4.parse(ctx_with(raw))
    assert [i.id for i in out.instruments] == ["UN-CEDAW", "UN-CEDAW-OP", "UN-CRC", "UN-ICRMW"]
    assert {i.completeness for i in out.instruments} == {"complete"}
    assert {i.as_of for i in out.instruments} == {"2026-02-03"}
    assert out.sources[0].as_of == "2026-02-03"
    assert out.instruments[0].adoption_year == 1979


@pytest.mark.parametrize(
    "malformed, row, column, problem",
    [
        ("untc_ch4_future_date.csv", 9, "action_date", "after the source's as-of date 2026-02-03"),
        ("untc_ch4_unknown_country.csv", 8, "country_name", "unknown country name 'Atlantis'"),
        ("untc_ch4_semicolon.csv", 1, None, "unexpected header"),
        ("untc_ch4_duplicate.csv", 10, "country_name", "duplicate entry ('cedaw', 'Algeria') (first on line 4)"),
        ("untc_ch4_unknown_action.csv", 7, "action_type", "unknown action type 'Withdrawal'"),
        ("untc_ch4_truncated.csv", 7, None, "expected 9 fields, found 3"),
        ("untc_ch4_not_utf8.csv", None, None, "not valid UTF-8"),
    ],
)
def test_malformed_input_names_file_row_column(raw, malformed, row, column, problem):
    ctx = ctx_with(raw, FILE, malformed)
    raises_source_error(lambda: untc_ch4.parse(ctx), file=FILE, row=row, column=column, problem=problem)


def test_access_log_without_date_is_an_error(raw):
    (raw / untc_ch4.LOG_FILE).write_text('{"errors": []}', encoding="utf-8")
    raises_source_error(lambda: untc_ch4.parse(ctx_with(raw)), file=untc_ch4.LOG_FILE, row=None, column="access_date", problem="cannot read 'access_date'")
