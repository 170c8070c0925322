import csv

import openpyxl
import pytest

from dashboard.pipeline.sources import gsi2023

from .violence_fixtures import REAL_RAW, ctx, expect_error, valid

HEADER = ["Country", "Population", "Region", *gsi2023.COLUMNS]


def _workbook(raw, rows, header=HEADER):
    p = raw / gsi2023.FILE
    p.parent.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = gsi2023.SHEET
    ws.append([None])
    ws.append(["Source: Walk Free 2023"])
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(p)
    return raw


def test_four_indicators_and_missing_is_missing(tmp_path):
    raw = _workbook(
        tmp_path,
        [
            ["Albania", 2878000, "Europe", 11.8, 34000, 39.5, 61.5],
            ["Afghanistan", 38928000, "Asia", 13.0, 505000, 86.2, None],
            ["North Korea", 25779000, "Asia", 104.6, 2696000, 92.0, -2.56],
        ],
    )
    o = valid(gsi2023.parse(ctx(raw)).observations).set_index(["indicator_id", "geo_code"])
    assert o.loc[("modern_slavery_prevalence", "ALB"), "value"] == 11.8
    assert o.loc[("modern_slavery_victims", "AFG"), "year"] == 2021
    assert o.loc[("government_response", "PRK"), "value"] == -2.56  # Walk Free deducts points
    assert ("government_response", "AFG") not in o.index


def test_vulnerability_above_100(tmp_path):
    raw = _workbook(tmp_path, [["Albania", 1, "Europe", 11.8, 34000, 139.5, 61.5]])
    expect_error(gsi2023.parse, raw, gsi2023.FILE, 4, "Total Vulnerability score (%)", "impossible value")


def test_unknown_country(tmp_path):
    raw = _workbook(tmp_path, [["Atlantis", 1, "Europe", 11.8, 34000, 39.5, 61.5]])
    expect_error(gsi2023.parse, raw, gsi2023.FILE, 4, "Country", "unknown country name 'Atlantis'")


def test_missing_column(tmp_path):
    raw = _workbook(tmp_path, [], header=HEADER[:-1])
    expect_error(gsi2023.parse, raw, gsi2023.FILE, 3, "Government response total (%)", "missing column")


@pytest.mark.skipif(not (REAL_RAW / gsi2023.FILE).exists(), reason="real raw data not present")
def test_workbook_agrees_with_kaggle_extract():
    """The Kaggle CSV (1 decimal, thousands separators) must agree with the authoritative workbook."""
    c = ctx(REAL_RAW)
    o = gsi2023.parse(c).observations.set_index(["indicator_id", "geo_code"])["value"]
    with (REAL_RAW / "violence/walkfree_gsi2023_prevalence_estimates.csv").open(encoding="utf-8") as f:
        rows = [{k.strip(): v for k, v in r.items()} for r in csv.DictReader(f)]
    compared = 0
    for r in rows:
        prev = r["Estimated prevalence of modern slavery per 1,000 population"].strip()
        if not prev:
            continue
        iso3 = c.iso3(r["Country"].strip(), file="csv")
        assert abs(o[("modern_slavery_prevalence", iso3)] - float(prev)) <= 0.05 + 1e-9, iso3
        assert o[("modern_slavery_victims", iso3)] == float(r["Estimated number of people in modern slavery"].replace(",", "")), iso3
        compared += 1
    assert compared == 160
