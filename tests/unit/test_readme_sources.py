"""The README's source table names every source in the catalog (so it cannot silently drift)."""
import json

from tests.conftest import DATA, ROOT


def test_readme_lists_every_catalog_source():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    catalog = json.loads((DATA / "catalog.json").read_text(encoding="utf-8"))
    missing = [s["id"] for s in catalog["sources"] if f"`{s['id']}`" not in readme]
    assert not missing, f"README Sources table lacks: {missing}"
