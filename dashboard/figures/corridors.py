"""Migration-cost corridor figures: remittance-price series, cost map, flow map and ranked flows.

Pure: frames in, ``go.Figure`` out (no Dash). Interface words come in through ``_`` (a
translator from ``dashboard.i18n``), so titles inside exported images follow the page language.
Lines are told apart by dash pattern and a direct label, not by colour alone.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .maps import GEO
from .style import CATEGORICAL, NO_DATA, NO_DATA_BORDER, SEQUENTIAL, base_layout, source_text

DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]
AGGREGATE_COLOUR = "#555555"
SENDING_COLOUR = "#000000"
REFERENCE_DASH = {0: "dash", 1: "dot"}


def quarter_start(period: str) -> pd.Timestamp:
    """'2020Q3' -> 2020-07-01 (the first day of the quarter); '2021' -> 2021-01-01."""
    p = str(period)
    if "Q" in p:
        year, q = p.split("Q")
        return pd.Timestamp(int(year), 3 * (int(q) - 1) + 1, 1)
    return pd.Timestamp(int(p[:4]), 1, 1)


def _wrap(text: str, width: int) -> str:
    """Break a long source line into lines of at most ``width`` characters (plotly does not wrap)."""
    import textwrap

    return "<br>".join(part for line in str(text).split("<br>") for part in (textwrap.wrap(line, width) or [""]))


def _cartesian_frame(fig: go.Figure, legend: bool = True, width: int = 150) -> go.Figure:
    """Legend above the plot, the source footer below the x axis (not on its tick labels), wrapped."""
    footer = fig.layout.annotations[-1]
    footer.text = _wrap(footer.text, width)
    n = footer.text.count("<br>") + 1
    footer.yshift = -42
    fig.update_layout(
        margin={"t": 110 if legend else 80, "b": 55 + 13 * n},
        title={"yref": "container", "y": 0.975, "yanchor": "top"},
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "xanchor": "left"},
    )
    return fig


def _empty(fig: go.Figure, message: str) -> go.Figure:
    fig.add_annotation(text=message, xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False, font={"size": 14, "color": "#555"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def cost_series_figure(
    series: list[tuple[str, pd.DataFrame]], indicator: dict, title: str, subtitle: str, _, aggregate: tuple[str, pd.DataFrame] | None = None
) -> go.Figure:
    """Cost over time for one or more corridors, with the indicator's reference lines (3 % target, 5 %).

    ``series``: (label, frame with ``period, value``) per corridor, the chosen corridor first.
    ``aggregate``: optional (label stating the method, frame with ``period, value``), drawn grey.
    """
    fig = go.Figure()
    unit = indicator.get("unit_short") or "%"
    decimals = int(indicator.get("decimals", 1))
    ymax = 0.0
    for i, (label, df) in enumerate(series):
        if df.empty:
            continue
        x = [quarter_start(p) for p in df["period"]]
        ymax = max(ymax, float(df["value"].max()))
        fig.add_trace(
            go.Scatter(
                x=x,
                y=df["value"].round(decimals + 2).tolist(),
                customdata=df["period"].tolist(),
                name=label,
                mode="lines+markers",
                line={"color": CATEGORICAL[i % len(CATEGORICAL)], "width": 3 if i == 0 else 2, "dash": DASHES[i % len(DASHES)]},
                marker={"size": 4},
                hovertemplate=f"<b>{label}</b><br>%{{customdata}}: %{{y:.{decimals}f}} {unit}<extra></extra>",
            )
        )
    if aggregate is not None and not aggregate[1].empty:
        label, df = aggregate
        ymax = max(ymax, float(df["value"].max()))
        fig.add_trace(
            go.Scatter(
                x=[quarter_start(p) for p in df["period"]],
                y=df["value"].round(decimals + 2).tolist(),
                customdata=df["period"].tolist(),
                name=label,
                mode="lines",
                line={"color": AGGREGATE_COLOUR, "width": 2, "dash": "dot"},
                hovertemplate=f"<b>{label}</b><br>%{{customdata}}: %{{y:.{decimals}f}} {unit}<extra></extra>",
            )
        )
    if not fig.data:
        _empty(fig, _("No remittance prices for this corridor"))
    else:
        for j, (value, text) in enumerate(indicator.get("reference_lines") or []):
            fig.add_hline(
                y=value,
                line={"color": "#333", "width": 1, "dash": REFERENCE_DASH.get(j, "dash")},
                annotation_text=text,
                annotation_position="top left",
                annotation_font={"size": 11, "color": "#333"},
            )
            ymax = max(ymax, float(value))
        fig.update_yaxes(title_text=indicator.get("unit", ""), rangemode="tozero", range=[0, ymax * 1.1 + 0.5], gridcolor="#eee", zeroline=False)
        fig.update_xaxes(gridcolor="#eee", hoverformat="%Y")
    fig.update_layout(hovermode="closest", showlegend=len(fig.data) > 0)
    fig = base_layout(fig, title, subtitle, source_text(indicator))
    return _cartesian_frame(fig, width=170)


def cost_map(
    latest: pd.DataFrame,
    countries: pd.DataFrame,
    focus: str,
    indicator: dict,
    title: str,
    subtitle: str,
    _,
    names: dict[str, str] | None = None,
    focus_is_sending: bool = True,
) -> go.Figure:
    """Latest cost of each corridor from one sending country (or into one receiving country), on a map.

    ``latest``: rows of ``corridor_queries.latest_corridor_costs(origin=focus)`` (or
    ``destination=focus`` with ``focus_is_sending=False``); each other end is coloured by its cost.
    Countries without a price survey are grey 'No price data'; the focus country is black,
    with its own legend entry.
    """
    names = names or {}
    decimals = int(indicator.get("decimals", 1))
    unit = indicator.get("unit_short") or "%"
    sending = focus
    v = latest.set_index("destination_iso3" if focus_is_sending else "origin_iso3")
    shaped = countries["has_shape_110m"]
    dotted = ~shaped & countries["lon"].notna()
    priced = countries["iso3"].isin(v.index)
    is_sending = countries["iso3"] == sending
    no_price = _("No price data")
    hover = "<b>%{customdata[1]}</b><br>%{customdata[2]} " + unit + " (%{customdata[3]})<extra></extra>"

    def custom(c):
        rows = v.loc[c["iso3"]]
        return list(zip(c["iso3"], [names.get(i, i) for i in c["iso3"]], [f"{x:.{decimals}f}" for x in rows["latest_value"]], rows["latest_period"]))

    fig = go.Figure()
    gap = countries[shaped & ~priced & ~is_sending]
    fig.add_trace(
        go.Choropleth(
            locations=gap["iso3"].tolist(),
            z=[0] * len(gap),
            locationmode="ISO-3",
            colorscale=[[0, NO_DATA], [1, NO_DATA]],
            showscale=False,
            name=no_price,
            showlegend=True,
            marker_line_color=NO_DATA_BORDER,
            marker_line_width=0.4,
            customdata=[names.get(i, i) for i in gap["iso3"]],
            hovertemplate="<b>%{customdata}</b><br>" + no_price + "<extra></extra>",
        )
    )
    c = countries[shaped & priced]
    fig.add_trace(
        go.Choropleth(
            locations=c["iso3"].tolist(),
            z=v.loc[c["iso3"], "latest_value"].round(decimals + 2).tolist(),
            locationmode="ISO-3",
            customdata=custom(c),
            coloraxis="coloraxis",
            marker_line_color="white",
            marker_line_width=0.4,
            showlegend=False,
            name=indicator.get("title", ""),
            hovertemplate=hover,
        )
    )
    s = countries[dotted & priced]
    fig.add_trace(
        go.Scattergeo(
            lon=s["lon"].tolist(),
            lat=s["lat"].tolist(),
            mode="markers",
            customdata=custom(s),
            showlegend=False,
            hovertemplate=hover,
            marker={
                "size": 8,
                "color": v.loc[s["iso3"], "latest_value"].round(decimals + 2).tolist(),
                "coloraxis": "coloraxis",
                "line": {"color": "#333", "width": 0.6},
            },
        )
    )
    home = countries[is_sending]
    if not home.empty:
        label = (
            _("Sending country: {name}", name=names.get(sending, sending))
            if focus_is_sending
            else _("Receiving country: {name}", name=names.get(sending, sending))
        )
        if bool(home["has_shape_110m"].iloc[0]):
            fig.add_trace(
                go.Choropleth(
                    locations=[sending],
                    z=[0],
                    locationmode="ISO-3",
                    colorscale=[[0, SENDING_COLOUR], [1, SENDING_COLOUR]],
                    showscale=False,
                    name=label,
                    showlegend=True,
                    marker_line_color="white",
                    marker_line_width=0.6,
                    hovertemplate=f"<b>{label}</b><extra></extra>",
                )
            )
        else:
            fig.add_trace(
                go.Scattergeo(
                    lon=home["lon"].tolist(),
                    lat=home["lat"].tolist(),
                    mode="markers",
                    name=label,
                    marker={"size": 10, "color": SENDING_COLOUR, "symbol": "star"},
                    hovertemplate=f"<b>{label}</b><extra></extra>",
                )
            )
    fig.update_layout(
        coloraxis={"colorscale": SEQUENTIAL, "colorbar": {"title": {"text": unit}, "thickness": 12, "len": 0.7}},
        geo=GEO,
        dragmode=False,
        legend={"orientation": "h", "x": 0.0, "y": 0.07, "bgcolor": "rgba(255,255,255,0.7)"},
    )
    return base_layout(fig, title, subtitle, source_text(indicator), disclaimer=True)


def flow_map(
    lines, countries: pd.DataFrame, highlight: tuple[str, str], indicator: dict, title: str, subtitle: str, _, names: dict[str, str] | None = None
) -> go.Figure:
    """Great-circle lines of the largest estimated corridors; width grows with the estimate.

    ``lines``: GeoDataFrame from ``corridor_geo.flow_lines`` with ``value`` (US$ million).
    The ``highlight`` corridor (sending, receiving) is drawn black and thicker.
    """
    names = names or {}
    unit = indicator.get("unit_short") or ""
    fig = go.Figure()
    if len(lines) == 0:
        _empty(fig, _("No estimated flows to draw"))
    vmax = float(lines["value"].max()) if len(lines) else 1.0
    for i, row in enumerate(lines.itertuples(index=False)):
        lon, lat = zip(*row.geometry.coords)
        chosen = (row.origin_iso3, row.destination_iso3) == tuple(highlight)
        label = f"{names.get(row.origin_iso3, row.origin_iso3)} → {names.get(row.destination_iso3, row.destination_iso3)}"
        text = f"<b>{label}</b><br>{row.value:,.0f} {unit}"
        fig.add_trace(
            go.Scattergeo(
                lon=list(lon),
                lat=list(lat),
                mode="lines",
                hoverinfo="text",
                text=[text] * len(lon),
                showlegend=False,
                name=label,
                line={"width": 1 + 9 * (row.value / vmax) ** 0.5, "color": SENDING_COLOUR if chosen else CATEGORICAL[0]},
                opacity=1.0 if chosen else 0.55,
            )
        )
    ends = sorted(set(lines["origin_iso3"]).union(lines["destination_iso3"])) if len(lines) else []
    pts = countries.set_index("iso3").loc[ends] if ends else countries.iloc[0:0]
    if len(pts):
        fig.add_trace(
            go.Scattergeo(
                lon=pts["lon"].tolist(),
                lat=pts["lat"].tolist(),
                mode="markers",
                showlegend=False,
                hoverinfo="text",
                text=[names.get(i, i) for i in pts.index],
                marker={"size": 5, "color": "#222"},
            )
        )
    geo = {**GEO, "showcountries": True, "countrycolor": "#ffffff", "landcolor": "#e6e6e6", "lataxis_range": [-58, 90]}
    fig.update_layout(geo=geo, dragmode=False)
    return base_layout(fig, title, subtitle, source_text(indicator), disclaimer=True)


def flow_bars(
    flows: pd.DataFrame, label_column: str, highlight: str | None, indicator: dict, title: str, subtitle: str, _, names: dict[str, str] | None = None
) -> go.Figure:
    """Ranked horizontal bars of estimated flows (largest on top); ``label_column`` names each bar."""
    names = names or {}
    unit = indicator.get("unit_short") or ""
    fig = go.Figure()
    if flows.empty:
        _empty(fig, _("No estimated flows"))
    else:
        df = flows.iloc[::-1]
        labels = [names.get(i, i) for i in df[label_column]]
        colours = [SENDING_COLOUR if i == highlight else CATEGORICAL[0] for i in df[label_column]]
        fig.add_trace(
            go.Bar(
                x=df["value"].round(1).tolist(),
                y=labels,
                orientation="h",
                marker_color=colours,
                text=[f"{x:,.0f}" for x in df["value"]],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="<b>%{y}</b><br>%{x:,.0f} " + unit + "<extra></extra>",
            )
        )
        fig.update_xaxes(gridcolor="#eee", range=[0, float(df["value"].max()) * 1.2])  # unit is in the subtitle
        fig.update_yaxes(automargin=True)
    fig.update_layout(showlegend=False, bargap=0.25)
    fig = base_layout(fig, title, subtitle, source_text(indicator))
    return _cartesian_frame(fig, legend=False, width=60)  # the footer starts after the bar labels


def country_series_figure(series: list[tuple[str, pd.DataFrame, dict]], title: str, subtitle: str, unit_label: str, _) -> go.Figure:
    """Yearly country totals from one or more publishers, one line each (``year, value``), same unit.

    Each series carries its catalog entry; the source line names every publisher shown.
    """
    fig = go.Figure()
    sources = []
    for i, (label, df, indicator) in enumerate(series):
        if df.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=df["year"].tolist(),
                y=df["value"].round(3).tolist(),
                name=label,
                mode="lines+markers",
                line={"color": CATEGORICAL[i % len(CATEGORICAL)], "dash": DASHES[i % len(DASHES)], "width": 2},
                marker={"size": 4},
                hovertemplate=f"<b>{label}</b><br>%{{x}}: %{{y:,.1f}} {unit_label}<extra></extra>",
            )
        )
        sources.append(source_text(indicator))
    if not fig.data:
        _empty(fig, _("No data for this country"))
    else:
        fig.update_yaxes(title_text=unit_label, gridcolor="#eee", rangemode="tozero")
        fig.update_xaxes(gridcolor="#eee")
    fig.update_layout(showlegend=len(fig.data) > 0)
    fig = base_layout(fig, title, subtitle, "<br>".join(dict.fromkeys(sources)) or "")
    return _cartesian_frame(fig, width=95)
