"""The first-load benchmark's clock (bench/bench_first_load.py) times the frames it says it does."""

from __future__ import annotations

import pytest

from bench.bench_first_load import BOTH_SEEN, FRAME_TIMES

pytestmark = pytest.mark.browser


def test_the_benchmark_times_the_frame_that_paints_the_map_not_what_runs_after_it(page):
    """Taken in the page, the map's time is that of its own frame: earlier than the frame in which the
    parts that wait for the map are in place, and earlier than anything asked from outside the page."""
    page.add_init_script(FRAME_TIMES)
    page.goto(page.base + "/explore", wait_until="commit")
    times = page.wait_for_function(BOTH_SEEN, polling=50, timeout=30000).json_value()
    asked_from_outside = page.evaluate("performance.now()")
    assert 0 < times["map"] < times["controls"] <= asked_from_outside, (times, asked_from_outside)
    assert page.locator("#explore-map path.choroplethlocation").count() > 50
    assert page.locator("#explore-indicator").count() == 1 and page.locator("[aria-busy=true]").count() == 0
