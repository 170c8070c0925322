"""The build report reaches people (/about/data) and programs (/api/v1/build-report), and the catalog API
carries each indicator's drops, quarantines and comparisons."""

from __future__ import annotations

import json

import pytest

from tests.app.test_first_page_layout import _find, _layout
from tests.conftest import DATA


@pytest.fixture(scope="module")
def report():
    return json.loads((DATA / "build_report.json").read_text())


def _rows(table) -> list[dict]:
    body = next(c for c in table["props"]["children"] if c["type"] == "Tbody")
    return body["props"]["children"]


def _text(node) -> str:
    return json.dumps(node, ensure_ascii=False)


def test_api_serves_the_report_as_built(client, report, store):
    r = client.get("/api/v1/build-report")
    assert r.status_code == 200 and r.mimetype == "application/json"
    body = r.get_json()
    assert body.pop("data_version") == store.version and body.pop("page") == "/about/data"
    assert body == report


def test_catalog_and_indicator_api_carry_drops_quarantines_and_comparisons(client, store):
    catalog = client.get("/api/v1/catalog").get_json()
    assert catalog["instruments"] == store.catalog["instruments"]  # served whole: dropped, quarantined, comparisons included
    assert any(i["dropped"] for i in catalog["instruments"]) and any(i["comparisons"] for i in catalog["instruments"])
    listed = {i["id"]: i for i in catalog["indicators"]}
    for ind in store.catalog["indicators"]:
        for key in ("dropped", "quarantined", "comparisons"):
            assert listed[ind["id"]][key] == ind[key], (ind["id"], key)
    quarantined = next(i for i in store.catalog["indicators"] if i["quarantined"])
    meta = client.get(f"/api/v1/indicators/{quarantined['id']}?limit=1").get_json()["indicator"]
    assert meta["quarantined"] == quarantined["quarantined"] and meta["comparisons"] == quarantined["comparisons"]


def test_page_tables_hold_every_file_drop_and_comparison(client, report):
    layout, _ = _layout(client, "http://localhost/about/data")
    files = _find(layout, "build-report-files")
    assert files["props"]["children"][0]["type"] == "Caption"
    rows = {r["props"]["data-file"]: r for r in _rows(files)}
    assert set(rows) == set(report["files"])
    for name, f in report["files"].items():
        cells = rows[name]["props"]["children"]
        assert cells[0]["type"] == "Th" and cells[0]["props"]["scope"] == "row"
        shown = [c["props"]["children"] for c in cells[1:3]]
        assert shown == [f"{f['rows_read']:,}" if f["rows_read"] is not None else "–", f"{f['rows_kept']:,}" if f["rows_kept"] is not None else "–"], name
        for reason, v in (f.get("dropped") or {}).items():
            assert reason in _text(cells[5]) and (f"{v['rows']:,}" in _text(cells[5])), (name, reason)
        dropped = sum(v["rows"] for v in (f.get("dropped") or {}).values() if not v["quarantined"])
        quarantined = sum(v["rows"] for v in (f.get("dropped") or {}).values() if v["quarantined"])
        assert [c["props"]["children"] for c in cells[3:5]] == [f"{dropped:,}", f"{quarantined:,}"], name
    drops = _rows(_find(layout, "build-report-drops"))
    expected = {(i["id"], r) for key in ("indicators", "instruments") for i in report[key] for r in {**i["dropped"], **i["quarantined"]}}
    assert {(r["props"]["data-id"], r["props"]["data-reason"]) for r in drops} == expected
    comparisons = {r["props"]["data-comparison"]: r for r in _rows(_find(layout, "build-report-comparisons"))}
    assert set(comparisons) == {c["id"] for c in report["comparisons"]}
    for c in report["comparisons"]:
        text = _text(comparisons[c["id"]])
        assert f"{c['agreed']:,} of {c['compared']:,} agree" in text and (c["resolution"] or ("none needed" if not c["disagreed"] else "not stated")) in text
        assert all(d in text for d in c["disagreements"])
    summary = _text(_find(layout, "build-report-summary"))
    assert f"{report['totals']['rows_read']:,} rows read" in summary and f"{report['totals']['rows_quarantined']:,} quarantined" in summary


def test_page_in_french_translates_the_interface_and_marks_publisher_text_english(client, report):
    layout, _ = _layout(client, "http://localhost/about/data?lang=fr")
    files = _find(layout, "build-report-files")
    head = _text(next(c for c in files["props"]["children"] if c["type"] == "Thead"))
    assert "Lignes lues" in head and "Rows read" not in head
    drops = _rows(_find(layout, "build-report-drops"))
    examples = drops[0]["props"]["children"][4]
    assert examples["props"].get("lang") == "en"


def test_about_links_to_the_build_report(client):
    layout, _ = _layout(client, "http://localhost/about")
    assert _find(layout, "about-build-report-link")["props"]["href"] == "/about/data"
    assert client.get("/about/data").status_code == 200
