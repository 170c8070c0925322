"""Accessibility in real Chromium, on every page in every interface language.

- axe-core (vendored in tests/vendor/axe-core) finds no *serious* or *critical* violation of
  WCAG 2.0/2.1 A and AA or axe's best practices (contrast, names, labels, ARIA, landmarks …);
- the document says its language (``<html lang>``), keeps it when navigating client-side, and has
  one ``<h1>``, headings without skipped levels, one main/banner/contentinfo landmark and a
  working skip link;
- every visible chart has a text alternative: a ``<figcaption>`` or a generated ``.chart-summary``
  in its own section;
- at 375 CSS pixels wide (a small phone) nothing scrolls sideways;
- /explore works with the keyboard alone, with a visible focus ring.

Pages are discovered from ``layouts.pages()``; templated routes use a representative URL
(``EXAMPLE_PATH`` on the page module, or a sample value per route parameter below).
One browser context per language and viewport is reused across pages to keep this fast.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
LANGS = ("en", "fr", "es")
BLOCKING = ("serious", "critical")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Sample values for route parameters (named groups in a page's ROUTE regex).
SAMPLES = {"iso3": "PHL", "code": "PHL", "country": "PHL", "origin": "PHL", "destination": "SAU", "instrument": "C189", "indicator": "ipv_last_12m"}


def sample_paths(mod) -> list[str]:
    """Representative URLs for a page: EXAMPLE_PATH, else its ROUTE with sample parameter values
    (with and without any optional part, e.g. /country and /country/PHL)."""
    if getattr(mod, "EXAMPLE_PATH", None):
        return [mod.EXAMPLE_PATH]
    route = mod.ROUTE
    filled = re.sub(r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)", lambda m: SAMPLES.get(m.group(1), "x"), route)
    out = []
    for path in (re.sub(r"\(\?:([^()]*)\)\?", r"\1", filled), re.sub(r"\(\?:[^()]*\)\?", "", filled)):
        path = path.replace("/?", "").replace("?", "").lstrip("^").rstrip("$").replace("\\", "") or "/"
        if re.fullmatch(route, path) and path not in out:
            out.append(path)
    return out


def discover() -> list[tuple[str, bool]]:
    import layouts

    out = []
    for mod in layouts.pages():
        paths = sample_paths(mod)
        assert paths, f"{mod.__name__}: cannot build a URL from ROUTE {mod.ROUTE!r}; give the module EXAMPLE_PATH = '/…'"
        out += [(p, bool(getattr(mod, "BARE", False))) for p in paths]
    out.append(("/no-such-page", False))
    return sorted(set(out))


PAGES = discover()
PAGE_IDS = [p for p, _ in PAGES]


def with_lang(path: str, lang: str) -> str:
    if lang == "en":
        return path
    return path + ("&" if "?" in path else "?") + "lang=" + lang


class Tab:
    """One reusable browser tab (per language/viewport) that records console errors and external requests."""

    def __init__(self, browser, base, width):
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.base = base
        self.errors: list[str] = []
        self.external: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("request", self._request)

    def _request(self, req):
        if not req.url.startswith(("data:", "blob:", "about:")) and urlparse(req.url).hostname not in ("127.0.0.1", "localhost"):
            self.external.append(req.url)

    def open(self, path: str):
        self.errors.clear()
        self.external.clear()
        response = self.page.goto(self.base + path, wait_until="networkidle")
        settle(self.page)
        return response

    def check_clean(self, path: str):
        errors = [e for e in self.errors if not (path == "/no-such-page" or "no-such-page" in path) or "404" not in e]
        assert not errors, f"console errors on {path}: {errors[:5]}"
        assert not self.external, f"requests left the server on {path}: {self.external[:5]}"


def settle(page) -> None:
    page.wait_for_selector("#page h1, #page .js-plotly-plot", timeout=30000)
    page.wait_for_function("() => !document.querySelector('._dash-loading, [data-dash-is-loading=\"true\"]')", timeout=30000)
    page.wait_for_load_state("networkidle")
    # The last React commit and the assets/js/a11y.js repairs (a microtask after every DOM change):
    # wait until the DOM has not changed for a few animation frames, not for a fixed time.
    page.evaluate(DOM_QUIET)


# Resolves once the DOM has stayed unchanged for 3 animation frames (at most 600 frames in all, so a
# page that never stops changing is still checked rather than waited on forever).
DOM_QUIET = """() => new Promise((resolve) => {
    let quiet = 0, frames = 0;
    const obs = new MutationObserver(() => { quiet = 0; });
    obs.observe(document.documentElement, {childList: true, subtree: true, attributes: true, characterData: true});
    const tick = () => {
        quiet += 1; frames += 1;
        if (quiet >= 3 || frames >= 600) { obs.disconnect(); resolve(frames); } else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
})"""


@pytest.fixture(scope="module")
def tabs(browser, live_server):
    made: dict[tuple[str, int], Tab] = {}

    def get(lang: str, width: int = 1280) -> Tab:
        if (lang, width) not in made:
            made[(lang, width)] = Tab(browser, live_server, width)
        return made[(lang, width)]

    yield get
    for tab in made.values():
        tab.context.close()


def run_axe(page) -> list[dict]:
    # The site's CSP forbids inline scripts, so add_script_tag(path=…) would be blocked; evaluating
    # the vendored file through the DevTools protocol leaves the page's CSP in force.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;void 0")
    return page.evaluate(
        """async (tags) => {
            // Experimental rules stay off, as in axe's defaults.
            const experimental = axe.getRules(['experimental']).map(r => r.ruleId);
            const rules = Object.fromEntries(experimental.map(id => [id, {enabled: false}]));
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, rules, resultTypes: ['violations']});
            // Known false positive: a multi-value dcc.Dropdown separates the chosen values with CSS
            // ::before ", " (in the accessible name, not in axe's "visible text"), so axe reports
            // label-content-name-mismatch although the name holds the label and every value.
            const isMultiDropdown = n => { const e = document.querySelector(n.target[0]); return !!(e && e.matches('button.dash-dropdown') && e.querySelectorAll('.dash-dropdown-value-item').length > 1); };
            return r.violations.map(v => ({...v, nodes: v.id === 'label-content-name-mismatch' ? v.nodes.filter(n => !isMultiDropdown(n)) : v.nodes}))
              .filter(v => v.nodes.length)
              .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' -> ' + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 240))}));
        }""",
        AXE_TAGS,
    )


STRUCTURE_JS = """() => {
    const hs = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].filter(h => h.offsetParent !== null || h.getClientRects().length);
    const levels = hs.map(h => +h.tagName[1]);
    const skips = [];
    for (let i = 1; i < levels.length; i++) if (levels[i] > levels[i - 1] + 1) skips.push(hs[i - 1].tagName + ' "' + hs[i - 1].textContent.trim().slice(0, 40) + '" -> ' + hs[i].tagName + ' "' + hs[i].textContent.trim().slice(0, 40) + '"');
    const count = sel => [...document.querySelectorAll(sel)].filter(e => !e.closest('main article, main section, main aside, main nav') || sel === 'main').length;
    const figures = [...document.querySelectorAll('.js-plotly-plot')].filter(g => g.getClientRects().length).map(g => {
        const fig = g.closest('figure');
        const cap = fig && fig.querySelector('figcaption');
        // A <figcaption>, or a generated summary (.chart-summary) in the chart's own section.
        const box = g.closest('figure, section, [id$="-section"]');
        const near = box && [...box.querySelectorAll('.chart-summary')].some(e => e.textContent.trim().length > 10);
        return {id: (g.closest('[id]') || {}).id || '?', ok: !!(cap && cap.textContent.trim().length > 10) || !!near || !!g.closest('[aria-label]')};
    });
    return {
        lang: document.documentElement.lang,
        title: document.title,
        h1: document.querySelectorAll('h1').length,
        first: levels[0] || 0,
        skips,
        main: document.querySelectorAll('main, [role=main]').length,
        banner: count('body header:not(main header), [role=banner]'),
        contentinfo: count('body footer:not(main footer), [role=contentinfo]'),
        figures,
    };
}"""


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path,bare", PAGES, ids=PAGE_IDS)
def test_axe_and_structure(tabs, lang, path, bare):
    tab = tabs(lang)
    tab.open(with_lang(path, lang))
    violations = [v for v in run_axe(tab.page) if v["impact"] in BLOCKING]
    assert not violations, f"axe on {path} ({lang}):\n" + "\n".join(
        f"  [{v['impact']}] {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"]) for v in violations
    )

    s = tab.page.evaluate(STRUCTURE_JS)
    assert s["lang"] == lang, f"<html lang> is {s['lang']!r} on {path}?lang={lang}"
    if not bare or s["h1"]:  # an embedded chart may go without a page heading
        assert s["h1"] == 1 and s["first"] == 1, f"{path}: one <h1>, first heading: {s}"
    assert not s["skips"], f"{path}: heading levels skipped: {s['skips']}"
    assert s["main"] == 1, f"{path}: {s['main']} main landmarks"
    assert s["contentinfo"] <= 1 and s["banner"] <= 1, f"{path}: duplicate landmarks: {s}"
    if not bare:
        assert s["banner"] == 1 and s["contentinfo"] == 1, f"{path}: header/footer landmarks: {s}"
    bad = [f["id"] for f in s["figures"] if not f["ok"]]
    assert not bad, f"{path}: charts without a text alternative (use layouts.common.chart_with_alt): {bad}"
    assert s["title"].strip(), f"{path}: empty document title"
    tab.check_clean(path)


@pytest.mark.parametrize("lang", (*LANGS, "ar"))  # Arabic: a right-to-left page must not scroll sideways either
@pytest.mark.parametrize("path,bare", PAGES, ids=PAGE_IDS)
def test_no_horizontal_scroll_at_375px(tabs, lang, path, bare):
    tab = tabs(lang, 375)
    tab.open(with_lang(path, lang))
    width = tab.page.evaluate("document.documentElement.scrollWidth")
    if width > 375:
        culprits = tab.page.evaluate(
            """() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 376 && getComputedStyle(e).position !== 'fixed')
                 .filter(e => !e.closest('.table-responsive, .ag-root-wrapper, [style*="overflow"]'))
                 .slice(0, 6).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + [...e.classList].join('.') + ' right=' + Math.round(e.getBoundingClientRect().right))"""
        )
        pytest.fail(f"{path} ({lang}) scrolls sideways at 375px: scrollWidth={width}; widest: {culprits}")
    tab.check_clean(path)


def test_skip_link_is_first_and_moves_focus_to_main(tabs):
    tab = tabs("fr")
    tab.open("/about?lang=fr")
    page = tab.page
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => ({id: document.activeElement.id, text: document.activeElement.textContent.trim(), href: document.activeElement.getAttribute('href')})"
    )
    assert focused["id"] == "skip-link" and focused["href"] == "#main", focused
    assert focused["text"] == "Aller au contenu principal"
    box = page.locator("#skip-link").bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, "skip link not visible when focused"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'main'")


def test_html_lang_and_title_follow_client_side_navigation(tabs):
    tab = tabs("en")
    tab.open("/?lang=fr")
    page = tab.page
    assert page.evaluate("document.documentElement.lang") == "fr"
    # Client-side navigation (what dcc.Link / NavLink do): no document reload.
    page.evaluate("() => { window.__noReload = true; history.pushState({}, '', '/about?lang=es'); window.dispatchEvent(new PopStateEvent('popstate')); }")
    page.wait_for_function("() => document.documentElement.lang === 'es'", timeout=15000)
    page.wait_for_function(
        "() => document.querySelector('#page h1') && document.title.startsWith(document.querySelector('#page h1').textContent.trim())", timeout=15000
    )
    assert page.evaluate("window.__noReload") is True
    assert page.locator("#page h1").inner_text().strip() == "Acerca de los datos"
    assert page.locator("#skip-link").inner_text().strip() == "Ir al contenido principal"


def _focus_info(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement; const cs = getComputedStyle(e);
            return {tag: e.tagName.toLowerCase(), id: e.id, role: e.getAttribute('role'), cls: e.className && e.className.baseVal === undefined ? e.className : '',
                    inPicker: !!e.closest('#explore-indicator') || (e.nextElementSibling && e.nextElementSibling.id === 'explore-indicator') || e.id === 'explore-indicator',
                    inSlider: !!e.closest('#explore-year'),
                    ring: (parseFloat(cs.outlineWidth) > 0 && cs.outlineStyle !== 'none') || (cs.boxShadow && cs.boxShadow !== 'none')}; }"""
    )


def _tab_until(page, predicate, limit=60) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = _focus_info(page)
        if predicate(info):
            return info
    pytest.fail(f"never reached the control with Tab (last focus: {info})")


def test_explore_with_the_keyboard_only(tabs):
    tab = tabs("en")
    tab.open("/explore")
    page = tab.page
    page.wait_for_function(
        "() => document.querySelector('#explore-summary') && document.querySelector('#explore-summary').textContent.trim().length > 10", timeout=30000
    )
    assert page.get_attribute("#explore-summary", "aria-live") == "polite"
    summary0 = page.inner_text("#explore-summary")
    ind0 = parse_qs(urlparse(page.url).query).get("indicator", [None])[0]
    assert ind0, f"the URL does not carry the indicator: {page.url}"

    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    info = _tab_until(page, lambda i: i["inPicker"])
    assert info["ring"], f"no visible focus indicator on the indicator picker: {info}"
    name = page.evaluate(
        "() => { const ids = (document.activeElement.getAttribute('aria-labelledby') || '').split(' '); return ids.map(i => (document.getElementById(i) || {}).textContent || '').join(' ').trim(); }"
    )
    assert name.startswith("Indicator"), f"the picker's accessible name does not say what it is: {name!r}"

    # Open the list, move to another indicator, choose it -- all from the keyboard.
    page.keyboard.press("ArrowDown")
    page.wait_for_selector("[role=listbox] [role=option]", timeout=5000)
    page.wait_for_function("() => !!document.activeElement.closest('.dash-dropdown-content, [role=listbox], [role=dialog]')", timeout=5000)
    for _ in range(3):
        page.keyboard.press("ArrowDown")
        page.wait_for_timeout(100)
    chosen = page.evaluate(
        "() => { const o = document.activeElement.closest('[role=option]'); return o ? o.textContent.trim() : document.activeElement.outerHTML.slice(0, 200); }"
    )
    page.keyboard.press("Enter")
    (
        page.wait_for_function(
            "(ind0) => { const i = new URLSearchParams(location.search).get('indicator'); return i && i !== ind0; }", arg=ind0, timeout=15000
        ),
        f"choosing {chosen!r} did not change the indicator",
    )
    ind1 = parse_qs(urlparse(page.url).query)["indicator"][0]
    assert ind1 != ind0
    page.wait_for_function("(s0) => document.querySelector('#explore-summary').textContent.trim() !== s0", arg=summary0, timeout=15000)
    summary1 = page.inner_text("#explore-summary")

    # The year slider: Tab to its thumb, step with the arrow keys; the URL and the map follow.
    page.keyboard.press("Escape")
    info = _tab_until(page, lambda i: i["role"] == "slider" and i["inSlider"])
    assert info["ring"], f"no visible focus indicator on the year slider: {info}"
    assert page.evaluate("() => document.activeElement.getAttribute('aria-labelledby') || document.activeElement.getAttribute('aria-label')"), (
        "the year slider has no accessible name"
    )
    year0 = page.evaluate("() => document.activeElement.getAttribute('aria-valuenow')")
    years = page.evaluate("() => [document.activeElement.getAttribute('aria-valuemin'), document.activeElement.getAttribute('aria-valuemax')]")
    key = "ArrowLeft" if year0 != years[0] else "ArrowRight"
    if years[0] == years[1]:
        pytest.skip(f"indicator {ind1} has a single year")
    page.keyboard.press(key)
    page.wait_for_function("(y0) => { const y = new URLSearchParams(location.search).get('year'); return y && y !== y0; }", arg=year0, timeout=15000)
    year1 = parse_qs(urlparse(page.url).query)["year"][0]
    assert year1 != year0
    page.wait_for_function("(s1) => document.querySelector('#explore-summary').textContent.trim() !== s1", arg=summary1, timeout=15000)
    assert year1 in page.inner_text("#explore-summary")
    assert parse_qs(urlparse(page.url).query)["indicator"][0] == ind1
    tab.check_clean("/explore")
