"""Explorer map update: bytes per response and server time, against serving a static file.

Starts the real app under gunicorn (1 worker) on loopback, draws the map once for an indicator
(the full figure), then changes the year again and again, as the slider does, once with the
"show latest earlier value" switch off and once on (then hover lines differ between countries):
each request is
the exact ``POST /_dash-update-component`` the browser sends (built from ``/_dash-dependencies``).
Reports, in one run:

* bytes of a map-update response: raw JSON and as sent with ``Accept-Encoding: gzip`` (the values
  compactly encoded into the ``explore-map-values`` store; the browser patches the map from them);
* server time of a map update, p50/p95 (client-measured on loopback, keep-alive connection);
* time to serve a static file of similar size (``/assets/explore.js``) and the ratio.

``python -m bench.bench_map_update`` prints the numbers; ``run() -> dict`` returns them.
"""

from __future__ import annotations

import http.client
import json
import statistics
import time
from urllib.parse import urlparse

from bench._servers import gunicorn
from bench.dash_protocol import callback_body, dependencies, find_callback

INDICATORS = ("remittance_cost_to_country", "migrant_stock", "trafficking_victims_detected")
ROUNDS = 60
STATIC = "/assets/explore.js"


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def _request(conn, method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> tuple[int, bytes, float]:
    t0 = time.perf_counter()
    conn.request(method, path, body=body, headers=headers or {})
    r = conn.getresponse()
    data = r.read()
    return r.status, data, time.perf_counter() - t0


def _values(view: dict, key: str | None, fill: bool = False) -> dict:
    return {
        "explore-indicator.value": view["indicator"],
        "explore-sex.value": view["sex"],
        "explore-age.value": view["age"],
        "explore-breakdown.value": view["breakdown"],
        "explore-year.value": view["year"],
        "explore-fill.value": ["1"] if fill else [],
        "explore-countries.value": [],
        "explore-order.value": "name",
        "explore-view.active_tab": "map",
        "explore-lang.data": "en",
        "explore-map-key.data": key,
    }


def measure(base: str, indicator_id: str, rounds: int = ROUNDS, fill: bool = False) -> dict:
    host = urlparse(base)
    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    cb = find_callback(dependencies(base), "explore-map-values.data")
    # The years of this indicator (default slice) from the public API, not from the app's internals.
    status, data, _ = _request(conn, "GET", f"/api/v1/indicators/{indicator_id}?limit=5000&geo_type=country")
    meta = json.loads(data)
    from dashboard.indicators.queries import default_dimension

    ind = meta["indicator"]
    view = {
        "indicator": indicator_id,
        "sex": default_dimension(ind, "sexes"),
        "age": default_dimension(ind, "ages"),
        "breakdown": default_dimension(ind, "breakdowns"),
    }
    years = sorted({r["year"] for r in meta["data"] if r["sex"] == view["sex"] and r["age"] == view["age"] and r["breakdown"] == view["breakdown"]})
    headers = {"Content-Type": "application/json"}
    # 1. full figure (indicator chosen): what a change of indicator costs
    body = callback_body(cb, _values({**view, "year": years[-1]}, None, fill), changed=["explore-indicator.value"])
    _s, full, _t = _request(conn, "POST", "/_dash-update-component", json.dumps(body).encode(), headers)
    resp = json.loads(full)["response"]
    key = resp["explore-map-key"]["data"]
    # 2. year changes: compact values only, no figure
    raw_sizes, gz_sizes, times = [], [], []
    for i in range(rounds):
        y = years[i % len(years)]
        body = json.dumps(callback_body(cb, _values({**view, "year": y}, key, fill), changed=["explore-year.value"])).encode()
        _s, raw, _t = _request(conn, "POST", "/_dash-update-component", body, headers)
        _s, gz, t = _request(conn, "POST", "/_dash-update-component", body, {**headers, "Accept-Encoding": "gzip"})
        raw_sizes.append(len(raw))
        gz_sizes.append(len(gz))
        times.append(t)
        response = json.loads(raw)["response"]
        assert "explore-map" not in response, "a year change must send no figure (nor a Patch of it)"
        assert response["explore-map-values"]["data"]["y"] == y, "a year change must send the compact values of its year"
    static_times, static_size = [], 0
    for _ in range(rounds):
        _s, data, t = _request(conn, "GET", STATIC, headers={"Accept-Encoding": "identity"})
        static_times.append(t)
        static_size = len(data)
    conn.close()
    return {
        "indicator": indicator_id,
        "fill": fill,
        "years": len(years),
        "full_figure_bytes_raw": len(full),
        "update_bytes_raw_median": int(statistics.median(raw_sizes)),
        "update_bytes_raw_max": max(raw_sizes),
        "update_bytes_gzip_median": int(statistics.median(gz_sizes)),
        "update_bytes_gzip_max": max(gz_sizes),
        "update_ms_p50": round(_pct(times, 0.5) * 1000, 2),
        "update_ms_p95": round(_pct(times, 0.95) * 1000, 2),
        "static_file": STATIC,
        "static_bytes": static_size,
        "static_ms_p50": round(_pct(static_times, 0.5) * 1000, 2),
        "static_ms_p95": round(_pct(static_times, 0.95) * 1000, 2),
        "ratio_p50": round(_pct(times, 0.5) / max(_pct(static_times, 0.5), 1e-9), 1),
    }


def run(rounds: int = ROUNDS) -> dict:
    with gunicorn(workers=1) as (base, _pid):
        results = [measure(base, ind, rounds, fill) for fill in (False, True) for ind in INDICATORS]
    return {
        "name": "explore map update",
        "target": "a year change sends <= 2 KiB of raw JSON",
        "results": results,
        "max_update_bytes_raw": max(r["update_bytes_raw_max"] for r in results),
        "max_update_bytes_gzip": max(r["update_bytes_gzip_max"] for r in results),
    }


def main() -> None:
    out = run()
    print(f"{out['name']} (target: {out['target']})")
    for r in out["results"]:
        print(
            f"  {r['indicator']}{' (fill)' if r['fill'] else ''} ({r['years']} years): full figure {r['full_figure_bytes_raw']:,} B; "
            f"year change {r['update_bytes_raw_median']:,} B raw (max {r['update_bytes_raw_max']:,}), "
            f"{r['update_bytes_gzip_median']:,} B gzip (max {r['update_bytes_gzip_max']:,}); "
            f"server p50 {r['update_ms_p50']} ms, p95 {r['update_ms_p95']} ms; "
            f"static {r['static_file']} ({r['static_bytes']:,} B) p50 {r['static_ms_p50']} ms -> ratio {r['ratio_p50']}x"
        )


if __name__ == "__main__":
    main()
