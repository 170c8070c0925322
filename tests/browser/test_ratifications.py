"""/ratifications in a real browser: the as-of control, the map summary against the data, and the URL round-trip."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from playwright.sync_api import expect

from tests.conftest import DATA

pytestmark = pytest.mark.browser


def parties_on(instrument: str, date: str) -> int:
    ev = pd.read_parquet(DATA / "ratification_events.parquet")
    ev = ev[(ev["instrument_id"] == instrument) & ev["date"].notna() & (ev["date"] <= date)]
    bound = ev[ev["action"].isin(["ratification", "accession", "succession", "acceptance", "approval"])]
    return bound["iso3"].nunique() - ev.loc[ev["action"] == "denunciation", "iso3"].nunique()


def summary_count(page) -> int:
    text = page.locator("#ratifications-map-summary").inner_text()
    return int(re.search(r"(\d+) of \d+ states were parties", text).group(1))


def test_as_of_control_updates_map_matrix_and_url_and_the_url_restores_the_view(page):
    page.goto(page.base + "/ratifications?instrument=ILO-C189&as_of=2019-12-31")
    page.wait_for_selector("#ratifications-map .geo", timeout=30000)
    expect(page.locator("#ratifications-map-summary")).to_contain_text("2019", timeout=15000)
    assert summary_count(page) == parties_on("ILO-C189", "2019-12-31")
    assert page.locator("#ratifications-instrument-info").inner_text().count("Partial list") == 1

    page.fill("#ratifications-as-of", "2015-12-31")
    page.press("#ratifications-as-of", "Enter")
    page.wait_for_url(re.compile(r"as_of=2015-12-31"), timeout=15000)
    expect(page.locator("#ratifications-map-summary")).to_contain_text("2015", timeout=15000)
    expected = parties_on("ILO-C189", "2015-12-31")
    assert summary_count(page) == expected < parties_on("ILO-C189", "2019-12-31")
    expect(page.locator("#ratifications-matrix-caption")).to_contain_text("2015-12-31", timeout=15000)

    url = page.url
    page.goto(url)
    page.wait_for_selector("#ratifications-map .geo", timeout=30000)
    expect(page.locator("#ratifications-map-summary")).to_contain_text("2015", timeout=15000)
    assert page.input_value("#ratifications-as-of") == "2015-12-31"
    assert summary_count(page) == expected
    # The matrix lists every state with the C189 column filled from the same date.
    page.wait_for_selector(".rat-matrix .ag-row", timeout=15000)
    assert "2015-12-31" in page.locator("#ratifications-matrix-count").inner_text()


def test_partial_list_is_mapped_with_its_notice_and_never_says_not_party(page):
    # C190 had no list before the partial lists were added (an instrument without one: tests/unit/test_ratification_tracker.py)
    page.goto(page.base + "/ratifications?instrument=ILO-C190")
    expect(page.locator("#ratifications-map-summary")).to_contain_text("No record (list incomplete)", timeout=30000)
    assert "No action recorded" not in page.locator("#ratifications-map-summary").inner_text()
    assert page.locator("#ratifications-map-box").is_visible()
    info = page.locator("#ratifications-instrument-info").inner_text()
    assert "Partial list." in info and "never as non-parties" in info
