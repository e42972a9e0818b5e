"""Ruled grids in a page image: rules found by OpenCV morphology, cells as the regions the rules enclose.

A merged cell is one enclosed region spanning several columns or rows, so merged headers and the vertical
`三、本年度办理结果` cell come out as they print, like pdfplumber's ruled tables: text at the anchor, the
covered positions blank and flagged.
"""
from __future__ import annotations

from dataclasses import dataclass, field

DARK = 200  # grey level below which a pixel is ink (scanned rules are often light grey)
# A horizontal rule is at least this long. Row rules span the table; one-cell rules (merged headers) are a
# column wide, ≥ 8 mm in the reports' tables. The longest horizontal glyph stroke in body text (一 at 16 pt)
# is ~5 mm; a title stroke may be longer but never touches a grid.
RULE_MM_H = 6.0
# Vertical rules of a grid are a row high at least: 3.7 mm in LibreOffice's tight one-line rows. Glyph
# strokes of body text are as long, but alone they touch no row rule and never make a grid of their own.
RULE_MM_V = 3.0
# A grid is a connected set of rules at least this wide and tall (one row: the rest of a table that broke
# over a page can be a single row), with rules in both directions.
MIN_GRID_MM = (25.0, 3.0)
MIN_CELL_MM = 1.5  # enclosed regions smaller than this are rule junctions, not cells
JOIN_MM = 1.2  # cell edges closer than this are the same grid line


@dataclass
class Region:
    """One enclosed cell: its pixel box in the page image and the grid positions it spans."""

    x0: int
    top: int
    x1: int
    bottom: int
    r0: int = 0
    r1: int = 0  # exclusive
    c0: int = 0
    c1: int = 0


@dataclass
class Grid:
    """A ruled table: pixel bbox, the rule mask inside it, its cells, row and column boundaries."""

    x0: int
    top: int
    x1: int
    bottom: int
    regions: list[Region] = field(default_factory=list)
    rows: int = 0
    cols: int = 0
    mask: object = None  # uint8 rule mask of the bbox (255 = rule), for cleaning the image before OCR


def _mm(dpi: float, mm: float) -> int:
    return max(2, int(round(mm * dpi / 25.4)))


def rule_mask(gray, dpi: float):
    """uint8 mask (255 = rule pixel) of the long horizontal and vertical lines of a greyscale array."""
    import cv2
    import numpy as np

    ink = (gray < DARK).astype(np.uint8) * 255  # uint8 throughout: an int64 temporary of a page is 66 MB
    h = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (_mm(dpi, RULE_MM_H), 1)))
    v = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, _mm(dpi, RULE_MM_V))))
    return cv2.bitwise_or(h, v), h, v


def cluster(values: list[float], tol: float) -> list[float]:
    """Sorted means of the runs of values that lie within tol of their neighbour (grid lines from cell edges)."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _nearest(bounds: list[int], v: int) -> int:
    return min(range(len(bounds)), key=lambda i: abs(bounds[i] - v))


def find_grids(image, dpi: float) -> list[Grid]:
    """The ruled grids of a greyscale PIL page image, top to bottom."""
    import cv2
    import numpy as np

    gray = np.asarray(image.convert("L"))
    mask, hmask, vmask = rule_mask(gray, dpi)
    # Scanned rules break at light pixels: close small gaps so cells are enclosed.
    closed = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    min_w, min_h = _mm(dpi, MIN_GRID_MM[0]), _mm(dpi, MIN_GRID_MM[1])
    min_cell = _mm(dpi, MIN_CELL_MM)
    grids = []
    for k in range(1, n):
        x, y, w, h, _area = (int(v) for v in stats[k])
        if w < min_w or h < min_h:
            continue
        comp = (labels[y:y + h, x:x + w] == k)
        if not (hmask[y:y + h, x:x + w][comp].any() and vmask[y:y + h, x:x + w][comp].any()):
            continue
        rules = np.where(comp, 255, 0).astype(np.uint8)
        # A table that runs on over a page break has no closing rule on that side (its verticals stop at
        # the page margin): the grid's bbox frame closes the open cells.
        rules[0, :] = rules[-1, :] = rules[:, 0] = rules[:, -1] = 255
        # Cells: the regions the rules enclose (4-connected so a diagonal gap at a junction does not leak).
        m, cl, cs, _ = cv2.connectedComponentsWithStats(255 - rules, connectivity=4)
        regions = []
        for j in range(1, m):
            cx, cy, cw, ch, _ = (int(v) for v in cs[j])
            if cw < min_cell or ch < min_cell:
                continue
            regions.append(Region(x + cx, y + cy, x + cx + cw, y + cy + ch))
        if len(regions) < 2:
            continue
        tol = _mm(dpi, JOIN_MM)
        xs = cluster([r.x0 for r in regions] + [r.x1 for r in regions], tol)
        ys = cluster([r.top for r in regions] + [r.bottom for r in regions], tol)
        # Boundaries: each cell edge is next to one grid line; left edges and right edges of adjacent
        # cells sit on either side of the same rule, so they cluster to one boundary.
        for r in regions:
            r.c0, r.c1 = _nearest(xs, r.x0), _nearest(xs, r.x1)
            r.r0, r.r1 = _nearest(ys, r.top), _nearest(ys, r.bottom)
        cols, rows = _dedupe_bounds(regions, "c"), _dedupe_bounds(regions, "r")
        if cols < 2 and rows < 2:
            continue
        regions.sort(key=lambda r: (r.r0, r.c0))
        g = Grid(x, y, x + w, y + h, regions, rows, cols, rules)
        grids.append(g)
    grids.sort(key=lambda g: g.top)
    return grids


def _dedupe_bounds(regions: list[Region], axis: str) -> int:
    """Renumber one axis's boundaries to 0..n so that spans are contiguous; returns n (rows or columns)."""
    a, b = (("c0", "c1") if axis == "c" else ("r0", "r1"))
    used = sorted({getattr(r, a) for r in regions} | {getattr(r, b) for r in regions})
    index = {v: i for i, v in enumerate(used)}
    for r in regions:
        setattr(r, a, index[getattr(r, a)])
        setattr(r, b, max(index[getattr(r, b)], index[getattr(r, a)] + 1))
    return len(used) - 1
