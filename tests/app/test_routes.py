"""Flask test client: routes, status codes, health check, headers."""

from __future__ import annotations

import json

import pytest


@pytest.mark.parametrize("path", ["/", "/explore", "/about", "/explore?indicator=nope&year=abc"])
def test_pages_serve_the_app_shell(client, path):
    r = client.get(path)
    assert r.status_code == 200
    assert b"_dash-renderer" in r.data or b"dash_renderer" in r.data
    assert b'<html lang="en">' in r.data


def test_unknown_path_is_404_with_the_app_shell(client):
    r = client.get("/definitely/not/here")
    assert r.status_code == 404
    assert b"<html" in r.data


def test_lang_attribute_follows_query(client):
    assert b'<html lang="fr">' in client.get("/about?lang=fr").data
    assert b'<html lang="en">' in client.get("/about?lang=xx").data


def test_healthz_is_json_readiness(client):
    r = client.get("/healthz")
    assert r.status_code == 200
    body = json.loads(r.data)
    assert body["status"] == "ok"
    assert body["checks"]["data"]["ok"] is True
    assert body["checks"]["data"]["indicators"] > 10
    assert body["checks"]["cache"]["ok"] is True


def test_healthz_503_without_data(tmp_path):
    from dashboard import data as data_mod
    from dashboard.app import create_app
    from dashboard.config import Settings

    saved = data_mod._store
    try:
        data_mod._store = None
        app = create_app(Settings(data_dir=tmp_path))
        r = app.server.test_client().get("/healthz")
        assert r.status_code == 503
        assert json.loads(r.data)["checks"]["data"]["ok"] is False
    finally:
        data_mod._store = saved


def test_no_external_urls_in_index(client):
    html = client.get("/explore").data.decode()
    for host in ("cdn.plot.ly", "cdn.jsdelivr", "unpkg.com", "fonts.googleapis", "cdnjs."):
        assert host not in html


def test_topology_served_locally(client):
    r = client.get("/assets/world_110m.json")
    assert r.status_code == 200
    topo = json.loads(r.data)
    assert topo["type"] == "Topology"
