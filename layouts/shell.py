"""The frame around every page: skip link, header with navigation and language switch, footer."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.data import DataError
from dashboard.http import requested_page
from dashboard.i18n import LANG_NAMES, LANGS, parse_lang, translator
from dashboard.views.components import href, notice, page_title
from dashboard.views.query import parse_search

from . import nav_pages, resolve
from .country import search_box
from .deferred import Deferred


def header(lang: str, path: str = "/", search: str = "") -> html.Header:
    _ = translator(lang)
    current = resolve(path)[0]
    country_search = search_box(lang, "header")
    links = [
        dbc.NavItem(dbc.NavLink(_(m.NAV_LABEL if hasattr(m, "NAV_LABEL") else m.TITLE), href=href(m.NAV_PATH, lang), active=(m is current)))
        for m in nav_pages()
    ]
    langs = [
        html.A(
            LANG_NAMES[code],
            href=_switch_lang(path, search, code),
            lang=code,
            hrefLang=code,
            className="lang-link" + (" active" if code == lang else ""),
            **({"aria-current": "true"} if code == lang else {}),
        )
        for code in LANGS
    ]
    return html.Header(
        [
            html.A(_("Skip to main content"), href="#main", className="skip-link", id="skip-link"),
            dbc.Navbar(
                dbc.Container(
                    [
                        dbc.NavbarBrand(_("Women migrant workers: indicators"), href=href("/", lang)),
                        dbc.Nav(links, navbar=True, className="me-auto"),
                        # on a map page it mounts after the map is drawn (layouts/deferred.py): it indexes every country name
                        Deferred(country_search, className="deferred-search") if getattr(current, "GEO_MAP", False) else country_search,
                        html.Nav(langs, className="lang-switch", **{"aria-label": _("Language")}),
                    ],
                    fluid=True,
                ),
                color="dark",
                dark=True,
                className="mb-3",
            ),
        ]
    )


def _switch_lang(path: str, search: str, code: str) -> str:
    from urllib.parse import parse_qsl, urlencode

    params = [(k, v) for k, v in parse_qsl((search or "").lstrip("?")) if k != "lang"]
    if code != "en":
        params.append(("lang", code))
    return path + ("?" + urlencode(params) if params else "")


def footer(lang: str) -> html.Footer:
    _ = translator(lang)
    return html.Footer(
        dbc.Container(
            html.P(
                [
                    _("Monitoring UN General Assembly resolution 72/149, “Violence against women migrant workers”."),
                    " ",
                    html.A(_("Sources, citations and licences"), href=href("/about", lang)),
                ],
                className="small text-muted my-3",
            ),
            fluid=True,
        )
    )


def render_page(pathname: str | None, search: str | None):
    """Path -> (page, header, footer): the page the path names, drawn for its query string. Used for the
    first page of a visit (``layout``) and by the router callback (callbacks/router.py), which the app
    factory hands this function to."""
    pathname = pathname if isinstance(pathname, str) else None  # crafted requests may send any JSON
    search = search if isinstance(search, str) else None
    params = parse_search(search)
    lang = parse_lang(params.get("lang"))
    module, kwargs = resolve(pathname)
    try:
        page = module.layout(**{**params, **kwargs, "lang": lang})
    except DataError:  # one place for every page: the data did not load (/healthz says 503 too)
        _ = translator(lang)
        page = [page_title(_(module.TITLE)), notice(_("The data is not available right now."), "gap")]
    if getattr(module, "BARE", False):  # /embed/... pages: the chart and its source line only
        return page, None, None
    return page, header(lang, pathname or "/", search or ""), footer(lang)


def layout() -> html.Div:
    """The frame, with the requested page already in it when the address is known (see ``requested_page``).

    ``dcc.Location`` then starts with that address too: on mount it only writes props that are
    unset, so neither the router nor any page callback is called when the page opens.
    """
    page = None
    head, foot, where = header("en"), footer("en"), {}
    requested = requested_page()
    if requested is not None:
        page, head, foot = render_page(*requested)
        where = {"pathname": requested[0], "search": requested[1]}
    return html.Div(
        [
            dcc.Location(id="url", refresh=False, **where),
            html.Div(head, id="site-header"),
            html.Main(dbc.Container(html.Div(page, id="page"), fluid=True, className="page-container"), id="main", tabIndex="-1"),
            html.Div(foot, id="site-footer"),
        ]
    )
