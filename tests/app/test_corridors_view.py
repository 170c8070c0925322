"""/corridors view resolution and rendering, called directly (no browser): defaults come from the data,
bad input falls back with a note, and what is rendered matches the corridors table."""

from __future__ import annotations

import pytest

from dashboard.i18n import fmt_percent
from dashboard.views import corridors as cb


@pytest.fixture()
def ctx(app):
    with app.server.test_request_context():
        yield


def largest_priced_flow(store):
    c = store.corridors
    priced = c[c["indicator_id"] == "remittance_corridor_cost"][["origin_iso3", "destination_iso3"]].drop_duplicates()
    flows = c[(c["indicator_id"] == "bilateral_remittances_usd_m") & (c["period"] == "2021")]
    top = flows.merge(priced, on=["origin_iso3", "destination_iso3"]).sort_values("value", ascending=False).iloc[0]
    return top["origin_iso3"], top["destination_iso3"]


def test_default_is_the_largest_priced_corridor(ctx, store):
    view, notes = cb.resolve_view({})
    assert (view.sending, view.receiving) == largest_priced_flow(store) and notes == []


@pytest.mark.parametrize(
    "raw, note",
    [
        ({"from": "zzz"}, "Unknown sending country"),
        ({"to": "<b>x</b>" * 100}, "Unknown receiving country"),
        ({"from": "USA", "to": "USA"}, "are the same"),
        ({"compare": "AAA-BBB"}, "No remittance prices for the corridor"),
        ({"avg": "median"}, "not a valid choice"),
        ({"flows": "2019"}, "not a valid choice"),
    ],
)
def test_bad_input_falls_back_with_a_note(ctx, raw, note):
    view, notes = cb.resolve_view(raw)
    assert view.sending != view.receiving
    assert any(note in n for n in notes), notes
    assert all(len(n) < 300 for n in notes)


def test_one_country_picks_its_largest_priced_partner(ctx, store):
    c = store.corridors
    view, _ = cb.resolve_view({"to": "BGD"})
    flows = c[(c["indicator_id"] == "bilateral_remittances_usd_m") & (c["period"] == "2021") & (c["destination_iso3"] == "BGD")]
    priced = set(c[(c["indicator_id"] == "remittance_corridor_cost") & (c["destination_iso3"] == "BGD")]["origin_iso3"])
    expected = flows[flows["origin_iso3"].isin(priced)].sort_values("value", ascending=False).iloc[0]["origin_iso3"]
    assert (view.sending, view.receiving) == (expected, "BGD")


def test_summary_and_chart_match_the_table(ctx, store):
    view, _ = cb.resolve_view({"from": "SAU", "to": "BGD", "compare": "USA-IND", "avg": "mean"})
    summary, fig, text, notes = cb.render_summary(view, "en")
    c = store.corridors
    series = c[(c["indicator_id"] == "remittance_corridor_cost") & (c["origin_iso3"] == "SAU") & (c["destination_iso3"] == "BGD")].sort_values("period")
    assert list(fig.data[0].y) == pytest.approx(list(series["value"]), abs=1e-3)
    assert len(fig.data) == 3  # the corridor, the comparison, the stated average
    assert "Simple mean" in fig.data[2].name
    assert fmt_percent(series["value"].iloc[-1], "en", 1) in str(summary)
    assert "No data in this release" in str(summary)  # C097 has no list: never "not ratified"


def test_pair_without_data_says_so_and_suggests(ctx):
    view, _ = cb.resolve_view({"from": "AND", "to": "TUV"})
    summary, fig, text, notes = cb.render_summary(view, "en")
    assert "No remittance price survey for this corridor" in str(summary)
    assert "/corridors?from=" in str(summary)  # suggestions link to corridors with prices
    rows, cols, caption, download, cost_map, map_text = cb.render_table(view, "en")
    assert rows == [] and "No remittance price survey" in str(caption)


def test_table_lists_every_corridor_of_the_country(ctx, store):
    view, _ = cb.resolve_view({"from": "SAU", "to": "BGD", "list": "to"})
    rows, *_ = cb.render_table(view, "en")
    c = store.corridors
    expected = c[(c["indicator_id"] == "remittance_corridor_cost") & (c["destination_iso3"] == "BGD")]["origin_iso3"].nunique()
    assert len(rows) == expected
    assert all("/corridors?from=" in r["other"] for r in rows)


def test_recruitment_evidence_is_listed_not_charted(ctx, store):
    view, _ = cb.resolve_view({"from": "SAU", "to": "BGD"})
    out = cb.render_recruitment(view, "en")
    text = str(out)
    e = store.evidence
    exact = e[(e["origin_iso3"] == "BGD") & (e["destination_iso3"] == "SAU") & e["indicator_id"].str.startswith("recruitment")]
    assert f"Workers from Bangladesh in Saudi Arabia ({len(exact)})" in text
    assert "not a comparable series" in text and "Graph" not in text
