"""Read .docx: paragraphs and tables in body order, heading levels, Word numbering, merged cells, pages."""
from __future__ import annotations

import re
from collections import OrderedDict
from pathlib import Path

from lxml import etree

from ..errors import InputError
from . import files
from ..model import HEADING, PARAGRAPH, TABLE, Block, Document, Provenance
from .normalize import normalise_blocks
from .unwrap import MIN_FULL, MIN_LONG, cut_at_one_width, ends_sentence, group_wrapped, join_wrapped, wrap_width
from . import opc, safety
from .. import lazyre

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_P, _TBL, _SDT, _TR, _TC, _T = W + "p", W + "tbl", W + "sdt", W + "tr", W + "tc", W + "t"
_VAL = W + "val"
_TAB, _LRPB, _NBH, _TYPE = W + "tab", W + "lastRenderedPageBreak", W + "noBreakHyphen", W + "type"
# The run content the reader shows, and what hides an element below it: a fallback repeats the choice;
# deleted or moved-away text and field codes are not shown; properties hold no text. An element of the first
# kind also hides what is inside it (a w:t is text, not a container).
_TRPR, _TCPR, _GRID_BEFORE, _GRID_SPAN = W + "trPr", W + "tcPr", W + "gridBefore", W + "gridSpan"
_VMERGE, _HMERGE, _SDT_CONTENT = W + "vMerge", W + "hMerge", W + "sdtContent"
_SHOWN = (_T, _TAB, W + "br", W + "cr", _LRPB, _NBH)
# A table needs run_text when it holds run content other than w:t or anything that hides text (found by
# lxml's tag filter, cheap), or a w:t that run_text would not take (inside properties or another w:t).
_NOT_PLAIN_TAGS = (_TAB, W + "br", W + "cr", _LRPB, _NBH, MC_FALLBACK, W + "del", W + "moveFrom", W + "delText",
                   W + "instrText")
_HIDDEN_T = etree.XPath("boolean(.//w:rPr//w:t | .//w:pPr//w:t | .//w:t//w:t)", namespaces={"w": W[1:-1]})
_NO_PROPS = (None, None, None)


def _cell_props(tbl) -> dict:
    """cell → (gridSpan, vMerge, hMerge) for the cells whose first w:tcPr sets any (first of each kind).

    lxml finds the few such elements of a table at once; reading every cell's properties cost more than
    the rest of the table.
    """
    out: dict = {}
    for prop in tbl.iter(_GRID_SPAN, _VMERGE, _HMERGE):
        tcpr = prop.getparent()
        tc = tcpr.getparent() if tcpr.tag == _TCPR else None
        if tc is None or tc.tag != _TC or _child(tc, _TCPR) is not tcpr:
            continue
        span, vmerge, hmerge = out.get(tc, _NO_PROPS)
        tag = prop.tag
        if tag == _GRID_SPAN and span is None:
            span = _int(prop.get(_VAL), 1, 1, MAX_COLUMNS)
        elif tag == _VMERGE and vmerge is None:
            vmerge = prop.get(_VAL, "continue")
        elif tag == _HMERGE and hmerge is None:
            hmerge = prop.get(_VAL, "continue")
        out[tc] = (span, vmerge, hmerge)
    return out


_OPAQUE = frozenset((MC_FALLBACK, W + "del", W + "moveFrom", W + "delText", W + "instrText", W + "rPr", W + "pPr",
                     *_SHOWN))

# Style names that mean "heading N" in English and Chinese Word; matched only when the style (and its
# bases) carry no w:outlineLvl, which is the more reliable signal.
_HEADING_NAME = lazyre.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
_TITLE_NAMES = {"title", "标题"}

_CN_DIGITS = "零一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


# Word allows 63 table columns; a hostile gridSpan of 10**9 must not allocate a billion cells.
MAX_COLUMNS = 64


def _int(value: str | None, default: int, lo: int, hi: int) -> int:
    """An integer attribute clamped to [lo, hi]; missing or malformed values give the default."""
    try:
        return min(hi, max(lo, int(value))) if value is not None else default
    except ValueError:
        return default


def _child(el, tag: str):
    """The first child of el with tag, or None (el.find's answer at half its cost: no path parsing)."""
    for child in el.iterchildren(tag):
        return child
    return None


def _chinese_counting(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, as Word's chineseCounting renders list numbers."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens] + "十")
    return head + (_CN_DIGITS[ones] if ones else "") if tens else _CN_DIGITS[ones]


def _roman(n: int) -> str:
    out = ""
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                 (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + s, n - v
    return out


def format_number(n: int, fmt: str) -> str:
    """Render a list counter in a Word numFmt (chineseCounting, ideographTraditional, decimal, ...)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "taiwaneseCounting",
               "taiwaneseCountingThousand", "ideographDigital", "japaneseCounting"):
        return _chinese_counting(n)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return s.lower() if fmt == "lowerRoman" else s
    if fmt in ("bullet", "none"):
        return ""
    return str(n)  # decimal, decimalZero, decimalFullWidth... (NFKC folds full-width digits anyway)


class Numbering:
    """Word list numbering: per-list counters that reproduce the numbers Word draws but never stores."""

    def __init__(self, root):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstractNumId -> ilvl -> (fmt, text, start)
        self.num_abstract: dict[str, str] = {}
        self.overrides: dict[str, dict[int, int]] = {}  # numId -> ilvl -> startOverride
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        for an in root.iterchildren(W + "abstractNum"):
            lv = {}
            for lvl in an.iterchildren(W + "lvl"):
                fmt = lvl.find(W + "numFmt")
                txt = lvl.find(W + "lvlText")
                start = lvl.find(W + "start")
                lv[_int(lvl.get(W + "ilvl"), 0, 0, 8)] = (
                    fmt.get(_VAL, "decimal") if fmt is not None else "decimal",
                    txt.get(_VAL, "") if txt is not None else "",
                    _int(start.get(_VAL), 1, 0, 10**6) if start is not None else 1)
            self.levels[an.get(W + "abstractNumId")] = lv
        for num in root.iterchildren(W + "num"):
            nid = num.get(W + "numId")
            ref = num.find(W + "abstractNumId")
            if ref is not None:
                self.num_abstract[nid] = ref.get(_VAL)
            for ov in num.iterchildren(W + "lvlOverride"):
                so = ov.find(W + "startOverride")
                if so is not None:
                    self.overrides.setdefault(nid, {})[_int(ov.get(W + "ilvl"), 0, 0, 8)] = _int(so.get(_VAL), 1, 0, 10**6)

    @classmethod
    def fresh(cls, defs: "Numbering") -> "Numbering":
        """New counters over the (shared, read-only) list definitions of defs."""
        n = cls(None)
        n.levels, n.num_abstract, n.overrides = defs.levels, defs.num_abstract, defs.overrides
        return n

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the list counter of (numId, ilvl) and return the label Word shows (e.g. "二、")."""
        aid = self.num_abstract.get(num_id)
        levels = self.levels.get(aid or "")
        if not levels or ilvl not in levels:
            return ""
        # Lists sharing an abstractNum continue one another in Word unless a w:num restarts them.
        counters = self.counters.setdefault(aid, [None] * 10)
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in self.overrides.get(num_id, {}).items():
                counters[lvl] = start - 1
        fmt, text, start = levels[ilvl]
        counters[ilvl] = start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = None
        if fmt in ("bullet", "none"):
            return ""

        def sub(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            if k not in levels:
                return ""
            value = counters[k] if counters[k] is not None else levels[k][2]
            return format_number(value, levels[k][0] if k != ilvl else fmt)

        return lazyre.compile(r"%(\d)").sub(sub, text)


class Styles:
    """Style id → (name, outline level, numbering) resolved once, following w:basedOn chains."""

    def __init__(self, root):
        raw: dict[str, tuple[str, int | None, tuple[str, int] | None, str | None]] = {}
        self.default_para = None
        if root is not None:
            for st in root.iterchildren(W + "style"):
                sid = st.get(W + "styleId")
                name_el, based = st.find(W + "name"), st.find(W + "basedOn")
                ppr = st.find(W + "pPr")
                outline = num = None
                if ppr is not None:
                    ol = ppr.find(W + "outlineLvl")
                    outline = _int(ol.get(_VAL), 9, 0, 9) if ol is not None else None
                    num = _numpr(ppr)
                raw[sid] = (name_el.get(_VAL, "") if name_el is not None else "", outline, num,
                            based.get(_VAL) if based is not None else None)
                if st.get(W + "type") == "paragraph" and st.get(W + "default") in ("1", "true"):
                    self.default_para = sid
        self.info: dict[str, tuple[str, int | None, tuple[str, int] | None]] = {}
        for sid in raw:
            name, outline, num = raw[sid][0], None, None
            seen, cur = set(), sid
            while cur in raw and cur not in seen:  # inherit outline level / numbering from bases
                seen.add(cur)
                _, o, n, based = raw[cur]
                outline = o if outline is None else outline
                num = n if num is None else num
                cur = based
            self.info[sid] = (name, outline, num)
        self._levels: dict[str | None, int | None] = {}  # level() of each style asked for (once per paragraph)

    def level(self, sid: str | None) -> int | None:
        """Heading level (1-based) a paragraph style gives, 0 for the document title, else None."""
        try:
            return self._levels[sid]
        except KeyError:
            level = self._levels[sid] = self._level(sid)
            return level

    def _level(self, sid: str | None) -> int | None:
        name, outline, _ = self.info.get(sid or "", ("", None, None))
        if outline is not None:
            return outline + 1 if outline < 9 else None
        m = _HEADING_NAME.match(name.strip())
        if m:
            return int(m.group(1))
        return 0 if name.strip().lower() in _TITLE_NAMES else None


# Chinese official documents number their levels 一、 → （一） → 1. (GB/T 9704 practice), so a short
# auto-numbered paragraph with no sentence punctuation is a heading of that level even in body style.
_LABEL_LEVELS = [(lazyre.compile(r"^[一二三四五六七八九十]+、$"), 1), (lazyre.compile(r"^[（(][一二三四五六七八九十]+[)）]$"), 2)]


def _level_from_label(label: str, text: str) -> int | None:
    """Heading level implied by a Word numbering label on a short, title-like paragraph."""
    if len(text) > 40 or any(p in text for p in "。；;，,"):
        return None
    for pattern, level in _LABEL_LEVELS:
        if pattern.match(label.strip()):
            return level
    return None


def _numpr(ppr, np_=False) -> tuple[str, int] | None:
    """(numId, ilvl) of a paragraph's properties; np_ is its w:numPr when already found (None: it has none)."""
    if np_ is False:
        np_ = _child(ppr, W + "numPr")
    if np_ is None:
        return None
    nid, ilvl = _child(np_, W + "numId"), _child(np_, W + "ilvl")
    if nid is None:
        return None
    return nid.get(_VAL, "0"), _int(ilvl.get(_VAL), 0, 0, 8) if ilvl is not None else 0


_PSTYLE, _OUTLINE, _NUMPR = W + "pStyle", W + "outlineLvl", W + "numPr"
_PAGE_BREAK_BEFORE, _SECTPR = W + "pageBreakBefore", W + "sectPr"
_PPR_WANTED = (_PSTYLE, _OUTLINE, _NUMPR, _PAGE_BREAK_BEFORE, _SECTPR)


def _first_children(ppr) -> dict:
    """The first child of a w:pPr with each tag paragraph() reads, by tag (one pass: five _child calls cost twice
    as much on a long report's ~200 paragraphs)."""
    out: dict = {}
    for child in ppr.iterchildren(_PPR_WANTED):
        out.setdefault(child.tag, child)
    return out


class _Walker:
    """Walks the body XML once, tracking the approximate page from page breaks."""

    def __init__(self, styles: Styles, numbering: Numbering, rendered: bool):
        self.styles, self.numbering = styles, numbering
        self.rendered = rendered  # Word stored where pages broke: trust those, not explicit breaks
        self.page = 1
        self.blocks: list[Block] = []
        self.index = 0
        self.text_page: int | None = None  # page of the current paragraph's first character
        self.plain = False  # inside a table with only plain runs (see table())
        self.plain_body = False  # the whole body holds only plain runs (see read()): no paragraph needs run_text's checks

    def run_text(self, p) -> str:
        """Text of a paragraph's runs (tabs, line breaks), advancing the page on breaks."""
        if self.plain_body:
            # nothing hides a w:t and nothing else is shown (no tab, break, deletion, fallback): the text is its
            # w:t elements' text, and no break moves the page while it is read
            text = "".join([t.text or "" for t in p.iter(_T)])
            if self.text_page is None and text.strip():
                self.text_page = self.page
            return text
        out: list[str] = []
        # lxml finds the few element kinds that matter in C; an element counts when nothing between it and
        # the paragraph hides it (a fallback, deleted text, field code, properties) or is itself one of them.
        for el in p.iter(_SHOWN):
            par = el.getparent()
            while par is not p:
                if par.tag in _OPAQUE:
                    break
                par = par.getparent()
            else:
                tag = el.tag
                if tag == _T:
                    text = el.text
                    if self.text_page is None and text and text.strip():
                        self.text_page = self.page  # a break before the first character moves the block too
                    out.append(text or "")
                elif tag == _TAB:
                    out.append("\t")
                elif tag == _LRPB:
                    if self.rendered:
                        self.page += 1
                elif tag == _NBH:
                    out.append("-")
                else:  # w:br, w:cr
                    kind = el.get(_TYPE)
                    if kind == "page":
                        if not self.rendered:
                            self.page += 1
                    elif kind != "column":
                        out.append("\n")
        return "".join(out)

    def paragraph(self, p) -> None:
        ppr = _child(p, W + "pPr")
        sid = level = num = None
        sect = None
        if ppr is not None:
            props = _first_children(ppr)
            ps = props.get(_PSTYLE)
            sid = ps.get(_VAL) if ps is not None else None
            ol = props.get(_OUTLINE)
            if ol is not None:
                v = _int(ol.get(_VAL), 9, 0, 9)
                level = v + 1 if v < 9 else -1
            num = _numpr(ppr, props.get(_NUMPR))
            pb = props.get(_PAGE_BREAK_BEFORE)
            sect = props.get(_SECTPR)
            if pb is not None and pb.get(_VAL, "1") not in ("0", "false") and not self.rendered and self.blocks:
                self.page += 1
        sid = sid or self.styles.default_para
        if level is None:
            level = self.styles.level(sid)
        elif level == -1:
            level = None  # explicit "body text" outline level overrides the style
        if num is None:
            num = self.styles.info.get(sid or "", ("", None, None))[2]
        self.text_page = None
        raw = self.run_text(p)
        label = self.numbering.label(*num) if num and num[0] != "0" else ""
        if level is None and label:
            level = _level_from_label(label, raw)
        if raw.strip():
            start_page = self.text_page or self.page
            self.blocks.append(Block(kind=HEADING if level is not None else PARAGRAPH, text=label + raw, raw=raw,
                                     level=level, prov=Provenance(page=start_page, index=self.index)))
        if sect is not None and not self.rendered:
            t = _child(sect, W + "type")
            if t is None or t.get(_VAL) in ("nextPage", "oddPage", "evenPage"):
                self.page += 1

    def cell_text(self, tc) -> str:
        if self.plain:
            parts = ["".join([t.text or "" for t in p.iter(_T)]) for p in tc.iter(_P)]
        else:
            parts = [self.run_text(p) for p in tc.iter(_P)]
        return "\n".join(x for x in parts if x.strip())

    def table(self, tbl) -> None:
        # Most tables hold nothing but runs of w:t: their cells' text is then lxml's text of those elements,
        # without run_text's per-element checks (a cell's page breaks, tabs, deletions need them).
        self.plain = next(tbl.iter(_NOT_PLAIN_TAGS), None) is None and not _HIDDEN_T(tbl)
        try:
            self._table(tbl, _cell_props(tbl))
        finally:
            self.plain = False

    def _table(self, tbl, props: dict) -> None:
        grid: list[list[str]] = []
        covered: list[list[bool]] = []
        pages: list[int | None] = []
        start_page = self.page
        for tr in tbl.iterchildren(_TR):
            row: list[str] = []
            cov: list[bool] = []
            trpr = _child(tr, _TRPR)
            before = _child(trpr, _GRID_BEFORE) if trpr is not None else None
            for _ in range(_int(before.get(_VAL), 0, 0, MAX_COLUMNS) if before is not None else 0):
                row.append("")
                cov.append(False)
            pages.append(self.page)
            for tc in tr.iter(_TC):
                parent = tc.getparent()
                if parent is not tr and parent.tag != _SDT_CONTENT:
                    continue  # a nested table's cell: its text is part of the outer cell
                span, vmerge, hmerge = props.get(tc, _NO_PROPS)
                if hmerge == "continue" and row:  # legacy horizontal merge (old Word, WPS): like gridSpan
                    self.cell_text(tc)
                    row.append(row[-1])
                    cov.append(True)
                    continue
                span = span or 1
                col = len(row)
                if vmerge == "continue" and grid and col < len(grid[-1]):
                    text, is_copy = grid[-1][col], True  # the anchor's text, repeated and flagged
                    self.cell_text(tc)  # still walk it for page breaks
                else:
                    text, is_copy = self.cell_text(tc), False
                row.append(text)
                cov.append(is_copy)
                for _ in range(span - 1):
                    row.append(text)
                    cov.append(True)
            grid.append(row)
            covered.append(cov)
        width = max((len(r) for r in grid), default=0)
        for r, c in zip(grid, covered):
            r.extend([""] * (width - len(r)))
            c.extend([False] * (width - len(c)))
        if width:
            self.blocks.append(Block(kind=TABLE, text="", raw="", rows=grid, rows_raw=[list(r) for r in grid],
                                     covered=covered, row_pages=pages, prov=Provenance(page=start_page, index=self.index)))

    def walk(self, parent) -> None:
        for el in parent.iterchildren():
            tag = el.tag
            if tag == _P:
                self.paragraph(el)
            elif tag == _TBL:
                self.table(el)
            elif tag in (_SDT, W + "customXml", W + "sdtContent"):
                inner = _child(el, W + "sdtContent") if tag == _SDT else el
                if inner is not None:
                    self.walk(inner)
                    continue
            else:
                continue
            self.index += 1


def _styles(pkg: opc.Package, main: str) -> Styles:
    """The document's styles; python-docx's default styles when it has none, no styles if the part is unusable."""
    global _DEFAULT_STYLES
    if pkg.related(main, opc.RT_STYLES) is None:
        if _DEFAULT_STYLES is None:
            _DEFAULT_STYLES = Styles(opc.default_styles())
        return _DEFAULT_STYLES
    part = opc.related_part(pkg, main, opc.RT_STYLES, opc.CT_STYLES)
    return pkg.cached(part, _STYLES, Styles) if part else Styles(None)


_DEFAULT_STYLES: Styles | None = None
_STYLES: OrderedDict = OrderedDict()  # compressed styles.xml -> Styles (see opc.Package.cached)
_NUMBERING: OrderedDict = OrderedDict()  # compressed numbering.xml -> Numbering definitions


def rejoin_wrapped(blocks: list[Block]) -> list[Block]:
    """Body paragraphs of a Word file that holds hard-wrapped text, one paragraph per printed line, re-joined into
    their paragraphs as the text reader re-joins wrapped lines (unwrap.py); other files' blocks unchanged."""
    # PDF-to-Word converters and text pasted out of a PDF viewer give such files: read one line per paragraph, a
    # sentence cut at the margin loses its number (主动公开信息 / 1469条) and a title half its name. Tables and styled
    # headings end a run of lines; prov keeps the first line's paragraph, raw every line.
    # (an empty paragraph, which makes no block, is a blank line: it ends a run as in a text file)
    # A paragraph broken at a fixed width by line breaks inside it is glued the same way (a space is put back only
    # where the lines show one: the normaliser would keep one between two digits, 202 / 3年)
    for k, b in enumerate(blocks):
        if b.kind == PARAGRAPH and "\n" in b.text and cut_at_one_width(b.text.split("\n")):
            blocks[k] = Block(kind=PARAGRAPH, text=join_wrapped(b.text.split("\n")), raw=b.raw, prov=b.prov)
    lines: list[str] = []
    at: list[int | None] = []  # the block of each line; None for an empty paragraph
    for k, b in enumerate(blocks):
        if k and b.prov.index is not None and blocks[k - 1].prov.index is not None \
                and b.prov.index > blocks[k - 1].prov.index + 1:
            lines.append("")
            at.append(None)
        lines.append(b.text if b.kind == PARAGRAPH and "\n" not in b.text else "")
        at.append(k)
    # (cheap first: a wrapped text's long lines mostly stop mid-sentence; a Word file written a paragraph whole has
    # few such, and measuring every line's width cost a long report ~3 ms)
    cut = sum(1 for t in lines if len(t) >= MIN_LONG and not ends_sentence(t))
    if cut < MIN_FULL or sum(1 for t in lines if t) < 2 * MIN_FULL or wrap_width(lines) is None:
        return blocks
    out: list[Block] = []
    taken = 0
    for g in group_wrapped(lines):
        ks = [at[i] for i in g]
        out.extend(blocks[taken:ks[0]])  # tables, headings and lines of their own between the runs
        first = blocks[ks[0]]
        if len(ks) > 1:
            first = Block(kind=PARAGRAPH, text=join_wrapped([blocks[k].text for k in ks]),
                          raw="\n".join(blocks[k].raw for k in ks), prov=first.prov)
        out.append(first)
        taken = ks[-1] + 1
    out.extend(blocks[taken:])
    return out


def read(path: Path, data: bytes, options: dict) -> Document:
    """Read a .docx into a Document (after the zip/XML safety checks)."""
    zf = safety.check_ooxml(path, data)
    pkg = opc.Package(path, zf, data)
    main = opc.main_part(pkg)
    try:
        root = pkg.xml(main[1:])
    except KeyError as e:
        raise InputError("NOT_A_DOCUMENT", f"{path.name}: not a Word document ({e})") from e
    body = _child(root, W + "body")
    if body is None:
        raise InputError("NOT_A_DOCUMENT", f"{path.name}: the main part has no w:body, so it is not a Word document")
    numbering_part = opc.related_part(pkg, main, opc.RT_NUMBERING, opc.CT_NUMBERING)
    numbering = Numbering.fresh(pkg.cached(numbering_part, _NUMBERING, Numbering)) if numbering_part else Numbering(None)
    rendered = next(body.iter(_LRPB), None) is not None
    walker = _Walker(_styles(pkg, main), numbering, rendered)
    # A body of plain runs only (most generated and many saved reports), checked once as a table is (~0.05 ms): its
    # paragraphs' text is their w:t text, without run_text's walk up from each element (~0.3 ms on 200 paragraphs)
    walker.plain_body = next(body.iter(_NOT_PLAIN_TAGS), None) is None and not _HIDDEN_T(body)
    walker.walk(body)
    doc = Document(path=str(path), sha256=files.digest(data), format="docx", pages=walker.page)
    normalise_blocks(doc, rejoin_wrapped(walker.blocks))
    images = [n for n in zf.namelist() if n.startswith("word/media/")]
    if images and not any(b.text.strip() or b.rows for b in doc.blocks):
        # Scans pasted into Word: the pages are pictures. Say so instead of returning an empty report.
        doc.issues.append({"code": "NO_TEXT_LAYER", "page": None,
                           "message": f"{path.name}: the document holds {len(images)} image(s) and no text (pages "
                           "pasted in as pictures); OCR of images inside Word files is not supported"})
    title = opc.title(pkg)
    if title:
        doc.meta["title"] = title
    return doc
