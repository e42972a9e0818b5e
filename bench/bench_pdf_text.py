"""PDF reading with the pypdfium2 text path against pdfplumber's text+tables floor (issue 18).

    python bench/bench_pdf_text.py [PDF ...]     (default: a generated prose-only PDF + ../shared/real/pdf/*.pdf)

floor    : pdfplumber alone, per page extract_text() + find_tables() + Table.extract().
plumber  : readers.pdf.read with pdf_text=pdfplumber (every page through pdfplumber).
pdfium   : readers.pdf.read with pdf_text=pdfium (text and ruled tables from pypdfium2; pdfplumber only where that is not exact).
Printed: CPU time (process_time, best of RUNS interleaved runs; the machine is shared) and floor/pdfium, the
speed-up over the floor. The prose PDF is the seed report's text ×10 in a .docx turned to PDF by LibreOffice.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from bench_tables import floor  # the same text+tables floor as the table bench (bench/ is on sys.path)

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5


def reader(engine: str):
    from report_parser.readers import pdf

    def run(path: Path) -> None:
        pdf.read(path, path.read_bytes(), {"pdf_text": engine, "ocr": False})
    return run


def prose_pdf(out: Path) -> Path:
    """The seed report's paragraphs ten times over, as a .docx converted to PDF by LibreOffice."""
    import docx

    from report_parser.synth import render_pdf

    text = (ROOT / "corpus" / "seed" / "qianwei-2017.txt").read_text(encoding="utf-8")
    paras = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("[bookmark")]
    d = docx.Document()
    for _ in range(10):
        for p in paras:
            d.add_paragraph(p)
    src = out / "prose.docx"
    d.save(src)
    return render_pdf.convert([src], out)[0]


def best(fn, path: Path) -> float:
    t = time.process_time()
    fn(path)
    return time.process_time() - t


def main(argv: list[str]) -> None:
    import pypdfium2

    with tempfile.TemporaryDirectory() as tmp:
        paths = [Path(a) for a in argv] or [prose_pdf(Path(tmp)), *sorted((ROOT.parent / "shared" / "real" / "pdf")
                                                                         .glob("*.pdf"))]
        fns = {"floor": floor, "plumber": reader("pdfplumber"), "pdfium": reader("pdfium")}
        for path in paths:
            pages = len(pypdfium2.PdfDocument(path))
            times = {k: float("inf") for k in fns}
            for _ in range(RUNS):
                for k, fn in fns.items():
                    times[k] = min(times[k], best(fn, path))
            print(f"{path.name:24} {pages:3} pages  floor {times['floor'] * 1000:7.1f} ms  "
                  f"plumber path {times['plumber'] * 1000:7.1f} ms  pdfium path {times['pdfium'] * 1000:7.1f} ms  "
                  f"floor/pdfium {times['floor'] / times['pdfium']:5.2f}x  plumber/pdfium "
                  f"{times['plumber'] / times['pdfium']:5.2f}x")


if __name__ == "__main__":
    main(sys.argv[1:])
