"""Render a DocSpec as .txt the way scraped pages flatten tables (pipe rows, one cell per line…)."""
from __future__ import annotations

import random
from pathlib import Path

from ..data import load
from .spec import DocSpec, Table

# Flattening styles seen in real scraped pages (dev items 030–051), by name.
STYLES = ("pipe_rows", "cell_lines", "bar_lines", "blank_separated", "markdown")


def _anchors(t: Table):
    for row in t.rows:
        yield [c for c in row if c is not None]


def _pipe_rows(t: Table) -> list[str]:
    # "caption | |||": a spanning cell is followed by one bar per covered column, ends ragged.
    out = []
    for row in _anchors(t):
        parts = []
        for c in row:
            text = c.text.replace("\n", " ")
            parts.append(text + " | " + "|" * (c.colspan - 1) if c.colspan > 1 else text + " |")
        out.append(" ".join(parts).rstrip())
    return out


def _cell_lines(t: Table, blank_between: bool) -> list[str]:
    out = []
    for row in _anchors(t):
        for c in row:
            out.append(c.text)
            if blank_between:
                out.append("")
    return out


def _bar_lines(t: Table) -> list[str]:
    # Each cell on its own line ending in " |"; an empty cell leaves a line holding only "|".
    out = []
    for row in _anchors(t):
        for c in row:
            text = c.text.replace("\n", " ")
            out.append(f"{text} |" if text else "|")
    return out


def _markdown(t: Table) -> list[str]:
    # html-to-markdown converters keep the grid: merged positions become empty cells.
    out = []
    for i, row in enumerate(t.rows):
        cells = ["" if c is None else c.text.replace("\n", " ") for c in row]
        out.append("| " + " | ".join(cells) + " |")
        if i == 0:
            out.append("|" + "---|" * len(row))
    return out


def flatten(t: Table, style: str) -> list[str]:
    """A table as lines of text in one of the flattened styles."""
    if style == "pipe_rows":
        return _pipe_rows(t)
    if style == "cell_lines":
        return _cell_lines(t, False)
    if style == "blank_separated":
        return _cell_lines(t, True)
    if style == "bar_lines":
        return _bar_lines(t)
    return _markdown(t)


def text(spec: DocSpec) -> str:
    """The whole report as scraped text, with some page chrome."""
    r = random.Random(f"{spec.stem}:txt")
    has_blank = any(c["raw"] == "" for c in spec.cells)
    # One-cell-per-line styles drop empty cells entirely, which loses the column; real pages do that,
    # but then no truth can be recovered, so blank-cell documents use styles that keep the position.
    styles = [s for s in STYLES if not (has_blank and s in ("cell_lines", "blank_separated"))]
    style = r.choice(styles)
    spec.layout["txt_style"] = style
    nz = load("synth/noise.yaml")
    sep = "\n\n" if r.random() < 0.5 else "\n"
    indent = "　　" if r.random() < 0.4 else ""
    lines: list[str] = []
    if r.random() < 0.6:
        lines.append(r.choice(nz["breadcrumbs"]))
    for b in spec.blocks:
        if b.kind == "table":
            lines.append("\n".join(flatten(b.table, style)))
        elif b.kind == "para":
            lines.append(indent + b.text)
        else:
            lines.append(b.text)
        if b.kind == "title" and r.random() < 0.5:
            lines.append(r.choice(nz["toolbars"]))
    return sep.join(lines) + "\n"


def render(spec: DocSpec, path: Path) -> None:
    """Write spec as UTF-8 text at path."""
    path.write_text(text(spec), encoding="utf-8")
