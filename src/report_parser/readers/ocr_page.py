"""OCR of one page image: ruled grids become Table blocks read cell by cell, the rest becomes text lines.

The engine is chosen per region (ocr_engines.choose): grids go to the engine that reads digits best, prose to
the one that reads characters best. Boxes are returned in PDF points (72 per inch) so provenance bboxes
match the text-layer reader's.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import model
from . import ocr_engines, ocr_grid
from .ocr_engines import OcrBox

# A cell whose ink (after its rules are cut away) is below this many pixels is blank: scanner noise
# and rule stubs leave a few dark pixels in empty cells.
MIN_INK_PX = 12
PAD = 24  # white border (pixels) round a single cell for the text detector, which misses text at the edge


@dataclass
class OcrPage:
    """What OCR made of one page image: text lines (points), Table blocks, and the engines used."""

    lines: list[OcrBox] = field(default_factory=list)
    tables: list[model.Block] = field(default_factory=list)
    engines: dict[str, str] = field(default_factory=dict)  # region kind (prose/grid) -> engine version


def _has_cv2() -> bool:
    try:
        import cv2  # noqa: F401
    except ImportError:
        return False
    return True


def read_image(image, dpi: float, page_no: int | None, label: str, preferred: str | None = None,
               index: int = 0, grids: list | None = None) -> OcrPage:
    """Grids and prose of a greyscale PIL page image rendered at dpi (InputError OCR_UNAVAILABLE without engines).

    grids: the image's grids when the caller already looked for them.
    """
    from . import ocr

    names = ocr_engines.installed()
    if grids is None:
        # Grid detection needs OpenCV (the ocr extra); without it the page is read as text, rules removed.
        grids = ocr_grid.find_grids(image, dpi) if _has_cv2() else []
    grid_name, prose_name = ocr_engines.choose(names, bool(grids), preferred)
    out = OcrPage()
    if grids:
        eng = ocr_engines.engine(grid_name)
        out.engines["grid"] = eng.version()
        for k, g in enumerate(grids):
            out.tables.append(grid_table(image, g, dpi, page_no, eng, label, index + k))
    prose = image.convert("L")
    if grids:
        from PIL import ImageDraw

        prose = prose.copy()
        draw = ImageDraw.Draw(prose)
        for g in grids:
            draw.rectangle((g.x0, g.top, g.x1, g.bottom), fill=255)
    prose = ocr.remove_rules(prose, dpi)
    eng = ocr_engines.engine(prose_name)
    scale = 72.0 / dpi
    lines = eng.read(prose, label)
    if lines:
        out.engines["prose"] = eng.version()
    out.lines = [OcrBox(b.text, b.x0 * scale, b.top * scale, b.x1 * scale, b.bottom * scale, b.score) for b in lines]
    return out


def _ink(gray, r: ocr_grid.Region, grid: ocr_grid.Grid) -> int:
    """Dark pixels inside a cell, its rules excluded."""
    import numpy as np

    inset = 2
    y0, y1, x0, x1 = r.top + inset, r.bottom - inset, r.x0 + inset, r.x1 - inset
    if y1 <= y0 or x1 <= x0:
        return 0
    cell = gray[y0:y1, x0:x1] < ocr_grid.DARK
    rules = grid.mask[y0 - grid.top:y1 - grid.top, x0 - grid.x0:x1 - grid.x0] > 0
    return int(np.count_nonzero(cell & ~rules))


def _cell_image(gray, r: ocr_grid.Region, grid: ocr_grid.Grid):
    """A cell cut out of the page, rules whitened, on a white border."""
    import numpy as np
    from PIL import Image

    inset = 1
    y0, y1, x0, x1 = r.top + inset, r.bottom - inset, r.x0 + inset, r.x1 - inset
    cell = gray[y0:y1, x0:x1].copy()
    rules = grid.mask[y0 - grid.top:y1 - grid.top, x0 - grid.x0:x1 - grid.x0] > 0
    cell[rules] = 255
    padded = np.full((cell.shape[0] + 2 * PAD, cell.shape[1] + 2 * PAD), 255, np.uint8)
    padded[PAD:PAD + cell.shape[0], PAD:PAD + cell.shape[1]] = cell
    return Image.fromarray(padded), (x0 - PAD, y0 - PAD)


def _join(boxes: list[OcrBox]) -> str:
    """Cell text from its boxes: lines top to bottom (a wrapped label), boxes left to right in a line."""
    if not boxes:
        return ""
    boxes = sorted(boxes, key=lambda b: (b.top + b.bottom) / 2)
    lines: list[list[OcrBox]] = [[boxes[0]]]
    for b in boxes[1:]:
        last = lines[-1][-1]
        if (b.top + b.bottom) / 2 - (last.top + last.bottom) / 2 < 0.5 * max(1.0, last.bottom - last.top):
            lines[-1].append(b)
        else:
            lines.append([b])
    return "\n".join("".join(x.text for x in sorted(ln, key=lambda b: b.x0)) for ln in lines)


def _owner(regions: list[ocr_grid.Region], b: OcrBox) -> list[int]:
    """Indexes of the cells a box lies in: the one holding its centre, plus any it overlaps by a third of its width."""
    cx, cy = b.centre
    hits = []
    width = max(1.0, b.x1 - b.x0)
    for i, r in enumerate(regions):
        if not (r.top <= cy <= r.bottom):
            continue
        overlap = min(b.x1, r.x1) - max(b.x0, r.x0)
        if r.x0 <= cx <= r.x1 or overlap > width / 3:
            hits.append(i)
    return hits


def read_cells(image, grid: ocr_grid.Grid, engine: ocr_engines.Engine, label: str) -> list[list[OcrBox]]:
    """The OCR boxes of each of the grid's cells (pixel coordinates of the page image).

    The table is read in one pass; a cell is read again on its own when a box ran across a rule into the
    next cell, or when the cell holds ink but no box (the detector misses lone small digits).
    """
    import numpy as np

    gray = np.asarray(image.convert("L"))
    crop = image.convert("L").crop((grid.x0, grid.top, grid.x1, grid.bottom))
    if engine.clean_grid:
        from PIL import Image

        a = np.asarray(crop).copy()
        a[grid.mask > 0] = 255
        crop = Image.fromarray(a)
    boxes = engine.read(crop, label, words=True)
    regions = grid.regions
    per: list[list[OcrBox]] = [[] for _ in regions]
    again: set[int] = set()
    for b in boxes:
        b = OcrBox(b.text, b.x0 + grid.x0, b.top + grid.top, b.x1 + grid.x0, b.bottom + grid.top, b.score)
        hits = _owner(regions, b)
        if len(hits) == 1:
            per[hits[0]].append(b)
        elif hits:
            again.update(hits)
    for i, r in enumerate(regions):
        if not per[i] and _ink(gray, r, grid) >= MIN_INK_PX:
            again.add(i)
    for i in sorted(again):
        img, (dx, dy) = _cell_image(gray, regions[i], grid)
        per[i] = [OcrBox(b.text, b.x0 + dx, b.top + dy, b.x1 + dx, b.bottom + dy, b.score)
                  for b in engine.read(img, label)]
    return per


# Text a recogniser gives for a lone upright or slanted stroke. PP-OCR reads the null marker "/" of Chinese
# tables as "1" with 0.99 confidence (every blank-marked cell of a synth scan came back as 1); the ink's slant
# tells them apart.
_STROKES = frozenset({"1", "/", "l", "I", "|", "丨", "／"})
SLASH_DEGREES = 12.0  # a "1" stands within a few degrees of vertical; a "/" leans 20-30 degrees


def _stroke(gray, r: ocr_grid.Region, grid: ocr_grid.Grid) -> str | None:
    """"/" or "1" for a cell holding one stroke, from the slant of its ink (principal axis), else None."""
    import math

    import numpy as np

    inset = 2
    y0, y1, x0, x1 = r.top + inset, r.bottom - inset, r.x0 + inset, r.x1 - inset
    if y1 <= y0 or x1 <= x0:
        return None
    ink = gray[y0:y1, x0:x1] < ocr_grid.DARK
    ink &= ~(grid.mask[y0 - grid.top:y1 - grid.top, x0 - grid.x0:x1 - grid.x0] > 0)
    ys, xs = np.nonzero(ink)
    if len(xs) < MIN_INK_PX:
        return None
    cov = np.cov(np.vstack([xs, ys]).astype(float))
    vals, vecs = np.linalg.eigh(cov)
    vx, vy = vecs[:, int(np.argmax(vals))]
    lean = math.degrees(math.atan2(abs(vx), abs(vy)))  # 0 = vertical
    return "/" if lean > SLASH_DEGREES else "1"


def grid_table(image, grid: ocr_grid.Grid, dpi: float, page_no: int | None, engine: ocr_engines.Engine,
               label: str, index: int = 0) -> model.Block:
    """A Table block of the grid read by the engine: rows as printed, merged cells covered, boxes in points."""
    import numpy as np

    per = read_cells(image, grid, engine, label)
    gray = np.asarray(image.convert("L"))
    for k, (r, found) in enumerate(zip(grid.regions, per)):
        if len(found) == 1 and found[0].text in _STROKES:
            ch = _stroke(gray, r, grid)
            if ch and ch != found[0].text:
                b = found[0]
                per[k] = [OcrBox(ch, b.x0, b.top, b.x1, b.bottom, b.score)]
    scale = 72.0 / dpi
    rows_raw = [["" for _ in range(grid.cols)] for _ in range(grid.rows)]
    covered = [[True for _ in range(grid.cols)] for _ in range(grid.rows)]
    boxes: list[list[tuple | None]] = [[None] * grid.cols for _ in range(grid.rows)]
    scores: list[list[float | None]] = [[None] * grid.cols for _ in range(grid.rows)]
    for r, found in zip(grid.regions, per):
        rows_raw[r.r0][r.c0] = _join(found)
        covered[r.r0][r.c0] = False
        boxes[r.r0][r.c0] = (page_no, *(round(v * scale, 2) for v in (r.x0, r.top, r.x1, r.bottom)))
        scores[r.r0][r.c0] = round(min((b.score for b in found), default=1.0), 4)
    bbox = tuple(round(v * scale, 2) for v in (grid.x0, grid.top, grid.x1, grid.bottom))
    return model.Block(
        kind=model.TABLE, text="", raw="\n".join(" | ".join(r) for r in rows_raw),
        prov=model.Provenance(page=page_no, index=index, bbox=bbox, ocr=True, ocr_engine=engine.version()),
        rows=[["".join(v.split()) for v in r] for r in rows_raw], rows_raw=rows_raw, covered=covered,
        row_pages=[page_no] * len(rows_raw), cell_boxes=boxes, cell_scores=scores)
