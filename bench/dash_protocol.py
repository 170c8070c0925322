"""Speak Dash's callback protocol from outside: build the POST body the renderer would send.

Built from ``/_dash-dependencies`` so it follows the app as callbacks change; used by the
benchmarks and by tests/app (scale-out, compression).
"""

from __future__ import annotations

import json
import urllib.request
from typing import Any


def get_json(url: str, timeout: float = 10) -> Any:
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return json.loads(r.read())


def dependencies(base: str) -> list[dict]:
    return get_json(base.rstrip("/") + "/_dash-dependencies")


def _prop_refs(spec: str) -> list[dict]:
    parts = spec[2:-2].split("...") if spec.startswith("..") else [spec]
    out = []
    for p in parts:
        cid, prop = p.rsplit(".", 1)
        out.append({"id": cid, "property": prop})
    return out


def find_callback(deps: list[dict], output_prop: str) -> dict:
    """The server callback whose outputs include ``output_prop`` (e.g. ``"explore-map.figure"``);
    clientside callbacks (which may share an output) are never posted, so they are skipped."""
    for cb in deps:
        if cb.get("clientside_function"):
            continue
        refs = [f"{r['id']}.{r['property'].split('@')[0]}" for r in _prop_refs(cb["output"])]
        if output_prop in refs:
            return cb
    raise LookupError(f"no callback outputs {output_prop}")


def callback_body(cb: dict, values: dict[str, Any] | None = None, changed: list[str] | None = None) -> dict:
    """Body for one callback; ``values`` maps ``"id.property"`` to the value sent (default None)."""
    values = values or {}

    def fill(specs):
        return [{"id": s["id"], "property": s["property"], "value": values.get(f"{s['id']}.{s['property']}")} for s in specs]

    inputs = fill(cb["inputs"])
    changed = [f"{s['id']}.{s['property']}" for s in cb["inputs"]] if changed is None else changed
    outputs = _prop_refs(cb["output"])
    return {
        "output": cb["output"],
        "outputs": outputs if cb["output"].startswith("..") else outputs[0],
        "inputs": inputs,
        "changedPropIds": changed,
        "parsedChangedPropsIds": changed,
        "state": fill(cb.get("state", [])),
    }


def post_callback(base: str, body: dict, headers: dict | None = None, timeout: float = 30) -> tuple[int, dict, bytes]:
    """POST /_dash-update-component; returns (status, headers, raw body as sent on the wire)."""
    req = urllib.request.Request(
        base.rstrip("/") + "/_dash-update-component",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return r.status, dict(r.headers), r.read()
