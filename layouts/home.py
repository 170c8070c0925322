"""/ -- what this is, headline facts, entry points."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.data import THEMES, get_store
from dashboard.i18n import N_, fmt_number, parse_lang, translator
from dashboard.views.components import href, page_title

ROUTE = r"/"
NAV_ORDER = 0
NAV_PATH = "/"
TITLE = N_("Home")


def layout(lang=None, **_params) -> html.Div:
    lang = parse_lang(lang)
    _ = translator(lang)
    store = get_store()  # a DataError is turned into the "data not available" page by the router
    by_theme = store.indicators_by_theme()
    cards = [
        dbc.Col(
            dbc.Card(
                dbc.CardBody(
                    [
                        html.H2(_(THEMES[theme]), className="h5"),
                        html.P(_("{n} indicators", n=fmt_number(len(items), lang, 0)), className="mb-1"),
                        html.Ul([html.Li(html.A(i["title"], href=href("/explore", lang, indicator=i["id"]))) for i in items[:6]], className="small"),
                    ]
                )
            ),
            md=6,
            lg=3,
            className="mb-3",
        )
        for theme, items in by_theme.items()
        if items
    ]
    n_instruments = len(store.instruments)
    n_countries = int((store.countries["un_status"] == "member").sum())
    return html.Div(
        [
            page_title(
                _("Violence against women migrant workers: what states have done"),
                _("Ratifications, migration costs and violence indicators, country by country, to monitor UN General Assembly resolution 72/149."),
            ),
            html.P(
                _(
                    "{i} instruments tracked · {n} indicators · {c} UN member states",
                    i=fmt_number(n_instruments, lang, 0),
                    n=fmt_number(len(store.indicators), lang, 0),
                    c=fmt_number(n_countries, lang, 0),
                ),
                className="headline-facts",
            ),
            dbc.Row(cards),
            html.P(
                [
                    html.A(_("Explore every indicator on a map"), href=href("/explore", lang), className="btn btn-primary me-2"),
                    html.A(_("About the data"), href=href("/about", lang), className="btn btn-outline-secondary"),
                ]
            ),
        ]
    )
