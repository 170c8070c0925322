"""Server-side images of the dashboard's figures (no Dash imports).

``publication_figure`` (pure) puts a page's figure in a publication frame (size preset, title, subtitle,
source with citation and licence, the UN map disclaimer on maps, the view's permalink);
``render`` turns a figure into SVG or PNG bytes with plotly's static export (kaleido driving the
system Chromium, offline: see ``export``).
"""

from .export import render
from .frame import PRESETS, ImageMeta, publication_figure

__all__ = ["PRESETS", "ImageMeta", "publication_figure", "render"]
