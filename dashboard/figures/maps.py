"""World maps on the UN-boundary topology (served from /assets, never a CDN)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .style import DIVERGING, NO_DATA, NO_DATA_BORDER, SEQUENTIAL, base_layout, source_text

GEO = dict(
    projection_type="natural earth",
    showframe=False,
    showcoastlines=False,
    showcountries=False,
    showland=True,
    landcolor="#f2f2f2",
    showocean=False,
    lataxis_range=[-57, 84],
    resolution=110,
    scope="world",
    bgcolor="white",
)


def _hover(unit: str) -> str:
    return "<b>%{customdata[1]}</b><br>%{customdata[2]} " + unit + "<br>%{customdata[3]}<extra></extra>"


def indicator_map(
    values: pd.DataFrame,
    countries: pd.DataFrame,
    indicator: dict,
    year: int,
    subtitle: str,
    names: dict[str, str] | None = None,
) -> go.Figure:
    """Choropleth of one indicator-year; small states as markers; 'No data' grey with a legend entry.

    ``values``: geo_code, value, year, obs_type (one row per country).
    ``countries``: iso3, has_shape_110m, lon, lat.
    """
    names = names or {}
    unit = indicator.get("unit_short") or indicator.get("unit", "")
    decimals = int(indicator.get("decimals", 1))
    v = values.set_index("geo_code")
    has_value = countries["iso3"].isin(v.index)
    shaped = countries["has_shape_110m"]
    dotted = ~shaped & countries["lon"].notna()

    def rows(mask):
        c = countries[mask & has_value]
        vals = v.loc[c["iso3"]]
        custom = list(zip(
            c["iso3"],
            [names.get(i, i) for i in c["iso3"]],
            [f"{x:,.{decimals}f}" for x in vals["value"]],
            [f"{int(y)} · {t}" for y, t in zip(vals["year"], vals["obs_type"])],
        ))
        return c, vals["value"].round(decimals + 2).tolist(), custom

    def gaps(mask):
        c = countries[mask & ~has_value]
        return c, [(i, names.get(i, i), "No data", "") for i in c["iso3"]]

    fig = go.Figure()
    c_nd, custom_nd = gaps(shaped)
    fig.add_trace(go.Choropleth(
        locations=c_nd["iso3"].tolist(), z=[0] * len(c_nd), locationmode="ISO-3", customdata=custom_nd,
        colorscale=[[0, NO_DATA], [1, NO_DATA]], showscale=False, name="No data", showlegend=True,
        marker_line_color=NO_DATA_BORDER, marker_line_width=0.4, hovertemplate="<b>%{customdata[1]}</b><br>No data<extra></extra>",
    ))
    c_v, z, custom = rows(shaped)
    fig.add_trace(go.Choropleth(
        locations=c_v["iso3"].tolist(), z=z, locationmode="ISO-3", customdata=custom, coloraxis="coloraxis",
        marker_line_color="white", marker_line_width=0.4, name=indicator.get("title", ""), showlegend=False,
        hovertemplate=_hover(unit),
    ))
    s_v, sz, scustom = rows(dotted)
    fig.add_trace(go.Scattergeo(
        lon=s_v["lon"].tolist(), lat=s_v["lat"].tolist(), customdata=scustom, mode="markers", showlegend=False,
        marker={"size": 7, "color": sz, "coloraxis": "coloraxis", "line": {"color": "#333", "width": 0.6}},
        name="Small states", hovertemplate=_hover(unit),
    ))
    s_nd, scustom_nd = gaps(dotted)
    fig.add_trace(go.Scattergeo(
        lon=s_nd["lon"].tolist(), lat=s_nd["lat"].tolist(), customdata=scustom_nd, mode="markers", showlegend=False,
        marker={"size": 6, "color": NO_DATA, "line": {"color": NO_DATA_BORDER, "width": 0.6}},
        name="No data", hovertemplate="<b>%{customdata[1]}</b><br>No data<extra></extra>",
    ))
    diverging = indicator.get("scale") == "diverging"
    fig.update_layout(
        coloraxis={
            "colorscale": DIVERGING if diverging else SEQUENTIAL,
            "colorbar": {"title": {"text": unit}, "thickness": 12, "len": 0.7},
            **({"cmid": 0} if diverging else {}),
        },
        geo=GEO,
        legend={"orientation": "h", "x": 0.0, "y": 0.02, "bgcolor": "rgba(255,255,255,0.7)"},
        dragmode=False,
    )
    return base_layout(fig, indicator.get("title", ""), subtitle, source_text(indicator), disclaimer=True)
