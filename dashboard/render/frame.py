"""The publication frame: a page's figure at a newsroom size, carrying everything a reader needs to cite it."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

import plotly.graph_objects as go

from dashboard.figures.style import UN_MAP_DISCLAIMER, title_html

# (width, height) in CSS pixels; scale 2 doubles the PNG's pixels, not the layout.
PRESETS: dict[str, tuple[int, int]] = {
    "article": (1200, 800),
    "social": (1200, 630),
    "square": (1080, 1080),
}
SCALES = (1, 2)
AXIS_ROOM = 70  # px between the plot and the footer: tick labels, axis titles, a horizontal legend


@dataclass(frozen=True)
class ImageMeta:
    """What an image says about itself, besides the data: all text, already translated."""

    title: str
    subtitle: str  # unit, year, selection
    source: str  # publisher and as-of date
    citation: str = ""
    licence: str = ""
    permalink: str = ""  # the address that reopens the view on the page
    is_map: bool = False


def _is_footer(annotation) -> bool:
    """The source line ``figures.style.base_layout`` writes below the plot (the frame writes its own)."""
    return annotation.xref == "paper" and annotation.yref == "paper" and annotation.y == 0 and annotation.yanchor == "top" and not annotation.showarrow


_TITLE = re.compile(r"^<b>(?P<title>.*?)</b>(?:<br><span[^>]*>(?P<subtitle>.*)</span>)?$", re.S)
_MAP_TRACES = ("choropleth", "scattergeo")


def meta_from_figure(fig: go.Figure, citation: str = "", licence: str = "", permalink: str = "") -> ImageMeta:
    """The title, subtitle and source line a page's figure already carries (``figures.style.base_layout``),
    with what only the image adds: citation, licence and permalink."""
    title_text = fig.layout.title.text or ""
    m = _TITLE.match(title_text)
    title, subtitle = (m["title"], m["subtitle"] or "") if m else (title_text, "")
    footers = [a.text for a in fig.layout.annotations if _is_footer(a) and a.text]
    # the figure's footer ends with the disclaimer on maps; the frame adds it itself
    source = "<br>".join(footers).replace("<br>" + UN_MAP_DISCLAIMER, "").replace(UN_MAP_DISCLAIMER, "").strip()
    is_map = any(t.type in _MAP_TRACES for t in fig.data) or UN_MAP_DISCLAIMER in "".join(footers)
    return ImageMeta(title=title, subtitle=subtitle, source=source, citation=citation, licence=licence, permalink=permalink, is_map=is_map)


def _wrapped(text: str, chars: int) -> list[str]:
    """Plotly does not wrap text: long lines are broken here so that they stay inside the image."""
    out = []
    for line in text.split("<br>"):
        out.extend(textwrap.wrap(line, chars, break_long_words=True, break_on_hyphens=False) or [""])
    return out


def footer_lines(meta: ImageMeta, chars: int = 180) -> list[str]:
    parts = [meta.source]
    if meta.citation:
        parts.append(f"Cite as: {meta.citation}")
    if meta.licence and meta.licence not in meta.source:
        parts.append(f"Licence: {meta.licence}")
    if meta.is_map:
        parts.append(UN_MAP_DISCLAIMER)
    if meta.permalink:
        parts.append(meta.permalink)
    return [line for part in parts if part for line in _wrapped(part, chars)]


def publication_figure(fig: go.Figure, meta: ImageMeta, preset: str = "article") -> go.Figure:
    """A copy of ``fig`` sized to ``preset`` with the frame's title, subtitle and footer (source, citation,
    licence, disclaimer on maps, permalink). ``fig`` itself is left as it was."""
    if preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}; one of {', '.join(PRESETS)}")
    width, height = PRESETS[preset]
    out = go.Figure(fig)
    out.layout.annotations = [a for a in out.layout.annotations if not _is_footer(a)]  # update_layout would merge
    # about 6.3 px per character at 11 px; the footer starts where the plot does (up to ~100 px in, after a y axis)
    lines = footer_lines(meta, chars=int((width - 140) / 6.3))
    footer_px = 14 * len(lines) + 16
    # The footer sits at the bottom of the image, below the room the figure keeps for its axis labels and a
    # legend under the plot (AXIS_ROOM): annotations have no image coordinates, so it is shifted down from
    # the plot's bottom edge by the margin.
    out.update_layout(
        width=width,
        height=height,
        autosize=False,
        title={"text": title_html(meta.title, meta.subtitle), "x": 0.01, "xanchor": "left", "yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 18}},
        margin={"l": 20, "r": 20, "t": 90, "b": footer_px + AXIS_ROOM},
        paper_bgcolor="white",
    )
    legend = out.layout.legend
    if legend.y is not None and legend.y < 0:  # a legend under the plot: just below the tick labels, above the footer
        plot_px = height - 90 - footer_px - AXIS_ROOM
        out.update_layout(legend={"y": -28 / max(plot_px, 1), "yanchor": "top"})
    out.add_annotation(
        text="<br>".join(lines),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-(footer_px + AXIS_ROOM) + 8,
        xanchor="left",
        yanchor="bottom",
        showarrow=False,
        align="left",
        font={"size": 11, "color": "#444"},
    )
    return out
