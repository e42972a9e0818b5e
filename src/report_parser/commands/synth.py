"""`report-parser synth OUT`: generate a synthetic corpus with exact ground truth."""
from __future__ import annotations

import sys
import time

import click


@click.command("synth")
@click.argument("out", type=click.Path(file_okay=False))
@click.option("--orgs", type=int, default=6, show_default=True, help="Number of organs (each reports every year).")
@click.option("--years", default="2016-2024", show_default=True, help="Report years, e.g. 2012-2024 or 2018,2021.")
@click.option("--formats", default="docx,pdf,html,txt", show_default=True,
              help="Comma-separated formats (docx, pdf, html, txt, ofd); each document gets one, drawn per organ and year.")
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed → same documents and truth.")
@click.option("--defects", "rate", type=float, default=0.0, show_default=True,
              help="Share of documents with one injected defect (0–1), recorded in truth.")
@click.option("--quiet", is_flag=True, help="No progress on stderr.")
def synth_cmd(out, orgs, years, formats, seed, rate, quiet):
    """Write reports to OUT/docs, truth to OUT/truth/<file>.json and OUT/manifest.csv."""
    from ..errors import InputError
    from ..synth import generate

    show = not quiet and sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if show and (done == total or done % 20 == 0):
            click.echo(f"\r  {done}/{total} documents", err=True, nl=done == total)

    t0 = time.perf_counter()
    try:
        manifest = generate(out, orgs=orgs, years=years, formats=formats, seed=seed, defects=rate, progress=progress)
    except InputError as e:
        click.echo(f"Error: {e.message}", err=True)
        sys.exit(2)
    n_def = sum(1 for r in manifest if r["defects"])
    by_fmt: dict[str, int] = {}
    for r in manifest:
        by_fmt[r["format"]] = by_fmt.get(r["format"], 0) + 1
    fmts = ", ".join(f"{k} {v}" for k, v in sorted(by_fmt.items()))
    click.echo(f"{len(manifest)} documents ({fmts}); {n_def} with a defect; {time.perf_counter() - t0:.1f} s → {out}",
               err=True)
    click.echo(f"{out}/manifest.csv")
