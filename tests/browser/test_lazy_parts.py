"""What the explorer leaves out of the first load arrives when it is needed (README "Performance")."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

GRID_BUNDLE = "/_dash-component-suites/dash_ag_grid/dash_ag_grid."


def _fetched(page, part: str) -> bool:
    return page.evaluate("(p) => performance.getEntriesByType('resource').some(e => e.name.includes(p))", part)


def test_explorer_loads_the_grid_only_when_the_table_is_shown(page, store):
    page.goto(page.base + "/explore?indicator=migrant_stock&sex=female&year=2020")
    page.wait_for_selector("#explore-map path.choroplethlocation", timeout=30000)
    page.wait_for_timeout(500)
    assert not _fetched(page, GRID_BUNDLE), "the grid bundle was fetched for a map view"
    assert page.locator("#explore-table-slot .ag-root-wrapper").count() == 0
    assert page.locator("#explore-chart-slot .js-plotly-plot").count() == 0

    page.get_by_role("tab", name="Table").click()
    page.wait_for_selector("#explore-table-slot .ag-row", timeout=30000)
    assert _fetched(page, GRID_BUNDLE)
    df = store.indicator_frame("migrant_stock")
    want = df[(df.year == 2020) & (df.sex == "female") & (df.age == "all") & (df.breakdown == "total") & (df.geo_type == "country")]
    shown = page.locator("#explore-table-slot .ag-paging-row-summary-panel").inner_text()
    assert f"{len(want)}" in shown.replace(",", ""), shown
    assert "view=table" in page.url

    page.get_by_role("tab", name="Chart").click()
    page.wait_for_selector("#explore-chart-slot .js-plotly-plot", timeout=30000)


def test_a_page_that_opens_on_a_grid_draws_it(page):
    page.goto(page.base + "/ratifications")
    page.wait_for_selector(".rat-matrix .ag-row", timeout=30000)
    assert _fetched(page, GRID_BUNDLE)
    assert page.evaluate("window.dash_ag_grid.AgGrid.name") != "LazyAgGrid"  # the real bundle took over


def test_eager_chunks_are_not_fetched_twice(page):
    page.goto(page.base + "/explore")
    page.wait_for_selector("#explore-map path.choroplethlocation", timeout=30000)
    names = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    for chunk in ("async-graph", "async-dropdown", "async-slider"):
        assert len([n for n in names if chunk in n]) == 1, (chunk, [n for n in names if chunk in n])


def _callback_posts(page) -> list[str]:
    posts = []
    page.on("request", lambda r: posts.append(r.post_data or "") if "/_dash-update-component" in r.url else None)
    return posts


@pytest.mark.parametrize("query", ["", "?indicator=migrant_stock&sex=female&year=2020&lang=fr", "?view=chart&countries=PHL,MEX"])
def test_the_explorer_opens_without_calling_the_server_back(page, query):
    """The layout holds the URL's view: no callback request when the page opens, controls already set."""
    posts = _callback_posts(page)
    page.goto(page.base + "/explore" + query)
    page.wait_for_selector(
        "#explore-chart-slot .js-plotly-plot .scatterlayer" if "view=chart" in query else "#explore-map path.choroplethlocation", timeout=30000
    )
    page.wait_for_load_state("networkidle")
    assert posts == []
    assert page.locator("#explore-indicator").inner_text().strip()  # the picker shows the indicator
    assert page.locator("#explore-info").inner_text().strip()  # and its definition and source
    assert "/embed/explore?indicator=" in page.locator("#explore-embed-code").input_value()
    if "countries" in query:
        assert page.locator("#explore-countries").inner_text().count("Philippines") == 1


def test_an_incomplete_address_is_completed_in_place(page):
    """/explore names no indicator or year: the address bar then shows the view's full address, and
    Back does not land on an address that only moves forward again (replaced, not pushed)."""
    page.goto(page.base + "/about")
    page.wait_for_selector("#page h1")
    page.goto(page.base + "/explore")
    page.wait_for_function("() => location.search.includes('indicator=') && location.search.includes('year=')", timeout=20000)
    # the page's own links (embed code) follow the completed address
    search = page.evaluate("location.search")
    page.wait_for_function("(s) => document.querySelector('#explore-embed-code').value.includes('/embed/explore' + s)", arg=search, timeout=10000)
    page.go_back()
    page.wait_for_url("**/about", timeout=10000)


def test_the_world_topology_is_fetched_once_with_the_page_and_only_where_a_map_is_drawn(page):
    page.goto(page.base + "/explore")
    page.wait_for_selector("#explore-map path.choroplethlocation", timeout=30000)
    topo = page.evaluate("performance.getEntriesByType('resource').filter(e => e.name.includes('/assets/world_110m.json')).map(e => e.startTime)")
    renderer = page.evaluate("performance.getEntriesByType('resource').find(e => e.name.includes('/dash_renderer.')).responseEnd")
    assert len(topo) == 1 and topo[0] < renderer  # requested with the scripts, not when plotly.js lays the map out
    assert page.evaluate("!!(window.PlotlyGeoAssets && window.PlotlyGeoAssets.topojson.world_110m.objects)")
    # the layout and callback list are preloaded with the scripts, and the renderer takes that answer (one request each)
    for name in ("/_dash-layout", "/_dash-dependencies"):
        starts = page.evaluate(f"performance.getEntriesByType('resource').filter(e => new URL(e.name).pathname === '{name}').map(e => e.startTime)")
        assert len(starts) == 1 and starts[0] < renderer, (name, starts, renderer)  # asked before the renderer could
    page.goto(page.base + "/about")
    page.wait_for_selector("#page h1")
    assert not _fetched(page, "/assets/world_110m.json")


@pytest.mark.parametrize(
    "query,drawn",
    [
        ("?indicator=migrant_stock&sex=female&year=2020", "path.choroplethlocation"),
        ("?indicator=migrant_stock&countries=PHL&view=chart", ".scatterlayer .trace"),
    ],
)
def test_an_embedded_view_is_drawn_with_its_page(page, store, query, drawn):
    posts = _callback_posts(page)
    page.goto(page.base + "/embed/explore" + query)
    page.wait_for_selector(f"#embed-explore-graph {drawn}", timeout=30000)
    page.wait_for_load_state("networkidle")
    assert posts == []
    source = page.locator("#embed-explore-source")
    assert store.indicator("migrant_stock")["publisher"] in source.inner_text()
    assert "/explore?indicator=migrant_stock" in source.locator("a").get_attribute("href")
    assert page.locator("#embed-explore-summary").inner_text().strip()


@pytest.mark.parametrize(
    "path,drawn",
    [
        ("/", "#page h1"),
        ("/about", "#page h1"),
        ("/country", "#page h1"),
        ("/country/PHL?compare=MEX", "#country-compare-table"),
        ("/ratifications?instrument=UN-CEDAW&country=PHL", "#ratifications-map path.choroplethlocation"),
        ("/corridors?from=USA&to=MEX", "#corridors-cost-chart .scatterlayer"),
    ],
)
def test_every_page_opens_without_calling_the_server_back(page, path, drawn):
    """Each page's layout holds its views' first answers (dashboard.views.prerender.prerender): the views are on
    screen with no callback request; callbacks run when the reader changes something."""
    posts = _callback_posts(page)
    page.goto(page.base + path)
    page.wait_for_selector(drawn, timeout=30000)
    page.wait_for_load_state("networkidle")
    assert posts == [], [p[:80] for p in posts]
    if path.startswith("/ratifications"):
        assert "Philippines" in page.locator("#ratifications-country-panel").inner_text()
        assert page.locator("#ratifications-matrix .ag-row").count() > 0
        assert "compare=" in page.url  # the address was completed in place
    if path.startswith("/corridors"):
        assert page.locator("#corridors-summary").inner_text().strip()


def test_changing_a_view_after_opening_still_calls_back(page):
    """The views answer changes as before: another date in the ratification tracker redraws its panels."""
    page.goto(page.base + "/ratifications?country=PHL&instrument=UN-CEDAW")
    page.wait_for_selector("#ratifications-country-panel h3", timeout=30000)
    posts = _callback_posts(page)
    page.fill("#ratifications-as-of", "2000-12-31")
    page.press("#ratifications-as-of", "Enter")
    page.locator("#ratifications-country-panel h3").filter(has_text="2000").wait_for(timeout=20000)
    page.locator("#ratifications-map-summary").filter(has_text="2000").wait_for(timeout=20000)
    assert posts and "as_of=2000-12-31" in page.url


@pytest.mark.parametrize(
    "path,drawn", [("/explore", "#explore-map path.choroplethlocation"), ("/corridors?from=USA&to=MEX", "#corridors-cost-chart .scatterlayer")]
)
def test_graphs_wait_for_a_late_plotly(page, path, drawn):
    """plotly.js loads async: when it arrives after the page has rendered, each graph waits for it (the
    promise of assets/js/plotly-async.js) and draws once it has run; no other plotly.js is fetched and
    nothing errs (the page fixture fails on console errors)."""
    plotly_requests, held = [], []
    page.route("**/assets/vendor/plotly-partial.min.js*", lambda route: (plotly_requests.append(route.request.url), held.append(route)))
    page.on("request", lambda r: plotly_requests.append(r.url) if "plotly" in r.url and "plotly-partial" not in r.url and "plotly-async" not in r.url else None)
    page.goto(page.base + path, wait_until="commit")
    page.wait_for_selector("#page h1", timeout=30000)  # the page renders while plotly.js is held back
    page.wait_for_timeout(500)
    assert held and page.locator(drawn).count() == 0
    assert page.evaluate("typeof window.Plotly.then === 'function' && !window.Plotly.react")
    held[0].continue_()
    page.wait_for_selector(drawn, timeout=30000)
    assert page.evaluate("typeof window.Plotly.react === 'function' && !window.Plotly.then")
    assert len(plotly_requests) == 1, plotly_requests  # ours, once: dcc never fetched its own


# When each part first appears, and how far the page moves meanwhile (layout-shift entries, as CLS sums them).
WATCH_ORDER = """
window.__seen = {};
window.__shift = 0;
const parts = {map: '#explore-map path.choroplethlocation', picker: '#explore-indicator', age: '#explore-age',
               search: '#country-search-header', play: '#explore-play', embed: '#explore-embed-code'};
new MutationObserver(() => {
  const t = performance.now();
  for (const [name, sel] of Object.entries(parts)) {
    if (!(name in window.__seen) && document.querySelector(sel)) window.__seen[name] = t;
  }
}).observe(document, {childList: true, subtree: true});
new PerformanceObserver(list => list.getEntries().forEach(e => { if (!e.hadRecentInput) window.__shift += e.value; }))
  .observe({type: 'layout-shift', buffered: true});
"""


@pytest.mark.parametrize("width", [1280, 400])
def test_the_map_is_drawn_before_the_parts_that_can_wait_and_nothing_moves_when_they_come(page, store, width):
    """layouts/deferred.py: on a cold visit the dropdowns, the header's country search and what is below
    the map mount after the map is drawn; their boxes keep their room, so the page does not move."""
    page.set_viewport_size({"width": width, "height": 900})
    page.add_init_script(WATCH_ORDER)
    page.goto(page.base + "/explore?indicator=migrant_stock&sex=female&year=2020")
    page.wait_for_selector("#explore-map path.choroplethlocation", timeout=30000)
    page.wait_for_function("() => document.querySelectorAll('[aria-busy=true]').length === 0", timeout=10000)
    page.wait_for_timeout(300)
    seen = page.evaluate("window.__seen")
    assert set(seen) == {"map", "picker", "age", "search", "play", "embed"}, seen
    assert all(seen["map"] <= t for t in seen.values()), seen
    assert page.evaluate("window.__shift") < 0.01  # 0.002-0.07 before, when the dropdowns grew into place
    assert page.locator("#explore-indicator").inner_text().strip() == store.indicator("migrant_stock")["title"]


def test_the_parts_that_wait_for_the_map_come_when_plotly_cannot_load(page):
    page.watch.expected += ["plotly", "Failed to load resource"]
    page.route("**/assets/vendor/plotly-partial.min.js*", lambda route: route.abort())
    page.goto(page.base + "/explore?indicator=migrant_stock&sex=female&year=2020")
    # released by plotly.js's failure, well before the 4 s limit for a graph that never draws
    page.wait_for_selector("#explore-indicator", timeout=3000)
    page.wait_for_selector("#country-search-header", timeout=3000)
    assert page.locator("#explore-map path.choroplethlocation").count() == 0


def test_the_parts_that_wait_for_the_map_come_after_a_limit_when_it_stalls(page):
    held = []
    page.route("**/assets/vendor/plotly-partial.min.js*", lambda route: held.append(route))
    page.goto(page.base + "/explore?indicator=migrant_stock&sex=female&year=2020", wait_until="commit")
    page.wait_for_selector("#explore-sex", timeout=30000)
    assert page.locator("#explore-indicator").count() == 0 and page.locator(".deferred-pending").count() > 0
    page.wait_for_selector("#explore-indicator", timeout=15000)  # the 4 s limit, plotly.js still held
    assert held and page.locator("#explore-map path.choroplethlocation").count() == 0
    held[0].continue_()
    page.wait_for_selector("#explore-map path.choroplethlocation", timeout=30000)


def test_a_map_page_opened_from_another_page_gets_its_controls(page):
    """Moving to /explore inside the site (no page load): the boxes wait for that map's draw, then come."""
    page.goto(page.base + "/about")
    page.wait_for_selector("#country-search-header", timeout=30000)  # no map on /about: nothing waits
    assert page.locator(".deferred").count() == 0
    page.get_by_role("link", name="Explore", exact=True).first.click()
    page.wait_for_selector("#explore-map path.choroplethlocation", timeout=30000)
    page.wait_for_selector("#explore-indicator", timeout=10000)
    page.wait_for_selector("#country-search-header", timeout=10000)
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1  # one page load: /about's
    assert page.locator("#explore-indicator").inner_text().strip() and page.locator("[aria-busy=true]").count() == 0
