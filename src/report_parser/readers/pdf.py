"""Read PDF with pdfplumber: per page, tables via pdf_tables, text outside them as re-joined paragraphs."""
from __future__ import annotations

import io
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import partial
from itertools import accumulate, chain, compress, islice, repeat
from operator import add, ge, itemgetter, le, lt, methodcaller, ne, or_, sub, truediv
from pathlib import Path

from ..errors import InputError
from . import files
from ..model import FOOTER, HEADER, HEADING, PARAGRAPH, Block, Deferred, Document, Provenance
from .normalize import normalise_blocks
from .pdf_chars import PdfiumPages, engine, may_hold_columns, spread
from .. import lazyre

MAX_PAGES = 500
# Running headers and footers live in the top/bottom margin band of the page (share of its height).
MARGIN_BAND = 0.09
_PAGE_NUMBER = lazyre.compile(
       r"^(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}"
       r"|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$", re.I)
_BARE_NUMBER = lazyre.compile(r"^\d{1,4}$")
# Lines that open a paragraph: part and sub-part numerals (一、 （一） (一) 1. 1、 第一部分 一是).
_OPENS_PARAGRAPH = lazyre.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[.、．](?!\d)"
                                 r"|第[一二三四五六七八九十]+部分|[①-⑳])")
# A colon ends a paragraph only on a short line: justified lines often end with `电子邮箱：` mid-sentence.
_ENDS_PARAGRAPH = ("。", "；", ";", "！", "？", "!", "?")
_ASCII_ALNUM = lazyre.compile(r"[A-Za-z0-9]")
_ALNUM_PAIR = lazyre.compile(r"(?<=[A-Za-z0-9])[A-Za-z0-9]")  # the second of two ASCII letters/digits in a row
_BLANK = lazyre.compile(r"\s")  # what str.strip() removes: a character that is blank
_BELOW_CJK = lazyre.compile(r"[\x00-\u2e7f]")  # a character that is not CJK (see _Line's typeface)
_START = methodcaller("start")
_LEADING_TOKEN = lazyre.compile(r"^[A-Za-z0-9][A-Za-z0-9,.%/:@_\-]*")
# Chinese typesetting never starts a line with a closing mark (禁则): the character before it moves down with it
# (`…材料2` / `篇。`), so a line shortened by one or two characters is still mid-paragraph when the next
# line opens with one or two characters and a closing mark.
_KEPT_WITH_CLOSING = lazyre.compile(r"^[^\s。，、；：！？）」』”’,.;:!?)]{1,2}[。，、；：！？）」』”’,.;:!?)]")


_TEXT, _X0, _X1, _TOP, _BOTTOM, _SIZE = (itemgetter(k) for k in ("text", "x0", "x1", "top", "bottom", "size"))


# A page's characters as columns, one list per property, index for index: text, x0, x1, top, bottom, size, fontname.
# The pypdfium2 route makes them without a dict per character; pdfplumber's and OFD's dicts are turned into them.
Columns = tuple[list, list, list, list, list, list, list]


def _columns(chars: list[dict]) -> Columns:
    """Characters (pdfplumber dicts) as columns."""
    return (list(map(_TEXT, chars)), list(map(_X0, chars)), list(map(_X1, chars)), list(map(_TOP, chars)),
            list(map(_BOTTOM, chars)), list(map(_SIZE, chars)), list(map(dict.get, chars, repeat("fontname"))))


class _Line:
    """One visual line of a page: its characters' text (raw, with inferred Latin spaces) and box."""

    # chars and page: the characters (Columns, in x order) and page of a text-layer line (the block's glyphs); bare:
    # they came in runs (pypdfium2: boxes are floats already) and none is blank, so the glyphs are zipped as they
    # are; fill, engine and indented are set on OCR lines only: share of the body width the line covers, engine
    # version, whether it starts about two characters in from the usual left margin.
    # _chars, _runs: a line read in runs keeps only its page's runs and which of them it holds (see from_runs)
    # until Columns are asked for (chars): most lines never are, their glyphs being made only for figures.
    __slots__ = ("text", "x0", "x1", "top", "bottom", "size", "font", "_chars", "_runs", "page", "bare", "fill",
                 "engine", "indented")

    def __init__(self, cols: Columns):
        # (Written with C-level maps and slices rather than per-character loops: a long report has 20,000
        # characters and this ran for each of them several times.)
        x0s = cols[1]
        if not all(map(le, x0s, islice(x0s, 1, None))):  # in x order: a stable sort changes nothing
            order = sorted(range(len(x0s)), key=x0s.__getitem__)  # stable, as a sort of the characters by x0
            cols = tuple(list(map(col.__getitem__, order)) for col in cols)
        self._chars, self._runs = cols, None  # kept for the block's glyphs (positions of every character)
        self.page = 0
        self.bare = False
        texts, x0s, x1s = cols[:3]
        joined = "".join(texts)
        if len(joined) == len(texts) and all(map(str.strip, texts)):
            # One character per glyph and no blank ones (nearly every line): only where two ASCII letters or
            # digits meet can a space go in, so only those gaps are measured (same rule as _spaced).
            at = [m.start() for m in _ALNUM_PAIR.finditer(joined)]
            if at:
                usual, sizes = _usual_gap(x0s, x1s), cols[5]
                at = [j for j in at if x0s[j] - x1s[j - 1] - usual > 0.25 * sizes[j]]
            self.text = _spaced_at(joined, at)
        else:
            self.text = _spaced(texts, x0s, x1s, cols[5])
        self.x0, self.x1 = x0s[0], max(x1s)
        tops, bottoms, sizes, fonts = cols[3:]
        self.top, self.bottom = min(tops), max(bottoms)
        self.size = max(sizes)
        # The line's typeface is that of its CJK characters: digits and Latin often use another font.
        cjk = list(compress(fonts, map(ge, texts, repeat("\u2e80"))))
        if cjk and cjk.count(cjk[0]) < len(cjk):
            met = list(dict.fromkeys(cjk))  # in the order first met
            counts = list(map(cjk.count, met))
            cjk = [met[counts.index(max(counts))]]  # the most frequent, the first met among equals
        self.font = cjk[0] if cjk else None

    @classmethod
    def from_runs(cls, page: "_PageRuns", i: int, j: int, text: tuple[str, list[int]] | None) -> "_Line":
        """The line of a page's runs i to j (in x order), the same line __init__ makes of their characters.

        text: the line's text and where two ASCII letters or digits meet in it, found on the whole page, when
        none of its characters is blank (else None). The line keeps only where it lies on the page (no list of
        its own: a report has ~600 lines, and their slices were most of the reader's garbage collections).
        """
        self = cls.__new__(cls)
        self._chars, self._runs, self.page = None, (page, i, j), 0
        a, b = page.bounds[i], page.bounds[j]
        x0s, x1s = page.x0s, page.x1s
        self.bare = text is not None
        if text is None:  # a blank character: the per-character rule, as __init__
            texts, x0s, x1s, _, _, sizes, _ = self.chars
            self.text = _spaced(texts, x0s, x1s, sizes)
        else:
            joined, at = text
            if at:
                # the size of the run each pair's second character is in
                usual, bounds, sizes = _usual_gap(x0s[a:b], x1s[a:b]), page.bounds, page.sizes
                at = [k for k in at if x0s[a + k] - x1s[a + k - 1] - usual
                      > 0.25 * sizes[bisect_right(bounds, a + k, i, j) - 1]]
            self.text = _spaced_at(joined, at)
        self.x0, self.x1 = page.x0s[a], max(page.x1s[a:b])
        # each run's value stands for all its characters
        self.top, self.bottom = min(page.tops[i:j]), max(page.bottoms[i:j])
        self.size = max(page.sizes[i:j])
        # The line's typeface is that of its CJK characters (counted per run on the page, page.cjk).
        fonts, cjk = page.fonts[i:j], page.cjk[i:j]
        if fonts.count(fonts[0]) == len(fonts):
            self.font = fonts[0] if any(cjk) else None  # one font: it is the CJK characters'
            return self
        # Several fonts: each run's CJK characters are in its font, and the runs stand in x order as their
        # characters do: the counts and first-met order are the characters'.
        counted: dict[str, int] = {}
        for font, k in zip(fonts, cjk):
            if k:
                counted[font] = counted.get(font, 0) + k
        self.font = max(counted, key=counted.__getitem__) if counted else None  # max: the first met among equals
        return self

    @property
    def chars(self) -> Columns | None:
        """The line's characters as Columns, in x order (a line read in runs spreads their values now)."""
        if self._runs is not None:
            self._chars, self._runs = self._runs[0].columns(*self._runs[1:]), None
        return self._chars

    @chars.setter
    def chars(self, cols: Columns | None) -> None:
        self._chars, self._runs = cols, None

    def smallest(self) -> float:
        """The smallest size among the characters."""
        if self._runs is not None:
            page, i, j = self._runs
            return min(page.sizes[i:j])
        return min(self._chars[5])

    def page_bound(self) -> tuple[float, float] | None:
        """A line read in runs: its page's widest gap and smallest size (_PageRuns.bound); else None."""
        return self._runs[0].bound() if self._runs is not None else None

    def widest_gap(self) -> float | None:
        """The widest gap from one character's x1 to the next one's x0, in x order (None under two characters)."""
        if self._runs is not None:
            page, i, j = self._runs
            a, b = page.bounds[i], page.bounds[j]
            return max(page.gaps()[a:b - 1]) if b - a > 1 else None
        _, x0s, x1s = self._chars[:3]
        return max(map(sub, x0s[1:], x1s[:-1])) if len(x0s) > 1 else None


class _PageRuns:
    """A pdfium page's characters and runs in sorted order (see _run_lines), which its lines read from.

    texts (a string, or a list of one-character strings), x0s, x1s: the characters'; bounds: where each run begins,
    and the end; tops, bottoms, sizes, fonts: each run's; cjk: each run's number of CJK characters.
    """

    __slots__ = ("texts", "x0s", "x1s", "bounds", "tops", "bottoms", "sizes", "fonts", "cjk", "_gaps", "_bound")

    def __init__(self, texts, x0s, x1s, bounds, tops, bottoms, sizes, fonts, cjk):
        self.texts, self.x0s, self.x1s, self.bounds = texts, x0s, x1s, bounds
        self.tops, self.bottoms, self.sizes, self.fonts, self.cjk = tops, bottoms, sizes, fonts, cjk
        self._gaps = self._bound = None

    def bound(self) -> tuple[float, float]:
        """The widest gap between neighbouring characters on the page (line ends included) and the smallest size:
        no line of the page has a wider gap or a smaller size."""
        if self._bound is None:
            self._bound = (max(self.gaps(), default=-math.inf), min(self.sizes))
        return self._bound

    def gaps(self) -> list[float]:
        """From each character's x1 to the next one's x0 (found once for the page's lines)."""
        if self._gaps is None:
            self._gaps = list(map(sub, self.x0s[1:], self.x1s[:-1]))
        return self._gaps

    def columns(self, i: int, j: int) -> Columns:
        """The characters of runs i to j as Columns: text, x0 and x1 as they are, the runs' values spread."""
        bounds = self.bounds
        a, b = bounds[i], bounds[j]
        lengths = list(map(sub, bounds[i + 1:j + 1], bounds[i:j]))
        return (list(self.texts[a:b]), self.x0s[a:b], self.x1s[a:b],
                *(spread(column[i:j], lengths) for column in (self.tops, self.bottoms, self.sizes, self.fonts)))


def _spaced_at(joined: str, at: list[int]) -> str:
    """A line's text with a space put in before each position in at."""
    if at:
        joined = " ".join(joined[a:b] for a, b in zip([0, *at], [*at, len(joined)]))
    return joined.strip()


def _usual_gap(x0s: list[float], x1s: list[float]) -> float:
    """A line's median gap between neighbouring characters (0 when negative or the line has one character)."""
    gaps = sorted(map(sub, x0s[1:], x1s[:-1]))
    return max(0.0, gaps[len(gaps) // 2]) if gaps else 0.0


def _spaced(texts: list[str], x0s: list[float], x1s: list[float], sizes: list[float]) -> str:
    """A line's text from its characters in x order, a space put in where two ASCII letters or digits stand
    further apart than the line's usual gap by a quarter of the font size, blank characters not doubled."""
    # Justified and letter-spaced lines widen every gap; a word space is wider than the line's usual gap.
    usual = _usual_gap(x0s, x1s)
    out: list[str] = []
    prev_t, prev_x1 = None, 0.0
    match = _ASCII_ALNUM.match
    for t, x0, x1, size in zip(texts, x0s, x1s, sizes):
        # Only a gap between two Latin letters/digits is a word space. Gaps at a CJK boundary
        # are justification or "auto-space between Chinese and numbers" and carry no meaning.
        if prev_t is not None and x0 - prev_x1 - usual > 0.25 * size and match(t) and match(prev_t):
            out.append(" ")
        if t.strip() or (out and out[-1] != " "):
            out.append(t)
        prev_t, prev_x1 = t, x1
    return "".join(out).strip()


def _lines(chars: list[dict]) -> list[_Line]:
    """Group characters (pdfplumber dicts) into visual lines by their vertical position."""
    return _column_lines(_columns(chars))


def _column_lines(cols: Columns) -> list[_Line]:
    """Group characters (Columns) into visual lines by their vertical position."""
    texts, x0s, x1s, tops, bottoms, sizes, fonts = cols
    if not texts:
        return []
    # Sorted by (rounded top, x0), ties in page order (the index), as a stable sort by that key would.
    order = list(map(itemgetter(2), sorted(zip(map(round, tops), x0s, range(len(texts))))))
    cols = tuple(list(map(col.__getitem__, order)) for col in cols)
    starts = _line_starts(cols[3], cols[4], cols[5])
    lines = [_Line(tuple(col[a:b] for col in cols)) for a, b in zip(starts, [*starts[1:], len(texts)])]
    return [ln for ln in lines if ln.text]


def _line_starts(tops: list[float], bottoms: list[float], sizes: list[float]) -> list[int]:
    """Where the lines begin among characters (or runs) sorted by rounded top and x0."""
    mids = list(map(truediv, map(add, tops, bottoms), repeat(2)))
    # Chars of one line share a baseline within half a glyph (digits and CJK differ a little): a character
    # joins the line whose first character's middle is that close, else starts the next line. One with the
    # middle and size of the character before it goes where that one went, so only the others are tested.
    starts, mid = [0], mids[0]
    moved = map(or_, map(ne, mids[1:], mids[:-1]), map(ne, sizes[1:], sizes[:-1]))  # no tuple per character
    for k in compress(range(1, len(mids)), moved):
        if not abs(mids[k] - mid) <= 0.5 * max(sizes[k], 1):
            starts.append(k)
            mid = mids[k]
    return starts


def _pdfium_lines(page) -> list[_Line]:
    """A pdfium page's (pdf_chars.PdfiumPage) lines: run by run where it can, else character by character."""
    lines = _run_lines(page.runs[:3], page.runs[3:7], page.bounds) if page.bounds is not None else None
    return _column_lines(page.columns) if lines is None else lines


def _run_lines(chars: tuple[list, list, list], runs: tuple[list, list, list, list],
               bounds: list[int]) -> list[_Line] | None:
    """_column_lines' lines found from runs of characters rather than characters; None when two runs of one
    rounded top overlap in x (their characters interleave in the sort: the characters are sorted one by one).

    chars: the characters' text (a string, or a list of one-character strings), x0 and x1; runs: each run's top,
    bottom, size and font; bounds: where the runs begin, and the end. A run's characters share top, bottom, size and font and advance left to right by more
    than a point (pdf_chars gives such runs). The characters' sort key (rounded top, x0, index) then grows along a
    run, so the runs sorted by their first character's key, none reaching past the next one's start, are the
    characters sorted; and only a run's first character can start a line.
    """
    texts, x0s, x1s = chars
    if not texts:
        return []
    firsts = bounds[:-1]
    rounded = list(map(round, runs[0]))
    # A run's characters advance left to right, so a line is in x order when each of its runs starts at or right
    # of where the one before it ended (then no character needs sorting); after[k]: run k + 1 does.
    after = _after(x0s, firsts)
    # Runs in page order are already sorted, none overlapping the next, when each stands on a later rounded top
    # than the one before or on the same one and after it (the usual page: no sort and no key per run).
    if not (all(map(le, rounded, rounded[1:])) and all(map(or_, map(lt, rounded, rounded[1:]), after))):
        keys = sorted(zip(rounded, map(x0s.__getitem__, firsts), firsts, bounds[1:], range(len(firsts))))
        for (top, _, _, end, _), (top2, x2, first2, _, _) in zip(keys, keys[1:]):
            if top == top2 and (x0s[end - 1], end - 1) >= (x2, first2):
                return None
        if [k[2] for k in keys] != firsts:  # runs out of page order: the characters follow their runs
            at = list(chain.from_iterable(range(a, b) for _, _, a, b, _ in keys))
            texts, x0s, x1s = (list(map(col.__getitem__, at)) for col in chars)
            runs = tuple(list(map(col.__getitem__, [k[4] for k in keys])) for col in runs)
            firsts = list(accumulate([b - a for _, _, a, b, _ in keys][:-1], initial=0))
            bounds = [*firsts, len(at)]
            after = _after(x0s, firsts)
    tops, bottoms, sizes, fonts = runs
    starts = _line_starts(tops, bottoms, sizes)
    # The page's text (one character each), its blanks and the places where two ASCII letters or digits meet, found
    # once rather than line by line: a line's are those inside it (a pair's first character inside it too).
    joined = texts if isinstance(texts, str) else "".join(texts)
    blanks = list(map(_START, _BLANK.finditer(joined)))
    pairs = list(map(_START, _ALNUM_PAIR.finditer(joined)))
    # Each run's number of CJK characters (a line's typeface is that of its CJK characters, see _Line): its
    # length less the characters below U+2E80 in it, which are few (digits, Latin), found once on the page.
    other = list(map(_START, _BELOW_CJK.finditer(joined)))
    below = list(map(bisect_left, repeat(other), bounds))
    cjk = list(map(sub, map(sub, bounds[1:], bounds[:-1]), map(sub, below[1:], below[:-1])))
    page = _PageRuns(texts, x0s, x1s, bounds, tops, bottoms, sizes, fonts, cjk)
    lines = []
    for i, j in zip(starts, [*starts[1:], len(firsts)]):
        if not all(after[i:j - 1]):  # its characters sorted one by one
            lines.append(_Line(page.columns(i, j)))
            continue
        a, b = bounds[i], bounds[j]
        text = None if bisect_left(blanks, b) > bisect_left(blanks, a) else \
            (joined[a:b], [p - a for p in pairs[bisect_right(pairs, a):bisect_left(pairs, b)]])
        lines.append(_Line.from_runs(page, i, j, text))
    return [ln for ln in lines if ln.text]


def _after(x0s: list[float], firsts: list[int]) -> list[bool]:
    """Whether each run after the first starts at or right of the last character of the run before it."""
    return list(map(le, map(x0s.__getitem__, map(sub, firsts[1:], repeat(1))), map(x0s.__getitem__, firsts[1:])))


def _inside(c: dict, boxes: list[tuple]) -> bool:
    x, y = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    return any(b[0] - 1 <= x <= b[2] + 1 and b[1] - 1 <= y <= b[3] + 1 for b in boxes)


def _signature(text: str) -> str:
    """A running header/footer's identity across pages: digits (page numbers, dates) blanked."""
    return lazyre.compile(r"\d+").sub("#", lazyre.compile(r"\s+").sub("", text))


def _decode_info(value) -> str | None:
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    v = resolve1(value)
    if isinstance(v, bytes):
        if v[:2] in (b"\xfe\xff", b"\xff\xfe"):
            return v.decode("utf-16", errors="replace").strip("\x00 ")
        return decode_text(v).strip()
    return str(v).strip() if v is not None else None


def _damaged(path: Path, data: bytes, detail: str) -> InputError:
    """TRUNCATED when the unreadable PDF lost its end (no %%EOF near the end), else CORRUPT_PDF."""
    if b"%%EOF" not in data[-2048:]:
        return InputError("TRUNCATED", f"{path.name}: the PDF is cut short (no end-of-file marker) and its "
                          f"structure cannot be read ({detail})")
    return InputError("CORRUPT_PDF", f"{path.name}: the PDF structure cannot be read ({detail})")


def _open(path: Path, data: bytes):
    import logging

    import pdfplumber

    # pdfminer logs every recoverable oddity (missing FontBBox, zlib data loss) at WARNING on stderr;
    # what matters reaches the record as an issue code instead.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as e:
        inner = e.args[0] if e.args else e
        if isinstance(inner, PDFPasswordIncorrect) or "password" in str(inner).lower():
            raise InputError("ENCRYPTED", f"{path.name}: the PDF needs a password to open (user-password "
                             "encryption); ask the publisher for an unprotected copy") from e
        if "encrypt" in type(inner).__name__.lower() or "crypt" in str(inner).lower():
            raise InputError("ENCRYPTED", f"{path.name}: the PDF uses an encryption this reader cannot open "
                             f"({inner})") from e
        raise _damaged(path, data, f"{type(inner).__name__}: {inner}") from e
    except Exception as e:  # pdfminer raises bare errors (struct/zlib/PSEOF) on damaged files
        raise _damaged(path, data, f"{type(e).__name__}: {e}") from e
    return pdf


def _page_count(pdf) -> int | None:
    from pdfminer.pdftypes import resolve1

    try:
        n = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
        return int(n)
    except Exception:  # a damaged page tree: fall back to the pages actually found
        return None


class _PageText:
    """What one page contributed: its lines (text outside tables) and table blocks."""

    def __init__(self, page_no: int, height: float, width: float, lines: list[_Line], tables: list[Block],
                 ocr: bool = False):
        self.page_no, self.height, self.width = page_no, height, width
        self.lines, self.tables, self.ocr = lines, tables, ocr
        self.unmapped = False  # the page has text, but in fonts without a Unicode map
        self.scanned = False  # the page is an image with only a stamped scrap of text


def _dedupe(page):
    """The page without overprinted duplicate characters (bold faked by printing a glyph twice).

    Same rule as pdfplumber's page.dedupe_chars(): same text, font and size, x0 and top within 1 pt.
    Chars are indexed by (text, rounded top) instead of sorted and clustered, which cost a fifth of the
    page read.
    """
    keep = _dedupe_chars(page.chars)
    if len(keep) == len(page.chars):
        return page, keep
    ids = {id(c) for c in keep}
    return page.filter(lambda o: o.get("object_type") != "char" or id(o) in ids), keep


def _dedupe_chars(chars: list[dict]) -> list[dict]:
    """The characters without overprinted duplicates (see _dedupe)."""
    index: dict[str, dict[int, list[dict]]] = {}  # text -> rounded top -> characters kept
    keep: list[dict] = []
    for c in chars:
        text, top, x0 = c["text"], c["top"], c["x0"]
        by = round(top)
        rows = index.get(text)
        if rows is None:
            index[text] = {by: [c]}
            keep.append(c)
            continue
        dup = False
        for dy in (-1, 0, 1):
            for o in rows.get(by + dy, ()):
                if (abs(o["x0"] - x0) <= 1 and abs(o["top"] - top) <= 1 and o["fontname"] == c["fontname"]
                        and o["size"] == c["size"]):
                    dup = True
                    break
            if dup:
                break
        if dup:
            continue
        rows.setdefault(by, []).append(c)
        keep.append(c)
    return keep


# Fewer characters than this on a page mostly covered by an image means a scan with a stamped text layer.
SCAN_MAX_CHARS = 40


def _image_share(page) -> float:
    """Share of the page area covered by its largest image."""
    area = float(page.width) * float(page.height) or 1.0
    best = 0.0
    for im in page.images:
        w = max(0.0, min(im["x1"], page.width) - max(im["x0"], 0))
        h = max(0.0, min(im["bottom"], page.height) - max(im["top"], 0))
        best = max(best, w * h)
    return best / area


def _read_page(page, page_no: int) -> _PageText:
    from .pdf_tables import page_tables

    page, all_chars = _dedupe(page)
    # Fonts without a Unicode map come out as "(cid:123)": such a text layer is unusable, like none.
    unmapped = sum(1 for c in all_chars if c["text"].startswith("(cid:"))
    if all_chars and unmapped > 0.3 * len(all_chars):
        pt = _PageText(page_no, float(page.height), float(page.width), [], [])
        pt.unmapped = True
        return pt
    if len(all_chars) < SCAN_MAX_CHARS and _image_share(page) > 0.5:
        # A scanned page with a stamped text layer (page number, archive stamp): the words are in the image.
        pt = _PageText(page_no, float(page.height), float(page.width), [], [])
        pt.scanned = True
        return pt
    tables = page_tables(page, page_no)
    boxes = [t.prov.bbox for t in tables if t.prov.bbox]
    chars = [c for c in all_chars if not boxes or not _inside(c, boxes)]
    return _text_page(chars, page_no, float(page.height), float(page.width), tables)


def _text_page(chars, page_no: int, height: float, width: float, tables: list[Block]) -> _PageText:
    """The page's lines from characters: pdfplumber's dicts, Columns or a pdf_chars.PdfiumPage."""
    lines = _column_lines(chars) if isinstance(chars, tuple) else _lines(chars) if isinstance(chars, list) \
        else _pdfium_lines(chars)
    for ln in lines:
        ln.page = page_no
    return _PageText(page_no, height, width, lines, tables)


def _fonts_without_unicode_map(page) -> bool:
    """Whether a font of the page has no ToUnicode map.

    In encrypted files pdfminer reads such fonts' text as (cid:N) where pdfium decodes it (predefined CMaps):
    pdfplumber reads the page, so the record (no usable text layer, OCR) stays as it was.
    """
    from pdfminer.pdftypes import resolve1

    fonts = resolve1((page.page_obj.resources or {}).get("Font")) or {}
    return any("ToUnicode" not in (resolve1(f) or {}) for f in fonts.values())


def _names_xobjects(resources) -> bool:
    """Whether a page's resources name an XObject (a form among them draws objects that are not the page's own)."""
    from pdfminer.pdftypes import resolve1

    try:
        return bool(resolve1(resources.get("XObject")))
    except Exception:  # resources that are no dictionary: counted as naming some
        return True


def _pdfium_page(fast, page, page_no: int) -> _PageText | None:
    """The page read from pdfium's characters and paths, or None when pdfplumber must read it (see pdf_chars).

    Ruled tables come from pdfplumber's table finder run on edges rebuilt from pdfium's paths (pdf_grid);
    unruled tables from pdfplumber's words of pdfium's characters, on pages where a line has a column gap.
    """
    from .pdf_fonts import page_fonts
    from .pdf_grid import GridPage
    from .pdf_tables import page_tables

    height, width = float(page.height), float(page.width)
    if page.pdf.doc.encryption and _fonts_without_unicode_map(page):
        return None
    try:
        resources = page.page_obj.resources
        got = fast.page(page_no, height, width, page_fonts(resources, fast.fonts), float(page.initial_doctop),
                        _names_xobjects(resources))
    except Exception:  # pdfium cannot read this page: pdfplumber reads it and reports what is wrong
        return None
    if got is None:
        return None
    if got.distinct and not got.edges:
        pt = _text_page(got, page_no, height, width, [])
        if not may_hold_columns(pt.lines):
            return pt  # no rules, no column gaps, no overprints: no table (the prose pages' fast path)
    chars = got.chars() if got.distinct else _dedupe_chars(got.chars())
    if not got.edges and not got.distinct:
        pt = _text_page(chars, page_no, height, width, [])
        if not may_hold_columns(pt.lines):
            return pt  # no rules and no column gaps: no table
    tables = page_tables(GridPage(chars, got.edges, (0.0, 0.0, width, height)), page_no)
    boxes = [t.prov.bbox for t in tables if t.prov.bbox]
    return _text_page([c for c in chars if not boxes or not _inside(c, boxes)], page_no, height, width, tables)


def _ocr_lines(path: Path, page_no: int, height: float, width: float, options: dict | None = None,
               engines: dict | None = None) -> _PageText:
    from .ocr import page_hook, render_image

    page_hook()
    image, dpi = render_image(path, page_no)
    return ocr_text(image, dpi, page_no, height, width, f"{path.name} page {page_no}", options, engines)


def ocr_text(image, dpi: float, page_no: int, height: float, width: float, label: str, options: dict | None = None,
             engines: dict | None = None, offset: tuple[float, float] = (0.0, 0.0)) -> _PageText:
    """The _PageText of a page image read by OCR (grids as tables, the rest as lines); offset places the
    image on the page in points. engines collects the engine version per region kind."""
    from .ocr_page import read_image

    got = read_image(image, dpi, page_no, label, (options or {}).get("ocr_engine"))
    if engines is not None:
        for kind, version in got.engines.items():
            engines.setdefault(kind, version)
    dx, dy = offset
    if dx or dy:
        for t in got.tables:
            t.prov.bbox = _shift(t.prov.bbox, dx, dy)
            t.cell_boxes = [[(b[0], *_shift(b[1:], dx, dy)) if b else None for b in row] for row in t.cell_boxes or []]
    # Shortness of an OCR line: its right end against the page's usual right margin (90th percentile),
    # measured from the usual left margin, or its length against the page's usual full line (80th
    # percentile of characters), whichever is less. A line under 75 % ends a paragraph. Geometry alone
    # merged a heading set in a wider bold face, whose numeral OCR misread (四、 → \、), into the next line.
    xs0 = sorted(b.x0 for b in got.lines)
    xs1 = sorted(b.x1 for b in got.lines)
    left = xs0[len(xs0) // 10] if xs0 else 0.0
    right = xs1[int(len(xs1) * 0.9)] if xs1 else 1.0
    lengths = sorted(len(b.text) for b in got.lines)
    full = max(1, lengths[int(len(lengths) * 0.8)] if lengths else 1)
    # A line starting 1.5 characters in from the left margin is a paragraph's indented first line (or a centred
    # title, or a signature), as on a text layer; a character's width is the median pitch of the longer lines (a line
    # box is taller than a character is wide: its height put the two-character indent of a scanned 16 pt page just
    # under the bar).
    pitches = sorted((b.x1 - b.x0) / len(b.text) for b in got.lines if len(b.text) >= 10)
    em = pitches[len(pitches) // 2] if pitches else 0.0
    lines = []
    version = got.engines.get("prose")
    for b in got.lines:
        ln = _Line.__new__(_Line)
        ln.text, ln.x0, ln.x1, ln.top, ln.bottom = b.text, b.x0 + dx, b.x1 + dx, b.top + dy, b.bottom + dy
        ln.size, ln.font, ln.engine = 0.0, None, version
        ln.chars, ln.page = None, page_no  # the engine gives line boxes, not character positions
        ln.fill = min((b.x1 - left) / max(right - left, 1.0), len(b.text) / full)
        ln.indented = em > 0 and b.x0 > left + 1.5 * em
        lines.append(ln)
    return _PageText(page_no, height, width, lines, got.tables, ocr=True)


def _shift(box: tuple | None, dx: float, dy: float) -> tuple | None:
    return None if box is None else (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)


def _glyphs(lines: list[_Line]) -> list[tuple[str, int, float, float, float, float]]:
    """The characters of a block's lines in the order of its raw text, with page and box."""
    out: list[tuple[str, int, float, float, float, float]] = []
    for ln in lines:
        if ln.chars:
            texts, x0s, x1s, tops, bottoms = ln.chars[:5]
            if ln.bare:
                out.extend(zip(texts, repeat(ln.page), x0s, tops, x1s, bottoms))
                continue
            out.extend(compress(zip(texts, repeat(ln.page), map(float, x0s), map(float, tops), map(float, x1s),
                                    map(float, bottoms)), map(str.strip, texts)))
    return out


def _line_glyphs(lines: list[_Line]) -> list[tuple[str, int, float, float, float, float]]:
    """An OCR'd block's characters, each with its line's box: the engine gives lines, not characters, so a value
    is boxed by the line (or lines) it is on, never by a guessed position inside one."""
    return [(ch, ln.page, float(ln.x0), float(ln.top), float(ln.x1), float(ln.bottom))
            for ln in lines for ch in ln.text if ch.strip()]


def _running_lines(pages: list[_PageText]) -> set[tuple[int, int]]:
    """(page, line) positions of page numbers and headers/footers repeated on several pages."""
    marks: set[tuple[int, int]] = set()
    seen: Counter[str] = Counter()
    band: list[tuple[int, int, str]] = []
    sizes = sorted(ln.size for p in pages if not p.ocr for ln in p.lines)
    body_size = sizes[len(sizes) // 2] if sizes else 0.0
    for p in pages:
        if p.ocr:
            continue
        for i, ln in enumerate(p.lines):
            if ln.size > body_size + 1.5:
                continue  # running headers are set small; a large line near the top is the title itself
            in_band = ln.bottom < p.height * MARGIN_BAND * 1.2 or ln.top > p.height * (1 - MARGIN_BAND)
            first_or_last = i in (0, len(p.lines) - 1)
            compact = ln.text.replace(" ", "")
            if _PAGE_NUMBER.match(compact) or ((in_band or first_or_last) and _BARE_NUMBER.match(compact)):
                marks.add((p.page_no, i))
            elif in_band:
                band.append((p.page_no, i, _signature(ln.text)))
    for _, _, sig in band:
        seen[sig] += 1
    threshold = 2 if len(pages) <= 3 else max(2, len(pages) // 2)
    for page_no, i, sig in band:
        if seen[sig] >= threshold:
            marks.add((page_no, i))
    return marks


_NUMERAL_LEVELS = [(lazyre.compile(r"^[一二三四五六七八九十]+[、.．]"), 1), (lazyre.compile(r"^[（(][一二三四五六七八九十]+[)）]"), 2)]


def _typeface_heading(line: _Line, body_font: str | None) -> int | None:
    """Level of a one-line paragraph that is a numbered title set in a typeface other than the body's."""
    if body_font is None or line.font in (None, body_font) or len(line.text) > 30 or "。" in line.text[:-1]:
        return None
    for pattern, level in _NUMERAL_LEVELS:
        if pattern.match(line.text):
            return level
    return None


def _right_margin(body: list[_Line], left: float) -> float:
    """Where the body's full lines end: the 90th percentile of the line ends, counting only lines at least half as
    wide as the widest (a page of short lines, list items or one-cell-per-line tables, would put it mid-page,
    and every short line before a paragraph that opens flush left would then run on into it)."""
    if not body:
        return 0
    widest = max(ln.x1 for ln in body)
    rights = sorted(ln.x1 for ln in body if ln.x1 >= left + 0.5 * (widest - left))
    return rights[int(len(rights) * 0.9)]


def _indent_styled(pages: list[_PageText], marks: set[tuple[int, int]], left: float, right: float) -> bool:
    """Whether the document opens its paragraphs with a first-line indent: at least two lines start about two
    characters in, and (nearly) no line after a paragraph's short last line (one ending in 。；！？) starts flush
    left unless it opens a numbered heading."""
    indented = flush = 0
    for p in pages:
        if p.ocr:
            continue
        lines = [ln for i, ln in enumerate(p.lines) if (p.page_no, i) not in marks]
        indented += sum(left + 1.5 * ln.size < ln.x0 < left + 3 * ln.size for ln in lines)
        for ln, nxt in zip(lines, lines[1:]):
            if ln.text.endswith(_ENDS_PARAGRAPH) and ln.x1 < right - 2 * ln.size \
                    and nxt.x0 <= left + 1.5 * nxt.size and not _OPENS_PARAGRAPH.match(nxt.text):
                flush += 1
    return indented >= 2 and flush <= 0.1 * indented


def _paragraphs(pages: list[_PageText], marks: set[tuple[int, int]]) -> list[Block]:
    """Blocks in reading order: tables by position, lines re-joined into paragraphs, headers/footers kept."""
    blocks: list[Block] = []
    body = [ln for p in pages for i, ln in enumerate(p.lines) if (p.page_no, i) not in marks and not p.ocr]
    # Margins of the body text: most lines start at the left margin and run to the right one.
    lefts = Counter(round(ln.x0) for ln in body)
    left = lefts.most_common(1)[0][0] if lefts else 0
    right = _right_margin(body, left)
    indented = _indent_styled(pages, marks, left, right)
    # Lines in a larger font than the body (the title, printed over one or two centred lines) form
    # one heading block of their own.
    sizes: Counter[int] = Counter()
    for ln in body:
        sizes[round(ln.size)] += len(ln.text)  # weighted by characters: a two-line title must not win
    body_size = sizes.most_common(1)[0][0] if sizes else 0
    # Heading levels by font size: the largest heading size is level 1 (the title before any body
    # text is level 0), the next size level 2, and so on.
    heading_sizes = sorted({round(ln.size) for ln in body if ln.size > body_size + 1.5}, reverse=True)
    # Headings at body size are set in another typeface (黑体/楷体/Bold against 仿宋/宋体 body text).
    fonts: Counter[str] = Counter()
    for ln in body:
        if ln.font:
            fonts[ln.font] += len(ln.text)
    body_font = fonts.most_common(1)[0][0] if fonts else None
    current: list[_Line] = []
    cur_page = None
    index = 0
    seen_body = False

    def _level(size: float) -> int:
        rest = [h for h in heading_sizes if h != round(title_size)] if title_size else heading_sizes
        return rest.index(round(size)) + 1 if round(size) in rest else 1

    title_size = 0.0

    def flush():
        nonlocal current, index
        nonlocal seen_body, title_size
        if current:
            raw = "\n".join(ln.text for ln in current)
            big = not cur_ocr and current[0].size > body_size + 1.5
            if big and not seen_body:
                title_size = current[0].size
            seen_body = seen_body or not big
            level = (0 if not seen_body else _level(current[0].size)) if big else None
            if not big and not cur_ocr and len(current) == 1:
                level = _typeface_heading(current[0], body_font)
            blocks.append(Block(kind=HEADING if big or level else PARAGRAPH, text=raw, raw=raw, level=level,
                                prov=Provenance(page=cur_page, index=index, ocr=cur_ocr,
                                                ocr_engine=current[0].engine if cur_ocr else None,
                                                bbox=(min(x.x0 for x in current), current[0].top,
                                                      max(x.x1 for x in current), current[-1].bottom)),
                                glyphs=_line_glyphs(current) if cur_ocr else Deferred(partial(_glyphs, current))))
            index += 1
        current = []
        blocks.extend(pending)
        pending.clear()

    held: float | None = None  # gap to the right margin left by a short line whose paragraph may go on
    # Headers and footers met while a paragraph is still open (it continues on the next page) are
    # placed after that paragraph, so the blocks stay in reading order.
    pending: list[Block] = []
    cur_ocr = False
    for p in pages:
        items: list[tuple[float, int, object]] = []
        for i, ln in enumerate(p.lines):
            items.append((ln.top, 0, (i, ln)))
        for t in p.tables:
            items.append((t.prov.bbox[1] if t.prov.bbox else 0.0, 1, t))
        items.sort(key=lambda x: (x[0], x[1]))
        for _, kind, item in items:
            if kind == 1:
                flush()
                item.prov.index = index
                index += 1
                blocks.append(item)
                continue
            i, ln = item
            if (p.page_no, i) in marks:
                kind_hf = HEADER if ln.top < p.height / 2 else FOOTER
                (pending if current else blocks).append(Block(
                    kind=kind_hf, text=ln.text, raw=ln.text,
                    prov=Provenance(page=p.page_no, index=index, bbox=(ln.x0, ln.top, ln.x1, ln.bottom))))
                continue
            big = ln.size > body_size + 1.5
            starts = bool(_OPENS_PARAGRAPH.match(ln.text)) or (
                not p.ocr and not big and ln.x0 > left + 1.5 * ln.size) or (  # first-line indent of Chinese paragraphs
                p.ocr and ln.indented)
            if held is not None:
                # The previous line stopped short. That ends its paragraph unless this line opens with a
                # number or Latin word too wide for the gap: typesetters never split `3,280`, so they wrap it.
                token = _LEADING_TOKEN.match(ln.text)
                wraps = token is not None and 0.6 * ln.size * len(token.group()) + ln.size >= held and not starts
                kept = _KEPT_WITH_CLOSING.match(ln.text)
                wraps = wraps or (kept is not None and not starts and held <= (len(kept.group()) + 1) * ln.size)
                if not wraps:
                    flush()
            held = None
            if p.ocr != cur_ocr:
                flush()
                cur_ocr = p.ocr
            if current and (starts or abs(ln.size - current[-1].size) > 1.5):
                flush()
            if not current:
                cur_page = p.page_no
            current.append(ln)
            if p.ocr:
                short = ln.fill < 0.75
            else:
                short = ln.x1 < right - 2 * ln.size and ln.size <= body_size + 1.5
            # OCR lines have no geometry: a short numbered line without punctuation is a heading.
            ocr_heading = p.ocr and len(ln.text) <= 30 and bool(_OPENS_PARAGRAPH.match(ln.text)) and not any(
                x in ln.text for x in "。，,；;")
            # (a full line of a document whose paragraphs open indented goes on however it ends: the sentence only
            # happened to stop at the margin, and the next line says whether a paragraph starts)
            if ln.text.endswith(_ENDS_PARAGRAPH) and not (indented and not short and not p.ocr) \
                    or ocr_heading or (short and p.ocr):
                flush()
            elif short:
                held = right - ln.x1  # whether the paragraph ends is decided by the next line (see above)
    flush()
    return blocks


# Per-page bounds. pdfplumber keeps a page's decoded content stream and builds a Python dict (~1.5 KB)
# per character and graphic object, so one crafted page could take minutes and gigabytes: a page whose
# content stream inflates past MAX_PAGE_CONTENT, or which holds more than MAX_PAGE_OBJECTS objects or
# characters, is skipped with PAGES_TRUNCATED and the other pages are read. A dense real page holds
# ~5,000 characters and a few hundred KB of content; a vector map a few MB.
MAX_PAGE_CONTENT = 64 * 1024 * 1024
MAX_PAGE_OBJECTS = 100_000
# Below this much content a page cannot draw MAX_PAGE_OBJECTS objects (each takes several bytes), so
# pdfium is asked to count only above it: normal pages pay nothing.
COUNT_ABOVE = 64 * 1024


def _inflated_size(stream, bound: int) -> int:
    """Decoded size of a content stream, inflating in 1 MB steps and stopping past bound (no big buffer)."""
    import zlib

    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, resolve1

    stream = resolve1(stream)
    if getattr(stream, "data", None) is not None:
        return len(stream.data)
    raw = getattr(stream, "rawdata", None) or b""
    filters = [f for f, _ in stream.get_filters()] if hasattr(stream, "get_filters") else []
    if not filters or filters[0] not in LITERALS_FLATE_DECODE:
        return len(raw)  # unfiltered, or a rare filter: its raw size is the estimate
    d = zlib.decompressobj()
    total, tail = 0, raw
    try:
        while tail and total <= bound:
            out = d.decompress(tail, 1024 * 1024)
            total += len(out)
            tail = d.unconsumed_tail
            if not out:
                break
    except zlib.error:  # damaged or encrypted (deciphered later by pdfminer): judged by its raw size
        return max(total, len(raw))
    return total


class _PageGuard:
    """Decides, before pdfplumber parses a page, whether the page is too big to read."""

    def __init__(self, path: Path, data: bytes, document=None):
        self.path, self.data = path, data
        # pdfium's copy of the document: the text path's when it has one (parsed once), else opened on the
        # first page that needs counting and closed here
        self._pdfium, self._own = document, document is None

    def why_skip(self, obj, page_no: int) -> str | None:
        """Why the page must be skipped (a sentence), or None to read it."""
        size = sum(_inflated_size(s, MAX_PAGE_CONTENT) for s in obj.contents)
        if size > MAX_PAGE_CONTENT:
            return f"its content stream inflates past {MAX_PAGE_CONTENT // (1024 * 1024)} MB"
        if size > COUNT_ABOVE:
            n = self._count(page_no)
            if n > MAX_PAGE_OBJECTS:
                return f"it draws {n:,} objects or characters (the limit is {MAX_PAGE_OBJECTS:,})"
        return None

    def _count(self, page_no: int) -> int:
        """Page objects or characters on the page, whichever is more (pdfium, in C, without Python objects)."""
        import pypdfium2 as pdfium
        import pypdfium2.raw as pdfium_c

        try:
            if self._pdfium is None:
                self._pdfium = pdfium.PdfDocument(self.data)
            page = self._pdfium[page_no - 1]
        except (pdfium.PdfiumError, IndexError):
            return 0  # pdfium cannot tell: pdfplumber reads the page as before
        try:
            objects = pdfium_c.FPDFPage_CountObjects(page.raw)
            if objects > MAX_PAGE_OBJECTS:
                return objects
            text = page.get_textpage()
            try:
                return max(objects, text.count_chars())
            finally:
                text.close()
        finally:
            page.close()

    def close(self) -> None:
        """Release pdfium's copy of the document when the guard opened it."""
        if self._pdfium is not None and self._own:
            self._pdfium.close()


def _iter_pages(path: Path, pdf, max_pages: int, doc: Document, guard: _PageGuard | None = None):
    """pdfplumber Pages one at a time, stopping at max_pages or where a damaged page tree breaks off."""
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    doctop = 0.0
    gen = PDFPage.create_pages(pdf.doc)
    for page_no in range(1, max_pages + 1):
        try:
            obj = next(gen)
            why = guard.why_skip(obj, page_no) if guard else None
            if why:
                doc.issues.append({"code": "PAGES_TRUNCATED", "page": page_no,
                                   "message": f"{path.name}: page {page_no} was not read: {why}"})
                continue
            page = Page(pdf, obj, page_number=page_no, initial_doctop=doctop)
        except StopIteration:
            return
        except Exception as e:  # pdfminer raises bare parser errors on a damaged page tree
            if page_no == 1:
                raise InputError("CORRUPT_PDF", f"{path.name}: the PDF page tree cannot be read "
                                 f"({type(e).__name__}: {e})") from e
            doc.issues.append({"code": "READER_WARNING", "page": page_no,
                               "message": f"{path.name}: the page tree breaks off at page {page_no} "
                               f"({type(e).__name__}: {e}); pages before it were read"})
            return
        doctop += float(page.height)
        yield page


def _unread_page_issue(path: Path, page_no: int, what: str, e: InputError) -> dict:
    """The issue of a page without text that OCR could not read: CORRUPT_PDF or NO_TEXT_LAYER with the fix."""
    if e.code == "CORRUPT_PDF":  # pdfium cannot load the page: the file is damaged, installing won't help
        return {"code": "CORRUPT_PDF", "page": page_no,
                "message": f"{path.name}: page {page_no} has {what} and cannot be rendered for OCR ({e.message})"}
    # A missing Python package (numpy) names its own `pip install`; otherwise tesseract is what is missing.
    hint = "" if "pip install" in e.message else "; install Debian packages tesseract-ocr and tesseract-ocr-chi-sim"
    return {"code": "NO_TEXT_LAYER", "page": page_no,
            "message": f"{path.name}: page {page_no} has {what} and OCR is unavailable ({e.message}){hint}"}


def read(path: Path, data: bytes, options: dict) -> Document:
    """Read a PDF into a Document: per page tables, text paragraphs, headers/footers, OCR for image pages."""
    max_pages = max(1, int(options.get("max_pages") or MAX_PAGES))
    pdf = _open(path, data)
    doc = Document(path=str(path), sha256=files.digest(data), format="pdf")
    fast = None
    if engine(options) == "pdfium":
        try:
            fast = PdfiumPages(data)
        except Exception:  # pdfium cannot open what pdfminer could: every page goes through pdfplumber
            fast = None
    guard = _PageGuard(path, data, fast.document if fast else None)
    try:
        title = _decode_info(pdf.doc.info[0].get("Title")) if pdf.doc.info else None
        if title:
            doc.meta["title"] = title
        total = _page_count(pdf)
        pages: list[_PageText] = []
        ocr_pages = 0
        engines: dict[str, str] = {}  # region kind -> OCR engine version, for doc.meta
        read_pages = 0
        for page in _iter_pages(path, pdf, max_pages, doc, guard):
            page_no = page.page_number
            read_pages += 1
            try:
                pt = _pdfium_page(fast, page, page_no) if fast else None
                if pt is not None:
                    has_text = True  # pdfium pages hold SCAN_MAX_CHARS mapped characters at least
                else:
                    pt = _read_page(page, page_no)
                    has_text = bool(pt.lines or pt.tables) or (bool(page.chars) and not (pt.unmapped or pt.scanned))
            except InputError:
                raise
            except Exception as e:  # one damaged page content stream must not lose the whole report
                doc.issues.append({"code": "READER_WARNING", "page": page_no,
                                   "message": f"{path.name}: page {page_no} cannot be read ({type(e).__name__}: {e})"})
                pt, has_text = None, True
            finally:
                page.close()  # drop the page's parsed objects: memory stays flat on long files
            if pt is not None and not has_text:
                what = ("no usable text layer (its fonts have no Unicode map)" if pt.unmapped else
                        "only a scanned image and a stamped scrap of text" if pt.scanned else "no text layer")
                try:
                    if not options.get("ocr", True):
                        raise InputError("OCR_DISABLED", "OCR was turned off for this run")
                    pt = _ocr_lines(path, page_no, pt.height, pt.width, options, engines)
                    ocr_pages += 1
                except InputError as e:
                    doc.issues.append(_unread_page_issue(path, page_no, what, e))
            if pt is not None:
                pages.append(pt)
        doc.pages = total if total and total >= read_pages else read_pages
        if doc.pages > read_pages and read_pages >= max_pages:
            doc.issues.append({"code": "PAGES_TRUNCATED", "page": max_pages + 1,
                               "message": f"{path.name}: only the first {max_pages} of {doc.pages} pages were read "
                               "(raise --max-pages to read more)"})
        if ocr_pages:
            doc.meta["ocr_pages"] = ocr_pages
            doc.meta["ocr_engines"] = engines
    finally:
        # Not pdf.close(): it would build every page object (all 2,000 of a long file) only to close
        # them. The pages read were closed one by one; the stream is ours (BytesIO) and needs nothing.
        pdf.flush_cache()
        guard.close()
        if fast:
            fast.close()
    blocks = _paragraphs(pages, _running_lines(pages))
    normalise_blocks(doc, blocks)
    return doc

