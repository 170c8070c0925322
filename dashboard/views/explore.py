"""/explore: controls -> map / chart / table, info panel, notices and the URL (the whole view).

``ExploreView`` is the page's view model: ``ExploreView.from_query`` (``resolve_view``) turns any input
(URL or controls, possibly bad) into a valid view plus the notes that say what was replaced, and
``to_query`` gives the address back. ``compute`` builds the outputs for one trigger; a change
of year (or of the "latest earlier value" switch) on an unchanged indicator sends only the new
values, compactly encoded (``maps.map_update``) into the ``explore-map-values`` store, never the
figure again: ``applyMapValues`` in assets/explore.js patches the drawn map with them, using the
constants the full figure carries in ``layout.meta`` (``map_meta``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

import dash_ag_grid as dag
import pandas as pd
from dash import dcc, html, no_update

from dashboard.cache import cache
from dashboard.data import get_store, map_area_ids
from dashboard.downloads import (
    citation_header,
    csv_with_header,
    observation_rows,
    safe_filename,
)
from dashboard.figures.alt_text import map_summary
from dashboard.figures.maps import (
    SEPARATORS,
    applier_constants,
    indicator_map,
    map_update,
)
from dashboard.figures.style import title_html
from dashboard.figures.timeseries import indicator_timeseries
from dashboard.i18n import N_, fmt_number, parse_lang, translator
from dashboard.indicators import queries as iq

from .components import data_lang, english_data_note, graph, href, national_marker, notice
from .prerender import View, triggered
from .query import parse_int, parse_search

DEFAULT_INDICATOR = "ipv_last_12m"
SEX_LABELS = {"female": N_("Women"), "male": N_("Men"), "total": N_("Total")}
TABS = ("map", "chart", "table")
URL_PARAMS = ("indicator", "sex", "age", "breakdown", "year", "fill", "countries", "order", "view")
MAX_COUNTRIES = 12
OBS_LABELS = {
    "survey": N_("survey"),
    "estimate": N_("estimate"),
    "modelled": N_("modelled"),
    "administrative": N_("administrative records"),
    "reported": N_("reported"),
    "unknown": N_("type not stated"),
}
AGE_LABELS = {"all": N_("All ages"), "<18": N_("Under 18"), "18+": N_("18 and over"), "15+": N_("15 and over")}
BREAKDOWN_LABELS = {
    "total": N_("Total"),
    "forced_labour": N_("Forced labour"),
    "sexual_exploitation": N_("Sexual exploitation"),
    "other_forms": N_("Other forms of exploitation"),
    "intimate_partner": N_("By an intimate partner or family member"),
    "migrant": N_("Migrant workers"),
    "migrant_eu": N_("Migrant workers from EU countries"),
    "migrant_non_eu": N_("Migrant workers from outside the EU"),
    "non_migrant": N_("Non-migrant workers"),
}


def age_label(age: str, _) -> str:
    return _(AGE_LABELS[age]) if age in AGE_LABELS else _("Aged {ages}", ages=age.replace("-", "–"))


def breakdown_label(code: str, _) -> str:
    return _(BREAKDOWN_LABELS[code]) if code in BREAKDOWN_LABELS else code.replace("_", " ").capitalize()


def parse_countries(raw) -> list[str]:
    if isinstance(raw, (list, tuple)):
        items = list(raw)
    else:
        items = str(raw or "").split(",")
    return [str(c).strip().upper()[:8] for c in items[:60] if str(c).strip()]


def _short(value, n: int = 40) -> str:
    return str(value)[:n]


def _scalar(value):
    """A URL/control value as text, or None for anything that is not a plain scalar (garbage in)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value)[:400]


def clean_params(p) -> dict:
    """Whatever arrives (URL store, controls, a forged request) -> flat text parameters."""
    p = p if isinstance(p, dict) else {}
    out = {k: _scalar(p.get(k)) for k in ("indicator", "sex", "age", "breakdown", "year", "order", "view")}
    fill = p.get("fill")
    out["fill"] = "1" if fill == "1" or (isinstance(fill, list) and "1" in fill) else None
    c = p.get("countries")
    out["countries"] = [x for x in c if isinstance(x, str)] if isinstance(c, list) else _scalar(c)
    return out


# -- the view -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExploreView:
    """What /explore shows, always valid: the slice (indicator, sex, age, breakdown), the year, the
    compared countries, their order and the open tab; with the choices the slice allows."""

    indicator: str
    sex: str = "total"
    age: str = "all"
    breakdown: str = "total"
    year: int | None = None
    fill: bool = False
    countries: tuple[str, ...] = ()
    order: str = "name"
    tab: str = "map"
    sex_options: tuple[str, ...] = ()
    age_options: tuple[str, ...] = ()
    breakdown_options: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    aggregates: tuple[str, ...] = field(default=())

    @classmethod
    def from_query(cls, query: dict | str | None, lang: str = "en") -> tuple[ExploreView, list[str]]:
        """Query parameters (a dict, or a query string) -> the view and the notes saying what was replaced."""
        params = parse_search(query) if isinstance(query, str) or query is None else query
        return cached_resolve_view({k: params.get(k) for k in URL_PARAMS}, lang)

    def to_query(self, lang: str = "en") -> str:
        """The query string that restores this view (defaults left out to keep links short)."""
        return href(
            "",
            lang,
            indicator=self.indicator,
            sex=self.sex,
            age=self.age,
            breakdown=self.breakdown,
            year=self.year,
            fill="1" if self.fill else None,
            countries=",".join(self.countries) or None,
            order=None if self.order == "name" else self.order,
            view=None if self.tab == "map" else self.tab,
        )

    def with_(self, **changes) -> ExploreView:
        return replace(self, **changes)


def resolve_view(store, p: dict, _=None) -> tuple[ExploreView, list[str]]:
    """Any parameters -> a valid view and the notes saying what was replaced (never raises)."""
    _ = _ or translator("en")
    p = clean_params(p)
    notes: list[str] = []
    explorable = {i["id"]: i for i in iq.explorer_indicators(store.catalog["indicators"])}
    ind_id = p.get("indicator")
    if ind_id not in explorable:
        if ind_id:
            other = store.indicator(str(ind_id))
            if other is not None and other.get("table") == "corridors":
                notes.append(_("“{title}” is a corridor series: see the Corridors page. Showing the default indicator instead.", title=other["title"]))
            elif other is not None:
                notes.append(
                    _("“{title}” is not a country series that can be mapped (see the About page). Showing the default indicator instead.", title=other["title"])
                )
            else:
                notes.append(_("Unknown indicator “{value}”; showing the default indicator instead.", value=_short(ind_id)))
        ind_id = DEFAULT_INDICATOR if DEFAULT_INDICATOR in explorable else next(iter(explorable))
    ind = explorable[ind_id]
    dims = {}
    combos = [tuple(c) for c in iq.cached_combinations(ind_id)]
    for pos, (key, cov, label) in enumerate((("sex", "sexes", _("sex")), ("age", "ages", _("age group")), ("breakdown", "breakdowns", _("breakdown")))):
        # Only values published together with the ones already chosen (e.g. forms of exploitation by age).
        fits = {c[pos] for c in combos if all(c[i] == dims[k] for i, k in enumerate(("sex", "age", "breakdown")[:pos]))}
        allowed = [v for v in iq.dimension_values(ind, cov) if v in fits] or iq.dimension_values(ind, cov)
        dims[f"{key}_options"] = tuple(allowed)
        value = p.get(key)
        if value not in allowed:
            fallback = iq.default_dimension({"coverage": {cov: allowed}}, cov)
            if value not in (None, ""):
                shown = {"sex": lambda v: _(SEX_LABELS.get(v, v)), "age": lambda v: age_label(v, _), "breakdown": lambda v: breakdown_label(v, _)}[key](
                    fallback
                )
                notes.append(
                    _("The {what} “{value}” is not published for this indicator; showing “{fallback}”.", what=label, value=_short(value, 20), fallback=shown)
                )
            value = fallback
        dims[key] = value
    years = iq.cached_years(ind_id, dims["sex"], dims["age"], dims["breakdown"])
    year = parse_int(p.get("year"))
    if year not in years:
        if p.get("year") not in (None, "") and years:
            notes.append(_("No data for {year} in this selection; showing {latest}, the latest year.", year=_short(p.get("year"), 10), latest=years[-1]))
        year = years[-1] if years else None
    fill = p.get("fill") == "1"
    aggregates = iq.cached_aggregates(ind_id, dims["sex"], dims["age"], dims["breakdown"])
    known = set(store.countries["iso3"]) | set(aggregates)
    requested = parse_countries(p.get("countries"))
    countries = list(dict.fromkeys(c for c in requested if c in known))
    dropped = [c for c in requested if c not in known]
    if dropped:
        notes.append(_("Unknown or unavailable country or region code(s) left out: {codes}.", codes=", ".join(_short(c, 8) for c in dropped[:5])))
    if len(countries) > MAX_COUNTRIES:
        notes.append(_("At most {n} countries or regions can be compared at once; the first {n} are shown.", n=MAX_COUNTRIES))
        countries = countries[:MAX_COUNTRIES]
    order = p.get("order") if p.get("order") in ("name", "value") else "name"
    tab = p.get("view") if p.get("view") in TABS else "map"
    if p.get("view") not in (None, "", *TABS):
        notes.append(_("Unknown view “{value}”; showing the map.", value=_short(p.get("view"), 20)))
    return ExploreView(
        indicator=ind_id, **dims, year=year, years=tuple(years), fill=fill, countries=tuple(countries), aggregates=tuple(aggregates), order=order, tab=tab
    ), notes


@cache.memoize()
def _resolved(params_json: str, lang: str) -> tuple[ExploreView, list[str]]:
    return resolve_view(get_store(), json.loads(params_json), translator(lang))


def cached_resolve_view(p, lang: str) -> tuple[ExploreView, list[str]]:
    """``resolve_view`` memoized on the cleaned parameters (a slider or URL repeats the same few views)."""
    view, notes = _resolved(json.dumps(clean_params(p), sort_keys=True), lang)
    return view, list(notes)


def slice_key(view: ExploreView, lang: str) -> str:
    return "|".join([view.indicator, view.sex, view.age, view.breakdown, lang])


def selection_label(view: ExploreView, ind: dict, _) -> str:
    parts = [_(SEX_LABELS[view.sex])]
    if len(iq.dimension_values(ind, "ages")) > 1 or view.age != "all":
        parts.append(age_label(view.age, _))
    if len(iq.dimension_values(ind, "breakdowns")) > 1:
        parts.append(breakdown_label(view.breakdown, _))
    return " · ".join(parts)


# -- data for each view --------------------------------------------------------------------------------
def map_values(view: ExploreView) -> pd.DataFrame:
    if view.year is None:
        return pd.DataFrame(columns=iq.OBS_COLUMNS)
    return iq.cached_map_values(view.indicator, view.year, view.sex, view.age, view.breakdown, view.fill)


def series_values(view: ExploreView) -> pd.DataFrame:
    sl = iq.cached_slice(view.indicator, view.sex, view.age, view.breakdown)
    return iq.select_series(sl, tuple(view.countries))


def ordered_codes(view: ExploreView, names: dict) -> list[str]:
    if view.order == "value":
        latest = iq.cached_latest_values(view.indicator, view.sex, view.age, view.breakdown)
        return sorted(view.countries, key=lambda c: (-(latest.get(c) if latest.get(c) is not None else float("-inf")), names.get(c, c)))
    return sorted(view.countries, key=lambda c: (c.startswith("M49_") is False, names.get(c, c)))


def table_rows(view: ExploreView, names: dict) -> tuple[pd.DataFrame, str]:
    """What the table (and the 'this view' CSV) shows: the compared series, else the map's year."""
    if view.tab != "map" and view.countries:
        rows, kind = series_values(view), "series"
        rank = {c: i for i, c in enumerate(ordered_codes(view, names))}
        rows = rows.assign(_r=rows["geo_code"].map(rank)).sort_values(["_r", "year"]).drop(columns="_r")
    else:
        rows, kind = map_values(view), "map"
        rows = rows.assign(geo_type="country") if "geo_type" not in rows.columns else rows
        rows = (
            rows.sort_values("value", ascending=False)
            if view.order == "value"
            else rows.assign(_n=rows["geo_code"].map(lambda c: names.get(c, c))).sort_values("_n").drop(columns="_n")
        )
    return observation_rows(rows, view.indicator, names, view.sex, view.age, view.breakdown), kind


# -- pieces of the page ----------------------------------------------------------------------------------
def info_panel(ind: dict, view: ExploreView, lang: str, _) -> html.Div:
    years = ind.get("coverage", {}).get("years") or []
    rows = [
        (_("Unit"), ind.get("unit")),
        (_("Source"), ind.get("publisher")),
        (_("Citation"), ind.get("citation")),
        (_("Licence"), ind.get("licence")),
        (_("Data as of"), ind.get("as_of")),
        (_("SDG indicator"), ind.get("sdg")),
        (_("Years"), f"{years[0]}–{years[-1]}" if len(years) == 2 and years[0] != years[1] else (str(years[0]) if years else None)),
        (_("Observation types"), ", ".join(_(OBS_LABELS.get(t, t)) for t in ind.get("coverage", {}).get("obs_types", []))),
    ]
    dl = []
    for k, v in rows:
        if v:
            dl += [html.Dt(k), html.Dd(v)]
    return html.Div(
        [
            html.H2([html.Span(ind["title"], **data_lang(lang)), national_marker(ind, lang)], className="h5"),
            english_data_note(lang),
            html.P(ind.get("definition", ""), className="small", **data_lang(lang)),
            html.Dl(dl, className="small explore-dl mb-1"),
            html.Details([html.Summary(_("Caveats")), html.P(ind["caveats"], className="small", **data_lang(lang))], open=True, className="small")
            if ind.get("caveats")
            else None,
            html.A(_("All sources and licences"), href=href("/about", lang) + f"#{ind['id']}", className="small"),
        ]
    )


def coverage_notices(view: ExploreView, values: pd.DataFrame, _, lang: str) -> list:
    out = []
    if view.year is None:
        return [notice(_("No country data for this selection."), "gap")]
    if view.fill:
        older = values[values["year"] < view.year]
        if len(older):
            out.append(
                notice(
                    _(
                        "{n} of {total} countries show an earlier value (the oldest from {oldest}) because they have none for {year}; hover a country to see the year of its value.",
                        n=len(older),
                        total=len(values),
                        oldest=int(older["year"].min()),
                        year=view.year,
                    ),
                    "stale",
                )
            )
    else:
        latest = iq.cached_map_values(view.indicator, view.year, view.sex, view.age, view.breakdown, True)
        extra = len(latest) - len(values)
        if extra > 0:
            out.append(
                notice(
                    _("{n} more countries have a value for an earlier year only; they are grey. Switch on “show latest earlier value” to see them.", n=extra),
                    "gap",
                )
            )
    return out


def map_subtitle(view: ExploreView, ind: dict, year, _) -> str:
    return " · ".join([ind.get("unit", ""), str(year), selection_label(view, ind, _)])


def map_meta(view: ExploreView, ind: dict, store, lang: str, _) -> dict:
    """What a full map carries in ``layout.meta`` so the browser can apply later year changes to it:
    the slice it shows (``key``), the title before and after its year, and ``maps.applier_constants``."""
    marker = "\0"
    title = title_html(ind.get("title", ""), map_subtitle(view, ind, marker, _))  # as base_layout writes it
    return {**applier_constants(ind, store.countries), "key": slice_key(view, lang), "title": title.split(marker)}


def full_map(view, ind, values, store, names, lang, _):
    crange = iq.cached_colour_range(view.indicator, view.sex, view.age, view.breakdown)
    subtitle = map_subtitle(view, ind, view.year, _)
    obs = {k: _(v) for k, v in OBS_LABELS.items()}
    fig = indicator_map(values, store.countries, ind, view.year, subtitle, names, crange, _("No data"), obs, lang, map_area_ids())
    return fig.update_layout(meta=map_meta(view, ind, store, lang, _))


@cache.memoize()
def map_year_parts(indicator_id: str, year: int, sex: str, age: str, breakdown: str, fill: bool, lang: str) -> dict:
    """Everything of one map view that a change of year sends (memoized per view, so a repeat costs a cache read):
    the compact values (None if they cannot be encoded exactly: then the full figure goes), the text
    alternative and the coverage notices."""
    store = get_store()
    _ = translator(lang)
    ind = store.indicator(indicator_id)
    view = ExploreView(indicator=indicator_id, year=year, sex=sex, age=age, breakdown=breakdown, fill=fill)
    values = map_values(view)
    obs = {k: _(v) for k, v in OBS_LABELS.items()}
    try:
        update = map_update(values, store.countries, ind, year, obs)
    except ValueError:
        update = None
    label = selection_label(view, ind, _)
    return {
        "update": update,
        "summary": map_summary(values, ind, year, lang, iq.store_geo_names(lang), label.lower()),
        "coverage": coverage_notices(view, values, _, lang),
    }


# The chart and the table are put in their (hidden) tabs only when first shown: mounting a second
# plotly graph and the data grid (plus its script chunk) would delay the map on every visit.
def explore_chart(figure, lang: str) -> html.Div:
    return graph("explore-chart", figure, height="480px", lang=lang)


def explore_table(rows: list[dict], columns: list[dict]) -> dag.AgGrid:
    return dag.AgGrid(
        id="explore-table",
        rowData=rows,
        columnDefs=columns,
        defaultColDef={"sortable": True, "filter": True, "resizable": True, "floatingFilter": True},
        columnSize="responsiveSizeToFit",
        dashGridOptions={"pagination": True, "paginationPageSize": 50, "ensureDomOrder": True, "enableCellTextSelection": True},
        style={"height": "520px"},
    )


def chart_figure(view, ind, names, lang, _):
    series = series_values(view)
    if series.empty:
        return (
            {},
            [notice(_("Choose countries or regions above, or click countries on the map, to compare them over time."), "info")],
            _("No country or region chosen yet."),
        )
    note = None
    if (series["geo_type"] != "country").any():
        note = _("Regional and world values are the source's own published aggregates (dashed lines).")
    subtitle = " · ".join([ind.get("unit", ""), selection_label(view, ind, _)])
    fig = indicator_timeseries(series, ind, subtitle, names, ordered_codes(view, names), _("interval"), note, SEPARATORS.get(lang, ".,"))
    notices = []
    missing = [names.get(c, c) for c in view.countries if c not in set(series["geo_code"])]
    if missing:
        notices.append(notice(_("No data for {names} in this selection.", names=", ".join(missing)), "gap"))
    decimals = int(ind.get("decimals", 1))
    unit = ind.get("unit_short") or ""
    parts = []
    for code in ordered_codes(view, names):
        s = series[series["geo_code"] == code]
        if s.empty:
            continue
        first, last = s.iloc[0], s.iloc[-1]
        if len(s) == 1:
            parts.append(
                _(
                    "{name}: {value} {unit} in {year}.",
                    name=names.get(code, code),
                    value=fmt_number(last["value"], lang, decimals),
                    unit=unit,
                    year=int(last["year"]),
                )
            )
        else:
            parts.append(
                _(
                    "{name}: {v1} {unit} in {y1}, {v2} {unit} in {y2}.",
                    name=names.get(code, code),
                    v1=fmt_number(first["value"], lang, decimals),
                    y1=int(first["year"]),
                    v2=fmt_number(last["value"], lang, decimals),
                    y2=int(last["year"]),
                    unit=unit,
                )
            )
    summary = _("Chart of {title} over time.", title=ind["title"]) + " " + " ".join(parts)
    return fig, notices, summary


TABLE_COLUMNS = [
    ("geo_name", N_("Country or area")),
    ("geo_code", N_("Code")),
    ("year", N_("Year")),
    ("period", N_("Period")),
    ("value", N_("Value")),
    ("lower", N_("Lower bound")),
    ("upper", N_("Upper bound")),
    ("obs_type", N_("Observation type")),
    ("note", N_("Note")),
]


def table_props(view, ind, names, lang, _):
    rows, kind = table_rows(view, names)
    cols = [c for c, _l in TABLE_COLUMNS if c in rows.columns and (c not in ("lower", "upper") or rows[c].notna().any())]
    defs = []
    for c, label in TABLE_COLUMNS:
        if c not in cols:
            continue
        d = {"field": c, "headerName": _(label)}
        if c in ("value", "lower", "upper", "year"):
            d.update(type="numericColumn", filter="agNumberColumnFilter")
        if c == "value":
            d["headerName"] = f"{_(label)} ({ind.get('unit_short') or ind.get('unit', '')})"
        defs.append(d)
    data = rows[cols].astype(object).where(rows[cols].notna(), None)
    data["obs_type"] = data["obs_type"].map(lambda t: _(OBS_LABELS.get(t, t)) if t else t) if "obs_type" in data else None
    caption = (
        _("{title}: every published year for the countries and regions you compare ({sel}).", title=ind["title"], sel=selection_label(view, ind, _))
        if kind == "series"
        else _(
            "{title}, {year}: every country with a value ({sel}). Choose countries in the Chart tab to see their series here instead.",
            title=ind["title"],
            year=view.year,
            sel=selection_label(view, ind, _),
        )
    )
    return data.to_dict("records"), defs, caption


def country_options(view, names, _):
    sl = iq.cached_slice(view.indicator, view.sex, view.age, view.breakdown)
    have = set(sl["geo_code"])
    aggs = [{"label": f"{names.get(c, c)} ({_('published aggregate')})", "value": c} for c in view.aggregates]
    countries = sorted(({"label": names.get(c, c), "value": c} for c in have if not c.startswith("M49_")), key=lambda o: o["label"])
    return aggs + countries


def year_marks(years: list[int]) -> dict:
    step = max(1, round(len(years) / 8))
    return {str(y): (str(y) if (i % step == 0 or y == years[-1]) else "") for i, y in enumerate(years)}


# -- the callback ---------------------------------------------------------------------------------------
SEVERAL = "several"  # more than one input changed at once: recompute everything from the inputs
SLICE_TRIGGERS = (None, SEVERAL, "explore-indicator", "explore-sex", "explore-age", "explore-breakdown")
# URL parameter -> the control that holds it: the layout starts each control at what the address asks
CONTROLS = {
    "indicator": ("explore-indicator", "value"),
    "sex": ("explore-sex", "value"),
    "age": ("explore-age", "value"),
    "breakdown": ("explore-breakdown", "value"),
    "year": ("explore-year", "value"),
    "fill": ("explore-fill", "value"),
    "countries": ("explore-countries", "value"),
    "order": ("explore-order", "value"),
    "view": ("explore-view", "active_tab"),
}


def compute(trigger, asked: dict, lang, map_key) -> dict:
    """All outputs for one trigger (``no_update`` where nothing changes). ``asked``: the view's parameters
    as the controls (or, with trigger None, the address) give them, keyed as in the URL (``URL_PARAMS``).
    Trigger None: the page's first draw, which sets every control."""
    lang = parse_lang(lang)
    _ = translator(lang)
    store = get_store()
    asked = asked if isinstance(asked, dict) else {}
    countries = asked.get("countries")
    if trigger is not None:
        asked = {**asked, "countries": countries if isinstance(countries, list) else []}
    view, notes = cached_resolve_view(asked, lang)
    ind = store.indicator(view.indicator)
    names = iq.store_geo_names(lang)
    out = {k: no_update for k in OUTPUT_IDS}
    key = slice_key(view, lang)
    slice_changed = trigger in SLICE_TRIGGERS or key != map_key

    out["search"] = view.to_query(lang)
    if slice_changed:
        sexes, ages, breakdowns = view.sex_options, view.age_options, view.breakdown_options
        out.update(
            indicator=view.indicator,
            sex_options=[{"label": _(SEX_LABELS[s]), "value": s} for s in sexes],
            sex=view.sex,
            age_options=[{"label": age_label(a, _), "value": a} for a in ages],
            age=view.age,
            age_style={} if len(ages) > 1 else {"display": "none"},
            breakdown_options=[{"label": breakdown_label(b, _), "value": b} for b in breakdowns],
            breakdown=view.breakdown,
            breakdown_style={} if len(breakdowns) > 1 else {"display": "none"},
            year_min=min(view.years or [0]),
            year_max=max(view.years or [1]),
            year_marks=year_marks(list(view.years)) if view.years else {},
            year=view.year,
            country_options=country_options(view, names, _),
            info=info_panel(ind, view, lang, _),
            full_csv=f"/api/v1/indicators/{view.indicator}?format=csv",
            api=f"/api/v1/indicators/{view.indicator}",
        )
    if trigger is None:
        out.update(fill=["1"] if view.fill else [], countries=list(view.countries), order=view.order, tab=view.tab)
    elif not isinstance(countries, list) or countries != list(view.countries):
        out["countries"] = list(view.countries)

    parts = None
    if view.year is not None:
        parts = map_year_parts(view.indicator, view.year, view.sex, view.age, view.breakdown, view.fill, lang)
    coverage = (parts["coverage"] if parts else coverage_notices(view, None, _, lang)) if view.tab == "map" else []
    out["notices"] = [notice(n, "fallback") for n in notes] + coverage
    if view.tab == "map" or trigger is None:
        if view.year is None:
            out.update(map={}, summary=_("No country data for this selection."), map_key=None)
        else:
            year_change = trigger in ("explore-year", "explore-fill") and not slice_changed
            if year_change and parts["update"] is not None:
                out["map_values"] = {"k": key, **parts["update"]}  # applied in the browser (applyMapValues)
            elif (slice_changed or year_change) and not (trigger is None and map_key == key):  # else the layout drew it already
                out["map"] = full_map(view, ind, map_values(view), store, names, lang, _)
                out["map_key"] = key
            out["summary"] = parts["summary"]
    if view.tab == "chart":
        figure, out["chart_notices"], out["chart_summary"] = chart_figure(view, ind, names, lang, _)
        out["chart"] = explore_chart(figure, lang)
    if view.tab == "table":
        rows, columns, out["table_caption"] = table_props(view, ind, names, lang, _)
        out["table"] = explore_table(rows, columns)
    return out


OUTPUTS = {
    "map": ("explore-map", "figure"),
    "map_values": ("explore-map-values", "data"),
    "map_key": ("explore-map-key", "data"),
    "summary": ("explore-summary", "children"),
    "chart": ("explore-chart-slot", "children"),
    "chart_notices": ("explore-chart-notices", "children"),
    "chart_summary": ("explore-chart-summary", "children"),
    "table": ("explore-table-slot", "children"),
    "table_caption": ("explore-table-caption", "children"),
    "indicator": ("explore-indicator", "value"),
    "sex_options": ("explore-sex", "options"),
    "sex": ("explore-sex", "value"),
    "age_options": ("explore-age", "options"),
    "age": ("explore-age", "value"),
    "age_style": ("explore-age-col", "style"),
    "breakdown_options": ("explore-breakdown", "options"),
    "breakdown": ("explore-breakdown", "value"),
    "breakdown_style": ("explore-breakdown-col", "style"),
    "year_min": ("explore-year", "min"),
    "year_max": ("explore-year", "max"),
    "year_marks": ("explore-year", "marks"),
    "year": ("explore-year", "value"),
    "fill": ("explore-fill", "value"),
    "countries": ("explore-countries", "value"),
    "country_options": ("explore-countries", "options"),
    "order": ("explore-order", "value"),
    "tab": ("explore-view", "active_tab"),
    "notices": ("explore-notices", "children"),
    "info": ("explore-info", "children"),
    "full_csv": ("explore-download-full", "href"),
    "api": ("explore-api-link", "href"),
    "search": ("url", "search"),
}
OUTPUT_IDS = tuple(OUTPUTS)


def update(indicator, sex, age, breakdown, year, fill, countries, order, tab, lang, map_key) -> tuple:
    """The page's one view: the controls (and the map's slice key) -> every output, in ``OUTPUTS`` order."""
    fired = triggered()
    trigger = None if not fired else (fired[0].split(".")[0] if len(fired) == 1 else SEVERAL)
    asked = {
        "indicator": indicator,
        "sex": sex,
        "age": age,
        "breakdown": breakdown,
        "year": year,
        "fill": fill,
        "countries": countries,
        "order": order,
        "view": tab,
    }
    out = compute(trigger, asked, lang, map_key)
    return tuple(out[k] for k in OUTPUT_IDS)


VIEWS = [
    View(
        update,
        list(OUTPUTS.values()),
        [CONTROLS[k] for k in URL_PARAMS],
        [("explore-lang", "data"), ("explore-map-key", "data")],
        shared=frozenset({OUTPUTS["search"], OUTPUTS["year"], OUTPUTS["countries"]}),
    )
]  # also set by play and map clicks


def on_map_click(click, countries, lang):
    """A click on a country adds it to the comparison and offers its profile."""
    if not isinstance(click, dict) or not isinstance(click.get("points"), list) or not click["points"] or not isinstance(click["points"][0], dict):
        return no_update, no_update
    store = get_store()
    lang = parse_lang(lang)
    _ = translator(lang)
    pt = click["points"][0]
    iso3 = pt.get("location") if isinstance(pt.get("location"), str) else None
    if not iso3 and pt.get("curveNumber") in (2, 3):
        from dashboard.figures.maps import map_geometry

        dotted = map_geometry(store.countries)[1]
        i = pt.get("pointIndex", pt.get("pointNumber"))
        iso3 = dotted[i] if isinstance(i, int) and 0 <= i < len(dotted) else None
    if not iso3 or not store.is_country(iso3):
        return no_update, no_update
    name = store.country_name(iso3, lang)
    current = [c for c in countries if isinstance(c, str)] if isinstance(countries, list) else []
    msg = [
        _("{name} is in the comparison (Chart tab).", name=name),
        " ",
        html.A(_("Country profile of {name}", name=name), href=href(f"/country/{iso3}", lang)),
    ]
    if iso3 in current:
        return no_update, msg
    if len(current) >= MAX_COUNTRIES:
        return no_update, _("At most {n} countries or regions can be compared at once.", n=MAX_COUNTRIES)
    return current + [iso3], msg


def download_view(n_clicks, search, href_now, lang):
    """The 'this view' CSV: rows exactly as the table shows them, with the citation header."""
    if not n_clicks:
        return no_update, no_update
    store = get_store()
    lang = parse_lang(lang)
    _ = translator(lang)
    params = parse_search(search if isinstance(search, str) else "")
    href_now = href_now if isinstance(href_now, str) else ""
    view, _notes = resolve_view(store, {k: params.get(k) for k in URL_PARAMS}, _)
    ind = store.indicator(view.indicator)
    names = iq.store_geo_names(lang)
    rows, kind = table_rows(view, names)
    what = f"countries={','.join(view.countries)}" if kind == "series" else f"year={view.year}" + ("; latest earlier value where missing" if view.fill else "")
    selection = f"sex={view.sex}; age={view.age}; breakdown={view.breakdown}; {what}"
    extra = [("Rows", f"{len(rows)} (countries or areas without a value are not listed)" if kind == "map" else str(len(rows)))]
    header = citation_header(ind, page_url=href_now, selection=selection, data_version=store.version, extra=extra)
    name = safe_filename(
        ind["id"],
        view.sex,
        view.age if view.age != "all" else None,
        view.breakdown if view.breakdown != "total" else None,
        view.year if kind == "map" else "series",
    )
    return dcc.send_string(csv_with_header(rows, header), name), _(
        "Downloading {file}: {n} rows, with the source and licence in its first lines.", file=name, n=len(rows)
    )
