"""Page layouts: components only, no data wrangling. One module per page.

A page module declares ``ROUTE`` (a regex over the path; named groups become layout
keyword arguments), ``TITLE``, optionally ``NAV_ORDER``/``NAV_PATH``/``NAV_LABEL`` (shown in
the header menu) and ``BARE = True`` (no header/footer: /embed/ pages), and
``layout(lang, **query_params)``. Pages are discovered, so adding one touches no shared file.

Routing is ours rather than dash.pages': the router re-renders only when the *path*
changes, so a page can rewrite its query string (its view state) without being rebuilt.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import lru_cache
from types import ModuleType

from . import not_found


@lru_cache(maxsize=1)
def pages() -> tuple[ModuleType, ...]:
    mods = []
    for info in pkgutil.iter_modules(__path__):
        mod = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(mod, "ROUTE") and hasattr(mod, "layout"):
            mods.append(mod)
    return tuple(sorted(mods, key=lambda m: m.__name__))


@lru_cache(maxsize=1)
def routes() -> tuple[tuple[re.Pattern, ModuleType], ...]:
    return tuple((re.compile(m.ROUTE), m) for m in pages())


def nav_pages() -> list[ModuleType]:
    return sorted((m for m in pages() if getattr(m, "NAV_ORDER", None) is not None), key=lambda m: m.NAV_ORDER)


def resolve(pathname: str | None) -> tuple[ModuleType, dict]:
    path = (pathname if isinstance(pathname, str) and pathname else "/")[:300]  # a crafted request may send any JSON
    for pattern, module in routes():
        m = pattern.fullmatch(path)
        if m:
            return module, m.groupdict()
    return not_found, {}


def is_known_path(pathname: str) -> bool:
    return resolve(pathname)[0] is not not_found
