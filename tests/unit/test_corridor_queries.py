"""corridor_queries on tiny hand-made corridor tables; expectations computed by hand."""

from __future__ import annotations

import pandas as pd
import pytest

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
    # Rows deliberately out of order: functions must sort by period themselves.
    return pd.DataFrame(
        [
            cost("USA", "MEX", "2020Q3", 4.0),
            cost("USA", "MEX", "2011Q1", 7.0),
            cost("USA", "MEX", "2015Q2", 5.0),
            cost("USA", "IND", "2011Q1", 9.0),
            cost("USA", "IND", "2020Q3", 5.0),
            cost("SAU", "IND", "2020Q3", 3.0),
            flow("USA", "MEX", 2021, 300.0),
            flow("USA", "IND", 2021, 100.0),
            flow("USA", "MEX", 2017, 100.0),
            flow("USA", "IND", 2017, 100.0),
        ]
    )


def test_latest_corridor_costs(corridors):
    out = q.latest_corridor_costs(corridors).set_index(["origin_iso3", "destination_iso3"])
    assert list(out.index) == [("SAU", "IND"), ("USA", "IND"), ("USA", "MEX")]
    mex = out.loc[("USA", "MEX")]
    assert (mex.latest_period, mex.latest_value, mex.first_period, mex.first_value) == ("2020Q3", 4.0, "2011Q1", 7.0)
    assert mex.change_pp == -3.0 and mex.quarters_observed == 3
    sau = out.loc[("SAU", "IND")]
    assert sau.change_pp == 0.0 and sau.quarters_observed == 1  # one observation: no change


def test_latest_corridor_costs_filters(corridors):
    into_india = q.latest_corridor_costs(corridors, destination="IND")
    assert sorted(into_india.origin_iso3) == ["SAU", "USA"]
    one = q.latest_corridor_costs(corridors, origin="USA", destination="IND")
    assert len(one) == 1 and one.iloc[0].change_pp == -4.0
    assert q.latest_corridor_costs(corridors, origin="FRA").empty


def test_corridor_series(corridors):
    s = q.corridor_series(corridors, "USA", "MEX")
    assert list(s.columns) == ["period", "year", "quarter", "value"]
    assert list(s.period) == ["2011Q1", "2015Q2", "2020Q3"] and list(s.value) == [7.0, 5.0, 4.0]
    assert q.corridor_series(corridors, "MEX", "USA").empty  # direction matters


def test_mean_cost_by_quarter(corridors):
    out = q.mean_cost_by_quarter(corridors).set_index("period")
    assert list(out.index) == ["2011Q1", "2015Q2", "2020Q3"]
    assert out.loc["2011Q1"].mean_cost == 8.0 and out.loc["2011Q1"].n_corridors == 2  # (7 + 9) / 2
    assert out.loc["2020Q3"].mean_cost == 4.0 and out.loc["2020Q3"].n_corridors == 3  # (4 + 5 + 3) / 3


def test_flow_weighted_mean_cost_by_quarter(corridors):
    out = q.flow_weighted_mean_cost_by_quarter(corridors, 2021).set_index("period")
    # 2020Q3: (4*300 + 5*100) / 400 = 4.25; SAU->IND has no flow estimate and is left out.
    assert out.loc["2020Q3"].weighted_mean_cost == pytest.approx(4.25)
    assert out.loc["2020Q3"].n_corridors == 2 and out.loc["2020Q3"].weight_usd_m == 400.0
    # 2011Q1: (7*300 + 9*100) / 400 = 7.5
    assert out.loc["2011Q1"].weighted_mean_cost == pytest.approx(7.5)
    # 2015Q2: only USA->MEX observed
    assert out.loc["2015Q2"].weighted_mean_cost == 5.0 and out.loc["2015Q2"].n_corridors == 1
    # Equal 2017 weights give the simple mean over the weighted corridors: (4 + 5) / 2
    assert q.flow_weighted_mean_cost_by_quarter(corridors, "2017").set_index("period").loc["2020Q3"].weighted_mean_cost == pytest.approx(4.5)


def test_flow_weighted_mean_needs_that_year(corridors):
    with pytest.raises(ValueError, match="2019"):
        q.flow_weighted_mean_cost_by_quarter(corridors, 2019)
