"""Cost of table parsing over pdfplumber's own text+tables floor, on the same PDFs.

    python bench/bench_tables.py [PDF ...]       (default: ../shared/real/pdf/*.pdf)

floor : pdfplumber alone — per page extract_text() + find_tables() + Table.extract().
ours  : per page extract_text() + readers.pdf_tables.page_tables() (ruled finder + word-position tables),
        then tables.extract() on a Document of those blocks (matching, values, derived cells, quality).
overhead = ours / floor - 1, on CPU time (process_time, best of 2x7 interleaved runs; the machine is shared).
The issue's bound is +20%.
Also printed: the full PDF reader (readers.read) with and without the tables stage.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 7


def floor(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            for t in page.find_tables():
                t.extract()
            page.close()


def ours(path: Path) -> int:
    import pdfplumber

    from report_parser import model
    from report_parser.extract import tables
    from report_parser.readers.pdf_tables import page_tables

    blocks = []
    with pdfplumber.open(path) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            found = page_tables(page, n)
            boxes = [b.prov.bbox for b in found]

            def outside(obj, boxes=boxes) -> bool:
                return obj.get("object_type") != "char" or not any(
                    b[0] <= obj["x0"] and obj["x1"] <= b[2] and b[1] <= obj["top"] and obj["bottom"] <= b[3]
                    for b in boxes)

            # The prose without the tables' characters, as the PDF reader does.
            text = page.filter(outside).extract_text() or ""
            blocks.append(model.Block(kind=model.PARAGRAPH, text=text, raw=text, prov=model.Provenance(page=n)))
            blocks.extend(found)
            page.close()
    doc = model.Document(path=str(path), sha256="", format="pdf", blocks=blocks).finalise()
    return len(tables.extract(doc, []).cells)


def full(path: Path, with_tables: bool) -> None:
    from report_parser import readers
    from report_parser.extract import tables

    doc = readers.read(path)
    if with_tables:
        tables.extract(doc, [])


def best(fn, *args) -> float:
    times = []
    for _ in range(RUNS):
        t0 = time.process_time()
        fn(*args)
        times.append(time.process_time() - t0)
    return min(times)


def main(argv: list[str]) -> None:
    """Print the overhead of table parsing per PDF."""
    paths = [Path(a) for a in argv] or sorted((ROOT.parent / "shared" / "real" / "pdf").glob("*.pdf"))
    if not paths:
        sys.exit("no PDF given and ../shared/real/pdf is absent")
    ours(paths[0])  # warm imports and the skeleton cache outside the timings
    full(paths[0], True)
    over = []
    print(f"{'file':28} {'floor s':>8} {'ours s':>8} {'overhead':>9} {'cells':>6} {'reader s':>9} {'+tables s':>9}")
    for p in paths:
        f, o = best(floor, p), best(ours, p)
        f, o = min(f, best(floor, p)), min(o, best(ours, p))  # interleaved twice: the machine is shared
        r, rt = best(full, p, False), best(full, p, True)
        over.append(o / f - 1)
        print(f"{p.name:28} {f:8.3f} {o:8.3f} {o / f - 1:+9.1%} {ours(p):6d} {r:9.3f} {rt - r:+9.3f}")
    print(f"median overhead {statistics.median(over):+.1%} (bound +20%)")


if __name__ == "__main__":
    main(sys.argv[1:])
