"""Explorer callbacks called directly, on the committed data (expectations computed from data/)."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from dash import no_update

from bench.dash_protocol import callback_body, find_callback
from dashboard.figures.maps import hovertemplates, map_arrays
from dashboard.i18n import translator
from dashboard.indicators import queries as iq
from dashboard.views import explore as cb

from .map_updates import expand

BENCH_INDICATORS = ("remittance_cost_to_country", "migrant_stock", "trafficking_victims_detected")  # bench/bench_map_update.py


def controls(indicator, sex, age, breakdown, year, fill, countries, order, view) -> dict:
    """The explorer's control values, keyed as in the URL (what ``compute`` takes)."""
    return {
        "indicator": indicator,
        "sex": sex,
        "age": age,
        "breakdown": breakdown,
        "year": year,
        "fill": fill,
        "countries": countries,
        "order": order,
        "view": view,
    }


@pytest.fixture()
def ctx(app):
    with app.server.app_context():
        yield


def test_bad_url_falls_back_with_notes(ctx, store):
    view, notes = cb.resolve_view(store, {"indicator": "nope", "sex": "zzz", "year": "abc", "countries": "PHL,XXX", "view": "pie"})
    assert view.indicator == cb.DEFAULT_INDICATOR and view.tab == "map"
    assert view.countries == ("PHL",) and view.year == max(view.years)
    text = " ".join(notes)
    assert "Unknown indicator" in text and "XXX" in text and "pie" in text and "abc" in text


def test_corridor_indicator_points_to_corridors(ctx, store):
    _view, notes = cb.resolve_view(store, {"indicator": "bilateral_remittances_usd_m"})
    assert any("Corridors page" in n for n in notes)


def test_huge_input_is_cut(ctx, store):
    view, notes = cb.resolve_view(store, {"indicator": "x" * 100000, "countries": ",".join(["PHL"] * 5000)})
    assert view.countries == ("PHL",) and all(len(n) < 400 for n in notes)


def test_initial_render_reads_url_and_year_change_sends_only_values(ctx, store):
    req = {"indicator": "trafficking_victims_detected", "sex": "total", "year": "2019", "breakdown": "forced_labour", "age": "all"}
    first = cb.compute(None, req, "en", None)
    assert first["indicator"] == "trafficking_victims_detected" and first["sex"] == "total" and first["year"] == 2019
    assert "breakdown=forced_labour" in first["search"] and first["breakdown_style"] == {}
    key = first["map_key"]
    assert first["map"].layout.meta["key"] == key  # the drawn map says which slice it shows
    nxt = cb.compute("explore-year", controls("trafficking_victims_detected", "total", "all", "forced_labour", 2018, [], [], "name", "map"), "en", key)
    assert nxt["map"] is no_update and nxt["map_key"] is no_update  # no figure, not even a Patch
    assert nxt["map_values"]["k"] == key and nxt["map_values"]["y"] == 2018
    assert nxt["chart"] is no_update and nxt["table"] is no_update  # hidden tabs are not drawn
    assert nxt["indicator"] is no_update and nxt["country_options"] is no_update  # only the changed values travel
    assert "year=2018" in nxt["search"]
    df = store.indicator_frame("trafficking_victims_detected")
    expected = df[(df.year == 2018) & (df.sex == "total") & (df.age == "all") & (df.breakdown == "forced_labour") & (df.geo_type == "country")]
    assert f"{expected.geo_code.nunique()} countries" in nxt["summary"]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("fill", [False, True])
def test_year_change_values_rebuild_the_map_the_full_figure_would_draw(ctx, store, fill, lang):
    """Applied to the drawn map, a year change's values give the arrays, hover text and title a full figure of that year has."""
    _ = translator(lang)
    view, _n = cb.resolve_view(store, {"indicator": "trafficking_victims_detected", "fill": "1" if fill else None}, _)
    ind = store.indicator(view.indicator)
    drawn = cb.full_map(view, ind, cb.map_values(view), store, iq.store_geo_names(lang), lang, _)
    meta = drawn.layout.meta
    obs = {k: _(v) for k, v in cb.OBS_LABELS.items()}
    mixed = 0
    for year in view.years[::3]:
        out = cb.compute(
            "explore-year", controls(view.indicator, view.sex, view.age, view.breakdown, year, ["1"] if fill else [], [], "name", "map"), lang, meta["key"]
        )
        got = expand(out["map_values"], meta, list(drawn.data[1].locations))
        later = cb.full_map(view.with_(year=year), ind, cb.map_values(view.with_(year=year)), store, iq.store_geo_names(lang), lang, _)
        arrays = map_arrays(cb.map_values(view.with_(year=year)), store.countries, ind, year, obs)
        assert got["z"] == list(later.data[1].z) and got["colour"] == [None if c != c else c for c in later.data[3].marker.color]
        assert got["custom_z"] == arrays["custom_z"] and got["custom_colour"] == arrays["custom_colour"] and got["lat"] == arrays["lat"]
        assert got["hover"] == (later.data[1].hovertemplate, later.data[3].hovertemplate) == hovertemplates(ind, arrays)
        assert got["title"] == later.layout.title.text and str(year) in got["title"]
        assert got["no_data"] == list(later.data[0].locations) and len(later.data[0].z) == len(got["no_data"])
        mixed += got["custom_z"] is not None
    assert (mixed > 0) == fill  # with "fill", some years mix values from several years


def test_values_for_another_slice_are_never_sent(ctx):
    # the map drawn is of another slice (e.g. the answer to an older request): a year change redraws it
    out = cb.compute("explore-year", controls("migrant_stock", "female", "all", "total", 2015, [], [], "name", "map"), "en", "ipv_last_12m|female|all|total|en")
    assert out["map_values"] is no_update and out["map"].layout.meta["key"] == out["map_key"] == "migrant_stock|female|all|total|en"


def test_values_that_cannot_be_encoded_exactly_fall_back_to_the_figure(ctx, monkeypatch):
    real = cb.map_year_parts
    monkeypatch.setattr(cb, "map_year_parts", lambda *a: {**real(*a), "update": None})
    out = cb.compute(
        "explore-year", controls("migrant_stock", "female", "all", "total", 2015, [], [], "name", "map"), "en", "migrant_stock|female|all|total|en"
    )
    assert out["map_values"] is no_update and out["map"].data[1].z is not None


def _year_change_bodies(client, store, indicator_id, fill, lang):
    """The bodies the renderer posts when the slider goes through every year of the default slice."""
    cbk = find_callback(client.get("/_dash-dependencies").get_json(), "explore-map-values.data")
    view, _n = cb.resolve_view(store, {"indicator": indicator_id})
    values = {
        "explore-indicator.value": indicator_id,
        "explore-sex.value": view.sex,
        "explore-age.value": view.age,
        "explore-breakdown.value": view.breakdown,
        "explore-fill.value": ["1"] if fill else [],
        "explore-countries.value": [],
        "explore-order.value": "name",
        "explore-view.active_tab": "map",
        "explore-lang.data": lang,
        "explore-map-key.data": cb.slice_key(view, lang),
    }
    for year in view.years:
        yield year, callback_body(cbk, {**values, "explore-year.value": year}, changed=["explore-year.value"])


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
@pytest.mark.parametrize("fill", [False, True])
@pytest.mark.parametrize("indicator_id", BENCH_INDICATORS)
def test_year_change_response_is_at_most_2_kib_raw(app, ctx, store, indicator_id, fill, lang):
    """Issue #7: the whole POST /_dash-update-component answer to a year change, uncompressed, for every year."""
    client = app.server.test_client()
    sizes = []
    for year, body in _year_change_bodies(client, store, indicator_id, fill, lang):
        r = client.post("/_dash-update-component", json=body)  # no Accept-Encoding: the raw JSON
        assert r.status_code == 200 and r.headers.get("Content-Encoding") is None
        response = json.loads(r.data)["response"]
        assert "explore-map" not in response and response["explore-map-values"]["data"]["y"] == year
        sizes.append(len(r.data))
    assert sizes and max(sizes) <= 2048, f"{indicator_id} fill={fill} {lang}: largest year change {max(sizes)} B"


def test_chart_and_table_views(ctx, store):
    req = {"indicator": "migrant_stock", "sex": "female", "countries": "PHL,M49_001", "view": "table"}
    out = cb.compute(None, req, "en", None)
    assert out["chart"] is no_update  # the chart tab stays empty until it is shown
    rows = pd.DataFrame(out["table"].rowData)
    assert [c["field"] for c in out["table"].columnDefs][:3] == ["geo_name", "geo_code", "year"]
    df = store.indicator_frame("migrant_stock")
    want = df[(df.sex == "female") & df.geo_code.isin(["PHL", "M49_001"]) & (df.age == "all") & (df.breakdown == "total")]
    assert len(rows) == len(want) and set(rows["geo_code"]) == {"PHL", "M49_001"}
    chart = cb.compute("explore-view", controls("migrant_stock", "female", "all", "total", 2020, [], ["PHL", "M49_001"], "name", "chart"), "en", out["map_key"])
    drawn = chart["chart"].children  # the graph, in a box of its height (dashboard.views.components.graph)
    assert chart["table"] is no_update and drawn.id == "explore-chart" and chart["chart"].style == {"minHeight": "480px"}
    names = {t.name for t in drawn.figure.data}
    assert {"Philippines", "World"} <= names


def test_map_click_adds_country_and_links_profile(ctx):
    value, msg = cb.on_map_click({"points": [{"curveNumber": 1, "location": "KEN"}]}, ["PHL"], "en")
    assert value == ["PHL", "KEN"]
    assert any(getattr(c, "href", "") == "/country/KEN" for c in msg if not isinstance(c, str))
    assert cb.on_map_click({"points": [{"location": "<script>"}]}, [], "en") == (no_update, no_update)


def test_download_this_view_has_header_and_the_rows_shown(ctx, store):
    out, status = cb.download_view(
        1, "?indicator=remittance_cost_to_country&year=2015", "http://h/explore?indicator=remittance_cost_to_country&year=2015", "en"
    )
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
    assert set(view.breakdown_options) == published and view.breakdown in published
    assert any("forced_labour" in n for n in notes)
