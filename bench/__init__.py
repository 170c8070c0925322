"""Benchmarks (``make bench`` = ``python -m bench``): figures measured side by side, not timed tests."""
