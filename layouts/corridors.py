"""/corridors?from=<ISO3>&to=<ISO3> -- what is known about one migration corridor.

Remittance prices (RPW), estimated bilateral flows, country in/outflows, recruitment-cost
evidence and the treaty status at both ends. Components only: the callbacks fill them in.
"""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.data import get_store
from dashboard.i18n import N_, parse_lang, translator
from dashboard.views.components import graph, page_title
from dashboard.views.corridors import VIEWS
from dashboard.views.image_links import image_links
from dashboard.views.prerender import prerender

ROUTE = r"/corridors/?"
GEO_MAP = True  # draws a plotly geo map: the page links the world topology for an early fetch (dashboard.app)
NAV_ORDER = 30
NAV_PATH = "/corridors"
NAV_LABEL = N_("Corridors")
TITLE = N_("Migration-cost corridors")


def country_options(store, lang: str) -> list[dict]:
    names = store.countries[["iso3", f"name_{lang}"]].sort_values(f"name_{lang}")
    # name (label) and ISO3 code (value) are both searched by dcc.Dropdown: no "search" copy of them to index
    return [{"label": n, "value": i} for i, n in zip(names["iso3"], names[f"name_{lang}"])]


def _label(text, for_id, **kw):
    return html.Label(text, htmlFor=for_id, className="form-label fw-semibold", **kw)


def _radios(radio_id, value, label_id):
    """Radio buttons announced as one group, named by the visible label ``label_id``."""
    return html.Div(
        dbc.RadioItems(id=radio_id, options=[], value=value, inline=True), role="radiogroup", className="d-inline-block", **{"aria-labelledby": label_id}
    )


def _section(title, section_id, *children, lead=None):
    return html.Section(
        [html.H2(title, className="h4 mt-4", id=f"{section_id}-heading"), html.P(lead, className="text-muted") if lead else None, *children],
        id=section_id,
        **{"aria-labelledby": f"{section_id}-heading"},
    )


def _text_alternative(element_id, _):
    """A short generated summary of the chart beside it (filled by the callback)."""
    return html.Div(id=element_id, className="chart-summary small", **{"aria-live": "polite"})


def _cost_section(lang, _):
    return _section(
        _("Cost of sending money"),
        "corridors-cost-section",
        dbc.Row(
            [
                dbc.Col(
                    [
                        _label(_("Compare with other corridors"), "corridors-compare"),
                        dcc.Dropdown(
                            id="corridors-compare", options=[], value=[], multi=True, searchable=True, placeholder=_("Add corridors with remittance prices")
                        ),
                    ],
                    lg=7,
                ),
                dbc.Col(
                    [
                        html.Label(_("Average over all corridors in this dataset"), id="corridors-avg-label", className="form-label fw-semibold"),
                        _radios("corridors-avg", "none", "corridors-avg-label"),
                    ],
                    lg=5,
                ),
            ],
            className="g-3 mb-2",
        ),
        html.Div(id="corridors-cost-notes"),
        graph("corridors-cost-chart", height="470px", lang=lang),
        _text_alternative("corridors-cost-text", _),
        image_links("corridors", "cost", lang),
    )


def _table_section(lang, _):
    return _section(
        _("All corridors of one country"),
        "corridors-table-section",
        html.Div(
            [
                html.Label(_("List the corridors"), id="corridors-list-label", className="form-label fw-semibold me-3"),
                _radios("corridors-list", "from", "corridors-list-label"),
            ]
        ),
        html.Div(id="corridors-table-caption", className="small"),
        dag.AgGrid(
            id="corridors-table",
            rowData=[],
            columnDefs=[],
            defaultColDef={"sortable": True, "resizable": True, "filter": True, "wrapHeaderText": True, "autoHeaderHeight": True, "flex": 1, "minWidth": 110},
            dashGridOptions={
                "domLayout": "autoHeight",
                "pagination": True,
                "paginationPageSize": 15,
                "paginationPageSizeSelector": False,
                "ensureDomOrder": True,
            },
            className="mb-2",
            style={"width": "100%"},
        ),
        html.Div(id="corridors-table-download", className="small mb-3"),
        graph("corridors-cost-map", height="520px", lang=lang),
        _text_alternative("corridors-cost-map-text", _),
        image_links("corridors", "cost-map", lang),
    )


def _flows_section(lang, _):
    return _section(
        _("How much money moves"),
        "corridors-flows-section",
        dbc.Row(
            [
                dbc.Col(
                    [
                        html.Label(_("Estimate year"), id="corridors-flows-label", className="form-label fw-semibold me-3"),
                        _radios("corridors-flows", "2021", "corridors-flows-label"),
                    ],
                    lg=6,
                ),
            ],
            className="g-3 mb-2",
        ),
        html.Div(id="corridors-flows-notes"),
        graph("corridors-flow-map", height="520px", lang=lang),
        _text_alternative("corridors-flow-text", _),
        image_links("corridors", "flow-map", lang),
        dbc.Row(
            [
                dbc.Col([graph("corridors-flow-bars-from", height="440px", lang=lang), image_links("corridors", "flows-from", lang)], lg=6),
                dbc.Col([graph("corridors-flow-bars-to", height="440px", lang=lang), image_links("corridors", "flows-to", lang)], lg=6),
            ],
            className="g-3",
        ),
        html.H3(_("Remittances over time"), className="h5 mt-3"),
        html.Div(
            [
                html.Label(_("Measure"), id="corridors-measure-label", className="form-label fw-semibold me-3"),
                _radios("corridors-measure", "usd", "corridors-measure-label"),
            ]
        ),
        dbc.Row(
            [
                dbc.Col([graph("corridors-received-chart", height="420px", lang=lang), image_links("corridors", "received", lang)], lg=6),
                dbc.Col([graph("corridors-paid-chart", height="420px", lang=lang), image_links("corridors", "paid", lang)], lg=6),
            ],
            className="g-3",
        ),
        _text_alternative("corridors-country-flows-text", _),
    )


def _controls(_, countries):
    return dbc.Row(
        [
            dbc.Col(
                [
                    _label(_("Sending country (where the money is sent from)"), "corridors-from"),
                    dcc.Dropdown(id="corridors-from", options=countries, value=None, clearable=False, searchable=True),
                ],
                md=5,
            ),
            dbc.Col(
                html.Button(
                    "⇄",
                    id="corridors-swap",
                    className="btn btn-outline-secondary mt-4",
                    n_clicks=0,
                    title=_("Swap sending and receiving country"),
                    **{"aria-label": _("Swap sending and receiving country")},
                ),
                md=1,
                className="d-flex align-items-start justify-content-center",
            ),
            dbc.Col(
                [
                    _label(_("Receiving country (where the money goes)"), "corridors-to"),
                    dcc.Dropdown(id="corridors-to", options=countries, value=None, clearable=False, searchable=True),
                ],
                md=5,
            ),
        ],
        className="g-3 mb-2 align-items-end",
    )


def layout(lang=None, **params) -> html.Div:
    lang = parse_lang(lang)
    _ = translator(lang)
    store = get_store()  # a DataError is turned into the "data not available" page by the router
    countries = country_options(store, lang)
    requested = {k: params.get(k) for k in ("from", "to", "compare", "avg", "flows", "list", "measure")}
    controls = _controls(_, countries)
    page = html.Div(
        [
            page_title(
                _("Migration-cost corridors"),
                _(
                    "What it costs to send money home along one corridor, how much is sent, what migrant workers pay to be recruited, and which protections each country has accepted."
                ),
            ),
            dcc.Store(id="corridors-lang", data=lang),
            dcc.Store(id="corridors-requested", data=requested),
            dcc.Store(id="corridors-view"),
            html.P(
                _("Money flows from the country where migrants work to their home country; migrant workers travelled the other way."),
                className="small text-muted",
            ),
            controls,
            html.Div(id="corridors-notices", **{"aria-live": "polite"}),
            _section(_("Corridor summary"), "corridors-summary-section", html.Div(id="corridors-summary")),
            _cost_section(lang, _),
            _table_section(lang, _),
            _flows_section(lang, _),
            _section(
                _("Recruitment costs paid by migrant workers"),
                "corridors-recruitment-section",
                html.Div(id="corridors-recruitment"),
            ),
        ],
        className="corridors-page",
    )

    prerender(page, VIEWS, requested, lang)
    return page
