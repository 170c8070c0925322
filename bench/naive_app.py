"""Baseline for the benchmarks: the same map, built the way a first Dash prototype would be.

Plotly Express choropleth with the country shapes embedded as GeoJSON in every figure (the
usual way to avoid plotly's CDN topology), figure rebuilt on every callback, no caching, no
compression, Dash's default plotly.js loading, default cache headers. Served by plain gunicorn
(``gunicorn bench.naive_app:server``) so that only the app differs, not the server.

It reads the same ``data/`` and ``assets/world_110m.json`` as the real app.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import plotly.express as px
from dash import Dash, Input, Output, dcc, html

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("DATA_DIR") or ROOT / "data")
INDICATOR = os.environ.get("NAIVE_INDICATOR", "ipv_last_12m")


def topojson_to_geojson(topo: dict, layer: str) -> dict:
    """Decode one TopoJSON layer (quantized, delta-encoded arcs) into a GeoJSON FeatureCollection."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append([round(x * sx + tx, 6), round(y * sy + ty, 6)])
        arcs.append(pts)

    def ring(indices):
        out = []
        for i in indices:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    features = []
    for g in topo["objects"][layer]["geometries"]:
        if g["type"] == "Polygon":
            geom = {"type": "Polygon", "coordinates": [ring(r) for r in g["arcs"]]}
        elif g["type"] == "MultiPolygon":
            geom = {"type": "MultiPolygon", "coordinates": [[ring(r) for r in p] for p in g["arcs"]]}
        else:
            continue
        features.append({"type": "Feature", "id": g.get("id"), "properties": g.get("properties") or {}, "geometry": geom})
    return {"type": "FeatureCollection", "features": features}


GEOJSON = topojson_to_geojson(json.loads((ROOT / "assets" / "world_110m.json").read_text()), "countries")
OBS = pd.read_parquet(DATA / "observations.parquet")
COUNTRIES = pd.read_parquet(DATA / "countries.parquet")


def frame(indicator: str) -> pd.DataFrame:
    df = OBS[(OBS["indicator_id"] == indicator) & (OBS["geo_type"] == "country")]
    return df


def figure(indicator: str, year: int | None):
    df = frame(indicator)
    if year is None:
        year = int(df["year"].max())
    df = df[df["year"] == year].drop_duplicates("geo_code", keep="last").merge(COUNTRIES[["iso3", "name_en"]], left_on="geo_code", right_on="iso3")
    fig = px.choropleth(
        df,
        geojson=GEOJSON,
        locations="geo_code",
        color="value",
        hover_name="name_en",
        hover_data={"year": True, "obs_type": True, "geo_code": False},
        projection="natural earth",
        color_continuous_scale="Viridis_r",
        title=f"{indicator} {year}",
    )
    # visible=False: no base map, so plotly.js fetches no topology from its CDN; shapes come from GEOJSON.
    fig.update_geos(visible=False, lataxis_range=[-57, 84])
    return fig


# The topology file is served from the same assets folder (plotly.js fetches it even when the
# shapes come from GeoJSON); nothing in it is auto-included in the page.
app = Dash(__name__, assets_folder=str(ROOT / "assets"), assets_ignore=r".*")
server = app.server
_years = sorted(int(y) for y in frame(INDICATOR)["year"].unique())
app.layout = html.Div(
    [
        html.H1("Explore indicators (naive baseline)"),
        dcc.Dropdown(id="indicator", options=sorted(OBS["indicator_id"].unique()), value=INDICATOR),
        dcc.Graph(id="map", style={"height": "520px"}, config={"topojsonURL": "/assets/"}),
        dcc.Slider(id="year", min=_years[0], max=_years[-1], step=None, value=_years[-1], marks={y: str(y) for y in _years}),
    ]
)


@app.callback(Output("map", "figure"), Input("indicator", "value"), Input("year", "value"))
def update(indicator, year):
    years = sorted(int(y) for y in frame(indicator)["year"].unique())
    return figure(indicator, year if year in years else (years[-1] if years else None))


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "8051")), debug=False)
