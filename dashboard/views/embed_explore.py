"""/embed/explore: the explorer's view (map or chart) from the query string, drawn once.

No callback: an embed never changes after it opens, so its layout is drawn with the view in place
(``layouts/embed_explore.py`` calls ``render``; no callbacks/ module) and the page asks the server for nothing more."""

from __future__ import annotations

from dash import html

from dashboard.data import get_store
from dashboard.figures.alt_text import map_summary
from dashboard.i18n import parse_lang, translator
from dashboard.indicators import queries as iq

from .components import notice
from .explore import chart_figure, full_map, map_values, resolve_view, selection_label


def render(requested, lang):
    lang = parse_lang(lang)
    _ = translator(lang)
    store = get_store()
    view, notes = resolve_view(store, requested if isinstance(requested, dict) else {}, _)
    ind = store.indicator(view.indicator)
    names = iq.geo_names(store.countries, lang)
    notices = [notice(n, "fallback") for n in notes]
    if view.tab != "map" and view.countries:
        view = view.with_(tab="chart")
        fig, chart_notices, summary = chart_figure(view, ind, names, lang, _)
        notices += chart_notices
    else:
        view = view.with_(tab="map")
        values = map_values(view)
        if view.year is None:
            fig, summary = {}, _("No country data for this selection.")
        else:
            fig = full_map(view, ind, values, store, names, lang, _)
            summary = map_summary(values, ind, view.year, lang, names, selection_label(view, ind, _).lower())
    link = "/explore" + view.to_query(lang)
    source = [
        _("Source"),
        ": ",
        ind.get("publisher", ""),
        f" ({_('data as of')} {ind.get('as_of') or '–'}). ",
        ind.get("licence", ""),
        " · ",
        html.A(_("Open in the dashboard, with the data"), href=link, target="_blank", rel="noopener"),
    ]
    return fig, summary, source, notices
