"""Segmentation: part headings → canonical keys, on report layouts written for the tests."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from report_parser import readers
from report_parser.extract import segment
from test_metadata import make_doc

GB_PARTS = ("一、总体情况\n2021年,全县推进公开。\n二、主动公开政府信息情况\n第二十条第(一)项\n"
            "三、收到和处理政府信息公开申请情况\n本年度收到申请3件。\n四、政府信息公开行政复议、行政诉讼情况\n无。\n"
            "五、存在的主要问题及改进情况\n(一)主要问题\n公开质量有待提高。\n六、其他需要报告的事项\n无。")

CASES = [
    # (id, text, era, expected keys in order (preamble omitted), expected missing)
    ("gb-six-parts", "根据条例编制本报告。\n" + GB_PARTS, "gb2021",
     ["overview", "active", "requests", "review_litigation", "problems", "other"], []),
    ("pre2019-without-fees",
     "本报告由概述、主动公开政府信息情况、依申请公开政府信息情况、收费及减免情况等部分组成。\n"
     "一、概述\n我镇加强领导。\n二、政府信息主动公开情况\n公开信息30条。\n三、依申请公开政府信息办理情况\n未收到申请。\n"
     "四、因政府信息公开申请行政复议、提起行政诉讼的情况\n未发生。\n五、存在的主要问题和改进措施\n有待加强。\n"
     "六、需要说明的其他事项与附表\n无。",
     "pre2019", ["overview", "active", "requests", "review_litigation", "problems", "other"], ["fees"]),
    ("pre2019-local-variants-and-extras",
     "一、基本情况概述\n概况。\n二、主动公开情况\n公开。\n三、咨询和投诉情况\n咨询10人次。\n"
     "四、复议、诉讼和申诉情况\n无。\n五、政府信息公开支出和收费情况\n未收费。\n六、存在问题及工作打算\n略。",
     "pre2019", ["overview", "active", "consultation", "review_litigation", "fees", "problems"],
     ["requests", "other"]),
    ("intro-list-is-not-headings",
     "全文包括概述、主动公开政府信息情况、依申请公开政府信息情况、存在的主要问题及改进情况。\n一、概述\n内容。",
     "pre2019", ["overview"], ["active", "requests", "fees", "review_litigation", "problems", "other"]),
    ("table-row-labels-are-not-parts",
     "一、总体情况\n内容。\n三、收到和处理政府信息公开申请情况\n(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)\n"
     "一、本年新收政府信息公开申请数量\n0\n0\n二、上年结转政府信息公开申请数量\n0\n三、本年度办理结果\n"
     "四、结转下年度继续办理\n0\n0\n四、政府信息公开行政复议、行政诉讼情况\n无。",
     "gb2021", ["overview", "requests", "review_litigation"], ["active", "problems", "other"]),
    ("flattened-table-rows-with-bars",
     "一、总体情况\n内容。\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 | 2 | 0 | 2 |\n"
     "四、结转下年度继续办理 | 0 | 0 | 0 |\n四、政府信息公开行政复议、行政诉讼情况\n无。",
     "gb2021", ["overview", "requests", "review_litigation"], ["active", "problems", "other"]),
    ("numbering-restarts-inside-overview",
     "一、概 述\n我局稳步推进。一、健全工作机制。成立领导小组。\n二、主动公开信息。认真梳理公开目录。\n"
     "三、完善依申请公开流程。规范办理。\n二、主动公开政府信息情况\n公开信息12条。",
     "pre2019", ["overview", "active"], ["requests", "fees", "review_litigation", "problems", "other"]),
    ("overview-sub-items-are-not-parts",
     "一、总体情况\n(一)主动公开\n公开信息。\n(二)依申请公开\n收到申请2件。\n1.主动公开政府信息情况\n略。",
     "gb2019", ["overview"], ["active", "requests", "review_litigation", "problems", "other"]),
    ("headings-inside-one-long-line",
     "根据条例特向社会公布本报告。如有疑问,请与办公室联系(电话:1234567)。 一、概述 2014年,东坝镇加强领导。"
     " 二、主动公开政府信息情况 2014年公开信息55条。",
     "pre2019", ["overview", "active"], ["requests", "fees", "review_litigation", "problems", "other"]),
    ("one-line-page-headings-run-into-text",
     "本报告由概述等部分组成。统计期限自2016年1月1日起至2016年12月31日止。一、概述推进政府信息公开是本镇的重要工作。"
     "(一)加强领导。二、政府信息主动公开情况全年公开信息40条。三、依申请公开政府信息情况本年度未收到申请。",
     "pre2019", ["overview", "active", "requests"], ["fees", "review_litigation", "problems", "other"]),
    ("one-line-page-heading-after-a-title-without-punctuation",
     "清溪镇2022年政府信息公开工作年度报告一、总体情况2022年,我镇推进公开。统一、规范主动公开工作。"
     "二、主动公开政府信息情况第二十条第(一)项 | 信息内容 | 本年制发件数 |",
     "gb2021", ["overview", "active"], ["requests", "review_litigation", "problems", "other"]),
    ("one-line-page-generic-words-before-the-title",
     "特向社会公布本报告。一、信息公开工作基本情况(一)工作机构情况按照分工落实专人。",
     "pre2019", ["overview"], ["active", "requests", "fees", "review_litigation", "problems", "other"]),
    ("space-separated-blank-lines",
     "引言\n \n 一、概述\n \n 内容。\n \n 二、主动公开政府信息的情况\n \n 内容。",
     "pre2019", ["overview", "active"], ["requests", "fees", "review_litigation", "problems", "other"]),
    ("part-numbering-variants",
     "第一部分 总体情况\n内容。\n二.主动公开政府信息情况\n内容。\n三．收到和处理政府信息公开申请情况\n内容。",
     "gb2021", ["overview", "active", "requests"], ["review_litigation", "problems", "other"]),
    ("bare-title-line",
     "根据条例编制本报告。\n总体情况\n(一)工作机构情况。领导小组负责。\n",
     "gb2019", ["overview"], ["active", "requests", "review_litigation", "problems", "other"]),
    ("traditional-titles",
     "一、總體情況\n內容。\n二、主動公開政府信息情況\n內容。",
     "gb2021", ["overview", "active"], ["requests", "review_litigation", "problems", "other"]),
    ("contents-list-before-the-body",
     "目录\n一、概述\n二、主动公开政府信息情况\n三、依申请公开政府信息情况\n正文\n一、概述\n我镇加强领导。\n"
     "二、主动公开政府信息情况\n公开30条。\n三、依申请公开政府信息情况\n未收到申请。",
     "pre2019", ["overview", "active", "requests"], ["fees", "review_litigation", "problems", "other"]),
    ("thematic-headings-take-no-key",
     "一、落实主体责任,着力推进权力清单公开\n内容。\n二、加强平台建设\n内容。",
     "pre2019", [], ["overview", "active", "requests", "fees", "review_litigation", "problems", "other"]),
    ("parenthesised-part-numbers-when-no-other",
     "根据条例编制。\n(一)总体情况\n内容。\n(二)主动公开政府信息情况\n1.主动公开\n内容。\n"
     "(三)收到和处理政府信息公开申请情况\n内容。\n(四)政府信息公开行政复议、行政诉讼情况\n无。",
     "gb2021", ["overview", "active", "requests", "review_litigation"], ["problems", "other"]),
    ("arabic-part-numbers-when-no-other",
     "1.总体情况\n内容。\n2.主动公开政府信息情况\n内容。", "gb2021", ["overview", "active"],
     ["requests", "review_litigation", "problems", "other"]),
    ("one-sub-item-is-no-part-structure",
     "(一)主动公开\n公开信息。\n(二)加强培训\n内容。", "gb2021", [],
     ["overview", "active", "requests", "review_litigation", "problems", "other"]),
    ("number-and-title-on-separate-lines",
     "一、\n总体情况\n内容。\n二、\n主动公开政府信息情况\n内容。", "gb2021", ["overview", "active"],
     ["requests", "review_litigation", "problems", "other"]),
    ("title-ended-by-a-colon",
     "一、概述:2019年,我镇加强领导。\n二、主动公开政府信息情况:全年公开信息30条。", "gb2019",
     ["overview", "active"], ["requests", "review_litigation", "problems", "other"]),
    ("bare-full-title-right-before-a-one-cell-per-line-table",
     "总体情况\n内容。\n主动公开政府信息情况\n行政许可\n0\n行政处罚\n0\n收到和处理政府信息公开申请情况\n"
     "一、本年新收政府信息公开申请数量\n0\n0\n(三)\n不予公开\n0\n0",
     "gb2021", ["overview", "active", "requests"], ["review_litigation", "problems", "other"]),
    ("bare-sub-heading-lines-are-not-parts",
     "根据条例编制本报告。\n总体情况\n2021年,我镇加强领导。\n主动公开\n公开信息20条。\n依申请公开\n未收到申请。",
     "gb2021", ["overview"], ["active", "requests", "review_litigation", "problems", "other"]),
    ("fees-under-a-staff-and-money-part",
     "一、概述\n内容。\n二、人员和收支情况\n(一)工作人员情况\n兼职1人。",
     "pre2019", ["overview", "fees"], ["active", "requests", "review_litigation", "problems", "other"]),
]


# Generic or variant titles, headings glued into a line, a typo (issue 16); texts written for the tests.
VARIANT_CASES = [
    # (id, text, expected keys in order, preamble omitted)
    ("summary-is-the-overview", "一、综述\n2016年,县政府办公室推进公开。\n二、主动公开政府信息情况\n公开。",
     ["overview", "active"]),
    ("and-joins-like-or", "一、概述\n内容。\n二、政府信息公开收费和减免情况\n未收费。", ["overview", "fees"]),
    ("with-joins-like-and", "一、概述\n内容。\n二、咨询情况\n无。\n三、政府支出与收费\n未收费。",
     ["overview", "consultation", "fees"]),
    ("year-inside-the-title", "一、2023年政务公开总体情况\n2023年,我镇推进公开。\n二、主动公开政府信息情况\n公开。",
     ["overview", "active"]),
    ("number-and-a-space-only",
     "一 概 述\n我局推进公开。\n二 政府信息主动公开情况\n公开20条。\n三 咨询情况\n咨询5人次。\n六 政府支出与收费\n未收费。",
     ["overview", "active", "consultation", "fees"]),
    ("number-glued-to-the-title", "一概述\n我局推进公开。\n二政府信息主动公开情况\n公开20条。",
     ["overview", "active"]),
    ("first-second-items-are-not-parts",
     "一、总体情况\n一是主动公开情况。我县公开信息。\n二是依申请公开情况。收到申请3件。\n二、主动公开政府信息情况\n公开。",
     ["overview", "active"]),
    ("numbers-in-a-sentence-are-not-parts",
     "一、概述\n十分重视主动公开政府信息情况的通报。\n一直以来主动公开政府信息情况良好。\n二、主动公开政府信息情况\n公开。",
     ["overview", "active"]),
    ("one-mistyped-character-in-a-numbered-title",
     "一、总体情况\n内容。\n二、\n主要公开政府信息情况\n第二十条第(一)项\n三、收到和处理政府信息公开申请情况\n无。",
     ["overview", "active", "requests"]),
    ("a-mistyped-bare-line-is-no-part", "一、总体情况\n内容。\n主要公开情况\n公开10条。", ["overview"]),
    ("headings-glued-in-a-line-after-a-sentence",
     "现将我镇工作小结如下: 一、政府信息主动公开情况 为方便公众,我镇公开信息60条。 "
     "二、政府依申请公开政府信息和不予公开信息情况 2009年,全镇依申请办理事项为零。 "
     "三、政府信息公开收费和减免情况 2009年,全镇收费为零。",
     ["active", "requests", "fees"]),
    ("one-rejected-heading-does-not-drop-the-next",
     "一、总体情况2020年,我镇推进公开,全年公开信息30条二、主要公开政府信息情况我镇公开政策文件10条"
     "三、收到和处理政府信息公开申请情况2020年,我镇未收到申请。",
     ["overview", "requests"]),
    # a page flattened to one line whose headings had no 、 (一 概 述 on their own lines, the spaces joined away)
    ("flattened-numbers-without-a-comma",
     "本报告由本局办公室编制。一概述全年我局推进政务公开,工作运行正常。二政府信息主动公开情况全年公开信息45条。"
     "三政府信息依申请公开情况全年收到申请2件。四行政复议、行政诉讼情况未发生行政复议。",
     ["overview", "active", "requests", "review_litigation"]),
    ("flattened-title-ended-by-a-space",
     "一、概述 我局推进公开。二、主动公开政府信息情况 公开20条。三政府支出与收费 1、工作人员兼职2人。",
     ["overview", "active", "fees"]),
    # out of sequence, or no part title right after the number: a sentence, not a heading
    ("a-glued-number-out-of-sequence",
     "一、概述 我局推进公开。五政府信息依申请公开情况全年收到申请2件。", ["overview"]),
    ("a-sentence-opening-with-a-numeral", "一、概述 我局推进公开。二十余名干部参加了培训。", ["overview"]),
    ("flattened-bare-title-before-its-first-sub-item",
     "如有疑问请联系乡政府办公室,电话12345678。总体情况(一)工作机构情况。乡政府成立领导小组。", ["overview"]),
    ("a-glued-title-without-comma-and-a-short-overview",
     "现将情况报告如下。一、工作情况概况推进政务公开是我镇的重点工作。二、行政复议、行政诉讼情况本年度未发生复议。",
     ["overview", "review_litigation"]),
    # a web page's numbered list renders the first part's 一、 as "1." (ninth session); a "1." before a part that is
    # not 二、 is a sub-item as ever
    ("first-part-rendered-as-a-list-item",
     "本报告由总体情况、主动公开政府信息情况等部分组成。\n  1. 总体情况\n2021年,本局推进政务公开。\n"
     "二、主动公开政府信息情况\n(一)主动公开。", ["overview", "active"]),
    ("run-in-arabic-items-are-no-parts",
     "1、 总体情况\n2023年,本街道推进政务公开。\n1、 主动公开。本街道公开机构职能信息。\n2、 依申请公开。本街道未收到申请。\n"
     "3、 政府信息管理。本街道加强管理。", ["overview"]),  # (the lone 1、 总体情况 over its whole title is the overview)
    ("list-bullets-are-sub-items",
     "一、总体情况\n2025年,本办推进政务公开。\n  • 主动公开情况\n  全年主动公开信息90条。\n  • 依申请公开情况\n"
     "  未收到申请。\n二、主动公开政府信息情况\n表格。", ["overview", "active"]),
    ("a-numbered-sub-item-under-the-first-part",
     "一、总体情况\n  1. 总体情况\n2021年,本局推进政务公开。\n二、主动公开政府信息情况\n(一)主动公开。",
     ["overview", "active"]),
    # 概述 with its second character lost on the page: 概 alone is the whole title; a word that opens with 概 is not
    ("overview-lost-character", "一 、概 \n2016年,我局认真贯彻《条例》。\n二、主动公开政府信息情况\n全年公开信息30条。",
     ["overview", "active"]),
    ("overview-lost-character-not-a-prefix", "一、概率统计\n2016年。\n二、主动公开政府信息情况\n全年公开30条。", ["active"]),
    # local wordings of the requests and problems parts
    ("requests-by-count-handled", "一、主动公开政府信息情况\n全年公开30条。\n二、受理依申请公开的件数及办理情况\n全年未收到申请。",
     ["active", "requests"]),
    ("problems-and-direction", "一、主动公开政府信息情况\n全年公开30条。\n二、工作存在问题及努力方向\n公开内容不够全面。",
     ["active", "problems"]),
    # (seventeenth session) the template's parts grouped under a heading of the report's own, one level down
    ("parts-under-a-wrapper",
     "一、信息公开工作开展情况\n(一)主动公开政府信息情况。全年公开30条。\n(二)依申请公开政府信息情况。未收到申请。\n"
     "二、主要做法\n(一)加强领导。成立领导小组。\n三、存在的问题及改进措施\n公开内容不够全面。",
     ["active", "requests", "problems"]),
    ("parts-under-a-wrapper-numbered-1",
     "一、工作情况\n本局推进公开。\n二、政府信息公开情况\n1、主动公开政府信息情况\n全年公开30条。\n"
     "2、依申请公开政府信息情况\n未收到申请。\n三、存在问题和不足\n公开内容不够全面。",
     ["active", "requests", "problems"]),
    # the overview said again as 基本情况 holds sub-items, not parts
    ("sub-items-under-an-overview-said-again",
     "一、概述\n本局推进公开。\n二、基本情况\n(一)主动公开政府信息的情况。全年公开30条。\n"
     "(二)依申请公开政府信息的情况。未收到申请。",
     ["overview"]),
    # a disclosure guide's list-opening sentences are no parts, whatever part's words they hold
    ("a-guide-s-list-openers",
     "一、符合下列情形之一的政府信息,确定为“主动公开”:\n1、涉及公民切身利益的政府信息;\n"
     "二、符合下列情形之一的政府信息,确定为“依申请公开”:\n1、涉及特定组织的政府信息。",
     []),
    # a number said twice over another part's whole title is the page's slip
    ("a-number-said-twice",
     "一、总体情况\n本局推进公开。\n一、主动公开政府信息情况\n全年公开30条。\n三、收到和处理政府信息公开申请情况\n未收到申请。",
     ["overview", "active", "requests"]),
    ("a-number-said-twice-later",
     "一、加强领导\n成立小组。\n二、主动公开政府信息情况\n全年公开30条。\n二、问题与不足\n公开内容不够全面。",
     ["active", "problems"]),
    # a restarted numbering under a part whose titles are no whole part titles stays sub-items
    ("a-restarted-numbering-of-work-items",
     "一、总体情况\n本局推进公开。\n一、加强主动公开\n全年公开30条。\n二、规范依申请公开\n未收到申请。",
     ["overview"]),
    # an excerpt cut inside its first part, numbered as a list item
    ("a-lone-list-numbered-overview", "本报告由本局编制。\n1、 总体情况\n2021年,本局推进公开。", ["overview"]),
    # the overview's own sub-items stay sub-items
    ("sub-items-of-the-overview",
     "一、总体情况\n(一)主动公开政府信息情况\n全年公开30条。\n(二)依申请公开政府信息情况\n未收到申请。",
     ["overview"]),
]


@pytest.mark.parametrize("text, keys", [c[1:] for c in VARIANT_CASES], ids=[c[0] for c in VARIANT_CASES])
def test_generic_variant_and_glued_headings(text, keys):
    sections, _ = segment.segment(make_doc(text), "gb2021")
    assert [s.key for s in sections if s.key != "preamble"] == keys


@pytest.mark.parametrize("text, era, keys, missing", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_segment_finds_the_parts(text, era, keys, missing):
    sections, miss = segment.segment(make_doc(text), era)
    assert [s.key for s in sections if s.key != "preamble"] == keys
    assert miss == missing


def test_sections_span_the_text_in_order_and_start_mid_line():
    text = "请与办公室联系。 一、概述 2014年,东坝镇加强领导。 二、主动公开政府信息情况 公开信息55条。"
    doc = make_doc(text)
    sections, _ = segment.segment(doc, "pre2019")
    assert [s.key for s in sections] == ["preamble", "overview", "active"]
    assert [s.heading for s in sections[1:]] == ["一、概述", "二、主动公开政府信息情况"]
    assert doc.text[sections[1].start:].startswith("一、概述")
    assert sections[0].end == sections[1].start and sections[1].end == sections[2].start
    assert sections[-1].end == len(doc.text)


def test_an_unknown_next_part_ends_the_previous_one():
    text = "一、概述\n内容。\n二、主动公开政府信息情况\n公开信息。\n三、下一步工作计划\n继续推进。"
    doc = make_doc(text)
    sections, _ = segment.segment(doc, "pre2019")
    active = [s for s in sections if s.key == "active"][0]
    assert doc.text[active.start:active.end].rstrip().endswith("公开信息。")


def test_section_pages_come_from_the_blocks():
    text = "一、总体情况\n内容一。\n内容二。\n二、主动公开政府信息情况\n内容三。\n三、收到和处理政府信息公开申请情况"
    sections, _ = segment.segment(make_doc(text, page_every=3), "gb2021")
    assert [(s.key, s.page) for s in sections] == [("overview", 1), ("active", 2), ("requests", 2)]


def test_docx_heading_blocks_without_numbering_are_parts():
    text = "总体情况说明\n内容。\n主动公开\n内容。\n主动公开政府信息情况\n内容。"
    doc = make_doc(text, headings={0: 1, 2: 2, 4: 1})
    sections, _ = segment.segment(doc, "gb2021")
    assert [(s.key, s.heading) for s in sections] == [("overview", "总体情况说明"), ("active", "主动公开政府信息情况")]


@pytest.mark.parametrize("title, key", [
    ("政府信息主动公开情况", "active"), ("依申请公开政府信息和不予公开政府信息的情况", "requests"),
    ("政府信息公开的经费使用和收费情况", "fees"), ("因政府信息公开工作被申请行政复议和提起行政诉讼情况", "review_litigation"),
    ("政府信息公开工作存在的主要问题及改进情况", "problems"), ("其它相关工作情况", "other"),
    ("本年度政府信息公开工作的基本情况", "overview"), ("本年新收政府信息公开申请数量", "_table_label"),
    ("下一步工作计划", None), ("建立健全工作制度", None), ("整体工作情况", "overview"),
    ("符合下列情形之一的政府信息", None),
], ids=lambda v: str(v))
def test_title_vocabulary(title, key):
    got, score = segment.classify_title(title)
    assert (got if score >= 0.6 else None) == key


def test_a_word_file_with_heading_styles(tmp_path):
    import docx

    from report_parser import readers

    d = docx.Document()
    d.add_heading("青石镇2022年政府信息公开工作年度报告", level=0)
    d.add_paragraph("根据《中华人民共和国政府信息公开条例》编制本报告。")
    for title, body in (("一、总体情况", "2022年,我镇加强领导。"), ("二、主动公开政府信息情况", "见下表。"),
                        ("三、收到和处理政府信息公开申请情况", "未收到申请。")):
        d.add_heading(title, level=1)
        d.add_heading("（一）主动公开", level=2)
        d.add_paragraph(body)
    path = tmp_path / "q.docx"
    d.save(str(path))
    sections, missing = segment.segment(readers.read(path), "gb2021")
    assert [(s.key, s.heading) for s in sections if s.key != "preamble"] == [
        ("overview", "一、总体情况"), ("active", "二、主动公开政府信息情况"), ("requests", "三、收到和处理政府信息公开申请情况")]
    assert missing == ["review_litigation", "problems", "other"]


ALPHABET = list("一二三四五六、.．()（）第部分总体情况主动公开政府信息依申请收费复议诉讼问题改进其他事项概述本年新收结转 |\n0123456789。，")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=300))
def test_any_text_gives_ordered_sections_within_the_text(text):
    doc = make_doc(text)
    sections, missing = segment.segment(doc, "gb2021")
    spans = [(s.start, s.end) for s in sections]
    assert all(0 <= a <= b <= len(doc.text) for a, b in spans)
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))
    assert len({s.key for s in sections}) == len(sections)
    assert set(missing).isdisjoint(s.key for s in sections)


# Documents whose part titles carry no number and are told apart only by heading markup (HTML h1–h6,
# Word heading styles). Each item: ("h", level, text) a heading (level 0 = Word's Title style),
# ("p", text) a paragraph, ("t", rows) a table. Expected: (key, heading) of each part, in order.
PRE2019_BARE = ["主要工作概述", "政府信息主动公开情况", "政府信息依申请公开办理情况", "依申请收费及减免情况",
                "政府信息公开行政复议、行政诉讼情况", "存在的主要问题和改进措施", "需要说明的其他事项"]
PRE2019_KEYS = ["overview", "active", "requests", "fees", "review_litigation", "problems", "other"]
GB_SUBS = [("h", 1, "总体情况"), ("h", 2, "主动公开情况"), ("p", "公开信息20条。"), ("h", 2, "依申请公开情况"),
           ("p", "收到申请2件。"), ("h", 1, "主动公开政府信息情况"), ("p", "见下表。"),
           ("h", 1, "收到和处理政府信息公开申请情况"), ("p", "未收到申请。")]
GB_SUB_KEYS = [("overview", "总体情况"), ("active", "主动公开政府信息情况"), ("requests", "收到和处理政府信息公开申请情况")]


def _deeper(items, by):
    return [(i[0], i[1] + by, i[2]) if i[0] == "h" else i for i in items]


def _pre2019_body(level):
    out = []
    for t in PRE2019_BARE:
        out += [("h", level, t), ("p", "2015年,我县认真落实条例,公开信息30条。")]
    return out


HEADING_CASES = [
    # (id, formats, items, expected (key, heading) list)
    ("h3-parts-under-an-h1-title", ("html", "docx"),
     [("h", 1, "青石县人民政府2015年政府信息公开工作年度报告"), ("p", "根据条例编制本报告。")] + _pre2019_body(3),
     list(zip(PRE2019_KEYS, PRE2019_BARE))),
    ("title-as-paragraph-parts-at-level-2", ("html", "docx"),
     [("p", "青石县人民政府2015年政府信息公开工作年度报告")] + _pre2019_body(2),
     list(zip(PRE2019_KEYS, PRE2019_BARE))),
    ("word-title-style-and-level-1-parts", ("docx",),
     [("h", 0, "青石镇2021年政府信息公开工作年度报告")] + GB_SUBS, GB_SUB_KEYS),
    ("sub-items-of-the-overview-one-level-deeper", ("html", "docx"),
     [("h", 1, "青石镇2021年政府信息公开工作年度报告")] + _deeper(GB_SUBS, 1), GB_SUB_KEYS),
    ("numbered-paragraph-parts-keep-deeper-headings-as-sub-items", ("html", "docx"),
     [("h", 1, "青石镇2021年政府信息公开工作年度报告"), ("p", "一、总体情况"), ("h", 2, "主动公开情况"),
      ("p", "公开信息20条。"), ("h", 2, "依申请公开情况"), ("p", "收到申请2件。"), ("p", "二、主动公开政府信息情况"),
      ("p", "见下表。"), ("p", "三、收到和处理政府信息公开申请情况"), ("p", "未收到申请。")],
     [("overview", "一、总体情况"), ("active", "二、主动公开政府信息情况"), ("requests", "三、收到和处理政府信息公开申请情况")]),
    ("a-lone-deep-heading-is-no-part-structure", ("html", "docx"),
     [("h", 1, "青石镇2021年政府信息公开工作年度报告"), ("p", "2021年,我镇加强领导。"), ("h", 3, "主动公开情况"),
      ("p", "公开信息20条。")], []),
    ("intro-list-restarts-and-table-labels-under-h3-parts", ("html", "docx"),
     [("h", 1, "青石县人民政府2015年政府信息公开工作年度报告"),
      ("p", "本报告由概述、主动公开政府信息情况、依申请公开政府信息情况等部分组成。"),
      ("h", 3, "概述"), ("p", "一、健全工作机制。成立领导小组。"), ("p", "二、主动公开信息。认真梳理公开目录。"),
      ("h", 3, "依申请公开政府信息情况"),
      ("t", [["一、本年新收政府信息公开申请数量", "3"], ["四、结转下年度继续办理", "0"]]),
      ("p", "四、结转下年度继续办理"), ("h", 3, "其他需要报告的事项"), ("p", "无。")],
     [("overview", "概述"), ("requests", "依申请公开政府信息情况"), ("other", "其他需要报告的事项")]),
    ("unknown-thematic-h3-headings-take-no-key", ("html", "docx"),
     [("h", 1, "青石镇2016年政府信息公开工作年度报告"), ("h", 3, "总体情况"), ("p", "内容。"),
      ("h", 3, "加强平台建设"), ("p", "内容。"), ("h", 3, "政府信息主动公开情况"), ("p", "内容。")],
     [("overview", "总体情况"), ("active", "政府信息主动公开情况")]),
]


def _write_html(items, path):
    import html

    parts = ['<html><head><meta charset="utf-8"><title>报告</title></head><body><div class="article">']
    for it in items:
        if it[0] == "h":
            parts.append(f"<h{max(it[1], 1)}>{html.escape(it[2])}</h{max(it[1], 1)}>")
        elif it[0] == "p":
            parts.append(f"<p>{html.escape(it[1])}</p>")
        else:
            parts.append("<table>" + "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                                             for row in it[1]) + "</table>")
    path.write_text("\n".join(parts) + "</div></body></html>", encoding="utf-8")


def _write_docx(items, path):
    import docx

    d = docx.Document()
    for it in items:
        if it[0] == "h":
            d.add_heading(it[2], level=it[1])
        elif it[0] == "p":
            d.add_paragraph(it[1])
        else:
            table = d.add_table(rows=len(it[1]), cols=len(it[1][0]))
            for r, row in enumerate(it[1]):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    d.save(str(path))


@pytest.mark.parametrize("fmt, items, expected", [
    pytest.param(fmt, c[2], c[3], id=f"{c[0]}-{fmt}") for c in HEADING_CASES for fmt in c[1]])
def test_unnumbered_part_titles_in_heading_markup(tmp_path, fmt, items, expected):
    from report_parser import readers

    path = tmp_path / f"r.{fmt}"
    (_write_html if fmt == "html" else _write_docx)(items, path)
    sections, _ = segment.segment(readers.read(path), "pre2019")
    assert [(s.key, s.heading) for s in sections if s.key != "preamble"] == expected


@pytest.mark.parametrize("text, expected", [
    ("一、概述\n我局稳步推进。\n二、主动公开信息。认真梳理公开目录。\n二、主动公开政府信息情况\n公开信息12条。",
     [("overview", "一、概述"), ("active", "二、主动公开政府信息情况")]),
    ("一、概述推进政府信息公开是本镇的重要工作。(一)加强领导。", [("overview", "一、概述")]),
], ids=["run-in-sub-item-opening-with-a-part-title", "heading-glued-to-a-whole-sentence"])
def test_a_title_prefix_needs_a_sentence_after_it(text, expected):
    sections, _ = segment.segment(make_doc(text), "pre2019")
    assert [(s.key, s.heading) for s in sections if s.key != "preamble"] == expected


@pytest.mark.parametrize("heading, expected", [
    ("一、总体情况", (1, "cn")), ("六．其他需要报告的事项", (6, "cn")), ("第三部分 收费及减免情况", (3, "cn")),
    ("（二）主动公开", (2, "paren")), ("5.其他事项", (5, "arabic")), ("十一、附件", (11, "cn")),
    ("总体情况", None), ("一是加强组织领导", None), ("2023年总体情况", None), ("一.5万条", None),
])
def test_heading_number_reads_the_part_numeral(heading, expected):
    from report_parser.extract.segment import heading_number

    assert heading_number(heading) == expected


GLUED_SHIFTED = """本报告依据条例编制。
总体工作情况
本年度我市认真贯彻落实条例，各项工作有序推进。
一．行政机关主动公开政府信息情况
本年度主动公开政府信息若干条。
二．行政机关收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量100000010
二、上年结转政府信息公开申请数量1000001
三、本年度办理结果（一）予以公开6000006
（七）总计9000009
四、结转下年度继续办理2000002
三．政府信息公开行政复议及行政诉讼情况
本年度未发生行政复议和行政诉讼。
四．政府信息公开工作存在的主要问题及改进情况
主要问题是公开内容还不够全面。
五．其他需要报告事项
无。"""


def test_a_glued_s3_row_label_is_not_the_next_part():
    """三、本年度办理结果（一）予以公开… (cells glued on) must not take the number 三 from the real part 三．复议."""
    sections, missing = segment.segment(make_doc(GLUED_SHIFTED), "gb2021")
    keys = [s.key for s in sections]
    assert "review_litigation" in keys and "review_litigation" not in missing
    assert next(s for s in sections if s.key == "review_litigation").heading.startswith("三．")


CUT_BODY = "一、总体情况\n2021年,我镇推进公开。\n二、主动公开政府信息情况\n公开信息20条。\n"


@pytest.mark.parametrize("text, era, last", [
    # an excerpt or truncated page that stops inside the next part's title
    (CUT_BODY + "三、收", "gb2021", "requests"),
    (CUT_BODY + "三、收到和处理政府信息公", "gb2021", "requests"),
    (CUT_BODY + "三、依申请公开政府信", "pre2019", "requests"),
    (CUT_BODY + "三、收到和处理政府信息公开申请情况\n未收到申请。\n四、政府信息公开行政复议、行政诉讼情况\n未发生。\n五、存在的主",
     "gb2021", "problems"),
    (CUT_BODY + "三、政府信息公开工作存在的", "gb2021", "problems"),
    # too little of the title to say which part, a number out of sequence, a last line that is a sentence
    (CUT_BODY + "三、政府", "gb2021", "active"),
    (CUT_BODY + "五、存在的主", "gb2021", "active"),
    (CUT_BODY + "三、加强组织领导,完善", "gb2021", "active"),
    # a page flattened to one line: the cut title follows a sentence stop, not a line start
    (CUT_BODY.replace("\n", "") + "三、收", "gb2021", "requests"),
], ids=["one-character", "longer-cut", "pre2019-requests", "problems-after-four", "generic-words-stripped",
        "only-common-words", "out-of-sequence", "a-sentence", "flattened-page"])
def test_a_part_title_cut_off_where_the_text_ends(text, era, last):
    sections, _ = segment.segment(make_doc(text), era)
    assert [s.key for s in sections if s.level == 1][-1] == last


@pytest.mark.parametrize("text, keys", [
    # a qualifier before a full part title
    ("一、基本概况\n我镇推进公开。\n二、以“三张清单”为重点内容的主动公开政府信息情况\n公开信息20条。\n"
     "三、复议和诉讼情况\n未发生。", ["overview", "active", "review_litigation"]),
    # a sub-item's title ending with a part's words is no part when it is not numbered as one
    ("一、总体情况\n我镇推进公开。\n(一)以清单为重点的主动公开政府信息情况\n公开信息20条。", ["overview"]),
], ids=["qualified-title", "sub-item-numbering"])
def test_a_heading_that_ends_with_a_part_title(text, keys):
    sections, _ = segment.segment(make_doc(text), "gb2021")
    assert [s.key for s in sections if s.level == 1] == keys


@pytest.mark.parametrize("title, key", [
    ("主动公开政府信息公开基本情况", "active"),
    ("依申请公开政府信息公开的收费及减免情况", "fees"),
    ("政府信息公开基本情况", "overview"),
    # a piece of work, not a part
    ("健全主动公开机制", None),
    ("加强依申请公开管理", None),
    # two parts in one heading: neither alone
    ("政府信息主动公开、依申请公开等基本情况", None),
    # a flattened page runs the first sub-heading into its part's title: the title it opens with decides
    ("总体情况(一)主动公开情况", "overview"),
    ("信息公开基本情况(一)主动公开信息情况", "overview"),
    # …unless it names no part: a generic top heading leaves the part to its first sub-item
    ("2011年工作情况(一)概述", "overview"),
    ("政务公开情况(一)主动公开政府信息情况", "active"),
    # a standard part before an extension key at the same score
    ("政府信息公开机构人员及相关费用情况", "fees"),
])
def test_equal_scores_go_to_the_longer_part_title(title, key):
    assert segment.classify_title(title)[0] == key


# Seventh session: a page flattened to one line keeps a space between a heading and its text only in the file;
# normalisation glues CJK words across it (五、…申诉情况 我镇… → …申诉情况我镇…), so the reader's raw text decides
# where the title ends. Read from a .txt file, as such pages come.
@pytest.mark.parametrize("text, keys", [
    ("云溪县白石镇2014年政府信息公开工作年度报告 字号: 打印 一、总体概况 2014年,我镇推进政务公开。 "
     "二、主动公开政府信息情况 我镇全年公开信息30条。 三、政府信息公开的收费及减免情况 本镇未收费。 "
     "四、因政府信息公开申请行政复议、诉讼和申诉情况 我镇本年度未发生复议和诉讼。 五、存在问题及改进措施 "
     "公开内容不够丰富。",
     ["overview", "active", "fees", "review_litigation", "problems"]),
    # justified spacing (one character per word) is no break: the title reads as a whole
    ("本报告由镇政府办公室编制。 一、概 述 全镇推进公开。 二、主 动 公 开 政 府 信 息 情 况 全年公开信息30条。",
     ["overview", "active"]),
    # headings with nothing between them (the tables were left out) run into each other; the last one cut off where
    # the excerpt ends, after a space
    ("一、总体情况 本镇推进公开。 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况 "
     "四、政府信息公开行政复议、行政诉讼情况 五、存在的主",
     ["overview", "active", "requests", "review_litigation", "problems"]),
    ("一、总体情况 本镇推进公开。 二、主动公开政府信息情况 第二十条第(八)项 | 信息内容 | 本年收费金额(单位:万元) | "
     "行政事业性收费 | 0 | 三、收到和处理政府信息公开",
     ["overview", "active", "requests"]),
    # the part's first sub-item glued to its title ((一) with no break but the file's space)
    ("本报告所列数据的统计期限自2022年1月1日起至12月31日止。 一、总体情况 (一)主动公开信息 2022年本街道公开了机构职能。 "
     "二、主动公开政府信息情况 全年公开信息30条。",
     ["overview", "active"]),
    # the part's table caption glued to its title: the heading, not a flattened table row
    # (the excerpt starts inside the overview, so no part before it puts the heading in sequence)
    ("保证信息公开工作安全推进。 二、主动公开政府信息情况 第二十条第(一)项 | 信息内容 | 本年新制作数量 | 本年新公开数量 | "
     "对外公开总数量 | 规章 | 0 | 0 | 0 |",
     ["active"]),
    # a numbered point whose cut title is no part title stays inside the part
    ("一、总体情况 全年推进公开。 二、加强组织领导 我镇成立领导小组。 三、主动公开政府信息情况 全年公开信息30条。",
     ["overview", "active"]),
    # the early template's unnumbered 概述, alone on its line after the contact line's telephone number
    ("如对本报告有任何疑问,请与青松镇党政办联系,联系电话:0731-5550123 概述 2015年,我镇推进公开。 "
     "二、主动公开政府信息情况 全年公开信息30条。", ["overview", "active"]),
    # …but a page's 公开方式 field (主动公开) after its index number is no heading
    ("青松区教育局2018年政府信息公开工作年度报告 QA1234567-2018-001 主动公开 无 青松区教育局 2018.01.25 "
     "一、概述 本局推进公开。", ["overview"]),
    # a part title that ends with a stop, its first sub-item right after it: a heading, not an item run into its text
    ("现将有关情况报告如下。 一、开展政府信息公开工作的基本情况。 1、健全机构。本局成立领导小组。 二、存在的不足: "
     "1、信息发布不够及时。", ["overview", "problems"]),
    # a one-character title as printed (the page lost 概述's 述) that is a listed title, ended by the file's space
    ("如有疑问,请联系:65860000,街道办事处办公室。 一、概 根据《规定》要求,本单位开展公开工作。 二、主动公开政府信息情况 "
     "全年公开信息30条。", ["overview", "active"]),
    # the parts between were tables the page left out: a later part further on, if its title is exactly a part's
    ("一、总体情况 本镇推进公开。 二、主动公开政府信息情况 五、存在的主要问题及改进情况 2021年,对照要求,我镇还存在一些问题。",
     ["overview", "active", "problems"]),
    ("一、总体情况 本镇推进公开。 二、主动公开政府信息情况 五、队伍建设方面存在的问题 2021年,我镇人员不足。",
     ["overview", "active"]),
    # …unless the title holds a sub-item of its own: 主动公开 there is the sub-item's title, no part
    ("现将有关情况报告如下: 一、2012年度信息公开工作开展情况 (一)主动公开政府信息情况。 一是推进公开。全年公开信息30条。",
     []),
    # a heading that ends with a long listed title after a qualifier, its number after a stop and its title ended by
    # the file's space: read as the printed line is (fourteenth session)
    ("一、总体情况 本镇推进公开。 二、以“权力清单、责任清单和服务一张网”为重点和抓手的主动公开政府信息情况 主动公开本镇2017年部门预算、民生实事等"
     "信息30条,回应社会关切。 "
     "三、依申请公开政府信息情况 全年收到申请2件。", ["overview", "active", "requests"]),
    # a part heading that is a whole sentence, its stop then the file's space, after a sentence left without its stop
    ("一、概述 本局推进公开。 二、依申请公开政府信息办理情况 2012年本局无依申请公开情况 三、2012年本局没有政府信息公开收费情况。 "
     "四、2012年本局无因政府信息公开申请提起行政复议、行政诉讼的情况。", ["overview", "requests", "fees", "review_litigation"]),
    # an unnumbered part title that stood alone between a paragraph's stop and its own text (fourteenth session)
    ("本县推进公开,取得新成效。 政府信息主动公开情况 2012年,我县网站发布主动公开信息28条。 主要问题和改进措施 "
     "2012年,我县公开工作还存在不足。", ["active", "problems"]),
    # …but a sentence that opens with such words runs on without the file's space: no heading
    ("本县推进公开,取得新成效。政府信息主动公开情况良好,全年发布信息28条。", []),
])
def test_headings_of_a_flattened_file_end_where_the_file_had_a_space(tmp_path, text, keys):
    path = tmp_path / "flat.txt"
    path.write_text(text, encoding="utf-8")
    sections, _ = segment.segment(readers.read(path), "pre2019")
    assert [s.key for s in sections if s.key != "preamble"] == keys


@pytest.mark.parametrize("title", ["政府信息公开工作中存在的问题及主要措施", "信息公开工作中存在的问题及解决措施",
                                   "政务公开工作中存在的不足和改进措施"])
def test_problems_said_with_the_work_they_arose_in(title):
    # 工作中 ("in the work") is generic like 工作; 主要措施/解决措施 are the measures taken, as 改进措施
    assert segment.classify_title(title)[0] == "problems"


def test_a_flattened_pages_first_heading_after_a_postcode():
    # the contact line ends with a number, then the first part's heading: no sentence stop between them
    text = ("青松县人民政府2016年政府信息公开工作年度报告 本报告由县政府办公室编制。联系地址:青松县政府116室 "
            "邮政编码:016200 一、政府信息及政务公开工作总体开展情况 2016年,我县推进公开。 二、主动公开政府信息情况 "
            "全年公开信息20条。")
    sections, _ = segment.segment(make_doc(text), "pre2019")
    assert [s.key for s in sections if s.level == 1][:2] == ["overview", "active"]
    # a table row label after a number is no heading
    text2 = text.replace("全年公开信息20条。", "| 规章 | 0 | 0 | 0 | 一、本年新收政府信息公开申请数量 | 3 |")
    sections, _ = segment.segment(make_doc(text2), "pre2019")
    assert [s.key for s in sections if s.level == 1 and s.key != "preamble"] == ["overview", "active"]


def test_a_flattened_pages_first_heading_after_the_intros_colon():
    text = ("青松县交通运输局2015年政府信息公开工作年度报告 现将我局2015年度政府信息公开工作情况报告如下: 一、总体概述 "
            "2015年以来,我局认真执行《条例》规定。 二、主动公开政府信息情况 全年公开信息20条。")
    sections, _ = segment.segment(make_doc(text), "pre2019")
    assert [s.key for s in sections if s.level == 1 and s.key != "preamble"] == ["overview", "active"]


@pytest.mark.parametrize("title, key", [("信息公开工作存在的不足", "problems"),
                                        ("依申请公开信息收取费用或减免费用情况", "fees"),
                                        ("政府信息公开收取费用和减免情况", "fees")])
def test_problems_and_fees_in_other_words(title, key):
    # 或 joins the fee and its waiver as 和/及 do; "the shortcomings" name the problems part
    assert segment.classify_title(title)[0] == key


@pytest.mark.parametrize("stray", ["人人", "人、", "人人人、", "-、"])
def test_a_scanned_pages_first_heading_whose_numeral_ocr_garbled(stray):
    # OCR reads the heavy 一、 of a scanned heading as stray marks: before the first part's exact title, alone on its
    # line, they are its number. The same line on a text layer stays what it says.
    from report_parser.model import Block, Document, PARAGRAPH, Provenance

    lines = ["青松镇2013年政府信息公开工作年度报告", "本报告根据条例编制。", f"{stray}概述",
             "2013年,本镇推进公开工作,成效明显。", "二、主动公开政府信息情况", "全年主动公开政府信息19条。"]
    for ocr in (True, False):
        blocks = [Block(PARAGRAPH, t, t, Provenance(page=1, index=i, ocr=ocr)) for i, t in enumerate(lines)]
        doc = Document("t.pdf", "0" * 64, "pdf", 1, blocks).finalise()
        keys = [s.key for s in segment.segment(doc, "pre2019")[0]]
        if ocr:
            assert keys == ["preamble", "overview", "active"], stray
        elif stray != "-、":  # (a dash for 一 is read on a text layer too)
            assert "overview" not in keys, stray


def test_a_scanned_line_ending_like_a_first_part_title_is_no_heading_after_a_real_numeral():
    from report_parser.extract.segment import _garbled_numeral

    assert _garbled_numeral("人人概述") == "概述"
    assert _garbled_numeral("一、概述") is None  # a numeral read right: the usual route
    assert _garbled_numeral("主要工作") is None and _garbled_numeral("人人人人概述") is None
