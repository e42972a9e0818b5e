"""`report-parser export` (tables → CSV/Parquet/JSON Lines/Excel) and `datasette-metadata` (+ search index)."""
from __future__ import annotations

import click

from .query import DB_OPTION, USE_OPTION, filter_options, handle_errors, make_filters, open_db


@click.command("export")
@click.argument("out", required=False)
@click.option("--output", "-o", "output", default=None, metavar="OUT", help="The folder (or workbook), as OUT.")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet", "jsonl", "xlsx"]), default="csv",
              show_default=True)
@click.option("--table", "tables", multiple=True,
              type=click.Choice(["reports", "sections", "figures", "cells", "metrics", "findings"]),
              help="Only these tables (repeatable; default all six).")
@click.option("--key", "keys", multiple=True, metavar="KEY",
              help="Only these metric or cell keys in the metrics, figures and cells tables (repeatable; "
                   "see `keys`).")
@click.option("--bom", is_flag=True, help="CSV: write a UTF-8 byte-order mark so Excel/WPS read Chinese right.")
@click.option("--workbook", is_flag=True, help="One Excel workbook (OUT.xlsx) with a sheet per table.")
@USE_OPTION
@filter_options
@handle_errors
def export_cmd(out, output, db, fmt, tables, keys, bom, workbook, use, region, province, city, county, town, level,
               era, years, name, org_id):
    """Export tables into folder OUT (or -o OUT), one file per table (column names as in the database)."""
    from ..errors import UsageError
    from ..research.export import TABLES, export

    if (out and output and out != output) or not (out or output):
        raise UsageError("give the folder once: export OUT or export -o OUT")
    out = out or output
    filters = make_filters(region, province, city, county, town, level, era, years, name, org_id)
    with open_db(db) as store:
        paths = export(store.engine, out, "xlsx" if workbook else fmt, tables or TABLES, bom=bom,
                       workbook=workbook, filters=filters, keys=keys or None, use=use)
    for p in paths:
        click.echo(str(p))


@click.command("datasette-metadata")
@DB_OPTION
@click.option("--output", "-o", default="metadata.yaml", show_default=True, metavar="FILE")
@click.option("--no-search", is_flag=True, help="Do not (re)build the jieba full-text index on section text.")
@click.option("--no-reread", is_flag=True, help="Index headings and figure sentences only (do not re-read files).")
@handle_errors
def datasette_metadata_cmd(db, output, no_search, no_reread):
    """Write Datasette metadata.yaml and build the Chinese full-text index (then: datasette reports.db -m metadata.yaml)."""
    from pathlib import Path

    import yaml

    from ..errors import UsageError
    from ..research.export import datasette_metadata

    with open_db(db) as store:
        if store.dialect != "sqlite":
            raise UsageError("Datasette serves SQLite files; export or copy the data to SQLite first")
        name = Path(store.url[len("sqlite:///"):]).stem
        if not no_search:
            from ..store.fts import build

            counts = build(store.engine, reread=not no_reread)
            click.echo(f"search index: {counts['sections']} sections ({counts['stored']} stored, {counts['file']} from files, "
                       f"{counts['figures']} from figure sentences)", err=True)
    meta = datasette_metadata(name, with_search=not no_search)
    Path(output).write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    click.echo(output)
