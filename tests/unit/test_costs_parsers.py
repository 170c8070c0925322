"""Migration-cost parsers on small hand-written fixtures mimicking each publisher format."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.pipeline import schemas
from dashboard.pipeline.context import BuildContext
from dashboard.pipeline.errors import SourceError
from dashboard.pipeline.sources import costs_bilateral, costs_knomad_flows, costs_recruitment, costs_rpw, costs_sdg, costs_wdi

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "costs"
TRACE = ["src_file", "src_line"]


def ctx_for(tmp_path: Path, file: str | None = None, old: str = "", new: str = "") -> BuildContext:
    """A raw dir copied from the fixtures, with one text replacement in ``file`` (a malformed variant)."""
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURES, raw)
    if file:
        p = raw / "costs" / file
        text = p.read_text(encoding="utf-8")
        assert old in text, f"fixture edit did not match: {old!r}"
        p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return BuildContext(raw=raw)


def valid(name: str, df: pd.DataFrame) -> pd.DataFrame:
    schemas.TABLES[name].validate(df.drop(columns=TRACE))
    return df


def obs_value(df, indicator, geo, year):
    hit = df[(df.indicator_id == indicator) & (df.geo_code == geo) & (df.year == year)]
    assert len(hit) <= 1
    return None if hit.empty else hit.iloc[0]


# --- WDI ---------------------------------------------------------------------------------


def test_wdi_values_codes_and_aggregates(tmp_path):
    out = costs_wdi.parse(ctx_for(tmp_path))
    obs = valid("observations", out.observations)
    mex = obs[(obs.indicator_id == "remittance_cost_to_country") & (obs.geo_code == "MEX")]
    assert mex.set_index("year")["value"].to_dict() == {2016: 5.5, 2018: 4.25, 2019: 4.5, 2020: 4.0}  # empty 2017 stays missing
    assert set(mex.obs_type) == {"estimate"} and set(mex.sex) == {"total"}
    assert mex.iloc[0].src_line == 5
    # World kept as M49 001, region and income aggregates dropped, Channel Islands (no ISO3) dropped.
    assert obs_value(obs, "remittances_received_usd", "M49_001", 2016).value == 600e9
    assert obs_value(obs, "remittances_received_usd", "M49_001", 2016).geo_type == "world"
    assert not obs.geo_code.isin(["SSF", "HIC", "CHI", "WLD"]).any()
    assert obs_value(obs, "remittance_cost_to_country", "XKX", 2020).value == 7.0
    assert obs_value(obs, "remittances_paid_usd", "USA", 2021).obs_type == "administrative"
    ids = {i.id for i in out.indicators}
    assert ids == {
        "remittance_cost_to_country",
        "remittance_cost_from_country",
        "remittances_received_usd",
        "remittances_paid_usd",
        "remittances_received_pct_gdp",
    }
    cost = next(i for i in out.indicators if i.id == "remittance_cost_to_country")
    assert cost.target == 3.0 and cost.higher_is_better is False and cost.reference_lines[1][0] == 5.0


@pytest.mark.parametrize(
    ("old", "new", "row", "column", "problem"),
    [
        ("5.5,,4.25", "5.5,,-4.25", 5, "2018", "negative"),
        ("5.5,,4.25", "5.5,,n/a", 5, "2018", "not a number"),
        (
            "MEX,Average transaction cost of sending remittances to a specific country (%),SI.RMT.COST.IB.ZS",
            "MEX,Average,SI.RMT.COST.OB.ZS",
            5,
            "Indicator Code",
            "does not match",
        ),
        ("Mexico,MEX,", "Mexico,Mex,", 5, "Country Code", "three capital letters"),
        ("4.5,4.0,,", "4.5,4.0", 5, None, "truncated"),
    ],
)
def test_wdi_malformed(tmp_path, old, new, row, column, problem):
    f = "wdi_SI.RMT.COST.IB.ZS_avg_cost_to_country_pct_WDI-2023-05-10.csv"
    with pytest.raises(SourceError) as e:
        costs_wdi.parse(ctx_for(tmp_path, f, old, new))
    assert e.value.file == f"costs/{f}" and e.value.row == row and e.value.column == column
    assert problem in e.value.problem


def test_wdi_missing_header_names_file(tmp_path):
    f = "wdi_BM.TRF.PWKR.CD.DT_remittances_paid_usd_WDI-2023-05-10.csv"
    with pytest.raises(SourceError) as e:
        costs_wdi.parse(ctx_for(tmp_path, f, "Country Name,Country Code", "Country;Code"))
    assert e.value.file == f"costs/{f}" and "no WDI header" in e.value.problem


def test_wdi_metadata_line_numbers_count_quoted_line_breaks(tmp_path):
    f = "wdi_metadata_countries_WDI-2023-05-10.csv"
    with pytest.raises(SourceError) as e:
        costs_wdi.parse(ctx_for(tmp_path, f, "Country Code,Region", "Code,Region"))
    assert e.value.row == 1 and e.value.column == "Country Code"


# --- KNOMAD flows --------------------------------------------------------------------------


def test_knomad_flows(tmp_path):
    obs = valid("observations", costs_knomad_flows.parse(ctx_for(tmp_path)).observations)
    inflow = obs[obs.indicator_id == "remittance_inflows_knomad_usd_m"]
    # The file's 0 means "no data": Afghanistan 2020-2021 absent, 2022 kept.
    assert sorted(inflow[inflow.geo_code == "AFG"].year) == [2022, 2023]
    est = obs_value(obs, "remittance_inflows_knomad_usd_m", "AFG", 2023)
    assert est.obs_type == "estimate" and "estimate" in est.note and est.value == 300
    assert obs_value(obs, "remittance_inflows_knomad_usd_m", "KOR", 2022).obs_type == "administrative"
    isr = obs_value(obs, "remittance_inflows_knomad_usd_m", "ISR", 2021)
    assert isr.value == 7047 and "using CB data" in isr.note
    assert obs_value(obs, "remittance_inflows_knomad_usd_m", "M49_001", 2022).value == 835599.4
    assert not obs.geo_code.isin(["MAF"]).any()  # resolves, but has no values
    assert set(inflow.geo_code) == {"AFG", "KOR", "ISR", "NPL", "M49_001"}  # income group and Channel Islands dropped
    outflow = obs[obs.indicator_id == "remittance_outflows_knomad_usd_m"]
    assert set(outflow.geo_code) == {"USA"} and outflow.set_index("year").value[2022] == 79153
    assert 2023 not in set(outflow.year) and obs_value(obs, "remittance_outflows_knomad_usd_m", "USA", 2021).src_line == 3


@pytest.mark.parametrize(
    ("old", "new", "row", "column", "problem"),
    [
        ("Israel (using CB data)", "Atlantis", 4, "Remittance inflows (US$ million)", "unknown country name"),
        ("6800,7047", "6800,-7047", 4, "2021", "negative"),
        ("2022,2023e", "2022,2023x", 1, "2023x", "unexpected column"),
        ("Remittance inflows (US$ million)", "Inflows", 1, None, "no header row"),
    ],
)
def test_knomad_flows_malformed(tmp_path, old, new, row, column, problem):
    f = "knomad_inward_remittance_flows_usd_million_2023-12.csv"
    with pytest.raises(SourceError) as e:
        costs_knomad_flows.parse(ctx_for(tmp_path, f, old, new))
    assert e.value.file == f"costs/{f}" and e.value.row == row and e.value.column == column
    assert problem in e.value.problem


def test_knomad_duplicate_country_stops(tmp_path):
    f = "knomad_inward_remittance_flows_usd_million_2023-12.csv"
    with pytest.raises(SourceError) as e:
        costs_knomad_flows.parse(ctx_for(tmp_path, f, "Israel (using CB data)", "Afghanistan"))
    assert e.value.row == 4 and "duplicate" in e.value.problem


# --- bilateral matrices --------------------------------------------------------------------


def test_bilateral_orientation_and_cells(tmp_path):
    df = valid("corridors", costs_bilateral.parse(ctx_for(tmp_path)).corridors)
    cell = df.set_index(["period", "origin_iso3", "destination_iso3"])["value"]
    # Row = sending country (origin), column = receiving (destination).
    assert cell[("2021", "USA", "MEX")] == 52595.3 and cell[("2017", "USA", "MEX")] == 30019.2
    assert cell[("2021", "KOR", "IND")] == 20
    # 2017 zeros and "-", 2021 blanks, WORLD totals, the diagonal and Channel Islands are not corridors.
    assert sorted(cell.loc["2017"].index) == [("USA", "IND"), ("USA", "MEX"), ("USA", "PAK")]
    assert sorted(cell.loc["2021"].index) == [("KOR", "IND"), ("USA", "IND"), ("USA", "MEX")]
    assert df.quarter.isna().all() and set(df.year) == {2017, 2021}


@pytest.mark.parametrize(
    ("old", "new", "row", "column", "problem"),
    [
        ("receiving (across) / sending (down) ", "sending (across) / receiving (down)", 2, "A", "orientation"),
        ("1000.5,30019.2,50", "1000.5,-30019.2,50", 5, "Mexico", "negative"),
        ("1000.5,30019.2,50", "1000.5,lots,50", 5, "Mexico", "not a number"),
        ("Vanuatu,0,0,0,0.004,1", "United States,0,0,0,0.004,1", 6, "sending country", "two rows"),
        ("WORLD,1000.5", "TOTAL,1000.5", 7, "sending country", "unknown country name"),
    ],
)
def test_bilateral_malformed(tmp_path, old, new, row, column, problem):
    f = "wb_bilateral_remittance_matrix_2017_usd_million_2018-04.csv"
    with pytest.raises(SourceError) as e:
        costs_bilateral.parse(ctx_for(tmp_path, f, old, new))
    assert e.value.file == f"costs/{f}" and e.value.row == row and e.value.column == column
    assert problem in e.value.problem


def test_bilateral_truncated_matrix(tmp_path):
    f = "knomad_wb_bilateral_remittance_matrix_2021_usd_million_2022-12.csv"
    raw_ctx = ctx_for(tmp_path)
    p = raw_ctx.raw / "costs" / f
    p.write_text("\n".join(p.read_text().splitlines()[:5]) + "\n")
    with pytest.raises(SourceError) as e:
        costs_bilateral.parse(raw_ctx)
    assert e.value.file == f"costs/{f}" and e.value.row == 5 and "truncated" in e.value.problem


# --- RPW corridors -------------------------------------------------------------------------


def test_rpw_corridors(tmp_path):
    df = valid("corridors", costs_rpw.parse(ctx_for(tmp_path)).corridors)
    usa_mex = df[(df.origin_iso3 == "USA") & (df.destination_iso3 == "MEX")]
    assert list(usa_mex.period) == ["2011Q1", "2020Q2", "2020Q3"] and list(usa_mex.value) == [6.5, 4.25, 4.0]
    assert list(usa_mex.quarter) == [1, 2, 3] and list(usa_mex.year) == [2011, 2020, 2020]
    assert set(df[df.origin_iso3 == "DEU"].destination_iso3) == {"XKX"}  # DataBank's KSV is Kosovo
    assert not (df.destination_iso3 == "ANT").any()
    sdn = df[df.destination_iso3 == "SDN"].set_index("period")["value"]
    assert sdn.to_dict() == {"2011Q1": 0.0, "2020Q2": 3.5}  # a published 0 is kept, the negative average is left out


@pytest.mark.parametrize(
    ("old", "new", "row", "column", "problem"),
    [
        ("IND,..,5.0", "IND,..,105.0", 3, "2011Q3 [YR2011Q3]", "impossible"),
        ("IND,..,5.0", "IND,..,five", 3, "2011Q3 [YR2011Q3]", "not a number"),
        ("Receiving Countries  Code", "Receiving Code", 1, "Receiving Countries  Code", "missing column"),
        ("Germany,DEU", "Germany,De", 4, "Sending Countries Code", "three capital letters"),
        ("Mexico,MEX,6.5,..,4.25,4.0", "Mexico,MEX,6.5,..,4.25", 2, None, "truncated"),
        ("India,IND", "India,MEX", 3, None, "duplicate"),
        ("India,IND", "India,USA", 3, "Receiving Countries  Code", "to itself"),
    ],
)
def test_rpw_malformed(tmp_path, old, new, row, column, problem):
    f = "rpw_databank_corridors_avg_total_cost_pct_2011Q1-2020Q3.csv"
    with pytest.raises(SourceError) as e:
        costs_rpw.parse(ctx_for(tmp_path, f, old, new))
    assert e.value.file == f"costs/{f}" and e.value.row == row and e.value.column == column
    assert problem in e.value.problem


def test_rpw_semicolon_file_is_refused(tmp_path):
    f = "rpw_databank_corridors_avg_total_cost_pct_2011Q1-2020Q3.csv"
    ctx = ctx_for(tmp_path)
    p = ctx.raw / "costs" / f
    p.write_text(p.read_text().replace(",", ";"))
    with pytest.raises(SourceError) as e:
        costs_rpw.parse(ctx)
    assert e.value.row == 1 and "missing column" in e.value.problem


# --- SDG 10.c.1 (UNSD) ----------------------------------------------------------------------


def test_sdg_series(tmp_path):
    obs = valid("observations", costs_sdg.parse(ctx_for(tmp_path)).observations)
    assert obs_value(obs, "remittance_cost_sdg_10c1", "M49_001", 2011).value == 9.3
    assert obs_value(obs, "remittance_cost_sdg_10c1", "M49_202", 2018).geo_type == "region"
    # MEX 2019 agrees with WDI (4.5) and is kept; MEX 2018 (5.2 vs WDI 4.25) and IND 2018 (no WDI value) are withheld.
    assert obs_value(obs, "remittance_cost_sdg_10c1", "MEX", 2019).value == 4.5  # M49 484
    assert obs_value(obs, "remittance_cost_sdg_10c1", "MEX", 2018) is None
    assert obs_value(obs, "remittance_cost_sdg_10c1", "IND", 2018) is None


def test_sdg_values_that_disagree_with_wdi_are_quarantined_and_wdi_cited(tmp_path):
    out = costs_sdg.parse(ctx_for(tmp_path))
    (cmp,) = out.comparisons
    assert (cmp.compared, cmp.agreed) == (2, 1) and cmp.resolution == "quarantined"
    assert cmp.sources[0] == costs_wdi.SOURCE_ID  # the agreeing publisher is cited first
    assert cmp.disagreements == ("MEX 2018: SDG 5.2 vs WDI 4.25",)
    quarantined = {(d.reason, d.rows) for d in out.drops if d.quarantined}
    assert quarantined == {("disagrees_with_wdi", (5,)), ("unconfirmed_no_wdi_value", (6,))}
    assert out.rows_read == {costs_sdg.FILE: 6}
    caveat = out.indicators[0].caveats
    assert "1 of 2 agree" in caveat and "equal the World Bank" not in caveat
    kept = out.observations.set_index(["geo_code", "year"])
    assert kept.loc[("MEX", 2019), "note"] == "Confirmed by the World Bank's WDI SI.RMT.COST.IB.ZS (2023-05-10): 4.50."


def test_sdg_shifted_row_names_the_country_whose_value_it_carries():
    import pandas as pd

    obs = pd.DataFrame([{"geo_code": "CMR", "geo_type": "country", "year": 2017, "value": 4.4, "src_line": 9}])
    kept, drops, cmp = costs_sdg.compare_with_wdi(obs, {("CMR", 2017): 10.15, ("CPV", 2017): 4.4})
    assert kept.empty and drops[0].quarantined and "equals the WDI value of CPV" in drops[0].detail
    assert cmp.disagreements == ("CMR 2017: SDG 4.4 vs WDI 10.15; equals the WDI value of CPV",)


def test_knomad_zero_between_values_is_kept_and_outer_zeros_are_drops_with_reasons(tmp_path):
    out = costs_knomad_flows.parse(ctx_for(tmp_path))
    zero = obs_value(out.observations, "remittance_inflows_knomad_usd_m", "NPL", 2021)
    assert zero.value == 0 and "may be a gap" in zero.note  # Nepal 8000, 0, 9000: the 0 is kept
    reasons = {(d.reason, d.detail.split(":")[0]) for d in out.drops}
    assert ("zero_before_first_value", "Afghanistan") in reasons  # 0, 0 before the first value
    assert ("all_zero_row", "Vietnam") in reasons
    assert ("no_iso3_code", "Channel Islands") in reasons and ("aggregate_not_presented", "Low-and Middle-Income Countries") in reasons


@pytest.mark.parametrize(
    ("old", "new", "row", "column", "problem"),
    [
        ("484,notspec", "999,notspec", 5, "geo_area", "unknown M49"),
        ("percent,2018,5.2", "usd,2018,5.2", 5, "units", "unexpected unit"),
        ("2018,5.5", "2018,155", 6, "si_rmt_cost", "impossible"),
        ("geo_area,nature", "geo;nature", 1, "geo_area", "expected columns"),
    ],
)
def test_sdg_malformed(tmp_path, old, new, row, column, problem):
    f = "sdg_10c1_SI_RMT_COST_unsd_via_gapminder_ddf_2020-10.csv"
    with pytest.raises(SourceError) as e:
        costs_sdg.parse(ctx_for(tmp_path, f, old, new))
    assert e.value.file == f"costs/{f}" and e.value.row == row and e.value.column == column
    assert problem in e.value.problem


# --- recruitment evidence ------------------------------------------------------------------


def test_recruitment_evidence(tmp_path):
    ev = valid("evidence", costs_recruitment.parse(ctx_for(tmp_path)).evidence).set_index("evidence_id")
    off = ev.loc["T-OFF-01"]
    assert (off.origin_iso3, off.destination_iso3, off.sex, off.value, off.unit) == ("BGD", "SAU", "total", 400000.0, "BDT")
    assert off.source_type == "official_survey" and off.url == "https://example.org/a" and pd.isna(off.year)
    assert "(2020-12-18)" in off.citation and "Tk 4,00,000" in off.note
    fem = ev.loc["T-OFF-02"]
    assert fem.sex == "female" and fem.destination_iso3 is None and "qualifier: <" in fem.note
    press = ev.loc["T-PRESS-01"]
    assert (press.sex, press.source_type, press.year, press.value) == ("male", "press_report", 2022, 1000.0)
    assert "range up to 1500" in press.note and "Nepali men" in press.note
    km = ev.loc["T-KNOMAD-01"]
    assert km.destination_iso3 is None and km.sex == "total" and km.source_type == "secondary_estimate"
    assert "Spain and Republic of Korea" in km.note
    kor = ev[ev.indicator_id == "recruitment_cost_sdg1071_kor"]
    assert len(kor) == 4 and set(kor.destination_iso3) == {"KOR"} and set(kor.source_type) == {"official_survey"}
    assert kor.loc["KOR-KOSTAT-1071-2018-yes"].value == 12.7 and kor.loc["KOR-KOSTAT-1071-2018-over300mKRW"].value == 12.9


@pytest.mark.parametrize(
    ("old", "new", "row", "column", "problem"),
    [
        ("journalistic estimate (NOT official statistics)", "rumour", 4, "source_type", "unknown source type"),
        ("Male (article refers to Nepali men)", "Men", 4, "sex", "unknown sex label"),
        ("NPL,Nepal", "IND,Nepal", 4, "origin_iso3", "does not match"),
        ("T-PRESS-01", "T-OFF-01", 4, "record_id", "duplicate"),
        ("1000,1500", "1500,1000", 4, "value_high", "below its lower end"),
        ('"400000"', "-400000", 2, "value", "negative"),
    ],
)
def test_recruitment_malformed(tmp_path, old, new, row, column, problem):
    f = "recruitment/recruitment_costs_worker_paid__page_excerpts.csv"
    with pytest.raises(SourceError) as e:
        costs_recruitment.parse(ctx_for(tmp_path, f, old, new))
    assert e.value.file == f"costs/{f}" and e.value.row == row and e.value.column == column
    assert problem in e.value.problem


@pytest.mark.parametrize(
    ("old", "new", "row", "column", "problem"),
    [
        ("data.2_No", "data.3_Maybe", 5, "data.Payment", "unknown payment code"),
        ("data.+300mKRW,12.9", "data.+300mKRW,112.9", 4, "Value", "impossible"),
        ("2018,data.2_No,,87.3", "2018,data.1_Yes,,87.3", 5, None, "duplicate"),
    ],
)
def test_korea_proxy_malformed(tmp_path, old, new, row, column, problem):
    f = "sdg_10-7-1_KOR_kostat_proxy_referral_fees.csv"
    with pytest.raises(SourceError) as e:
        costs_recruitment.parse(ctx_for(tmp_path, f, old, new))
    assert e.value.file == f"costs/{f}" and e.value.row == row and e.value.column == column
    assert problem in e.value.problem


def test_missing_file_is_named(tmp_path):
    ctx = ctx_for(tmp_path)
    (ctx.raw / "costs" / "sdg_10c1_SI_RMT_COST_unsd_via_gapminder_ddf_2020-10.csv").unlink()
    with pytest.raises(SourceError) as e:
        costs_sdg.parse(ctx)
    assert "sdg_10c1_SI_RMT_COST" in e.value.file and "not found" in e.value.problem


def test_bad_encoding_is_named(tmp_path):
    ctx = ctx_for(tmp_path)
    p = ctx.raw / "costs" / "knomad_outward_remittance_flows_usd_million_2023-06.csv"
    p.write_bytes(p.read_bytes().replace(b"Vietnam", b"Vi\xe9tnam"))
    with pytest.raises(SourceError) as e:
        costs_knomad_flows.parse(ctx)
    assert e.value.file.endswith("knomad_outward_remittance_flows_usd_million_2023-06.csv") and "UTF-8" in e.value.problem


def test_wdi_part_year_values_are_flagged_not_changed():
    from dashboard.pipeline.sources.costs_wdi import flag_part_year

    def rec(year, value, ind="remittances_received_usd", geo="PHL"):
        return {"indicator_id": ind, "geo_code": geo, "geo_type": "world" if geo.startswith("M49") else "country", "year": year, "value": value, "note": None}

    records = [
        rec(2020, 100.0),
        rec(2021, 120.0),
        rec(2022, 30.0),
        rec(2021, 50.0, geo="MEX"),
        rec(2022, 60.0, geo="MEX"),
        rec(2021, 10.0, ind="remittance_cost_to_country"),
        rec(2022, 1.0, ind="remittance_cost_to_country"),
    ]
    flag_part_year(records)
    assert records[2]["value"] == 30.0
    assert records[2]["note"].startswith("Possibly part-year: 25 % of the 2021 value")
    assert records[4]["note"] is None  # growth is not flagged
    assert records[6]["note"] is None  # only flow series are checked
    assert records[1]["note"] is None  # only the last year is checked
    world = [rec(2021, 100.0, geo="M49_001"), rec(2022, 11.0, geo="M49_001")]
    flag_part_year(world)
    assert world[1]["note"].startswith("Incomplete: 11 % of the 2021 value")


def test_knomad_flows_are_compared_with_wdi_and_differences_explained(tmp_path):
    from dashboard.pipeline import build

    out = costs_knomad_flows.parse(ctx_for(tmp_path))
    by_id = {c.id: c for c in out.comparisons}
    assert set(by_id) == {"knomad_vs_wdi_remittance_inflows_knomad_usd_m", "knomad_vs_wdi_remittance_outflows_knomad_usd_m"}
    for c in by_id.values():
        assert c.sources[1] == costs_wdi.SOURCE_ID and c.compared >= c.agreed
        assert (c.resolution.startswith("explained:")) == bool(c.disagreements)
    assert build._ledger_errors(build._ledger("costs_knomad_flows", out)) == []
    assert by_id["knomad_vs_wdi_remittance_outflows_knomad_usd_m"].agreed == 1  # USA 2021 agrees with WDI
    edited = costs_knomad_flows.parse(ctx_for(tmp_path / "edited", "knomad_outward_remittance_flows_usd_million_2023-06.csv", "72669", "99999"))
    (c,) = [c for c in edited.comparisons if c.target == "remittance_outflows_knomad_usd_m"]
    assert c.agreed == 0 and c.disagreements[0].startswith("USA 2021: KNOMAD 99,999.0 vs WDI") and "explained:" in c.resolution
