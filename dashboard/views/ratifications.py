"""/ratifications: controls -> map, timeline, matrix, change list, country and region panels, and the URL."""

from __future__ import annotations

from dataclasses import dataclass

from dash import html, no_update

from dashboard.data import get_store
from dashboard.figures.ratifications import parties_over_time_figure, status_map
from dashboard.i18n import fmt_date, fmt_percent, parse_lang, translator
from dashboard.ratifications import queries as rq
from dashboard.ratifications.labels import (
    ACTION_LABELS,
    PARTY_STATUSES,
    STATUS_LABELS,
    STATUSES,
)
from dashboard.ratifications.status import precisions
from dashboard.ratifications.tracker import lists_ending_before

from .components import href, notice
from .prerender import View, triggered

MAX_CHANGES = 300


def _names(lang: str) -> dict[str, str]:
    c = get_store().countries
    return dict(zip(c["iso3"], c[f"name_{lang}"]))


def instrument_notice(ins: dict, as_of: str, _):
    """The completeness of the instrument's list, said prominently where it is not complete or not current."""
    current_to = ins.get("as_of")
    if ins.get("completeness") == "none":
        return notice(
            [html.Strong(_("No ratification list for this instrument in this release.") + " "), ins.get("completeness_note", "")], "gap", role="alert"
        )
    if ins.get("completeness") in ("partial", "stale"):
        kind = "stale" if ins["completeness"] == "stale" else "gap"
        lead = _("Partial list.") if ins["completeness"] == "partial" else _("Stale list.")
        absent = (
            _("States absent from a partial list are shown as “no record (list incomplete)”, never as non-parties.") if ins["completeness"] == "partial" else ""
        )
        return notice([html.Strong(lead + " "), ins.get("completeness_note", ""), " " + absent if absent else ""], kind, role="alert")
    if current_to and as_of > current_to:
        return notice(
            _(
                "This list is current to {date}; ratifications after that date are not in this release, so states without a record are shown as “no record”, not as non-parties.",
                date=current_to,
            ),
            "stale",
        )
    return None


def _year(value, default: int) -> int:
    text = str(value or "")[:4]
    return int(text) if text.isdigit() else default


def status_view(instrument_id, as_of, year, n_intervals, play_clicks, timer_disabled, lang):
    lang = parse_lang(lang)
    _ = translator(lang)
    notes = []
    iid = rq.parse_instrument(instrument_id, notes)
    ins = rq.instrument(iid)
    latest = rq.default_as_of(ins)
    first = (ins.get("coverage") or {}).get("first_date") or f"{ins['adoption_year']}-01-01"
    first_year, last_year = int(first[:4]), int(latest[:4])
    fired = {p.split(".")[0] for p in triggered()}
    disabled = no_update
    play_label = no_update
    as_of_out = None  # None = echo the parsed date into the input; no_update while playing
    current_year = year if isinstance(year, int) and not isinstance(year, bool) and 1000 <= year <= 9999 else _year(as_of, first_year)
    if "ratifications-play" in fired:  # a click wins over a tick arriving at the same time
        starting = bool(timer_disabled)
        disabled, play_label = (not starting), (_("Pause") if starting else _("Play"))
        if starting:
            as_of = f"{first_year}-12-31" if current_year >= last_year else f"{current_year}-12-31"
            as_of_out = no_update
        else:
            as_of = f"{current_year}-12-31"
    elif "ratifications-timer" in fired:
        # Playing: only the map and the slider move (cheap); the rest of the page follows when playback stops.
        nxt = current_year + 1
        if nxt >= last_year:
            as_of, disabled, play_label = latest, True, _("Play")
        else:
            as_of, as_of_out = f"{nxt}-12-31", no_update
    elif "ratifications-instrument" in fired:
        as_of = latest
    elif "ratifications-year" in fired and isinstance(year, int) and not isinstance(year, bool):
        as_of = f"{year}-12-31"
    as_of = rq.parse_date(as_of, latest, label=rq.N_("the status date"), notes=notes, earliest=rq.EARLIEST)
    marks = {y: str(y) for y in range(first_year, last_year + 1) if (y - first_year) % max(1, (last_year - first_year) // 8 or 1) == 0 or y == last_year}
    info = html.Div(
        [
            html.H3(ins["title"], className="h5 mb-1"),
            html.P(
                [
                    _("Adopted {year}", year=ins["adoption_year"]),
                    " · ",
                    _("Depositary: {depositary}", depositary=ins["depositary"]),
                    " · ",
                    _("list current to {date}", date=ins.get("as_of") or "–"),
                ],
                className="small mb-1",
            ),
            instrument_notice(ins, as_of, _),
        ]
    )
    out_notes = [notice(rq.note_text(n, _), "fallback") for n in notes]
    if ins.get("completeness") == "none":
        summary = _(
            "No map is drawn for {title}: this release has no list of its ratifications, and an empty map would wrongly read as “nobody ratified”.",
            title=ins["short_title"],
        )
        return (
            {},
            {"display": "none"},
            as_of if as_of_out is None else as_of_out,
            min(first_year, last_year),
            max(first_year, last_year) if last_year > first_year else first_year + 1,
            marks,
            int(as_of[:4]),
            disabled,
            play_label,
            info,
            out_notes,
            summary,
        )
    st = rq.status(iid, as_of)
    source = rq.sources_text(ins) + " " + ins.get("licence", "")
    fig = status_map(st, ins, as_of, source, _names(lang), _=_, date_label=lambda d, precision="day": fmt_date(d, lang, precision) if d else "–")
    counts = st["status"].value_counts()
    parts = [f"{_(STATUS_LABELS[s])}: {int(counts[s])}" for s in STATUSES if counts.get(s, 0)]
    summary = [
        _(
            "On {date}, {n} of {total} states were parties to {title}.",
            date=fmt_date(as_of, lang),
            n=int(st["status"].isin(PARTY_STATUSES).sum()),
            total=len(st),
            title=ins["short_title"],
        ),
        " " + "; ".join(parts) + ". ",
        html.A(_("See every state in the table below."), href="#ratifications-matrix-section"),
    ]
    return (
        fig,
        {},
        as_of if as_of_out is None else as_of_out,
        first_year,
        max(last_year, first_year + 1),
        marks,
        int(as_of[:4]),
        disabled,
        play_label,
        info,
        out_notes,
        summary,
    )


def timeline(compare, as_of, lang):
    lang = parse_lang(lang)
    _ = translator(lang)
    ids = rq.parse_instrument_list(compare, [])
    as_of = rq.parse_date(as_of, rq.today(), label=rq.N_("the status date"), notes=[])
    store = get_store()
    series = {i: rq.parties_series(i) for i in ids}
    undated = {i: rq.undated_parties(i) for i in ids}
    source = "Sources: " + " ".join(dict.fromkeys(rq.sources_text(store.instruments[i]).removeprefix("Source: ") for i in ids))
    fig = parties_over_time_figure(series, store.instruments, source, as_of=as_of, undated=undated, _=_)
    parts = []
    for i in ids:
        s = series[i]
        ins = store.instruments[i]
        if s.empty:
            parts.append(_("{title}: no dated list.", title=ins["short_title"]))
        else:
            parts.append(
                _(
                    "{title}: {n} dated parties by {date} (list current to that date).",
                    title=ins["short_title"],
                    n=int(s["parties"].iloc[-1]),
                    date=s["date"].iloc[-1],
                )
            )
    return fig, " ".join(parts)


def matrix_view(as_of, instrument_id, region, subregion, income, statuses, lang):
    lang = parse_lang(lang)
    _ = translator(lang)
    notes: list = []
    as_of = rq.parse_date(as_of, rq.today(), label=rq.N_("the status date"), notes=notes)
    iid = rq.parse_instrument(instrument_id, notes)
    from dashboard.ratifications.tracker import filter_states

    m = rq.matrix(as_of)
    opts = rq.filter_options()
    region, subregion, income = (
        rq.parse_choice(v if isinstance(v, str) else None, opts[k], [], k) for v, k in ((region, "region"), (subregion, "subregion"), (income, "income"))
    )
    statuses = [s for s in (statuses if isinstance(statuses, list) else []) if isinstance(s, str) and s in STATUSES]
    sel = filter_states(m, region, subregion, income, iid + "__status", statuses)
    name_col = f"name_{lang}"
    columns = [
        {"field": name_col, "headerName": _("Country"), "pinned": "left", "minWidth": 170},
        {"field": "region_name", "headerName": _("Region"), "minWidth": 110},
        {"field": "subregion_name", "headerName": _("Sub-region"), "minWidth": 150, "hide": False},
        {"field": "income_group", "headerName": _("Income group"), "minWidth": 140},
    ]
    for ins in rq.instruments():
        f = ins["id"]
        columns.append(
            {
                "field": f,
                "headerName": ins["short_title"],
                "headerTooltip": ins["title"],
                "tooltipField": f,
                "minWidth": 130,
                "cellClass": "rat-cell",
                "cellClassRules": {f"rat-{s}": f"params.data['{f}__status'] === '{s}'" for s in STATUSES},
                **({"sort": None} if f != iid else {}),
            }
        )
    keep = [name_col, "iso3", "region_name", "subregion_name", "income_group"] + [c for ins in rq.instruments() for c in (ins["id"], ins["id"] + "__status")]
    rows = sel[keep].astype(object).where(sel[keep].notna(), None).to_dict("records")
    download = href(
        "/api/v1/ratifications.csv", lang, as_of=as_of, instrument=iid, region=region, subregion=subregion, income=income, status=",".join(statuses) or None
    )
    count = _("{n} of {total} states shown; statuses on {date}.", n=len(sel), total=len(m), date=as_of)
    caption = _(
        "Status of every state on {date}, one column per instrument. Filter and sort with the column headers; the status filter applies to {title}.",
        date=as_of,
        title=rq.instrument(iid)["short_title"],
    )
    return rows, columns, download, count, caption


def changes_view(date_from, date_to, lang):
    lang = parse_lang(lang)
    _ = translator(lang)
    notes: list = []
    date_to = rq.parse_date(date_to, rq.today(), label=rq.N_("the end of the change window"), notes=notes)
    date_from = rq.parse_date(date_from, date_to[:4] + "-01-01", label=rq.N_("the start of the change window"), notes=notes)
    if date_from > date_to:
        date_from, date_to = date_to, date_from
    ev = rq.changes(date_from, date_to)
    store = get_store()
    names = _names(lang)
    out = [notice(rq.note_text(n, _), "fallback") for n in notes]
    ending = lists_ending_before(rq.instruments(), date_to)
    if ending:
        items = [f"{i['short_title']} ({_('list current to {date}', date=i['as_of']) if i.get('as_of') else _('no list')})" for i in ending]
        out.append(
            notice(
                [
                    html.Strong(_("Lists that stop before {date}:", date=date_to) + " "),
                    "; ".join(items) + ". ",
                    _("Events after those dates are not in this release: a quiet window there proves nothing."),
                ],
                "stale",
            )
        )
    if ev.empty:
        out.append(html.P(_("No dated event recorded between {a} and {b}.", a=fmt_date(date_from, lang), b=fmt_date(date_to, lang))))
        return out
    shown = ev.head(MAX_CHANGES)
    rows = [
        html.Tr(
            [
                html.Td(fmt_date(r.date, lang, precision)),
                html.Td(names.get(r.iso3, r.iso3)),
                html.Td(store.instruments[r.instrument_id]["short_title"]),
                html.Td(_(ACTION_LABELS.get(r.action, r.action))),
                html.Td(r.in_force_date if isinstance(r.in_force_date, str) else "–"),
            ]
        )
        for r, precision in zip(shown.itertuples(index=False), precisions(shown))
    ]
    out.append(
        html.P(
            _("{n} events between {a} and {b}, newest first.", n=len(ev), a=fmt_date(date_from, lang), b=fmt_date(date_to, lang))
            + (" " + _("Showing the first {n}.", n=MAX_CHANGES) if len(ev) > MAX_CHANGES else ""),
            className="small",
        )
    )
    out.append(
        html.Div(
            html.Table(
                [
                    html.Thead(
                        html.Tr(
                            [
                                html.Th(_("Date"), scope="col"),
                                html.Th(_("Country"), scope="col"),
                                html.Th(_("Instrument"), scope="col"),
                                html.Th(_("Action"), scope="col"),
                                html.Th(_("In force for that state (ILO)"), scope="col"),
                            ]
                        )
                    ),
                    html.Tbody(rows),
                ],
                className="table table-sm table-striped small",
                id="ratifications-changes-table",
            ),
            className="table-responsive",
        )
    )
    return out


def country_view(iso3, as_of, lang):
    lang = parse_lang(lang)
    _ = translator(lang)
    iso3 = rq.parse_country(iso3, [])
    if not iso3:
        return html.P(_("Choose a country to see which instruments it has not yet ratified."), className="small text-muted")
    as_of = rq.parse_date(as_of, rq.today(), label=rq.N_("the status date"), notes=[])
    m = rq.matrix(as_of).set_index("iso3")
    row = m.loc[iso3]
    bound, not_yet, unknown = [], [], []
    for ins in rq.instruments():
        s = row[ins["id"] + "__status"]
        item = html.Li(
            [html.Strong(ins["short_title"]), f" — {_(STATUS_LABELS[s])}", f" ({row[ins['id']]})" if s not in ("not_party", "no_record", "no_data") else ""]
        )
        (bound if s in PARTY_STATUSES else unknown if s in ("no_record", "no_data") else not_yet).append(item)
    name = _names(lang).get(iso3, iso3)
    return html.Div(
        [
            html.H3(_("{country} on {date}", country=name, date=fmt_date(as_of, lang)), className="h5"),
            html.Div(
                [
                    html.Div(
                        [html.H4(_("Not yet ratified ({n})", n=len(not_yet)), className="h6"), html.Ul(not_yet or [html.Li(_("none"))])], className="col-md-4"
                    ),
                    html.Div(
                        [html.H4(_("Unknown in this release ({n})", n=len(unknown)), className="h6"), html.Ul(unknown or [html.Li(_("none"))])],
                        className="col-md-4",
                    ),
                    html.Div([html.H4(_("Party ({n})", n=len(bound)), className="h6"), html.Ul(bound or [html.Li(_("none"))])], className="col-md-4"),
                ],
                className="row",
            ),
        ]
    )


def regions_view(as_of, lang):
    lang = parse_lang(lang)
    _ = translator(lang)
    as_of = rq.parse_date(as_of, rq.today(), label=rq.N_("the status date"), notes=[])
    shares = rq.region_shares(as_of)
    regions = list(dict.fromkeys(shares["region"]))
    instruments = [i for i in rq.instruments() if i.get("completeness") != "none"]
    idx = shares.set_index(["region", "instrument_id"])
    head = html.Thead(html.Tr([html.Th(_("Instrument"), scope="col")] + [html.Th(_(r), scope="col") for r in regions]))
    body = []
    for ins in instruments:
        cells = [html.Th(ins["short_title"], scope="row")]
        for r in regions:
            x = idx.loc[(r, ins["id"])]
            pct = fmt_percent(x["share"], lang, 0)
            cells.append(
                html.Td(
                    [
                        ("≥ " if x["lower_bound"] else "") + pct,
                        html.Br(),
                        html.Span(_("{p} of {n}", p=int(x["parties"]), n=int(x["states"])), className="text-muted"),
                    ]
                )
            )
        body.append(html.Tr(cells))
    missing = [i["short_title"] for i in rq.instruments() if i.get("completeness") == "none"]
    return html.Div(
        [
            html.P(
                _(
                    "Parties on {date} as a share of the states in each region. “≥” marks a lower bound: the list is partial or does not reach that date.",
                    date=fmt_date(as_of, lang),
                ),
                className="small",
            ),
            html.Div(html.Table([head, html.Tbody(body)], className="table table-sm small", id="ratifications-region-table"), className="table-responsive"),
            notice(_("Not shown, no list in this release: {names}.", names=", ".join(missing)), "gap") if missing else None,
        ]
    )


def _text(value, limit: int = 60) -> str | None:
    return str(value)[:limit] if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value) else None


def _texts(values) -> list[str]:
    return [str(v)[:40] for v in (values if isinstance(values, list) else []) if isinstance(v, str)][:20]


@dataclass(frozen=True)
class RatificationsView:
    """What /ratifications shows: the instrument and date of the map, the instruments compared over time,
    the matrix filters, the change window and the country panel."""

    instrument: str | None = None
    as_of: str | None = None
    compare: tuple[str, ...] = ()
    region: str | None = None
    subregion: str | None = None
    income: str | None = None
    statuses: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    country: str | None = None

    @classmethod
    def from_query(cls, params: dict) -> tuple[RatificationsView, list[tuple[str, dict]]]:
        """Query parameters -> a complete, valid view and notes for what was replaced (``rq.parse_view``)."""
        v, notes = rq.parse_view(params)
        return cls(
            instrument=v["instrument"],
            as_of=v["as_of"],
            compare=tuple(v["compare"]),
            region=v["region"],
            subregion=v["subregion"],
            income=v["income"],
            statuses=tuple(v["status"]),
            date_from=v["from"],
            date_to=v["to"],
            country=v["country"],
        ), notes

    def to_query(self, lang: str = "en") -> str:
        return href(
            "",
            lang,
            instrument=self.instrument,
            as_of=self.as_of,
            compare=",".join(self.compare) or None,
            region=self.region,
            subregion=self.subregion,
            income=self.income,
            status=",".join(self.statuses) or None,
            country=self.country,
            **{"from": self.date_from, "to": self.date_to},
        )


def url_state(instrument_id, as_of, compare, region, subregion, income, statuses, date_from, date_to, country, lang):
    """The view in the query string (what the controls show; the page re-validates it when it is loaded)."""
    shown = RatificationsView(
        instrument=_text(instrument_id),
        as_of=_text(as_of),
        compare=tuple(_texts(compare)),
        region=_text(region),
        subregion=_text(subregion),
        income=_text(income),
        statuses=tuple(_texts(statuses)),
        date_from=_text(date_from),
        date_to=_text(date_to),
        country=_text(country),
    )
    return shown.to_query(parse_lang(lang))


STATE_LANG = [("ratifications-lang", "data")]
# (view, outputs, inputs, states): registered as callbacks, and run by the page layout for its first draw
# (dashboard.views.prerender), in this order -- the status view first, as it settles the date the others read.
VIEWS = [
    View(*view)
    for view in [
        (
            status_view,
            [
                ("ratifications-map", "figure"),
                ("ratifications-map-box", "style"),
                ("ratifications-as-of", "value"),
                ("ratifications-year", "min"),
                ("ratifications-year", "max"),
                ("ratifications-year", "marks"),
                ("ratifications-year", "value"),
                ("ratifications-timer", "disabled"),
                ("ratifications-play", "children"),
                ("ratifications-instrument-info", "children"),
                ("ratifications-map-notices", "children"),
                ("ratifications-map-summary", "children"),
            ],
            [
                ("ratifications-instrument", "value"),
                ("ratifications-as-of", "value"),
                ("ratifications-year", "value"),
                ("ratifications-timer", "n_intervals"),
                ("ratifications-play", "n_clicks"),
            ],
            [("ratifications-timer", "disabled"), *STATE_LANG],
        ),
        (
            timeline,
            [("ratifications-timeline", "figure"), ("ratifications-timeline-summary", "children")],
            [("ratifications-compare", "value"), ("ratifications-as-of", "value")],
            STATE_LANG,
        ),
        (
            matrix_view,
            [
                ("ratifications-matrix", "rowData"),
                ("ratifications-matrix", "columnDefs"),
                ("ratifications-download", "href"),
                ("ratifications-matrix-count", "children"),
                ("ratifications-matrix-caption", "children"),
            ],
            [
                ("ratifications-as-of", "value"),
                ("ratifications-instrument", "value"),
                ("ratifications-region", "value"),
                ("ratifications-subregion", "value"),
                ("ratifications-income", "value"),
                ("ratifications-status-filter", "value"),
            ],
            STATE_LANG,
        ),
        (changes_view, [("ratifications-changes", "children")], [("ratifications-from", "value"), ("ratifications-to", "value")], STATE_LANG),
        (country_view, [("ratifications-country-panel", "children")], [("ratifications-country", "value"), ("ratifications-as-of", "value")], STATE_LANG),
        (regions_view, [("ratifications-regions", "children")], [("ratifications-as-of", "value")], STATE_LANG),
        (
            url_state,
            [("url", "search")],  # the address of what the controls show
            [
                ("ratifications-instrument", "value"),
                ("ratifications-as-of", "value"),
                ("ratifications-compare", "value"),
                ("ratifications-region", "value"),
                ("ratifications-subregion", "value"),
                ("ratifications-income", "value"),
                ("ratifications-status-filter", "value"),
                ("ratifications-from", "value"),
                ("ratifications-to", "value"),
                ("ratifications-country", "value"),
            ],
            STATE_LANG,
        ),
    ]
]
