"""The API description (/api/v1/openapi.json), its HTML page (/api/v1/docs) and the index (/api/v1/).

The document must list exactly the routes the app serves under /api/v1/ and /feeds/ (read from the
Flask url_map), pass a real OpenAPI 3.1 validator, and take its identifiers from the data catalog.
"""

from __future__ import annotations

import re

import lxml.html
import pytest
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

from dashboard.api.openapi import flask_rule_to_path

API_PREFIXES = ("/api/v1/", "/feeds/")
# Routes the document cannot describe as operations: the catch-all that answers every unknown
# /api/v1/ address with a JSON 404 (its behaviour is tested in test_api_indicators.py).
NOT_DESCRIBED = {"indicators_api.not_found"}


@pytest.fixture(scope="module")
def doc(app):
    r = app.server.test_client().get("/api/v1/openapi.json")
    assert r.status_code == 200 and r.mimetype == "application/json"
    return r.get_json()


def served_paths(app) -> set[str]:
    paths = set()
    for rule in app.server.url_map.iter_rules():
        if rule.rule.startswith(API_PREFIXES) and rule.endpoint not in NOT_DESCRIBED:
            assert "GET" in rule.methods, rule
            paths.add(flask_rule_to_path(rule.rule))
    return paths


def test_document_is_valid_openapi_3_1(doc):
    assert doc["openapi"].startswith("3.1")
    validate(doc, cls=OpenAPIV31SpecValidator)  # raises on any violation


def test_document_lists_exactly_the_served_routes(app, doc):
    served = served_paths(app)
    assert "/api/v1/indicators/{indicator_id}" in served and "/feeds/ratifications.atom" in served  # the discovery works
    assert sorted(served - set(doc["paths"])) == [], "routes missing from the document"
    assert sorted(set(doc["paths"]) - served) == [], "documented routes the app does not serve"
    assert {r.endpoint for r in app.server.url_map.iter_rules()} >= NOT_DESCRIBED, "an exclusion names a route that no longer exists"


def test_every_path_parameter_is_declared_and_every_operation_documents_errors(doc):
    for path, item in doc["paths"].items():
        op = item["get"]
        declared = {p["name"] for p in op["parameters"] if p["in"] == "path"}
        assert declared == set(re.findall(r"\{(\w+)\}", path)), path
        assert op["summary"] and op["description"] and "200" in op["responses"], path
        if op["parameters"]:
            assert any(code.startswith("4") and code != "414" for code in op["responses"]), f"{path}: no 4xx documented"


def _param(doc, path, name):
    return next(p for p in doc["paths"][path]["get"]["parameters"] if p["name"] == name)


def test_allowed_values_come_from_the_catalog(doc, store):
    assert _param(doc, "/api/v1/indicators/{indicator_id}", "indicator_id")["schema"]["enum"] == [i["id"] for i in store.catalog["indicators"]]
    instruments = [i["id"] for i in store.catalog["instruments"]]
    assert _param(doc, "/api/v1/ratifications.json", "instrument")["schema"]["enum"] == instruments
    assert _param(doc, "/feeds/ratifications.atom", "instrument")["schema"]["enum"] == instruments
    assert doc["components"]["schemas"]["ISO3"]["enum"] == sorted(store.countries["iso3"])
    assert _param(doc, "/api/v1/countries/{code}", "code")["schema"] == {"$ref": "#/components/schemas/ISO3"}
    ages = _param(doc, "/api/v1/indicators/{indicator_id}", "age")["schema"]["enum"]
    assert set(ages) == {a for i in store.catalog["indicators"] for a in (i.get("coverage") or {}).get("ages", [])}


def test_every_documented_value_is_accepted(client, doc, store):
    """The first and last allowed value of each enumerated query parameter gets a 200, not a 400."""
    for path in ("/api/v1/ratifications.json", "/api/v1/corridors/costs", "/feeds/ratifications.atom"):
        for p in doc["paths"][path]["get"]["parameters"]:
            if p["name"] == "series":
                continue  # series=1 needs both countries (documented; its 400 is tested in test_corridors_api.py)
            schema = p["schema"]
            if "$ref" in schema:
                schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
            enum = schema.get("enum") or schema.get("items", {}).get("enum") or []
            for value in enum[:1] + enum[-1:]:
                r = client.get(path, query_string={p["name"]: value})
                assert r.status_code == 200, (path, p["name"], value, r.data[:200])


def test_index_links_every_endpoint(client, doc):
    r = client.get("/api/v1/")
    assert r.status_code == 200 and r.is_json
    body = r.get_json()
    assert body["openapi"].endswith("/api/v1/openapi.json") and body["docs"].endswith("/api/v1/docs")
    assert [e["path"] for e in body["endpoints"]] == list(doc["paths"])
    for e in body["endpoints"]:
        link = e.get("url") or e.get("example")
        assert link and link.startswith("http://localhost/"), e
        target = client.get(link.removeprefix("http://localhost"))
        assert target.status_code == 200, (link, target.status_code)


def test_unknown_api_addresses_are_still_json_404(client):
    r = client.get("/api/v1/no/such/thing")
    assert r.status_code == 404 and r.is_json


def test_docs_page_is_accessible_plain_html(client, doc):
    r = client.get("/api/v1/docs")
    assert r.status_code == 200 and r.mimetype == "text/html"
    page = lxml.html.fromstring(r.data)
    assert page.get("lang") == "en" and page.findtext(".//title")
    assert len(page.findall(".//h1")) == 1
    headings = [h.text_content() for h in page.findall(".//h2")]
    for path in doc["paths"]:
        assert f"GET {path}" in headings
    tables = page.findall(".//table")
    assert tables and all(t.find("caption") is not None and t.findall(".//thead/tr/th[@scope='col']") for t in tables)
    # nothing from elsewhere and no script: the page works under the app's Content-Security-Policy
    assert page.findall(".//script") == []
    assert all(not (el.get("href") or el.get("src") or "").startswith(("http:", "https:", "//")) for el in page.iter() if isinstance(el.tag, str))
    csp = r.headers["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in csp and "default-src 'self'" in csp
    for link in {a.get("href") for a in page.findall(".//a")}:
        if link.startswith("#"):
            assert page.get_element_by_id(link[1:]) is not None, link
        else:
            assert client.get(link).status_code == 200, link


def test_enumerations_in_the_page_point_to_the_document(client):
    text = lxml.html.fromstring(client.get("/api/v1/docs").data).text_content()
    assert "values, e.g. ABW" in text  # the long ISO3 list is abbreviated, not dumped


@pytest.mark.parametrize(
    "method, path, status",
    [
        ("GET", "/api/v1/countries/a%0A", 404),  # no route's <path:...> matches a line break (found by the fuzz test)
        ("GET", "/api/%0A", 404),
        ("POST", "/api/v1/catalog", 405),
        ("DELETE", "/api/v1/countries/PHL", 405),
    ],
)
def test_errors_no_route_answers_are_json_under_api(client, method, path, status):
    r = client.open(path, method=method)
    assert r.status_code == status and r.is_json
    assert r.get_json()["error"]["status"] == status and r.get_json()["error"]["message"]


def test_errors_elsewhere_keep_their_default_answer(client):
    r = client.get("/no-such-page%0A")
    assert r.status_code == 404 and r.mimetype == "text/html"
