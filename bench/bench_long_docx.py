"""A long .docx (about 17 pages of prose) parsed, as a ratio to the python-docx + lxml body walk (issue 18).

    python bench/bench_long_docx.py [--runs 9] [--chars 16000] [--keep /tmp/long.docx] [--profile]
    python bench/bench_long_docx.py --fresh 15 [--fresh-dir /tmp/long-fresh]   # each document parsed once

The document is generated, never committed: synth writes pre2019 reports of many bodies (distinct wording and
figures, as no cache can replay), and the prose paragraphs of all of them are set one after another into the
first report's 概述 part, so the result is one report with one title, one outline and its statistics table,
whose text runs to --chars characters (16,000: 17 pages as LibreOffice lays out synth's documents). Floor: `docx_xml_floor` of bench_parse.py — python-docx's load plus a walk over
the body's text nodes, the cheapest way to get the words out. Measured: `pipeline.parse_file` (the whole
record) and `readers.read` (the Document only), warm, median of interleaved pairs; --profile prints where a
parse spends its time, stage by stage.

The pairs re-parse one document, and the stages keep per-process caches keyed by text (normalised paragraphs and
labels, org names, cell values): from the second parse on they answer from memory what a document seen for the first
time has to work out. --fresh N generates N such documents (seeds 101…) and parses each once, after a warm-up on
the main document, beside the floor on the same file, then once more: the first parse is what a new document costs,
the second what the repeated pairs measure.
"""
from __future__ import annotations

import argparse
import copy
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_parse import docx_xml_floor  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _prose(paragraph) -> bool:
    """A body paragraph of running prose: long, ending a sentence, not a heading or a table's caption."""
    text = paragraph.text.strip()
    return len(text) >= 40 and text.endswith("。") and not paragraph.style.name.lower().startswith(("heading", "title"))


def long_docx(out: Path, chars: int = 16000, seed: int = 3) -> tuple[int, int]:
    """Write a long one-report .docx to out; returns (characters of text, prose paragraphs)."""
    import docx

    from report_parser.synth import generate

    with tempfile.TemporaryDirectory() as tmp:
        generate(tmp, orgs=40, years="2015-2018", formats="docx", seed=seed)
        files = sorted(Path(tmp, "docs").glob("*.docx"))
        base = docx.Document(str(files[0]))
        prose = [p for p in base.paragraphs if _prose(p)]
        anchor = prose[0]._p  # the first prose paragraph: the overview
        total = sum(len(p.text) for p in base.paragraphs)
        added = 0
        for f in files[1:]:
            for p in docx.Document(str(f)).paragraphs:
                if total >= chars:
                    break
                if _prose(p):
                    el = copy.deepcopy(p._p)
                    anchor.addnext(el)
                    anchor = el
                    total += len(p.text)
                    added += 1
        base.save(str(out))
    return total, len(prose) + added


def paired(fn, floor, runs: int) -> dict[str, float]:
    """Medians of fn and floor, wall and CPU milliseconds, and of their per-pair ratios, runs interleaved.

    CPU time (this process's user + system) is the steadier figure on a shared machine: another job's load
    stretches wall time, CPU time much less."""
    fn()
    floor()
    rows: dict[str, list[float]] = {k: [] for k in ("wall", "floor_wall", "cpu", "floor_cpu", "ratio", "ratio_cpu")}
    for _ in range(runs):
        for f, wall_key, cpu_key in ((fn, "wall", "cpu"), (floor, "floor_wall", "floor_cpu")):
            w, c = time.perf_counter(), time.process_time()
            f()
            rows[cpu_key].append((time.process_time() - c) * 1000)
            rows[wall_key].append((time.perf_counter() - w) * 1000)
        rows["ratio"].append(rows["wall"][-1] / rows["floor_wall"][-1])
        rows["ratio_cpu"].append(rows["cpu"][-1] / rows["floor_cpu"][-1])
    return {k: statistics.median(v) for k, v in rows.items()}


def stage_profile(path: Path, runs: int) -> None:
    """Median CPU milliseconds of each pipeline stage over runs parses."""
    from report_parser import audit, pipeline, readers
    from report_parser.extract import figures, metadata, resolve, segment, stats_tables, tables

    spent: dict[str, list[float]] = {}

    def timed(mod, name):
        fn = getattr(mod, name)

        def wrapper(*a, **k):
            t = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                spent.setdefault(f"{mod.__name__.rsplit('.', 1)[-1]}.{name}", []).append(time.process_time() - t)
        setattr(mod, name, wrapper)
        return fn

    targets = [(readers, "read"), (metadata, "extract"), (segment, "segment"), (tables, "extract"),
               (stats_tables, "extract"), (figures, "extract"), (resolve, "resolve"), (audit, "audit_report")]
    originals = [(m, n, timed(m, n)) for m, n in targets]
    try:
        for _ in range(runs):
            pipeline.parse_file(path)
    finally:
        for m, n, fn in originals:
            setattr(m, n, fn)
    print("stage medians (CPU): " + "  ".join(f"{k} {statistics.median(v) * 1000:.1f} ms" for k, v in spent.items()))


def fresh_pairs(paths: list[Path]) -> dict[str, float]:
    """Medians over documents each parsed for the first time in this process (CPU ms), the floor on the same file, their
    per-document ratios, and the same documents' second parse."""
    from report_parser import pipeline

    rows: dict[str, list[float]] = {k: [] for k in ("first", "floor", "ratio", "second", "ratio_second")}
    for path in paths:
        for key, fn in (("floor", lambda: docx_xml_floor(path)), ("first", lambda: pipeline.parse_file(path)),
                        ("second", lambda: pipeline.parse_file(path))):
            c = time.process_time()
            fn()
            rows[key].append((time.process_time() - c) * 1000)
        rows["ratio"].append(rows["first"][-1] / rows["floor"][-1])
        rows["ratio_second"].append(rows["second"][-1] / rows["floor"][-1])
    return {k: statistics.median(v) for k, v in rows.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--chars", type=int, default=16000)
    ap.add_argument("--keep", type=Path, help="write the generated .docx here (and reuse it if it exists)")
    ap.add_argument("--profile", action="store_true", help="also print the time of each pipeline stage")
    ap.add_argument("--fresh", type=int, default=0, help="also time N other such documents, each parsed once")
    ap.add_argument("--fresh-dir", type=Path, help="where the --fresh documents are written (and reused)")
    args = ap.parse_args()
    from report_parser import pipeline, readers

    path = args.keep or Path(tempfile.mkdtemp(prefix="bench-long-docx-")) / "long.docx"
    if not path.exists():
        chars, paras = long_docx(path, args.chars)
        print(f"generated {path}: {chars} characters, {paras} prose paragraphs")
    floor = lambda: docx_xml_floor(path)  # noqa: E731
    rows = [("long .docx readers.read", paired(lambda: readers.read(path), floor, args.runs)),
            ("long .docx parse_file", paired(lambda: pipeline.parse_file(path), floor, args.runs))]
    rec = pipeline.parse_file(path)
    print(f"record: status {rec.status}, era {rec.era}, {len(rec.sections)} sections, {len(rec.figures)} figures, "
          f"{len(rec.cells)} cells; load average {os.getloadavg()[0]:.2f}")
    print(f"{'what':26} {'wall ms':>8} {'floor':>7} {'ratio':>6}   {'CPU ms':>7} {'floor':>7} {'ratio':>6}"
          f"  (floor: python-docx load + body XML walk; medians of {args.runs} interleaved pairs)")
    for what, r in rows:
        print(f"{what:26} {r['wall']:8.1f} {r['floor_wall']:7.1f} {r['ratio']:6.2f}   {r['cpu']:7.1f} "
              f"{r['floor_cpu']:7.1f} {r['ratio_cpu']:6.2f}")
    if args.profile:
        stage_profile(path, args.runs)
    if args.fresh:
        folder = args.fresh_dir or Path(tempfile.mkdtemp(prefix="bench-long-docx-fresh-"))
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for seed in range(101, 101 + args.fresh):
            p = folder / f"long-{args.chars}-{seed}.docx"
            if not p.exists():
                long_docx(p, args.chars, seed=seed)
            paths.append(p)
        r = fresh_pairs(paths)
        print(f"{len(paths)} other documents, each parsed once (CPU, medians): first parse {r['first']:.1f} ms, floor "
              f"{r['floor']:.1f} ms, ratio {r['ratio']:.2f}; the same documents parsed again {r['second']:.1f} ms, "
              f"ratio {r['ratio_second']:.2f}")


if __name__ == "__main__":
    main()
