"""The compact number encoding of map updates (dashboard/figures/compact.py): exact round trips."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.figures.compact import ALPHABET, LIMIT, decode_ints, decode_numbers, encode_ints, encode_numbers

INTS = st.lists(st.one_of(st.none(), st.integers(-(10**15), 10**15)), max_size=300)


def test_known_vectors():
    # zig-zag then source-map VLQ digits, least significant first
    assert [encode_ints([n]) for n in (0, -1, 1, 15, 16, -16, 1_000_000)] == ["A", "B", "C", "e", "gB", "f", "gkh9B"]
    assert encode_ints([None]) == "." and encode_ints([None, None]) == ".." and encode_ints([None] * 3) == "~G"
    assert encode_ints([]) == "" and decode_ints("") == []


@given(INTS)
def test_ints_round_trip(ints):
    text = encode_ints(ints)
    assert decode_ints(text) == ints
    assert set(text) <= set(ALPHABET + ".~")
    assert json.dumps(text) == f'"{text}"'  # nothing to escape in JSON


@given(st.integers(0, 3), st.lists(st.one_of(st.none(), st.integers(-(10**12), 10**12)), max_size=250))
def test_values_with_their_decimals_round_trip_exactly(decimals, ints):
    # values as the map has them: already rounded to the indicator's decimals (ints when whole)
    values = [None if n is None else (n if decimals == 0 else round(n / 10**decimals, decimals)) for n in ints]
    back = decode_numbers(encode_numbers(values, decimals), decimals)
    assert back == values
    # the same doubles, hence the same JSON numbers the figure had before
    assert [None if v is None else float(v) for v in back] == [None if v is None else float(v) for v in values]


def test_real_map_values():
    values = [74909, None, 26153840, 0, None, None, None, 17.9, -3.25, 2.2]
    assert decode_numbers(encode_numbers(values[:7], 0), 0) == values[:7]
    assert decode_numbers(encode_numbers([17.9, -3.2, 2.2, None, 0.0], 1), 1) == [17.9, -3.2, 2.2, None, 0.0]
    assert decode_numbers(encode_numbers([float("nan")], 1), 1) == [None]


def test_refuses_what_would_not_come_back_identical():
    with pytest.raises(ValueError):
        encode_numbers([17.95], 1)  # more decimals than the indicator shows
    with pytest.raises(ValueError):
        encode_ints([LIMIT])  # would not be exact in a JavaScript number
    assert decode_ints(encode_ints([LIMIT - 1, -(LIMIT - 1)])) == [LIMIT - 1, -(LIMIT - 1)]
    assert decode_numbers(encode_numbers([1e12, -1e12], 3), 3) == [1e12, -1e12]
