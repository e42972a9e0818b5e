"""Match a stream of cell tokens (grids or flattened text) to the template skeletons, row by row."""
from __future__ import annotations

import re
from dataclasses import field
from typing import Callable

from ..classcache import dataclass
from . import cellvalue, skeleton, splitrun
from .flattext import Tok, spaced_run
from .skeleton import Label, norm
from .splitrun import Run
from .. import lazyre

# A free stream never joins more cells than this into one label (`自\n然\n人`, `(三)\n不予公开`).
MAX_JOIN = 10
# A line this long is prose: it ends a table flattened into text.
PROSE_LEN = 40
_GLUED = lazyre.compile(r"^(.*?[^\d.+\-])(\d+)$")


@dataclass
class RowRead:
    """One table row as read: its key, printed label path and value cells."""

    key: str
    label: list[str]
    cells: list[Tok]
    templates: set[str]


@dataclass
class Found:
    """One template table as read from the stream."""

    table: str
    templates: set[str]
    rows: dict[str, RowRead] = field(default_factory=dict)
    header: dict[str, str] = field(default_factory=dict)  # col key -> printed label
    header_rows: dict[str, int | None] = field(default_factory=dict)  # col key -> row id of its header cell
    header_order: list[str] = field(default_factory=list)
    misfit: list[str] = field(default_factory=list)  # row keys whose cells could not be aligned
    runs: dict[str, Run] = field(default_factory=dict)  # row key -> its glued digit run (cells: placeholders)
    group: str | None = None  # printed group label in force
    start: int | None = None
    end: int | None = None
    page: int | None = None

    def touch(self, tok: Tok) -> None:
        """Extend the table's text span and first page with a consumed token."""
        self.start = tok.start if self.start is None else min(self.start, tok.start)
        self.end = tok.end if self.end is None else max(self.end, tok.end)
        if self.page is None:
            self.page = tok.page


def _tables_with(key: str) -> set[str]:
    return {t for t, tables in skeleton.skeletons().items() if key in tables}


class Matcher:
    """A left-to-right reader: anchors open a table, labels key rows, runs of values fill them."""

    def __init__(self, toks: list[Tok], prior: str | None | Callable[[], str | None] = None):
        self.toks = toks
        self._prior = prior  # the template the document as a whole suggests, or a function that works it out
        self.idx = skeleton.index()
        self.found: list[Found] = []
        self.cur: Found | None = None
        self.skip_rows: set[int] = set()  # rows already read as the end of a label broken across pages
        self.skip_toks: set[int] = set()  # ids of prose lines read the same way (unruled tables)

    @property
    def prior(self) -> str | None:
        """The template suggested by the document as a whole (detect labels), worked out on first use."""
        # (a function when the caller gives one: the hint normalises the whole text, ~0.5 ms on 16,000 characters,
        # and only a table whose own labels leave its template open asks for it)
        if callable(self._prior):
            self._prior = self._prior()
        return self._prior

    # -- label matching -------------------------------------------------------------------------
    def _match(self, i: int) -> tuple[list[Label], int, str]:
        t = self.toks[i]
        if t.row is not None or len(norm(t.text)) > 80:
            # A grid or pipe-row cell holds its whole label (line breaks inside are typesetting).
            text = norm(t.text)
            if not self.cur:
                return self.idx.lookup(text), i + 1, t.text
            found = self.idx.lookup(text)
            if found and any(e.kind == "group" for e in found):
                # `（三）不予公开 | numbers` at a page foot and `1.属于国家秘密` alone atop the next page: an
                # unruled row (group and sub-row labels in one column) broken just after the group label.
                top = self._page_top_line(i)
                joined = self._glued_label(text + norm(self.toks[top].text))[1] if top is not None else []
                if any(e.kind == "row" for e in joined):
                    self.skip_toks.add(id(self.toks[top]))
                    return joined, i + 1, t.text + self.toks[top].text
            if found:
                return found, i + 1, t.text
            # Joins with a neighbouring row come before tolerant look-ups: the first half of a wrapped
            # label is close enough to the whole to pass the fuzzy test.
            down = self._label_continues_below(i)
            if down is not None:
                # A label wrapped over two rows whose numbers sit on the second: read as that row.
                found, label = self._grid_label(text + norm(self.toks[down].text))
                if found:
                    return found, down + 1, label or t.text + self.toks[down].text
            cont = self._continuation(i)
            if cont is not None:
                # A label wrapped onto the next row (or page) alone: its numbers sit on this row.
                found, label = self._grid_label(text + norm(self.toks[cont].text))
                if found:
                    if self.toks[cont].row is None:
                        self.skip_toks.add(id(self.toks[cont]))
                    else:
                        self.skip_rows.add(self.toks[cont].row)
                    return found, i + 1, label or t.text + self.toks[cont].text
            found, label = self._grid_label(text)
            return found, i + 1, label or t.text
        # Cumulative joins of the following short cells, no longer than the longest label.
        joins, acc, k = [], "", i
        while k < len(self.toks) and len(joins) < MAX_JOIN:
            nxt = self.toks[k]
            if k > i and (nxt.row is not None or nxt.covered or cellvalue.is_value(nxt.text)
                          or len(norm(nxt.text)) > PROSE_LEN):
                break
            acc += norm(nxt.text)
            if len(acc) > self.idx.max_len and k > i:  # the first cell may carry a long note
                break
            joins.append(acc)
            k += 1
        for n in range(len(joins), 0, -1):
            found = self.idx.lookup(joins[n - 1])
            if found:
                return found, i + n, "".join(self.toks[m].text for m in range(i, i + n))
        below = self._page_top_row(i) if self.cur and len(joins) == 1 else None
        if below is not None:
            # The first half of a label at the foot of a page, left in the prose (an unruled table's
            # label-only line); the rest opens the next page's table fragment with the numbers.
            found, label = self._grid_label(joins[0] + norm(self.toks[below].text))
            if found:
                return found, below + 1, label or t.text + self.toks[below].text
        for n in (2, 1) if self.cur else ():  # misprints and notes: tolerant look-up inside a table only
            if n <= len(joins):
                found = self.idx.lookup_tolerant(joins[n - 1])
                if found:
                    return found, i + n, "".join(self.toks[m].text for m in range(i, i + n))
        return [], i + 1, t.text

    def _grid_label(self, text: str) -> tuple[list[Label], str | None]:
        found = self.idx.lookup_tolerant(text)
        if found:
            return found, None
        # Group and sub-row labels in one cell (unruled PDFs put them in one label column).
        label, found = self._glued_label(text)
        return found, label if found else None

    def _next_row(self, i: int) -> list[int] | None:
        """Indexes of the filled cells of the grid row after token i's row, past footers and repeated headers."""
        row, j = self.toks[i].row, i
        while j < len(self.toks) and self.toks[j].row == row:
            j += 1
        while True:
            while j < len(self.toks) and self.toks[j].row is None and len(self.toks[j].text) < 12:
                j += 1  # a running footer between two pages (`- 3 -`)
            if j >= len(self.toks) or self.toks[j].row is None:
                return None
            rid, cells = self.toks[j].row, []
            while j < len(self.toks) and self.toks[j].row == rid:
                if not self.toks[j].covered and self.toks[j].text.strip():
                    cells.append(j)
                j += 1
            if not (cells and self.cur and all(self._header_cell(self.toks[k]) for k in cells)):
                return cells
            # A header row Word repeats at the top of each page: the broken row continues after it.

    def _header_cell(self, t: Tok) -> bool:
        return any(e.table == self.cur.table and e.kind in ("anchor", "header", "col")
                   for e in self.idx.lookup(norm(t.text)))

    def _label_continues_below(self, i: int) -> int | None:
        row = self.toks[i].row
        j = i + 1
        while j < len(self.toks) and self.toks[j].row == row:
            if self.toks[j].text.strip() and not self.toks[j].covered:
                return None  # the row has cells of its own
            j += 1
        nxt = self._next_row(i)
        if nxt and len(nxt) >= 2 and not cellvalue.is_value(self.toks[nxt[0]].text) and all(
                cellvalue.is_value(self.toks[k].text) for k in nxt[1:]):
            return nxt[0]
        return self._broken_row(i, nxt, values_below=True)

    def _continuation(self, i: int) -> int | None:
        top = self._page_top_line(i)
        if top is not None:
            return top
        nxt = self._next_row(i)
        if nxt and len(nxt) == 1 and not cellvalue.is_value(self.toks[nxt[0]].text):
            return nxt[0]
        return self._broken_row(i, nxt, values_below=False)

    def _past_page_foot(self, j: int, page: int | None) -> int | None:
        """The first token from j on past short lines of `page` (a page number), if it lies on a later page."""
        while j < len(self.toks) and self.toks[j].row is None and self.toks[j].page == page and len(self.toks[j].text) < 12:
            j += 1
        if page is None or j >= len(self.toks) or self.toks[j].page is None or self.toks[j].page <= page:
            return None
        return j

    def _page_top_line(self, i: int) -> int | None:
        # An unruled table's row broken across pages: the rest of the label is a line of its own at the
        # top of the next page (no numbers, so the PDF reader left it in the prose).
        start, width = self._row_span(i)
        j = self._past_page_foot(start + width, self.toks[i].page)
        if j is None or self.toks[j].row is not None or cellvalue.is_value(self.toks[j].text):
            return None
        return j if len(norm(self.toks[j].text)) <= PROSE_LEN else None

    def _page_top_row(self, i: int) -> int | None:
        """The label cell opening the next page's table fragment with numbers, when token i ends a page."""
        j = self._past_page_foot(i + 1, self.toks[i].page)
        if j is None or self.toks[j].row is None or len(norm(self.toks[i].text)) > PROSE_LEN:
            return None
        start, width = self._row_span(j)
        cells = [k for k in range(start, start + width) if self.toks[k].text.strip() and not self.toks[k].covered]
        if not cells or cells[0] != j or cellvalue.is_value(self.toks[j].text) or len(cells) < 2:
            return None
        return j if all(cellvalue.is_value(self.toks[k].text) for k in cells[1:]) else None

    def _broken_row(self, i: int, nxt: list[int] | None, values_below: bool) -> int | None:
        """The cell continuing token i's label in the same column of the next grid row, if that row is the rest of i's."""
        # A row broken across pages (LibreOffice, Word) splits every label cell of the row — the group
        # label (`（六）其` | `他处理`) and the sub-row label — each continuing in its own column at the top
        # of the next page's table fragment; the numbers stay on one side. The next row is the rest of
        # this one only when its text cells sit in columns where this row has label text and exactly
        # one side holds numbers. Label columns are counted from the left: a fragment may lack a
        # column split further right (a PDF table finder only sees the rules drawn on its page).
        if not nxt:
            return None
        start, width = self._row_span(i)
        nstart = self._row_span(nxt[0])[0]
        here = [k for k in range(start, start + width) if self.toks[k].text.strip() and not self.toks[k].covered]
        labels_here = {k - start for k in here if not cellvalue.is_value(self.toks[k].text)}
        text_below = {k - nstart: k for k in nxt if not cellvalue.is_value(self.toks[k].text)}
        values_here = len(here) > len(labels_here)
        has_values_below = len(text_below) < len(nxt)
        if values_here == has_values_below or has_values_below != values_below:
            return None
        if not set(text_below) <= labels_here:
            return None
        return text_below.get(i - start)

    def _row_span(self, i: int) -> tuple[int, int]:
        """(index of the first token, number of tokens) of token i's grid row."""
        row, a, b = self.toks[i].row, i, i
        while a > 0 and self.toks[a - 1].row == row:
            a -= 1
        while b < len(self.toks) and self.toks[b].row == row:
            b += 1
        return a, b - a

    # -- table state ----------------------------------------------------------------------------
    def _open(self, table: str) -> Found:
        self.cur = Found(table, _tables_with(table))
        self.found.append(self.cur)
        return self.cur

    def _ncols(self, table: str, template: str) -> int:
        return len(skeleton.skeletons()[template][table].cols)

    # -- values ---------------------------------------------------------------------------------
    def _row_cells(self, j: int, row: int) -> tuple[list[Tok], int]:
        cells = []
        while j < len(self.toks) and self.toks[j].row == row:
            if not self.toks[j].covered:
                cells.append(self.toks[j])
            j += 1
        return cells, j

    def _stream_values(self, j: int) -> tuple[list[Tok], int]:
        cells = []
        while j < len(self.toks):
            t = self.toks[j]
            if t.covered or (t.row is not None and not t.text.strip()):
                j += 1
                continue
            if t.text.strip() and not (cellvalue.is_value(t.text) or cells and cellvalue.is_change_marker(t.text)):
                break
            cells.append(t)  # a number, a null marker, a printed change (减), or an explicit empty cell (a `|` line)
            j += 1
        return cells, j

    @staticmethod
    def _fit(cells: list[Tok], n: int, grid: bool, labelled: bool = True,
             one_label_col: bool = False) -> list[Tok] | None:
        if len(cells) == n:
            return cells
        cells = list(cells)
        if grid and not labelled:
            # A row of values alone (s4): a blank at either edge may be a printed blank cell or a stray
            # (a ragged `| |||` end, a pipe read as the row's opening). Only the filled core can be placed:
            # when it is shorter than the row, the blanks it needs could sit at either end, so never guess.
            a, b = 0, len(cells)
            while a < b and not cells[a].text.strip():
                a += 1
            while b > a and not cells[b - 1].text.strip():
                b -= 1
            return cells[a:b] if b - a == n else None
        if not grid:
            # A free stream that dropped empty cells cannot be aligned: never guess. Explicit empty cells beyond
            # the row's columns are merged label cells: right after the label its own (`（六）其他处理 | | 1 | 0 …`),
            # at the end the next row's (`… | 10 | | | 2.没有现成信息…`, its opening `|` and the columns before its
            # label). They go only where the split is unique: a filled cell at one end says every extra sits at
            # the other; with blanks at both ends and more of them than extras, which were values is unknown.
            extra = len(cells) - n
            if extra <= 0:
                return cells if extra == 0 else None
            if not any(c.text.strip() for c in cells):
                return cells[:n]  # a row of blanks only: every placing of the extras reads the same blanks
            lead = next((k for k, c in enumerate(cells) if c.text.strip()), len(cells))
            trail = next((k for k, c in enumerate(reversed(cells)) if c.text.strip()), len(cells))
            lo, hi = max(0, extra - trail), min(lead, extra)  # how many of the extras may sit at the start
            return cells[lo:len(cells) - (extra - lo)] if lo == hi else None
        # Grids carry stray empty cells (an extra cell after a label, a ragged `| |` end). A label merged
        # over several columns leaves its strays right after it (`一、本年新收… | || 3`), so the start goes
        # first, except in a row of text whose table has one label column (no row groups): a blank there is
        # a printed blank value (`行政处罚 |  | 24 | 104 | |||`), and the strays are the ragged end.
        for end in ((-1, 0) if one_label_col else (0, -1)):
            while len(cells) > n and not cells[end].text.strip():
                cells.pop(end)
        return cells if len(cells) == n else None

    def _choose_template(self, cur: Found, candidates: set[str], fits: dict[str, list[Tok]]) -> str | None:
        ok = [t for t in skeleton.TEMPLATES if t in candidates and t in fits]
        if len(cur.templates) == 1:
            # The printed header (or an earlier row's width) already decided: a row that only fits
            # the other template has lost or gained a cell, and is not re-keyed to fit.
            ok = [t for t in ok if t in cur.templates]
        if len(ok) == 1:
            return ok[0]
        if not ok:
            return None
        keys = {tuple(c.key for c in skeleton.skeletons()[t][cur.table].cols) for t in ok}
        if len(keys) == 1:
            return ok[0] if self.prior not in ok else self.prior  # same columns: the template is a label
        return self.prior if self.prior in ok else None

    def _take_row(self, entries: list[Label], label: str, values: list[Tok], grid: bool,
                  glued: dict[str, tuple[list[Tok], Run | None]] | None = None) -> None:
        cur = self.cur
        rows = [e for e in entries if e.kind == "row"]
        keys = {e.key for e in rows}
        if len(keys) > 1 and cur.group:  # the same printed label in two groups: the group decides
            groups = {e.key for e in self.idx.lookup(norm(cur.group)) if e.kind == "group"}
            keys = {k for k in keys if k.split(".")[0] in groups} or keys
        if len(keys) != 1:
            return
        key = keys.pop()
        cands = {e.template for e in rows if e.key == key}
        text_row = bool(values) and not values[0].from_table
        fits = {}
        for t in cands:
            # A table without row groups (the s2 tables) has one label column: in a row of text it cannot
            # leave stray cells after the label.
            one_label_col = text_row and not skeleton.skeletons()[t][cur.table].groups
            if glued is not None:
                f = glued[t][0] if t in glued else None
            else:
                f = self._fit(values, self._ncols(cur.table, t), grid, one_label_col=one_label_col)
            if f is not None:
                fits[t] = f
        if glued is not None and len(cur.templates) > 1 and len({self._ncols(cur.table, t) for t in cands}) > 1:
            # A glued digit run reads differently per template (550 or 5 / 5 / 0): when the table itself
            # does not tell, the other s2 tables of the document (or its template-only labels) decide,
            # never the run's length; with no such evidence the row is left out.
            evidence = self._evidence()
            fits = {t: f for t, f in fits.items() if t == evidence}
        tmpl = self._choose_template(cur, cands, fits)
        if tmpl is None:
            if key not in cur.misfit and key not in cur.rows:
                cur.misfit.append(key)
            return
        if key in cur.rows:
            return  # a repeated row (a page header printed twice): the first reading stands
        path = [label]
        gkey = key.split(".")[0] if "." in key else None
        if gkey in self._group_keys(cur.table):
            printed = cur.group and {e.key for e in self.idx.lookup(norm(cur.group)) if e.kind == "group"}
            # A group label floating in the middle of its sub-rows is not yet printed for the first ones.
            path = [cur.group if printed and gkey in printed else self._group_label(cur.table, gkey), label]
        cur.rows[key] = RowRead(key, path, fits[tmpl], {tmpl})
        if glued is not None and glued[tmpl][1] is not None:
            cur.runs[key] = glued[tmpl][1]
        if len({tuple(c.key for c in skeleton.skeletons()[t][cur.table].cols) for t in cur.templates}) > 1:
            cur.templates = {tmpl}  # the row's width told the templates apart
        if key in cur.misfit:
            cur.misfit.remove(key)

    def _group_label(self, table: str, gkey: str) -> str:
        return next(t[table].groups[gkey][0] for t in skeleton.skeletons().values()
                    if table in t and gkey in t[table].groups)

    def _group_keys(self, table: str) -> set[str]:
        return {g for tables in skeleton.skeletons().values() if table in tables for g in tables[table].groups}

    # -- main loop ------------------------------------------------------------------------------
    def run(self) -> list[Found]:
        """Every template table found in the token stream."""
        toks = self.toks
        i = 0
        while i < len(toks):
            t = toks[i]
            if t.covered or not t.text.strip() or t.row in self.skip_rows or id(t) in self.skip_toks:
                i += 1
                continue
            if cellvalue.is_value(t.text):
                i = self._orphan_values(i)
                continue
            if t.piece and len(t.text) > 3 * PROSE_LEN:
                # A long stretch of a page flattened onto one line is prose, perhaps run into the labels
                # opening a table: never looked up as one label (a tolerant look-up would find one in it).
                i = self._unknown(i)
                continue
            if t.piece and t.cuts and self._cut_piece(i):
                # (before any look-up: a tolerant one takes `现行有效件数规章`, a header and the first row's label the
                # normaliser joined, for the header alone, and the row is lost)
                continue
            entries, j, printed = self._match(i)
            if not entries:
                i = self._unknown(i)
                continue
            cur = self.cur
            mine = [e for e in entries if cur and e.table == cur.table]
            if not mine:
                opening = [e for e in entries if e.kind in ("anchor", "row")]
                if not opening:
                    i = j
                    continue
                if opening[0].kind == "row" and not self._has_values(j, t):
                    i = j  # a row label outside any table and without numbers is prose, not a table
                    continue
                cur = self._open(opening[0].table)
                mine = [e for e in entries if e.table == cur.table]
            for k in range(i, j):
                cur.touch(toks[k])
            kinds = {e.kind for e in mine}
            if "col" in kinds:
                self._header(mine, printed, t)
            if kinds & {"row", "group"}:
                i = self._row(mine, printed, i, j)
                continue
            i = j
        return [f for f in self.found if f.rows or f.header or f.misfit]

    def _has_values(self, j: int, t: Tok) -> bool:
        if t.row is not None:
            return any(x.text.strip() and cellvalue.is_value(x.text) for x in self._row_cells(j, t.row)[0])
        return bool(self._stream_values(j)[0])

    def _header(self, mine: list[Label], printed: str, t: Tok) -> None:
        cur = self.cur
        temps = {e.template for e in mine if e.kind == "col"}
        if cur.templates & temps:
            cur.templates &= temps
        for e in mine:
            if e.kind == "col" and e.key not in cur.header:
                cur.header[e.key] = printed
                cur.header_rows[e.key] = t.row
                cur.header_order.append(e.key)
                if skeleton.skeletons()[e.template][cur.table].single_row:
                    break  # s4 repeats 结果维持…: the first unseen column takes the label

    def _row(self, mine: list[Label], printed: str, i: int, j: int) -> int:
        t = self.toks[j - 1]  # the label's last cell: a label wrapped over two grid rows ends on the second
        grid = t.row is not None
        if grid:
            values, nxt = self._row_cells(j, t.row)
            rest = [x for x in values if x.text.strip() and not cellvalue.is_value(x.text)]
            if rest and (any(e.kind == "group" for e in mine) or self.idx.lookup_tolerant(norm(rest[0].text))):
                values, nxt = [], j  # a group label cell followed by its first sub-row's label (maybe broken)
        else:
            values, nxt = self._stream_values(j)
        if not values:
            if any(e.kind == "group" for e in mine):
                self.cur.group = printed
            return nxt
        for v in values:
            self.cur.touch(v)
        if any(e.kind == "row" for e in mine):
            run = norm(values[0].text) if not grid and len(values) == 1 else ""
            if len(run) >= 2 and run.isdigit() and run[0] == "0":
                # A lone cell `000` under a row of three columns: no printed count opens with 0, so the cells ran
                # together in print; it is split like a run glued to its label (`规章000`), only where unique.
                glued = self._glued_cells(self.cur.table, run, values[0].start, values[0])
                self._take_row(mine, printed, values, grid,
                               glued={tm: g for tm, g in glued.items() if g[1] is not None})
            else:
                self._take_row(mine, printed, values, grid)
        return nxt

    def _orphan_values(self, i: int) -> int:
        t = self.toks[i]
        cur = self.cur
        if t.row is not None:
            # The whole row: run() skips blank cells, so the row's leading blanks (printed blank cells of a
            # tab-separated copy) sit before i.
            start = i
            while (start > 0 and self.toks[start - 1].row == t.row and not self.toks[start - 1].covered
                   and not self.toks[start - 1].text.strip()):
                start -= 1
            values, nxt = self._row_cells(start, t.row)
        else:
            values, nxt = self._stream_values(i)
        if cur and cur.header:
            tables = skeleton.skeletons()
            spec = next(tables[tm][cur.table] for tm in skeleton.TEMPLATES if cur.table in tables[tm])
            if spec.single_row and "" not in cur.rows:
                n = len(spec.cols)
                run = None
                if len(values) == 1 and t.row is None and len(norm(t.text)) >= n and norm(t.text).isdigit():
                    # No separators at all: the run is split by the row's identities (each group's total).
                    values, run = self._split(spec, norm(t.text), t.start, t)
                fit = self._fit(values, n, t.row is not None, labelled=False)
                if fit is not None:
                    for v in values:
                        cur.touch(v)
                    cur.rows[""] = RowRead("", [], fit, set(cur.templates))
                    if run is not None:
                        cur.runs[""] = run
        return max(nxt, i + 1)

    def _glued_cells(self, table: str, digits: str, at: int, t: Tok) -> dict[str, tuple[list[Tok], Run | None]]:
        """Cells of a digit run glued to its label (`行政许可550`) per template, with the run when it was split."""
        # With one value column the run is one number (550), never 5 / 5 / 0; with n columns every split
        # satisfying the row's identities is kept (splitrun): one digit per column is the only split of an
        # n-digit run (`规章000`); the table's column identities may settle the rest (tables.extract).
        out = {}
        for tm in skeleton.TEMPLATES:
            if table not in skeleton.skeletons()[tm]:
                continue
            spec = skeleton.skeletons()[tm][table]
            if len(spec.cols) == 1:
                out[tm] = ([Tok(digits, at, at + len(digits), t.page, None, False, t.ocr)], None)
                continue
            cells, run = self._split(spec, digits, at, t)
            if run is not None:
                out[tm] = (cells, run)
        return out

    @staticmethod
    def _split(spec: skeleton.Table, digits: str, at: int, t: Tok) -> tuple[list[Tok], Run | None]:
        """Placeholder cells for a glued run and its splits; ([], None) when no split fits the row."""
        alts = splitrun.splits(digits, [c.key for c in spec.cols], spec.row_sums)
        if alts == []:
            return [], None
        run = Run(digits, alts or [], exhausted=alts is None)
        # The cells stay blank (raw: the whole run) until exactly one split is left.
        return [Tok("", at, at + len(digits), t.page, None, False, t.ocr, raw=digits) for _ in spec.cols], run

    def _evidence(self) -> str | None:
        """The template the s2 tables read so far agree on, else the document-wide hint."""
        seen = {next(iter(f.templates)) for f in self.found
                if f is not self.cur and f.table.startswith("s2") and len(f.templates) == 1}
        return seen.pop() if len(seen) == 1 else self.prior

    def _segment(self, text: str) -> list[str] | None:
        segs, p = [], 0
        while p < len(text):
            if text[p:p + 2] not in self.idx.heads:
                return None  # no label of two or more characters starts here (one prose paragraph each: cheap)
            for q in range(min(len(text), p + self.idx.max_len), p + 1, -1):
                if text[p:q] in self.idx.exact:
                    segs.append(text[p:q])
                    p = q
                    break
            else:
                return None
        return segs if len(segs) > 1 else None

    def _label_tail(self, text: str) -> list[str] | None:
        """The longest end of `text` made of two or more known labels, opened by an anchor, as separate cells."""
        n = len(text)
        nxt: list[int | None] = [None] * (n + 1)  # nxt[p]: end of the first label of a segmentation of text[p:]
        nxt[n] = n
        for p in range(n - 1, -1, -1):
            for q in range(min(n, p + self.idx.max_len), p, -1):
                if nxt[q] is not None and text[p:q] in self.idx.exact:
                    nxt[p] = q
                    break
        for p in range(1, n):
            if nxt[p] is None or nxt[p] == n:
                continue
            if any(e.kind == "anchor" for e in self.idx.exact[text[p:nxt[p]]]):
                segs, k = [], p
                while k < n:
                    segs.append(text[k:nxt[k]])
                    k = nxt[k]
                return segs
        return None

    def _split_glued(self, head: str) -> tuple[str, list[Label], str | None]:
        """(label, its entries, the group label glued before it or None) for a row label that may carry its group."""
        found = self.idx.lookup(head)
        if found:
            return head, found, None
        for p in range(2, len(head) - 1):  # a group label glued to its first sub-row: (三)不予公开1.属于国家秘密
            if any(e.kind in ("group", "header") for e in self.idx.lookup(head[:p])):
                found = self.idx.lookup(head[p:])
                if found:
                    return head[p:], found, head[:p]
        return head, [], None

    def _glued_label(self, head: str) -> tuple[str, list[Label]]:
        label, found, group = self._split_glued(head)
        if group is not None and self.cur:
            self.cur.group = group
        return label, found

    def _opens_header(self, part: Tok, nxt: int) -> bool:
        """Whether part is a table's anchor label and the token at nxt a known label: a header's first cell glued to the
        heading before it (`四、…行政诉讼情况 行政复议` then `行政诉讼`), the heading's words being no label."""
        if not any(e.kind == "anchor" for e in self.idx.exact.get(norm(part.text), ())) or nxt >= len(self.toks):
            return False
        t = self.toks[nxt]  # (its first cell: the next piece may be cut too, `行政诉讼 结果维持` glued the same way)
        return norm(t.text) in self.idx.exact or bool(t.piece and t.cuts and norm(t.text[:t.cuts[0]]) in self.idx.exact)

    def _glued_row(self, text: str) -> bool:
        """Whether text is a known row label with its digits run on (`行政许可196`, `(四)无法提供1.…0000000`)."""
        glued = _glued(norm(text))
        return glued is not None and any(e.kind == "row" for e in self._split_glued(glued.group(1))[1])

    def _cut_piece(self, i: int) -> bool:
        """Cut the flattened piece at i into cells where the file had spaces the normaliser took away, when its parts
        are a table's cells; True when it was cut."""
        t = self.toks[i]
        if not (t.piece and t.cuts):
            return False
        parts = _cut_at(t, t.cuts)
        rows = [self._glued_row(p.text) for p in parts]
        known = [row or norm(p.text) in self.idx.exact for p, row in zip(parts, rows)]
        if known[-1] and (sum(known) >= 2 or rows[-1] or self._opens_header(parts[-1], i + 1)):
            # …where the file had a space between them, a flattened page's labels (`第二十条第(五)项 信息内容
            # 上一年项目数量 本年数量 处理决定数量 行政许可`, glued by normalisation into one piece) are separate cells,
            # as the page printed one per line reads them, a header it words its own way (本年数量) included; only
            # when the piece ends with a known label and holds another (one cell with a space inside, 本年新 制作数量,
            # stays whole)
            # (a row whose digits ran into its label, `8.属于行政查询事项0000000`, counts as known: rows one per line
            # flattened lose the space after each run to the normaliser, `…0000000(四)无法提供1.…0000000`; one at
            # the end is cut off whatever precedes it, a header glued the same way `…其他 一、本年新收…1000001`)
            self.toks[i:i + 1] = parts
            return True
        return False

    def _unknown(self, i: int) -> int:
        t = self.toks[i]
        cur = self.cur
        glued = _glued(norm(t.text)) if len(t.text) < 3 * PROSE_LEN else None
        if glued:
            # No separators at all (`规章000`): a known row label followed by one digit per column.
            label, entries = self._glued_label(glued.group(1))
            if cur:
                entries = [e for e in entries if e.table == cur.table] or entries
            rows = [e for e in entries if e.kind == "row"]
            if rows:
                if not cur or rows[0].table != cur.table:
                    cur = self._open(rows[0].table)
                digits = glued.group(2)
                at = t.start + len(t.text) - len(digits)
                after, nxt = self._stream_values(i + 1) if t.row is None else ([], i + 1)
                cur.touch(t)
                if not after and (t.spaced_run or spaced_run(t.printed)):
                    # Printed with a space before the run: one cell whose blank neighbours were dropped.
                    after = [Tok(digits, at, at + len(digits), t.page, None, False, t.ocr)]
                    self._take_row(rows, label, after, False)
                    return i + 1
                if after:
                    # Only the first number is glued (a normaliser dropped the space after `”`).
                    cells = [Tok(digits, at, at + len(digits), t.page, None, False, t.ocr), *after]
                    for v in after:
                        cur.touch(v)
                    self._take_row(rows, label, cells, False)
                    return nxt
                self._take_row(rows, label, [], False, glued=self._glued_cells(cur.table, digits, at, t))
                return i + 1
        segs = self._segment(norm(t.text)) if t.row is None and len(t.text) < 3 * PROSE_LEN else None
        if segs:
            # Header cells glued into one line (`行政复议行政诉讼`): read them as separate cells.
            self.toks[i:i + 1] = [Tok(x, t.start, t.end, t.page, None, False, t.ocr) for x in segs]
            return i
        if self._cut_piece(i):
            return i
        tail = self._label_tail(norm(t.text)) if t.piece else None
        if tail:
            # A page flattened onto one line glues prose to the table's first cells (`…情况第二十条第(一)项
            # 信息内容…规章`, the normaliser dropping the spaces between CJK words): the prose ends, the
            # labels are read as separate cells.
            self.cur = None
            self.toks[i:i + 1] = _tail_toks(t, tail)
            return i
        if cur and t.row is None and len(norm(t.text)) > PROSE_LEN:
            self.cur = None  # prose after a table flattened into text: the table has ended
        return i + 1


def _glued(text: str) -> re.Match[str] | None:
    """_GLUED.match(text), tried only when text ends with a digit as every match does (prose never: ~4 µs a line)."""
    end = text[:-1] if text.endswith("\n") else text  # `$` also matches before a final newline
    return _GLUED.match(text) if end[-1:].isdigit() else None


def _cut_at(t: Tok, cuts: tuple[int, ...]) -> list[Tok]:
    """Token t cut at the offsets cuts of its text, each part a cell of its own (pieces of a flattened page)."""
    bounds = [0, *cuts, len(t.text)]
    return [Tok(t.text[a:b], t.start + a, t.start + b, t.page, None, False, t.ocr, piece=True)
            for a, b in zip(bounds, bounds[1:]) if t.text[a:b]]


def _tail_toks(t: Tok, tail: list[str]) -> list[Tok]:
    """Tokens for labels ending token t (normalised texts), each spanning its own printed characters."""
    # Walk back over the printed text until the normalised characters of each label are covered, so the
    # table's span starts where its labels do and the prose before it stays prose.
    out, end, k = [], len(t.text), len(t.text)
    for seg in reversed(tail):
        need = len(seg)
        while k > 0 and need > 0:
            k -= 1
            need -= len(norm(t.text[k]))
        out.append(Tok(seg, t.start + k, t.start + end, t.page, None, False, t.ocr))
        end = k
    return out[::-1]
