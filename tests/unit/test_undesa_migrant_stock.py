"""UN DESA IMS 2024 (destination, population, origin) and the derived trafficking rate, on authored fixtures."""

from dashboard.pipeline.sources import derived_trafficking_per_100k as derived
from dashboard.pipeline.sources import undesa_ims2024_origin as origin
from dashboard.pipeline.sources import undesa_migrant_stock as ims
from dashboard.pipeline.sources._obs import obs_frame

from .violence_fixtures import ctx, edit, expect_error, raw_copy, valid


def _drops(out, file):
    return {(d.rows, d.reason) for d in out.drops if d.file == file}


def test_destination_areas_sexes_years_and_notes(tmp_path):
    out = ims.parse(ctx(raw_copy(tmp_path)))
    o = valid(out.observations)
    stock = o[o.indicator_id == "migrant_stock"]
    # World (900) -> M49 001; Sub-Saharan Africa (1834) and AFRICA (903) matched by name to M49.
    assert sorted(stock.geo_code.unique()) == ["AFG", "M49_001", "M49_002", "M49_202"]
    assert sorted(stock.year.unique()) == [1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024]
    world = stock[(stock.geo_code == "M49_001") & (stock.year == 1990)].set_index("sex")["value"]
    assert world.to_dict() == {"total": 2000.0, "male": 1000.0, "female": 1000.0}  # persons, as in the fixture
    afg = stock[stock.geo_code == "AFG"]
    assert afg.note.iloc[0] == "Data type B R: foreign-born population, refugees added. Note 3: The estimates for 1990 to 2005 refer to Sudan and South Sudan."
    assert set(o[o.indicator_id == "migrant_women_share"].sex) == {"female"}
    pop = o[(o.indicator_id == "population_thousands") & (o.geo_code == "M49_202")]
    assert pop.note.iloc[0].startswith("Note b: Sub-Saharan Africa refers")
    assert pop[(pop.year == 1990) & (pop.sex == "total")].value.tolist() == [5000.5]


def test_every_row_is_kept_or_dropped_with_a_reason(tmp_path):
    out = ims.parse(ctx(raw_copy(tmp_path)))
    o = out.observations
    assert all(d.reason and d.detail for d in out.drops)
    for file, n in out.rows_read.items():
        kept = set(o.loc[o.src_file == file, "src_line"])
        dropped = {r for d in out.drops if d.file == file for r in d.rows}
        assert len(kept | dropped) == n == 8, file
    assert _drops(out, ims.T1) == {
        ((4,), "no_m49_aggregate"),  # More developed regions
        ((7,), "no_iso3_code"),  # Channel Islands: no ISO3, never silently gone
        ((8,), "no_values"),  # Saint Barthélemy: no estimate
        ((9,), "repeated_area"),  # Africa listed twice with the same values
    }
    channel = next(d for d in out.drops if d.file == ims.T1 and d.reason == "no_iso3_code")
    assert "Channel Islands" in channel.detail and channel.target == "migrant_stock"
    # T3's 100.004 % is above 100 only by rounding: that cell is dropped and disclosed, the row is kept.
    assert ((6,), "share_above_100") in _drops(out, ims.T3)
    t3 = o[(o.indicator_id == "migrants_pct_population") & (o.geo_code == "AFG")]
    assert 2010 not in set(t3[t3.sex == "total"].year) and 2010 in set(t3[t3.sex == "male"].year)


def test_repeated_area_with_different_values_stops(tmp_path):
    raw = raw_copy(tmp_path)
    edit(raw, ims.T4, "8,Africa,,,903,40,", "8,Africa,,,903,41,")
    expect_error(ims.parse, raw, ims.T4, 9, None, "different values")


def test_share_clearly_above_100_stops(tmp_path):
    raw = raw_copy(tmp_path)
    edit(raw, ims.T4, "5,Afghanistan,3,B R,4,40,", "5,Afghanistan,3,B R,4,140,")
    expect_error(ims.parse, raw, ims.T4, 6, "female_share_pct_1990", "impossible value")


def test_unknown_note(tmp_path):
    raw = raw_copy(tmp_path)
    edit(raw, ims.T3, "5,Afghanistan,3,", "5,Afghanistan,77,")
    expect_error(ims.parse, raw, ims.T3, 6, "Coverage", "note '77'")


def test_bad_number(tmp_path):
    raw = raw_copy(tmp_path)
    edit(raw, ims.T1, "5,Afghanistan,3,B R,4,200,", "5,Afghanistan,3,B R,4,2o0,")
    expect_error(ims.parse, raw, ims.T1, 6, "both_sexes_1990", "not a number")


def test_population_rows_must_match_table_1(tmp_path):
    raw = raw_copy(tmp_path)
    edit(raw, ims.T2, "5,   Afghanistan", "5,   Albania")
    expect_error(ims.parse, raw, ims.T2, 6, "Region, development group, country or area", "Afghanistan")


def test_missing_year_column(tmp_path):
    raw = raw_copy(tmp_path)
    edit(raw, ims.T3, "female_2024", "female_2023")
    expect_error(ims.parse, raw, ims.T3, 1, "female_2024", "missing column")


def test_origin_emigrants_and_unattributable_row(tmp_path):
    out = origin.parse(ctx(raw_copy(tmp_path)))
    o = valid(out.observations)
    assert set(o.indicator_id) == {"emigrant_stock", "emigrant_women_share"}
    afg = o[(o.indicator_id == "emigrant_stock") & (o.geo_code == "AFG") & (o.year == 2024)].set_index("sex")["value"]
    assert afg.to_dict() == {"total": 207.0, "male": 107.0, "female": 107.0}
    assert ((10,), "origin_not_attributable") in _drops(out, origin.T1)
    assert out.rows_read == {origin.T1: 9, origin.T2: 9}
    assert [s.id for s in out.sources] == ["undesa-ims-2024-origin"]


def _obs(indicator, geo, year, sex, value):
    return dict(
        indicator_id=indicator,
        geo_code=geo,
        geo_type="country",
        year=year,
        period=str(year),
        sex=sex,
        age="all",
        breakdown="total",
        value=value,
        lower=None,
        upper=None,
        obs_type="administrative",
        source_id="s",
        note=None,
        src_file="f",
        src_line=2,
    )


def test_rate_per_100k_matches_sex_and_year_and_never_interpolates():
    victims = obs_frame(
        [
            _obs("trafficking_victims_detected", "AFG", 2020, "female", 30.0),
            _obs("trafficking_victims_detected", "AFG", 2020, "male", 10.0),
            _obs("trafficking_victims_detected", "AFG", 2019, "female", 99.0),  # no population for 2019: no rate
            _obs("trafficking_victims_detected", "AUT", 2020, "total", 5.0),  # no population for AUT: no rate
        ]
    )
    population = obs_frame(
        [
            _obs("population_thousands", "AFG", 2020, "female", 1500.0),
            _obs("population_thousands", "AFG", 2020, "male", 500.0),
            _obs("population_thousands", "AFG", 2015, "female", 1400.0),
        ]
    )
    got = derived.derive(victims, population)
    rates = got.set_index(["year", "sex"])["value"].to_dict()
    assert rates == {(2020, "female"): 30.0 / 1_500_000 * 100_000, (2020, "male"): 10.0 / 500_000 * 100_000}
    assert set(got.indicator_id) == {"trafficking_victims_per_100k"}
