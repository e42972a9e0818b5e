"""Whole pages read the same when their numbers are set apart from the words around them (`2019 年`, `共 192 条`), as
text copied out of a PDF or a page with one <span> per number gives them. The pages are invented for these tests."""
from __future__ import annotations

import pytest

from report_parser.evaluate import spaced_numbers
from report_parser.pipeline import parse_file


def _record(tmp_path, text: str, name: str) -> dict:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    r = parse_file(p)
    return {"org": r.org, "level": r.level, "year": r.year, "sections": [s.key for s in r.sections],
            "metrics": {k: v for k, v in r.metrics.items() if v is not None},
            "cells": {c.key: c.value for c in r.cells if not c.derived}}


PAGES = [
    # a township's report signed with its formal name and a date (2019年3月1日 / 2019 年 3 月 1 日); a sub-item that
    # states the count right after its title; a part heading that is a whole sentence, its year first
    ("signed-township", "2018年青河镇政府信息公开工作年度报告\n一、概述\n2018年,青河镇认真落实公开要求,规范发布流程。\n"
     "二、主动公开政府信息情况\n(一)主动公开政府信息的数量共192条\n(二)公开的主要内容\n机构职能、财政预决算和重点领域信息。\n"
     "三、依申请公开政府信息情况\n2018年本镇未收到政府信息公开申请。\n四、2018年本镇没有政府信息公开收费情况。\n"
     "五、2018年本镇无因政府信息公开申请行政复议、提起行政诉讼的情况。\n六、存在的主要问题及改进措施\n"
     "信息公开的及时性、规范性还需提高,下一步将加强培训,完善制度,确保公开工作落到实处,不断提高公开质量。\n"
     "青松县青河镇人民政府\n2019年3月1日",
     {"org": "青松县青河镇人民政府", "year": 2018, "active.items": "192", "review_litigation": True}),
    # a page without a title whose government speaks of its own work (青松市对2018年…进行梳理, and names itself again); its
    # proactive part's
    # heading flattened onto the line of its first sentence (情况 本局到…: the space after 情况 taken away)
    ("self-named-city", "根据《条例》和上级通知的要求,青松市对2018年政府信息公开进行梳理和汇总,形成本报告。我市认真落实公开要求,"
     "规范发布流程,全年工作运行平稳。\n一、概述\n2018年,我市健全工作机制,公开质量稳步提升。\n"
     "二、主动公开政府信息情况 本市到2018年底累计主动公开政府信息401条,其中公文类信息150条,均在青松市政府门户网站发布。\n"
     "三、依申请公开政府信息情况\n2018年本市收到政府信息公开申请7件,均按时答复。",
     {"org": "青松市", "year": 2018, "active.items_cumulative": "401", "active": True}),
    # a year inside a sentence (以及2016年度青松市政府各部门的…) opens no sentence, spaced or not: the report's body is the
    # city named in its contact sentence, not 青松市政府
    ("year-inside-a-sentence", "青松市2016年政府信息公开工作年度报告\n本报告根据《条例》以及2016年度青松市政府各部门和各区政府的信息公开"
     "工作年度报告编制。如对本报告有任何疑问,请与青松市政府信息公开办公室联系。\n一、概述\n2016年,青松市各级行政机关认真贯彻"
     "《条例》,全市主动公开政府信息900条。",
     {"org": "青松市", "year": 2016, "active.items": "900"}),
    # a body named as the subject of its year's first sentence, the year opened by 在 (在2024年,X局…)
    ("subject-after-zai", "一、总体情况\n在2024年,青松市经济合作局坚决贯彻上级决策部署,深入推进政务公开工作,及时公开群众关心的政府"
     "信息,全年主动公开政府信息56条。\n二、收到和处理政府信息公开申请情况\n本年度我局未收到政府信息公开申请。",
     {"org": "青松市经济合作局", "year": 2024, "active.items": "56"}),
]


@pytest.mark.parametrize("text, expected", [p[1:] for p in PAGES], ids=[p[0] for p in PAGES])
def test_a_page_reads_the_same_with_its_numbers_set_apart(tmp_path, text, expected):
    printed = _record(tmp_path, text, "printed.txt")
    for k in ("org", "year"):
        assert printed[k] == expected[k]
    for k, v in expected.items():
        if "." in k:
            assert printed["metrics"].get(k) == v
        elif v is True:
            assert k in printed["sections"]
    assert _record(tmp_path, spaced_numbers(text), "spaced.txt") == printed


def test_a_change_word_set_apart_from_its_number_is_one_cell(tmp_path):
    # one cell per line, 增13 printed as `增 13`: the signed change of the 本年增/减 column, not a word and a number
    rows = ["第二十条第(五)项", "信息内容", "上一年项目数量", "本年增/减", "处理决定数量", "行政许可", "75", "增13", "88",
            "其他对外管理服务事项", "0", "0", "0"]
    text = ("青松县水利局2019年政府信息公开工作年度报告\n一、总体情况\n2019年,我局认真落实公开要求。\n"
            "二、主动公开政府信息情况\n" + "\n|\n".join(rows) + "\n|\n三、收到和处理政府信息公开申请情况\n本年度未收到申请。")
    printed = _record(tmp_path, text, "printed.txt")
    assert [printed["cells"].get(f"s2.art20_5.admin_license.{c}") for c in ("prev_items", "items_delta", "decisions")] \
        == ["75", "13", "88"]
    assert _record(tmp_path, text.replace("增13", "增 13"), "spaced.txt") == printed
