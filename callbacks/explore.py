"""/explore wiring: the page's view (``dashboard.views.explore.VIEWS``), the map click, the 'this view'
download, and the clientside parts (play, applying a year's values to the drawn map, copy link, embed code)."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State

from dashboard.views.explore import VIEWS, download_view, on_map_click

from .wiring import register_views


def register(app) -> None:
    register_views(app, VIEWS)  # prevent_initial_call: the layout holds the URL's view already
    app.callback(
        Output("explore-countries", "value", allow_duplicate=True),
        Output("explore-clicked", "children"),
        Input("explore-map", "clickData"),
        State("explore-countries", "value"),
        State("explore-lang", "data"),
        prevent_initial_call=True,
    )(on_map_click)
    app.callback(
        Output("explore-download", "data"),
        Output("explore-download-status", "children"),
        Input("explore-download-view", "n_clicks"),
        State("url", "search"),
        State("url", "href"),
        State("explore-lang", "data"),
        prevent_initial_call=True,
    )(download_view)
    app.clientside_callback(
        ClientsideFunction(namespace="explore", function_name="play"),
        Output("explore-year", "value", allow_duplicate=True),
        Output("explore-play-timer", "disabled"),
        Output("explore-play", "children"),
        Output("explore-play", "aria-pressed"),
        Input("explore-play", "n_clicks"),
        Input("explore-play-timer", "n_intervals"),
        State("explore-year", "marks"),
        State("explore-year", "value"),
        State("explore-play-timer", "disabled"),
        State("explore-play-labels", "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="explore", function_name="applyMapValues"),
        Output("explore-map", "figure", allow_duplicate=True),
        Input("explore-map-values", "data"),
        State("explore-map", "figure"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="explore", function_name="copyLink"),
        Output("explore-copy", "content"),
        Input("explore-copy", "n_clicks"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="explore", function_name="embedCode"),
        Output("explore-embed-code", "value"),
        Input("url", "search"),
        State("explore-embed-title", "data"),
    )
