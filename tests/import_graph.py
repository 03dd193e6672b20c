"""The static import graph of the ``tui`` package, read with ``ast`` (nothing is imported).

Every ``import`` counts, wherever it sits: at the top of a module, inside a function, under
``if TYPE_CHECKING:``. ``from P import n`` is an edge to the module ``P.n`` when there is one,
else to ``P``. Dynamic imports (``importlib.import_module``) are not seen.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = "tui"
PACKAGE_DIR = ROOT / PACKAGE


@dataclass(frozen=True)
class Import:
    """One import statement's edge: ``source`` imports ``target`` at ``line``."""

    source: str
    target: str
    line: int
    in_function: bool
    type_checking_only: bool

    def where(self) -> str:
        """``tui/x.py:12`` style location, for messages."""
        return f"{module_path(self.source).relative_to(ROOT)}:{self.line}"


def module_name(path: Path, root: Path = ROOT) -> str:
    """``tui/cli/__init__.py`` -> ``tui.cli``; ``tui/cli/diff.py`` -> ``tui.cli.diff``."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def module_path(name: str, root: Path = ROOT) -> Path:
    """The file of module ``name`` (a package's ``__init__.py``)."""
    base = root.joinpath(*name.split("."))
    package = base / "__init__.py"
    return package if package.exists() else base.with_suffix(".py")


def package_modules(package_dir: Path = PACKAGE_DIR, root: Path = ROOT) -> dict[str, Path]:
    """Every module of the package, by dotted name."""
    return {
        module_name(path, root): path
        for path in sorted(package_dir.rglob("*.py"))
        if "__pycache__" not in path.parts
    }


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(
    node: ast.AST, in_function: bool = False, type_checking: bool = False
) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool, bool]]:
    """Every import under ``node``, with whether it sits in a function / a TYPE_CHECKING block."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child, in_function, type_checking
        elif isinstance(child, ast.If) and _is_type_checking(child.test):
            for stmt in child.body:
                yield from _walk(ast.Module(body=[stmt], type_ignores=[]), in_function, True)
            for stmt in child.orelse:
                yield from _walk(ast.Module(body=[stmt], type_ignores=[]), in_function, False)
        else:
            function = isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            yield from _walk(child, in_function or function, type_checking)


def _absolute(source: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module a (possibly relative) ``from`` import names."""
    if node.level == 0:
        return node.module or ""
    parts = source.split(".")
    if not is_package:
        parts.pop()
    if node.level > 1:
        parts = parts[: len(parts) - (node.level - 1)]
    return ".".join([*parts, *([node.module] if node.module else [])])


def imports_of(
    source: str, code: str, modules: Iterable[str], *, is_package: bool = False
) -> list[Import]:
    """The imports of module ``source`` (text ``code``) that name one of ``modules``."""
    known = set(modules)
    found: list[Import] = []

    def add(target: str, node: ast.stmt, in_function: bool, type_checking: bool) -> None:
        while target and target not in known:  # tui.engine.model.Row -> tui.engine.model
            target = target.rpartition(".")[0]
        if target:
            found.append(Import(source, target, node.lineno, in_function, type_checking))

    for node, in_function, type_checking in _walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name, node, in_function, type_checking)
        else:
            base = _absolute(source, is_package, node)
            for alias in node.names:
                add(
                    f"{base}.{alias.name}" if alias.name != "*" else base,
                    node,
                    in_function,
                    type_checking,
                )
    return found


def import_graph(package_dir: Path = PACKAGE_DIR, root: Path = ROOT) -> list[Import]:
    """Every import between the package's own modules."""
    modules = package_modules(package_dir, root)
    edges: list[Import] = []
    for name, path in modules.items():
        code = path.read_text(encoding="utf-8")
        edges += imports_of(name, code, modules, is_package=path.name == "__init__.py")
    return edges


def _graph(edges: Iterable[Import]) -> dict[str, list[Import]]:
    graph: dict[str, list[Import]] = {}
    for edge in edges:
        if edge.source != edge.target:  # "from . import x" in a package's own __init__
            graph.setdefault(edge.source, []).append(edge)
            graph.setdefault(edge.target, [])
    return graph


def loop_groups(edges: Iterable[Import]) -> list[set[str]]:
    """The groups of modules that import each other, directly or not (each a loop or more)."""
    return [group for group in _strongly_connected(_graph(edges)) if len(group) > 1]


def find_cycles(edges: Iterable[Import]) -> list[list[Import]]:
    """One import loop per group of :func:`loop_groups` (each as the list of its edges, the
    last leading back to the first module). Empty when there is no loop."""
    graph = _graph(edges)
    return [_cycle_within(graph, g) for g in _strongly_connected(graph) if len(g) > 1]


def _strongly_connected(graph: dict[str, list[Import]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative (no recursion limit on a long chain)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = [e.target for e in graph[node]]
            for i in range(position, len(targets)):
                target = targets[i]
                if target not in index:
                    work.append((node, i + 1))
                    work.append((target, 0))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                if low[node] == index[node]:
                    group = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == node:
                            break
                    groups.append(group)
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
    return groups


def _cycle_within(graph: dict[str, list[Import]], group: set[str]) -> list[Import]:
    """A shortest loop through the group's first module (breadth-first)."""
    start = min(group)
    came: dict[str, Import] = {}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for edge in graph[node]:
            if edge.target not in group:
                continue
            if edge.target == start:
                path = [edge]
                while path[0].source != start:
                    path.insert(0, came[path[0].source])
                return path
            if edge.target not in came:
                came[edge.target] = edge
                queue.append(edge.target)
    raise AssertionError(f"no loop found in {group}")  # pragma: no cover


def describe_cycle(cycle: list[Import]) -> str:
    """``a -> b (a.py:3) -> a (b.py:9, in a function)`` for a failure message."""
    steps = [cycle[0].source]
    for edge in cycle:
        notes = [edge.where()]
        if edge.in_function:
            notes.append("in a function")
        if edge.type_checking_only:
            notes.append("TYPE_CHECKING only")
        steps.append(f"{edge.target} ({', '.join(notes)})")
    return " -> ".join(steps)
