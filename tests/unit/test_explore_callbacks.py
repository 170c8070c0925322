"""Explorer callbacks called directly, on the committed data (expectations computed from data/)."""
from __future__ import annotations

import io

import pandas as pd
import pytest
from dash import Patch, no_update

from callbacks import explore as cb


@pytest.fixture()
def ctx(app):
    with app.server.app_context():
        yield


def test_bad_url_falls_back_with_notes(ctx, store):
    view, notes = cb.resolve_view(store, {"indicator": "nope", "sex": "zzz", "year": "abc", "countries": "PHL,XXX", "view": "pie"})
    assert view["indicator"] == cb.DEFAULT_INDICATOR and view["view"] == "map"
    assert view["countries"] == ["PHL"] and view["year"] == max(view["years"])
    text = " ".join(notes)
    assert "Unknown indicator" in text and "XXX" in text and "pie" in text and "abc" in text


def test_corridor_indicator_points_to_corridors(ctx, store):
    _view, notes = cb.resolve_view(store, {"indicator": "bilateral_remittances_usd_m"})
    assert any("Corridors page" in n for n in notes)


def test_huge_input_is_cut(ctx, store):
    view, notes = cb.resolve_view(store, {"indicator": "x" * 100000, "countries": ",".join(["PHL"] * 5000)})
    assert view["countries"] == ["PHL"] and all(len(n) < 400 for n in notes)


def test_initial_render_reads_url_and_year_change_is_a_patch(ctx, store):
    req = {"indicator": "trafficking_victims_detected", "sex": "total", "year": "2019", "breakdown": "forced_labour", "age": "all"}
    first = cb.compute(None, None, None, None, None, None, None, None, None, None, req, "en", None)
    assert first["indicator"] == "trafficking_victims_detected" and first["sex"] == "total" and first["year"] == 2019
    assert "breakdown=forced_labour" in first["search"] and first["breakdown_style"] == {}
    key = first["map_key"]
    nxt = cb.compute("explore-year", "trafficking_victims_detected", "total", "all", "forced_labour", 2018, [], [], "name", "map", req, "en", key)
    assert isinstance(nxt["map"], Patch)
    assert nxt["chart"] is no_update and nxt["table"] is no_update  # hidden tabs are not drawn
    assert nxt["indicator"] is no_update and nxt["country_options"] is no_update  # only the changed values travel
    assert "year=2018" in nxt["search"]
    df = store.indicator_frame("trafficking_victims_detected")
    expected = df[(df.year == 2018) & (df.sex == "total") & (df.age == "all") & (df.breakdown == "forced_labour") & (df.geo_type == "country")]
    assert f"{expected.geo_code.nunique()} countries" in nxt["summary"]


def test_chart_and_table_views(ctx, store):
    req = {"indicator": "migrant_stock", "sex": "female", "countries": "PHL,M49_001", "view": "table"}
    out = cb.compute(None, None, None, None, None, None, None, None, None, None, req, "en", None)
    assert out["chart"] is no_update  # the chart tab stays empty until it is shown
    rows = pd.DataFrame(out["table"].rowData)
    assert [c["field"] for c in out["table"].columnDefs][:3] == ["geo_name", "geo_code", "year"]
    df = store.indicator_frame("migrant_stock")
    want = df[(df.sex == "female") & df.geo_code.isin(["PHL", "M49_001"]) & (df.age == "all") & (df.breakdown == "total")]
    assert len(rows) == len(want) and set(rows["geo_code"]) == {"PHL", "M49_001"}
    chart = cb.compute("explore-view", "migrant_stock", "female", "all", "total", 2020, [], ["PHL", "M49_001"], "name", "chart", req, "en", out["map_key"])
    assert chart["table"] is no_update and chart["chart"].id == "explore-chart"
    names = {t.name for t in chart["chart"].figure.data}
    assert {"Philippines", "World"} <= names


def test_map_click_adds_country_and_links_profile(ctx):
    value, msg = cb.on_map_click({"points": [{"curveNumber": 1, "location": "KEN"}]}, ["PHL"], "en")
    assert value == ["PHL", "KEN"]
    assert any(getattr(c, "href", "") == "/country/KEN" for c in msg if not isinstance(c, str))
    assert cb.on_map_click({"points": [{"location": "<script>"}]}, [], "en") == (no_update, no_update)


def test_download_this_view_has_header_and_the_rows_shown(ctx, store):
    out, status = cb.download_view(1, "?indicator=remittance_cost_to_country&year=2015", "http://h/explore?indicator=remittance_cost_to_country&year=2015", "en")
    text = out["content"]
    assert "rows" in status
    assert text.startswith("# Title: Cost of sending remittances to the country")
    assert "# Page: http://h/explore?indicator=remittance_cost_to_country&year=2015" in text
    got = pd.read_csv(io.StringIO(text), comment="#")
    df = store.indicator_frame("remittance_cost_to_country")
    want = df[(df.year == 2015) & (df.geo_type == "country")]
    assert sorted(got["geo_code"]) == sorted(want["geo_code"].unique())


def test_only_published_combinations_are_offered(ctx, store):
    # GLOTIP publishes forms of exploitation for men by age band only, not for all ages together
    view, notes = cb.resolve_view(store, {"indicator": "trafficking_victims_detected", "sex": "male", "age": "all", "breakdown": "forced_labour"})
    df = store.indicator_frame("trafficking_victims_detected")
    published = set(df[(df.sex == "male") & (df.age == "all") & (df.geo_type == "country")].breakdown)
    assert set(view["breakdown_options"]) == published and view["breakdown"] in published
    assert any("forced_labour" in n for n in notes)
