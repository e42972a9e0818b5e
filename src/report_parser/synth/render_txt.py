"""Render a DocSpec as .txt the way scraped pages flatten tables (pipe rows, one cell per line…)."""
from __future__ import annotations

import random
import re
from functools import lru_cache
from itertools import combinations
from pathlib import Path

from ..data import load
from .spec import DocSpec, Table

# Flattening styles seen in real scraped pages (dev items 030–051), by name; `spaced` and `glued` are web pages
# saved as text, whose cells are separated by spaces or not at all (`规章000`).
STYLES = ("pipe_rows", "cell_lines", "bar_lines", "blank_separated", "markdown", "spaced", "glued")
# Styles that lose a blank cell's position: only documents without blank cells are drawn in them.
_DROP_BLANKS = ("cell_lines", "blank_separated", "spaced", "glued")
_DIGITS = re.compile(r"^\d+$")
_VALUE = re.compile(r"^[+\-−－]?[\d.,]+(?:元|万元)?$|^[/／\-—–－无]+$")
# Splits counted per glued row at most: a row with more possible cut points is printed spaced.
_MAX_CUTS = 50_000


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


def _spaced(t: Table) -> list[str]:
    # A web page saved as text: one line per row, cells separated by a space, a label's line breaks gone.
    return [" ".join(c.text.replace("\n", "") for c in row) for row in _anchors(t)]


def _glued(t: Table) -> list[str]:
    # Separators lost altogether: a row's label and its digits run together (`行政许可550`). A row is glued
    # only when its digits split back into its cells in exactly one way that keeps the template's row
    # identities (the truth stays what a reader can recover); other rows keep a space between cells.
    out = []
    for row in _anchors(t):
        texts = [c.text.replace("\n", "") for c in row]
        k = len(texts)
        while k > 0 and _DIGITS.match(texts[k - 1]):
            k -= 1
        vals = texts[k:]
        # Only bare digits run together into a readable run: a row holding a sign, a decimal, a unit or a
        # null marker (`+2`, `4.57`, `/`) keeps its spaces, and so does the pre2019 附表, which has no
        # identity tying its columns (本年度 | 历年累计).
        if t.name == "appendix" or (k and _VALUE.match(texts[k - 1])) or (len(vals) > 1 and not _unique(t.name, vals)):
            out.append(" ".join(texts))
        else:
            out.append("".join(texts))
    return out


@lru_cache(maxsize=None)
def _row_sums(table: str) -> tuple[tuple[int, tuple[int, ...]], ...]:
    """(total position, part positions) of the template's row identities for a table (skeleton YAML)."""
    spec = load("skeletons/gb2021.yaml")["tables"].get(table) or {}
    cols = list(spec.get("cols") or {})
    ident = (spec.get("identities") or {}).get("row") or {}
    return tuple((cols.index(tot), tuple(cols.index(p) for p in parts)) for tot, parts in ident.items())


def _unique(table: str, vals: list[str]) -> bool:
    """True when the digits of `vals` run together split back one way only (no leading zeros, row sums kept)."""
    run, n = "".join(vals), len(vals)
    sums = _row_sums(table) if n == len(load("skeletons/gb2021.yaml")["tables"].get(table, {}).get("cols", {})) \
        else ()
    count, tried = 0, 0
    for cuts in combinations(range(1, len(run)), n - 1):
        tried += 1
        if tried > _MAX_CUTS:
            return False
        bounds = (0, *cuts, len(run))
        pieces = [run[a:b] for a, b in zip(bounds, bounds[1:])]
        if any(len(x) > 1 and x[0] == "0" for x in pieces):
            continue
        nums = [int(x) for x in pieces]
        if all(nums[tot] == sum(nums[p] for p in parts) for tot, parts in sums):
            count += 1
            if count > 1:
                return False
    return count == 1


def flatten(t: Table, style: str) -> list[str]:
    """A table as lines of text in one of the flattened styles."""
    if style == "spaced":
        return _spaced(t)
    if style == "glued":
        return _glued(t)
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
    styles = [s for s in STYLES if not (has_blank and s in _DROP_BLANKS)]
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
