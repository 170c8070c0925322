"""ILO partial lists (C097, C143, C181, C190, C189 after Oct 2020): precision, action, drops, comparisons."""

from __future__ import annotations

import pandas as pd

from dashboard.pipeline.sources import ilo_partial_lists as ilo

from .ratification_fixtures import copy_raw, ctx_with, raises_source_error, valid_events


def _edit(raw, code, old, new):
    p = raw / ilo.FILES[code]
    text = p.read_text(encoding="utf-8")
    assert old in text
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_dates_keep_their_precision_and_never_become_a_day(tmp_path):
    out = ilo.parse(ctx_with(copy_raw(tmp_path)))
    ev = valid_events(out.ratification_events)
    c189 = ev[ev.instrument_id == "ILO-C189"].set_index("iso3")
    assert c189.loc["NAM", ["date", "date_precision"]].tolist() == ["2020-12-01", "month"]
    assert c189.loc["MLT", ["date", "date_precision"]].tolist() == ["2021-01-01", "year"]
    assert c189.loc["ESP", "date_precision"] == "day"
    assert "year only (2021); not a known day" in c189.loc["MLT", "note"]
    c143 = ev[ev.instrument_id == "ILO-C143"].set_index("iso3")["date_precision"].to_dict()
    assert c143 == {"ALB": "year", "SLE": "day"}


def test_action_source_and_undated_rows(tmp_path):
    out = ilo.parse(ctx_with(copy_raw(tmp_path)))
    ev = out.ratification_events
    c097 = ev[ev.instrument_id == "ILO-C097"].set_index("iso3")
    assert c097.loc["ALB", "action"] == "ratification" and c097.loc["DZA", "action"] == "succession"  # Treaty DB code (Su)
    assert c097.loc["NZL", "action"] == "party_undated" and pd.isna(c097.loc["NZL", "date_precision"]) and pd.isna(c097.loc["NZL", "date"])
    assert "http://normlex.example/c097" in c097.loc["ALB", "note"]  # each row's own source
    assert set(ev.source_id) == {ilo.SOURCE_ID}


def test_every_row_kept_or_dropped_and_instruments_partial(tmp_path):
    out = ilo.parse(ctx_with(copy_raw(tmp_path)))
    assert [(d.file, d.rows, d.reason) for d in out.drops] == [(ilo.FILES["C097"], (4,), "ambiguous_country")]
    for file, n in out.rows_read.items():
        kept = set(out.ratification_events.loc[out.ratification_events.src_file == file, "src_line"])
        assert len(kept | {r for d in out.drops if d.file == file for r in d.rows}) == n
    insts = {i.id: i for i in out.instruments}
    assert set(insts) == {"ILO-C097", "ILO-C143", "ILO-C181", "ILO-C190"}  # C189's entry stays Fedlex's
    assert all(i.completeness == "partial" and i.completeness_note and i.as_of for i in insts.values())
    assert "14 missing" in insts["ILO-C097"].completeness_note


def test_c189_comparisons_with_fedlex_and_gsi():
    new = pd.DataFrame([dict(iso3="NOR", date="2021-01-01", date_precision="year"), dict(iso3="DEU", date="2013-09-20", date_precision="day")])
    fedlex = pd.DataFrame([dict(iso3="DEU", date="2012-09-20")])
    gsi = pd.DataFrame([dict(instrument_id="ILO-C189", iso3="NOR", party=False)])
    fx, gs = ilo.compare_c189(new, fedlex, gsi, "2022-08-31")
    assert (fx.compared, fx.agreed) == (1, 0) and fx.disagreements == ("DEU: list 2013-09-20 (day), Fedlex 2012-09-20",)
    assert fx.resolution.startswith("quarantined")
    assert (gs.compared, gs.agreed) == (1, 0) and gs.resolution.startswith("explained")


def test_day_without_month_fails_naming_file_row_and_column(tmp_path):
    raw = copy_raw(tmp_path)
    _edit(raw, "C189", "Malta,2021,", "Malta,2021-13,")
    raises_source_error(lambda: ilo.parse(ctx_with(raw)), file=ilo.FILES["C189"], row=3, column="date", problem="impossible date")


def test_unreadable_date_and_unknown_country_fail(tmp_path):
    raw = copy_raw(tmp_path)
    _edit(raw, "C190", "Argentina,2021-02-23", "Argentina,23 Feb 2021")
    raises_source_error(lambda: ilo.parse(ctx_with(raw)), file=ilo.FILES["C190"], row=2, column="date", problem="cannot read date")
    raw = copy_raw(tmp_path / "b")
    _edit(raw, "C181", "Albania,,", "Atlantis,,")
    raises_source_error(lambda: ilo.parse(ctx_with(raw)), file=ilo.FILES["C181"], row=2, column="country", problem="unknown country name")


def test_truncated_row_fails(tmp_path):
    raw = copy_raw(tmp_path)
    _edit(raw, "C143", "Sierra Leone,2021-08-25,,,https://news.example/sle,news item,stated in news", "Sierra Leone,2021-08-25,,")
    raises_source_error(lambda: ilo.parse(ctx_with(raw)), file=ilo.FILES["C143"], row=3, column=None, problem="expected 7 fields")
