"""The router turns a missing data directory into one honest page for every route."""

import pytest

from dashboard import data as data_mod
from dashboard.data import DataError


@pytest.mark.parametrize("path", ["/", "/explore", "/about", "/ratifications", "/corridors", "/country/PHL"])
def test_data_unavailable_page_for_every_route(monkeypatch, path):
    from layouts.shell import render_page as render

    def no_data(*_a, **_k):
        raise DataError("no catalog.json")

    for mod in ("layouts.about", "layouts.corridors", "layouts.country", "layouts.explore", "layouts.home", "layouts.ratifications"):
        monkeypatch.setattr(f"{mod}.get_store", no_data)
    monkeypatch.setattr(data_mod, "get_store", no_data)
    page, _header, _footer = render(path, "")
    text = str(page)
    assert "The data is not available right now." in text
    assert "Traceback" not in text
