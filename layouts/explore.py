"""/explore -- any indicator on the world map, one year at a time."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.data import THEMES, DataError, get_store
from dashboard.i18n import N_, parse_lang, translator

from .common import chart_with_alt, graph, notice, page_title

ROUTE = r"/explore/?"
NAV_ORDER = 10
NAV_PATH = "/explore"
NAV_LABEL = "Explore"
TITLE = "Explore indicators"
SEX_LABELS = {"female": N_("Women"), "male": N_("Men"), "total": N_("Total")}


def indicator_options(store, _) -> list[dict]:
    """Mappable country-level indicators, grouped by theme through their label."""
    opts = []
    for theme, items in store.indicators_by_theme().items():
        for ind in items:
            if ind["table"] == "observations" and ind.get("mappable", True) and ind.get("coverage", {}).get("countries"):
                opts.append({"label": f"{_(THEMES[theme])} — {ind['title']}", "value": ind["id"], "search": ind["title"]})
    return opts


def layout(lang=None, indicator=None, year=None, sex=None, **_params) -> html.Div:
    lang = parse_lang(lang)
    _ = translator(lang)
    try:
        store = get_store()
    except DataError:
        return html.Div([page_title(_("Explore indicators")), notice(_("The data is not available right now."), "gap")])
    options = indicator_options(store, _)
    return html.Div(
        [
            page_title(_("Explore indicators")),
            dcc.Store(id="explore-lang", data=lang),
            dcc.Store(id="explore-requested", data={"indicator": indicator, "year": year, "sex": sex}),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            html.Label(_("Indicator"), htmlFor="explore-indicator", className="form-label"),
                            dcc.Dropdown(id="explore-indicator", options=options, value=None, clearable=False, searchable=True),
                        ],
                        lg=6,
                    ),
                    dbc.Col(
                        [
                            html.Label(_("Sex"), id="explore-sex-label", className="form-label"),
                            dbc.RadioItems(id="explore-sex", options=[], value=None, inline=True),
                        ],
                        lg=3,
                    ),
                ],
                className="g-3 mb-2",
            ),
            html.Div(id="explore-notices", **{"aria-live": "polite"}),
            chart_with_alt(graph("explore-map", height="520px"), lang=lang, summary_id="explore-summary", live=True),
            html.Div(
                [
                    html.Label(_("Year"), htmlFor="explore-year", className="form-label"),
                    dcc.Slider(id="explore-year", min=0, max=1, step=None, value=None, marks={}, included=False),
                ],
                className="year-slider mb-3",
            ),
            html.Div(id="explore-info"),
        ]
    )
