"""/explore -- any indicator in the catalog as a map, a chart or a table, with its citation.

Components only: every value comes from the page's view (dashboard/views/explore.py). The page is drawn
with the URL's view in place (the whole view lives in the query string; ``prerender``), and the callback
(callbacks/explore.py) answers changes.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.data import THEMES, get_store
from dashboard.i18n import N_, parse_lang, translator
from dashboard.indicators.queries import elsewhere_indicators, explorer_indicators
from dashboard.views.components import chart_with_alt, graph, href, page_title
from dashboard.views.explore import CONTROLS, URL_PARAMS, VIEWS
from dashboard.views.image_links import image_links
from dashboard.views.prerender import fill_props, prerender

from .deferred import Deferred

ROUTE = r"/explore/?"
GEO_MAP = True  # draws a plotly geo map: the page links the world topology for an early fetch (dashboard.app)
NAV_ORDER = 10
NAV_PATH = "/explore"
NAV_LABEL = N_("Explore")
TITLE = N_("Explore indicators")


def indicator_options(store, _) -> list[dict]:
    """Mappable country-level indicators, grouped under a (disabled) theme heading each."""
    opts, theme = [], None
    for ind in explorer_indicators(store.catalog["indicators"]):
        if ind["theme"] != theme:
            theme = ind["theme"]
            opts.append({"label": f"— {_(THEMES.get(theme, theme))} —", "value": f"theme:{theme}", "disabled": True})
        # dcc.Dropdown indexes every substring of every word of value, label and search when the page
        # mounts: "search" adds only what the label lacks (SDG code, theme), not the title again
        opts.append({"label": ind["title"], "value": ind["id"], "search": f"{ind.get('sdg') or ''} {_(THEMES.get(theme, theme))}".strip()})
    return opts


def _elsewhere(store, lang, _) -> html.Details:
    other = elsewhere_indicators(store.catalog["indicators"])
    items = [html.Li([_("Treaty ratifications"), ": ", html.A(_("Ratifications page"), href=href("/ratifications", lang))])]
    if other["corridors"]:
        items.append(html.Li([", ".join(i["title"] for i in other["corridors"]), ": ", html.A(_("Corridors page"), href=href("/corridors", lang))]))
    if other["about"]:
        items.append(html.Li([", ".join(i["title"] for i in other["about"]), ": ", html.A(_("About the data"), href=href("/about", lang))]))
    return html.Details([html.Summary(_("Not on this map")), html.Ul(items, className="small mb-0")], className="small mt-1 explore-elsewhere")


def _after_map(dropdown: dcc.Dropdown) -> Deferred:
    """A dropdown above the map, mounted once the map is drawn, in a box that keeps its height meanwhile."""
    return Deferred(dropdown, className="deferred-control")


def _labelled(label, control_id, control, **col) -> dbc.Col:
    return dbc.Col([html.Label(label, htmlFor=control_id, id=f"{control_id}-label", className="form-label"), control], **col)


def _controls(_, store):
    return dbc.Row(
        [
            _labelled(
                _("Indicator"),
                "explore-indicator",
                _after_map(
                    dcc.Dropdown(
                        id="explore-indicator",
                        options=indicator_options(store, _),
                        value=None,
                        clearable=False,
                        searchable=True,
                        placeholder=_("Search indicators"),
                        maxHeight=420,
                    )
                ),
                lg=12,
            ),
            dbc.Col(
                [
                    html.Span(_("Sex"), id="explore-sex-label", className="form-label d-block"),
                    html.Div(
                        dbc.RadioItems(id="explore-sex", options=[], value=None, inline=True), role="radiogroup", **{"aria-labelledby": "explore-sex-label"}
                    ),
                ],
                md=4,
            ),
            _labelled(
                _("Age group"), "explore-age", _after_map(dcc.Dropdown(id="explore-age", options=[], value=None, clearable=False)), md=4, id="explore-age-col"
            ),
            _labelled(
                _("Breakdown"),
                "explore-breakdown",
                _after_map(dcc.Dropdown(id="explore-breakdown", options=[], value=None, clearable=False)),
                md=4,
                id="explore-breakdown-col",
            ),
        ],
        className="g-2 mb-2",
    )


def _map_tab(lang, _):
    return html.Div(
        [
            chart_with_alt(graph("explore-map", height="540px", lang=lang), lang=lang, summary_id="explore-summary", live=True),
            Deferred(
                [
                    dbc.Row(
                        [
                            dbc.Col(
                                html.Button(
                                    _("Play"),
                                    id="explore-play",
                                    n_clicks=0,
                                    className="btn btn-outline-primary btn-sm",
                                    **{"aria-pressed": "false", "aria-label": _("Play the years one after another")},
                                ),
                                width="auto",
                            ),
                            dbc.Col(
                                [
                                    html.Label(_("Year"), htmlFor="explore-year", className="form-label visually-hidden"),
                                    dcc.Slider(id="explore-year", min=0, max=1, step=None, value=None, marks={}, included=False),
                                ],
                                className="year-slider",
                            ),
                        ],
                        className="align-items-center g-2",
                    ),
                    dcc.Interval(id="explore-play-timer", interval=1300, disabled=True),
                    dbc.Checklist(
                        id="explore-fill",
                        options=[
                            {"label": _("Where a country has no value for this year, show its latest earlier value (labelled with its year)"), "value": "1"}
                        ],
                        value=[],
                        switch=True,
                        className="small mt-2",
                    ),
                    html.Div(id="explore-clicked", className="small mt-2", **{"aria-live": "polite"}),
                    image_links("explore", "map", lang),
                ]
            ),
        ]
    )


def _chart_tab(lang, _):
    return Deferred(
        [
            dbc.Row(
                [
                    _labelled(
                        _("Countries and regions to compare"),
                        "explore-countries",
                        dcc.Dropdown(id="explore-countries", options=[], value=[], multi=True, searchable=True, placeholder=_("Type a country or region name")),
                        md=9,
                    ),
                    dbc.Col(
                        [
                            html.Span(_("Order"), id="explore-order-label", className="form-label d-block"),
                            html.Div(
                                dbc.RadioItems(
                                    id="explore-order",
                                    options=[{"label": _("By name"), "value": "name"}, {"label": _("By latest value"), "value": "value"}],
                                    value="name",
                                    inline=True,
                                ),
                                role="radiogroup",
                                **{"aria-labelledby": "explore-order-label"},
                            ),
                        ],
                        md=3,
                    ),
                ],
                className="g-2 mb-2",
            ),
            html.Div(id="explore-chart-notices"),
            chart_with_alt(html.Div(id="explore-chart-slot", className="explore-chart-slot"), lang=lang, summary_id="explore-chart-summary"),
            image_links("explore", "chart", lang),
        ]
    )


def _table_tab():
    return Deferred(
        [
            html.P(id="explore-table-caption", className="small"),
            html.Div(id="explore-table-slot", className="explore-table-slot"),
        ]
    )


def _take_away(_):
    return html.Div(
        [
            html.H2(_("Take it away"), className="h6 mt-3"),
            html.Div(
                [
                    html.Button(_("Download CSV of this view"), id="explore-download-view", n_clicks=0, className="btn btn-primary btn-sm"),
                    html.A(
                        _("Download CSV of the full indicator"), id="explore-download-full", href="#", className="btn btn-outline-primary btn-sm", download=""
                    ),
                    html.A(_("Data API (JSON)"), id="explore-api-link", href="#", className="btn btn-link btn-sm"),
                    html.Span(
                        [
                            dcc.Clipboard(id="explore-copy", title=_("Copy a link to this view"), className="btn btn-outline-secondary btn-sm explore-copy"),
                            html.Span(_("Copy link"), className="small ms-1", **{"aria-hidden": "true"}),
                        ],
                        className="d-inline-flex align-items-center",
                    ),
                ],
                className="d-flex flex-wrap gap-2 align-items-center",
            ),
            dcc.Download(id="explore-download"),
            html.P(id="explore-download-status", className="small text-muted mb-0", role="status"),
            html.P(
                _("Charts and maps: use the camera button above each one for PNG; the image carries the title, unit, year, source and licence."),
                className="small text-muted mt-2 mb-1",
            ),
            html.Details(
                [
                    html.Summary(_("Embed this chart")),
                    html.Label(_("Copy this code into your page"), htmlFor="explore-embed-code", className="form-label small mt-2"),
                    dcc.Textarea(id="explore-embed-code", value="", readOnly=True, className="form-control font-monospace small", style={"height": "5.5rem"}),
                ],
                className="small",
            ),
        ],
        className="explore-takeaway",
    )


def layout(lang=None, **params) -> html.Div:
    lang = parse_lang(lang)
    _ = translator(lang)
    store = get_store()  # a DataError is turned into the "data not available" page by the router
    requested = {k: (str(params[k])[:400] if params.get(k) is not None else None) for k in URL_PARAMS}
    controls = _controls(_, store)
    map_tab = _map_tab(lang, _)
    chart_tab = _chart_tab(lang, _)
    table_tab = _table_tab()
    take_away = _take_away(_)
    page = html.Div(
        [
            page_title(_("Explore indicators"), _("Any indicator in the catalog on a map, over time or as a table, with its source and licence.")),
            dcc.Store(id="explore-lang", data=lang),
            dcc.Store(id="explore-map-key"),
            dcc.Store(id="explore-map-values"),  # a year change's values, applied to the map in the browser
            dcc.Store(id="explore-play-labels", data=[_("Play"), _("Pause")]),
            dcc.Store(id="explore-embed-title", data=_("Chart from the women migrant workers indicators dashboard")),
            dbc.Row(dbc.Col(controls, lg=9)),
            html.Div(id="explore-notices", **{"aria-live": "polite"}),
            dbc.Tabs(
                [
                    dbc.Tab(map_tab, label=_("Map"), tab_id="map", id="explore-tab-map"),
                    dbc.Tab(chart_tab, label=_("Chart"), tab_id="chart", id="explore-tab-chart"),
                    dbc.Tab(table_tab, label=_("Table"), tab_id="table", id="explore-tab-table"),
                ],
                id="explore-view",
                active_tab="map",
                className="mt-2 mb-2",
            ),
            # what the indicator is, its source and citation, and the downloads: below the map, so the map
            # is in view on opening, and mounted after its first draw (layouts/deferred.py)
            Deferred(
                dbc.Row(
                    [
                        dbc.Col(html.Div(id="explore-info", className="indicator-info"), lg=7),
                        dbc.Col([take_away, _elsewhere(store, lang, _)], lg=5),
                    ],
                    className="g-3 mt-1",
                )
            ),
        ]
    )
    fill_props(page, {CONTROLS[k]: v for k, v in requested.items()})  # the controls start at what the address asks
    prerender(page, VIEWS, requested, lang)
    return page
