"""Path -> page layout. Re-renders only when the path changes (view state lives in the query string).

The first page of a visit is normally in the layout already (``layouts.shell.layout`` renders it for
the address that asked for it, and starts ``dcc.Location`` with that address), so the router is not
called when the page opens. It runs when the path changes: client-side navigation, and the first
page when the address was unknown (``dcc.Location`` then fills in ``pathname`` on mount).
What it draws comes from ``render_page`` (``layouts.shell.render_page``), which the app factory passes in.
"""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State


def register(app, render_page) -> None:
    app.callback(
        Output("page", "children"),
        Output("site-header", "children"),
        Output("site-footer", "children"),
        Input("url", "pathname"),
        State("url", "search"),
        prevent_initial_call=True,
    )(render_page)
    app.clientside_callback(  # assets/js/address.js; the store is in a page only when its address needs it
        ClientsideFunction(namespace="address", function_name="canonical"),
        Output("url", "search", allow_duplicate=True),
        Output("url", "href", allow_duplicate=True),
        Input("page-canonical", "data"),
        prevent_initial_call="initial_duplicate",
    )
