"""What every parser returns, and the catalog entry types."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Source:
    """One publisher file (or a small family of files) we read."""

    id: str  # e.g. "wdi-2023-05-10"
    publisher: str
    title: str
    url: str  # where the publisher serves it (documentation, not fetched)
    licence: str
    as_of: str  # ISO date (YYYY-MM-DD, or YYYY-MM) the publisher's data is current to
    files: tuple[str, ...]  # paths relative to the raw dir
    citation: str  # full citation text, ready to paste

    def to_dict(self) -> dict:
        d = asdict(self)
        d["files"] = list(self.files)
        return d


@dataclass(frozen=True)
class Indicator:
    """Catalog entry for one indicator. Coverage is filled in by the build from the data."""

    id: str  # stable, lower_snake, e.g. "remittance_cost_to_country"
    theme: str  # ratifications | costs | violence | context
    title: str
    definition: str
    unit: str  # long form, e.g. "% of amount sent"
    unit_short: str  # for axes, e.g. "%"
    table: str  # observations | corridors | evidence
    source_ids: tuple[str, ...]
    series_code: str  # the publisher's own code, e.g. "SI.RMT.COST.IB.ZS"
    caveats: str = ""
    sdg: str = ""  # e.g. "10.c.1"
    decimals: int = 1
    higher_is_better: bool | None = None  # None = neither (context)
    target: float | None = None  # e.g. 3.0 for SDG 10.c
    reference_lines: tuple[tuple[float, str], ...] = ()  # (value, label)
    scale: str = "sequential"  # sequential | diverging
    mappable: bool = True  # False for evidence that is not a comparable series

    def to_dict(self) -> dict:
        d = asdict(self)
        d["source_ids"] = list(self.source_ids)
        d["reference_lines"] = [list(x) for x in self.reference_lines]
        return d


@dataclass(frozen=True)
class Instrument:
    """Catalog entry for one convention / protocol we track."""

    id: str  # e.g. "ILO-C189", "UN-CEDAW"
    short_title: str  # e.g. "C189 Domestic Workers"
    title: str  # full official title
    adoption_year: int
    depositary: str  # "ILO Director-General" | "UN Secretary-General"
    family: str  # ILO | UN
    completeness: str  # complete | partial | stale | none
    completeness_note: str  # what is missing and why; shown prominently when not complete
    source_ids: tuple[str, ...]
    as_of: str | None  # date the dated list is current to (None when no data)
    citation: str = ""
    # The date up to which the dated list is believed complete, so that absence on or before it means "not a
    # party": as_of for complete and stale lists; set explicitly for a partial instrument whose dated part is
    # complete to a date (C189's Fedlex list, UN-SOM's 2014 UNTC table); None for lists that are partial throughout.
    complete_to: str | None = None

    def to_dict(self) -> dict:
        d = asdict(self)
        d["source_ids"] = list(self.source_ids)
        return d


@dataclass(frozen=True)
class Drop:
    """Source rows a parser read and did not keep, and why: every drop is disclosed in the build report."""

    file: str  # path relative to the raw dir
    rows: tuple[int, ...]  # 1-based line/row numbers in that file (empty when the file as a whole is concerned)
    reason: str  # short machine-readable code, e.g. "no_m49_code", "suppressed_duplicate"; never empty
    detail: str = ""  # what a person needs to understand it, e.g. "Channel Islands (M49 830): no ISO3 country"
    target: str = ""  # the indicator / instrument id the rows would have fed, if any
    quarantined: bool = False  # True when the rows were read correctly but withheld because a check disagreed


@dataclass(frozen=True)
class Comparison:
    """One cross-source check: the same quantity from two publishers, compared value by value."""

    id: str  # e.g. "sdg_10c1_vs_wdi_cost_to_country"
    target: str  # indicator / instrument id
    sources: tuple[str, ...]  # source ids compared, the cited (agreeing) one first
    compared: int  # values present in both
    agreed: int  # values within tolerance
    tolerance: str  # e.g. "abs diff <= 0.005 percentage points"
    disagreements: tuple[str, ...] = ()  # one line per disagreeing value (key, both values)
    resolution: str = ""  # what the build did with each disagreement: "quarantined" | "explained: ..." ; required when any disagree


@dataclass
class SourceOutput:
    """Everything one parser produced. Empty frames are fine; columns must follow schemas.py."""

    observations: pd.DataFrame | None = None
    corridors: pd.DataFrame | None = None
    ratification_events: pd.DataFrame | None = None
    evidence: pd.DataFrame | None = None
    indicators: list[Indicator] = field(default_factory=list)
    instruments: list[Instrument] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    countries: pd.DataFrame | None = None  # only the reference parser sets this
    assets: dict[str, bytes] = field(default_factory=dict)  # file name in assets/ -> bytes (e.g. map topology)
    # Instrument ids whose events and catalog entry from earlier parsers this output replaces
    # (a newer imported depositary list; see sources/imported_ratifications.py).
    supersedes: tuple[str, ...] = ()
    area_names: dict[str, str] = field(default_factory=dict)  # aggregate geo_code ("M49_062") -> English name
    rows_read: dict[str, int] = field(default_factory=dict)  # raw file -> data rows read (the build report's denominator)
    drops: list[Drop] = field(default_factory=list)  # rows read and not kept, each with a reason
    comparisons: list[Comparison] = field(default_factory=list)  # cross-source checks this parser ran
