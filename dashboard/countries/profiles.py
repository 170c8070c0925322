"""Country profiles: everything the data says about one country, assembled from the tables.

Pure pandas (frames in, dicts and frames out; no Dash), except ``country_profile`` at the
bottom, which reads the process-wide store and is memoized per country code.

Regional comparison, decided once here: a value is set beside
1. the publisher's own figure for the country's M49 sub-region, else for its region
   (``method = "published"``), for the same year, sex, age and breakdown; else
2. the median of the countries of its sub-region, else of its region, with a value for
   that same year (``method = "median"``, with ``n`` countries; at least ``MIN_PEERS``).
Nothing else is ever used, and the method travels with the number so the page can say which.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.corridors.queries import latest_corridor_costs
from dashboard.indicators.queries import is_national_figure
from dashboard.ratifications.status import PARTY_ACTIONS, absence_status, precisions, status_as_of

MIN_PEERS = 3
OLD_AFTER_YEARS = 5  # a latest value this many years behind the source's latest year is "old"
TARGET_REMITTANCE_COST = 3.0  # SDG 10.c; the catalog carries it too (indicator ``target``)
UN_STATES = ("member", "observer")

# (key, indicator_id, sex, age, breakdown): the single values a profile reports, by block.
HEADLINES = {
    "context": [
        ("migrant_stock", "migrant_stock", "total", "all", "total"),
        ("migrant_stock_women", "migrant_stock", "female", "all", "total"),
        ("migrant_women_share", "migrant_women_share", "female", "all", "total"),
        ("migrants_pct_population", "migrants_pct_population", "total", "all", "total"),
        ("emigrant_stock", "emigrant_stock", "total", "all", "total"),
        ("emigrant_women_share", "emigrant_women_share", "female", "all", "total"),
        ("population", "population_thousands", "total", "all", "total"),
    ],
    "costs": [
        ("cost_to_country", "remittance_cost_to_country", "total", "all", "total"),
        ("cost_from_country", "remittance_cost_from_country", "total", "all", "total"),
        # A national statistical office's own SDG 10.c.1 figure, where one publishes it (a few countries).
        ("cost_to_country_national", "remittance_cost_to_country_national", "total", "all", "total"),
        ("cost_from_country_national", "remittance_cost_from_country_national", "total", "all", "total"),
        ("remittances_received_usd", "remittances_received_usd", "total", "all", "total"),
        # KNOMAD's figure for the year of the WDI one (see ``companion_headline``), labelled as KNOMAD's.
        ("remittances_received_knomad", "remittance_inflows_knomad_usd_m", "total", "all", "total"),
        ("remittances_paid_usd", "remittances_paid_usd", "total", "all", "total"),
        ("remittances_received_pct_gdp", "remittances_received_pct_gdp", "total", "all", "total"),
    ],
    "violence": [
        ("ipv_last_12m", "ipv_last_12m", "female", "15+", "total"),
        ("trafficking_victims_women", "trafficking_victims_detected", "female", "all", "total"),
        ("trafficking_victims_total", "trafficking_victims_detected", "total", "all", "total"),
        ("trafficking_victims_per_100k", "trafficking_victims_per_100k", "total", "all", "total"),
        ("modern_slavery_prevalence", "modern_slavery_prevalence", "total", "all", "total"),
        ("slavery_vulnerability", "slavery_vulnerability", "total", "all", "total"),
        ("government_response", "government_response", "total", "all", "total"),
        ("homicide_rate_women", "homicide_rate", "female", "all", "total"),
    ],
}
# The series drawn as small charts: (indicator_id, sex, age, breakdown) per line.
TREND_SERIES = {
    "migrant_stock": [("migrant_stock", "female", "all", "total"), ("migrant_stock", "male", "all", "total")],
    "remittance_costs": [("remittance_cost_to_country", "total", "all", "total"), ("remittance_cost_from_country", "total", "all", "total")],
    "remittance_flows": [("remittances_received_usd", "total", "all", "total"), ("remittances_paid_usd", "total", "all", "total")],
    "trafficking": [
        ("trafficking_victims_detected", "female", "all", "total"),
        ("trafficking_victims_detected", "male", "all", "total"),
        ("trafficking_victims_detected", "total", "<18", "total"),
        ("trafficking_victims_detected", "total", "18+", "total"),
    ],
}
# Counts and money amounts: a regional total is not comparable with one country's, so these are
# compared with the median country of the region only, never with a published aggregate.
MEDIAN_ONLY = {
    "migrant_stock",
    "migrant_stock_women",
    "emigrant_stock",
    "population",
    "remittances_received_usd",
    "remittances_paid_usd",
    "remittances_received_knomad",
    "trafficking_victims_women",
    "trafficking_victims_total",
}
# A headline shown for the year of another one: {key: key of the headline whose year it takes}.
SAME_YEAR_AS = {"remittances_received_knomad": "remittances_received_usd"}
RECRUITMENT_INDICATORS = ("recruitment_cost_evidence", "recruitment_cost_sdg1071_kor")
INJURY_INDICATORS = ("occupational_injury_fatal", "occupational_injury_nonfatal")
MIGRANT_BREAKDOWNS = ("migrant", "migrant_eu", "migrant_non_eu", "non_migrant")


# -- identity and peers -----------------------------------------------------------------
def normalise_code(code) -> str | None:
    """'phl ' -> 'PHL'; anything that cannot be an ISO3 code -> None."""
    c = str(code or "").strip()[:10]
    if len(c) != 3 or not (c.isascii() and c.isalpha()):
        return None
    return c.upper()


def identity(countries: pd.DataFrame, iso3: str) -> dict | None:
    row = countries[countries["iso3"] == iso3]
    if row.empty:
        return None
    r = row.iloc[0]

    def txt(col):
        v = r.get(col)
        return None if v is None or v != v else str(v)

    return {
        "iso3": iso3,
        "m49": txt("m49"),
        "name_en": txt("name_en"),
        "names": {lang: txt(f"name_{lang}") for lang in ("en", "fr", "es")},
        "region_code": txt("region_code"),
        "region_name": txt("region_name"),
        "subregion_code": txt("subregion_code"),
        "subregion_name": txt("subregion_name"),
        "sdg_region": txt("sdg_region"),
        "income_group": txt("income_group"),
        "un_status": txt("un_status"),
    }


def peer_groups(countries: pd.DataFrame, iso3: str) -> list[dict]:
    """The country's sub-region then region: ``code, name, level, members`` (all areas listed)."""
    ident = identity(countries, iso3)
    out = []
    if ident is None:
        return out
    for level in ("subregion", "region"):
        code = ident[f"{level}_code"]
        if code:
            members = countries.loc[countries[f"{level}_code"] == code, "iso3"].tolist()
            out.append({"code": code, "name": ident[f"{level}_name"], "level": level, "members": members})
    return out


def neighbours(countries: pd.DataFrame, iso3: str, lang: str = "en") -> tuple[str | None, str | None]:
    """Previous and next country in alphabetical order of the name (wrapping around)."""
    col = f"name_{lang}" if f"name_{lang}" in countries.columns else "name_en"
    order = countries.sort_values(col, key=lambda s: s.str.casefold())["iso3"].tolist()
    if iso3 not in order:
        return None, None
    i = order.index(iso3)
    return order[i - 1], order[(i + 1) % len(order)]


# -- series and comparisons ---------------------------------------------------------------
def select(obs: pd.DataFrame, geo_code: str, sex: str, age: str, breakdown: str) -> pd.DataFrame:
    """One value per year for one place and one slice, in year order (latest period label wins)."""
    df = obs[(obs["geo_code"] == geo_code) & (obs["sex"] == sex) & (obs["age"] == age) & (obs["breakdown"] == breakdown)]
    df = df.sort_values(["year", "period"], kind="mergesort").drop_duplicates("year", keep="last")
    return df[["year", "period", "value", "lower", "upper", "obs_type", "source_id", "note"]].reset_index(drop=True)


def regional_comparison(obs: pd.DataFrame, groups: list[dict], iso3: str, year: int, sex: str, age: str, breakdown: str, published: bool = True) -> dict | None:
    """The regional figure for ``year`` (see the module docstring), or None when there is none.

    ``published=False`` skips publishers' aggregates (for counts, where they are regional totals).
    """
    same = obs[(obs["year"] == year) & (obs["sex"] == sex) & (obs["age"] == age) & (obs["breakdown"] == breakdown)]
    for g in groups if published else []:
        pub = same[same["geo_code"] == f"M49_{g['code']}"]
        if not pub.empty:
            return {
                "value": float(pub.sort_values("period")["value"].iloc[-1]),
                "method": "published",
                "n": None,
                "name": g["name"],
                "level": g["level"],
                "year": int(year),
            }
    for g in groups:
        peers = same[(same["geo_type"] == "country") & same["geo_code"].isin(g["members"])]
        peers = peers.sort_values("period").drop_duplicates("geo_code", keep="last")
        if len(peers) >= MIN_PEERS:
            return {
                "value": float(peers["value"].median()),
                "method": "median",
                "n": int(len(peers)),
                "name": g["name"],
                "level": g["level"],
                "year": int(year),
            }
    return None


def is_part_year(note) -> bool:
    """True for a publisher's value flagged as possibly covering part of the year only
    (``pipeline/sources/costs_wdi.flag_part_year``)."""
    return isinstance(note, str) and "part-year" in note.casefold()


def headline(obs: pd.DataFrame, groups: list[dict], iso3: str, key: str, indicator: dict, sex: str, age: str, breakdown: str, year: int | None = None) -> dict:
    """Latest value of one slice with its year, interval, note and regional comparison; ``value`` None if none.

    ``year``: that year's value instead of the latest (``value`` None if the year has none).
    ``note`` is the publisher's or the pipeline's note on that very value (None if it has none).
    """
    s = select(obs, iso3, sex, age, breakdown)
    out = {"key": key, "indicator_id": indicator["id"], "sex": sex, "age": age, "breakdown": breakdown, "value": None, "year": None, "note": None}
    if year is not None:
        out["wanted_year"] = int(year)
        s = s[s["year"] == int(year)]
    if s.empty:
        return out
    last = s.iloc[-1]
    num = lambda v: None if pd.isna(v) else float(v)  # noqa: E731
    out.update(
        value=float(last["value"]),
        year=int(last["year"]),
        note=None if pd.isna(last["note"]) or not str(last["note"]).strip() else str(last["note"]).strip(),
        period=str(last["period"]),
        lower=num(last["lower"]),
        upper=num(last["upper"]),
        obs_type=str(last["obs_type"]),
        first_year=int(s["year"].iloc[0]),
        n_years=int(len(s)),
        region=regional_comparison(obs, groups, iso3, int(last["year"]), sex, age, breakdown, published=key not in MEDIAN_ONLY),
    )
    return out


def trend(obs_by_indicator: dict[str, pd.DataFrame], iso3: str, lines: list[tuple]) -> pd.DataFrame:
    """Long frame ``indicator_id, sex, age, breakdown, year, value, lower, upper`` for the listed slices."""
    parts = []
    for ind, sex, age, bd in lines:
        df = obs_by_indicator.get(ind)
        if df is None:
            continue
        s = select(df, iso3, sex, age, bd)
        if not s.empty:
            parts.append(s.assign(indicator_id=ind, sex=sex, age=age, breakdown=bd))
    cols = ["indicator_id", "sex", "age", "breakdown", "year", "period", "value", "lower", "upper", "note"]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c in ("value", "lower", "upper") else ("int64" if c == "year" else "str")) for c in cols})
    return pd.concat(parts, ignore_index=True)[cols]


# -- ratifications --------------------------------------------------------------------------
def ratifications(events: pd.DataFrame, instruments: list[dict], countries: pd.DataFrame, iso3: str, as_of) -> list[dict]:
    """One row per tracked instrument: status on ``as_of``, date, depositary, completeness, peers, rank.

    ``status`` is one of party / party_undated / signatory / denounced / not_party / no_record / no_data;
    an absent state gets ``ratifications.status.absence_status`` (never ``not_party`` on a partial list).
    ``date_precision``: how much of ``date`` the source vouches for (day | month | year).
    ``peers_parties``/``peers_total``: UN member and observer states of the sub-region that
    are parties (dated or undated). ``rank``: how many dated parties joined before it.
    """
    status = status_as_of(events, as_of)
    groups = peer_groups(countries, iso3)
    group = groups[0] if groups else None
    states = set(countries.loc[countries["un_status"].isin(UN_STATES), "iso3"])
    rows = []
    for inst in instruments:
        st = status[status["instrument_id"] == inst["id"]]
        mine = st[st["iso3"] == iso3]
        completeness = inst.get("completeness") or "none"
        if not mine.empty and mine.iloc[0]["status"] != "no_record":
            code = str(mine.iloc[0]["status"])
            when = mine.iloc[0]["status_date"]
            in_force = mine.iloc[0]["in_force"]
        else:
            code = absence_status(inst)
            when, in_force = None, pd.NA
        ev = events[(events["instrument_id"] == inst["id"]) & (events["iso3"] == iso3)]
        action = precision = None
        if code == "party":
            acts = ev[ev["action"].isin(PARTY_ACTIONS) & (ev["date"] == when)]
            action = str(acts["action"].iloc[0]) if not acts.empty else None
        if isinstance(when, str):
            at = ev[ev["date"] == when]
            precision = str(precisions(at).iloc[0]) if not at.empty else "day"
        parties = st[st["status"].isin(["party", "party_undated"])]
        dated = parties[parties["status"] == "party"]
        peers_total = peers_parties = None
        if group is not None:
            peer_states = [m for m in group["members"] if m in states]
            peers_total = len(peer_states)
            peers_parties = int(parties["iso3"].isin(peer_states).sum())
        rank = None
        if code == "party" and when:
            rank = int((dated["status_date"] < when).sum())
        rows.append(
            {
                "instrument_id": inst["id"],
                "title": inst.get("title"),
                "short_title": inst.get("short_title") or inst["id"],
                "family": inst.get("family"),
                "depositary": inst.get("depositary"),
                "status": code,
                "date": None if when is None or when != when else str(when),
                "date_precision": precision,
                "action": action,
                "in_force": None if pd.isna(in_force) else bool(in_force),
                "completeness": completeness,
                "completeness_note": inst.get("completeness_note"),
                "as_of": inst.get("as_of"),
                "n_parties": int(len(parties)),
                "n_dated_parties": int(len(dated)),
                "parties_before": rank,
                "peers_parties": peers_parties,
                "peers_total": peers_total,
                "peers_name": group["name"] if group else None,
            }
        )
    return rows


# -- migration costs ---------------------------------------------------------------------------
def corridor_extremes(corridors: pd.DataFrame, iso3: str) -> dict:
    """Cheapest and most expensive corridors sending from and to the country, by latest cost.

    Each side: ``n`` corridors and up to one ``cheapest``/``dearest`` row
    (origin_iso3, destination_iso3, latest_period, latest_value).
    """
    out = {}
    for side, kw in (("from", {"origin": iso3}), ("to", {"destination": iso3})):
        lc = latest_corridor_costs(corridors, **kw)
        if lc.empty:
            out[side] = {"n": 0, "cheapest": None, "dearest": None, "latest_period": None}
            continue
        lc = lc.sort_values(["latest_value", "origin_iso3", "destination_iso3"], kind="mergesort")
        cols = ["origin_iso3", "destination_iso3", "latest_period", "latest_value"]
        out[side] = {
            "n": int(len(lc)),
            "cheapest": lc.iloc[0][cols].to_dict(),
            "dearest": lc.iloc[-1][cols].to_dict(),
            "latest_period": str(lc["latest_period"].max()),
        }
    return out


def recruitment_evidence(evidence: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """Reported recruitment-cost figures where the country is the origin or the destination."""
    ev = evidence[evidence["indicator_id"].isin(RECRUITMENT_INDICATORS) & ((evidence["origin_iso3"] == iso3) | (evidence["destination_iso3"] == iso3))]
    cols = [
        "evidence_id",
        "origin_iso3",
        "destination_iso3",
        "sex",
        "measure",
        "value",
        "unit",
        "year",
        "period",
        "source_type",
        "publisher",
        "citation",
        "url",
        "source_id",
        "note",
    ]
    return ev[cols].sort_values("evidence_id").reset_index(drop=True)


def injuries_by_migrant_status(obs_by_indicator: dict[str, pd.DataFrame], iso3: str) -> pd.DataFrame:
    """Latest year with a migrant split, per injury indicator: ``indicator_id, year, breakdown, sex, value, note``."""
    parts = []
    for ind in INJURY_INDICATORS:
        df = obs_by_indicator.get(ind)
        if df is None:
            continue
        mine = df[(df["geo_code"] == iso3) & df["breakdown"].isin(MIGRANT_BREAKDOWNS) & (df["sex"] == "total")]
        if mine.empty:
            continue
        y = int(mine["year"].max())
        parts.append(mine[mine["year"] == y][["indicator_id", "year", "breakdown", "sex", "value", "note"]])
    if not parts:
        return pd.DataFrame(columns=["indicator_id", "year", "breakdown", "sex", "value", "note"])
    return pd.concat(parts, ignore_index=True).sort_values(["indicator_id", "breakdown"]).reset_index(drop=True)


# -- data gaps ---------------------------------------------------------------------------------
def data_gaps(obs_by_indicator: dict[str, pd.DataFrame], indicators: list[dict], iso3: str) -> list[dict]:
    """Country-level indicators with no value for the country (``missing``) or only old ones (``old``).

    Aggregate-only series (no country coverage) are not listed: no country could have them.
    ``old``: the latest value is ``OLD_AFTER_YEARS`` or more years behind the latest year
    the source has for any country.
    """
    out = []
    for ind in indicators:
        if ind.get("table") != "observations" or not ind.get("coverage", {}).get("countries"):
            continue
        df = obs_by_indicator.get(ind["id"])
        countries_df = df[df["geo_type"] == "country"] if df is not None else None
        if countries_df is None or countries_df.empty:
            continue
        latest_any = int(countries_df["year"].max())
        mine = countries_df[countries_df["geo_code"] == iso3]
        base = {
            "indicator_id": ind["id"],
            "title": ind.get("title"),
            "theme": ind.get("theme"),
            "source_latest_year": latest_any,
            "n_countries": int(countries_df["geo_code"].nunique()),
            "as_of": ind.get("as_of"),
            "caveats": ind.get("caveats"),
        }
        if mine.empty:
            if is_national_figure(ind):
                continue  # a national office's own series: most countries have none, and that is no gap
            out.append({**base, "kind": "missing", "latest_year": None})
        elif int(mine["year"].max()) <= latest_any - OLD_AFTER_YEARS:
            out.append({**base, "kind": "old", "latest_year": int(mine["year"].max())})
    return out


# -- assembly ----------------------------------------------------------------------------------
def assemble(tables: dict[str, pd.DataFrame], obs_by_indicator: dict[str, pd.DataFrame], catalog: dict, iso3: str, as_of=None) -> dict | None:
    """The whole profile of ``iso3`` (None for a code not in the countries table)."""
    countries = tables["countries"]
    ident = identity(countries, iso3)
    if ident is None:
        return None
    as_of = as_of or date.today().isoformat()
    indicators = {i["id"]: i for i in catalog["indicators"]}
    groups = peer_groups(countries, iso3)
    empty = tables["observations"].iloc[0:0]

    def heads(block):
        out = {}
        for key, ind, sex, age, bd in HEADLINES[block]:
            if ind not in indicators:
                continue
            base = out.get(SAME_YEAR_AS.get(key))
            year = base["year"] if base and base["value"] is not None else None
            out[key] = headline(obs_by_indicator.get(ind, empty), groups, iso3, key, indicators[ind], sex, age, bd, year=year)
        return out

    return {
        "iso3": iso3,
        "as_of": as_of,
        "identity": ident,
        "peer_groups": [{k: g[k] for k in ("code", "name", "level")} | {"n": len(g["members"])} for g in groups],
        "context": heads("context"),
        "ratifications": ratifications(tables["ratification_events"], catalog["instruments"], countries, iso3, as_of),
        "costs": heads("costs"),
        "corridors": corridor_extremes(tables["corridors"], iso3),
        "recruitment": recruitment_evidence(tables["evidence"], iso3),
        "violence": heads("violence"),
        "injuries": injuries_by_migrant_status(obs_by_indicator, iso3),
        "trends": {name: trend(obs_by_indicator, iso3, lines) for name, lines in TREND_SERIES.items()},
        "gaps": data_gaps(obs_by_indicator, catalog["indicators"], iso3),
    }


def latest_inflows(profile: dict) -> dict | None:
    """The "latest remittance inflows" to quote: ``{"value": headline, "flagged": headline | None}``.

    The World Bank WDI figure, unless it is flagged as possibly part-year and KNOMAD has a figure
    for the same year: then KNOMAD's, with the flagged WDI one kept beside it (``flagged``) so the
    page says both, each with its source. None when neither has a value.
    """
    wdi = profile["costs"].get("remittances_received_usd") or {}
    kn = profile["costs"].get("remittances_received_knomad") or {}
    if wdi.get("value") is None:
        return {"value": kn, "flagged": None} if kn.get("value") is not None else None
    if is_part_year(wdi.get("note")) and kn.get("value") is not None and kn.get("year") == wdi["year"]:
        return {"value": kn, "flagged": wdi}
    return {"value": wdi, "flagged": None}


def headline_rows(profile: dict) -> list[dict]:
    """Every headline of a profile in page order (for key facts, comparison and downloads)."""
    return [h for block in ("context", "costs", "violence") for h in profile[block].values()]


# -- the memoized entry point --------------------------------------------------------------------
from dashboard.cache import cache  # noqa: E402  (kept below the pure functions on purpose)
from dashboard.data import get_store  # noqa: E402


@cache.memoize()
def country_profile(iso3: str) -> dict | None:
    store = get_store()
    return assemble(store.tables, store.observations_by_indicator, store.catalog, iso3)


def country_codes() -> list[str]:
    return get_store().countries["iso3"].tolist()


# -- words ---------------------------------------------------------------------------------------
def format_value(value, indicator: dict, lang: str = "en") -> str:
    """A value with its short unit, per locale: '4.9 %', '225,525 people', 'US$ 9,066.9 million'."""
    from dashboard.i18n import fmt_number

    if value is None or value != value:
        return "–"
    unit = indicator.get("unit_short") or ""
    decimals = int(indicator.get("decimals", 1))
    if unit == "US$":
        return f"US$ {fmt_number(value / 1e6, lang, 1)} million"
    if unit == "US$ m":
        return f"US$ {fmt_number(value, lang, 1)} million"
    text = fmt_number(value, lang, decimals)
    if unit in ("%",):
        return f"{text} %"
    return f"{text} {unit}".strip()


def comparison_text(region: dict | None, indicator: dict, lang: str = "en") -> str:
    """'46.8 % (South-eastern Asia, published figure)' or '… (median of 11 countries in …)'."""
    from dashboard.i18n import translator

    _ = translator(lang)
    if not region:
        return _("No regional figure for that year")
    v = format_value(region["value"], indicator, lang)
    if region["method"] == "published":
        return _("{value} ({region}, published figure)", value=v, region=region["name"])
    return _("{value} (median of {n} countries in {region})", value=v, n=region["n"], region=region["name"])


def key_facts(profile: dict, indicators: dict[str, dict], lang: str = "en") -> list[str]:
    """A few sentences generated from the profile; also the page's accessible summary."""
    return [text for text, _notes in key_facts_with_notes(profile, indicators, lang)]


def key_facts_with_notes(profile: dict, indicators: dict[str, dict], lang: str = "en") -> list[tuple[str, list[str]]]:
    """``key_facts`` with, per sentence, the notes carried by the values it quotes (to show beside it)."""
    from dashboard.i18n import fmt_date, fmt_number, translator

    _ = translator(lang)
    name = profile["identity"]["names"].get(lang) or profile["identity"]["name_en"]
    facts: list = []
    ctx = profile["context"]
    stock, share = ctx.get("migrant_stock", {}), ctx.get("migrant_women_share", {})
    if stock.get("value") is not None:
        facts.append(
            (
                _("{country} hosted {stock} international migrants in {year}.", country=name, stock=fmt_number(stock["value"], lang, 0), year=stock["year"]),
                [stock.get("note")],
            )
        )
    if share.get("value") is not None:
        ind = indicators["migrant_women_share"]
        s = _("Women were {share} of them", share=format_value(share["value"], ind, lang))
        if share.get("region"):
            s += _(", against {region_text}.", region_text=comparison_text(share["region"], ind, lang))
        else:
            s += "."
        facts.append((s, [share.get("note")]))
    for r in profile["ratifications"]:
        if r["instrument_id"] not in ("UN-ICRMW", "ILO-C189", "UN-TIP"):
            continue
        if r["status"] == "party" and r["date"]:
            facts.append(
                _(
                    "{country} became a party to the {instrument} ({date}); {before} of the {n} parties with a date in our data joined before it.",
                    country=name,
                    instrument=r["title"],
                    date=fmt_date(r["date"], lang, r.get("date_precision")),
                    before=r["parties_before"],
                    n=r["n_dated_parties"],
                )
            )
        elif r["status"] == "party_undated":
            facts.append(_("{country} is a party to the {instrument} (date not in our data).", country=name, instrument=r["title"]))
        elif r["status"] == "not_party" and r["completeness"] == "complete":
            facts.append(
                _("{country} is not a party to the {instrument} (source as of {date}).", country=name, instrument=r["title"], date=fmt_date(r["as_of"], lang))
            )
    inflows = latest_inflows(profile)
    if inflows:
        h = inflows["value"]
        ind = indicators[h["indicator_id"]]
        facts.append(
            (
                _(
                    "{country} received {value} in recorded remittances in {year} ({source}).",
                    country=name,
                    value=format_value(h["value"], ind, lang),
                    year=h["year"],
                    source=ind.get("publisher") or ind["id"],
                ),
                [h.get("note")],
            )
        )
        f = inflows["flagged"]
        if f:
            find = indicators[f["indicator_id"]]
            facts.append(
                (
                    _(
                        "The {source} figure for that year, {value}, may cover part of the year only.",
                        source=find.get("publisher") or find["id"],
                        value=format_value(f["value"], find, lang),
                    ),
                    [f.get("note")],
                )
            )
    costs = profile["costs"]
    to, frm = costs.get("cost_to_country", {}), costs.get("cost_from_country", {})
    if to.get("value") is not None:
        v = format_value(to["value"], indicators[to["indicator_id"]], lang)
        if to["value"] > TARGET_REMITTANCE_COST:
            facts.append(
                (
                    _(
                        "Sending money to {country} cost {value} of the amount sent in {year}, above the 3 % SDG target.",
                        country=name,
                        value=v,
                        year=to["year"],
                    ),
                    [to.get("note")],
                )
            )
        else:
            facts.append(
                (
                    _(
                        "Sending money to {country} cost {value} of the amount sent in {year}, within the 3 % SDG target.",
                        country=name,
                        value=v,
                        year=to["year"],
                    ),
                    [to.get("note")],
                )
            )
    if frm.get("value") is not None:
        v = format_value(frm["value"], indicators[frm["indicator_id"]], lang)
        if frm["value"] > TARGET_REMITTANCE_COST:
            facts.append(
                (
                    _(
                        "Sending money from {country} cost {value} of the amount sent in {year}, above the 3 % SDG target.",
                        country=name,
                        value=v,
                        year=frm["year"],
                    ),
                    [frm.get("note")],
                )
            )
        else:
            facts.append(
                (
                    _(
                        "Sending money from {country} cost {value} of the amount sent in {year}, within the 3 % SDG target.",
                        country=name,
                        value=v,
                        year=frm["year"],
                    ),
                    [frm.get("note")],
                )
            )
    ipv = profile["violence"].get("ipv_last_12m", {})
    if ipv.get("value") is not None:
        ind = indicators["ipv_last_12m"]
        if ipv.get("lower") is not None and ipv.get("upper") is not None:
            facts.append(
                (
                    _(
                        "An estimated {value} of ever-partnered women aged 15 and over experienced intimate-partner violence in the last 12 months ({year}; 95 % interval {lower} to {upper}).",
                        value=format_value(ipv["value"], ind, lang),
                        year=ipv["year"],
                        lower=format_value(ipv["lower"], ind, lang),
                        upper=format_value(ipv["upper"], ind, lang),
                    ),
                    [ipv.get("note")],
                )
            )
        else:
            facts.append(
                (
                    _(
                        "An estimated {value} of ever-partnered women aged 15 and over experienced intimate-partner violence in the last 12 months ({year}).",
                        value=format_value(ipv["value"], ind, lang),
                        year=ipv["year"],
                    ),
                    [ipv.get("note")],
                )
            )
    n_missing = sum(1 for g in profile["gaps"] if g["kind"] == "missing")
    if n_missing:
        facts.append(_("{n} of the indicators tracked here have no value for {country}.", n=n_missing, country=name))
    return [(f, []) if isinstance(f, str) else (f[0], [n for n in f[1] if n]) for f in facts]
