"""Hard-wrapped text is read back as paragraphs; text written a paragraph per line is left alone."""
from __future__ import annotations

import unicodedata

import pytest

from report_parser.pipeline import parse_file
from report_parser.readers.unwrap import group_wrapped, join_wrapped, wrap_width

# Sentences written for these tests (no report's text): an invented township's year.
PARAS = [
    "　　2022年，云溪镇人民政府坚持以公开为常态、不公开为例外，围绕群众关切持续推进政务公开，"
    "全年通过镇政府网站、政务公开栏和微信公众号等渠道及时发布各类信息，信息发布的及时性和准确性进一步提高。",
    "　　本年度共主动公开政府信息1234条，其中政策文件56条，财政预决算信息12条，重点项目信息30条。"
    "镇政府网站（http://www.yunxi-example.gov.cn/xxgk）设有信息公开专栏，全年访问量稳步增长。",
    "　　本年度共收到政府信息公开申请7件，均已按期办结，未发生因政府信息公开引起的行政复议和行政诉讼。"
    "下一步，我镇将继续完善信息发布审核机制，加强工作人员业务培训，提升政务公开工作的规范化水平。",
]


def _wrap_chars(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)]


def _wrap_columns(text: str, cols: int) -> list[str]:
    out, cur, w = [], "", 0
    for c in text:
        cw = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if w + cw > cols and c not in "，。、；：）":  # a closing mark stays on its line, past the width
            out.append(cur)
            cur, w = "", 0
        cur += c
        w += cw
    return out + [cur]


def _doc(wrap) -> list[str]:
    lines = ["云溪镇2022年政府信息公开工作年度报告", "一、总体情况"]
    for p in PARAS:
        lines += wrap(p)
    return lines + ["二、主动公开政府信息情况", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
                    "规章\t0\t0\t0", "规范性文件\t3\t1\t12"]


def test_fixed_width_by_characters_rejoins_paragraphs():
    lines = _doc(lambda p: _wrap_chars(p, 30))
    assert wrap_width(lines) == ("chars", 30)
    groups = group_wrapped(lines)
    joined = [join_wrapped([lines[i] for i in g]) for g in groups]
    assert joined[:2] == ["云溪镇2022年政府信息公开工作年度报告", "一、总体情况"]
    assert joined[2:5] == PARAS  # each paragraph whole again, the indent of its first line kept
    # the heading and every table row stay blocks of their own
    assert joined[5:] == lines[-4:]


def test_fixed_width_by_display_columns_rejoins_paragraphs():
    lines = _doc(lambda p: _wrap_columns(p, 64))
    assert wrap_width(lines)[0] == "columns"
    joined = [join_wrapped([lines[i] for i in g]) for g in group_wrapped(lines)]
    assert joined[2:5] == PARAS


_ASCII_PUNCT = str.maketrans("，（）：；", ",():;")


def _wrap_printed(text: str, ems: float) -> list[str]:
    """Lines as a PDF set in a proportional face breaks them (digits and Latin letters about half an em, punctuation a
    full em), copied out with the punctuation as ASCII: the display widths spread over a band."""
    out, cur, w = [], "", 0.0
    for c in text:
        cw = 0.55 if c.isascii() and c.isalnum() else 1.0
        if w + cw > ems and c not in "，。、；：）":
            out.append(cur)
            cur, w = "", 0.0
        cur += c
        w += cw
    return [ln.translate(_ASCII_PUNCT) for ln in out + [cur]]


# Paragraphs thick with dates, numbers and an address, as a PDF's intro is (written for these tests).
DATED = [
    "本报告由云溪镇人民政府根据《中华人民共和国政府信息公开条例》(以下简称《条例》)要求编制,所列数据的统计期限自"
    "2022年1月1日起至2022年12月31日止,本报告的电子版可在镇政府网站(http://www.yunxi-example.gov.cn/)下载,"
    "如对本报告有任何疑问,请联系云溪镇人民政府党政办公室(电话:0571-12345678,邮编:310000)。",
    "2022年共主动公开政府信息1234条,其中政策文件56条、财政预决算信息12条、重点项目信息30条、人事信息8条、"
    "应急管理信息41条,较2021年的987条增加247条,全文电子化率达100%,网站全年访问量为56789人次。",
    "2022年共收到政府信息公开申请7件,其中当面申请2件、网络申请5件,上年结转0件,已全部在20个工作日内办结,"
    "未发生因政府信息公开引起的行政复议和行政诉讼,全年未收取任何费用。",
    "全年通过镇政府网站政务公开栏微信公众号和村务公开栏等多种渠道主动公开政府信息并及时更新各类办事指南和服务流程"
    "确保群众能够便捷查询相关政务信息和办事要求同时加强信息发布前的保密审查和内容审核工作。",
]


def test_fixed_width_of_a_proportional_face_rejoins_paragraphs():
    lines = ["云溪镇2022年政府信息公开工作年度报告", "一、总体情况"]
    for p in DATED:
        lines += _wrap_printed(p, 47)
    # the display widths spread (83 to 94 columns) and the unpunctuated lines run past any exact band
    assert wrap_width(lines)[0] == "loose"
    joined = [join_wrapped([lines[i] for i in g]) for g in group_wrapped(lines)]
    assert joined == lines[:2] + [p.translate(_ASCII_PUNCT) for p in DATED]


def unicodedata_display(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def test_sentences_of_one_length_a_line_are_no_proportional_wrap():
    # one sentence a line, their widths in a band: they stop at a full stop, not at a margin
    lines = ["本年度共主动公开政府信息1234条,其中政策文件56条,财政预决算信息12条。",
             "本年度共收到政府信息公开申请7件,均已按期办结,未发生行政复议。",
             "镇政府网站设有信息公开专栏,全年访问量稳步增长,群众满意度逐步提高。",
             "下一步我镇将继续完善信息发布审核机制,加强工作人员业务培训。",
             "全年通过镇政府网站、政务公开栏和微信公众号等渠道及时发布各类信息。"]
    assert len({unicodedata_display(ln) for ln in lines}) >= 4
    assert wrap_width(lines) is None
    assert group_wrapped(lines) == [[i] for i in range(len(lines))]


def test_paragraph_per_line_text_is_left_alone():
    # Paragraphs of varied length, one per line, some of them exactly as long as each other.
    lines = ["云溪镇2022年政府信息公开工作年度报告", *PARAS, "云溪镇2022年政府信息公开工作年度报告",
             "本年度共收到政府信息公开申请7件。", "本年度共收到行政复议申请0件。"]
    assert wrap_width(lines) is None
    assert group_wrapped(lines) == [[i] for i in range(len(lines))]


def test_list_of_equal_headings_is_not_a_wrapped_text():
    lines = ["（一）主动公开政府信息的情况说明", "（二）依申请公开政府信息情况说明", "（三）政府信息公开收费减免情况",
             "（四）行政复议和行政诉讼情况说明", "（五）存在的主要问题及改进措施"] * 2
    assert wrap_width(lines) is None


def test_indented_line_opens_a_paragraph_even_after_a_full_line():
    body = "本镇坚持把政务公开作为转变政府职能的重要抓手，建立健全信息发布协调机制和审核制度，"
    lines = _wrap_chars(body * 3, 30) + ["　　" + body[:20]] + _wrap_chars(body * 2, 30)
    groups = group_wrapped(lines)
    first_of_second = len(_wrap_chars(body * 3, 30))
    assert any(g[0] == first_of_second for g in groups)


def test_addresses_and_numbers_cut_by_the_wrapper_are_glued():
    assert join_wrapped(["访问网址http://www.yunxi-exa", "mple.gov.cn查询"]) == "访问网址http://www.yunxi-example.gov.cn查询"
    assert join_wrapped(["本年度共主动公开政府信息12", "34条"]) == "本年度共主动公开政府信息1234条"
    assert join_wrapped(["see the annual ", "report online"]) == "see the annual report online"


def test_figures_and_org_survive_hard_wrapping(tmp_path):
    lines = _doc(lambda p: _wrap_chars(p, 30))
    # a cut inside the number 1234 and inside the body's name
    assert any(ln.endswith("12") or ln.endswith("123") or ln.endswith("1") for ln in lines)
    wrapped = tmp_path / "wrapped.txt"
    wrapped.write_text("\n".join(lines), encoding="utf-8")
    whole = tmp_path / "whole.txt"
    whole.write_text("\n".join(_doc(lambda p: [p])), encoding="utf-8")
    a, b = parse_file(wrapped), parse_file(whole)
    assert a.metrics.get("active.items") == b.metrics.get("active.items") == "1234"
    assert a.metrics.get("requests.received") == b.metrics.get("requests.received") == "7"
    assert a.org == b.org
    # the block's raw text keeps the lines as printed; its index is the paragraph's first line
    fig = next(f for f in a.figures if f.metric == "active.items")
    assert fig.raw == "1234条" and "本年度共主动公开政府信息1234条" in fig.text


def test_one_line_past_the_width_does_not_rule_wrapping_out():
    # a table's note kept whole by its single bar is longer than the width: the text is still wrapped
    lines = _doc(lambda p: _wrap_chars(p, 30)) + ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）|"]
    assert wrap_width(lines) == ("chars", 30)


def test_a_numbered_item_cut_at_the_width_goes_on_its_inline_list():
    head = "　　本年度主动公开政府信息共计22条，其中："
    items = "1.政策性文件1条；2.工作动态类信息12条；3.公告公示5条；4.其他4条。"
    # padded so that the wrapper's cut falls right before "3."
    pad = "镇政府网站和政务公开栏同步发布" * 3
    body = head + pad[:(30 - (len(head) + items.index("3.")) % 30) % 30] + items
    assert (body.index("3.")) % 30 == 0
    lines = ["云溪镇2022年政府信息公开工作年度报告", "一、总体情况", *_wrap_chars(PARAS[0], 30),
             *_wrap_chars(body, 30), *_wrap_chars(PARAS[1], 30)]
    assert any(ln.startswith("3.") for ln in lines)
    joined = [join_wrapped([lines[i] for i in g]) for g in group_wrapped(lines)]
    assert body in joined
    # a numbered point that opens a line after one that runs no list stays a block of its own
    lines = ["云溪镇2022年政府信息公开工作年度报告", *_wrap_chars(PARAS[0], 30), "2.加强组织领导。", *_wrap_chars(PARAS[1], 30)]
    assert "2.加强组织领导。" in [join_wrapped([lines[i] for i in g]) for g in group_wrapped(lines)]


def test_a_breadcrumb_as_long_as_the_lines_stays_apart_from_the_title():
    crumb = "首页 > 政务公开 > 信息公开年度报告 > 云溪镇 > 2022年度年报"
    lines = [crumb[:30], "云溪镇2022年政府信息公开工作年度报告", "一、总体情况", *_wrap_chars(PARAS[0], 30),
             *_wrap_chars(PARAS[1], 30)]
    assert len(lines[0]) == 30 and wrap_width(lines) == ("chars", 30)
    assert [0] in group_wrapped(lines) and [1] in group_wrapped(lines)


@pytest.mark.parametrize("bar", ["发布时间:2023-01-16 10:21 信息来源:云溪镇人民政府办公室", "索引号:11430600-2023-001 发布机构:云溪镇政府 浏览"])
def test_a_pages_info_bar_as_long_as_the_lines_stays_apart_from_the_title(bar):
    # an info bar of labelled fields that happens to end at the width is the page's chrome: the title under it (no
    # stop at its end either) stays a line of its own, not the end of a paragraph cut at the width
    bar = bar[:30]
    lines = [bar, "云溪镇2022年政府信息公开工作年度报告", "一、总体情况", *_wrap_chars(PARAS[0], 30), *_wrap_chars(PARAS[1], 30)]
    assert len(lines[0]) == 30 and wrap_width(lines) == ("chars", 30)
    assert [0] in group_wrapped(lines) and [1] in group_wrapped(lines)


def test_a_date_that_lost_its_nian_and_yue_is_prose_not_a_row_of_numbers():
    # `截至 2022  12  31 日,主动公开政府信息 2` cut at the width: its three spaced numbers sit before the clause's comma,
    # where no table row puts them (a row's numbers follow its label: `（二）部分公开（…，…） 1 0 0 0 0 0 1`), so the line
    # runs on into `34 条,…` as the other wrapped lines do
    para = "　　截至 2022  12  31 日,主动公开政府信息 1234 条,其中政策文件56条,财政预决算信息12条,重点项目信息30条。"
    lines = _doc(lambda p: _wrap_chars(p, 30))
    lines[5:5] = _wrap_chars(para, 30)
    joined = [join_wrapped([lines[i] for i in g]) for g in group_wrapped(lines)]
    assert "截至 2022  12  31 日,主动公开政府信息 1234 条,其中政策文件56条,财政预决算信息12条,重点项目信息30条。" in \
        [j.strip("　") for j in joined]
    from report_parser.readers import unwrap

    assert unwrap._tableish("（二）部分公开（区分处理的，只计这一情形，不计其他情形） 1 0 0 0 0 0 1")  # still a row
    assert not unwrap._tableish("截至 2022  12  31 日,主动公开政府信息 1234")


def test_a_code_field_as_long_as_the_lines_does_not_run_into_the_title():
    # a page's field whose value is a code (索取号) may fill the width by chance: the title under it stays whole
    lines = ["- 信息索取号:000012345/2020-806659", "青禾县2016年政府信息公开工作年度报告"]
    lines += _wrap_chars("".join(p.strip("　") for p in PARAS), 30)
    assert wrap_width(lines) == ("chars", 30)
    joined = [join_wrapped([lines[i] for i in g]) for g in group_wrapped(lines)]
    assert joined[:2] == lines[:2]


def test_a_numbered_title_that_fills_the_width_stays_a_line_of_its_own():
    # 四、…情况 ends as titles end: the sentence under it is a block of its own; a run-in item ending in 事项 is not
    body = "".join(p.strip("　") for p in PARAS)
    lines = _wrap_chars(body, 24) + ["四、因政府信息公开申请行政复议或提起行政诉讼情况", "2018年,我办行政复议为5件。其中维持3件,纠正2件。",
                                     "2、依申请公开政府信息情况。2021年我局收到申请事项", "1件,办结1件。"]
    assert wrap_width(lines) is not None
    joined = [join_wrapped([lines[i] for i in g]) for g in group_wrapped(lines)]
    assert joined[-3:] == [lines[-4], lines[-3], lines[-2] + lines[-1]]
