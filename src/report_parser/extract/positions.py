"""Positions: the box of every cell and figure on its page, from the characters and cell frames readers keep.

The one place where text offsets become page boxes. Readers hand over geometry as data only: a text block's
`glyphs` (its characters with page and box, in the order of its raw text) and a table's `cell_boxes`. A reader
that gets characters another way (pypdfium2, an OCR engine) fills the same two fields and everything here, the
record, `show` and the dossier follow. tests/readers/test_positions.py holds every box to the rule "the text
inside the stored box is the value's raw text".
"""
from __future__ import annotations

import bisect
import unicodedata
from functools import lru_cache
from typing import Iterable, Sequence

from .. import lazyre, model
from ..readers.unwrap import cut_at_one_width
from ..record import BOX_BLOCK, BOX_OCR, BOX_OFD, BOX_PDF, BOX_RENDERED, Cell, Figure, Report

Glyph = tuple[str, int, float, float, float, float]  # text, page, x0, top, x1, bottom
Box = tuple[int, float, float, float, float]  # page, x0, top, x1, bottom


def squash(text: str) -> str:
    """Text compared for position purposes: NFKC, whitespace removed (line breaks and justification are layout)."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def raw_spaces(doc: model.Document, lo: int, hi: int) -> list[int]:
    """Offsets in Document.text within [lo, hi) (one block) before which the file had a space normalisation took away."""
    # Normalisation glues CJK words across a space (justified text puts one between every character); on a page
    # flattened to one line that space was the only break between a heading and its text, or a menu item and a
    # title. The block's raw text still has it: the two are walked side by side, character for character.
    k = bisect.bisect_right(doc.blocks, lo, key=lambda b: b.start) - 1  # (no list of starts built per call)
    if k < 0:
        return []
    b = doc.blocks[k]
    if not (b.start <= lo < b.end) or b.kind == model.TABLE:
        return []
    # (a PDF paragraph's raw text keeps its printed lines apart with line breaks, and so does a paragraph re-joined from
    # hard-wrapped lines or broken at a fixed width inside a Word paragraph: where a line wrapped is no space the
    # author typed, and taken for one it cut a sentence or a name after whatever word ended a line)
    raw = b.raw.replace("\n", "") if b.raw and "\n" in b.raw \
        and (doc.format == "pdf" or cut_at_one_width(b.raw.split("\n"))) else b.raw
    return [b.start + j for j in _raw_spaces(raw, doc.text[b.start:b.end]) if lo <= b.start + j < hi]


def raw_spaces_in(raw: str, norm: str) -> tuple[int, ...]:
    """Offsets in norm (a normalised line) before which raw (the same line as printed) had a space now gone."""
    return _raw_spaces(raw, norm) if raw else ()


@lru_cache(maxsize=64)
def _raw_spaces(raw: str, norm: str) -> tuple[int, ...]:
    if not _CJK_SPACE_CJK.search(raw):
        return ()
    out: list[int] = []
    j, gap = 0, False
    for ch in raw:
        if ch.isspace():
            gap = True
            continue
        while j < len(norm) and norm[j].isspace():
            j, gap = j + 1, False  # a space normalisation kept is no removed one
        for c in (ch if norm.startswith(ch, j) else unicodedata.normalize("NFKC", ch)):
            if j >= len(norm) or norm[j] != c:
                return ()  # the texts part ways (a traditional page made simplified): no break is known
            if gap:
                out.append(j)
                gap = False
            j += 1
    return tuple(out)


# (CJK punctuation counts as CJK: the normaliser drops the space after 。 as between two hanzi, `…成效。 政府信息…`)
_CJK_SPACE_CJK = lazyre.compile(r"[\u3001-\u303f\u3400-\u9fff\uff01-\uff60][ \t\u3000\u00a0]+[\u3001-\u303f\u3400-\u9fff\uff01-\uff60]")


def box_of(glyphs: Iterable[Glyph]) -> Box | None:
    """The box enclosing the characters on the first page they occupy."""
    gs = list(glyphs)
    if not gs:
        return None
    page = gs[0][1]
    on = [g for g in gs if g[1] == page]
    return (page, round(min(g[2] for g in on), 2), round(min(g[3] for g in on), 2),
            round(max(g[4] for g in on), 2), round(max(g[5] for g in on), 2))


def line_boxes(glyphs: Iterable[Glyph]) -> list[Box]:
    """One box per line (and page) the characters occupy, in reading order.

    A value wrapped at the line end (`公文7` / `条`) is two fragments: one box round both would hold the
    whole of both lines.
    """
    out: list[list[Glyph]] = []
    for g in glyphs:
        last = out[-1][-1] if out else None
        # A new line starts when the page changes or the character begins below the previous one's middle.
        if last is None or g[1] != last[1] or g[3] > (last[3] + last[5]) / 2:
            out.append([g])
        else:
            out[-1].append(g)
    return [b for part in out for b in [box_of(part)] if b is not None]


def align(text: str, glyphs: Sequence[Glyph]) -> list[int | None]:
    """For each offset of a block's normalised text, the index of the glyph it was read from (None: none).

    Normalisation only drops spaces and rewrites a character as its NFKC form (full-width digits, ①), and t2s
    maps one character to one; so each glyph's NFKC form is matched at the next non-space offset, and a glyph
    that does not match there (a t2s change) takes as many offsets as its form has characters.
    """
    out: list[int | None] = [None] * len(text)
    pos = 0
    for i, g in enumerate(glyphs):
        form = squash(g[0])
        if not form:
            continue
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            break
        if not text.startswith(form, pos):
            ahead = text.find(form, pos, pos + 3)  # a character the normaliser dropped (zero-width, soft hyphen)
            if ahead > pos and not text[pos:ahead].strip(" "):
                pos = ahead
        for k in range(pos, min(len(text), pos + len(form))):
            out[k] = i
        pos += len(form)
    return out


class Locator:
    """Boxes of spans of one Document's text, from the glyphs of the blocks they fall in."""

    def __init__(self, doc: model.Document):
        self.doc = doc
        self.blocks = [b for b in doc.blocks if b.kind not in (model.HEADER, model.FOOTER)]
        self.starts = [b.start for b in self.blocks]
        self._maps: dict[int, list[int | None]] = {}

    def block(self, offset: int) -> model.Block | None:
        """The block whose text holds offset."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return None
        b = self.blocks[i]
        return b if b.start <= offset <= b.end else None

    def span_box(self, a: int, b: int) -> tuple[list[Box], str] | None:
        """(boxes, source) of the characters at offsets a..b of Document.text: one box per line they occupy, or
        the enclosing block's box when only that is known."""
        block = self.block(a)
        if block is None or b <= a:
            return None
        if block.glyphs:
            m = self._maps.get(id(block))
            if m is None:
                m = self._maps[id(block)] = align(block.text, block.glyphs)
            idx = sorted({m[k] for k in range(a - block.start, min(b, block.end) - block.start)
                          if 0 <= k < len(m) and m[k] is not None})
            boxes = line_boxes(block.glyphs[i] for i in idx)
            if boxes:
                return boxes, BOX_OCR if block.prov.ocr else BOX_PDF
        if block.prov.bbox is not None and block.prov.page is not None and block.kind != model.TABLE:
            # An OCR engine (or a reader) that gives only the paragraph's box: coarse, and said so.
            return [(block.prov.page, *block.prov.bbox)], BOX_BLOCK
        return None


def cell_fields(tok) -> dict:
    """A cell token's box and span as Cell keyword arguments (grid cells carry their own; text pieces their span)."""
    span = tok.cell if tok.cell is not None else (None if tok.from_table else (tok.start, tok.end))
    box = list(tok.box) if tok.box is not None else None
    return {"box": box, "box_source": (BOX_OCR if tok.ocr else BOX_PDF) if box else None, "span": span}


def locate(doc: model.Document, cells: list[Cell], figures: list[Figure]) -> None:
    """Fill the box of every figure and of every printed cell that has none yet, from its span (in place).

    A text piece's span is trusted only when Document.text holds the cell's raw text there: tokens split from a
    glued run of a grid cell keep the table's span, which is not the cell's. A grid cell's span is exact by
    construction (flattext.grid_tokens) and its text there is normalised, so it is not compared with the raw text.
    """
    loc = Locator(doc)
    text = doc.text
    for c in cells:
        if c.derived:
            c.box = c.box_source = c.span = None  # computed by us, printed nowhere
            continue
        if c.box is None and c.span is not None and squash(text[c.span[0]:c.span[1]]) != squash(c.raw):
            c.span = None
        if c.box is None and c.span is not None and c.raw.strip():
            found = loc.span_box(*c.span)
            if found is not None:
                set_boxes(c, *found)
    for f in figures:
        a, b = f.span
        if b > a:
            found = loc.span_box(a, b)
            if found is not None:
                set_boxes(f, *found)
    if doc.format == "ofd":
        # An OFD's text layer gives the same kind of boxes as a PDF's: named for the format they came from.
        for item in (*cells, *figures):
            if item.box_source == BOX_PDF:
                item.box_source = BOX_OFD


def set_boxes(item: Cell | Figure, boxes: list[Box], source: str) -> None:
    """Store boxes on a cell or figure: the first as box, the lines a wrapped value continues on as box_more."""
    item.box, item.box_source = list(boxes[0]), source
    item.box_more = [list(b) for b in boxes[1:]] or None


def attach_rendered(report: Report, rendered: Report) -> None:
    """Copy boxes from the record of a Word file's PDF rendering onto the Word file's record (in place).

    A cell takes the box of the rendered cell with its key when both print the same text; a figure takes the box
    of the next rendered figure with its metric and printed text, in order. What does not match keeps no box.
    """
    cells = {c.key: c for c in rendered.cells if c.box and not c.derived}
    for c in report.cells:
        r = cells.get(c.key)
        if r is not None and not c.derived and squash(r.raw) == squash(c.raw):
            c.box, c.box_more, c.box_source = r.box, r.box_more, BOX_RENDERED
    pool: dict[tuple, list] = {}
    for f in rendered.figures:
        if f.box:
            pool.setdefault((f.metric, squash(f.raw)), []).append(f)
    for f in report.figures:
        queue = pool.get((f.metric, squash(f.raw)))
        if queue:
            r = queue.pop(0)
            f.box, f.box_more, f.box_source = r.box, r.box_more, BOX_RENDERED
