"""Cell tokens from tables flattened into text (web pages copied to text) and from Table block grids."""
from __future__ import annotations

from functools import lru_cache

from ..classcache import dataclass
from . import cellvalue, positions, skeleton
from .. import data, model
from ..readers.normalize import is_tab_row
from .. import lazyre

_SEP = lazyre.compile(r"[|\t]")
_MD_RULE = lazyre.compile(r"^:?-{3,}:?$")
# Pieces that end sentences rather than rows: null markers that are words (`无`) and counted numbers
# (`受理申请 17件`); a row of cells prints bare numbers.
_PROSE_NUMBER = lazyre.compile(r"^[无空]$|[件条个项次]$")
_NULL_END = "/／—–-"
# A line this long with this many cells is a page flattened onto one line, tables included.
FLAT_LEN, FLAT_CELLS = 300, 12
FLAT_MARKED_LEN = 120
_PIECE = lazyre.compile(r"[^|\t\s]+")
# (a lone pipe may be followed by a bracket the normaliser joined to it, `| |(七)总计`: it drops a space before `（`)
_FLAT_PIECE = lazyre.compile(r"[^|\t\s]+|(?<=\|)[ \t]+\|(?=[ \t(])")
# what a row of blank cells leaves between its label and the next one: its cell's pipes, some side by side
_BLANK_ROW_GAP = lazyre.compile(r"\s*\|[\s|]*\|\|[\s|]*")


def _neighbours(ms: list, k: int) -> tuple[str | None, str | None]:
    """The pieces of a flattened line's pieces ms nearest before and after ms[k] that are no lone pipe."""
    before = next((m.group(0) for m in reversed(ms[:k]) if not m.group(0).endswith("|")), None)
    after = next((m.group(0) for m in ms[k + 1:] if not m.group(0).endswith("|")), None)
    return before, after


def _between_values(ms: list, k: int) -> bool:
    """Whether the lone pipe ms[k] of a flattened line stands between two cell values (blanks may stand between)."""
    before, after = _neighbours(ms, k)
    return before is not None and after is not None and cellvalue.is_value(before) and cellvalue.is_value(after)


def _leading_pipes(line: str, ms: list) -> bool:
    """Whether the rows of a flattened line kept their leading pipe (`| 规章 | 0 | 0 | | | 行政规范性文件 |`): every
    value followed by a label has two pipes or more between them (its cell's end, then the next row's start)."""
    pieces = [m for m in ms if not m.group(0).endswith("|")]
    seen = False
    for a, b, c in zip(pieces, pieces[1:], [*pieces[2:], None]):
        if cellvalue.is_value(a.group(0)) and not cellvalue.is_value(b.group(0)):
            n = line.count("|", a.end(), b.start())
            if n == 1 and c is not None and cellvalue.is_value(c.group(0)):
                return False  # `… | 19 | 行政强制 | 3`: rows written without a leading pipe
            # (a heading or prose after a table, `| 2293563 | 第三部分 … |`, opens no row: no evidence either way)
            seen = seen or n >= 2
    return seen


def _rows_end_with_pipe(line: str, ms: list) -> bool:
    """Whether the rows of a flattened line were printed without a leading pipe (`规章 | 0 | 0 | 0 | 行政规范性文件 | 4…`):
    some value is followed by a row's label (a label a value follows) with one pipe only between them, its own cell's
    end. (A heading or prose after a table, `… | 6 | 第四部分… | 行政复议 |`, opens no row and says nothing.)"""
    pieces = [m for m in ms if not m.group(0).endswith("|")]
    return any(cellvalue.is_value(a.group(0)) and not cellvalue.is_value(b.group(0)) and cellvalue.is_value(c.group(0))
               and line.count("|", a.end(), b.start()) == 1 for a, b, c in zip(pieces, pieces[1:], pieces[2:]))


def _label_then_value(ms: list, k: int) -> bool:
    """Whether the lone pipe ms[k] stands between a label and a value (a blank value or a merged label cell)."""
    before, after = _neighbours(ms, k)
    return before is not None and after is not None and not cellvalue.is_value(before) and cellvalue.is_value(after)


def _blank_row(line: str, ms: list, k: int) -> int:
    """How many blank cells follow the label ms[k] of a flattened line: its cell's pipes printed side by side up to the
    next label (`行政许可 | |||| 其他对外管理服务事项`), one blank for each pipe after its own; else 0. Not after a
    table's caption or header words (`第二十条第(一)项 | |||| 信息内容`, `行政复议 | |||| 行政诉讼`): the strays of merged
    header cells are no cells; nor before a value (`结转下年度继续办理 | || 0`: which pipes were cells is unknown)."""
    if k + 1 >= len(ms):
        return 0
    piece, nxt = ms[k].group(0), ms[k + 1].group(0)
    gap = line[ms[k].end():ms[k + 1].start()]
    if not _BLANK_ROW_GAP.fullmatch(gap) or nxt.endswith("|") or cellvalue.is_value(piece) or cellvalue.is_value(nxt):
        return 0
    return 0 if _header_piece(piece) else gap.count("|") - 1


def _header_piece(piece: str) -> bool:
    """Whether a flattened piece is a table's caption or header word, whose pipes after it are merged header cells."""
    # (a heading glued to the header word after it, `…诉讼情况行政复议`, ends with that word)
    return any(m in skeleton.norm(piece) for m in _table_marks()) or skeleton.norm(piece).endswith(_header_words())


def _between_labels(ms: list, k: int) -> bool:
    """Whether the lone pipe ms[k] stands between a row's label and the next label, no value on either side: a blank of
    a row of blanks (`| 1.属于国家秘密 |  |  | … | |  | 2.其他…`, `规章 | | | | 规范性文件 | 2 |` from one cell per line),
    whatever the rows' style, the next row's opening pipe and merged label cells maybe among them (gridmatch._fit reads
    such a row only when all are blank)."""
    before, after = _neighbours(ms, k)
    return before is not None and after is not None and not cellvalue.is_value(before) \
        and not cellvalue.is_value(after) and not _header_piece(before)


def _blank_before_label(ms: list, k: int) -> bool:
    """Whether the lone pipe ms[k], in a run between a value and a label on a line whose rows kept their leading
    pipe, is a printed blank: every pipe of the run but the last, which is the next row's start — unless what follows
    opens no row (a heading after the table, `0 |  | 第四部分…`, printed without a pipe or not: the last one may be a
    blank too, and the row's count of cells decides, gridmatch._fit)."""
    before, after = _neighbours(ms, k)
    if after is None or before is None or not cellvalue.is_value(before) or cellvalue.is_value(after):
        return False
    if k + 1 < len(ms) and ms[k + 1].group(0).endswith("|"):
        return True
    nxt = next((m.group(0) for m in ms[k + 2:] if not m.group(0).endswith("|")), None)  # the piece after the label
    return nxt is None or not cellvalue.is_value(nxt)


_BARE_NUMBER = lazyre.compile(r"(?:(?<=\s)|^)\d+(?=\s|$)")
# A row whose digits ran into its label in print (`行政许可196`, `…申请数量2000002`), a piece of its own on a page
# flattened onto one line: a row as telling as bare numbers are (prose pieces end with a stop, not a digit).
_GLUED_ROW = lazyre.compile(r"[^\d。，,;；：:]*[\u4e00-\u9fff）)]\d+")


def _glued_rows(line: str) -> int:
    """How many whitespace-separated pieces of line are glued rows (only pieces ending with a digit are tried)."""
    return sum(1 for p in line.split() if p[-1] in _RUN_DIGITS and _GLUED_ROW.fullmatch(p))
SPACED_RUN = lazyre.compile(r"\s[0-9０-９]+\s*$")
_NOT_LABEL_END = lazyre.compile(r"[\d/／—–\-+.\s]")


@dataclass
class Tok:
    """One printed cell in reading order; `row` groups cells known to share a row (grid or pipe row)."""

    text: str  # cell text with whitespace kept (normalised later for matching)
    start: int  # span in Document.text
    end: int
    page: int | None
    row: int | None = None  # None: a free stream of cells (one cell per line, blank-separated…)
    covered: bool = False  # a copy of a merged cell's anchor (grids only)
    ocr: bool = False
    raw: str | None = None  # the cell as printed when `text` is a normalised form (grids)
    from_table: bool = False  # a cell of a Table block (Word, HTML, PDF), not a piece of a line of text
    # The printed line put a space before its final digit run (`规章（…） 120`): the normaliser may have
    # dropped it, but the run is then one cell (blanks dropped beside it), never cells run together.
    spaced_run: bool = False
    piece: bool = False  # a piece of a page flattened onto one line: its own printed row, as one cell per line
    glued_run: bool = False  # digits that ran into their label in print: maybe several cells (statistics tables)
    # A piece of a page flattened to one line: offsets in `text` where the file had a space between CJK words that
    # normalisation took away (`本年数量 处理决定数量 行政许可` read as one piece): where its cells may end.
    cuts: tuple[int, ...] = ()
    # Grid cells only: the cell's own span in Document.text (start/end above are the whole table's) and the
    # reader's box of the cell (page, x0, top, x1, bottom) when it has one.
    cell: tuple[int, int] | None = None
    box: tuple[int, float, float, float, float] | None = None

    @property
    def printed(self) -> str:
        """The cell's text as printed."""
        return self.text if self.raw is None else self.raw


def text_tokens(block: model.Block, row_ids: "RowIds") -> list[Tok]:
    """Cells of a paragraph block: pipe/markdown/tab rows keep their row; single cells form a stream."""
    toks: list[Tok] = []
    pos = 0
    lines = block.text.split("\n")
    raws = (block.raw or "").split("\n")
    raws = raws if len(raws) == len(lines) else [""] * len(lines)
    for line, raw in zip(lines, raws):
        base = block.start + pos
        pos += len(line) + 1
        if not line.strip():
            continue
        if line.strip() == "|" and row_ids.last_line.endswith("|"):
            # One cell per line, each ended by ` |`: a line holding only `|` is an empty cell.
            toks.append(Tok("", base, base, block.prov.page, ocr=block.prov.ocr))
            continue
        row_ids.last_line = line.strip()
        if _flat_table(line):
            # A whole page on one line (a scraper that dropped every <p> and <tr>): row ends are lost, so
            # its pieces form a free stream, as one cell per line does; blank cells cannot be told from
            # separators there and are dropped (a row that lost one is left out, never shifted).
            ms = list(_FLAT_PIECE.finditer(line))
            leading = _leading_pipes(line, ms)
            trailing = _rows_end_with_pipe(line, ms)
            removed = positions.raw_spaces_in(raw, line)
            for k, m in enumerate(ms):
                if m.group(0).endswith("|"):
                    # `0 | | 0 |`: a lone `|` between two values was a printed blank cell (a line of its own on
                    # the unflattened page, which text_tokens reads so). Next to a label it may as well end a
                    # row or stand for a merged label cell: dropped there — unless the line shows its rows' style.
                    # Rows that open with a pipe: the last pipe before a row's label is its start, the others (and
                    # one between a label and a value) blanks. Rows that end with their last cell's pipe and open
                    # without one: every lone pipe closes a blank. Which blanks beyond a row's columns were merged
                    # label cells, gridmatch._fit decides where unique.
                    if _between_values(ms, k) or _between_labels(ms, k) \
                            or leading and (_blank_before_label(ms, k) or _label_then_value(ms, k)) \
                            or not leading and trailing:
                        toks.append(_blank_piece(base + m.start(), block))
                    continue
                for piece, off in _unglue_heading(m.group(0)):
                    t = _tok(piece, base + m.start() + off, block)
                    lo = m.start() + off + len(piece) - len(piece.lstrip())
                    t.piece, t.cuts = True, tuple(c - lo for c in removed if lo < c < lo + len(t.text))
                    toks.extend(_value_cut(t))
                # Pipes printed side by side after a label and up to the next (`行政许可 | |||| 行政强制`): a row of
                # blank cells, which the pattern above does not take (`0 | || 二、…` may be a separator line's).
                toks.extend(_blank_piece(base + m.end(), block) for _ in range(_blank_row(line, ms, k)))
            continue
        if not _SEP.search(line):
            for piece, off in _space_cells(line):
                toks.append(_tok(piece, base + off, block))
            toks[-1].spaced_run = spaced_run(raw)
            continue
        parts, offs, p = [], [], 0
        for piece in _SEP.split(line):
            parts.append(piece)
            offs.append(p)
            p += len(piece) + 1
        # A leading or trailing pipe delimits the row; it does not open an empty cell. In a tab row (no
        # pipe) every tab ends a cell, so an edge tab is a blank cell: a merged label's copy, a blank total.
        if "|" in line or not is_tab_row(line):
            if parts and not parts[0].strip():
                parts, offs = parts[1:], offs[1:]
            if parts and not parts[-1].strip():
                parts, offs = parts[:-1], offs[:-1]
        filled = [x for x in parts if x.strip()]
        if not filled or all(_MD_RULE.match(x.strip()) for x in filled):
            continue  # a separator line (`||`, `|||||`) or a markdown rule
        if len(parts) == 1:
            # One cell on the line (`规章 |`, ` 0  | `): part of a free stream, the pipe ends it.
            toks.append(_tok(parts[0], base + offs[0], block))
            continue
        # Two or more cells, even blank ones (`规章 |  |  |  |`: blank printed cells), make a row.
        rid = row_ids.next()
        for piece, off in zip(parts, offs):
            t = _tok(piece, base + off, block)
            t.row = rid
            toks.append(t)
    return toks


def _blank_piece(pos: int, block: model.Block) -> Tok:
    """A blank cell of a page flattened to one line, at offset pos."""
    return Tok("", pos, pos, block.prov.page, ocr=block.prov.ocr, piece=True)


def _value_cut(t: Tok) -> list[Tok]:
    """A flattened piece whose first part, up to the file's first space in it, is a cell value (`4（二）部分公开…`,
    `3130（三）接受培训人员数`): the value and the rest as pieces of their own, else the piece."""
    # (the normaliser drops the space between a digit and a full-width bracket or quote, so a row's last value
    # reaches the table readers glued to the next row's label, and the row before it lacks a cell)
    if not t.cuts or not cellvalue.is_value(t.text[:t.cuts[0]]):
        return [t]
    k = t.cuts[0]
    return [Tok(t.text[:k], t.start, t.start + k, t.page, ocr=t.ocr, piece=True),
            Tok(t.text[k:], t.start + k, t.end, t.page, ocr=t.ocr, piece=True, cuts=tuple(c - k for c in t.cuts[1:]))]


# "政府集中采购 2 70487元三、收到和处理…": on a page flattened to one line a table's last cell runs into the next
# part's heading (no space was printed between a cell and the paragraph after the table).
_GLUED_HEADING = lazyre.compile(r"(?<=[\d元])(?=[一二三四五六七八九十]{1,3}、)")


def _unglue_heading(piece: str) -> list[tuple[str, int]]:
    """A flattened page's piece split where a cell value runs into a numbered heading, else whole."""
    m = _GLUED_HEADING.search(piece)
    if m and cellvalue.is_value(piece[:m.start()]):
        return [(piece[:m.start()], 0), (piece[m.start():], m.start())]
    return [(piece, 0)]


def spaced_run(text: str) -> bool:
    """Whether text ends with a run of digits printed after a space (SPACED_RUN)."""
    # searched only when the last character before trailing spaces is a digit, as any match needs: most lines are
    # prose, and the search tried every space of them (rstrip and \s strip the same characters)
    return text.rstrip()[-1:] in _RUN_DIGITS and bool(SPACED_RUN.search(text))


_RUN_DIGITS = "0123456789０１２３４５６７８９"
_SPACE = lazyre.compile(r"\s")


def _flat_table(line: str) -> bool:
    """True for a very long line holding a flattened table (many separators or bare numbers, or a table's caption)."""
    if len(line) < FLAT_MARKED_LEN:
        return False
    bare = len(_BARE_NUMBER.findall(line))
    if len(line) >= FLAT_LEN and (line.count("|") >= FLAT_CELLS or bare >= FLAT_CELLS):
        return True
    bare += _glued_rows(line)
    if len(line) >= FLAT_LEN and bare >= FLAT_CELLS:
        return True
    # a shorter page (a short excerpt, a small table) is one too when it prints a table's caption among its numbers
    return bare >= 3 and any(m in skeleton.norm(line) for m in _table_marks())


@lru_cache(maxsize=1)
def _header_words() -> tuple[str, ...]:
    """Every template table's caption and header words (行政复议, 结果维持, 本年增/减), normalised."""
    return tuple(sorted({skeleton.norm(w) for t in skeleton.skeletons().values() for spec in t.values()
                         for w in [*spec.anchors, *spec.header, *(label for col in spec.cols for label in col.labels)]}))


@lru_cache(maxsize=1)
def _table_marks() -> tuple[str, ...]:
    """Words only a table prints: template captions (not the short 行政复议, common in prose), the section-二
    tables' column headers (本年制发件数, 对外公开总数量: a page may have lost the caption's item number) and 附表 headers."""
    marks = {skeleton.norm(a) for t in skeleton.skeletons().values() for spec in t.values() for a in spec.anchors}
    marks |= {skeleton.norm(label) for t in skeleton.skeletons().values() for key, spec in t.items()
              if key.startswith("s2.") for col in spec.cols for label in col.labels if len(label) >= 6}
    cols = data.load("legacy_stats.yaml")["columns"]
    # (the indicator column's own header, 指标名称 / 统计指标: a table printed 统计指标 单位 统计数 has no other mark; 项目名称
    # is left out, a project's name being common in prose)
    indicator = {w for w in cols["label"] if len(w) >= 4 and "指标" in w}
    return tuple(sorted({m for m in marks if len(m) >= 5} | {cols["unit"][0], cols["cumulative"][0]} | indicator))


_SPACE_PIECE = lazyre.compile(r"(?:增加|减少|增|减)[ \t\u00a0\u3000]+\d+(?:\.\d+)?(?=\s|$)|\S+")


def _space_cells(line: str) -> list[tuple[str, int]]:
    """A line split into a label and the numbers that end it (`规章 0 0 0`, `9 0 0 0 0 0 9`), else whole."""
    if line and not _SPACE.search(line):
        return [(line, 0)]  # one piece (a prose paragraph): whole whatever it holds, as the steps below conclude
    # (a change printed as a word and its number set apart, `增 13`, `减少 2`, as a copied PDF or a Word cell spaces
    # digits from the words around them: one signed cell)
    pieces = [(m.group(0), m.start()) for m in _SPACE_PIECE.finditer(line)]
    k = len(pieces)
    while k > 0 and cellvalue.is_value(pieces[k - 1][0]) and not _PROSE_NUMBER.search(pieces[k - 1][0]):
        k -= 1
    nums = pieces[k:]
    if not nums or (k == 0 and sum(any(ch.isdigit() for ch in x) for x, _ in nums) < 2):
        return [(line, 0)]  # a page number (`- 4 -`) or a lone number
    if _thousands(nums) and k == 0:
        return [(line, 0)]  # `1 136`: one number with a thousands space, not two cells
    head = [(line[:nums[0][1]].rstrip(), 0)] if k else []
    if head and len(head[0][0]) > 1 and head[0][0][-1] in _NULL_END and not _NOT_LABEL_END.match(head[0][0][-2]):
        # `…稳定”/ / 0`: the normaliser drops the space after full-width punctuation, gluing a first null
        # marker to the label; it is the row's first cell.
        lab = head[0][0]
        head = [(lab[:-1], 0), (lab[-1], len(lab) - 1)]
    return head + nums


def _thousands(nums: list[tuple[str, int]]) -> bool:
    return (nums[0][0].isdigit() and len(nums[0][0]) <= 3
            and all(x.isdigit() and len(x) == 3 for x, _ in nums[1:]))


def grid_tokens(block: model.Block, row_ids: "RowIds") -> list[Tok]:
    """Cells of a Table block, row by row; merged-cell copies are marked covered."""
    toks: list[Tok] = []
    # Labels are matched on the normalised grid (NFKC, traditional → simplified, lines joined);
    # the raw grid gives each cell's text as printed.
    rows = block.rows or block.rows_raw or []
    raws = block.rows_raw or rows
    covered = block.covered or []
    start, end, ocr = block.start, block.end, block.prov.ocr
    boxes = block.cell_boxes or []
    at = start  # Document.finalise writes a table as " | "-joined rows, one per line: each cell's offset follows
    for r, row in enumerate(rows):
        rid = row_ids.next()
        page = block.row_pages[r] if block.row_pages and r < len(block.row_pages) else block.prov.page
        cov_row = covered[r] if r < len(covered) else ()
        raw_row = raws[r] if r < len(raws) else ()
        box_row = boxes[r] if r < len(boxes) else ()
        for c, cell in enumerate(row):
            cov = bool(c < len(cov_row) and cov_row[c])
            raw = raw_row[c] if c < len(raw_row) else cell
            tok = Tok(cell or "", start, end, page, rid, cov, ocr, raw=raw or "", from_table=True)
            tok.cell = (at, at + len(cell or ""))
            tok.box = box_row[c] if c < len(box_row) else None
            toks.append(tok)
            at += len(cell or "") + 3
        at += 1 - 3 * bool(row)
    return toks


def _tok(piece: str, start: int, block: model.Block) -> Tok:
    lead = len(piece) - len(piece.lstrip())
    s = piece.strip()
    a = start + lead
    return Tok(s, a, a + len(s), block.prov.page, ocr=block.prov.ocr)


class RowIds:
    """A counter of row ids shared by every source of one document, and the last text line read."""

    def __init__(self) -> None:
        self.n = 0
        self.last_line = ""  # .txt readers emit one block per line: the line context spans blocks

    def next(self) -> int:
        """A new row id."""
        self.n += 1
        return self.n
