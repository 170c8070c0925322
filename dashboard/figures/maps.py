"""World maps on the UN-boundary topology (served from /assets, never a CDN).

The map has a fixed layout of four traces, so a change of year only needs new values:

0. "No data": grey choropleth of the countries with a 110m shape and no value (legend entry); its
   locations are those of trace 1 where ``z`` is null, rebuilt from the values on a year change
   (``no_data_rows``). Drawing it under the valued countries too would double the shapes drawn.
1. values: choropleth over every country with a 110m shape, ``z`` = value or null (null = not drawn)
2. "No data" markers for small states without a 110m shape (static)
3. value markers for the same small states, ``marker.color`` = value or null (null = not drawn)
4. the map's areas that are no country of the table (e.g. Aksai Chin), in the land colour, no hover: with
   them the map needs no land layer under the countries (``showland``), 11.6k of its 27.5k points, about
   half of the path work of a first draw (``map_areas``; without it the land layer is drawn as before)

Country names travel once, in the static ``text`` of the full figure. A year change sends
``map_update`` (values in the compact encoding of ``compact.py``, the year, where each value is
from); the browser rebuilds the arrays and hover lines with ``applier_constants``, which the full
figure carries in ``layout.meta`` (``applyMapValues`` in assets/explore.js).
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from ..cache import per_frame
from .compact import encode_ints, encode_numbers
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
NO_DATA_TRACE, VALUE_TRACE, MARKER_TRACE = 0, 1, 3
SEPARATORS = {"en": ".,", "fr": ", ", "es": ", "}


def _geometry(countries: pd.DataFrame) -> tuple[tuple[str, ...], tuple[str, ...], dict]:
    shaped = countries[countries["has_shape_110m"]]["iso3"].tolist()
    dotted = countries[~countries["has_shape_110m"] & countries["lon"].notna() & countries["lat"].notna()]["iso3"].tolist()
    return tuple(shaped), tuple(dotted), dict(zip(countries["iso3"], countries["lat"].round(2)))


def map_geometry(countries: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Fixed order of (shaped countries, small states drawn as markers); computed once per country table."""
    shaped, dotted, _lat = per_frame(countries, "map_geometry", lambda: _geometry(countries))
    return list(shaped), list(dotted)


def _clean(x, decimals: int):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    r = round(float(x), decimals)  # the hover shows `decimals` digits; more would only cost bytes
    return int(r) if r == int(r) and abs(r) < 1e15 else r


def _by_country(values: pd.DataFrame, indicator: dict, obs_labels: dict) -> tuple[dict, dict]:
    """(value by country, rounded to the indicator's decimals; (year, observation type) of each value)."""
    decimals = int(indicator.get("decimals", 1))
    v = values.set_index("geo_code")
    val = {k: _clean(x, decimals) for k, x in v["value"].items()}
    source = {k: (int(y), obs_labels.get(t, t)) for k, y, t in zip(v.index, v["year"], v["obs_type"])}
    return val, source


def hover_label(year: int, obs_type: str) -> str:
    """The hover line saying where a value is from (assets/explore.js builds the same text)."""
    return f"{year} · {obs_type}"


def map_arrays(values: pd.DataFrame, countries: pd.DataFrame, indicator: dict, year: int, obs_labels: dict | None = None) -> dict:
    """The per-year part of the map: values in the fixed country order, and how to hover them.

    ``values``: geo_code, value, year (the year the value is from), obs_type.
    Returns z (shaped), colour (small states), a hover line and, only when it differs between
    countries (older values shown, or mixed observation types), a per-country hover line.
    """
    shaped, dotted, lat = per_frame(countries, "map_geometry", lambda: _geometry(countries))
    val, source = _by_country(values, indicator, obs_labels or {})
    labels = {k: hover_label(*s) for k, s in source.items()}
    uniform = len(set(labels.values())) <= 1
    line = next(iter(labels.values()), f"{year}")
    out = {
        "z": [val.get(i) for i in shaped],
        "colour": [val.get(i) for i in dotted],
        # small states without a value get no latitude, so their value marker is neither drawn nor hoverable
        "lat": [lat.get(i) if val.get(i) is not None else None for i in dotted],
        "hover_line": line if uniform else None,
        "custom_z": None if uniform else [labels.get(i, "") for i in shaped],
        "custom_colour": None if uniform else [labels.get(i, "") for i in dotted],
    }
    return out


def no_data_rows(z: list) -> list[int]:
    """Rows of the value trace with no value: where the "No data" trace draws (as applyMapValues does)."""
    return [k for k, v in enumerate(z) if v is None]


def map_update(values: pd.DataFrame, countries: pd.DataFrame, indicator: dict, year: int, obs_labels: dict | None = None) -> dict:
    """``map_arrays`` in the form a year change sends, for the browser to rebuild them.

    ``y``: the year; ``z`` / ``c``: the values of trace 1 / trace 3 (compact encoding, with the
    indicator's decimals); ``t``: the observation types named; ``l``: the distinct (year, index in
    ``t``) each value is from; ``i`` (only when ``l`` has more than one): per country, shaped then
    small states, the index in ``l`` of its value's label (missing = no value).
    Raises ValueError when a value cannot be encoded exactly (then send the full figure).
    """
    decimals = int(indicator.get("decimals", 1))
    shaped, dotted, _lat = per_frame(countries, "map_geometry", lambda: _geometry(countries))
    val, source = _by_country(values, indicator, obs_labels or {})
    sources = list(dict.fromkeys(source.values()))
    types = list(dict.fromkeys(t for _y, t in sources))
    out = {
        "y": year,
        "z": encode_numbers([val.get(i) for i in shaped], decimals),
        "c": encode_numbers([val.get(i) for i in dotted], decimals),
        "t": types,
        "l": [[y, types.index(t)] for y, t in sources],
    }
    if len(sources) > 1:
        index = {s: n for n, s in enumerate(sources)}
        out["i"] = encode_ints([index[source[i]] if i in source else None for i in (*shaped, *dotted)])
    return out


def hover_parts(indicator: dict) -> tuple[tuple[str, str], tuple[str, str]]:
    """(choropleth, marker) hover text before and after the line saying where the value is from."""
    unit = indicator.get("unit_short") or indicator.get("unit", "")
    fmt = f",.{int(indicator.get('decimals', 1))}f"
    z, marker = (f"<b>%{{text}}</b><br>%{{{v}:{fmt}}} {unit}<br>" for v in ("z", "marker.color"))
    return (z, "<extra></extra>"), (marker, "<extra></extra>")


def hovertemplates(indicator: dict, arrays: dict) -> tuple[str, str]:
    """(choropleth, marker) hover: name, value with unit, the year the value is from and its type."""
    line = "%{customdata}" if arrays["hover_line"] is None else arrays["hover_line"]
    (z_head, z_tail), (c_head, c_tail) = hover_parts(indicator)
    return z_head + line + z_tail, c_head + line + c_tail


def applier_constants(indicator: dict, countries: pd.DataFrame) -> dict:
    """What the browser needs, besides a ``map_update``, to patch the map as the full figure draws it:
    the traces (values, value markers, "No data"), the decimals, the hover text around the line, the
    small states' latitudes."""
    _shaped, dotted, lat = per_frame(countries, "map_geometry", lambda: _geometry(countries))
    return {
        "traces": [VALUE_TRACE, MARKER_TRACE, NO_DATA_TRACE],
        "decimals": int(indicator.get("decimals", 1)),
        "hover": [list(p) for p in hover_parts(indicator)],
        "lat": [lat.get(i) for i in dotted],
    }


def indicator_map(
    values: pd.DataFrame,
    countries: pd.DataFrame,
    indicator: dict,
    year: int,
    subtitle: str,
    names: dict[str, str] | None = None,
    colour_range: tuple[float, float, bool] | None = None,
    no_data_label: str = "No data",
    obs_labels: dict | None = None,
    lang: str = "en",
    map_areas: tuple[str, ...] | None = None,
) -> go.Figure:
    """Choropleth of one indicator-year; small states as markers; 'No data' grey with a legend entry.
    ``map_areas``: the ids of the topology's country layer (``dashboard.data.map_area_ids``)."""
    names = names or {}
    unit = indicator.get("unit_short") or indicator.get("unit", "")
    shaped, dotted = map_geometry(countries)
    pts = countries.set_index("iso3")
    arrays = map_arrays(values, countries, indicator, year, obs_labels)
    hover_z, hover_dot = hovertemplates(indicator, arrays)
    no_data_hover = "<b>%{text}</b><br>" + no_data_label + "<extra></extra>"
    shaped_names = [names.get(i, i) for i in shaped]
    dotted_names = [names.get(i, i) for i in dotted]

    missing = no_data_rows(arrays["z"])
    fig = go.Figure()
    fig.add_trace(
        go.Choropleth(
            locations=[shaped[k] for k in missing],
            z=[0] * len(missing),
            locationmode="ISO-3",
            text=[shaped_names[k] for k in missing],
            colorscale=[[0, NO_DATA], [1, NO_DATA]],
            showscale=False,
            name=no_data_label,
            showlegend=True,
            marker_line_color=NO_DATA_BORDER,
            marker_line_width=0.4,
            hovertemplate=no_data_hover,
        )
    )
    fig.add_trace(
        go.Choropleth(
            locations=shaped,
            z=arrays["z"],
            locationmode="ISO-3",
            text=shaped_names,
            customdata=arrays["custom_z"],
            coloraxis="coloraxis",
            marker_line_color="white",
            marker_line_width=0.4,
            name=indicator.get("title", ""),
            showlegend=False,
            hovertemplate=hover_z,
        )
    )
    fig.add_trace(
        go.Scattergeo(
            lon=pts.loc[dotted, "lon"].tolist(),
            lat=pts.loc[dotted, "lat"].tolist(),
            text=dotted_names,
            mode="markers",
            showlegend=False,
            name=no_data_label,
            hovertemplate=no_data_hover,
            marker={"size": 7, "color": NO_DATA, "line": {"color": NO_DATA_BORDER, "width": 0.8}},
        )
    )
    fig.add_trace(
        go.Scattergeo(
            lon=pts.loc[dotted, "lon"].tolist(),
            lat=[math.nan if y is None else y for y in arrays["lat"]],
            text=dotted_names,
            mode="markers",
            customdata=arrays["custom_colour"],
            showlegend=False,
            name=indicator.get("title", ""),
            hovertemplate=hover_dot,
            marker={
                "size": 8,
                "color": [math.nan if c is None else c for c in arrays["colour"]],
                "coloraxis": "coloraxis",
                "line": {"color": "#333", "width": 0.8},
            },
        )
    )
    geo = GEO
    if map_areas:
        drawn = set(shaped)
        areas = [a for a in map_areas if a not in drawn]
        fig.add_trace(
            go.Choropleth(
                locations=areas,
                z=[0] * len(areas),
                locationmode="ISO-3",
                colorscale=[[0, GEO["landcolor"]], [1, GEO["landcolor"]]],
                showscale=False,
                showlegend=False,
                hoverinfo="skip",
                marker_line_color="white",
                marker_line_width=0.4,
            )
        )
        geo = {**GEO, "showland": False}
    diverging = indicator.get("scale") == "diverging"
    cmin, cmax, capped = colour_range or (None, None, False)
    decimals = int(indicator.get("decimals", 1))
    colorbar_title = unit + (f"<br><span style='font-size:0.85em'>darkest: ≥ {cmax:,.{decimals}f}</span>" if capped else "")
    coloraxis = {
        "colorscale": DIVERGING if diverging else SEQUENTIAL,
        "colorbar": {"title": {"text": colorbar_title}, "thickness": 12, "len": 0.7, "x": 1.0},
    }
    if diverging:
        coloraxis["cmid"] = 0
    elif cmin is not None:
        coloraxis.update(cmin=cmin, cmax=cmax)
    fig.update_layout(
        coloraxis=coloraxis,
        geo=geo,
        legend={"orientation": "h", "x": 1.0, "xanchor": "right", "y": 0.06, "bgcolor": "rgba(255,255,255,0.7)"},
        dragmode=False,
        separators=SEPARATORS.get(lang, ".,"),
        uirevision=indicator.get("id", "map"),
    )
    return base_layout(fig, indicator.get("title", ""), subtitle, source_text(indicator), disclaimer=True)
