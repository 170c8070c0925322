"""Country search (header on every page; also the index and "no such country" pages):
choosing a country opens /country/<ISO3>, keeping the language."""

from __future__ import annotations

from dash import Input, Output, State, no_update

from dashboard.countries import profiles
from dashboard.data import get_store
from dashboard.i18n import parse_lang
from dashboard.views.query import parse_search


def go_to_country(chosen, search):
    iso3 = profiles.normalise_code(chosen) if isinstance(chosen, str) else None
    if iso3 is None or not get_store().is_country(iso3):
        return no_update, no_update
    lang = parse_lang(parse_search(search).get("lang"))
    return f"/country/{iso3}", ("" if lang == "en" else f"?lang={lang}")


def register(app) -> None:
    # Two callbacks rather than one pattern-matching one: the page box exists only on some pages.
    for where in ("header", "page"):
        app.callback(
            Output("url", "pathname", allow_duplicate=True),
            Output("url", "search", allow_duplicate=True),
            Input(f"country-search-{where}", "value"),
            State("url", "search"),
            prevent_initial_call=True,
        )(go_to_country)
