"""ratification_tracker on hand-built histories: the two kinds of absence, ILO not-yet-in-force, change windows, shares."""

from __future__ import annotations

import pandas as pd

from dashboard.ratifications import tracker as t

COLUMNS = ["instrument_id", "iso3", "action", "date", "in_force_date", "source_id", "as_of", "note"]


def ev(instrument, iso3, action, date, in_force=None, as_of="2020-01-01"):
    return dict(instrument_id=instrument, iso3=iso3, action=action, date=date, in_force_date=in_force, source_id="src", as_of=as_of, note=None)


def countries():
    rows = [
        ("AAA", "member", "Africa"),
        ("BBB", "member", "Africa"),
        ("CCC", "member", "Europe"),
        ("DDD", "observer", "Europe"),
        ("TER", "other", "Europe"),
        ("COK", "other", "Oceania"),
    ]
    return pd.DataFrame(
        [
            dict(
                iso3=i,
                un_status=s,
                region_name=r,
                name_en=i.title(),
                name_fr=i,
                name_es=i,
                subregion_name=r + " sub",
                income_group="High income",
                has_shape_110m=True,
                lon=0.0,
                lat=0.0,
            )
            for i, s, r in rows
        ]
    )


def ins(id="UN-X", completeness="complete", as_of="2020-01-01"):
    return {"id": id, "completeness": completeness, "as_of": as_of, "short_title": id, "title": id}


EVENTS = pd.DataFrame(
    [
        ev("UN-X", "AAA", "signature", "2001-01-01"),
        ev("UN-X", "AAA", "accession", "2005-05-05"),
        ev("UN-X", "BBB", "signature", "2003-03-03"),
        ev("UN-X", "COK", "ratification", "2010-10-10"),
        ev("ILO-Y", "AAA", "ratification", "2019-06-01", "2020-06-01", as_of="2020-10-01"),
        ev("ILO-Y", "CCC", "ratification", "2015-01-01", "2016-01-01", as_of="2020-10-01"),
        ev("ILO-Y", "CCC", "denunciation", "2018-02-02", as_of="2020-10-01"),
        ev("ILO-Y", "DDD", "party_undated", None, as_of="2022-08-31"),
    ],
    columns=COLUMNS,
)


def by_iso(df):
    return df.set_index("iso3")


def test_universe_is_members_observers_and_states_that_appear_in_a_list():
    assert list(t.universe(countries(), EVENTS)["iso3"]) == ["AAA", "BBB", "CCC", "COK", "DDD"]  # sorted by name, no TER


def test_complete_list_absence_is_not_party_until_its_as_of_then_no_record():
    within = by_iso(t.instrument_status(EVENTS, countries(), ins(), "2019-12-31"))
    after = by_iso(t.instrument_status(EVENTS, countries(), ins(), "2021-01-01"))
    assert within.loc["AAA", ["status", "status_date", "action"]].tolist() == ["party", "2005-05-05", "accession"]
    assert within.loc["BBB", "status"] == "signatory" and within.loc["BBB", "status_date"] == "2003-03-03"
    assert within.loc["CCC", "status"] == "not_party"
    assert after.loc["CCC", "status"] == "no_record"  # the list does not reach 2021: absence proves nothing
    assert after.loc["AAA", "status"] == "party"


def test_ilo_registered_but_not_yet_in_force_denounced_and_undated():
    y = ins("ILO-Y", "partial", "2020-10-01")
    st = by_iso(t.instrument_status(EVENTS, countries(), y, "2019-12-31"))
    assert st.loc["AAA", "status"] == "party_not_in_force"
    assert st.loc["AAA", "in_force_date"] == "2020-06-01"
    assert (st.loc["CCC", "status"], st.loc["CCC", "status_date"]) == ("denounced", "2018-02-02")
    assert st.loc["DDD", "status"] == "no_record"  # undated fact not yet known on that date; absent from a partial list
    assert "not_party" not in set(st["status"])  # a partial list never says "not a party", even before its as-of date
    later = by_iso(t.instrument_status(EVENTS, countries(), y, "2022-12-31"))
    assert later.loc["AAA", "status"] == "party"
    assert (later.loc["DDD", "status"], later.loc["DDD", "status_date"]) == ("party_undated", None)
    assert later.loc["BBB", "status"] == "no_record"


def test_instrument_without_a_list_is_no_data_everywhere():
    st = t.instrument_status(EVENTS, countries(), ins("ILO-NONE", "none", None), "2019-01-01")
    assert set(st["status"]) == {"no_data"}


def test_matrix_cells_carry_date_and_depositary_suffix():
    m = by_iso(t.matrix(EVENTS, countries(), [ins(), ins("ILO-Y", "partial", "2020-10-01")], "2019-12-31"))
    assert m.loc["AAA", "UN-X"] == "2005-05-05 a"
    assert m.loc["COK", "UN-X"] == "2010-10-10"
    assert m.loc["BBB", "UN-X"] == "signed 2003-03-03"
    assert m.loc["CCC", "UN-X"] == "—"
    assert m.loc["AAA", "ILO-Y"] == "2019-06-01 (not yet in force)"
    assert m.loc["CCC", "ILO-Y"] == "denounced 2018-02-02"
    assert m.loc["AAA", "ILO-Y__status"] == "party_not_in_force"
    europe = t.filter_states(m.reset_index(), region="Europe", status_column="UN-X__status", statuses=["not_party"])
    assert list(europe["iso3"]) == ["CCC", "DDD"]


def test_changes_window_is_inclusive_newest_first_and_never_undated():
    ch = t.changes(EVENTS, "2005-05-05", "2019-06-01")
    assert list(zip(ch["date"], ch["iso3"])) == [
        ("2019-06-01", "AAA"),
        ("2018-02-02", "CCC"),
        ("2015-01-01", "CCC"),
        ("2010-10-10", "COK"),
        ("2005-05-05", "AAA"),
    ]
    assert ch["date"].notna().all()
    assert list(t.changes(EVENTS, "2000-01-01", "2030-01-01", ["ILO-Y"])["instrument_id"].unique()) == ["ILO-Y"]


def test_lists_ending_before_a_date():
    names = [i["id"] for i in t.lists_ending_before([ins(), ins("ILO-Y", "partial", "2020-10-01"), ins("N", "none", None)], "2020-06-01")]
    assert names == ["UN-X", "N"]


def test_region_shares_and_lower_bounds():
    sh = t.region_shares(EVENTS, countries(), [ins()], "2019-12-31").set_index(["region", "instrument_id"])
    assert sh.loc[("Africa", "UN-X"), ["states", "parties"]].tolist() == [2, 1]
    assert sh.loc[("All states", "UN-X"), "share"] == 2 / 5 * 100
    assert not sh.loc[("All states", "UN-X"), "lower_bound"]
    assert t.region_shares(EVENTS, countries(), [ins()], "2021-01-01").set_index(["region", "instrument_id"]).loc[("All states", "UN-X"), "lower_bound"]


def test_parties_series_stops_at_the_list_date_and_undated_parties_are_counted_apart():
    s = t.parties_series(EVENTS, ins("ILO-Y", "partial", "2020-10-01"))
    assert s.to_dict("list") == {"date": ["2015-01-01", "2018-02-02", "2019-06-01", "2020-10-01"], "parties": [1, 0, 1, 1]}
    assert t.undated_parties(EVENTS, "ILO-Y") == 1
