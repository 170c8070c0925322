from dashboard.pipeline.sources import sdg_violence

from .violence_fixtures import ctx, edit, expect_error, raw_copy, valid

WHO = sdg_violence.WHO_IPV
DDF = sdg_violence.DDF


def _obs(tmp_path):
    return valid(sdg_violence.parse(ctx(raw_copy(tmp_path))).observations)


def test_who_ipv_modelled_with_interval_and_age(tmp_path):
    o = _obs(tmp_path)
    ipv = o[o.indicator_id == "ipv_last_12m"].set_index(["geo_code", "age"])
    assert sorted(ipv.index) == [("AFG", "15+"), ("AFG", "15-49"), ("AUT", "15+")]
    afg = ipv.loc[("AFG", "15+")]
    assert (afg.value, afg.lower, afg.upper, afg.sex, afg.obs_type, afg.year) == (33.6, 21.0, 49.2, "female", "modelled", 2018)
    assert "2000-2018" in afg.note


def test_aggregates_kept_by_m49_code_and_groups(tmp_path):
    o = _obs(tmp_path)
    legal = o[o.indicator_id == "legal_frameworks_vaw"].set_index("geo_code")
    assert legal.loc["M49_001", "geo_type"] == "world"
    assert legal.loc["M49_199", "geo_type"] == "region"
    assert legal.loc["AFG", "value"] == 50.0


def test_ddf_decoding(tmp_path):
    o = _obs(tmp_path)
    survey = o[o.indicator_id == "ipv_last_12m_survey"].set_index(["geo_code", "age"])
    assert survey.loc[("AFG", "15-49"), "obs_type"] == "survey"
    assert survey.loc[("AFG", "15+"), "note"].startswith("Country-adjusted")
    assert survey.loc[("M49_001", "15-49"), "obs_type"] == "estimate"
    inj = o[o.indicator_id == "occupational_injury_nonfatal"]
    assert set(inj.breakdown) == {"migrant", "non_migrant", "migrant_eu", "total"}
    esp = inj[(inj.geo_code == "ESP") & (inj.breakdown == "migrant")].iloc[0]
    assert (esp.sex, esp.value, esp.obs_type) == ("female", 1200.5, "administrative")
    # USA 2003 is a reviewed impossible value (more injuries than employees): left out; 2008 kept.
    assert inj[inj.geo_code == "USA"].year.tolist() == [2008]
    hom = o[o.indicator_id == "homicide_rate"]
    assert set(hom.geo_code) == {"M49_001", "AUT"}  # 827 (England and Wales) dropped on purpose
    assert set(o[o.indicator_id == "homicide_count"].geo_code) == {"AUT"}  # Kosovo unknown to the reference
    lab = o[o.indicator_id == "labour_rights_compliance"].set_index("geo_code")
    assert lab.loc["ARG", "breakdown"] == "total" and lab.loc["M49_001", "obs_type"] == "estimate"


def test_percentage_above_100(tmp_path):
    raw = raw_copy(tmp_path)
    edit(raw, WHO, "\t4.0\tPT", "\t104.0\tPT")
    expect_error(sdg_violence.parse, raw, WHO, 4, "OBS_VALUE", "impossible percentage")


def test_value_outside_interval(tmp_path):
    raw = raw_copy(tmp_path)
    edit(raw, WHO, "33.6\tPT\t21.0", "13.6\tPT\t21.0")
    expect_error(sdg_violence.parse, raw, WHO, 2, "OBS_VALUE", "outside its interval")


def test_wrong_delimiter(tmp_path):
    raw = raw_copy(tmp_path)
    p = raw / WHO
    p.write_text(p.read_text().replace("\t", ";"))
    expect_error(sdg_violence.parse, raw, WHO, 1, None, "wrong delimiter")


def test_missing_column(tmp_path):
    raw = raw_copy(tmp_path)
    edit(raw, WHO, "LOWER_BOUND", "LOWER")
    expect_error(sdg_violence.parse, raw, WHO, 1, "LOWER_BOUND", "missing column")


def test_unknown_area_code(tmp_path):
    raw = raw_copy(tmp_path)
    f = DDF + "ddf--datapoints--vc_ihr_psrc--by--geo_area--nature--sex--units--year.csv"
    edit(raw, f, "40,c,male", "999,c,male")
    expect_error(sdg_violence.parse, raw, f, 4, "geo_area", "unknown M49 area code '999'")


def test_unknown_migratory_status_code(tmp_path):
    raw = raw_copy(tmp_path)
    f = DDF + "ddf--datapoints--sl_emp_ftlinjur--by--geo_area--migratory_status--nature--sex--units--year.csv"
    edit(raw, f, "724,t,", "724,refugee,")
    expect_error(sdg_violence.parse, raw, f, 3, "migratory_status", "not in ddf--entities--migratory_status.csv")


def test_unreviewed_impossible_injury_rate(tmp_path):
    raw = raw_copy(tmp_path)
    f = DDF + "ddf--datapoints--sl_emp_injur--by--geo_area--migratory_status--nature--sex--units--year.csv"
    edit(raw, f, "2015,1500", "2015,150000")
    expect_error(sdg_violence.parse, raw, f, 3, "sl_emp_injur", "impossible value")


def test_duplicate_key(tmp_path):
    raw = raw_copy(tmp_path)
    f = DDF + "ddf--datapoints--vc_ihr_psrc--by--geo_area--nature--sex--units--year.csv"
    edit(raw, f, "40,c,male,per_100000_pop,2017,0.9", "40,e,female,per_100000_pop,2017,0.9")
    expect_error(sdg_violence.parse, raw, f, 4, None, "duplicate observation")


def test_truncated_row(tmp_path):
    raw = raw_copy(tmp_path)
    edit(raw, WHO, "40\tAUT\t2018\t2000-2018\tF\tY_GE15\t4.0\tPT\t2.0\t6.0\tE\tVC_VAW_MARR", "40\tAUT\t2018")
    expect_error(sdg_violence.parse, raw, WHO, 4, None, "truncated")
