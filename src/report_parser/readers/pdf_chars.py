"""Characters and ruled-table edges of a PDF page read with pypdfium2, as pdfplumber gives them."""
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
_UNMAPPED = "\x00\ufffd\ufffe"
# Words further apart than this many character heights may be columns of an unruled table (pdf_tables.GAP).
_COLUMN_GAP = 1.2


def engine(options: dict | None) -> str:
    """The PDF text engine chosen by the pdf_text option, else the environment, else the default."""
    name = (options or {}).get("pdf_text") or os.environ.get(ENGINE_ENV) or DEFAULT_ENGINE
    if name not in ENGINES:
        raise ValueError(f"unknown PDF text engine {name!r} (choose from {', '.join(ENGINES)})")
    return name


class PdfiumPage:
    """One page read by pdfium: its characters (pdfplumber dicts) and ruled-table edges (pdfplumber's)."""

    __slots__ = ("chars", "edges")

    def __init__(self, chars: list[dict], edges: list[dict]):
        self.chars, self.edges = chars, edges


class PdfiumPages:
    """The document opened in pdfium once; page() reads one page."""

    def __init__(self, data: bytes):
        import pypdfium2 as pdfium

        self.document = pdfium.PdfDocument(data)  # shared with the page guard (pdf._PageGuard)
        self._n = len(self.document)

    def page(self, page_no: int, height: float, width: float, fonts: dict, doctop: float = 0.0) -> PdfiumPage | None:
        """The page's characters and edges as pdfplumber gives them, or None when pdfplumber must read the page.

        None when the page is rotated or offset, has too few characters to tell a scan, has characters
        without a Unicode map, in a font pdf_fonts cannot describe or on a rotated baseline, or draws paths
        pdf_grid cannot rebuild exactly: the old path reads those pages whole, so they stay exactly as before.
        fonts: pdf_fonts.page_fonts of the page's resources.
        """
        import pypdfium2.raw as C

        from .pdf_grid import edges

        if page_no > self._n:
            return None
        page = self.document[page_no - 1]
        try:
            if page.get_rotation() or not _same_box(page.get_mediabox(), width, height) \
                    or not _same_box(page.get_cropbox(), width, height):
                return None
            counts: dict[int, int] = {}
            rules = edges(C, page.raw, height, doctop, counts)
            if rules is None:
                return None
            text = page.get_textpage()
            try:
                chars = _chars(C, text.raw, height, fonts, doctop, counts.get(C.FPDF_PAGEOBJ_TEXT, 0), width)
            finally:
                text.close()
            return None if chars is None else PdfiumPage(chars, rules)
        finally:
            page.close()

    def close(self) -> None:
        """Release pdfium's copy of the document."""
        self.document.close()


def _same_box(box, width: float, height: float) -> bool:
    x0, y0, x1, y1 = box
    return abs(x0) < 0.01 and abs(y0) < 0.01 and abs(x1 - width) < 0.01 and abs(y1 - height) < 0.01


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


def _chars(C, tp, height: float, fonts: dict, doctop: float = 0.0, text_objects: int = 0,
           width: float = 0.0) -> list[dict] | None:
    """The page's characters with pdfminer's boxes: x0/x1 from pdfium's loose box, top/bottom one font size
    tall on the font's descent (pdf_fonts), size scaled by the text matrix; None when one cannot be had."""
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
    matrix = C.FS_MATRIX()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    name = ctypes.create_string_buffer(256)
    length = ctypes.c_size_t()
    faces: dict[int, tuple | None] = {}  # font handle -> pdf_fonts facts
    out: list[dict] = []
    obj_key = None
    vertical = False
    seen: set[int | None] = set()  # the text objects the characters come from
    calls = _Calls.get(C)
    object_at, loose_box = calls.object_at, calls.loose_box
    tp_at, rect_at = ctypes.cast(tp, ctypes.c_void_p).value, ctypes.addressof(rect)
    xs = decimals(width)
    special = " \r\n\x02" + _UNMAPPED  # one test per character; the few that match are looked at below
    for i, t in enumerate(text):
        if t in special:
            if t in " \r\n\x02" and C.FPDFText_IsGenerated(tp, i):
                continue  # spaces and line breaks pdfium infers; pdfminer has no such characters
            if t in _UNMAPPED:
                return None
            if t in "\r\n\x02":
                continue  # line-break and soft-hyphen markers of pdfium's text, not glyphs
        key = object_at(tp_at, i)
        if key != obj_key:
            if key is None:
                return None  # a glyph pdfium cannot place in a text object: no font or matrix to read
            seen.add(key)
            obj = C.FPDFText_GetTextObject(tp, i)
            # The characters of one text object (one show operator) share font, size, matrix and (written
            # horizontally) baseline: those are asked once per object, the box once per character.
            obj_key = key
            if C.FPDFText_HasUnicodeMapError(tp, i):
                return None  # a font without a Unicode map: pdfplumber reads it as (cid:N) and judges it
            if not C.FPDFText_GetMatrix(tp, i, matrix) or matrix.b or matrix.c or matrix.a <= 0 or matrix.d <= 0:
                return None  # rotated, skewed or mirrored text: pdfminer's boxes are not rebuilt here
            font = C.FPDFTextObj_GetFont(obj)
            fkey = _address(font)
            if fkey not in faces and not C.FPDFFont_GetIsEmbedded(font):
                # pdfium measures a font it does not have through a substitute: its boxes are the substitute's
                # widths (4.62 pt digits of STSong-Light come out 5.0-5.3 pt), pdfminer's the /W or /Widths entries
                faces[fkey] = None
            if fkey not in faces:
                C.FPDFFont_GetBaseFontName(font, name, 256)
                key = font_name(name.value)
                faces[fkey] = fonts.get(key)
                if faces[fkey] is None and key in fonts:  # a name several fonts share: tell them by their programs
                    C.FPDFFont_GetFontData(font, None, 0, length)
                    faces[fkey] = fonts.get((key, length.value))
                if faces[fkey] is None and key in fonts:
                    # or by writing direction: pdfium puts a vertical character's origin half a size left of
                    # the text position, a horizontal one's on it
                    C.FPDFText_GetCharOrigin(tp, i, ox, oy)
                    shift = abs(ox.value - matrix.e) / max(1e-6, C.FPDFText_GetFontSize(tp, i) * matrix.a)
                    faces[fkey] = fonts.get((key, "V")) if abs(shift - 0.5) < 0.01 else \
                        fonts.get((key, "H")) if shift < 0.01 else None
            face = faces[fkey]
            if face is None:
                return None  # a font pdf_fonts cannot describe (Type3, ambiguous name, form resources) or not embedded
            fontname, descent, vertical = face
            fs = decimal(C.FPDFText_GetFontSize(tp, i))  # the text state's size, before the matrix scales it
            ma, md = decimal(matrix.a), decimal(matrix.d)
            # pdfminer's size: the box's height (written horizontally) or width (vertically).
            size = fs * (ma if vertical else md)
            if not vertical:
                C.FPDFText_GetCharOrigin(tp, i, ox, oy)
                oyv = decimal(oy.value, height)
                y0 = oyv + md * (descent * fs)
                y1 = oyv + md * (descent * fs + fs)
                top, bottom = height - y1, height - y0
        if vertical:
            # Written vertically, each character has its own origin; pdfminer's box is one size square there.
            C.FPDFText_GetCharOrigin(tp, i, ox, oy)
            x0, oyv = decimal(ox.value, width), decimal(oy.value, height)
            out.append({"text": t, "x0": x0, "x1": x0 + size, "top": height - oyv - size,
                        "bottom": height - oyv, "size": size, "fontname": fontname, "upright": True,
                        "doctop": doctop + height - oyv - size})
            continue
        loose_box(tp_at, i, rect_at)
        left, right = rect.left, rect.right
        x0, x1 = xs.get(left), xs.get(right)
        if x0 is None:
            x0 = decimal(left, width)
        if x1 is None:
            x1 = decimal(right, width)
        out.append({"text": t, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "size": size,
                    "fontname": fontname, "upright": True, "doctop": doctop + top})
    if len(seen) < text_objects:
        # A text object none of whose characters reached pdfium's text: a lone space pdfium replaced by the space
        # it infers at that gap (LibreOffice writes `关切 13` as three objects). pdfminer keeps that space, and the
        # record's text with it, so pdfplumber reads the page.
        return None
    return out


_DECIMALS: dict[float, dict[float, float]] = {}  # scale -> value -> decimal
# Two units in the last place of a single-precision number, relative to its size.
_ULPS = 2.4e-7


def decimal(v: float, scale: float = 0.0) -> float:
    """The shortest decimal within two single-precision steps of v (72.024 for pdfium's 72.02400207).

    pdfminer computes in double precision from the numbers the content stream writes, and the reader's
    thresholds meet exact ties on grid-aligned layouts (a line ending 36.0 pt short of the margin), so pdfium's
    float32 values are turned back into the decimals they came from. scale: the size the value was computed
    at (a page coordinate made by pdfium's own float arithmetic carries the error of the page's size). Values
    repeat, so answers are kept (decimals(scale) gives the cache to read first in a loop).
    """
    cache = decimals(scale)
    got = cache.get(v)
    if got is None:
        got, tol = v, max(abs(v), scale) * _ULPS
        for digits in range(1, 10):
            d = float(f"{v:.{digits}g}")
            if abs(d - v) <= tol:
                got = d
                break
        if len(cache) < 65536:
            cache[v] = got
    return got


def decimals(scale: float) -> dict[float, float]:
    """decimal()'s kept answers for one scale."""
    cache = _DECIMALS.get(scale)
    if cache is None:
        cache = _DECIMALS[scale] = {}
    return cache


class _Calls:
    """The two per-character pdfium calls with plain-integer arguments and result.

    pypdfium2's bindings wrap every returned handle in a ctypes pointer and check every argument's type; for the
    20,000 characters of a long report that was a fifth of the reading. The same C functions, declared with
    c_void_p, take and give addresses as ints.
    """

    _made = None

    def __init__(self, C):
        def plain(fn, restype, *argtypes):
            return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(fn, ctypes.c_void_p).value)

        self.object_at = plain(C.FPDFText_GetTextObject, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
        self.loose_box = plain(C.FPDFText_GetLooseCharBox, ctypes.c_int, ctypes.c_void_p, ctypes.c_int,
                               ctypes.c_void_p)

    @classmethod
    def get(cls, C) -> "_Calls":
        """The calls, declared once per process."""
        if cls._made is None:
            cls._made = cls(C)
        return cls._made


def font_name(raw: bytes) -> str:
    """pdfium's base font name as pdfminer decodes a name: UTF-8 (宋体), else byte for byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _address(handle) -> int | None:
    # The handle's address, to tell objects apart (from_buffer costs a third of ctypes.cast).
    return ctypes.c_void_p.from_buffer(handle).value
