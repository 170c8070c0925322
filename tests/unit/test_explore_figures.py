"""Explorer building blocks on small frames: selections, map arrays, figures, cited CSV."""

from __future__ import annotations

import io
import math

import pandas as pd
import pytest

from dashboard.downloads import citation_header, csv_with_header, observation_rows
from dashboard.figures.maps import (
    MARKER_TRACE,
    VALUE_TRACE,
    applier_constants,
    hovertemplates,
    indicator_map,
    map_arrays,
    map_update,
)
from dashboard.figures.style import UN_MAP_DISCLAIMER
from dashboard.figures.timeseries import indicator_timeseries
from dashboard.indicators import queries as iq

from .map_updates import expand

IND = {
    "id": "x",
    "title": "Test indicator",
    "unit": "% of women",
    "unit_short": "%",
    "decimals": 1,
    "publisher": "Pub",
    "as_of": "2024-01-01",
    "licence": "CC BY 4.0",
    "citation": "Pub (2024).",
    "table": "observations",
    "mappable": True,
    "theme": "violence",
    "coverage": {"countries": 3, "sexes": ["female", "male"], "ages": ["all"], "breakdowns": ["total", "a"]},
    "reference_lines": [[3.0, "Target 3 %"]],
}
COUNTRIES = pd.DataFrame(
    {
        "iso3": ["AAA", "BBB", "CCC", "DDD"],
        "has_shape_110m": [True, True, True, False],
        "lon": [1.0, 2.0, 3.0, 4.0],
        "lat": [10.0, 20.0, 30.0, 40.123],
        "name_en": ["Aland", "Bland", "Cland", "Dland"],
        "region_code": ["002", "002", "150", None],
        "region_name": ["Africa", "Africa", "Europe", None],
        "subregion_code": [None] * 4,
        "subregion_name": [None] * 4,
    }
)


def obs(rows):
    cols = ["geo_code", "geo_type", "year", "period", "sex", "age", "breakdown", "value", "lower", "upper", "obs_type", "source_id", "note"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)


FRAME = obs(
    [
        ("AAA", "country", 2018, "2018", "female", "all", "total", 10.0, 8.0, 12.0, "survey", "s", None),
        ("AAA", "country", 2020, "2020", "female", "all", "total", 12.0, 9.0, 15.0, "survey", "s", None),
        ("AAA", "country", 2020, "2020", "male", "all", "total", 99.0, None, None, "survey", "s", None),
        ("AAA", "country", 2020, "2020", "female", "all", "a", 77.0, None, None, "survey", "s", None),
        ("BBB", "country", 2018, "2018", "female", "all", "total", 5.0, None, None, "estimate", "s", None),
        ("DDD", "country", 2020, "2020", "female", "all", "total", 3.0, None, None, "survey", "s", None),
        ("M49_001", "world", 2020, "2020", "female", "all", "total", 7.0, None, None, "estimate", "s", None),
    ]
)


def test_slice_never_mixes_sex_or_breakdown():
    sl = iq.select_slice(FRAME, "female", "all", "total")
    assert set(sl["value"]) == {10.0, 12.0, 5.0, 3.0, 7.0}
    assert 99.0 not in set(sl["value"]) and 77.0 not in set(sl["value"])
    assert iq.slice_years(sl) == [2018, 2020]


def test_map_values_exact_year_or_latest_earlier_with_its_year():
    sl = iq.select_slice(FRAME, "female", "all", "total")
    exact = iq.select_map_values(sl, 2020)
    assert sorted(exact["geo_code"]) == ["AAA", "DDD"]  # no aggregates, no carried values
    filled = iq.select_map_values(sl, 2020, fill_latest=True).set_index("geo_code")
    assert filled.loc["BBB", "year"] == 2018 and filled.loc["AAA", "year"] == 2020


def test_explorer_excludes_unmappable_and_corridor_indicators():
    cat = [IND, {**IND, "id": "c", "table": "corridors"}, {**IND, "id": "e", "mappable": False}, {**IND, "id": "r", "theme": "costs"}]
    assert [i["id"] for i in iq.explorer_indicators(cat)] == ["r", "x"]  # theme order: costs before violence
    other = iq.elsewhere_indicators(cat)
    assert [i["id"] for i in other["corridors"]] == ["c"] and [i["id"] for i in other["about"]] == ["e"]


def test_default_dimension_prefers_women_and_totals():
    assert iq.default_dimension(IND, "sexes") == "female"
    assert iq.default_dimension(IND, "breakdowns") == "total"


def test_map_arrays_fixed_order_nulls_and_hover_year():
    values = iq.select_map_values(iq.select_slice(FRAME, "female", "all", "total"), 2020, fill_latest=True)
    arr = map_arrays(values, COUNTRIES, IND, 2020, {"survey": "survey", "estimate": "estimate"})
    assert arr["z"] == [12.0, 5.0, None]  # AAA, BBB (2018 value), CCC no data
    assert arr["colour"] == [3.0] and arr["lat"] == [40.12]
    # values from different years: each country's hover says its own year
    assert arr["hover_line"] is None and arr["custom_z"][:2] == ["2020 · survey", "2018 · estimate"]
    exact = map_arrays(iq.select_map_values(iq.select_slice(FRAME, "female", "all", "total"), 2018), COUNTRIES, IND, 2018)
    assert exact["colour"] == [None] and exact["lat"] == [None]  # small state without a value: not drawn


@pytest.mark.parametrize("year, fill", [(2020, True), (2020, False), (2018, False), (2017, False)])
def test_map_update_holds_exactly_the_map_arrays(year, fill):
    values = iq.select_map_values(iq.select_slice(FRAME, "female", "all", "total"), year, fill_latest=fill)
    obs = {"survey": "survey", "estimate": "estimate"}
    arrays = map_arrays(values, COUNTRIES, IND, year, obs)
    update = map_update(values, COUNTRIES, IND, year, obs)
    got = expand(update, applier_constants(IND, COUNTRIES))
    assert {k: got[k] for k in ("z", "colour", "lat", "custom_z", "custom_colour")} == {
        k: arrays[k] for k in ("z", "colour", "lat", "custom_z", "custom_colour")
    }
    assert got["hover"] == hovertemplates(IND, arrays)
    assert ("i" in update) == (arrays["hover_line"] is None)  # per-country labels only when they differ


def test_map_update_labels_are_indexes_into_distinct_sources():
    values = iq.select_map_values(iq.select_slice(FRAME, "female", "all", "total"), 2020, fill_latest=True)
    update = map_update(values, COUNTRIES, IND, 2020, {"survey": "enquête", "estimate": "estimation"})
    assert update["y"] == 2020 and update["t"] == ["enquête", "estimation"]
    assert sorted(map(tuple, update["l"])) == [(2018, 1), (2020, 0)]
    assert all(isinstance(update[k], str) for k in ("z", "c", "i"))


def test_indicator_map_has_no_data_legend_source_and_disclaimer():
    values = iq.select_map_values(iq.select_slice(FRAME, "female", "all", "total"), 2020)
    fig = indicator_map(values, COUNTRIES, IND, 2020, "% · 2020", {"AAA": "Aland"}, (0.0, 12.0, False))
    assert fig.data[0].name == "No data" and fig.data[0].showlegend
    # "No data" under the countries without a value only, named as in the value trace
    valued = {loc for loc, z in zip(fig.data[VALUE_TRACE].locations, fig.data[VALUE_TRACE].z) if z is not None}
    assert set(fig.data[0].locations) == set(fig.data[VALUE_TRACE].locations) - valued and len(fig.data[0].z) == len(fig.data[0].locations)
    assert [n for loc, n in zip(fig.data[VALUE_TRACE].locations, fig.data[VALUE_TRACE].text) if loc not in valued] == list(fig.data[0].text)
    assert list(fig.data[VALUE_TRACE].locations) == ["AAA", "BBB", "CCC"]
    assert math.isnan(fig.data[MARKER_TRACE].lat[0]) is False and fig.data[MARKER_TRACE].marker.color[0] == 3.0
    texts = " ".join(a.text for a in fig.layout.annotations)
    assert "Pub" in texts and UN_MAP_DISCLAIMER in texts and "CC BY 4.0" in texts
    assert "2020" in fig.layout.title.text and fig.layout.coloraxis.colorbar.title.text.startswith("%")


def test_map_areas_that_are_no_country_are_drawn_as_land_instead_of_the_land_layer():
    values = iq.select_map_values(iq.select_slice(FRAME, "female", "all", "total"), 2020)
    plain = indicator_map(values, COUNTRIES, IND, 2020, "% · 2020", {}, (0.0, 12.0, False))
    assert plain.layout.geo.showland is True and len(plain.data) == 4
    fig = indicator_map(values, COUNTRIES, IND, 2020, "% · 2020", {}, (0.0, 12.0, False), map_areas=("AAA", "XJK", "BBB", "XAP"))
    assert fig.layout.geo.showland is False
    land = fig.data[4]  # after the four traces a year change patches (assets/explore.js), which keep their places
    assert list(land.locations) == ["XJK", "XAP"] and list(land.z) == [0, 0] and land.hoverinfo == "skip" and land.showscale is False
    assert {c[1] for c in land.colorscale} == {fig.layout.geo.landcolor}
    assert [t.to_plotly_json() for t in fig.data[:4]] == [t.to_plotly_json() for t in plain.data]


def test_map_area_ids_are_the_served_topology_country_layer(store):
    from dashboard.data import map_area_ids
    from dashboard.figures.maps import map_geometry

    ids = map_area_ids()
    shaped, _dotted = map_geometry(store.countries)
    assert set(shaped) <= set(ids) and len(ids) == len(set(ids))
    # what is left are areas that are no country of the table; the UN map has a few (e.g. Aksai Chin)
    assert 0 < len(set(ids) - set(shaped)) < 20 and set(ids) - set(shaped) <= {i for i in ids if i.startswith("X")}
    assert map_area_ids("no_such_topology") == ()


def test_timeseries_bands_reference_lines_and_dashed_aggregates():
    sl = iq.select_slice(FRAME, "female", "all", "total")
    fig = indicator_timeseries(iq.select_series(sl, ("AAA", "M49_001")), IND, "%", {"AAA": "Aland", "M49_001": "World"})
    fills = [t for t in fig.data if t.fill == "toself"]
    assert len(fills) == 1 and list(fills[0].y) == [12.0, 15.0, 9.0, 8.0]
    lines = {t.name: t for t in fig.data if t.mode == "lines+markers"}
    assert lines["World"].line.dash == "dash" and lines["Aland"].line.dash == "solid"
    assert any(s.y0 == 3.0 for s in fig.layout.shapes)
    assert lines["Aland"].marker.symbol != lines["World"].marker.symbol  # not colour alone


def test_csv_header_then_rows():
    rows = observation_rows(iq.select_map_values(iq.select_slice(FRAME, "female", "all", "total"), 2020), "x", {"AAA": "Aland"}, "female", "all", "total")
    text = csv_with_header(rows, citation_header(IND, page_url="http://h/explore?indicator=x", selection="year=2020"))
    head = [l for l in text.splitlines() if l.startswith("# ")]
    assert head[0] == "# Title: Test indicator"
    assert any(l == "# Licence: CC BY 4.0" for l in head) and any(l.startswith("# Page: http://h/explore") for l in head)
    df = pd.read_csv(io.StringIO(text), comment="#")
    assert list(df["geo_code"]) == ["AAA", "DDD"] and list(df["geo_name"]) == ["Aland", "DDD"]
    assert list(df["value"]) == [12.0, 3.0]


@pytest.mark.parametrize("codes", [("ZZZ",), ()])
def test_series_of_unknown_codes_is_empty(codes):
    assert iq.select_series(iq.select_slice(FRAME, "female", "all", "total"), codes).empty
