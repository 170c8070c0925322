"""Compression and cache headers (dashboard/http.py), through the Flask test client."""

from __future__ import annotations

import functools
import gzip
import json
import re

import brotli
import pytest

from bench.dash_protocol import callback_body, find_callback

BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}


def _decode(r) -> bytes:
    enc = r.headers.get("Content-Encoding")
    return {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda b: b}[enc](r.data)


@pytest.fixture(scope="module")
def page_urls(app):
    html = app.server.test_client().get("/explore").data.decode()
    scripts = re.findall(r'<script src="([^"]+)"', html)
    styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert scripts and styles
    return {"scripts": scripts, "styles": styles}


def _router_body(client):
    deps = json.loads(client.get("/_dash-dependencies").data)
    return callback_body(find_callback(deps, "page.children"), {"url.pathname": "/about", "url.search": ""}, ["url.pathname"])


def test_html_js_css_json_and_callbacks_are_compressed_once(client, page_urls):
    responses = {
        "page": client.get("/explore", headers=BROWSER),
        "layout": client.get("/_dash-layout", headers=BROWSER),
        "dependencies": client.get("/_dash-dependencies", headers=BROWSER),
        "callback": client.post("/_dash-update-component", json=_router_body(client), headers=BROWSER),
        "script": client.get(page_urls["scripts"][-1], headers=BROWSER),
        "style": client.get(page_urls["styles"][0], headers=BROWSER),
    }
    for name, r in responses.items():
        assert r.status_code == 200, name
        assert r.headers.get("Content-Encoding") == "br", name
        assert "accept-encoding" in r.headers.get("Vary", "").lower(), name
        plain = _decode(r)
        # One mechanism: decoding once gives the real content (no double encoding).
        assert len(plain) > len(r.data), name
    assert b"<html" in _decode(responses["page"])
    assert "response" in json.loads(_decode(responses["callback"]))
    json.loads(_decode(responses["layout"]))


def test_gzip_for_clients_without_brotli_and_identity_for_the_rest(client, page_urls):
    js = page_urls["scripts"][0]
    for path in ("/explore", js, "/assets/world_110m.json"):
        gz = client.get(path, headers={"Accept-Encoding": "gzip"})
        assert gz.headers.get("Content-Encoding") == "gzip", path
        plain = client.get(path, headers={"Accept-Encoding": "identity"})
        assert "Content-Encoding" not in plain.headers, path
        if path == "/explore":  # the page carries per-request tokens: compare shape, not bytes
            assert gzip.decompress(gz.data).startswith(b"<!DOCTYPE html>") and plain.data.startswith(b"<!DOCTYPE html>")
        else:
            assert gzip.decompress(gz.data) == plain.data, path
    refused = client.get(js, headers={"Accept-Encoding": "br;q=0, gzip;q=0"})
    assert "Content-Encoding" not in refused.headers


def test_dash_compress_option_is_off(app):
    assert not app.config.compress  # flask-compress is the one mechanism


def test_fingerprinted_dash_scripts_are_immutable(client, page_urls):
    suites = [u for u in page_urls["scripts"] if u.startswith("/_dash-component-suites/")]
    assert suites
    for url in suites:
        r = client.get(url, headers=BROWSER)
        assert r.headers["Cache-Control"] == "public, max-age=31536000, immutable", url


def test_assets_with_their_mtime_are_immutable_others_short(client, page_urls):
    css = page_urls["styles"][0]
    assert "?m=" in css
    assert client.get(css).headers["Cache-Control"] == "public, max-age=31536000, immutable"
    path = css.split("?")[0]
    for url in (path, path + "?m=12345", path + "?m=nonsense", "/assets/world_110m.json"):
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.headers["Cache-Control"] == "public, max-age=300", url


@pytest.mark.parametrize("url", ["/assets/world_110m.json", "/_dash-component-suites/dash/dcc/async-graph.js"])
def test_unfingerprinted_static_revalidates_with_304(client, url):
    first = client.get(url, headers=BROWSER)
    assert first.status_code == 200
    assert first.headers["Cache-Control"] == "public, max-age=300"
    etag = first.headers["ETag"]
    again = client.get(url, headers={**BROWSER, "If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["Cache-Control"] == "public, max-age=300"
    # The validator names the encoding: a gzip client does not get a br body as "not modified".
    other = client.get(url, headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert other.status_code == 200 and other.headers["Content-Encoding"] == "gzip"


def test_static_bodies_are_compressed_once_per_process(app, client):
    lru = app.server.extensions["static_compression"]
    url = "/assets/world_110m.json"
    client.get(url, headers=BROWSER)
    misses = lru.misses
    bodies = {client.get(url, headers=BROWSER).data for _ in range(3)}
    assert lru.misses == misses
    assert len(bodies) == 1
    assert json.loads(brotli.decompress(bodies.pop()))["type"] == "Topology"


def test_pages_and_callbacks_get_no_long_lived_cache_header(client):
    for r in (client.get("/explore"), client.post("/_dash-update-component", json=_router_body(client))):
        assert "immutable" not in r.headers.get("Cache-Control", "")


def test_plotly_figures_serialise_with_orjson():
    # Dash serialises callback output with plotly.io.json.to_json_plotly, whose "auto" engine picks orjson.
    import plotly.io as pio
    from plotly.io import _json

    assert pio.json.config.default_engine in ("auto", "orjson")
    assert _json.get_module("orjson") is not None


# -- the partial plotly.js bundle (assets/vendor/plotly-partial.min.js) ------------------------------

BUNDLE = "assets/vendor/plotly-partial.min.js"
GO_TRACES = {"Scatter": "scatter", "Bar": "bar", "Heatmap": "heatmap", "Scattergeo": "scattergeo", "Choropleth": "choropleth"}


@functools.cache
def _bundle() -> str:
    """The committed bundle's text (1 MB), read once for every test that looks into it."""
    from tests.conftest import ROOT

    return (ROOT / BUNDLE).read_text(encoding="utf-8")


def _bundle_header() -> tuple[str, set[str]]:
    head = _bundle()[:600]
    m = re.search(r"plotly\.js v([\d.]+), partial bundle for this dashboard: ([a-z, ]+)\.", head)
    assert m, "the bundle header names its version and traces"
    return m.group(1), {t.strip() for t in m.group(2).split(",")}


def test_partial_bundle_matches_the_installed_plotly_and_is_licensed():
    from plotly.offline import get_plotlyjs_version

    from tests.conftest import ROOT

    version, _ = _bundle_header()
    assert version == get_plotlyjs_version(), "rebuild assets/vendor/plotly-partial.min.js for the new plotly.js (README: Performance)"
    assert "MIT" in (ROOT / "assets/vendor/plotly.js.LICENSE").read_text()


def test_every_trace_type_the_app_draws_is_in_the_bundle():
    from tests.conftest import ROOT

    _, traces = _bundle_header()
    used = set()
    for folder in ("dashboard", "callbacks", "layouts"):
        for path in (ROOT / folder).rglob("*.py"):
            if "pipeline" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            for name in re.findall(r"\bgo\.([A-Z][A-Za-z0-9]*)\(", text):
                if name not in ("Figure", "Layout", "FigureWidget") and not name[0].islower():
                    used.add(GO_TRACES.get(name, name.lower()))
            used.update(
                re.findall(
                    r"[\"']type[\"']\s*:\s*[\"'](scatter\w*|bar\w*|choropleth\w*|heatmap\w*|pie|sankey|treemap|sunburst|table|box|violin|histogram\w*|funnel\w*|indicator)[\"']",
                    text,
                )
            )
            if re.search(r"\bpx\.", text):
                used.add("plotly express (check its trace types)")
    assert used <= traces, f"traces missing from the partial plotly.js bundle: {sorted(used - traces)}"


def _figure_code_values(*patterns: str) -> set[str]:
    """Every literal value the app's figure code gives for a plotly attribute (by regex)."""
    from tests.conftest import ROOT

    found = set()
    for folder in ("dashboard", "callbacks", "layouts"):
        for path in (ROOT / folder).rglob("*.py"):
            if "pipeline" not in path.parts:
                text = path.read_text(encoding="utf-8")
                for pattern in patterns:
                    found.update(re.findall(pattern, text))
    return found


def test_maps_use_only_the_projection_and_location_mode_the_bundle_keeps():
    """tools/plotly-bundle leaves out every projection but "natural earth" (and d3-geo's own, such as
    plotly's default equirectangular) and the country-name table: a map asking for another projection
    or for locations by name would draw nothing."""
    from tests.conftest import ROOT

    projections = _figure_code_values(
        r"projection_type\s*=\s*[\"']([^\"']+)",
        r"[\"']projection[\"']\s*:\s*\{\s*[\"']type[\"']\s*:\s*[\"']([^\"']+)",
        r"projection\s*=\s*(?:dict\(|\{)\s*[\"']?type[\"']?\s*[:=]\s*[\"']([^\"']+)",
    )
    modes = _figure_code_values(r"locationmode\s*=\s*[\"']([^\"']+)", r"[\"']locationmode[\"']\s*:\s*[\"']([^\"']+)")
    assert projections == {"natural earth"}, projections
    assert modes == {"ISO-3"}, modes
    stand_in = (ROOT / "tools/plotly-bundle/d3-geo-projection.js").read_text(encoding="utf-8")
    assert "exports.geoNaturalEarth = " in stand_in
    head = _bundle()[:1200]
    assert 'every map\n* projection but "natural earth"' in head and "maps locate by ISO-3" in head


# Issue #21: the catalogs for these came first; their plotly.js locales (tools/plotly-bundle) are the
# next step. Strict, so this fails once a locale is in the bundle and the entry must go.
_BUNDLE_LOCALES_PENDING = {"ar", "zh", "ru"}


def _interface_langs():
    from dashboard.i18n import LANGS

    return [
        pytest.param(lang, marks=pytest.mark.xfail(strict=True, reason="plotly.js locale not bundled yet (issue #21)"))
        if lang in _BUNDLE_LOCALES_PENDING
        else lang
        for lang in LANGS
        if lang != "en"
    ]  # en: plotly's built-in default


@pytest.mark.parametrize("lang", _interface_langs())
def test_bundle_has_a_locale_for_every_interface_language(lang):
    head = _bundle()[:1200]
    m = re.search(r"\* Locales: ([a-z, ]+)\.", head)
    assert m and lang in {x.strip() for x in m.group(1).split(",")}
    assert f'moduleType:"locale",name:"{lang}"' in _bundle()


def test_every_graph_speaks_the_page_language(app):
    """plotly.js's own words (modebar buttons, month names on date axes) follow ?lang= on every page."""
    from dash import dcc

    from dashboard.views.prerender import components_by_id
    from layouts import resolve

    pages = [
        ("/", {}),
        ("/explore", {}),
        ("/explore", {"view": "chart"}),
        ("/embed/explore", {}),
        ("/country/PHL", {}),
        ("/ratifications", {}),
        ("/corridors", {}),
    ]
    seen = set()
    with app.server.test_request_context("/"):
        for lang in ("fr", "es"):
            for path, params in pages:
                module, kwargs = resolve(path)
                for comp in components_by_id(module.layout(lang=lang, **kwargs, **params)).values():
                    if isinstance(comp, dcc.Graph):
                        assert comp.config.get("locale") == lang, (path, params, comp.id, comp.config.get("locale"))
                        seen.add((path, comp.id))
    assert {
        ("/explore", "explore-map"),
        ("/explore", "explore-chart"),
        ("/ratifications", "ratifications-timeline"),
        ("/corridors", "corridors-flow-map"),
    } <= seen, sorted(seen)


def test_pages_load_the_partial_bundle_so_dcc_never_fetches_full_plotly(client):
    html = client.get("/explore").data.decode()
    assert "/assets/vendor/plotly-partial.min.js?m=" in html
    assert "plotly.min.js" not in html


def test_partial_bundle_asks_for_eager_compilation():
    """V8's explicit compile hint (Chrome 136+) must be the file's first line to count: plotly.js's
    functions are then compiled on the streaming thread while the file downloads, not on first call."""
    assert _bundle().startswith("//# allFunctionsCalledOnLoad\n")


def test_partial_bundle_leaves_out_attribute_docs_as_plotlys_dist_does():
    """The schema's documentation texts are left out (tools/plotly-bundle/build.js, as plotly's
    tasks/compress_attributes.js does for its dist files); the attribute definitions stay."""
    text = _bundle()
    for prop in ("description:[", "hrName:", "requiredOpts:", "otherOpts:"):
        assert prop not in text, prop
    assert 'locations:{valType:"data_array",editType:"calc"}' in text  # choropleth's, without its description


def test_partial_bundle_defaults_to_the_local_topology():
    """Even a graph without our config must not fetch map topology from the plotly CDN."""
    text = _bundle()
    assert "https://cdn.plot.ly/un/" not in text
    assert "cdn.jsdelivr" not in text  # scattermap's icon base, patched too though the app draws no scattermap
    assert 'topojsonURL:{valType:"string",noBlank:!0,dflt:"/assets/"' in text


def test_babel_polyfill_is_replaced_by_regenerator_runtime_alone(client):
    """Dash's bundles use only the global regeneratorRuntime of @babel/polyfill; we serve that, not core-js."""
    from tests.conftest import ROOT

    html = client.get("/explore").data.decode()
    assert "polyfill@" not in html
    assert "/assets/vendor/regenerator-runtime.js?m=" in html
    text = (ROOT / "assets/vendor/regenerator-runtime.js").read_text(encoding="utf-8")
    assert "regenerator-runtime 0.14.1" in text and "regeneratorRuntime = runtime" in text
    assert "MIT" in (ROOT / "assets/vendor/regenerator-runtime.LICENSE").read_text()


def test_grid_bundle_is_named_not_loaded(client):
    """dash-ag-grid's bundle is fetched by assets/js/lazy-ag-grid.js when a grid is drawn, not by every page."""
    html = client.get("/explore").data.decode()
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert not any("dash_ag_grid" in s for s in scripts)
    assert any(s.startswith("/assets/js/lazy-ag-grid.js") for s in scripts)
    block = re.search(r'<script type="application/json" id="lazy-scripts">([^<]+)</script>', html)
    src = json.loads(block.group(1))["dash_ag_grid"]
    r = client.get(src)
    assert r.status_code == 200 and b"dash_ag_grid" in r.data
    assert r.headers["Cache-Control"].endswith("immutable")  # still the fingerprinted address


def test_chunks_every_page_draws_load_with_the_page(client):
    html = client.get("/explore").data.decode()
    scripts = re.findall(r'<script src="([^"]+)"', html)
    for name in ("graph", "dropdown", "slider"):
        [src] = [s for s in scripts if f"/dcc/async-{name}." in s]
        assert client.get(src).headers["Cache-Control"].endswith("immutable")  # fingerprinted
    assert not any("async-markdown" in s or "async-datepicker" in s for s in scripts)  # the rest stays lazy


def test_the_page_preloads_its_layout_and_callback_list(client):
    html = client.get("/explore").data.decode()
    head = html[: html.index("</head>")]
    for name in ("/_dash-layout", "/_dash-dependencies"):
        assert f'<link rel="preload" as="fetch" crossorigin="anonymous" href="{name}">' in head


def test_plotly_loads_async_first_and_dcc_waits_for_it(client):
    html = client.get("/explore").data.decode()
    scripts = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"[^>]*>", html)
    assert "/assets/vendor/plotly-partial.min.js?m=" in scripts[0]
    assert re.search(r'<script async id="plotly-js" src="/assets/vendor/plotly-partial\.min\.js\?m=[^"]+"></script>', html)
    assert any("/assets/js/plotly-async.js" in s for s in scripts)  # the promise dcc.Graph waits on
