"""Classify: annual disclosure reports pass; budgets, notices and news items are turned away."""
from __future__ import annotations

import json

import pytest

from report_parser.extract import classify
from test_metadata import make_doc

BODY = ("根据《中华人民共和国政府信息公开条例》规定编制本报告。\n一、总体情况\n2021年,我镇推进公开。\n"
        "二、主动公开政府信息情况\n公开信息20条。\n三、收到和处理政府信息公开申请情况\n未收到申请。")

CASES = [
    ("annual-report", "清河镇2021年政府信息公开工作年度报告\n" + BODY, None),
    ("report-without-title", BODY + "\n四、政府信息公开行政复议、行政诉讼情况\n未发生。", None),
    ("report-quoting-a-budget-table", "石桥乡2016年政府信息公开工作年度报告\n一、概述\n公开部门预算和决算说明。\n"
     "二、主动公开政府信息情况\n公开信息。", None),
    ("budget-report", "清河县交通运输局2022年部门预算公开说明\n一、部门基本情况\n(一)主要职能。负责全县交通建设。\n"
     "二、收支预算总体情况\n2022年收入预算合计350.2万元,支出预算合计350.2万元。" * 2, "budget"),
    ("final-accounts", "2020年度清河县财政决算报告\n各位代表:现将2020年全县财政决算情况报告如下。一般公共预算收入"
     "完成12.3亿元,增长5.1%。政府性基金收入完成3.2亿元。" * 2, "budget"),
    ("notice-about-the-reports", "关于报送2021年度政府信息公开工作年度报告的通知\n各乡镇人民政府、县直各部门:\n"
     "请于2022年1月20日前将本单位政府信息公开工作年度报告报送县政务公开办,逾期未报送的予以通报。" * 2, "notice"),
    ("news-about-a-meeting", "我县召开政府信息公开工作年度报告编制培训会\n3月5日,县政府办组织各单位信息员培训,"
     "讲解年度报告格式和填报要求,要求各单位按时完成政府信息公开工作年度报告编制工作。" * 2, "news"),
    ("unrelated-page", "清河镇开展春季植树活动\n3月12日,清河镇组织干部群众200余人在河堤植树,共栽种苗木3000余株,"
     "进一步改善了人居环境。" * 2, "unrelated"),
    ("report-under-a-news-bar", "热搜词:全县召开经济工作会议 乡村振兴\n2019年清河县政府信息公开工作年度报告\n"
     "本报告由清河县人民政府办公室编制。统计期限自2019年1月1日起至2019年12月31日止。" * 2, None),
    ("too-short-to-judge", "报告", None),
    # an excerpt that speaks only of 政务公开 under two part headings is still a report
    ("excerpt-saying-only-zhengwu-gongkai", "一、总体情况\n2024年,清河区人民政府统筹推进政务公开各项工作,不断提升全区政务公开水平。\n"
     "(一)主动公开方面。全年及时公开重点领域政府信息120条,发布政策解读6篇。", None),
    # a later page of a report split over several web pages starts at a part's numbered heading
    ("a-report-page-starting-at-part-two", "- 政策解读\n- 经济发展\n二、主动公开政府信息的情况\n各政府机关主动公开政府信息。\n"
     "(一)公开的主要内容\n2011年新增主动公开政府信息5300条,全文电子化率为64.1%。" * 2, None),
    ("a-sentence-about-proactive-disclosure-is-no-heading", "清河镇开展政务宣传活动\n二、主动公开政府信息的情况良好,群众满意。"
     "5月15日,清河镇组织干部宣传惠民政策,张贴宣传材料300余份。" * 2, "unrelated"),
    # an excerpt that starts at its first part: a sub-heading about training is no news item's title
    ("a-report-starting-at-its-first-part", "一、基本工作情况\n(一)工作机构及其工作开展、部署、学习培训情况\n2015年,清河镇人民政府完善了"
     "政府信息公开工作领导小组,全年培训30人次。\n(二)制度建设情况\n清河镇人民政府健全了信息公开保密审查制度。" * 2, None),
    # a short opening sentence about a meeting, a paragraph of its own (a PDF line ending in 。), is no headline
    ("a-short-sentence-about-a-meeting-is-no-headline", "根据《条例》规定,现公布清河县人民政府2018年政府信息公开工作年度报告。"
     "截止2018年底,全县政府信息公开工作运行正常,咨询、申请以及答复工作均开展顺利。\n一、组织领导及培训情况\n"
     "2018年,县政府召开了2次政务公开工作领导小组成员会议。\n成立了县政府信息公开领导小组,负责日常工作。", None),
    ("news-about-zhengwu-gongkai-without-parts", "清河镇更新政务公开栏内容\n5月15日,清河镇更新了镇政府门口的政务公开栏,"
     "张贴最新惠民政策,方便群众查阅。" * 2, "unrelated"),
]


@pytest.mark.parametrize("text, kind", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_classify(text, kind):
    verdict = classify.classify(make_doc(text))
    if kind is None:
        assert verdict is None
    else:
        code, message = verdict
        assert code == "NOT_ANNUAL_REPORT"
        assert message.startswith("t.txt: looks like ") and classify._DESCRIBE[kind] in message


def _dev_files():
    from conftest import SHARED

    return sorted((SHARED / "real" / "dev").glob("*.json"))


@pytest.mark.parametrize("path", _dev_files(), ids=lambda p: p.stem)
def test_every_dev_excerpt_is_a_report(shared, path, tmp_path):
    from report_parser import readers

    txt = tmp_path / f"{path.stem}.txt"
    txt.write_text(json.loads(path.read_text(encoding="utf-8"))["text"], encoding="utf-8")
    assert classify.classify(readers.read(txt)) is None


def test_a_flattened_report_page_from_its_part_heading(tmp_path):
    # a later page of a report, flattened to one line after a portal's menu: only its part heading says what it
    # is, glued by normalisation to the sentence after it (the file's space marks where the heading ended)
    from report_parser import readers

    text = ("- 政策解读 - 经济发展 - 社会发展 - 发展报告 - 项目中心 | 二、主动公开政府信息的情况 各政府机关按照《条例》规定,"
            "主动公开政府信息。 (一)公开的主要内容 各政府机关对政府信息进行了梳理和编目,2011年新增主动公开政府信息530条。")
    path = tmp_path / "flat.txt"
    path.write_text(text, encoding="utf-8")
    assert classify.classify(readers.read(path)) is None
    # the same words inside a sentence, with no break after them, are no heading
    path.write_text(text.replace("情况 各政府", "情况对各政府"), encoding="utf-8")
    assert classify.classify(readers.read(path)) is not None
