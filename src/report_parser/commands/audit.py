"""`report-parser audit`: run the audit rules over the database or over files, print and store findings."""
from __future__ import annotations

import csv
import json
import sys

import click

_MARK = {"error": "E", "warning": "W", "info": "I"}
CSV_FIELDS = ["report", "path", "org", "year", "rule_id", "severity", "status", "section", "page", "keys", "values",
              "message_zh", "message_en", "finding_id", "review"]


@click.command("audit")
@click.argument("paths", nargs=-1)
@click.option("--files", "use_files", is_flag=True,
              help="Audit the files/folders given as PATHS (parsed now, no database needed).")
@click.option("--db", envvar="REPORT_PARSER_DB", default=None, metavar="URL",
              help="SQLAlchemy URL or SQLite file (default: reports.db; env REPORT_PARSER_DB).")
@click.option("--org", default=None, help="Only organisations whose name (or org_id) contains this text.")
@click.option("--region", default=None, help="Only reports whose province/city/county/town contains this text.")
@click.option("--year", "years", type=int, multiple=True, help="Only findings about these report years.")
@click.option("--rule", "rules", multiple=True, help="Only these rules: an id (A02) or a family (arithmetic).")
@click.option("--severity", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Only findings at or above this severity.")
@click.option("--fail-only", is_flag=True, help="Hide checks that were not assessable.")
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default=None,
              help="Exit 1 when a failed check of this severity (or worse) is found.")
@click.option("--no-store", is_flag=True, help="Do not write findings back into the database.")
@click.option("--coverage", "show_coverage", is_flag=True,
              help="Also print the organisation × year coverage matrix (text format).")
@click.option("--gate", is_flag=True,
              help="Check drafts before publication: the files in PATHS, parsed now, single-report rules only, "
                   "failed errors and warnings listed; exit 1 when an error (or with --fail-on warning, a warning) "
                   "failed or a file could not be checked, else 0.")
@click.option("--reread", is_flag=True,
              help="Database mode: read the stored files again for the full text (needed only for reports "
                   "stored before sections kept their text; the text-similarity rules X03–X05 use it).")
def audit_cmd(paths, use_files, db, org, region, years, rules, severity, fail_only, fmt, fail_on, no_store, show_coverage,
              gate, reread):
    """Find missing parts and numbers that don't add up (reads values, never repairs them)."""
    from ..audit import audit_reports, select, summary
    from ..audit import sources
    from ..audit.catalogue import catalogue
    from ..audit.coverage import matrix, names
    from ..audit.orgkey import batch_keys
    from ..errors import InputError, UsageError

    unknown = [r for r in rules if r.upper() not in catalogue()["rules"]
               and r.lower() not in {x["family"] for x in catalogue()["rules"].values()}]
    if unknown:
        _usage(f"unknown rule or family: {', '.join(unknown)} (see docs/audit-rules.md)")
    if gate:
        if show_coverage or reread:
            _usage("--gate checks each draft on its own: --coverage and --reread do not apply")
        # The gate is --files with the defaults a pre-publication check wants, not a second audit.
        use_files, fail_only, no_store = True, True, True
        fail_on, severity = fail_on or "error", severity or "warning"
    if paths and not use_files:
        _usage("PATHS are only read with --files or --gate")
    try:
        if use_files:
            if not paths:
                _usage(f"{'--gate' if gate else '--files'} needs at least one file or folder")
            loaded, store = sources.from_files(paths), None
            loaded.reports = [r for r in loaded.reports if _matches(r, org, region)]
        else:
            from pathlib import Path

            from ..store.db import Store, resolve_url

            url = resolve_url(db)
            if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
                # Opening would create an empty file; say what to do instead.
                _usage(f"no database at {url[len('sqlite:///'):]}: ingest reports first, or audit files with --files")
            store = Store(db, create=False)
            loaded = sources.from_store(store, org=org, region=region, reread=reread)
    except (UsageError, InputError) as e:
        _usage(getattr(e, "message", str(e)))
    for path, code, message in loaded.failed:
        click.echo(f"skipped {path}: {code}: {message}", err=True)
    findings = audit_reports(loaded.reports, loaded.texts, across=not gate)
    unchecked = _unchecked(loaded, findings) if gate else []
    if years:
        findings = [x for x in findings if x["year"] in years]
    if store is not None and not no_store:
        audited = [r for r in loaded.reports if not years or r.year in years]
        n = sources.save_findings(store, audited, findings)
        click.echo(f"stored {n} findings for {len(audited)} reports", err=True)
    findings = _reviewed(store, findings)
    shown = select(findings, rules=rules, severity=severity, include_not_assessable=not fail_only)
    keys = batch_keys(loaded.reports)  # the same organisation keys the coverage rule used
    paths_by_sha = {r.source.get("sha256"): r.source.get("path") for r in loaded.reports}
    if fmt == "json":
        json.dump({"reports": len(loaded.reports), "findings": shown, "summary": summary(shown),
                   "coverage": {k: sorted(v) for k, v in matrix(loaded.reports, keys=keys).items()},
                   "coverage_names": names(loaded.reports, keys)}, sys.stdout,
                  ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif fmt == "csv":
        _csv(shown, paths_by_sha)
    else:
        _text(shown, paths_by_sha, loaded.reports)
        if show_coverage:
            _coverage(matrix(loaded.reports, keys=keys), names(loaded.reports, keys))
    if fmt != "text":
        for row in summary(shown):
            click.echo(f"{row['rule_id']} {row['severity']:<7} fail {row['fail']:>5}  not assessable "
                       f"{row['not_assessable']:>5}  {row['title_en']}", err=True)
    failed = _failing(shown, fail_on)
    if gate:
        _verdict(failed, unchecked, fail_on)
    if failed or unchecked:
        sys.exit(1)


def _failing(findings, fail_on: str | None) -> list[dict]:
    """The failed checks at the --fail-on severity or worse (none without --fail-on)."""
    if not fail_on:
        return []
    levels = ("error",) if fail_on == "error" else ("error", "warning")
    return [x for x in findings if x["status"] == "fail" and x["severity"] in levels]


def _unchecked(loaded, findings) -> list[tuple[str, str]]:
    """Files the gate could not vouch for, with the reason: unreadable, not an annual report, or parts unknown."""
    from ..record import OK, PARTIAL

    out = [(path, f"{code}: {message}") for path, code, message in loaded.failed]
    blind = {x["report"]: x["message_en"] for x in findings if x["rule_id"] == "C01" and x["status"] != "fail"}
    for r in loaded.reports:
        path, sha = r.source.get("path") or "?", r.source.get("sha256")
        if r.status not in (OK, PARTIAL):
            out.append((path, "; ".join(f"{i.code}: {i.message}" for i in r.issues[:1]) or r.status))
        elif not r.era:
            # Without a year or a template table the required parts are unknown: silence would be no pass.
            out.append((path, "neither its year nor its table format could be read, so its required parts are unknown"))
        elif sha in blind:
            out.append((path, blind[sha]))
    return out


def _verdict(failed, unchecked, fail_on: str) -> None:
    """The gate's last line (stderr, so --format json/csv stay parseable): passed, or what stops publication."""
    for path, why in unchecked:
        click.echo(f"gate: could not check {path}: {why}", err=True)
    if not failed and not unchecked:
        click.echo(f"gate: passed (no failed check at {fail_on} level)", err=True)
        return
    rules = sorted({x["rule_id"] for x in failed})
    what = [f"{len(failed)} failed check(s) at {fail_on} level ({', '.join(rules)})"] if failed else []
    what += [f"{len(unchecked)} file(s) not checked"] if unchecked else []
    click.echo(f"gate: FAILED — {'; '.join(what)}", err=True)


def _reviewed(store, findings):
    """Each finding with its stable id and, from the database, its review (None when never reviewed)."""
    from ..audit import review

    if store is None:
        return [{**x, "review": None} for x in review.with_ids(findings)]
    return review.attach(store.engine, findings)


def _review_line(r) -> str:
    """One line of a finding's review for the text output: verdict, who, when, why, and whether it is stale."""
    stale = f" — STALE: {r['stale_reason']}" if r["status"] == "stale" else ""
    why = f" ({r['reason']})" if r.get("reason") else ""
    return f"      review: {r['verdict']} by {r['reviewed_by']} {r['reviewed_at'][:10]}{why}{stale}"


def _usage(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(2)


def _matches(report, org: str | None, region: str | None) -> bool:
    if org and org not in (report.org or ""):
        return False
    if region and not any(region in (v or "") for v in (report.region or {}).values()):
        return False
    return True


def _csv(findings, paths_by_sha) -> None:
    w = csv.DictWriter(sys.stdout, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for x in findings:
        r = x.get("review")
        w.writerow({**x, "path": paths_by_sha.get(x["report"]), "keys": ";".join(x["keys"]),
                    "values": json.dumps(x["values"], ensure_ascii=False),
                    "review": "" if r is None else r["verdict"] + (" (stale)" if r["status"] == "stale" else "")})


def _text(findings, paths_by_sha, reports) -> None:
    from ..audit import summary

    groups: dict[str | None, list] = {}
    for x in findings:
        groups.setdefault(x["report"], []).append(x)
    out = click.echo
    for sha, items in sorted(groups.items(), key=_reading_order(paths_by_sha)):
        first = items[0]
        if sha is None:
            out("coverage (organisation × year)")
        else:
            out(f"{paths_by_sha.get(sha) or sha[:16]}  {first['org'] or '?'} {first['year'] or '?'}  [{sha[:12]}]")
        for x in items:
            where = " ".join(p for p in (x["section"] or "", f"p.{x['page']}" if x["page"] else "") if p)
            na = " (not assessable)" if x["status"] != "fail" else ""
            out(f"  {_MARK[x['severity']]} {x['rule_id']}{na} {where}".rstrip())
            out(f"      {x['message_zh']}")
            out(f"      {x['message_en']}")
            if x["keys"] and x["status"] == "fail":
                out(f"      keys: {', '.join(x['keys'][:8])}{' …' if len(x['keys']) > 8 else ''}")
            out(f"      id: {x['finding_id']}")
            if x.get("review"):
                out(_review_line(x["review"]))
            if isinstance((x["values"] or {}).get("hint"), dict):  # a reading error to look at, not a repair
                out(f"      {x['values']['hint']['zh']}")
    rows = summary(findings)
    out(f"\n{len(reports)} reports audited, {sum(r['fail'] for r in rows)} failed checks, "
        f"{sum(r['not_assessable'] for r in rows)} not assessable")
    for r in rows:
        out(f"  {r['rule_id']} {r['severity']:<7} fail {r['fail']:>5}  not assessable {r['not_assessable']:>5}  "
            f"{r['title_en']} / {r['title_zh']}")


def _reading_order(paths_by_sha):
    """Sort key for report groups: organisation, year, path; coverage (no report) last."""
    def key(item):
        sha, items = item
        first = items[0]
        return (sha is None, first["org"] or "", first["year"] or 0, paths_by_sha.get(sha) or "", sha or "")
    return key


def _coverage(m, label) -> None:
    """The organisation × year matrix: ● a report, · none (inside or outside the organisation's range)."""
    from ..audit.coverage import grid

    if not m:
        return
    click.echo("\ncoverage: organisation × year (● report, · missing)")
    for line in grid(m, label):
        click.echo(line)
