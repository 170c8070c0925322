"""Path -> page layout. Re-renders only when the path changes (view state lives in the query string).

The first page of a visit is normally in the layout already (``layouts.shell.layout`` renders it for
the address that asked for it, and starts ``dcc.Location`` with that address), so the router is not
called when the page opens. It runs when the path changes: client-side navigation, and the first
page when the address was unknown (``dcc.Location`` then fills in ``pathname`` on mount).
"""
from __future__ import annotations

import logging

from dash import ClientsideFunction, Input, Output, State

from dashboard.data import DataError
from dashboard.i18n import parse_lang, translator
from layouts import resolve, shell
from layouts.common import notice, page_title

from .params import parse_search

log = logging.getLogger(__name__)


def render(pathname: str | None, search: str | None):
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
    return page, shell.header(lang, pathname or "/", search or ""), shell.footer(lang)


def register(app) -> None:
    app.callback(
        Output("page", "children"),
        Output("site-header", "children"),
        Output("site-footer", "children"),
        Input("url", "pathname"),
        State("url", "search"),
        prevent_initial_call=True,
    )(render)
    app.clientside_callback(  # assets/js/address.js; the store is in a page only when its address needs it
        ClientsideFunction(namespace="address", function_name="canonical"),
        Output("url", "search", allow_duplicate=True),
        Output("url", "href", allow_duplicate=True),
        Input("page-canonical", "data"),
        prevent_initial_call="initial_duplicate",
    )
