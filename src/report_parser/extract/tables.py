"""Tables stage: every cell of the template tables (parts 二, 三, 四), keyed, exact and traceable."""
from __future__ import annotations

from collections import Counter
from dataclasses import field
from decimal import Decimal

from ..classcache import dataclass
from . import cellvalue, positions, skeleton, splitrun
from .. import model
from .flattext import RowIds, Tok, grid_tokens, text_tokens
from .gridmatch import Found, Matcher
from ..record import Cell, Section, TableQuality


@dataclass
class TableResult:
    """Cells, per-table quality, the template the tables show, the text spans that are tables, the tokens read."""

    cells: list[Cell] = field(default_factory=list)
    quality: list[TableQuality] = field(default_factory=list)
    era: str | None = None
    text_spans: list[tuple[int, int]] = field(default_factory=list)
    toks: list[Tok] = field(default_factory=list, repr=False)  # the token stream, for the statistics tables
    issues: list[tuple[str, str, int | None]] = field(default_factory=list)  # TABLE_UNREAD / TABLE_PARTIAL


def tokens(doc: model.Document) -> list[Tok]:
    """The document as one stream of cell tokens: grid cells of Table blocks, lines/pipe cells of text."""
    ids = RowIds()
    out: list[Tok] = []
    for b in doc.blocks:
        if b.kind == model.TABLE:
            out.extend(grid_tokens(b, ids))
        elif b.kind in (model.PARAGRAPH, model.HEADING):
            out.extend(text_tokens(b, ids))
    return out


def _prior(doc: model.Document) -> str | None:
    # Column labels only one template prints, anywhere in the text: a document-wide hint used only
    # when a table's own header is lost (web copies cut header cells).
    text = skeleton.norm(doc.text)
    votes = Counter(t for lab, t in skeleton.detect_labels().items() if lab in text)
    if not votes:
        return None
    best = votes.most_common()
    return best[0][0] if len(best) == 1 or best[0][1] > best[1][1] else None


def _template(f: Found, era: str | None) -> str | None:
    if len(f.templates) == 1:
        return next(iter(f.templates))
    row_t = {t for r in f.rows.values() for t in r.templates}
    if len(row_t) == 1 and not f.table.startswith(("s3", "s4")):
        return next(iter(row_t))
    return era if era in f.templates else None


def _s3_template(f: Found, era: str | None) -> str | None:
    # s3 has the same frame in both templates; only the （六）其他处理 sub-rows tell them apart.
    if any(k.startswith("other_handling.") and k != "other_handling.total" for k in f.rows):
        return "gb2021"
    return era or ("gb2019" if "other_handling.total" in f.rows else None)


def _tidy(label: str) -> str:
    # Line breaks and justification spaces inside a printed Chinese label are typesetting.
    return "".join(label.split())


def _col_label(f: Found, spec: skeleton.Table, col: skeleton.Col) -> str:
    return _tidy(f.header.get(col.key) or col.labels[0])


def _order(f: Found, spec: skeleton.Table) -> list[skeleton.Col]:
    # Header labels in one row give the printed column order; a multi-row header (s3) or a lost
    # header falls back to the skeleton's order.
    keys = [c.key for c in spec.cols]
    seen = [k for k in f.header_order if k in keys]
    rows = {f.header_rows.get(k) for k in seen}
    if sorted(seen) == sorted(keys) and len(rows) == 1 and None not in rows and not spec.single_row:
        by = {c.key: c for c in spec.cols}
        return [by[k] for k in seen]
    return list(spec.cols)


def _cells(f: Found, spec: skeleton.Table, template: str) -> tuple[list[Cell], list[str]]:
    cells, non_numeric = [], []
    # A column's printed label and unit, and a row's label path, are the same for all their cells.
    heads = [(col, clabel, col.unit or skeleton.label_unit(clabel))
             for col in _order(f, spec) for clabel in [_col_label(f, spec, col)]]
    for row in f.rows.values():
        row_label = [*map(_tidy, row.label)]
        run = f.runs.get(row.key)
        by = "constraint" if run is not None and run.read else None
        for (col, clabel, col_unit), tok in zip(heads, row.cells):
            value, unit, ok = cellvalue.parse(tok.text, col_unit)
            key = spec.cell_key(row.key or None, col.key)
            if not ok:
                non_numeric.append(key)
            cells.append(Cell(key=key, value=value, raw=tok.printed.strip(), page=tok.page,
                              label=[*row_label, clabel],
                              table=f.table, template=template, unit=unit, ocr=tok.ocr, derived_by=by,
                              **positions.cell_fields(tok)))
    return cells, non_numeric


def _settle(f: Found, spec: skeleton.Table) -> None:
    """Split each glued run of the table when exactly one split satisfies the template's identities."""
    if not f.runs:
        return
    order = [c.key for c in _order(f, spec)]
    for run in f.runs.values():
        alts = splitrun.splits(run.digits, order, spec.row_sums)  # in the printed column order
        run.alts, run.exhausted = alts or [], alts is None
    rows = {r.key: [cellvalue.parse(t.text)[0] for t in r.cells] for r in f.rows.values() if r.key not in f.runs}
    splitrun.settle(f.runs, rows, order, spec.col_sums, spec.derived)
    for key, run in f.runs.items():
        row = f.rows.get(key)
        if row is None or not run.read or not row.cells:
            continue
        at, cells = row.cells[0].start, []
        for v in run.chosen:
            t0 = row.cells[0]
            cells.append(Tok(v, at, at + len(v), t0.page, None, False, t0.ocr))
            at += len(v)
        row.cells = cells


def _derived(f: Found, spec: skeleton.Table, template: str, cells: list[Cell]) -> list[Cell]:
    by_key = {c.key: c for c in cells}
    out = []
    for dkey, parts in spec.derived.items():
        if dkey in f.rows or not all(p in f.rows for p in parts):
            continue
        group = next((_tidy(r.label[0]) for p in parts for r in [f.rows[p]] if len(r.label) > 1), dkey)
        for col in spec.cols:
            comps = [by_key.get(spec.cell_key(p, col.key)) for p in parts]
            if any(c is None or c.value is None for c in comps):
                continue  # a blank component: the subtotal is unknown, not a guess
            total = sum((Decimal(c.value) for c in comps), Decimal(0))
            out.append(Cell(key=spec.cell_key(dkey, col.key), value=str(total), raw="", page=comps[0].page,
                            label=[group, _col_label(f, spec, col)], table=f.table, template=template,
                            unit=comps[0].unit, derived=True))
    return out


def _doubt(spec: skeleton.Table, cells: list[Cell]) -> int:
    """Mark OCR'd cells of every row and column identity that does not hold as doubtful; returns how many.

    OCR misreads digits (8 → 3, 1 → 7); the template's arithmetic is the only check a scan offers. Which cell
    of a broken identity is wrong cannot be told, so all its OCR'd cells are marked and their values kept.
    """
    by = {c.key: c for c in cells}
    if not any(c.ocr for c in cells):
        return 0

    def value(key: str) -> list[Cell] | None:
        c = by.get(key)
        if c is not None and not c.derived:
            return [c] if c.value is not None else None
        parts = spec.derived.get(key.split(".", 1)[1].rsplit(".", 1)[0]) if key.count(".") >= 2 else None
        if c is not None and c.derived and parts:
            col = key.rsplit(".", 1)[1]
            comps = [by.get(spec.cell_key(p, col)) for p in parts]
            return comps if all(x is not None and x.value is not None for x in comps) else None
        return None

    def check(lhs: list[str], rhs: list[str]) -> None:
        sides = []
        for keys in (lhs, rhs):
            got = [value(k) for k in keys]
            if any(g is None for g in got):
                return  # a cell not read or blank: the identity cannot be checked
            sides.append([c for g in got for c in g])
        if sum(Decimal(c.value) for c in sides[0]) != sum(Decimal(c.value) for c in sides[1]):
            for c in sides[0] + sides[1]:
                c.doubtful = c.doubtful or c.ocr

    rows = [None] if spec.single_row else [r.key for r in spec.rows] + list(spec.derived)
    for row in rows:
        for total, parts in spec.row_sums.items():
            check([spec.cell_key(row, total)], [spec.cell_key(row, p) for p in parts])
    for col in spec.cols:
        for lhs, rhs in spec.col_sums:
            check([spec.cell_key(r, col.key) for r in lhs], [spec.cell_key(r, col.key) for r in rhs])
    return sum(c.doubtful for c in cells)


def _quality(f: Found, spec: skeleton.Table, template: str | None, non_numeric: list[str]) -> TableQuality:
    required = [r.key for r in spec.rows if not r.optional] if not spec.single_row else [""]
    if "other_handling.total" in f.rows:
        # A single （六）其他处理 row stands for the gb2021 sub-rows (late adopters, mixed layouts).
        required = [k for k in required if not k.startswith("other_handling.")]
    missing = [k or "(data row)" for k in required if k not in f.rows]
    missing += [k for k in f.misfit if k not in missing]
    cols_missing = [] if spec.single_row else [c.key for c in spec.cols if c.key not in f.header]
    runs = [{"row": k, "run": r.digits, "splits": None if r.exhausted else len(r.alts), "read": r.read}
            for k, r in f.runs.items()]
    unread = any(not r["read"] for r in runs)
    status = "matched" if not missing and not non_numeric and not f.misfit and not unread else "degraded"
    return TableQuality(table=f.table, template=template, status=status, page=f.page, rows_missing=missing,
                        cols_missing=cols_missing, non_numeric=non_numeric, runs=runs)


def read_issues(path: str, q: TableQuality, where: tuple[int, int] | None, read: int,
                printed: int | None) -> list[tuple[str, str, int | None]]:
    """TABLE_UNREAD / TABLE_PARTIAL for a table present but not fully read: where it is and how many cells were read."""
    if q.status == "matched":
        return []
    name = path.rsplit("/", 1)[-1] if path else "document"
    loc = ", ".join(x for x in (f"page {q.page}" if q.page is not None else "",
                                f"characters {where[0]}–{where[1]}" if where else "") if x)
    why = []
    if q.rows_missing:
        more = f" and {len(q.rows_missing) - 6} more" if len(q.rows_missing) > 6 else ""
        why.append(f"{len(q.rows_missing)} rows not read: " + ", ".join(q.rows_missing[:6]) + more)
    if q.non_numeric:
        why.append(f"{len(q.non_numeric)} cells not numbers")
    unsplit = [f"{r['row'] or 'data row'} ({r['splits'] or 'too many'} splits)" for r in q.runs if not r["read"]]
    if unsplit:
        why.append("glued digit runs left null: " + ", ".join(unsplit))
    of = f" of {printed}" if printed else ""
    what = f"table {q.table}" + (f" ({loc})" if loc else "")
    if read == 0:
        return [("TABLE_UNREAD", f"{name}: {what} is present but none of its cells was read"
                 + (f" ({'; '.join(why)})" if why else ""), q.page)]
    return [("TABLE_PARTIAL", f"{name}: {what} is read in part: {read}{of} cells"
             + (f"; {'; '.join(why)}" if why else ""), q.page)]


def extract(doc: model.Document, sections: list[Section] | None = None) -> TableResult:
    """Cells of the template tables in a Document (Table blocks and tables flattened into text)."""
    if not doc.text and doc.blocks:
        doc.finalise()
    toks = tokens(doc)
    matcher = Matcher(toks, lambda: _prior(doc))  # the document-wide hint only if a table asks for it
    found = matcher.run()
    votes = Counter(_template(f, None) for f in found if f.table.startswith("s2"))
    votes.pop(None, None)
    era = votes.most_common(1)[0][0] if votes else None
    result = TableResult(toks=toks)
    seen: set[str] = set()
    for f in found:
        if f.table == "s3":
            template = _s3_template(f, era or matcher.prior)
        else:
            template = _template(f, era or matcher.prior)
        spec = skeleton.skeletons().get(template or "", {}).get(f.table) if template else None
        if spec is None and f.table in ("s3", "s4") and f.rows:
            # Same frame in both templates: key the cells (gb2021's rows are a superset), template unknown.
            spec = skeleton.skeletons()["gb2021"][f.table]
        where = (f.start, f.end) if f.start is not None else None
        if spec is None:
            q = TableQuality(table=f.table, template=None, status="degraded", page=f.page,
                             rows_missing=sorted(f.misfit))
            result.quality.append(q)
            result.issues.extend(read_issues(doc.path, q, where, 0, None))
            if where:
                result.text_spans.append(where)  # unread, but still a table: not prose figures
            continue
        _settle(f, spec)
        cells, non_numeric = _cells(f, spec, template)
        cells = [c for c in cells if c.key not in seen]  # a table printed twice: the first reading stands
        cells += _derived(f, spec, template, cells)
        doubtful = _doubt(spec, cells)
        seen.update(c.key for c in cells)
        result.cells.extend(cells)
        q = _quality(f, spec, template, non_numeric)
        result.quality.append(q)
        unsplit = {spec.cell_key(k or None, c.key) for k, r in f.runs.items() if not r.read for c in spec.cols}
        read = sum(1 for c in cells if not c.derived and c.key not in unsplit)
        printed = (1 if spec.single_row else sum(not r.optional for r in spec.rows)) * len(spec.cols)
        result.issues.extend(read_issues(doc.path, q, where, read, printed))
        if doubtful:
            keys = [c.key for c in cells if c.doubtful]
            name = doc.path.rsplit("/", 1)[-1] if doc.path else "document"
            result.issues.append(("OCR_DOUBTFUL_CELLS", f"{name}: {doubtful} OCR'd cells of table {f.table} are in "
                                  "identities of the template that do not hold (possible misreads, kept as read): "
                                  + ", ".join(keys[:8]) + (f" and {len(keys) - 8} more" if len(keys) > 8 else ""),
                                  q.page))
        if f.start is not None:
            result.text_spans.append((f.start, f.end))
    if era is None and any(q.table == "s3" and q.template == "gb2021" for q in result.quality) and any(
            c.key.startswith("s3.other_handling.") and not c.derived and ".total." not in c.key for c in result.cells):
        era = "gb2021"  # no s2 table, but the gb2021-only （六） sub-rows are printed
    result.era = era
    return result
