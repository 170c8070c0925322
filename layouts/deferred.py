"""``Deferred``: a box whose children mount only after the page's first graph is drawn.

The browser side is ``assets/js/deferred.js`` (why and how: see there). Here is only the Dash component
class that names it in the layout; written by hand because it is one box with a few props and no build
step, in the form Dash's generator gives its component classes.
"""

from __future__ import annotations

from dash.development.base_component import Component, _explicitize_args


class Deferred(Component):
    """``children`` mount once the page's first plotly graph is drawn (or after 4 s); the browser then
    sets ``released`` (leave it unset). ``className`` should keep the room the children take (e.g.
    ``deferred-control`` for a dropdown) when they sit above a graph, so that nothing moves when they
    arrive."""

    _children_props: list = []
    _base_nodes = ["children"]
    _namespace = "dashboard_components"
    _type = "Deferred"

    def __init__(self, children=None, id=Component.UNDEFINED, className=Component.UNDEFINED, style=Component.UNDEFINED, released=Component.UNDEFINED, **kwargs):
        self._prop_names = ["children", "id", "className", "style", "released"]
        self._valid_wildcard_attributes = []
        self.available_properties = ["children", "id", "className", "style", "released"]
        self.available_wildcard_properties = []
        _explicit_args = kwargs.pop("_explicit_args")
        _locals = locals()
        args = {k: _locals[k] for k in _explicit_args if k != "children"}
        super().__init__(children=children, **args)


Deferred.__init__ = _explicitize_args(Deferred.__init__)
