"""Small trend charts for country profiles: a few lines over time, each told apart by
colour *and* line dash and marker (never colour alone), with any target drawn as a labelled line.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .style import CATEGORICAL, base_layout

DASHES = ["solid", "dash", "dot", "dashdot"]
SYMBOLS = ["circle", "square", "diamond", "triangle-up"]


def small_trend(
    frame: pd.DataFrame,
    lines: list[tuple[tuple, str]],
    title: str,
    subtitle: str | None,
    source: str,
    reference_lines: list[tuple[float, str]] | None = None,
    decimals: int = 1,
    scale: float = 1.0,
) -> go.Figure:
    """One line per ``(indicator_id, sex, age, breakdown)`` key, labelled ``label``.

    ``frame``: long, as ``profiles.trend`` returns it. ``scale`` divides values (e.g. 1e6 for US$ million).
    Years with no value stay gaps (no interpolation across missing years).
    """
    fig = go.Figure()
    for i, (key, label) in enumerate(lines):
        ind, sex, age, bd = key
        s = frame[(frame["indicator_id"] == ind) & (frame["sex"] == sex) & (frame["age"] == age) & (frame["breakdown"] == bd)].sort_values("year")
        if s.empty:
            continue
        years = s["year"].astype(int).tolist()
        # Gaps stay gaps at the series' own step (annual series: a missing year breaks the line;
        # 5-year estimates are joined from one estimate to the next).
        step = min((b - a for a, b in zip(years, years[1:])), default=1)
        full = list(range(min(years), max(years) + 1, step)) if all((y - years[0]) % step == 0 for y in years) else years
        by_year = dict(zip(years, (s["value"] / scale).round(decimals + 2).tolist()))
        fig.add_trace(
            go.Scatter(
                x=full,
                y=[by_year.get(y) for y in full],
                name=label,
                mode="lines+markers",
                connectgaps=False,
                line={"color": CATEGORICAL[i % len(CATEGORICAL)], "dash": DASHES[i % len(DASHES)], "width": 2},
                marker={"symbol": SYMBOLS[i % len(SYMBOLS)], "size": 6},
                hovertemplate=f"{label}<br>%{{x}}: %{{y:,.{decimals}f}}<extra></extra>",
            )
        )
    for value, text in reference_lines or []:
        fig.add_hline(
            y=value,
            line={"color": "#444", "dash": "dot", "width": 1},
            annotation={"text": text, "font": {"size": 10, "color": "#444"}, "xanchor": "left", "x": 0},
        )
    base_layout(fig, title, subtitle, source)
    fig.update_layout(
        height=300,
        legend={"orientation": "h", "y": 1.02, "x": 0, "yanchor": "bottom", "font": {"size": 11}},
        hovermode="x unified",
    )
    fig.update_xaxes(showgrid=False, tickformat="d", ticks="outside")
    fig.update_yaxes(gridcolor="#e5e5e5", rangemode="tozero", tickformat=f",.{min(decimals, 1)}f")
    # base_layout added the source line last; move it below the year labels.
    fig.layout.annotations[-1].update(yshift=-28)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 100, "b": 62}, title={"y": 0.97, "yanchor": "top"})
    return fig
