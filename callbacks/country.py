"""/country/<ISO3> wiring: the "compare with…" view (``dashboard.views.country.VIEWS``)."""

from __future__ import annotations

from dashboard.views.country import VIEWS

from .wiring import register_views


def register(app) -> None:
    register_views(app, VIEWS)
