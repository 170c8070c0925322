"""/explore: controls -> map, info panel and the URL."""
from __future__ import annotations

from dash import Input, Output, State, ctx, html, no_update

from dashboard import queries
from dashboard.data import get_store
from dashboard.figures.alt_text import map_summary
from dashboard.figures.maps import indicator_map
from dashboard.i18n import translator
from layouts.common import href, notice, source_line
from layouts.explore import SEX_LABELS, indicator_options

from .params import parse_int


def resolve_view(store, requested: dict, indicator_id, sex, year) -> tuple[dict, list[str]]:
    """Turn (possibly bad) inputs into a valid view; returns the view and the fallback notes."""
    notes = []
    valid = {o["value"] for o in indicator_options(store, lambda s, **k: s)}
    if indicator_id not in valid:
        if indicator_id:
            notes.append(f"Unknown indicator “{str(indicator_id)[:60]}”; showing the default instead.")
        indicator_id = "ipv_last_12m" if "ipv_last_12m" in valid else sorted(valid)[0]
    ind = store.indicator(indicator_id)
    cov = ind.get("coverage", {})
    sexes = [s for s in ("female", "male", "total") if s in cov.get("sexes", [])]
    if sex not in sexes:
        if sex:
            notes.append(f"“{str(sex)[:20]}” is not available for this indicator; showing {SEX_LABELS[queries.default_sex(ind)].lower()}.")
        sex = queries.default_sex(ind)
    age = queries.default_dimension(ind, "ages", "all")
    breakdown = queries.default_dimension(ind, "breakdowns", "total")
    years = queries.indicator_years(indicator_id, sex, age, breakdown)
    y = parse_int(year)
    if y not in years:
        if year not in (None, ""):
            notes.append(f"No data for {str(year)[:10]}; showing the latest year.")
        y = years[-1] if years else None
    return {"indicator": indicator_id, "sex": sex, "age": age, "breakdown": breakdown, "year": y, "years": years, "sexes": sexes}, notes


def update(indicator_id, sex, year, requested, lang):
    store = get_store()
    _ = translator(lang)
    if ctx.triggered_id is None and requested:
        # First render: the URL is the source of truth.
        indicator_id, sex, year = requested.get("indicator"), requested.get("sex"), requested.get("year")
    view, notes = resolve_view(store, requested or {}, indicator_id, sex, year)
    ind = store.indicator(view["indicator"])
    names = dict(zip(store.countries["iso3"], store.countries[f"name_{lang}"]))
    if view["year"] is None:
        fig, notes = {}, notes + [_("No country data for this selection.")]
        summary = _("No country data for this selection.")
    else:
        values = queries.map_values(view["indicator"], view["year"], view["sex"], view["age"], view["breakdown"])
        subtitle = f"{ind['unit']} · {view['year']} · {_(SEX_LABELS[view['sex']])}"
        fig = indicator_map(values, store.countries, ind, view["year"], subtitle, names)
        summary = map_summary(values, ind, view["year"], lang, names, _(SEX_LABELS[view["sex"]]).lower())
    marks = {int(y): {"label": str(y)} if (i % max(1, len(view["years"]) // 8) == 0 or y == view["years"][-1]) else "" for i, y in enumerate(view["years"])}
    info = html.Div(
        [
            html.H2(ind["title"], className="h5"),
            html.P(ind.get("definition", "")),
            html.P([html.Strong(_("Unit") + ": "), ind.get("unit", "")], className="small"),
            html.P([html.Strong(_("Caveats") + ": "), ind.get("caveats")], className="small") if ind.get("caveats") else None,
            source_line(ind, lang),
        ],
        className="indicator-info",
    )
    sex_options = [{"label": _(SEX_LABELS[s]), "value": s} for s in view["sexes"]]
    search = href("", lang, indicator=view["indicator"], year=view["year"], sex=view["sex"])
    return (
        fig,
        view["indicator"],
        sex_options,
        view["sex"],
        min(view["years"] or [0]),
        max(view["years"] or [1]),
        marks,
        view["year"],
        [notice(n, "fallback") for n in notes],
        info,
        search,
        summary,
    )


def register(app) -> None:
    app.callback(
        Output("explore-map", "figure"),
        Output("explore-indicator", "value"),
        Output("explore-sex", "options"),
        Output("explore-sex", "value"),
        Output("explore-year", "min"),
        Output("explore-year", "max"),
        Output("explore-year", "marks"),
        Output("explore-year", "value"),
        Output("explore-notices", "children"),
        Output("explore-info", "children"),
        Output("url", "search", allow_duplicate=True),
        Output("explore-summary", "children"),
        Input("explore-indicator", "value"),
        Input("explore-sex", "value"),
        Input("explore-year", "value"),
        State("explore-requested", "data"),
        State("explore-lang", "data"),
        prevent_initial_call="initial_duplicate",
    )(update)
