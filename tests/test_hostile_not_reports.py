"""Documents that are not annual disclosure reports are skipped with a reason; look-alike reports are not."""
from __future__ import annotations

import pytest

from make_hostile import REPORT_PARAS, report_docx, report_html
from report_parser.pipeline import parse_file

# Texts written for these tests in the style of documents found next to reports on government sites.
BUDGET = [
    "示范镇人民政府2019年部门预算公开说明",
    "一、部门基本情况",
    "示范镇人民政府内设党政办公室、经济发展办公室等6个机构，编制内人员45人。",
    "二、收支预算总体情况",
    "2019年收入预算1250.36万元，其中一般公共预算拨款收入1100.00万元；支出预算1250.36万元。",
    "三、“三公”经费预算情况",
    "2019年“三公”经费预算12.5万元，比上年减少1.2万元，其中公务接待费3.0万元。",
    "四、政府采购预算情况",
    "2019年政府采购预算总额86.4万元。",
]
FINAL_ACCOUNT = [
    "示范县财政局2018年度部门决算",
    "第一部分 部门概况",
    "本部门主要职责是贯彻执行国家财政方针政策，编制年度预决算草案并组织执行。",
    "第二部分 2018年度部门决算情况说明",
    "2018年度收入总计2036.55万元，支出总计1987.21万元，年末结转和结余49.34万元。",
]
NEWS = [
    "示范县召开2019年政务公开工作推进会",
    "3月12日下午，示范县召开2019年政务公开工作推进会，县政府办公室主要负责同志出席会议并讲话。",
    "会议通报了全县2018年政务公开工作考核情况，部署了编制发布2018年政府信息公开工作年度报告等重点任务。",
    "会议要求，各单位要进一步提高认识，压实责任，确保各项工作落到实处。全县各乡镇、各部门分管负责同志参加会议。",
]
NOTICE = [
    "关于公布示范县2018年政府信息公开工作年度报告的公告",
    "根据《中华人民共和国政府信息公开条例》规定，现将示范县各单位2018年政府信息公开工作年度报告予以公布，"
    "请登录示范县人民政府门户网站政府信息公开专栏查阅。",
    "特此公告。",
    "示范县人民政府办公室",
    "2019年3月29日",
]
TENDER = [
    "示范镇农村道路改造工程招标公告",
    "本招标项目已由示范县发展和改革局批准建设，项目业主为示范镇人民政府，建设资金来自财政资金，"
    "现对该项目的施工进行公开招标，欢迎有资格的潜在投标人参加投标。",
    "投标截止时间为2019年5月20日9时30分，逾期送达的投标文件将被拒收。",
]
# Look-alikes that ARE reports: a report quoting its budget, and one whose preamble cites a notice.
REPORT_WITH_BUDGET = REPORT_PARAS[:6] + ["2016年，我镇部门预算、决算及“三公”经费预算均按要求在网站公开。"] + REPORT_PARAS[6:]
REPORT_CITING_NOTICE = [REPORT_PARAS[0], "按照《关于做好2016年政府信息公开工作年度报告编制发布工作的通知》要求，"
                        "编制本报告。"] + REPORT_PARAS[1:]


def _txt(paras: list[str]) -> bytes:
    return "\n".join(paras).encode("utf-8")


@pytest.mark.parametrize("name,make,paras", [
    pytest.param("budget.docx", report_docx, BUDGET, id="budget-docx"),
    pytest.param("budget.txt", _txt, BUDGET, id="budget-txt"),
    pytest.param("final-account.html", report_html, FINAL_ACCOUNT, id="final-account-html"),
    pytest.param("news.html", report_html, NEWS, id="news-page"),
    pytest.param("news.docx", report_docx, NEWS, id="news-docx"),
    pytest.param("notice.html", report_html, NOTICE, id="notice-about-the-report-html"),
    pytest.param("notice.txt", _txt, NOTICE, id="notice-about-the-report-txt"),
    pytest.param("tender.html", report_html, TENDER, id="tender-unrelated"),
])
def test_other_documents_are_skipped_with_a_reason(tmp_path, name, make, paras):
    p = tmp_path / name
    p.write_bytes(make(paras))
    r = parse_file(p, {"strict": True})
    assert r.status == "skipped", (r.status, r.issues)
    assert r.issues[-1].code == "NOT_ANNUAL_REPORT"
    assert name in r.issues[-1].message
    assert not r.cells and not r.figures and not r.sections  # no nonsense rows


@pytest.mark.parametrize("name,make,paras", [
    pytest.param("report-budget.docx", report_docx, REPORT_WITH_BUDGET, id="report-mentioning-budget"),
    pytest.param("report-notice.html", report_html, REPORT_CITING_NOTICE, id="report-citing-a-notice"),
    pytest.param("report.txt", _txt, REPORT_PARAS, id="plain-report"),
])
def test_reports_that_look_like_other_documents_are_parsed(tmp_path, name, make, paras):
    p = tmp_path / name
    p.write_bytes(make(paras))
    r = parse_file(p, {"strict": True})
    assert r.status in ("ok", "partial"), r.issues
    assert "NOT_ANNUAL_REPORT" not in [i.code for i in r.issues]


def test_force_report_parses_a_skipped_document_anyway(tmp_path):
    p = tmp_path / "budget.txt"
    p.write_bytes(_txt(BUDGET))
    r = parse_file(p, {"strict": True, "force_report": True})
    assert r.status != "skipped"
