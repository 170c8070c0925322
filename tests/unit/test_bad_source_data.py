"""Bad source data never replaces good data.

Two layers, both on the real raw files (skipped when they are not available):

1. Every parser x every text file it reads x a generic corruption (truncated mid-row, wrong
   delimiter, UTF-16 instead of UTF-8, a duplicated row, an unknown country name). The parser
   and the build's own validation of that parser's output must report the corrupted file.
   Parsers and files are discovered (``discover_parsers`` and the files each parser reports
   having read), so a new source is covered automatically. Collection only lists the parsers
   (cheap); the files each one reads are found by parsing the real sources when its test runs. The per-parser unit tests in
   tests/unit/test_<source>.py cover format-specific cases on small fixtures; this file
   covers the same cases uniformly across every real file.
2. Whole-pipeline cases the brief singles out: a ratification dated in the future, a share
   above 100 %, a missing column, a source "as of" a date in the future: ``build`` stops
   with a report naming file, row and reason, and the data folder is left byte-identical.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import importlib
import io
import shutil
from pathlib import Path

import pytest

from dashboard.pipeline import build as build_mod
from dashboard.pipeline.build import build, discover_parsers
from dashboard.pipeline.context import BuildContext
from dashboard.pipeline.errors import BuildError, SourceError
from tests.conftest import DATA, RAW

pytestmark = pytest.mark.skipif(not RAW.is_dir(), reason=f"raw sources not available at {RAW}")

TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
TRACE = ["src_file", "src_line"]


# -- helpers ---------------------------------------------------------------------------------


@functools.cache
def reference():
    """The reference parser and the countries it reads (parsed once per test process)."""
    ctx = BuildContext(raw=RAW)
    ref = next(m for m in discover_parsers() if getattr(m, "PRIORITY", 100) == 0)
    out = ref.parse(ctx)
    return ref, out.countries.drop(columns=[c for c in TRACE if c in out.countries])


def parser_names() -> list[str]:
    """Every parser but the reference (which has its own exhaustive tests in tests/unit/test_reference.py).

    Only imports the parser modules: cheap enough for collection, where the tests are parametrized by it.
    """
    return [m.__name__ for m in discover_parsers() if getattr(m, "PRIORITY", 100) != 0]


def parse(module_name: str, raw: Path) -> tuple[object | None, list[str]]:
    """Run one parser the way the build does: (its output, []) or (None, [why it stopped])."""
    mod = importlib.import_module(module_name)
    _, countries = reference()
    ctx = BuildContext(raw=raw)
    ctx.set_countries(countries)
    try:
        return mod.parse(ctx), []
    except SourceError as exc:
        return None, [str(exc)]
    except (KeyError, ValueError, TypeError, IndexError, UnicodeDecodeError) as exc:  # the build reports these too, naming the parser
        return None, [f"<parser {module_name}> {type(exc).__name__}: {exc}"]


@functools.cache
def clean_parse(module_name: str) -> tuple[object | None, list[str]]:
    """``parse`` on the real, untouched raw sources (once per test process)."""
    return parse(module_name, RAW)


def files_read(module_name: str) -> list[str]:
    """The raw text files this parser reports having read from the real sources."""
    out, _ = clean_parse(module_name)
    if out is None:
        return []  # it stopped on the clean sources: test_clean_files_pass_the_same_checks says why
    return sorted(f for f in {f for s in out.sources for f in s.files} if f.endswith(TEXT_SUFFIXES) and (RAW / f).is_file())


def problems_of(module_name: str, raw: Path, parsed: tuple[object | None, list[str]] | None = None) -> list[str]:
    """Run one parser the way the build does (parse, schema, cross-checks) and return every problem."""
    out, stopped = parsed or parse(module_name, raw)
    if out is None:
        return stopped
    _, countries = reference()
    default_file = ", ".join(f for s in out.sources for f in s.files)
    errors: list[SourceError] = []
    tables = {}
    for name, schema in build_mod.schemas.TABLES.items():
        df = getattr(out, name)
        if df is None or df.empty:
            tables[name] = build_mod._empty(schema)
            continue
        df = df.reset_index(drop=True)
        errors += build_mod._schema_errors(name, df, schema, default_file)
        tables[name] = df
    indicators = {i.id: i for i in out.indicators}
    instruments = {i.id: i for i in out.instruments}
    srcs = {s.id: s for s in out.sources}
    errors += build_mod._cross_checks(tables, countries, indicators, instruments, srcs)
    return [str(e) for e in errors]


def symlinked_raw(tmp_path: Path, replace: str) -> Path:
    """A raw folder of symlinks to the real files, except ``replace``, which is a real copy to corrupt."""
    dst = tmp_path / "raw"
    for src in RAW.rglob("*"):
        if src.is_file():
            rel = src.relative_to(RAW)
            (dst / rel).parent.mkdir(parents=True, exist_ok=True)
            if str(rel) == replace:
                shutil.copyfile(src, dst / rel)
                (dst / rel).chmod(0o644)
            else:
                (dst / rel).symlink_to(src)
    return dst


def read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig")


def data_lines(text: str) -> list[int]:
    """Indices of the non-empty lines after the first one (the header)."""
    lines = text.splitlines()
    return [i for i, line in enumerate(lines) if i > 0 and line.strip()]


# -- corruptions ---------------------------------------------------------------------------


def truncate_mid_row(path: Path) -> int | bool:
    """Cut the middle data row; return its 1-based line number (False if the file is too short)."""
    text = read_text(path)
    lines = text.splitlines(keepends=True)
    rows = data_lines(text)
    if len(rows) < 3:
        return False
    i = rows[len(rows) // 2]
    cut = lines[i].rstrip("\r\n")
    # Cut inside the row, after its first separator, so the row is visibly incomplete.
    seps = [k for k, ch in enumerate(cut) if ch in ",;\t"]
    keep = cut[: seps[len(seps) // 2] + 1] if seps else cut[: len(cut) // 2]
    path.write_text("".join(lines[:i]) + keep, encoding="utf-8")
    return i + 1


def wrong_delimiter(path: Path) -> bool:
    text = read_text(path)
    sep = "\t" if path.suffix == ".tsv" else ","
    if sep not in text.splitlines()[0]:
        return False
    path.write_text(text.replace(sep, ";" if sep == "," else ","), encoding="utf-8")
    return True


def utf16(path: Path) -> bool:
    path.write_bytes(read_text(path).encode("utf-16"))
    return True


def duplicate_row(path: Path) -> int | bool:
    """Repeat the middle data row right after itself; return the copy's 1-based line number."""
    text = read_text(path)
    lines = text.splitlines(keepends=True)
    rows = data_lines(text)
    if not rows:
        return False
    i = rows[len(rows) // 2]
    line = lines[i] if lines[i].endswith("\n") else lines[i] + "\n"
    path.write_text("".join(lines[: i + 1]) + ("" if lines[i].endswith("\n") else "\n") + line + "".join(lines[i + 1 :]), encoding="utf-8")
    return i + 2


CORRUPTIONS = {
    "truncated": truncate_mid_row,
    "wrong_delimiter": wrong_delimiter,
    "utf16": utf16,
    "duplicated_row": duplicate_row,
}
# Unknown country names are not corrupted generically: many files carry both a name and a code and the
# parsers (rightly) key on the code. The parser tests cover unknown names/codes per source
# (test_femicide, test_gsi2023, test_glotip, test_sdg_violence, test_reference, test_untc_*).

# Gaps this test found, since fixed in the parsers: these cases also check that the report gives the
# row and the problem, not only the file (the corruption returns the line it damaged).
_DUP = "duplicate row"
_TRUNC = "cut off in the middle of a row"
FIXED_GAPS: dict[tuple[str, str, str], str] = {
    ("costs_wdi", "wdi_SI.RMT.COST.OB.ZS", "duplicated_row"): _DUP,
    ("costs_wdi", "wdi_metadata_countries", "duplicated_row"): _DUP,
    ("costs_wdi", "wdi_metadata_countries", "truncated"): _TRUNC,
    ("glotip", "unodc_glotip_2025-04-14", "duplicated_row"): _DUP,
    ("sdg_violence", "vc_ihr_psrc--", "duplicated_row"): _DUP,
    ("sdg_violence", "vc_ihr_psrcn--", "duplicated_row"): _DUP,
    ("undesa_migrant_stock", "undesa_ims2024_T1", "duplicated_row"): _DUP,
    ("undesa_migrant_stock", "undesa_ims2024_T2", "duplicated_row"): _DUP,
    ("undesa_migrant_stock", "undesa_ims2024_T3", "duplicated_row"): _DUP,
    ("undesa_migrant_stock", "undesa_ims2024_T4", "duplicated_row"): _DUP,
    ("undesa_migrant_stock", "undesa_ims2024_migrant_notes", "duplicated_row"): _DUP,
    ("undesa_migrant_stock", "undesa_ims2024_population_notes", "duplicated_row"): _DUP,
    ("undesa_ims2024_origin", "undesa_ims2024_origin_T1", "duplicated_row"): _DUP,
    ("undesa_ims2024_origin", "undesa_ims2024_origin_T2", "duplicated_row"): _DUP,
    ("untc_ch4", "untc_ch4_core_hr_treaties", "duplicated_row"): _DUP,
    ("untc_tables", "untc2015_18-12-b", "truncated"): _TRUNC,
    ("untc_tables", "untc2015_5-3", "truncated"): _TRUNC,
    ("untc_tables", "untc2015_5-4", "truncated"): _TRUNC,
}


def _fixed_gap(module_name: str, rel: str, corruption: str) -> str | None:
    mod = module_name.rsplit(".", 1)[-1]
    return next((p for (m, f, c), p in FIXED_GAPS.items() if m == mod and f in Path(rel).name and c == corruption), None)


@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
@pytest.mark.parametrize("module_name", parser_names(), ids=lambda name: name.rsplit(".", 1)[-1])
def test_corrupted_file_is_reported_by_name(module_name, corruption, tmp_path):
    """Every text file the parser reads, corrupted in turn (one file at a time): each must be reported by name."""
    files = files_read(module_name)
    if not files:
        pytest.skip(f"{module_name} reads no text file from {RAW}")
    failures, applied = [], []
    for i, rel in enumerate(files):
        case_dir = tmp_path / str(i)
        raw = symlinked_raw(case_dir, rel)
        line = CORRUPTIONS[corruption](raw / rel)
        if not line:
            continue  # e.g. no delimiter to swap in a page-text file
        applied.append(rel)
        problems = problems_of(module_name, raw)
        if not problems:
            failures.append(f"{rel}: accepted without a word")
            continue
        named = [p for p in problems if Path(rel).name in p or Path(rel).stem in p]
        if not named:
            failures.append(f"{rel}: reported, but without naming the file: {problems[:3]}")
            continue
        if (problem := _fixed_gap(module_name, rel, corruption)) is not None:
            if not [p for p in named if f"row {line}:" in p and problem in p]:
                failures.append(f"{rel}: expected row {line} and {problem!r}, got {named[:3]}")
    if not applied:
        pytest.skip(f"{corruption} applies to none of {files}")
    assert not failures, f"{corruption}, {len(failures)} of {len(applied)} files:\n" + "\n".join(failures)


@pytest.mark.parametrize("module_name", parser_names(), ids=lambda name: name.rsplit(".", 1)[-1])
def test_clean_files_pass_the_same_checks(module_name):
    """The generic checks are not failing everything: the untouched files raise nothing."""
    bad = [x for x in problems_of(module_name, RAW, clean_parse(module_name)) if "no catalog entry" not in x and "unknown source" not in x]
    assert not bad, bad[:2]


def test_the_corruptions_reach_text_files():
    """Discovery is not empty: parsers exist, and some read text files the corruptions apply to."""
    names = parser_names()
    assert names
    assert any(files_read(name) for name in names)


# -- whole pipeline: build stops, data/ untouched -----------------------------------------------------


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture()
def committed_copy(tmp_path):
    """A copy of the committed data/ to build into: it must come out byte-identical."""
    out = tmp_path / "data"
    shutil.copytree(DATA, out)
    return out


def rewrite_cell(path: Path, match, column: str, value: str, delim: str = ",") -> int:
    """Set ``column`` to ``value`` on the first data row where ``match(row)``; return its 1-based line number."""
    text = read_text(path)
    rows = list(csv.DictReader(io.StringIO(text), delimiter=delim))
    fields = list(rows[0].keys())
    idx = next(i for i, r in enumerate(rows) if match(r))
    rows[idx][column] = value
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields, delimiter=delim, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return idx + 2


def stops_and_leaves_data(raw: Path, out: Path, tmp_path: Path) -> str:
    before = digest(out)
    committed = digest(DATA)
    with pytest.raises(BuildError) as exc:
        build(raw, out, tmp_path / "assets")
    assert digest(out) == before, "the data folder changed although the build stopped"
    assert digest(DATA) == committed
    assert not list(out.parent.glob("data.tmp-*")) and not list(out.parent.glob("data.old-*"))
    return str(exc.value)


UNTC = "ratifications/untc_ch4_core_hr_treaties_2026-02-03.csv"
T4 = "migration/undesa_ims2024_T4_female_share_of_migrant_stock_pct.csv"


def test_future_ratification_date_stops_the_build(tmp_path, committed_copy):
    raw = symlinked_raw(tmp_path, UNTC)
    line = rewrite_cell(
        raw / UNTC, lambda r: r["country_name"] == "Philippines" and r["treaty_id"] == "cedaw" and r["action_date"], "action_date", "2099-06-30"
    )
    message = stops_and_leaves_data(raw, committed_copy, tmp_path)
    assert Path(UNTC).name in message and f"row {line}" in message and "2099-06-30" in message


def test_share_above_100_stops_the_build(tmp_path, committed_copy):
    raw = symlinked_raw(tmp_path, T4)
    line = rewrite_cell(raw / T4, lambda r: r["Region, development group, country or area"].strip() == "Philippines", "female_share_pct_2020", "123.4")
    message = stops_and_leaves_data(raw, committed_copy, tmp_path)
    assert Path(T4).name in message and f"row {line}" in message and "123.4" in message


def test_missing_column_stops_the_build(tmp_path, committed_copy):
    raw = symlinked_raw(tmp_path, UNTC)
    path = raw / UNTC
    rows = list(csv.reader(io.StringIO(read_text(path))))
    drop = rows[0].index("action_type")
    path.write_text("".join(",".join(f'"{c}"' if "," in c else c for i, c in enumerate(r) if i != drop) + "\n" for r in rows), encoding="utf-8")
    message = stops_and_leaves_data(raw, committed_copy, tmp_path)
    assert Path(UNTC).name in message and "action_type" in message


def test_source_as_of_in_the_future_stops_the_build(tmp_path, committed_copy):
    """A depositary list 'as of' a date that has not happened yet cannot be real (it would also hide future-dated events)."""
    log = "ratifications/untc_ch4_core_hr_treaties_2026-02-03.access_log.json"
    raw = symlinked_raw(tmp_path, log)
    future = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    text = read_text(raw / log)
    assert '"access_date": "2026-02-03"' in text
    (raw / log).write_text(text.replace('"access_date": "2026-02-03"', f'"access_date": "{future}"'), encoding="utf-8")
    message = stops_and_leaves_data(raw, committed_copy, tmp_path)
    assert future in message
