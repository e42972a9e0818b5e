"""`report-parser compare` and `query`: researchers' questions without writing (or with read-only) SQL (`orgs`: orgs.py)."""
from __future__ import annotations

import sys
from functools import wraps

import click

DB_OPTION = click.option("--db", envvar="REPORT_PARSER_DB", default=None, metavar="URL",
                         help="SQLAlchemy URL or SQLite file (default: reports.db; env REPORT_PARSER_DB).")
MISSING = "—"


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(2)


def handle_errors(f):
    """Turn the project's errors into one line on stderr and exit code 2 (never a traceback)."""
    @wraps(f)
    def inner(*a, **kw):
        from ..errors import InputError, UsageError

        try:
            return f(*a, **kw)
        except UsageError as e:
            _fail(str(e))
        except InputError as e:
            _fail(e.message)
    return inner


USE_OPTION = click.option("--use", type=click.Choice(["reported", "reviewed"]), default="reported",
                          show_default=True,
                          help="reviewed: a reviewer's current correction replaces the reported value "
                               "(both are shown; see `review`).")


def filter_options(f):
    """The report filters shared by compare and export."""
    opts = [
        click.option("--region", default=None, help="Any level (province, city, county or town) equals this."),
        click.option("--province", default=None), click.option("--city", default=None),
        click.option("--county", default=None), click.option("--town", default=None),
        click.option("--level", default=None, help="township, county, city, province or department."),
        click.option("--era", type=click.Choice(["pre2019", "gb2019", "gb2021"]), default=None),
        click.option("--years", default=None, metavar="FROM-TO", help="A year or a range: 2015-2024."),
        click.option("--name", default=None, help="Organisation name: a glob (*镇*) or a substring."),
        click.option("--org-id", default=None, help="One organisation by its registry id."),
    ]
    for o in reversed(opts):
        f = o(f)
    return f


def make_filters(region, province, city, county, town, level, era, years, name, org_id):
    """compare.Filters from the CLI options (the same function the Python API calls)."""
    from ..research.compare import make_filters

    return make_filters(region=region, province=province, city=city, county=county, town=town, level=level,
                        era=era, years=years, name=name, org_id=org_id)


def open_db(db):
    """The store for reading; a SQLite file that does not exist is an error, not a new empty database."""
    from pathlib import Path

    from ..errors import UsageError
    from ..store.db import Store, resolve_url

    url = resolve_url(db)
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).is_file():
        raise UsageError(f"{url[len('sqlite:///'):]}: no such database (run `report-parser ingest` first)")
    return Store(url, create=False)


def print_table(columns, rows, title=None) -> None:
    """A rich table on stdout: rich measures CJK characters as two cells, so Chinese labels line up."""
    from rich.console import Console
    from rich.table import Table

    t = Table(title=title, show_lines=False)
    for i, c in enumerate(columns):
        t.add_column(str(c), justify="left" if i < 3 or not str(c).isdigit() else "right", overflow="fold")
    for r in rows:
        t.add_row(*(MISSING if v is None else str(v) for v in r))
    Console(width=max(100, 16 * len(columns))).print(t)


@click.command("compare")
@click.argument("items", nargs=-1, required=True)
@DB_OPTION
@filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "xlsx"]), default="table",
              show_default=True)
@click.option("--output", "-o", default=None, metavar="FILE", help="Write to a file (needed for xlsx).")
@click.option("--explain", is_flag=True, help="Show the sentence or cell (and page) each value came from.")
@USE_OPTION
@handle_errors
def compare_cmd(items, db, region, province, city, county, town, level, era, years, name, org_id, fmt, output,
                explain, use):
    """Pivot metrics or table cells × organisation × year (e.g. requests.received s3.not_open.third_party.total)."""
    from ..research.compare import compare
    from ..research.export import write_rows

    filters = make_filters(region, province, city, county, town, level, era, years, name, org_id)
    with open_db(db) as store:
        result = compare(store.engine, items, filters, explain=explain, use=use)
    if fmt == "json":
        rows = [dict(r) for r in result.rows()]
        if explain:
            sources = [v.to_dict() for v in result.long()]
            import json
            text = json.dumps({"pivot": rows, "sources": sources}, ensure_ascii=False, indent=1)
            if output:
                open(output, "w", encoding="utf-8").write(text + "\n")
            else:
                click.echo(text)
            return
    columns = ["org_id", "organisation", "item", *map(str, result.years)]
    rows = [[r[c] for c in columns] for r in result.rows()]
    if fmt != "table":
        write_rows(columns, rows, fmt, output)
        if explain and fmt in ("csv", "xlsx") and output:
            cols = _source_columns(use)
            src = [[getattr(v, k) for k in cols] for v in result.long()]
            write_rows(cols, src, fmt, _sibling(output, "sources"))
        return
    if not rows:
        click.echo("No values: no stored report matches these filters and items.", err=True)
        return
    print_table(["org_id", "单位 organisation", "指标 item", *map(str, result.years)], rows)
    if explain:
        for v in result.long():
            where = f"{v.kind} {v.ref}" if v.kind in ("cell", "derived") else f"{v.kind} #{v.ref}"
            page = f" p.{v.page}" if v.page is not None else ""
            org = result.orgs[v.org_key]  # the pivot's label: a report without an organisation shows its id (?)
            click.echo(f"{org} {v.year} {v.item} = {v.shown()}  ← {where}{page}: {v.text or ''}")
    _review_notes(result)


def _review_notes(result) -> None:
    """Under the table: each value a review corrected (reported → used) and each stale correction left unused."""
    for v in result.long():
        org = result.orgs[v.org_key]
        if v.review == "corrected":
            click.echo(f"reviewed: {org} {v.year} {v.item} uses {v.corrected} (reported {v.value})")
        elif v.review == "stale":
            click.echo(f"stale review not applied: {org} {v.year} {v.item} uses the reported {v.value} "
                       f"(correction {v.corrected} was made to another reported value)")


_SOURCE_COLUMNS = ["report_id", "org_key", "org", "year", "item", "value", "raw", "kind", "ref", "page", "text"]


def _source_columns(use: str) -> list[str]:
    """The --explain columns; with --use reviewed also the corrected value, which one is used, and the review."""
    return _SOURCE_COLUMNS + (["corrected", "used", "review"] if use == "reviewed" else [])


def _sibling(path: str, tag: str) -> str:
    from pathlib import Path

    p = Path(path)
    return str(p.with_name(f"{p.stem}.{tag}{p.suffix}"))


@click.command("query")
@click.argument("sql")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--limit", type=int, default=None, help="At most this many rows.")
@click.option("--timeout", type=click.FloatRange(min=0.001), default=60.0, show_default=True, metavar="SECONDS",
              help="Stop the statement after this long.")
@handle_errors
def query_cmd(sql, db, fmt, limit, timeout):
    """Run one read-only SQL statement (SQLite: a read-only connection; PostgreSQL: as a SELECT-only role)."""
    from ..research.export import write_rows
    from ..store.readonly import run
    from ..store.db import resolve_url

    columns, rows = run(resolve_url(db), sql, limit=limit, timeout=timeout)
    rows = [tuple(_printable(v) for v in r) for r in rows]
    if fmt == "table":
        print_table(columns, rows)
    else:
        write_rows(columns, rows, fmt)


def _printable(v):
    """A value every output format can hold: a blob as PostgreSQL prints bytea (\\x and hex), a date as ISO text."""
    from decimal import Decimal

    if isinstance(v, (bytes, bytearray, memoryview)):
        return "\\x" + bytes(v).hex()
    if isinstance(v, list):  # PostgreSQL arrays and JSON values may hold any of these too
        return [_printable(x) for x in v]
    if isinstance(v, dict):
        return {k: _printable(x) for k, x in v.items()}
    if v is None or isinstance(v, (str, int, float, Decimal)):
        return v
    # datetime, date, time, timedelta, UUID, inet …: json.dump raised on them (a traceback, not an error line)
    return v.isoformat() if hasattr(v, "isoformat") else str(v)


# `orgs` lives in commands/orgs.py.
