"""Build report rules: every drop has a reason, every disagreement a resolution, every counted row is kept or dropped.

Also the GLOTIP duplicate-before-suppression rule and the date-precision check, on small authored frames.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.pipeline import build, schemas
from dashboard.pipeline.errors import BuildError
from dashboard.pipeline.output import Comparison, Drop, SourceOutput
from dashboard.pipeline.sources import glotip

F = "costs/example.csv"


def _out(lines_kept, rows_read=None, drops=(), comparisons=()):
    obs = pd.DataFrame({"indicator_id": "x", "src_file": F, "src_line": list(lines_kept)})
    return SourceOutput(observations=obs, rows_read=rows_read or {}, drops=list(drops), comparisons=list(comparisons))


def _errors(out):
    return [str(e) for e in build._ledger_errors(build._ledger("example", out))]


def test_every_row_kept_or_dropped_with_a_reason_passes():
    out = _out([2, 3], {F: 3}, [Drop(F, (4,), "no_value", "empty", "x")])
    assert _errors(out) == []


def test_drop_without_reason_fails_naming_the_file_and_row():
    (err,) = _errors(_out([2, 3], {F: 3}, [Drop(F, (4,), "", "", "x")]))
    assert err.startswith(f"{F}, row 4:") and "without a reason" in err and "example" in err


def test_row_read_and_neither_kept_nor_dropped_fails():
    (err,) = _errors(_out([2, 3], {F: 3}))
    assert F in err and "1 row(s) read but neither kept nor dropped" in err


def test_disagreement_without_resolution_fails_and_quarantine_resolves_it():
    unresolved = Comparison("a_vs_b", "x", ("b", "a"), compared=2, agreed=1, tolerance="exact", disagreements=("K 2017: 1 vs 2",))
    (err,) = _errors(_out([], comparisons=[unresolved]))
    assert "a_vs_b" in err and "neither quarantined nor explained" in err and "K 2017" in err
    resolved = Comparison("a_vs_b", "x", ("b", "a"), compared=2, agreed=1, tolerance="exact", disagreements=("K 2017: 1 vs 2",), resolution="quarantined")
    assert _errors(_out([], comparisons=[resolved])) == []


def test_comparison_counts_must_match_its_listed_disagreements():
    hidden = Comparison("a_vs_b", "x", ("b", "a"), compared=3, agreed=1, tolerance="exact", disagreements=("K 2017: 1 vs 2",), resolution="quarantined")
    (err,) = _errors(_out([], comparisons=[hidden]))
    assert "2 values disagree but 1 disagreements are listed" in err


def test_run_parsers_stops_on_a_reasonless_drop(monkeypatch):
    """The whole build fails (BuildError naming the parser) rather than writing a report with a blind spot."""
    import types

    from dashboard.pipeline.__main__ import default_raw
    from dashboard.pipeline.sources import reference

    Bad = types.ModuleType("dashboard.pipeline.sources.bad_parser")
    Bad.parse = lambda ctx: SourceOutput(drops=[Drop("costs/x.csv", (2,), " ")])

    monkeypatch.setattr(build, "discover_parsers", lambda: [reference, Bad])
    with pytest.raises(BuildError, match=r"costs/x.csv, row 2: <parser bad_parser>: rows dropped without a reason"):
        build.run_parsers(default_raw())


def test_report_sums_drops_by_reason_with_examples():
    drops = [Drop(F, (5,), "suppressed_lt5", "a", "x"), Drop(F, (6, 7), "suppressed_lt5", "b", "x"), Drop(F, (9,), "disagrees", "c", "x", quarantined=True)]
    summary = build._drop_summary(drops)
    assert summary["suppressed_lt5"]["rows"] == 3 and summary["disagrees"]["quarantined"] is True
    assert [e["rows"] for e in summary["suppressed_lt5"]["examples"]] == [[5], [6, 7]]


def _glotip_rows(rows):
    base = dict(
        indicator_id=glotip.INDICATOR_ID,
        geo_type="country",
        period="2018",
        lower=None,
        upper=None,
        obs_type="administrative",
        source_id=glotip.SOURCE_ID,
        note=None,
        src_file=glotip.FILE,
    )
    from dashboard.pipeline.sources._obs import obs_frame

    return obs_frame([dict(base, geo_code=g, year=2018, sex=s, age=a, breakdown=b, value=v, src_line=line) for g, s, a, b, v, line in rows])


def test_glotip_key_repeated_with_a_suppressed_copy_is_ambiguous_not_kept():
    nan = float("nan")
    df = _glotip_rows(
        [
            ("ARG", "total", "all", "other_forms", nan, 10),  # '<5' copy
            ("ARG", "total", "all", "other_forms", 7.0, 11),  # used to survive alone once the '<5' copy was skipped
            ("ARG", "total", "all", "total", 40.0, 12),
            ("ARG", "total", "all", "forced_labour", nan, 13),  # a lone '<5': suppressed, not ambiguous
        ]
    )
    kept, drops = glotip._drop_ambiguous(df)
    assert kept[["breakdown", "value"]].values.tolist() == [["total", 40.0]]
    by_reason = {d.reason: d.rows for d in drops}
    assert by_reason == {"ambiguous_repeated_key": (10, 11), "suppressed_lt5": (13,)}


def test_glotip_all_ages_total_equal_to_one_band_is_dropped():
    nan = float("nan")
    df = _glotip_rows(
        [
            ("AGO", "male", "all", "total", 5.0, 20),
            ("AGO", "male", "<18", "total", 5.0, 21),
            ("AGO", "male", "18+", "total", nan, 22),
            ("BEL", "female", "all", "total", 9.0, 30),
            ("BEL", "female", "<18", "total", 4.0, 31),
            ("BEL", "female", "18+", "total", 5.0, 32),
        ]
    )
    kept, drops = glotip._drop_ambiguous(df)
    assert ("AGO", "all") not in set(zip(kept.geo_code, kept.age)) and ("BEL", "all") in set(zip(kept.geo_code, kept.age))
    assert [(d.reason, d.rows) for d in drops if d.reason == "all_ages_total_is_one_band"] == [("all_ages_total_is_one_band", (20,))]


class _NoSources:
    source_ids = ()


def _events(date, precision):
    return pd.DataFrame(
        [
            dict(
                instrument_id="ILO-C190",
                iso3="FRA",
                action="ratification",
                date=date,
                date_precision=precision,
                in_force_date=None,
                source_id="s",
                as_of="2024-06-01",
                note=None,
            )
        ]
    )


@pytest.mark.parametrize(
    ("date", "precision", "ok"),
    [
        ("2024-05-01", "month", True),
        ("2024-01-01", "year", True),
        ("2024-05-17", "day", True),
        ("2024-05-17", "month", False),
        ("2024-05-01", "year", False),
        (None, "day", False),
    ],
)
def test_date_precision_must_fit_the_stored_date(date, precision, ok):
    tables = {name: build._empty(schema) for name, schema in schemas.TABLES.items()}
    tables["ratification_events"] = _events(date, precision)
    countries = pd.DataFrame({"iso3": ["FRA"]})
    errors = build._cross_checks(tables, countries, {}, {"ILO-C190": _NoSources()}, {})
    bad = [e for e in errors if e.column == "date_precision"]
    assert (not bad) == ok


def test_date_precision_is_validated_by_the_schema():
    df = _events("2024-05-01", "week")
    with pytest.raises(Exception, match="isin"):
        schemas.ratification_events.validate(df)


def test_gsi_coding_contradicting_a_dated_record_is_listed_and_explained():
    from dashboard.pipeline.sources import gsi_party_status

    coded = pd.DataFrame(
        [
            dict(instrument_id="UN-SOM", iso3="MKD", party=False, indicator="M2162", src_line=7),
            dict(instrument_id="UN-SOM", iso3="FRA", party=True, indicator="M2162", src_line=8),  # stale list: not comparable
            dict(instrument_id="UN-SOM", iso3="DEU", party=True, indicator="M2162", src_line=9),
        ]
    )
    dated = pd.DataFrame(
        [
            dict(instrument_id="UN-SOM", iso3="MKD", action="ratification", date="2005-01-12", source_id="untc", as_of="2014-07-10"),
            dict(instrument_id="UN-SOM", iso3="DEU", action="ratification", date="2006-06-14", source_id="untc", as_of="2014-07-10"),
        ]
    )
    (cmp,) = gsi_party_status.compare_with_dated(coded, dated, "2022-08-31")
    assert (cmp.compared, cmp.agreed) == (2, 1)
    assert cmp.disagreements[0].startswith("MKD: GSI codes not party") and cmp.resolution.startswith("explained:")
    assert build._ledger_errors(build._ledger("gsi", SourceOutput(comparisons=[cmp]))) == []


def test_report_command_prints_reasons_and_comparisons(tmp_path, capsys):
    import json

    from dashboard.pipeline.__main__ import main

    report = {
        "totals": {"files": 1, "files_counted": 1, "rows_read": 3, "rows_dropped": 1, "rows_quarantined": 0, "comparisons": 1, "disagreements": 1},
        "files": {
            F: {
                "parser": "example",
                "rows_read": 3,
                "rows_kept": 2,
                "accounting": "checked",
                "dropped": build._drop_summary([Drop(F, (4,), "no_value", "Atlantis: no value in any year", "x")]),
            }
        },
        "comparisons": [build._comparison_dict(Comparison("a_vs_b", "x", ("b", "a"), 2, 1, "exact", ("K 2017: 1 vs 2",), "quarantined"))],
    }
    (tmp_path / "build_report.json").write_text(json.dumps(report), encoding="utf-8")
    assert main(["report", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "read 3, kept 2" in out and "no_value: e.g. Atlantis" in out and "1 disagree: quarantined" in out and "K 2017: 1 vs 2" in out
    assert main(["report", "--out", str(tmp_path / "missing")]) == 1
    assert "run: python -m dashboard.pipeline build" in capsys.readouterr().err
