"""The engine runs one way down: no import cycle, and no layer imports one above it.

    structure  <-  formats  <-  metadata  <-  findings
                      ^             ^
                      +---- vision (every pixel concern) ----+
    pipeline, history, dashboard  <-  server  <-  cli
                                        ^          |
                      native (the browser's host) -+   (uses only server.channel's stdlib part)
    editplan: pure bytes, imports nothing of the engine
    i18n: the language and its catalogs, below everything that speaks (imports nothing)

Every import counts, wherever it stands (a lazy import inside a function, one under
`if TYPE_CHECKING:`): a layer that needs a name from above it is in the wrong place.
The graph is read from the source with `ast`, nothing is imported.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "backend" / "thinktwice"

# Layer -> the layers it must never import (each a sub-package or module of thinktwice).
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "structure": (
        "formats", "metadata", "findings", "vision", "pipeline", "server", "history",
        "dashboard", "cli",
    ),
    "formats": ("metadata", "findings", "vision", "pipeline", "server", "history",
                "dashboard", "cli"),
    "metadata": ("findings", "vision", "pipeline", "server", "history", "dashboard", "cli"),
    "findings": ("formats", "vision", "pipeline", "server", "history", "dashboard", "cli"),
    "vision": ("pipeline", "server", "history", "dashboard", "cli"),
    "history": ("server", "dashboard", "cli"),
    "dashboard": ("server", "cli"),
    "server": ("cli", "native"),
    "native": ("formats", "metadata", "findings", "vision", "pipeline", "history",
               "dashboard", "cli", "cleaning"),
    "cleaning": ("findings", "vision", "pipeline", "server", "history", "dashboard", "cli"),
    "editplan": ("structure", "formats", "metadata", "findings", "vision", "pipeline",
                 "server", "history", "dashboard", "cli", "cleaning", "native"),
    "i18n": ("structure", "formats", "metadata", "findings", "vision", "pipeline", "server",
             "history", "dashboard", "cli", "cleaning", "native", "editplan", "models"),
}  # fmt: skip


def module_name(path: Path) -> str:
    parts = ["thinktwice", *path.relative_to(PACKAGE).with_suffix("").parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The thinktwice modules `name` imports, anywhere in its source."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                if not is_package:
                    base.pop()
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            # `from .formats import webp` imports the module formats.webp; a name
            # that is no module comes from the package itself.
            submodules = {f"{target}.{alias.name}" for alias in node.names} & known
            found.update(submodules or {target})
    return {imported for imported in found if imported in known and imported != name}


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imports(name, path, known) for name, path in found.items()}


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_the_graph_is_read_from_the_source(graph):
    # A reader that found nothing would pass every rule below.
    assert "thinktwice.findings" in graph["thinktwice.pipeline"]
    assert any(layer(m) == "formats" for m in graph["thinktwice.pipeline"])
    assert len(graph) > 50


def test_no_import_cycle(graph):
    cycles = strongly_connected(graph)
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


@pytest.mark.parametrize("lower", sorted(FORBIDDEN))
def test_no_layer_imports_upward(graph, lower):
    upward = [
        f"{module} imports {imported}"
        for module, imported_set in sorted(graph.items())
        if layer(module) == lower
        for imported in sorted(imported_set)
        if layer(imported) in FORBIDDEN[lower]
    ]
    assert not upward, "\n".join(upward)


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's components of more than one module: each is an import cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles
