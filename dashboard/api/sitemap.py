"""Findable pages: ``/sitemap.xml`` (sitemap protocol 0.9) and ``/robots.txt`` naming it.

The sitemap lists the static pages, every country profile, each indicator on /explore, each
instrument on /ratifications, the default corridor view and the API's description page; each page of
the site with its French and Spanish alternates (``?lang=``). Addresses are absolute, built from the address the request came to (as the
Atom feed's are), so they follow whatever host and scheme the server is reached at. No ``lastmod``:
the data carry a version, not a publication date.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, Response, request
from lxml import etree

from dashboard.data import DataError, get_store
from dashboard.i18n import DEFAULT_LANG, LANGS
from dashboard.indicators.queries import explorer_indicators

blueprint = Blueprint("sitemap", __name__)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
# Pages with a header-menu entry or a footer link; /corridors without parameters is the default corridor.
STATIC_PAGES = ("/", "/explore", "/ratifications", "/corridors", "/country", "/about", "/about/data")
ENGLISH_ONLY = ("/api/v1/docs",)  # the API's description: one language, so no alternates
MAX_URLS = 50_000  # the protocol's limit for one file


def page_paths(store) -> list[tuple[str, dict]]:
    """(path, query) of every page the sitemap lists, in a stable order."""
    out: list[tuple[str, dict]] = [(p, {}) for p in STATIC_PAGES]
    out += [("/explore", {"indicator": i["id"]}) for i in explorer_indicators(store.catalog["indicators"])]
    out += [("/ratifications", {"instrument": i["id"]}) for i in store.catalog["instruments"]]
    out += [(f"/country/{code}", {}) for code in sorted(store.countries["iso3"].astype(str))]
    return out + [(p, {}) for p in ENGLISH_ONLY]


def _address(root: str, path: str, query: dict, lang: str) -> str:
    q = {**query, **({"lang": lang} if lang != DEFAULT_LANG else {})}
    return root + path + ("?" + urlencode(q) if q else "")


def build_sitemap(root: str, pages: list[tuple[str, dict]]) -> bytes:
    """``root``: scheme and host without the trailing slash, e.g. ``https://example.org``."""
    if len(pages) > MAX_URLS:
        raise ValueError(f"{len(pages)} addresses; a sitemap file holds at most {MAX_URLS} (split it with a sitemap index)")
    urlset = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS, "xhtml": XHTML_NS})
    for path, query in pages:
        url = etree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = _address(root, path, query, DEFAULT_LANG)
        if path in ENGLISH_ONLY:
            continue
        for lang in LANGS:
            etree.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=lang, href=_address(root, path, query, lang))
        etree.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang="x-default", href=_address(root, path, query, DEFAULT_LANG))
    return etree.tostring(urlset, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def robots_txt(root: str) -> str:
    return "\n".join(
        [
            "User-agent: *",
            "Allow: /",
            f"Sitemap: {root}/sitemap.xml",
            "",
        ]
    )


@blueprint.get("/sitemap.xml")
def sitemap_xml():
    root = request.url_root.rstrip("/")
    try:
        pages = page_paths(get_store())
    except DataError:  # a sitemap without the data's pages would tell crawlers they are gone
        return Response("The data is not available right now.\n", status=503, mimetype="text/plain", headers={"Retry-After": "300"})
    return Response(build_sitemap(root, pages), mimetype="application/xml", headers={"Cache-Control": "public, max-age=3600"})


@blueprint.get("/robots.txt")
def robots():
    return Response(robots_txt(request.url_root.rstrip("/")), mimetype="text/plain", headers={"Cache-Control": "public, max-age=3600"})
