"""The publication frame: a page's figure at a newsroom size, carrying everything a reader needs to cite it."""
from __future__ import annotations

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
    return (annotation.xref == "paper" and annotation.yref == "paper" and annotation.y == 0
            and annotation.yanchor == "top" and not annotation.showarrow)


def footer_lines(meta: ImageMeta) -> list[str]:
    lines = [meta.source]
    if meta.citation:
        lines.append(f"Cite as: {meta.citation}")
    if meta.licence:
        lines.append(f"Licence: {meta.licence}")
    if meta.is_map:
        lines.append(UN_MAP_DISCLAIMER)
    if meta.permalink:
        lines.append(meta.permalink)
    return [line for line in lines if line]


def publication_figure(fig: go.Figure, meta: ImageMeta, preset: str = "article") -> go.Figure:
    """A copy of ``fig`` sized to ``preset`` with the frame's title, subtitle and footer (source, citation,
    licence, disclaimer on maps, permalink). ``fig`` itself is left as it was."""
    if preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}; one of {', '.join(PRESETS)}")
    width, height = PRESETS[preset]
    out = go.Figure(fig)
    kept = [a for a in out.layout.annotations if not _is_footer(a)]
    lines = footer_lines(meta)
    footer_px = 14 * len(lines) + 16
    # A figure's own margin for its footer is replaced by the room the frame's footer takes.
    out.update_layout(
        annotations=kept,
        width=width, height=height, autosize=False,
        title={"text": title_html(meta.title, meta.subtitle), "x": 0.01, "xanchor": "left", "y": 0.98, "yanchor": "top"},
        margin={"l": 20, "r": 20, "t": 90, "b": footer_px + 10},
        paper_bgcolor="white",
    )
    out.add_annotation(
        text="<br>".join(lines), xref="paper", yref="paper", x=0, y=0, yshift=-10, xanchor="left", yanchor="top",
        showarrow=False, align="left", font={"size": 11, "color": "#444"},
    )
    return out
