import pandas as pd

from dashboard.pipeline.sources import femicide

from .violence_fixtures import ctx, edit, expect_error, raw_copy, valid


def test_observations(tmp_path):
    out = femicide.parse(ctx(raw_copy(tmp_path)))
    o = valid(out.observations)
    eu = o[o.indicator_id == "femicide_ipfm_rate_europe"]
    assert len(eu) == 5  # AUT has no intimate-partner-only value: no row
    gbr = eu[(eu.geo_code == "GBR") & (eu.breakdown == "intimate_partner")].iloc[0]
    assert gbr.value == 0.25 and "rebuilt" in gbr.note
    latam = o[o.indicator_id == "femicide_count_latam"].set_index("geo_code")
    assert latam.loc["ARG", "value"] == 225 and latam.loc["ARG", "note"] == "National source: Corte Suprema de Justicia de la Nacion"
    est = o[o.indicator_id == "ipfm_femicide_global_estimates"].set_index("geo_code")
    assert est.loc["M49_001", ["value", "lower", "upper"]].tolist() == [50000, 44400, 55500]
    assert est.loc["M49_001", "geo_type"] == "world"
    assert est.loc["M49_142", "value"] == 18400  # the 'b' re-transcription (18,000) is not used
    assert "https://example.org/f07" in est.loc["M49_142", "note"]
    rate = o[o.indicator_id == "ipfm_femicide_rate_global_estimates"].iloc[0]
    assert (rate.geo_code, rate.geo_type, rate.value) == ("M49_151", "region", 0.9)
    assert "share" not in " ".join(o.indicator_id)


def test_evidence(tmp_path):
    ev = valid(femicide.parse(ctx(raw_copy(tmp_path))).evidence, "evidence").set_index("evidence_id")
    assert ev.loc["LRF-01", "source_type"] == "ngo_survey" and ev.loc["LRF-01", "value"] == 30
    assert ev.loc["SLBFE-SH-02", "destination_iso3"] == "KWT" and ev.loc["SLBFE-SH-02", "year"] == 2016
    assert ev.loc["SLBFE-CP-01", "sex"] == "total" and "around" in ev.loc["SLBFE-CP-01", "note"]


def test_region_without_m49_code(tmp_path):
    raw = raw_copy(tmp_path)
    edit(raw, femicide.PRESS, "Brief 2023,Eastern Europe", "Brief 2023,Arab States")
    expect_error(femicide.parse, raw, femicide.PRESS, 5, "region", "no M49 code")


def test_negative_rate(tmp_path):
    raw = raw_copy(tmp_path)
    edit(raw, femicide.EUROPE, "2019,Western Europe,0.8", "2019,Western Europe,-0.8")
    expect_error(femicide.parse, raw, femicide.EUROPE, 2, "female_ipf_homicide_rate_per_100k", "impossible rate")


def test_unknown_country_code(tmp_path):
    raw = raw_copy(tmp_path)
    f = femicide.CEPAL[0]
    edit(raw, f, "BRB", "XXB")
    expect_error(femicide.parse, raw, f, 2, "iso3", "unknown country name 'XXB'")


def test_duplicate_evidence_id(tmp_path):
    raw = raw_copy(tmp_path)
    edit(raw, femicide.WMW, "SLBFE-CP-01", "LRF-01")
    expect_error(femicide.parse, raw, femicide.WMW, 4, "record_id", "duplicate record_id")


def test_evidence_origin_from_stated_nationality(tmp_path):
    ev = valid(femicide.parse(ctx(raw_copy(tmp_path))).evidence, "evidence").set_index("evidence_id")
    assert ev.loc["SLBFE-SH-02", "origin_iso3"] == "LKA"  # "Sri Lankan nationals abroad"
    assert pd.isna(ev.loc["LRF-01", "origin_iso3"])  # foreign-born, origin not stated


def test_evidence_unknown_nationality_stops(tmp_path):
    raw = raw_copy(tmp_path)
    edit(raw, femicide.WMW, "Sri Lankan nationals abroad", "Atlantean nationals abroad")
    expect_error(femicide.parse, raw, femicide.WMW, 3, "migrant_status", "nationality 'Atlantean'")
