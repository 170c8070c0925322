"""/corridors: controls -> a validated view (and the URL) -> summary, charts, tables.

``CorridorView.from_query`` (``resolve_view``) turns any query string or control values into a valid corridor view plus
the notes explaining every fallback; the render callbacks read only that view.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard.corridors import geo as corridor_geo
from dashboard.corridors import queries as corridor_queries
from dashboard.corridors.protection_gap import pair_status
from dashboard.data import get_store
from dashboard.figures import corridors as figs
from dashboard.i18n import N_, fmt_date, fmt_number, fmt_percent, parse_lang, translator
from dashboard.indicators import queries as iq
from dashboard.ratifications.labels import STATUS_WITH_DATE

from .components import data_lang, href, national_marker, notice, source_line
from .prerender import View, triggered

COST, FLOWS = corridor_queries.COST, corridor_queries.FLOWS
EVIDENCE_INDICATORS = ("recruitment_cost_evidence", "recruitment_cost_sdg1071_kor")
FLOW_YEARS = ("2021", "2017")
AVERAGES = ("none", "mean", "weighted")
MAX_COMPARE = 5
TOP_FLOWS = 10
ISO3 = re.compile(r"^[A-Za-z]{3}$")
SOURCE_TYPES = {
    "official_survey": N_("Official survey (as reported)"),
    "official_admin": N_("Official administrative figure (as reported)"),
    "secondary_estimate": N_("Secondary estimate"),
    "press_report": N_("Press report"),
    "ngo_survey": N_("NGO survey"),
}

SEX_NAMES = {"female": N_("Women"), "male": N_("Men"), "total": N_("Total")}  # translated where shown


# -- the view -------------------------------------------------------------------------------


def _short(value, n: int = 40) -> str:
    return str(value)[:n]


def default_pair() -> tuple[str, str]:
    """The corridor with the largest estimated flow (latest matrix) that also has remittance prices."""
    top = corridor_queries.corridor_priced_by_flow(FLOW_YEARS[0])
    return str(top.iloc[0]["origin_iso3"]), str(top.iloc[0]["destination_iso3"])


def best_partner(iso3: str, side: str) -> str | None:
    """For a sending country (side='from'), the receiving country of its largest priced corridor, or of
    its largest estimated flow when it has no prices; the other way round for side='to'."""
    kw = {"origin": iso3} if side == "from" else {"destination": iso3}
    other = "destination_iso3" if side == "from" else "origin_iso3"
    for frame in (corridor_queries.corridor_priced_by_flow(FLOW_YEARS[0], **kw), corridor_queries.corridor_flows(FLOW_YEARS[0], **kw)):
        frame = frame[frame[other] != iso3]
        if not frame.empty:
            return str(frame.iloc[0][other])
    return None


def _country(store, value, role: str, notes: list, _) -> str | None:
    if value in (None, ""):
        return None
    code = str(value).strip().upper()[:3] if ISO3.match(str(value).strip()) else None
    if code is None or not store.is_country(code):
        notes.append(_("Unknown {role} “{value}”; it was ignored.", role=role, value=_short(value)))
        return None
    return code


def parse_compare(value) -> list[str]:
    """'USA-IND,ARE-IND' or ['USA-IND', ...] -> ['USA-IND', 'ARE-IND'] (not yet validated)."""
    items = value if isinstance(value, (list, tuple)) else str(value or "").split(",")
    return [str(i).strip().upper()[:7] for i in items if str(i).strip()][: MAX_COMPARE * 4]


@dataclass(frozen=True)
class CorridorView:
    """What /corridors shows: one corridor (sending -> receiving country), the corridors compared with it,
    the average drawn, the flow-estimate year, which side's corridors are listed and the remittance measure."""

    sending: str
    receiving: str
    compare: tuple[str, ...] = ()
    avg: str = "none"
    flows: str = ""
    list_side: str = "from"
    measure: str = "usd"

    @classmethod
    def from_query(cls, raw: dict, lang: str = "en") -> tuple[CorridorView, list[str]]:
        """Query parameters (or control values, keyed as in the URL) -> a valid view and notes (``resolve_view``)."""
        return resolve_view(raw, lang)

    def to_query(self, lang: str = "en") -> str:
        return href(
            "",
            lang,
            **{
                "from": self.sending,
                "to": self.receiving,
                "compare": ",".join(self.compare) or None,
                "avg": None if self.avg == "none" else self.avg,
                "flows": None if self.flows == FLOW_YEARS[0] else self.flows,
                "list": None if self.list_side == "from" else self.list_side,
                "measure": None if self.measure == "usd" else self.measure,
            },
        )

    def to_store(self) -> dict:
        """The view as the page's Store holds it (URL keys), read back by ``checked_view``."""
        return {
            "from": self.sending,
            "to": self.receiving,
            "compare": list(self.compare),
            "avg": self.avg,
            "flows": self.flows,
            "list": self.list_side,
            "measure": self.measure,
        }

    def side(self, which: str) -> str:
        return self.sending if which == "from" else self.receiving


def resolve_view(raw: dict, lang: str = "en") -> tuple[CorridorView, list[str]]:
    """Any requested view -> a valid one, with a note for every value that was replaced."""
    store = get_store()
    _ = translator(lang)
    notes: list[str] = []
    sending = _country(store, raw.get("from"), _("sending country"), notes, _)
    receiving = _country(store, raw.get("to"), _("receiving country"), notes, _)
    if sending and receiving and sending == receiving:
        notes.append(
            _("The sending and receiving country are the same ({name}); showing its largest corridor instead.", name=store.country_name(sending, lang))
        )
        receiving = None
    if sending and not receiving:
        receiving = best_partner(sending, "from")
    elif receiving and not sending:
        sending = best_partner(receiving, "to")
    if not sending or not receiving:
        if sending or receiving or raw.get("from") or raw.get("to"):
            notes.append(_("No corridor with data was found for that choice; showing the default corridor."))
        sending, receiving = default_pair()

    priced = set(f"{o}-{d}" for o, d in corridor_queries.priced_corridor_keys(store.corridors))
    compare = []
    for key in parse_compare(raw.get("compare")):
        if key in priced and key != f"{sending}-{receiving}" and key not in compare:
            compare.append(key)
        elif key not in priced:
            notes.append(_("No remittance prices for the corridor “{key}”; it was left out of the comparison.", key=_short(key, 12)))
    if len(compare) > MAX_COMPARE:
        notes.append(_("At most {n} corridors can be compared; the first {n} are shown.", n=MAX_COMPARE))
        compare = compare[:MAX_COMPARE]

    def choice(key, allowed, default):
        value = raw.get(key)
        if value in (None, ""):
            return default
        if str(value) not in allowed:
            notes.append(_("“{value}” is not a valid choice for {key}; using “{default}”.", value=_short(value, 20), key=key, default=default))
            return default
        return str(value)

    view = CorridorView(
        sending=sending,
        receiving=receiving,
        compare=tuple(compare),
        avg=choice("avg", AVERAGES, "none"),
        flows=choice("flows", FLOW_YEARS, FLOW_YEARS[0]),
        list_side=choice("list", ("from", "to"), "from"),
        measure=choice("measure", ("usd", "gdp"), "usd"),
    )
    return view, notes


def checked_view(view, lang) -> tuple[CorridorView | None, str]:
    """A view from the page's Store, checked again (a Store can be tampered with): (view or None, lang)."""
    lang = parse_lang(lang)
    view = view.to_store() if isinstance(view, CorridorView) else view
    if not isinstance(view, dict) or not view.get("from") or not view.get("to"):
        return None, lang
    return CorridorView.from_query({k: v for k, v in view.items() if isinstance(v, (str, list))}, lang)[0], lang


def corridor_link(sending: str, receiving: str, lang: str) -> str:
    return href("/corridors", lang, **{"from": sending, "to": receiving})


def update_view(sending, receiving, compare, avg, flows, list_side, measure, _swap, requested, lang):
    lang = parse_lang(lang)
    requested = requested if isinstance(requested, dict) else {}
    _ = translator(lang)
    store = get_store()
    if sending is None and receiving is None:
        # The page's first draw (the layout leaves both countries empty and runs this on the server):
        # the URL is the source of truth.
        raw = dict(requested)
    else:
        raw = {"from": sending, "to": receiving, "compare": compare, "avg": avg, "flows": flows, "list": list_side, "measure": measure}
        if set(triggered()) == {"corridors-swap.n_clicks"}:
            raw["from"], raw["to"] = receiving, sending
    view, notes = CorridorView.from_query(raw, lang)
    name = lambda iso3: store.country_name(iso3, lang)  # noqa: E731
    compare_options = [
        {"label": f"{name(o)} → {name(d)}", "value": f"{o}-{d}"}
        for o, d in corridor_queries.priced_corridor_keys(store.corridors)
        if (o, d) != (view.sending, view.receiving)
    ]
    compare_options.sort(key=lambda o: o["label"])
    avg_options = [
        {"label": _("None"), "value": "none"},
        {"label": _("Simple mean"), "value": "mean"},
        {"label": _("Weighted by estimated flows (2021)"), "value": "weighted"},
    ]
    flow_options = [{"label": _("{year} (model estimate)", year=y), "value": y} for y in FLOW_YEARS]
    list_options = [{"label": _("from {name}", name=name(view.sending)), "value": "from"}, {"label": _("to {name}", name=name(view.receiving)), "value": "to"}]
    measure_options = [{"label": _("US$ million"), "value": "usd"}, {"label": _("Share of GDP"), "value": "gdp"}]
    return (
        view.sending,
        view.receiving,
        list(view.compare),
        compare_options,
        avg_options,
        view.avg,
        flow_options,
        view.flows,
        list_options,
        view.list_side,
        measure_options,
        view.measure,
        [notice(n, "fallback") for n in notes],
        view.to_store(),
        view.to_query(lang),
    )


# -- summary and remittance prices ------------------------------------------------------------


def _suggestions(view: CorridorView, lang: str, _) -> html.Div | None:
    store = get_store()
    items = []
    for side, frame in (
        ("from", corridor_queries.corridor_priced_by_flow(view.flows, origin=view.sending)),
        ("to", corridor_queries.corridor_priced_by_flow(view.flows, destination=view.receiving)),
    ):
        for row in frame.head(4).itertuples():
            if (row.origin_iso3, row.destination_iso3) != (view.sending, view.receiving):
                items.append(
                    html.Li(
                        html.A(
                            f"{store.country_name(row.origin_iso3, lang)} → {store.country_name(row.destination_iso3, lang)}",
                            href=corridor_link(row.origin_iso3, row.destination_iso3, lang),
                        )
                    )
                )
    if not items:
        top = corridor_queries.corridor_priced_by_flow(FLOW_YEARS[0]).head(5)
        items = [
            html.Li(
                html.A(
                    f"{store.country_name(r.origin_iso3, lang)} → {store.country_name(r.destination_iso3, lang)}",
                    href=corridor_link(r.origin_iso3, r.destination_iso3, lang),
                )
            )
            for r in top.itertuples()
        ]
    return html.Div([html.P(_("Corridors with remittance prices:"), className="mb-1"), html.Ul(items, className="mb-0")])


STATUS_MARK = {"party": "✓", "signatory": "◐", "denounced": "✗", "not_party": "✗", "party_undated": "✓", "no_record": "?", "no_data": "?"}


def protection_table(view: CorridorView, lang: str, _) -> html.Div:
    store = get_store()
    status = pair_status(store.ratification_events, store.instruments, (view.sending, view.receiving), date.today().isoformat())
    rows = []
    for inst_id, g in status.groupby("instrument_id", sort=False):
        cells = []
        for r in g.itertuples():
            key = "no_record_partial" if r.status == "no_record" and r.completeness == "partial" else r.status
            text = _(STATUS_WITH_DATE[key], date=fmt_date(r.status_date, lang, r.date_precision), as_of=fmt_date(r.list_as_of, lang))
            cells.append(
                html.Td([html.Span(STATUS_MARK[r.status] + " ", **{"aria-hidden": "true"}), text], className=f"corridor-status corridor-status-{r.status}")
            )
        rows.append(html.Tr([html.Th(g["short_title"].iloc[0], scope="row"), *cells]))
    return html.Div(
        [
            html.H3(_("Protection at each end"), className="h5 mt-3"),
            dbc.Table(
                [
                    html.Caption(
                        _(
                            "Ratification status of the instruments on migrant workers' rights, recruitment, domestic work, violence at work and trafficking, on {date}. “No data in this release” means no ratification list was available, not that the country has not ratified.",
                            date=fmt_date(date.today().isoformat(), lang),
                        )
                    ),
                    html.Thead(
                        html.Tr(
                            [
                                html.Th(_("Instrument"), scope="col"),
                                html.Th(_("{name} (sending)", name=store.country_name(view.sending, lang)), scope="col"),
                                html.Th(_("{name} (receiving)", name=store.country_name(view.receiving, lang)), scope="col"),
                            ]
                        )
                    ),
                    html.Tbody(rows),
                ],
                bordered=False,
                striped=True,
                size="sm",
                responsive=True,
                id="corridors-protection-table",
                className="small",
            ),
            html.P(html.A(_("Sources and completeness of each ratification list"), href=href("/about", lang)), className="small"),
        ]
    )


def render_summary(view, lang):
    view, lang = checked_view(view, lang)
    if not view:
        return [], {}, "", []
    _ = translator(lang)
    store = get_store()
    a, b = view.sending, view.receiving
    na, nb = store.country_name(a, lang), store.country_name(b, lang)
    cost_ind = store.indicator(COST)
    target = cost_ind.get("target") or 3.0
    latest = corridor_queries.corridor_latest_costs(a, b)

    # -- summary cards
    if latest.empty:
        cost_body = [html.P(_("No remittance price survey for this corridor in this release."), className="mb-1"), _suggestions(view, lang, _)]
    else:
        r = latest.iloc[0]
        gap = r.latest_value - target
        verdict = (
            _("{pp} percentage points above the {target} target", pp=fmt_number(gap, lang, 1), target=fmt_percent(target, lang, 0))
            if gap > 0
            else _("meets the {target} target", target=fmt_percent(target, lang, 0))
        )
        cost_body = [
            html.P(fmt_percent(r.latest_value, lang, 1), className="display-6 mb-0", id="corridors-latest-cost"),
            html.P(_("of the amount sent, {period}: {verdict}.", period=r.latest_period, verdict=verdict), className="mb-1"),
            html.P(_("First observed {period}: {value}.", period=r.first_period, value=fmt_percent(r.first_value, lang, 1)), className="small text-muted mb-0"),
        ]
    flow_lines = []
    for y in FLOW_YEARS:
        f = corridor_queries.corridor_flows(y, origin=a, destination=b)
        flow_lines.append(
            html.Li(
                _("{year}: US$ {value} million", year=y, value=fmt_number(f.iloc[0]["value"], lang, 0)) if not f.empty else _("{year}: no estimate", year=y)
            )
        )
    evidence = corridor_queries.corridor_evidence(store.evidence, a, b, EVIDENCE_INDICATORS)
    n_exact = int((evidence["match"] == "corridor").sum())
    evidence_text = (
        _("No recruitment-cost figures for either country in this release.")
        if evidence.empty
        else _("{n} reported figures for workers from {home} in {work}; {m} more for either country.", n=n_exact, home=nb, work=na, m=len(evidence) - n_exact)
    )
    cards = dbc.Row(
        [
            dbc.Col(dbc.Card(dbc.CardBody([html.H3(_("Cost of sending money"), className="h6"), *cost_body])), md=4),
            dbc.Col(
                dbc.Card(
                    dbc.CardBody(
                        [
                            html.H3(_("Estimated remittances"), className="h6"),
                            html.Ul(flow_lines, className="mb-1", id="corridors-flow-estimates"),
                            html.P(_("Model estimates, not reported flows."), className="small text-muted mb-0"),
                        ]
                    )
                ),
                md=4,
            ),
            dbc.Col(
                dbc.Card(
                    dbc.CardBody(
                        [
                            html.H3(_("Recruitment costs"), className="h6"),
                            html.P(evidence_text),
                            html.A(_("See the evidence"), href="#corridors-recruitment-section"),
                        ]
                    )
                ),
                md=4,
            ),
        ],
        className="g-3",
    )
    summary = [
        html.P(_("Money sent from {a} to {b}; migrant workers from {b} working in {a}.", a=na, b=nb), className="mb-2"),
        cards,
        protection_table(view, lang, _),
    ]

    # -- cost series
    series = [(f"{na} → {nb}", corridor_queries.corridor_cost_series(a, b))]
    for key in list(view.compare):
        o, d = key.split("-")
        series.append((f"{store.country_name(o, lang)} → {store.country_name(d, lang)}", corridor_queries.corridor_cost_series(o, d)))
    aggregate = None
    if view.avg in ("mean", "weighted"):
        agg = corridor_queries.corridor_mean_cost(view.avg, "2021")
        lo, hi = int(agg["n_corridors"].min()), int(agg["n_corridors"].max())
        label = (
            _("Simple mean over the corridors priced each quarter ({lo}–{hi})", lo=lo, hi=hi)
            if view.avg == "mean"
            else _("Mean weighted by 2021 estimated flows ({lo}–{hi} corridors)", lo=lo, hi=hi)
        )
        aggregate = (label, agg)
    end = cost_ind.get("coverage", {}).get("periods", ["", ""])[-1]
    subtitle = _("{unit}; quarterly; the series ends in {end}", unit=cost_ind.get("unit", ""), end=end)
    if aggregate:
        subtitle += " · " + _("the corridors averaged change over time")
    fig = figs.cost_series_figure(series, cost_ind, _("Cost of sending money: {a} → {b}", a=na, b=nb), subtitle, _, aggregate)

    first = series[0][1]
    if first.empty:
        text = [_("No remittance prices for {a} → {b}.", a=na, b=nb)]
    else:
        text = [
            _(
                "From {p0} to {p1}, the average cost of sending money from {a} to {b} went from {v0} to {v1} of the amount sent ({n} quarters observed). The SDG 10.c target is 3 %; 5 % is the corridor threshold.",
                p0=first["period"].iloc[0],
                p1=first["period"].iloc[-1],
                a=na,
                b=nb,
                v0=fmt_percent(first["value"].iloc[0], lang, 1),
                v1=fmt_percent(first["value"].iloc[-1], lang, 1),
                n=len(first),
            )
        ]
    text += [" ", html.A(_("All corridors as a table"), href="#corridors-table-section")]
    cost_notes = [
        notice(
            _(
                "Remittance prices end in {end}: no corridor prices after that are in this release (World Bank RPW, data as of {as_of}).",
                end=end,
                as_of=cost_ind.get("as_of"),
            ),
            "stale",
        ),
        html.Details([html.Summary(_("Amount basis and caveats"), className="small"), html.P(cost_ind.get("caveats", ""), className="small")]),
        source_line(cost_ind, lang),
        national_costs(a, b, lang, _),
    ]
    return summary, fig, html.P(text), cost_notes


def national_costs(sending: str, receiving: str, lang: str, _) -> html.Div | None:
    """The corridor's cost as a national statistical office publishes it (SDG 10.c.1), beside the World Bank series."""
    rows = corridor_queries.corridor_national_cost_series(sending, receiving)
    ind = get_store().indicator(corridor_queries.NATIONAL_COST)
    if rows.empty or ind is None:
        return None
    notes = [n for n in dict.fromkeys(rows["note"].dropna().astype(str)) if n.strip()]
    table = html.Table(
        [
            html.Caption(_("{title}: every year the national office publishes for this corridor", title=ind["title"])),
            html.Thead(html.Tr([html.Th(_("Year"), scope="col"), html.Th(_("Cost, % of the amount sent"), scope="col")])),
            html.Tbody(
                [html.Tr([html.Th(str(r.period), scope="row"), html.Td(fmt_percent(r.value, lang, int(ind.get("decimals", 2))))]) for r in rows.itertuples()]
            ),
        ],
        className="table table-sm small w-auto",
        id="corridors-national-cost-table",
    )
    return html.Section(
        [
            html.H3([html.Span(ind["title"], **data_lang(lang)), national_marker(ind, lang)], className="h6 mt-3"),
            table,
            html.P(" ".join(notes), className="small text-muted", **data_lang(lang)) if notes else None,
            source_line(ind, lang),
        ],
        id="corridors-national-costs",
    )


# -- all corridors of one country, and the cost map -------------------------------------------


def render_table(view, lang):
    view, lang = checked_view(view, lang)
    if not view:
        return [], [], "", "", {}, ""
    _ = translator(lang)
    store = get_store()
    focus = view.side(view.list_side)
    by_origin = view.list_side == "from"
    name = lambda iso3: store.country_name(iso3, lang)  # noqa: E731
    cost_ind = store.indicator(COST)
    latest = corridor_queries.corridor_latest_costs(origin=focus) if by_origin else corridor_queries.corridor_latest_costs(destination=focus)
    flows = corridor_queries.corridor_flows(view.flows, origin=focus) if by_origin else corridor_queries.corridor_flows(view.flows, destination=focus)
    fl = dict(zip(zip(flows["origin_iso3"], flows["destination_iso3"]), flows["value"]))
    rows = [
        {
            "other": f"[{name(r.destination_iso3 if by_origin else r.origin_iso3)}]({corridor_link(r.origin_iso3, r.destination_iso3, lang)})",
            "latest_value": round(float(r.latest_value), 2),
            "latest_period": r.latest_period,
            "first_value": round(float(r.first_value), 2),
            "first_period": r.first_period,
            "change_pp": round(float(r.change_pp), 2),
            "quarters_observed": int(r.quarters_observed),
            "flow_usd_m": round(float(fl[(r.origin_iso3, r.destination_iso3)]), 1) if (r.origin_iso3, r.destination_iso3) in fl else None,
        }
        for r in latest.itertuples()
    ]
    columns = [
        {
            "field": "other",
            "headerName": _("Receiving country") if by_origin else _("Sending country"),
            "cellRenderer": "markdown",
            "minWidth": 200,
            "pinned": "left",
            "headerTooltip": _("Opens that corridor"),
        },
        {"field": "latest_value", "headerName": _("Latest cost (%)"), "type": "numericColumn", "sort": "asc"},
        {"field": "latest_period", "headerName": _("Latest quarter")},
        {"field": "change_pp", "headerName": _("Change since first quarter (points)"), "type": "numericColumn"},
        {"field": "first_period", "headerName": _("First quarter")},
        {"field": "first_value", "headerName": _("First cost (%)"), "type": "numericColumn"},
        {"field": "quarters_observed", "headerName": _("Quarters observed"), "type": "numericColumn"},
        {"field": "flow_usd_m", "headerName": _("Estimated flow {year} (US$ m)", year=view.flows), "type": "numericColumn"},
    ]
    caption = html.P(
        _(
            "{n} corridors with remittance prices {direction}. Cost: % of the amount sent (US$200), latest quarter observed in each corridor; change in percentage points since the first quarter observed; an empty flow cell means no estimate. Sort by clicking a column heading.",
            n=len(rows),
            direction=_("from {name}", name=name(focus)) if by_origin else _("to {name}", name=name(focus)),
        ),
        id="corridors-table-count",
    )
    if not rows:
        caption = notice(
            _(
                "No remittance price survey {direction} in this release.",
                direction=_("from {name}", name=name(focus)) if by_origin else _("to {name}", name=name(focus)),
            ),
            "gap",
        )
    download = html.A(
        _("Download these corridors (CSV, with source and citation)"),
        href=f"/api/v1/corridors/costs.csv?{'origin' if by_origin else 'destination'}={focus}",
        download="",
    )
    names = dict(zip(store.countries["iso3"], store.countries[f"name_{lang}"]))
    title = (
        _("Cost of sending money from {name} to each country", name=name(focus))
        if by_origin
        else _("Cost of sending money to {name} from each country", name=name(focus))
    )
    fig = figs.cost_map(
        latest,
        store.countries,
        focus,
        cost_ind,
        title,
        _("Latest quarter observed in each corridor; % of the amount sent (US$200); prices end in 2020Q3"),
        _,
        names,
        focus_is_sending=by_origin,
    )
    if latest.empty:
        text = _("No corridor prices to map.")
    else:
        lo, hi = latest.loc[latest["latest_value"].idxmin()], latest.loc[latest["latest_value"].idxmax()]
        other = "destination_iso3" if by_origin else "origin_iso3"
        text = _(
            "{n} corridors: cheapest {cheap} ({v_cheap}), most expensive {dear} ({v_dear}); {k} of them meet the 3 % target.",
            n=len(latest),
            cheap=name(lo[other]),
            v_cheap=fmt_percent(lo["latest_value"], lang, 1),
            dear=name(hi[other]),
            v_dear=fmt_percent(hi["latest_value"], lang, 1),
            k=int((latest["latest_value"] <= 3.0).sum()),
        )
    return rows, columns, caption, download, fig, html.P(text)


# -- estimated flows and country totals -------------------------------------------------------


def render_flows(view, lang):
    view, lang = checked_view(view, lang)
    if not view:
        return {}, "", {}, {}, {}, {}, "", []
    _ = translator(lang)
    store = get_store()
    a, b, year = view.sending, view.receiving, view.flows
    na, nb = store.country_name(a, lang), store.country_name(b, lang)
    names = dict(zip(store.countries["iso3"], store.countries[f"name_{lang}"]))
    flow_ind = store.indicator(FLOWS)
    out_a = corridor_queries.corridor_flows(year, origin=a)
    in_b = corridor_queries.corridor_flows(year, destination=b)
    pair = corridor_queries.corridor_flows(year, origin=a, destination=b)
    chosen = pd.concat([out_a.head(TOP_FLOWS), in_b.head(TOP_FLOWS), pair]).drop_duplicates(["origin_iso3", "destination_iso3"])
    lines = corridor_geo.flow_lines(chosen, store.countries)
    subtitle = _("{year} model estimates, US$ million; line width grows with the estimate; the selected corridor is black", year=year)
    flow_map = figs.flow_map(
        lines, store.countries, (a, b), flow_ind, _("Largest estimated remittance flows from {a} and to {b}", a=na, b=nb), subtitle, _, names
    )
    bars_from = figs.flow_bars(
        out_a.head(TOP_FLOWS),
        "destination_iso3",
        b,
        flow_ind,
        _("Largest estimated flows from {name}", name=na),
        _("{year} model estimates, US$ million", year=year),
        _,
        names,
    )
    bars_to = figs.flow_bars(
        in_b.head(TOP_FLOWS),
        "origin_iso3",
        a,
        flow_ind,
        _("Largest estimated flows to {name}", name=nb),
        _("{year} model estimates, US$ million", year=year),
        _,
        names,
    )
    if pair.empty:
        text = _("No {year} estimate for {a} → {b}.", year=year, a=na, b=nb)
    else:
        rank = int((out_a["value"] > pair.iloc[0]["value"]).sum()) + 1
        text = _(
            "In the {year} estimates, US$ {value} million went from {a} to {b}, ranked {rank} of the {n} corridors from {a} by size.",
            year=year,
            value=fmt_number(pair.iloc[0]["value"], lang, 0),
            a=na,
            b=nb,
            rank=rank,
            n=len(out_a),
        )

    # country totals over time
    if view.measure == "gdp":
        ind = store.indicator("remittances_received_pct_gdp")
        received = figs.country_series_figure(
            [(ind["publisher"], iq.country_indicator_series(ind["id"], b), ind)],
            _("Remittances received by {name}", name=nb),
            ind["unit"],
            ind.get("unit", ""),
            _,
        )
        paid = figs.country_series_figure([], _("Remittances paid by {name}", name=na), _("No share-of-GDP series for remittances paid in this release"), "", _)
        series_text = _("Shown as a share of GDP for the receiving country only.")
    else:

        def usd_series(wdi_id, knomad_id, iso3):
            wdi, kn = store.indicator(wdi_id), store.indicator(knomad_id)
            w = iq.country_indicator_series(wdi_id, iso3).assign(value=lambda d: d["value"] / 1e6)  # US$ -> US$ million
            return [(_("{publisher} (WDI)", publisher=wdi["publisher"]), w, wdi), (kn["publisher"], iq.country_indicator_series(knomad_id, iso3), kn)]

        rec = usd_series("remittances_received_usd", "remittance_inflows_knomad_usd_m", b)
        pay = usd_series("remittances_paid_usd", "remittance_outflows_knomad_usd_m", a)
        received = figs.country_series_figure(
            rec, _("Remittances received by {name}", name=nb), _("US$ million, current prices; two publishers"), _("US$ million"), _
        )
        paid = figs.country_series_figure(pay, _("Remittances paid by {name}", name=na), _("US$ million, current prices; two publishers"), _("US$ million"), _)
        parts = []
        for label, df, _ind in rec[1:]:
            if not df.empty:
                parts.append(
                    _(
                        "{b} received US$ {value} million in {year} ({source}).",
                        b=nb,
                        value=fmt_number(df["value"].iloc[-1], lang, 0),
                        year=int(df["year"].iloc[-1]),
                        source=label,
                    )
                )
                est = df[df["obs_type"] == "estimate"]["year"].tolist()
                if est:
                    parts.append(_("Values for {years} are the publisher's estimates.", years=", ".join(str(y) for y in est)))
        for label, df, _ind in pay[1:]:
            if not df.empty:
                parts.append(
                    _(
                        "{a} paid out US$ {value} million in {year} ({source}).",
                        a=na,
                        value=fmt_number(df["value"].iloc[-1], lang, 0),
                        year=int(df["year"].iloc[-1]),
                        source=label,
                    )
                )
        series_text = " ".join(parts) or _("No country totals for these two countries.")
    notes = [
        notice(
            _(
                "Bilateral flows are model estimates, not reported flows. The 2017 and 2021 matrices come from different methods and data, so differences between them are not growth rates."
            ),
            "info",
        ),
        html.Details([html.Summary(_("Caveats"), className="small"), html.P(flow_ind.get("caveats", ""), className="small")]),
        source_line(flow_ind, lang),
    ]
    return flow_map, html.P(text), bars_from, bars_to, received, paid, html.P(series_text), notes


# -- recruitment-cost evidence -----------------------------------------------------------------


def render_recruitment(view, lang):
    view, lang = checked_view(view, lang)
    if not view:
        return []
    _ = translator(lang)
    store = get_store()
    a, b = view.sending, view.receiving
    name = lambda iso3: store.country_name(iso3, lang) if isinstance(iso3, str) else None  # noqa: E731
    ev = corridor_queries.corridor_evidence(store.evidence, a, b, EVIDENCE_INDICATORS)
    main = store.indicator("recruitment_cost_evidence") or {}
    intro = [
        html.P(
            [
                html.Strong(_("SDG indicator 10.7.1") + ": "),
                _("recruitment cost borne by the employee as a proportion of monthly income earned in the country of destination."),
            ]
        ),
        html.P(main.get("definition", ""), className="small"),
        notice(
            _(
                "These figures are not a comparable series: they come from different surveys, corridors, years, currencies and definitions. They are listed with their source, never mapped or lined up as one series."
            ),
            "gap",
        ),
    ]
    groups = {
        "corridor": _("Workers from {home} in {work}", home=name(b), work=name(a)),
        "origin": _("Workers from {home}, other or unstated destinations", home=name(b)),
        "destination": _("Workers in {work}, other or unstated origins", work=name(a)),
    }
    sections = []
    for match, title in groups.items():
        sub = ev[ev["match"] == match]
        if sub.empty:
            sections.append(html.Div([html.H3(title, className="h6 mt-3"), html.P(_("No reported figures in this release."), className="small text-muted")]))
            continue
        body = []
        for r in sub.itertuples():
            route = f"{name(r.origin_iso3) or _('unstated')} → {name(r.destination_iso3) or _('all or unstated destinations')}"
            value = "–" if r.value != r.value else fmt_number(r.value, lang, 0 if abs(r.value) >= 100 else 1)
            when = r.period if isinstance(r.period, str) else (str(r.year) if r.year is not None and r.year == r.year else "–")
            source = [r.publisher, html.Br(), html.Span(r.citation, className="text-muted")]
            if isinstance(r.url, str) and r.url.startswith(("http://", "https://")):
                source += [html.Br(), html.A(_("Source page (opens in a new tab)"), href=r.url, rel="noopener noreferrer", target="_blank")]
            body.append(
                html.Tr(
                    [
                        html.Td(route),
                        html.Td(_(SEX_NAMES.get(r.sex, r.sex))),
                        html.Td(r.measure),
                        html.Td(value, className="text-end text-nowrap"),
                        html.Td(r.unit),
                        html.Td(when),
                        html.Td(_(SOURCE_TYPES.get(r.source_type, r.source_type))),
                        html.Td(source, className="small"),
                    ]
                )
            )
        table = dbc.Table(
            [
                html.Thead(
                    html.Tr(
                        [
                            html.Th(h, scope="col")
                            for h in (_("Corridor"), _("Sex"), _("Measure"), _("Value"), _("Unit"), _("Period"), _("Source type"), _("Source"))
                        ]
                    )
                ),
                html.Tbody(body),
            ],
            size="sm",
            striped=True,
            responsive=True,
            className="small evidence-table",
            id=f"corridors-evidence-{match}",
        )
        heading = _("{title} ({n})", title=title, n=len(sub))
        if match == "corridor":
            sections.append(html.Div([html.H3(heading, className="h6 mt-3"), table]))
        else:  # wider evidence folds away, so the corridor's own figures come first
            sections.append(html.Details([html.Summary(html.H3(heading, className="h6 d-inline")), table], className="mt-3"))
    footer = [source_line(main, lang)]
    kor = store.indicator("recruitment_cost_sdg1071_kor")
    if kor and (a == "KOR" or b == "KOR"):
        footer.append(html.P(kor.get("caveats", ""), className="small text-muted"))
    return intro + sections + footer


LANG = [("corridors-lang", "data")]
VIEW = [("corridors-view", "data")]
# (view, outputs, inputs, states): registered as callbacks, and run by the page layout for its first draw
# (dashboard.views.prerender), in this order -- update_view settles the view the others draw.
VIEWS = [
    View(*view)
    for view in [
        (
            update_view,
            [
                ("corridors-from", "value"),
                ("corridors-to", "value"),
                ("corridors-compare", "value"),
                ("corridors-compare", "options"),
                ("corridors-avg", "options"),
                ("corridors-avg", "value"),
                ("corridors-flows", "options"),
                ("corridors-flows", "value"),
                ("corridors-list", "options"),
                ("corridors-list", "value"),
                ("corridors-measure", "options"),
                ("corridors-measure", "value"),
                ("corridors-notices", "children"),
                ("corridors-view", "data"),
                ("url", "search"),
            ],
            [
                ("corridors-from", "value"),
                ("corridors-to", "value"),
                ("corridors-compare", "value"),
                ("corridors-avg", "value"),
                ("corridors-flows", "value"),
                ("corridors-list", "value"),
                ("corridors-measure", "value"),
                ("corridors-swap", "n_clicks"),
            ],
            [("corridors-requested", "data"), *LANG],
        ),
        (
            render_summary,
            [("corridors-summary", "children"), ("corridors-cost-chart", "figure"), ("corridors-cost-text", "children"), ("corridors-cost-notes", "children")],
            VIEW,
            LANG,
        ),
        (
            render_table,
            [
                ("corridors-table", "rowData"),
                ("corridors-table", "columnDefs"),
                ("corridors-table-caption", "children"),
                ("corridors-table-download", "children"),
                ("corridors-cost-map", "figure"),
                ("corridors-cost-map-text", "children"),
            ],
            VIEW,
            LANG,
        ),
        (
            render_flows,
            [
                ("corridors-flow-map", "figure"),
                ("corridors-flow-text", "children"),
                ("corridors-flow-bars-from", "figure"),
                ("corridors-flow-bars-to", "figure"),
                ("corridors-received-chart", "figure"),
                ("corridors-paid-chart", "figure"),
                ("corridors-country-flows-text", "children"),
                ("corridors-flows-notes", "children"),
            ],
            VIEW,
            LANG,
        ),
        (render_recruitment, [("corridors-recruitment", "children")], VIEW, LANG),
    ]
]
