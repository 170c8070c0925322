"""The source table in docs/DATA.md matches the catalog's sources (so it cannot silently drift), and the
README points to it."""

import json
import re

from tests.conftest import DATA, ROOT

SOURCES_DOC = ROOT / "docs" / "DATA.md"
SOURCES_HEADING = "## Sources"


def _source_table_ids() -> list[str]:
    """Source ids in the first column of the table under the "## Sources" heading of docs/DATA.md."""
    text = SOURCES_DOC.read_text(encoding="utf-8")
    assert f"\n{SOURCES_HEADING}\n" in text, f"{SOURCES_DOC.name} has no '{SOURCES_HEADING}' section"
    section = text.split(f"\n{SOURCES_HEADING}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([^`]+)` \|", section, flags=re.MULTILINE)


def _catalog_source_ids() -> set[str]:
    catalog = json.loads((DATA / "catalog.json").read_text(encoding="utf-8"))
    return {s["id"] for s in catalog["sources"]}


def test_source_table_lists_every_catalog_source():
    missing = sorted(_catalog_source_ids() - set(_source_table_ids()))
    assert not missing, f"{SOURCES_DOC.name} Sources table lacks: {missing}"


def test_source_table_names_only_catalog_sources_once():
    ids = _source_table_ids()
    unknown = sorted(set(ids) - _catalog_source_ids())
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    assert not unknown, f"{SOURCES_DOC.name} Sources table names sources not in data/catalog.json: {unknown}"
    assert not repeated, f"{SOURCES_DOC.name} Sources table repeats: {repeated}"


def test_readme_points_to_the_source_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/DATA.md#sources)" in readme, "README should link to the full source list in docs/DATA.md#sources"
