"""Figure builders: pure functions, frames in, ``go.Figure`` out. No Dash imports here."""
