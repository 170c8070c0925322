"""``make bench`` = ``python -m bench``: every benchmark, side by side, in one bounded run.

Prints a table of measured figures, targets and ratios; ``--json PATH`` also writes them.
Everything runs on 127.0.0.1; each part bounds its own time (a few minutes in all).
``BENCH_SECONDS`` sets the wrk duration per load (default 8).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
import traceback

KIB, MIB = 1024, 1024 * 1024


def _part(name: str):
    t0 = time.monotonic()
    try:
        mod = importlib.import_module(f"bench.{name}")
        out = mod.run()
    except Exception as exc:  # one failing part must not hide the others
        traceback.print_exc()
        out = {"error": f"{type(exc).__name__}: {exc}"}
    print(f"  [{name}: {time.monotonic() - t0:.0f} s]", file=sys.stderr)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench")
    ap.add_argument("--json", help="also write the raw results here")
    ap.add_argument("--only", nargs="*", help="bench_first_load bench_map_update bench_throughput")
    args = ap.parse_args(argv)
    parts = args.only or ["bench_first_load", "bench_map_update", "bench_throughput"]
    results = {p: _part(p) for p in parts}
    rows = []

    fl = results.get("bench_first_load", {})
    if "ours" in fl:
        for prof in ("loopback", "throttled"):
            o, n = fl["ours"][prof], fl["naive"][prof]
            rows.append(
                (
                    f"time to map drawn, {prof} (ms)",
                    f"{o['ms']:.0f} vs naive {n['ms']:.0f}",
                    f"{fl['time_ratio_' + prof]:.2f}x",
                    "<= 0.5x naive",
                    fl["time_ratio_" + prof] <= 0.5,
                )
            )
            rows.append(
                (
                    f"time to map and controls, {prof} (ms)",
                    f"{o['controls_ms']:.0f} vs naive {n['controls_ms']:.0f}",
                    f"{fl['controls_ratio_' + prof]:.2f}x",
                    "-",
                    None,
                )
            )
        o, n = fl["ours"]["loopback"], fl["naive"]["loopback"]
        rows.append(
            (
                "first-load bytes on the wire",
                f"{o['bytes'] / KIB:,.0f} KiB vs naive {n['bytes'] / KIB:,.0f} KiB",
                f"{fl['bytes_ratio_loopback']:.2f}x",
                "-",
                None,
            )
        )
        rows.append(
            (
                "repeat-visit bytes",
                f"{fl['ours']['repeat_visit_bytes'] / KIB:,.0f} KiB vs naive {fl['naive']['repeat_visit_bytes'] / KIB:,.0f} KiB",
                "",
                "-",
                None,
            )
        )
    mu = results.get("bench_map_update", {})
    if "results" in mu:
        for r in mu["results"]:
            name = f"map update {r['indicator']}" + (" (fill)" if r.get("fill") else "")
            # The target (issue #7) is on the raw JSON, so it holds whatever the compression.
            rows.append(
                (
                    f"{name}: bytes on the wire (gzip) / raw JSON",
                    f"{r['update_bytes_gzip_max']:,} / {r['update_bytes_raw_max']:,}",
                    "",
                    "<= 2 KiB raw",
                    r["update_bytes_raw_max"] <= 2 * KIB,
                )
            )
            rows.append(
                (f"{name} p50 / p95 (ms)", f"{r['update_ms_p50']} / {r['update_ms_p95']}", f"{r['ratio_p50']}x static ({r['static_ms_p50']} ms)", "-", None)
            )
    tp = results.get("bench_throughput", {})
    if "static" in tp:
        for key, label in (
            ("static", "static file"),
            ("cached_callback", f"cached callback (year change; response cache: {tp.get('response_cache')})"),
            ("callback_without_response_cache", "same callback, RESPONSE_CACHE=0 (memoized queries only)"),
            ("api", "API /api/v1/indicators/<id>"),
        ):
            s = tp[key]
            errors = f" ({s['non_2xx']:,} non-2xx answers!)" if s["non_2xx"] else ""
            rows.append((f"{label}: req/s, p50 / p99 ms", f"{s['rps']:,.0f}, {s['p50_ms']:.1f} / {s['p99_ms']:.1f}{errors}", "", "-", None))
        rows.append(("cached callback throughput / static", f"{tp['callback_vs_static']:.1%}", "", ">= 50 %", tp["callback_vs_static"] >= 0.5))
        rows.append(("same callback without the response cache / static", f"{tp['callback_without_response_cache_vs_static']:.1%}", "", "-", None))
        rows.append(("API throughput / static", f"{tp['api_vs_static']:.1%}", "", "-", None))
        rows.append(
            (
                "memory per worker after warm-up (RSS / PSS MiB)",
                f"{tp['max_worker_rss_mib']:.0f} / {tp['max_worker_pss_mib']:.0f}",
                "",
                "<= 300 MiB",
                tp["max_worker_rss_mib"] <= 300,
            )
        )

    print("\n| measure | measured | ratio | target | met? |\n|---|---|---|---|---|")
    for name, measured, ratio, target, met in rows:
        print(f"| {name} | {measured} | {ratio} | {target} | {'' if met is None else ('yes' if met else 'no')} |")
    for p, r in results.items():
        if "error" in r or "skipped" in r:
            print(f"\n{p}: {r.get('error') or r.get('skipped')}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
