"""/corridors in real Chromium: the corridor in the URL is the one shown, figures match the data,
choosing another corridor updates the URL (and back again), bad input falls back with a note."""

from __future__ import annotations

import pytest

from dashboard.i18n import fmt_percent
from tests.browser.dropdowns import type_in_dropdown

pytestmark = pytest.mark.browser

COST, FLOWS = "remittance_corridor_cost", "bilateral_remittances_usd_m"


def cost_series(store, origin, destination):
    c = store.corridors
    return c[(c["indicator_id"] == COST) & (c["origin_iso3"] == origin) & (c["destination_iso3"] == destination)].sort_values("period")


def chart_y(page, graph_id):
    return page.evaluate(f"document.querySelector('#{graph_id} .js-plotly-plot').data.map(t => t.y)")


def wait_search(page, pattern):
    """The query string (view state) matches ``pattern``: Dash updates it with pushState, no page load."""
    page.wait_for_function("p => new RegExp(p).test(window.location.search)", arg=pattern, timeout=20000)


def wait_for_cost(page, text):
    page.wait_for_function("t => (document.querySelector('#corridors-latest-cost') || {}).textContent === t", arg=text, timeout=20000)


def test_corridor_round_trip(page, store):
    page.goto(page.base + "/corridors?from=SAU&to=BGD")
    sau_bgd = cost_series(store, "SAU", "BGD")
    wait_for_cost(page, fmt_percent(sau_bgd["value"].iloc[-1], "en", 1))
    page.wait_for_selector("#corridors-cost-chart .js-plotly-plot .scatterlayer path.js-line", timeout=20000)
    assert chart_y(page, "corridors-cost-chart")[0] == pytest.approx(list(sau_bgd["value"]), abs=1e-3)
    # The table lists every priced corridor from Saudi Arabia.
    n_from_sau = store.corridors[(store.corridors["indicator_id"] == COST) & (store.corridors["origin_iso3"] == "SAU")]["destination_iso3"].nunique()
    page.wait_for_function(
        "n => (document.querySelector('#corridors-table-count') || {textContent: ''}).textContent.startsWith(n + ' corridors')", arg=n_from_sau
    )

    # Choose another receiving country: the URL and the figures follow.
    type_in_dropdown(page, "#corridors-to", "Pakistan")
    page.click(".dash-dropdown-option:has-text('Pakistan')")
    wait_search(page, r"from=SAU&to=PAK")
    sau_pak = cost_series(store, "SAU", "PAK")
    wait_for_cost(page, fmt_percent(sau_pak["value"].iloc[-1], "en", 1))
    page.wait_for_function("n => document.querySelector('#corridors-cost-chart .js-plotly-plot').data[0].y.length === n", arg=len(sau_pak))

    # Swap ends: Pakistan -> Saudi Arabia has no prices; the page says so and suggests corridors.
    page.click("#corridors-swap")
    wait_search(page, r"from=PAK&to=SAU")
    page.wait_for_selector("text=No remittance price survey for this corridor", timeout=20000)
    assert page.locator("#corridors-summary a[href*='/corridors?from=']").count() >= 1

    # The state is in the URL: reloading it shows the same corridor.
    page.goto(page.base + "/corridors?from=SAU&to=PAK")
    wait_for_cost(page, fmt_percent(sau_pak["value"].iloc[-1], "en", 1))


def test_bad_input_and_default(page, store):
    page.goto(page.base + "/corridors?from=XXX&to=%3Cscript%3E&avg=bogus")
    page.wait_for_selector("#corridors-notices .notice", timeout=20000)
    notes = page.inner_text("#corridors-notices")
    assert "Unknown sending country" in notes and "Unknown receiving country" in notes and "bogus" in notes
    # The default: the largest 2021 estimated flow among corridors with prices, computed from data/.
    c = store.corridors
    priced = c[c["indicator_id"] == COST][["origin_iso3", "destination_iso3"]].drop_duplicates()
    top = c[(c["indicator_id"] == FLOWS) & (c["period"] == "2021")].merge(priced).sort_values("value", ascending=False).iloc[0]
    wait_search(page, rf"from={top.origin_iso3}&to={top.destination_iso3}")
    # The flow map draws the selected corridor among the largest; the bars' top value is the largest flow.
    page.wait_for_selector("#corridors-flow-map .js-plotly-plot", timeout=20000)
    out = c[(c["indicator_id"] == FLOWS) & (c["period"] == "2021") & (c["origin_iso3"] == top.origin_iso3)].sort_values("value")
    page.wait_for_function("() => { const g = document.querySelector('#corridors-flow-bars-from .js-plotly-plot'); return g && g.data && g.data.length > 0; }")
    bars = chart_y(page, "corridors-flow-bars-from")[0]
    xs = page.evaluate("document.querySelector('#corridors-flow-bars-from .js-plotly-plot').data[0].x")
    assert xs[-1] == pytest.approx(round(out["value"].iloc[-1], 1)) and len(bars) == min(10, len(out))
