"""Colours, fonts and the source/disclaimer annotations every exported image carries."""

from __future__ import annotations

import plotly.graph_objects as go

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
NO_DATA = "#d9d9d9"  # grey, distinct from every value colour
NO_DATA_BORDER = "#9e9e9e"
# Colour-blind-safe sequential (viridis reversed: light = low) and diverging scales.
SEQUENTIAL = "Viridis_r"
DIVERGING = "RdBu"
# Okabe-Ito, for categories (ratification status and the like).
CATEGORICAL = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
UN_MAP_DISCLAIMER = "Boundaries and names shown do not imply official endorsement or acceptance by the United Nations."


def base_layout(fig: go.Figure, title: str, subtitle: str | None, source: str, disclaimer: bool = False) -> go.Figure:
    """Title, unit/year subtitle and a source line inside the image, so an exported PNG/SVG stands alone."""
    footer = source + (("<br>" + UN_MAP_DISCLAIMER) if disclaimer else "")
    fig.update_layout(
        title={"text": title_html(title, subtitle), "x": 0.01, "xanchor": "left"},
        font={"family": FONT, "size": 13, "color": "#222"},
        margin={"l": 10, "r": 10, "t": 70, "b": 70 if disclaimer else 55},
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    fig.add_annotation(
        text=footer,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-8,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        align="left",
        font={"size": 10, "color": "#555"},
    )
    return fig


def title_html(title: str, subtitle: str | None) -> str:
    """The figure title as base_layout writes it (also used to patch it without rebuilding the figure)."""
    return f"<b>{title}</b>" + (f"<br><span style='font-size:0.8em'>{subtitle}</span>" if subtitle else "")


def source_text(indicator: dict) -> str:
    return f"Source: {indicator.get('publisher', '')} (data as of {indicator.get('as_of') or 'n/a'}). {indicator.get('licence', '')}"
