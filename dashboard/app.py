"""App factory: ``create_app()`` returns a configured Dash app; ``server`` is for gunicorn."""

from __future__ import annotations

import json
import logging
import re

from dash import Dash, dcc
from flask import Flask, jsonify, request

from .cache import cache, cache_reachable, code_version
from .config import ASSETS_DIR, GEO_TOPOLOGY, Settings
from .data import DataError, get_store

log = logging.getLogger(__name__)
EAGER_DCC_CHUNKS = ("graph", "dropdown", "slider")
GRID_TAG = re.compile(r'<script src="([^"]*/_dash-component-suites/dash_ag_grid/dash_ag_grid\.[^"]*\.js)"></script>\s*')
POLYFILL_TAG = re.compile(r'<script src="[^"]*/deps/polyfill@[^"]*"></script>\s*')
# Dash always links dash_table's bundle; no page here has a DataTable (a test checks), so it is script time for nothing
DASH_TABLE_TAG = re.compile(r'<script src="[^"]*/_dash-component-suites/dash/dash_table/bundle[^"]*"></script>\s*')
PLOTLY_TAG = re.compile(r'<script src="([^"]*/assets/vendor/plotly-partial\.min\.js[^"]*)"></script>\s*')


def create_app(settings: Settings | None = None) -> Dash:
    settings = settings or Settings.from_env()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    server = Flask("dashboard")
    server.config["JSON_SORT_KEYS"] = False
    try:
        store = get_store(settings.data_dir)
        data_version = store.version
    except DataError as exc:
        # Start anyway so /healthz can say what is wrong; pages will show a notice.
        log.error("data not loaded: %s", exc)
        store, data_version = None, "none"
    # data version and code version in every key: a rebuild or a deploy invalidates a shared cache
    server.config.update(settings.cache_config(key_prefix=f"vawmw:{data_version}:{code_version()}:"))
    cache.init_app(server)

    app = DashboardApp(
        __name__,
        server=server,
        assets_folder=str(ASSETS_DIR),
        url_base_pathname=settings.url_base_pathname,
        serve_locally=True,
        suppress_callback_exceptions=True,
        title="Women migrant workers: indicators (UNGA 72/149)",
        update_title=None,
        external_stylesheets=[],
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        on_error=_callback_error,
    )
    app.settings = settings

    # the app factory is the one module that wires pages: layouts/ and callbacks/ never import each other
    from layouts import shell

    app.layout = shell.layout

    import callbacks

    callbacks.register(app, render_page=shell.render_page)
    _register_health(server, settings)
    _register_page_status(server)
    from . import api

    api.register(server)
    from . import http, response_cache

    if settings.response_cache:  # before http, so it keeps the compressed bytes that were sent
        prefix = app.config.routes_pathname_prefix
        response_cache.init_app(server, prefix + "_dash-update-component", prefix + "_dash-layout")
    http.init_app(server)  # compression (flask-compress) and static-file cache headers
    from . import security

    security.register(app)  # last: headers, request bounds and neutral errors cover every route
    return app


def _callback_error(err: Exception):
    """Last line of defence: log the exception, change nothing on screen, leak nothing."""
    log.exception("callback failed: %s", type(err).__name__, exc_info=err)
    from dash import no_update

    return no_update


class DashboardApp(Dash):
    """Dash with the page language on ``<html lang>`` (read from ``?lang=``)."""

    def _generate_scripts_html(self) -> str:
        html_doc = super()._generate_scripts_html()
        # @babel/polyfill (core-js 2 + regenerator) is script time on every first visit, and the
        # bundles need only its regeneratorRuntime, served from assets/vendor/ instead.
        html_doc = POLYFILL_TAG.sub("", html_doc)
        html_doc = DASH_TABLE_TAG.sub("", html_doc)
        html_doc = self._eager_dcc_chunks(html_doc)
        return _async_plotly(_defer_grid_bundle(html_doc))

    def _eager_dcc_chunks(self, scripts_html: str) -> str:
        """Load the dcc chunks every page draws at once (graph, dropdown, slider) with the other scripts,
        as Dash's ``eager_loading`` would, instead of one more round trip and render later; the other
        chunks (markdown, date pickers, upload...) stay lazy. Measurements: docs/PERFORMANCE-NOTES.md."""

        # Private Dash API (dcc._js_dist, resource filtering): eager_loading is all-or-nothing, not per chunk.
        wanted = {f"dcc/async-{name}.js" for name in EAGER_DCC_CHUNKS}
        chunks = [{k: v for k, v in r.items() if k != "async"} for r in dcc._js_dist if r.get("relative_package_path") in wanted]
        srcs = self._collect_and_register_resources(self.scripts._resources._filter_resources(chunks))
        tags = "".join(f'<script src="{src}"></script>\n' for src in srcs)
        marker = scripts_html.find('<script src="' + self.config.requests_pathname_prefix + "_dash-component-suites/dash/dcc/dash_core_components.v")
        return scripts_html[:marker] + tags + scripts_html[marker:] if marker >= 0 else scripts_html + tags

    def _boot_links(self) -> str:
        """Dash's renderer asks for the page's layout and the callback list only once every script has
        run; preloaded, both are on hand by then (the renderer's own fetch takes the preloaded answer:
        same address, mode and credentials, so each is requested once). Measurements: docs/PERFORMANCE-NOTES.md."""
        prefix = self.config.requests_pathname_prefix
        return "".join(f'<link rel="preload" as="fetch" crossorigin="anonymous" href="{prefix}{name}">' for name in ("_dash-layout", "_dash-dependencies"))

    def interpolate_index(self, **kwargs):
        from .i18n import parse_lang, text_direction

        html_doc = super().interpolate_index(**kwargs)
        # Dash wraps its <script> tags in a <footer>: a second "contentinfo" landmark next to the
        # site footer, which confuses screen-reader landmark navigation. A plain <div> holds them.
        html_doc = html_doc.replace("<footer>", '<div class="dash-scripts">', 1)
        end = html_doc.rfind("</footer>")
        if end >= 0:
            html_doc = html_doc[:end] + "</div>" + html_doc[end + len("</footer>") :]
        html_doc = html_doc.replace("</head>", self._boot_links() + _geo_topology_link(request.path) + "</head>", 1)
        lang = parse_lang(request.args.get("lang"))
        # dir only where it differs from HTML's default (ltr); assets/js/a11y.js keeps it in step.
        direction = ' dir="rtl"' if text_direction(lang) == "rtl" else ""
        return html_doc.replace("<html>", f'<html lang="{lang}"{direction}>', 1)


def _geo_topology_link(path: str) -> str:
    """On pages with a geo map, the world topology plotly.js would fetch only once the map is laid out
    (after every script has run and the page has rendered): fetched with the scripts instead and parsed
    into plotly's topology cache by assets/js/geo-topology.js."""
    from layouts import resolve

    if not getattr(resolve(path)[0], "GEO_MAP", False):
        return ""
    return f'<link rel="preload" as="fetch" crossorigin="anonymous" id="geo-topology" data-name="{GEO_TOPOLOGY}" href="/assets/{GEO_TOPOLOGY}.json">'


def _async_plotly(scripts_html: str) -> str:
    """plotly.js (1.2 MB) first and ``async``: compiled while the other scripts run and Dash renders the
    page, rather than holding up every script after it; ``assets/js/plotly-async.js`` makes dcc.Graph
    wait for it."""
    match = PLOTLY_TAG.search(scripts_html)
    if not match:
        return scripts_html
    rest = scripts_html[: match.start()] + scripts_html[match.end() :]
    return f'<script async id="plotly-js" src="{match.group(1)}"></script>\n' + rest


def _defer_grid_bundle(scripts_html: str) -> str:
    """Take dash-ag-grid's bundle (the largest script after plotly.js) out of every first load: its address
    goes into a JSON block that ``assets/js/lazy-ag-grid.js`` reads when a grid is first drawn."""
    match = GRID_TAG.search(scripts_html)
    if not match:
        return scripts_html
    block = '<script type="application/json" id="lazy-scripts">' + json.dumps({"dash_ag_grid": match.group(1)}) + "</script>\n"
    return scripts_html[: match.start()] + block + scripts_html[match.end() :]


def _register_page_status(server: Flask) -> None:
    """Unknown paths get the 'page not found' page *and* a 404 status, not a 200."""
    from layouts import is_known_path

    internal = ("/_dash", "/assets", "/api/", "/healthz", "/_reload", "/_favicon", "/feeds/")

    @server.after_request
    def page_status(response):
        if request.method == "GET" and response.status_code == 200 and response.mimetype == "text/html" and not request.path.startswith(internal):
            if not is_known_path(request.path):
                response.status_code = 404
        if request.path.endswith("/_dash-layout"):
            response.vary.add("Referer")  # the first page is drawn for the address that asked (layouts/shell.py)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        return response


def _register_health(server: Flask, settings: Settings) -> None:
    @server.route("/healthz")
    def healthz():
        checks = {}
        try:
            store = get_store(settings.data_dir)
            checks["data"] = {"ok": True, "version": store.version, "indicators": len(store.indicators)}
        except DataError as exc:
            checks["data"] = {"ok": False, "error": str(exc).split(";")[0]}
        ok, detail = cache_reachable()
        checks["cache"] = {"ok": ok, "type": settings.cache_type, "detail": detail}
        if not checks["data"]["ok"]:
            status, code = "unavailable", 503
        elif not ok:
            status, code = "degraded", 200 if settings.cache_type != "SimpleCache" else 503
        else:
            status, code = "ok", 200
        return jsonify(status=status, checks=checks), code
