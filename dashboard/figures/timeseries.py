"""Indicator over time for a few countries and published aggregates (pure: frames in, figure out)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .style import CATEGORICAL, base_layout, source_text

SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "triangle-down", "star", "cross", "pentagon", "hexagon"]


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def indicator_timeseries(
    series: pd.DataFrame,
    indicator: dict,
    subtitle: str,
    names: dict[str, str] | None = None,
    order: list[str] | None = None,
    interval_label: str = "interval",
    footer_note: str | None = None,
    lang_separators: str = ".,",
) -> go.Figure:
    """One line per geo (countries solid, published aggregates dashed), bands for lower/upper.

    ``series``: geo_code, geo_type, year, value, lower, upper. ``order``: legend order (geo codes).
    Reference lines come from the catalog entry (``reference_lines``: [[value, label], ...]).
    Every series has its own colour *and* marker symbol, so colour is never the only cue.
    """
    names = names or {}
    unit = indicator.get("unit_short") or indicator.get("unit", "")
    fmt = f",.{int(indicator.get('decimals', 1))}f"
    codes = list(order or []) or list(dict.fromkeys(series["geo_code"]))
    codes = [c for c in codes if c in set(series["geo_code"])]
    fig = go.Figure()
    for rank, code in enumerate(codes):
        s = series[series["geo_code"] == code].sort_values("year")
        colour = CATEGORICAL[rank % len(CATEGORICAL)]
        aggregate = (s["geo_type"] != "country").any()
        name = names.get(code, code)
        band = s[s["lower"].notna() & s["upper"].notna()]
        has_band = not band.empty
        if len(band) > 1:
            fig.add_trace(
                go.Scatter(
                    x=band["year"].tolist() + band["year"].tolist()[::-1],
                    y=band["upper"].tolist() + band["lower"].tolist()[::-1],
                    fill="toself",
                    fillcolor=_rgba(colour, 0.18),
                    line={"width": 0},
                    hoverinfo="skip",
                    legendgroup=code,
                    showlegend=False,
                    name=f"{name} ({interval_label})",
                    mode="lines",
                )
            )
        hover = f"<b>{name}</b><br>%{{x}}: %{{y:{fmt}}} {unit}"
        custom = None
        if has_band:
            custom = list(zip(s["lower"].tolist(), s["upper"].tolist()))
            hover += f"<br>{interval_label}: %{{customdata[0]:{fmt}}} – %{{customdata[1]:{fmt}}}"
        err = None
        if len(band) == 1:
            err = {
                "type": "data",
                "symmetric": False,
                "array": (s["upper"] - s["value"]).tolist(),
                "arrayminus": (s["value"] - s["lower"]).tolist(),
                "color": colour,
            }
        fig.add_trace(
            go.Scatter(
                x=s["year"].tolist(),
                y=s["value"].tolist(),
                name=name,
                legendgroup=code,
                legendrank=rank + 1,
                mode="lines+markers",
                customdata=custom,
                hovertemplate=hover + "<extra></extra>",
                error_y=err,
                line={"color": colour, "width": 2.5 if not aggregate else 2, "dash": "dash" if aggregate else "solid"},
                marker={"symbol": SYMBOLS[rank % len(SYMBOLS)], "size": 7, "color": colour},
            )
        )
    for ref in indicator.get("reference_lines") or []:
        value, label = ref[0], ref[1]
        fig.add_hline(
            y=value,
            line={"color": "#444", "dash": "dot", "width": 1.2},
            annotation_text=label,
            annotation_position="top left",
            annotation_font={"size": 11, "color": "#333"},
        )
    years = series["year"]
    fig.update_layout(
        xaxis={"title": None, "tickformat": "d", "dtick": 1 if len(years) and years.max() - years.min() <= 10 else None, "showgrid": False},
        yaxis={"title": {"text": unit}, "tickformat": ",", "gridcolor": "#e5e5e5", "rangemode": "tozero"},
        legend={"orientation": "v", "x": 1.01, "y": 1, "traceorder": "normal"},
        hovermode="closest",
        separators=lang_separators,
    )
    source = source_text(indicator) + (f"<br>{footer_note}" if footer_note else "")
    fig = base_layout(fig, indicator.get("title", ""), subtitle, source)
    # Below the year tick labels, not on them.
    fig.layout.annotations[-1].update(yshift=-28)
    fig.update_layout(margin={"b": 95 if footer_note else 80})
    return fig
