"""One module per publisher format. Each exposes ``parse(ctx) -> SourceOutput``.

Modules are discovered automatically (see build.discover_parsers); ``PRIORITY = 0`` marks
the country reference, which must run before any parser that resolves country names.
"""
