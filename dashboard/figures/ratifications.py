"""Ratification figures: status map on a date, cumulative parties over time. Pure: frames in, go.Figure out.

Colour is never the only carrier: every status has its own legend entry with a count, the
hover names the status in words, small states get a distinct marker symbol per status, and
the page offers the same facts as a table.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import iso_at_precision
from dashboard.ratifications.labels import STATUS_LABELS, STATUSES

from .maps import GEO
from .style import CATEGORICAL, NO_DATA, NO_DATA_BORDER, base_layout

# Okabe-Ito, one hue per status; the two kinds of absence are a purple and the site-wide no-data grey.
STATUS_COLOURS = {
    "party": "#0072B2",
    "party_not_in_force": "#56B4E9",
    "party_undated": "#009E73",
    "signatory": "#E69F00",
    "denounced": "#D55E00",
    "not_party": "#CC79A7",
    "no_record": NO_DATA,
    "no_data": NO_DATA,
}
# Small states (no polygon at 110m) are markers: the symbol repeats the status.
STATUS_SYMBOLS = {
    "party": "circle",
    "party_not_in_force": "circle-open",
    "party_undated": "diamond",
    "signatory": "triangle-up",
    "denounced": "x",
    "not_party": "square",
    "no_record": "circle-open-dot",
    "no_data": "circle-open-dot",
}


def wrap(text: str, width: int = 170) -> str:
    """Long source lines broken with <br> so they stay inside an exported image."""
    import textwrap

    return "<br>".join(textwrap.wrap(text, width=width)) or text


def precisions_of(rows: pd.DataFrame) -> list:
    """Each row's date precision (rows from frames without the column hold day dates)."""
    return rows["date_precision"].tolist() if "date_precision" in rows.columns else ["day"] * len(rows)


def _identity(s: str, **kw) -> str:
    return s.format(**kw) if kw else s


def status_map(
    status: pd.DataFrame,
    instrument: dict,
    as_of: str,
    source: str,
    names: dict[str, str] | None = None,
    _: Callable[..., str] = _identity,
    date_label: Callable[..., str] = lambda d, precision="day": iso_at_precision(d, precision) or "–",
) -> go.Figure:
    """One choropleth trace per status (legend = status in words + count); small states as symbols.

    ``status``: rows of ``ratification_tracker.instrument_status`` (iso3, status, status_date, date_precision, action,
    has_shape_110m, lon, lat). ``date_label(date, precision)`` writes a date no more precisely than its source.
    """
    names = names or {}
    fig = go.Figure()
    for st in STATUSES:
        rows = status[status["status"] == st]
        if rows.empty:
            continue
        label = _(STATUS_LABELS[st])
        detail = [
            f"{date_label(d, p)}" + (f" ({_(a)})" if isinstance(a, str) and a not in ("party_undated",) else "") if isinstance(d, str) else ""
            for d, a, p in zip(rows["status_date"], rows["action"], precisions_of(rows))
        ]
        custom = [[names.get(i, i), label, x] for i, x in zip(rows["iso3"], detail)]
        legend_name = f"{label} ({len(rows)})"
        hover = "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}<extra></extra>"
        shaped = rows["has_shape_110m"].to_numpy(dtype=bool)
        colour = STATUS_COLOURS[st]
        line = NO_DATA_BORDER if colour == NO_DATA else "white"
        fig.add_trace(
            go.Choropleth(
                locations=rows.loc[shaped, "iso3"].tolist(),
                z=[0] * int(shaped.sum()),
                locationmode="ISO-3",
                customdata=[c for c, s in zip(custom, shaped) if s],
                colorscale=[[0, colour], [1, colour]],
                showscale=False,
                marker_line_color=line,
                marker_line_width=0.4,
                name=legend_name,
                legendgroup=st,
                showlegend=True,
                hovertemplate=hover,
            )
        )
        dots = rows[~shaped & rows["lon"].notna()]
        if len(dots):
            keep = (~shaped) & rows["lon"].notna().to_numpy()
            fig.add_trace(
                go.Scattergeo(
                    lon=dots["lon"].tolist(),
                    lat=dots["lat"].tolist(),
                    mode="markers",
                    name=legend_name,
                    legendgroup=st,
                    showlegend=False,
                    customdata=[c for c, k in zip(custom, keep) if k],
                    hovertemplate=hover,
                    marker={"size": 8, "symbol": STATUS_SYMBOLS[st], "color": colour, "line": {"color": "#333", "width": 0.8}},
                )
            )
    fig.update_layout(
        geo=GEO,
        legend={"orientation": "h", "x": 0.0, "y": -0.02, "yanchor": "top", "bgcolor": "rgba(255,255,255,0.8)", "font": {"size": 12}},
        dragmode=False,
        margin_b=110,
    )
    title = _("{title}: status on {date}", title=instrument.get("short_title", instrument["id"]), date=date_label(as_of))
    subtitle = wrap(instrument.get("title", "") + " · " + _("depositary: {depositary}", depositary=instrument.get("depositary", "")), 150)
    source = wrap(source)
    fig = base_layout(fig, title, subtitle, source, disclaimer=True)
    fig.update_layout(margin={"b": 80 + 13 * (source.count("<br>") + 2), "t": 70 + 14 * subtitle.count("<br>")})
    fig.layout.annotations[-1].update(y=0, yshift=-60)
    return fig


def parties_over_time_figure(
    series: dict[str, pd.DataFrame],
    instruments: dict[str, dict],
    source: str,
    as_of: str | None = None,
    undated: dict[str, int] | None = None,
    _: Callable[..., str] = _identity,
) -> go.Figure:
    """One step line per instrument (dated parties only); the line stops where the list stops.

    ``series``: instrument id -> frame(date, parties) from ``ratification_tracker.parties_series``.
    ``undated``: instrument id -> number of parties known without a date (named in the legend).
    """
    undated = undated or {}
    fig = go.Figure()
    dashes = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]
    for k, (iid, df) in enumerate(series.items()):
        ins = instruments[iid]
        name = ins.get("short_title", iid)
        if undated.get(iid):
            name += " " + _("(+{n} without date)", n=undated[iid])
        if df.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=df["date"].tolist(),
                y=df["parties"].tolist(),
                mode="lines",
                line_shape="hv",
                name=name,
                line={"color": CATEGORICAL[k % len(CATEGORICAL)], "width": 2.2, "dash": dashes[k % len(dashes)]},
                hovertemplate="%{x}: %{y} " + _("parties") + "<extra>" + ins.get("short_title", iid) + "</extra>",
            )
        )
        end = df.iloc[-1]
        fig.add_trace(
            go.Scatter(
                x=[end["date"]],
                y=[end["parties"]],
                mode="markers+text",
                showlegend=False,
                hoverinfo="skip",
                marker={"color": CATEGORICAL[k % len(CATEGORICAL)], "size": 7},
                text=[str(int(end["parties"]))],
                textposition="middle right",
                cliponaxis=False,
            )
        )
    if as_of:
        fig.add_vline(x=as_of, line={"color": "#555", "width": 1, "dash": "dot"})
    fig.update_layout(
        xaxis={"title": None, "type": "date", "showgrid": False},
        yaxis={"title": _("Number of parties (dated)"), "rangemode": "tozero", "gridcolor": "#eee"},
        legend={"orientation": "h", "x": 0, "y": -0.12, "yanchor": "top"},
        hovermode="closest",
    )
    source = wrap(source)
    fig = base_layout(
        fig, _("Parties over time"), _("Cumulative number of states bound, by date of deposit or registration; each line stops where its list stops"), source
    )
    fig.update_layout(margin={"b": 110 + 13 * (source.count("<br>") + 1), "r": 40})
    fig.layout.annotations[-1].update(y=0, yshift=-85)
    return fig
