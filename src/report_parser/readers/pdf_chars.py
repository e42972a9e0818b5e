"""Characters of a PDF page read with pypdfium2, as pdfplumber-style dicts, for pages that hold no table."""
from __future__ import annotations

import ctypes
import os

# The text engine of PDF pages: "pdfium" reads prose pages with pypdfium2 (its text costs a twelfth to a
# fortieth of pdfplumber's page parsing) and keeps pdfplumber for pages that may hold a table; "pdfplumber" reads every page
# with pdfplumber. The record is the same either way (tests/readers/test_pdf_parity.py).
ENGINE_ENV = "REPORT_PARSER_PDF_TEXT"
DEFAULT_ENGINE = "pdfium"
ENGINES = ("pdfium", "pdfplumber")
# Characters pdfminer cannot map to Unicode come out as (cid:N); pdfium gives U+FFFD or 0 instead.
_UNMAPPED = (0, 0xFFFD, 0xFFFE)
# Words further apart than this many character heights may be columns of an unruled table (pdf_tables.GAP).
_COLUMN_GAP = 1.2
# A path thinner than this (points) in one direction is a rule in the other.
THIN = 3.0


def engine(options: dict | None) -> str:
    """The PDF text engine chosen by the pdf_text option, else the environment, else the default."""
    name = (options or {}).get("pdf_text") or os.environ.get(ENGINE_ENV) or DEFAULT_ENGINE
    if name not in ENGINES:
        raise ValueError(f"unknown PDF text engine {name!r} (choose from {', '.join(ENGINES)})")
    return name


class PdfiumPages:
    """The document opened in pdfium once; page_chars reads one page."""

    def __init__(self, data: bytes):
        import pypdfium2 as pdfium

        self.document = pdfium.PdfDocument(data)  # shared with the page guard (pdf._PageGuard)
        self._n = len(self.document)

    def page_chars(self, page_no: int, height: float, width: float) -> list[dict] | None:
        """The page's characters as pdfplumber dicts, or None when pdfplumber must read the page.

        None when the page may hold a ruled table (its paths give two rules each way), is rotated or
        offset, has too few characters to tell a scan, or has characters without a Unicode map: the old path
        reads those pages whole, so their tables, characters and boxes stay exactly as before.
        """
        import pypdfium2.raw as C

        if page_no > self._n:
            return None
        page = self.document[page_no - 1]
        try:
            if page.get_rotation() or not _same_box(page.get_mediabox(), width, height) \
                    or not _same_box(page.get_cropbox(), width, height) or _may_rule_a_grid(C, page.raw):
                return None
            text = page.get_textpage()
            try:
                chars = _chars(C, text.raw, height)
            finally:
                text.close()
            return chars
        finally:
            page.close()

    def close(self) -> None:
        """Release pdfium's copy of the document."""
        self.document.close()


def _same_box(box, width: float, height: float) -> bool:
    x0, y0, x1, y1 = box
    return abs(x0) < 0.01 and abs(y0) < 0.01 and abs(x1 - width) < 0.01 and abs(y1 - height) < 0.01


def _may_rule_a_grid(C, page) -> bool:
    """Whether the page's path objects give two horizontal and two vertical rules at least.

    pdfplumber's table finder builds cells from the edges of lines, rectangles and curves; fewer than two
    rules in either direction make no cell. A path wider and taller than THIN counts as both (a frame, a
    grid drawn as one path), so a page framed or gridded in any way goes to pdfplumber.
    """
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    across = down = 0
    for i in range(C.FPDFPage_CountObjects(page)):
        obj = C.FPDFPage_GetObject(page, i)
        if C.FPDFPageObj_GetType(obj) != C.FPDF_PAGEOBJ_PATH:
            continue
        if not C.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            return True  # cannot tell: the old path decides
        w, h = right.value - left.value, top.value - bottom.value
        across += 2 if w > THIN and h > THIN else int(w > THIN)
        down += 2 if w > THIN and h > THIN else int(h > THIN)
        if across >= 2 and down >= 2:
            return True
    return False


def may_hold_columns(lines) -> bool:
    """Whether two characters of one visual line stand further apart than a column gap (an unruled table).

    pdf_tables.word_tables finds tables from words more than GAP heights apart on a line; justified prose
    never spreads so far, so a page without such a gap has no word table. _COLUMN_GAP is below GAP to err
    towards pdfplumber.
    """
    for ln in lines:
        row = [c for c in ln.chars if c["text"].strip()]  # sorted by x0 (pdf._Line)
        for a, b in zip(row, row[1:]):
            if b["x0"] - a["x1"] > _COLUMN_GAP * max(1.0, min(a["size"], b["size"])):
                return True
    return False


def _chars(C, tp, height: float) -> list[dict] | None:
    from .pdf import SCAN_MAX_CHARS

    n = C.FPDFText_CountChars(tp)
    if n < SCAN_MAX_CHARS:
        return None  # maybe a scan with a stamped text layer: pdfplumber looks at its images
    buf = (ctypes.c_ushort * (n + 1))()
    got = C.FPDFText_GetText(tp, 0, n, buf)
    text = bytes(buf)[:2 * max(0, got - 1)].decode("utf-16-le", errors="replace")
    if len(text) != n:
        return None  # characters outside the BMP take two units: the indices no longer line up
    rect = C.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    name = ctypes.create_string_buffer(256)
    fonts: dict[int, str] = {}  # font handle -> base font name
    out: list[dict] = []
    obj_key = None
    for i, t in enumerate(text):
        if t in " \r\n\x02" and C.FPDFText_IsGenerated(tp, i):
            continue  # spaces and line breaks pdfium infers; pdfminer has no such characters
        if ord(t) in _UNMAPPED:
            return None
        if t in "\r\n\x02":
            continue  # line-break and soft-hyphen markers of pdfium's text, not glyphs
        obj = C.FPDFText_GetTextObject(tp, i)
        key = _address(obj)
        if key != obj_key:
            # The characters of one text object (one show operator) share font, size and baseline:
            # those are asked once per object, the box once per character.
            obj_key = key
            if C.FPDFText_HasUnicodeMapError(tp, i):
                return None  # a font without a Unicode map: pdfplumber reads it as (cid:N) and judges it
            size = C.FPDFText_GetFontSize(tp, i)
            C.FPDFText_GetCharOrigin(tp, i, ox, oy)
            font = C.FPDFTextObj_GetFont(obj)
            fkey = _address(font)
            if fkey not in fonts:
                C.FPDFFont_GetBaseFontName(font, name, 256)
                fonts[fkey] = name.value.decode("latin-1")
            fontname = fonts[fkey]
            # pdfminer's box: one font size tall, standing on the baseline.
            bottom = height - oy.value
            top = bottom - size
        C.FPDFText_GetLooseCharBox(tp, i, rect)
        out.append({"text": t, "x0": rect.left, "x1": rect.right, "top": top, "bottom": bottom, "size": size,
                    "fontname": fontname})
    return out


def _address(handle) -> int | None:
    # The handle's address, to tell objects apart (from_buffer costs a third of ctypes.cast).
    return ctypes.c_void_p.from_buffer(handle).value
