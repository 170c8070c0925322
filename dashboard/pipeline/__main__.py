"""``python -m dashboard.pipeline build|check [--raw DIR]`` and ``import untc|normlex FILE --instrument ID``.

build  parse the raw sources and swap validated tables into data/ (and the map into assets/)
check  rebuild in a temporary folder and report whether data/ matches byte for byte
report print data/build_report.json for people: rows read, kept, dropped by reason, comparisons
import turn a depositary's status page into a raw file under ratifications/imported/ (then run build)
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .build import build, diff_against
from .errors import BuildError, SourceError

ROOT = Path(__file__).resolve().parents[2]


def default_raw() -> Path:
    return Path(os.environ.get("RAW_DATA_DIR") or ROOT.parent / "shared" / "data" / "raw")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dashboard.pipeline", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("build", "check"):
        p = sub.add_parser(name)
        p.add_argument("--raw", type=Path, default=None, help="raw sources directory (default: $RAW_DATA_DIR or ../shared/data/raw)")
        p.add_argument("--out", type=Path, default=ROOT / "data", help="preprocessed data directory (default: data/)")
        p.add_argument("--assets", type=Path, default=ROOT / "assets", help="assets directory for the map topology")
    rep = sub.add_parser("report", help="summarise data/build_report.json (written by build)")
    rep.add_argument("--out", type=Path, default=ROOT / "data", help="preprocessed data directory (default: data/)")
    imp = sub.add_parser("import", help="bring in a depositary's status page (UNTC HTML, NORMLEX HTML/CSV) as a raw file; then run build")
    imp.add_argument("kind", choices=["untc", "normlex"])
    imp.add_argument("src", help="saved page or export file (or an http(s) URL; untested offline)")
    imp.add_argument("--instrument", required=True, help="instrument id, e.g. ILO-C189 or UN-TIP")
    imp.add_argument("--as-of", dest="as_of", default=None, help="YYYY-MM-DD the list is current to (UNTC pages carry their own)")
    imp.add_argument("--raw", type=Path, default=None, help="raw sources directory to write into (default: $RAW_DATA_DIR or ../shared/data/raw)")
    args = ap.parse_args(argv)
    if args.cmd == "report":
        return print_report(args.out)
    raw = args.raw or default_raw()
    if args.cmd == "import":
        from .importers import run_import

        try:
            path, written, result = run_import(args.kind, args.src, args.instrument, raw, args.as_of)
        except (SourceError, OSError) as exc:
            print(f"error: {exc}; nothing was written", file=sys.stderr)
            return 1
        state = "wrote" if written else "unchanged (identical import already present):"
        print(f"{state} {path} ({len(result.rows)} rows, {result.instrument_id} as of {result.as_of}); now run: python -m dashboard.pipeline build --raw {raw}")
        return 0
    if not raw.is_dir():
        print(f"error: raw directory {raw} does not exist (set --raw or RAW_DATA_DIR)", file=sys.stderr)
        return 2
    try:
        if args.cmd == "build":
            catalog = build(raw, args.out, args.assets)
            print(
                f"built {len(catalog['indicators'])} indicators, {len(catalog['instruments'])} instruments, data version {catalog['data_version']} -> {args.out}"
            )
            return 0
        diffs = diff_against(raw, args.out)
        if diffs:
            print("data/ differs from a fresh build: " + ", ".join(diffs), file=sys.stderr)
            return 1
        print("data/ matches a fresh build byte for byte")
        return 0
    except (BuildError, SourceError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def print_report(data_dir: Path) -> int:
    import json

    path = Path(data_dir) / "build_report.json"
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"error: cannot read {path}: {exc}; run: python -m dashboard.pipeline build", file=sys.stderr)
        return 1
    t = report["totals"]
    print(
        f"{t['files']} raw files ({t['files_counted']} with counted rows): {t['rows_read']} rows read, "
        f"{t['rows_dropped']} dropped, {t['rows_quarantined']} quarantined; {t['comparisons']} comparison(s), {t['disagreements']} disagreement(s)"
    )
    for f, e in report["files"].items():
        counts = f"read {e['rows_read']}, kept {e['rows_kept']}" if e["rows_read"] is not None else "rows not counted"
        print(f"\n{f} [{e['parser']}]: {counts}")
        for reason, d in e["dropped"].items():
            kind = "quarantined" if d["quarantined"] else "dropped"
            print(f"  {kind} {d['rows']:>6}  {reason}: e.g. {d['examples'][0]['detail'] if d['examples'] else ''}")
    for c in report["comparisons"]:
        print(
            f"\ncomparison {c['id']} ({' vs '.join(c['sources'])}): {c['agreed']}/{c['compared']} agree ({c['tolerance']}); {c['disagreed']} disagree{(': ' + c['resolution']) if c['resolution'] else (' (unresolved)' if c['disagreed'] else '')}"
        )
        for line in c["disagreements"]:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
