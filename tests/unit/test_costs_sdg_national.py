"""National SDG 10.c.1 figures (UK, Armenia, Korea, Jamaica corridors): parsing, defects handled, comparisons."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.pipeline import schemas
from dashboard.pipeline.context import BuildContext
from dashboard.pipeline.errors import SourceError
from dashboard.pipeline.sources import costs_sdg_national as nat

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def raw_dir(tmp_path: Path) -> Path:
    """The national files beside the existing cost fixtures (WDI / RPW, which the comparisons read)."""
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURES / "costs", raw)
    for p in (FIXTURES / "costs_national" / "costs").iterdir():
        shutil.copy(p, raw / "costs" / p.name)
    return raw


def edit(raw: Path, rel: str, old: str, new: str) -> None:
    p = raw / rel
    text = p.read_text(encoding="utf-8-sig")
    assert old in text
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_national_figures_have_their_own_ids_and_sources(tmp_path):
    out = nat.parse(BuildContext(raw=raw_dir(tmp_path)))
    obs, cor = out.observations, out.corridors
    schemas.observations.validate(obs.drop(columns=["src_file", "src_line"]))
    schemas.corridors.validate(cor.drop(columns=["src_file", "src_line"]))
    assert set(obs.indicator_id) == {nat.FROM_ID, nat.TO_ID} and set(cor.indicator_id) == {nat.CORRIDOR_ID}
    gbr = obs[obs.geo_code == "GBR"].set_index("period")["value"].to_dict()
    assert gbr == {"2020Q3": 6.57, "2020Q4": 6.5}
    assert obs[obs.geo_code == "ARM"].set_index("year")["value"].to_dict() == {2019: 5.02, 2021: 5.64}
    assert set(obs.source_id) == {"ons-sdg-10-c-1-2023-04", "armstat-sdg-10-c-1-2026-07", "kostat-sdg-10-c-1-2022-10"}
    assert all("national figure" in i.title for i in out.indicators)


def test_jamaica_serves_only_the_percentage_and_drops_the_rest_with_reasons(tmp_path):
    out = nat.parse(BuildContext(raw=raw_dir(tmp_path)))
    cor = out.corridors
    assert cor.set_index(["origin_iso3", "year"])["value"].to_dict() == {("CAN", 2019): 9.35, ("GBR", 2021): 7.64}
    reasons = {(d.rows, d.reason) for d in out.drops if d.file == nat.JAM}
    assert reasons == {
        ((2,), "fee_amount_not_pct"),
        ((3,), "cost_component_not_served"),
        ((5,), "amount_in_currency_not_served"),
        ((7,), "amount_in_currency_not_served"),
    }
    assert "GBP" in next(d.detail for d in out.drops if d.rows == (7,))
    assert out.rows_read[nat.JAM] == 6
    kept = set(cor.src_line)
    assert len(kept | {r for d in out.drops for r in d.rows}) == 6


def test_comparison_lists_each_disagreement_and_explains_it():
    obs = pd.DataFrame(
        [
            dict(indicator_id=nat.FROM_ID, geo_code="GBR", year=2020, period="2020Q3", value=6.57),
            dict(indicator_id=nat.FROM_ID, geo_code="GBR", year=2019, period="2019Q3", value=7.0),
            dict(indicator_id=nat.FROM_ID, geo_code="GBR", year=2019, period="2019Q2", value=1.0),
        ]
    )  # not Q3: not compared
    wdi = pd.DataFrame(
        [
            dict(indicator_id="remittance_cost_from_country", geo_code="GBR", year=2020, sex="total", value=6.5712),
            dict(indicator_id="remittance_cost_from_country", geo_code="GBR", year=2019, sex="total", value=7.2),
        ]
    )
    empty_cor = pd.DataFrame(columns=["origin_iso3", "destination_iso3", "year", "quarter", "value"])
    gbr = next(c for c in nat.comparisons(obs, empty_cor, wdi, empty_cor) if c.id.endswith("gbr_vs_wdi"))
    assert (gbr.compared, gbr.agreed) == (2, 1)
    assert gbr.disagreements == ("GBR 2019Q3: national 7, international 7.2 (diff -0.200 pp)",)
    assert gbr.resolution.startswith("explained: different")


def test_malformed_quarter_names_file_row_and_column(tmp_path):
    raw = raw_dir(tmp_path)
    edit(raw, nat.GBR, "2020 Q4", "2020-Q4")
    with pytest.raises(SourceError) as e:
        nat.parse(BuildContext(raw=raw))
    assert (e.value.file, e.value.row, e.value.column) == (nat.GBR, 3, "Year") and "2020-Q4" in e.value.problem


def test_unknown_jamaica_description_stops(tmp_path):
    raw = raw_dir(tmp_path)
    edit(raw, nat.JAM, "2021,Total Cost (%),United Kingdom", "2021,Total Cost (GBP),United Kingdom")
    with pytest.raises(SourceError) as e:
        nat.parse(BuildContext(raw=raw))
    assert (e.value.file, e.value.row, e.value.column) == (nat.JAM, 6, "Description")


def test_non_numeric_value_stops(tmp_path):
    raw = raw_dir(tmp_path)
    edit(raw, nat.KOR, "2021,4.18", "2021,4,18")
    with pytest.raises(SourceError) as e:
        nat.parse(BuildContext(raw=raw))
    assert (e.value.file, e.value.row) == (nat.KOR, 3) and "fields" in e.value.problem
