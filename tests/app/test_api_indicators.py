"""Contract of /api/v1/catalog and /api/v1/indicators/<id> (Flask test client, committed data)."""

from __future__ import annotations

import io

import pandas as pd
import pytest


def test_catalog_json_and_csv(client, store):
    r = client.get("/api/v1/catalog")
    assert r.status_code == 200 and r.is_json
    body = r.get_json()
    assert {i["id"] for i in body["indicators"]} == set(store.indicators)
    assert all(i["licence"] is not None and i["api_url"].endswith(i["id"]) for i in body["indicators"])
    c = client.get("/api/v1/catalog?format=csv")
    assert c.status_code == 200 and c.mimetype == "text/csv"
    assert len(pd.read_csv(io.StringIO(c.data.decode()), comment="#")) == len(store.indicators)


def test_indicator_filters_and_metadata(client, store):
    r = client.get("/api/v1/indicators/migrant_stock?countries=PHL,IDN&from=2000&to=2010&sex=female")
    assert r.status_code == 200
    body = r.get_json()
    for key in ("citation", "licence", "as_of", "source"):
        assert body[key] == store.indicator("migrant_stock")[{"source": "publisher"}.get(key, key)]
    df = store.indicator_frame("migrant_stock")
    want = df[df.geo_code.isin(["PHL", "IDN"]) & df.year.between(2000, 2010) & (df.sex == "female")]
    assert body["total"] == len(want) == len(body["data"])
    assert {d["geo_code"] for d in body["data"]} == {"PHL", "IDN"}
    assert sorted(d["value"] for d in body["data"]) == sorted(want["value"].tolist())


def test_csv_has_citation_header_and_same_rows(client, store):
    r = client.get("/api/v1/indicators/ipv_last_12m?format=csv&years=2018&countries=PHL")
    assert r.status_code == 200 and r.mimetype == "text/csv"
    text = r.data.decode()
    head = {l[2:].split(":", 1)[0] for l in text.splitlines() if l.startswith("# ")}
    assert {"Title", "Source", "Citation", "Licence", "Data as of", "Page"} <= head
    got = pd.read_csv(io.StringIO(text), comment="#")
    df = store.indicator_frame("ipv_last_12m")
    assert len(got) == len(df[(df.geo_code == "PHL") & (df.year == 2018)])


def test_paging(client, store):
    r = client.get("/api/v1/indicators/trafficking_victims_detected?limit=10&offset=5").get_json()
    assert len(r["data"]) == 10 and r["offset"] == 5 and r["total"] == len(store.indicator_frame("trafficking_victims_detected"))
    assert "offset=15" in r["next"]


@pytest.mark.parametrize(
    "query, status, word",
    [
        ("/api/v1/indicators/nope", 404, "unknown indicator"),
        ("/api/v1/indicators/ipv_last_12m?countries=XXX", 400, "XXX"),
        ("/api/v1/indicators/ipv_last_12m?sex=male", 400, "not published"),
        ("/api/v1/indicators/ipv_last_12m?from=2020&to=2000", 400, "after"),
        ("/api/v1/indicators/ipv_last_12m?from=99999", 400, "between"),
        ("/api/v1/indicators/ipv_last_12m?years=" + ",".join(str(1900 + i % 100) for i in range(300)), 400, "too many years"),
        ("/api/v1/indicators/ipv_last_12m?countries=" + ",".join(["PHL"] * 301), 400, "too many countries"),
        ("/api/v1/indicators/ipv_last_12m?limit=100000", 400, "limit"),
        ("/api/v1/indicators/ipv_last_12m?limit=abc", 400, "whole number"),
        ("/api/v1/indicators/ipv_last_12m?bogus=1", 400, "unknown parameter"),
        ("/api/v1/indicators/ipv_last_12m?sex=female&sex=male", 400, "more than once"),
        ("/api/v1/indicators/ipv_last_12m?format=xml", 400, "format"),
        ("/api/v1/no/such/thing", 404, "no such endpoint"),
    ],
)
def test_errors_are_json(client, query, status, word):
    r = client.get(query)
    assert r.status_code == status and r.is_json
    assert word in r.get_json()["error"]["message"]
