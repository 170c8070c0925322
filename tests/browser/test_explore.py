"""/explore in Chromium: switch indicator and year, URL round-trip, CSV download against data/."""
from __future__ import annotations

import io
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest

pytestmark = pytest.mark.browser

IND = "remittance_cost_to_country"


def _slice(store, ind, sex="total", age="all", breakdown="total"):
    df = store.indicator_frame(ind)
    return df[(df.sex == sex) & (df.age == age) & (df.breakdown == breakdown) & (df.geo_type == "country")]


def _query(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def _wait_query(page, key: str, value: str, timeout_ms: int = 20000) -> None:
    """Poll the address bar (the CSP forbids string-evaluated wait_for_function)."""
    for _ in range(timeout_ms // 100):
        if _query(page).get(key) == value:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"URL never had {key}={value}: {page.url}")


def test_switch_indicator_and_year_keeps_url_and_draws_data(page, store):
    page.goto(page.base + "/explore")
    page.wait_for_selector("#explore-map path.choroplethlocation", timeout=30000)
    # choose an indicator in the picker
    page.click("#explore-indicator")
    page.get_by_role("option", name=store.indicator(IND)["title"], exact=True).click()
    _wait_query(page, "indicator", IND)
    sl = _slice(store, IND)
    shown = int(_query(page)["year"])  # the year stays when the new indicator has it, else its latest
    assert shown in set(sl.year)
    summary = page.locator("#explore-summary")
    summary.filter(has_text=f"{sl[sl.year == shown].geo_code.nunique()} countries").wait_for(timeout=20000)
    # an earlier year via the slider's keyboard: the map is patched and the URL follows
    page.focus("#explore-year .rc-slider-handle, #explore-year [role=slider]")
    page.keyboard.press("Home")
    first = int(sl.year.min())
    _wait_query(page, "year", str(first))
    summary.filter(has_text=f"{sl[sl.year == first].geo_code.nunique()} countries").wait_for(timeout=20000)
    title = page.locator("#explore-map .gtitle").text_content()
    assert str(first) in title
    # reload: the same view comes back
    url = page.url
    page.reload()
    page.wait_for_selector("#explore-map path.choroplethlocation", timeout=30000)
    summary.filter(has_text=f"{sl[sl.year == first].geo_code.nunique()} countries").wait_for(timeout=20000)
    assert _query(page) == {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}


def test_chart_view_from_url_and_csv_download(page, store):
    page.goto(page.base + f"/explore?indicator={IND}&countries=PHL,MEX&view=chart")
    page.wait_for_selector("#explore-chart .scatterlayer .trace", timeout=30000)
    legend = [t.text_content() for t in page.locator("#explore-chart .legendtext").all()]
    assert {"Philippines", "Mexico"} <= set(legend)
    with page.expect_download(timeout=20000) as dl:
        page.click("#explore-download-view")
    text = open(dl.value.path(), encoding="utf-8").read()
    head = [l for l in text.splitlines() if l.startswith("# ")]
    assert head[0].startswith("# Title: ") and any(l.startswith("# Licence: ") for l in head)
    assert any(l.startswith("# Page: ") and "countries=PHL" in l for l in head)
    got = pd.read_csv(io.StringIO(text), comment="#")
    want = _slice(store, IND)
    want = want[want.geo_code.isin(["PHL", "MEX"])]
    assert len(got) == len(want)
    merged = got.merge(want, on=["geo_code", "year"], suffixes=("", "_data"))
    assert len(merged) == len(want) and (merged["value"] - merged["value_data"]).abs().max() < 1e-9
