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
