"""Callbacks: thin -- parse inputs, call queries and figure builders, return.

Every module here with a ``register(app)`` is registered (one module per page)."""
from __future__ import annotations

import importlib
import pkgutil


def register(app) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        mod = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(mod, "register"):
            mod.register(app)
