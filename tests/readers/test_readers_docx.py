"""The .docx reader on documents built in code: order, headings, Word numbering, merged cells, pages, safety."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml

from report_parser.errors import InputError
from report_parser.model import HEADING, PARAGRAPH, TABLE
from report_parser.readers import read
from report_parser.readers.docx import format_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _add_list(doc, num_id: int, levels: list[tuple[str, str]], start_override: int | None = None) -> int:
    """Add an abstractNum with the given (numFmt, lvlText) levels and a num pointing at it."""
    numbering = doc.part.numbering_part.element
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
                   for i, (fmt, text) in enumerate(levels))
    abstract = parse_xml(f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="{num_id}">{lvls}</w:abstractNum>')
    override = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start_override}"/></w:lvlOverride>'
                if start_override else "")
    num = parse_xml(f'<w:num xmlns:w="{W}" w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/>{override}</w:num>')
    first = numbering.find(f"{{{W}}}num")
    if first is not None:
        first.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)
    return num_id


def _numbered(doc, text: str, num_id: int, ilvl: int = 0, style: str | None = None):
    p = doc.add_paragraph(text, style=style)
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def _save(doc, tmp_path: Path, name: str = "t.docx") -> Path:
    p = tmp_path / name
    doc.save(p)
    return p


def _texts(d):
    return [b.text for b in d.blocks if b.kind != TABLE]


def test_paragraphs_and_tables_keep_body_order(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("第一段")
    doc.add_table(rows=1, cols=2).rows[0].cells[0].text = "表格"
    doc.add_paragraph("第二段")
    d = read(_save(doc, tmp_path))
    assert [b.kind for b in d.blocks] == [PARAGRAPH, TABLE, PARAGRAPH]
    assert [b.prov.index for b in d.blocks] == [0, 1, 2]


HEADING_CASES = [
    ("title style", "Title", 0),
    ("heading 1 style", "Heading 1", 1),
    ("heading 2 style", "Heading 2", 2),
    ("body style", None, None),
]


@pytest.mark.parametrize("style,level", [c[1:] for c in HEADING_CASES], ids=[c[0] for c in HEADING_CASES])
def test_heading_level_comes_from_the_style(tmp_path, style, level):
    doc = docx.Document()
    doc.add_paragraph("主动公开政府信息情况", style=style)
    b = read(_save(doc, tmp_path)).blocks[0]
    assert b.level == level
    assert b.kind == (PARAGRAPH if level is None else HEADING)


def test_outline_level_on_the_paragraph_makes_a_heading(tmp_path):
    doc = docx.Document()
    p = doc.add_paragraph("二、主动公开政府信息情况")
    p._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl xmlns:w="{W}" w:val="0"/>'))
    b = read(_save(doc, tmp_path)).blocks[0]
    assert (b.kind, b.level) == (HEADING, 1)


def test_custom_style_with_outline_level_is_a_heading(tmp_path):
    doc = docx.Document()
    styles = doc.styles.element
    styles.append(parse_xml(
        f'<w:style xmlns:w="{W}" w:type="paragraph" w:styleId="BuWenBiaoTi"><w:name w:val="部文标题"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>'))
    styles.append(parse_xml(
        f'<w:style xmlns:w="{W}" w:type="paragraph" w:styleId="Derived"><w:name w:val="派生"/>'
        '<w:basedOn w:val="BuWenBiaoTi"/></w:style>'))
    p = doc.add_paragraph("（一）主动公开情况")
    p._p.get_or_add_pPr().insert(0, parse_xml(f'<w:pStyle xmlns:w="{W}" w:val="Derived"/>'))
    b = read(_save(doc, tmp_path)).blocks[0]
    assert (b.kind, b.level) == (HEADING, 2)


NUMBER_FORMATS = [
    ("chinese 1", 1, "chineseCounting", "一"),
    ("chinese 10", 10, "chineseCounting", "十"),
    ("chinese 11", 11, "chineseCounting", "十一"),
    ("chinese 21", 21, "chineseCountingThousand", "二十一"),
    ("tiangan", 3, "ideographTraditional", "丙"),
    ("decimal", 12, "decimal", "12"),
    ("circled", 2, "decimalEnclosedCircle", "②"),
    ("lower letter", 28, "lowerLetter", "bb"),
    ("upper roman", 14, "upperRoman", "XIV"),
    ("bullet", 1, "bullet", ""),
]


@pytest.mark.parametrize("n,fmt,expected", [c[1:] for c in NUMBER_FORMATS], ids=[c[0] for c in NUMBER_FORMATS])
def test_number_formats_render_like_word(n, fmt, expected):
    assert format_number(n, fmt) == expected


def test_auto_numbered_headings_get_their_numbers_back(tmp_path):
    doc = docx.Document()
    nid = _add_list(doc, 70, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")])
    _numbered(doc, "概述", nid, 0, "Heading 1")
    _numbered(doc, "加强组织领导", nid, 1, "Heading 2")
    _numbered(doc, "建章立制", nid, 1, "Heading 2")
    _numbered(doc, "第一条", nid, 2)
    _numbered(doc, "主动公开政府信息情况", nid, 0, "Heading 1")
    _numbered(doc, "主动公开的数量", nid, 1, "Heading 2")
    d = read(_save(doc, tmp_path))
    assert _texts(d) == ["一、概述", "(一)加强组织领导", "(二)建章立制", "1.第一条", "二、主动公开政府信息情况",
                         "(一)主动公开的数量"]
    assert d.blocks[0].raw == "概述"  # raw is the run text as stored; the number exists only in numbering.xml


LABEL_LEVEL_CASES = [
    ("part numeral", ("chineseCounting", "%1、"), "主动公开政府信息情况", 1),
    ("sub-part numeral", ("chineseCounting", "（%1）"), "主动公开的数量", 2),
    ("long numbered sentence stays a paragraph", ("chineseCounting", "%1、"),
     "全年主动公开政府信息438条，其中政策解读2条。", None),
    ("decimal list item", ("decimal", "%1."), "政策解读", None),
]


@pytest.mark.parametrize("level_def,text,level", [c[1:] for c in LABEL_LEVEL_CASES],
                         ids=[c[0] for c in LABEL_LEVEL_CASES])
def test_numbering_gives_a_heading_level_to_body_style_paragraphs(tmp_path, level_def, text, level):
    doc = docx.Document()
    nid = _add_list(doc, 75, [level_def])
    _numbered(doc, text, nid)
    assert read(_save(doc, tmp_path)).blocks[0].level == level


def test_lists_sharing_an_abstract_number_continue_and_start_override_restarts(tmp_path):
    doc = docx.Document()
    nid = _add_list(doc, 71, [("decimal", "%1.")])
    numbering = doc.part.numbering_part.element
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="72"><w:abstractNumId w:val="71"/></w:num>'))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="73"><w:abstractNumId w:val="71"/>'
                               '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'))
    _numbered(doc, "甲", nid)
    _numbered(doc, "乙", 72)
    _numbered(doc, "丙", 73)
    assert _texts(read(_save(doc, tmp_path))) == ["1.甲", "2.乙", "5.丙"]


def test_numbering_from_the_paragraph_style(tmp_path):
    doc = docx.Document()
    nid = _add_list(doc, 74, [("chineseCounting", "%1、")])
    h1 = doc.styles["Heading 1"].element
    h1.get_or_add_pPr().append(parse_xml(
        f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/><w:numId w:val="{nid}"/></w:numPr>'))
    doc.add_paragraph("概述", style="Heading 1")
    doc.add_paragraph("正文")
    doc.add_paragraph("主动公开", style="Heading 1")
    assert _texts(read(_save(doc, tmp_path))) == ["一、概述", "正文", "二、主动公开"]


def _merged_table(tmp_path):
    doc = docx.Document()
    t = doc.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "申请人情况"
    t.cell(0, 2).text = "总计"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "三、本年度办理结果"
    t.cell(1, 1).text = "（一）予以公开"
    t.cell(1, 2).text = "5"
    t.cell(2, 1).text = "（二）部分公开"
    t.cell(2, 2).text = "0"
    return read(_save(doc, tmp_path)).blocks[0]


def test_merged_cells_are_resolved_into_a_grid(tmp_path):
    b = _merged_table(tmp_path)
    assert b.rows == [["申请人情况", "申请人情况", "总计"],
                      ["三、本年度办理结果", "(一)予以公开", "5"],
                      ["三、本年度办理结果", "(二)部分公开", "0"]]


def test_merged_cell_copies_are_flagged_covered(tmp_path):
    b = _merged_table(tmp_path)
    assert b.covered == [[False, True, False], [False, False, False], [True, False, False]]
    assert b.rows_raw[1][1] == "（一）予以公开"
    assert b.row_pages == [1, 1, 1]


def test_legacy_horizontal_merge_is_resolved_like_grid_span(tmp_path):
    doc = docx.Document()
    t = doc.add_table(rows=1, cols=3)
    t.cell(0, 0).text = "申请人情况"
    t.cell(0, 1)._tc.get_or_add_tcPr().append(parse_xml(f'<w:hMerge xmlns:w="{W}"/>'))
    t.cell(0, 2).text = "总计"
    b = read(_save(doc, tmp_path)).blocks[0]
    assert b.rows == [["申请人情况", "申请人情况", "总计"]]
    assert b.covered == [[False, True, False]]


MALFORMED_ATTRIBUTES = [
    ("huge grid span", "gridSpan", "1000000000"),
    ("non-numeric grid span", "gridSpan", "abc"),
    ("negative grid span", "gridSpan", "-5"),
]


@pytest.mark.parametrize("tag,value", [c[1:] for c in MALFORMED_ATTRIBUTES], ids=[c[0] for c in MALFORMED_ATTRIBUTES])
def test_malformed_table_attributes_are_clamped_not_fatal(tmp_path, tag, value):
    doc = docx.Document()
    t = doc.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "规章"
    t.cell(0, 0)._tc.get_or_add_tcPr().append(parse_xml(f'<w:{tag} xmlns:w="{W}" w:val="{value}"/>'))
    b = read(_save(doc, tmp_path)).blocks[0]
    assert len(b.rows[0]) <= 64 + 1
    assert b.rows[0][0] == "规章"


def test_malformed_numbering_levels_do_not_crash(tmp_path):
    doc = docx.Document()
    nid = _add_list(doc, 76, [("chineseCounting", "%1、")])
    p = doc.add_paragraph("概述")
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="99"/><w:numId w:val="{nid}"/></w:numPr>'))
    q = doc.add_paragraph("正文")
    q._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl xmlns:w="{W}" w:val="x"/>'))
    d = read(_save(doc, tmp_path))
    assert [b.raw for b in d.blocks] == ["概述", "正文"]


def test_explicit_page_breaks_give_an_approximate_page(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("第一页")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("第二页")
    p = doc.add_paragraph("第三页")
    p._p.get_or_add_pPr().append(parse_xml(f'<w:pageBreakBefore xmlns:w="{W}"/>'))
    d = read(_save(doc, tmp_path))
    assert [(b.text, b.page) for b in d.blocks] == [("第一页", 1), ("第二页", 2), ("第三页", 3)]
    assert d.pages == 3


def test_rendered_page_breaks_are_trusted_over_explicit_ones(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("第一页")
    p = doc.add_paragraph()
    p._p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:lastRenderedPageBreak/><w:t>第二页</w:t></w:r>'))
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)  # Word also marks it rendered: not counted twice
    q = doc.add_paragraph()
    q._p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:lastRenderedPageBreak/><w:t>第三页</w:t></w:r>'))
    d = read(_save(doc, tmp_path))
    assert [(b.text, b.page) for b in d.blocks] == [("第一页", 1), ("第二页", 2), ("第三页", 3)]


def test_text_is_normalised_and_raw_kept(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("主动公开信息４３８条 ， 其中")
    b = read(_save(doc, tmp_path)).blocks[0]
    assert (b.text, b.raw) == ("主动公开信息438条,其中", "主动公开信息４３８条 ， 其中")


def test_traditional_document_is_converted_and_flagged(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("總體情況", style="Heading 1")
    doc.add_paragraph("本機關認真貫徹落實《條例》，主動公開政府資訊。")
    d = read(_save(doc, tmp_path))
    assert d.blocks[0].text == "总体情况"
    assert d.blocks[0].raw == "總體情況"
    assert all(b.prov.traditional for b in d.blocks)
    assert d.meta["converted"] == "t2s"


def test_content_controls_and_empty_paragraphs(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("")
    body = doc.element.body
    sdt = parse_xml(f'<w:sdt xmlns:w="{W}"><w:sdtContent><w:p><w:r><w:t>控件中的段落</w:t></w:r></w:p>'
                    '</w:sdtContent></w:sdt>')
    body.insert(1, sdt)
    assert _texts(read(_save(doc, tmp_path))) == ["控件中的段落"]


def test_tracked_deletions_and_field_codes_are_not_text(tmp_path):
    doc = docx.Document()
    p = doc.add_paragraph()
    p._p.append(parse_xml(
        f'<w:r xmlns:w="{W}"><w:t>主动公开</w:t></w:r>'))
    p._p.append(parse_xml(
        f'<w:del xmlns:w="{W}" w:id="1" w:author="a"><w:r><w:delText>删除的</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(
        f'<w:ins xmlns:w="{W}" w:id="2" w:author="a"><w:r><w:t>信息</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:instrText> PAGE </w:instrText></w:r>'))
    p._p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:t>438条</w:t></w:r>'))
    assert _texts(read(_save(doc, tmp_path))) == ["主动公开信息438条"]


def test_word_file_of_pasted_page_images_reports_no_text_layer(tmp_path):
    import struct
    import zlib

    def png(w=8, h=8):
        raw = b"".join(b"\x00" + b"\xff" * w for _ in range(h))
        chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))  # noqa: E731
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))

    doc = docx.Document()
    doc.add_picture(io.BytesIO(png()))
    d = read(_save(doc, tmp_path, "scan.docx"))
    assert [i["code"] for i in d.issues] == ["NO_TEXT_LAYER"]
    assert "image" in d.issues[0]["message"]


def test_title_from_core_properties(tmp_path):
    doc = docx.Document()
    doc.core_properties.title = "示范县2020年政府信息公开工作年度报告"
    doc.add_paragraph("正文")
    assert read(_save(doc, tmp_path)).meta["title"] == "示范县2020年政府信息公开工作年度报告"


def test_main_part_named_by_the_package_relationships_is_read(tmp_path):
    src = zipfile.ZipFile(io.BytesIO(_good_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:  # as Office 365 writes it: word/document2.xml
        for info in src.infolist():
            data, name = src.read(info.filename), info.filename
            if name == "word/document.xml":
                name = "word/document2.xml"
            if name in ("_rels/.rels", "[Content_Types].xml"):
                data = data.replace(b"word/document.xml", b"word/document2.xml")
            z.writestr(name, data)
    p = tmp_path / "o365.docx"
    p.write_bytes(buf.getvalue())
    assert _texts(read(p)) == ["正文"]


# ---- safety: hostile containers are refused with a specific code before any XML parse ----

def _good_bytes() -> bytes:
    doc = docx.Document()
    doc.add_paragraph("正文")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _rezip(replace: dict[str, bytes], drop: tuple[str, ...] = ()) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(_good_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename in drop:
                continue
            z.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
    return buf.getvalue()


_BODY = f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>'
BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
                  '<!ENTITY e "&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>' + _BODY).encode()
XXE = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + _BODY).encode()
PADDED_XXE = ('<?xml version="1.0"?>' + "<!-- padding -->" * 2000 +
              '<!DOCTYPE d [<!ENTITY e SYSTEM "http://example.invalid/x">]>' + _BODY).encode()

HOSTILE = [
    ("zip bomb by ratio", lambda: _rezip({"word/document.xml": b"<a>" + b" " * (12 * 1024 * 1024) + b"</a>"}), "ZIP_BOMB"),
    ("billion laughs", lambda: _rezip({"word/document.xml": BILLION_LAUGHS}), "XML_ENTITIES"),
    ("external entity", lambda: _rezip({"word/document.xml": XXE}), "XML_ENTITIES"),
    ("external entity after a padded prolog", lambda: _rezip({"word/styles.xml": PADDED_XXE}), "XML_ENTITIES"),
    ("missing document.xml", lambda: _rezip({}, drop=("word/document.xml",)), "NOT_A_DOCUMENT"),
    ("prolog padded past a megabyte", lambda: _rezip({"word/styles.xml": b"<?xml version='1.0'?>" +
                                                      b"<!-- pad -->" * 100_000 + b"<a/>"}), "CORRUPT_XML"),
    ("truncated", lambda: _good_bytes()[: len(_good_bytes()) * 6 // 10], "TRUNCATED"),
    ("corrupt directory", lambda: _good_bytes()[:-30] + b"PK\x05\x06" + b"\xff" * 26, "CORRUPT_ZIP"),
    ("malformed xml", lambda: _rezip({"word/document.xml": b"<w:document><unclosed>"}), "CORRUPT_XML"),
]


@pytest.mark.parametrize("make,code", [c[1:] for c in HOSTILE], ids=[c[0] for c in HOSTILE])
def test_hostile_docx_is_refused_with_a_code(tmp_path, make, code):
    p = tmp_path / "hostile.docx"
    p.write_bytes(make())
    with pytest.raises(InputError) as e:
        read(p)
    assert e.value.code == code
    assert p.name in e.value.message


def test_corrupt_member_bytes_give_corrupt_zip(tmp_path):
    data = bytearray(_rezip({}))
    i = data.index(b"word/document.xml") + len("word/document.xml") + 10
    data[i:i + 40] = bytes(b ^ 0x5A for b in data[i:i + 40])
    p = tmp_path / "crc.docx"
    p.write_bytes(bytes(data))
    with pytest.raises(InputError) as e:
        read(p)
    assert e.value.code in ("CORRUPT_ZIP", "CORRUPT_XML")


def test_paragraph_properties_read_in_one_pass_are_the_first_of_each_kind():
    # paragraph() reads a w:pPr's children in one pass; what it gets must be what a search for each tag finds
    from lxml import etree

    from report_parser.readers.docx import _PPR_WANTED, W, _child, _first_children, _numpr

    ppr = etree.fromstring(
        f'<w:pPr xmlns:w="{W[1:-1]}"><w:spacing/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="4"/></w:numPr>'
        '<w:pStyle w:val="a"/><w:outlineLvl w:val="2"/><w:pStyle w:val="b"/><w:numPr><w:numId w:val="9"/></w:numPr>'
        '<w:sectPr/><w:pageBreakBefore/></w:pPr>')
    props = _first_children(ppr)
    for tag in _PPR_WANTED:
        assert props.get(tag) is _child(ppr, tag), tag
    assert props[W + "pStyle"].get(W + "val") == "a"
    assert _numpr(ppr, props.get(W + "numPr")) == _numpr(ppr) == ("4", 1)
    empty = etree.fromstring(f'<w:pPr xmlns:w="{W[1:-1]}"><w:jc/></w:pPr>')
    assert _first_children(empty) == {} and _numpr(empty, None) is None


def test_a_body_of_plain_runs_reads_as_run_text_reads_it(tmp_path, monkeypatch):
    # issue 18: a body with no tab, break, deletion, fallback or hidden w:t takes each paragraph's w:t text at
    # once; the blocks are those run_text gives (forced here by making every body look not plain)
    import dataclasses

    from report_parser.readers import docx as reader

    doc = docx.Document()
    doc.add_heading("2019年政府信息公开工作年度报告", 0)
    for k in range(30):
        p = doc.add_paragraph(f"第{k}段，我镇主动公开政府信息{k}条。")
        p.add_run("（续）")
        p.add_run("   ")
        if k % 7 == 0:
            doc.add_heading(f"{k}、情况", 1)
    doc.add_paragraph("")
    doc.add_paragraph("  \u3000 ")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(1, 1).text = "收到申请", "3"
    plain_path = _save(doc, tmp_path, "plain.docx")
    doc.paragraphs[3].add_run().add_break(WD_BREAK.PAGE)  # a break: this body is read the careful way
    broken_path = _save(doc, tmp_path, "broken.docx")

    seen = []
    walk = reader._Walker.walk
    monkeypatch.setattr(reader._Walker, "walk", lambda self, parent: seen.append(self.plain_body) or walk(self, parent))
    fast = [dataclasses.asdict(b) for b in read(plain_path).blocks]
    slow_broken = [dataclasses.asdict(b) for b in read(broken_path).blocks]
    assert seen[:2] == [True, False]
    monkeypatch.setattr(reader, "_HIDDEN_T", lambda el: True)  # no body (and no table) counts as plain
    assert [dataclasses.asdict(b) for b in read(plain_path).blocks] == fast
    assert [dataclasses.asdict(b) for b in read(broken_path).blocks] == slow_broken
    assert seen[-2:] == [False, False] and len(fast) > 30


# A paragraph of prose in all-CJK characters, hard-wrapped at 30 characters a line (a PDF-to-Word converter's form).
_PROSE = ("2023年本镇坚持以公开为常态不公开为例外全面推进决策执行管理服务结果公开通过政府网站主动公开政府信息"
          "一千四百六十九条其中政策文件二十条工作动态三百条均及时发布。")
_WIDTH = 30


def _wrapped(text: str) -> list[str]:
    return [text[i:i + _WIDTH] for i in range(0, len(text), _WIDTH)]


def test_a_word_file_of_hard_wrapped_lines_reads_its_paragraphs_whole(tmp_path):
    d = docx.Document()
    d.add_paragraph("青松镇2023年政府信息公开工作年度报告")
    d.add_paragraph("")  # an empty paragraph: a blank line, which ends a run of lines
    one, two, three = _PROSE, _PROSE.replace("本镇", "本街道"), _PROSE.replace("2023年", "全年")
    for line in _wrapped(one) + ["一、总体情况"] + _wrapped(two):
        d.add_paragraph(line)
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "规章", "0"
    for line in _wrapped(three):
        d.add_paragraph(line)
    doc = read(_save(d, tmp_path))
    texts = [b.text for b in doc.blocks if b.kind == PARAGRAPH]
    assert texts == ["青松镇2023年政府信息公开工作年度报告", one, "一、总体情况", two, three]
    joined = next(b for b in doc.blocks if b.text == one)
    assert joined.raw == "\n".join(_wrapped(one))  # raw keeps the printed lines
    assert [b.kind for b in doc.blocks].count(TABLE) == 1  # the table stays between the paragraphs


def test_a_word_file_of_one_paragraph_per_line_is_not_joined(tmp_path):
    # paragraphs written whole, of every length: no width most long lines stop at, nothing to re-join
    d = docx.Document()
    lines = [_PROSE[:n] + "。" for n in (20, 35, 48, 61, 27, 55, 40, 66, 31)]
    for line in lines:
        d.add_paragraph(line)
    doc = read(_save(d, tmp_path))
    assert [b.text for b in doc.blocks] == lines


def test_a_paragraph_broken_at_a_fixed_width_inside_is_glued_where_it_was_cut(tmp_path):
    # line breaks inside one paragraph at every 30th character (a converter's form) cut a year and a name: glued
    # back with no space (the normaliser keeps one between two digits across a break)
    from report_parser.extract import metadata

    text = ("根据有关条例要求现公布青松市人民政府(市人民政府办公室)2023年政府信息公开工作年度报告本报告所列数据"
            "统计时限为2023年1月1日至2023年12月31日。")
    d = docx.Document()
    run = d.add_paragraph().add_run()
    for k, piece in enumerate(_wrapped(text)):
        if k:
            run.add_break()
        run.add_text(piece)
    assert "20\n23" in "\n".join(_wrapped(text))  # the year is cut
    doc = read(_save(d, tmp_path))
    assert [b.text for b in doc.blocks] == [text]
    assert metadata.extract(doc)["org"] == "青松市人民政府(市人民政府办公室)"


def test_a_heading_and_its_text_set_apart_by_a_line_break_stay_apart(tmp_path):
    # two lines of different lengths: a break the author typed, not a cut at a width
    d = docx.Document()
    run = d.add_paragraph().add_run("三、收到和处理政府信息公开申请情况")
    run.add_break()
    run.add_text("2023年,本镇未收到政府信息公开申请。")
    doc = read(_save(d, tmp_path))
    assert doc.blocks[0].raw == "三、收到和处理政府信息公开申请情况\n2023年,本镇未收到政府信息公开申请。"
