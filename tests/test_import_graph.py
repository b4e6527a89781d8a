"""Imports go one way: no circle in the package, every import counted (module level, in
functions, under TYPE_CHECKING); tests/import_graph.py prints them when there are."""
from __future__ import annotations

from pathlib import Path

from import_graph import ROOT, cycles, describe, edges

PACKAGE = ROOT / "resume_match"


def test_the_package_has_no_import_circle() -> None:
    found = edges(PACKAGE)
    circles = cycles(found)
    assert not circles, "\n".join(" <-> ".join(c) + "\n" + "\n".join(describe(c, found))
                                  for c in circles)


def test_batch_modules_import_in_one_direction() -> None:
    """tasks (the per-file unit) <- local, cluster (executors) <- folder (the orchestration)."""
    inside: dict[str, set[str]] = {}
    for e in edges(PACKAGE):
        if e.source.startswith("resume_match.batch.") and e.target.startswith("resume_match.batch."):
            inside.setdefault(e.source.rpartition(".")[2], set()).add(e.target.rpartition(".")[2])
    assert inside == {
        "tasks": {"output"},
        "local": {"pool", "tasks"},
        "cluster": {"tasks"},
        "folder": {"cluster", "local", "output", "pool", "tasks"},
        "warm": {"local", "pool"},   # the forkserver ties itself to its parent (die_with_parent)
    }


def test_a_circle_through_a_function_level_import_is_found(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from pkg.b import g\n\ndef f():\n    return g()\n")
    (pkg / "b.py").write_text("def g():\n    from pkg import a\n    return a\n")
    (pkg / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.a import f\n")
    found = edges(pkg)
    assert cycles(found) == [["pkg.a", "pkg.b"]]
    assert {(e.source, e.target, e.where) for e in found} == {
        ("pkg.a", "pkg.b", "module"), ("pkg.b", "pkg.a", "function"), ("pkg.c", "pkg.a", "type-checking")}
