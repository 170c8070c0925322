"""Every page loads in real Chromium: no console errors, nothing fetched from outside (see conftest)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGES = ["/", "/explore", "/about", "/about/data", "/no-such-page"]


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_offline(page, path):
    if path == "/no-such-page":
        page.watch.expected.append("status of 404")
    response = page.goto(page.base + path, wait_until="networkidle")
    assert response is not None
    assert response.status == (404 if path == "/no-such-page" else 200)
    page.wait_for_selector("#page h1", timeout=20000)
    assert page.locator("#page h1").first.inner_text().strip()
    assert page.locator("html").get_attribute("lang") == "en"
    # the one thing Dash's bundles need from the polyfill they no longer get (dashboard/app.py)
    assert page.evaluate("typeof regeneratorRuntime.wrap") == "function"


def test_not_found_page_says_so(page):
    page.watch.expected.append("status of 404")
    page.goto(page.base + "/no-such-page")
    page.wait_for_selector("#page h1")
    assert "not found" in page.locator("#page h1").inner_text().lower()


def test_explore_map_draws_country_shapes(page):
    page.goto(page.base + "/explore")
    page.wait_for_selector("#explore-map path.choroplethlocation", timeout=30000)
    n = page.locator("#explore-map path.choroplethlocation").count()
    assert n >= 150, f"only {n} country shapes drawn"
    # The topology came from our own server.
    assert page.evaluate("performance.getEntriesByType('resource').some(e => e.name.includes('/assets/world_110m.json'))")
