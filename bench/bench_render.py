"""Server-side chart images: plotly's static export (kaleido 1.x on the system Chromium), measured.

In one process, with the committed data: the Chromium start with the first image, then each image kind
rendered ROUNDS times (warm): the explorer map (SVG, PNG 1x and 2x, article preset), an explorer line chart
(SVG) and the ratifications map (SVG). Reports median and max seconds per kind, the time to build the page's
figure and to frame it (``publication_figure``, no rendering), image sizes, and resident memory of this
process and of the Chromium processes it started (sum of VmRSS, shared pages counted in each; and of PSS, shared pages divided).

``python -m bench.bench_render`` prints the numbers; ``run() -> dict`` returns them.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from pathlib import Path

ROUNDS = 5


def _rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _pss_mib(pid: int) -> float:
    """Proportional set size: shared pages divided among the processes sharing them (summable)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        children = []
        for task in Path(f"/proc/{p}/task").glob("*"):  # a process started from a thread is that thread's child
            try:
                children += (task / "children").read_text().split()
            except OSError:
                continue
        out += [int(c) for c in children]
        todo += [int(c) for c in children]
    return out


def _comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text(errors="replace").lower()
    except OSError:
        return ""


def run() -> dict:
    from dashboard.app import create_app
    from dashboard.render import export, publication_figure, render
    from dashboard.render.frame import meta_from_figure

    app = create_app()
    results: dict = {}
    with app.server.test_request_context("/"):
        from dashboard.api.images import CHARTS

        kinds = {
            "explore map": ("explore", "map", {}),
            "explore chart": ("explore", "chart", {"countries": "FRA,ESP,BRA"}),
            "ratifications map": ("ratifications", "map", {}),
        }
        figures = {}
        for name, (page, chart, params) in kinds.items():
            t0 = time.perf_counter()
            drawn = CHARTS[page].charts[chart](CHARTS[page].resolve(params, "en"), "en")
            build = time.perf_counter() - t0
            t0 = time.perf_counter()
            framed = publication_figure(drawn.figure, meta_from_figure(drawn.figure, drawn.citation, drawn.licence, "https://example.org/"), "article")
            frame = time.perf_counter() - t0
            figures[name] = framed
            results[f"{name}: build figure s"] = round(build, 3)
            results[f"{name}: frame s"] = round(frame, 4)
        t0 = time.perf_counter()
        render(figures["explore chart"], "svg")
        results["chromium start + first image s"] = round(time.perf_counter() - t0, 2)
        jobs = [("explore map", "svg", 1), ("explore map", "png", 1), ("explore map", "png", 2), ("explore chart", "svg", 1), ("ratifications map", "svg", 1)]
        for name, fmt, scale in jobs:
            times, size = [], 0
            for _ in range(ROUNDS):
                t0 = time.perf_counter()
                size = len(render(figures[name], fmt, "article", scale))
                times.append(time.perf_counter() - t0)
            label = f"{name} {fmt} {scale}x"
            results[f"{label}: median s"] = round(statistics.median(times), 3)
            results[f"{label}: max s"] = round(max(times), 3)
            results[f"{label}: KiB"] = round(size / 1024)
        me = os.getpid()
        chromium = [p for p in _descendants(me) if "chrom" in _comm(p)]
        results["python process RSS MiB"] = round(_rss_mib(me))
        results["chromium processes"] = len(chromium)
        results["chromium RSS MiB (sum)"] = round(sum(_rss_mib(p) for p in chromium))
        results["python process PSS MiB"] = round(_pss_mib(me))
        results["chromium PSS MiB (sum)"] = round(sum(_pss_mib(p) for p in chromium))
        export.stop()
    return results


if __name__ == "__main__":
    print(json.dumps(run(), indent=1))
