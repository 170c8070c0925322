"""/ratifications -- who has ratified what, since when, who has not, and what changed (components only)."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.data import get_store
from dashboard.i18n import N_, parse_lang, translator
from dashboard.ratifications import queries as rq
from dashboard.ratifications.labels import STATUS_HELP, STATUS_LABELS, STATUSES
from dashboard.views.components import graph, href, notice, page_title
from dashboard.views.image_links import image_links
from dashboard.views.prerender import prerender
from dashboard.views.ratifications import VIEWS, RatificationsView

ROUTE = r"/ratifications/?"
GEO_MAP = True  # draws a plotly geo map: the page links the world topology for an early fetch (dashboard.app)
NAV_ORDER = 20
NAV_PATH = "/ratifications"
NAV_LABEL = N_("Ratifications")
TITLE = N_("Ratification tracker")
URL_PARAMS = ("instrument", "as_of", "compare", "region", "subregion", "income", "status", "from", "to", "country")


def _filter(label: str, component_id: str, options: list[dict], value, placeholder: str) -> dbc.Col:
    """One of the matrix's filters: a labelled dropdown a quarter of the row wide."""
    return dbc.Col([_label(label, component_id), dcc.Dropdown(id=component_id, options=options, value=value, placeholder=placeholder)], md=3)


def _date_input(component_id: str, value) -> dcc.Input:
    """A date typed as YYYY-MM-DD (the form the address carries), applied when the reader leaves the field."""
    return dcc.Input(
        id=component_id,
        type="text",
        value=value,
        debounce=True,
        placeholder="YYYY-MM-DD",
        pattern=r"\d{4}-\d{2}-\d{2}",
        inputMode="numeric",
        maxLength=10,
        autoComplete="off",
        className="form-control",
    )


def _label(text, for_id, **kw):
    return html.Label(text, htmlFor=for_id, className="form-label", **kw)


def _instrument_options(instruments: list[dict], _) -> list[dict]:
    out = []
    for ins in instruments:
        tag = {"none": _("no list"), "partial": _("partial"), "stale": _("stale")}.get(ins.get("completeness"), "")
        out.append({"label": f"{ins['short_title']}" + (f" ({tag})" if tag else ""), "value": ins["id"], "search": ins["title"]})
    return out


def legend(_) -> html.Dl:
    """The status vocabulary in words (the map, matrix and API use the same)."""
    return html.Dl(
        [
            x
            for s in STATUSES
            for x in (html.Dt([html.Span(className=f"rat-swatch rat-{s}", **{"aria-hidden": "true"}), _(STATUS_LABELS[s])]), html.Dd(_(STATUS_HELP[s])))
        ],
        className="rat-legend small",
    )


def _status_section(lang, _, options, view):
    return html.Section(
        [
            html.H2(_("Status on a date"), className="h4 mt-3"),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            _label(_("Instrument"), "ratifications-instrument"),
                            dcc.Dropdown(id="ratifications-instrument", options=options, value=view.instrument, clearable=False, searchable=True),
                        ],
                        lg=5,
                    ),
                    dbc.Col(
                        [
                            _label(_("Status on (date, YYYY-MM-DD)"), "ratifications-as-of"),
                            _date_input("ratifications-as-of", view.as_of),
                        ],
                        lg=3,
                    ),
                    dbc.Col(
                        [
                            html.Span(_("Play through the years"), className="form-label d-block", id="ratifications-play-label"),
                            html.Button(
                                _("Play"),
                                id="ratifications-play",
                                n_clicks=0,
                                type="button",
                                className="btn btn-outline-primary",
                                **{"aria-describedby": "ratifications-play-label"},
                            ),
                        ],
                        lg=2,
                    ),
                ],
                className="g-3 mb-2 align-items-end",
            ),
            html.Div(
                [
                    _label(_("Year (status on 31 December)"), "ratifications-year"),
                    dcc.Slider(id="ratifications-year", min=1930, max=2026, step=1, value=int(view.as_of[:4]), marks={}, included=False),
                ],
                className="year-slider mb-2",
            ),
            dcc.Interval(id="ratifications-timer", interval=1500, disabled=True, n_intervals=0),
            html.Div(id="ratifications-instrument-info"),
            html.Div(id="ratifications-map-notices", **{"aria-live": "polite"}),
            html.Div(graph("ratifications-map", height="560px", lang=lang), id="ratifications-map-box"),
            html.P(id="ratifications-map-summary", className="small chart-summary"),
            image_links("ratifications", "map", lang, view.to_query(lang)),
            html.Details([html.Summary(_("What the statuses mean")), legend(_)], className="mb-3"),
        ],
        id="ratifications-status-section",
    )


def _timeline_section(lang, _, options, view):
    return html.Section(
        [
            html.H2(_("Parties over time"), className="h4 mt-4"),
            _label(_("Instruments to compare"), "ratifications-compare"),
            dcc.Dropdown(
                id="ratifications-compare", options=[o for o in options if not o["label"].endswith(f"({_('no list')})")], value=list(view.compare), multi=True
            ),
            graph("ratifications-timeline", height="460px", lang=lang),
            html.P(id="ratifications-timeline-summary", className="small chart-summary"),
            image_links("ratifications", "timeline", lang, view.to_query(lang)),
        ],
        id="ratifications-timeline-section",
    )


def _matrix_section(_, opts, view):
    return html.Section(
        [
            html.H2(_("Who has ratified what"), className="h4 mt-4"),
            html.P(id="ratifications-matrix-caption", className="small"),
            dbc.Row(
                [
                    _filter(_("Region"), "ratifications-region", [{"label": r, "value": r} for r in opts["region"]], view.region, _("All regions")),
                    _filter(
                        _("Sub-region"), "ratifications-subregion", [{"label": r, "value": r} for r in opts["subregion"]], view.subregion, _("All sub-regions")
                    ),
                    _filter(
                        _("Income group"), "ratifications-income", [{"label": _(r), "value": r} for r in opts["income"]], view.income, _("All income groups")
                    ),
                    dbc.Col(
                        [
                            _label(_("Status for the selected instrument"), "ratifications-status-filter"),
                            dcc.Dropdown(
                                id="ratifications-status-filter",
                                options=[{"label": _(STATUS_LABELS[s]), "value": s} for s in STATUSES],
                                value=list(view.statuses),
                                multi=True,
                                placeholder=_("Any status"),
                            ),
                        ],
                        md=3,
                    ),
                ],
                className="g-3 mb-2",
            ),
            html.Div(
                [
                    html.Span(id="ratifications-matrix-count", className="me-3 small", **{"aria-live": "polite"}),
                    html.A(
                        _("Download CSV (with sources and as-of dates)"),
                        id="ratifications-download",
                        href="#",
                        className="btn btn-sm btn-outline-secondary",
                        download="",
                    ),
                ],
                className="mb-2",
            ),
            dag.AgGrid(
                id="ratifications-matrix",
                rowData=[],
                columnDefs=[],
                defaultColDef={"sortable": True, "resizable": True, "filter": True, "minWidth": 110, "wrapHeaderText": True, "autoHeaderHeight": True},
                dashGridOptions={"rowHeight": 30, "headerHeight": 60, "enableCellTextSelection": True, "ensureDomOrder": True},
                className="rat-matrix",
                style={"height": "520px"},
            ),
            html.P(
                _(
                    "Cells: deposit or registration date, with the depositary's code: a = accession, d = succession, A = acceptance, AA = approval, no code = ratification; “—” = no action recorded in a complete list; “no record” = the list is partial or does not reach the date."
                ),
                className="small text-muted mt-1",
            ),
        ],
        id="ratifications-matrix-section",
    )


def _changes_section(_, view):
    return html.Section(
        [
            html.H2(_("What changed between two dates"), className="h4 mt-4"),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            _label(_("From (YYYY-MM-DD)"), "ratifications-from"),
                            _date_input("ratifications-from", view.date_from),
                        ],
                        md=3,
                    ),
                    dbc.Col(
                        [
                            _label(_("To (YYYY-MM-DD)"), "ratifications-to"),
                            _date_input("ratifications-to", view.date_to),
                        ],
                        md=3,
                    ),
                    dbc.Col(
                        html.A(_("Watch for new ratifications (Atom feed)"), href="/feeds/ratifications.atom", className="small", rel="alternate"),
                        md=6,
                        className="align-self-end",
                    ),
                ],
                className="g-3 mb-2",
            ),
            html.Div(id="ratifications-changes", **{"aria-live": "polite"}),
        ],
        id="ratifications-changes-section",
    )


def _country_section(_, country_options, view):
    return html.Section(
        [
            html.H2(_("By country"), className="h4 mt-4"),
            _label(_("Country"), "ratifications-country"),
            dcc.Dropdown(id="ratifications-country", options=country_options, value=view.country, placeholder=_("Choose a country")),
            html.Div(id="ratifications-country-panel", className="mt-2", **{"aria-live": "polite"}),
        ],
        id="ratifications-country-section",
    )


def _region_section(_):
    return html.Section(
        [
            html.H2(_("By region: share of states that are parties"), className="h4 mt-4"),
            html.Div(id="ratifications-regions"),
        ],
        id="ratifications-region-section",
        className="mb-4",
    )


def layout(lang=None, **params) -> html.Div:
    lang = parse_lang(lang)
    _ = translator(lang)
    store = get_store()  # a DataError is turned into the "data not available" page by the router
    view, notes = RatificationsView.from_query(params)
    instruments = rq.instruments()
    options = _instrument_options(instruments, _)
    opts = rq.filter_options()
    uni_names = store.countries.set_index("iso3")[f"name_{lang}"]
    from dashboard.ratifications.tracker import universe

    country_options = [{"label": uni_names.get(i, i), "value": i} for i in universe(store.countries, store.ratification_events)["iso3"]]
    country_options.sort(key=lambda o: o["label"])
    page = html.Div(
        [
            page_title(
                _("Ratification tracker"),
                _(
                    "Who is bound by the conventions resolution 72/149 calls for, since when, who is not, and what changed. Statuses keep the depositaries' own categories."
                ),
            ),
            dcc.Store(id="ratifications-lang", data=lang),
            html.Div([notice(rq.note_text(n, _), "fallback") for n in notes], id="ratifications-parse-notices", **{"aria-live": "polite"}),
            # -- status on a date -----------------------------------------------------------
            _status_section(lang, _, options, view),
            # -- parties over time ----------------------------------------------------------
            _timeline_section(lang, _, options, view),
            # -- matrix ---------------------------------------------------------------------
            _matrix_section(_, opts, view),
            # -- what changed ---------------------------------------------------------------
            _changes_section(_, view),
            # -- by country, by region ------------------------------------------------------
            _country_section(_, country_options, view),
            _region_section(_),
            html.P(html.A(_("Sources, citations and licences"), href=href("/about", lang)), className="small"),
        ]
    )

    prerender(page, VIEWS, {k: v for k, v in params.items() if k in URL_PARAMS}, lang)
    return page
