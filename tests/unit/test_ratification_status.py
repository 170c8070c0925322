"""Status as of a date, and party counts over time, from hand-built event histories."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.ratifications.status import STATUSES, parties_over_time, status_as_of

COLUMNS = ["instrument_id", "iso3", "action", "date", "in_force_date", "source_id", "as_of", "note"]


def ev(instrument, iso3, action, date, in_force=None, as_of="2026-01-01"):
    return dict(instrument_id=instrument, iso3=iso3, action=action, date=date, in_force_date=in_force, source_id="src", as_of=as_of, note=None)


def frame(*rows):
    return pd.DataFrame(list(rows), columns=COLUMNS)


def status(df, on, instrument, iso3):
    st = status_as_of(df, on).set_index(["instrument_id", "iso3"])
    return st.loc[(instrument, iso3)]


def test_signature_then_ratification():
    df = frame(ev("UN-CEDAW", "DZA", "signature", "1980-07-17"), ev("UN-CEDAW", "DZA", "ratification", "1996-05-22"))
    before = status(df, "1970-01-01", "UN-CEDAW", "DZA")
    signed = status(df, "1990-01-01", "UN-CEDAW", "DZA")
    party = status(df, "1996-05-22", "UN-CEDAW", "DZA")
    assert (before["status"], before["status_date"]) == ("no_record", None)
    assert (signed["status"], signed["status_date"]) == ("signatory", "1980-07-17")
    assert (party["status"], party["status_date"]) == ("party", "1996-05-22")
    assert pd.isna(party["in_force"])  # UN events carry no entry-into-force date


def test_ratification_then_denunciation_then_reratification():
    df = frame(
        ev("ILO-C029", "AAA", "ratification", "1960-01-10", "1961-01-10"),
        ev("ILO-C029", "AAA", "denunciation", "1990-03-01"),
        ev("ILO-C029", "AAA", "ratification", "2000-05-05", "2001-05-05"),
    )
    assert status(df, "1989-12-31", "ILO-C029", "AAA")["status"] == "party"
    denounced = status(df, "1995-01-01", "ILO-C029", "AAA")
    assert (denounced["status"], denounced["status_date"]) == ("denounced", "1990-03-01")
    assert status(df, "2000-06-01", "ILO-C029", "AAA")["status_date"] == "2000-05-05"
    steps = parties_over_time(df, "ILO-C029")
    assert steps.to_dict("list") == {"date": ["1960-01-10", "1990-03-01", "2000-05-05"], "parties": [1, 0, 1]}


def test_ilo_entry_into_force_twelve_months_after_registration():
    df = frame(ev("ILO-P029", "NOR", "ratification", "2015-11-09", "2016-11-09"))
    six_months = status(df, "2016-05-09", "ILO-P029", "NOR")
    twelve_months = status(df, "2016-11-09", "ILO-P029", "NOR")
    assert (six_months["status"], bool(six_months["in_force"])) == ("party", False)
    assert (twelve_months["status"], bool(twelve_months["in_force"])) == ("party", True)


def test_undated_party_applies_only_from_its_source_as_of_and_never_in_timelines():
    df = frame(
        ev("UN-SOM", "JPN", "signature", "2002-12-09", as_of="2014-07-10"),
        ev("UN-SOM", "JPN", "party_undated", None, as_of="2022-08-31"),
        ev("UN-SOM", "ALB", "ratification", "2002-08-21", as_of="2014-07-10"),
    )
    assert status(df, "2020-01-01", "UN-SOM", "JPN")["status"] == "signatory"
    later = status(df, "2022-08-31", "UN-SOM", "JPN")
    assert (later["status"], later["status_date"]) == ("party_undated", None)
    assert status(df, "2001-01-01", "UN-SOM", "JPN")["status"] == "no_record"
    assert parties_over_time(df, "UN-SOM").to_dict("list") == {"date": ["2002-08-21"], "parties": [1]}


def test_counts_are_cumulative_step_data_per_instrument():
    df = frame(
        ev("UN-CRC", "BBB", "ratification", "1990-09-02"),
        ev("UN-CRC", "CCC", "accession", "1990-09-02"),
        ev("UN-CRC", "DDD", "signature", "1990-01-26"),
        ev("UN-CRC", "DDD", "succession", "1993-01-01"),
        ev("UN-CEDAW", "BBB", "ratification", "1985-01-01"),
    )
    steps = parties_over_time(df, "UN-CRC")
    assert steps.to_dict("list") == {"date": ["1990-09-02", "1993-01-01"], "parties": [2, 3]}
    assert steps["parties"].dtype == "int64"
    assert parties_over_time(df, "UN-TIP").empty


def test_one_row_per_instrument_and_country_with_fixed_columns():
    df = frame(ev("UN-CRC", "BBB", "ratification", "1990-09-02"), ev("UN-CEDAW", "BBB", "signature", "1980-01-01"))
    st = status_as_of(df, pd.Timestamp("2000-01-01"))
    assert list(st.columns) == ["instrument_id", "iso3", "status", "status_date", "in_force"]
    assert list(zip(st["instrument_id"], st["status"])) == [("UN-CEDAW", "signatory"), ("UN-CRC", "party")]
    assert set(st["status"]) <= set(STATUSES)


@pytest.mark.parametrize("when", ["2016-11-08", "2016-11-09"])
def test_as_of_accepts_dates_and_text(when):
    df = frame(ev("ILO-P029", "NOR", "ratification", "2015-11-09", "2016-11-09"))
    assert status(df, pd.Timestamp(when), "ILO-P029", "NOR")["in_force"] == (when >= "2016-11-09")
