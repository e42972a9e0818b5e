"""`report-parser review`: list open findings, confirm/dismiss/correct them, and the CSV round-trip."""
from __future__ import annotations

import json
import sys

import click

from .query import DB_OPTION, handle_errors, open_db


def select_options(f):
    """Which open findings: --rule, --org, --year (list and export)."""
    for o in reversed([
        click.option("--rule", "rules", multiple=True, metavar="ID", help="Only these rules (A01; repeatable)."),
        click.option("--org", default=None, help="Only organisations whose name contains this text."),
        click.option("--year", "years", type=int, multiple=True, help="Only these report years (repeatable)."),
    ]):
        f = o(f)
    return f


BY_OPTION = click.option("--by", default=None, metavar="NAME",
                         help="Who reviews (default: env REPORT_PARSER_REVIEWER, else the login name).")


@click.group("review")
def review_cmd():
    """Auditors' verdicts on findings and corrected values, kept apart from the parsed data."""


@review_cmd.command("list")
@DB_OPTION
@click.option("--reviewed", is_flag=True, help="List the stored reviews (current or stale) instead of open findings.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@select_options
@handle_errors
def list_cmd(db, reviewed, fmt, rules, org, years):
    """Open findings (failed checks without a current review) with their ids, or --reviewed the reviews."""
    from ..audit import review

    with open_db(db) as store:
        if reviewed:
            with store.engine.connect() as conn:
                rows = [r.to_dict() for r in review.load_reviews(conn)]
        else:
            rows = review.open_findings(store.engine, rules=rules, org=org, years=years)
    if fmt == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif reviewed:
        _reviews_text(rows)
    else:
        _open_text(rows)


def _open_text(rows) -> None:
    for x in rows:
        click.echo(f"{x['finding_id']}  {x.get('org') or '?'} {x.get('year') or '?'}  {x['severity']} {x['rule_id']}")
        click.echo(f"    {x.get('message_zh')}")
    click.echo(f"{len(rows)} open findings", err=True)


def _reviews_text(rows) -> None:
    for r in rows:
        what = r["target"] if r["kind"] == "finding" else \
            f"{r['target']} = {r['corrected_value']} (reported {r['reported_value']})"
        state = f"STALE: {r['stale_reason']}" if r["status"] == "stale" else "current"
        click.echo(f"{r['verdict']:<9} {what}  {r.get('org') or '?'} {r.get('year') or '?'}  "
                   f"by {r['reviewed_by']} {r['reviewed_at'][:10]}  [{state}]")
        if r.get("reason"):
            click.echo(f"    {r['reason']}")
    click.echo(f"{len(rows)} reviews, {sum(r['status'] == 'stale' for r in rows)} stale", err=True)


@review_cmd.command("confirm")
@click.argument("finding_id")
@DB_OPTION
@BY_OPTION
@click.option("--note", default=None, help="A note kept with the verdict.")
@handle_errors
def confirm_cmd(finding_id, db, by, note):
    """Confirm a finding: it is a real defect of the report."""
    _decide(db, finding_id, "confirmed", by, note)


@review_cmd.command("dismiss")
@click.argument("finding_id")
@DB_OPTION
@BY_OPTION
@click.option("--reason", required=True, help="Why the finding is not a defect.")
@handle_errors
def dismiss_cmd(finding_id, db, by, reason):
    """Dismiss a finding (a false alarm), with the reason."""
    _decide(db, finding_id, "dismissed", by, reason)


def _decide(db, finding_id, verdict, by, reason) -> None:
    from ..audit import review

    with open_db(db) as store:
        row = review.decide(store.engine, finding_id, verdict, review.reviewer(by), reason)
    click.echo(f"{verdict} {row['target']} by {row['reviewed_by']}")


@review_cmd.command("correct")
@click.argument("key")
@click.option("--report", "report", required=True, metavar="ID", help="The report id (or 8+ digits of its sha256).")
@click.option("--value", required=True, help="The right value (the reported one is kept beside it).")
@click.option("--reason", required=True, help="Where the right value comes from.")
@click.option("--finding", "finding_id", default=None, metavar="ID", help="Also mark this finding corrected.")
@DB_OPTION
@BY_OPTION
@handle_errors
def correct_cmd(key, report, value, reason, finding_id, db, by):
    """Correct the value of a cell key, metric key or report field (org, year …) of one report."""
    from ..audit import review

    with open_db(db) as store:
        row = review.correct(store.engine, key, report, value, reason, review.reviewer(by), finding_id)
    click.echo(f"corrected {row['target']} of {row['report_id']}: {row['reported_value']} → {row['corrected_value']}")


@review_cmd.command("export")
@click.argument("path")
@DB_OPTION
@select_options
@handle_errors
def export_cmd(path, db, rules, org, years):
    """Write the open findings to a CSV (UTF-8 with BOM) to fill in: verdict, by, reason, and key/value to correct."""
    from ..audit import review

    with open_db(db) as store:
        n = review.export_csv(store.engine, path, rules=rules, org=org, years=years)
    click.echo(f"{path}: {n} open findings", err=True)


@review_cmd.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@DB_OPTION
@click.option("--by", default=None, metavar="NAME", help="Reviewer for rows whose by column is empty.")
@handle_errors
def import_cmd(path, db, by):
    """Record the verdicts of a filled CSV; every row is checked and nothing is written if any row is bad."""
    from ..audit import review

    with open_db(db) as store:
        res = review.import_csv(store.engine, path, by)
    for line, why in res.errors:
        click.echo(f"{path}: line {line}: {why}", err=True)
    if res.errors:
        click.echo(f"nothing imported: {len(res.errors)} bad rows", err=True)
        sys.exit(2)
    click.echo(f"{res.written} reviews recorded, {res.skipped} rows left open", err=True)
