"""Interface languages: the six official UN languages -- English (source), French, Spanish, Arabic,
Chinese (Simplified) and Russian.

Message catalogs are gettext ``.po`` files (``dashboard/translations/<lang>/LC_MESSAGES/messages.po``),
extracted with Babel (``pybabel extract -F babel.cfg -o dashboard/translations/messages.pot .``).
They are read directly with Babel at start-up, so no compiled ``.mo`` files are needed.
The language lives in the URL (``?lang=fr``), like every other piece of view state.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

LANGS = ("en", "fr", "es", "ar", "zh", "ru")
DEFAULT_LANG = "en"
# Each language named in its own script, as the switcher shows it.
LANG_NAMES = {"en": "English", "fr": "Français", "es": "Español", "ar": "العربية", "zh": "中文", "ru": "Русский"}
# ?lang= code -> CLDR locale for numbers, dates and percentages. The catalog directory keeps the
# short code (translations/zh/); "zh" alone is Simplified in CLDR, but saying zh_Hans_CN keeps it so.
BABEL_LOCALES = {"en": "en", "fr": "fr", "es": "es", "ar": "ar", "zh": "zh_Hans_CN", "ru": "ru"}
RTL_LANGS = frozenset({"ar"})
TRANSLATIONS = Path(__file__).with_name("translations")


def parse_lang(value) -> str:
    """Any input -> a supported language code (unknown values fall back to English)."""
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    v = str(value or "").strip().lower()[:5]
    return v if v in LANGS else DEFAULT_LANG


def text_direction(lang) -> str:
    """``"rtl"`` or ``"ltr"``: the ``dir`` of a document in this language."""
    return "rtl" if parse_lang(lang) in RTL_LANGS else "ltr"


@cache
def babel_locale(lang) -> Locale:
    return Locale.parse(BABEL_LOCALES[parse_lang(lang)])


@cache
def _catalog(lang: str) -> dict[str, str]:
    po = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
    if lang == DEFAULT_LANG or not po.is_file():
        return {}
    with po.open("rb") as f:
        cat = read_po(f, locale=lang)
    return {m.id: m.string for m in cat if m.id and m.string and not m.fuzzy}


def N_(msgid: str) -> str:
    """Mark a string for extraction without translating it (translate later with ``_(variable)``)."""
    return msgid


def gettext(msgid: str, lang: str = DEFAULT_LANG, **kwargs) -> str:
    text = _catalog(parse_lang(lang)).get(msgid, msgid)
    return text.format(**kwargs) if kwargs else text


def translator(lang: str):
    """``_ = translator(lang)`` then ``_("Explore")`` or ``_("{n} countries", n=3)``."""
    lang = parse_lang(lang)

    def _(msgid: str, **kwargs) -> str:
        return gettext(msgid, lang, **kwargs)

    return _


def fmt_number(value, lang: str = DEFAULT_LANG, decimals: int = 1) -> str:
    if value is None or value != value:
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=babel_locale(lang))


def fmt_percent(value, lang: str = DEFAULT_LANG, decimals: int = 1) -> str:
    """``value`` is already in percent (e.g. 6.5 -> '6.5 %' / '6,5 %')."""
    if value is None or value != value:
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "") + " %"
    return format_percent(value / 100, format=pattern, locale=babel_locale(lang))


# How much of a stored ISO date a precision vouches for: month- and year-only dates are stored as the first day.
SHOWN_CHARS = {"day": 10, "month": 7, "year": 4}


def _precision(precision) -> str:
    return precision if precision in SHOWN_CHARS else "day"


def iso_at_precision(iso: str | None, precision: str | None = "day") -> str | None:
    """A stored date cut to what its source vouches for: '2006-01-01' at year precision -> '2006'."""
    if not iso or iso != iso:
        return None
    return str(iso)[: SHOWN_CHARS[_precision(precision)]]


def period_end(iso: str | None, precision: str | None = "day") -> str | None:
    """The last day a month- or year-only date may stand for ('2006-01-01' at year precision -> '2006-12-31')."""
    if not iso or iso != iso:
        return None
    import calendar

    y, m = int(str(iso)[:4]), int(str(iso)[5:7])
    precision = _precision(precision)
    if precision == "year":
        return f"{y}-12-31"
    if precision == "month":
        return f"{y}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"
    return str(iso)[:10]


def fmt_date(iso: str | None, lang: str = DEFAULT_LANG, precision: str | None = "day") -> str:
    """A date in the page language, never more precise than its source: '4 May 2024', 'May 2024' or '2024'."""
    if not iso or iso != iso:
        return "–"
    from datetime import date

    d = date.fromisoformat(str(iso)[:10])
    locale = babel_locale(lang)
    precision = _precision(precision)
    if precision == "year":
        return str(d.year)
    if precision == "month":
        return format_skeleton("yMMMM", d, locale=locale)
    return format_date(d, format="medium", locale=locale)
