"""dashboard.build_report: the report's files, drops and comparisons as rows (authored report)."""

from __future__ import annotations

from dashboard import build_report

REPORT = {
    "files": {
        "b.csv": {
            "parser": "p",
            "accounting": "checked",
            "rows_read": 10,
            "rows_kept": 6,
            "dropped": {
                "no_value": {"rows": 3, "quarantined": False, "examples": [{"detail": "X: no value", "file": "b.csv", "rows": [2]}]},
                "disagrees": {"rows": 1, "quarantined": True, "examples": []},
            },
        },
        "a.json": {"parser": "r", "accounting": "not counted", "rows_read": None, "rows_kept": None},
    },
    "indicators": [
        {
            "id": "ind",
            "dropped": {"no_value": {"rows": 3, "quarantined": False, "examples": [{"detail": "X: no value"}]}},
            "quarantined": {"disagrees": {"rows": 1, "quarantined": True, "examples": []}},
        },
        {"id": "clean", "dropped": {}, "quarantined": {}},
    ],
    "instruments": [{"id": "ILO-C097", "dropped": {"ambiguous_country": {"rows": 1, "quarantined": False, "examples": []}}, "quarantined": {}}],
    "comparisons": [
        {
            "id": "z",
            "target": "ind",
            "sources": ["s1", "s2"],
            "tolerance": "equal",
            "compared": 4,
            "agreed": 3,
            "disagreed": 1,
            "resolution": "quarantined",
            "disagreements": ["X 2017"],
        }
    ],
}


def test_file_rows_split_drops_from_quarantines():
    rows = build_report.file_rows(REPORT)
    assert [r["file"] for r in rows] == ["a.json", "b.csv"]
    b = rows[1]
    assert (b["rows_read"], b["rows_kept"], b["rows_dropped"], b["rows_quarantined"]) == (10, 6, 3, 1)
    assert [r["reason"] for r in b["dropped"]] == ["no_value"] and b["dropped"][0]["examples"] == ["X: no value"]
    assert [r["reason"] for r in b["quarantined"]] == ["disagrees"]
    assert (rows[0]["rows_read"], rows[0]["rows_dropped"]) == (None, 0)


def test_drop_rows_per_indicator_and_instrument():
    rows = build_report.drop_rows(REPORT, {"ind": "An indicator"})
    assert [(r["kind"], r["id"], r["reason"], r["rows"], r["quarantined"]) for r in rows] == [
        ("indicator", "ind", "no_value", 3, False),
        ("indicator", "ind", "disagrees", 1, True),
        ("instrument", "ILO-C097", "ambiguous_country", 1, False),
    ]
    assert rows[0]["title"] == "An indicator" and rows[2]["title"] == "ILO-C097"


def test_comparison_rows_keep_result_and_resolution():
    (c,) = build_report.comparison_rows(REPORT)
    assert (c["compared"], c["agreed"], c["disagreed"], c["resolution"], c["disagreements"]) == (4, 3, 1, "quarantined", ["X 2017"])
