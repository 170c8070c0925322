"""/explore in Chromium: switch indicator and year, URL round-trip, CSV download against data/, and the
year change applied in the browser from compact values (checked against the API and the server's encoder)."""

from __future__ import annotations

import io
import json
import random
import urllib.request
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest

from tests.browser.dropdowns import type_in_dropdown

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


MAP = "document.querySelector('#explore-map .js-plotly-plot')"
READ_MAP = f"""() => {{ const gd = {MAP}; return {{
    locations: gd.data[1].locations, z: gd.data[1].z, customZ: gd.data[1].customdata, hoverZ: gd.data[1].hovertemplate,
    colour: gd.data[3].marker.color, lat: gd.data[3].lat, customColour: gd.data[3].customdata, hoverColour: gd.data[3].hovertemplate,
    title: gd.layout.title.text, meta: gd.layout.meta, noData: gd.data[0].locations, noDataText: gd.data[0].text,
    noDataZ: gd.data[0].z, noDataDrawn: gd.querySelectorAll('.choroplethlayer > .trace:first-child path.choroplethlocation').length }}; }}"""


def _wait_map_ready(page, year: int) -> None:
    """The URL's map is drawn and the explorer's first callback has set the slider to ``year``."""
    page.wait_for_selector("#explore-map path.choroplethlocation", timeout=30000)
    page.wait_for_function(
        f"""(y) => {{ const gd = {MAP}, slider = document.querySelector('#explore-year [role=slider]');
        return !!(gd && gd.layout.meta && slider && slider.getAttribute('aria-valuenow') === String(y)); }}""",
        arg=year,
        timeout=30000,
    )


def _year_change(page, key: str):
    """Move the year slider with ``key``; returns (the server's answer, the new year) once the map shows that year."""

    def is_year_change(r):
        if "/_dash-update-component" not in r.url or r.request.method != "POST":
            return False
        return json.loads(r.request.post_data or "{}").get("changedPropIds") == ["explore-year.value"]

    before = _query(page).get("year")
    with page.expect_response(is_year_change, timeout=20000) as answer:
        page.focus("#explore-year .rc-slider-handle, #explore-year [role=slider]")
        page.keyboard.press(key)
    for _ in range(200):
        if _query(page).get("year") != before:
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError(f"the year in the URL stayed {before}")
    year = int(_query(page)["year"])
    page.wait_for_function(f"(y) => {MAP}.layout.title.text.includes(String(y))", arg=year, timeout=20000)
    return answer.value, year


def _api_rows(page, ind: str, year: int, sex: str, age: str, breakdown: str) -> list[dict]:
    url = f"{page.base}/api/v1/indicators/{ind}?years={year}&sex={sex}&age={age}&breakdown={breakdown}&geo_type=country&limit=5000"
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.loads(r.read())["data"]


def test_year_change_patches_the_map_in_the_browser_from_compact_values(page, store):
    from dashboard.figures.maps import map_geometry
    from dashboard.indicators import queries as iq

    ind_id = "migrant_stock"
    ind = store.indicator(ind_id)
    sex, age, breakdown = iq.default_dimension(ind, "sexes"), iq.default_dimension(ind, "ages"), iq.default_dimension(ind, "breakdowns")
    page.goto(page.base + f"/explore?indicator={ind_id}")
    latest = iq.slice_years(iq.select_slice(store.indicator_frame(ind_id), sex, age, breakdown))[-1]
    _wait_map_ready(page, latest)
    drawn = page.evaluate(READ_MAP)
    answer, year = _year_change(page, "Home")
    # what travelled: compact values, no figure, under 2 KiB raw
    body = answer.body()
    response = json.loads(body)["response"]
    assert "explore-map" not in response and response["explore-map-values"]["data"]["y"] == year
    assert len(body) <= 2048
    shown = page.evaluate(READ_MAP)
    assert shown["locations"] == drawn["locations"] and shown["meta"] == drawn["meta"]  # patched in place, not redrawn
    assert shown["z"] != drawn["z"]
    # the values are the API's for that year, at the indicator's decimals
    api = {r["geo_code"]: round(r["value"], ind["decimals"]) for r in _api_rows(page, ind_id, year, sex, age, breakdown)}
    assert api, "the API has no values for that year"
    shaped, dotted = map_geometry(store.countries)
    assert shown["locations"] == shaped
    assert shown["z"] == [api.get(c) for c in shaped]
    assert shown["colour"] == [api.get(c) for c in dotted] and any(shown["colour"])  # small states: the marker trace
    assert all((lat is None) == (c is None) for lat, c in zip(shown["lat"], shown["colour"]))  # small states without a value: not drawn
    assert str(year) in shown["title"] and str(year) in page.locator("#explore-map .gtitle").text_content()
    assert shown["customZ"] is None and f"{year} · " in shown["hoverZ"] and "%{z:,.0f}" in shown["hoverZ"]
    assert shown["hoverColour"].replace("%{marker.color:", "%{z:") == shown["hoverZ"]
    # "No data" follows the values: the countries without one that year, and only those, drawn grey
    names = dict(zip(shown["locations"], page.evaluate(f"() => {MAP}.data[1].text")))
    # (both years are checked against the API: in the UN DESA 2024 release the first and latest years lack the same countries)
    latest_api = {r["geo_code"] for r in _api_rows(page, ind_id, latest, sex, age, breakdown)}
    assert drawn["noData"] == [c for c in shaped if c not in latest_api]
    assert shown["noData"] == [c for c in shaped if c not in api]
    assert shown["noDataText"] == [names[c] for c in shown["noData"]] and shown["noDataZ"] == [0] * len(shown["noData"])
    assert shown["noDataDrawn"] == len(shown["noData"]) > 0


def test_year_change_with_fill_in_french_labels_each_country(page, store):
    """With "show latest earlier value", each country's hover says the year of its own value, in the page's language."""
    from dashboard.i18n import translator
    from dashboard.indicators import queries as iq

    ind_id = "trafficking_victims_detected"
    ind = store.indicator(ind_id)
    sex, age, breakdown = iq.default_dimension(ind, "sexes"), iq.default_dimension(ind, "ages"), iq.default_dimension(ind, "breakdowns")
    sl = iq.select_slice(store.indicator_frame(ind_id), sex, age, breakdown)
    years = iq.slice_years(sl)
    # from the first year to the latest (End), whose map mixes years once earlier values fill in
    # (keys, not arrows: Dash 4's slider steps arrows by a fraction of a year when step=None)
    start, target = years[0], years[-1]
    assert iq.select_map_values(sl, target, fill_latest=True)["year"].nunique() > 1
    page.goto(page.base + f"/explore?lang=fr&indicator={ind_id}&fill=1&year={start}")
    _wait_map_ready(page, start)
    answer, year = _year_change(page, "End")
    assert year == target
    body = answer.body()
    assert len(body) <= 2048 and "i" in json.loads(body)["response"]["explore-map-values"]["data"]
    shown = page.evaluate(READ_MAP)
    _ = translator("fr")
    from dashboard.views.explore import OBS_LABELS

    values = iq.select_map_values(sl, year, fill_latest=True).set_index("geo_code")
    obs_types = set(values["obs_type"])
    assert any(_(OBS_LABELS[t]) != OBS_LABELS[t] for t in obs_types)  # so the labels below are really French
    want = {c: f"{int(r.year)} · {_(OBS_LABELS.get(r.obs_type, r.obs_type))}" for c, r in values.iterrows()}
    got = dict(zip(shown["locations"], shown["customZ"]))
    assert {c: t for c, t in got.items() if t} == {c: t for c, t in want.items() if c in got}
    assert len({t for t in got.values() if t}) > 1 and shown["hoverZ"].count("%{customdata}") == 1
    assert str(year) in page.locator("#explore-map .gtitle").text_content()


def test_the_browser_decodes_what_the_server_encodes(page):
    from dashboard.figures.compact import LIMIT, decode_ints, encode_ints

    rng = random.Random(7)
    cases = [[0, -1, 1, 15, 16, -16, None, None, None, LIMIT - 1, -(LIMIT - 1), 10**12, None], [None] * 40, []]
    cases += [[rng.choice([None, rng.randint(-(10**k), 10**k)]) for _ in range(rng.randint(1, 200))] for k in (1, 3, 7, 13)]
    texts = [encode_ints(c) for c in cases]
    page.goto(page.base + "/explore")
    page.wait_for_function("() => window.dash_clientside && window.dash_clientside.explore && window.dash_clientside.explore.decodeInts", timeout=30000)
    decoded = page.evaluate("(texts) => texts.map(t => window.dash_clientside.explore.decodeInts(t))", texts)
    assert decoded == cases == [decode_ints(t) for t in texts]


def test_year_slider_steps_through_published_years_from_the_keyboard(page, store):
    """Arrow, Home and End keys on the year slider move between the years the indicator has, and the view follows."""
    df = store.indicator_frame("migrant_stock")
    years = sorted(int(y) for y in df[(df.sex == "female") & (df.age == "all") & (df.breakdown == "total")].year.unique())
    assert len(years) >= 3
    page.goto(page.base + f"/explore?indicator=migrant_stock&sex=female&year={years[-1]}")
    page.wait_for_selector("#explore-map path.choroplethlocation", timeout=30000)
    thumb = page.locator("#explore-year [role=slider]").first

    def press(key, want):
        thumb.focus()
        page.keyboard.press(key)
        page.wait_for_function("(y) => new URLSearchParams(location.search).get('year') === String(y)", arg=want, timeout=15000)
        assert thumb.get_attribute("aria-valuenow") == str(want)
        page.wait_for_function("(y) => document.querySelector('#explore-summary').textContent.includes(String(y))", arg=want, timeout=15000)

    press("ArrowLeft", years[-2])
    press("Home", years[0])
    press("ArrowRight", years[1])
    press("End", years[-1])


@pytest.mark.parametrize(
    "lang, title", [("fr", "Télécharger le graphique en fichier PNG"), ("es", "Descargar gráfica como PNG"), ("en", "Download plot as a PNG")]
)
def test_plotly_own_words_follow_the_page_language(page, lang, title):
    """The modebar is plotly.js's, not ours: its locale comes from the bundle and the graph's config."""
    page.goto(page.base + "/explore" + ("" if lang == "en" else f"?lang={lang}"))
    page.wait_for_selector("#explore-map path.choroplethlocation", timeout=30000)
    button = page.locator("#explore-map .modebar-btn[data-title]").first
    assert button.get_attribute("data-title") == title


def test_indicator_picker_finds_by_title_word_sdg_code_and_theme(page, store):
    from layouts.explore import indicator_options

    options = [o for o in indicator_options(store, lambda s, **kw: s) if not o.get("disabled")]
    with_sdg = next(o for o in options if o["search"].split(" ")[0][:1].isdigit())
    sdg = with_sdg["search"].split(" ")[0]
    page.goto(page.base + "/explore")
    page.wait_for_selector("#explore-map path.choroplethlocation", timeout=30000)
    for typed in (sdg, with_sdg["label"].split()[-1]):
        type_in_dropdown(page, "#explore-indicator", typed)
        page.get_by_role("option", name=with_sdg["label"], exact=True).wait_for(timeout=10000)
        page.keyboard.press("Escape")


def test_map_colours_are_drawn_as_given(page):
    """plotly.js parses every colour with culori; the bundle keeps only culori's CSS colour spaces
    (tools/plotly-bundle/culori.mjs). A colour it could not parse would be drawn black, with a warning."""
    from dashboard.figures.style import NO_DATA, NO_DATA_BORDER

    def rgb(hex_colour: str) -> str:
        return "rgb({}, {}, {})".format(*(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)))

    page.goto(page.base + "/explore")
    page.wait_for_selector("#explore-map path.choroplethlocation", timeout=30000)
    shapes = page.evaluate("""() => [...document.querySelectorAll('#explore-map path.choroplethlocation')]
        .map(p => { const s = getComputedStyle(p); return [s.fill, s.stroke]; })""")
    fills = {fill for fill, _ in shapes}
    assert [rgb(NO_DATA), rgb(NO_DATA_BORDER)] in shapes, "the 'No data' grey and its border"
    assert "rgb(0, 0, 0)" not in fills
    assert len(fills) > 10, f"a colour scale has many shades, got {sorted(fills)}"
    legend = page.evaluate("""() => { const bg = document.querySelector('#explore-map .legend .bg');
        const s = getComputedStyle(bg); return [s.fill, s.fillOpacity]; }""")
    assert legend == ["rgb(255, 255, 255)", "0.7"], legend  # rgba(255,255,255,0.7) in the figure
