"""`report-parser keys`: every metric and cell key with its Chinese label, section, era and unit."""
from __future__ import annotations

import click

from .query import handle_errors


@click.command("keys")
@click.argument("prefix", required=False)
@click.option("--era", type=click.Choice(["pre2019", "gb2019", "gb2021"]), default=None,
              help="Only keys a report of this template can hold.")
@click.option("--kind", type=click.Choice(["metric", "figure", "cell"]), default=None,
              help="metric: resolved, one per report (compare); figure: prose only; cell: a table cell.")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of {key, kind, label, section, eras, unit}.")
@handle_errors
def keys_cmd(prefix, era, kind, as_json):
    """List the metric and cell keys compare, export and the Python API accept (e.g. `keys s3.not_open.`)."""
    from ..research.keys import select

    found = select(prefix, era=era, kind=kind)
    if as_json:
        import json

        click.echo(json.dumps([k.to_dict() for k in found], ensure_ascii=False, indent=1))
        return
    _table([[k.key, k.label, k.section, " ".join(k.eras), k.unit or "", k.kind] for k in found])


def _table(rows) -> None:
    """A rich table wide enough that keys never wrap (rich measures CJK labels as two cells a character)."""
    from rich.console import Console
    from rich.table import Table

    t = Table()
    for i, c in enumerate(["key", "标签 label", "section", "era", "unit", "kind"]):
        t.add_column(c, no_wrap=i != 1, overflow="fold")
    for r in rows:
        t.add_row(*r)
    Console(width=180).print(t)
