"""`report-parser orgs`: the organisation registry — bodies, the names merged into each and why, and the
names left unresolved or ambiguous (never merged)."""
from __future__ import annotations

import click

from .query import DB_OPTION, handle_errors, open_db, print_table

_ORDER = ("province", "city", "county", "town")
COLUMNS = ["org_id", "name", "status", "canonical", "level", "region", "reports", "years", "candidates", "evidence"]


@click.command("orgs")
@DB_OPTION
@click.option("--aliases", envvar="REPORT_PARSER_ALIASES", default=None, metavar="FILE",
              help="Alias file (YAML `aliases: {reported name: canonical key}`; env REPORT_PARSER_ALIASES).")
@click.option("--status", type=click.Choice(["all", "resolved", "unresolved", "ambiguous", "problems"]),
              default="all", show_default=True, help="problems = unresolved and ambiguous.")
@click.option("--merged", is_flag=True, help="One block per body: the names read as it, their years, and why.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@handle_errors
def orgs_cmd(db, aliases, status, merged, fmt):
    """List organisations (org_id, canonical key, level, region, years, evidence) and the names left unresolved."""
    from ..store.orgs import assign, registry

    reg = registry(aliases)
    with open_db(db) as store:
        listing = assign(store.engine, reg)  # re-applies the alias file: org_ids follow the user's edits
    if merged:
        _merged(listing, fmt)
        return
    keep = {"all": None, "problems": ("unresolved", "ambiguous")}.get(status, (status,))
    rows = [_row(item) for item in listing if not keep or item.resolution.status in keep]
    if fmt != "table":
        from ..research.export import write_rows

        write_rows(COLUMNS, rows, fmt)
        return
    print_table(COLUMNS, rows)
    problems = sum(1 for i in listing if i.resolution.status != "resolved")
    click.echo(f"{len(listing)} names, {problems} unresolved or ambiguous (never merged; add aliases to link them; "
               "--merged shows which names were read as one body and why).")


def _row(item) -> list:
    """One table row of a listed name."""
    r = item.resolution
    region = " › ".join(v for k, v in sorted({**item.region, **r.region}.items(), key=lambda kv: _ORDER.index(kv[0])))
    return [r.org_id, r.name, r.status, r.canonical, r.level, region, item.reports, _years(item.years),
            "; ".join(r.candidates), "; ".join(r.evidence)]


def _years(years: list[int]) -> str:
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else "".join(map(str, years))


def _merged(listing, fmt: str) -> None:
    """Bodies with more than one name (or a name read with evidence), then the names never merged."""
    from ..store.orgs import merged_bodies

    bodies = merged_bodies(listing)
    left = [i for i in listing if i.resolution.status != "resolved"]
    if fmt != "table":
        from ..research.export import write_rows

        rows = [[oid, canonical, i.resolution.name, i.reports, _years(i.years), "; ".join(i.resolution.evidence)]
                for oid, canonical, items in bodies for i in items]
        rows += [[None, None, i.resolution.name, i.reports, _years(i.years),
                  f"{i.resolution.status}: " + "; ".join(i.resolution.candidates)] for i in left]
        write_rows(["org_id", "canonical", "name", "reports", "years", "evidence"], rows, fmt)
        return
    for oid, canonical, items in bodies:
        years = sorted({y for i in items for y in i.years})
        click.echo(f"{oid}  {canonical}  ({sum(i.reports for i in items)} reports, {_years(years)})")
        for i in items:
            why = "; ".join(i.resolution.evidence) or "same name"
            click.echo(f"    {i.resolution.name}  [{_years(i.years)}, {i.reports}]  {why}")
    for i in left:
        cands = f" — could be {' or '.join(i.resolution.candidates)}" if i.resolution.candidates else ""
        click.echo(f"not merged ({i.resolution.status}): {i.resolution.name or '(no organisation)'} "
                   f"[{_years(i.years)}, {i.reports}]{cands}")
    click.echo(f"{len(bodies)} bodies with merged names, {len(left)} names left unmerged "
               "(an alias file links them: --aliases).")
