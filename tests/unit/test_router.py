"""The router turns a missing data directory into one honest page for every route."""
import pytest

from dashboard import data as data_mod
from dashboard.data import DataError


@pytest.mark.parametrize("path", ["/", "/explore", "/about", "/ratifications", "/corridors", "/country/PHL"])
def test_data_unavailable_page_for_every_route(monkeypatch, path):
    from callbacks.router import render

    def no_data(*_a, **_k):
        raise DataError("no catalog.json")

    for mod in ("layouts.about", "layouts.corridors", "layouts.country", "layouts.explore", "layouts.home", "layouts.ratifications"):
        monkeypatch.setattr(f"{mod}.get_store", no_data)
    monkeypatch.setattr(data_mod, "get_store", no_data)
    page, _header, _footer = render(path, "")
    text = str(page)
    assert "The data is not available right now." in text
    assert "Traceback" not in text


def test_the_first_page_is_not_rendered_twice():
    from dash import no_update

    from callbacks.router import page_key, route

    first = route("/about", "?lang=fr", page_key("/about", "?lang=fr"))
    assert first == (no_update, no_update, no_update, None)  # drawn with the layout; marker cleared
    # any other address (or the same one later, once the marker is cleared) renders
    for rendered in (None, page_key("/about", "?lang=fr")):
        page, header, footer, marker = route("/about", "?lang=es" if rendered else "?lang=fr", rendered)
        assert marker is None and page is not no_update and header is not no_update
