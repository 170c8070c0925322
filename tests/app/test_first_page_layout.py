"""/_dash-layout carries the page the browser is on (named by Referer), so the first paint needs no callback."""

from __future__ import annotations

import json

import pytest


def _layout(client, referer: str | None) -> tuple[dict, str]:
    headers = {"Referer": referer} if referer else {}
    r = client.get("/_dash-layout", headers=headers)
    assert r.status_code == 200
    assert "referer" in r.headers.get("Vary", "").lower()
    return json.loads(r.data), r.data.decode()


def _find(node, component_id):
    if isinstance(node, dict):
        if node.get("props", {}).get("id") == component_id:
            return node
        for v in node.get("props", {}).values():
            hit = _find(v, component_id)
            if hit is not None:
                return hit
    elif isinstance(node, list):
        for v in node:
            hit = _find(v, component_id)
            if hit is not None:
                return hit
    return None


@pytest.mark.parametrize(
    "path,marker_text",
    [
        ("/explore?indicator=migrant_stock&year=2020", "explore-map"),
        ("/country/PHL?lang=fr", "Philippines"),
        ("/about", "About the data"),
    ],
)
def test_the_layout_holds_the_referring_page(client, path, marker_text):
    layout, text = _layout(client, "http://localhost" + path)
    where = _find(layout, "url")["props"]  # dcc.Location starts at that address: it writes nothing on mount
    assert where["pathname"] + where["search"] == path
    page = _find(layout, "page")
    assert page["props"]["children"] and marker_text in json.dumps(page)


def test_explore_first_layout_draws_the_requested_map(client):
    layout, _ = _layout(client, "http://localhost/explore?indicator=migrant_stock&year=2020")
    fig = _find(layout, "explore-map")["props"]["figure"]
    assert fig["data"][1]["type"] == "choropleth" and any(v is not None for v in fig["data"][1]["z"])
    assert "2020" in fig["layout"]["title"]["text"]


@pytest.mark.parametrize("referer", [None, "http://elsewhere.example/explore", "not a url", "http://localhost:99999999/x"])
def test_unknown_or_foreign_referrer_leaves_the_page_to_the_router(client, referer):
    layout, _ = _layout(client, referer)
    # dcc.Location fills in the address on mount, and that change calls the router
    assert "pathname" not in _find(layout, "url")["props"]
    assert not _find(layout, "page")["props"].get("children")


def test_an_unknown_path_gets_the_not_found_page(client):
    layout, text = _layout(client, "http://localhost/no/such/page")
    assert _find(layout, "url")["props"]["pathname"] == "/no/such/page"
    assert "not found" in json.dumps(_find(layout, "page")).lower()


def test_the_router_is_called_by_path_changes_only(client):
    """Not when a page opens: the page is in the layout, or dcc.Location's first write triggers it."""
    deps = json.loads(client.get("/_dash-dependencies").data)
    router = [d for d in deps if "page.children" in d["output"]]
    assert len(router) == 1 and router[0]["prevent_initial_call"] is True
    assert [i["id"] + "." + i["property"] for i in router[0]["inputs"]] == ["url.pathname"]


def _walk(node, inside_deferred=False):
    """(component dict, whether a Deferred box holds it) for every component of a layout."""
    if isinstance(node, dict) and "namespace" in node:
        yield node, inside_deferred
        held = inside_deferred or (node["namespace"], node["type"]) == ("dashboard_components", "Deferred")
        for v in node.get("props", {}).values():
            yield from _walk(v, held)
    elif isinstance(node, (list, tuple)):
        for v in node:
            yield from _walk(v, inside_deferred)


@pytest.mark.parametrize(
    "path,deferred,at_once",
    [
        (
            "/explore?indicator=migrant_stock&year=2020",
            {
                "explore-indicator",
                "explore-age",
                "explore-breakdown",
                "explore-year",
                "explore-countries",
                "explore-download-view",
                "country-search-header",
                "explore-info",
            },
            {"explore-sex", "explore-view", "explore-notices"},
        ),
        ("/ratifications", {"country-search-header"}, set()),
        ("/about", set(), {"country-search-header"}),
    ],
)
def test_what_waits_for_the_first_map_draw(client, path, deferred, at_once):
    """On a map page the dropdowns, the header's country search and what sits below or behind the map
    mount after the map is drawn (layouts/deferred.py); the map, and every other graph, never wait
    for themselves: nothing would release them. A page without a map defers nothing."""
    layout, _text = _layout(client, "http://localhost" + path)
    held = {n["props"].get("id"): inside for n, inside in _walk(layout) if isinstance(n["props"].get("id"), str)}
    assert {cid for cid in deferred if held.get(cid) is not True} == set()
    assert {cid for cid in at_once if held.get(cid) is not False} == set()
    graphs = [(n["props"].get("id"), inside) for n, inside in _walk(layout) if n["type"] == "Graph"]
    assert all(not inside for _id, inside in graphs), graphs
    if path != "/about":
        assert graphs
    else:
        assert not [n for n, _inside in _walk(layout) if n["type"] == "Deferred"]


def test_the_deferred_box_is_the_component_the_browser_defines():
    from dashboard.config import ASSETS_DIR
    from layouts.deferred import Deferred

    script = (ASSETS_DIR / "js" / "deferred.js").read_text()
    assert f"window.{Deferred._namespace} = {{{Deferred._type}: {Deferred._type}}}" in script


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/explore?view=table",
        "/country/PHL",
        "/country",
        "/ratifications",
        "/corridors?from=USA&to=MEX",
        "/about",
        "/embed/explore?indicator=migrant_stock&view=chart",
        "/no-such-page",
    ],
)
def test_no_page_needs_the_dash_table_bundle_the_server_leaves_out(client, path):
    """dashboard/app.py drops Dash's dash_table script from every page: no layout may hold a DataTable."""
    layout, _text = _layout(client, "http://localhost" + path)
    namespaces = {n["namespace"] for n, _inside in _walk(layout)}
    assert "dash_html_components" in namespaces and "dash_table" not in namespaces, namespaces
    assert "dash_table/bundle" not in client.get(path).data.decode()
