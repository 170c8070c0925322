"""Country data downloads and canonical profile addresses (Flask test client)."""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd
import pytest


def test_lower_case_profile_redirects_to_canonical_code(client):
    r = client.get("/country/phl?lang=fr")
    assert r.status_code == 308
    assert r.headers["Location"].endswith("/country/PHL?lang=fr")


@pytest.mark.parametrize("path", ["/country/XYZ", "/country/%3Cscript%3E", "/country/" + "A" * 250, "/country/P1L"])
def test_unknown_or_malformed_code_is_404_page(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert b"<html" in r.data and b"Traceback" not in r.data


@pytest.mark.parametrize("path", ["/country/PHL", "/country", "/country/SAU/"])
def test_profile_pages_serve(client, path):
    assert client.get(path).status_code == 200


def test_country_csv_is_every_observation_with_citations(client, store):
    r = client.get("/api/v1/countries/TON?format=csv")
    assert r.status_code == 200 and r.mimetype == "text/csv"
    df = pd.read_csv(io.StringIO(r.data.decode()), comment="#")
    expected = store.observations[store.observations["geo_code"] == "TON"]
    assert len(df) == len(expected)
    assert set(df["indicator_id"]) == set(expected["indicator_id"])
    assert df["citation"].notna().all() and df["licence"].notna().all() and df["as_of"].notna().all()


def test_country_zip_has_every_table_and_sources(client, store):
    r = client.get("/api/v1/countries/SAU.zip")
    assert r.status_code == 200 and r.mimetype == "application/zip"
    zf = zipfile.ZipFile(io.BytesIO(r.data))
    names = set(zf.namelist())
    assert {f"SAU/{n}" for n in ("observations.csv", "ratifications.csv", "corridors.csv", "evidence.csv", "sources.csv", "README.txt")} == names
    rat = pd.read_csv(zf.open("SAU/ratifications.csv"), comment="#")
    assert len(rat) == len(store.catalog["instruments"])
    corr = pd.read_csv(zf.open("SAU/corridors.csv"), comment="#")
    c = store.corridors
    assert len(corr) == int(((c["origin_iso3"] == "SAU") | (c["destination_iso3"] == "SAU")).sum())
    src = pd.read_csv(zf.open("SAU/sources.csv"))
    assert set(store.observations.loc[store.observations["geo_code"] == "SAU", "indicator_id"]) <= set(src["id"])
    assert client.get("/api/v1/countries/SAU.zip").data == r.data  # same data, same bytes


def test_country_json(client, store):
    r = client.get("/api/v1/countries/PHL")
    body = json.loads(r.data)
    assert body["iso3"] == "PHL" and body["identity"]["name_en"] == store.country_name("PHL")
    assert all(h["citation"] for h in body["headlines"])


@pytest.mark.parametrize(
    "path,status",
    [
        ("/api/v1/countries/QQQ", 404),
        ("/api/v1/countries/abcd", 400),
        ("/api/v1/countries/%3Cscript%3E", 400),
        ("/api/v1/countries/PHL?format=xml", 400),
        ("/api/v1/countries/QQQ.zip", 404),
    ],
)
def test_api_errors_are_json(client, path, status):
    r = client.get(path)
    assert r.status_code == status
    assert json.loads(r.data)["error"]["status"] == status
