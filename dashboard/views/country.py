"""/country/<ISO3>: the "compare with…" choice -> side-by-side panel and ``?compare=`` in the URL; and the
pieces of a profile the panel shares with the page (value notes and sources, value formatting)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.countries import profiles
from dashboard.data import get_store
from dashboard.i18n import fmt_date, parse_lang, translator
from dashboard.indicators.queries import is_national_figure
from dashboard.ratifications.labels import STATUS_LABELS

from .components import href, national_marker
from .prerender import View


def fmt_value(value, ind, lang):
    return profiles.format_value(value, ind, lang)


def _note_mark(i: int) -> str:
    """0 -> 'a', 25 -> 'z', 26 -> 'aa'."""
    mark = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        mark = chr(97 + r) + mark
    return mark


class Refs:
    """The notes and sources of one page: a value's note gets a letter (a, b, …) shown beside the
    value wherever it is shown, and its text in the block's notes list; sources get numbers [1],
    [2] … for the compact source list of the print brief (on screen each row names its source).

    A note first met only in something the print brief hides is hidden in print too, until a
    printed value refers to it.
    """

    def __init__(self, store, lang: str, prefix: str = "country"):
        self.store, self.lang, self.prefix = store, lang, prefix
        self._ = translator(lang)
        self.marks: dict[str, str] = {}
        self.items: dict[str, html.Li] = {}
        self.pending: list[str] = []
        self.sources: dict[str, int] = {}

    def note(self, text, printed: bool = True):
        text = str(text).strip() if isinstance(text, str) else ""
        if not text:
            return None
        mark = self.marks.get(text)
        if mark is None:
            mark = self.marks[text] = _note_mark(len(self.marks))
            self.items[mark] = html.Li(
                [html.Sup(mark, className="note-mark"), " ", text],
                id=f"{self.prefix}-note-{mark}",
                className=None if printed else "print-hide",
                **{"data-note": mark},
            )
            self.pending.append(mark)
        elif printed:
            self.items[mark].className = None
        return html.Sup(html.A(mark, href=f"#{self.prefix}-note-{mark}", title=text, **{"aria-label": self._("Note {mark}", mark=mark)}), className="note-ref")

    def notes(self, texts, printed: bool = True) -> list:
        return [m for t in dict.fromkeys(t for t in texts if isinstance(t, str) and t.strip()) for m in [self.note(t, printed)]]

    def flush(self):
        """The notes first met since the last flush, as a list (None if there are none)."""
        if not self.pending:
            return None
        items = [self.items[m] for m in self.pending]
        self.pending = []
        return html.Ul(items, className="value-notes small text-muted", **{"aria-label": self._("Notes")})

    def source(self, source_ids) -> html.Span | None:
        """Print-only "[n]" reference(s) to the compact source list."""
        nums = []
        for sid in source_ids or []:
            if sid not in self.store.sources:
                continue
            nums.append(self.sources.setdefault(sid, len(self.sources) + 1))
        if not nums:
            return None
        return html.Span(f" [{', '.join(str(n) for n in sorted(set(nums)))}]", className="src-ref print-only")

    def source_list(self) -> html.Section | None:
        """The compact numbered source list of the print brief."""
        if not self.sources:
            return None
        _ = self._
        items = []
        for sid, n in sorted(self.sources.items(), key=lambda kv: kv[1]):
            src = self.store.sources[sid]
            items.append(
                html.Li(
                    [f"[{n}] ", src.get("publisher") or sid, " ", _("(data as of {date})", date=src.get("as_of") or "–")],
                    title=src.get("title"),
                    **{"data-source": sid},
                )
            )
        return html.Section(
            [
                html.H2(_("Sources"), className="h6"),
                html.Ul(items, className="print-sources"),
                html.P(_("Citations and licences: the About page of the online dashboard."), className="small"),
            ],
            id="country-print-sources",
            className="print-only",
        )


def label_slice(h: dict, _) -> str:
    bits = []
    if h["sex"] == "female" and h["indicator_id"] not in ("migrant_women_share", "emigrant_women_share", "ipv_last_12m"):
        bits.append(_("women"))
    if h["age"] not in ("all",):
        bits.append(_("age {age}", age=h["age"]))
    return f" ({', '.join(bits)})" if bits else ""


def compare_panel(p: dict, q: dict, store, lang: str) -> html.Div:
    """Side by side: every headline value and every instrument's status, for two profiles."""
    _ = translator(lang)
    a, b = store.country_name(p["iso3"], lang), store.country_name(q["iso3"], lang)
    refs = Refs(store, lang, prefix="compare")

    def cell(h):
        if h["value"] is None:
            return html.Td(_("No data for {year}", year=h["wanted_year"]) if h.get("wanted_year") else _("No data"), className="no-data")
        return html.Td(
            [
                fmt_value(h["value"], store.indicator(h["indicator_id"]), lang),
                refs.note(h.get("note")),
                html.Span(f" ({h['year']})", className="small text-muted"),
            ]
        )

    rows = []
    for hp, hq in zip(profiles.headline_rows(p), profiles.headline_rows(q)):
        ind = store.indicator(hp["indicator_id"])
        if is_national_figure(ind) and hp["value"] is None and hq["value"] is None:
            continue  # published by a few national offices only: no row where neither country has one
        rows.append(
            html.Tr([html.Th([ind["title"] + label_slice(hp, _), national_marker(ind, lang)], scope="row"), cell(hp), cell(hq)], **{"data-key": hp["key"]})
        )
    for rp, rq in zip(p["ratifications"], q["ratifications"]):

        def status(r):
            label = _(STATUS_LABELS[r["status"]])
            return html.Td([label, html.Span(f" ({fmt_date(r['date'], lang, r.get('date_precision'))})", className="small text-muted") if r["date"] else None])

        rows.append(html.Tr([html.Th(rp["short_title"], scope="row"), status(rp), status(rq)], **{"data-instrument": rp["instrument_id"]}))
    head = html.Thead(
        html.Tr(
            [
                html.Th(_("Indicator or instrument"), scope="col"),
                html.Th(a, scope="col"),
                html.Th(html.A(b, href=href(f"/country/{q['iso3']}", lang)), scope="col"),
            ]
        )
    )
    return html.Div(
        [
            html.H2(_("{a} compared with {b}", a=a, b=b), className="h5 mt-3", id="country-compare-heading"),
            dbc.Table([head, html.Tbody(rows)], id="country-compare-table", size="sm", striped=True, responsive=True, className="profile-table compare-table"),
            refs.flush(),
            html.P(_("Latest value of each series, with its year; sources as in the profile blocks below."), className="small text-muted"),
        ]
    )


def update_compare(compare, iso3, lang):
    lang = parse_lang(lang)
    store = get_store()
    other = profiles.normalise_code(compare) if isinstance(compare, str) else None
    iso3 = profiles.normalise_code(iso3) if isinstance(iso3, str) else None
    if iso3 is None or not store.is_country(iso3) or other is None or other == iso3 or not store.is_country(other):
        return html.Div(), href("", lang)
    panel = compare_panel(profiles.country_profile(iso3), profiles.country_profile(other), store, lang)
    return panel, href("", lang, compare=other)


# the callback, also run by the profile's layout for its first draw
VIEWS = [
    View(
        update_compare,
        [("country-compare-panel", "children"), ("url", "search")],
        [("country-compare", "value")],
        [("country-iso3", "data"), ("country-lang", "data")],
    )
]
