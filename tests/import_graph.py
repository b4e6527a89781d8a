"""The package's import graph, read from the source with ast: every import counts, at module level,
inside functions and under `if TYPE_CHECKING:` alike, so a circle hidden by a function-level
import is still a circle.

    python tests/import_graph.py [resume_match]     # prints every circle, exit 1 if any

An edge goes to the module named (`from resume_match.batch import tasks` -> resume_match.batch.tasks;
`from resume_match import __version__` -> resume_match, the package's __init__). The parent
packages that Python runs on the way to a submodule are not edges: counting them would put every
module on a circle with resume_match/__init__.py.
"""
from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    line: int
    where: str          # "module", "function" or "type-checking"


def modules(package_dir: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file under the package folder."""
    found = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return ((isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
            or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"))


def _imports(tree: ast.Module) -> Iterator[tuple[ast.Import | ast.ImportFrom, str]]:
    """Every import statement with where it stands."""
    def visit(node: ast.AST, where: str) -> Iterator[tuple[ast.Import | ast.ImportFrom, str]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                yield child, where
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                yield from visit(child, "function")
            elif isinstance(child, ast.If) and _is_type_checking(child.test):
                for stmt in child.body:
                    yield from visit(ast.Module(body=[stmt], type_ignores=[]), "type-checking")
                for stmt in child.orelse:
                    yield from visit(ast.Module(body=[stmt], type_ignores=[]), where)
            else:
                yield from visit(child, where)
    yield from visit(tree, "module")


def edges(package_dir: Path) -> list[Edge]:
    known = modules(package_dir)
    found = []
    for name, path in known.items():
        is_package = path.name == "__init__.py"
        for node, where in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = name.split(".") if is_package else name.split(".")[:-1]
                    anchor = anchor[:len(anchor) - (node.level - 1)]
                    base = ".".join(anchor + ([base] if base else []))
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base
                           for a in node.names]
            for target in targets:
                while target and target not in known:      # resume_match.x.func -> resume_match.x
                    target = target.rpartition(".")[0]
                edge = Edge(name, target, node.lineno, where)
                if target and target != name and edge not in found:
                    found.append(edge)
    return found


def cycles(graph_edges: list[Edge]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), sorted."""
    graph: dict[str, set[str]] = {}
    for e in graph_edges:
        graph.setdefault(e.source, set()).add(e.target)
        graph.setdefault(e.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for v in sorted(graph):
        if v not in index:
            connect(v)
    return sorted(found)


def describe(component: list[str], graph_edges: list[Edge]) -> list[str]:
    """The edges inside one circle, one line each."""
    inside = set(component)
    return [f"  {e.source} -> {e.target}  (line {e.line}, {e.where})"
            for e in sorted(graph_edges, key=lambda e: (e.source, e.line))
            if e.source in inside and e.target in inside]


def main(argv: list[str]) -> int:
    package_dir = ROOT / (argv[0] if argv else "resume_match")
    all_edges = edges(package_dir)
    runtime = [e for e in all_edges if e.where != "type-checking"]
    print(f"{len(modules(package_dir))} modules, {len(all_edges)} internal imports "
          f"({sum(e.where == 'function' for e in all_edges)} in functions, "
          f"{sum(e.where == 'type-checking' for e in all_edges)} under TYPE_CHECKING)")
    status = 0
    for label, chosen in (("counting every import", all_edges),
                          ("leaving out TYPE_CHECKING imports", runtime)):
        found = cycles(chosen)
        print(f"\n{len(found)} import circle(s) {label}")
        for component in found:
            print(" <-> ".join(component))
            print("\n".join(describe(component, chosen)))
        status |= bool(found)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
