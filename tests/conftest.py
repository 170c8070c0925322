"""Shared fixtures: paths, the committed data, and a live server on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FIXTURES = Path(__file__).parent / "fixtures"
RAW = Path(os.environ.get("RAW_DATA_DIR") or ROOT.parent / "shared" / "data" / "raw")

sys.path.insert(0, str(ROOT))

# Hypothesis, everywhere in the suite: the same examples on every run (derandomized), no example
# database written into the checkout, and no verdict from the clock (no per-example deadline, no
# "too slow" health check: a loaded machine must not fail a test).
from hypothesis import HealthCheck  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402

hypothesis_settings.register_profile(
    "suite",
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
hypothesis_settings.load_profile("suite")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 120, proc: subprocess.Popen | None = None) -> None:
    """Wait for a server to answer (generous: a shared, loaded machine starts servers slowly)."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with status {proc.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status < 500:
                    return
        except Exception as exc:  # not up yet
            last = exc
        time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not come up within {timeout} s: {last}")


def bound_socket() -> socket.socket:
    """A loopback socket bound to a free port (gunicorn calls listen() on it).

    The server inherits it (gunicorn's ``fd://``), so the port is ours from the moment it is picked:
    with several pytest-xdist workers starting servers at once, no other server can take it in between.
    """
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    return s


def start_server(env_extra: dict | None = None, workers: int = 1) -> tuple[subprocess.Popen, str]:
    """gunicorn from the project's own config, on a free loopback port it inherits already bound."""
    sock = bound_socket()
    port = sock.getsockname()[1]
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": str(workers), "LOG_LEVEL": "warning", **(env_extra or {})}
    # stderr to a file, not a pipe: nobody reads a pipe while the server runs, and once its 64 KiB
    # buffer is full (e.g. flask-caching logging a traceback per call during a Redis outage) every
    # worker blocks on its next log line.
    import tempfile

    err = tempfile.TemporaryFile()
    # --bind on the command line overrides gunicorn.conf.py's HOST:PORT bind.
    cmd = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"fd://{sock.fileno()}", "app:server"]
    try:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err, pass_fds=(sock.fileno(),))
    finally:
        sock.close()  # the server holds its own copy
    proc.log_file = err  # tests may read what the server logged
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(base + "/healthz", proc=proc)
    except RuntimeError as exc:
        proc.kill()
        proc.wait()
        err.seek(0)
        raise RuntimeError(f"{exc}\n{err.read().decode(errors='replace')[-3000:]}") from None
    return proc, base


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def live_server():
    proc, base = start_server()
    yield base
    stop_server(proc)


@pytest.fixture(scope="session")
def app():
    from dashboard.app import create_app

    return create_app()


@pytest.fixture()
def client(app):
    return app.server.test_client()


@pytest.fixture(scope="session")
def store():
    from dashboard.data import get_store

    return get_store(DATA)


# The request fuzzers (tests/fuzz) attach their per-endpoint tallies to their reports; they are
# printed here, on the process that writes the terminal (the controller under pytest-xdist).
_FUZZ_REPORTS: list[tuple[str, list[str]]] = []


def pytest_runtest_logreport(report):
    if report.when == "teardown":
        _FUZZ_REPORTS.extend((report.nodeid, lines) for key, lines in report.user_properties if key == "fuzz_report")


def pytest_terminal_summary(terminalreporter):
    if _FUZZ_REPORTS:
        terminalreporter.section("request fuzzing: responses per endpoint (4xx = rejected)")
        for nodeid, lines in sorted(_FUZZ_REPORTS):
            terminalreporter.write_line(nodeid)
            for line in lines:
                terminalreporter.write_line("  " + line)
