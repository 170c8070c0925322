"""The web code's dependencies run one way (docs/ARCHITECTURE.md): read from the source with ``ast``,
every import statement counted, those inside functions included.

- no import cycle among the project's modules;
- ``layouts/`` (components) and ``callbacks/`` (Dash wiring) never import each other;
- nothing in ``dashboard/`` imports ``layouts/`` or ``callbacks/``, except the app factory.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("dashboard", "layouts", "callbacks")
APP_FACTORY = "dashboard.app"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(source: str, name: str, is_package: bool, known: set[str]) -> set[str]:
    """The project modules ``name`` imports, anywhere in its source (module level or inside functions).
    ``from pkg import x`` counts as importing ``pkg.x`` when that is a module, else ``pkg``."""
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for target in targets:
            # the longest known module the import names (``import a.b.c`` imports a.b.c)
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph(root: Path = ROOT, packages=PACKAGES) -> dict[str, set[str]]:
    files = {}
    for pkg in packages:
        for path in sorted((root / pkg).rglob("*.py")):
            files[module_name(path, root)] = path
    known = set(files)
    return {name: imports_of(path.read_text(encoding="utf-8"), name, path.name == "__init__.py", known) for name, path in files.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def _top(name: str) -> str:
    return name.split(".")[0]


def test_the_graph_builder_sees_imports_inside_functions():
    source = "import os\n\ndef f():\n    from layouts.explore import layout\n    from . import sibling\n    import callbacks.router as r\n"
    known = {"layouts", "layouts.explore", "callbacks", "callbacks.router", "dashboard", "dashboard.sibling", "dashboard.views"}
    assert imports_of(source, "dashboard.views", False, known) == {"layouts.explore", "dashboard.sibling", "callbacks.router"}
    assert imports_of("from .. import data\n", "dashboard.views.explore", False, {"dashboard", "dashboard.data"}) == {"dashboard.data"}


def test_the_cycle_finder_finds_a_cycle_through_a_function_level_import():
    known = {"pkg", "pkg.a", "pkg.b"}
    graph = {"pkg.a": imports_of("from pkg import b\n", "pkg.a", False, known), "pkg.b": imports_of("def f():\n    from .a import x\n", "pkg.b", False, known)}
    assert cycles(graph) == [["pkg.a", "pkg.b"]]
    assert cycles({"x": {"y"}, "y": set()}) == []


def test_the_graph_covers_the_web_code():
    graph = import_graph()
    assert {"dashboard.app", "layouts.explore", "callbacks.explore", "layouts.shell"} <= set(graph)
    assert "layouts" in graph["dashboard.app"] or "layouts.shell" in graph["dashboard.app"]


PIPELINE = "dashboard.pipeline"


def test_no_import_cycles_in_the_web_code():
    assert [c for c in cycles(import_graph()) if not all(m.startswith(PIPELINE) for m in c)] == []


def test_no_import_cycles_in_the_pipeline():
    assert [c for c in cycles(import_graph()) if all(m.startswith(PIPELINE) for m in c)] == []


def test_layouts_and_callbacks_never_import_each_other():
    graph = import_graph()
    crossing = sorted((a, b) for a, targets in graph.items() for b in targets if {_top(a), _top(b)} == {"layouts", "callbacks"})
    assert crossing == []


def test_only_the_app_factory_imports_pages():
    graph = import_graph()
    upward = sorted(
        (a, b) for a, targets in graph.items() for b in targets if _top(a) == "dashboard" and a != APP_FACTORY and _top(b) in ("layouts", "callbacks")
    )
    assert upward == []
