"""`report-parser show` and `dossier`: the page with the value boxed, and a report's evidence as one HTML file."""
from __future__ import annotations

from pathlib import Path

import click

from .query import DB_OPTION, handle_errors


@click.command("show")
@click.argument("target", metavar="FILE_OR_REPORT")
@click.argument("keys", nargs=-1, metavar="KEY…")
@click.option("-o", "--out", "out", default=".", show_default=True, type=click.Path(file_okay=False),
              help="Folder for the pictures (PNG per page) or, for web pages and text, the HTML snippet.")
@click.option("--findings", is_flag=True,
              help="Draw every value each failed finding involves, with the rule and its arithmetic (KEY… or a rule "
                   "id narrows them).")
@click.option("--no-render", is_flag=True, help="Do not render Word/WPS files with LibreOffice (no pictures then).")
@DB_OPTION
@handle_errors
def show_cmd(target, keys, out, findings, no_render, db):
    """Draw where each KEY's value is printed: the PDF page with the value boxed and labelled.

    FILE_OR_REPORT is a report file (parsed now) or a stored report's id (or 8+ hex digits of its sha256). KEY is a
    cell key (s3.new_received.total), a metric key (requests.received: its figures in prose and the cell it was
    resolved from) or figure[N]. Word files are drawn on LibreOffice's rendering of them (cached); web pages and text give an HTML page with the value marked.
    """
    from ..research import evidence

    src = evidence.open_source(target, db, render_word=not no_render)
    for path in evidence.show(src, list(keys), Path(out), findings=findings):
        click.echo(str(path))
    for note in src.notes:
        click.echo(f"note: {note}", err=True)


@click.command("dossier")
@click.argument("targets", nargs=-1, required=True, metavar="REPORT…")
@click.option("-o", "--out", "out", required=True, type=click.Path(),
              help="The .html file (one report), or a folder: one <name>.html and <name>.md per report.")
@click.option("--no-render", is_flag=True, help="Do not render Word/WPS files with LibreOffice (no crops then).")
@DB_OPTION
@handle_errors
def dossier_cmd(targets, out, no_render, db):
    """One self-contained HTML file per report (and the same as Markdown): metadata, parts, every figure and cell
    with a link to its crop, every finding with its evidence, the rule and its review status.

    REPORT is a report file, a folder of report files, or a stored report's id (or 8+ hex digits of its sha256).
    """
    from ..research import dossier

    failed = 0
    for target, result in dossier.write_many(list(targets), Path(out), db, render_word=not no_render):
        if isinstance(result, Exception):
            failed += 1
            click.echo(f"Error: {target}: {result}", err=True)
        else:
            click.echo(f"{result[0]}  {result[1]}")
    if failed:
        raise SystemExit(1)
