"""Reader and parse cost as ratios to the raw libraries' floor, measured in the same run.

Usage: python bench/bench_parse.py [--runs 7] [--shared ../shared]

Floors follow ../shared/guides/performance-floor.md:
  docx: python-docx load + paragraphs (text + style name) and tables in body order (iter_inner_content);
        also shown: load + walking the body XML directly (the cheaper floor).
  pdf:  pdfplumber open + extract_text + extract_tables on every page.
Measured: readers.read (Document only) and pipeline.parse_file (the whole record), warm (one untimed
run first), median of --runs. Also `report-parser --help` wall time in fresh processes.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "seed"


def median_time(fn, runs: int) -> float:
    """Median wall time of fn() in seconds, after one warm-up call."""
    fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def paired(fn, floor, runs: int) -> tuple[float, float, float]:
    """(median ms of fn, median ms of floor, median of per-pair ratios), runs interleaved.

    Interleaving puts each measurement and its floor under the same machine load, so the ratio
    survives a noisy shared machine better than two separate medians.
    """
    fn()
    floor()
    a, b, r = [], [], []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        x = time.perf_counter() - t
        t = time.perf_counter()
        floor()
        y = time.perf_counter() - t
        a.append(x)
        b.append(y)
        r.append(x / y)
    return statistics.median(a) * 1000, statistics.median(b) * 1000, statistics.median(r)


def docx_floor(path: Path) -> None:
    """python-docx: load, then paragraphs (text + style name) and tables (cell text) in body order."""
    import docx
    from docx.table import Table

    d = docx.Document(str(path))
    for item in d.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    _ = cell.text
        else:
            _ = (item.text, item.style.name)


def docx_xml_floor(path: Path) -> None:
    """python-docx load + a walk over the body XML's text nodes (the cheapest floor)."""
    import docx

    d = docx.Document(str(path))
    _ = [t.text for t in d.element.body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")]


def pdf_floor(path: Path) -> None:
    """pdfplumber: open, extract_text and extract_tables on every page."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


def help_time(runs: int) -> float:
    """Median wall time of `report-parser --help` in a fresh interpreter."""
    cmd = [sys.executable, "-m", "report_parser", "--help"]
    subprocess.run(cmd, capture_output=True, check=True)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    from report_parser import pipeline, readers

    def read(p):
        return lambda: readers.read(p)

    def parse(p):
        return lambda: pipeline.parse_file(p, {"strict": False})

    rows: list[tuple[str, float, float, float, str]] = []  # (what, ms, floor ms, ratio, floor name)
    docx_path = SEED / "qianwei-2017.docx"
    if docx_path.exists():
        floor = lambda: docx_floor(docx_path)  # noqa: E731
        xml_floor = lambda: docx_xml_floor(docx_path)  # noqa: E731
        rows.append(("seed .docx read", *paired(read(docx_path), floor, args.runs), "python-docx body order"))
        rows.append(("seed .docx read", *paired(read(docx_path), xml_floor, args.runs), "python-docx XML walk"))
        rows.append(("seed .docx parse_file", *paired(parse(docx_path), floor, args.runs), "python-docx body order"))
    pdfs = [SEED / "qianwei-2017.pdf"] + sorted((args.shared / "real" / "pdf").glob("*.pdf"))
    for p in pdfs:
        if not p.exists():
            continue
        floor = (lambda q: lambda: pdf_floor(q))(p)
        rows.append((f"{p.name} read", *paired(read(p), floor, args.runs), "pdfplumber text+tables"))
        rows.append((f"{p.name} parse_file", *paired(parse(p), floor, args.runs), "pdfplumber text+tables"))
    txt_path = SEED / "qianwei-2017.txt"
    if txt_path.exists():
        rows.append(("seed .txt parse_file", median_time(parse(txt_path), args.runs) * 1000, 0.0, 0.0, "-"))

    print(f"{'what':34} {'ms':>8} {'floor ms':>9} {'ratio':>6}  floor (ratio = median of interleaved pairs)")
    for what, t, f, ratio, name in rows:
        shown = f"{ratio:.2f}" if f else "-"
        print(f"{what:34} {t:8.1f} {f:9.1f} {shown:>6}  {name}")
    print(f"{'report-parser --help (fresh)':34} {help_time(5) * 1000:8.1f}")


if __name__ == "__main__":
    main()
