"""/ratifications is drawn with its views in place: no callback when it opens (dashboard.views.prerender.prerender)."""

from __future__ import annotations

import json
import threading

from plotly.utils import PlotlyJSONEncoder

from dashboard.views import ratifications as cb
from dashboard.views.prerender import components_by_id
from layouts import ratifications as layout_mod


def _in_fresh_thread(fn):
    """gunicorn serves from threads that never ran a callback (Dash's context variable is unset there)."""
    box = {}

    def run():
        try:
            box["value"] = fn()
        except Exception as e:  # re-raised below, in the test's thread
            box["error"] = e

    t = threading.Thread(target=run)
    t.start()
    t.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


def test_every_view_is_in_the_layout_as_its_callback_would_draw_it(app):
    with app.server.app_context():
        page = _in_fresh_thread(lambda: layout_mod.layout(lang="en", instrument="UN-CEDAW", as_of="2010-06-30", country="PHL"))
        parts = components_by_id(page)
        want_map = cb.status_view("UN-CEDAW", "2010-06-30", 2010, 0, 0, True, "en")
        assert json.dumps(parts["ratifications-map"].figure, cls=PlotlyJSONEncoder) == json.dumps(want_map[0], cls=PlotlyJSONEncoder)
        assert parts["ratifications-as-of"].value == "2010-06-30" and parts["ratifications-year"].value == 2010
        assert parts["ratifications-matrix"].rowData and parts["ratifications-matrix"].columnDefs
        assert "Philippines" in str(parts["ratifications-country-panel"].children)
        for view in cb.VIEWS:
            for cid, prop in view.outputs:
                assert cid in parts or cid == "url", (view.function.__name__, cid)
        assert "page-canonical" in parts  # compare, from and to were left out of the address


def test_the_views_are_not_called_when_the_page_opens(app):
    deps = app.server.test_client().get("/_dash-dependencies").get_json()
    views = [d for d in deps if "ratifications-" in d["output"] or any("ratifications-" in i["id"] for i in d["inputs"])]
    assert len(views) == len(cb.VIEWS) and all(d["prevent_initial_call"] is True for d in views)
