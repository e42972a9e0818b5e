"""HTML reader: charsets, site chrome, metadata blocks, tables as grids, headings, hostile markup."""
from __future__ import annotations

from pathlib import Path

import pytest

from report_parser.errors import InputError
from report_parser.model import HEADING, PARAGRAPH, TABLE
from report_parser.readers import html as html_reader

# A page in the style of a TRS-built county portal: breadcrumb, font-size toolbar, 索引号 table,
# article in div.TRS_Editor inside div#zoom, share bar, footer with ICP number. Written for these tests.
TRS_PAGE = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<meta name="SiteName" content="某某县人民政府" />
<meta name="ColumnName" content="政府信息公开年报" />
<meta name="ArticleTitle" content="某某镇人民政府2018年政府信息公开工作年度报告" />
<meta name="PubDate" content="2019-03-20 09:12" />
<meta name="ContentSource" content="某某镇人民政府" />
<title>某某镇人民政府2018年政府信息公开工作年度报告_某某县人民政府</title>
<script>var _hmt = _hmt || []; document.write("广告");</script>
<style>.nav {{color: red}}</style>
</head><body>
<div class="header"><div class="logo">某某县人民政府</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/bsfw">办事服务</a></li><li><a href="/hdjl">互动交流</a></li></ul></div>
<div class="position">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 年度报告</div>
<table class="xxgk_table" width="100%">
<tr><td>索引号：</td><td>11530421MB0000000X/2019-00012</td><td>主题分类：</td><td>政务公开</td></tr>
<tr><td>发布机构：</td><td>某某镇人民政府</td><td>发文日期：</td><td>2019-03-20</td></tr>
<tr><td>名称：</td><td colspan="3">某某镇人民政府2018年政府信息公开工作年度报告</td></tr>
</table>
<div class="article">
<h1 class="title">某某镇人民政府2018年政府信息公开工作年度报告</h1>
<div class="info">发布时间：2019-03-20&nbsp;&nbsp;来源：某某镇人民政府&nbsp;&nbsp;浏览次数：<span id="c">1024</span></div>
<div class="tools">字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a> 【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</div>
<div id="zoom"><div class="TRS_Editor">
<p style="text-indent:2em">&nbsp;&nbsp;根据《中华人民共和国政府信息公开条例》要求，现公布某某镇人民政府2018年政府信息公开工作年度报告。</p>
<p><strong>一、概述</strong></p>
<p>　　2018年，我镇共主动公开政府信息<span>
265</span>条，其中通过政府网站公开201条。</p>
<p><strong>二、主动公开政府信息情况</strong></p>
<table border="1" cellspacing="0">
<tr><td rowspan="2">指标名称</td><td rowspan="2">单位</td><td colspan="2">数量</td></tr>
<tr><td>本年度</td><td>历年累计</td></tr>
<tr><td>主动公开政府信息数</td><td>条</td><td>265</td><td>1830</td></tr>
<tr><td>其中：规范性文件</td><td>件</td><td></td><td>/</td></tr>
</table>
<p>三、政府信息依申请公开办理情况<br/>2018年未收到政府信息公开申请。</p>
</div></div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a><a href="#">QQ空间</a></div>
<div class="prevnext">上一篇：<a href="#">关于某事的通知</a></div>
</div>
<div class="footer"><p>主办单位：某某县人民政府办公室</p><p>滇ICP备05000000号</p><p>网站标识码：5304210000</p></div>
</body></html>
"""


def _write(tmp_path: Path, name: str, content: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(content)
    return p


def _read(path: Path):
    return html_reader.read(path, path.read_bytes(), {}).finalise()


@pytest.fixture(scope="module")
def trs_doc(tmp_path_factory):
    d = tmp_path_factory.mktemp("html")
    p = _write(d, "trs.html", TRS_PAGE.format(charset="gb2312").encode("gb18030"))
    return _read(p)


@pytest.mark.parametrize("charset,encoding", [
    pytest.param("gb2312", "gb18030", id="gb2312-declared"),
    pytest.param("GBK", "gb18030", id="gbk-declared"),
    pytest.param("utf-8", "utf-8", id="utf8-declared"),
    pytest.param("utf-8-lying", "gbk-bytes-declared-utf8", id="gbk-bytes-declared-utf8"),
    pytest.param("none", "utf-8", id="no-meta-utf8"),
    pytest.param("none-gbk", "gbk-detected", id="no-meta-gbk-detected"),
    pytest.param("bom-utf16", "utf-16-le", id="utf16-bom"),
    pytest.param("bom-utf8", "utf-8", id="utf8-bom"),
])
def test_charset_is_found_from_bom_meta_or_detection(tmp_path, charset, encoding):
    if charset == "utf-8-lying":
        data = TRS_PAGE.format(charset="utf-8").encode("gb18030")
    elif charset == "none":
        data = TRS_PAGE.replace('<meta http-equiv="Content-Type" content="text/html; charset={charset}" />',
                                "").format().encode("utf-8")
    elif charset == "none-gbk":
        data = TRS_PAGE.replace('<meta http-equiv="Content-Type" content="text/html; charset={charset}" />',
                                "").format().encode("gbk")
    elif charset == "bom-utf16":
        data = b"\xff\xfe" + TRS_PAGE.format(charset="utf-16").encode("utf-16-le")
    elif charset == "bom-utf8":
        data = b"\xef\xbb\xbf" + TRS_PAGE.format(charset="utf-8").encode("utf-8")
    else:
        data = TRS_PAGE.format(charset=charset).encode("utf-8" if charset == "utf-8" else "gb18030")
    doc = _read(_write(tmp_path, "page.htm", data))
    assert "我镇共主动公开政府信息265条" in doc.text
    assert "概述" in doc.text
    if not encoding.endswith(("detected", "declared-utf8")):
        assert doc.meta["encoding"] == encoding


@pytest.mark.parametrize("chrome", [
    "您当前的位置", "首页", "办事服务", "字号", "打印", "关闭", "分享到", "微博", "上一篇", "主办单位", "ICP备",
    "网站标识码", "浏览次数", "广告", "索引号", "发文日期",
])
def test_site_chrome_is_dropped(trs_doc, chrome):
    assert chrome not in trs_doc.text


@pytest.mark.parametrize("key,value", [
    ("索引号", "11530421MB0000000X/2019-00012"),
    ("发布机构", "某某镇人民政府"),
    ("发文日期", "2019-03-20"),
    ("主题分类", "政务公开"),
    ("标题", "某某镇人民政府2018年政府信息公开工作年度报告"),
    ("发布日期", "2019-03-20 09:12"),
    ("来源", "某某镇人民政府"),
])
def test_metadata_block_is_kept_in_page_meta(trs_doc, key, value):
    assert trs_doc.meta["page_meta"][key] == value


def test_publisher_date_and_title_are_offered_to_the_metadata_stage(trs_doc):
    assert trs_doc.meta["publisher"] == "某某镇人民政府"
    assert trs_doc.meta["published"].startswith("2019-03-20")
    assert trs_doc.meta["title"] == "某某镇人民政府2018年政府信息公开工作年度报告"


def _meta_page(rows: str) -> bytes:
    body = "<p>一、总体情况</p><p>2019年,我镇主动公开政府信息26条。</p>"
    return (f'<html><head><meta charset="utf-8"></head><body><table>{rows}</table>'
            f'<div class="article">{body}</div></body></html>').encode()


@pytest.mark.parametrize("rows, publisher, title", [
    # labels spaced out to the cell's width
    pytest.param("<tr><td>索 引 号</td><td>0001/2020-00003</td><td>发文时间</td><td>2020-01-23</td></tr>"
                 "<tr><td>发布机构</td><td>甲乡政府</td><td>文　号</td><td></td></tr>"
                 "<tr><td>标 题:</td><td>甲乡2019年政府信息公开工作年度报告</td></tr>",
                 "甲乡政府", "甲乡2019年政府信息公开工作年度报告", id="spaced-labels"),
    # 名称 for the title, 发布单位 for the publisher
    pytest.param("<tr><td>名称</td><td>2019年度乙镇人民政府信息公开工作年度报告</td></tr>"
                 "<tr><td>索引号</td><td>0002/2020-1</td><td>发布单位</td><td>乙镇人民政府</td></tr>",
                 "乙镇人民政府", "2019年度乙镇人民政府信息公开工作年度报告", id="other-label-words"),
    # a value ends with its row: the title printed in a row of its own under the fields
    pytest.param("<tr><td>索引号:</td><td>/2015-26440</td><td>公开方式:</td><td>主动公开</td></tr>"
                 "<tr><td>发布单位:</td><td>丙镇</td></tr><tr><td>丙镇2009年政府信息公开工作年报</td></tr>",
                 "丙镇", "丙镇2009年政府信息公开工作年报", id="title-row-without-label"),
])
def test_metadata_grid_fields_reach_the_metadata_stage(tmp_path, rows, publisher, title):
    doc = _read(_write(tmp_path, "m.html", _meta_page(rows)))
    assert doc.meta["publisher"] == publisher
    assert doc.meta["title"] == title
    assert "索引号" in doc.meta["page_meta"]
    assert not any("索" in b.text for b in doc.blocks)  # the grid is no body text


@pytest.mark.parametrize("title,expected", [
    pytest.param("某区2020年政府信息公开工作年度报告_某区人民政府", "某区2020年政府信息公开工作年度报告", id="underscore-site"),
    pytest.param("某区2020年政府信息公开工作年度报告 - 某区人民政府门户网站", "某区2020年政府信息公开工作年度报告",
                 id="dash-site"),
    pytest.param("某区2020年政府信息公开工作年度报告", "某区2020年政府信息公开工作年度报告", id="bare"),
])
def test_page_title_drops_the_site_name(tmp_path, title, expected):
    page = f"<html><head><title>{title}</title></head><body><p>正文。</p></body></html>"
    doc = _read(_write(tmp_path, "t.html", page.encode()))
    assert doc.meta["title"] == expected


def test_publication_date_from_the_metadata_block_reaches_the_record(tmp_path):
    from report_parser.pipeline import parse_file

    p = _write(tmp_path, "trs.html", TRS_PAGE.format(charset="utf-8").encode("utf-8"))
    r = parse_file(p, {"strict": True})
    assert r.published == "2019-03-20"


def test_report_body_is_kept_in_order(trs_doc):
    kinds = [b.kind for b in trs_doc.blocks]
    texts = [b.text for b in trs_doc.blocks]
    assert texts[0] == "某某镇人民政府2018年政府信息公开工作年度报告"
    assert kinds[0] == HEADING and trs_doc.blocks[0].level == 1
    order = ["根据《中华人民共和国政府信息公开条例》", "一、概述", "2018年,我镇共主动公开", "二、主动公开政府信息情况",
             "三、政府信息依申请公开办理情况", "2018年未收到政府信息公开申请"]
    positions = [trs_doc.text.find(o) for o in order]
    assert all(p >= 0 for p in positions), positions
    assert positions == sorted(positions)
    assert TABLE in kinds


def test_br_splits_paragraphs(trs_doc):
    paras = [b.text for b in trs_doc.blocks if b.kind == PARAGRAPH]
    assert "三、政府信息依申请公开办理情况" in paras
    assert "2018年未收到政府信息公开申请。" in paras


def test_indent_spaces_and_source_newlines_vanish(trs_doc):
    first = next(b for b in trs_doc.blocks if b.text.startswith("根据"))
    assert first.raw.startswith("根据")
    assert "政府信息265条" in trs_doc.text


def test_table_becomes_a_grid_with_merges_resolved(trs_doc):
    t = next(b for b in trs_doc.blocks if b.kind == TABLE)
    assert t.rows == [["指标名称", "单位", "数量", "数量"],
                      ["指标名称", "单位", "本年度", "历年累计"],
                      ["主动公开政府信息数", "条", "265", "1830"],
                      ["其中:规范性文件", "件", "", "/"]]
    assert t.covered == [[False, False, False, True],
                         [True, True, False, False],
                         [False, False, False, False],
                         [False, False, False, False]]
    assert t.rows_raw[3][0] == "其中：规范性文件"
    assert len(t.row_pages) == 4


@pytest.mark.parametrize("markup,expected", [
    pytest.param('<td colspan="3">a</td></tr><tr><td>b</td><td>c</td><td>d</td>', [["a", "a", "a"], ["b", "c", "d"]],
                 id="colspan"),
    pytest.param('<td rowspan="2">a</td><td>b</td></tr><tr><td>c</td>', [["a", "b"], ["a", "c"]], id="rowspan"),
    pytest.param('<td rowspan="0">a</td><td>b</td></tr><tr><td>c</td></tr><tr><td>d</td>',
                 [["a", "b"], ["a", "c"], ["a", "d"]], id="rowspan-zero-to-end"),
    pytest.param('<td rowspan="65534">a</td><td>b</td></tr><tr><td>c</td>', [["a", "b"], ["a", "c"]],
                 id="rowspan-huge-clamped"),
    pytest.param('<td colspan="x">a</td><td>b</td></tr><tr><td>c</td><td>d</td>', [["a", "b"], ["c", "d"]],
                 id="colspan-garbage"),
    pytest.param('<td>a</td></tr><tr><td>b</td><td>c</td>', [["a", ""], ["b", "c"]], id="ragged-rows-padded"),
    pytest.param('<th>a<br/>b</th><td>1</td></tr><tr><td>c</td><td>2</td>', [["a\nb", "1"], ["c", "2"]],
                 id="br-in-cell-kept-in-raw"),
])
def test_table_spans(tmp_path, markup, expected):
    page = f"<html><body><table><tr>{markup}</tr></table></body></html>"
    doc = _read(_write(tmp_path, "t.html", page.encode()))
    t = next(b for b in doc.blocks if b.kind == TABLE)
    assert t.rows_raw == expected


def test_huge_colspan_is_capped_with_a_warning(tmp_path):
    page = '<html><body><table><tr><td colspan="1000">a</td><td>b</td></tr><tr><td>c</td></tr></table></body></html>'
    doc = _read(_write(tmp_path, "wide.html", page.encode()))
    t = next(b for b in doc.blocks if b.kind == TABLE)
    assert len(t.rows[0]) == html_reader.MAX_COLS
    assert [i["code"] for i in doc.issues] == ["READER_WARNING"]


def test_layout_table_is_read_as_flow_and_inner_data_table_as_grid(tmp_path):
    body = "，".join(["本机关认真贯彻落实政府信息公开条例"] * 20)
    page = (f"<html><head><meta charset='gbk'></head><body><table width=980><tr><td class=left>"
            f"<p>一、概述</p><p>{body}。</p>"
            "<table><tr><td>申请数</td><td>12</td></tr><tr><td>答复数</td><td>12</td></tr></table>"
            "</td></tr></table></body></html>")
    doc = _read(_write(tmp_path, "layout.html", page.encode("gbk")))
    tables = [b for b in doc.blocks if b.kind == TABLE]
    assert len(tables) == 1 and tables[0].rows == [["申请数", "12"], ["答复数", "12"]]
    assert any(b.kind == PARAGRAPH and b.text == "一、概述" for b in doc.blocks)


@pytest.mark.parametrize("level", range(1, 7))
def test_headings_keep_their_level(tmp_path, level):
    page = f"<html><body><h{level}>一、总体情况</h{level}><p>正文内容。</p></body></html>"
    doc = _read(_write(tmp_path, "h.html", page.encode()))
    assert doc.blocks[0].kind == HEADING and doc.blocks[0].level == level
    assert doc.blocks[0].text == "一、总体情况"


def test_traditional_page_is_converted_and_flagged(tmp_path):
    page = ("<html><head><meta charset='big5'></head><body><p>一、總體情況</p>"
            "<p>本機關全年主動公開政府資訊三百條，收到政府資訊公開申請十二件，均已按時辦結答覆。</p></body></html>")
    doc = _read(_write(tmp_path, "big5.html", page.encode("big5")))
    assert "一、总体情况" in doc.text
    assert doc.blocks[0].raw == "一、總體情況"
    assert all(b.prov.traditional for b in doc.blocks)
    assert doc.meta["converted"] == "t2s"


@pytest.mark.parametrize("name,page,code", [
    pytest.param("deep.html", "<html><body>" + "<div>" * 5000 + "正文" + "</div>" * 5000 + "</body></html>",
                 "TOO_DEEP", id="deeply-nested"),
    pytest.param("chrome-only.html", "<html><body><div class='nav'><a href='/'>首页</a></div>"
                 "<div class='footer'>版权所有</div></body></html>", "HTML_EMPTY", id="only-chrome"),
    pytest.param("scripts.html", "<html><head><script>alert(1)</script></head><body></body></html>",
                 "HTML_EMPTY", id="only-script"),
])
def test_hostile_or_empty_pages_raise_coded_errors(tmp_path, name, page, code):
    p = _write(tmp_path, name, page.encode())
    with pytest.raises(InputError) as e:
        html_reader.read(p, p.read_bytes(), {})
    assert e.value.code == code
    assert name in e.value.message


def test_internal_entities_do_not_expand(tmp_path):
    lol = "".join(f'<!ENTITY l{i} "' + f"&l{i - 1};" * 10 + '">' for i in range(1, 10))
    page = f'<!DOCTYPE html [<!ENTITY l0 "哈哈">{lol}]><html><body><p>开始&l9;结束</p></body></html>'
    doc = _read(_write(tmp_path, "lol.html", page.encode()))
    assert len(doc.text) < 2000
    assert "哈哈哈哈" not in doc.text


def test_external_entities_are_not_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", encoding="utf-8")
    page = (f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
            '<html><body><p>开始&xxe;结束</p></body></html>')
    doc = _read(_write(tmp_path, "xxe.html", page.encode()))
    assert "机密内容" not in doc.text
    assert "开始" in doc.text


def test_link_lists_inside_the_body_are_dropped(tmp_path):
    links = "".join(f"<li><a href='/a{i}'>关于第{i}项工作的通知</a></li>" for i in range(8))
    page = f"<html><body><ul class='list'>{links}</ul><div><p>一、概述</p><p>全年公开信息50条。</p></div></body></html>"
    doc = _read(_write(tmp_path, "links.html", page.encode()))
    assert "关于第1项工作的通知" not in doc.text
    assert "全年公开信息50条" in doc.text


def test_short_article_with_source_line_is_not_taken_for_metadata(tmp_path):
    body = "本机关2019年主动公开政府信息共计一百二十条，其中规范性文件五件，未收到政府信息公开申请，未发生行政复议。" * 3
    page = (f"<html><body><div><p>来源：某区政府办 发布时间：2020-01-15</p><p>{body}</p></div></body></html>")
    doc = _read(_write(tmp_path, "short.html", page.encode()))
    assert "一百二十条" in doc.text
    assert doc.meta["page_meta"]["来源"] == "某区政府办"
    assert doc.meta["page_meta"]["发布时间"] == "2020-01-15"
