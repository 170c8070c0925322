"""Atom feed and ratification CSV/JSON: contents checked against data/ tables, errors are JSON."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest
from lxml import etree

from dashboard.ratifications.labels import ACTION_SUFFIX
from tests.conftest import DATA

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def events():
    return pd.read_parquet(DATA / "ratification_events.parquet")


@pytest.fixture(scope="module")
def catalog():
    return json.loads((DATA / "catalog.json").read_text())


def test_feed_is_atom_newest_first_bounded_with_stable_ids(client, events):
    r = client.get("/feeds/ratifications.atom?limit=20")
    assert r.status_code == 200 and r.mimetype == "application/atom+xml"
    root = etree.fromstring(r.data)
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None
    entries = root.findall(f"{ATOM}entry")
    dated = events[events["date"].notna()].sort_values(["date", "instrument_id", "iso3", "action"], ascending=[False, True, True, True])
    expected = [f"tag:unga-72-149-dashboard,2026:ratification-event/{r.instrument_id}/{r.iso3}/{r.action}/{r.date}" for r in dated.head(20).itertuples()]
    assert [e.findtext(f"{ATOM}id") for e in entries] == expected
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert all(e.find(f"{ATOM}title") is not None and e.find(f"{ATOM}link") is not None for e in entries)
    ids_again = [e.findtext(f"{ATOM}id") for e in etree.fromstring(client.get("/feeds/ratifications.atom?limit=20").data).findall(f"{ATOM}entry")]
    assert ids_again == expected


def test_feed_for_one_instrument(client, events):
    root = etree.fromstring(client.get("/feeds/ratifications.atom?instrument=ILO-C189&limit=200").data)
    entries = root.findall(f"{ATOM}entry")
    c189 = events[(events["instrument_id"] == "ILO-C189") & events["date"].notna()]
    assert len(entries) == len(c189)  # undated yes/no facts are not events
    assert {e.find(f"{ATOM}category").get("term") for e in entries} == {"ILO-C189"}
    assert entries[0].findtext(f"{ATOM}updated")[:10] == c189["date"].max()


@pytest.mark.parametrize("query,status", [("instrument=NOPE", 404), ("limit=0", 400), ("limit=abc", 400), ("limit=100000", 400)])
def test_feed_bad_input_is_json_error(client, query, status):
    r = client.get("/feeds/ratifications.atom?" + query)
    assert r.status_code == status and r.is_json and "message" in r.get_json()


def _csv(body: str):
    lines = body.splitlines()
    comments = [line for line in lines if line.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(line for line in lines if not line.startswith("#")))))
    return comments, rows


def test_csv_matrix_against_events_with_sources_and_as_of(client, events, catalog):
    r = client.get("/api/v1/ratifications.csv?as_of=2019-12-31&instrument=ILO-C189&status=party")
    assert r.status_code == 200 and r.mimetype == "text/csv"
    comments, rows = _csv(r.data.decode())
    assert "2019-12-31" in comments[0]
    for ins in catalog["instruments"]:
        assert any(line.startswith(f"# {ins['id']} ") and (ins["as_of"] or "no list") in line for line in comments)
    c189 = events[(events["instrument_id"] == "ILO-C189") & (events["action"] == "ratification") & (events["date"] <= "2019-12-31")]
    in_force = c189[c189["in_force_date"] <= "2019-12-31"]
    assert sorted(r["iso3"] for r in rows) == sorted(in_force["iso3"])
    for row in rows:
        assert row["ILO-C189"] == c189.set_index("iso3").at[row["iso3"], "date"]
    # C097 has a partial list: a state on it shows its date (as precisely as the source gives it); an absent
    # state is "no record (list incomplete)", never "not a party" ("—"), at any date.
    c097 = events[(events["instrument_id"] == "ILO-C097") & events["date"].notna() & (events["date"] <= "2019-12-31")].set_index("iso3")
    shown = {"day": 10, "month": 7, "year": 4}
    for row in rows:
        if row["iso3"] in c097.index:
            e = c097.loc[row["iso3"]]
            cell = f"{e['date'][: shown[e['date_precision']]]} {ACTION_SUFFIX[e['action']]}".strip()
            waiting = isinstance(e["in_force_date"], str) and e["in_force_date"] > "2019-12-31"
            assert row["ILO-C097"] == cell + (" (not yet in force)" if waiting else ""), row
            assert row["ILO-C097_status"] == ("party_not_in_force" if waiting else "party"), row
        else:
            assert (row["ILO-C097"], row["ILO-C097_status"]) == ("no record (list incomplete)", "no_record"), row
    assert any(row["iso3"] not in c097.index for row in rows) and any(row["iso3"] in c097.index for row in rows)


def test_json_region_filter_and_bad_params(client):
    body = client.get("/api/v1/ratifications.json?as_of=2022-08-31&region=Oceania").get_json()
    assert body["count"] == len(body["states"]) > 0
    assert {s["region"] for s in body["states"]} == {"Oceania"}
    assert {i["id"] for i in body["instruments"]} >= {"ILO-C189", "UN-CEDAW"}
    for q in ("as_of=2019-02-30", "instrument=X", "region=Mars", "status=maybe", "as_of=" + "9" * 500):
        r = client.get("/api/v1/ratifications.json?" + q)
        assert r.status_code == 400 and r.get_json()["error"] == "bad_request"


@pytest.mark.parametrize(
    "path", ["/ratifications", "/ratifications?instrument=ILO-C097", "/ratifications?instrument=%3Cscript%3E&as_of=zzz&compare=a,b&status=x"]
)
def test_page_serves(client, path):
    assert client.get(path).status_code == 200


def test_layout_falls_back_on_bad_params_with_visible_notes(app):
    from layouts import ratifications

    with app.server.test_request_context("/"):
        page = ratifications.layout("en", instrument="<b>x</b>", as_of="2099-99-99", region="Mars", compare="UN-CRC,zz")
    text = str(page)
    assert "Unknown instrument" in text and "not a date" in text and "Unknown region" in text
    assert "id='ratifications-instrument'" in text and "value='ILO-C189'" in text
