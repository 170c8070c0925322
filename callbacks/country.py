"""/country/<ISO3>: the "compare with…" choice -> side-by-side panel and ``?compare=`` in the URL."""
from __future__ import annotations

from dash import Input, Output, State, html

from dashboard import profiles
from dashboard.data import get_store
from dashboard.i18n import parse_lang
from layouts.common import href
from layouts.country import compare_panel


def update_compare(compare, iso3, lang):
    lang = parse_lang(lang)
    store = get_store()
    other = profiles.normalise_code(compare) if isinstance(compare, str) else None
    iso3 = profiles.normalise_code(iso3) if isinstance(iso3, str) else None
    if iso3 is None or not store.is_country(iso3) or other is None or other == iso3 or not store.is_country(other):
        return html.Div(), href("", lang)
    panel = compare_panel(profiles.country_profile(iso3), profiles.country_profile(other), store, lang)
    return panel, href("", lang, compare=other)


def register(app) -> None:
    app.callback(
        Output("country-compare-panel", "children"),
        Output("url", "search", allow_duplicate=True),
        Input("country-compare", "value"),
        State("country-iso3", "data"),
        State("country-lang", "data"),
        prevent_initial_call="initial_duplicate",
    )(update_compare)
