"""Path -> page layout. Re-renders only when the path changes (view state lives in the query string)."""
from __future__ import annotations

import logging

from dash import Input, Output, State

from dashboard.i18n import parse_lang
from layouts import resolve, shell

from .params import parse_search

log = logging.getLogger(__name__)


def render(pathname: str | None, search: str | None):
    pathname = pathname if isinstance(pathname, str) else None  # crafted requests may send any JSON
    search = search if isinstance(search, str) else None
    params = parse_search(search)
    lang = parse_lang(params.get("lang"))
    module, kwargs = resolve(pathname)
    page = module.layout(**{**params, **kwargs, "lang": lang})
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
    )(render)
