"""OFD reader: format from the bytes, text with page and position, ruled tables from path objects, scans OCR'd."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from make_hostile import REPORT_PARAS, report_ofd
from report_parser.errors import InputError
from report_parser.readers import ocr_engines, read
from report_parser.readers.normalize import normalize
from report_parser.readers.sniff import sniff
from report_parser.synth import render_ofd as ro


def _write(tmp_path: Path, w: ro.OfdWriter, name: str = "t.ofd") -> Path:
    p = tmp_path / name
    w.save(p)
    return p


def test_an_ofd_is_recognised_by_its_bytes_whatever_its_name():
    data = report_ofd()
    assert sniff(data, "report.zip") == "ofd"
    assert sniff(data[: len(data) // 2], "x") == "ofd"  # cut short: still an OFD, so the reader says TRUNCATED


def test_text_comes_with_page_position_and_title(tmp_path):
    p = tmp_path / "r.ofd"
    p.write_bytes(report_ofd())
    doc = read(p)
    assert doc.format == "ofd" and doc.pages == 1 and doc.meta["title"] == REPORT_PARAS[0]
    squashed = re.sub(r"\s+", "", doc.text)
    assert re.sub(r"\s+", "", normalize(REPORT_PARAS[1])) in squashed
    heading = doc.blocks[0]
    assert heading.kind == "heading" and heading.text == REPORT_PARAS[0]
    for b in doc.blocks:
        x0, top, x1, bottom = b.prov.bbox
        assert b.page == 1 and 0 < x0 < x1 < 595.3 and 0 < top < bottom < 842
        assert not b.prov.ocr


def _grid(w: ro.OfdWriter, page, lines: bool) -> None:
    """A 3 × 3 table whose first row is one merged cell, drawn as cell rectangles or as single rules."""
    x, y, cw, rh = 30.0, 40.0, 40.0, 8.0
    cells = [(0, 0, 3, "第二十条第(一)项"), (1, 0, 1, "信息内容"), (1, 1, 1, "本年制发件数"), (1, 2, 1, "现行有效件数"),
             (2, 0, 1, "规章"), (2, 1, 1, "3"), (2, 2, 1, "12")]
    for r, c, span, text in cells:
        if not lines:
            w.rect(page, x + c * cw, y + r * rh, span * cw, rh)
        w.text(page, x + c * cw + 2, y + r * rh + 6, text, 3.2)
    if lines:  # one PathObject per rule, as many exporters write tables
        for k in range(4):
            page.objects.append(f'<ofd:PathObject ID="{900 + k}" Boundary="{x} {y + k * rh} {3 * cw} 1">'
                                f"<ofd:AbbreviatedData>M 0 0 L {3 * cw} 0</ofd:AbbreviatedData></ofd:PathObject>")
        for k in range(4):
            top = y if k in (0, 3) else y + rh
            page.objects.append(f'<ofd:PathObject ID="{910 + k}" Boundary="{x + k * cw} {top} 1 {y + 3 * rh - top}">'
                                f"<ofd:AbbreviatedData>M 0 0 L 0 {y + 3 * rh - top}</ofd:AbbreviatedData>"
                                "</ofd:PathObject>")


@pytest.mark.parametrize("lines", [False, True], ids=["cell-rectangles", "single-rules"])
def test_ruled_tables_come_from_path_objects_with_merged_cells(tmp_path, lines):
    w = ro.OfdWriter("t")
    page = w.page()
    w.text(page, 30, 30, "二、主动公开政府信息情况", 4.2)
    _grid(w, page, lines)
    doc = read(_write(tmp_path, w))
    [table] = [b for b in doc.blocks if b.kind == "table"]
    assert table.rows == [["第二十条第(一)项", "", ""], ["信息内容", "本年制发件数", "现行有效件数"], ["规章", "3", "12"]]
    assert table.covered[0] == [False, True, True] and not any(table.covered[2])
    mm = 72 / 25.4
    assert table.prov.bbox == pytest.approx((30 * mm, 40 * mm, 150 * mm, 64 * mm), abs=0.5)
    assert table.cell_boxes[2][2][0] == table.page
    assert table.cell_boxes[2][2][1:] == pytest.approx((110 * mm, 56 * mm, 150 * mm, 64 * mm), abs=0.5)
    assert "规章" not in "".join(b.text for b in doc.blocks if b.kind != "table")  # cell text is not prose too


def test_a_media_file_outside_the_package_is_refused(tmp_path):
    w = ro.OfdWriter("t")
    page = w.page()
    w.image(page, 0, 0, 210, 297, b"\x89PNG not really")
    parts = w.parts()
    parts["Doc_0/DocumentRes.xml"] = parts["Doc_0/DocumentRes.xml"].replace(b"image_", b"../../../../etc/image_")
    import zipfile

    p = tmp_path / "t.ofd"
    with zipfile.ZipFile(p, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    with pytest.raises(InputError) as e:
        read(p)
    assert e.value.code == "NOT_A_DOCUMENT" and "traversal" in e.value.message


@pytest.mark.tesseract
@pytest.mark.skipif(not ocr_engines.installed(), reason="no OCR engine is installed")
def test_a_scanned_ofd_page_is_ocrd_with_its_table(tmp_path):
    import pypdfium2 as pdfium
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = getSampleStyleSheet()["Normal"]
    style.fontName, style.fontSize, style.leading = "STSong-Light", 11, 16
    rows = [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "2", "0", "5"]]
    table = Table(rows, colWidths=[120, 100, 100, 100])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "STSong-Light", 11),
                               ("GRID", (0, 0), (-1, -1), 0.8, colors.black)]))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build([Paragraph("二、主动公开政府信息情况", style), table])
    img = pdfium.PdfDocument(buf.getvalue())[0].render(scale=200 / 72, grayscale=True).to_pil()
    png = io.BytesIO()
    img.save(png, format="PNG")
    w = ro.OfdWriter("scan")
    w.image(w.page(), 0, 0, 210, 297, png.getvalue())
    doc = read(_write(tmp_path, w))
    assert doc.meta["ocr_pages"] == 1 and doc.meta["ocr_engines"]
    [t] = [b for b in doc.blocks if b.kind == "table"]
    assert t.prov.ocr and t.rows == rows
    assert any("主动公开政府信息情况" in b.text and b.prov.ocr for b in doc.blocks if b.kind != "table")


def test_generated_ofd_values_are_boxed_where_their_text_is(tmp_path):
    """Every boxed figure of a generated OFD report holds its raw text inside its box (the OFD's own glyphs)."""
    from report_parser.extract.positions import squash
    from report_parser.pipeline import parse_file
    from report_parser.synth import generate

    manifest = generate(tmp_path, orgs=1, years="2022", formats="ofd", seed=3)
    path = tmp_path / manifest[0]["path"]
    report = parse_file(path)
    glyphs = [g for b in read(path).blocks for g in (b.glyphs or ())]

    def inside(box):
        page, x0, top, x1, bottom = box
        return "".join(t for t, p, a, b, c, d in glyphs
                       if p == page and x0 - 0.5 <= (a + c) / 2 <= x1 + 0.5 and top - 0.5 <= (b + d) / 2 <= bottom + 0.5)

    boxed = [x for x in (*report.cells, *report.figures) if x.box]
    assert len(boxed) > 100 and {x.box_source for x in boxed} == {"ofd"}
    figures = [f for f in report.figures if f.box]
    assert figures and all(squash("".join(inside(b) for b in [f.box, *(f.box_more or [])])) == squash(f.raw)
                           for f in figures)
