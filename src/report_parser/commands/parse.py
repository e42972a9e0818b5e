"""`report-parser parse FILE...`: one record per file, as JSON Lines or a readable summary."""
from __future__ import annotations

import sys

import click


def _summary(rec: dict) -> str:
    """A readable few-line summary of a record."""
    from ..readers.fsnames import display

    src = rec["source"]
    lines = [f"{display(src['path'])}  [{src.get('format')}, {src.get('pages') or '?'} pages]  status={rec['status']}"]
    if rec["status"] in ("failed", "skipped"):
        lines += [f"  {i['code']}: {i['message']}" for i in rec["issues"]]
        return "\n".join(lines)
    parts = rec.get("region") or {}
    region = " › ".join(parts[k] for k in ("province", "city", "county", "town") if parts.get(k))
    lines.append(f"  org: {rec.get('org')}  level: {rec.get('level')}  year: {rec.get('year')}  era: {rec.get('era')}"
                 + (f"  region: {region}" if region else ""))
    secs = ", ".join(f"{s['key']}(p{s['page']})" if s.get("page") else s["key"] for s in rec["sections"])
    lines.append(f"  sections: {secs or '-'}")
    if rec["missing_sections"]:
        lines.append(f"  missing: {', '.join(rec['missing_sections'])}")
    lines.append(f"  figures: {len(rec['figures'])}  cells: {len(rec['cells'])}  findings: {len(rec.get('findings') or [])}")
    for k, v in sorted((rec.get("metrics") or {}).items()):
        if v is not None:
            lines.append(f"    {k} = {v}")
    for i in rec["issues"]:
        lines.append(f"  ! {i['code']}: {i['message']}")
    return "\n".join(lines)


@click.command("parse")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON record per file (JSON Lines).")
@click.option("--max-pages", type=int, default=500, show_default=True, help="Read at most this many PDF pages.")
@click.option("--max-file-size", type=click.IntRange(min=0), default=300, show_default=True,
              help="Largest file read, in MB; larger files fail as TOO_LARGE unread. 0 for no limit.")
@click.option("--strict", is_flag=True, help="Raise on parser bugs instead of recording them (for debugging).")
@click.option("--word-positions", is_flag=True,
              help="Give Word/WPS cells and figures page boxes from a LibreOffice rendering (seconds per file, cached).")
def parse_cmd(files, as_json, max_pages, max_file_size, strict, word_positions):
    """Parse report files (.docx .pdf .txt .html .doc) into records."""
    from ..pipeline import parse_file

    failed = 0
    for f in files:
        rec = parse_file(f, {"max_pages": max_pages, "strict": strict, "word_positions": word_positions,
                             "max_file_size": max_file_size * 1024 * 1024}).to_dict()
        failed += rec["status"] == "failed"
        if as_json:
            import json  # only --json needs it

            click.echo(json.dumps(rec, ensure_ascii=False))
        else:
            click.echo(_summary(rec))
        sys.stdout.flush()
    sys.exit(1 if failed else 0)
