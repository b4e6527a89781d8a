"""Ruled tables from drawn lines: engine-independent geometry for readers that see vector paths
(the pdfium engine) but have no table finder of their own.

A ruled table is a connected grid of horizontal and vertical rules with at least three of each,
i.e. at least 2 x 2 cells, the same bar as the pdfplumber reader's `find_tables` count.
"""
from __future__ import annotations

from typing import Iterable

Rule = tuple[float, float, float]   # (y, x0, x1) for a horizontal rule, (x, y0, y1) for a vertical
SNAP = 3.0                          # points: rules this close are the same line / still touch
MIN_LINES = 3                       # rules each way for 2 x 2 cells


def merge(rules: Iterable[Rule], snap: float = SNAP) -> list[Rule]:
    """Collinear rules that overlap or touch joined into one (cells drawn one border at a time)."""
    out: list[list[float]] = []
    for pos, a, b in sorted((p, min(a, b), max(a, b)) for p, a, b in rules):
        last = out[-1] if out else None
        if last and abs(pos - last[0]) <= snap and a <= last[2] + snap:
            last[2] = max(last[2], b)
        else:
            out.append([pos, a, b])
    return [(r[0], r[1], r[2]) for r in out]


def count_ruled_tables(horizontal: Iterable[Rule], vertical: Iterable[Rule],
                       snap: float = SNAP) -> int:
    """Grids of crossing rules with at least MIN_LINES distinct rows and columns of rules."""
    hs, vs = merge(horizontal, snap), merge(vertical, snap)
    if len(hs) < MIN_LINES or len(vs) < MIN_LINES:
        return 0
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, x0, x1) in enumerate(hs):
        for j, (x, y0, y1) in enumerate(vs):
            if x0 - snap <= x <= x1 + snap and y0 - snap <= y <= y1 + snap:
                parent[find(i)] = find(len(hs) + j)
    rows: dict[int, set[int]] = {}
    cols: dict[int, set[int]] = {}
    for i, (y, _, _) in enumerate(hs):
        rows.setdefault(find(i), set()).add(round(y / snap))
    for j, (x, _, _) in enumerate(vs):
        cols.setdefault(find(len(hs) + j), set()).add(round(x / snap))
    return sum(len(ys) >= MIN_LINES and len(cols.get(root, ())) >= MIN_LINES
               for root, ys in rows.items())
