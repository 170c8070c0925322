"""A compact text encoding of number arrays with gaps, for map updates the browser applies itself.

A year change on /explore sends a few hundred numbers; as JSON (``[74909, 325033, null, ...]``)
that is 6-8 bytes a number. Here each number costs about one character per 5 bits of its size.

Format (decoded by ``decodeInts`` in ``assets/explore.js``; ``decode_ints`` below is the reference):

* Numbers are integers. A value with ``decimals`` digits after the point is sent as
  ``n = round(value * 10**decimals)`` and read back as ``n / 10**decimals``; the encoder refuses a
  value this would change, so nothing is lost (map values are already rounded to their decimals).
* Sign by zig-zag: 0, -1, 1, -2, 2 ... become 0, 1, 2, 3, 4 ... (``u = 2n`` or ``-2n - 1``).
* Then base64 VLQ as in source maps: 5 bits at a time, least significant first, each as one
  character of ``A-Z a-z 0-9 + /`` (values 0-63), with 32 added when more digits follow.
  So 0 -> ``A``, -1 -> ``B``, 1 -> ``C``, 15 -> ``e``, 16 -> ``gB``, 1000000 -> ``gkh9B``.
* ``.`` is one missing value; ``~`` followed by a number (same encoding) is that many missing
  values in a row (used for runs of three or more).
* ``|n|`` stays below 2**52, so every number is exact in a JavaScript double.

Only characters that need no escaping in JSON are used.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
MISSING, MISSING_RUN = ".", "~"
LIMIT = 2**52  # |n| < LIMIT: the zig-zag form stays below 2**53, exact in a JS number
_DIGIT = {c: i for i, c in enumerate(ALPHABET)}


def _number(n: int) -> str:
    if not -LIMIT < n < LIMIT:
        raise ValueError(f"{n} is too large for the compact encoding")
    u = 2 * n if n >= 0 else -2 * n - 1
    out = []
    while True:
        digit, u = u & 31, u >> 5
        out.append(ALPHABET[digit | 32 if u else digit])
        if not u:
            return "".join(out)


def encode_ints(ints: Iterable[int | None]) -> str:
    """Integers (None = missing) -> text."""
    out, gap = [], 0
    for n in list(ints) + [0]:  # the sentinel flushes a trailing gap
        if n is None:
            gap += 1
            continue
        if gap:
            out.append(MISSING * gap if gap < 3 else MISSING_RUN + _number(gap))
            gap = 0
        out.append(_number(int(n)))
    return "".join(out[:-1])


def encode_numbers(values: Sequence[float | int | None], decimals: int) -> str:
    """Values with at most ``decimals`` digits after the point (None or NaN = missing) -> text.

    Raises ValueError for a value that would not come back identical (more decimals, or too large).
    """
    scale = 10**decimals
    ints: list[int | None] = []
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            ints.append(None)
            continue
        n = round(v * scale)
        if (n / scale if decimals else n) != v:
            raise ValueError(f"{v!r} has more than {decimals} decimals")
        ints.append(n)
    return encode_ints(ints)


def decode_ints(text: str) -> list[int | None]:
    """The reference decoder (the browser's is ``decodeInts`` in assets/explore.js)."""
    out: list[int | None] = []
    pos = 0

    def number() -> int:
        nonlocal pos
        u, shift = 0, 0
        while True:
            digit = _DIGIT[text[pos]]
            pos += 1
            u += (digit & 31) << shift
            shift += 5
            if not digit & 32:
                return -(u + 1) // 2 if u & 1 else u // 2

    while pos < len(text):
        if text[pos] == MISSING:
            out.append(None)
            pos += 1
        elif text[pos] == MISSING_RUN:
            pos += 1
            out.extend([None] * number())
        else:
            out.append(number())
    return out


def decode_numbers(text: str, decimals: int) -> list[float | int | None]:
    scale = 10**decimals
    return [n if n is None or not decimals else n / scale for n in decode_ints(text)]
