"""Importers: depositary pages -> raw files the build reads; bad pages stop with file/row and write nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard.pipeline.__main__ import main
from dashboard.pipeline.context import BuildContext
from dashboard.pipeline.errors import SourceError
from dashboard.pipeline.importers import IMPORT_DIR, run_import
from dashboard.pipeline.sources import imported_ratifications
from tests.unit.ratification_fixtures import copy_raw

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "importers"


def files(raw: Path) -> dict[str, bytes]:
    return {str(p.relative_to(raw)): p.read_bytes() for p in sorted(raw.rglob("*")) if p.is_file()}


def parsed(raw: Path):
    import pandas as pd

    from tests.conftest import DATA

    ctx = BuildContext(raw=raw)
    ctx.set_countries(pd.read_parquet(DATA / "countries.parquet"))
    return imported_ratifications.parse(ctx)


def test_untc_page_to_raw_file_and_events(tmp_path):
    path, written, imp = run_import("untc", str(FIX / "untc_status_page.html"), "UN-SOM", tmp_path)
    assert written and path == tmp_path / IMPORT_DIR / "UN-SOM_untc_2026-11-20.csv"
    assert path.read_text().splitlines()[0] == 'Participant,Signature,"Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)"'
    manifest = json.loads(path.with_suffix(".json").read_text())
    assert (manifest["as_of"], manifest["mtdsg"], manifest["rows"]) == ("2026-11-20", "XVIII-12-B", 4)
    out = parsed(tmp_path)
    ev = out.ratification_events.set_index(["iso3", "action"])["date"].to_dict()
    assert ev == {
        ("ALB", "signature"): "2000-12-12",
        ("ALB", "ratification"): "2002-08-21",
        ("AGO", "accession"): "2014-09-19",
        ("JPN", "signature"): "2002-12-09",
        ("JPN", "acceptance"): "2017-07-11",
    }  # footnote dropped, EU not a state
    assert out.supersedes == ("UN-SOM",)
    assert out.instruments[0].completeness == "complete" and out.instruments[0].as_of == "2026-11-20"


@pytest.mark.parametrize("fixture", ["normlex_c189_page.html", "normlex_c189_export.csv"])
def test_normlex_page_or_csv_to_raw_file_with_computed_entry_into_force(tmp_path, fixture):
    path, written, imp = run_import("normlex", str(FIX / fixture), "ILO-C189", tmp_path, as_of="2026-11-20")
    assert written and path.name == "ILO-C189_normlex_2026-11-20.csv"
    assert path.read_text().splitlines()[0] == "Country;Date;Status;Note"
    ev = parsed(tmp_path).ratification_events.set_index("iso3")
    assert ev.loc["PHL", ["date", "in_force_date"]].tolist() == ["2012-09-05", "2013-09-05"]
    assert ev.loc["ARM", "in_force_date"] == "2027-01-10"
    assert ev.loc["URY", "in_force_date"] == "2013-09-05"  # not before the convention's own entry into force


@pytest.mark.parametrize(
    "kind,fixture,as_of,row,problem",
    [
        ("untc", "untc_bad_date.html", None, 3, "cannot read '19 Sept 2014 a'"),
        ("untc", "untc_no_date.html", None, None, "Status as at"),
        ("normlex", "normlex_bad_date.csv", "2026-11-20", 3, "cannot read date '2012-09-05'"),
        ("normlex", "normlex_unknown_status.csv", "2026-11-20", 4, "unknown status 'Pending'"),
        ("normlex", "normlex_truncated.csv", "2026-11-20", 3, "expected 4"),
        ("normlex", "normlex_unknown_country.csv", "2026-11-20", 2, "unknown country name 'Atlantis'"),
        ("normlex", "normlex_c189_export.csv", None, None, "--as-of"),
        ("normlex", "normlex_c189_export.csv", "2025-01-01", 4, "after the source's as-of date"),
    ],
)
def test_malformed_input_names_file_and_row_and_writes_nothing(tmp_path, kind, fixture, as_of, row, problem):
    before = files(tmp_path)
    with pytest.raises(SourceError) as info:
        run_import(kind, str(FIX / fixture), "ILO-C189" if kind == "normlex" else "UN-SOM", tmp_path, as_of=as_of)
    assert info.value.file == fixture and info.value.row == row and problem in info.value.problem
    assert files(tmp_path) == before


def test_existing_raw_file_is_never_overwritten(tmp_path):
    run_import("normlex", str(FIX / "normlex_c189_export.csv"), "ILO-C189", tmp_path, as_of="2026-11-20")
    before = files(tmp_path)
    _, written, _ = run_import("normlex", str(FIX / "normlex_c189_export.csv"), "ILO-C189", tmp_path, as_of="2026-11-20")
    assert not written and files(tmp_path) == before  # identical re-import is a no-op
    with pytest.raises(SourceError, match="never overwritten"):
        run_import("normlex", str(FIX / "normlex_c189_page.html"), "ILO-C189", tmp_path, as_of="2026-11-20")
    assert files(tmp_path) == before


def test_cli_import_then_build_supersedes_the_older_list(tmp_path, capsys):
    from dashboard.pipeline.build import run_parsers
    from tests.conftest import RAW

    if not RAW.is_dir():
        pytest.skip("raw sources not available")
    import shutil

    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    for p in raw.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    assert main(["import", "normlex", str(FIX / "normlex_c189_page.html"), "--instrument", "ILO-C189", "--as-of", "2026-11-20", "--raw", str(raw)]) == 0
    assert "now run: python -m dashboard.pipeline build" in capsys.readouterr().out
    tables, catalog, _, report = run_parsers(raw)
    c189 = tables["ratification_events"].query("instrument_id == 'ILO-C189'")
    # The replaced Fedlex rows are disclosed in the build report, not silently gone.
    fedlex = report["files"]["ratifications/ilo/fedlex_C189_geltungsbereich_2020-10-05_page-text.txt"]
    assert fedlex["dropped"]["superseded"]["rows"] == fedlex["rows_read"] and fedlex["rows_kept"] == 0
    assert (
        report["files"]["ratifications/imported/" + next(p.name for p in (raw / "ratifications/imported").iterdir() if not p.name.endswith(".json"))][
            "rows_read"
        ]
        == 6
    )
    assert sorted(c189["iso3"]) == ["ARM", "DEU", "ESP", "MEX", "PHL", "URY"]  # the Fedlex and yes/no rows are replaced
    entry = next(i for i in catalog["instruments"] if i["id"] == "ILO-C189")
    assert (entry["completeness"], entry["as_of"]) == ("complete", "2026-11-20")
    assert main(["import", "normlex", str(FIX / "normlex_bad_date.csv"), "--instrument", "ILO-C189", "--as-of", "2026-11-20", "--raw", str(raw)]) == 1
    assert "normlex_bad_date.csv, row 3" in capsys.readouterr().err


def test_no_imports_contribute_nothing(tmp_path):
    out = imported_ratifications.parse(BuildContext(raw=copy_raw(tmp_path)))
    assert out.ratification_events is None and out.instruments == [] and out.supersedes == ()
