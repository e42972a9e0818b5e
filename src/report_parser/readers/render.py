"""Pages as pictures: PDF pages rendered with pypdfium2; Word and WPS files rendered to PDF by LibreOffice, cached."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import InputError
from . import files

# Formats whose pages exist only once a word processor lays them out.
WORD_FORMATS = ("docx", "doc", "wps", "rtf")


def render_page(pdf: Path, page_no: int, scale: float = 2.0):
    """Page page_no (1-based) of a PDF as a PIL image, scale pixels per PDF point."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(str(pdf))
    except pdfium.PdfiumError as e:
        raise InputError("CORRUPT_PDF", f"{pdf.name}: pdfium cannot open the file to render it ({e})") from e
    try:
        if not 1 <= page_no <= len(doc):
            raise InputError("NO_SUCH_PAGE", f"{pdf.name}: has {len(doc)} pages, not page {page_no}")
        page = doc[page_no - 1]
        try:
            return page.render(scale=scale).to_pil().convert("RGB")
        finally:
            page.close()
    finally:
        doc.close()


def text_in_box(pdf: Path, box) -> str:
    """The text pdfium finds inside box (page, x0, top, x1, bottom in points from the top-left), for checks."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        page = doc[int(box[0]) - 1]
        height = page.get_height()
        text = page.get_textpage()
        try:
            # pdfium counts y upwards from the bottom of the page.
            return text.get_text_bounded(left=box[1], bottom=height - box[4], right=box[3], top=height - box[2])
        finally:
            text.close()
            page.close()
    finally:
        doc.close()


def rendered_pdf(path: Path, fmt: str, cache: Path | None, timeout: float = 90.0) -> Path:
    """A PDF of a Word/WPS file as LibreOffice lays it out, kept under cache/rendered/<sha256>.pdf."""
    from .legacy import convert

    data = Path(path).read_bytes()
    sha = files.digest(data)
    folder = (cache or Path(tempfile.gettempdir()) / "report-parser-rendered") / "rendered"
    out = folder / f"{sha}.pdf"
    if out.exists() and out.stat().st_size > 0:
        return out
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="report-parser-render-") as tmp:
        pdf = convert(Path(path), data, fmt, Path(tmp), timeout, target="pdf")
        part = folder / f".{sha}.{os.getpid()}.part"
        part.write_bytes(pdf.read_bytes())
        part.replace(out)  # atomic: two processes rendering one file both end with a whole PDF
    return out
