"""Map geometry for the country reference: the plotly UN 110m topology and 50m label points.

Kept apart from reference.py so the table logic and the geometry logic stay small.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import shapely

from ..errors import SourceError

COUNTRIES_LAYER = "countries"
DECIMALS = 4  # ~11 m at the equator; enough for a marker, stable across platforms


def _load_json(path: Path, rel: str) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise SourceError(rel, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise SourceError(rel, f"not valid JSON ({exc.msg}); truncated file?", row=exc.lineno) from exc
    if data.get("type") != "Topology" or COUNTRIES_LAYER not in data.get("objects", {}):
        raise SourceError(rel, f"not a TopoJSON topology with a {COUNTRIES_LAYER!r} object")
    return data


def _read_layer(path: Path, rel: str) -> gpd.GeoDataFrame:
    try:
        return gpd.read_file(path, layer=COUNTRIES_LAYER)
    except Exception as exc:  # GDAL raises its own types; report them as a source problem
        raise SourceError(rel, f"GDAL could not read the {COUNTRIES_LAYER!r} layer: {exc}") from exc


def _point(lon: float, lat: float) -> tuple[float, float]:
    return (round(float(lon), DECIMALS), round(float(lat), DECIMALS))


def un_world_110m(path: Path, rel: str) -> tuple[bytes, dict[str, tuple[float, float]]]:
    """The plotly UN ``world_110m`` topology as a minified asset, and each id's label point.

    plotly.js matches a location to the FIRST feature with that id, so a country split into
    several features (PSE: Gaza + West Bank; ECU, ESP, PRT: mainland + islands) would be only
    partly filled on a choropleth. We merge such features into one MultiPolygon (same arcs,
    nothing redrawn) whose ``ct`` label point is the one of its largest part.
    """
    topo = _load_json(path, rel)
    geoms = topo["objects"][COUNTRIES_LAYER].get("geometries", [])
    for i, g in enumerate(geoms):
        ct = g.get("properties", {}).get("ct")
        if not isinstance(g.get("id"), str) or not (isinstance(ct, list) and len(ct) == 2):
            raise SourceError(rel, f"{COUNTRIES_LAYER} feature #{i + 1} lacks a string id or a [lon, lat] 'ct' label point", column="id")
        if g.get("type") not in ("Polygon", "MultiPolygon"):
            raise SourceError(rel, f"{COUNTRIES_LAYER} feature {g['id']!r} is a {g.get('type')!r}, expected (Multi)Polygon", column="type")

    # Areas (planar, in degrees) only rank the parts of one country, so no projection is needed.
    layer = _read_layer(path, rel)
    if list(layer["id"]) != [g["id"] for g in geoms]:
        raise SourceError(rel, "GDAL read the countries in a different order or number than the JSON holds")
    areas = shapely.area(shapely.make_valid(layer.geometry.values))

    merged: dict[str, dict] = {}
    largest: dict[str, float] = {}
    out = []
    for g, area in zip(geoms, areas):
        if g["id"] not in merged:
            feature = {"type": g["type"], "id": g["id"], "properties": dict(g["properties"]), "arcs": g["arcs"]}
            merged[g["id"]] = feature
            largest[g["id"]] = area
            out.append(feature)
            continue
        feature = merged[g["id"]]
        if feature["type"] == "Polygon":
            feature["type"], feature["arcs"] = "MultiPolygon", [feature["arcs"]]
        feature["arcs"] = feature["arcs"] + ([g["arcs"]] if g["type"] == "Polygon" else g["arcs"])
        if area > largest[g["id"]]:
            largest[g["id"]] = area
            feature["properties"]["ct"] = g["properties"]["ct"]
    topo["objects"][COUNTRIES_LAYER]["geometries"] = out

    points = {f["id"]: _point(*f["properties"]["ct"]) for f in out}
    asset = json.dumps(topo, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return asset, points


def points_50m(path: Path, rel: str, code_property: str = "a3") -> dict[str, tuple[float, float]]:
    """A representative point (always inside the shape) per ISO3 from a 50m topology."""
    _load_json(path, rel)  # same structural checks as the 110m file
    layer = _read_layer(path, rel)
    if code_property not in layer:
        raise SourceError(rel, f"countries carry no {code_property!r} (ISO3) property", column=code_property)
    dupes = sorted(layer.loc[layer[code_property].duplicated(), code_property].astype(str))
    if dupes:
        raise SourceError(rel, f"ISO3 code(s) on more than one feature: {', '.join(dupes)}", column=code_property)
    # A few NE shapes self-intersect; make_valid keeps representative_point well defined.
    # Features too small to survive quantisation (e.g. VAT) are empty: no point, the caller falls back.
    reps = shapely.point_on_surface(shapely.make_valid(layer.geometry.values))
    return {str(code): _point(p.x, p.y) for code, p in zip(layer[code_property], reps) if isinstance(code, str) and not p.is_empty}
