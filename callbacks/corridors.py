"""/corridors wiring: the page's views (``dashboard.views.corridors.VIEWS``) as callbacks."""

from __future__ import annotations

from dashboard.views.corridors import VIEWS

from .wiring import register_views


def register(app) -> None:
    register_views(app, VIEWS)
