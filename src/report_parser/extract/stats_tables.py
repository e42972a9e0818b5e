"""Statistics tables stage: the pre2019 统计表/附表 (指标名称 | 计量单位 | 本年度 | 历年累计) → `legacy.*` cells."""
from __future__ import annotations

import unicodedata
from dataclasses import field
from decimal import Decimal
from functools import lru_cache

from ..classcache import dataclass
from . import cellvalue, positions, skeleton, splitrun
from .. import data, model
from .flattext import Tok
from ..record import Cell, TableQuality
from .tables import read_issues, tokens
from .. import lazyre

TABLE, TEMPLATE = "legacy", "pre2019"

# Row numbering printed before an indicator: 一、 （一） 1. 1、 (1) ① and a bare sequence number with a
# space (`3 申请总数`, the 序号 column of a table flattened into text).
_NUMBERING = lazyre.compile(r"^(?:\([一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+[、.．]|\d+[.、．]|\d+(?=\s)|"
                           r"[①-⑳]|\d{1,3}(?=[(（一二三四五六七八九十①-⑳]|[^\W\d_]))\s*")
_PARENS = lazyre.compile(r"[(\[【]([^()\[\]【】]*)[)\]】]")
_TRAILING_COUNT = lazyre.compile(r"(?:总|合计)?(?:数量|数)$")
_YEAR_COL = lazyre.compile(r"^(?:\d{4}年(?:度)?(?:数|数量)?|本年度?\d*)$")
_CUMULATIVE_COL = lazyre.compile(r"累计")
# A line of prose ends a table: long, or a sentence.
_PROSE = lazyre.compile(r"[。；;！？]")
# Header words that only a statistics table prints; a report of another era is read only when its
# table carries one of them (a gb2019/gb2021 template table never does).
_STRONG = ("计量单位", "历年累计", "指标名称")


@dataclass
class LegacyResult:
    """Cells of the statistics tables, one quality record per table, and the text spans they occupy."""

    cells: list[Cell] = field(default_factory=list)
    quality: list[TableQuality] = field(default_factory=list)
    text_spans: list[tuple[int, int]] = field(default_factory=list)
    issues: list[tuple[str, str, int | None]] = field(default_factory=list)  # TABLE_UNREAD / TABLE_PARTIAL


@dataclass
class _Row:
    key: str
    label: list[str]
    unit: str | None  # as printed (unit column, `（条）`, or a unit word after the label)
    values: list[Tok] = field(default_factory=list)
    grid: bool = False
    toks: list[Tok] = field(default_factory=list)


@dataclass
class _Table:
    header: list[str] | None = None  # column kinds after the label column (unit, annual, cumulative, note)
    header_labels: list[str] = field(default_factory=list)  # the printed labels of the value columns
    header_kinds: list[str] = field(default_factory=list)
    seq: bool = False
    strong: bool = False
    rows: list[_Row] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    runs: list[dict] = field(default_factory=list)  # glued digit runs met (as TableQuality.runs)
    split: set[str] = field(default_factory=set)  # row keys read by splitting a glued run
    toks: list[Tok] = field(default_factory=list)


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    """The indicator vocabulary (data/legacy_stats.yaml) indexed by normalised label."""
    cfg = data.load("legacy_stats.yaml")
    labels: dict[str, str] = {}
    for key, spec in cfg["rows"].items():
        for lab in spec["labels"]:
            labels.setdefault(label_norm(lab), key)
    cols = {skeleton.norm(w): kind for kind, ws in cfg["columns"].items() for w in ws}
    return {"labels": labels, "units": {k: v["unit"] for k, v in cfg["rows"].items()},
            "groups": {label_norm(g) for g in cfg["groups"]}, "cols": cols,
            "unit_words": set(cfg["units"]), "money": {k: Decimal(v) for k, v in cfg["money"].items()}}


@lru_cache(maxsize=1 << 14)
def label_norm(text: str) -> str:
    """An indicator label as compared: normalised, numbering, 其中 prefixes, notes and a trailing 数 removed."""
    s = skeleton.norm(_NUMBERING.sub("", (text or "").strip()))
    s = s.replace("《", "").replace("》", "")
    prev = None
    while s != prev:
        prev = s
        s = _NUMBERING.sub("", s)
        s = lazyre.compile(r"^(?:其中|包括|否决理由)[:：]?").sub("", s) if len(s) > 3 else s
        s = _PARENS.sub("", s).rstrip(":：")
    return _TRAILING_COUNT.sub("", s) or s


def lookup(text: str) -> tuple[str | None, str | None]:
    """(legacy key or None, unit printed with the label: `（条）`, `… 条`) for a label cell."""
    voc = vocabulary()
    unit = None
    t = (text or "").strip()
    parts = t.rsplit(None, 1)
    if len(parts) == 2 and parts[1] in voc["unit_words"]:
        t, unit = parts  # `主动公开信息数 条 120 3400`: the unit column flattened onto the label
    n = skeleton.norm(t)  # once: a long line is not in norm's cache
    for m in _PARENS.finditer(n):
        if m.group(1) in voc["unit_words"] or m.group(1).removeprefix("单位:") in voc["unit_words"]:
            unit = m.group(1).removeprefix("单位:")
    key = voc["labels"].get(label_norm(t))
    if key is None and unit is None:
        # `主动公开信息数条`: the normaliser drops the space between a label and its unit column.
        for u in _units_longest_first():
            if n.endswith(u) and len(n) > len(u) + 1 and (k := voc["labels"].get(label_norm(n[:-len(u)]))):
                return k, u
    return key, unit


@lru_cache(maxsize=1)
def _units_longest_first() -> tuple[str, ...]:
    """The unit words, longest first (a look-up tries them in this order)."""
    return tuple(sorted(vocabulary()["unit_words"], key=len, reverse=True))


def _col_kind(s: str) -> str | None:
    # s: the label normalised (skeleton.norm)
    kind = vocabulary()["cols"].get(s)
    if kind:
        return kind
    if _YEAR_COL.match(s):
        return "annual"
    if _CUMULATIVE_COL.search(s) and len(s) <= 12 and not _glued_header(s):
        return "cumulative"  # 截至2012年底累计
    return None


def _header(cells: list[Tok]) -> list[tuple[str, str]] | None:
    """[(kind, printed label)] when every filled piece of a line is a column label, else None."""
    out = []
    for t in cells:
        if t.covered:
            continue  # a merged header cell (指标名称 over the group and label columns) is one column
        for piece in (t.text.split() if t.row is None else [t.text]):
            if not piece.strip():
                continue
            s = skeleton.norm(piece)  # once: a long line is not in norm's cache
            kind = _col_kind(s)
            if kind is not None:
                out.append((kind, "".join(piece.split())))
            elif t.row is None and (glued := _glued_header(s)):
                out += glued  # `指标名称计量单位本年度历年累计`: spaces between CJK words were dropped
            else:
                return None
    return out or None


def _glued_header(s: str) -> list[tuple[str, str]] | None:
    """A line of column labels printed without spaces, split into known labels (longest first), or None."""
    if len(s) > 40:
        return None
    words = sorted(vocabulary()["cols"], key=len, reverse=True)
    out, i = [], 0
    while i < len(s):
        w = next((w for w in words if s.startswith(w, i)), None)
        if w is None:
            return None
        out.append((vocabulary()["cols"][w], w))
        i += len(w)
    return out if len(out) >= 2 else None


def _is_unit(text: str) -> bool:
    s = skeleton.norm(text)
    return s in vocabulary()["unit_words"] or s.removeprefix("单位:") in vocabulary()["unit_words"]


def _header_cut(t: Tok) -> list[Tok]:
    """A piece of a page flattened onto one line cut where the file had spaces, when a run of two column labels or
    more stands there (`…工作质量。附表 指标名称 计量单位 本年度 历年累计 主动公开政府信息数 条`): the prose before it,
    each label, and the rest (the first row's label and unit, read as one cell) as pieces of their own."""
    if not (t.piece and t.cuts):
        return [t]
    bounds = [0, *t.cuts, len(t.text)]
    parts = list(zip(bounds, bounds[1:]))
    kinds = [_col_kind(skeleton.norm(t.text[a:b])) if b - a <= 12 else None for a, b in parts]
    for j in range(len(parts)):
        k = j
        while k < len(parts) and kinds[k] is not None:
            k += 1
        if k - j >= 2 and any(x in ("annual", "cumulative") for x in kinds[j:k]):
            # (the normaliser joins CJK words across the spaces that were the page's line breaks, so a statistics
            # table's header reaches this stage glued to the paragraph before it and no header is seen)
            pieces = ([(0, parts[j][0])] if parts[j][0] else []) + parts[j:k] + \
                ([(parts[k][0], len(t.text))] if k < len(parts) else [])
            return [Tok(t.text[a:b], t.start + a, t.start + b, t.page, None, False, t.ocr, piece=True,
                        cuts=tuple(c - a for c in t.cuts if a < c < b))
                    for a, b in pieces if t.text[a:b].strip()]
    return [t]


def _lines(toks: list[Tok], text: str) -> list[list[Tok]]:
    """Tokens grouped by printed row: grid/pipe rows by row id, free tokens by text line."""
    out: list[list[Tok]] = []
    for t in toks:
        if out:
            last = out[-1][-1]
            same = (t.row is not None and t.row == last.row) or (
                t.row is None and last.row is None and t.start >= last.end and "\n" not in text[last.end:t.start]
                and not (t.piece or last.piece))
            if same:
                out[-1].append(t)
                continue
        out.append([t])
    return out


def _worth_reading(text: str, era: str | None) -> bool:
    # Cheap pre-check before any tokenising: most gb2019/gb2021 reports never get past it.
    if era in ("gb2019", "gb2021"):
        return any(w in text for w in _STRONG)
    return any(w in text for w in (*_STRONG, "累计", "本年度", "数量", "统计"))


def extract(doc: model.Document, era: str | None, skip: list[tuple[int, int]] | None = None,
            toks: list[Tok] | None = None) -> LegacyResult:
    """Cells of the pre2019 statistics tables in a Document; `skip` are the template tables' spans."""
    result = LegacyResult()
    if not _worth_reading(doc.text or "", era):
        return result
    if toks is None:
        toks = tokens(doc)
    skip = sorted(skip or [])
    toks = [p for t in toks if not any(a <= t.start < b for a, b in skip) for p in _header_cut(t)]
    tables = _Reader().read(_lines(toks, doc.text or ""))
    seen: set[str] = set()
    for tab in tables:
        keyed = [r for r in tab.rows if r.values]
        # One keyed row alone is a sentence's worth, not a table; a report of another era needs a
        # header that only statistics tables print.
        if len(keyed) < 2 and not (keyed and tab.header):
            continue
        if era in ("gb2019", "gb2021") and not tab.strong:
            continue
        cells, non_numeric = _cells(tab, seen)
        if not cells:
            continue
        seen.update(c.key for c in cells)
        result.cells.extend(cells)
        status = "matched" if not tab.refused and not non_numeric else "degraded"
        q = TableQuality(table=TABLE, template=TEMPLATE, status=status, page=cells[0].page,
                         rows_missing=list(tab.refused), non_numeric=non_numeric, runs=list(tab.runs))
        result.quality.append(q)
        spans = [(t.start, t.end) for t in tab.toks]
        result.text_spans.append((min(a for a, _ in spans), max(b for _, b in spans)))
        result.issues.extend(read_issues(doc.path, q, result.text_spans[-1], len(cells), None))
    return result


class _Reader:
    """A left-to-right reader of printed rows: headers set the columns, labels key rows, values fill them."""

    def __init__(self) -> None:
        self.tables: list[_Table] = []
        self.tab = _Table()
        self.group: list[str] = []
        self.pending: _Row | None = None  # a label read alone on its line (one cell per line)
        self.head_run: list[tuple[str, str]] = []
        self.head_toks: list[Tok] = []
        # closed by a prose line and untouched since: a long report's next prose line would close a fresh table
        # again (no header run, nothing pending, no rows) and change nothing
        self.idle = False

    def read(self, lines: list[list[Tok]]) -> list[_Table]:
        """The tables found in the rows, in document order."""
        for line in lines:
            self._line(line)
        self._flush_pending()
        self._close()
        return self.tables

    def _close(self) -> None:
        self._flush_pending()
        if self.tab.rows:
            self.tables.append(self.tab)
        self.tab = _Table()
        self.group = []

    def _line(self, line: list[Tok]) -> None:
        prose = _headerless_prose(line)
        if prose and self.idle:
            return
        self.idle = False
        head = None if prose else _header(line)
        if head is not None:
            self.head_run += head
            self.head_toks += line
            return
        if self.head_run:
            self._set_header()
        if self.pending is not None and self._feed_pending(line):
            return
        self._flush_pending()
        if prose:
            self._close()  # what _row does with plain prose
            self.idle = True
            return
        self._row(line)

    def _set_header(self) -> None:
        run, toks = self.head_run, self.head_toks
        self.head_run, self.head_toks = [], []
        kinds = [k for k, _ in run]
        if not any(k in ("annual", "cumulative") for k in kinds) or len(run) < 2:
            return  # a lone `数量` or `项目` line is not a header
        if self.tab.rows and [k for k, _ in run] != self.tab.header_kinds:
            self._close()  # a new table; the same header repeated atop a page continues this one
        self.tab.header_kinds = kinds
        after = kinds[kinds.index("label") + 1:] if "label" in kinds else [k for k in kinds if k != "seq"]
        self.tab.header = after
        self.tab.header_labels = [lab for k, lab in run if k in ("annual", "cumulative")]
        self.tab.seq = "seq" in kinds
        self.tab.strong = "unit" in kinds or "cumulative" in kinds or any(
            skeleton.norm(lab) in _STRONG for _, lab in run)
        self.tab.toks += toks

    def _row(self, line: list[Tok]) -> None:
        if _plain_prose(line):
            self._close()  # what _other concludes for prose, without a label lookup per piece
            return
        cells = [t for t in line if not t.covered]
        if cells and cells[0].row is None:
            cells = [p for t in cells for p in _peel(t)]
        cells = [p for t in cells for p in _unglue(t)]
        grid = line[0].row is not None
        label_i, key, unit = None, None, None
        for i, t in enumerate(cells):
            if cellvalue.is_value(t.text) and t.text.strip():
                if i == 0 and _seq(t.text):
                    continue  # the 序号 column
                break
            k, u = lookup(t.text) if t.text.strip() else (None, None)
            if k is not None:
                label_i, key, unit = i, k, u
        if key is None:
            self._other(line)
            return
        path = [_tidy(t.printed) for t in cells[:label_i] if t.text.strip() and not _seq(t.text)]
        if path:
            self.group = path
        lab = _tidy(cells[label_i].printed)
        if unit and lab.endswith(unit) and len(lab) > len(unit):
            lab = lab[:-len(unit)]  # the unit column flattened onto the label: it is shown as the unit
        label = [*self.group, lab]
        row = _Row(key, label, unit, grid=grid, toks=list(line))
        rest = cells[label_i + 1:]
        if grid:
            self._fill_grid(row, rest)
        else:
            values = [t for t in rest if cellvalue.is_value(t.text)]
            row.values = values
            if not values or line[0].piece and len(line) == 1 and not values[-1].glued_run \
                    and (n := self._n_values()) is not None and len(values) < n:
                # (a piece of a page flattened onto one line, `…答复数(件)无` with the normaliser's glued first value:
                # the row's other values follow as pieces of their own, as after a label alone on its line)
                self.pending = row
                return
            self._finish(row)

    def _other(self, line: list[Tok]) -> None:
        text = " ".join(t.text for t in line).strip()
        if not text:
            return
        if any(label_norm(t.text) in vocabulary()["groups"] for t in line):
            self.group = [_tidy(" ".join(t.printed for t in line))]
            self.tab.toks += line
            return
        if len(text) > 40 or _PROSE.search(text):
            self._close()  # prose: the table, if any, has ended

    def _fill_grid(self, row: _Row, rest: list[Tok]) -> None:
        layout = self.tab.header
        if layout is None:
            # No header: a unit word (or blank) first, then the values; one value is the year's.
            if rest and (_is_unit(rest[0].text) or (not rest[0].text.strip() and len(rest) > 1)):
                row.unit = rest[0].text.strip() or row.unit
                rest = rest[1:]
            while rest and not rest[-1].text.strip():
                rest = rest[:-1]
            row.values = rest
        else:
            if row.unit and "unit" in layout and len(rest) == len(layout) - 1:
                # The unit was glued onto the label (a .txt reader drops a tab between CJK cells).
                layout = [k for k in layout if k != "unit"]
            vals = []
            for kind, t in zip(layout, rest):
                if kind == "unit":
                    row.unit = t.text.strip() or row.unit
                elif kind in ("annual", "cumulative"):
                    vals.append(t)
            if len(vals) < sum(k in ("annual", "cumulative") for k in layout):
                self.tab.refused.append(row.key)  # a ragged row: its cells are not guessed
                self.tab.toks += row.toks
                return
            row.values = vals
        self._finish(row)

    def _feed_pending(self, line: list[Tok]) -> bool:
        # One cell per line: the unit and the values of the pending label follow on their own lines.
        row = self.pending
        texts = [t.text.strip() for t in line]
        if len(line) == 1 and _is_unit(texts[0]) and not row.values:
            row.unit = texts[0]
            row.toks += line
            return True
        if all(cellvalue.is_value(t) and t for t in texts):
            row.values += line
            row.toks += line
            return True
        return False

    def _flush_pending(self) -> None:
        if self.pending is not None:
            row, self.pending = self.pending, None
            if row.values:
                self._finish(row)

    def _finish(self, row: _Row) -> None:
        n = self._n_values()
        vals = row.values
        if not row.grid:
            if n is None:
                n = 1 if len(vals) == 1 else None
            elif len(vals) == n + 1 and self.tab.seq:
                vals = vals[:n]  # the next row's 序号 printed before its label
            elif len(vals) == 1 and n > 1 and vals[0].glued_run:
                vals = self._split(row, vals[0], n)
            if n is None or len(vals) != n:
                # Blank cells dropped from a free stream: which column a value belongs to is unknown.
                self.tab.refused.append(row.key)
                self.tab.toks += row.toks
                return
        elif n is None and len(vals) != 1:
            self.tab.refused.append(row.key)
            self.tab.toks += row.toks
            return
        row.values = vals[:n] if n else vals
        self.tab.rows.append(row)
        self.tab.toks += row.toks

    def _split(self, row: _Row, run: Tok, n: int) -> list[Tok]:
        """The cells of a digit run glued to its label in print, when it splits one way only (no identity ties
        本年度 to 历年累计, so only a run like `100` — 10 / 0, `1 / 00` has a leading zero — is read)."""
        digits = run.text.strip()
        alts = splitrun.splits(digits, ["v"] * n, {})
        read = alts is not None and len(alts) == 1
        self.tab.runs.append({"row": row.key, "run": digits, "splits": None if alts is None else len(alts),
                              "read": read})
        if not read:
            return [run]  # refused below: which column a digit belongs to is unknown
        self.tab.split.add(row.key)
        out, at = [], run.start
        for v in alts[0]:
            out.append(Tok(v, at, at + len(v), run.page, ocr=run.ocr))
            at += len(v)
        return out

    def _n_values(self) -> int | None:
        if self.tab.header is None:
            return None
        return sum(k in ("annual", "cumulative") for k in self.tab.header) or None


def _plain_prose(line: list[Tok]) -> bool:
    """A line that can hold no row: one free cell of more than 40 characters, no spaces, with a 。 outside any
    bracket. Most lines of a long report are such paragraphs; this test spares them _row's label lookups.

    Exact, not a guess: no indicator label or group (data/legacy_stats.yaml) holds a 。, and label_norm only drops
    characters (spaces, quotes, numbering, bracketed notes, …), so a 。 that no bracket can enclose survives into
    every normalised piece of the line and no lookup can succeed; the line then closes the table in _other."""
    if len(line) != 1:
        return False
    t = line[0]
    if t.row is not None or t.covered or len(t.text) <= 40 or "。" not in t.text or len(t.text.split()) != 1:
        return False
    n = unicodedata.normalize("NFKC", t.text)  # as label_norm compares: （ and ［ become ( and [
    return "。" in n and not any(b in n for b in "([【")


def _headerless_prose(line: list[Tok]) -> bool:
    """A line of plain prose (_plain_prose) that _header cannot read as column labels either: most lines of a long
    report, which then cost no label normalisation at all (issue 18: only lines that can hold a row are read).

    Exact: the line's one piece keeps its 。 through skeleton.norm (NFKC, then only spaces, quotes and pipes
    dropped), and no column word (data/legacy_stats.yaml) holds a 。, so neither the word look-up, the year
    column, nor a glued header can match it; the 累计 column test is the one that reads a part of the piece, and
    without a 累 in the NFKC text the piece cannot hold 累计."""
    return _plain_prose(line) and "累" not in unicodedata.normalize("NFKC", line[0].text)


def _peel(tok: Tok) -> list[Tok]:
    """A free text cell with its trailing values split off (`行政诉讼数 件 无`: flattext keeps a final 无
    with its line, since in prose it ends a sentence)."""
    pieces = list(lazyre.compile(r"\S+").finditer(tok.text))
    k = len(pieces)
    while k > 1 and cellvalue.is_value(pieces[k - 1].group(0)):
        k -= 1
    if k == len(pieces):
        return [tok]
    head = tok.text[:pieces[k].start()].rstrip()
    out = [Tok(head, tok.start, tok.start + len(head), tok.page, ocr=tok.ocr)]
    out += [Tok(m.group(0), tok.start + m.start(), tok.start + m.end(), tok.page, ocr=tok.ocr) for m in pieces[k:]]
    return out


# No sign: `申请总数件-17` (a full-width － whose spaces the normaliser dropped) must not become -17.
_GLUED = lazyre.compile(r"^(.*?[^\d.,+-])(\d[\d,]*(?:\.\d+)?|[/／—\-－–]+|无)$")


def _unglue(tok: Tok) -> list[Tok]:
    """A label cell with the first value glued on (`咨询电话接听数(人次)7`, `…掌握”3996`, `…次数次无`): the
    normaliser drops the space or tab between CJK text and a number. Split only when the rest is a label."""
    text = tok.text.strip()
    if not text or cellvalue.is_value(text) or lookup(text)[0] is not None:
        return [tok]
    m = _GLUED.match(text)
    if not m or lookup(m.group(1))[0] is None:
        return [tok]
    head, val = m.group(1), m.group(2)
    a = tok.start if tok.row is not None else tok.start + len(tok.text) - len(tok.text.lstrip())
    cut = a + len(head) if tok.row is None else tok.start
    # Digits glued to the label in print (not by the normaliser) may be several cells run together. On a page
    # flattened to one line the file's space before them (`…工作人员数） 37 6788`: the normaliser drops a space after
    # a full-width bracket) says they are one cell, the row's next cells following as pieces of their own.
    glued = val.isdigit() and tok.row is None and not tok.spaced_run and not (tok.piece and len(head) in tok.cuts)
    return [Tok(head, a, cut if tok.row is None else tok.end, tok.page, tok.row, ocr=tok.ocr),
            Tok(val, cut, tok.end, tok.page, tok.row, ocr=tok.ocr, glued_run=glued)]


def _seq(text: str) -> bool:
    return bool(lazyre.compile(r"\s*[\d一二三四五六七八九十]+[.、．]?\s*").fullmatch(text or ""))


def _tidy(label: str) -> str:
    # Line breaks and justification spaces inside a printed Chinese label are typesetting.
    return "".join((label or "").split())


def _cells(tab: _Table, seen: set[str]) -> tuple[list[Cell], list[str]]:
    voc = vocabulary()
    kinds = [k for k in (tab.header or ["annual"]) if k in ("annual", "cumulative")]
    labels = tab.header_labels or ["本年度"]
    cells, non_numeric = [], []
    for row in tab.rows:
        for kind, col_label, tok in zip(kinds, labels, row.values):
            key = row.key + ("_cumulative" if kind == "cumulative" else "")
            if key in seen or any(c.key == key for c in cells):
                continue  # a table printed twice: the first reading stands
            printed_unit = skeleton.norm(row.unit or "").removeprefix("单位:") or None
            value, unit, ok = cellvalue.parse(tok.printed, printed_unit)
            stored = voc["units"][row.key]
            if not ok:
                non_numeric.append(key)
            elif value is not None and stored in voc["money"] and (unit or stored) in voc["money"]:
                value = _scale(value, voc["money"][unit or stored] / voc["money"][stored])
                unit = stored
            # The printed unit joins the label path when it stood in its own column (`… / 万元 / 本年度`).
            shown = [row.unit.strip()] if row.unit and row.unit.strip() and row.unit.strip() not in row.label[-1] else []
            label = [*row.label, *shown, _tidy(col_label)]
            cells.append(Cell(key=key, value=value, raw=tok.printed.strip(), page=tok.page, label=label,
                              table=TABLE, template=TEMPLATE, unit=unit or stored, ocr=tok.ocr,
                              derived_by="constraint" if row.key in tab.split else None,
                              **positions.cell_fields(tok)))
    return cells, non_numeric


def _scale(value: str, factor: Decimal) -> str:
    """Exact decimal text of value × factor (万元 → 元 and back), without a trailing zero fraction."""
    if factor == 1:
        return value
    s = format(Decimal(value) * factor, "f")
    return s.rstrip("0").rstrip(".") if "." in s else s
