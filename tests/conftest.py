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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status < 500:
                    return
        except Exception as exc:  # not up yet
            last = exc
        time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not come up: {last}")


def start_server(env_extra: dict | None = None, workers: int = 1) -> tuple[subprocess.Popen, str]:
    """gunicorn from the project's own config, on a free loopback port."""
    port = free_port()
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": str(workers), "LOG_LEVEL": "warning", **(env_extra or {})}
    # stderr to a file, not a pipe: nobody reads a pipe while the server runs, and once its 64 KiB
    # buffer is full (e.g. flask-caching logging a traceback per call during a Redis outage) every
    # worker blocks on its next log line.
    import tempfile

    err = tempfile.TemporaryFile()
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "app:server"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err)
    proc.log_file = err  # tests may read what the server logged
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(base + "/healthz")
    except RuntimeError:
        proc.kill()
        proc.wait()
        err.seek(0)
        raise RuntimeError(err.read().decode(errors="replace")[-3000:])
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
