"""/api/v1/corridors/costs(.csv) and the /corridors route: answers match the corridors table; bad input is JSON 4xx."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest


def _expected_latest(store, origin):
    df = store.corridors
    df = df[(df["indicator_id"] == "remittance_corridor_cost") & (df["origin_iso3"] == origin)].sort_values("period")
    return df.groupby("destination_iso3")["value"].last()


def test_corridors_page_serves_the_shell(client):
    r = client.get("/corridors?from=SAU&to=BGD")
    assert r.status_code == 200
    assert b"_dash-renderer" in r.data or b"dash_renderer" in r.data


def test_costs_json_matches_the_table(client, store):
    r = client.get("/api/v1/corridors/costs?origin=USA")
    assert r.status_code == 200
    body = json.loads(r.data)
    expected = _expected_latest(store, "USA")
    got = {row["destination_iso3"]: row["latest_value"] for row in body["rows"]}
    assert body["count"] == len(expected) == len(got)
    for dest, value in expected.items():
        assert got[dest] == pytest.approx(value)
    assert body["indicator"]["licence"] and body["indicator"]["citation"] and body["indicator"]["as_of"]


def test_costs_csv_carries_citation_then_rows(client, store):
    r = client.get("/api/v1/corridors/costs.csv?origin=SAU")
    assert r.status_code == 200 and r.mimetype == "text/csv"
    text = r.data.decode()
    assert "# Citation: " in text and "# Licence: " in text and "# Data as of: " in text
    df = pd.read_csv(io.StringIO(text), comment="#")
    assert set(df["destination_iso3"]) == set(_expected_latest(store, "SAU").index)


def test_series_matches_the_corridor(client, store):
    body = json.loads(client.get("/api/v1/corridors/costs?origin=USA&destination=MEX&series=1").data)
    c = store.corridors
    sel = c[(c["indicator_id"] == "remittance_corridor_cost") & (c["origin_iso3"] == "USA") & (c["destination_iso3"] == "MEX")]
    assert [row["period"] for row in body["rows"]] == sorted(sel["period"])


@pytest.mark.parametrize(
    "query, status",
    [
        ("origin=ZZZ", 404),
        ("origin=12345", 400),
        ("origin=US", 400),
        ("bogus=1", 400),
        ("series=1&origin=USA", 400),
        ("series=yes&origin=USA&destination=MEX", 400),
        ("origin=" + "A" * 3000, 400),
    ],
)
def test_bad_parameters_are_json_errors(client, query, status):
    r = client.get("/api/v1/corridors/costs?" + query)
    assert r.status_code == status
    assert json.loads(r.data)["error"]["status"] == status
