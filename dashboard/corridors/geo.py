"""Corridor geometry: great-circle lines between the countries' representative points (geopandas).

Pure: frames in, a GeoDataFrame out. Points come from the ``countries`` table (``lon``/``lat``,
one representative point per country, small states included). Lines are densified along the
great circle (WGS84 geodesic, via the GeoSeries' CRS ellipsoid) so that they bend the way
the money travels on any map projection, and carry their geodesic length in km.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from pyproj import Geod
from shapely.geometry import LineString, Point

CRS = "EPSG:4326"
_GEOD = Geod(ellps="WGS84")


def country_points(countries: pd.DataFrame) -> gpd.GeoSeries:
    """Representative point per ISO3 (countries without coordinates are left out)."""
    c = countries[countries["lon"].notna() & countries["lat"].notna()]
    return gpd.GeoSeries(gpd.points_from_xy(c["lon"], c["lat"]), index=pd.Index(c["iso3"], name="iso3"), crs=CRS)


def _great_circle(a: Point, b: Point, segments: int) -> LineString:
    inner = _GEOD.npts(a.x, a.y, b.x, b.y, max(segments - 1, 0))
    return LineString([(a.x, a.y), *inner, (b.x, b.y)])


def flow_lines(flows: pd.DataFrame, countries: pd.DataFrame, segments: int = 24) -> gpd.GeoDataFrame:
    """One great-circle line per corridor in ``flows`` (``origin_iso3, destination_iso3`` + any columns).

    Corridors whose ends have no point are dropped (listed in ``attrs['unplaced']``);
    a corridor from a country to itself has no line and is dropped too.
    Adds ``length_km`` (geodesic, WGS84).
    """
    pts = country_points(countries)
    placed = flows["origin_iso3"].isin(pts.index) & flows["destination_iso3"].isin(pts.index) & (flows["origin_iso3"] != flows["destination_iso3"])
    kept = flows[placed].reset_index(drop=True)
    geoms = [_great_circle(pts[o], pts[d], segments) for o, d in zip(kept["origin_iso3"], kept["destination_iso3"])]
    gdf = gpd.GeoDataFrame(kept, geometry=gpd.GeoSeries(geoms, crs=CRS))
    gdf["length_km"] = [(_GEOD.geometry_length(g) / 1000.0) for g in gdf.geometry] if len(gdf) else pd.Series(dtype="float64")
    gdf.attrs["unplaced"] = flows.loc[~placed, ["origin_iso3", "destination_iso3"]].to_records(index=False).tolist()
    return gdf
