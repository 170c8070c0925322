"""Every interface string has a French and a Spanish translation, with the same placeholders.

Messages are extracted from the code at test time (Babel's extractor over layouts/, callbacks/,
dashboard/, plus page titles, menu labels and theme names), so adding an untranslated ``_()``
string anywhere fails here: run ``make translations`` and fill the new ``msgstr`` entries.
"""
from __future__ import annotations

import pytest

from dashboard import i18n
from dashboard.i18n_catalog import collect_messages, placeholders, po_path, read_catalog

OTHER_LANGS = [lang for lang in i18n.LANGS if lang != i18n.DEFAULT_LANG]


@pytest.fixture(scope="module")
def messages():
    return collect_messages()


def test_extraction_finds_the_interface(messages):
    # Literal calls in shared layouts, declared page titles and theme names are all found.
    assert "Skip to main content" in messages
    assert "Sources, citations and licences" in messages
    import layouts
    from dashboard.data import THEMES

    for mod in layouts.pages():
        assert mod.TITLE in messages
    for label in THEMES.values():
        assert label in messages


@pytest.mark.parametrize("lang", OTHER_LANGS)
def test_every_message_is_translated(messages, lang):
    assert po_path(lang).is_file(), f"no catalog for {lang}: run `make translations`"
    cat = {m.id: m for m in read_catalog(lang) if m.id}
    missing = sorted(mid for mid in messages if mid not in cat or not cat[mid].string.strip())
    fuzzy = sorted(mid for mid in messages if mid in cat and cat[mid].fuzzy)
    where = {mid: messages[mid][0][0] for mid in missing + fuzzy}
    assert not missing, f"{len(missing)} untranslated in {lang} (run `make translations`, then translate): " + "; ".join(f"{m!r} ({where[m]})" for m in missing[:15])
    assert not fuzzy, f"fuzzy (unchecked) translations in {lang}: {fuzzy[:10]}"


@pytest.mark.parametrize("lang", OTHER_LANGS)
def test_placeholders_survive_translation(lang):
    for m in read_catalog(lang):
        if m.id and m.string:
            assert placeholders(m.string) == placeholders(m.id), f"{lang}: placeholders differ in {m.id!r} -> {m.string!r}"
            # And the translation formats with exactly the msgid's keywords.
            m.string.format(**{k: "x" for k in placeholders(m.id) if k})


@pytest.mark.parametrize("lang", OTHER_LANGS)
def test_translator_uses_the_catalog(lang):
    _ = i18n.translator(lang)
    assert _("Skip to main content") != "Skip to main content"
    assert _("{n} countries", n=3).startswith("3 ")


def test_unknown_msgid_and_english_fall_back_to_the_source():
    assert i18n.translator("fr")("A string nobody wrote") == "A string nobody wrote"
    assert i18n.translator("en")("Explore") == "Explore"
    assert i18n.translator("xx")("Explore") == "Explore"


def test_numbers_and_dates_follow_the_locale():
    assert i18n.fmt_number(1234.5, "en") == "1,234.5"
    assert i18n.fmt_number(1234.5, "fr").replace("\u202f", " ").replace("\xa0", " ") == "1 234,5"
    assert i18n.fmt_number(1234.5, "es") in ("1234,5", "1.234,5")
    assert i18n.fmt_percent(6.5, "fr").replace("\u202f", " ").replace("\xa0", " ") == "6,5 %"
    assert i18n.fmt_date("2024-03-01", "fr") == "1 mars 2024"
    assert "mar" in i18n.fmt_date("2024-03-01", "es")
