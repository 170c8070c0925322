"""/about -- every catalog entry with source, citation, licence and as-of; how to cite; map disclaimer."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.data import THEMES, get_store
from dashboard.i18n import N_, parse_lang, translator
from dashboard.views.components import UN_MAP_DISCLAIMER, english_data_note, href, page_title

ROUTE = r"/about/?"
NAV_ORDER = 90
NAV_PATH = "/about"
TITLE = N_("About the data")


def _coverage_text(cov: dict, _) -> str:
    parts = []
    if cov.get("years"):
        parts.append(_("years {a}–{b}", a=cov["years"][0], b=cov["years"][1]))
    if cov.get("countries") is not None:
        parts.append(_("{n} countries", n=cov["countries"]))
    if cov.get("corridors") is not None:
        parts.append(_("{n} corridors", n=cov["corridors"]))
    if cov.get("records") is not None:
        parts.append(_("{n} records", n=cov["records"]))
    return ", ".join(parts) or _("no data in this release")


def _indicator_entry(ind: dict, lang: str, _) -> html.Article:
    dl = [
        (_("Definition"), ind.get("definition")),
        (_("Unit"), ind.get("unit")),
        (_("Series code"), ind.get("series_code") or "–"),
        (_("Publisher"), ind.get("publisher")),
        (_("Data as of"), ind.get("as_of") or "–"),
        (_("Coverage"), _coverage_text(ind.get("coverage", {}), _)),
        (_("Licence"), ind.get("licence")),
        (_("Caveats"), ind.get("caveats") or "–"),
        (_("How to cite"), ind.get("citation")),
    ]
    return html.Article(
        [
            html.H3([html.A(ind["title"], href=href("/explore", lang, indicator=ind["id"]))], className="h6 mb-1", id=f"ind-{ind['id']}"),
            html.Dl([x for k, v in dl for x in (html.Dt(k), html.Dd(v))], className="about-dl small"),
        ],
        className="mb-3",
    )


def _instrument_entry(ins: dict, _) -> html.Tr:
    cov = ins.get("coverage", {})
    return html.Tr(
        [
            html.Td(ins["short_title"]),
            html.Td(ins["title"], className="small"),
            html.Td(ins["depositary"]),
            html.Td(ins.get("as_of") or "–"),
            html.Td([_(ins["completeness"]), html.Br(), html.Span(ins.get("completeness_note", ""), className="small text-muted")]),
            html.Td(str(cov.get("countries", 0))),
        ]
    )


def layout(lang=None, **_params) -> html.Div:
    lang = parse_lang(lang)
    _ = translator(lang)
    store = get_store()  # a DataError is turned into the "data not available" page by the router
    sections = []
    for theme, items in store.indicators_by_theme().items():
        if items:
            sections.append(html.Section([html.H2(_(THEMES[theme]), className="h4 mt-4"), *[_indicator_entry(i, lang, _) for i in items]]))
    instruments = html.Section(
        [
            html.H2(_("Instruments tracked"), className="h4 mt-4"),
            dbc.Table(
                [
                    html.Thead(
                        html.Tr(
                            [
                                html.Th(h, scope="col")
                                for h in (
                                    _("Instrument"),
                                    _("Full title"),
                                    _("Depositary"),
                                    _("As of"),
                                    _("Completeness of our data"),
                                    _("States with a record"),
                                )
                            ]
                        )
                    ),
                    html.Tbody([_instrument_entry(i, _) for i in store.catalog["instruments"]]),
                ],
                striped=True,
                responsive=True,
                size="sm",
            ),
        ]
    )
    sources = html.Section(
        [
            html.H2(_("Source files"), className="h4 mt-4"),
            html.Ul(
                [
                    html.Li(
                        [
                            html.Strong(s["publisher"]),
                            f" — {s['title']} ({_('as of')} {s['as_of']}). ",
                            s["licence"],
                            ". ",
                            html.Span(s["citation"], className="text-muted"),
                        ],
                        className="small",
                    )
                    for s in store.catalog["sources"]
                ]
            ),
        ]
    )
    return html.Div(
        [
            page_title(_("About the data"), _("Every indicator and instrument with its source, definition, licence, as-of date and coverage.")),
            english_data_note(lang),
            html.Section(
                [
                    html.H2(_("How to cite"), className="h4"),
                    html.P(
                        _(
                            "Cite the original publisher of each figure (given with every indicator below and in every download), and this dashboard as the place you found it, with the data version and the date you accessed it."
                        )
                    ),
                    html.P([_("Data version"), ": ", html.Code(store.version)]),
                    html.H2(_("Map disclaimer"), className="h4"),
                    html.P(_(UN_MAP_DISCLAIMER)),
                    html.H2(_("Missing and stale data"), className="h4"),
                    html.P(
                        _(
                            "Countries without a value are shown in grey and labelled “No data”; we never fill gaps. Each value is shown with the year it refers to, and each source with the date it is current to."
                        )
                    ),
                    html.H2(_("How the data were built"), className="h4"),
                    html.P(
                        [
                            _("Every row the build dropped or quarantined, with its reason, and every check of one source against another:") + " ",
                            html.A(_("the build report"), href=href("/about/data", lang), id="about-build-report-link"),
                            ".",
                        ]
                    ),
                ]
            ),
            instruments,
            *sections,
            sources,
        ]
    )
