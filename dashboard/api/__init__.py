"""Public read-only HTTP endpoints (data API under /api/v1/, feeds under /feeds/).

Every module in this package that defines a Flask ``blueprint`` is registered, so adding
an endpoint touches no shared file. Errors are JSON with a 4xx status, never HTML tracebacks.
"""

from __future__ import annotations

import importlib
import pkgutil

from flask import Flask


def register(server: Flask) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        mod = importlib.import_module(f"{__name__}.{info.name}")
        bp = getattr(mod, "blueprint", None)
        if bp is not None:
            server.register_blueprint(bp)
