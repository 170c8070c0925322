"""Every interface string has a translation in each of the other five UN languages (French, Spanish,
Arabic, Chinese, Russian), with the same placeholders.

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
    assert not missing, f"{len(missing)} untranslated in {lang} (run `make translations`, then translate): " + "; ".join(
        f"{m!r} ({where[m]})" for m in missing[:15]
    )
    assert not fuzzy, f"fuzzy (unchecked) translations in {lang}: {fuzzy[:10]}"


@pytest.mark.parametrize("lang", OTHER_LANGS)
def test_placeholders_survive_translation(lang):
    for m in read_catalog(lang):
        if m.id and m.string:
            assert placeholders(m.string) == placeholders(m.id), f"{lang}: placeholders differ in {m.id!r} -> {m.string!r}"
            # And the translation formats with exactly the msgid's keywords.
            m.string.format(**{k: "x" for k in placeholders(m.id) if k})


def test_placeholder_check_catches_a_missing_or_extra_placeholder():
    # The check above compares these sets: a dropped, renamed or invented placeholder differs.
    assert placeholders("{n} countries") == {"n"}
    assert placeholders("Стран: {n}") == placeholders("{n} countries")
    assert placeholders("Стран") != placeholders("{n} countries")
    assert placeholders("{n} стран {m}") != placeholders("{n} countries")
    assert placeholders("{count} стран") != placeholders("{n} countries")


@pytest.mark.parametrize("lang", OTHER_LANGS)
def test_catalog_plural_forms_are_cldr(lang):
    """The header's Plural-Forms is the one Babel derives from CLDR for the locale (ar 6, ru 3, zh 1)."""
    from babel import Locale
    from babel.messages.plurals import get_plural

    cat = read_catalog(lang)
    expected = get_plural(Locale.parse(lang))
    assert cat.num_plurals == expected.num_plurals
    assert cat.plural_expr == expected.plural_expr
    assert {"ar": 6, "ru": 3, "zh": 1}.get(lang, cat.num_plurals) == cat.num_plurals


@pytest.mark.parametrize("lang", OTHER_LANGS)
def test_translator_uses_the_catalog(lang):
    _ = i18n.translator(lang)
    assert _("Skip to main content") != "Skip to main content"
    # Languages with several plural forms put the count after a label ("Стран: 3"), so that one
    # string reads correctly for any number: the count is there, the source text is not.
    counted = _("{n} countries", n=3)
    assert "3" in counted and counted != "3 countries"


def test_each_language_is_named_in_its_own_script():
    assert set(i18n.LANG_NAMES) == set(i18n.LANGS)
    assert i18n.LANG_NAMES["ar"] == "العربية"
    assert i18n.LANG_NAMES["zh"] == "中文"
    assert i18n.LANG_NAMES["ru"] == "Русский"
    for lang, name in i18n.LANG_NAMES.items():
        assert name.lower() == i18n.babel_locale(lang).language_name.lower()


def test_arabic_is_right_to_left_and_the_others_are_not():
    assert i18n.text_direction("ar") == "rtl"
    for lang in i18n.LANGS:
        if lang != "ar":
            assert i18n.text_direction(lang) == "ltr"
    assert i18n.text_direction("xx") == "ltr"
    # The table agrees with CLDR's own character order for each locale.
    for lang in i18n.LANGS:
        assert i18n.text_direction(lang) == i18n.babel_locale(lang).text_direction


def test_the_served_document_says_its_direction(client):
    assert b'<html lang="ar" dir="rtl">' in client.get("/about?lang=ar").data
    assert b'<html lang="ru">' in client.get("/about?lang=ru").data
    assert b'<html lang="zh">' in client.get("/about?lang=zh").data


def test_chinese_means_simplified():
    loc = i18n.babel_locale("zh")
    assert (loc.language, loc.script, loc.territory) == ("zh", "Hans", "CN")


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


def _spaces(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


def test_numbers_and_dates_follow_cldr_for_arabic_chinese_and_russian():
    from datetime import date

    from babel.dates import format_date
    from babel.numbers import format_decimal

    # Whatever digits and separators CLDR gives each locale, not a hand-made table.
    for lang, cldr in (("ar", "ar"), ("zh", "zh_Hans_CN"), ("ru", "ru")):
        assert i18n.fmt_number(1234.5, lang) == format_decimal(1234.5, format="#,##0.0", locale=cldr)
        assert i18n.fmt_date("2024-03-01", lang) == format_date(date(2024, 3, 1), format="medium", locale=cldr)
    assert _spaces(i18n.fmt_number(1234.5, "ru")) == "1 234,5"
    assert _spaces(i18n.fmt_percent(6.5, "ru")) == "6,5 %"
    assert i18n.fmt_date("2024-03-01", "zh") == "2024年3月1日"
    assert "мар" in i18n.fmt_date("2024-03-01", "ru")


def test_every_interface_language_has_country_names(store):
    """The pages look names up as ``name_<lang>``; languages the data does not name yet read English."""
    countries = store.countries
    for lang in i18n.LANGS:
        col = f"name_{lang}"
        assert col in countries.columns, col
        assert countries[col].notna().all(), col
    for lang in ("fr", "es"):  # the pipeline's own translations stay untouched
        assert (countries[f"name_{lang}"] != countries["name_en"]).any()


def test_tracker_lists_a_name_per_interface_language_even_from_an_older_table():
    import pandas as pd

    from dashboard.ratifications.tracker import universe

    countries = pd.DataFrame(
        [
            dict(
                iso3="PHL",
                un_status="member",
                name_en="Philippines",
                name_fr="Philippines (les)",
                name_es="Filipinas",
                region_name="Asia",
                subregion_name="South-eastern Asia",
                income_group="Lower middle income",
                has_shape_110m=True,
                lon=122.0,
                lat=12.0,
            )
        ]
    )
    events = pd.DataFrame({"iso3": pd.Series([], dtype=str)})
    states = universe(countries, events)
    assert states.loc[0, "name_ar"] == states.loc[0, "name_ru"] == states.loc[0, "name_zh"] == "Philippines"
    assert states.loc[0, "name_es"] == "Filipinas"


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_accessible_names_contain_the_visible_label(lang):
    # WCAG 2.5.3: /explore's play button shows "Play" and is named "Play the years one after another".
    _ = i18n.translator(lang)
    assert _("Play") in _("Play the years one after another")
