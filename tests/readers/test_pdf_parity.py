"""The pypdfium2 path (pdf_text=pdfium: text, and ruled tables from pdfium's paths) gives the same record as the
pdfplumber path on every PDF at hand."""
from __future__ import annotations

from pathlib import Path

import pytest

from boxcheck import box_mismatches
from report_parser.pipeline import parse_file
from report_parser.readers import pdf

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT.parent / "shared" / "real" / "pdf"


def _pdfs(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pdf")) if folder.is_dir() else []


def _record(report) -> dict:
    """What must not change between the engines: sections, figures, cells, provenance pages, metadata, issues."""
    d = report.to_dict()
    return {
        "sections": [(s["key"], s["heading"], s["page"]) for s in d["sections"]],
        "figures": [(f["metric"], f["value"], f["raw"], f["page"], f["section"]) for f in d["figures"]],
        "cells": [(c["key"], c["value"], c["raw"], c["page"], c["box_source"], (c["box"] or [None])[0])
                  for c in d["cells"]],
        "meta": (d["org"], d["year"], d["era"], d["level"], d["status"]),
        "issues": sorted(i["code"] for i in d["issues"]),
    }


def _boxes_close(old, new, path: Path) -> None:
    """Cell boxes agree to the hundredth of a point they are rounded to.

    A ruled cell's box is its frame. pdfium keeps path points in single precision, and where the content stream's
    numbers went through pdfium's own arithmetic first, an edge can land one double-precision step from
    pdfminer's and a frame exactly on a half hundredth (282.945) round the other way: one rounding step apart.
    """
    for a, b in zip(old.cells, new.cells):
        assert (a.box is None) == (b.box is None), f"{path.name}: {a.key} box {a.box} vs {b.box}"
        if a.box is not None:
            assert a.box[0] == b.box[0] and all(abs(x - y) <= 0.0101 for x, y in zip(a.box[1:], b.box[1:])), \
                f"{path.name}: {a.key} box {a.box} vs {b.box}"


def _check(path: Path, monkeypatch=None) -> int:
    """Assert the two engines agree on path; return how many pages the pdfium path read itself."""
    read = []
    if monkeypatch is not None:
        real = pdf._pdfium_page

        def spy(*args):
            pt = real(*args)
            read.append(pt is not None)
            return pt
        monkeypatch.setattr(pdf, "_pdfium_page", spy)
    old = parse_file(path, {"pdf_text": "pdfplumber"})
    new = parse_file(path, {"pdf_text": "pdfium"})
    a, b = _record(old), _record(new)
    for part in a:
        assert a[part] == b[part], f"{path.name}: {part} differ between pdfplumber and pdfium"
    _boxes_close(old, new, path)
    _, bad = box_mismatches(path, new)
    assert not bad, bad[:5]
    return sum(read)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> list[Path]:
    from report_parser.synth.render_pdf import soffice
    try:
        soffice()
    except Exception as e:
        pytest.skip(f"LibreOffice is needed to generate PDFs ({e})")
    from report_parser.synth import generate

    out = tmp_path_factory.mktemp("pdf-parity")
    generate(out, orgs=5, years="2018-2019", formats="pdf", seed=18)
    return sorted((out / "docs").glob("*.pdf")) + [_prose_pdf(out), _grid_pdf(out)]


def _grid_pdf(out: Path) -> Path:
    """A report whose ruled grids stress the pdfium table route: cells merged across and down, a table of text
    rows only, and a table long enough to cross a page break."""
    import docx

    from report_parser.synth import render_pdf

    d = docx.Document()
    d.add_paragraph("某县人民政府2023年政府信息公开工作年度报告")
    d.add_paragraph("一、总体情况")
    d.add_paragraph("2023年，我县主动公开政府信息1234条，其中政策文件56件。")
    t = d.add_table(rows=4, cols=4)
    t.style = "Table Grid"
    rows = [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", "0", "/", "3"], ["行政规范性文件", "12", "2", "—"], ["", "", "", ""]]
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    t.cell(3, 0).merge(t.cell(3, 1)).text = "合计（跨两列）"
    t.cell(3, 2).merge(t.cell(3, 3)).text = "15"
    d.add_paragraph("二、主动公开政府信息情况")
    t = d.add_table(rows=3, cols=3)
    t.style = "Table Grid"
    for r, row in enumerate([["事项", "内容", "说明"], ["公开平台", "政府网站", "无变化"],
                             ["公开方式", "政务新媒体", "按规定办理"]]):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    d.add_paragraph("三、收到和处理政府信息公开申请情况")
    t = d.add_table(rows=45, cols=5)
    t.style = "Table Grid"
    for r in range(45):
        for c in range(5):
            t.cell(r, c).text = "申请人情况" if (r, c) == (0, 0) else f"{r * 5 + c}" if c else f"第{r}项"
    t.cell(1, 0).merge(t.cell(3, 0)).text = "（一）办理结果"
    d.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    d.add_paragraph("本年度未发生行政复议和行政诉讼。")
    d.save(out / "grids.docx")
    return render_pdf.convert([out / "grids.docx"], out)[0]


def _prose_pdf(out: Path) -> Path:
    """A long prose-only PDF (the seed report's paragraphs five times over), the pdfium path's own case."""
    import docx

    from report_parser.synth import render_pdf

    text = (ROOT / "corpus" / "seed" / "qianwei-2017.txt").read_text(encoding="utf-8")
    d = docx.Document()
    for _ in range(5):
        for line in text.splitlines():
            if line.strip() and not line.startswith("[bookmark"):
                d.add_paragraph(line.strip())
    d.save(out / "prose.docx")
    return render_pdf.convert([out / "prose.docx"], out)[0]


@pytest.mark.parametrize("path", _pdfs(ROOT / "corpus" / "seed") + _pdfs(ROOT / "corpus" / "synth" / "docs"),
                         ids=lambda p: p.name)
def test_corpus_pdf_parity(path, monkeypatch):
    _check(path, monkeypatch)


@pytest.mark.parametrize("name", [p.name for p in _pdfs(REAL)] or ["(absent)"])
def test_real_pdf_parity(name, monkeypatch):
    if not (REAL / name).exists():
        pytest.skip("../shared/real/pdf is absent")
    assert _check(REAL / name, monkeypatch) >= 1, "pdfium read none of the real report's pages"


def test_grid_pdf_goes_through_pdfium(generated, monkeypatch):
    """The grid stress report is read by the pdfium route (its tables from pdfium's paths), not by the fallback."""
    path = generated[-1]
    assert path.stem == "grids"
    read = []
    real = pdf._pdfium_page

    def spy(*args):
        pt = real(*args)
        read.append(pt is not None and bool(pt.tables))
        return pt
    monkeypatch.setattr(pdf, "_pdfium_page", spy)
    doc = pdf.read(path, path.read_bytes(), {"pdf_text": "pdfium", "ocr": False})
    assert sum(read) >= 2, read  # the long table crosses onto a second page
    merged = [b for b in doc.blocks if b.kind == "table" and any(any(r) for r in b.covered)]
    assert merged, "no merged cell was read"


def _edge_key(e: dict) -> tuple:
    return (e["orientation"], *(round(e[k], 3) for k in ("x0", "top", "x1", "bottom")))


@pytest.mark.parametrize("path", _pdfs(ROOT / "corpus" / "seed") + _pdfs(ROOT / "corpus" / "synth" / "docs")
                         + _pdfs(REAL), ids=lambda p: p.name)
def test_pdfium_edges_are_pdfplumbers(path):
    """pdf_grid.edges rebuilds pdfplumber's page.edges from pdfium's paths (same edges, same order of kinds)."""
    import pdfplumber
    import pypdfium2 as pdfium
    import pypdfium2.raw as C

    from report_parser.readers.pdf_grid import edges

    doc = pdfium.PdfDocument(path)
    rebuilt = 0
    with pdfplumber.open(path) as plumber:
        for page in plumber.pages:
            got_page = doc[page.page_number - 1]
            got = edges(C, got_page.raw, float(page.height), float(page.initial_doctop))
            got_page.close()
            if got is None:
                continue
            rebuilt += 1
            assert [_edge_key(e) for e in got] == [_edge_key(e) for e in page.edges], f"{path.name} p{page.page_number}"
    doc.close()
    assert rebuilt, f"{path.name}: no page's edges were rebuilt"


@pytest.mark.parametrize("path", _pdfs(ROOT / "corpus" / "seed") + _pdfs(REAL), ids=lambda p: p.name)
def test_font_facts_are_pdfminers(path):
    """pdf_fonts reads each font's name, descent and writing direction as pdfminer's own font objects have them."""
    import pdfplumber
    from pdfminer.pdftypes import PDFObjRef, resolve1

    from report_parser.readers.pdf_fonts import _facts

    described = 0
    with pdfplumber.open(path) as plumber:
        for page in plumber.pages:
            for spec in (resolve1(page.page_obj.resources.get("Font")) or {}).values():
                objid = spec.objid if isinstance(spec, PDFObjRef) else None
                spec = resolve1(spec)
                facts = _facts(spec)
                if facts is None:
                    continue
                font = plumber.rsrcmgr.get_font(objid, spec)
                assert facts == (font.fontname, font.get_descent(), font.is_vertical()), spec
                described += 1
    assert described


def test_generated_pdf_parity(generated, monkeypatch):
    assert len(generated) >= 10
    pages = sum(_check(path, monkeypatch) for path in generated)
    assert pages >= 10, "the pdfium path read too few pages for the comparison to mean anything"


def test_unknown_engine_is_named():
    from report_parser.readers.pdf_chars import engine

    assert engine({"pdf_text": "pdfplumber"}) == "pdfplumber"
    with pytest.raises(ValueError, match="pdfium, pdfplumber"):
        engine({"pdf_text": "pdfminer"})


def test_fonts_pdfium_does_not_have_go_to_pdfplumber(tmp_path, monkeypatch):
    """A font the PDF does not embed (reportlab's STSong-Light) is measured by pdfium through a substitute whose
    widths are not the file's: such pages are read by pdfplumber, and the record stays the same."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cn", fontName="STSong-Light", fontSize=12, leading=18)
    story = [Paragraph("某县人民政府2023年政府信息公开工作年度报告", style), Paragraph("一、总体情况", style),
             Paragraph("2023年，我县主动公开政府信息1234条，其中政策文件56件。" * 4, style)]
    grid = Table([["信息内容", "本年制发件数", "本年废止件数"], ["规章", "3", "/"], ["行政规范性文件", "12", "2"]])
    grid.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "STSong-Light"),
                              ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    path = tmp_path / "cid.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(story + [grid])
    assert _check(path, monkeypatch) == 0


def test_distinct_runs_rule_out_overprints():
    """pdf_chars._distinct clears a page only when no two runs of one font and size come within 1 pt in top and x0."""
    from report_parser.readers.pdf_chars import _distinct

    line = [("F1", 12.0, 100.0, 72.0, 200.0), ("F2", 12.0, 100.0, 72.0, 200.0), ("F1", 12.0, 118.0, 72.0, 200.0)]
    assert _distinct(line)  # another font on the same line, the same font a line lower
    assert _distinct(line + [("F1", 12.0, 101.5, 72.0, 200.0)])  # tops 1.5 pt apart
    assert _distinct(line + [("F1", 12.0, 100.5, 201.5, 300.0)])  # the next run of the line, 1.5 pt on
    assert not _distinct(line + [("F1", 12.0, 100.4, 201.0, 300.0)])  # starts within 1 pt of the last x0
    assert not _distinct(line + [("F1", 12.0, 100.3, 72.3, 200.3)])  # faux bold: the run printed again
    assert _distinct(line + [("F1", 10.5, 100.3, 72.3, 200.3)])  # another size


@pytest.mark.parametrize("path", _pdfs(ROOT / "corpus" / "seed") + _pdfs(REAL), ids=lambda p: p.name)
def test_pages_cleared_of_overprints_have_none(path):
    """Where pdf_chars says no two characters can be overprinted copies, the full de-duplication keeps them all."""
    import pdfplumber

    from report_parser.readers.pdf_chars import PdfiumPages
    from report_parser.readers.pdf_fonts import page_fonts

    fast = PdfiumPages(path.read_bytes())
    cleared = 0
    with pdfplumber.open(path) as plumber:
        for page in plumber.pages:
            got = fast.page(page.page_number, float(page.height), float(page.width),
                            page_fonts(page.page_obj.resources), float(page.initial_doctop))
            if got is not None and got.distinct:
                cleared += 1
                chars = got.chars()
                assert len(pdf._dedupe_chars(chars)) == len(chars), f"{path.name} p{page.page_number}"
    fast.close()
    assert cleared, f"{path.name}: no page was cleared"


def _form_pdf(out: Path) -> Path:
    """A page of the seed report's text objects plus one form XObject that holds a single text object, so that the
    text objects met in pdfium's text number exactly the page's top-level objects."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as C

    seed = ROOT / "corpus" / "seed" / "qianwei-2017.pdf"
    one = pdfium.PdfDocument(seed)
    first = one[0]
    objects = [C.FPDFPage_GetObject(first.raw, i) for i in range(C.FPDFPage_CountObjects(first.raw))]
    keep = next(o for o in objects if C.FPDFPageObj_GetType(o) == C.FPDF_PAGEOBJ_TEXT)
    for o in objects:
        if ctypes.cast(o, ctypes.c_void_p).value != ctypes.cast(keep, ctypes.c_void_p).value:
            C.FPDFPage_RemoveObject(first.raw, o)
            C.FPDFPageObj_Destroy(o)
    C.FPDFPage_GenerateContent(first.raw)
    doc = pdfium.PdfDocument.new()
    doc.import_pages(pdfium.PdfDocument(seed), [1])
    xobject = C.FPDF_NewXObjectFromPage(doc.raw, one.raw, 0)
    page = doc[0]
    C.FPDFPage_InsertObject(page.raw, C.FPDF_NewFormObjectFromXObject(xobject))
    C.FPDFPage_GenerateContent(page.raw)
    C.FPDF_CloseXObject(xobject)
    page.close()
    first.close()
    doc.save(out / "form.pdf")
    return out / "form.pdf"


def test_page_with_a_form_goes_to_pdfplumber_even_when_the_counts_agree(tmp_path, monkeypatch):
    """A form XObject is never rebuilt by the pdfium route, also when the text objects its characters came from
    (the form's own inside) number exactly the page's objects: the route compares the objects, not their count."""
    import pdfplumber
    import pypdfium2.raw as C

    from report_parser.readers.pdf_chars import PdfiumPages, _chars
    from report_parser.readers.pdf_fonts import page_fonts

    path = _form_pdf(tmp_path)
    fast = PdfiumPages(path.read_bytes())
    with pdfplumber.open(path) as plumber:
        page = plumber.pages[0]
        fonts = page_fonts(page.page_obj.resources, fast.fonts)
        raw = fast.document[0]
        text = raw.get_textpage()
        seen = _chars(C, text.raw, float(page.height), fonts, 0.0, float(page.width))[-1]
        assert len(seen) == C.FPDFPage_CountObjects(raw.raw)  # the case a count alone would pass
        text.close()
        raw.close()
        assert fast.page(1, float(page.height), float(page.width), fonts) is None
    fast.close()
    assert _check(path, monkeypatch) == 0


def test_pages_without_xobjects_compare_object_counts(generated):
    """On a page whose resources name no XObject, the pdfium route tells the page's objects from the text objects
    its characters came from by their number alone; that decides as comparing the objects themselves does."""
    import pdfplumber

    from report_parser.readers.pdf import _names_xobjects
    from report_parser.readers.pdf_chars import PdfiumPages
    from report_parser.readers.pdf_fonts import page_fonts

    compared = 0
    for path in _pdfs(ROOT / "corpus" / "seed") + _pdfs(REAL) + generated:
        fast = PdfiumPages(path.read_bytes())
        with pdfplumber.open(path) as plumber:
            for page in plumber.pages:
                resources = page.page_obj.resources
                if _names_xobjects(resources):
                    continue
                args = (page.page_number, float(page.height), float(page.width),
                        page_fonts(resources, fast.fonts), float(page.initial_doctop))
                by_objects, by_count = fast.page(*args, xobjects=True), fast.page(*args, xobjects=False)
                assert (by_objects is None) == (by_count is None), f"{path.name} p{page.page_number}"
                if by_objects is not None:
                    assert (by_objects.runs, by_objects.edges) == (by_count.runs, by_count.edges)
                compared += 1
        fast.close()
    assert compared > 20
