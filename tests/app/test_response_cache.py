"""Whole-response cache of callbacks (dashboard/response_cache.py), through the Flask test client."""

from __future__ import annotations

import gzip
import json

import pytest

from bench.dash_protocol import callback_body, find_callback
from dashboard import response_cache
from dashboard.cache import cache, code_version

BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}


def _page_body(client, search: str, path: str = "/about") -> dict:
    deps = json.loads(client.get("/_dash-dependencies").data)
    return callback_body(find_callback(deps, "page.children"), {"url.pathname": path, "url.search": search}, ["url.pathname"])


def test_a_repeated_callback_is_answered_with_the_same_bytes_from_the_cache(client):
    body = _page_body(client, "?lang=fr&probe=repeat")
    first = client.post("/_dash-update-component", json=body, headers=BROWSER)
    second = client.post("/_dash-update-component", json=body, headers=BROWSER)
    assert first.status_code == second.status_code == 200
    assert first.headers["X-Response-Cache"] == "miss"
    assert second.headers["X-Response-Cache"] == "hit"
    assert second.data == first.data
    for h in ("Content-Type", "Content-Encoding", "Vary"):
        assert second.headers.get(h) == first.headers.get(h), h
    # the security headers are still added to a cached answer
    assert "default-src 'self'" in second.headers["Content-Security-Policy"]
    assert json.loads(_decoded(second)) == json.loads(_decoded(first))


def _decoded(resp) -> bytes:
    import brotli

    enc = resp.headers.get("Content-Encoding")
    return {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda b: b}[enc](resp.data)


def test_each_encoding_and_each_body_has_its_own_entry(client):
    body = _page_body(client, "?probe=encodings", "/no-such-page")
    br = client.post("/_dash-update-component", json=body, headers=BROWSER)
    gz = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "gzip"})
    plain = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "identity"})
    assert [r.headers["X-Response-Cache"] for r in (br, gz, plain)] == ["miss", "miss", "miss"]
    assert (br.headers.get("Content-Encoding"), gz.headers.get("Content-Encoding"), plain.headers.get("Content-Encoding")) == ("br", "gzip", None)
    assert _decoded(br) == _decoded(gz) == plain.data
    other = client.post("/_dash-update-component", json=_page_body(client, "?probe=encodings&lang=es", "/no-such-page"), headers=BROWSER)
    assert other.headers["X-Response-Cache"] == "miss"
    assert _decoded(other) != _decoded(br)


def test_large_answers_are_not_kept(client):
    body = _page_body(client, "?probe=large")  # /about is ~160 KB of JSON before compression
    for _ in range(2):
        r = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "identity"})
        assert r.status_code == 200 and len(r.data) > response_cache.MAX_CACHED_BYTES
        assert "X-Response-Cache" not in r.headers


def test_refused_and_failed_requests_are_never_cached(client):
    bad = {"output": "page.children", "outputs": {"id": "page", "property": "children"}, "inputs": "not a list"}
    for _ in range(2):
        r = client.post("/_dash-update-component", json=bad)
        assert r.status_code == 400
        assert "X-Response-Cache" not in r.headers


def test_a_cache_outage_is_a_miss_not_an_error(client, monkeypatch, caplog):
    def broken(*_a, **_k):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)
    monkeypatch.setattr(response_cache, "_last_warning", [0.0])
    body = _page_body(client, "?probe=outage")
    with caplog.at_level("WARNING", logger="dashboard.response_cache"):
        r = client.post("/_dash-update-component", json=body, headers=BROWSER)
    assert r.status_code == 200
    assert "response" in json.loads(_decoded(r))
    warnings = [rec for rec in caplog.records if rec.name == "dashboard.response_cache"]
    assert len(warnings) == 1 and "ConnectionError" in warnings[0].getMessage()
    assert warnings[0].exc_info is None  # one line, not a traceback per request


def test_the_key_covers_body_encoding_and_date():
    key = response_cache.response_key(b'{"a":1}', "br", "2026-11-27")
    assert key == response_cache.response_key(b'{"a":1}', "br", "2026-11-27")
    assert key != response_cache.response_key(b'{"a":2}', "br", "2026-11-27")
    assert key != response_cache.response_key(b'{"a":1}', "gzip", "2026-11-27")
    assert key != response_cache.response_key(b'{"a":1}', "br", "2026-11-28")


def test_code_version_changes_with_the_code(tmp_path):
    for folder in ("dashboard", "callbacks", "layouts"):
        (tmp_path / folder).mkdir()
    (tmp_path / "callbacks" / "view.py").write_text("X = 1\n")
    before = code_version(tmp_path)
    assert before == code_version(tmp_path)
    (tmp_path / "callbacks" / "view.py").write_text("X = 2\n")
    assert code_version(tmp_path) != before
    (tmp_path / "layouts" / "notes.txt").write_text("not code")
    assert code_version(tmp_path) == code_version(tmp_path)


def test_the_cache_key_prefix_carries_data_and_code_versions(app):
    prefix = app.server.config["CACHE_KEY_PREFIX"]
    _, data_version, code, rest = prefix.split(":")
    assert rest == "" and len(code) == 10 and code == code_version()
    assert data_version != "" and data_version != "none"


@pytest.mark.parametrize("value,enabled", [("0", False), ("off", False), ("1", True), (None, True)])
def test_response_cache_can_be_switched_off(value, enabled):
    from dashboard.config import Settings

    env = {} if value is None else {"RESPONSE_CACHE": value}
    assert Settings.from_env(env).response_cache is enabled


def test_first_page_layouts_are_kept_per_page(client):
    def layout(referer):
        return client.get("/_dash-layout", headers={**BROWSER, "Referer": referer})

    first = layout("http://localhost/about?probe=layout")
    again = layout("http://localhost/about?probe=layout")
    other = layout("http://localhost/about?probe=layout&lang=es")
    assert (first.headers["X-Response-Cache"], again.headers["X-Response-Cache"], other.headers["X-Response-Cache"]) == ("miss", "hit", "miss")
    assert again.data == first.data and "referer" in again.headers["Vary"].lower()
    assert json.loads(_decoded(other)) != json.loads(_decoded(first))
    assert b"probe=layout&lang=es" in _decoded(other)
