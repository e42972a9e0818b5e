"""Export: database tables → CSV (UTF-8, optional BOM), Parquet, JSON Lines or Excel; column names = DB names
(every table but reports also carries its report's org, org_id and year)."""
from __future__ import annotations

import csv
import io
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Sequence

import sqlalchemy as sa

from ..store import schema as S
from ..errors import UsageError

TABLES = ("reports", "sections", "figures", "cells", "metrics", "findings")
FORMATS = {"csv": ".csv", "parquet": ".parquet", "jsonl": ".jsonl", "xlsx": ".xlsx"}
# Excel refuses sheet cells longer than this; a longer text (a whole part's sentence list) is cut with a mark.
XLSX_MAX_CELL = 32767


def _plain(v: Any) -> Any:
    """A value as the file formats take it: JSON columns as JSON text, Decimal as text, the rest unchanged."""
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, Decimal):
        return str(v)
    return v


def write_rows(columns: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, path: str | Path | None = None,
               bom: bool = False, sheet: str = "data") -> None:
    """Write one table of rows as csv/json/jsonl/xlsx/parquet to path (csv/json/jsonl: stdout when None)."""
    rows = [[_plain(v) for v in r] for r in rows]
    if fmt in ("csv", "json", "jsonl"):
        buf = io.StringIO()
        if fmt == "csv":
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(columns)
            w.writerows(["" if v is None else v for v in r] for r in rows)
        elif fmt == "json":
            json.dump([dict(zip(columns, r)) for r in rows], buf, ensure_ascii=False, indent=1)
            buf.write("\n")
        else:
            for r in rows:
                buf.write(json.dumps(dict(zip(columns, r)), ensure_ascii=False) + "\n")
        text = buf.getvalue()
        if path is None:
            sys.stdout.write(text)
        else:
            # The BOM makes Excel and WPS open UTF-8 CSV as UTF-8 instead of the local code page (GBK).
            Path(path).write_text(text, encoding="utf-8-sig" if bom and fmt == "csv" else "utf-8", newline="")
        return
    if path is None:
        raise UsageError(f"--format {fmt} writes a binary file: give --output FILE")
    if fmt == "xlsx":
        _workbook(path, [(sheet, columns, rows)])
    elif fmt == "parquet":
        _parquet(path, columns, rows)
    else:
        raise UsageError(f"unknown format {fmt!r}; use csv, json, jsonl, parquet or xlsx")


def _workbook(path: str | Path, sheets: list[tuple[str, Sequence[str], list[list[Any]]]]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def fit(v: Any) -> Any:
        if isinstance(v, (dict, list)):
            v = _plain(v)
        if not isinstance(v, str):
            return v
        # Excel cannot hold control characters (a damaged file may carry them) nor texts over 32767 characters.
        v = ILLEGAL_CHARACTERS_RE.sub("", v)
        return v[:XLSX_MAX_CELL - 1] + "…" if len(v) > XLSX_MAX_CELL else v

    wb = Workbook(write_only=True)
    for name, columns, rows in sheets:
        ws = wb.create_sheet(name[:31])
        ws.append(list(columns))
        for r in rows:
            ws.append([fit(v) for v in r])
    wb.save(path)


def _parquet(path: str | Path, columns: Sequence[str], rows: list[list[Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = {c: [r[i] for r in rows] for i, c in enumerate(columns)}
    pq.write_table(pa.table(cols), path)


# Report columns written beside report_id in every other table, so an exported table needs no join to say whose
# value it is and for which year.
REPORT_COLUMNS = ("org", "org_id", "year")
# The key column of the tables that hold keyed values (export --key).
KEY_COLUMNS = {"metrics": "metric", "figures": "metric", "cells": "key"}


def _table_rows(conn, name: str, report_ids: sa.Select | None,
                keys: list[str] | None = None) -> tuple[list[str], list[list[Any]]]:
    t = S.metadata.tables[name]
    if name == "reports":
        q = sa.select(t)
    else:
        r = S.reports
        cols = list(t.c)
        at = [c.name for c in cols].index("report_id") + 1
        q = sa.select(*cols[:at], *(r.c[c] for c in REPORT_COLUMNS), *cols[at:]).join(r, r.c.id == t.c.report_id)
    if report_ids is not None:
        q = q.where((t.c.id if name == "reports" else t.c.report_id).in_(report_ids))
    if keys is not None and name in KEY_COLUMNS:
        q = q.where(t.c[KEY_COLUMNS[name]].in_(keys))
    order = [t.c.id] if name == "reports" else [t.c.report_id, t.c.position if "position" in t.c else t.c.metric]
    res = conn.execute(q.order_by(*order))
    return list(res.keys()), [[_plain(v) for v in r] for r in res]


# Columns added to cells and metrics by use="reviewed": the value column keeps what the report printed.
REVIEW_COLUMNS = ("corrected_value", "review", "used", "value_used")


def _with_reviews(conn, name: str, columns: list[str], rows: list[list[Any]]) -> tuple[list[str], list[list[Any]]]:
    """cells/metrics rows with a reviewer's corrected value, the review (corrected | stale), which value is used
    (reported | reviewed) and that value; other tables unchanged."""
    from ..audit.review import corrections

    if name not in ("cells", "metrics"):
        return columns, rows
    rid, key, val = columns.index("report_id"), columns.index(KEY_COLUMNS[name]), columns.index("value")
    found = corrections(conn, {r[rid] for r in rows})
    out = []
    for r in rows:
        rev = found.get((r[rid], r[key]))
        if rev is None:
            out.append([*r, None, None, "reported", r[val]])
        elif rev.stale:
            out.append([*r, rev.row["corrected_value"], "stale", "reported", r[val]])
        else:
            out.append([*r, rev.row["corrected_value"], "corrected", "reviewed", rev.row["corrected_value"]])
    return [*columns, *REVIEW_COLUMNS], out


def export(engine: sa.Engine, out: str | Path, fmt: str = "csv", tables: Iterable[str] = TABLES,
           bom: bool = False, workbook: bool = False, filters: Any = None,
           keys: Iterable[str] | None = None, use: str = "reported") -> list[Path]:
    """Write each table to OUT/<table>.<ext> (or one workbook OUT.xlsx with a sheet per table); returns paths.

    keys: only these metric and cell keys in the metrics, figures and cells tables (an unknown key is an error).
    use="reviewed": cells and metrics also carry REVIEW_COLUMNS; value stays the reported value."""
    from ..audit.review import check_use
    from .keys import check

    check_use(use)
    tables = list(tables)
    bad = [t for t in tables if t not in TABLES]
    if bad:
        raise UsageError(f"unknown table {bad[0]!r}; use {', '.join(TABLES)}")
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; use {', '.join(FORMATS)}")
    ids = filters.apply(sa.select(S.reports.c.id)) if filters is not None else None
    keys = check(keys, ("metric", "figure", "cell"), "metric or cell key") if keys else None
    out = Path(out)
    written: list[Path] = []

    def rows_of(conn, t):
        cols, rows = _table_rows(conn, t, ids, keys)
        return _with_reviews(conn, t, cols, rows) if use == "reviewed" else (cols, rows)

    with engine.connect() as conn:
        if workbook:
            path = out if out.suffix == ".xlsx" else out.with_suffix(".xlsx")
            path.parent.mkdir(parents=True, exist_ok=True)
            sheets = [(t, *rows_of(conn, t)) for t in tables]
            _workbook(path, sheets)
            return [path]
        out.mkdir(parents=True, exist_ok=True)
        for t in tables:
            cols, rows = rows_of(conn, t)
            path = out / f"{t}{FORMATS[fmt]}"
            write_rows(cols, rows, fmt, path, bom=bom, sheet=t)
            written.append(path)
    return written


def datasette_metadata(database: str, with_search: bool = True) -> dict[str, Any]:
    """Datasette metadata (title, source, bilingual column descriptions, canned queries) for a database name."""
    from ..data import load

    spec = load("datasette.yaml")
    tables: dict[str, Any] = {}
    for name, t in spec["tables"].items():
        if name == "section_text" and not with_search:
            continue
        cols = dict(spec["common_columns"])
        cols.update(t["columns"])
        known = S.metadata.tables.get(name)
        if known is not None:  # describe only columns the table really has (the schema is the truth)
            cols = {c: d for c, d in cols.items() if c in known.c}
        tables[name] = {"description": t["description"], "columns": cols}
    if with_search:
        tables["section_text"].update({"fts_table": "section_text_fts", "fts_pk": "rowid",
                                       "searchmode": "escaped"})
    queries = {k: dict(v) for k, v in spec["queries"].items()}
    if with_search:
        queries.update({k: dict(v) for k, v in spec["search_queries"].items()})
    db = {"tables": tables, "queries": queries}
    head = {k: spec[k] for k in ("title", "description", "source", "source_url", "license")}
    return {**head, "databases": {database: db}}
