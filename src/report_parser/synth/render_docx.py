"""Render a DocSpec as .docx: real Word tables with merged cells, page-number footers, fixed zip bytes."""
from __future__ import annotations

import io
import random
import zipfile
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from .spec import DocSpec, Table

FONT = "宋体"  # what real reports declare; LibreOffice maps it to an installed CJK font
ZIP_TIME = (2001, 1, 1, 0, 0, 0)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TWIPS_PER_CM = 567


def _run(text: str, size: int | None = None, bold: bool = False) -> str:
    rpr = f'<w:rFonts w:eastAsia="{FONT}"/>' + ("<w:b/>" if bold else "") + (f'<w:sz w:val="{size}"/>' if size else "")
    pieces = text.split("\n")
    inner = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(p)}</w:t>' for p in pieces)
    return f"<w:r><w:rPr>{rpr}</w:rPr>{inner}</w:r>"


def _para(text: str, style: str | None = None, jc: str | None = None, indent: bool = False,
          size: int | None = None, bold: bool = False, num: int | None = None) -> str:
    ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") \
        + (f'<w:numPr><w:ilvl w:val="{num}"/><w:numId w:val="{NUM_ID}"/></w:numPr>' if num is not None else "") \
        + ('<w:ind w:firstLineChars="200" w:firstLine="480"/>' if indent else "") \
        + (f'<w:jc w:val="{jc}"/>' if jc else "")
    return f"<w:p><w:pPr>{ppr}</w:pPr>{_run(text, size, bold) if text else ''}</w:p>"


def _widths(t: Table) -> list[int]:
    """Column widths in twips like the templates: wide label columns, narrow numbers (16 cm text width)."""
    n = t.ncols
    if t.name == "s3":
        cm = [1.0, 1.8, 4.2] + [9.0 / 7] * 7
    elif t.name.startswith("s2.") or t.name == "appendix":
        cm = [5.0] + [11.0 / (n - 1)] * (n - 1)
    else:
        cm = [16.0 / n] * n
    return [round(c * TWIPS_PER_CM) for c in cm]


def _table_xml(t: Table) -> str:
    """A <w:tbl> with gridSpan for column merges and vMerge restart/continue for row merges."""
    widths = _widths(t)
    size = 18 if t.ncols > 8 else 21  # half-points: 9 pt in wide tables, 10.5 pt otherwise
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for r, row in enumerate(t.rows):
        for c, cell in enumerate(row):
            if cell is not None:
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        owner[(r + dr, c + dc)] = (r, c)
    out = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
           '<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>'
           + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"]
    for r, row in enumerate(t.rows):
        out.append("<w:tr>")
        c = 0
        while c < t.ncols:
            ar, ac = owner[(r, c)]
            anchor = t.rows[ar][ac]
            span = anchor.colspan
            width = sum(widths[c:c + span])
            props = f'<w:tcW w:w="{width}" w:type="dxa"/>' + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")
            if ar == r:
                if anchor.rowspan > 1:
                    props += '<w:vMerge w:val="restart"/>'
                if anchor.vertical:
                    props += '<w:textDirection w:val="tbRlV"/>'
                body = _para(anchor.text, jc="center", size=size)
            else:  # continuation of a cell merged from above
                props += "<w:vMerge/>"
                body = "<w:p/>"
            out.append(f'<w:tc><w:tcPr>{props}<w:vAlign w:val="center"/></w:tcPr>{body}</w:tc>')
            c += span
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _field_runs(instr: str) -> str:
    """A Word field (PAGE) as runs, so LibreOffice prints the real page number."""
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


# Word list numbering for part headings: level 0 draws 一、二、…, level 1 draws （一）（二）….
NUM_ID = 90
AUTO_NUMBERS = {"heading": (0, "、"), "subheading": (1, "（")}
NUMBERING_XML = (
    f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{NUM_ID}"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>'
    '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>'
    '<w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>')


def _auto_number(b, auto: bool) -> tuple[str, int | None]:
    """Heading text without its number and the list level, when Word numbering draws the number."""
    if not auto or b.kind not in AUTO_NUMBERS or not b.number:
        return b.text, None
    level, mark = AUTO_NUMBERS[b.kind]
    # Only the styles Word's chineseCounting lists draw (一、 and （一）); others stay typed.
    if mark not in b.number or not b.text.startswith(b.number):
        return b.text, None
    return b.text[len(b.number):], level


def body_xml(spec: DocSpec, heading_styles: bool, base_size: int, auto_numbers: bool = False) -> str:
    """The document body as OOXML paragraphs and tables, in reading order."""
    parts = []
    for b in spec.blocks:
        if b.kind == "table":
            parts.append(_table_xml(b.table))
            parts.append("<w:p/>")  # Word needs a paragraph between adjacent tables
        elif b.kind == "title":
            parts.append(_para(b.text, jc="center", size=36, bold=True))
        elif b.kind == "heading":
            text, num = _auto_number(b, auto_numbers)
            parts.append(_para(text, style="Heading1" if heading_styles else None, bold=True, size=base_size, num=num))
        elif b.kind == "subheading":
            text, num = _auto_number(b, auto_numbers)
            parts.append(_para(text, style="Heading2" if heading_styles else None, bold=True, size=base_size, num=num))
        elif b.kind == "signature":
            parts.append(_para(b.text, jc="right"))
        else:
            parts.append(_para(b.text, indent=True))
    return "".join(parts)


@lru_cache(maxsize=8)
def _skeleton(base_pt: int, header: bool) -> tuple[tuple[str, bytes], ...]:
    """The package parts of an empty report (styles, page setup, footer), with placeholders to fill.

    python-docx builds it once per variant; each document then only swaps the body, header text and
    core properties, which is many times faster than building every package through the API.
    """
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.shared import Cm, Pt

    doc = docx.Document()
    doc.styles["Normal"].font.size = Pt(base_pt)
    doc.styles["Heading 1"], doc.styles["Heading 2"]  # present in the package for documents that use them
    cp = doc.core_properties
    cp.created = cp.modified = cp.last_printed = PLACEHOLDER_DATE
    cp.author = cp.last_modified_by = ""
    cp.title = "@@TITLE@@"
    cp.revision = 1
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.5)
    footer_p = sec.footer.paragraphs[0]
    footer_p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer_p._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:t xml:space="preserve">- </w:t></w:r>'))
    for el in parse_xml(f'<w:p xmlns:w="{W_NS}">{_field_runs("PAGE")}</w:p>'):
        footer_p._p.append(el)
    footer_p._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:t xml:space="preserve"> -</w:t></w:r>'))
    if header:
        hp = sec.header.paragraphs[0]
        hp.text = "@@HEADER@@"
        hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    numbering = doc.part.numbering_part.element
    first_num = numbering.find(f"{{{W_NS}}}num")
    abstract = parse_xml(NUMBERING_XML)
    if first_num is not None:  # schema order: every abstractNum before the first num
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="{NUM_ID}"><w:abstractNumId w:val="{NUM_ID}"/></w:num>'))
    doc.add_paragraph("@@BODY@@")
    buf = io.BytesIO()
    doc.save(buf)
    with zipfile.ZipFile(buf) as z:
        return tuple((i.filename, z.read(i.filename)) for i in z.infolist())


PLACEHOLDER_DATE = datetime(2000, 1, 1, 0, 0, 0)


def _fill_body(xml: str, body: str) -> str:
    i = xml.index("@@BODY@@")
    start = max(xml.rfind("<w:p>", 0, i), xml.rfind("<w:p ", 0, i))
    end = xml.index("</w:p>", i) + len("</w:p>")
    return xml[:start] + body + xml[end:]


def render(spec: DocSpec, path: Path) -> None:
    """Write spec as a .docx at path; same spec → same bytes."""
    r = random.Random(f"{spec.stem}:docx")
    heading_styles = r.random() < 0.5  # half use Word heading styles (outline levels), half bold paragraphs
    base = 12 if r.random() < 0.5 else 14
    header = r.random() < 0.4
    title = spec.title if r.random() < 0.7 else ""
    # A third of Word reports number their parts with a Word list: the number is drawn, not typed.
    auto_numbers = r.random() < 0.35
    if any(d["type"] == "outline_skip" for d in spec.defects):
        auto_numbers = False  # a Word list draws 一、二、三 whatever was typed: the skip must be typed
    spec.layout["docx_auto_numbering"] = auto_numbers
    when = datetime(spec.year + 1, 1, 1, 8, 0, 0).strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in _skeleton(base, header):
            if name == "word/document.xml":
                body = body_xml(spec, heading_styles, base * 2, auto_numbers)
                data = _fill_body(data.decode("utf-8"), body).encode("utf-8")
            elif name == "docProps/core.xml":
                text = data.decode("utf-8").replace("@@TITLE@@", escape(title))
                data = text.replace(PLACEHOLDER_DATE.strftime("%Y-%m-%dT%H:%M:%SZ"), when).encode("utf-8")
            elif name.startswith("word/header") and b"@@HEADER@@" in data:
                org_line = escape(spec.org.name + "政府信息公开工作年度报告")
                data = data.replace(b"@@HEADER@@", org_line.encode("utf-8"))
            zi = zipfile.ZipInfo(name, ZIP_TIME)  # fixed times: the same document gives the same bytes
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data, compresslevel=1)
    path.write_bytes(out.getvalue())


