"""The common Document every reader produces: ordered blocks with provenance."""
from __future__ import annotations

from dataclasses import asdict, field
from typing import Any, Callable

from .classcache import dataclass

# Block kinds. Readers emit these; nothing downstream knows the source format.
HEADING = "heading"
PARAGRAPH = "paragraph"
TABLE = "table"
HEADER = "header"  # running header removed from the flow but kept for provenance
FOOTER = "footer"


@dataclass
class Provenance:
    """Where a block came from: page, reader-specific position, and how it was obtained."""

    page: int | None = None  # 1-based; approximate for .docx (page breaks), None for .txt
    index: int = 0  # position of the block in the source (paragraph/table index, line number)
    bbox: tuple[float, float, float, float] | None = None  # PDF points (x0, top, x1, bottom)
    ocr: bool = False  # text came from OCR, not a text layer
    ocr_engine: str | None = None  # OCR engine and model version that read the block (`rapidocr 3.10.0 ...`)
    converted_from: str | None = None  # e.g. "doc" when LibreOffice converted a legacy file
    traditional: bool = False  # text was converted from traditional characters


@dataclass
class Block:
    """One heading, paragraph or table of a document, normalised text beside the raw text."""

    kind: str
    text: str  # normalised (NFKC, CJK line joins, justified spaces removed)
    raw: str  # as read from the file
    prov: Provenance = field(default_factory=Provenance)
    level: int | None = None  # heading level when the reader knows it (outline level, style, numbering)
    # Tables only: a rectangular grid, merged cells resolved. rows[r][c] is normalised cell text,
    # rows_raw[r][c] the raw text; covered[r][c] is True where the cell is a copy of a merged cell's
    # anchor (so a grid reader can tell a repeated label from a printed one); row_pages[r] the page.
    rows: list[list[str]] | None = None
    rows_raw: list[list[str]] | None = None
    covered: list[list[bool]] | None = None
    row_pages: list[int | None] | None = None
    # Tables only: cell_boxes[r][c] = (page, x0, top, x1, bottom) in PDF points, top-left origin: the ruled
    # cell's frame (from the PDF's rules, an OCR'd page's grid or an OFD's path objects), or the box of the words of
    # an unruled cell; None where the reader knows no position (a covered cell of an OCR'd grid).
    cell_boxes: list[list[tuple[int, float, float, float, float] | None]] | None = None
    # OCR'd tables only: cell_scores[r][c] the engine's lowest confidence (0-1) among the cell's text lines.
    cell_scores: list[list[float | None]] | None = None
    # PDF text blocks only: the characters the block's raw text was built from, in reading order, as
    # (text, page, x0, top, x1, bottom). extract/positions.py maps offsets of the normalised text onto them.
    # A reader may give them as Deferred: they are made on first read (see Block.glyphs below).
    glyphs: list[tuple[str, int, float, float, float, float]] | None = field(default=None, repr=False)
    start: int = 0  # offset of this block in Document.text (set by Document.finalise)
    end: int = 0

    @property
    def page(self) -> int | None:
        """The block's (first) page."""
        return self.prov.page

    def __getstate__(self) -> dict[str, Any]:
        """The block's fields for pickle and copy, deferred glyphs made."""
        state = dict(self.__dict__)
        state["_glyphs"] = self.glyphs
        return state


class Deferred:
    """Glyphs a reader leaves to be made when they are first read (a long report has 20,000 characters, and a
    glyph tuple each costs a tenth of the PDF text path; most blocks hold no figure whose box is asked for)."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], list]):
        self.make = make


def _get_glyphs(block: Block) -> list[tuple[str, int, float, float, float, float]] | None:
    glyphs = block._glyphs
    if isinstance(glyphs, Deferred):
        glyphs = block._glyphs = glyphs.make()  # made once: every reader of the field gets the same list
    return glyphs


def _set_glyphs(block: Block, value) -> None:
    block._glyphs = value


# Block.glyphs reads through a property (the dataclass field above gives __init__, asdict, == and repr their
# place for it; all of them read the attribute, so they see the glyphs made).
Block.glyphs = property(_get_glyphs, _set_glyphs, doc="The block's glyphs (made on first read when deferred).")


@dataclass
class Document:
    """A read file: its source description, ordered blocks and reader-level issues."""

    path: str
    sha256: str
    format: str  # docx | pdf | txt | html | doc | ...
    pages: int | None = None
    blocks: list[Block] = field(default_factory=list)
    issues: list[dict[str, Any]] = field(default_factory=list)  # {code, message, page}
    meta: dict[str, Any] = field(default_factory=dict)  # reader metadata (PDF title, HTML meta, ocr_pages...)
    text: str = ""  # blocks' normalised text joined by "\n"; tables rendered as " | "-joined rows

    def finalise(self) -> "Document":
        """Compute Document.text and each block's start/end offsets in it."""
        parts: list[str] = []
        pos = 0
        for b in self.blocks:
            if b.kind in (HEADER, FOOTER):
                b.start = b.end = pos
                continue
            t = b.text if b.kind != TABLE else "\n".join(" | ".join(r) for r in (b.rows or []))
            if b.kind == TABLE:
                b.text = t
            b.start, b.end = pos, pos + len(t)
            parts.append(t)
            pos += len(t) + 1
        self.text = "\n".join(parts)
        return self

    def block_at(self, offset: int) -> Block | None:
        """The block whose span holds a character offset of Document.text."""
        best = None
        for b in self.blocks:  # blocks are few (hundreds); a linear scan keeps it simple
            if b.kind in (HEADER, FOOTER):
                continue
            if b.start <= offset <= b.end:
                return b
            if b.start <= offset:
                best = b
        return best

    def page_at(self, offset: int) -> int | None:
        """The page of a character offset of Document.text."""
        b = self.block_at(offset)
        return b.prov.page if b else None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (used for golden reader files); per-character glyphs are left out."""
        d = asdict(self)
        for b in d["blocks"]:
            # Thousands of character boxes per page would drown the golden files; tests/readers/test_positions.py
            # holds the boxes to the text instead.
            b.pop("glyphs", None)
        return d
