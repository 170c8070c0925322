"""Property-based requests generated from /api/v1/openapi.json by schemathesis, sent to the app in
process (WSGI): no 5xx, and every status code, content type and JSON body is the one the document
describes. Fixed example counts, derandomized, no example database: the same cases every run.

The cases come from schemathesis' strategies run by hypothesis directly (``APIOperation.as_strategy``):
its pytest plugin reads a pytest-internal attribute that pytest 9 no longer has.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance, status_code_conformance

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
MAX_EXAMPLES = {GenerationMode.POSITIVE: 12, GenerationMode.NEGATIVE: 8}
FUZZ_SETTINGS = dict(
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def operations(app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app.server)
    ops = [result.ok() for result in schema.get_all_operations()]
    described = set(app.server.test_client().get("/api/v1/openapi.json").get_json()["paths"])
    # schemathesis leaves out the operation that serves the schema it was loaded from
    assert {op.path for op in ops} == described - {"/api/v1/openapi.json"}
    return ops


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
def test_every_operation_answers_as_described(operations, mode):
    """positive: values the document allows; negative: values it does not (wrong types, out of range, unknown ids)."""
    statuses: dict[str, set[int]] = {}
    for operation in operations:
        if mode is GenerationMode.NEGATIVE and not operation.definition.raw.get("parameters"):
            continue  # nothing to get wrong

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=MAX_EXAMPLES[mode], **FUZZ_SETTINGS)
        def run(case):
            # identity: the in-process transport does not undo the gzip/brotli that dashboard/http.py applies
            response = case.call_and_validate(checks=CHECKS, headers={"Accept-Encoding": "identity"})
            statuses.setdefault(operation.label, set()).add(response.status_code)

        run()
    # the cases reached the endpoints: every valid request can succeed, and invalid ones are refused
    wanted = (lambda codes: 200 in codes) if mode is GenerationMode.POSITIVE else (lambda codes: any(400 <= c < 500 for c in codes))
    assert statuses and all(wanted(codes) for codes in statuses.values()), statuses
