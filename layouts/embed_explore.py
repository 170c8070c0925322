"""/embed/explore -- one explorer chart or map with its source line, for an <iframe> (no header/footer).

Takes the explorer's query string; ``dashboard.views.embed_explore.render`` builds the view, drawn with the page.
"""

from __future__ import annotations

from dash import html

from dashboard.i18n import N_, parse_lang, translator
from dashboard.views.components import chart_with_alt, graph
from dashboard.views.embed_explore import render
from dashboard.views.explore import URL_PARAMS

ROUTE = r"/embed/explore/?"
GEO_MAP = True  # draws a plotly geo map: the page links the world topology for an early fetch (dashboard.app)
TITLE = N_("Explore indicators (embedded)")
BARE = True


def layout(lang=None, **params) -> html.Div:
    lang = parse_lang(lang)
    _ = translator(lang)
    requested = {k: (str(params[k])[:400] if params.get(k) is not None else None) for k in URL_PARAMS}
    figure, summary, source, notices = render(requested, lang)
    return html.Div(
        [
            html.Div(notices, id="embed-explore-notices"),
            chart_with_alt(
                graph("embed-explore-graph", figure, height="calc(100vh - 4.5rem)", lang=lang), summary=summary, lang=lang, summary_id="embed-explore-summary"
            ),
            html.P(source, id="embed-explore-source", className="source-line small text-muted mb-0"),
        ],
        className="embed-explore",
    )
