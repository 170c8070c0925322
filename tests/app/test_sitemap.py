"""/sitemap.xml and /robots.txt: read with real parsers (lxml, urllib.robotparser), and every address
in the sitemap opened through the app, with the view it names checked against the catalog."""

from __future__ import annotations

import urllib.robotparser
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest
from lxml import etree

from dashboard.api.sitemap import ENGLISH_ONLY
from dashboard.i18n import LANGS
from dashboard.indicators.queries import is_explorable

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
ROOT = "http://localhost"


@pytest.fixture(scope="module")
def sitemap(app):
    r = app.server.test_client().get("/sitemap.xml")
    assert r.status_code == 200 and r.mimetype == "application/xml"
    return etree.fromstring(r.data, etree.XMLParser(resolve_entities=False, no_network=True))


def locs(tree) -> list[str]:
    return [u.findtext("s:loc", namespaces=NS) for u in tree.findall("s:url", NS)]


def test_sitemap_follows_the_protocol(sitemap):
    assert sitemap.tag == f"{{{NS['s']}}}urlset"
    urls = sitemap.findall("*")
    assert urls and all(u.tag == f"{{{NS['s']}}}url" for u in urls)
    assert all(len(u.findall("s:loc", NS)) == 1 for u in urls)
    addresses = locs(sitemap)
    assert len(addresses) == len(set(addresses)) <= 50_000
    for a in addresses:
        parts = urlsplit(a)
        assert parts.scheme == "http" and parts.netloc == "localhost" and len(a) < 2048 and not parts.fragment, a
    children = {c.tag for u in urls for c in u}
    assert children <= {f"{{{NS['s']}}}loc", f"{{{NS['xhtml']}}}link"}


def _paths(sitemap) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for a in locs(sitemap):
        parts = urlsplit(a)
        out.setdefault(parts.path, []).append({k: v[0] for k, v in parse_qs(parts.query).items()})
    return out


def test_sitemap_lists_every_page_country_indicator_and_instrument(sitemap, store):
    from layouts import nav_pages

    paths = _paths(sitemap)
    assert {m.NAV_PATH for m in nav_pages()} <= set(paths)
    assert {"/about", "/corridors"} <= set(paths)  # the footer's page and the default corridor view
    assert {p.removeprefix("/country/") for p in paths if p.startswith("/country/")} == set(store.countries["iso3"])
    explorable = {i["id"] for i in store.catalog["indicators"] if is_explorable(i)}
    assert explorable and {q["indicator"] for q in paths["/explore"] if q} == explorable
    assert {q["instrument"] for q in paths["/ratifications"] if q} == {i["id"] for i in store.catalog["instruments"]}
    assert {} in paths["/corridors"]
    assert "/api/v1/docs" in paths


def test_every_address_opens_its_page(client, sitemap):
    from layouts import is_known_path

    for a in locs(sitemap):
        path = a.removeprefix(ROOT)
        assert is_known_path(urlsplit(path).path) or path in ENGLISH_ONLY, a
        r = client.get(path)
        assert r.status_code == 200 and r.mimetype == "text/html", (a, r.status_code)  # no redirect: the address is canonical


def test_every_address_opens_the_view_it_names(sitemap, store):
    """The query each address carries is taken as given by the page (no fallback note, the same id)."""
    from dashboard.ratifications import queries as rq
    from dashboard.views import corridors, explore

    paths = _paths(sitemap)
    for q in paths["/explore"]:
        if q:
            view, notes = explore.resolve_view(store, q)
            assert view.indicator == q["indicator"] and notes == [], q
    for q in paths["/ratifications"]:
        if q:
            view, notes = rq.parse_view(q)
            assert view["instrument"] == q["instrument"] and notes == [], q
    view, notes = corridors.resolve_view({})
    assert view.sending and view.receiving and notes == []
    for p in paths:
        if p.startswith("/country/"):
            assert store.is_country(p.removeprefix("/country/")), p


def test_language_alternates(client, sitemap):
    urls = [u for u in sitemap.findall("s:url", NS) if urlsplit(u.findtext("s:loc", namespaces=NS)).path not in ENGLISH_ONLY]
    for u in urls:
        loc = u.findtext("s:loc", namespaces=NS)
        links = {l.get("hreflang"): l.get("href") for l in u.findall("xhtml:link", NS)}
        assert all(l.get("rel") == "alternate" for l in u.findall("xhtml:link", NS))
        assert set(links) == {*LANGS, "x-default"} and links["en"] == links["x-default"] == loc
        for lang in ("fr", "es"):
            assert parse_qs(urlsplit(links[lang]).query)["lang"] == [lang]
    # one alternate of each kind of page really opens in its language
    for u in urls[:: max(1, len(urls) // 8)]:
        href = next(l.get("href") for l in u.findall("xhtml:link", NS) if l.get("hreflang") == "fr")
        r = client.get(href.removeprefix(ROOT))
        assert r.status_code == 200 and lxml.html.fromstring(r.data).get("lang") == "fr", href


def test_robots_txt_names_the_sitemap(client):
    r = client.get("/robots.txt")
    assert r.status_code == 200 and r.mimetype == "text/plain"
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(r.data.decode().splitlines())
    assert parser.site_maps() == [f"{ROOT}/sitemap.xml"]
    for path in ("/", "/country/PHL", "/explore?indicator=migrant_stock", "/api/v1/catalog"):
        assert parser.can_fetch("*", ROOT + path), path


def test_addresses_follow_the_host_asked(client):
    tree = etree.fromstring(client.get("/sitemap.xml", base_url="https://data.example.org").data)
    assert all(a.startswith("https://data.example.org/") for a in locs(tree))
    assert "Sitemap: https://data.example.org/sitemap.xml" in client.get("/robots.txt", base_url="https://data.example.org").data.decode()
