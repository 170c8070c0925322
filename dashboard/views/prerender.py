"""Views declared once, run twice: registered as callbacks (``callbacks/wiring.py``) and run on the server
for a page's first draw (``prerender``), so opening a page calls nothing back."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import NamedTuple
from urllib.parse import parse_qsl

from dash import ctx, dcc, no_update
from dash.exceptions import MissingCallbackContextException

from dashboard.i18n import DEFAULT_LANG

Prop = tuple[str, str]  # (component id, property)
URL_SEARCH: Prop = ("url", "search")
_first_draw: ContextVar[bool] = ContextVar("first_draw", default=False)


class View(NamedTuple):
    """A page callback: ``function(*inputs, *states)`` returns its ``outputs`` (one value, or a tuple).
    ``shared``: outputs other callbacks write too (``allow_duplicate``); every page writes ``url.search``."""

    function: Callable
    outputs: list[Prop]
    inputs: list[Prop]
    states: list[Prop]
    shared: frozenset = frozenset({URL_SEARCH})


def triggered() -> list[str]:
    """``component.prop`` of the inputs that fired this call; none on a page's first draw (``prerender``),
    even when that runs inside another callback (the router's, on moving to the page)."""
    if _first_draw.get():
        return []
    try:
        return list(ctx.triggered_prop_ids or {})
    except (MissingCallbackContextException, LookupError):  # Dash 4.4 raises LookupError in a thread that never ran a callback
        return []


def components_by_id(tree) -> dict:
    # Component._traverse is private, but Dash offers no public walk over a layout tree.
    return {c.id: c for c in [tree, *tree._traverse()] if isinstance(getattr(c, "id", None), str)}


def fill_props(tree, values: dict) -> None:
    """Set ``{(component id, prop): value}`` on the components of ``tree``: a page drawn with its
    callback's answer already in place, so opening it waits on no callback. Every id must exist."""
    by_id = components_by_id(tree)
    for (cid, prop), value in values.items():
        setattr(by_id[cid], prop, value)


def canonical_address(canonical: str, asked: dict, lang: str) -> list:
    """A ``page-canonical`` store when the address the page was opened at leaves out parts of what it
    shows (e.g. /explore: no indicator, no year): the browser then puts ``canonical`` (a query string) in
    the address bar in place (callbacks/router.py). ``asked``: the page's own query parameters as given."""
    asked = {k: str(v) for k, v in asked.items() if v not in (None, "")}
    if lang != DEFAULT_LANG:
        asked["lang"] = lang
    if dict(parse_qsl(canonical.lstrip("?"), keep_blank_values=True)) == asked:
        return []
    return [dcc.Store(id="page-canonical", data=canonical)]


def prerender(tree, views, asked: dict, lang: str) -> None:
    """Run a page's views on the server, in order, the way Dash's first calls would run them in the
    browser: inputs and states read from ``tree``, outputs written back to it (``fill_props``), so a
    later view sees what an earlier one set. The callbacks are registered with ``prevent_initial_call``.
    A view's ``url.search`` is the address of what the page shows: compared with ``asked`` (the page's
    own query parameters as given) by ``canonical_address``, whose store ``tree`` then gets."""
    by_id = components_by_id(tree)
    for view in views:
        function, outputs, inputs, states = view[:4]
        token = _first_draw.set(True)
        try:
            result = function(*[getattr(by_id[cid], prop, None) for cid, prop in [*inputs, *states]])
        finally:
            _first_draw.reset(token)
        result = result if len(outputs) > 1 else (result,)
        values = {out: value for out, value in zip(outputs, result) if value is not no_update}
        search = values.pop(URL_SEARCH, None)
        fill_props(tree, values)
        if search is not None:
            tree.children += canonical_address(search, asked, lang)
