"""Callbacks declared once as views: ``(function, outputs, inputs, states)``, each a list of
(component id, prop). The same list registers the callbacks and lets the page's layout draw its
first answer on the server (``layouts.common.prerender``), so opening a page calls nothing back."""
from __future__ import annotations

from dash import Input, Output, State


def register_views(app, views) -> None:
    for view, outputs, inputs, states in views:
        app.callback(
            *[Output(cid, prop, allow_duplicate=(cid == "url")) for cid, prop in outputs],  # pages share url.search
            *[Input(*i) for i in inputs], *[State(*st) for st in states],
            prevent_initial_call=True,  # the layout holds the first answer
        )(view)
