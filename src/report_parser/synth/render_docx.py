"""Render a DocSpec as .docx: real Word tables with merged cells, page-number footers, fixed zip bytes."""
from __future__ import annotations

import io
import random
import zipfile
from datetime import datetime
from pathlib import Path

from .spec import DocSpec, Table

FONT = "宋体"  # what real reports declare; LibreOffice maps it to an installed CJK font
ZIP_TIME = (2001, 1, 1, 0, 0, 0)


def _east_asian(run, font: str = FONT) -> None:
    from docx.oxml.ns import qn

    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), font)


def _field(paragraph, instr: str) -> None:
    """Append a Word field (PAGE) to a paragraph, so LibreOffice prints the real page number."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), ("instr", instr), ("separate", None), ("text", "1"), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._element.append(el)


def _widths(t: Table) -> list:
    """Column widths like the templates: wide label columns, narrow number columns (16 cm text width)."""
    from docx.shared import Cm

    n = t.ncols
    if t.name == "s3":
        return [Cm(1.0), Cm(1.8), Cm(4.2)] + [Cm(9.0 / 7)] * 7
    if t.name.startswith("s2.") or t.name == "appendix":
        return [Cm(5.0)] + [Cm(11.0 / (n - 1))] * (n - 1)
    return [Cm(16.0 / n)] * n


def _table(doc, t: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    nrows, ncols = len(t.rows), t.ncols
    table = doc.add_table(rows=nrows, cols=ncols)
    table.style = "Table Grid"
    table.autofit = False
    grid = [row.cells for row in table.rows]  # one pass: cell lookups per position are slow
    widths = _widths(t)
    for row in grid:
        for c, cell in enumerate(row):
            cell.width = widths[c]
    merges = []
    for r, row in enumerate(t.rows):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            target = grid[r][c]
            if cell.text:
                target.text = cell.text
                p = target.paragraphs[0]
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                for run in p.runs:
                    run.font.size = Pt(9 if ncols > 8 else 10.5)
            if cell.vertical:
                tcpr = target._tc.get_or_add_tcPr()
                td = OxmlElement("w:textDirection")
                td.set(qn("w:val"), "tbRlV")
                tcpr.append(td)
            if cell.rowspan > 1 or cell.colspan > 1:
                merges.append((r, c, r + cell.rowspan - 1, c + cell.colspan - 1))
    for r0, c0, r1, c1 in merges:
        grid[r0][c0].merge(grid[r1][c1])


def render(spec: DocSpec, path: Path) -> None:
    """Write spec as a .docx at path; same spec → same bytes."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    r = random.Random(f"{spec.stem}:docx")
    heading_styles = r.random() < 0.5  # half use Word heading styles (outline levels), half bold paragraphs
    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(12 if r.random() < 0.5 else 14)
    cp = doc.core_properties
    fixed = datetime(spec.year + 1, 1, 1, 8, 0, 0)
    cp.created = cp.modified = fixed
    cp.last_printed = fixed
    cp.author = cp.last_modified_by = ""
    cp.title = spec.title if r.random() < 0.7 else ""
    cp.revision = 1
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.5)
    footer_p = sec.footer.paragraphs[0]
    footer_p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer_p.add_run("- ")
    _field(footer_p, "PAGE")
    footer_p.add_run(" -")
    if r.random() < 0.4:
        hp = sec.header.paragraphs[0]
        hp.text = spec.org.name + "政府信息公开工作年度报告"
        hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for b in spec.blocks:
        if b.kind == "table":
            _table(doc, b.table)
            continue
        if b.kind == "heading" and heading_styles:
            p = doc.add_heading(level=1)
            run = p.add_run(b.text)
        elif b.kind == "subheading" and heading_styles:
            p = doc.add_heading(level=2)
            run = p.add_run(b.text)
        else:
            p = doc.add_paragraph()
            run = p.add_run(b.text)
        _east_asian(run)
        if b.kind == "title":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.bold = True
            run.font.size = Pt(18)
        elif b.kind in ("heading", "subheading"):
            run.bold = True
        elif b.kind == "signature":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            p.paragraph_format.first_line_indent = Pt(24)
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(_fixed_zip(buf.getvalue()))


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry times, so the same document gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, zin.read(info.filename))
    return out.getvalue()
