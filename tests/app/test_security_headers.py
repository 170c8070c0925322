"""Security headers, request bounds and the served configuration (Flask client + one real gunicorn)."""

from __future__ import annotations

import http.client
import json
import re
from urllib.parse import urlparse

import pytest
from hypothesis import find
from hypothesis import strategies as st

from dashboard.security import MAX_BODY_BYTES, MAX_URL_BYTES
from tests.conftest import ROOT


def example_path(route: str) -> str:
    """The simplest path a page's ROUTE accepts (deterministic)."""
    return find(st.from_regex(re.compile(route), fullmatch=True), lambda p: p.startswith("/"))


def page_paths() -> list[str]:
    import layouts

    return sorted({example_path(m.ROUTE) for m in layouts.pages()})


def policy(headers) -> dict[str, str]:
    csp = headers.get("Content-Security-Policy", "")
    return {d.strip().split(" ", 1)[0]: (d.strip().split(" ", 1) + [""])[1] for d in csp.split(";") if d.strip()}


@pytest.fixture(scope="module")
def sample_urls(app):
    """One URL per kind of thing the server answers: every page, every argument-free GET route, assets, errors."""
    urls = page_paths() + ["/definitely/not/here", "/assets/world_110m.json", "/_dash-layout", "/_dash-dependencies", "/healthz"]
    for rule in app.server.url_map.iter_rules():
        if "GET" in rule.methods and not rule.arguments and rule.rule not in urls:
            urls.append(rule.rule)
    client = app.server.test_client()
    index = client.get("/").get_data(as_text=True)
    urls += sorted(set(re.findall(r'src="(/_dash-component-suites/[^"]+)"', index)))[:3]
    return urls


def is_embed(path: str) -> bool:
    return path.startswith("/embed/")


def test_every_response_carries_the_headers(client, app, sample_urls):
    hashes = set(app.csp_hashes())
    assert sample_urls
    for url in sample_urls:
        r = client.get(url)
        assert r.status_code < 500, url
        p = policy(r.headers)
        assert p.get("default-src") == "'self'", (url, r.headers.get("Content-Security-Policy"))
        script = p["script-src"].split()
        assert script[0] == "'self'" and set(script[1:]) == hashes, (url, script)
        assert "'unsafe-inline'" not in p["script-src"] and "'unsafe-eval'" not in p["script-src"]
        assert p["object-src"] == "'none'" and p["base-uri"] == "'self'"
        for directive, value in p.items():
            assert "http:" not in value and "https:" not in value and "*." not in value, (url, directive, value)
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "Server" not in r.headers and "X-Powered-By" not in r.headers
        path = urlparse(url).path
        if is_embed(path):
            assert p["frame-ancestors"] == "*" and "X-Frame-Options" not in r.headers, url
        else:
            assert p["frame-ancestors"] == "'none'" and r.headers["X-Frame-Options"] == "DENY", url


def test_embed_pages_may_be_framed_and_others_not(client):
    embeds = [p for p in page_paths() if is_embed(p)]
    if not embeds:
        pytest.skip("no /embed/ page registered yet")
    for path in embeds:
        r = client.get(path)
        assert r.status_code == 200
        assert policy(r.headers)["frame-ancestors"] == "*" and "X-Frame-Options" not in r.headers
    r = client.get("/")
    assert policy(r.headers)["frame-ancestors"] == "'none'"


def test_inline_scripts_are_exactly_the_hashed_ones(client, app):
    """Every inline <script> in the served index is covered by a hash in the policy (JSON config blocks are not executed)."""
    import base64
    import hashlib

    html = re.sub(r"<!--.*?-->", "", client.get("/").get_data(as_text=True), flags=re.S)  # e.g. the IE-only conditional block
    allowed = set(policy(client.get("/").headers)["script-src"].split()[1:])
    for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S):
        if "src=" in attrs or 'type="application/json"' in attrs:
            continue
        digest = "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        assert digest in allowed, f"inline script not allowed by the CSP: {body[:80]!r}"


def test_no_debug_or_dev_tools_in_the_served_app(app, client):
    assert app.server.debug is False
    assert not app._dev_tools.ui and not app._dev_tools.hot_reload and not app._dev_tools.serve_dev_bundles
    cfg = re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', client.get("/").get_data(as_text=True), re.S)
    config = json.loads(cfg.group(1))
    assert config.get("ui") is False and config.get("props_check") is False and not config.get("hot_reload")
    assert json.loads(client.get("/_reload-hash").data)["reloadHash"] is None


def test_long_urls_get_414_and_big_bodies_413(client, app):
    assert client.get("/explore?indicator=" + "a" * (MAX_URL_BYTES + 10)).status_code == 414
    assert client.get("/" + "x" * (MAX_URL_BYTES + 10)).status_code == 414
    assert client.get("/explore?indicator=" + "a" * 500).status_code == 200
    r = client.post("/_dash-update-component", data=b"{" + b" " * (MAX_BODY_BYTES + 1) + b"}", content_type="application/json")
    assert r.status_code == 413 and r.is_json
    for rule in app.server.url_map.iter_rules():
        if rule.rule.startswith("/api/") and not rule.arguments:
            r = client.get(rule.rule + "?limit=" + "9" * (MAX_URL_BYTES + 10))
            assert r.status_code == 414 and r.is_json, rule.rule


def test_repeated_parameters_are_bounded(client):
    # 300 repetitions of a parameter fit in the URL bound; the page still renders, without error.
    r = client.get("/explore?" + "&".join(["sex=female"] * 300))
    assert r.status_code == 200
    r = client.get("/explore?" + "&".join(["sex=female"] * 1000))
    assert r.status_code == 414


def test_unexpected_errors_are_neutral(tmp_path):
    """An exception in a view: a 500 with a short message; no traceback, exception name or path."""
    from dashboard.app import create_app

    app = create_app()

    @app.server.route("/_test-boom")
    def boom():
        raise RuntimeError(f"secret detail {ROOT / 'dashboard' / 'x.py'}")

    @app.server.route("/api/v1/_test-boom")
    def boom_api():
        raise KeyError("secret")

    client = app.server.test_client()
    for url in ("/_test-boom", "/api/v1/_test-boom"):
        r = client.get(url)
        body = r.get_data(as_text=True)
        assert r.status_code == 500
        for leak in ("secret", "RuntimeError", "KeyError", "Traceback", str(ROOT), ".py"):
            assert leak not in body, (url, body)
        assert "Content-Security-Policy" in r.headers
    assert client.get("/api/v1/_test-boom").is_json


def test_unknown_component_suite_files_are_404(client):
    for url in ("/_dash-component-suites/nope/x.js", "/_dash-component-suites/dash/nope.js", "/_dash-component-suites/dash/deps/../../app.py"):
        r = client.get(url)
        assert r.status_code == 404, url
        assert b".py" not in r.data and b"Traceback" not in r.data


def test_gunicorn_sends_no_version_banner_and_the_same_headers(live_server):
    u = urlparse(live_server)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    try:
        conn.request("GET", "/")
        r = conn.getresponse()
        r.read()
        assert r.status == 200
        assert r.getheader("Server") == "server"  # gunicorn.conf.py: no product/version banner
        assert "default-src 'self'" in r.getheader("Content-Security-Policy")
        assert r.getheader("X-Frame-Options") == "DENY"
        # gunicorn's own request-line bound answers 414 before the app does; the app's bound answers the rest.
        conn.request("GET", "/explore?x=" + "a" * 5000)
        r = conn.getresponse()
        r.read()
        assert r.status == 414
    finally:
        conn.close()
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    try:
        conn.request("POST", "/_dash-update-component", body=b"{" + b" " * (MAX_BODY_BYTES + 1) + b"}", headers={"Content-Type": "application/json"})
        r = conn.getresponse()
        r.read()
        assert r.status == 413
    finally:
        conn.close()


def test_single_output_callback_posted_with_a_list_of_outputs_is_a_400(client):
    """Found by fuzzing: Dash itself answers 500 when a single-output callback gets ``outputs: []``."""

    body = {
        "output": "ratifications-changes.children",
        "outputs": [],
        "inputs": [{"id": "ratifications-from", "property": "value", "value": None}, {"id": "ratifications-to", "property": "value", "value": None}],
        "state": [{"id": "ratifications-lang", "property": "data", "value": None}],
        "changedPropIds": [],
    }
    r = client.post("/_dash-update-component", json=body)
    assert r.status_code == 400
    good = dict(body, outputs={"id": "ratifications-changes", "property": "children"})
    assert client.post("/_dash-update-component", json=good).status_code == 200
