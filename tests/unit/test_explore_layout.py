"""The explorer page is drawn with its callback's answer for the URL already in place."""

from __future__ import annotations

import json

import pytest
from dash import html, no_update
from plotly.utils import PlotlyJSONEncoder

from dashboard.views import explore as cb
from dashboard.views.prerender import canonical_address, components_by_id, fill_props
from layouts import explore as layout_mod


@pytest.fixture()
def ctx(app):
    with app.server.app_context():
        yield


def _json(value) -> str:
    return json.dumps(value, cls=PlotlyJSONEncoder, sort_keys=True)


def test_the_layout_carries_every_output_of_the_first_view(ctx, store):
    page = layout_mod.layout(lang="en", indicator="migrant_stock", sex="female", year="2020", countries="PHL")
    out = cb.compute(None, {"indicator": "migrant_stock", "sex": "female", "year": "2020", "countries": "PHL"}, "en", None)
    search = out.pop("search")
    parts = components_by_id(page)
    for k, value in out.items():
        if value is not no_update:
            cid, prop = cb.OUTPUTS[k]
            assert _json(getattr(parts[cid], prop)) == _json(value), (cid, prop)
    assert parts["explore-indicator"].value == "migrant_stock" and parts["explore-year"].value == 2020
    assert parts["explore-countries"].value == ["PHL"] and parts["explore-map"].figure.data[1].z is not None
    assert parts["explore-map-key"].data == "migrant_stock|female|all|total|en"
    assert search.startswith("?indicator=migrant_stock&sex=female")
    assert parts["page-canonical"].data == search  # age and breakdown were left out of the address


def test_a_complete_address_needs_no_correction(ctx, store):
    view, _notes = cb.ExploreView.from_query({"indicator": "migrant_stock"}, "fr")
    search = view.to_query("fr")
    params = dict(p.split("=", 1) for p in search.lstrip("?").split("&"))
    page = layout_mod.layout(**params)
    assert "page-canonical" not in components_by_id(page)
    asked = {k: params.get(k) for k in layout_mod.URL_PARAMS}
    assert canonical_address(search, asked, "fr") == []
    assert canonical_address(search, asked, "en")[0].data == search  # the address lacks its lang=fr


def test_the_callback_is_not_called_when_the_page_opens(app):
    deps = app.server.test_client().get("/_dash-dependencies").get_json()
    main = next(d for d in deps if "explore-map-values.data" in d["output"])
    assert main["prevent_initial_call"] is True
    assert "explore-requested" not in str(main["state"])


def test_fill_props_names_a_missing_component():
    tree = html.Div([html.Span(id="a")], id="root")
    fill_props(tree, {("a", "children"): "x", ("root", "title"): "t"})
    assert tree.children[0].children == "x" and tree.title == "t"
    with pytest.raises(KeyError):
        fill_props(tree, {("nope", "children"): "x"})


def test_the_first_draw_inside_the_router_callback_is_still_a_first_draw(app, store):
    """Moving to /explore from another page draws it inside the router's callback: the explorer must
    still answer as for a first draw (every control set), not as for a change of that callback's input."""
    from dash._callback_context import context_value
    from dash._utils import AttributeDict

    with app.server.test_request_context("/_dash-update-component", method="POST"):
        token = context_value.set(AttributeDict(triggered_inputs=[{"prop_id": "url.pathname", "value": "/explore"}]))
        try:
            page = layout_mod.layout(lang="en", indicator="migrant_stock")
        finally:
            context_value.reset(token)
    parts = components_by_id(page)
    assert parts["explore-view"].active_tab == "map" and parts["explore-order"].value == "name"
    assert parts["explore-fill"].value == [] and parts["explore-countries"].value == []
