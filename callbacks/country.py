"""/country/<ISO3>: the "compare with…" choice -> side-by-side panel and ``?compare=`` in the URL."""
from __future__ import annotations

from dash import html

from dashboard import profiles
from dashboard.data import get_store
from dashboard.i18n import parse_lang
from layouts.common import href
from layouts.country import compare_panel

from .views import register_views


def update_compare(compare, iso3, lang):
    lang = parse_lang(lang)
    store = get_store()
    other = profiles.normalise_code(compare) if isinstance(compare, str) else None
    iso3 = profiles.normalise_code(iso3) if isinstance(iso3, str) else None
    if iso3 is None or not store.is_country(iso3) or other is None or other == iso3 or not store.is_country(other):
        return html.Div(), href("", lang)
    panel = compare_panel(profiles.country_profile(iso3), profiles.country_profile(other), store, lang)
    return panel, href("", lang, compare=other)


# (view, outputs, inputs, states): the callback, also run by the profile's layout for its first draw
VIEWS = [(update_compare, [("country-compare-panel", "children"), ("url", "search")],
          [("country-compare", "value")], [("country-iso3", "data"), ("country-lang", "data")])]


def register(app) -> None:
    register_views(app, VIEWS)
