"""/images/<page>/<chart>.<svg|png>?<the page's own query string>&preset=...&scale=...: chart images to publish.

The query string that opens a view on the page gives the image of that view's chart: the page's view model
(``from_query``) reads it, so bad values fall back exactly as on the page. The image is the page's own figure
in the publication frame (``dashboard.render``). Rendered bytes are cached under the data and code version
(the cache's key prefix; Redis shares them between workers when configured), keyed by the canonical view
(``to_query``), so two spellings of one view share an entry. Cold renders are bounded per worker: one at a
time, and a small token bucket; beyond it the answer is 503 with Retry-After, never a queue without bound.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import plotly.graph_objects as go
from flask import Blueprint, Response, jsonify, request

from dashboard.cache import cache
from dashboard.data import DataError, get_store
from dashboard.i18n import parse_lang, translator
from dashboard.render import PRESETS, publication_figure, render
from dashboard.render.export import renderer_version
from dashboard.render.frame import SCALES, meta_from_figure
from dashboard.views.query import parse_search

log = logging.getLogger(__name__)
blueprint = Blueprint("images", __name__)

FORMATS = {"svg": "image/svg+xml", "png": "image/png"}
IMAGE_PARAMS = ("preset", "scale", "lang")
CACHE_SECONDS = 7 * 86400


class NothingToDraw(Exception):
    """The view is valid but its chart is empty (e.g. no country chosen): the page shows a note instead."""


# -- the charts ----------------------------------------------------------------------------------------
# A page resolves its view from the query (cheap: it decides the cache key); a chart draws the view's figure
# (the costly part, done only on a cache miss, inside the render bounds).
@dataclass(frozen=True)
class Drawn:
    figure: go.Figure
    citation: str = ""
    licence: str = ""


def _figure(value) -> go.Figure:
    if not value:
        raise NothingToDraw()
    return value if isinstance(value, go.Figure) else go.Figure(value)


def _explore_view(params: dict, lang: str):
    from dashboard.views.explore import ExploreView

    return ExploreView.from_query(params, lang)[0]


def _explore(chart: str):
    def draw(view, lang: str) -> Drawn:
        from dashboard.indicators import queries as iq
        from dashboard.views import explore as ev

        store = get_store()
        _ = translator(lang)
        ind = store.indicator(view.indicator)
        names = iq.store_geo_names(lang)
        if chart == "map":
            if view.year is None:
                raise NothingToDraw()
            fig = ev.full_map(view, ind, ev.map_values(view), store, names, lang, _)
        else:
            if not view.countries:
                raise NothingToDraw()
            fig, _n, _s = ev.chart_figure(view, ind, names, lang, _)
        return Drawn(_figure(fig), ind.get("citation", ""), ind.get("licence", ""))

    return draw


def _ratifications_view(params: dict, _lang: str):
    from dashboard.views.ratifications import RatificationsView

    return RatificationsView.from_query(params)[0]


def _ratifications(chart: str):
    def draw(view, lang: str) -> Drawn:
        from dashboard.views import ratifications as rv

        store = get_store()
        if chart == "map":
            fig = rv.status_view(view.instrument, view.as_of, None, None, None, True, lang)[0]
            cited = [store.instruments[view.instrument]]
        else:
            fig = rv.timeline(list(view.compare), view.as_of, lang)[0]
            cited = [store.instruments[i] for i in view.compare if i in store.instruments]
        citation = " ".join(dict.fromkeys(i.get("citation", "") for i in cited if i.get("citation")))
        licence = "; ".join(dict.fromkeys(i.get("licence", "") for i in cited if i.get("licence")))
        return Drawn(_figure(fig), citation, licence)

    return draw


# chart -> (corridor view function, index of the figure in its outputs, indicator cited)
CORRIDOR_CHARTS = {
    "cost": ("render_summary", 1, "COST"),
    "cost-map": ("render_table", 4, "COST"),
    "flow-map": ("render_flows", 0, "FLOWS"),
    "flows-from": ("render_flows", 2, "FLOWS"),
    "flows-to": ("render_flows", 3, "FLOWS"),
    "received": ("render_flows", 4, None),
    "paid": ("render_flows", 5, None),
}


def _corridor_view(params: dict, lang: str):
    from dashboard.views.corridors import CorridorView

    return CorridorView.from_query(params, lang)[0]


def _corridors(chart: str):
    def draw(view, lang: str) -> Drawn:
        from dashboard.views import corridors as cv

        function, index, cited = CORRIDOR_CHARTS[chart]
        fig = getattr(cv, function)(view.to_store(), lang)[index]
        ind = get_store().indicator(getattr(cv, cited)) if cited else None
        return Drawn(_figure(fig), (ind or {}).get("citation", ""), (ind or {}).get("licence", ""))

    return draw


@dataclass(frozen=True)
class Page:
    route: str  # the page's address
    resolve: Callable  # (query parameters, lang) -> the page's view model
    charts: dict  # chart name -> draw(view, lang) -> Drawn


CHARTS: dict[str, Page] = {
    "explore": Page("/explore", _explore_view, {"map": _explore("map"), "chart": _explore("chart")}),
    "ratifications": Page("/ratifications", _ratifications_view, {"map": _ratifications("map"), "timeline": _ratifications("timeline")}),
    "corridors": Page("/corridors", _corridor_view, {name: _corridors(name) for name in CORRIDOR_CHARTS}),
}


# -- bounds on cold renders ------------------------------------------------------------------------------
class TokenBucket:
    """``capacity`` renders at once, refilled at ``rate`` per second (``clock`` is injectable for tests)."""

    def __init__(self, capacity: int, rate: float, clock: Callable[[], float] = time.monotonic):
        self.capacity, self.rate, self.clock = capacity, rate, clock
        self.tokens, self.stamp = float(capacity), clock()
        self.lock = threading.Lock()

    def take(self) -> float:
        """0 if a token was taken, else the seconds until one is due."""
        with self.lock:
            now = self.clock()
            self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
            if self.tokens >= 1:
                self.tokens -= 1
                return 0.0
            return (1 - self.tokens) / self.rate


RENDER_SLOTS = threading.BoundedSemaphore(1)  # one Chromium tab per worker
SLOT_WAIT_S = 5  # a render takes well under this; a caller waits at most this long for the slot
bucket = TokenBucket(capacity=10, rate=0.5)


def _refuse(status: int, message: str, retry_after: int | None = None) -> Response:
    response = jsonify({"error": message})
    response.status_code = status
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.get("/images/<page>/<chart>.<fmt>")
def image(page: str, chart: str, fmt: str):
    if page not in CHARTS or chart not in CHARTS[page].charts:
        known = ", ".join(f"{p}/{c}" for p, entry in CHARTS.items() for c in entry.charts)
        return _refuse(404, f"No such chart image. Known charts: {known}.")
    if fmt not in FORMATS:
        return _refuse(404, f"Unknown image format {fmt[:10]!r}: use .svg or .png.")
    params = parse_search(request.query_string.decode("utf-8", "replace"))
    preset = params.get("preset", "article")
    if preset not in PRESETS:
        return _refuse(400, f"Unknown preset {preset[:20]!r}: one of {', '.join(PRESETS)}.")
    scale_text = params.get("scale", "1")
    if scale_text not in {str(s) for s in SCALES}:
        return _refuse(400, f"Unknown scale {scale_text[:10]!r}: one of {', '.join(map(str, SCALES))}.")
    scale = int(scale_text)
    lang = parse_lang(params.get("lang"))
    entry = CHARTS[page]
    try:
        view = entry.resolve({k: v for k, v in params.items() if k not in IMAGE_PARAMS}, lang)
    except DataError:
        return _refuse(503, "Data are not available right now.", retry_after=60)
    page_query = view.to_query(lang)
    permalink = request.url_root.rstrip("/") + entry.route + page_query
    signature = f"{renderer_version()}|{page}/{chart}.{fmt}|{preset}|{scale}|{lang}|{page_query}"
    key = "img:" + hashlib.sha256(signature.encode()).hexdigest()[:32]
    body = cache.get(key)
    state = "hit"
    if body is None:
        state = "miss"
        wait = bucket.take()
        if wait:
            return _refuse(503, "Too many new images are being drawn; try again shortly.", retry_after=max(1, round(wait)))
        if not RENDER_SLOTS.acquire(timeout=SLOT_WAIT_S):
            return _refuse(503, "Too many new images are being drawn; try again shortly.", retry_after=SLOT_WAIT_S)
        try:
            drawn = entry.charts[chart](view, lang)
            meta = meta_from_figure(drawn.figure, citation=drawn.citation, licence=drawn.licence, permalink=permalink)
            body = render(publication_figure(drawn.figure, meta, preset), fmt, preset, scale)
        except NothingToDraw:
            return _refuse(404, "This view has no chart to draw (the page shows a note instead); open the page to choose what to show.")
        except DataError:
            return _refuse(503, "Data are not available right now.", retry_after=60)
        except Exception as exc:  # Chromium missing or crashed: a clear, retryable answer, logged here
            log.error("image render failed for %s/%s.%s: %s", page, chart, fmt, exc)
            return _refuse(503, "The image could not be drawn right now; try again later.", retry_after=60)
        finally:
            RENDER_SLOTS.release()
        cache.set(key, body, timeout=CACHE_SECONDS)
    response = Response(body, mimetype=FORMATS[fmt])
    response.headers["Cache-Control"] = "public, max-age=3600"
    response.headers["Content-Disposition"] = f'inline; filename="{page}-{chart}-{preset}{"@2x" if scale == 2 else ""}.{fmt}"'
    response.headers["X-Image-Cache"] = state
    response.headers["Link"] = f'<{permalink}>; rel="canonical"'
    return response
