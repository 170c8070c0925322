"""Country profiles in real Chromium: three contrasting countries, search, compare, print brief.

Expectations are computed from the data tables here, not typed in.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.dropdowns import type_in_dropdown

pytestmark = pytest.mark.browser

COUNTRIES = ["PHL", "SAU", "TON"]  # large origin country, Gulf destination, small island state


def latest(store, indicator_id, iso3, sex="total", age="all", breakdown="total"):
    df = store.indicator_frame(indicator_id)
    df = df[(df["geo_code"] == iso3) & (df["sex"] == sex) & (df["age"] == age) & (df["breakdown"] == breakdown)]
    return None if df.empty else df.sort_values(["year", "period"]).iloc[-1]


def row_text(page, table, key):
    return page.locator(f"#{table} tr[data-key='{key}']").inner_text()


@pytest.mark.parametrize("iso3", COUNTRIES)
def test_profile_blocks_show_the_data(page, store, iso3):
    page.goto(f"{page.base}/country/{iso3}")
    page.wait_for_selector("#country-profile", timeout=30000)
    assert page.locator("#page h1").inner_text().strip() == store.country_name(iso3)

    # Identity and context: the women's share of migrants, its year, and the region's figure.
    share = latest(store, "migrant_women_share", iso3, sex="female")
    text = row_text(page, "country-context-table", "migrant_women_share")
    assert f"{share['value']:.1f} %" in text and str(int(share["year"])) in text
    assert "published figure" in text or "median of" in text
    ident = page.locator("#country-identity").inner_text()
    row = store.countries.set_index("iso3").loc[iso3]
    assert row["subregion_name"] in ident and row["income_group"] in ident

    # Ratifications: one row per instrument; no list -> "No data", never "Not a party"; absent from a list that is
    # not complete (partial, or stale: not reaching today) -> "No record (list incomplete)".
    for inst in store.catalog["instruments"]:
        status = page.locator(f"#country-ratifications-table tr[data-instrument='{inst['id']}']").get_attribute("data-status")
        ev = store.ratification_events
        ev = ev[(ev["instrument_id"] == inst["id"]) & (ev["iso3"] == iso3)]
        if inst["completeness"] == "none":
            assert status == "no_data"
        elif ev.empty:
            assert status == ("not_party" if inst["completeness"] == "complete" else "no_record"), inst["id"]
        elif set(ev["action"]) <= {"ratification", "accession", "succession"} and ev["date"].notna().all():
            assert status == "party"
            assert page.locator(f"#country-ratifications-table tr[data-instrument='{inst['id']}'] td").nth(1).inner_text() != "–"

    # Migration costs: the latest average cost to or from the country, against the target.
    for key, ind in (("cost_to_country", "remittance_cost_to_country"), ("cost_from_country", "remittance_cost_from_country")):
        v = latest(store, ind, iso3)
        text = row_text(page, "country-costs-table", key)
        if v is None:
            assert "No data" in text
        else:
            assert f"{v['value']:.1f} %" in text and str(int(v["year"])) in text
    c = store.corridors
    n_to = c[(c["indicator_id"] == "remittance_corridor_cost") & (c["destination_iso3"] == iso3)][["origin_iso3"]].drop_duplicates().shape[0]
    to_text = page.locator("#country-corridors li[data-side='to']").inner_text()
    assert (f"{n_to} corridors" in to_text) if n_to else ("no corridor" in to_text)

    # Violence: intimate-partner violence with its interval, where the WHO estimate exists.
    ipv = latest(store, "ipv_last_12m", iso3, sex="female", age="15+")
    text = row_text(page, "country-violence-table", "ipv_last_12m")
    if ipv is None:
        assert "No data" in text
    else:
        assert f"{ipv['value']:.1f} %" in text and f"{ipv['lower']:.1f} %" in text and f"{ipv['upper']:.1f} %" in text

    # A value's note is shown with it: WDI remittances received (e.g. flagged part-year for PHL).
    v = latest(store, "remittances_received_usd", iso3)
    mark = page.locator("#country-costs-table tr[data-key='remittances_received_usd']").get_attribute("data-note")
    if v is None or not isinstance(v["note"], str):
        assert not mark
    else:
        assert mark and v["note"] in page.locator(f"#country-note-{mark}").inner_text()

    # Charts: the migrant stock chart draws women and men (two lines).
    page.wait_for_selector("#country-chart-stock .scatterlayer .trace", timeout=20000)
    assert page.locator("#country-chart-stock .scatterlayer .trace").count() == 2

    # Data gaps: every country-level indicator with no value for this country is listed as missing, except a national
    # office's own series (published for a few countries only; its absence is no gap).
    obs = store.observations[store.observations["geo_type"] == "country"]
    have = set(obs.loc[obs["geo_code"] == iso3, "indicator_id"])
    expected_missing = {
        i["id"]
        for i in store.catalog["indicators"]
        if i["table"] == "observations"
        and i.get("coverage", {}).get("countries")
        and i["id"] in set(obs["indicator_id"])
        and i["id"] not in have
        and not i["id"].endswith("_national")
    }
    shown = set(page.locator("#country-gaps-list li[data-kind='missing']").evaluate_all("els => els.map(e => e.dataset.indicator)"))
    assert shown == expected_missing

    # Key facts: generated sentences, the first naming the country.
    facts = page.locator("#country-keyfacts-list li").all_inner_texts()
    assert facts and store.country_name(iso3) in facts[0]


def test_header_search_and_compare(page, store):
    page.goto(f"{page.base}/country/PHL?compare=SAU")
    page.wait_for_selector("#country-compare-table", timeout=30000)
    head = page.locator("#country-compare-table thead").inner_text()
    assert "Philippines" in head and "Saudi Arabia" in head
    assert "compare=SAU" in page.url
    # Header type-ahead: type a name, pick it, land on the profile.
    type_in_dropdown(page, "#country-search-header", "Tonga")
    page.get_by_role("option", name="Tonga").first.click()
    page.wait_for_url(re.compile(r"/country/TON$"), timeout=20000)
    page.wait_for_selector("#page h1:text-is('Tonga')", timeout=20000)


def test_unknown_code_offers_search(page):
    page.watch.expected.append("status of 404")
    page.goto(f"{page.base}/country/XYZ")
    page.wait_for_selector("#country-not-found", timeout=30000)
    page.wait_for_selector("#country-not-found #country-search-page", timeout=30000)  # the dropdown mounts once its chunk has loaded
    assert page.locator("#country-search-page").count() == 1


def _pdf_pages_of_links(pdf: bytes) -> list[list[str]]:
    """The link URIs on each page of a PDF, in page order (Chromium/Skia writes plain objects)."""
    objs = {int(n): body for n, body in re.findall(rb"(\d+) 0 obj\s*(.*?)\s*endobj", pdf, re.S)}
    kids = [int(k) for k in re.findall(rb"(\d+) 0 R", re.search(rb"/Type\s*/Pages\b.*?/Kids\s*\[([^\]]*)\]", pdf, re.S).group(1))]
    pages = []
    for k in kids:
        annots = re.search(rb"/Annots\s*\[([^\]]*)\]", objs[k])
        refs = [int(a) for a in re.findall(rb"(\d+) 0 R", annots.group(1))] if annots else []
        pages.append([m.decode() for a in refs for m in re.findall(rb"/URI\s*\(([^)]*)\)", objs.get(a, b""))])
    return pages


@pytest.mark.parametrize("iso3", COUNTRIES)
def test_print_brief_is_short_and_charts_fit(page, iso3):
    """The print brief is one or two A4 pages and no chart is cut by a page break.

    Each printed chart gets two tiny links, at its top and its bottom edge; Chromium turns them
    into PDF link annotations on the page where each edge lands, so a chart cut by a page break
    would have its two marks on different pages.
    """
    page.goto(f"{page.base}/country/{iso3}")
    page.wait_for_selector("#country-chart-costs .main-svg", timeout=30000)
    page.wait_for_selector("#country-chart-trafficking .main-svg, #country-violence .notice-gap", timeout=30000)
    page.emulate_media(media="print")
    charts = page.evaluate("""() => [...document.querySelectorAll('.country-profile .js-plotly-plot')].filter(c => c.offsetParent !== null).map(c => {
        const id = c.closest('.dash-graph').id;
        c.style.position = 'relative';  // the marks sit at the chart's own edges
        for (const [edge, css] of [['top', 'top:0'], ['bottom', 'bottom:0']]) {
          const a = document.createElement('a');
          a.href = `https://pdf-mark.invalid/${edge}/${id}`; a.textContent = '.';
          a.style = `position:absolute;left:0;${css};width:2px;height:2px;display:block;font-size:1px;overflow:hidden;z-index:99`;
          c.appendChild(a);
        }
        return id; })""")
    assert "country-chart-costs" in charts, charts
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 2, pages
    links = _pdf_pages_of_links(pdf)
    assert len(links) == pages
    where = {u.split("pdf-mark.invalid/", 1)[1]: i for i, us in enumerate(links) for u in us if "pdf-mark.invalid/" in u}
    for chart in charts:
        assert f"top/{chart}" in where and f"bottom/{chart}" in where, (chart, where)
        assert where[f"top/{chart}"] == where[f"bottom/{chart}"], f"{chart} is cut by a page break: {where}"
    # Secondary charts stay online; every instrument's status is on paper; notes print with their values.
    for hidden in ("country-chart-stock", "country-chart-flows"):
        assert page.locator(f"#{hidden}").evaluate("e => e.offsetParent === null")
    assert page.locator("#country-ratifications-table tbody tr").evaluate_all("rows => rows.every(r => r.offsetParent !== null)")
    assert page.locator("#country-print-sources li").count() >= 3


@pytest.mark.parametrize(
    "lang, typed, shown, iso3", [("en", "PHL", "Philippines", "PHL"), ("fr", "Germany", "Allemagne", "DEU"), ("es", "DEU", "Alemania", "DEU")]
)
def test_header_search_finds_a_country_by_code_and_by_english_name(page, lang, typed, shown, iso3):
    """The name in the page language is the option's label; its ISO3 code (the value) and English name are
    searchable too, without being indexed twice."""
    page.goto(f"{page.base}/about?lang={lang}")
    type_in_dropdown(page, "#country-search-header", typed)
    page.get_by_role("option", name=shown, exact=True).click()
    page.wait_for_url(re.compile(rf"/country/{iso3}\?lang={lang}$" if lang != "en" else rf"/country/{iso3}$"), timeout=20000)
