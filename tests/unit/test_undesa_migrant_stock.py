from dashboard.pipeline.sources import undesa_migrant_stock as ims
from .violence_fixtures import ctx, edit, expect_error, raw_copy, valid


def test_areas_sexes_years_and_notes(tmp_path):
    o = valid(ims.parse(ctx(raw_copy(tmp_path))).observations)
    stock = o[o.indicator_id == "migrant_stock"]
    # WORLD (900) -> M49 001; Sub-Saharan Africa (947) and AFRICA (903) matched by name to M49;
    # Developed regions (901) and Channel Islands (no ISO3) dropped.
    assert sorted(stock.geo_code.unique()) == ["AFG", "M49_001", "M49_002", "M49_202"]
    world = stock[(stock.geo_code == "M49_001") & (stock.year == 1990)].set_index("sex")["value"]
    assert world.to_dict() == {"total": 1000.0, "male": 1007.0, "female": 1014.0}  # persons, as published
    afg = stock[stock.geo_code == "AFG"]
    assert len(afg) == 20  # the '..' cell gives no row
    assert afg.note.iloc[0] == "Type of data B R: foreign-born population, refugees added. Note 3: The estimates for 1990 to 2005 refer to Sudan and South Sudan."
    share = o[o.indicator_id == "migrant_women_share"]
    assert set(share.sex) == {"female"} and share[share.geo_code == "AFG"].value.eq(44.0).all()
    assert set(o[o.indicator_id == "migrants_pct_population"].sex) == {"female", "male", "total"}


def test_share_above_100(tmp_path):
    raw = raw_copy(tmp_path)
    edit(raw, ims.T4, "B R,44.0", "B R,144.0")
    expect_error(ims.parse, raw, ims.T4, 3, "female_share_pct_1990", "impossible value")


def test_unknown_note(tmp_path):
    raw = raw_copy(tmp_path)
    edit(raw, ims.T3, "Afghanistan,3,", "Afghanistan,77,")
    expect_error(ims.parse, raw, ims.T3, 3, "Notes", "note 77")


def test_bad_number(tmp_path):
    raw = raw_copy(tmp_path)
    edit(raw, ims.T1, "B R,..,100", "B R,..,1o0")
    expect_error(ims.parse, raw, ims.T1, 6, "both_sexes_1995", "not a number")


def test_missing_year_column(tmp_path):
    raw = raw_copy(tmp_path)
    edit(raw, ims.T3, "female_2020", "female_2021")
    expect_error(ims.parse, raw, ims.T3, 1, "female_2020", "missing column")
