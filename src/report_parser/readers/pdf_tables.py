"""Tables on one pdfplumber page, as Table blocks of the common Document."""
from __future__ import annotations

from .. import model


def _cell_text(v: str | None) -> str:
    # pdfplumber joins wrapped lines with "\n"; the grid matcher joins them again, so keep raw here.
    return "" if v is None else str(v)


def _normalise(v: str) -> str:
    # Normalised cell text: line breaks and spaces inside CJK labels are typesetting, not content.
    return "".join(v.split())


def _prose_row(r: list) -> bool:
    # Some WPS/Word PDFs draw a frame round the whole page body, so the table finder returns prose lines
    # as one-cell rows spanning the frame. Those rows are prose the PDF reader must keep, unless they
    # are a table caption (第二十条第（N）项) whose table starts on the next rows or page.
    filled = [v for v in r if v not in (None, "")]
    if not filled:
        return True
    if len(filled) > 1 or r[0] in (None, ""):
        return False
    if any(v is not None for v in r[1:]):
        return False  # other cells exist (empty but not merged): a label row of a real grid
    return "第二十条" not in "".join(str(filled[0]).split())


def page_tables(page, page_no: int) -> list[model.Block]:
    """Table blocks (rows, raw rows, covered cells, bbox) found on one pdfplumber page."""
    blocks: list[model.Block] = []
    for i, t in enumerate(page.find_tables()):
        grid = t.extract()
        boxes = [row.bbox for row in t.rows]
        while grid and _prose_row(grid[0]):
            grid, boxes = grid[1:], boxes[1:]
        while grid and _prose_row(grid[-1]):
            grid, boxes = grid[:-1], boxes[:-1]
        if not grid or max(len(r) for r in grid) < 2:
            continue
        bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        width = max(len(r) for r in grid)
        rows_raw: list[list[str]] = []
        covered: list[list[bool]] = []
        for r in grid:
            r = list(r) + [None] * (width - len(r))
            # pdfplumber gives the merged cell's value at its top-left and None in the cells it covers.
            rows_raw.append([_cell_text(v) for v in r])
            covered.append([v is None for v in r])
        rows = [[_normalise(v) for v in r] for r in rows_raw]
        blocks.append(model.Block(
            kind=model.TABLE,
            text="",
            raw="\n".join(" | ".join(r) for r in rows_raw),
            prov=model.Provenance(page=page_no, index=i, bbox=tuple(float(x) for x in bbox)),
            rows=rows,
            rows_raw=rows_raw,
            covered=covered,
            row_pages=[page_no] * len(rows),
        ))
    return blocks
