"""`report-parser eval DIR...`: score the parser against gold files and list the misses."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

COLUMNS = (("items", "n"), ("failed", "fail"), ("org", "org"), ("org_body", "body"), ("year", "year"), ("era", "era"),
           ("level", "level"), ("region", "region"), ("sections_f1", "sec F1"), ("section_pages", "pages"), ("metrics_p", "met P"),
           ("metrics_r", "met R"), ("cells_p", "cell P"), ("cells_r", "cell R"))


def _fmt(v) -> str:
    if v is None:
        return "-"
    return str(v) if isinstance(v, int) else f"{v:.3f}"


def _table(rows) -> str:
    head = ["set"] + [c[1] for c in COLUMNS]
    body = [[name] + [_fmt(s.get(k)) for k, _ in COLUMNS] for name, s in rows]
    widths = [max(len(r[i]) for r in [head] + body) for i in range(len(head))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in [head] + body)


def _metric_table(tallies) -> str:
    """Per set and metric: values right, wrong (a value the gold does not give: another one, or one it leaves out on
    purpose) and missed (a gold value not given right), with precision and recall."""
    rows = [["set", "metric", "right", "wrong", "missed", "P", "R"]]
    for name in sorted(tallies):
        for k, (tp, fp, fn) in sorted(tallies[name].by_metric.items()):
            rows.append([name, k, str(tp), str(fp), str(fn), _fmt(tp / (tp + fp) if tp + fp else None),
                         _fmt(tp / (tp + fn) if tp + fn else None)])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n" + "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows)


@click.command("eval")
@click.argument("dirs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print scores and misses as one JSON object.")
@click.option("--formats", default="txt,docx", show_default=True,
              help="Formats each dev excerpt is parsed in (comma-separated: txt, docx, and flat = the text "
                   "joined into one line, wrap = every line hard-wrapped at a fixed width, wrapdocx = the same as a Word file "
                   "with a paragraph per line, spaced = a space between "
                   "every digit and the CJK beside it, as a copied PDF gives it, pdf = typeset as a government report and "
                   "printed to PDF by LibreOffice, scan = that PDF as page images read by OCR, minutes per set; the six are "
                   "stress variants). "
                   "A .txt document of synth or whole-document gold is also scored flat when flat is listed.")
@click.option("--misses", "max_misses", type=int, default=40, show_default=True,
              help="Show at most this many misses per set (0 for none, -1 for all).")
@click.option("--baseline", type=click.Path(exists=True, dir_okay=False),
              help="Floors file (tests/eval_baseline.yaml); exit 1 when a floor is broken.")
@click.option("--show-held", is_flag=True,
              help="Also list the misses of held-out sets (e.g. dev2-held). Off by default: rules are "
                   "written without reading them, so their score stays an honest estimate.")
@click.option("--by-metric", is_flag=True,
              help="Also print, per set, each metric's right, wrong and missed values with its precision and recall "
                   "(counts only, so held-out sets are shown too).")
@click.option("--against", "second", type=click.Path(exists=True),
              help="Score this folder of a second labeller's gold (items matched by id) instead of the parser: "
                   "the two labellers' agreement, the ceiling of any parser's score on these labels.")
def eval_cmd(dirs, as_json, formats, max_misses, baseline, show_held, by_metric, second):
    """Score the parser against gold files: dev excerpts, whole-document gold or synth truth."""
    from ..evaluate import FORMATS, agreement, broken_floors, evaluate, is_held, load_baseline, summary_rows

    fmts = tuple(f.strip() for f in formats.split(",") if f.strip())
    unknown = [f for f in fmts if f not in FORMATS]
    if unknown:
        raise click.BadParameter(f"unknown format {', '.join(unknown)} (known: {', '.join(FORMATS)})",
                                 param_hint="--formats")
    problems: list[str] = []
    tallies = agreement(dirs, second, problems) if second else evaluate(dirs, fmts, problems=problems)
    for p in problems:
        click.echo(f"skipped {p}", err=True)
    if not tallies and second:
        raise click.UsageError(f"no item of {second} has the id of an item in {', '.join(dirs)} "
                               "(items are matched by their file name)")
    if not tallies:
        raise click.UsageError(f"no gold files found in {', '.join(dirs)}")
    broken = broken_floors(tallies, load_baseline(baseline)) if baseline else []
    rows = summary_rows(tallies)
    shown_sets = [n for n in sorted(tallies) if show_held or not is_held(n)]
    if as_json:
        out = {"sets": {n: s for n, s in rows},
               "misses": {n: tallies[n].misses for n in shown_sets},
               "broken_floors": broken}
        if by_metric:
            out["by_metric"] = {n: {k: dict(zip(("right", "wrong", "missed"), v)) for k, v in sorted(t.by_metric.items())}
                                for n, t in sorted(tallies.items())}
        click.echo(json.dumps(out, ensure_ascii=False, indent=1, default=str))
    else:
        click.echo(_table(rows))
        if by_metric:
            click.echo(_metric_table(tallies))
        for name in shown_sets:
            misses = tallies[name].misses
            if not misses or max_misses == 0:
                continue
            shown = misses if max_misses < 0 else misses[:max_misses]
            click.echo(f"\nmisses in {name} ({len(misses)}):")
            for m in shown:
                click.echo(f"  {m['item']:<10} {m['field']:<32} expected {m['expected']!r:<24} got {m['got']!r}")
            if len(shown) < len(misses):
                click.echo(f"  … {len(misses) - len(shown)} more (--misses -1 shows all)")
        hidden = [n for n in sorted(tallies) if n not in shown_sets and tallies[n].misses]
        if hidden:
            click.echo(f"\nmisses of held-out sets not shown ({', '.join(hidden)}; --show-held lists them)")
        for b in broken:
            click.echo(f"FLOOR BROKEN {b}", err=True)
        if baseline and not broken:
            click.echo(f"all floors in {Path(baseline).name} hold", err=True)
    sys.exit(1 if broken else 0)
