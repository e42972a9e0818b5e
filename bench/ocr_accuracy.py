"""OCR accuracy on scans made from a text PDF: character accuracy and figure accuracy per scan resolution.

Usage: python bench/ocr_accuracy.py [--pdf corpus/seed/qianwei-2017.pdf] [--dpi 150 200 300] [--out DIR]

Each page of the text PDF is rendered to a greyscale image at the given dpi and wrapped into an
image-only PDF (what a scanner or "print to image" produces). The pipeline then reads that PDF through
OCR. The reference is the same pipeline on the original text PDF:
- character accuracy = 1 - Levenshtein(reference text, OCR text) / len(reference), whitespace removed;
- figure accuracy = share of the reference's prose figures (metric, value) found in the OCR record;
- table cells found = template-table cells (key, value) of the reference also in the OCR record;
- metric accuracy = share of resolved core metrics with the same value.
"""
from __future__ import annotations

import argparse
import re
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions), O(len(a)·len(b)) time, O(len(b)) memory."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def make_scan(pdf: Path, dpi: int, out: Path) -> Path:
    """An image-only PDF of pdf's pages rendered at dpi (greyscale)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    images = [doc[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(doc))]
    doc.close()
    images[0].save(out, save_all=True, append_images=images[1:], resolution=dpi)
    return out


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def measure(pdf: Path, dpi: int, workdir: Path) -> dict:
    """Accuracy figures of the OCR path for one scan resolution."""
    from report_parser.pipeline import parse_document
    from report_parser.readers import read

    ref_doc = read(pdf)
    ref = parse_document(ref_doc)
    scan = make_scan(pdf, dpi, workdir / f"scan-{dpi}.pdf")
    t0 = time.monotonic()
    doc = read(scan)
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
    metrics = [k for k, v in ref.metrics.items() if v is not None]
    same = [k for k in metrics if rec.metrics.get(k) == ref.metrics[k]]
    return {"dpi": dpi, "pages": doc.pages, "ocr_pages": doc.meta.get("ocr_pages", 0),
            "chars_ref": len(a), "char_accuracy": 1 - dist / max(len(a), 1),
            "figures_ref": sum(want.values()), "figures_found": found,
            "figure_accuracy": found / max(sum(want.values()), 1),
            "cells_ref": sum(cells_ref.values()), "cells_found": sum((cells_ref & cells_got).values()),
            "metrics_ref": len(metrics), "metrics_same": len(same),
            "sections_same": [s.key for s in rec.sections] == [s.key for s in ref.sections],
            "org": (ref.org, rec.org), "seconds_per_page": seconds / max(doc.pages or 1, 1),
            "missed_figures": sorted((want - got).elements(), key=str)[:10]}


def main() -> None:
    """Print a Markdown table of OCR accuracy per dpi."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pdf", type=Path, default=ROOT / "corpus" / "seed" / "qianwei-2017.pdf")
    ap.add_argument("--dpi", type=int, nargs="+", default=[150, 200, 300])
    ap.add_argument("--out", type=Path, default=None, help="keep the scans in this folder")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.out or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        print(f"{args.pdf.name}")
        print("| scan dpi | pages OCR'd | char accuracy | figures found | table cells found | metrics same "
              "| sections same | org (text / OCR) | s/page |")
        print("|---:|---:|---:|---:|---:|---:|---|---|---:|")
        for dpi in args.dpi:
            m = measure(args.pdf, dpi, work)
            print(f"| {dpi} | {m['ocr_pages']}/{m['pages']} | {m['char_accuracy']:.2%} | "
                  f"{m['figures_found']}/{m['figures_ref']} ({m['figure_accuracy']:.0%}) | "
                  f"{m['cells_found']}/{m['cells_ref']} | "
                  f"{m['metrics_same']}/{m['metrics_ref']} | {m['sections_same']} | {m['org'][0]} / {m['org'][1]} | "
                  f"{m['seconds_per_page']:.1f} |")
            if m["missed_figures"]:
                print(f"|   | missed: {m['missed_figures']} ||||||||")


if __name__ == "__main__":
    main()
