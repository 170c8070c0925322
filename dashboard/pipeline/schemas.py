"""Column contracts for every table in ``data/`` (pandera), shared by the build and the tests.

Conventions
- Dates are ISO strings ``YYYY-MM-DD`` (portable, sortable, deterministic bytes).
- ``geo_code`` is an ISO 3166 alpha-3 code for a country/area, or ``M49_ddd`` for a
  published regional/world aggregate (``M49_001`` = World); ``geo_type`` says which.
- Parsers may add ``src_file`` / ``src_line`` columns so validation errors can name the
  row in the publisher's file; the build drops them before writing.
"""

from __future__ import annotations

import pandera.pandas as pa

ISO3 = r"^[A-Z]{3}$"
GEO = r"^([A-Z]{3}|M49_\d{3})$"
DATE = r"^\d{4}-\d{2}-\d{2}$"

SEXES = ["female", "male", "total"]
OBS_TYPES = ["survey", "estimate", "modelled", "administrative", "reported", "unknown"]
# Depositaries' own categories plus "party_undated" for yes/no sources.
ACTIONS = [
    "signature",
    "ratification",
    "accession",
    "succession",
    "acceptance",
    "approval",
    "definitive_signature",
    "denunciation",
    "party_undated",
]
# How much of ``date`` the source gives: a month- or year-only date is stored as the first day of
# that month / year and must be shown as "May 2024" / "2024", never as a day.
DATE_PRECISIONS = ["day", "month", "year"]
SOURCE_TYPES = ["official_survey", "official_admin", "secondary_estimate", "press_report", "ngo_survey"]


def text(nullable: bool = False, **kw) -> pa.Column:
    checks = [pa.Check(lambda s: s.map(lambda v: isinstance(v, str) and v != ""), element_wise=False, error="must be non-empty text")]
    if nullable:
        checks = [pa.Check(lambda s: s.map(lambda v: v is None or v != v or (isinstance(v, str) and v != "")), error="must be non-empty text or missing")]
    extra = kw.pop("checks", [])
    return pa.Column(None, checks=checks + list(extra), nullable=nullable, **kw)


def regex(pattern: str, nullable: bool = False, **kw) -> pa.Column:
    return text(nullable, checks=[pa.Check.str_matches(pattern)], **kw)


def isin(values: list[str], nullable: bool = False) -> pa.Column:
    return pa.Column(None, checks=[pa.Check.isin(values)], nullable=nullable)


observations = pa.DataFrameSchema(
    {
        "indicator_id": text(),
        "geo_code": regex(GEO),
        "geo_type": isin(["country", "region", "world"]),
        "year": pa.Column("int64", checks=[pa.Check.in_range(1900, 2030)]),
        "period": text(),  # "2019", or the source's own label for a range ("2000-2018")
        "sex": isin(SEXES),
        "age": text(),  # "all" when not broken down
        "breakdown": text(),  # "total" when not broken down (e.g. migrant status, form of exploitation)
        "value": pa.Column("float64", checks=[pa.Check(lambda s: s.notna() & (s.abs() != float("inf")), error="value must be a finite number")]),
        "lower": pa.Column("float64", nullable=True),
        "upper": pa.Column("float64", nullable=True),
        "obs_type": isin(OBS_TYPES),
        "source_id": text(),
        "note": text(nullable=True),
    },
    unique=["indicator_id", "geo_code", "year", "period", "sex", "age", "breakdown"],
    strict=True,
    ordered=False,
)

corridors = pa.DataFrameSchema(
    {
        "indicator_id": text(),
        "origin_iso3": regex(ISO3),  # the SENDING country (where money / migrants' pay leaves from)
        "destination_iso3": regex(ISO3),  # the RECEIVING country
        "year": pa.Column("int64", checks=[pa.Check.in_range(1900, 2030)]),
        "quarter": pa.Column("Int64", nullable=True, checks=[pa.Check.in_range(1, 4)]),
        "period": text(),  # "2020Q3" or "2021"
        "value": pa.Column("float64", checks=[pa.Check.ge(0)]),
        "source_id": text(),
        "note": text(nullable=True),
    },
    unique=["indicator_id", "origin_iso3", "destination_iso3", "period"],
    strict=True,
    ordered=False,
)

ratification_events = pa.DataFrameSchema(
    {
        "instrument_id": text(),
        "iso3": regex(ISO3),
        "action": isin(ACTIONS),
        "date": regex(DATE, nullable=True),  # deposit / registration date; missing only for party_undated
        "in_force_date": regex(DATE, nullable=True),  # ILO: entry into force for that member
        # day | month | year; missing exactly when date is. Parsers that only read full dates may omit it (the build fills "day").
        "date_precision": pa.Column(None, checks=[pa.Check.isin(DATE_PRECISIONS)], nullable=True, required=False),
        "source_id": text(),
        "as_of": regex(DATE),
        "note": text(nullable=True),
    },
    unique=["instrument_id", "iso3", "action", "date"],
    strict=True,
    ordered=False,
)

evidence = pa.DataFrameSchema(
    {
        "evidence_id": text(unique=True),
        "indicator_id": text(),
        "origin_iso3": regex(ISO3, nullable=True),
        "destination_iso3": regex(ISO3, nullable=True),
        "sex": isin(SEXES),
        "measure": text(),  # what was measured, in words
        "value": pa.Column("float64", nullable=True),
        "unit": text(),
        "year": pa.Column("Int64", nullable=True),
        "period": text(nullable=True),
        "source_type": isin(SOURCE_TYPES),
        "publisher": text(),
        "citation": text(),
        "url": text(nullable=True),
        "source_id": text(),
        "note": text(nullable=True),
    },
    strict=True,
    ordered=False,
)

countries = pa.DataFrameSchema(
    {
        "iso3": regex(ISO3, unique=True),
        "m49": regex(r"^\d{3}$", nullable=True),
        "name_en": text(),
        "name_fr": text(),
        "name_es": text(),
        "region_code": regex(r"^\d{3}$", nullable=True),
        "region_name": text(nullable=True),
        "subregion_code": regex(r"^\d{3}$", nullable=True),
        "subregion_name": text(nullable=True),
        "sdg_region": text(nullable=True),
        "income_group": isin(["Low income", "Lower middle income", "Upper middle income", "High income"], nullable=True),
        "un_status": isin(["member", "observer", "other"]),
        "has_shape_110m": pa.Column("bool"),
        "lon": pa.Column("float64", nullable=True, checks=[pa.Check.in_range(-180, 180)]),
        "lat": pa.Column("float64", nullable=True, checks=[pa.Check.in_range(-90, 90)]),
    },
    strict=True,
    ordered=False,
)

TABLES = {
    "observations": observations,
    "corridors": corridors,
    "ratification_events": ratification_events,
    "evidence": evidence,
}

# Sort keys: the build sorts every table by these so output bytes never depend on parser order.
SORT_KEYS = {
    "observations": ["indicator_id", "geo_code", "year", "period", "sex", "age", "breakdown"],
    "corridors": ["indicator_id", "origin_iso3", "destination_iso3", "year", "period"],
    "ratification_events": ["instrument_id", "iso3", "action", "date"],
    "evidence": ["evidence_id"],
    "countries": ["iso3"],
}
