"""Scanned PDFs: OCR with tesseract chi_sim, provenance flags, and a coded partial record without tesseract."""
from __future__ import annotations

import difflib
import io
import re
import stat
from pathlib import Path

import pytest

from make_hostile import REPORT_PARAS, report_pdf
from report_parser.errors import InputError
from report_parser.pipeline import parse_file
from report_parser.readers import ocr, ocr_engines, read

needs_tesseract = pytest.mark.skipif(not ocr.available(), reason="tesseract with chi_sim is not installed")


def _image_pdf(pdf: bytes, dpi: int, out: Path) -> Path:
    """An image-only PDF: every page of pdf rendered at dpi in greyscale (what a scanner produces)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    images = [doc[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(doc))]
    doc.close()
    images[0].save(out, save_all=True, append_images=images[1:], resolution=dpi)
    return out


@pytest.fixture(scope="session")
def scan(tmp_path_factory) -> Path:
    return _image_pdf(report_pdf(), 200, tmp_path_factory.mktemp("scan") / "scan.pdf")


@pytest.fixture(scope="session")
def scan_record(scan):
    if not ocr.available():
        pytest.skip("tesseract with chi_sim is not installed")
    return parse_file(scan, {"strict": True})


def _fake_tesseract(tmp_path: Path, script: str) -> str:
    p = tmp_path / "tesseract"
    p.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    p.chmod(p.stat().st_mode | stat.S_IEXEC)
    return str(p)


@pytest.mark.tesseract
@needs_tesseract
def test_ocr_page_reads_the_rendered_text(scan):
    text = ocr.ocr_page(scan, 1)
    squashed = re.sub(r"\s+", "", text)
    assert "主动公开政府信息215条" in squashed
    # Character accuracy floor on a clean 200-dpi scan (a quality bound, not timing).
    want = re.sub(r"\s+", "", "".join(REPORT_PARAS))
    got = re.sub(r"[\s,，.。:：;；()（）《》、]", "", squashed)
    ratio = difflib.SequenceMatcher(None, re.sub(r"[,，.。:：;；()（）《》、]", "", want), got).ratio()
    assert ratio > 0.9, ratio


@pytest.mark.tesseract
def test_scanned_pdf_is_ocrd_and_flagged(scan_record):
    r = scan_record
    assert r.ocr_pages == 1
    assert r.status in ("ok", "partial")
    assert not any(i.code == "NO_TEXT_LAYER" for i in r.issues)
    values = {f.value for f in r.figures}
    assert "215" in values
    assert r.figures and all(f.ocr for f in r.figures)


@pytest.mark.tesseract
def test_ocr_figures_are_boxed_by_their_ocr_line(scan_record):
    # The engine gives line boxes: a figure gets the box of the line it is on (never a guessed spot inside it).
    boxed = [f for f in scan_record.figures if f.box]
    assert boxed and all(f.box_source == "ocr" for f in boxed)
    for f in boxed:
        page, x0, top, x1, bottom = f.box
        assert page == 1 and 0 <= x0 < x1 <= 600 and 0 <= top < bottom <= 850
        assert bottom - top < 40  # one printed line (the whole paragraph would be taller)


@pytest.mark.tesseract
@needs_tesseract
def test_ocr_blocks_carry_the_ocr_flag(scan):
    doc = read(scan)
    assert doc.meta["ocr_pages"] == 1
    assert doc.blocks and all(b.prov.ocr for b in doc.blocks)
    assert all(b.page == 1 for b in doc.blocks)


def test_without_any_ocr_engine_the_record_is_partial_with_no_text_layer(scan, monkeypatch, tmp_path):
    monkeypatch.setenv("REPORT_PARSER_TESSERACT", str(tmp_path / "no-tesseract-here"))
    monkeypatch.setattr(ocr_engines.Rapid, "available", lambda self: False)
    r = parse_file(scan, {"strict": True})
    assert r.status == "partial"
    issue = next(i for i in r.issues if i.code == "NO_TEXT_LAYER")
    assert "tesseract-ocr-chi-sim" in issue.message and "scan.pdf" in issue.message
    assert "rapidocr" in issue.message
    assert r.ocr_pages == 0


needs_rapid = pytest.mark.skipif(not ocr_engines.Rapid().available(), reason="rapidocr is not installed")


@pytest.mark.tesseract
@needs_rapid
def test_without_tesseract_rapidocr_reads_the_page_and_provenance_names_it(scan, monkeypatch, tmp_path):
    monkeypatch.setenv("REPORT_PARSER_TESSERACT", str(tmp_path / "no-tesseract-here"))
    doc = read(scan)
    assert doc.meta["ocr_pages"] == 1
    assert doc.meta["ocr_engines"]["prose"].startswith("rapidocr ")
    assert doc.blocks and all(b.prov.ocr and b.prov.ocr_engine.startswith("rapidocr ") for b in doc.blocks)
    assert "主动公开政府信息215条" in re.sub(r"\s+", "", doc.text)


def test_ocr_page_without_tesseract_names_the_packages(scan, monkeypatch, tmp_path):
    monkeypatch.setenv("REPORT_PARSER_TESSERACT", str(tmp_path / "no-tesseract-here"))
    with pytest.raises(InputError) as e:
        ocr.ocr_page(scan, 1)
    assert e.value.code == "OCR_UNAVAILABLE"
    assert "tesseract-ocr" in e.value.message and "tesseract-ocr-chi-sim" in e.value.message


def test_tesseract_without_the_chinese_model_is_unavailable(scan, monkeypatch, tmp_path):
    fake = _fake_tesseract(tmp_path, 'echo "List of available languages in \\"/x/\\" (2):"; echo eng; echo osd')
    monkeypatch.setenv("REPORT_PARSER_TESSERACT", fake)
    assert not ocr.available()
    with pytest.raises(InputError) as e:
        ocr.ocr_page(scan, 1)
    assert e.value.code == "OCR_UNAVAILABLE"


def test_a_hung_tesseract_is_stopped(scan, monkeypatch, tmp_path):
    fake = _fake_tesseract(tmp_path, 'case "$1" in --list-langs) echo "List:"; echo chi_sim;; *) sleep 30;; esac')
    monkeypatch.setenv("REPORT_PARSER_TESSERACT", fake)
    monkeypatch.setattr(ocr, "TIMEOUT", 1)
    with pytest.raises(InputError) as e:
        ocr.ocr_page(scan, 1)
    assert e.value.code == "OCR_TIMEOUT"


@pytest.mark.parametrize("size_pt,dpi", [
    pytest.param((595, 842), 300, id="a4-300dpi"),
    pytest.param((14400, 14400), 300, id="200-inch-page-capped"),
    pytest.param((14400, 20), 300, id="ribbon-page-capped"),
])
def test_rendering_is_bounded(tmp_path, size_pt, dpi):
    from PIL import Image
    from reportlab.pdfgen import canvas

    p = tmp_path / "page.pdf"
    c = canvas.Canvas(str(p), pagesize=size_pt)
    c.drawString(10, 10, "x")
    c.showPage()
    c.save()
    png = ocr.render_png(p, 1, dpi)
    w, h = Image.open(io.BytesIO(png)).size
    assert max(w, h) <= ocr.MAX_SIDE
    if size_pt == (595, 842):
        assert abs(w - 595 * dpi / 72) <= 2  # a normal page keeps the requested resolution


def _mm(v: float, dpi: int = 300) -> int:
    return int(v / 25.4 * dpi)


@pytest.mark.parametrize("draw,removed", [
    pytest.param(lambda a: a.__setitem__((100, slice(50, 50 + _mm(60))), 0), True, id="table-row-rule-60mm"),
    pytest.param(lambda a: a.__setitem__((slice(20, 20 + _mm(12)), 400), 0), True, id="cell-border-12mm"),
    pytest.param(lambda a: a.__setitem__((120, slice(50, 50 + _mm(8))), 0), False, id="em-dashes-8mm-kept"),
    pytest.param(lambda a: a.__setitem__((slice(20, 20 + _mm(4.2)), 300), 0), False, id="glyph-stroke-4mm-kept"),
    pytest.param(lambda a: a.__setitem__((slice(20, 20 + _mm(8)), 200), 0), False, id="title-stroke-22pt-kept"),
    pytest.param(lambda a: a.__setitem__((slice(60, 90), slice(600, 640)), 0), False, id="solid-blob-kept"),
])
def test_table_rules_are_removed_and_glyph_strokes_kept(draw, removed):
    import numpy as np
    from PIL import Image

    a = np.full((400, 1000), 255, np.uint8)
    draw(a)
    ink = int((a == 0).sum())
    out = np.array(ocr.remove_rules(Image.fromarray(a), 300))
    assert int((out == 0).sum()) == (0 if removed else ink)


@pytest.fixture(scope="session")
def ruled_table_scan(tmp_path_factory) -> Path:
    """A 200-dpi scan of a page with a ruled gb2021 s2 table (reportlab grid, STSong-Light)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = getSampleStyleSheet()["Normal"]
    style.fontName, style.fontSize, style.leading = "STSong-Light", 11, 16
    rows = [["第二十条第（一）项", "", "", ""], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", "2", "0", "5"], ["行政规范性文件", "3", "1", "8"]]
    table = Table(rows, colWidths=[120, 100, 100, 100])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "STSong-Light", 11), ("SPAN", (0, 0), (-1, 0)),
                               ("GRID", (0, 0), (-1, -1), 0.8, colors.black)]))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build([Paragraph("二、主动公开政府信息情况", style), table])
    return _image_pdf(buf.getvalue(), 200, tmp_path_factory.mktemp("table-scan") / "table-scan.pdf")


@pytest.mark.tesseract
@needs_tesseract
def test_ruled_table_rows_read_as_lines_and_cells_are_flagged(ruled_table_scan):
    text = ocr.ocr_page(ruled_table_scan, 1)
    # With the rules whitened the header and rows read as lines; without, this page reads
    # "征收训范人文人| 3 | 8" and no header at all. Known misread kept out of the assertion: a lone digit
    # right after a wide gap may come back as a letter or a hanzi (3 → S, 2 → 史).
    assert "信息内容本年制发件数" in text and "|" not in text, text
    assert re.search(r"行政规范性文件\S?\s+1\s+8", text), text
    r = parse_file(ruled_table_scan, {"strict": True})
    assert r.ocr_pages == 1
    assert all(c.ocr for c in r.cells)


@pytest.mark.tesseract
@needs_tesseract
@pytest.mark.parametrize("per_page,outcome", [(120, "ok"), (0, "TIMEOUT")], ids=["extended", "fixed-limit"])
def test_each_ocrd_page_extends_the_ingest_time_limit(scan, tmp_path, monkeypatch, per_page, outcome):
    # A scanned page costs seconds of OCR: with tesseract slowed to over 3 s a page, a 2 s limit alone
    # times the scan out, and the per-page allowance (counted as pages reach tesseract) lets it finish.
    import shutil

    from report_parser.ingest import ingest

    real = shutil.which("tesseract")
    slow = _fake_tesseract(tmp_path, f'case "$1" in --*) ;; *) sleep 3 ;; esac\nexec "{real}" "$@"')
    monkeypatch.setenv("REPORT_PARSER_TESSERACT", slow)
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "scan.pdf").write_bytes(scan.read_bytes())
    res = ingest([folder], db=f"sqlite:///{tmp_path / 'r.db'}", workers=1, timeout=2, ocr_page_seconds=per_page)
    if outcome == "ok":
        assert res.counts["ok"] + res.counts["partial"] == 1, res.failures
    else:
        [(path, code, message)] = res.failures
        assert code == "TIMEOUT"
        assert "2 s limit" in message


def test_without_numpy_ocr_names_what_to_install(scan, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_numpy(name, *args, **kwargs):
        if name == "numpy" or name.startswith("numpy."):
            raise ImportError("No module named 'numpy'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_numpy)
    with pytest.raises(InputError) as e:
        ocr.render_png(scan, 1)
    assert e.value.code == "OCR_UNAVAILABLE" and "pip install numpy" in e.value.message


def test_a_page_pdfium_cannot_load_is_a_corrupt_pdf(scan, monkeypatch):
    import pypdfium2 as pdfium

    def broken(self, index):
        raise pdfium.PdfiumError("Failed to load page.")

    monkeypatch.setattr(pdfium.PdfDocument, "__getitem__", broken)
    monkeypatch.setattr(ocr, "_check", lambda path: "tesseract")
    r = parse_file(scan, {"strict": True})
    issue = next(i for i in r.issues if i.code == "CORRUPT_PDF")
    assert r.status == "partial" and issue.page == 1 and "scan.pdf" in issue.message
    assert not any(i.code == "INTERNAL_ERROR" for i in r.issues)
