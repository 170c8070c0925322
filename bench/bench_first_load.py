"""First load of /explore in headless Chromium: bytes on the wire and time until the map is drawn.

Compared with bench/naive_app.py (same data, same map, naive build), each in a fresh browser
context (cold cache), on loopback and with a throttled network profile; plus the bytes a repeat
visit costs. Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import os
import statistics

from ._servers import gunicorn

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
# A modest broadband/4G profile: 40 ms round trip, 20 Mbit/s down, 5 Mbit/s up.
THROTTLED = {"offline": False, "latency": 40, "downloadThroughput": 20e6 / 8, "uploadThroughput": 5e6 / 8}
DRAWN = "() => document.querySelectorAll('.js-plotly-plot .choroplethlayer path').length > 50"
# Run in the page from its start: once per animation frame, note the time of the first frame in which
# the map is drawn (that frame paints it), then of the first in which the controls are usable too (an
# indicator dropdown on the page and no part still waiting, aria-busy: layouts/deferred.py). Taken in the
# page, because whatever runs after the frame delays anything outside it: playwright's own polling and
# a performance.now() asked from Python both came back only after the task that follows the frame (on
# our page, mounting the parts that wait for the map: 61-95 ms on 29 Nov), a cost the naive build,
# idle after its draw, is not charged.
FRAME_TIMES = (
    """(() => {
  if (window !== window.top) return;  // not in the page's frames (iframes)
  const seen = window.__benchTimes = {};
  const drawn = %s;
  const onFrame = () => {
    const now = performance.now();
    if (seen.map === undefined && drawn()) seen.map = now;
    if (seen.map !== undefined && document.querySelector('.dash-dropdown') !== null
        && document.querySelector('[aria-busy="true"]') === null) { seen.controls = now; return; }
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
})();"""
    % DRAWN
)
BOTH_SEEN = "() => window.__benchTimes && window.__benchTimes.controls !== undefined && window.__benchTimes"


def _visit(context, url: str, throttle: dict | None, timeout_ms: int = 60000) -> dict:
    page = context.new_page()
    page.add_init_script(FRAME_TIMES)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    if throttle:
        cdp.send("Network.emulateNetworkConditions", throttle)
    sizes: dict[str, float] = {}
    urls: dict[str, str] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="commit", timeout=timeout_ms)
    times = page.wait_for_function(BOTH_SEEN, polling=50, timeout=timeout_ms).json_value()
    page.wait_for_timeout(300)  # let late requests (e.g. the favicon) finish so bytes are complete
    external = [u for u in urls.values() if not u.startswith(("http://127.0.0.1", "data:", "blob:"))]
    assert not external, f"left loopback: {external[:3]}"
    page.close()
    return {"ms": times["map"], "controls_ms": times["controls"], "bytes": int(sum(sizes.values())), "requests": len(sizes)}


def _repeat_bytes(browser, url: str) -> int:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    _visit(ctx, url, None)
    second = _visit(ctx, url, None)
    ctx.close()
    return second["bytes"]


def run(runs: int = 9, throttled_runs: int = 3) -> dict:
    """Both servers up at once and visits interleaved (ours, naive, ours, ...), so that a busy
    machine slows both alike and the ratios stay meaningful. Nine loopback visits each: with five, the
    ratio of medians moved by ±0.03 between runs on the shared 2-core machine."""
    from playwright.sync_api import sync_playwright

    apps = {"ours": ("app:server", "/explore", "/healthz"), "naive": ("bench.naive_app:server", "/", "/")}
    results = {name: {"loopback": [], "throttled": []} for name in apps}
    with sync_playwright() as pw, gunicorn(apps["ours"][0], 1, apps["ours"][2]) as (ours, _p1), gunicorn(apps["naive"][0], 1, apps["naive"][2]) as (naive, _p2):
        urls = {"ours": ours + apps["ours"][1], "naive": naive + apps["naive"][1]}
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            for name, url in urls.items():  # warm each server (imports, first figure)
                ctx = browser.new_context()
                _visit(ctx, url, None)
                ctx.close()
            for profile, n, throttle in (("loopback", runs, None), ("throttled", throttled_runs, THROTTLED)):
                for _ in range(n):
                    for name, url in urls.items():
                        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
                        results[name][profile].append(_visit(ctx, url, throttle))
                        ctx.close()
            for name, url in urls.items():
                for profile in ("loopback", "throttled"):
                    visits = results[name][profile]
                    results[name][profile] = {
                        "ms": statistics.median(v["ms"] for v in visits),
                        "controls_ms": statistics.median(v["controls_ms"] for v in visits),
                        "bytes": statistics.median(v["bytes"] for v in visits),
                        "requests": visits[0]["requests"],
                        "runs": [round(v["ms"]) for v in visits],
                        "controls_runs": [round(v["controls_ms"]) for v in visits],
                    }
                results[name]["repeat_visit_bytes"] = _repeat_bytes(browser, url)
        finally:
            browser.close()
    for profile in ("loopback", "throttled"):
        results[f"time_ratio_{profile}"] = results["ours"][profile]["ms"] / results["naive"][profile]["ms"]
        results[f"controls_ratio_{profile}"] = results["ours"][profile]["controls_ms"] / results["naive"][profile]["controls_ms"]
        results[f"bytes_ratio_{profile}"] = results["ours"][profile]["bytes"] / results["naive"][profile]["bytes"]
    return results


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
