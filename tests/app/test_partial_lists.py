"""A state absent from a partial ratification list is "no record (list incomplete)", never "not a party":
on the tracker (at any date), in country profiles and their API, and in the corridor protection table.
Where a partial instrument's dated list is complete up to a date (C189's Fedlex list, UN-SOM's 2014 UNTC
table: the catalog's ``complete_to``), absence on or before that date is "not a party", and "no record" after."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from dashboard.corridors.protection_gap import pair_status
from dashboard.countries import profiles
from dashboard.ratifications import tracker
from dashboard.ratifications.labels import STATUS_LABELS
from dashboard.ratifications.status import absence_status
from tests.app.test_first_page_layout import _find, _layout

PARTIAL = ("ILO-C097", "ILO-C143", "ILO-C181", "ILO-C189", "ILO-C190")
PARTIAL_THROUGHOUT = ("ILO-C097", "ILO-C143", "ILO-C181", "ILO-C190")  # no date up to which the list is complete
COMPLETE_TO = {"ILO-C189": "2020-10-05", "UN-SOM": "2014-07-10"}  # the dated part's end, as the sources' SOURCES.md give it


@pytest.fixture(scope="module")
def partial(store):
    found = {i["id"]: i for i in store.catalog["instruments"] if i["completeness"] == "partial"}
    assert set(PARTIAL) <= set(found)
    return found


def _absent(store, instrument_id: str) -> str:
    ev = store.ratification_events
    listed = set(ev.loc[ev["instrument_id"] == instrument_id, "iso3"])
    return next(i for i in tracker.universe(store.countries, ev)["iso3"] if i not in listed)


def test_the_rule(partial):
    complete = {"completeness": "complete", "as_of": "2020-01-01"}
    stale = {"completeness": "stale", "as_of": "2015-01-01"}
    assert [absence_status(complete, d) for d in ("2019-12-31", "2020-01-01", "2020-01-02", None)] == ["not_party", "not_party", "no_record", "not_party"]
    assert [absence_status(stale, d) for d in ("2014-01-01", "2016-01-01", None)] == ["not_party", "no_record", "no_record"]
    assert absence_status({"completeness": "none", "as_of": None}, "2020-01-01") == "no_data"
    for iid in PARTIAL_THROUGHOUT:
        ins = partial[iid]
        assert ins["complete_to"] is None
        assert {absence_status(ins, d) for d in ("1990-01-01", ins["as_of"], "2025-12-31", None)} == {"no_record"}
    for iid, complete_to in COMPLETE_TO.items():
        ins = partial[iid]
        assert ins["complete_to"] == complete_to
        day_after = (date.fromisoformat(complete_to) + timedelta(days=1)).isoformat()
        assert [absence_status(ins, d) for d in ("1990-01-01", complete_to, day_after, None)] == ["not_party", "not_party", "no_record", "no_record"]


@pytest.mark.parametrize("as_of", ["2000-01-01", "2020-10-05", "2023-12-31"])
def test_tracker_never_says_not_party_on_a_partial_list(store, partial, as_of):
    for iid in PARTIAL_THROUGHOUT:
        st = tracker.instrument_status(store.ratification_events, store.countries, partial[iid], as_of)
        assert "not_party" not in set(st["status"]), (iid, as_of)
        assert st.loc[st["iso3"] == _absent(store, iid), "status"].item() == "no_record"
    m = tracker.matrix(store.ratification_events, store.countries, [partial[i] for i in PARTIAL_THROUGHOUT], as_of)
    assert not (m[[f"{i}__status" for i in PARTIAL_THROUGHOUT]] == "not_party").any().any()
    c189 = tracker.instrument_status(store.ratification_events, store.countries, partial["ILO-C189"], as_of)
    expected = "not_party" if as_of <= COMPLETE_TO["ILO-C189"] else "no_record"
    assert c189.loc[c189["iso3"] == _absent(store, "ILO-C189"), "status"].item() == expected


def test_profile_api_and_page_say_list_incomplete(client, store):
    iso3 = _absent(store, "ILO-C097")
    row = next(r for r in client.get(f"/api/v1/countries/{iso3}").get_json()["ratifications"] if r["instrument_id"] == "ILO-C097")
    assert row["status"] == "no_record" and row["completeness"] == "partial"
    layout, _ = _layout(client, f"http://localhost/country/{iso3}")
    table = _find(layout, "country-ratifications-table")
    row = next(r for r in table["props"]["children"][1]["props"]["children"] if r["props"].get("data-instrument") == "ILO-C097")
    assert row["props"]["data-status"] == "no_record" and STATUS_LABELS["no_record"] in json.dumps(row)
    not_party = _find(layout, "country-not-party")
    assert not_party is None or "C097" not in json.dumps(not_party)
    fr, _ = _layout(client, f"http://localhost/country/{iso3}?lang=fr")
    assert "Aucun enregistrement (liste incomplète)" in json.dumps(_find(fr, "country-ratifications-table"), ensure_ascii=False)


def test_profile_rows_use_the_rule(store):
    iso3 = _absent(store, "ILO-C190")
    rows = {r["instrument_id"]: r for r in profiles.ratifications(store.ratification_events, store.catalog["instruments"], store.countries, iso3, "2025-01-01")}
    assert rows["ILO-C190"]["status"] == "no_record"
    assert all(r["status"] != "not_party" for r in rows.values() if r["completeness"] != "complete")


def test_corridor_protection_table(store):
    iso3 = _absent(store, "ILO-C143")
    st = pair_status(store.ratification_events, store.instruments, (iso3, "ALB"), "2025-01-01")
    mine = st[(st["instrument_id"] == "ILO-C143")].set_index("iso3")
    assert mine.loc[iso3, "status"] == "no_record"
    assert (mine.loc["ALB", "status"], mine.loc["ALB", "status_date"], mine.loc["ALB", "date_precision"]) == ("party", "2006-01-01", "year")


def test_tracker_page_shows_the_partial_notice(client):
    for iid in PARTIAL:
        layout, _ = _layout(client, f"http://localhost/ratifications?instrument={iid}")
        notes = json.dumps(_find(layout, "ratifications-instrument-info"), ensure_ascii=False)
        assert "Partial list." in notes and "never as non-parties" in notes, iid
