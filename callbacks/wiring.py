"""Page views (``dashboard/views``) registered as Dash callbacks: the same declarations the layouts run
for a page's first draw (``dashboard.views.prerender``), so opening a page calls nothing back."""

from __future__ import annotations

from dash import Input, Output, State


def register_views(app, views) -> None:
    for view in views:
        function, outputs, inputs, states = view[:4]
        shared = view.shared if hasattr(view, "shared") else {("url", "search")}
        app.callback(
            *[Output(cid, prop, allow_duplicate=((cid, prop) in shared)) for cid, prop in outputs],
            *[Input(*i) for i in inputs],
            *[State(*st) for st in states],
            prevent_initial_call=True,  # the layout holds the first answer
        )(function)
