"""A month- or year-only ratification date is never shown as a day, on any surface.

Albania's C143 ratification is known to the year only (2006, stored as 2006-01-01 with precision "year");
each surface that shows it is asked for it and must say "2006", never "2006-01-01" or "1 Jan 2006".
"""

from __future__ import annotations

import json

import pytest
from lxml import etree

from dashboard.i18n import fmt_date, iso_at_precision, period_end
from tests.app.test_first_page_layout import _find, _layout

FORBIDDEN = ("2006-01-01", "Jan 1, 2006", "1 Jan 2006", "1 janv. 2006", "1 ene 2006")
ATOM = "{http://www.w3.org/2005/Atom}"


def _clean(text: str) -> None:
    for bad in FORBIDDEN:
        assert bad not in text, bad


@pytest.fixture(scope="module")
def albania_c143(store):
    ev = store.ratification_events
    row = ev[(ev["instrument_id"] == "ILO-C143") & (ev["iso3"] == "ALB")]
    assert len(row) == 1 and row.iloc[0]["date"] == "2006-01-01" and row.iloc[0]["date_precision"] == "year"
    return row.iloc[0]


@pytest.mark.parametrize("lang,month,day", [("en", "May 2024", "May 4, 2024"), ("fr", "mai 2024", "4 mai 2024"), ("es", "mayo de 2024", "4 may 2024")])
def test_formatter_writes_only_the_precision_it_is_given(lang, month, day):
    assert fmt_date("2024-05-01", lang, "month") == month
    assert fmt_date("2006-01-01", lang, "year") == "2006"
    assert fmt_date("2024-05-04", lang, "day") == fmt_date("2024-05-04", lang) == day
    assert fmt_date(None, lang, "year") == "–"
    assert (iso_at_precision("2006-01-01", "year"), iso_at_precision("2024-05-01", "month"), iso_at_precision("2024-05-04", "day")) == (
        "2006",
        "2024-05",
        "2024-05-04",
    )
    assert (period_end("2006-01-01", "year"), period_end("2024-02-01", "month"), period_end("2024-05-04", "day")) == ("2006-12-31", "2024-02-29", "2024-05-04")


def test_ratifications_api_json_and_csv(client, albania_c143):
    body = client.get("/api/v1/ratifications.json?as_of=2020-12-31&instrument=ILO-C143").get_json()
    alb = next(s for s in body["states"] if s["iso3"] == "ALB")["instruments"]["ILO-C143"]
    assert alb == {"status": "party", "cell": "2006", "date": "2006", "date_precision": "year"}
    day = next(s for s in body["states"] if s["iso3"] == "ALB")["instruments"]["UN-CEDAW"]
    assert day["date_precision"] == "day" and len(day["date"]) == 10
    _clean(json.dumps(alb))
    csv_text = client.get("/api/v1/ratifications.csv?as_of=2020-12-31").data.decode()
    line = next(l for l in csv_text.splitlines() if l.startswith("ALB,"))
    assert ",2006," in line and ",year," in line
    _clean(line)


def test_country_api_json_and_profile_page(client, albania_c143):
    rows = client.get("/api/v1/countries/ALB").get_json()["ratifications"]
    c143 = next(r for r in rows if r["instrument_id"] == "ILO-C143")
    assert (c143["status"], c143["date"], c143["date_precision"]) == ("party", "2006", "year")
    for lang in ("en", "fr", "es"):
        layout, _ = _layout(client, f"http://localhost/country/ALB?lang={lang}")
        table = json.dumps(_find(layout, "country-ratifications-table"), ensure_ascii=False)
        assert '"ILO-C143"' in table and '"2006"' in table
        _clean(table)


def test_tracker_page_map_hover_matrix_country_panel_and_change_list(client, albania_c143):
    layout, _ = _layout(client, "http://localhost/ratifications?instrument=ILO-C143&as_of=2020-12-31&country=ALB&from=2005-06-01&to=2006-12-31")
    fig = _find(layout, "ratifications-map")["props"]["figure"]
    hover = [c for trace in fig["data"] for c in (trace.get("customdata") or []) if c[0] == "Albania"]
    assert hover and hover[0][2].startswith("2006")
    _clean(json.dumps(hover))
    matrix = _find(layout, "ratifications-matrix")
    row = next(r for r in matrix["props"]["rowData"] if r["iso3"] == "ALB")
    assert row["ILO-C143"] == "2006"
    panel = json.dumps(_find(layout, "ratifications-country-panel"), ensure_ascii=False)
    assert "2006" in panel
    _clean(panel)
    changes = json.dumps(_find(layout, "ratifications-changes"), ensure_ascii=False)
    assert "Albania" in changes and '"2006"' in changes
    _clean(changes)


def test_atom_feed_entry(client, albania_c143):
    root = etree.fromstring(client.get("/feeds/ratifications.atom?instrument=ILO-C143&limit=200").data)
    entry = next(e for e in root.findall(f"{ATOM}entry") if e.findtext(f"{ATOM}title").startswith("Albania"))
    assert entry.findtext(f"{ATOM}title").endswith("(2006)")
    assert "dated 2006 (year only)" in entry.findtext(f"{ATOM}content")
    assert "as_of=2006-12-31" in entry.find(f"{ATOM}link").get("href")
    for text in (entry.findtext(f"{ATOM}title"), entry.findtext(f"{ATOM}content"), entry.find(f"{ATOM}link").get("href")):
        _clean(text)
