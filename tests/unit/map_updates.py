"""A Python mirror of ``applyMapValues`` (assets/explore.js), to check what a year change sends.

The browser tests check the JavaScript itself; this lets the unit tests say that a compact
update holds exactly what the old server ``Patch`` carried.
"""

from __future__ import annotations

from dashboard.figures.compact import decode_ints, decode_numbers
from dashboard.figures.maps import hover_label, no_data_rows


def expand(update: dict, meta: dict, locations: list | None = None) -> dict:
    """(compact update, the figure's ``layout.meta``, the value trace's locations) -> the arrays and
    texts the map gets (``no_data``: the locations of the "No data" trace)."""
    z = decode_numbers(update["z"], meta["decimals"])
    colour = decode_numbers(update["c"], meta["decimals"])
    labels = [hover_label(y, update["t"][t]) for y, t in update["l"]]
    custom = None
    if "i" in update:
        custom = ["" if i is None else labels[i] for i in decode_ints(update["i"])]
        line = "%{customdata}"
    else:
        line = labels[0] if labels else str(update["y"])
    (zh, zt), (ch, ct) = meta["hover"]
    return {
        "z": z,
        "colour": colour,
        "lat": [None if c is None else y for c, y in zip(colour, meta["lat"])],
        "custom_z": custom and custom[: len(z)],
        "custom_colour": custom and custom[len(z) :],
        "hover": (zh + line + zt, ch + line + ct),
        "title": meta["title"][0] + str(update["y"]) + meta["title"][1] if "title" in meta else None,
        "no_data": None if locations is None else [locations[k] for k in no_data_rows(z)],
    }
