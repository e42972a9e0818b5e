"""Characters and ruled-table edges of a PDF page read with pypdfium2, as pdfplumber gives them."""
from __future__ import annotations

import ctypes
import os
import re
from collections import deque
from itertools import chain, compress, islice, repeat
from operator import add, is_, le, methodcaller, ne, sub

# The text engine of PDF pages: "pdfium" reads prose pages with pypdfium2 (its text costs a twelfth to a
# fortieth of pdfplumber's page parsing) and keeps pdfplumber for pages that may hold a table; "pdfplumber" reads every page
# with pdfplumber. The record is the same either way (tests/readers/test_pdf_parity.py).
ENGINE_ENV = "REPORT_PARSER_PDF_TEXT"
DEFAULT_ENGINE = "pdfium"
ENGINES = ("pdfium", "pdfplumber")
# Characters pdfminer cannot map to Unicode come out as (cid:N); pdfium gives U+FFFD or 0 instead.
_UNMAPPED = "\x00\ufffd\ufffe"
# Characters of pdfium's text that are not glyphs: markers (line breaks, soft hyphens), and spaces it inferred.
_MARKER = re.compile("[\r\n\x02]")
_SPACE = re.compile(" ")
_UNMAPPED_CHAR = re.compile("[" + _UNMAPPED + "]")
_START = methodcaller("start")
# Words further apart than this many character heights may be columns of an unruled table (pdf_tables.GAP).
_COLUMN_GAP = 1.2
_APART = float("inf")


def engine(options: dict | None) -> str:
    """The PDF text engine chosen by the pdf_text option, else the environment, else the default."""
    name = (options or {}).get("pdf_text") or os.environ.get(ENGINE_ENV) or DEFAULT_ENGINE
    if name not in ENGINES:
        raise ValueError(f"unknown PDF text engine {name!r} (choose from {', '.join(ENGINES)})")
    return name


class PdfiumPage:
    """One page read by pdfium: its characters (pdf.Columns) and ruled-table edges (pdfplumber's).

    runs: the characters' text (one string), x0 and x1, and each run's top, bottom, size and font name (a run: the
    characters from one text object), spread over the characters only when columns or doctops are asked for.
    doctop: the page's top in the document (a character's doctop is it plus the character's top).
    distinct: no two characters can be overprinted duplicates (pdf._dedupe_chars would keep them all).
    bounds: where the runs begin, and the end, when every run is written horizontally and its characters
    advance by more than a point (pdf._run_lines groups them run by run), else None.
    """

    __slots__ = ("runs", "edges", "distinct", "bounds", "doctop", "_lengths", "_upright", "_columns", "_doctops")

    def __init__(self, runs: tuple, lengths: list[int], upright: dict[int, tuple], edges: list[dict],
                 distinct: bool = False, bounds: list[int] | None = None, doctop: float = 0.0):
        self.runs, self._lengths, self._upright = runs, lengths, upright
        self.edges, self.distinct, self.bounds, self.doctop = edges, distinct, bounds, doctop
        self._columns = self._doctops = None

    @property
    def columns(self) -> tuple:
        """The characters as pdf.Columns (the runs' values spread over their characters)."""
        if self._columns is None:
            self._spread()
        return self._columns

    @property
    def doctops(self) -> list[float]:
        """Each character's doctop."""
        if self._columns is None:
            self._spread()
        return self._doctops

    def _spread(self) -> None:
        texts, x0s, x1s = list(self.runs[0]), *self.runs[1:3]
        tops, bottoms, sizes, names = (spread(column, self._lengths) for column in self.runs[3:])
        doctops = list(map(add, repeat(self.doctop), tops))
        if self._upright:
            x0s, x1s = list(x0s), list(x1s)
            for j, (x0, x1, top, bottom, dtop) in self._upright.items():
                x0s[j], x1s[j], tops[j], bottoms[j], doctops[j] = x0, x1, top, bottom, dtop
        self._columns, self._doctops = (texts, x0s, x1s, tops, bottoms, sizes, names), doctops

    def chars(self) -> list[dict]:
        """The characters as pdfplumber's dicts (for its table finder and the de-duplication)."""
        return [{"text": t, "x0": a, "x1": b, "top": top, "bottom": bottom, "size": size, "fontname": font,
                 "upright": True, "doctop": doctop}
                for t, a, b, top, bottom, size, font, doctop in zip(*self.columns, self.doctops)]


def spread(values: list, lengths: list[int]) -> list:
    """Each run's value repeated over its characters (lengths: the runs' numbers of characters)."""
    return list(chain.from_iterable(map(repeat, values, lengths)))


class PdfiumPages:
    """The document opened in pdfium once; page() reads one page."""

    def __init__(self, data: bytes):
        import pypdfium2 as pdfium

        self.document = pdfium.PdfDocument(data)  # shared with the page guard (pdf._PageGuard)
        self._n = len(self.document)
        self.fonts: dict = {}  # pdf_fonts.page_fonts' answers for this document

    def page(self, page_no: int, height: float, width: float, fonts: dict, doctop: float = 0.0,
             xobjects: bool = True) -> PdfiumPage | None:
        """The page's characters and edges as pdfplumber gives them, or None when pdfplumber must read the page.

        None when the page is rotated or offset, has too few characters to tell a scan, has characters
        without a Unicode map, in a font pdf_fonts cannot describe or on a rotated baseline, or draws paths
        pdf_grid cannot rebuild exactly: the old path reads those pages whole, so they stay exactly as before.
        fonts: pdf_fonts.page_fonts of the page's resources; xobjects: whether the resources name an XObject.
        """
        import pypdfium2.raw as C

        from .pdf_grid import edges

        if page_no > self._n:
            return None
        # pdfium's own handles, opened and closed here (pypdfium2's PdfPage and PdfTextPage add a finalizer and
        # bookkeeping to each, ~40 us a page); no form environment is set up, so nothing else is due on either.
        page = C.FPDF_LoadPage(self.document.raw, page_no - 1)
        if not page:
            return None  # pdfium cannot load the page: pdfplumber reads it and reports what is wrong
        calls, page_at = Calls.get(C), ctypes.cast(page, ctypes.c_void_p).value
        try:
            media, crop = _boxes(calls, page_at)
            if C.FPDFPage_GetRotation(page) or not _same_box(media, width, height) or not _same_box(crop, width, height):
                return None
            text = C.FPDFText_LoadPage(page)
            if not text:
                return None
            try:
                got = _chars(C, text, height, fonts, doctop, width)
            finally:
                C.FPDFText_ClosePage(text)
            if got is None:
                return None
            *got, seen = got
            rules: list[dict] | None = []
            n = C.FPDFPage_CountObjects(page)
            # Without an XObject (so without a form) every text object met in pdfium's text is one of the page's n
            # objects, and the two are the same objects exactly when they number the same; a form's inner text
            # objects are met in pdfium's text too, so with XObjects the objects themselves are compared.
            if (set(map(calls.page_object, repeat(page_at, n), range(n))) != seen) if xobjects else n != len(seen):
                # Not every page object is a text object whose characters reached pdfium's text (a prose page's
                # are, and need no more asking): paths to rebuild, a form, or a text object none of whose
                # characters did (a lone space pdfium replaced by the space it infers at that gap: LibreOffice
                # writes `关切 13` as three objects). pdfminer keeps that space, and the record's text with it, so
                # pdfplumber reads such a page.
                counts: dict[int, int] = {}
                rules = edges(C, page, height, doctop, counts)
                if rules is None or len(seen) < counts.get(C.FPDF_PAGEOBJ_TEXT, 0):
                    return None
            return PdfiumPage(*got[:3], rules, *got[3:], doctop=doctop)
        finally:
            C.FPDF_ClosePage(page)

    def close(self) -> None:
        """Release pdfium's copy of the document."""
        self.document.close()


def _boxes(calls, page: int) -> tuple[tuple, tuple]:
    """The page's MediaBox and CropBox (left, bottom, right, top) as pypdfium2 gives them: US Letter where the
    MediaBox is missing, the MediaBox where the CropBox is."""
    buf, at = _buffer(32)
    values = memoryview(buf).cast("f")
    media = tuple(values[:4]) if calls.media_box(page, at, at + 4, at + 8, at + 12) else (0, 0, 612, 792)
    crop = tuple(values[4:]) if calls.crop_box(page, at + 16, at + 20, at + 24, at + 28) else media
    return media, crop


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
        if ln.bare:  # no blank character (its sizes are those of its runs: nothing is spread to look at them)
            bound = ln.page_bound()
            if bound[0] <= _COLUMN_GAP * max(1.0, bound[1]):
                continue  # no gap on its page reaches the lowest limit a line of the page can have
            widest = ln.widest_gap()
            if widest is None or widest <= _COLUMN_GAP * max(1.0, ln.smallest()):
                continue
        texts, x0s, x1s, _, _, sizes, _ = ln.chars  # in x order (pdf._Line)
        shown = list(map(str.strip, texts))
        if len(texts) > 1 and all(shown):
            # No blank characters: neighbours are the pairs, and no pair's bound is below the line's smallest.
            widest = max(map(sub, x0s[1:], x1s[:-1]))
            if widest <= _COLUMN_GAP * max(1.0, min(sizes)):
                continue
        row = list(compress(zip(x0s, x1s, sizes), shown))
        for (_, a1, asz), (b0, _, bsz) in zip(row, row[1:]):
            if b0 - a1 > _COLUMN_GAP * max(1.0, min(asz, bsz)):
                return True
    return False


def _chars(C, tp, height: float, fonts: dict, doctop: float = 0.0,
           width: float = 0.0) -> tuple[tuple, list[int], dict, bool, list[int] | None, set] | None:
    """The page's characters with pdfminer's boxes: x0/x1 from pdfium's loose box, top/bottom one font size
    tall on the font's descent (pdf_fonts), size scaled by the text matrix; None when one cannot be had.

    Returned as PdfiumPage's runs, the runs' lengths, the characters written vertically (index -> x0, x1, top,
    bottom, doctop), whether no two characters can be overprinted duplicates (_distinct), so the reader may skip
    that pass, the runs' bounds (PdfiumPage.bounds) or None, and the text objects the characters came from.
    """
    from .pdf import SCAN_MAX_CHARS

    n = C.FPDFText_CountChars(tp)
    if n < SCAN_MAX_CHARS:
        return None  # maybe a scan with a stamped text layer: pdfplumber looks at its images
    calls = Calls.get(C)
    tp_at = ctypes.cast(tp, ctypes.c_void_p).value
    buf, at = _buffer(2 * (n + 1))
    got = calls.text(tp_at, 0, n, at)
    text = buf[:2 * max(0, got - 1)].decode("utf-16-le", errors="replace")
    if len(text) != n:
        return None  # characters outside the BMP take two units: the indices no longer line up
    if _UNMAPPED_CHAR.search(text):
        return None  # a character pdfium cannot map: pdfplumber reads the page
    # The few special characters are found by regex; the others are glyphs of the page.
    # Line-break and soft-hyphen markers of pdfium's text are not glyphs, nor are the spaces pdfium infers
    # (pdfminer has no such characters).
    spaces = list(map(_START, _SPACE.finditer(text)))
    dropped = sorted(chain(map(_START, _MARKER.finditer(text)),
                           compress(spaces, map(calls.generated, repeat(tp_at, len(spaces)), spaces))))
    drawn = bytearray(b"\x01") * n
    deque(map(drawn.__setitem__, dropped, repeat(0)), maxlen=0)
    kept = list(compress(range(n), drawn))
    m = len(kept)
    # The two per-character calls run from map() over preallocated buffers: no Python bytecode per character.
    objs = list(map(calls.object_at, repeat(tp_at, m), kept))
    if None in objs:
        return None  # a glyph pdfium cannot place in a text object: no font or matrix to read
    # The characters of one text object (one show operator) share font, size, matrix and (written horizontally)
    # baseline: those are asked once per run of characters from one object (its first character), the box once
    # per character; each question is asked of every run in one map() over a preallocated buffer.
    bounds = [0, *compress(range(1, m), map(ne, islice(objs, 1, None), objs)), m] if m else [0]
    rects, base = _buffer(16 * m)  # left, top, right, bottom per character (single precision)
    if not all(map(calls.loose_box, repeat(tp_at, m), kept, range(base, base + 16 * m, 16))):
        return None
    rects = memoryview(rects).cast("f")
    x0s, x1s = _as_decimals(rects[0::4].tolist(), width), _as_decimals(rects[2::4].tolist(), width)
    # The glyphs' text as one string, cut around the few dropped characters (a list of one-character strings
    # made a new object for each of 20,000 CJK characters)
    texts = "".join(map(text.__getitem__, map(slice, [0, *map(add, dropped, repeat(1))], [*dropped, n])))
    name = ctypes.create_string_buffer(256)
    length = ctypes.c_size_t()
    name_at, length_at = ctypes.addressof(name), ctypes.addressof(length)
    faces: dict[int, tuple | None] = {}  # font handle -> pdf_fonts facts
    firsts = list(map(kept.__getitem__, bounds[:-1]))
    r = len(firsts)
    if any(map(calls.map_error, repeat(tp_at, r), firsts)):
        return None  # a font without a Unicode map: pdfplumber reads it as (cid:N) and judges it
    matrices, base = _buffer(24 * r)  # a, b, c, d, e, f per run (single precision)
    if not all(map(calls.matrix, repeat(tp_at, r), firsts, range(base, base + 24 * r, 24))):
        return None
    matrices = memoryview(matrices).cast("f")
    mas, mds, mes = matrices[0::6].tolist(), matrices[3::6].tolist(), matrices[4::6].tolist()
    if any(matrices[1::6]) or any(matrices[2::6]) or any(map(le, mas, repeat(0))) or any(map(le, mds, repeat(0))):
        return None  # rotated, skewed or mirrored text: pdfminer's boxes are not rebuilt here
    run_objs = list(map(objs.__getitem__, bounds[:-1]))
    handles = list(map(calls.font, run_objs))
    font_sizes = list(map(calls.font_size, repeat(tp_at, r), firsts))
    origins, base = _buffer(16 * r)  # x, y per run (double precision)
    if not all(map(calls.origin, repeat(tp_at, r), firsts, range(base, base + 16 * r, 16),
                   range(base + 8, base + 16 * r, 16))):
        return None
    origins = memoryview(origins).cast("d")
    for fkey, k in dict(zip(reversed(handles), range(r - 1, -1, -1))).items():  # each font at its first run
        face = faces[fkey] = _face(calls, fkey, fonts, tp_at, firsts[k], mes[k], mas[k], name_at, length_at)
        if face is None:
            return None  # a font pdf_fonts cannot describe (Type3, ambiguous name, form resources) or not embedded
    # Each run's values, computed column by column (one comprehension each rather than a loop body per run).
    fontnames, descents, vertical = (list(map({h: f[j] for h, f in faces.items()}.__getitem__, handles))
                                     for j in range(3))
    fss = _as_decimals(font_sizes)  # the text state's size, before the matrix scales it
    mas, mds, oys = _as_decimals(mas), _as_decimals(mds), _as_decimals(origins[1::2].tolist(), height)
    # pdfminer's size: the box's height (written horizontally) or width (vertically).
    sizes = [fs * (ma if v else md) for fs, ma, md, v in zip(fss, mas, mds, vertical)]
    # Written horizontally, a run stands one size tall on the font's descent below its baseline.
    tops = [height - (oyv + md * (d * fs + fs)) for oyv, md, d, fs in zip(oys, mds, descents, fss)]
    bottoms = [height - (oyv + md * (d * fs)) for oyv, md, d, fs in zip(oys, mds, descents, fss)]
    upright: dict[int, tuple] = {}  # a character written vertically -> its own x0, x1, top, bottom, doctop
    runs: list[tuple] | None = None  # (fontname, size, top, first x0, last x0) of each run, all horizontal
    if True in vertical:
        ox, oy = ctypes.c_double(), ctypes.c_double()
        for k in compress(range(r), vertical):
            size = sizes[k]
            for j in range(bounds[k], bounds[k + 1]):
                # Written vertically, each character has its own origin; pdfminer's box is one size square there.
                C.FPDFText_GetCharOrigin(tp, kept[j], ox, oy)
                x0, oyv = decimal(ox.value, width), decimal(oy.value, height)
                upright[j] = (x0, x0 + size, height - oyv - size, height - oyv, doctop + height - oyv - size)
    else:
        # Characters of one run within 1 pt of each other: the full pass decides (runs stays None).
        steps = list(map(sub, islice(x0s, 1, None), x0s))  # from each character to the next
        deque(map(steps.__setitem__, map(sub, bounds[1:-1], repeat(1)), repeat(_APART)), maxlen=0)  # not of its run
        if min(steps, default=_APART) > 1:
            runs = list(zip(fontnames, sizes, tops, map(x0s.__getitem__, bounds[:-1]),
                            map(x0s.__getitem__, map(sub, bounds[1:], repeat(1)))))
    return ((texts, x0s, x1s, tops, bottoms, sizes, fontnames), list(map(sub, bounds[1:], bounds[:-1])),
            upright, runs is not None and _distinct(runs), bounds if runs is not None else None,
            set(run_objs))


def _buffer(size: int) -> tuple[bytearray, int]:
    """A zeroed buffer of size bytes for pdfium to fill, and its address.

    A bytearray read through memoryview rather than a ctypes array: ctypes makes a new array type for every
    length (~10 us each, four a page), and slicing a ctypes array builds its floats one by one.
    """
    buf = bytearray(max(size, 1))
    return buf, ctypes.addressof(ctypes.c_char.from_buffer(buf))


def _face(calls, font: int, fonts: dict, tp: int, i: int, e: float, a: float, name_at: int, length_at: int):
    """pdf_fonts' (fontname, descent, vertical) of a font handle met at character i (text matrix e and a), or None."""
    if not calls.embedded(font):
        # pdfium measures a font it does not have through a substitute: its boxes are the substitute's
        # widths (4.62 pt digits of STSong-Light come out 5.0-5.3 pt), pdfminer's the /W or /Widths entries
        return None
    calls.base_name(font, name_at, 256)
    key = font_name(ctypes.string_at(name_at))
    face = fonts.get(key)
    if face is None and key in fonts:  # a name several fonts share: tell them by their programs
        calls.font_data(font, None, 0, length_at)
        face = fonts.get((key, ctypes.c_size_t.from_address(length_at).value))
    if face is None and key in fonts:
        # or by writing direction: pdfium puts a vertical character's origin half a size left of
        # the text position, a horizontal one's on it
        ox, oy = ctypes.c_double(), ctypes.c_double()
        calls.origin(tp, i, ctypes.addressof(ox), ctypes.addressof(oy))
        shift = abs(ox.value - e) / max(1e-6, calls.font_size(tp, i) * a)
        face = fonts.get((key, "V")) if abs(shift - 0.5) < 0.01 else fonts.get((key, "H")) if shift < 0.01 else None
    return face


def _distinct(runs: list[tuple]) -> bool:
    """Whether no two runs (fontname, size, top, first x0, last x0) can hold an overprinted duplicate.

    pdf._dedupe_chars drops a character of the same text, font and size as a kept one with x0 and top within
    1 pt. Characters of one run all advance by more than 1 pt (checked by the caller), so only two runs of one
    font and size whose tops are within 1 pt and whose x0 ranges come within 1 pt can: on a prose page none do.
    """
    # Sorted, the runs of one font, size and top stand in x order: two of them come within 1 pt only if two
    # neighbours do. Runs of one font and size whose tops differ by a point or less get the pairwise test below.
    ordered = sorted(runs)
    near = False
    for (font, size, top, _, b), (font2, size2, top2, a2, _) in zip(ordered, ordered[1:]):
        if top2 - top <= 1 and font == font2 and size == size2:
            if top2 != top:
                near = True
                break
            if a2 <= b + 1:
                return False
    if not near:
        return True
    by: dict[tuple, list[tuple[float, float, float]]] = {}
    for fontname, size, top, a, b in runs:
        by.setdefault((fontname, size), []).append((top, a, b))
    for group in by.values():
        group.sort()
        for k, (top, a, b) in enumerate(group):
            for top2, a2, b2 in group[k + 1:]:
                if top2 - top > 1:
                    break
                if a2 <= b + 1 and a <= b2 + 1:
                    return False
    return True


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


def _as_decimals(values: list[float], scale: float = 0.0) -> list[float]:
    """decimal() of each value: the kept answers read in one map(), only values not met before computed."""
    got = list(map(decimals(scale).get, values))
    if None in got:
        for j in compress(range(len(got)), map(is_, got, repeat(None))):
            got[j] = decimal(values[j], scale)
    return got


def decimals(scale: float) -> dict[float, float]:
    """decimal()'s kept answers for one scale."""
    cache = _DECIMALS.get(scale)
    if cache is None:
        cache = _DECIMALS[scale] = {}
    return cache


class Calls:
    """The pdfium calls made per character or per page object, with plain-integer arguments and results.

    pypdfium2's bindings wrap every returned handle in a ctypes pointer and check every argument's type; for the
    20,000 characters and ~4,000 text objects of a long report that was over a third of the reading. The same C
    functions, declared with c_void_p, take and give addresses as ints.
    """

    _made = None

    def __init__(self, C):
        def plain(fn, restype, *argtypes):
            # PYFUNCTYPE: the GIL is kept across the call (these return in well under a microsecond; releasing
            # and taking it back again was a tenth of each call's cost)
            return ctypes.PYFUNCTYPE(restype, *argtypes)(ctypes.cast(fn, ctypes.c_void_p).value)

        P, I, D, Z = ctypes.c_void_p, ctypes.c_int, ctypes.c_double, ctypes.c_size_t
        self.text = plain(C.FPDFText_GetText, I, P, I, I, P)
        # (handle, index) calls declare the handle only: ctypes passes further int arguments of a C-convention
        # function as C ints (what the index is), and a declared c_int costs ~85 ns a call more (a third of the
        # call) in checking the argument; declared handles stay declared, so an address is never cut to an int.
        self.object_at = plain(C.FPDFText_GetTextObject, P, P)
        self.generated = plain(C.FPDFText_IsGenerated, I, P)
        self.map_error = plain(C.FPDFText_HasUnicodeMapError, I, P)
        # (handle, index, buffer...) calls: the index, followed by addresses, is declared pointer-sized (c_void_p
        # takes an int ~60 ns faster than c_int): every calling convention pypdfium2 is built for passes an int
        # argument in a register or stack slot of pointer size whose low bits the callee reads, and the index is a
        # small non-negative int.
        self.loose_box = plain(C.FPDFText_GetLooseCharBox, I, P, P, P)
        self.matrix = plain(C.FPDFText_GetMatrix, I, P, P, P)
        self.origin = plain(C.FPDFText_GetCharOrigin, I, P, P, P, P)
        self.font_size = plain(C.FPDFText_GetFontSize, D, P)
        self.font = plain(C.FPDFTextObj_GetFont, P, P)
        self.embedded = plain(C.FPDFFont_GetIsEmbedded, I, P)
        self.base_name = plain(C.FPDFFont_GetBaseFontName, Z, P, P, Z)
        self.font_data = plain(C.FPDFFont_GetFontData, I, P, P, Z, P)
        self.page_object = plain(C.FPDFPage_GetObject, P, P)
        self.media_box = plain(C.FPDFPage_GetMediaBox, I, P, P, P, P, P)
        self.crop_box = plain(C.FPDFPage_GetCropBox, I, P, P, P, P, P)
        self.object_type = plain(C.FPDFPageObj_GetType, I, P)

    @classmethod
    def get(cls, C) -> "Calls":
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

