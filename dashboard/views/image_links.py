"""'Download image' beside a chart: links to /images/<page>/<chart>.<fmt> for the view on screen.

The links are plain anchors (keyboard-usable, and they work without script for the view the page opened
with); ``assets/js/image-links.js`` keeps them on the current view by taking the query string from the
address bar when a link is focused, hovered or activated, as the page's controls rewrite it.
"""

from __future__ import annotations

from dash import html

from dashboard.i18n import N_, translator

# (format, preset, scale, label): the choices offered beside every chart
CHOICES = (
    ("png", "article", 1, N_("PNG for articles (1200 × 800)")),
    ("png", "article", 2, N_("PNG for articles, high resolution (2400 × 1600)")),
    ("png", "social", 1, N_("PNG for social media (1200 × 630)")),
    ("png", "square", 1, N_("Square PNG (1080 × 1080)")),
    ("svg", "article", 1, N_("SVG (vector, 1200 × 800)")),
)
IMAGE_PARAMS = ("preset", "scale")


def image_href(page: str, chart: str, fmt: str, page_query: str = "", preset: str = "article", scale: int = 1) -> str:
    """The image of a view: the page's query string plus the image's own parameters."""
    query = page_query.lstrip("?")
    return f"/images/{page}/{chart}.{fmt}?{query}{'&' if query else ''}preset={preset}&scale={scale}"


def image_links(page: str, chart: str, lang: str = "en", page_query: str = "") -> html.Details:
    _ = translator(lang)
    items = [
        html.Li(
            html.A(
                _(label),
                href=image_href(page, chart, fmt, page_query, preset, scale),
                download=f"{page}-{chart}-{preset}{'@2x' if scale == 2 else ''}.{fmt}",
                className="image-link",
                **{"data-image-path": f"/images/{page}/{chart}.{fmt}", "data-image-params": f"preset={preset}&scale={scale}"},
            )
        )
        for fmt, preset, scale, label in CHOICES
    ]
    return html.Details(
        [
            html.Summary(_("Download image")),
            html.P(_("With title, source, citation, licence and a link back to this view."), className="mb-1"),
            html.Ul(items, className="list-unstyled mb-0"),
        ],
        className="image-download small no-print",
        id=f"{page}-{chart}-image-download",
    )
