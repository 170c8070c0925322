"""Callbacks: Dash wiring only -- the page views they register live in dashboard/views.

Every module here with a ``register(app)`` is registered (one module per page); the router's also takes
``render_page`` (path -> page, header, footer), which the app factory passes in from layouts/: callbacks/
and layouts/ never import each other."""

from __future__ import annotations

import importlib
import pkgutil


def register(app, render_page) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        mod = importlib.import_module(f"{__name__}.{info.name}")
        if info.name == "router":
            mod.register(app, render_page)
        elif hasattr(mod, "register"):
            mod.register(app)
