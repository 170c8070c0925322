"""The country reference parser on tiny fixture files shaped like the real sources."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.pipeline import schemas
from dashboard.pipeline.context import BuildContext
from dashboard.pipeline.errors import SourceError
from dashboard.pipeline.sources import reference

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reference"
MALFORMED = FIXTURES / "malformed"


@pytest.fixture()
def raw(tmp_path: Path) -> Path:
    """A writable copy of the good fixture tree, so a test can swap one file for a broken one."""
    shutil.copytree(FIXTURES / "raw", tmp_path / "raw")
    return tmp_path / "raw"


def parse(raw: Path):
    return reference.parse(BuildContext(raw=raw))


def with_file(raw: Path, rel: str, malformed: str) -> Path:
    shutil.copyfile(MALFORMED / malformed, raw / rel)
    return raw


@pytest.fixture()
def countries(raw):
    return parse(raw).countries.set_index("iso3")


def test_table_follows_the_schema(raw):
    out = parse(raw)
    schemas.countries.validate(out.countries.drop(columns=["src_file", "src_line"]))
    assert sorted(out.countries["iso3"]) == ["ABW", "AFG", "ATA", "PSE", "SGP", "VAT", "XKX"]


def test_un_status_from_member_flag_and_observer_list(countries):
    assert countries["un_status"].to_dict() == {
        "AFG": "member",
        "ATA": "other",
        "PSE": "observer",
        "VAT": "observer",
        "ABW": "other",
        "SGP": "member",
        "XKX": "other",
    }


def test_m49_names_regions_and_gender_portal_sdg_region(countries):
    afg = countries.loc["AFG"]
    assert (afg["m49"], afg["name_en"], afg["region_code"], afg["subregion_name"]) == ("004", "Afghanistan", "142", "Southern Asia")
    assert afg["sdg_region"] == "Central and Southern Asia"
    assert pd.isna(countries.loc["ATA", "region_code"])  # Antarctica has no region in M49: missing, not invented


def test_income_group_joined_on_iso3_and_missing_when_unclassified(countries):
    assert countries.loc["AFG", "income_group"] == "Low income"
    assert countries.loc["PSE", "income_group"] == "Upper middle income"
    assert pd.isna(countries.loc["VAT", "income_group"])


def test_area_outside_m49_enters_from_world_bank_with_nulls(countries):
    xkx = countries.loc["XKX"]
    assert (xkx["name_en"], xkx["income_group"]) == ("Kosovo", "Upper middle income")
    assert pd.isna(xkx["m49"]) and pd.isna(xkx["sdg_region"]) and pd.isna(xkx["region_code"])
    assert countries.loc["XKX", "src_file"] == reference.INCOME_FILE


def test_translations_with_english_fallback(countries):
    assert countries.loc["PSE", "name_fr"] == "Palestine, État de"
    assert countries.loc["SGP", "name_es"] == "Singapur"
    assert countries.loc["XKX", "name_fr"] == "Kosovo"  # pycountry has no XKX: English name kept


def test_points_from_110m_label_then_50m_then_gender_portal(countries):
    assert (countries.loc["AFG", "lon"], countries.loc["AFG", "lat"]) == (65.0, 34.0)
    # PSE: the label of its largest 110m part (West Bank), not of the first feature (Gaza).
    assert (countries.loc["PSE", "lon"], countries.loc["PSE", "lat"]) == (35.25, 31.9)
    sgp = countries.loc["SGP"]
    assert 103.6 < sgp["lon"] < 104.0 and 1.2 < sgp["lat"] < 1.45  # inside the 50m shape
    assert (countries.loc["VAT", "lon"], countries.loc["VAT", "lat"]) == (12.4532, 41.9034)  # X/Y, 4 decimals
    assert math.isnan(countries.loc["ATA", "lon"])  # on no map and no X/Y: missing


def test_has_shape_110m(countries):
    assert countries.index[countries["has_shape_110m"]].tolist() == ["AFG", "PSE"]


def test_map_asset_merges_split_country_into_one_feature(raw):
    out = parse(raw)
    assert list(out.assets) == ["world_110m.json"]
    topo = json.loads(out.assets["world_110m.json"])
    geoms = topo["objects"]["countries"]["geometries"]
    assert [g["id"] for g in geoms] == ["AFG", "PSE"]
    pse = geoms[1]
    assert pse["type"] == "MultiPolygon" and pse["arcs"] == [[[1]], [[2]]]
    assert pse["properties"]["ct"] == [35.25, 31.9]
    assert topo["arcs"] == json.loads((raw / reference.MAP_110M_FILE).read_text())["arcs"]  # no geometry redrawn


def test_output_is_deterministic(raw):
    a, b = parse(raw), parse(raw)
    assert a.assets == b.assets
    assert a.countries.equals(b.countries)


def test_sources_cover_every_file_read(raw):
    files = {f for s in parse(raw).sources for f in s.files}
    assert files == {reference.M49_FILE, reference.AREAS_FILE, reference.INCOME_FILE, reference.MAP_110M_FILE, reference.MAP_50M_FILE}


# --- malformed input: the error names the file, the row/column and the problem ---


def test_missing_column(raw):
    with pytest.raises(SourceError) as e:
        parse(with_file(raw, reference.M49_FILE, "m49_missing_iso3_column.csv"))
    assert (e.value.file, e.value.row, e.value.column) == (reference.M49_FILE, 1, "iso3166_alpha3")
    assert "missing column" in e.value.problem


def test_wrong_delimiter_is_a_missing_column(raw):
    with pytest.raises(SourceError) as e:
        parse(with_file(raw, reference.M49_FILE, "m49_semicolon_delimited.csv"))
    assert e.value.file == reference.M49_FILE and "missing column" in e.value.problem


def test_duplicate_iso3(raw):
    with pytest.raises(SourceError) as e:
        parse(with_file(raw, reference.AREAS_FILE, "areas_duplicate_iso3.csv"))
    assert (e.value.file, e.value.row, e.value.column) == (reference.AREAS_FILE, 4, "ISO3")
    assert "duplicate ISO3 'AFG' (first on row 2)" in e.value.problem


def test_unknown_income_group(raw):
    with pytest.raises(SourceError) as e:
        parse(with_file(raw, reference.INCOME_FILE, "wb_unknown_income_group.csv"))
    assert (e.value.file, e.value.row, e.value.column) == (reference.INCOME_FILE, 3, "Income group")
    assert "unknown income group 'Middle income'" in e.value.problem


def test_observer_flagged_as_member(raw):
    with pytest.raises(SourceError) as e:
        parse(with_file(raw, reference.AREAS_FILE, "areas_observer_flagged_member.csv"))
    assert (e.value.file, e.value.row, e.value.column) == (reference.AREAS_FILE, 3, "UNmember")
    assert "VAT" in e.value.problem


def test_truncated_topology(raw):
    with pytest.raises(SourceError) as e:
        parse(with_file(raw, reference.MAP_110M_FILE, "world_110m_truncated.json"))
    assert e.value.file == reference.MAP_110M_FILE and "truncated" in e.value.problem


def test_bad_encoding(raw):
    (raw / reference.INCOME_FILE).write_bytes("Economy,Code,Region,Income group\nC\xf4te,CIV,X,Low income\n".encode("latin-1"))
    with pytest.raises(SourceError) as e:
        parse(raw)
    assert e.value.file == reference.INCOME_FILE and "not UTF-8" in e.value.problem


def test_missing_file(raw):
    (raw / reference.MAP_50M_FILE).unlink()
    with pytest.raises(SourceError) as e:
        parse(raw)
    assert e.value.file == reference.MAP_50M_FILE and "file not found" in e.value.problem
