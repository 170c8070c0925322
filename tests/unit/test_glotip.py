from dashboard.pipeline.sources import glotip

from .violence_fixtures import ctx, edit, expect_error, raw_copy, valid

F = glotip.FILE


def test_counts_by_sex_age_and_form(tmp_path):
    o = valid(glotip.parse(ctx(raw_copy(tmp_path))).observations)
    got = {(r.year, r.sex, r.age, r.breakdown): r.value for r in o.itertuples()}
    assert got == {
        (2017, "total", "all", "total"): 1372.0,  # thousands separator parsed
        (2017, "female", "<18", "total"): 36.0,
        (2017, "female", "18+", "total"): 407.0,
        (2017, "total", "all", "sexual_exploitation"): 323.0,
        (2018, "female", "all", "total"): 60.0,  # a sex total given once is kept
        (2018, "total", "all", "other_forms"): 115.0,
    }
    # '<5' suppressed, Unknown sex, repatriation dimension, Sark, the mislabelled 2017 female
    # total (407 and 36) and the 2017 other-forms sub-forms (27 and 20) give no row.
    assert set(o.obs_type) == {"administrative"} and set(o.geo_code) == {"AUT"}


def test_unknown_category(tmp_path):
    raw = raw_copy(tmp_path)
    edit(raw, F, "Sexual exploitation", "Organ removal")
    expect_error(glotip.parse, raw, F, 7, "Category", "unknown form of exploitation")


def test_negative_count(tmp_path):
    raw = raw_copy(tmp_path)
    edit(raw, F, '"1,372"', '"-1,372"')
    expect_error(glotip.parse, raw, F, 3, "txtVALUE", "impossible count")


def test_unexpected_repeat_stops(tmp_path):
    raw = raw_copy(tmp_path)
    edit(raw, F, 'Sexual exploitation,Total,Total,2017,Counts,"323"', 'Total,Total,Total,2017,Counts,"999"')
    edit(raw, F, "by form of exploitation,Total,", "Total,Total,")
    expect_error(glotip.parse, raw, F, 7, None, "duplicate observation")


def test_missing_iso3(tmp_path):
    raw = raw_copy(tmp_path)
    edit(raw, F, ",Sark,", ",Atlantis,")
    expect_error(glotip.parse, raw, F, 15, "Iso3_code", "no ISO3 code for 'Atlantis'")
