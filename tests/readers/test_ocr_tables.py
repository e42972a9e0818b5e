"""OCR'd ruled tables: grid found in the page image, cells read by RapidOCR, the same skeletons as text tables."""
from __future__ import annotations

import socket
from collections import Counter
from pathlib import Path

import pytest

from report_parser.extract import tables
from report_parser.pipeline import parse_document
from report_parser.readers import ocr_engines, read
from test_ocr import _image_pdf, ruled_table_scan  # noqa: F401  (the fixture is shared)

needs_rapid = pytest.mark.skipif(not ocr_engines.Rapid().available(), reason="rapidocr is not installed")


@pytest.mark.tesseract
@needs_rapid
def test_a_scanned_ruled_table_becomes_a_table_block_with_boxes(ruled_table_scan):  # noqa: F811
    doc = read(ruled_table_scan)
    [table] = [b for b in doc.blocks if b.kind == "table"]
    assert table.prov.ocr and table.prov.ocr_engine.startswith("rapidocr ")
    assert table.rows[1:] == [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                              ["规章", "2", "0", "5"], ["行政规范性文件", "3", "1", "8"]]
    # The merged caption row: text at the anchor, the rest covered (as pdfplumber gives a ruled table).
    assert table.rows[0][0] == "第二十条第(一)项" and table.covered[0] == [False, True, True, True]
    x0, top, x1, bottom = table.prov.bbox
    assert 0 < x0 < x1 < 595 and 0 < top < bottom < 842
    for r, row in enumerate(table.cell_boxes):
        for c, box in enumerate(row):
            assert (box is None) == table.covered[r][c]
            if box:  # (page, x0, top, x1, bottom), as every reader's cell boxes
                assert box[0] == table.page
                assert x0 <= box[1] < box[3] <= x1 and top <= box[2] < box[4] <= bottom
    assert all(s is not None and 0 < s <= 1 for r in table.cell_scores[1:] for s in r)
    # The page alone is no annual report (the classifier skips it): the tables stage reads its grid.
    res = tables.extract(doc)
    cells = {c.key: c.value for c in res.cells}
    assert cells["s2.art20_1.regulation.issued"] == "2" and cells["s2.art20_1.normative_doc.in_force"] == "8"
    assert len(res.cells) == 6 and all(c.ocr for c in res.cells)


@needs_rapid
def test_rapidocr_runs_offline_from_the_bundled_models(monkeypatch, tmp_path):
    from PIL import Image, ImageDraw

    def refuse(*a, **k):
        raise AssertionError("RapidOCR tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(ocr_engines.Rapid, "_engine", None)  # build the engine under the patch
    models = ocr_engines.rapid_model_dir()
    before = sorted((p.name, p.stat().st_size) for p in models.parent.rglob("*") if p.is_file())
    img = Image.new("L", (400, 120), 255)
    ImageDraw.Draw(img).rectangle((40, 40, 44, 90), fill=0)  # a stroke: no text needed to run the models
    assert isinstance(ocr_engines.engine("rapidocr").read(img), list)
    after = sorted((p.name, p.stat().st_size) for p in models.parent.rglob("*") if p.is_file())
    assert after == before  # nothing downloaded or cached into the package


def _scan_cells(shared: Path, name: str, dpi: int, tmp: Path):
    pdf = shared / "real" / "pdf" / name
    ref = parse_document(read(pdf))
    rec = parse_document(read(_image_pdf(pdf.read_bytes(), dpi, tmp / f"{pdf.stem}-{dpi}.pdf")))
    return ref, rec


@pytest.mark.slow
@pytest.mark.tesseract
@needs_rapid
def test_a_200_dpi_scan_of_a_real_report_gives_the_text_pdf_cells(shared, tmp_path):
    ref, rec = _scan_cells(shared, "hongze-2023.pdf", 200, tmp_path)
    want = Counter((c.key, c.value) for c in ref.cells)
    got = Counter((c.key, c.value) for c in rec.cells)
    assert sum((want & got).values()) >= 200, sorted((want - got).elements())
    assert all(c.ocr for c in rec.cells if not c.derived)
    assert rec.ocr_engines["grid"].startswith("rapidocr ") and rec.ocr_engines["prose"].startswith("tesseract ")
    ref_by = {c.key: c.value for c in ref.cells}
    by = {c.key: c for c in rec.cells}
    # 2023 prints 行政复议 10/1/0/0 with 总计 0: the identity breaks as printed, so those OCR'd cells are
    # doubtful, read as printed, not repaired.
    assert by["s4.review.total"].value == "0" and by["s4.review.total"].doubtful
    assert by["s4.review.upheld"].doubtful and not by["s3.new_received.total"].doubtful
    assert any(i.code == "OCR_DOUBTFUL_CELLS" for i in rec.issues)
    for c in rec.cells:
        if c.key in ref_by and c.value != ref_by[c.key]:
            assert c.doubtful or c.key.startswith("s2."), (c.key, c.value, ref_by[c.key])  # s2 has no identities
