"""Text alternatives for charts: one or two plain sentences saying what a chart shows.

Pure functions (frames in, text out) so every page can describe its figures the same way,
in the page's language, with numbers formatted for the locale.
"""

from __future__ import annotations

import pandas as pd

from dashboard.i18n import fmt_number, translator


def map_summary(values: pd.DataFrame, indicator: dict, year, lang: str = "en", names: dict[str, str] | None = None, sex_label: str = "") -> str:
    """'World map of <title>, <year>: 84 countries with data. Highest: A (12.3 unit); lowest: B (1.0 unit); median 5.4.'

    ``values``: one row per country with ``geo_code`` and ``value``.
    """
    _ = translator(lang)
    names = names or {}
    title = indicator.get("title", "")
    what = ", ".join(str(p) for p in (title, year, sex_label) if p not in (None, ""))
    v = values.dropna(subset=["value"]) if len(values) else values
    if v is None or not len(v):
        return _("World map of {what}: no country has data for this selection.", what=what)
    decimals = int(indicator.get("decimals", 1))
    unit = indicator.get("unit_short") or indicator.get("unit") or ""
    hi = v.loc[v["value"].idxmax()]
    lo = v.loc[v["value"].idxmin()]

    def val(x) -> str:
        return (fmt_number(float(x), lang, decimals) + (" " + unit if unit else "")).strip()

    return " ".join(
        [
            _("World map of {what}: {n} countries or areas with data.", what=what, n=fmt_number(len(v), lang, 0)),
            _(
                "Highest: {hi_name} ({hi}); lowest: {lo_name} ({lo}); median: {median}.",
                hi_name=names.get(hi["geo_code"], hi["geo_code"]),
                hi=val(hi["value"]),
                lo_name=names.get(lo["geo_code"], lo["geo_code"]),
                lo=val(lo["value"]),
                median=val(v["value"].median()),
            ),
        ]
    )
