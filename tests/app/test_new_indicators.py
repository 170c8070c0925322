"""The indicators the data branches added reach the explorer and the country profiles; national figures carry
a visible "national figure" mark; a national series nobody else publishes is no "gap" elsewhere."""

from __future__ import annotations

import json

import pytest

from dashboard.countries import profiles
from dashboard.indicators.queries import explorer_indicators, is_national_figure
from tests.app.test_first_page_layout import _find, _layout

NEW = (
    "emigrant_stock",
    "emigrant_women_share",
    "population_thousands",
    "trafficking_victims_per_100k",
    "remittance_cost_from_country_national",
    "remittance_cost_to_country_national",
)


def _text(node) -> str:
    return json.dumps(node, ensure_ascii=False)


def test_national_rule_follows_the_catalog(store):
    national = {i["id"] for i in store.catalog["indicators"] if is_national_figure(i)}
    assert national == {"remittance_corridor_cost_national", "remittance_cost_from_country_national", "remittance_cost_to_country_national"}
    assert all("national figure" in store.indicator(i)["title"] for i in national)


def test_explorer_lists_and_maps_the_new_indicators(client, store):
    listed = {i["id"] for i in explorer_indicators(store.catalog["indicators"])}
    assert set(NEW) <= listed
    layout, _ = _layout(client, "http://localhost/explore")
    options = _text(_find(layout, "explore-indicator")["props"]["options"])
    assert all(f'"{i}"' in options for i in NEW)
    for ind in NEW:
        layout, _ = _layout(client, f"http://localhost/explore?indicator={ind}")
        fig = _find(layout, "explore-map")["props"]["figure"]
        drawn = [v for t in fig["data"] if t.get("type") == "choropleth" for v in (t.get("z") or []) if v is not None]
        assert drawn, ind
        info = _text(_find(layout, "explore-info"))
        assert ("National figure" in info) == is_national_figure(store.indicator(ind)), ind


@pytest.mark.parametrize("iso3,national_keys", [("ARM", {"cost_to_country_national"}), ("GBR", {"cost_from_country_national"}), ("FRA", set())])
def test_profile_blocks(client, store, iso3, national_keys):
    layout, _ = _layout(client, f"http://localhost/country/{iso3}")
    keys = {}
    for table in ("country-context-table", "country-costs-table", "country-violence-table"):
        body = next(c for c in _find(layout, table)["props"]["children"] if c["type"] == "Tbody")
        keys |= {r["props"]["data-key"]: r for r in body["props"]["children"]}
    assert {"emigrant_stock", "emigrant_women_share", "population", "trafficking_victims_per_100k"} <= set(keys)
    shown_national = {k for k in keys if k.endswith("_national")}
    assert shown_national == national_keys
    for k in shown_national:
        assert "National figure" in _text(keys[k])
    assert "National figure" not in _text(keys["emigrant_stock"])
    p = profiles.country_profile(iso3)
    assert not any(is_national_figure(store.indicator(g["indicator_id"])) for g in p["gaps"] if g["kind"] == "missing")
    values = {h["key"]: h["value"] for h in profiles.headline_rows(p)}
    obs = store.indicator_frame("population_thousands")
    latest = obs[(obs["geo_code"] == iso3) & (obs["sex"] == "total")].sort_values("year").iloc[-1]
    assert values["population"] == pytest.approx(float(latest["value"]))


def test_profile_comparison_keeps_national_rows_only_where_a_side_has_one(client):
    layout, _ = _layout(client, "http://localhost/country/ARM?compare=FRA")
    table = _text(_find(layout, "country-compare-table"))
    assert "cost_to_country_national" in table and "cost_from_country_national" not in table


def test_corridor_page_shows_the_national_office_series_with_its_mark(client, store):
    c = store.corridors
    national = c[c["indicator_id"] == "remittance_corridor_cost_national"]
    origin, destination = national.iloc[0]["origin_iso3"], national.iloc[0]["destination_iso3"]
    mine = national[(national["origin_iso3"] == origin) & (national["destination_iso3"] == destination)].sort_values("period")
    layout, _ = _layout(client, f"http://localhost/corridors?from={origin}&to={destination}")
    section = _find(layout, "corridors-national-costs")
    assert section is not None and "National figure" in _text(section)
    body = next(x for x in _find(section, "corridors-national-cost-table")["props"]["children"] if x["type"] == "Tbody")["props"]["children"]
    assert [r["props"]["children"][0]["props"]["children"] for r in body] == mine["period"].tolist()
    assert [r["props"]["children"][1]["props"]["children"] for r in body] == [f"{v:.2f} %" for v in mine["value"]]
    other, _ = _layout(client, "http://localhost/corridors?from=USA&to=MEX")
    assert _find(other, "corridors-national-costs") is None
