"""Message extraction and catalog upkeep for the interface languages (``make translations``).

Every string the interface shows goes through ``_()`` (see :mod:`dashboard.i18n`). Babel's
extractor finds the literal calls -- ``_("...")``, ``N_("...")``, ``gettext("...")`` -- in
``layouts/``, ``callbacks/`` and ``dashboard/``. A few interface strings are *data* passed to
``_()`` at run time; they are collected here too so that nothing is missed:

- the theme names in :data:`dashboard.data.THEMES`.

(Page titles and menu labels, ``TITLE`` and ``NAV_LABEL`` in each page module, are marked ``N_("...")``.)

Any other string that reaches ``_()`` through a variable must be marked where it is defined with
``N_("...")`` (a no-op that only tells the extractor).

    python -m dashboard.i18n_catalog extract   # write dashboard/translations/messages.pot
    python -m dashboard.i18n_catalog update    # extract, then merge into every <lang>/messages.po
    python -m dashboard.i18n_catalog check     # list untranslated msgids; exit 1 if any
"""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

from .i18n import DEFAULT_LANG, LANGS, TRANSLATIONS

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIRS = ("layouts", "callbacks", "dashboard")
SKIP_DIRS = ("pipeline", "__pycache__", "translations")
POT = TRANSLATIONS / "messages.pot"
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")
HEADER = "vawmw-dashboard"


def _dir_filter(dirname: str) -> bool:
    return not any(part in SKIP_DIRS or part.startswith(".") for part in Path(dirname).parts)


def collect_messages(root: Path = ROOT) -> dict[str, list[tuple[str, int]]]:
    """msgid -> [(file, line), ...] for every interface string, literal or declared."""
    found: dict[str, list[tuple[str, int]]] = {}
    keywords = {k: v for k, v in DEFAULT_KEYWORDS.items() if k in ("_", "N_", "gettext")}
    for sub in SOURCE_DIRS:
        for filename, lineno, message, _comments, _ctx in extract_from_dir(
            root / sub, method_map=[("**.py", "python")], keywords=keywords, directory_filter=_dir_filter
        ):
            if isinstance(message, tuple):  # plural forms: not used by this app
                message = message[0]
            if message and message.strip():
                found.setdefault(message, []).append((f"{sub}/{filename}", lineno))
    for msgid, where in declared_messages():
        found.setdefault(msgid, []).append((where, 0))
    return found


def declared_messages() -> list[tuple[str, str]]:
    """Strings that reach ``_()`` as data: theme names (page titles and menu labels are marked ``N_``)."""
    from dashboard.data import THEMES

    return [(label, "dashboard/data.py") for label in THEMES.values()]


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def build_template(messages: dict[str, list[tuple[str, int]]] | None = None) -> Catalog:
    messages = collect_messages() if messages is None else messages
    cat = Catalog(project=HEADER, version="1", msgid_bugs_address="", copyright_holder="", fuzzy=False)
    for msgid in sorted(messages):
        cat.add(msgid, locations=sorted(set(messages[msgid])), flags=("python-brace-format",) if placeholders(msgid) else ())
    return cat


def po_path(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"


def read_catalog(lang: str) -> Catalog:
    with po_path(lang).open("rb") as f:
        return read_po(f, locale=lang)


def _write(cat: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        # No line wrapping and no POT-Creation-Date churn: diffs stay readable.
        write_po(f, cat, width=0, sort_output=True, omit_header=False, ignore_obsolete=False, include_previous=False)


def update() -> dict[str, int]:
    """Extract, write the template, merge it into each catalog (new ids empty, gone ids obsolete)."""
    template = build_template()
    template.creation_date = template.revision_date = _FIXED_DATE
    _write(template, POT)
    stats = {}
    for lang in LANGS:
        if lang == DEFAULT_LANG:
            continue
        path = po_path(lang)
        if path.is_file():
            cat = read_catalog(lang)
        else:
            cat = Catalog(locale=lang, project=HEADER, version="1", fuzzy=False)
        cat.update(template, no_fuzzy_matching=True)
        cat.creation_date = cat.revision_date = _FIXED_DATE
        _write(cat, path)
        stats[lang] = sum(1 for m in cat if m.id and not m.string)
    return stats


def untranslated(lang: str, messages=None) -> list[str]:
    messages = collect_messages() if messages is None else messages
    done = {m.id: m for m in read_catalog(lang) if m.id} if po_path(lang).is_file() else {}
    return sorted(mid for mid in messages if mid not in done or not done[mid].string or done[mid].fuzzy)


_FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else "check"
    if cmd == "extract":
        cat = build_template()
        cat.creation_date = _FIXED_DATE
        _write(cat, POT)
        print(f"{len(cat)} messages -> {POT.relative_to(ROOT)}")
        return 0
    if cmd == "update":
        for lang, n in update().items():
            print(f"{lang}: {n} untranslated")
        return 0
    if cmd == "check":
        messages = collect_messages()
        bad = 0
        for lang in LANGS:
            if lang == DEFAULT_LANG:
                continue
            missing = untranslated(lang, messages)
            bad += len(missing)
            print(f"{lang}: {len(messages) - len(missing)}/{len(messages)} translated")
            for mid in missing:
                print(f"   missing: {mid!r}  ({messages[mid][0][0]})")
        return 1 if bad else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
