"""Run every parser, validate, and swap the result into ``data/`` atomically.

Nothing is written to ``data/`` unless every source parsed and every check passed; the
previous tables stay byte-identical otherwise. Output bytes depend only on the inputs:
rows are sorted by each table's key, JSON keys are sorted, no timestamps are written.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import os
import pkgutil
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
import pyarrow.parquet as pq

from . import schemas, sources
from .context import BuildContext
from .errors import BuildError, SourceError
from .output import Comparison, Drop, SourceOutput

log = logging.getLogger(__name__)

TABLE_FILES = {name: f"{name}.parquet" for name in [*schemas.TABLES, "countries"]}
CATALOG_FILE = "catalog.json"
REPORT_FILE = "build_report.json"
REPORT_EXAMPLES = 3  # example rows per drop reason in the report
TRACE_COLUMNS = ["src_file", "src_line"]


def discover_parsers() -> list:
    """Every module in ``sources`` with a ``parse(ctx)``; the reference (PRIORITY 0) runs first."""
    mods = []
    for info in pkgutil.iter_modules(sources.__path__):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{sources.__name__}.{info.name}")
        if hasattr(mod, "parse"):
            mods.append(mod)
    return sorted(mods, key=lambda m: (getattr(m, "PRIORITY", 100), m.__name__))


def _schema_errors(name: str, df: pd.DataFrame, schema: pa.DataFrameSchema, default_file: str) -> list[SourceError]:
    try:
        schema.validate(df.drop(columns=[c for c in TRACE_COLUMNS if c in df], errors="ignore"), lazy=True)
        return []
    except pa.errors.SchemaErrors as exc:
        errors = []
        for case in exc.failure_cases.head(50).itertuples(index=False):
            idx = getattr(case, "index", None)
            file, line = default_file, None
            if idx is not None and idx == idx and "src_file" in df and idx in df.index:
                file = str(df.at[idx, "src_file"])
                line = int(df.at[idx, "src_line"]) if "src_line" in df and pd.notna(df.at[idx, "src_line"]) else None
            errors.append(SourceError(file, f"{name}: check {case.check!r} failed for value {case.failure_case!r}", row=line, column=case.column))
        return errors


def _row_error(name: str, df: pd.DataFrame, idx, default_file: str, problem: str, column: str | None) -> SourceError:
    file = str(df.at[idx, "src_file"]) if "src_file" in df else default_file
    line = int(df.at[idx, "src_line"]) if "src_line" in df and pd.notna(df.at[idx, "src_line"]) else None
    return SourceError(file, f"{name}: {problem}", row=line, column=column)


def run_parsers(raw: Path) -> tuple[dict[str, pd.DataFrame], dict, dict[str, bytes], dict]:
    """Parse and validate everything; return the tables and the catalog, or raise BuildError."""
    ctx = BuildContext(raw=Path(raw))
    errors: list[SourceError] = []
    parts: dict[str, list[pd.DataFrame]] = {k: [] for k in schemas.TABLES}
    countries = None
    indicators, instruments, srcs = {}, {}, {}
    assets: dict[str, bytes] = {}
    area_names: dict[str, str] = {}
    ledgers: list[dict] = []  # per parser: rows read, lines kept, drops, comparisons (the build report's inputs)
    superseded: list[Drop] = []  # events an earlier parser kept and a newer imported list replaced

    for mod in discover_parsers():
        label = mod.__name__.rsplit(".", 1)[-1]
        try:
            out: SourceOutput = ctx.parsed(mod)
        except SourceError as exc:
            errors.append(exc)
            continue
        except (KeyError, ValueError, TypeError, IndexError, UnicodeDecodeError, pd.errors.ParserError) as exc:
            # A parser bug or a format it did not anticipate: still name the parser and the problem.
            errors.append(SourceError(f"<parser {label}>", f"{type(exc).__name__}: {exc}"))
            continue
        default_file = ", ".join(f for s in out.sources for f in s.files) or label
        if out.countries is not None:
            errs = _schema_errors("countries", out.countries, schemas.countries, default_file)
            if errs:
                errors.extend(errs)
                continue
            countries = out.countries.drop(columns=[c for c in TRACE_COLUMNS if c in out.countries])
            ctx.set_countries(countries)
        if out.supersedes:  # drop what earlier parsers said about these instruments
            for d in parts["ratification_events"]:
                for (inst, f), g in d[d["instrument_id"].isin(out.supersedes)].groupby(["instrument_id", "src_file"]) if "src_file" in d else ():
                    superseded.append(
                        Drop(
                            str(f),
                            tuple(sorted({int(x) for x in g["src_line"]})),
                            "superseded",
                            f"{inst}: replaced by a newer imported list ({label})",
                            str(inst),
                        )
                    )
            parts["ratification_events"] = [d[~d["instrument_id"].isin(out.supersedes)] for d in parts["ratification_events"]]
        for name, schema in schemas.TABLES.items():
            df = getattr(out, name)
            if df is None or df.empty:
                continue
            df = df.reset_index(drop=True)
            if name == "ratification_events" and "date_precision" not in df:
                df["date_precision"] = df["date"].where(df["date"].isna(), "day")  # every existing parser reads full dates only
            errs = _schema_errors(name, df, schema, default_file)
            errors.extend(errs)
            if not errs:
                parts[name].append(df)
        for kind, store, items in (("indicator", indicators, out.indicators), ("instrument", instruments, out.instruments), ("source", srcs, out.sources)):
            for item in items:
                if item.id in store and store[item.id] != item and not (kind == "instrument" and item.id in out.supersedes):
                    errors.append(SourceError(f"<parser {label}>", f"{kind} id {item.id!r} defined twice with different contents"))
                store[item.id] = item
        assets.update(out.assets)
        area_names.update(out.area_names)
        ledger = _ledger(label, out)
        errors.extend(_ledger_errors(ledger))
        ledgers.append(ledger)

    if countries is None:
        errors.append(SourceError("reference/", "no parser produced the countries table"))
        raise BuildError(errors)

    tables = {name: (pd.concat(dfs, ignore_index=True) if dfs else _empty(schema)) for (name, dfs), schema in zip(parts.items(), schemas.TABLES.values())}
    errors.extend(_cross_checks(tables, countries, indicators, instruments, srcs))
    obs = tables["observations"]
    unnamed = sorted(set(obs.loc[obs["geo_type"] != "country", "geo_code"]) - set(area_names)) if not obs.empty else []
    if unnamed:
        errors.append(SourceError("<observations>", f"aggregate codes without a name in the reference files: {', '.join(unnamed)}"))
    if errors:
        raise BuildError(errors)

    for name in tables:
        tables[name] = _canonical(tables[name].drop(columns=[c for c in TRACE_COLUMNS if c in tables[name]]), schemas.SORT_KEYS[name])
    tables["countries"] = _canonical(countries, schemas.SORT_KEYS["countries"])
    catalog = _catalog(tables, indicators, instruments, srcs)
    if superseded:
        ledgers.append({"parser": "superseded", "rows_read": {}, "kept": {}, "drops": superseded, "comparisons": [], "sources": [], "targets": []})
    report = build_report(ledgers, catalog)
    _attach_drops(catalog, report)
    catalog["build_report"] = REPORT_FILE
    used = set(tables["observations"].loc[tables["observations"]["geo_type"] != "country", "geo_code"])
    catalog["aggregates"] = {code: name for code, name in sorted(area_names.items()) if code in used}
    return tables, catalog, assets, report


def _ledger(label: str, out: SourceOutput) -> dict:
    """What one parser read, kept and left out, by raw file: the build report's raw material.

    Kept lines are the distinct (src_file, src_line) pairs in the parser's output tables, so a wide
    row (one line, many years) counts once, as do the several rows a single line can feed.
    """
    kept: dict[str, set[int]] = {}
    files_by_target: dict[str, set[str]] = {}
    for name in (*schemas.TABLES, "countries"):
        df = getattr(out, name)
        if df is None or df.empty or "src_file" not in df or "src_line" not in df:
            continue
        for f, line in zip(df["src_file"].astype(str), df["src_line"]):
            if pd.notna(line):
                kept.setdefault(f, set()).add(int(line))
        target_col = "instrument_id" if "instrument_id" in df else "indicator_id" if "indicator_id" in df else None
        if target_col:
            for (t, f), _ in df.groupby([target_col, "src_file"]):
                files_by_target.setdefault(str(t), set()).add(str(f))
    return {
        "parser": label,
        "rows_read": dict(out.rows_read),
        "kept": kept,
        "files_by_target": files_by_target,
        "drops": list(out.drops),
        "comparisons": list(out.comparisons),
        "sources": [s.id for s in out.sources],
        "targets": [*(i.id for i in out.indicators), *(i.id for i in out.instruments)],
    }


def _ledger_errors(ledger: dict) -> list[SourceError]:
    """The rules the report enforces: every drop has a reason, every disagreement a resolution,
    and, for files whose rows a parser counted, every row read is either kept or dropped."""
    where = f"<parser {ledger['parser']}>"
    errors: list[SourceError] = []
    for d in ledger["drops"]:
        if not isinstance(d, Drop) or not str(d.reason or "").strip():
            rows = getattr(d, "rows", ())
            errors.append(SourceError(getattr(d, "file", where) or where, f"{where}: rows dropped without a reason", row=rows[0] if rows else None))
    for c in ledger["comparisons"]:
        if not isinstance(c, Comparison):
            errors.append(SourceError(where, f"comparison {c!r} is not a Comparison"))
            continue
        if c.compared - c.agreed != len(c.disagreements):
            errors.append(
                SourceError(where, f"comparison {c.id!r}: {c.compared - c.agreed} values disagree but {len(c.disagreements)} disagreements are listed")
            )
        if c.disagreements and not c.resolution.strip():
            errors.append(
                SourceError(
                    where,
                    f"comparison {c.id!r}: {len(c.disagreements)} disagreement(s) above tolerance ({c.tolerance}) neither quarantined nor explained, e.g. {c.disagreements[0]}",
                )
            )
    for f, n in sorted(ledger["rows_read"].items()):
        kept = ledger["kept"].get(f, set())
        dropped = {r for d in ledger["drops"] if isinstance(d, Drop) and d.file == f for r in d.rows}
        accounted = kept | dropped
        if len(accounted) != n:
            missing = n - len(accounted)
            what = f"{missing} row(s) read but neither kept nor dropped with a reason" if missing > 0 else f"{-missing} more row(s) kept or dropped than read"
            errors.append(SourceError(f, f"{where}: {what} (read {n}, kept {len(kept)}, dropped {len(dropped - kept)})"))
    return errors


def _drop_summary(drops: list[Drop]) -> dict:
    """reason -> {rows, quarantined, examples}; sorted, so the report's bytes are stable."""
    out: dict[str, dict] = {}
    for d in sorted(drops, key=lambda d: (d.reason, d.file, d.rows, d.detail)):
        e = out.setdefault(d.reason, {"rows": 0, "quarantined": d.quarantined, "examples": []})
        e["rows"] += max(len(d.rows), 1)
        e["quarantined"] = e["quarantined"] or d.quarantined
        if len(e["examples"]) < REPORT_EXAMPLES:
            e["examples"].append({"file": d.file, "rows": list(d.rows[:5]), "detail": d.detail})
    return out


def _comparison_dict(c: Comparison) -> dict:
    return {
        "id": c.id,
        "target": c.target,
        "sources": list(c.sources),
        "compared": c.compared,
        "agreed": c.agreed,
        "disagreed": c.compared - c.agreed,
        "tolerance": c.tolerance,
        "resolution": c.resolution,
        "disagreements": list(c.disagreements),
    }


def build_report(ledgers: list[dict], catalog: dict) -> dict:
    """The machine-readable build report: per raw file, per indicator and per instrument."""
    files: dict[str, dict] = {}
    drops_by_file: dict[str, list[Drop]] = {}
    for led in ledgers:
        for d in led["drops"]:
            drops_by_file.setdefault(d.file, []).append(d)
    for led in ledgers:
        for f in sorted(set(led["rows_read"]) | {d.file for d in led["drops"]}):
            if f in files and f not in led["rows_read"]:
                continue  # drops added by the build (superseded events): summarised with the parser's own entry
            files[f] = {
                "parser": led["parser"],
                "rows_read": led["rows_read"].get(f),  # None: the parser does not count this file's rows
                "rows_kept": len(led["kept"].get(f, set()) - {r for d in drops_by_file.get(f, []) if d.reason == "superseded" for r in d.rows}),
                "accounting": "checked" if f in led["rows_read"] else "not counted",
                "dropped": _drop_summary(drops_by_file.get(f, [])),
            }
    parser_of_source = {sid: led["parser"] for led in ledgers for sid in led["sources"]}
    for src in catalog["sources"]:
        for f in src["files"]:
            # Files a parser reads without counting rows (lookups, metadata, or parsers not yet counting).
            files.setdefault(f, {"parser": parser_of_source.get(src["id"]), "rows_read": None, "rows_kept": None, "accounting": "not counted", "dropped": {}})
    all_drops = [d for led in ledgers for d in led["drops"]]
    all_comparisons = sorted((c for led in ledgers for c in led["comparisons"]), key=lambda c: c.id)
    by_source_files = {s["id"]: s["files"] for s in catalog["sources"]}
    by_source_asof = {s["id"]: s["as_of"] for s in catalog["sources"]}

    files_by_target: dict[str, set[str]] = {}
    for led in ledgers:
        for t, fs in led.get("files_by_target", {}).items():
            files_by_target.setdefault(t, set()).update(fs)

    def entry(item: dict, kind: str) -> dict:
        src_files = sorted({f for sid in item["source_ids"] for f in by_source_files.get(sid, [])})
        drops = [d for d in all_drops if d.target == item["id"]]
        # The raw files this entry's rows came from (or were dropped from), with their own row accounting.
        fed_by = sorted(files_by_target.get(item["id"], set()) | {d.file for d in drops if d.file})
        cov = item.get("coverage", {})
        latest = (cov.get("years") or [None, None])[1] if kind == "indicator" else cov.get("last_date")
        if kind == "indicator" and cov.get("periods"):
            latest = cov["periods"][1]
        return {
            "id": item["id"],
            "sources": [{"id": sid, "as_of": by_source_asof.get(sid)} for sid in item["source_ids"]],
            "coverage": cov,
            "latest_period": latest,
            "files": [{"file": f, "rows_read": files[f]["rows_read"], "rows_kept": files[f]["rows_kept"]} for f in fed_by if f in files],
            "rows_kept": cov.get("rows", cov.get("events")),  # rows (observations / corridors / events) in data/
            "dropped": {k: v for k, v in _drop_summary([d for d in drops if not d.quarantined]).items()},
            "quarantined": {k: v for k, v in _drop_summary([d for d in drops if d.quarantined]).items()},
            "comparisons": [c.id for c in all_comparisons if c.target == item["id"]],
            "source_files": src_files,
        }

    return {
        "files": dict(sorted(files.items())),
        "indicators": [entry(i, "indicator") for i in catalog["indicators"]],
        "instruments": [entry(i, "instrument") for i in catalog["instruments"]],
        "comparisons": [_comparison_dict(c) for c in all_comparisons],
        "totals": {
            "files": len(files),
            "files_counted": sum(1 for f in files.values() if f["rows_read"] is not None),
            "rows_read": sum(f["rows_read"] or 0 for f in files.values()),
            "rows_dropped": sum(max(len(d.rows), 1) for d in all_drops if not d.quarantined),
            "rows_quarantined": sum(max(len(d.rows), 1) for d in all_drops if d.quarantined),
            "comparisons": len(all_comparisons),
            "disagreements": sum(c.compared - c.agreed for c in all_comparisons),
        },
    }


def _attach_drops(catalog: dict, report: dict) -> None:
    """Dropped and quarantined counts by reason travel in each catalog entry (and so in the API)."""
    for kind in ("indicators", "instruments"):
        rep = {e["id"]: e for e in report[kind]}
        for item in catalog[kind]:
            e = rep[item["id"]]
            item["dropped"] = {k: v["rows"] for k, v in e["dropped"].items()}
            item["quarantined"] = {k: v["rows"] for k, v in e["quarantined"].items()}
            item["comparisons"] = [
                {k: c[k] for k in ("id", "sources", "compared", "agreed", "tolerance", "resolution")}
                for c in report["comparisons"]
                if c["target"] == item["id"]
            ]


def _empty(schema: pa.DataFrameSchema) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=str(col.dtype) if col.dtype is not None else "str") for c, col in schema.columns.items()})


def _cross_checks(tables, countries, indicators, instruments, srcs) -> list[SourceError]:
    errors: list[SourceError] = []
    known = set(countries["iso3"])

    def check(name, df, col, allowed, what):
        if df.empty or col not in df:
            return
        bad = df[df[col].notna() & ~df[col].isin(allowed)]
        for idx in bad.index[:20]:
            errors.append(_row_error(name, df, idx, name, f"unknown {what} {df.at[idx, col]!r}", col))

    obs = tables["observations"]
    if not obs.empty:
        countries_only = obs[obs["geo_type"] == "country"]
        check("observations", countries_only, "geo_code", known, "country code")
    check("observations", obs, "indicator_id", indicators.keys(), "indicator id (no catalog entry)")
    check("observations", obs, "source_id", srcs.keys(), "source id")
    for name, cols in (
        ("corridors", ["origin_iso3", "destination_iso3"]),
        ("ratification_events", ["iso3"]),
        ("evidence", ["origin_iso3", "destination_iso3"]),
    ):
        for col in cols:
            check(name, tables[name], col, known, "country code")
        check(name, tables[name], "source_id", srcs.keys(), "source id")
    check("corridors", tables["corridors"], "indicator_id", indicators.keys(), "indicator id (no catalog entry)")
    check("evidence", tables["evidence"], "indicator_id", indicators.keys(), "indicator id (no catalog entry)")
    check("ratification_events", tables["ratification_events"], "instrument_id", instruments.keys(), "instrument id (no catalog entry)")

    # Impossible values: negatives everywhere, percentages above 100.
    for name in ("observations", "corridors"):
        df = tables[name]
        if df.empty:
            continue
        pct_ids = {i.id for i in indicators.values() if i.unit_short == "%"}
        nonneg_ids = {i.id for i in indicators.values() if getattr(i, "scale", "") != "diverging"}
        for idx in df.index[df["indicator_id"].isin(nonneg_ids) & (df["value"] < 0)][:20]:
            errors.append(_row_error(name, df, idx, name, f"negative value {df.at[idx, 'value']!r} for {df.at[idx, 'indicator_id']}", "value"))
        for idx in df.index[df["indicator_id"].isin(pct_ids) & (df["value"] > 100)][:20]:
            errors.append(_row_error(name, df, idx, name, f"percentage above 100: {df.at[idx, 'value']!r} for {df.at[idx, 'indicator_id']}", "value"))
        if name == "observations":
            bad = df["lower"].notna() & df["upper"].notna() & ~((df["lower"] <= df["value"]) & (df["value"] <= df["upper"]))
            for idx in df.index[bad][:20]:
                errors.append(_row_error(name, df, idx, name, "value outside its own interval [lower, upper]", "value"))

    # A date's precision says how to show it: present exactly when the date is, and a month- or
    # year-only date is stored as the first day of its month / year.
    ev = tables["ratification_events"]
    if not ev.empty and "date_precision" in ev:
        has_date = ev["date"].notna()
        bad = has_date != ev["date_precision"].notna()
        bad |= (ev["date_precision"] == "month") & ~ev["date"].fillna("").str.endswith("-01")
        bad |= (ev["date_precision"] == "year") & ~ev["date"].fillna("").str.endswith("-01-01")
        for idx in ev.index[bad][:20]:
            errors.append(
                _row_error(
                    "ratification_events",
                    ev,
                    idx,
                    "ratification_events",
                    f"date {ev.at[idx, 'date']!r} does not fit its precision {ev.at[idx, 'date_precision']!r}",
                    "date_precision",
                )
            )
    # Dates after the source's own as-of date cannot be real events.
    if not ev.empty:
        future = ev["date"].notna() & (ev["date"] > ev["as_of"])
        for idx in ev.index[future][:20]:
            errors.append(
                _row_error(
                    "ratification_events",
                    ev,
                    idx,
                    "ratification_events",
                    f"date {ev.at[idx, 'date']} is after the source's as-of date {ev.at[idx, 'as_of']}",
                    "date",
                )
            )
    # A source "as of" a day that has not come yet is a typo, and would let future-dated events through the check above.
    import datetime as _dt

    today = _dt.date.today().isoformat()
    for s in srcs.values():
        as_of = str(s.as_of or "")[:10]
        if as_of and as_of > today[: len(as_of)]:
            errors.append(SourceError(", ".join(s.files) or f"<source {s.id}>", f"source {s.id!r} is as of {as_of}, a date in the future"))
    for kind, store in (("indicator", indicators), ("instrument", instruments)):
        for item in store.values():
            for sid in item.source_ids:
                if sid not in srcs:
                    errors.append(SourceError("<catalog>", f"{kind} {item.id!r} names unknown source {sid!r}"))
    return errors


def _canonical(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Same content -> same bytes: sorted rows, fixed column order, uniform text dtype."""
    df = df.copy()
    for c in df.columns:
        if df[c].dtype == object or pd.api.types.is_string_dtype(df[c]):
            df[c] = df[c].astype("str").where(df[c].notna(), None)
    df = df.sort_values(keys, kind="mergesort", na_position="first").reset_index(drop=True)
    return df[sorted(df.columns, key=lambda c: (c not in keys, keys.index(c) if c in keys else 0, c))]


def _coverage(ind, tables) -> dict:
    df = tables[ind.table] if ind.table in tables else pd.DataFrame()
    df = df[df["indicator_id"] == ind.id] if not df.empty else df
    if df.empty:
        return {"rows": 0}
    cov: dict = {"rows": int(len(df))}
    years = df["year"].dropna()
    if len(years):
        cov["years"] = [int(years.min()), int(years.max())]
    if ind.table == "observations":
        c = df[df["geo_type"] == "country"]
        cov["countries"] = int(c["geo_code"].nunique())
        cov["aggregates"] = sorted(df.loc[df["geo_type"] != "country", "geo_code"].unique().tolist())
        for col, key in (("sex", "sexes"), ("age", "ages"), ("breakdown", "breakdowns"), ("obs_type", "obs_types")):
            cov[key] = sorted(df[col].unique().tolist())
        cov["has_interval"] = bool(df["lower"].notna().any())
        cov["latest_year_by_sex"] = {s: int(g["year"].max()) for s, g in df.groupby("sex")}
    elif ind.table == "corridors":
        cov["corridors"] = int(df[["origin_iso3", "destination_iso3"]].drop_duplicates().shape[0])
        cov["origins"] = int(df["origin_iso3"].nunique())
        cov["destinations"] = int(df["destination_iso3"].nunique())
        cov["periods"] = [str(df["period"].min()), str(df["period"].max())]
    elif ind.table == "evidence":
        cov["records"] = int(len(df))
    return cov


def _catalog(tables, indicators, instruments, srcs) -> dict:
    ev = tables["ratification_events"]
    inds = []
    for ind in sorted(indicators.values(), key=lambda i: i.id):
        d = ind.to_dict()
        d["coverage"] = _coverage(ind, tables)
        d["as_of"] = max((srcs[s].as_of for s in ind.source_ids), default=None)
        d["publisher"] = "; ".join(dict.fromkeys(srcs[s].publisher for s in ind.source_ids))
        d["citation"] = " ".join(dict.fromkeys(srcs[s].citation for s in ind.source_ids))
        d["licence"] = "; ".join(dict.fromkeys(srcs[s].licence for s in ind.source_ids))
        d["source_files"] = sorted({f for s in ind.source_ids for f in srcs[s].files})
        inds.append(d)
    insts = []
    for ins in sorted(instruments.values(), key=lambda i: i.id):
        d = ins.to_dict()
        e = ev[ev["instrument_id"] == ins.id] if not ev.empty else ev
        d["coverage"] = {
            "events": int(len(e)),
            "countries": int(e["iso3"].nunique()) if len(e) else 0,
            "dated_events": int(e["date"].notna().sum()) if len(e) else 0,
            "first_date": (str(e["date"].dropna().min()) if len(e) and e["date"].notna().any() else None),
            "last_date": (str(e["date"].dropna().max()) if len(e) and e["date"].notna().any() else None),
            # How many dates are days, months or years only: the web must not show the latter as days.
            "date_precision": ({k: int(v) for k, v in sorted(e["date_precision"].value_counts().items())} if len(e) and "date_precision" in e else {}),
        }
        if not d.get("citation"):
            d["citation"] = " ".join(dict.fromkeys(srcs[s].citation for s in ins.source_ids))
        d["licence"] = "; ".join(dict.fromkeys(srcs[s].licence for s in ins.source_ids))
        insts.append(d)
    return {
        "indicators": inds,
        "instruments": insts,
        "sources": [srcs[k].to_dict() for k in sorted(srcs)],
    }


def _write_parquet(df: pd.DataFrame, path: Path) -> None:
    table = pa_arrow.Table.from_pandas(df, preserve_index=False)
    pq.write_table(table, path, compression="zstd", compression_level=9, write_statistics=True)


def write_outputs(tables, catalog, out_dir: Path, report: dict | None = None) -> dict:
    out_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    for name in sorted(tables):
        path = out_dir / TABLE_FILES[name]
        _write_parquet(tables[name], path)
        digest.update(path.read_bytes())
    if report is not None:
        text = json.dumps(report, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
        (out_dir / REPORT_FILE).write_text(text, encoding="utf-8")
        digest.update(text.encode("utf-8"))
    # The version covers the catalog text too: a changed definition or caveat must also invalidate caches.
    digest.update(json.dumps(catalog, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    catalog = dict(catalog, data_version=digest.hexdigest()[:16])
    (out_dir / CATALOG_FILE).write_text(json.dumps(catalog, sort_keys=True, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return catalog  # with data_version, which callers report


def build(raw: Path, data_dir: Path, assets_dir: Path | None = None) -> dict:
    """Build into a temporary sibling of ``data_dir`` and swap it in only on success."""
    tables, catalog, assets, report = run_parsers(raw)
    data_dir = Path(data_dir).resolve()
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="data.tmp-", dir=data_dir.parent))
    try:
        catalog = write_outputs(tables, catalog, tmp, report)
        for name, payload in sorted(assets.items()):
            (tmp / f"asset__{name}").write_bytes(payload)
        # Keep anything in data/ that the build does not own (e.g. a README).
        if data_dir.exists():
            for extra in data_dir.iterdir():
                if (
                    not (tmp / extra.name).exists()
                    and extra.is_file()
                    and not extra.name.endswith(".parquet")
                    and extra.name not in (CATALOG_FILE, REPORT_FILE)
                ):
                    shutil.copy2(extra, tmp / extra.name)
        staged_assets = sorted(tmp.glob("asset__*"))
        for p in staged_assets:
            p.rename(tmp.parent / (p.name + ".staged"))
        old = None
        if data_dir.exists():
            old = data_dir.with_name(f"data.old-{os.getpid()}")
            data_dir.rename(old)
        tmp.rename(data_dir)
        if old is not None:
            shutil.rmtree(old)
        if assets_dir is not None:
            assets_dir.mkdir(parents=True, exist_ok=True)
            for p in staged_assets:
                staged = tmp.parent / (p.name + ".staged")
                os.replace(staged, assets_dir / p.name.removeprefix("asset__"))
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
        for p in data_dir.parent.glob("asset__*.staged"):
            p.unlink()
    return catalog


def diff_against(raw: Path, data_dir: Path) -> list[str]:
    """Rebuild in a temp dir and list the files whose bytes differ from ``data_dir``."""
    tables, catalog, _, report = run_parsers(raw)
    with tempfile.TemporaryDirectory() as tmp:
        write_outputs(tables, catalog, Path(tmp), report)
        diffs = []
        for p in sorted(Path(tmp).iterdir()):
            committed = Path(data_dir) / p.name
            if not committed.exists() or committed.read_bytes() != p.read_bytes():
                diffs.append(p.name)
        return diffs
