"""Property-based request fuzzing through the Flask test client (in-process, thousands a minute).

Every registered Dash callback gets renderer-shaped bodies with garbage values and mangled
bodies; every page gets random paths matching its ROUTE and random query strings (the page and
the URL callbacks); every other GET route (API, feeds, health) gets random path arguments and
query parameters. No response may be a 5xx or carry a traceback or a server path.

Each target gets a fixed number of derandomized examples (tests/fuzz/conftest.py), so every run
sends the same requests; each test fails on what it finds and checks it sent what its counts imply,
and ``test_the_fixed_counts_send_at_least_ten_thousand_requests`` checks the total from the counts.
"""

from __future__ import annotations

import inspect
import os
import re
from urllib.parse import quote, urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .conftest import (
    CALLBACK_EXAMPLES,
    CALLBACK_SHARDS,
    ENDPOINT_EXAMPLES,
    ENDPOINT_SHARDS,
    GUNICORN_EXAMPLES,
    MIN_TOTAL_REQUESTS,
    PAGE_EXAMPLES,
    PAGE_SHARDS,
    RULE_ARG,
    fuzz_settings,
    garbage_text,
    json_values,
    post_json,
)

DASH_INTERNAL = ("/_dash-", "/assets/", "/static/", "/_favicon", "/_reload-hash")
URL_PROPS = ("pathname", "search", "hash", "href")


def _split_outputs(output_key: str) -> list[dict]:
    from dash._utils import split_callback_id

    outs = split_callback_id(output_key)
    return outs if isinstance(outs, list) else [outs]


def _fuzz_only() -> str:
    return os.environ.get("FUZZ_ONLY", "")  # debugging aid: fuzz only the callbacks whose name contains this


def _callbacks(app, only: str = "") -> list[tuple[str, dict]]:
    return sorted((k, cb) for k, cb in app.callback_map.items() if only in k)


def _ref(spec: dict, value) -> dict:
    return {"id": spec["id"], "property": spec["property"], "value": value}


def _renderer_body(output_key: str, cb: dict, values: list, changed: list[bool]) -> dict:
    """What dash-renderer posts for this callback, with the given values."""
    specs = cb["inputs"] + cb["state"]
    refs = [_ref(s, v) for s, v in zip(specs, values)]
    n_in = len(cb["inputs"])
    outs = _split_outputs(output_key)
    multi = output_key.startswith("..")
    return {
        "output": output_key,
        "outputs": [{"id": o["id"], "property": o["property"].split("@")[0]} for o in outs]
        if multi
        else {"id": outs[0]["id"], "property": outs[0]["property"].split("@")[0]},
        "inputs": refs[:n_in],
        "state": refs[n_in:],
        "changedPropIds": [f"{s['id']}.{s['property']}" for s, c in zip(cb["inputs"], changed) if c and isinstance(s["id"], str)],
    }


MUTATIONS = ["drop_key", "unknown_output", "wrong_type", "extra_input", "missing_input", "unknown_input_id", "not_object", "renamed_property"]


def _mutate(body: dict, how: str, junk):
    body = dict(body)
    if how == "drop_key":
        body.pop(sorted(body)[hash(str(junk)) % len(body)], None)
    elif how == "unknown_output":
        body["output"] = junk if not isinstance(junk, str) else "..nope." + junk[:50] + ".."
    elif how == "wrong_type":
        body[["inputs", "state", "outputs", "changedPropIds", "output"][hash(str(junk)) % 5]] = junk
    elif how == "extra_input":
        body["inputs"] = list(body["inputs"]) + [{"id": "fuzz-extra", "property": "value", "value": junk}]
    elif how == "missing_input":
        body["inputs"] = list(body["inputs"])[:-1]
    elif how == "unknown_input_id":
        body["inputs"] = [dict(i, id="fuzz-" + str(i["id"])[:20]) for i in body["inputs"]]
    elif how == "renamed_property":
        body["inputs"] = [dict(i, property="fuzz") for i in body["inputs"]]
    elif how == "not_object":
        return [body] if junk is None else junk
    return body


@pytest.fixture(scope="module")
def dispatch_path(app):
    return app.config.routes_pathname_prefix + "_dash-update-component"


def _shard(targets: list, shard: int, shards: int) -> list:
    """Every ``shards``-th target from ``shard`` on: one test per shard, so pytest-xdist runs them side by side."""
    part = targets[shard::shards]
    if not part and _fuzz_only():
        pytest.skip("FUZZ_ONLY left nothing in this shard")
    return part


def shard_ids(shards: int):
    return lambda i: f"{i + 1}of{shards}"


@pytest.mark.parametrize("shard", range(CALLBACK_SHARDS), ids=shard_ids(CALLBACK_SHARDS))
def test_every_callback_survives_garbage_and_malformed_bodies(shard, app, client, report, known_values, callback_errors, dispatch_path):
    assert _callbacks(app), "no Dash callbacks registered?"
    callbacks = _shard(_callbacks(app, _fuzz_only()), shard, CALLBACK_SHARDS)
    assert callbacks
    values = json_values(known_values)
    wellformed_rejected: list[str] = []
    swallowed: dict[str, str] = {}  # callback + exception -> first body that raised it

    for output_key, cb in callbacks:
        n = len(cb["inputs"]) + len(cb["state"])
        label = f"POST callback {output_key[:48]}"

        @fuzz_settings(CALLBACK_EXAMPLES)
        @given(
            vals=st.lists(values, min_size=n, max_size=n),
            changed=st.lists(st.booleans(), min_size=len(cb["inputs"]), max_size=len(cb["inputs"])),
            mutation=st.sampled_from(MUTATIONS),
            junk=json_values(known_values),
        )
        def run(vals, changed, mutation, junk):
            body = _renderer_body(output_key, cb, vals, changed)
            # Each example posts the body as the renderer would, then the same body mangled.
            for mangled, payload in ((False, body), (True, _mutate(body, mutation, junk))):
                start = len(callback_errors.records)
                r = post_json(client, dispatch_path, payload)
                report.check(label + (" [mangled]" if mangled else ""), r, repr(payload)[:300])
                for err in callback_errors.since(start):
                    swallowed.setdefault(f"{output_key[:60]}: {err}", repr(payload)[:300])
                if not mangled and r.status_code == 400 and "callback" in cb:  # clientside ones are never posted
                    wellformed_rejected.append(repr(payload)[:200])

        run()
    # The guard must only refuse what the renderer never sends: renderer-shaped bodies reach the callback.
    assert not wellformed_rejected, f"renderer-shaped bodies refused: {wellformed_rejected[:3]}"
    # Values of types no component sends (a dict where a dropdown value goes, a tampered Store) are answered
    # with no_update by on_error: the user sees nothing break. Listed in the summary, not failed; URL-reachable
    # exceptions (below) do fail.
    report.notes.extend(f"{k}\n      first body: {v[:200]}" for k, v in sorted(swallowed.items()))
    assert not report.problems, report.problems[:5]
    assert report.sent == callback_requests(callbacks), report.lines()[:3]


def _layout_params(module) -> list[str]:
    try:
        return [p for p in inspect.signature(module.layout).parameters if p not in ("kwargs", "args")]
    except (TypeError, ValueError):
        return []


def _url_callbacks(app) -> list[tuple[str, dict]]:
    # Server-side callbacks only: clientside ones run in the browser and are never posted.
    return [(k, cb) for k, cb in _callbacks(app) if "callback" in cb and any(s["id"] == "url" for s in cb["inputs"] + cb["state"])]


@pytest.mark.parametrize("shard", range(PAGE_SHARDS), ids=shard_ids(PAGE_SHARDS))
def test_every_page_survives_random_paths_and_query_strings(shard, app, client, report, known_values, callback_errors, dispatch_path):
    import layouts

    assert layouts.pages()
    pages = _shard(layouts.pages(), shard, PAGE_SHARDS)
    assert pages
    url_callbacks = _url_callbacks(app)
    assert url_callbacks, "no callback reads the URL (the router?)"
    swallowed: dict[str, str] = {}
    keys = sorted(
        {"lang", "indicator", "year", "sex", "iso3", "instrument", "country", "from", "to", "origin", "destination", "page", "as_of"}
        | {p for m in pages for p in _layout_params(m)}
    )
    key_st = st.one_of(st.sampled_from(keys), garbage_text(huge_max=300))
    val_st = st.one_of(st.sampled_from(known_values), garbage_text(huge_max=300), st.integers(-(10**12), 10**12).map(str))
    raw_query = st.one_of(
        st.lists(st.tuples(key_st, val_st), max_size=8).map(lambda kv: urlencode(kv)),
        st.lists(st.tuples(st.sampled_from(keys), val_st), max_size=8).map(lambda kv: urlencode(kv)),
        garbage_text(huge_max=800).map(lambda s: quote(s, safe="=&%")),  # half-encoded junk
    )

    for module in pages:
        route = re.compile(module.ROUTE)
        label = f"GET page {module.__name__.split('.')[-1]} ({module.ROUTE})"

        @fuzz_settings(PAGE_EXAMPLES)
        @given(path=st.from_regex(route, fullmatch=True), query=raw_query)
        def run(path, query):
            path = "/" + path.lstrip("/") if not path.startswith("/") else path
            url = quote(path, safe="/") + ("?" + query if query else "")
            r = client.get(url)
            report.check(label, r, url)
            # 404: the page's own "not found" (e.g. /country/<unknown code>); 414: the address is over the bound.
            assert r.status_code in (200, 404, 414), f"{url[:200]}: {r.status_code}"
            search = "?" + query if query else ""
            url_values = {"pathname": path, "search": search, "hash": "", "href": "http://localhost" + path + search}
            for output_key, cb in url_callbacks:
                specs = cb["inputs"] + cb["state"]
                vals = [url_values.get(s["property"]) if s["id"] == "url" else None for s in specs]
                body = _renderer_body(output_key, cb, vals, [s["id"] == "url" for s in cb["inputs"]])
                start = len(callback_errors.records)
                rc = post_json(client, dispatch_path, body)
                report.check(f"POST URL callback {output_key[:40]}", rc, f"{path} {search[:200]}")
                for err in callback_errors.since(start):
                    swallowed.setdefault(f"{output_key[:60]}: {err}", f"{path}{search[:200]}")
                assert rc.status_code in (200, 204), f"{path}{search[:200]}: {rc.status_code} {rc.data[:200]!r}"

        run()
    report.problems.extend(f"URL callback exception (hidden by on_error): {k}\n      first URL: {v}" for k, v in swallowed.items())
    assert not swallowed, "URL callback exceptions reached on_error:\n" + "\n".join(f"{k}\n   URL: {v}" for k, v in swallowed.items())
    assert not report.problems, report.problems[:5]
    assert report.sent == page_requests(pages, url_callbacks), report.lines()[:3]


def _get_routes(app) -> list:
    rules = []
    for rule in app.server.url_map.iter_rules():
        if "GET" not in rule.methods or rule.rule.startswith(DASH_INTERNAL):
            continue
        if rule.endpoint in ("static",) or rule.rule in ("/", "/<path:path>"):
            continue  # pages: fuzzed above
        rules.append(rule)
    return sorted(rules, key=lambda r: r.rule)


API_PARAMS = [
    "limit",
    "offset",
    "page",
    "per_page",
    "page_size",
    "size",
    "year",
    "from",
    "to",
    "start",
    "end",
    "since",
    "until",
    "sex",
    "age",
    "iso3",
    "country",
    "indicator",
    "instrument",
    "origin",
    "destination",
    "format",
    "lang",
    "as_of",
    "date",
    "q",
    "sort",
    "order",
    "fields",
    "theme",
]


@pytest.mark.parametrize("shard", range(ENDPOINT_SHARDS), ids=shard_ids(ENDPOINT_SHARDS))
def test_every_get_endpoint_survives_random_arguments_and_parameters(shard, app, client, report, known_values):
    assert any(r.rule == "/healthz" for r in _get_routes(app))
    rules = _shard(_get_routes(app), shard, ENDPOINT_SHARDS)
    assert rules
    number = st.one_of(st.integers(-(10**15), 10**15), st.sampled_from([0, -1, 1, 10**9, 2**63, 2**64])).map(str)
    val_st = st.one_of(st.sampled_from(known_values), number, garbage_text(huge_max=400), st.just(""))
    params = st.lists(st.tuples(st.one_of(st.sampled_from(API_PARAMS), garbage_text(huge_max=400)), val_st), max_size=8)

    for rule in rules:
        args = [m.group("conv") or "default" for m in RULE_ARG.finditer(rule.rule)]
        label = f"GET {rule.rule}"

        @fuzz_settings(ENDPOINT_EXAMPLES)
        @given(
            argvals=st.lists(st.one_of(st.sampled_from(known_values), garbage_text(huge_max=2000), number), min_size=len(args), max_size=len(args)), qs=params
        )
        def run(argvals, qs):
            it = iter(argvals)
            path = RULE_ARG.sub(lambda m: quote(next(it) or "x", safe="" if m.group("conv") != "path" else "/"), rule.rule)
            url = path + ("?" + urlencode(qs) if qs else "")
            r = client.get(url)
            report.check(label, r, url)

        run()
    assert not report.problems, report.problems[:5]
    assert report.sent == endpoint_requests(rules), report.lines()[:3]


class _Resp:
    """Just enough of a Flask response for Report.check."""

    def __init__(self, status: int, body: bytes):
        self.status_code, self.content = status, body


def test_burst_against_real_gunicorn(app, live_server, report, known_values, dispatch_path):
    """The same kinds of garbage over real sockets (gunicorn's parser, keep-alive, limits in front of the app)."""
    import http.client
    import json
    from urllib.parse import urlparse

    from hypothesis import find

    import layouts

    u = urlparse(live_server)
    pages = [find(st.from_regex(re.compile(m.ROUTE), fullmatch=True), lambda p: p.startswith("/")) for m in layouts.pages()]
    rules = [r.rule for r in _get_routes(app)]
    server_callbacks = [(k, cb) for k, cb in _callbacks(app) if "callback" in cb]
    values = json_values(known_values)

    @fuzz_settings(GUNICORN_EXAMPLES)
    @given(data=st.data(), kind=st.sampled_from(["page", "callback", "endpoint", "raw"]))
    def run(data, kind):
        body, method, headers = None, "GET", {}
        if kind == "page":
            qs = data.draw(st.lists(st.tuples(garbage_text(huge_max=300), garbage_text(huge_max=300)), max_size=5))
            path = data.draw(st.sampled_from(pages)) + ("?" + urlencode(qs) if qs else "")
        elif kind == "endpoint":
            rule = data.draw(st.sampled_from(rules))
            path = RULE_ARG.sub(lambda m: quote(data.draw(st.one_of(st.sampled_from(known_values), garbage_text(huge_max=300))) or "x", safe=""), rule)
            qs = data.draw(
                st.lists(st.tuples(st.sampled_from(["limit", "offset", "year", "from", "to", "lang", "format"]), garbage_text(huge_max=300)), max_size=5)
            )
            path += "?" + urlencode(qs) if qs else ""
        elif kind == "callback":
            key, cb = data.draw(st.sampled_from(server_callbacks))
            n = len(cb["inputs"]) + len(cb["state"])
            payload = _renderer_body(key, cb, data.draw(st.lists(values, min_size=n, max_size=n)), [True] * len(cb["inputs"]))
            if data.draw(st.booleans()):
                payload = _mutate(payload, data.draw(st.sampled_from(MUTATIONS)), data.draw(values))
            method, path, body = "POST", dispatch_path, json.dumps(payload, allow_nan=True).encode()
            headers = {"Content-Type": "application/json"}
        else:  # bytes that are not JSON, wrong content types, odd methods
            method = data.draw(st.sampled_from(["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]))
            path = data.draw(st.sampled_from([dispatch_path, "/", "/explore"] + rules[:5]))
            body = data.draw(st.binary(max_size=3000))
            headers = {
                "Content-Type": data.draw(
                    st.sampled_from(["application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])
                )
            }
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers)
            r = conn.getresponse()
            resp = _Resp(r.status, r.read())
        finally:
            conn.close()
        report.check(f"gunicorn {kind}", resp, f"{method} {path[:200]}")

    run()
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    conn.request("GET", "/healthz")
    assert conn.getresponse().status == 200
    conn.close()
    assert not report.problems, report.problems[:5]
    assert report.sent == GUNICORN_EXAMPLES, report.lines()[:3]


# Requests sent for the given targets: their number times the fixed number of examples (no clock).
def callback_requests(callbacks: list) -> int:
    return len(callbacks) * CALLBACK_EXAMPLES * 2  # the renderer's body, then the same body mangled


def page_requests(pages: list, url_callbacks: list) -> int:
    return len(pages) * PAGE_EXAMPLES * (1 + len(url_callbacks))  # a GET, then each URL callback


def endpoint_requests(rules: list) -> int:
    return len(rules) * ENDPOINT_EXAMPLES


def fuzz_plan(app) -> dict[str, int]:
    """Requests the fuzz tests send, all shards together, for every discovered target."""
    import layouts

    return {
        "callbacks": callback_requests(_callbacks(app)),
        "pages": page_requests(layouts.pages(), _url_callbacks(app)),
        "endpoints": endpoint_requests(_get_routes(app)),
        "gunicorn": GUNICORN_EXAMPLES,
    }


def test_the_fixed_counts_send_at_least_ten_thousand_requests(app):
    """The tests above each check they sent exactly their share of this plan; together it is at least 10,000."""
    plan = fuzz_plan(app)
    assert all(plan.values()), plan
    assert sum(plan.values()) >= MIN_TOTAL_REQUESTS, plan
