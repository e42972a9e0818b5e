"""`report-parser ingest PATH...` and `report-parser migrate`: files → database, schema create/upgrade."""
from __future__ import annotations

import json
import sys

import click


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(2)


# Failed files listed under the summary table; --json lists every one.
MAX_LISTED = 20


def _summary(res) -> None:
    """Print the run summary as a table on stdout."""
    from rich.console import Console
    from rich.table import Table

    click.echo(f"database: {_shown_url(res.db)}")
    t = Table(title=f"ingest run {res.run_id}", show_header=True)
    t.add_column("files")
    t.add_column("count", justify="right")
    t.add_row("seen", str(res.files_seen))
    for k, label in (("new", "new"), ("changed", "changed (replaced)"), ("reparsed", "re-parsed"),
                     ("unchanged", "unchanged"), ("duplicate", "same content, new path"),
                     ("ok", "parsed ok"), ("partial", "partial"), ("skipped", "skipped (not a report)"),
                     ("ignored", "ignored (not a document)")):
        t.add_row(label, str(res.counts[k]))
    t.add_row("failed", str(res.counts["failed"]))
    for code, n in sorted(res.failed_by_code().items()):
        t.add_row(f"  failed: {code}", str(n))
    t.add_row("reports with an unread table", str(res.attention["unread_table"]))
    t.add_row("reports without an organisation", str(res.attention["no_org"]))
    t.add_row("time", f"{res.seconds:.1f} s")
    console = Console(file=sys.stdout, width=100)
    console.print(t)
    for path, code, _ in res.failures[:MAX_LISTED]:  # paths are readable forms (GB18030 names decoded)
        console.print(f"  {code}: {path}", markup=False, highlight=False)
    if len(res.failures) > MAX_LISTED:
        console.print(f"  … and {len(res.failures) - MAX_LISTED} more (--json lists all)", highlight=False)


def _shown_url(url: str) -> str:
    """The database as a user names it: a SQLite file's path, or the URL without its password."""
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///"):]
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", envvar="REPORT_PARSER_DB", default=None, metavar="URL",
              help="SQLAlchemy URL or SQLite file (default: reports.db; env REPORT_PARSER_DB).")
@click.option("--workers", "-j", type=click.IntRange(min=1), default=None,
              help="Parallel worker processes (default: number of cores).")
@click.option("--timeout", type=click.FloatRange(min=0), default=120, show_default=True,
              help="Seconds allowed per file; 0 for no limit.")
@click.option("--ocr-page-seconds", type=click.FloatRange(min=0), default=30, show_default=True,
              help="Seconds added to a file's limit for each scanned page it sends through OCR.")
@click.option("--max-memory", type=click.IntRange(min=0), default=1024, show_default=True,
              help="Memory ceiling per worker in MB (address space); 0 for no limit.")
@click.option("--max-file-size", type=click.IntRange(min=0), default=300, show_default=True,
              help="Largest file read, in MB; larger files fail as TOO_LARGE unread. 0 for no limit.")
@click.option("--force", is_flag=True, help="Re-parse files even when their content is already stored.")
@click.option("--retry-failed", is_flag=True, help="Re-parse files whose stored result is 'failed'.")
@click.option("--dask", metavar="ADDRESS", default=None, help="Parse on a Dask cluster (tcp://scheduler:8786).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--word-positions", is_flag=True,
              help="Store page boxes for Word/WPS files from a LibreOffice rendering (seconds per file, cached; "
                   "with --force for files already stored).")
def ingest_cmd(paths, db, workers, timeout, ocr_page_seconds, max_memory, max_file_size, force, retry_failed, dask,
               quiet, as_json, word_positions):
    """Ingest files and folders (recursively, globs allowed) into the database."""
    from ..errors import InputError, UsageError
    from ..ingest import ingest

    try:
        res = ingest(paths, db=db, workers=workers, timeout=timeout or None, force=force, dask=dask,
                     max_memory=max_memory or None, retry_failed=retry_failed, quiet=quiet,
                     ocr_page_seconds=ocr_page_seconds, max_file_size=max_file_size,
                     options={"word_positions": True} if word_positions else None)
    except UsageError as e:
        _fail(str(e))
    except InputError as e:
        _fail(e.message)
    if as_json:
        click.echo(json.dumps(res.to_dict(), ensure_ascii=False, indent=1))
    else:
        _summary(res)
    sys.exit(res.exit_code)


@click.command("migrate")
@click.option("--db", envvar="REPORT_PARSER_DB", default=None, metavar="URL",
              help="SQLAlchemy URL or SQLite file (default: reports.db; env REPORT_PARSER_DB).")
@click.option("--revision", default="head", show_default=True, help="Target Alembic revision.")
def migrate_cmd(db, revision):
    """Create or upgrade the schema in place; on PostgreSQL also the read-only role `query` runs as."""
    from ..errors import InputError, UsageError
    from ..store.db import migrate, resolve_url

    try:
        before, after = migrate(db, revision)
    except InputError as e:
        _fail(e.message)
    url = resolve_url(db)
    if before == after:
        click.echo(f"{url}: already at revision {after}")
    else:
        click.echo(f"{url}: {before or 'empty'} → {after}")
    if not url.startswith("sqlite"):
        from ..store.readonly import reader_status

        try:
            click.echo(reader_status(url), err=True)
        except UsageError as e:  # the schema is migrated; only the check of the role failed
            click.echo(f"could not check query's read-only role: {e}", err=True)
