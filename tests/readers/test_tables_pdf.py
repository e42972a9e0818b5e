"""readers/pdf_tables.py on PDFs built in code: a frame round the page body is not a table."""
from __future__ import annotations

import pytest

from report_parser import readers
from report_parser.extract import tables

PROSE_ABOVE = ["一、总体情况", "本机关全年主动公开政府信息120条，依申请公开工作规范有序。", "二、主动公开政府信息情况"]
PROSE_BELOW = ["三、收到和处理政府信息公开申请情况", "本年度共收到政府信息公开申请3件，均已按时答复。"]
ROWS = [["第二十条第（一）项", None, None, None], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "0", "1", "2"], ["行政规范性文件", "3", "0", "8"]]


def _framed_pdf(path, frame: bool) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont("STSong-Light", 11)
    y = 780
    for line in PROSE_ABOVE:
        c.drawString(80, y, line)
        y -= 22
    top, xs, h = y + 14, [70, 220, 320, 420, 525], 22  # the table spans the frame, as in WPS output
    for r, row in enumerate(ROWS):
        for k, text in enumerate(row):
            if text:
                c.drawString(xs[k] + 4, top - h * r - 15, text)
    for r in range(len(ROWS) + 1):  # horizontal rules
        c.line(xs[0], top - h * r, xs[-1], top - h * r)
    for k, x in enumerate(xs):  # vertical rules; the caption row is one merged cell
        c.line(x, top - h * len(ROWS), x, top - (h if 0 < k < len(xs) - 1 else 0))
    y = top - h * len(ROWS) - 24
    for line in PROSE_BELOW:
        c.drawString(80, y, line)
        y -= 22
    if frame:  # WPS-style frame round the whole body
        c.rect(70, y, 455, 800 - y)
    c.save()


@pytest.mark.parametrize("frame", (False, True), ids=("no-frame", "framed-page"))
def test_ruled_table_is_cut_out_of_a_framed_page_and_prose_stays_prose(tmp_path, frame):
    _framed_pdf(tmp_path / "f.pdf", frame)
    doc = readers.read(tmp_path / "f.pdf")
    grids = [b for b in doc.blocks if b.kind == "table"]
    assert [r[0] for b in grids for r in b.rows] == ["第二十条第(一)项", "信息内容", "规章", "行政规范性文件"]
    prose = "".join(b.text for b in doc.blocks if b.kind != "table")
    assert all(line in prose for line in ("一、总体情况", "三、收到和处理政府信息公开申请情况"))
    got = {c.key: c.value for c in tables.extract(doc, []).cells}
    assert got == {"s2.art20_1.regulation.issued": "0", "s2.art20_1.regulation.repealed": "1",
                   "s2.art20_1.regulation.in_force": "2", "s2.art20_1.normative_doc.issued": "3",
                   "s2.art20_1.normative_doc.repealed": "0", "s2.art20_1.normative_doc.in_force": "8"}
