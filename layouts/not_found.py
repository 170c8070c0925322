"""Shown for any path no page claims (served with HTTP status 404)."""

from __future__ import annotations

from dash import html

from dashboard.i18n import parse_lang, translator
from dashboard.views.components import href, page_title


def layout(lang=None, **_ignored) -> html.Div:
    lang = parse_lang(lang)
    _ = translator(lang)
    return html.Div(
        [
            page_title(_("Page not found"), _("There is no page at this address.")),
            html.Ul(
                [
                    html.Li(html.A(_("Home"), href=href("/", lang))),
                    html.Li(html.A(_("Explore indicators"), href=href("/explore", lang))),
                    html.Li(html.A(_("About the data"), href=href("/about", lang))),
                ]
            ),
        ]
    )
