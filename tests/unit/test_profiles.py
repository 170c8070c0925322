"""Country profile assembly (dashboard/countries/profiles.py) on small hand-built tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.countries import profiles

NAN = np.nan


def countries() -> pd.DataFrame:
    rows = [
        # iso3, name, region, subregion, un_status
        ("AAA", "Alpha", "142", "Asia", "145", "Western Asia", "member"),
        ("BBB", "Bravo", "142", "Asia", "145", "Western Asia", "member"),
        ("CCC", "Charlie", "142", "Asia", "145", "Western Asia", "member"),
        ("DDD", "Delta", "142", "Asia", "145", "Western Asia", "other"),
        ("EEE", "Echo", "142", "Asia", "034", "Southern Asia", "member"),
        ("ZZZ", "Zulu", None, None, None, None, "other"),
    ]
    df = pd.DataFrame(rows, columns=["iso3", "name_en", "region_code", "region_name", "subregion_code", "subregion_name", "un_status"])
    df["name_fr"] = df["name_en"]
    df["name_es"] = df["name_en"]
    df["m49"] = ["001", "002", "003", "004", "005", None]
    df["sdg_region"] = "Somewhere"
    df["income_group"] = "High income"
    return df


def obs(rows) -> pd.DataFrame:
    cols = ["indicator_id", "geo_code", "geo_type", "year", "period", "sex", "age", "breakdown", "value", "lower", "upper", "obs_type", "source_id", "note"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols).astype({"year": "int64", "value": "float64", "lower": "float64", "upper": "float64"})


def o(ind, geo, year, value, sex="total", geo_type="country", lower=NAN, upper=NAN, period=None, age="all", breakdown="total"):
    return (ind, geo, geo_type, year, period or str(year), sex, age, breakdown, value, lower, upper, "estimate", "src", None)


def test_normalise_code():
    assert profiles.normalise_code("phl") == "PHL"
    assert profiles.normalise_code(" Sau ") == "SAU"
    for bad in ("", None, "PH", "PHLX", "<script>", "P1L", "ÄBC", 12):
        assert profiles.normalise_code(bad) is None


def test_peer_groups_subregion_then_region():
    g = profiles.peer_groups(countries(), "AAA")
    assert [x["level"] for x in g] == ["subregion", "region"]
    assert g[0]["members"] == ["AAA", "BBB", "CCC", "DDD"]
    assert g[1]["members"] == ["AAA", "BBB", "CCC", "DDD", "EEE"]
    assert profiles.peer_groups(countries(), "ZZZ") == []
    assert profiles.peer_groups(countries(), "QQQ") == []


def test_neighbours_wrap_around():
    c = countries()
    assert profiles.neighbours(c, "AAA") == ("ZZZ", "BBB")
    assert profiles.neighbours(c, "ZZZ") == ("EEE", "AAA")
    assert profiles.neighbours(c, "QQQ") == (None, None)


def test_regional_comparison_prefers_published_subregion_figure():
    df = obs(
        [
            o("x", "AAA", 2020, 10),
            o("x", "BBB", 2020, 20),
            o("x", "CCC", 2020, 40),
            o("x", "M49_145", 2020, 33, geo_type="region"),
            o("x", "M49_142", 2020, 99, geo_type="region"),
        ]
    )
    groups = profiles.peer_groups(countries(), "AAA")
    r = profiles.regional_comparison(df, groups, "AAA", 2020, "total", "all", "total")
    assert r == {"value": 33.0, "method": "published", "n": None, "name": "Western Asia", "level": "subregion", "year": 2020}


def test_regional_comparison_median_when_no_published_figure_and_only_same_year():
    df = obs([o("x", "AAA", 2020, 10), o("x", "BBB", 2020, 20), o("x", "CCC", 2020, 40), o("x", "DDD", 2019, 1000)])
    groups = profiles.peer_groups(countries(), "AAA")
    r = profiles.regional_comparison(df, groups, "AAA", 2020, "total", "all", "total")
    # median of 10, 20, 40 (DDD's 2019 value is another year and does not count)
    assert r["method"] == "median" and r["value"] == 20.0 and r["n"] == 3 and r["level"] == "subregion"


def test_regional_comparison_falls_back_to_region_then_none():
    df = obs([o("x", "AAA", 2020, 10), o("x", "BBB", 2020, 20), o("x", "EEE", 2020, 50)])
    groups = profiles.peer_groups(countries(), "AAA")
    r = profiles.regional_comparison(df, groups, "AAA", 2020, "total", "all", "total")
    assert r["level"] == "region" and r["value"] == 20.0 and r["n"] == 3  # median of 10, 20, 50
    few = obs([o("x", "AAA", 2020, 10), o("x", "BBB", 2020, 20)])
    assert profiles.regional_comparison(few, groups, "AAA", 2020, "total", "all", "total") is None


def test_counts_skip_published_totals():
    df = obs([o("x", "AAA", 2020, 10), o("x", "BBB", 2020, 20), o("x", "CCC", 2020, 30), o("x", "M49_145", 2020, 60, geo_type="region")])
    groups = profiles.peer_groups(countries(), "AAA")
    r = profiles.regional_comparison(df, groups, "AAA", 2020, "total", "all", "total", published=False)
    assert r["method"] == "median" and r["value"] == 20.0


def test_headline_latest_value_with_interval():
    df = obs([o("ipv", "AAA", 2010, 5.0), o("ipv", "AAA", 2018, 4.9, lower=3.2, upper=7.7), o("ipv", "AAA", 2018, 99, sex="male")])
    h = profiles.headline(df, [], "AAA", "k", {"id": "ipv"}, "total", "all", "total")
    assert (h["value"], h["year"], h["lower"], h["upper"], h["first_year"], h["n_years"]) == (4.9, 2018, 3.2, 7.7, 2010, 2)
    assert h["region"] is None
    missing = profiles.headline(df, [], "BBB", "k", {"id": "ipv"}, "total", "all", "total")
    assert missing["value"] is None and missing["year"] is None


def test_select_keeps_latest_period_label_per_year():
    df = obs([o("x", "AAA", 2015, 1.0, period="2015"), o("x", "AAA", 2015, 2.0, period="2015b")])
    s = profiles.select(df, "AAA", "total", "all", "total")
    assert s["value"].tolist() == [2.0]


EVENTS_COLS = ["instrument_id", "iso3", "action", "date", "in_force_date", "source_id", "as_of", "note"]


def events(rows) -> pd.DataFrame:
    return pd.DataFrame([dict(zip(EVENTS_COLS, r)) for r in rows], columns=EVENTS_COLS)


INSTRUMENTS = [
    {"id": "I-COMPLETE", "title": "Complete", "short_title": "C", "depositary": "SG", "completeness": "complete", "as_of": "2024-01-01"},
    {
        "id": "I-STALE",
        "title": "Stale",
        "short_title": "S",
        "depositary": "SG",
        "completeness": "stale",
        "completeness_note": "old list",
        "as_of": "2015-01-01",
    },
    {"id": "I-NONE", "title": "None", "short_title": "N", "depositary": "DG", "completeness": "none", "as_of": None},
]


def test_ratifications_statuses_rank_and_peers():
    ev = events(
        [
            ("I-COMPLETE", "BBB", "ratification", "1990-01-01", None, "s", "2024-01-01", None),
            ("I-COMPLETE", "AAA", "accession", "2000-05-05", None, "s", "2024-01-01", None),
            ("I-COMPLETE", "EEE", "ratification", "1995-01-01", None, "s", "2024-01-01", None),
            ("I-COMPLETE", "DDD", "ratification", "1980-01-01", None, "s", "2024-01-01", None),  # not a UN state: not a peer
            ("I-STALE", "BBB", "ratification", "2001-01-01", None, "s", "2015-01-01", None),
            ("I-STALE", "CCC", "party_undated", None, None, "s", "2015-01-01", None),
        ]
    )
    rows = {r["instrument_id"]: r for r in profiles.ratifications(ev, INSTRUMENTS, countries(), "AAA", "2025-01-01")}
    c = rows["I-COMPLETE"]
    assert (c["status"], c["date"], c["action"]) == ("party", "2000-05-05", "accession")
    assert c["parties_before"] == 3 and c["n_dated_parties"] == 4  # BBB, EEE, DDD joined before
    assert (c["peers_parties"], c["peers_total"], c["peers_name"]) == (2, 3, "Western Asia")  # AAA, BBB of AAA/BBB/CCC
    s = rows["I-STALE"]
    assert s["status"] == "no_record" and s["completeness"] == "stale" and s["date"] is None  # a stale list does not reach today
    assert s["peers_parties"] == 2  # BBB dated + CCC undated
    n = rows["I-NONE"]
    assert n["status"] == "no_data"  # never "not a party" where we have no list


def test_corridor_extremes_cheapest_and_dearest_by_latest_cost():
    cols = ["indicator_id", "origin_iso3", "destination_iso3", "year", "quarter", "period", "value", "source_id", "note"]
    rows = [
        ("remittance_corridor_cost", "BBB", "AAA", 2019, 1, "2019Q1", 9.0),
        ("remittance_corridor_cost", "BBB", "AAA", 2020, 3, "2020Q3", 7.0),
        ("remittance_corridor_cost", "CCC", "AAA", 2020, 3, "2020Q3", 3.5),
        ("remittance_corridor_cost", "EEE", "AAA", 2018, 1, "2018Q1", 12.0),
        ("remittance_corridor_cost", "AAA", "EEE", 2020, 3, "2020Q3", 5.0),
        ("bilateral_remittances_usd_m", "BBB", "AAA", 2021, None, "2021", 100.0),
    ]
    df = pd.DataFrame([dict(zip(cols, r + ("s", None))) for r in rows], columns=cols)
    x = profiles.corridor_extremes(df, "AAA")
    assert x["to"]["n"] == 3
    assert (x["to"]["cheapest"]["origin_iso3"], x["to"]["cheapest"]["latest_value"]) == ("CCC", 3.5)
    assert (x["to"]["dearest"]["origin_iso3"], x["to"]["dearest"]["latest_period"]) == ("EEE", "2018Q1")
    assert x["from"]["n"] == 1 and x["from"]["cheapest"] == x["from"]["dearest"]
    assert profiles.corridor_extremes(df, "ZZZ")["to"] == {"n": 0, "cheapest": None, "dearest": None, "latest_period": None}


def test_data_gaps_missing_and_old():
    by_ind = {
        "a": obs([o("a", "AAA", 2010, 1), o("a", "BBB", 2020, 1)]),  # AAA 10 years behind: old
        "b": obs([o("b", "BBB", 2020, 1)]),  # AAA missing
        "c": obs([o("c", "AAA", 2017, 1), o("c", "BBB", 2020, 1)]),  # 3 years behind: fine
        "d": obs([o("d", "M49_001", 2020, 1, geo_type="world")]),  # aggregate only: not a country gap
    }
    inds = [{"id": k, "title": k.upper(), "table": "observations", "coverage": {"countries": 0 if k == "d" else 2}} for k in by_ind]
    gaps = {g["indicator_id"]: g for g in profiles.data_gaps(by_ind, inds, "AAA")}
    assert set(gaps) == {"a", "b"}
    assert (gaps["a"]["kind"], gaps["a"]["latest_year"], gaps["a"]["source_latest_year"]) == ("old", 2010, 2020)
    assert (gaps["b"]["kind"], gaps["b"]["n_countries"]) == ("missing", 1)


def test_trend_and_recruitment_and_injuries():
    by_ind = {
        "m": obs([o("m", "AAA", 1990, 5, sex="female"), o("m", "AAA", 1995, 6, sex="female"), o("m", "BBB", 1990, 7, sex="female")]),
        "occupational_injury_fatal": obs(
            [
                o("occupational_injury_fatal", "AAA", 2014, 3.0, breakdown="migrant"),
                o("occupational_injury_fatal", "AAA", 2015, 2.0, breakdown="migrant"),
                o("occupational_injury_fatal", "AAA", 2015, 1.5, breakdown="non_migrant"),
                o("occupational_injury_fatal", "AAA", 2016, 1.0),
            ]
        ),
    }
    t = profiles.trend(by_ind, "AAA", [("m", "female", "all", "total"), ("m", "male", "all", "total"), ("nope", "total", "all", "total")])
    assert t["year"].tolist() == [1990, 1995] and t["value"].tolist() == [5.0, 6.0]
    inj = profiles.injuries_by_migrant_status(by_ind, "AAA")
    assert inj["year"].tolist() == [2015, 2015] and dict(zip(inj["breakdown"], inj["value"])) == {"migrant": 2.0, "non_migrant": 1.5}
    ev = pd.DataFrame(
        {
            "evidence_id": ["e1", "e2", "e3"],
            "indicator_id": ["recruitment_cost_evidence", "recruitment_cost_evidence", "wmw_violence_evidence"],
            "origin_iso3": ["BBB", "AAA", "AAA"],
            "destination_iso3": ["AAA", None, None],
            "sex": "total",
            "measure": "m",
            "value": 1.0,
            "unit": "USD",
            "year": pd.array([None] * 3, dtype="Int64"),
            "period": None,
            "source_type": "press_report",
            "publisher": "p",
            "citation": "c",
            "url": None,
            "source_id": "s",
            "note": None,
        }
    )
    assert profiles.recruitment_evidence(ev, "AAA")["evidence_id"].tolist() == ["e1", "e2"]


def test_format_value_units():
    assert profiles.format_value(4.91, {"unit_short": "%", "decimals": 1}) == "4.9 %"
    assert profiles.format_value(9066862000.0, {"unit_short": "US$", "decimals": 0}) == "US$ 9,066.9 million"
    assert profiles.format_value(225525.0, {"unit_short": "people", "decimals": 0}) == "225,525 people"
    assert profiles.format_value(None, {"unit_short": "%"}) == "–"
    assert profiles.format_value(4.91, {"unit_short": "%", "decimals": 1}, "fr").replace("\u202f", " ").replace("\xa0", " ") == "4,9 %"


@pytest.mark.parametrize("iso3", ["PHL", "SAU", "TON"])
def test_assemble_on_committed_data_matches_tables(store, iso3):
    p = profiles.assemble(store.tables, store.observations_by_indicator, store.catalog, iso3, as_of="2025-01-01")
    df = store.indicator_frame("migrant_women_share")
    latest = df[(df["geo_code"] == iso3)].sort_values("year").iloc[-1]
    assert p["context"]["migrant_women_share"]["value"] == pytest.approx(latest["value"])
    assert len(p["ratifications"]) == len(store.catalog["instruments"])
    facts = profiles.key_facts(p, store.indicators, "en")
    assert facts and all(isinstance(f, str) and f for f in facts)
    assert profiles.assemble(store.tables, store.observations_by_indicator, store.catalog, "QQQ") is None


# -- notes and the part-year flag ------------------------------------------------------------------
PART_YEAR = "Possibly part-year: 25 % of the 2021 value in this vintage (WDI 2023-05-10); the KNOMAD December 2023 release is more recent."


def noted(row, note):
    return row[:-1] + (note,)


def inflow_tables(wdi_rows, knomad_rows):
    by_ind = {"remittances_received_usd": obs(wdi_rows), "remittance_inflows_knomad_usd_m": obs(knomad_rows)}
    catalog = {
        "indicators": [
            {"id": "remittances_received_usd", "title": "Personal remittances received", "publisher": "World Bank", "unit_short": "US$", "decimals": 0},
            {
                "id": "remittance_inflows_knomad_usd_m",
                "title": "Remittance inflows (KNOMAD)",
                "publisher": "World Bank-KNOMAD",
                "unit_short": "US$ m",
                "decimals": 0,
            },
        ],
        "instruments": [],
    }
    tables = {
        "countries": countries(),
        "observations": obs([]),
        "ratification_events": events([]),
        "corridors": pd.DataFrame(columns=["indicator_id", "origin_iso3", "destination_iso3", "year", "quarter", "period", "value", "source_id", "note"]),
        "evidence": pd.DataFrame(
            columns=[
                "evidence_id",
                "indicator_id",
                "origin_iso3",
                "destination_iso3",
                "sex",
                "measure",
                "value",
                "unit",
                "year",
                "period",
                "source_type",
                "publisher",
                "citation",
                "url",
                "source_id",
                "note",
            ]
        ),
    }
    return tables, by_ind, catalog


def test_headline_carries_the_note_of_the_value_it_shows():
    df = obs([noted(o("x", "AAA", 2021, 10.0), "old note"), noted(o("x", "AAA", 2022, 2.5), PART_YEAR), o("x", "BBB", 2022, 1.0)])
    h = profiles.headline(df, [], "AAA", "k", {"id": "x"}, "total", "all", "total")
    assert (h["value"], h["year"], h["note"]) == (2.5, 2022, PART_YEAR)
    assert profiles.headline(df, [], "BBB", "k", {"id": "x"}, "total", "all", "total")["note"] is None
    # A given year: that year's value and its own note (not the latest one's).
    h21 = profiles.headline(df, [], "AAA", "k", {"id": "x"}, "total", "all", "total", year=2021)
    assert (h21["value"], h21["note"], h21["wanted_year"]) == (10.0, "old note", 2021)
    none = profiles.headline(df, [], "AAA", "k", {"id": "x"}, "total", "all", "total", year=2019)
    assert none["value"] is None and none["wanted_year"] == 2019 and none["note"] is None


def test_is_part_year():
    assert profiles.is_part_year(PART_YEAR)
    assert not profiles.is_part_year("2023 value is an estimate (2023e)")
    assert not profiles.is_part_year(None) and not profiles.is_part_year(NAN)


def test_flagged_wdi_inflow_is_shown_beside_knomad_same_year_never_replaced():
    tables, by_ind, catalog = inflow_tables(
        [o("remittances_received_usd", "AAA", 2021, 36e9), noted(o("remittances_received_usd", "AAA", 2022, 9e9), PART_YEAR)],
        [
            o("remittance_inflows_knomad_usd_m", "AAA", 2021, 36600.0),
            o("remittance_inflows_knomad_usd_m", "AAA", 2022, 38000.0),
            noted(o("remittance_inflows_knomad_usd_m", "AAA", 2023, 39000.0), "2023 value is an estimate (2023e)"),
        ],
    )
    p = profiles.assemble(tables, by_ind, catalog, "AAA", as_of="2025-01-01")
    wdi, kn = p["costs"]["remittances_received_usd"], p["costs"]["remittances_received_knomad"]
    # Both figures stay, each with its own indicator (source), year and note.
    assert (wdi["indicator_id"], wdi["value"], wdi["year"], wdi["note"]) == ("remittances_received_usd", 9e9, 2022, PART_YEAR)
    assert (kn["indicator_id"], kn["value"], kn["year"], kn["note"]) == ("remittance_inflows_knomad_usd_m", 38000.0, 2022, None)
    chosen = profiles.latest_inflows(p)
    assert chosen["value"] is kn and chosen["flagged"] is wdi
    facts = profiles.key_facts_with_notes(p, {i["id"]: i for i in catalog["indicators"]})
    texts = [t for t, _n in facts]
    assert any("US$ 38,000.0 million" in t and "2022" in t and "World Bank-KNOMAD" in t for t in texts)
    flagged = [(t, n) for t, n in facts if "US$ 9,000.0 million" in t]
    assert flagged and "World Bank" in flagged[0][0] and flagged[0][1] == [PART_YEAR]


def test_unflagged_wdi_inflow_is_the_one_quoted():
    tables, by_ind, catalog = inflow_tables(
        [o("remittances_received_usd", "AAA", 2021, 30e9), o("remittances_received_usd", "AAA", 2022, 31e9)],
        [o("remittance_inflows_knomad_usd_m", "AAA", 2022, 31500.0), o("remittance_inflows_knomad_usd_m", "AAA", 2023, 33000.0)],
    )
    p = profiles.assemble(tables, by_ind, catalog, "AAA", as_of="2025-01-01")
    assert p["costs"]["remittances_received_knomad"]["year"] == 2022  # same year as the WDI figure, for comparison
    chosen = profiles.latest_inflows(p)
    assert chosen["value"]["indicator_id"] == "remittances_received_usd" and chosen["flagged"] is None
    # Flagged, but KNOMAD has nothing for that year: the WDI figure is quoted, with its note.
    tables, by_ind, catalog = inflow_tables(
        [noted(o("remittances_received_usd", "AAA", 2022, 9e9), PART_YEAR)], [o("remittance_inflows_knomad_usd_m", "AAA", 2021, 36600.0)]
    )
    p = profiles.assemble(tables, by_ind, catalog, "AAA", as_of="2025-01-01")
    assert p["costs"]["remittances_received_knomad"]["value"] is None and p["costs"]["remittances_received_knomad"]["wanted_year"] == 2022
    chosen = profiles.latest_inflows(p)
    assert chosen["value"]["note"] == PART_YEAR and chosen["flagged"] is None
    # No WDI value at all: KNOMAD's latest, with its own note.
    tables, by_ind, catalog = inflow_tables([], [noted(o("remittance_inflows_knomad_usd_m", "AAA", 2023, 39000.0), "2023 value is an estimate (2023e)")])
    p = profiles.assemble(tables, by_ind, catalog, "AAA", as_of="2025-01-01")
    chosen = profiles.latest_inflows(p)
    assert (chosen["value"]["year"], chosen["value"]["note"]) == (2023, "2023 value is an estimate (2023e)")


def test_trend_keeps_notes():
    by_ind = {"m": obs([o("m", "AAA", 2021, 5), noted(o("m", "AAA", 2022, 1), PART_YEAR)])}
    t = profiles.trend(by_ind, "AAA", [("m", "total", "all", "total")])
    assert t["note"].tolist()[-1] == PART_YEAR
