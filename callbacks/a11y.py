"""Accessibility glue that runs in the browser: the language of the page and its tab title.

The language lives in the URL (``?lang=``). The first load gets ``<html lang>`` from the server
(DashboardApp.interpolate_index); client-side navigation does not reload the document, so this
keeps ``document.documentElement.lang`` in sync with the URL, and names the tab after the page's
``<h1>`` (WCAG 2.4.2) so screen-reader users hear where a link took them.
"""
from __future__ import annotations

from dash import Input, Output

from dashboard.i18n import DEFAULT_LANG, LANGS

SYNC_JS = """
function(search, _children) {
    var langs = %s, lang = %s;
    try {
        var v = (new URLSearchParams(search || '').get('lang') || '').trim().toLowerCase().slice(0, 5);
        if (langs.indexOf(v) >= 0) { lang = v; }
    } catch (e) {}
    if (document.documentElement.lang !== lang) { document.documentElement.lang = lang; }
    window.requestAnimationFrame(function () {
        var h1 = document.querySelector('#page h1');
        var brand = document.querySelector('#site-header .navbar-brand');
        var site = brand ? brand.textContent.trim() : '';
        if (h1 && h1.textContent.trim()) {
            var t = h1.textContent.trim();
            document.title = site && site !== t ? t + ' \u2013 ' + site : t;
        }
    });
    return lang;
}
""" % (list(LANGS).__repr__(), repr(DEFAULT_LANG))


def register(app) -> None:
    app.clientside_callback(SYNC_JS, Output("a11y-lang", "data"), Input("url", "search"), Input("page", "children"))
