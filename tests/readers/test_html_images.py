"""Tables published as pictures in web pages: local images OCR'd, never fetched; same cells as an HTML table."""
from __future__ import annotations

import base64
import io
import json
import re

import pytest

from report_parser.pipeline import parse_file
from report_parser.readers import ocr_engines
from report_parser.readers.html_images import image_bytes

needs_rapid = pytest.mark.skipif(not ocr_engines.Rapid().available(), reason="rapidocr is not installed")


def test_image_sources_are_read_locally_or_not_at_all(tmp_path, monkeypatch):
    page = tmp_path / "site" / "report.html"
    (page.parent / "report_files").mkdir(parents=True)
    (page.parent / "report_files" / "t 1.png").write_bytes(b"PNGDATA")
    (tmp_path / "secret.png").write_bytes(b"SECRET")
    assert image_bytes("report_files/t%201.png", page) == b"PNGDATA"
    assert image_bytes("data:image/png;base64," + base64.b64encode(b"INLINE").decode(), page) == b"INLINE"
    assert image_bytes("../secret.png", page) is None  # outside the page's folder
    assert image_bytes(str(tmp_path / "secret.png"), page) is None  # absolute path: outside too

    def no_network(*a, **k):
        raise AssertionError("an image was fetched")

    import socket
    monkeypatch.setattr(socket.socket, "connect", no_network)
    for src in ("http://example.gov.cn/t.png", "https://x/t.png", "//x/t.png", "file:///etc/passwd"):
        assert image_bytes(src, page) is None
    assert image_bytes("t.png", page, {"t.png": b"MHTPART"}) == b"MHTPART"


def _table_png(table) -> bytes:
    """A synth table drawn as a picture at screen resolution (96 dpi), merged cells spanned."""
    import pypdfium2 as pdfium
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    data, spans = [], []
    for r, row in enumerate(table.rows):
        out = []
        for c, cell in enumerate(row):
            if cell is None:
                out.append("")
                continue
            out.append("\n".join(cell.text) if cell.vertical else cell.text)
            if cell.rowspan > 1 or cell.colspan > 1:
                spans.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
        data.append(out)
    t = Table(data)
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "STSong-Light", 10.5), ("GRID", (0, 0), (-1, -1), 0.8,
                                                                                colors.black),
                           ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *spans]))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=landscape(A4), leftMargin=20, rightMargin=20, topMargin=20,
                      bottomMargin=20).build([t])
    pdf = pdfium.PdfDocument(buf.getvalue())
    img = pdf[0].render(scale=96 / 72, grayscale=True).to_pil()
    pdf.close()
    # Crop to the drawn table, as a screenshot would be.
    import numpy as np

    a = np.asarray(img)
    ys, xs = np.where(a < 200)
    img = img.crop((int(xs.min()) - 6, int(ys.min()) - 6, int(xs.max()) + 6, int(ys.max()) + 6))
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


@pytest.mark.slow
@pytest.mark.tesseract
@needs_rapid
def test_a_page_with_its_tables_as_local_images_gives_the_html_tables_cells(tmp_path, monkeypatch):
    from report_parser.synth import generate, render_html

    specs = []
    real = render_html.render
    monkeypatch.setattr(render_html, "render", lambda spec, path: (specs.append((spec, path)), real(spec, path))[1])
    generate(tmp_path / "syn", orgs=1, years="2023", formats=("html",), seed=3)
    [(spec, path)] = specs
    page = path.read_bytes()
    enc = "gbk" if b"charset=gbk" in page[:300] else "utf-8"
    text = page.decode(enc)
    tables = [b.table for b in spec.blocks if b.kind == "table"]
    out = tmp_path / "pictures" / "report.html"
    (out.parent / "report_files").mkdir(parents=True)
    n = 0

    def to_img(m: re.Match) -> str:
        nonlocal n
        if 'class="meta"' in m.group(0):
            return m.group(0)  # the 索引号 table of the page chrome stays HTML
        name = f"report_files/image{n:03d}.png"
        (out.parent / name).write_bytes(_table_png(tables[n]))
        n += 1
        return f'<p><img src="{name}" width="600"/></p>'

    text = re.sub(r"<table\b.*?</table>", to_img, text, flags=re.S)
    assert n == len(tables) >= 3
    out.write_bytes(text.encode(enc))
    want = parse_file(path)
    got = parse_file(out)
    assert got.cells and all(c.ocr for c in got.cells if not c.derived)
    a = {(c.key, c.value) for c in want.cells}
    b = {(c.key, c.value) for c in got.cells}
    assert a == b, (sorted(a - b)[:10], sorted(b - a)[:10])
    truth = json.loads(next((tmp_path / "syn" / "truth").glob("*.json")).read_text(encoding="utf-8"))
    assert {c["key"] for c in truth["cells"]} <= {c.key for c in got.cells}
