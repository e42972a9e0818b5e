"""Ruled-table edges of a page from pypdfium2's path objects, and a page pdfplumber's table finder can read."""
from __future__ import annotations

import ctypes
from collections import Counter
from itertools import compress, repeat
from operator import eq

# pdfplumber builds table edges from pdfminer's lines, rectangles and curves. pdfium keeps the same paths as
# page objects, so the edges are rebuilt here exactly as pdfminer and pdfplumber build them (pdfminer's
# paint_path shapes, pdfplumber's top-left coordinates and edge lists) and pdfplumber's own table finder runs
# on them: the page is never parsed by pdfminer. A path this module cannot rebuild exactly makes edges() answer
# None and pdfplumber reads the page as before.


class Untrusted(Exception):
    """The page holds something the pdfium route does not rebuild exactly (pdfplumber must read it)."""


def edges(C, page, height: float, doctop: float = 0.0, counts: dict | None = None) -> list[dict] | None:
    """pdfplumber's page.edges (lines, then rectangle edges, then curve edges) from pdfium's path objects.

    None when pdfium's objects cannot give them exactly: a form XObject (pdfminer flattens its paths with its
    own matrix), a Bezier segment (pdfminer keeps only the end points of a curve), a rotated or skewed matrix.
    counts, when given, receives the number of page objects of each type.
    """
    from pdfplumber import utils

    from .pdf_chars import Calls, decimal

    lines: list[dict] = []
    rects: list[dict] = []
    curves: list[dict] = []
    matrix = C.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()
    # Every object's type, asked in two map()s (a long report's pages hold hundreds of text objects each); only
    # the paths are then looked at.
    calls = Calls.get(C)
    n = C.FPDFPage_CountObjects(page)
    kinds = list(map(calls.object_type, map(calls.page_object, repeat(ctypes.cast(page, ctypes.c_void_p).value, n),
                                            range(n))))
    if counts is not None:
        counts.update(Counter(kinds))
    if C.FPDF_PAGEOBJ_FORM in kinds:
        return None
    for i in compress(range(n), map(eq, kinds, repeat(C.FPDF_PAGEOBJ_PATH))):
        obj = C.FPDFPage_GetObject(page, i)
        if not C.FPDFPageObj_GetMatrix(obj, matrix) or matrix.b or matrix.c:
            return None
        a, d, e, f = (decimal(v) for v in (matrix.a, matrix.d, matrix.e, matrix.f))
        segments: list[tuple[str, tuple[float, float]]] = []
        for k in range(C.FPDFPath_CountSegments(obj)):
            seg = C.FPDFPath_GetPathSegment(obj, k)
            kind = C.FPDFPathSegment_GetType(seg)
            if kind == C.FPDF_SEGMENT_BEZIERTO or kind not in (C.FPDF_SEGMENT_LINETO, C.FPDF_SEGMENT_MOVETO):
                return None
            if not C.FPDFPathSegment_GetPoint(seg, x, y):
                return None
            segments.append(("m" if kind == C.FPDF_SEGMENT_MOVETO else "l",
                             (a * decimal(x.value) + e, d * decimal(y.value) + f),
                             bool(C.FPDFPathSegment_GetClose(seg))))
        for sub in _subpaths(segments):
            got = _paint(sub, height, doctop)
            if got is not None:
                (lines if got["object_type"] == "line" else rects if got["object_type"] == "rect" else curves).append(got)
    out = [utils.line_to_edge(ln) for ln in lines]
    for r in rects:
        out.extend(utils.rect_to_edges(r))
    for c in curves:
        out.extend(utils.curve_to_edges(c))
    return out


def _subpaths(segments):
    """pdfminer's shapes: one per moveto, a closing segment back at the start written as its `h`."""
    sub: list[tuple[str, tuple[float, float]]] = []
    for op, pt, close in segments:
        if op == "m":
            if sub:
                yield sub
            sub = [("m", pt)]
            continue
        if not sub:
            continue  # pdfminer drops a path that does not begin with a moveto
        start = sub[0][1]
        if close and pt == start:
            sub.append(("h", start))  # pdfium closes a subpath by a line back to its start
        else:
            sub.append((op, pt))
            if close:
                sub.append(("h", start))
    if sub:
        yield sub


def _paint(sub, height: float, doctop: float) -> dict | None:
    """The pdfplumber object pdfminer's paint_path makes of one subpath (line, rect or curve), or None."""
    shape = "".join(op for op, _ in sub)
    if len(shape) < 2:
        return None  # a lone moveto paints nothing (pdfminer's `m[^m]+`)
    pts = [pt for _, pt in sub]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        return _object("line", pts[:2], height, doctop)
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            (ax, ay), (bx, by) = pts[0], pts[2]
            return _object("rect", [(ax, ay), (bx, ay), (bx, by), (ax, by)], height, doctop)
    return _object("curve", pts, height, doctop)


def _object(kind: str, pts: list[tuple[float, float]], height: float, doctop: float) -> dict:
    # pdfminer's bbox is the points' bound; pdfplumber flips it to top-left coordinates (media box at 0, 0).
    x0, y0 = min(p[0] for p in pts), min(p[1] for p in pts)
    x1, y1 = max(p[0] for p in pts), max(p[1] for p in pts)
    obj = {"object_type": kind, "x0": x0, "y0": y0, "x1": x1, "y1": y1, "width": x1 - x0, "height": y1 - y0,
           "top": height - y1, "bottom": height - y0, "doctop": doctop + (height - y1)}
    if kind == "curve":
        obj["pts"] = [(px, height - py) for px, py in pts]
    return obj


class GridPage:
    """The parts of a pdfplumber page its table finder and word extraction read: characters and edges."""

    def __init__(self, chars: list[dict], edges: list[dict], bbox: tuple[float, float, float, float]):
        self.chars, self.edges, self.bbox = chars, edges, bbox

    def find_tables(self):
        """pdfplumber's tables with its default settings, from these edges and characters."""
        from pdfplumber.table import TableFinder, TableSettings

        return TableFinder(self, TableSettings.resolve(None)).tables

    def extract_words(self, **kwargs) -> list[dict]:
        """pdfplumber's words of these characters."""
        from pdfplumber import utils

        return utils.extract_words(self.chars, **kwargs)
