"""Small building blocks shared by every page and by the views that answer its callbacks: links that keep
the language, source lines, gap notices, graphs with their text alternative."""

from __future__ import annotations

from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import DEFAULT_LANG, translator
from dashboard.indicators.queries import is_national_figure

UN_MAP_DISCLAIMER = (
    "The boundaries and names shown and the designations used on this map do not imply official endorsement or acceptance by the United Nations."
)


def href(path: str, lang: str = DEFAULT_LANG, **params) -> str:
    """A local link carrying the language (omitted for English) and any view parameters."""
    q = {k: v for k, v in params.items() if v not in (None, "", [], ())}
    if lang and lang != DEFAULT_LANG:
        q["lang"] = lang
    return path + ("?" + urlencode(q, doseq=False) if q else "")


def page_title(text: str, lead: str | None = None) -> html.Div:
    return html.Div([html.H1(text, className="h2 mt-3"), html.P(lead, className="lead") if lead else None], className="page-title")


def source_line(indicator: dict, lang: str = DEFAULT_LANG) -> html.P:
    """Publisher, as-of date and licence of an indicator, as every figure shows it."""
    _ = translator(lang)
    return html.P(
        [
            html.Strong(_("Source") + ": "),
            indicator.get("publisher", ""),
            f" · {_('data as of')} {indicator.get('as_of') or '–'}",
            f" · {indicator.get('licence', '')}",
        ],
        className="source-line small text-muted",
    )


def notice(message, kind: str = "info", role: str = "status") -> dbc.Alert:
    """The one style for honest gaps: missing, stale, partial or fallback notices."""
    color = {"gap": "secondary", "stale": "warning", "fallback": "warning"}.get(kind, kind)
    return html.Div(dbc.Alert(message, color=color, className=f"notice notice-{kind} py-2 small mb-2"), role=role)


def graph(graph_id, figure=None, height: str = "480px", lang: str = DEFAULT_LANG, **kw) -> html.Div:
    """Every chart: local topology, PNG/SVG export from the modebar, no plotly logo, and plotly.js's own
    words (modebar buttons, month names on date axes) in the page language (the bundle has its locales).
    In a box of the graph's height: dcc.Graph renders nothing until its code and plotly.js have loaded,
    and what follows it would otherwise move down when it does."""
    config = {
        "displaylogo": False,
        "locale": lang,
        "topojsonURL": "/assets/",
        "toImageButtonOptions": {"format": "png", "scale": 2, "filename": str(graph_id if isinstance(graph_id, str) else "chart")},
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
        "responsive": True,
    }
    config.update(kw.pop("config", {}))
    return html.Div(
        dcc.Graph(id=graph_id, figure=figure or {}, config=config, style={"height": height}, **kw), className="graph-box", style={"minHeight": height}
    )


def chart_with_alt(
    chart, summary=None, table_href: str | None = None, lang: str = DEFAULT_LANG, summary_id: str | None = None, live: bool = False
) -> html.Figure:
    """A chart with its text alternative: ``<figure>`` + ``<figcaption>`` (the figure's accessible name).

    ``summary``: a sentence or two saying what the chart shows (e.g. from
    ``dashboard.figures.alt_text``); ``summary_id``: give it an id when a callback fills it in;
    ``live=True`` makes screen readers announce it politely whenever it changes (use it for the
    chart the user is steering, e.g. the explorer map). ``table_href``: the same data as a table
    or download, for anyone who cannot use the chart.
    """
    _ = translator(lang)
    text_kw = {"id": summary_id} if summary_id else {}
    if live:
        text_kw.update({"aria-live": "polite", "aria-atomic": "true"})
    caption = [html.Span(summary or "", className="chart-summary", **text_kw)]
    if table_href:
        caption += [" ", html.A(_("See the data as a table"), href=table_href, className="chart-table-link")]
    return html.Figure([chart, html.Figcaption(caption, className="chart-alt small")], className="chart-figure")


def english_data_note(lang: str = DEFAULT_LANG):
    """Said once where catalog text appears: data titles and definitions are published in English only."""
    if lang == DEFAULT_LANG:
        return None
    _ = translator(lang)
    return html.P(
        _("Indicator titles, definitions, caveats and citations are shown in English, as their publishers issued them: most have no official translation."),
        className="small text-muted data-language-note",
    )


def national_marker(indicator: dict, lang: str = DEFAULT_LANG):
    """The visible "national figure" mark next to the title of a nationally published series (None otherwise)."""
    if not is_national_figure(indicator):
        return None
    _ = translator(lang)
    return html.Span(
        _("National figure"),
        className="badge text-bg-info national-figure ms-1 align-middle",
        title=_(
            "Published by the country's national statistical office (SDG national reporting platform), not by the international custodian; it may differ from the international series."
        ),
    )


def data_lang(lang: str = DEFAULT_LANG) -> dict:
    """``**data_lang(lang)`` on elements holding catalog text: marks it as English (WCAG 3.1.2) on other-language pages."""
    return {} if lang == DEFAULT_LANG else {"lang": DEFAULT_LANG}


def live_status(component_id: str, text: str = "") -> html.Div:
    """A visually hidden polite status region: put short updates here ("Map updated: …")."""
    return html.Div(text, id=component_id, role="status", className="visually-hidden", **{"aria-live": "polite", "aria-atomic": "true"})
