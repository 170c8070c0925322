"""dashboard.render: the publication frame (pure, no rendering) and the offline static export."""

from __future__ import annotations

import os
import struct

import plotly.graph_objects as go
import pytest
from lxml import etree

from dashboard.figures.style import UN_MAP_DISCLAIMER, base_layout
from dashboard.render import PRESETS, ImageMeta, export, publication_figure
from dashboard.render.frame import footer_lines, meta_from_figure

META = ImageMeta(
    title="Parties to C189",
    subtitle="States · 2024-12-31",
    source="Source: ILO NORMLEX (as of 2024-12)",
    citation="ILO, NORMLEX ratifications of C189.",
    licence="CC BY 4.0",
    permalink="https://example.org/ratifications?instrument=C189",
    is_map=True,
)


def page_map() -> go.Figure:
    fig = go.Figure(go.Choropleth(locations=["FRA", "BRA"], z=[1, 2], locationmode="ISO-3"))
    fig.update_layout(geo={"projection_type": "natural earth"})
    return base_layout(fig, "Parties to C189", "States · 2024-12-31", "Source: ILO NORMLEX (as of 2024-12)", disclaimer=True)


def page_chart() -> go.Figure:
    return base_layout(go.Figure(go.Bar(x=["A", "B"], y=[1, 2])), "Costs", "% of amount sent", "Source: World Bank RPW")


def annotation_texts(fig: go.Figure) -> str:
    return "\n".join(a.text for a in fig.layout.annotations)


def test_the_frame_carries_title_subtitle_source_citation_licence_disclaimer_and_permalink():
    out = publication_figure(page_map(), META, "article")
    assert "Parties to C189" in out.layout.title.text and "States · 2024-12-31" in out.layout.title.text
    footer = annotation_texts(out).replace("<br>", " ")
    for text in (
        "Source: ILO NORMLEX (as of 2024-12)",
        "ILO, NORMLEX ratifications of C189.",
        "CC BY 4.0",
        UN_MAP_DISCLAIMER,
        "https://example.org/ratifications?instrument=C189",
    ):
        assert text in footer
    assert (out.layout.width, out.layout.height) == PRESETS["article"]


def test_the_figures_own_footer_is_replaced_not_doubled_and_the_input_is_left_alone():
    page = page_map()
    out = publication_figure(page, meta_from_figure(page, permalink="https://example.org/x"), "social")
    assert annotation_texts(out).count("Source: ILO NORMLEX") == 1
    assert annotation_texts(out).count(UN_MAP_DISCLAIMER) == 1
    assert page.layout.width is None and "https://example.org/x" not in annotation_texts(page)


def test_meta_is_read_from_the_page_figure():
    meta = meta_from_figure(page_map(), citation="C", licence="L", permalink="P")
    assert (meta.title, meta.subtitle, meta.source) == ("Parties to C189", "States · 2024-12-31", "Source: ILO NORMLEX (as of 2024-12)")
    assert meta.is_map and (meta.citation, meta.licence, meta.permalink) == ("C", "L", "P")
    chart = meta_from_figure(page_chart())
    assert not chart.is_map and chart.title == "Costs"
    assert UN_MAP_DISCLAIMER not in annotation_texts(publication_figure(page_chart(), chart, "square"))


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_every_preset_sets_its_size(preset):
    out = publication_figure(page_chart(), meta_from_figure(page_chart()), preset)
    assert (out.layout.width, out.layout.height) == PRESETS[preset]


def test_long_citations_are_wrapped_inside_the_image():
    meta = ImageMeta(title="t", subtitle="", source="Source: x", citation="word " * 200)
    lines = footer_lines(meta, chars=100)
    assert len(lines) > 5 and all(len(line) <= 100 for line in lines)


def test_a_licence_already_in_the_source_line_is_not_repeated():
    meta = ImageMeta(title="t", subtitle="", source="Source: x. CC BY 4.0", licence="CC BY 4.0")
    assert not any(line.startswith("Licence:") for line in footer_lines(meta))


def test_unknown_preset_format_or_scale_is_refused():
    with pytest.raises(ValueError):
        publication_figure(page_chart(), META, "poster")
    for fmt, preset, scale in (("gif", "article", 1), ("svg", "poster", 1), ("png", "article", 3)):
        with pytest.raises(ValueError):
            export.render(page_chart(), fmt, preset, scale)


# -- offline by construction ---------------------------------------------------------------------------
def test_kaleido_loads_only_local_files():
    opts = export.kaleido_options()
    assert opts["mathjax"] is False
    assert os.path.isfile(opts["plotlyjs"]) and opts["plotlyjs"].endswith("assets/vendor/plotly-partial.min.js")
    assert export.TOPOJSON_URL.startswith("file:///")
    assert os.path.isfile(export.TOPOJSON_URL.removeprefix("file://") + "world_110m.json")


def test_chromium_starts_with_the_projects_flags_and_a_proxy_that_goes_nowhere():
    from choreographer.channels import Pipe

    from tests.browser.conftest import FLAGS

    opts = export.kaleido_options()
    browser = opts["browser_cls"](Pipe(), opts["path"], proxy_server=opts["proxy_server"])
    browser.pre_open()
    try:
        cli = list(browser.get_cli())
    finally:
        browser.clean()
    assert set(FLAGS) <= set(cli)
    assert "--proxy-server=127.0.0.1:9" in cli and "--headless" in cli


# -- rendering (launches Chromium once per process: few images) ------------------------------------------
@pytest.fixture(scope="module")
def chromium():
    if not os.path.exists(export.CHROMIUM):
        pytest.fail(f"Chromium not found at {export.CHROMIUM}: install Debian's chromium (.ci/run does)")
    yield
    export.stop()


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.browser
def test_a_map_renders_offline_as_svg_with_its_frame_even_with_a_dead_proxy(chromium, monkeypatch):
    # A request for plotly.js, MathJax or the topology from the network would fail here: the map would
    # have no countries (or the render would fail), so drawn country paths show everything came from disk.
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(var, "http://127.0.0.1:9")
    svg = export.render(publication_figure(page_map(), META, "square"), "svg", "square")
    root = etree.fromstring(svg)
    text = " ".join(root.itertext())
    assert "Parties to C189" in text and "Source: ILO NORMLEX" in text and "United Nations" in text
    assert (root.get("width"), root.get("height")) == ("1080", "1080")
    countries = root.xpath("//*[local-name()='g'][contains(@class, 'choroplethlocation')]|//*[local-name()='path'][contains(@class, 'choroplethlocation')]")
    assert len(countries) == 2


@pytest.mark.browser
def test_png_pixels_are_the_preset_times_the_scale(chromium):
    fig = publication_figure(page_chart(), meta_from_figure(page_chart()), "social")
    assert png_size(export.render(fig, "png", "social", 2)) == (2400, 1260)
