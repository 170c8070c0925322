"""Shared pieces of the request fuzzers: the leak check, the per-endpoint report, value strategies.

Everything is discovered at run time from the app (``app.callback_map``, ``app.server.url_map``,
``layouts.pages()``), so new pages, callbacks and endpoints are fuzzed without editing this file.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter, defaultdict

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.conftest import ROOT

# What must never appear in a response body: tracebacks and server file paths.
# The checkout's own path, wherever it is cloned: a body naming it leaks a server path.
LEAK_MARKERS = ("Traceback", str(ROOT) + "/", '.py"', 'File "', "site-packages", "/usr/lib/python", "werkzeug.debug")

# Fixed numbers of hypothesis examples per target (derandomized: every run sends the same requests,
# however busy the machine is). Discovery multiplies them by what exists, so the number of requests
# each test sends follows from these counts and the app; tests check they sent exactly that many.
CALLBACK_EXAMPLES = 110  # per registered callback; each example posts a renderer-shaped body, then it mangled
PAGE_EXAMPLES = 50  # per page: one GET, then one POST per URL-reading callback (one of them renders the page)
ENDPOINT_EXAMPLES = 250  # per GET route (API, feeds, health)
GUNICORN_EXAMPLES = 600  # over real sockets, all kinds mixed (a new connection each: dearer)
# Each kind's targets are split over this many tests, so pytest-xdist can run them side by side.
CALLBACK_SHARDS, PAGE_SHARDS, ENDPOINT_SHARDS = 4, 2, 2
MIN_TOTAL_REQUESTS = 10_000


def fuzz_settings(max_examples: int):
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,  # same examples on every run: CI is reproducible
        database=None,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )


class Report:
    """Status codes per endpoint, and every problem found (5xx, leaks, swallowed callback errors)."""

    def __init__(self):
        self.status: dict[str, Counter] = defaultdict(Counter)
        self.problems: list[str] = []
        self.notes: list[str] = []  # exceptions on_error absorbed for values no component sends

    @property
    def sent(self) -> int:
        """Requests answered (a failed example that hypothesis replays while shrinking counts each time)."""
        return sum(sum(c.values()) for c in self.status.values())

    def check(self, label: str, response, what: str) -> None:
        self.status[label][response.status_code] += 1
        body = (response.get_data() if hasattr(response, "get_data") else response.content).decode("utf-8", "replace")  # zips, CSVs
        problems = []
        if response.status_code >= 500:
            problems.append(f"status {response.status_code}")
        leaked = [m for m in LEAK_MARKERS if m in body]
        if leaked:
            problems.append(f"body contains {leaked}")
        if problems:
            msg = f"{label}: {', '.join(problems)} for {what[:300]}"
            if not any(p.startswith(f"{label}: {', '.join(problems)}") for p in self.problems):
                self.problems.append(msg)  # one line per kind (hypothesis replays while shrinking)
            raise AssertionError(msg + f"\n--- body ---\n{body[:1500]}")

    def lines(self) -> list[str]:
        out = [
            f"fuzz: {self.sent} requests sent, {sum(c[s] for c in self.status.values() for s in c if s >= 500)} with status 5xx, {len(self.problems)} problems"
        ]
        for label in sorted(self.status):
            c = self.status[label]
            codes = ", ".join(f"{code}: {n}" for code, n in sorted(c.items()))
            out.append(f"  {label:<60} {sum(c.values()):>6}  ({codes})")
        out += [f"  PROBLEM {p}" for p in self.problems[:20]]
        if self.notes:
            out.append(f"  {len(self.notes)} kinds of callback exception absorbed by on_error (no_update) for crafted values:")
            out += [f"    {n}" for n in self.notes[:40]]
        return out


@pytest.fixture()
def report(request) -> Report:
    """This test's own tally; its lines go to the run's summary (tests/conftest.py prints them, also under xdist)."""
    rep = Report()
    yield rep
    if rep.sent:
        request.node.user_properties.append(("fuzz_report", rep.lines()))


class CallbackErrors(logging.Handler):
    """Counts exceptions that reached the app's on_error (the user sees no change, we see a bug)."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        if record.getMessage().startswith("callback failed") or record.name == "dashboard.security":
            self.records.append(record)

    def since(self, start: int) -> list[str]:
        """New exceptions since ``start``, each as 'Type: message at file:line' (the project's deepest frame)."""
        import traceback
        from pathlib import Path

        root = str(Path(__file__).resolve().parents[2])
        out = []
        for rec in self.records[start:]:
            if not rec.exc_info:
                out.append(rec.getMessage())
                continue
            frames = [f for f in traceback.extract_tb(rec.exc_info[2]) if f.filename.startswith(root) and "/.venv/" not in f.filename]
            where = f" at {frames[-1].filename[len(root) + 1 :]}:{frames[-1].lineno}" if frames else ""
            out.append(f"{type(rec.exc_info[1]).__name__}: {str(rec.exc_info[1])[:120]}{where}")
        return out


@pytest.fixture()
def callback_errors():
    handler = CallbackErrors()
    targets = [logging.getLogger("dashboard.app"), logging.getLogger("dashboard.security")]
    for lg in targets:
        lg.addHandler(handler)
    yield handler
    for lg in targets:
        lg.removeHandler(handler)


@pytest.fixture(scope="session")
def known_values(store) -> list:
    """Real identifiers, so generated requests also reach the code paths behind valid ids."""
    vals = list(store.indicators)[:40] + list(store.instruments)[:20]
    vals += store.countries["iso3"].head(30).tolist() + ["female", "male", "total", "all", "en", "fr", "es"]
    vals += ["2000", "2015", "2019", "2020", "2023", "1900", "9999", "0", "-1", "2020Q3", "2021-01-01"]
    return vals


def garbage_text(huge_max: int = 60_000) -> st.SearchStrategy:
    nasty = st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "null",
            "None",
            "NaN",
            "-0",
            "1e309",
            "9" * 40,
            "../../etc/passwd",
            "%00",
            "%",
            "%%zz",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "{{7*7}}",
            "${jndi:x}",
            "\u202e",
            "😀",
            "\ud7ff",
            "a" * 3000,
            "/",
            "//",
            "?",
            "&",
            "=",
            "#",
            ";",
            ",",
            "\\",
            "\n\r",
            "__proto__",
            "constructor",
            "[]",
            "{}",
        ]
    )
    huge = st.builds(lambda ch, n: ch * n, st.characters(codec="utf-8"), st.integers(min(500, huge_max // 2), huge_max))
    short = st.text(max_size=30)
    return st.one_of(nasty, short, short, short, huge)


def json_values(known: list) -> st.SearchStrategy:
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=True, allow_infinity=True),
        garbage_text(),
        st.sampled_from(known),
    )
    return st.recursive(scalars, lambda c: st.lists(c, max_size=6) | st.dictionaries(st.text(max_size=12), c, max_size=6), max_leaves=25)


def post_json(client, path: str, body) -> object:
    return client.post(path, data=json.dumps(body, allow_nan=True), content_type="application/json")


RULE_ARG = re.compile(r"<(?:(?P<conv>[^:<>]+):)?(?P<name>[^<>]+)>")
