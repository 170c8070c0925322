"""Atom 1.0 feed of dated ratification events: ``/feeds/ratifications.atom[?instrument=ID&limit=N]``.

Newest first, at most ``limit`` entries (default 50, 1-200). Entry ids are tag URIs built from the
event's natural key (instrument, state, action, date), so they never change between releases and
a feed reader sees only genuinely new events as new. Undated yes/no facts are not events and never
appear. ``updated`` of the feed is the latest as-of date of the lists it covers.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request
from lxml import etree

from dashboard.i18n import iso_at_precision, period_end
from dashboard.ratifications import queries as rq
from dashboard.ratifications.status import precisions

from ..data import get_store

blueprint = Blueprint("feeds", __name__)
ATOM = "http://www.w3.org/2005/Atom"
TAG = "tag:unga-72-149-dashboard,2026:"
DEFAULT_LIMIT, MAX_LIMIT = 50, 200
ACTION_WORDS = {
    "signature": "signed",
    "ratification": "ratified",
    "accession": "acceded to",
    "succession": "succeeded to",
    "acceptance": "accepted",
    "approval": "approved",
    "definitive_signature": "definitively signed",
    "denunciation": "denounced",
}


def entry_id(instrument_id: str, iso3: str, action: str, date: str) -> str:
    return f"{TAG}ratification-event/{instrument_id}/{iso3}/{action}/{date}"


def _stamp(date: str) -> str:
    return f"{date}T00:00:00Z"


def _sub(parent, tag: str, text: str | None = None, **attrs):
    el = etree.SubElement(parent, f"{{{ATOM}}}{tag}", {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = text
    return el


def build_feed(events, instruments: dict, names: dict, base_url: str, instrument_id: str | None, limit: int, self_url: str) -> bytes:
    ev = events[events["date"].notna() & (events["action"] != "party_undated")]
    if instrument_id:
        ev = ev[ev["instrument_id"] == instrument_id]
    ev = ev.sort_values(["date", "instrument_id", "iso3", "action"], ascending=[False, True, True, True], kind="mergesort").head(limit)
    covered = [instruments[instrument_id]] if instrument_id else list(instruments.values())
    as_ofs = [i["as_of"] for i in covered if i.get("as_of")]
    updated = max(as_ofs + ev["date"].tolist()) if (as_ofs or len(ev)) else "1970-01-01"

    root = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    scope = instruments[instrument_id]["short_title"] if instrument_id else "all tracked instruments"
    _sub(root, "id", f"{TAG}feeds/ratifications" + (f"/{instrument_id}" if instrument_id else ""))
    _sub(root, "title", f"Ratification events: {scope}")
    _sub(
        root,
        "subtitle",
        "Signatures, ratifications, accessions, successions and denunciations of the instruments UNGA resolution 72/149 "
        "calls for, by date of deposit or registration. Lists in this release are current to different dates; see each entry.",
    )
    _sub(root, "updated", _stamp(updated))
    author = _sub(root, "author")
    _sub(author, "name", "UNGA 72/149 indicators dashboard (data: UN Treaty Collection, ILO NORMLEX and others)")
    _sub(root, "link", rel="self", href=self_url, type="application/atom+xml")
    _sub(root, "link", rel="alternate", href=base_url + "ratifications" + (f"?instrument={instrument_id}" if instrument_id else ""), type="text/html")
    _sub(root, "rights", "; ".join(dict.fromkeys(i.get("licence") for i in covered if i.get("licence"))) or "See the sources page.")
    for r, precision in zip(ev.itertuples(index=False), precisions(ev)):
        ins = instruments[r.instrument_id]
        # Month- and year-only dates are stored as the first day: text says only what the source says, and the
        # link asks for the status at the end of that month or year. Atom's timestamps need a full date.
        shown = iso_at_precision(r.date, precision)
        status_on = period_end(r.date, precision)
        country = names.get(r.iso3, r.iso3)
        entry = _sub(root, "entry")
        _sub(entry, "id", entry_id(r.instrument_id, r.iso3, r.action, r.date))
        _sub(entry, "title", f"{country} {ACTION_WORDS.get(r.action, r.action)} {ins['short_title']} ({shown})")
        _sub(entry, "updated", _stamp(r.date))
        _sub(entry, "published", _stamp(r.date))
        _sub(entry, "link", rel="alternate", type="text/html", href=f"{base_url}ratifications?instrument={r.instrument_id}&as_of={status_on}&country={r.iso3}")
        _sub(entry, "category", term=r.instrument_id, label=ins["short_title"])
        lines = [
            f"{country}: {r.action} of the {ins['title']}, dated {shown}"
            + ("" if precision in (None, "day") else f" ({precision} only)")
            + f" (depositary: {ins['depositary']})."
        ]
        if isinstance(r.in_force_date, str):
            lines.append(f"Enters into force for {country} on {r.in_force_date}.")
        if isinstance(r.note, str):
            lines.append(r.note)
        lines.append(f"Source list current to {r.as_of}. {ins.get('citation') or ''}".strip())
        _sub(entry, "content", " ".join(lines), type="text")
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


@blueprint.route("/feeds/ratifications.atom")
def ratifications_feed():
    iid = request.args.get("instrument") or None
    if iid is not None:
        iid = iid[:40]
        if rq.instrument(iid) is None:
            return jsonify(error="not_found", parameter="instrument", message=f"unknown instrument {iid!r}"), 404
    raw_limit = request.args.get("limit")
    limit = DEFAULT_LIMIT
    if raw_limit is not None:
        try:
            limit = int(raw_limit[:6])
        except ValueError:
            limit = -1
        if not 1 <= limit <= MAX_LIMIT:
            return jsonify(error="bad_request", parameter="limit", message=f"limit must be an integer from 1 to {MAX_LIMIT}"), 400
    store = get_store()
    names = dict(zip(store.countries["iso3"], store.countries["name_en"]))
    base = request.url_root
    self_url = base + "feeds/ratifications.atom" + (f"?instrument={iid}" if iid else "")
    body = build_feed(store.ratification_events, store.instruments, names, base, iid, limit, self_url)
    return Response(body, mimetype="application/atom+xml", headers={"Cache-Control": "public, max-age=3600"})
