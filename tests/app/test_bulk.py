"""/api/v1/bulk.zip: every table of data/ as CSV and Parquet, the catalog, the build report, a README
naming every source with its licence, and checksums; the same bytes every time for the same data,
built once per machine into a file that every worker serves."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import multiprocessing
import os
import re
import shutil
import tracemalloc
import zipfile

import pandas as pd
import pytest

from dashboard.api import bulk
from dashboard.data import DataError
from dashboard.downloads import csv_with_header
from tests.conftest import DATA

TABLES = sorted(p.stem for p in DATA.glob("*.parquet"))


@pytest.fixture(scope="module", autouse=True)
def own_cache_dir(tmp_path_factory):
    """This module's archives in a folder of its own, not the machine's shared one."""
    saved = bulk.CACHE_DIR
    bulk.CACHE_DIR = tmp_path_factory.mktemp("bulk-cache") / "wmw-bulk"
    bulk._forget()
    yield bulk.CACHE_DIR
    bulk.CACHE_DIR = saved
    bulk._forget()


@pytest.fixture()
def fresh_cache_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(bulk, "CACHE_DIR", tmp_path / "wmw-bulk")
    bulk._forget()
    yield tmp_path / "wmw-bulk"
    bulk._forget()


@pytest.fixture(scope="module")
def response(app, own_cache_dir):
    r = app.server.test_client().get(bulk.BULK_PATH)
    assert r.status_code == 200 and r.mimetype == "application/zip"
    return r


@pytest.fixture(scope="module")
def members(response, store) -> dict[str, bytes]:
    """The archive's files, by name inside its one folder."""
    zf = zipfile.ZipFile(io.BytesIO(response.data))
    assert zf.testzip() is None  # every member's CRC checks
    folder = f"{bulk.STEM}-{store.version}/"
    names = zf.namelist()
    assert names and all(n.startswith(folder) for n in names), names
    return {n[len(folder) :]: zf.read(n) for n in names}


def test_the_data_has_tables_to_check():
    assert {"observations", "corridors", "ratification_events", "evidence", "countries"} <= set(TABLES)


def test_download_is_named_by_the_data_version(response, store):
    assert response.headers["Content-Disposition"] == f'attachment; filename="{bulk.STEM}-{store.version}.zip"'
    assert store.version in response.headers["ETag"]
    assert "Content-Encoding" not in response.headers  # already compressed; Range offsets must be the file's


@pytest.mark.parametrize("table", TABLES)
def test_every_table_is_there_as_the_committed_parquet_and_as_csv(members, table):
    parquet = (DATA / f"{table}.parquet").read_bytes()
    assert members[f"parquet/{table}.parquet"] == parquet
    expected = pd.read_parquet(io.BytesIO(parquet))
    text = members[f"csv/{table}.csv"].decode("utf-8")
    assert text.splitlines()[0] == ",".join(expected.columns)
    assert "\r" not in text
    # Text columns as text (M49 "004" stays "004"); an empty field is missing, nothing else is.
    dtypes = {c: (str if expected[c].dtype == object or pd.api.types.is_string_dtype(expected[c]) else expected[c].dtype.name) for c in expected.columns}
    got = pd.read_csv(io.StringIO(text), dtype=dtypes, keep_default_na=False, na_values=[""])
    assert list(got.columns) == list(expected.columns)
    assert len(got) == len(expected) > 0
    pd.testing.assert_frame_equal(got, expected, check_dtype=False, check_exact=True)


@pytest.mark.parametrize("table", TABLES)
def test_every_csv_has_the_bytes_of_the_download_writer(members, table):
    """The archive streams its CSVs; they must stay what dashboard.downloads writes for the whole table."""
    frame = pd.read_parquet(DATA / f"{table}.parquet")
    assert members[f"csv/{table}.csv"] == csv_with_header(frame, [], columns=list(frame.columns)).encode("utf-8")


def test_catalog_and_build_report_are_the_committed_files(members):
    assert members["catalog.json"] == (DATA / "catalog.json").read_bytes()
    assert members["build_report.json"] == (DATA / "build_report.json").read_bytes()


def test_nothing_else_is_in_the_archive(members):
    expected = {"README.md", "SHA256SUMS", "catalog.json", "build_report.json"}
    expected |= {f"parquet/{t}.parquet" for t in TABLES} | {f"csv/{t}.csv" for t in TABLES}
    assert set(members) == expected


def test_readme_names_every_source_with_its_licence_and_citation(members, store):
    readme = members["README.md"].decode("utf-8")
    sections = dict(re.findall(r"^### (\S+)\n(.*?)(?=^### |^## |\Z)", readme, flags=re.M | re.S))
    sources = store.catalog["sources"]
    assert len(sources) > 0 and set(sections) == {s["id"] for s in sources}
    for s in sources:
        assert f"- Licence: {' '.join(s['licence'].split())}\n" in sections[s["id"]], s["id"]
        assert f"- Citation: {' '.join(s['citation'].split())}\n" in sections[s["id"]], s["id"]
    assert store.version in readme and "/api/v1/openapi.json" in readme and "## How to cite" in readme
    for t in TABLES:
        assert f"`csv/{t}.csv`" in readme and f"`parquet/{t}.parquet`" in readme


def test_every_table_has_a_description_in_the_readme():
    assert set(bulk.TABLE_ROWS) == set(TABLES)


def test_checksums_match_the_files(members):
    lines = members["SHA256SUMS"].decode("ascii").splitlines()
    listed = dict(reversed(line.split("  ", 1)) for line in lines)
    assert set(listed) == set(members) - {"SHA256SUMS"}
    for name, digest in listed.items():
        assert hashlib.sha256(members[name]).hexdigest() == digest, name


def test_same_bytes_every_time(app, response):
    again = app.server.test_client().get(bulk.BULK_PATH)
    assert again.data == response.data and again.headers["ETag"] == response.headers["ETag"]
    rebuilt = io.BytesIO()  # bypasses the file on disk: the bytes come from the data alone
    assert bulk.write_archive(DATA, rebuilt) == json.loads((DATA / "catalog.json").read_bytes())["data_version"]
    assert rebuilt.getvalue() == response.data


def test_members_are_sorted_with_fixed_dates_and_the_checksums_last(response):
    """SHA256SUMS needs every other member's hash, so it is written after them."""
    infos = zipfile.ZipFile(io.BytesIO(response.data)).infolist()
    names = [i.filename for i in infos]
    assert names[-1].endswith("/SHA256SUMS") and names[:-1] == sorted(names[:-1])
    assert {i.date_time for i in infos} == {bulk.ZIP_DATE}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}


def test_no_csv_is_ever_whole_in_memory(members, tmp_path):
    """Peak Python allocations while building stay below the size of the largest CSV: the CSVs stream into
    their members (the old build held each one as text and as bytes at once, a peak of several times that)."""
    largest = max(len(data) for name, data in members.items() if name.endswith(".csv"))
    with open(tmp_path / "bulk.zip", "wb") as out:
        tracemalloc.start()
        try:
            bulk.write_archive(DATA, out)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert (tmp_path / "bulk.zip").read_bytes() == bulk.archive_file(DATA, members_version(members)).read_bytes()
    assert peak < largest, (peak, largest)


def members_version(members) -> str:
    return json.loads(members["catalog.json"])["data_version"]


def test_built_once_per_data_version(store):
    assert bulk.archive(store) is bulk.archive(store)
    assert bulk.archive(store).path.parent == bulk.CACHE_DIR


def test_the_file_is_named_by_data_version_and_builder(store, own_cache_dir):
    arc = bulk.archive(store)
    assert arc.path.name.startswith(f"{bulk.STEM}-{store.version}-") and arc.path.suffix == ".zip"
    assert arc.path.read_bytes()[:2] == b"PK" and arc.size == arc.path.stat().st_size
    assert not list(own_cache_dir.glob(".building-*"))


def _build_in_child(barrier, version: str) -> None:
    barrier.wait()
    bulk.archive_file(DATA, version)


def test_workers_starting_together_build_once(fresh_cache_dir, store, monkeypatch):
    """Several processes asking at the same moment: one builds, the others wait on the lock and find the file."""
    builds = fresh_cache_dir.parent / "builds"
    real = bulk.write_archive

    def counted(data_dir, out):
        with open(builds, "a") as f:
            f.write("build\n")
        return real(data_dir, out)

    monkeypatch.setattr(bulk, "write_archive", counted)
    ctx = multiprocessing.get_context("fork")  # the children inherit the counting builder
    barrier = ctx.Barrier(3)
    children = [ctx.Process(target=_build_in_child, args=(barrier, store.version)) for _ in range(3)]
    for c in children:
        c.start()
    for c in children:
        c.join(timeout=300)
    assert [c.exitcode for c in children] == [0, 0, 0]
    assert builds.read_text() == "build\n"
    assert [p.name for p in fresh_cache_dir.glob("*.zip")] == [bulk.archive_file(DATA, store.version).name]


def test_a_failed_build_leaves_nothing_behind(fresh_cache_dir, store, monkeypatch):
    def broken(data_dir, out):
        out.write(b"PK half an archive")
        raise DataError("cannot build the bulk download: the disk is full")

    monkeypatch.setattr(bulk, "write_archive", broken)
    with pytest.raises(DataError):
        bulk.archive_file(DATA, store.version)
    assert list(fresh_cache_dir.iterdir()) == [fresh_cache_dir / ".lock"]


def test_only_the_newest_archives_are_kept(fresh_cache_dir, store):
    fresh_cache_dir.mkdir()
    old = []
    for n in range(5):  # archives of earlier releases, oldest first
        p = fresh_cache_dir / f"{bulk.STEM}-old{n}-0.zip"
        p.write_bytes(b"PK")
        os.utime(p, (1_000_000 + n, 1_000_000 + n))
        old.append(p)
    (fresh_cache_dir / ".building-left-by-a-crash").write_bytes(b"PK")
    current = bulk.archive_file(DATA, store.version)
    kept = sorted(fresh_cache_dir.glob("*.zip"))
    assert kept == sorted([current, *old[-(bulk.KEEP_ARCHIVES - 1) :]])
    assert not list(fresh_cache_dir.glob(".building-*"))


def test_a_removed_file_is_built_again(fresh_cache_dir, app, response):
    client = app.server.test_client()
    first = client.get(bulk.BULK_PATH)
    for p in fresh_cache_dir.glob("*.zip"):
        p.unlink()
    again = client.get(bulk.BULK_PATH)
    assert first.status_code == again.status_code == 200 and again.data == first.data == response.data


def test_an_unusable_cache_folder_is_a_json_503(fresh_cache_dir, client):
    fresh_cache_dir.write_bytes(b"a file where the folder should be")
    r = client.get(bulk.BULK_PATH)
    assert r.status_code == 503 and r.get_json() == {"error": {"status": 503, "message": "The data is not available right now."}}


def test_digest_header_is_the_sha256_of_the_body(response):
    digest = base64.b64encode(hashlib.sha256(response.data).digest()).decode("ascii")
    assert response.headers["Repr-Digest"] == f"sha-256=:{digest}:"
    assert hashlib.sha256(response.data).hexdigest()[:16] in response.headers["ETag"]


def test_if_none_match_gives_304(client, response):
    r = client.get(bulk.BULK_PATH, headers={"If-None-Match": response.headers["ETag"]})
    assert r.status_code == 304 and r.data == b""
    r = client.get(bulk.BULK_PATH, headers={"If-None-Match": '"some-other-version"'})
    assert r.status_code == 200 and r.data == response.data


def test_head_gives_the_headers_without_the_body(client, response):
    r = client.head(bulk.BULK_PATH)
    assert r.status_code == 200 and r.data == b""
    assert int(r.headers["Content-Length"]) == len(response.data)
    assert r.headers["ETag"] == response.headers["ETag"]


def test_a_broken_download_can_be_resumed(client, response):
    r = client.get(bulk.BULK_PATH, headers={"Range": "bytes=1000-"})
    assert r.status_code == 206 and r.data == response.data[1000:]
    assert r.headers["Content-Range"] == f"bytes 1000-{len(response.data) - 1}/{len(response.data)}"


def test_listed_in_the_api_index(client):
    urls = [e.get("url", "") for e in client.get("/api/v1/").get_json()["endpoints"]]
    assert any(u.endswith(bulk.BULK_PATH) for u in urls)


def test_unreadable_data_is_a_clear_error(tmp_path):
    with pytest.raises(DataError, match=r"catalog\.json"):
        bulk.write_archive(tmp_path, io.BytesIO())
    shutil.copy(DATA / "catalog.json", tmp_path / "catalog.json")
    with pytest.raises(DataError, match="no tables"):
        bulk.write_archive(tmp_path, io.BytesIO())
    (tmp_path / "observations.parquet").write_bytes(b"not a parquet file")
    with pytest.raises(DataError, match="bulk download"):
        bulk.write_archive(tmp_path, io.BytesIO())


def test_data_unavailable_is_a_json_503(client, monkeypatch):
    def no_data():
        raise DataError("no data")

    monkeypatch.setattr(bulk, "get_store", no_data)
    r = client.get(bulk.BULK_PATH)
    assert r.status_code == 503 and r.get_json() == {"error": {"status": 503, "message": "The data is not available right now."}}


def test_catalog_json_inside_is_the_version_it_is_named_after(members, store):
    assert json.loads(members["catalog.json"])["data_version"] == store.version
