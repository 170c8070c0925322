"""/country/<ISO3> -- everything the data says about one country, block by block, each with its source.

Also /country (the index: every country or area, by region). An unknown or malformed code gets a
"no such country" page with the search box (HTTP 404 on a full load, see dashboard/api/countries.py,
which also redirects lower-case codes to the canonical upper-case address).
Components only: the profile is assembled (and memoized) in dashboard/countries/profiles.py.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.countries import profiles
from dashboard.data import DataError, get_store
from dashboard.figures.country import small_trend
from dashboard.figures.style import source_text
from dashboard.i18n import N_, fmt_date, fmt_number, parse_lang, translator
from dashboard.indicators.queries import is_national_figure
from dashboard.ratifications.labels import ACTION_LABELS, STATUS_LABELS
from dashboard.views.components import graph, href, national_marker, notice, page_title
from dashboard.views.country import VIEWS, Refs, fmt_value, label_slice
from dashboard.views.prerender import prerender

ROUTE = r"/country(?:/(?P<code>[^/]{0,300}))?/?"
NAV_ORDER = 30
NAV_PATH = "/country"
NAV_LABEL = N_("Countries")
TITLE = N_("Country profiles")

SOURCE_TYPE_LABELS = {
    "official_survey": "Official survey",
    "official_admin": "Official administrative data",
    "secondary_estimate": "Secondary estimate",
    "press_report": "Press report",
    "ngo_survey": "NGO survey",
}
PRINT_MAX_ROWS = 3  # long evidence tables: rows shown in the print brief (the rest: "N more online")
BREAKDOWN_LABELS = {
    "migrant": "Migrant workers",
    "migrant_eu": "Migrants from the EU",
    "migrant_non_eu": "Migrants from outside the EU",
    "non_migrant": "Non-migrant workers",
}


def country_options(lang: str) -> list[dict]:
    """Every country or area, by name in the page language; the ISO3 code (the value) and the English name
    are searchable too. dcc.Dropdown indexes every substring of every word of the value, label and
    ``search`` when the page mounts (this list is in every page's header), so ``search`` holds only what
    label and value do not: the English name, where it differs."""
    store = get_store()
    col = f"name_{lang}" if f"name_{lang}" in store.countries.columns else "name_en"
    rows = sorted(zip(store.countries[col], store.countries["iso3"], store.countries["name_en"]), key=lambda r: r[0].casefold())
    return [{"label": name, "value": iso3, **({"search": en} if en != name else {})} for name, iso3, en in rows]


def search_box(lang: str, where: str = "header") -> html.Div:
    """Type-ahead country search; choosing a country opens its profile (callbacks/country_search.py)."""
    _ = translator(lang)
    input_id = f"country-search-{where}"  # "header" (every page) or "page" (index and not-found pages)
    try:
        options = country_options(lang)
    except DataError:
        options = []
    return html.Div(
        [
            html.Label(_("Find a country"), htmlFor=input_id, className="visually-hidden" if where == "header" else "form-label"),
            dcc.Dropdown(
                id=input_id,
                options=options,
                value=None,
                placeholder=_("Find a country…"),
                searchable=True,
                clearable=True,
                optionHeight=32,
                maxHeight=320,
                className="country-search-dropdown",
                persistence=False,
            ),
        ],
        className=f"country-search country-search-{where}",
        role="search",
        **{"aria-label": _("Country search")},
    )


# -- pieces ------------------------------------------------------------------------------------
def _source_cell(ind: dict, _) -> html.Span:
    return html.Span([ind.get("publisher", ""), html.Br(), _("data as of {date}", date=ind.get("as_of") or "–")], className="small text-muted")


# Headlines the printed brief leaves out so it stays within two A4 pages (the screen shows them).
NOT_PRINTED = ("emigrant_women_share", "population", "trafficking_victims_per_100k")


def _headline_table(rows: list[dict], store, lang: str, table_id: str, caption: str, refs: Refs) -> html.Table:
    _ = translator(lang)
    body = []
    for h in rows:
        ind = store.indicator(h["indicator_id"])
        if h["value"] is None and is_national_figure(ind):
            continue  # a national office's own figure exists for a few countries only: its absence is no gap
        label = [ind["title"] + label_slice(h, _), national_marker(ind, lang), refs.source(ind.get("source_ids"))]
        if h["value"] is None:
            missing = _("No data for {year}", year=h["wanted_year"]) if h.get("wanted_year") else _("No data")
            body.append(
                html.Tr(
                    [html.Th(label, scope="row"), html.Td(missing, className="no-data", colSpan=3), html.Td(_source_cell(ind, _), className="source-col")],
                    className="print-hide" if h["key"] in NOT_PRINTED else None,
                    **{"data-key": h["key"]},
                )
            )
            continue
        value = [fmt_value(h["value"], ind, lang), refs.note(h.get("note"))]
        if h.get("lower") is not None and h.get("upper") is not None:
            value += [
                html.Br(),
                html.Span(_("interval {lower} to {upper}", lower=fmt_value(h["lower"], ind, lang), upper=fmt_value(h["upper"], ind, lang)), className="small"),
            ]
        body.append(
            html.Tr(
                [
                    html.Th(label, scope="row"),
                    html.Td(value, className="value"),
                    html.Td(str(h["year"]), className="year"),
                    html.Td(profiles.comparison_text(h.get("region"), ind, lang), className="region small"),
                    html.Td(_source_cell(ind, _), className="source-col"),
                ],
                className="print-hide" if h["key"] in NOT_PRINTED else None,
                **{"data-key": h["key"], "data-note": "" if not h.get("note") else refs.marks[h["note"]]},
            )
        )
    head = html.Thead(
        html.Tr(
            [
                html.Th(_("Indicator"), scope="col"),
                html.Th(_("Value"), scope="col"),
                html.Th(_("Year"), scope="col"),
                html.Th(_("Region (same year)"), scope="col"),
                html.Th(_("Source"), scope="col", className="source-col"),
            ]
        )
    )
    return dbc.Table(
        [html.Caption(caption, className="visually-hidden"), head, html.Tbody(body)],
        id=table_id,
        size="sm",
        bordered=False,
        striped=True,
        responsive=True,
        className="profile-table",
    )


def _chart(
    store,
    frame,
    spec: list[tuple[tuple, str]],
    chart_id: str,
    title: str,
    lang: str,
    indicator_ids: list[str],
    refs=None,
    decimals=1,
    scale=1.0,
    unit="",
    notes: Refs | None = None,
    printed: bool = True,
):
    """A small chart, its generated text alternative (with the notes of the values drawn) and its
    data table (in a <details>). ``printed=False``: left out of the print brief."""
    _ = translator(lang)
    present = [
        (k, label)
        for k, label in spec
        if not frame[(frame["indicator_id"] == k[0]) & (frame["sex"] == k[1]) & (frame["age"] == k[2]) & (frame["breakdown"] == k[3])].empty
    ]
    if not present:
        return html.Div(notice(_("No data to chart: {title}.", title=title), "gap"), className=None if printed else "print-hide")
    sources = "; ".join(dict.fromkeys(source_text(store.indicator(i)) for i in indicator_ids))
    fig = small_trend(frame, present, title, unit, sources, reference_lines=refs, decimals=decimals, scale=scale)
    summary, rows = [], []
    for (ind, sex, age, bd), label in present:
        s = frame[(frame["indicator_id"] == ind) & (frame["sex"] == sex) & (frame["age"] == age) & (frame["breakdown"] == bd)].sort_values("year")
        first, last = s.iloc[0], s.iloc[-1]
        summary.append(
            _(
                "{label}: {first} in {y0}, {last} in {y1}.",
                label=label,
                first=fmt_number(first["value"] / scale, lang, decimals),
                y0=int(first["year"]),
                last=fmt_number(last["value"] / scale, lang, decimals),
                y1=int(last["year"]),
            )
        )
        if notes is not None and "note" in s.columns:
            summary += notes.notes(s["note"].tolist(), printed)
        summary.append(" ")
        rows += [html.Tr([html.Td(label), html.Td(int(r.year)), html.Td(fmt_number(r.value / scale, lang, decimals))]) for r in s.itertuples()]
    table_id = f"{chart_id}-table"
    return html.Figure(
        [
            graph(chart_id, fig, height="300px", lang=lang),
            html.Figcaption([*summary, html.A(_("Data table"), href=f"#{table_id}")], className="small chart-summary", id=f"{chart_id}-summary"),
            html.Details(
                [
                    html.Summary(_("Data table for this chart")),
                    dbc.Table(
                        [html.Thead(html.Tr([html.Th(_("Series")), html.Th(_("Year")), html.Th(unit or _("Value"))])), html.Tbody(rows)],
                        size="sm",
                        className="small",
                    ),
                ],
                id=table_id,
                className="chart-data no-print",
            ),
        ],
        className="profile-chart" if printed else "profile-chart print-hide",
    )


def _ratifications(p: dict, lang: str, refs: Refs) -> html.Div:
    _ = translator(lang)
    source_ids = {i["id"]: i.get("source_ids") for i in refs.store.catalog["instruments"]}
    rows, not_party, incomplete, no_data = [], [], [], []
    for r in p["ratifications"]:
        status = _(STATUS_LABELS[r["status"]])
        if r["status"] == "no_record":
            incomplete.append(r)
        elif r["status"] == "not_party":
            not_party.append(r)
        elif r["status"] == "no_data":
            no_data.append(r)
        when = fmt_date(r["date"], lang, r.get("date_precision")) if r["date"] else "–"
        if r["action"] and r["action"] != "ratification":
            when = f"{when} ({_(ACTION_LABELS.get(r['action'], r['action']))})"
        peers = "–" if r["peers_total"] is None or r["status"] == "no_data" else _("{k} of {n}", k=r["peers_parties"], n=r["peers_total"])
        note = None
        if r["status"] in ("no_record", "party_undated") and r["completeness"] in ("partial", "stale"):
            note = html.Span(r["completeness_note"], className="small text-muted d-block")
        rows.append(
            html.Tr(
                [
                    html.Th(
                        [r["short_title"], refs.source(source_ids.get(r["instrument_id"])), html.Span(r["title"], className="small text-muted d-block")],
                        scope="row",
                    ),
                    html.Td([html.Span(status, className=f"status status-{r['status']}"), note]),
                    html.Td(when),
                    html.Td(r["depositary"] or "–", className="small depositary-col"),
                    html.Td(peers),
                    html.Td(r["as_of"] or "–", className="small"),
                ],
                **{"data-instrument": r["instrument_id"], "data-status": r["status"]},
            )
        )
    peers_name = next((r["peers_name"] for r in p["ratifications"] if r["peers_name"]), None)
    head = html.Thead(
        html.Tr(
            [
                html.Th(_("Instrument"), scope="col"),
                html.Th(_("Status"), scope="col"),
                html.Th(_("Date"), scope="col"),
                html.Th(_("Depositary"), scope="col", className="depositary-col"),
                html.Th(_("Parties in {region}", region=peers_name) if peers_name else _("Regional parties"), scope="col"),
                html.Th(_("Source as of"), scope="col"),
            ]
        )
    )
    lists = []
    if not_party:
        lists.append(html.P([html.Strong(_("Not a party to") + ": "), ", ".join(r["short_title"] for r in not_party) + "."], id="country-not-party"))
    if incomplete:
        lists.append(
            notice(
                [
                    html.Strong(_("No record, but our list is incomplete or stale") + ": "),
                    ", ".join(r["short_title"] for r in incomplete) + ". ",
                    _("Absence from an incomplete list does not mean the country is not a party."),
                ],
                "stale",
            )
        )
    if no_data:
        lists.append(
            notice(
                [
                    html.Strong(_("No ratification data in this release") + ": "),
                    ", ".join(r["short_title"] for r in no_data) + ". ",
                    no_data[0]["completeness_note"] or "",
                ],
                "gap",
            )
        )
    return html.Div(
        [
            dbc.Table([head, html.Tbody(rows)], id="country-ratifications-table", size="sm", striped=True, responsive=True, className="profile-table"),
            *lists,
            html.P(
                _(
                    "Regional parties: UN member and observer states of the sub-region that are parties (with or without a date in our data). Sources: the depositaries' records as listed on the About page."
                ),
                className="small text-muted",
            ),
        ]
    )


def _corridors(p: dict, store, lang: str, refs: Refs) -> html.Div:
    _ = translator(lang)
    ind = store.indicator("remittance_corridor_cost")
    items = []
    for side, heading in (("to", _("Sending money to the country")), ("from", _("Sending money from the country"))):
        c = p["corridors"][side]
        if not c["n"]:
            items.append(html.Li([html.Strong(heading + ": "), _("no corridor surveyed")], **{"data-side": side}))
            continue
        other = "origin_iso3" if side == "to" else "destination_iso3"
        cheap, dear = c["cheapest"], c["dearest"]
        items.append(
            html.Li(
                [
                    html.Strong(heading + ": "),
                    _(
                        "{n} corridors surveyed; cheapest {cheap_cost} ({cheap_country}, {cheap_period}), most expensive {dear_cost} ({dear_country}, {dear_period}).",
                        n=c["n"],
                        cheap_cost=fmt_value(cheap["latest_value"], ind, lang),
                        cheap_country=store.country_name(cheap[other], lang),
                        cheap_period=cheap["latest_period"],
                        dear_cost=fmt_value(dear["latest_value"], ind, lang),
                        dear_country=store.country_name(dear[other], lang),
                        dear_period=dear["latest_period"],
                    ),
                ],
                **{"data-side": side},
            )
        )
    return html.Div(
        [
            html.H3([_("Corridors"), refs.source(ind.get("source_ids"))], className="h6"),
            html.Ul(items, id="country-corridors"),
            html.P(
                _("Latest survey of each corridor; corridors last surveyed in different quarters are not strictly comparable."), className="small text-muted"
            ),
            _source_para(ind, lang),
        ]
    )


def _source_para(ind: dict, lang: str) -> html.P:
    _ = translator(lang)
    return html.P(
        [html.Strong(_("Source") + ": "), ind.get("publisher", ""), " · ", _("data as of {date}", date=ind.get("as_of") or "–"), " · ", ind.get("licence", "")],
        className="source-line small text-muted",
    )


def _recruitment(p: dict, store, lang: str, refs: Refs) -> html.Div:
    _ = translator(lang)
    ev = p["recruitment"]
    if ev.empty:
        return notice(
            _(
                "No recruitment-cost figures were reported for this country as origin or destination in the sources we hold (no official SDG 10.7.1 series exists yet)."
            ),
            "gap",
        )
    rows = []
    for i, r in enumerate(ev.itertuples()):
        printed = i < PRINT_MAX_ROWS
        route = f"{store.country_name(r.origin_iso3, lang) if isinstance(r.origin_iso3, str) else '…'} → {store.country_name(r.destination_iso3, lang) if isinstance(r.destination_iso3, str) else '…'}"
        value = "–" if r.value != r.value else f"{fmt_number(r.value, lang, 1 if r.value % 1 else 0)} {r.unit}"
        rows.append(
            html.Tr(
                [
                    html.Td(r.measure),
                    html.Td(route),
                    html.Td([value, refs.note(r.note, printed)]),
                    html.Td(r.period if isinstance(r.period, str) else "–"),
                    html.Td(html.Span(_(SOURCE_TYPE_LABELS[r.source_type]), className=f"source-type source-type-{r.source_type}")),
                    html.Td(html.Span(r.publisher, className="small"), className="source-col"),
                ],
                className=None if printed else "print-hide",
            )
        )
    if len(ev) > PRINT_MAX_ROWS:
        path = "/country/" + p["iso3"]
        rows.append(
            html.Tr(
                html.Td(_("{n} more in the online profile ({path}).", n=len(ev) - PRINT_MAX_ROWS, path=path), colSpan=6), className="print-only more-online"
            )
        )
    head = html.Thead(
        html.Tr(
            [
                *(html.Th(_(x), scope="col") for x in ("What was measured", "Route", "Value", "Period", "Kind of source")),
                html.Th(_("Publisher"), scope="col", className="source-col"),
            ]
        )
    )
    ind = store.indicator("recruitment_cost_evidence")
    return html.Div(
        [
            html.H3([_("Recruitment costs reported"), refs.source(sorted(set(ev["source_id"].dropna())))], className="h6"),
            notice(_("Reported figures, not a comparable series: each has its own survey, route, currency and definition."), "info"),
            dbc.Table([head, html.Tbody(rows)], id="country-recruitment-table", size="sm", striped=True, responsive=True, className="profile-table small"),
            _source_para(ind, lang),
        ]
    )


def _injuries(p: dict, store, lang: str, refs: Refs):
    _ = translator(lang)
    inj = p["injuries"]
    if inj.empty:
        return notice(_("No occupational-injury figures by migrant status for this country."), "gap")
    rows = [
        html.Tr(
            [
                html.Td(store.indicator(r.indicator_id)["title"]),
                html.Td(_(BREAKDOWN_LABELS.get(r.breakdown, r.breakdown))),
                html.Td(int(r.year)),
                html.Td([fmt_value(r.value, store.indicator(r.indicator_id), lang), refs.note(r.note)]),
            ]
        )
        for r in inj.itertuples()
    ]
    head = html.Thead(html.Tr([html.Th(_(x), scope="col") for x in ("Indicator", "Workers", "Year", "Value")]))
    return html.Div(
        [
            html.H3(
                [_("Occupational injuries by migrant status"), refs.source(store.indicator("occupational_injury_fatal").get("source_ids"))], className="h6"
            ),
            dbc.Table([head, html.Tbody(rows)], id="country-injuries-table", size="sm", striped=True, className="profile-table"),
            _source_para(store.indicator("occupational_injury_fatal"), lang),
        ]
    )


def _gaps(p: dict, lang: str) -> html.Div:
    _ = translator(lang)
    if not p["gaps"]:
        return html.P(_("Every country-level indicator tracked here has a recent value for this country."))
    items = []
    for g in p["gaps"]:
        if g["kind"] == "missing":
            why = _("no value for this country: the source covers {n} countries (data as of {date}).", n=g["n_countries"], date=g["as_of"] or "–")
        else:
            why = _(
                "latest value is from {year}, while the source has values up to {latest} for other countries.",
                year=g["latest_year"],
                latest=g["source_latest_year"],
            )
        items.append(
            html.Li(
                [
                    html.Strong(g["title"]),
                    html.Span([": ", why], className="gap-why"),
                    html.Span(" " + (g["caveats"] or ""), className="small text-muted d-block"),
                ],
                **{"data-indicator": g["indicator_id"], "data-kind": g["kind"]},
            )
        )
    return html.Ul(items, id="country-gaps-list")


def _section(title: str, sid: str, children, refs: Refs | None = None) -> html.Section:
    """A block of the profile; ``refs``: end it with the notes its values introduced."""
    return html.Section(
        [html.H2(title, className="h4 mt-4", id=f"{sid}-heading"), *children, refs.flush() if refs else None],
        id=sid,
        className="profile-section",
        **{"aria-labelledby": f"{sid}-heading"},
    )


def _identity(p: dict, lang: str) -> html.Dl:
    _ = translator(lang)
    i = p["identity"]
    items = [
        (_("UN name"), i["names"].get(lang) or i["name_en"]),
        (_("ISO code / M49"), f"{i['iso3']} / {i['m49'] or '–'}"),
        (_("Region"), i["region_name"] or "–"),
        (_("Sub-region"), i["subregion_name"] or "–"),
        (_("SDG region"), i["sdg_region"] or "–"),
        (_("Income group (World Bank)"), i["income_group"] or _("Not classified")),
        (_("UN status"), {"member": _("Member State"), "observer": _("Observer State"), "other": _("Territory or area")}[i["un_status"]]),
    ]
    return html.Dl([x for k, v in items for x in (html.Dt(k), html.Dd(v))], className="profile-identity small", id="country-identity")


# -- pages -------------------------------------------------------------------------------------
def _index(lang: str) -> html.Div:
    _ = translator(lang)
    store = get_store()
    col = f"name_{lang}"
    groups = []
    c = store.countries.assign(region_label=store.countries["region_name"].fillna(_("Other areas")))
    for region, g in sorted(c.groupby("region_label"), key=lambda kv: kv[0]):
        links = [html.Li(html.A(n, href=href(f"/country/{iso}", lang))) for n, iso in sorted(zip(g[col], g["iso3"]), key=lambda r: r[0].casefold())]
        groups.append(html.Section([html.H2(region, className="h5 mt-3"), html.Ul(links, className="country-index-list")]))
    return html.Div(
        [
            page_title(
                _("Country profiles"), _("Every country or area in the data: ratifications, migration costs, violence and exploitation, and what is missing.")
            ),
            search_box(lang, "page"),
            *groups,
        ]
    )


def _not_found(lang: str, code) -> html.Div:
    _ = translator(lang)
    shown = str(code or "")[:12]
    return html.Div(
        [
            page_title(_("No such country or area")),
            notice(_("“{code}” is not the code of a country or area in our data. Search for one by name:", code=shown), "fallback", role="alert"),
            search_box(lang, "page"),
            html.P(html.A(_("All country profiles"), href=href("/country", lang)), className="mt-3"),
        ],
        id="country-not-found",
    )


def _toolbar(lang, _, store, iso3, next_iso, prev_iso):
    return html.Nav(
        [
            html.A(["← ", store.country_name(prev_iso, lang)], href=href(f"/country/{prev_iso}", lang), id="country-prev", rel="prev"),
            html.A([store.country_name(next_iso, lang), " →"], href=href(f"/country/{next_iso}", lang), id="country-next", rel="next"),
            html.A(_("Download all data (zip, with citations)"), href=f"/api/v1/countries/{iso3}.zip", id="country-download-zip", download=f"{iso3}.zip"),
            html.A(_("CSV"), href=f"/api/v1/countries/{iso3}?format=csv", id="country-download-csv", download=f"{iso3}.csv"),
        ],
        className="country-toolbar no-print",
        **{"aria-label": _("Country navigation and downloads")},
    )


def _compare_box(lang, _, compare_iso, compare_note, iso3):
    return html.Div(
        [
            html.Label(_("Compare with another country"), htmlFor="country-compare", className="form-label"),
            dcc.Dropdown(
                id="country-compare",
                options=[o for o in country_options(lang) if o["value"] != iso3],
                value=compare_iso,
                clearable=True,
                placeholder=_("Choose a country…"),
                className="country-compare-dropdown",
            ),
            compare_note,
            html.Div(id="country-compare-panel", **{"aria-live": "polite"}),
        ],
        className="country-compare no-print-if-empty mt-3",
    )


def _context_section(lang, _, store, T, p, refs, sex_lines):
    return _section(
        _("Identity and context"),
        "country-context",
        [
            dbc.Row(
                className="profile-chart-row",
                children=[
                    dbc.Col(_identity(p, lang), lg=4, className="identity-col"),
                    dbc.Col(
                        _chart(
                            store,
                            T["migrant_stock"],
                            sex_lines,
                            "country-chart-stock",
                            _("International migrants by sex, 1990–2020"),
                            lang,
                            ["migrant_stock"],
                            decimals=0,
                            unit=_("people"),
                            notes=refs,
                            printed=False,
                        ),
                        lg=8,
                        className="print-hide",
                    ),
                ],
            ),
            _headline_table(list(p["context"].values()), store, lang, "country-context-table", _("Migrant stock"), refs),
        ],
        refs,
    )


def _costs_section(lang, _, store, T, cost_lines, flow_lines, p, refs, target):
    return _section(
        _("Migration costs"),
        "country-costs",
        [
            _headline_table(list(p["costs"].values()), store, lang, "country-costs-table", _("Migration costs"), refs),
            dbc.Row(
                className="profile-chart-row costs-charts",
                children=[
                    dbc.Col(
                        _chart(
                            store,
                            T["remittance_costs"],
                            cost_lines,
                            "country-chart-costs",
                            _("Average cost of sending US$200"),
                            lang,
                            ["remittance_cost_to_country", "remittance_cost_from_country"],
                            refs=target,
                            unit=_("% of amount sent"),
                            notes=refs,
                        ),
                        lg=6,
                    ),
                    dbc.Col(
                        _chart(
                            store,
                            T["remittance_flows"],
                            flow_lines,
                            "country-chart-flows",
                            _("Personal remittances"),
                            lang,
                            ["remittances_received_usd", "remittances_paid_usd"],
                            scale=1e6,
                            decimals=0,
                            unit=_("US$ million, current"),
                            notes=refs,
                            printed=False,
                        ),
                        lg=6,
                        className="print-hide",
                    ),
                ],
            ),
            html.Div(
                [
                    notice(_("Remittance outflows as a share of GDP: not in the data we hold (the World Bank series used here covers inflows only)."), "gap"),
                    _corridors(p, store, lang, refs),
                ],
                className="costs-aside",
            ),
            _recruitment(p, store, lang, refs),
        ],
        refs,
    )


def _violence_section(lang, _, store, T, p, refs, traf_lines):
    return _section(
        _("Violence and exploitation"),
        "country-violence",
        [
            _headline_table(list(p["violence"].values()), store, lang, "country-violence-table", _("Violence and exploitation"), refs),
            dbc.Row(
                className="profile-chart-row",
                children=[
                    dbc.Col(
                        _chart(
                            store,
                            T["trafficking"],
                            traf_lines,
                            "country-chart-trafficking",
                            _("Detected victims of trafficking"),
                            lang,
                            ["trafficking_victims_detected"],
                            decimals=0,
                            unit=_("victims detected"),
                            notes=refs,
                        ),
                        lg=6,
                    ),
                    dbc.Col(_injuries(p, store, lang, refs), lg=6),
                ],
            ),
        ],
        refs,
    )


def layout(lang=None, code=None, compare=None, **_params) -> html.Div:
    lang = parse_lang(lang)
    _ = translator(lang)
    store = get_store()  # a DataError is turned into the "data not available" page by the router
    if code in (None, ""):
        return _index(lang)
    iso3 = profiles.normalise_code(code)
    if iso3 is None or not store.is_country(iso3):
        return _not_found(lang, code)
    p = profiles.country_profile(iso3)
    name = store.country_name(iso3, lang)
    prev_iso, next_iso = profiles.neighbours(store.countries, iso3, lang)
    compare_iso = profiles.normalise_code(compare) if compare else None
    compare_note = None
    if compare and (compare_iso is None or not store.is_country(compare_iso) or compare_iso == iso3):
        compare_note = notice(_("“{code}” is not another country in our data; no comparison shown.", code=str(compare)[:12]), "fallback")
        compare_iso = None
    ident = p["identity"]
    facts = profiles.key_facts_with_notes(p, store.indicators, lang)
    refs = Refs(store, lang)
    T = p["trends"]
    sex_lines = [(("migrant_stock", "female", "all", "total"), _("Women")), (("migrant_stock", "male", "all", "total"), _("Men"))]
    cost_lines = [
        (("remittance_cost_to_country", "total", "all", "total"), _("Sending to the country")),
        (("remittance_cost_from_country", "total", "all", "total"), _("Sending from the country")),
    ]
    flow_lines = [
        (("remittances_received_usd", "total", "all", "total"), _("Received")),
        (("remittances_paid_usd", "total", "all", "total"), _("Paid (sent abroad)")),
    ]
    traf_lines = [
        (("trafficking_victims_detected", "female", "all", "total"), _("Women and girls")),
        (("trafficking_victims_detected", "male", "all", "total"), _("Men and boys")),
        (("trafficking_victims_detected", "total", "<18", "total"), _("Children (under 18)")),
        (("trafficking_victims_detected", "total", "18+", "total"), _("Adults (18+)")),
    ]
    target = [(3.0, _("SDG 10.c target: 3 %"))]

    page = html.Div(
        [
            dcc.Store(id="country-iso3", data=iso3),
            dcc.Store(id="country-lang", data=lang),
            page_title(name, _("Country profile · {region} · {subregion}", region=ident["region_name"] or "–", subregion=ident["subregion_name"] or "–")),
            _toolbar(lang, _, store, iso3, next_iso, prev_iso),
            _section(
                _("Key facts"),
                "country-keyfacts",
                [
                    html.Ul([html.Li([text, *refs.notes(notes)]) for text, notes in facts], id="country-keyfacts-list", className="key-facts"),
                    html.P(
                        _("Values as of the sources' own dates; regional figures are said to be published or a median of the region's countries."),
                        className="small text-muted",
                    ),
                ],
                refs,
            ),
            _compare_box(lang, _, compare_iso, compare_note, iso3),
            _context_section(lang, _, store, T, p, refs, sex_lines),
            _section(_("Ratifications"), "country-ratifications", [_ratifications(p, lang, refs)]),
            _costs_section(lang, _, store, T, cost_lines, flow_lines, p, refs, target),
            _violence_section(lang, _, store, T, p, refs, traf_lines),
            _section(_("Data gaps"), "country-gaps", [_gaps(p, lang)]),
            refs.source_list(),
            html.P(
                [
                    _(
                        "Regional comparisons: the publisher's own figure for the sub-region (or region) where one exists, otherwise the median of the sub-region's countries with a value for the same year. Counts and money amounts are compared with the median country only."
                    ),
                    " ",
                    html.A(_("Sources, citations and licences"), href=href("/about", lang)),
                ],
                className="small text-muted mt-4 print-hide",
            ),
        ],
        className="country-profile",
        id="country-profile",
        **{"data-iso3": iso3},
    )
    prerender(page, VIEWS, {"compare": compare}, lang)  # the comparison asked for in the URL, drawn with the page
    return page
