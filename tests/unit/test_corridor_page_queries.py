"""Corridor-page queries on tiny hand-made tables: flows ranking, priced corridors, evidence matching,
the protection gap at both ends, and great-circle flow lines. Expectations worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.corridors import geo as corridor_geo
from dashboard.corridors import protection_gap
from dashboard.corridors import queries as q


def cost(origin, destination, period, value):
    return {
        "indicator_id": "remittance_corridor_cost",
        "origin_iso3": origin,
        "destination_iso3": destination,
        "year": int(period[:4]),
        "quarter": int(period[-1]),
        "period": period,
        "value": value,
        "source_id": "s",
        "note": None,
    }


def flow(origin, destination, year, value):
    return {
        "indicator_id": "bilateral_remittances_usd_m",
        "origin_iso3": origin,
        "destination_iso3": destination,
        "year": year,
        "quarter": pd.NA,
        "period": str(year),
        "value": value,
        "source_id": "s",
        "note": None,
    }


@pytest.fixture
def corridors():
    return pd.DataFrame(
        [
            cost("USA", "MEX", "2020Q3", 4.0),
            cost("USA", "MEX", "2011Q1", 7.0),
            cost("USA", "IND", "2020Q3", 5.0),
            cost("SAU", "IND", "2019Q4", 3.0),
            flow("USA", "MEX", 2021, 300.0),
            flow("USA", "IND", 2021, 100.0),
            flow("USA", "PHL", 2021, 200.0),
            flow("SAU", "IND", 2017, 50.0),
            flow("ARE", "IND", 2021, 100.0),
        ]
    )


def test_flows_in_year_ranks_and_filters(corridors):
    out = q.flows_in_year(corridors, 2021)
    # 300 > 200 > 100 = 100; the tie is broken by codes (ARE before USA).
    assert list(zip(out.origin_iso3, out.destination_iso3)) == [("USA", "MEX"), ("USA", "PHL"), ("ARE", "IND"), ("USA", "IND")]
    assert list(q.flows_in_year(corridors, "2021", origin="USA", n=2).destination_iso3) == ["MEX", "PHL"]
    assert list(q.flows_in_year(corridors, 2021, destination="IND").origin_iso3) == ["ARE", "USA"]
    assert q.flows_in_year(corridors, 2019).empty


def test_priced_corridors_by_flow_puts_missing_flows_last(corridors):
    out = q.priced_corridors_by_flow(corridors, 2021)
    # PHL has a flow but no price (left out); SAU->IND has a price but no 2021 flow (last, flow missing not 0).
    assert list(zip(out.origin_iso3, out.destination_iso3)) == [("USA", "MEX"), ("USA", "IND"), ("SAU", "IND")]
    assert out.flow_usd_m.tolist()[:2] == [300.0, 100.0] and pd.isna(out.flow_usd_m.iloc[2])
    assert out.loc[0, "latest_value"] == 4.0 and out.loc[2, "latest_period"] == "2019Q4"
    into_india = q.priced_corridors_by_flow(corridors, 2017, destination="IND")
    assert list(into_india.origin_iso3) == ["SAU", "USA"]  # 2017: SAU 50, USA none


def test_priced_corridor_keys(corridors):
    assert q.priced_corridor_keys(corridors) == [("SAU", "IND"), ("USA", "IND"), ("USA", "MEX")]


def ev(eid, origin, destination, indicator="recruitment_cost_evidence"):
    return {"evidence_id": eid, "indicator_id": indicator, "origin_iso3": origin, "destination_iso3": destination}


def test_corridor_evidence_reverses_direction():
    evidence = pd.DataFrame(
        [
            ev("A", "BGD", "SAU"),  # Bangladeshi workers in Saudi Arabia: money goes SAU -> BGD
            ev("B", "BGD", None),  # Bangladesh, all destinations
            ev("C", "BGD", "QAT"),  # Bangladesh, another destination
            ev("D", None, "SAU"),  # Saudi Arabia, origin not stated
            ev("E", "SAU", "BGD"),  # the other direction: not this corridor
            ev("F", "BGD", "SAU", indicator="wmw_violence_evidence"),  # another indicator
            ev("G", "PAK", "ARE"),
        ]
    )
    out = q.corridor_evidence(evidence, sending="SAU", receiving="BGD", indicator_ids=("recruitment_cost_evidence",))
    assert list(zip(out.evidence_id, out.match)) == [("A", "corridor"), ("B", "origin"), ("C", "origin"), ("D", "destination")]
    assert q.corridor_evidence(evidence, "USA", "MEX", ("recruitment_cost_evidence",)).empty


def test_pair_status_distinguishes_no_data_from_not_party():
    events = pd.DataFrame(
        [
            {
                "instrument_id": "UN-ICRMW",
                "iso3": "MEX",
                "action": "ratification",
                "date": "1999-03-08",
                "in_force_date": None,
                "source_id": "s",
                "as_of": "2026-02-03",
                "note": None,
            },
            {
                "instrument_id": "ILO-C189",
                "iso3": "MEX",
                "action": "ratification",
                "date": "2020-07-03",
                "in_force_date": "2021-07-03",
                "source_id": "s",
                "as_of": "2020-10-05",
                "note": None,
            },
            {
                "instrument_id": "UN-TIP",
                "iso3": "USA",
                "action": "signature",
                "date": "2000-12-13",
                "in_force_date": None,
                "source_id": "s",
                "as_of": "2022-11-04",
                "note": None,
            },
        ]
    )
    instruments = {
        "ILO-C097": {"short_title": "C097", "completeness": "none", "as_of": None},
        "ILO-C189": {"short_title": "C189", "completeness": "partial", "as_of": "2020-10-05"},
        "UN-ICRMW": {"short_title": "ICRMW", "completeness": "complete", "as_of": "2026-02-03"},
        "UN-TIP": {"short_title": "TIP", "completeness": "complete", "as_of": "2022-11-04"},
    }
    out = protection_gap.pair_status(events, instruments, ("USA", "MEX"), "2026-06-30", ("ILO-C097", "ILO-C189", "UN-ICRMW", "UN-TIP", "ILO-C999"))
    got = {(r.instrument_id, r.iso3): (r.status, r.status_date) for r in out.itertuples()}
    assert got[("ILO-C097", "USA")] == ("no_data", None) and got[("ILO-C097", "MEX")] == ("no_data", None)
    assert got[("ILO-C189", "USA")] == ("no_record", None)  # partial list: absence proves nothing
    assert got[("ILO-C189", "MEX")] == ("party", "2020-07-03")
    assert got[("UN-ICRMW", "USA")] == ("not_party", None)  # complete list
    assert got[("UN-ICRMW", "MEX")] == ("party", "1999-03-08")
    assert got[("UN-TIP", "USA")] == ("signatory", "2000-12-13")
    assert got[("UN-TIP", "MEX")] == ("not_party", None)
    assert "ILO-C999" not in set(out.instrument_id)  # not in the catalog: skipped
    assert list(out.iso3[:2]) == ["USA", "MEX"]  # countries in the order asked


def test_flow_lines_are_great_circles_with_lengths():
    countries = pd.DataFrame({"iso3": ["AAA", "BBB", "CCC"], "lon": [0.0, 90.0, None], "lat": [0.0, 0.0, None]})
    flows = pd.DataFrame({"origin_iso3": ["AAA", "AAA", "AAA"], "destination_iso3": ["BBB", "CCC", "AAA"], "value": [5.0, 1.0, 2.0]})
    gdf = corridor_geo.flow_lines(flows, countries, segments=6)
    assert len(gdf) == 1 and gdf.crs.to_epsg() == 4326
    line = gdf.geometry.iloc[0]
    assert line.coords[0] == (0.0, 0.0) and line.coords[-1] == (90.0, 0.0) and len(line.coords) == 7
    # A quarter of the equator on the WGS84 ellipsoid: 2*pi*6378.137 km / 4 = 10018.75 km.
    assert gdf.length_km.iloc[0] == pytest.approx(10018.754, abs=0.01)
    assert sorted(gdf.attrs["unplaced"]) == [("AAA", "AAA"), ("AAA", "CCC")]
