"""/about/data -- the build report for people: what each source file gave, what was dropped or quarantined
and why, and every cross-source comparison (the same report as /api/v1/build-report)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard import build_report
from dashboard.data import get_store
from dashboard.i18n import N_, fmt_number, parse_lang, translator
from dashboard.views.components import data_lang, english_data_note, href, notice, page_title

ROUTE = r"/about/data/?"
TITLE = N_("How the data were built")


def _n(value, lang: str) -> str:
    return "–" if value is None else fmt_number(value, lang, 0)


def _reasons(reasons: list[dict], lang: str):
    """Reason codes and counts, as the pipeline names them (English identifiers)."""
    if not reasons:
        return "–"
    return html.Ul([html.Li([html.Code(r["reason"]), f" {_n(r['rows'], lang)}"]) for r in reasons], className="list-unstyled mb-0", **data_lang(lang))


def _table(table_id: str, caption: str, headers: list[str], body: list) -> html.Div:
    return html.Div(
        dbc.Table(
            [html.Caption(caption), html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])), html.Tbody(body)],
            id=table_id,
            size="sm",
            striped=True,
            className="small build-report-table",
        ),
        className="table-responsive",
        tabIndex="0",
        role="region",
        **{"aria-label": caption},
    )  # scrolls sideways on narrow screens: reachable by keyboard


def _files(rows: list[dict], lang: str, _) -> html.Section:
    body = [
        html.Tr(
            [
                html.Th(html.Code(r["file"]), scope="row", **data_lang(lang)),
                html.Td(_n(r["rows_read"], lang)),
                html.Td(_n(r["rows_kept"], lang)),
                html.Td(_n(r["rows_dropped"], lang)),
                html.Td(_n(r["rows_quarantined"], lang)),
                html.Td(_reasons(r["dropped"] + r["quarantined"], lang)),
            ],
            **{"data-file": r["file"]},
        )
        for r in rows
    ]
    return html.Section(
        [
            html.H2(_("Source files"), className="h4 mt-4", id="build-files"),
            html.P(_("Files whose rows are not counted (reference tables, notes, logs) show “–”."), className="small"),
            _table(
                "build-report-files",
                _("Rows read, kept, dropped and quarantined, per source file, with the reasons for each drop"),
                [_("Source file"), _("Rows read"), _("Rows kept"), _("Rows dropped"), _("Rows quarantined"), _("Reasons (rows)")],
                body,
            ),
        ]
    )


def _drops(rows: list[dict], lang: str, _) -> html.Section:
    body = [
        html.Tr(
            [
                html.Th([html.Span(r["title"], **data_lang(lang)), html.Br(), html.Code(r["id"], className="text-muted")], scope="row"),
                html.Td(html.Code(r["reason"]), **data_lang(lang)),
                html.Td(_n(r["rows"], lang)),
                html.Td(_("quarantined") if r["quarantined"] else _("dropped")),
                html.Td(html.Ul([html.Li(e) for e in r["examples"]], className="mb-0") if r["examples"] else "–", **data_lang(lang)),
            ],
            **{"data-id": r["id"], "data-reason": r["reason"]},
        )
        for r in rows
    ]
    return html.Section(
        [
            html.H2(_("Drops by indicator and instrument"), className="h4 mt-4", id="build-drops"),
            _table(
                "build-report-drops",
                _("Rows each indicator and instrument lost, by reason, with examples from the source files"),
                [_("Indicator or instrument"), _("Reason"), _("Rows"), _("Outcome"), _("Examples")],
                body,
            )
            if body
            else html.P(_("No indicator or instrument lost any rows.")),
        ]
    )


def _comparisons(rows: list[dict], lang: str, _) -> html.Section:
    body = []
    for c in rows:
        details = None
        if c["disagreements"]:
            details = html.Details(
                [
                    html.Summary(_("{n} disagreements", n=len(c["disagreements"]))),
                    html.Ul([html.Li(d) for d in c["disagreements"]], className="mb-0", **data_lang(lang)),
                ]
            )
        body.append(
            html.Tr(
                [
                    html.Th([html.Code(c["id"]), html.Br(), html.Span(", ".join(c["sources"] or []), className="text-muted", **data_lang(lang))], scope="row"),
                    html.Td(c["target"] or "–", **data_lang(lang)),
                    html.Td(c["tolerance"] or "–", **data_lang(lang)),
                    html.Td(_("{agreed} of {compared} agree", agreed=_n(c["agreed"], lang), compared=_n(c["compared"], lang))),
                    html.Td(
                        [
                            html.Span(c["resolution"], **data_lang(lang)) if c["resolution"] else _("none needed") if not c["disagreed"] else _("not stated"),
                            details,
                        ]
                    ),
                ],
                **{"data-comparison": c["id"]},
            )
        )
    return html.Section(
        [
            html.H2(_("Cross-source comparisons"), className="h4 mt-4", id="build-comparisons"),
            html.P(
                _("Where two publishers give the same figure, the build compares them; a comparison with no values in common is listed with 0 compared."),
                className="small",
            ),
            _table(
                "build-report-comparisons",
                _("Every cross-source comparison: what was compared, the tolerance, the result and how disagreements were resolved"),
                [_("Comparison and sources"), _("Compared for"), _("Tolerance"), _("Result"), _("Resolution")],
                body,
            ),
        ]
    )


def layout(lang=None, **_params) -> html.Div:
    lang = parse_lang(lang)
    _ = translator(lang)
    store = get_store()  # a DataError is turned into the "data not available" page by the router
    head = page_title(
        _("How the data were built"),
        _("What the build read from each source file, what it kept, what it dropped or quarantined and why, and how sources were checked against each other."),
    )
    back = html.P(
        [html.A(_("About the data"), href=href("/about", lang)), " · ", html.A(_("This report as JSON"), href="/api/v1/build-report")], className="small"
    )
    report = store.build_report
    if report is None:
        return html.Div([head, back, notice(_("This data release has no build report."), "gap", role="alert")])
    totals = report.get("totals") or {}
    titles = {i["id"]: i["title"] for i in store.catalog["indicators"] + store.catalog["instruments"]}
    summary = html.P(
        _(
            "Data version {version}: {files} source files, {read} rows read, {dropped} dropped and {quarantined} quarantined; {comparisons} cross-source comparisons.",
            version=store.version,
            files=_n(totals.get("files"), lang),
            read=_n(totals.get("rows_read"), lang),
            dropped=_n(totals.get("rows_dropped"), lang),
            quarantined=_n(totals.get("rows_quarantined"), lang),
            comparisons=_n(totals.get("comparisons"), lang),
        ),
        id="build-report-summary",
    )
    return html.Div(
        [
            head,
            back,
            english_data_note(lang),
            summary,
            html.P(
                _(
                    "Dropped rows are left out for a stated reason (for example a region that is not a country, or a zero the file uses for “no data”). "
                    "Quarantined rows disagree with another source and are held back until the disagreement is explained."
                ),
                className="small",
            ),
            _files(build_report.file_rows(report), lang, _),
            _drops(build_report.drop_rows(report, titles), lang, _),
            _comparisons(build_report.comparison_rows(report), lang, _),
        ]
    )
