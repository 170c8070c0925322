"""Raw publisher files -> validated, tidy tables in ``data/``.

One small parser per source format lives in ``dashboard.pipeline.sources``; each
returns a :class:`~dashboard.pipeline.output.SourceOutput`. ``build`` runs them,
validates everything against ``schemas``, and swaps the result into ``data/``
only when every check has passed.
"""
