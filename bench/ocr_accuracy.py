"""OCR accuracy on scans made from text PDFs: characters, figures, table cells, doubtful cells, time and memory.

Usage: python bench/ocr_accuracy.py [--pdf A.pdf B.pdf ...] [--dpi 200 300] [--engine auto|tesseract|rapidocr]
       [--synth N] [--out DIR]

Each page of a text PDF is rendered to a greyscale image at the given dpi and wrapped into an image-only PDF
(what a scanner or "print to image" produces). The pipeline then reads that PDF through OCR. The reference is
the same pipeline on the original text PDF:
- char accuracy = 1 - Levenshtein(reference text, OCR text) / len(reference), whitespace removed;
- figures found = share of the reference's prose figures (metric, value) found in the OCR record;
- cells right = template-table cells (key, value) of the reference also in the OCR record (printed and derived);
  gold right = the same against the hand-made gold next to the PDF (`X.gold.json`, printed cells only);
- wrong / caught = OCR cells whose value differs from the reference, and how many of those are marked doubtful
  (an identity of the template broke); `uncatchable` wrong cells are in no identity that could be checked;
- s/page = reading time of the scan per page; peak MB = peak RSS of the process that read it (one process per
  scan, so models and page images of one scan do not count against the next).
--synth N adds N generated PDF reports (report-parser synth) scanned the same way.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real" / "pdf"


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions), O(len(a)·len(b)) time, O(len(b)) memory."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _gold(pdf: Path) -> dict | None:
    g = pdf.with_name(pdf.stem + ".gold.json")
    if not g.exists():
        return None
    cells = json.loads(g.read_text(encoding="utf-8")).get("table_cells") or {}
    return {k: (None if v is None else str(v)) for k, v in cells.items()}


def measure(pdf: Path, dpi: int, workdir: Path, engine: str | None = None) -> dict:
    """Accuracy figures of the OCR path for one scan resolution (run in its own process by main)."""
    import resource

    from report_parser.pipeline import parse_document
    from report_parser.readers import read

    ref_doc = read(pdf)
    ref = parse_document(ref_doc)
    from report_parser.synth.render_pdf import scan as make_scan  # (the eval's "scan" variant makes them the same way)

    scan = make_scan(pdf, workdir / f"{pdf.stem}-{dpi}.pdf", dpi)
    t0 = time.monotonic()
    doc = read(scan, {"ocr_engine": engine} if engine else None)
    seconds = time.monotonic() - t0
    rec = parse_document(doc)
    a, b = _squash(ref_doc.text), _squash(doc.text)
    dist = levenshtein(a, b)
    # Figures match on (metric, value): the raw text may differ in spacing only.
    want = Counter((f.metric, f.value) for f in ref.figures)
    got = Counter((f.metric, f.value) for f in rec.figures)
    found = sum((want & got).values())
    cells_ref = Counter((c.key, c.value) for c in ref.cells)
    cells_got = Counter((c.key, c.value) for c in rec.cells)
    ref_by = {c.key: c.value for c in ref.cells}
    wrong = [c for c in rec.cells if c.key in ref_by and c.value != ref_by[c.key]]
    gold = _gold(pdf)
    got_by = {c.key: c.value for c in rec.cells}
    metrics = [k for k, v in ref.metrics.items() if v is not None]
    same = [k for k in metrics if rec.metrics.get(k) == ref.metrics[k]]
    return {"pdf": pdf.name, "dpi": dpi, "pages": doc.pages, "ocr_pages": doc.meta.get("ocr_pages", 0),
            "engines": doc.meta.get("ocr_engines", {}),
            "chars_ref": len(a), "char_accuracy": 1 - dist / max(len(a), 1),
            "figures_ref": sum(want.values()), "figures_found": found,
            "cells_ref": sum(cells_ref.values()), "cells_found": sum((cells_ref & cells_got).values()),
            "gold_ref": len(gold) if gold else None,
            "gold_found": sum(1 for k, v in gold.items() if got_by.get(k) == v) if gold else None,
            "wrong": len(wrong), "wrong_caught": sum(c.doubtful for c in wrong),
            "doubtful": sum(c.doubtful for c in rec.cells),
            "wrong_cells": [(c.key, c.value, ref_by[c.key], c.doubtful) for c in wrong][:10],
            "metrics_ref": len(metrics), "metrics_same": len(same),
            "sections_same": [s.key for s in rec.sections] == [s.key for s in ref.sections],
            "seconds_per_page": seconds / max(doc.pages or 1, 1),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _synth_pdfs(n: int, out: Path) -> list[Path]:
    """n generated PDF reports (report-parser synth), for scans whose truth is known by construction."""
    from click.testing import CliRunner

    from report_parser.cli import main as cli

    res = CliRunner().invoke(cli, ["synth", str(out), "--orgs", str(max(1, n)), "--years", "2022", "--defects", "0",
                                   "--formats", "pdf", "--quiet"])
    if res.exit_code != 0:
        raise SystemExit(f"synth failed: {res.output}")
    return sorted(out.rglob("*.pdf"))[:n]


def _row(m: dict) -> str:
    gold = f"{m['gold_found']}/{m['gold_ref']}" if m["gold_ref"] else "–"
    return (f"| {m['pdf']} | {m['dpi']} | {m['ocr_pages']}/{m['pages']} | {m['char_accuracy']:.2%} | "
            f"{m['figures_found']}/{m['figures_ref']} | {m['cells_found']}/{m['cells_ref']} | {gold} | "
            f"{m['wrong']} ({m['wrong_caught']} caught) | {m['doubtful']} | {m['metrics_same']}/{m['metrics_ref']} | "
            f"{m['sections_same']} | {m['seconds_per_page']:.1f} | {m['peak_mb']:.0f} |")


def main() -> None:
    """Print a Markdown table of OCR accuracy per PDF and dpi."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pdf", type=Path, nargs="*", default=None,
                    help="text PDFs to scan (default: the seed PDF and ../shared/real/pdf/*.pdf when present)")
    ap.add_argument("--dpi", type=int, nargs="+", default=[200, 300])
    ap.add_argument("--engine", choices=["auto", "tesseract", "rapidocr"], default="auto",
                    help="force one engine for every region (default: grids RapidOCR, prose tesseract)")
    ap.add_argument("--synth", type=int, default=0, help="also scan this many generated PDF reports")
    ap.add_argument("--out", type=Path, default=None, help="keep the scans in this folder")
    ap.add_argument("--one", nargs=2, metavar=("PDF", "DPI"), help=argparse.SUPPRESS)  # child process mode
    args = ap.parse_args()
    engine = None if args.engine == "auto" else args.engine
    with tempfile.TemporaryDirectory() as tmp:
        work = args.out or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if args.one:
            print(json.dumps(measure(Path(args.one[0]), int(args.one[1]), work, engine), ensure_ascii=False))
            return
        pdfs = args.pdf if args.pdf is not None else [ROOT / "corpus" / "seed" / "qianwei-2017.pdf",
                                                       *sorted(REAL.glob("*.pdf"))]
        if args.synth:
            pdfs += _synth_pdfs(args.synth, work / "synth")
        print(f"engine: {args.engine}")
        print("| pdf | dpi | pages OCR'd | char accuracy | figures | cells right (vs text PDF) | gold cells right "
              "| wrong cells | doubtful | metrics same | sections same | s/page | peak MB |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|")
        for pdf in pdfs:
            for dpi in args.dpi:
                cmd = [sys.executable, __file__, "--one", str(pdf), str(dpi), "--engine", args.engine,
                       "--out", str(work)]
                out = subprocess.run(cmd, capture_output=True, text=True, check=False)
                if out.returncode != 0:
                    print(f"| {pdf.name} | {dpi} | failed: {out.stderr.strip().splitlines()[-1:]} |")
                    continue
                m = json.loads(out.stdout.strip().splitlines()[-1])
                print(_row(m), flush=True)
                if m["wrong_cells"]:
                    print(f"|   | wrong (key, read, reference, doubtful): {m['wrong_cells']} |")


if __name__ == "__main__":
    main()
