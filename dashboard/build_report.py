"""The build report (``data/build_report.json``, loaded by the DataStore) as rows people can read: per source
file what was read, kept, dropped and quarantined by reason; per indicator and instrument its drops; every
cross-source comparison with its result and resolution. Pure: report in, rows out."""

from __future__ import annotations


def _split(reasons: dict) -> tuple[list[dict], list[dict]]:
    """Reasons -> (dropped, quarantined), each ``{"reason", "rows", "examples"}`` sorted by reason."""
    rows = [
        {
            "reason": r,
            "rows": int(v.get("rows") or 0),
            "examples": [e.get("detail") for e in v.get("examples") or [] if e.get("detail")],
            "quarantined": bool(v.get("quarantined")),
        }
        for r, v in sorted((reasons or {}).items())
    ]
    return [r for r in rows if not r["quarantined"]], [r for r in rows if r["quarantined"]]


def file_rows(report: dict) -> list[dict]:
    """One row per source file, in file order: parser, accounting, rows read/kept/dropped/quarantined, reasons."""
    out = []
    for name, f in sorted((report.get("files") or {}).items()):
        dropped, quarantined = _split(f.get("dropped"))
        out.append(
            {
                "file": name,
                "parser": f.get("parser"),
                "accounting": f.get("accounting"),
                "rows_read": f.get("rows_read"),
                "rows_kept": f.get("rows_kept"),
                "rows_dropped": sum(r["rows"] for r in dropped),
                "rows_quarantined": sum(r["rows"] for r in quarantined),
                "dropped": dropped,
                "quarantined": quarantined,
            }
        )
    return out


def drop_rows(report: dict, titles: dict[str, str]) -> list[dict]:
    """One row per (indicator or instrument, reason) that lost rows: kind, id, title, reason, rows, quarantined, examples."""
    out = []
    for kind, key in (("indicator", "indicators"), ("instrument", "instruments")):
        for item in sorted(report.get(key) or [], key=lambda i: i["id"]):
            dropped, quarantined = _split({**(item.get("dropped") or {}), **(item.get("quarantined") or {})})
            for r in dropped + quarantined:
                out.append({"kind": kind, "id": item["id"], "title": titles.get(item["id"], item["id"]), **r})
    return out


def comparison_rows(report: dict) -> list[dict]:
    """Every cross-source comparison: what was compared, under which tolerance, the result and the resolution."""
    keys = ("id", "target", "sources", "tolerance", "compared", "agreed", "disagreed", "resolution", "disagreements")
    return [{k: c.get(k) for k in keys} for c in sorted(report.get("comparisons") or [], key=lambda c: c["id"])]
