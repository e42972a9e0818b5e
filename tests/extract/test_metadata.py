"""Metadata: org, level, region, reported year, era and publication date, on reports written for the tests."""
from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from report_parser.extract import metadata
from report_parser.model import HEADING, PARAGRAPH, Block, Document, Provenance


def make_doc(text: str, *, page_every: int = 0, headings: dict[int, int] | None = None,
             traditional: dict[int, str] | None = None) -> Document:
    """A Document with one paragraph block per line (as the .txt reader makes), optionally paged."""
    headings = headings or {}
    traditional = traditional or {}
    blocks = []
    for i, line in enumerate(text.split("\n")):
        page = 1 + i // page_every if page_every else None
        kind = HEADING if i in headings else PARAGRAPH
        raw = traditional.get(i, line)
        blocks.append(Block(kind, line, raw, Provenance(page=page, index=i, traditional=i in traditional),
                            level=headings.get(i)))
    return Document("t.txt", hashlib.sha256(text.encode()).hexdigest(), "txt", None, blocks).finalise()


INTRO = "根据《中华人民共和国政府信息公开条例》要求,编制本报告。"

CASES = [
    # (id, text, expected subset)
    ("title-org-before-year",
     "桃源镇人民政府2018年政府信息公开工作年度报告\n" + INTRO + "\n一、概述\n2018年,我镇认真落实条例。",
     {"org": "桃源镇人民政府", "level": "township", "year": 2018, "era": "pre2019"}),
    ("title-year-first-strips-government",
     "2020年青山区政府信息公开工作年度报告\n" + INTRO + "\n一、总体情况\n2020年,全区稳步推进。",
     {"org": "青山区", "level": "county", "year": 2020, "era": "gb2019"}),
    ("title-people-government-kept-whole",
     "2016年长乐县人民政府信息公开工作年度报告\n" + INTRO,
     {"org": "长乐县人民政府", "level": "county", "year": 2016}),
    ("split-title-two-lines",
     "临川市商务局\n2021年政府信息公开工作年度报告\n" + INTRO,
     {"org": "临川市商务局", "level": "department", "year": 2021, "era": "gb2021"}),
    ("compiled-by-department",
     "本年报是根据《条例》要求,由临江市交通运输局编制的2016年度政府信息公开年度报告。\n一、概述\n我局稳步推进。",
     {"org": "临江市交通运输局", "level": "department", "year": 2016}),
    ("published-row-abbreviates-township",
     "- 索引号:000-2014-01\n- 发布机构:白沙乡\n- 公文生成日期:2014-03-20\n"
     "根据条例编制2013年我乡政府信息公开工作年度报告。如有疑问,请与白沙乡人民政府办公室联系(电话:1234567)。",
     {"org": "白沙乡人民政府", "level": "township", "year": 2013, "published": "2014-03-20"}),
    ("signature-names-the-full-body",
     "2018年龙潭镇政府信息公开工作年度报告\n" + INTRO + "\n一、主动公开政府信息情况\n共公开信息20条。\n"
     "石门县龙潭镇人民政府\n2019年1月10日",
     {"org": "石门县龙潭镇人民政府", "year": 2018, "published": "2019-01-10",
      "region": {"county": "石门县", "town": "龙潭镇"}}),
    ("sentence-subject-names-the-county",
     "本报告由总体情况等六部分组成。统计时间自2023年1月1日至2023年12月31日。\n一、总体情况\n"
     "2023年,松原县坚持依法公开。如有疑问请与松原县人民政府办公室联系。",
     {"org": "松原县", "level": "county", "year": 2023}),
    ("only-self-reference-department",
     "特向社会公布2017年我委政府信息公开年度工作报告。\n一、概述\n2017年,我委严格落实条例,我委网站发布信息。",
     {"org": None, "level": "department", "year": 2017}),
    ("only-self-reference-township",
     INTRO + "统计期限自2022年1月1日起至2022年12月31日止。\n一、总体情况\n2022年,我镇持续加强领导,我镇公开信息。",
     {"org": None, "level": "township", "year": 2022}),
    ("lost-year-character-in-period",
     INTRO + "本报告中所列数据统计期限从20191月1日起到201912月31日止。\n一、总体情况\n全镇推进公开。",
     {"year": 2019}),
    ("lost-month-characters-in-period",
     INTRO + "本年度报告中使用数据统计期限为201611日至1231日。",
     {"year": 2016}),
    ("publication-date-and-document-number-are-not-the-year",
     "发布日期:2019-03-28\n根据《关于做好年报工作的通知》(宁政办〔2019〕12号)要求,现公布本报告。"
     "统计期限自2018年1月1日起至2018年12月31日止。",
     {"year": 2018, "published": "2019-03-28"}),
    ("lost-month-and-day-separators",
     INTRO + "统计期限为2010年1月1日至20101231日。",
     {"year": 2010}),
    ("multi-year-period-takes-its-end",
     INTRO + "本报告中所列数据的统计期限自2005年1月1日起至2011年12月31日止。",
     {"year": 2011}),
    ("era-by-table-labels-not-year",
     "2022年度平川镇政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第(一)项\n信息内容\n"
     "本年新制作数量\n本年新公开数量\n对外公开总数量\n规章\n0\n0\n0",
     {"year": 2022, "era": "gb2019", "org": "平川镇"}),
    ("era-not-from-a-procurement-sentence",
     "2022年度平川镇政府信息公开工作年度报告\n一、总体情况\n实施政府采购项目9项,采购总金额796.85万元。",
     {"year": 2022, "era": "gb2021"}),
    ("era-from-the-procurement-columns",
     "2022年度平川镇政府信息公开工作年度报告\n第二十条第(九)项\n信息内容 | 采购项目数量 | 采购总金额 |\n政府集中采购 | 0 | 0 |",
     {"year": 2022, "era": "gb2019"}),
    ("era-gb2021-label-split-over-lines",
     "2019年度河口镇政府信息公开工作年度报告\n信息内容 | 本年\n制发件数 | 本年废止件数 | 现行有效件数 |",
     {"year": 2019, "era": "gb2021"}),
    ("era-from-request-table-and-year-2020",
     "2020年度东坡街道政府信息公开工作年度报告\n一、本年新收政府信息公开申请数量 | 0 | 0 |",
     {"era": "gb2019", "level": "township"}),
    ("era-from-request-table-and-year-2023",
     "2023年度东坡街道政府信息公开工作年度报告\n一、本年新收政府信息公开申请数量 | 0 | 0 |",
     {"era": "gb2021"}),
    ("era-by-year-without-tables",
     "2012年度沙河乡政府信息公开工作年度报告\n" + INTRO,
     {"era": "pre2019", "level": "township"}),
    ("province-level",
     "河西省2016年度政府信息公开工作报告\n" + INTRO,
     {"org": "河西省", "level": "province", "region": {"province": "河西省"}}),
    ("autonomous-region-is-a-province",
     "广西壮族自治区2014年政府信息公开工作年度报告\n" + INTRO,
     {"level": "province", "region": {"province": "广西壮族自治区"}}),
    ("municipality-is-province-level",
     "北京市2015年政府信息公开工作年度报告\n" + INTRO,
     {"org": "北京市", "level": "province"}),
    ("prefecture-level-city",
     "淮安市人民政府2021年政府信息公开工作年度报告\n" + INTRO,
     {"level": "city", "region": {"city": "淮安市", "province": "江苏省"}}),
    ("city-district-with-region",
     "淮安市清江浦区人民政府2021年政府信息公开工作年度报告\n" + INTRO,
     {"level": "county", "region": {"city": "淮安市", "county": "清江浦区", "province": "江苏省"}}),
    ("lone-city-name-is-a-city-government",
     "瑞丰市人民政府2015年政府信息公开工作年度报告\n" + INTRO,
     {"level": "city", "region": {"city": "瑞丰市"}}),
    ("city-under-a-prefecture-is-a-city-government-in-a-county-place",
     "温州市瑞丰市人民政府2015年政府信息公开工作年度报告\n" + INTRO,
     {"level": "city", "region": {"city": "温州市", "county": "瑞丰市", "province": "浙江省"}}),
    ("industrial-park-committee-is-other",
     "青松经济开发区管理委员会2024年政府信息公开工作年度报告\n" + INTRO,
     {"org": "青松经济开发区管理委员会", "level": "other"}),
    ("ministry-is-a-department",
     "交通运输部2019年政府信息公开工作年度报告\n" + INTRO,
     {"org": "交通运输部", "level": "department"}),
    ("prefecture-administrative-office-is-city-level",
     "阿里地区行政公署2018年政府信息公开工作年度报告\n" + INTRO,
     {"org": "阿里地区行政公署", "level": "city"}),
    ("banner-and-sumu",
     "2025年扎兰旗巴彦苏木人民政府信息公开工作年度报告\n" + INTRO,
     {"org": "扎兰旗巴彦苏木人民政府", "level": "township", "region": {"county": "扎兰旗", "town": "巴彦苏木"}}),
    ("year-in-chinese-numerals",
     "松山镇二〇一八年政府信息公开工作年度报告\n" + INTRO,
     {"org": "松山镇", "year": 2018, "era": "pre2019"}),
    ("report-wrapped-in-a-notice",
     "东安县人民政府办公室关于印发东安县2019年政府信息公开工作年度报告的通知\n各乡镇人民政府:\n"
     "现将《东安县2019年政府信息公开工作年度报告》印发给你们。\n一、总体情况\n内容。",
     {"org": "东安县", "year": 2019, "level": "county"}),
    ("year-after-the-report-words",
     "清河县水利局政府信息公开工作年度报告(2019年度)\n" + INTRO,
     {"org": "清河县水利局", "year": 2019, "level": "department"}),
    ("title-as-the-last-breadcrumb-step",
     "首页 > 信息公开 > 年度报告 > 枫林镇2020年政府信息公开工作年度报告\n" + INTRO,
     {"org": "枫林镇", "year": 2020, "title": "枫林镇2020年政府信息公开工作年度报告"}),
    ("one-line-page-title-before-its-date",
     "登录注册长河市水务局2016年政府信息公开工作年度报告发布日期:2017-03-10 点击数:一、概述2016年,我局推进公开工作,"
     "全局上下认真落实条例要求,进一步完善制度,公开各类政府信息。",
     {"org": "长河市水务局", "year": 2016, "published": "2017-03-10", "level": "department"}),
    ("one-line-page-title-after-a-breadcrumb",
     "首页 -> 信息公开 -> 年度报告 -> 2015年 -> 东川市政府信息公开工作年度报告东川市2015年度政府信息公开工作报告"
     " 2016年03月11日 2015年,东川市认真贯彻条例,全面深入推进政府信息公开工作,拓展公开载体。",
     {"org": "东川市", "year": 2015, "level": "city"}),
    ("breadcrumb-and-chrome-are-not-titles",
     "当前位置:首页>政务公开>政府信息公开年报\n登录 注册\n南湖街道办事处2017年政府信息公开工作年度报告\n"
     "发布时间:2018-01-30 10:00\n" + INTRO,
     {"org": "南湖街道办事处", "year": 2017, "published": "2018-01-30", "level": "township"}),
    ("cited-document-titles-name-other-bodies",
     INTRO + "按照《江北市人民政府办公室关于做好2016年政务公开工作的通知》要求,2016年我局推进公开。"
     "统计期限自2016年1月1日起至2016年12月31日止。",
     {"org": None, "year": 2016, "level": "department"}),
]


# Habits of real pages that named the wrong body or none (issue 16); every text is invented.
ORG_CASES = [
    ("abbreviation-note-is-not-part-of-the-name",
     "根据《条例》规定,现公布青禾县人民政府办公室(以下简称县政府办公室)2016年政府信息公开工作年度报告。\n"
     "一、概述\n2016年,县政府办公室推进公开。",
     {"org": "青禾县人民政府办公室", "level": "department", "year": 2016}),
    ("doubled-unit-is-a-slip",
     "本年报由槐川市统计局局编制。统计期限自2020年1月1日起至2020年12月31日止。\n一、总体情况\n我局推进公开。",
     {"org": "槐川市统计局", "level": "department"}),
    ("split-title-year-on-the-name-line",
     "槐川市统计局2020年\n政府信息公开工作年度报告\n本年报由槐川市统计局局编制。\n一、总体情况\n我局推进公开。",
     {"org": "槐川市统计局", "year": 2020}),
    ("split-title-year-before-the-name",
     "2023年柳溪区东岗街道办事处\n政府信息公开工作年度报告\n现将东岗街道2023年度政府信息公开工作报告如下。\n"
     "一、总体情况\n2023年,东岗街道推进公开。",
     {"org": "柳溪区东岗街道办事处", "level": "township", "year": 2023}),
    ("name-running-on-into-verbs",
     "我乡编制了松岭县白桦乡人民政府2020年政府信息公开工作年度报告。\n一、总体情况\n"
     "2020年白桦乡人民政府紧紧围绕县委决策部署,推进公开。",
     {"org": "松岭县白桦乡人民政府", "level": "township"}),
    ("run-on-subject-alone-is-cut-at-the-verb",
     INTRO + "\n一、总体情况\n2020年白桦乡人民政府紧紧围绕县委决策部署,推进公开。我乡公开信息。",
     {"org": "白桦乡人民政府", "level": "township"}),
    ("contact-office-of-a-disclosure-group",
     INTRO + "如对本报告有任何疑问,请与青禾县林业局政府信息公开工作领导小组办公室联系。\n一、概述\n我局推进公开。",
     {"org": "青禾县林业局", "level": "department"}),
    ("contact-office-with-an-internal-unit-name",
     INTRO + "如有疑问,请与石门乡人民政府党建办联系(电话:1234567)。\n一、总体情况\n我乡推进公开。",
     {"org": "石门乡人民政府", "level": "township"}),
    ("contact-after-a-colon",
     INTRO + "如对本报告有任何疑问,请联系:柳河县人民政府办公室(电话:1234567)。\n一、概述\n我县推进公开。",
     {"org": "柳河县人民政府", "level": "county"}),
    ("contact-of-a-pilot-zone-whose-name-holds-its-province-in-brackets",
     INTRO + "如有疑问,请联系:中国(南岭)自由贸易试验区青湾片区管理委员会政务公开办公室,电话:1234567。\n"
     "一、总体情况\n我委推进公开。",
     {"org": "中国(南岭)自由贸易试验区青湾片区管理委员会", "level": "other"}),
    ("year-and-area-in-a-clause-that-draws-on-the-area-s-work",
     "根据《中华人民共和国政府信息公开条例》规定,结合2021年度青禾市柳河区人民政府信息公开工作实际,编制发布此报告。"
     "如对本报告有疑问,请联系青禾市柳河区林业局,电话:1234567。\n一、总体情况\n我局推进公开。",
     {"org": "青禾市柳河区林业局", "level": "department"}),
    ("a-clause-drawing-on-an-area-s-work-with-the-year-set-apart",
     "根据《中华人民共和国政府信息公开条例》规定,结合 2021 年度青禾市柳河区人民政府信息公开工作实际,编制发布此报告。"
     "如对本报告有疑问,请联系青禾市柳河区林业局,电话: 1234567 。\n一、总体情况\n我局推进公开。",
     {"org": "青禾市柳河区林业局", "level": "department"}),
    ("a-place-opening-an-institution-s-name-is-no-area",
     "一、概述\n2021年,根据院里有关工作部署,兰州分院持续做好信息公开工作。\n二、主动公开信息情况\n"
     "2021年,兰州分院发布信息共215条。",
     {"org": None}),
    ("the-issuer-of-a-cited-document-is-not-the-author",
     "根据《中华人民共和国政府信息公开条例》和宁波市人民政府《关于加快推进政府信息公开工作的实施意见》,特向社会公布"
     "2014年度本级政府信息公开工作年度报告。\n一、概述\n2014年,我市推进公开。",
     {"org": None}),
    ("a-department-titled-by-its-level-word-without-a-year",
     "青禾市人民政府 2019年12月3日星期二\n无障碍 简体 | 繁体\n区行政审批办政府信息公开工作年度报告\n来源:行政审批办公室\n"
     "现将2025年度政府信息公开工作情况报告如下。\n一、总体情况\n我办推进公开。",
     {"org": "区行政审批办", "level": "department"}),
    ("metadata-rows-at-the-top-are-no-signature",
     "2017年上海市闵行区教育局政府信息公开工作年度报告\nQA123-2018-001\n主动公开\n无\n闵行区教育局\n2018.01.25\n"
     "引言 本年度报告根据《中华人民共和国政府信息公开条例》要求,由上海市闵行区教育局编制。" + "全文包括概述、主动公开政府信息情况。" * 20,
     {"org": "上海市闵行区教育局"}),
    ("a-zone-titled-by-its-level-word",
     "根据《中华人民共和国政府信息公开条例》要求,现发布《市青湖经济区2023年政府信息公开工作年度报告》。\n一、总体情况\n"
     "2023年,市青湖经济区加大公开力度。",
     {"org": "市青湖经济区", "level": "other", "year": 2023}),
    ("the-subject-that-compiles-its-own-report",
     "一、总体情况 根据《中华人民共和国政府信息公开条例》和市府办有关文件精神,青禾经济开发区积极对外公开政府信息,"
     "认真组织编制本单位2019年度信息公开报告。我们推进公开。",
     {"org": "青禾经济开发区"}),
    ("a-system-s-departments-are-no-ministry",
     "青禾市气象部门2022年政府信息公开工作年度报告\n一、总体情况\n2022年,青禾市气象部门进一步推进公开。",
     {"org": None}),
    ("area-report-built-on-the-parts-reports",
     "本报告在2017年各市政府、省直有关部门政府信息公开年度报告基础上,由河西省人民政府办公厅编制。\n"
     "一、概述\n2017年,全省推进公开。",
     {"org": "河西省", "level": "province"}),
    ("area-report-compiled-from-the-district-organs",
     "本年报由青禾区人民政府办公室综合区政府所属各行政机关的年度报告编制而成。\n一、概述\n我区推进公开。",
     {"org": "青禾区", "level": "county"}),
    ("provincial-department-names-itself-by-level",
     INTRO + "\n一、总体情况\n2021年,省农业农村厅深入推进政务公开。我厅公开信息。",
     {"org": "省农业农村厅", "level": "department"}),
    ("city-bureau-abbreviated-subject",
     INTRO + "\n一、总体情况\n2022年,市文旅局依照条例推进公开。我局公开信息。",
     {"org": "市文旅局", "level": "department"}),
    ("abbreviated-office-in-the-title",
     "省政府参事室(文史研究馆)2015年政府信息公开工作年度报告\n" + INTRO,
     {"org": "省政府参事室(文史研究馆)", "level": "department", "year": 2015}),
    ("department-named-where-it-describes-itself",
     "一、总体情况\n柳河市自然资源局是主管全市自然资源工作的市政府职能部门。2020年,我局在柳河市人民政府门户网站"
     "公开信息。我局设立查阅点。",
     {"org": "柳河市自然资源局", "level": "department"}),
    ("government-portal-in-a-bureau-report-is-not-the-issuer",
     "一、总体情况\n2020年,我局在柳河市人民政府门户网站公开信息。我局设立查阅点。",
     {"org": None, "level": "department"}),
    ("district-office-named-in-passing-is-not-the-issuer",
     "本年报由政务公开办公室编制。按照榆林区人民政府办公室的要求,我区推进公开,全区各部门公开信息。",
     {"org": None, "level": "county"}),
    ("city-self-reference-without-a-name",
     "本年报根据条例编制。按照长河市人民政府办公厅要求,本市推进公开,全市各单位公开信息。",
     {"org": None, "level": "city"}),
    ("township-subject-takes-its-formal-name",
     INTRO + "\n一、总体情况\n青石镇人民政府高度重视公开工作。2017年,青石镇围绕中心工作推进公开。",
     {"org": "青石镇人民政府", "level": "township"}),
    ("township-subject-named-bare-first-keeps-it",
     INTRO + "\n一、总体情况\n2017年,青石镇围绕中心工作推进公开。青石镇人民政府设立查阅点。",
     {"org": "青石镇", "level": "township"}),
    ("township-colloquial-government-is-not-formal",
     INTRO + "\n一、概述\n2013年,石湾乡政府信息公开工作稳步推进。石湾乡政府落实条例。",
     {"org": "石湾乡", "level": "township"}),
    ("report-as-follows-names-the-body",
     "根据条例,现将红柳区人民政府2019年政府信息公开工作情况报告如下:\n一、总体情况\n我区推进公开。",
     {"org": "红柳区人民政府", "level": "county", "year": 2019}),
    ("government-organs-as-one-body",
     "青禾县人民政府机关\n2020年政府信息公开工作年度报告\n" + INTRO,
     {"org": "青禾县人民政府机关", "level": "county", "year": 2020}),
    ("bracketed-name-in-the-title", "[青石镇]2019年政府信息公开工作年度报告\n" + INTRO,
     {"org": "青石镇", "year": 2019}),
    ("title-without-a-year",
     "柳河县交通运输局政府信息公开年度报告\n" + INTRO + "统计期限自2019年1月1日起至2019年12月31日止。",
     {"org": "柳河县交通运输局", "year": 2019, "level": "department"}),
    ("subject-after-this-year", INTRO + "\n一、总体情况\n今年以来,青石镇人民政府坚持公开为常态。我镇公开信息。",
     {"org": "青石镇人民政府", "level": "township"}),
    ("subject-after-an-under-the-leadership-clause",
     INTRO + "\n一、总体情况\n2019年,在市委、市政府的正确领导下,柳河县坚持公开为常态。全县公开信息。",
     {"org": "柳河县", "level": "county"}),
    ("the-body-that-answers-for-the-report",
     INTRO + "本报告由柳河县青石镇人民政府负责解释。\n一、总体情况\n我镇推进公开。",
     {"org": "柳河县青石镇人民政府", "level": "township"}),
    ("a-paragraph-opened-by-the-body", INTRO + "\n一、总体情况\n青石镇高度重视政府信息公开工作,我镇公开信息。",
     {"org": "青石镇", "level": "township"}),
    ("a-breadcrumb-does-not-open-a-paragraph",
     "西岭区政府信息公开专栏 >> 西岭区人民政府办公室 >> 年度报告\n本年报由政务公开办公室编制,我区推进公开。",
     {"org": None, "level": "county"}),
    ("a-paragraph-opened-by-a-town-in-a-county-report",
     INTRO + "\n一、总体情况\n本县推进公开,全县公开信息。\n青石镇设立查阅点,公开信息20条。",
     {"org": None, "level": "county"}),
    ("publisher-field-as-a-key-value-row",
     "发布机构 | 青石镇人民政府 | 发文日期 | 2020-01-10\n名 称 | 2019年政府信息公开工作年度报告\n" + INTRO,
     {"org": "青石镇人民政府", "level": "township"}),
    ("issuing-organ-field", "发文机关:柳河县交通运输局\n成文日期:2020-01-10\n" + INTRO,
     {"org": "柳河县交通运输局", "level": "department"}),
    ("the-site-owner-is-not-the-publisher", "主办单位:柳河县人民政府办公室\n" + INTRO + "\n一、概述\n本镇推进公开。",
     {"org": None, "level": "township"}),
    ("year-on-its-own-line-under-the-title",
     "柳河县交通运输局\n政府信息公开工作年度报告\n(2019年度)\n" + INTRO,
     {"org": "柳河县交通运输局", "year": 2019}),
    ("a-community-is-below-a-township", "青石社区2019年政府信息公开工作年度报告\n" + INTRO,
     {"org": "青石社区", "level": "other"}),
    ("page-words-glued-before-a-province", "地方政务内蒙古自治区2012年政府信息公开工作年度报告\n" + INTRO,
     {"org": "内蒙古自治区", "level": "province"}),
    ("portal-name-glued-before-the-body",
     "适老模式正定县人民政府正定县正定镇人民政府2021年政府信息公开工作年度报告\n" + INTRO,
     {"org": "正定县正定镇人民政府", "level": "township"}),
    ("logout-link-before-the-title", "登录 注册 退出省政府参事室2015年政府信息公开工作年度报告\n" + INTRO,
     {"org": "省政府参事室", "year": 2015}),
    ("a-sentence-before-a-place-makes-no-name",
     "本年报是根据武进区政府信息公开工作规定有关要求,由武进区水利局编制的2024年度政府信息公开年度报告。\n一、总体情况\n我局推进。",
     {"org": "武进区水利局", "level": "department"}),
    ("subject-after-a-heading-its-text-runs-into",
     INTRO + "如有疑问请与我局联系。一、总体情况2021年,柳河市住建委坚持公开为常态。我委公开信息。",
     {"org": "柳河市住建委", "level": "department"}),
    ("a-website-host-is-no-body",
     "版权所有:柳河县人民政府主办单位:柳河县人民政府办公室\n" + INTRO + "\n一、总体情况\n2020年,柳河县推进公开。",
     {"org": "柳河县", "level": "county"}),
    ("a-heading-glued-before-a-name-makes-no-name",
     INTRO + "\n(三)政府信息管理情况市文旅局加强审核。我局公开信息。",
     {"org": "市文旅局", "level": "department"}),
    ("department-takes-the-place-its-text-prints",
     INTRO + "\n一、总体情况\n河东市西岭区自然资源局以条例为准绳。\n2023年,西岭区自然资源局持续推进公开。我局公开信息。",
     {"org": "河东市西岭区自然资源局", "level": "department"}),
    ("a-body-mention-starts-at-a-known-place",
     INTRO + "\n本市推进公开。(二)平台建设情况苏州市人民政府门户网站持续改版。全市公开信息。",
     {"org": "苏州市人民政府", "level": "city"}),
    ("a-party-committee-is-not-the-issuer",
     INTRO + "\n一、总体情况\n2020年,西岭区委高度重视政务公开。我局公开信息。",
     {"org": None, "level": "department"}),
    ("a-subdistrict-named-after-a-town", INTRO + "\n一、总体情况\n2022年,青石镇街道坚持公开为常态。我街道公开信息。",
     {"org": "青石镇街道", "level": "township"}),
    ("an-office-compiling-the-report-of-all-levels",
     "本报告由河西省人民政府办公厅编制,是2018年河西省各级行政机关开展政府信息公开工作的情况。\n一、概述\n内容。",
     {"org": "河西省", "level": "province"}),
    ("an-abbreviated-department-printed-whole-elsewhere",
     INTRO + "本报告可在青禾县卫生健康委员会网站下载。\n一、总体情况\n2020年,县卫生健康委坚持公开为常态。我委公开信息。",
     {"org": "青禾县卫生健康委员会", "level": "department"}),
    ("a-verb-before-a-government-makes-no-body",
     INTRO + "\n一、总体情况\n本县依托青禾县人民政府门户网站公开信息,全县各单位公开信息。",
     {"org": None, "level": "county"}),
    ("handled-is-not-an-office", INTRO + "\n一、总体情况\n2020年,青石县累计办理申请10件。全县公开信息。",
     {"org": "青石县", "level": "county"}),
    ("the-boilerplate-names-the-body",
     INTRO + "\n一、概述\n推进政府信息公开是柳河市政府贯彻落实《条例》的重要举措。全市公开信息。",
     {"org": "柳河市", "level": "city"}),
    ("title-that-lost-its-year-character", "柳河县交通运输局2022政府信息公开工作年度报告\n" + INTRO,
     {"org": "柳河县交通运输局", "year": 2022}),
    ("compiled-under-the-lead-of", "本年度报告由柳河县青石镇人民政府负责编写。\n一、总体情况\n我镇推进公开。",
     {"org": "柳河县青石镇人民政府", "level": "township"}),
    ("the-body-compiled-this-report", "根据《条例》要求,柳河县青石镇人民政府编制了本报告。\n一、总体情况\n我镇推进公开。",
     {"org": "柳河县青石镇人民政府", "level": "township"}),
    ("this-is-the-bodys-report", "以下是柳河县青石镇人民政府2019年政府信息公开工作年度报告。\n一、总体情况\n我镇推进公开。",
     {"org": "柳河县青石镇人民政府", "year": 2019}),
    ("own-references-outweigh-the-superiors-area",
     INTRO + "\n一、总体情况\n按照全县统一部署,对照全县要求,配合全县检查,我镇推进公开。",
     {"org": None, "level": "township"}),
    ("the-areas-disclosure-office-names-no-body",
     INTRO + "如对本报告有任何疑问,请与青禾县政府信息中心联系。\n一、概述\n县直各部门推进公开,全县公开信息。",
     {"org": None, "level": "county"}),
    ("the-publishing-office-is-not-the-townships-body",
     "发布机构:柳河县人民政府办公室\n" + INTRO + "\n一、总体情况\n2020年,青石镇坚持公开为常态。我镇公开信息。",
     {"org": "青石镇", "level": "township"}),
    ("city-government-is-not-municipal-works",
     INTRO + "\n一、总体情况\n2020年,柳河市政府信息公开工作坚持公开为常态。",
     {"org": "柳河市", "level": "city"}),
]


# Titles behind a crawler's field label, broken inside their words, or addressed upwards; zones.
TITLE_CASES = [
    ("crawler-field-label", "标题:青石镇2019年政府信息公开工作年度报告\n" + INTRO,
     {"org": "青石镇", "year": 2019, "level": "township"}),
    ("spaced-field-label", "标 题:柳河县交通运输局2019年政府信息公开工作年度报告\n" + INTRO,
     {"org": "柳河县交通运输局", "year": 2019}),
    ("title-wrapped-in-its-words", "青石镇2019年政府信息公开工作\n年度报告\n" + INTRO,
     {"org": "青石镇", "year": 2019}),
    ("title-wrapped-over-three-lines", "青石镇\n2019年政府信息公开\n工作年度报告\n" + INTRO,
     {"org": "青石镇", "year": 2019}),
    ("chrome-line-is-not-a-title-fragment", "登录 注册 退出\n省政府参事室2015年政府信息公开工作年度报告\n" + INTRO,
     {"org": "省政府参事室", "year": 2015}),
    ("breadcrumb-with-slashes", "首页 / 信息公开 / 年度报告 / 青石镇2019年政府信息公开工作年度报告\n" + INTRO,
     {"org": "青石镇", "year": 2019, "title": "青石镇2019年政府信息公开工作年度报告"}),
    ("breadcrumb-with-arrows", "首页→信息公开→青石镇2019年政府信息公开工作年度报告\n" + INTRO,
     {"org": "青石镇", "year": 2019}),
    ("breadcrumb-with-dashes", "当前位置:首页-信息公开-青石镇2019年政府信息公开工作年度报告\n" + INTRO,
     {"org": "青石镇", "year": 2019}),
    ("a-date-in-a-title-is-no-breadcrumb", "青石镇2019年政府信息公开工作年度报告(2020-01-15)\n" + INTRO,
     {"org": "青石镇", "year": 2019}),
    ("report-addressed-upwards", "关于柳河县交通运输局2019年政府信息公开工作年度报告\n" + INTRO,
     {"org": "柳河县交通运输局", "year": 2019}),
    ("title-line-with-the-page-info-bar",
     "首页 > 信息公开 > 年报\n青石镇2019年政府信息公开工作年度报告 发布时间:2020-01-15 10:21:33 来源:青石镇 "
     "浏览次数:123 字号:[大 中 小] 打印本页 关闭窗口\n" + INTRO,
     {"org": "青石镇", "year": 2019, "title": "青石镇2019年政府信息公开工作年度报告"}),
    ("short-title-line-with-its-date", "青石镇2019年政府信息公开工作年度报告 发布时间:2020-01-15\n" + INTRO,
     {"org": "青石镇", "title": "青石镇2019年政府信息公开工作年度报告", "published": "2020-01-15"}),
    ("zone-without-a-committee-suffix",
     "青松经济开发区2020年政府信息公开工作年度报告\n" + INTRO + "\n发布机构:柳河市人民政府办公室",
     {"org": "青松经济开发区", "level": "other"}),
    ("park-name-ends-the-name", "青松高新技术产业园2020年政府信息公开工作年度报告\n" + INTRO,
     {"org": "青松高新技术产业园", "level": "other"}),
    ("new-area-that-is-no-division", "2020年青松新区政府信息公开工作年度报告\n" + INTRO,
     {"org": "青松新区", "level": "other"}),
    ("new-area-that-is-a-district", "浦东新区2020年政府信息公开工作年度报告\n" + INTRO,
     {"org": "浦东新区", "level": "county"}),
    ("zone-office-is-a-department", "青松经济开发区管委会办公室2020年政府信息公开工作年度报告\n" + INTRO,
     {"level": "department"}),
    ("township-in-a-zone", "青松新区东岗街道办事处2020年政府信息公开工作年度报告\n" + INTRO,
     {"level": "township"}),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in TITLE_CASES], ids=[c[0] for c in TITLE_CASES])
def test_titles_and_zones(text, expected):
    meta = metadata.extract(make_doc(text))
    for key, value in expected.items():
        assert meta[key] == value, key


@pytest.mark.parametrize("text, expected", [c[1:] for c in ORG_CASES], ids=[c[0] for c in ORG_CASES])
def test_org_from_the_habits_of_real_pages(text, expected):
    meta = metadata.extract(make_doc(text))
    for key, value in expected.items():
        assert meta[key] == value, key
    assert ("ORG_UNKNOWN" in [code for code, _ in meta["issues"]]) == (meta["org"] is None)


def test_chain_stops_before_the_verbs_a_sentence_runs_on_with():
    assert metadata.chain_at("白桦乡人民政府紧紧围绕县委决策部署", 0) == "白桦乡人民政府"
    assert metadata.chain_at("青禾县人民政府办公室负责", 0) == "青禾县人民政府办公室"


@pytest.mark.parametrize("text, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_metadata_of_a_report(text, expected):
    meta = metadata.extract(make_doc(text))
    for key, value in expected.items():
        if key == "region":
            assert {k: meta["region"].get(k) for k in value} == value
        else:
            assert meta[key] == value, key


# Departments whose field word holds a place-unit character (市场, 市政, 城市管理…): the character is not
# a place unit, the place is what stands before the department. Controls: a unit character that really is
# part of a place name (榆市镇, 槐市区) still is.
REGION_CASES = [
    ("county-market-regulation", "岚溪县市场监督管理局", {"county": "岚溪县"}),
    ("county-market-regulation-short", "岚溪县市监局", {"county": "岚溪县"}),
    ("district-city-management", "桐江区城市管理局", {"county": "桐江区"}),
    ("city-city-management", "鹭州市城市管理综合执法局", {"city": "鹭州市"}),
    ("city-municipal-works", "鹭州市市政园林局", {"city": "鹭州市"}),
    ("city-city-appearance", "鹭州市市容环境卫生管理局", {"city": "鹭州市"}),
    ("prefecture-market-regulation", "白鹭自治州市场监督管理局", {"city": "白鹭自治州"}),
    ("county-rural-revitalisation", "柏川县乡村振兴局", {"county": "柏川县"}),
    ("county-housing-and-urban-rural", "柏川县住房和城乡建设局", {"county": "柏川县"}),
    ("city-then-county-market-regulation", "鹭州市岚溪县市场监督管理局", {"city": "鹭州市", "county": "岚溪县"}),
    ("control-town-with-unit-char-in-name", "岚溪县榆市镇人民政府", {"county": "岚溪县", "town": "榆市镇"}),
    ("control-district-with-unit-char-in-name", "槐市区人民政府", {"county": "槐市区"}),
    ("control-plain-county-government", "岚溪县人民政府", {"county": "岚溪县"}),
]


@pytest.mark.parametrize("org, expected", [c[1:] for c in REGION_CASES], ids=[c[0] for c in REGION_CASES])
def test_region_of_an_org(org, expected):
    assert metadata.region_of(org, "") == expected


def test_a_department_report_names_its_county_not_a_city():
    meta = metadata.extract(make_doc("岚溪县市场监督管理局2020年政府信息公开工作年度报告\n" + INTRO))
    assert (meta["org"], meta["level"], meta["region"]) == ("岚溪县市场监督管理局", "department", {"county": "岚溪县"})


# The gazetteer (national division codes): the city and province above a county whose name is unique,
# a lone county-level city, a township's county from the text. Real division names; invented sentences.
GAZETTEER_CASES = [
    ("county-gets-city-and-province", "洪泽区人民政府", "",
     {"province": "江苏省", "city": "淮安市", "county": "洪泽区"}),
    ("county-level-city-alone", "昆山市人民政府", "",
     {"province": "江苏省", "city": "苏州市", "county": "昆山市"}),
    ("name-shared-across-the-country-is-not-guessed", "鼓楼区人民政府", "", {"county": "鼓楼区"}),
    ("municipality-district-has-no-city", "北京市朝阳区人民政府", "", {"province": "北京市", "county": "朝阳区"}),
    ("town-county-from-the-text", "周庄镇人民政府", "本报告可在昆山市政府信息公开网查阅。在昆山市委领导下，我镇推进政务公开。",
     {"province": "江苏省", "city": "苏州市", "county": "昆山市", "town": "周庄镇"}),
    ("town-two-counties-tied-is-left-open", "周庄镇人民政府", "学习昆山市和江阴市的经验。", {"town": "周庄镇"}),
    ("town-two-character-county-is-a-plain-word", "前进镇人民政府", "西区和东区的群众都能就近查阅。", {"town": "前进镇"}),
]


@pytest.mark.parametrize("org, text, expected", [c[1:] for c in GAZETTEER_CASES], ids=[c[0] for c in GAZETTEER_CASES])
def test_region_from_the_gazetteer(org, text, expected):
    assert metadata.region_of(org, text) == expected


def test_a_county_level_city_government_is_level_city():
    # the labels' level is the kind of government (dev2: 弥勒市, 汝州市 are city); the region keeps the rank
    assert metadata.level_of("昆山市人民政府") == "city"
    assert metadata.level_of("苏州市人民政府") == "city"
    assert metadata.level_of("北京市人民政府") == "province"
    assert metadata.region_of("昆山市人民政府", "") == {"province": "江苏省", "city": "苏州市", "county": "昆山市"}


# Titles printed as two lines (the organ's name, then "YYYY年…报告"), possibly with a page widget line
# between them. Each case is written as .txt (one line each), .html (<p> or <hN> per line) and .docx
# (one paragraph each); (tag, text) items, tag "h1"/"h2" for a heading, "p" for a paragraph.
_WIDGET = "字号:【大】【中】【小】 【打印本页】 【关闭窗口】"
_BODY = [("p", INTRO), ("p", "一、总体情况"), ("p", "本年度,我单位持续推进政务公开。")]
TWO_LINE_TITLE_CASES = [
    ("organ-then-title",
     [("p", "甲省交通运输厅"), ("p", "2019年政府信息公开工作年度报告")] + _BODY,
     {"title": "甲省交通运输厅2019年政府信息公开工作年度报告", "org": "甲省交通运输厅", "year": 2019}),
    ("organ-then-title-as-headings",
     [("h1", "丙县栖霞镇人民政府"), ("h2", "2021年度政府信息公开工作年度报告")] + _BODY,
     {"title": "丙县栖霞镇人民政府2021年度政府信息公开工作年度报告", "org": "丙县栖霞镇人民政府",
      "level": "township"}),
    ("widget-line-between",
     [("p", "首页 > 政务公开 > 年度报告"), ("p", "丁市水务局"), ("p", _WIDGET),
      ("p", "2016年政府信息公开工作年度报告")] + _BODY,
     {"title": "丁市水务局2016年政府信息公开工作年度报告", "org": "丁市水务局", "year": 2016}),
    ("two-widget-lines-and-a-guan-yu-title",
     [("p", "戊乡人民政府"), ("p", "【字体:大 中 小】 打印 关闭"), ("p", _WIDGET),
      ("p", "关于2014年政府信息公开工作的年度报告")] + _BODY,
     {"title": "戊乡人民政府关于2014年政府信息公开工作的年度报告", "org": "戊乡人民政府", "year": 2014}),
    ("market-regulation-organ-keeps-its-county",
     [("p", "己县市场监督管理局"), ("p", _WIDGET), ("p", "2023年政府信息公开工作年度报告")] + _BODY,
     {"title": "己县市场监督管理局2023年政府信息公开工作年度报告", "org": "己县市场监督管理局",
      "region": {"county": "己县"}}),
    ("title-naming-its-organ-is-not-joined",
     [("p", "庚市人民政府办公室"), ("p", "庚市商务局2020年政府信息公开工作年度报告")] + _BODY,
     {"title": "庚市商务局2020年政府信息公开工作年度报告", "org": "庚市商务局"}),
    ("a-line-that-is-no-organ-is-not-joined",
     [("p", "政务公开专栏"), ("p", "2018年政府信息公开工作年度报告"),
      ("p", "本报告由辛县统计局编制。")] + _BODY,
     {"title": "2018年政府信息公开工作年度报告", "org": "辛县统计局"}),
    ("a-sentence-between-stops-the-join",
     [("p", "壬县林业局"), ("p", "现将有关情况报告如下,请审阅。"), ("p", "2018年政府信息公开工作年度报告")] + _BODY,
     {"title": "2018年政府信息公开工作年度报告"}),
]


def _write(fmt: str, items, path) -> None:
    """The items as a .txt, .html or .docx file."""
    if fmt == "txt":
        path.write_text("\n".join(text for _, text in items), encoding="utf-8")
    elif fmt == "html":
        import html

        body = "".join(f"<{tag}>{html.escape(text)}</{tag}>" for tag, text in items)
        path.write_text(f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>', encoding="utf-8")
    else:
        import docx

        d = docx.Document()
        for tag, text in items:
            if tag == "p":
                d.add_paragraph(text)
            else:
                d.add_heading(text, level=int(tag[1]))
        d.save(str(path))


@pytest.mark.parametrize("fmt, items, expected", [
    pytest.param(fmt, c[1], c[2], id=f"{c[0]}-{fmt}") for c in TWO_LINE_TITLE_CASES for fmt in ("txt", "html", "docx")])
def test_a_title_printed_on_two_lines(tmp_path, fmt, items, expected):
    from report_parser import readers

    path = tmp_path / f"r.{fmt}"
    _write(fmt, items, path)
    meta = metadata.extract(readers.read(path))
    for key, value in expected.items():
        assert meta[key] == value, key


_ROWS = [("索引号:", "00000001/2019-00012"), ("发布机构:", "{pub}"), ("发布日期:", "2019-03-20")]


@pytest.mark.parametrize("fmt", ["txt", "html"])
@pytest.mark.parametrize("pub, contact, expected", [
    # the report names itself only as 我镇: the 发布机构 field is its name, in a saved text and on the web page alike
    pytest.param("白沙镇人民政府", "", "白沙镇人民政府", id="publisher-alone"),
    # a portal's office posting the report yields to the body the contact sentence names
    pytest.param("青松县人民政府办公室", "如有疑问,请联系白沙镇人民政府党政办公室。", "白沙镇人民政府", id="portal-office"),
    # a township the field names bare keeps the bare name, though a contact sentence before any bare mention in the
    # text prints the formal one: the field came first
    pytest.param("白沙镇", "如有疑问,请联系青松县白沙镇人民政府党政办公室。白沙镇持续推进公开。", "白沙镇", id="bare-township"),
])
def test_the_publisher_field_names_the_body_in_text_and_on_a_web_page(tmp_path, fmt, pub, contact, expected):
    from report_parser import readers

    body = ["2018年政府信息公开工作年度报告", "一、概述", "2018年,我镇主动公开政府信息26条。" + contact]
    path = tmp_path / f"r.{fmt}"
    if fmt == "txt":
        path.write_text("\n".join([" | ".join(f"{k} | {v.format(pub=pub)}" for k, v in _ROWS)] + body),
                        encoding="utf-8")
    else:
        rows = "".join(f"<tr><td>{k}</td><td>{v.format(pub=pub)}</td></tr>" for k, v in _ROWS)
        paras = "".join(f"<p>{line}</p>" for line in body)
        path.write_text(f'<html><head><meta charset="utf-8"></head><body><table>{rows}</table>'
                        f'<div class="article">{paras}</div></body></html>', encoding="utf-8")
    assert metadata.extract(readers.read(path))["org"] == expected


def test_org_keeps_the_traditional_characters_the_file_prints():
    text = "内蒙古自治区2012年政府信息公开工作年度报告\n" + INTRO
    doc = make_doc(text, traditional={0: "內蒙古自治區2012年政府信息公開工作年度報告"})
    assert metadata.extract(doc)["org"] == "內蒙古自治區"


def test_a_year_resting_on_body_sentences_only_is_flagged_uncertain():
    meta = metadata.extract(make_doc("一、概述\n2015年,我镇加强领导。2015年,全镇公开信息。"))
    assert meta["year"] == 2015
    assert [code for code, _ in meta["issues"]] == ["YEAR_UNCERTAIN", "ORG_UNKNOWN"]


def test_the_next_year_s_plan_is_not_the_year_reported_on():
    # 2020年,我局将…: the plan of the year after; 2019年在…: the year's own work
    text = ("一、总体情况\n我局推进公开。\n二、主动公开政府信息情况\n2019年在区政府网公开信息16条。\n"
            "五、存在的主要问题及改进情况\n2020年,我局将继续推进公开。")
    assert metadata.extract(make_doc(text))["year"] == 2019


def test_a_budget_report_named_in_the_text_is_not_the_report():
    # 预算报告和2013年决算报告: two budget reports the body published in its 2014 work, not the report's own year
    text = ("引言\n本报告由青禾区人民政府办公室编制。\n2014年,青禾区政府深入推进公开。\n一、主动公开政府信息情况\n"
            "公开了本级政府预算报告和2013年决算报告、2013年收支决算表。2014年,我区公开部门预算。")
    assert metadata.extract(make_doc(text))["year"] == 2014


@pytest.mark.parametrize("text, year", [
    ("现将我镇2023年政府信息公开工作情况报告如下:\n一、总体情况\n内容。", 2023),
    ("本报告主要从六个方面汇报我镇2023年政府信息公开工作。\n一、总体情况\n内容。", 2023),
    # the publication date and a cited notice's number are not the year reported on
    ("发布日期:2021-01-20\n按照《关于做好年报工作的通知》(青政办〔2021〕3号),现将我局2020年政务公开工作总结如下。",
     2020),
])
def test_the_intro_names_the_year_reported_on(text, year):
    meta = metadata.extract(make_doc(text))
    assert meta["year"] == year
    assert not [c for c, _ in meta["issues"] if c.startswith("YEAR_")]


@pytest.mark.parametrize("text", [
    "一、总体情况\n一是加强领导。2017年初,我乡调整了领导小组。\n二是主动公开。截至2017年12月31日,我乡主动公开信息52条。",
    "一、概述\n截至2017年12月31日,我乡主动公开信息52条。",
])
def test_the_year_start_and_its_last_day_are_body_evidence(text):
    meta = metadata.extract(make_doc(text))
    assert meta["year"] == 2017
    assert "YEAR_UNCERTAIN" in [code for code, _ in meta["issues"]]


def test_a_text_cut_after_a_place_name_has_no_signature():
    # (a real prefecture: the name at the end of a cut sentence is found by the gazetteer, as a glued name would be)
    text = ("岳阳市自然资源局2024年政府信息公开工作年度报告\n一、总体情况\n2024年,我局主动公开政府信息56条。\n"
            "(三)政府信息管理情况。加强管理。\n(四)平台建设情况。进一步强化便民服务,利用岳阳市")
    assert metadata.extract(make_doc(text))["org"] == "岳阳市自然资源局"


@pytest.mark.parametrize("short, full", [("本溪县", "本溪满族自治县"), ("本溪自治县", "本溪满族自治县"),
                                         ("镇宁自治县", "镇宁布依族苗族自治县"), ("莫力达瓦旗", "莫力达瓦达斡尔族自治旗")])
def test_an_autonomous_county_written_short_is_the_same_division(short, full):
    from report_parser.extract import gazetteer

    assert gazetteer.county(short).name == full  # (real divisions: the gazetteer's own rows)


def test_a_county_made_a_district_is_known_by_its_new_name():
    from report_parser.extract import gazetteer

    assert gazetteer.county("水城区").code == gazetteer.county("水城县").code  # (real: 水城县 became 水城区 in 2020)
    assert metadata.valid_org("水城区杨梅乡") == "水城区杨梅乡"  # (not cut to the 城区 of another city)


def test_an_alias_is_not_aliased_again():
    from report_parser.extract import gazetteer

    # (三江县, the short form of 三江侗族自治县, is no county that became a district)
    assert gazetteer.known("三江县") and not gazetteer.known("三江区")


def test_a_place_chain_printed_twice_is_read_once():
    # (a real district: the rule reads the gazetteer's places, 河西区 and 天津市)
    assert metadata.valid_org("河西区天津市河西区发展和改革委员会") == "天津市河西区发展和改革委员会"


def test_a_body_of_an_autonomous_county_written_short_keeps_its_first_character():
    assert metadata.valid_org("本溪县文化旅游和广播电视局") == "本溪县文化旅游和广播电视局"  # (本 opens 本局 too)


def test_a_new_area_known_as_a_district_is_a_county_behind_its_city():
    assert metadata.level_of("上海市浦东新区政府") == "county"  # (a real district: the gazetteer knows it, not a zone)


def test_no_year_at_all_is_reported_not_guessed():
    meta = metadata.extract(make_doc("一、概述\n我镇加强领导,公开信息。"))
    assert meta["year"] is None and meta["era"] is None
    assert ("YEAR_UNKNOWN" in [code for code, _ in meta["issues"]])


@pytest.mark.parametrize("name, cleaned", [
    ("专栏天津市河西区", "天津市河西区"), ("总体情况绍兴市卫生健康委", "绍兴市卫生健康委"),
    ("中共昆山市委办公室", "中共昆山市委办公室"), ("国家税务总局昆山市税务局", "国家税务总局昆山市税务局"),
    ("苏州市昆山市人民政府", "苏州市昆山市人民政府"), ("青石县柳河镇人民政府", "青石县柳河镇人民政府"),
    ("正定县人民政府正定县正定镇人民政府", "正定县正定镇人民政府"),
])
def test_page_words_glued_before_a_name_are_dropped(name, cleaned):
    assert metadata.valid_org(name) == cleaned


@pytest.mark.parametrize("name, ok", [
    ("前卫镇人民政府", True), ("蓼镇", True), ("桐江区行政服务中心管理办公室(公共资源交易中心管理办公室)", True),
    ("区卫生和计划生育局", False), ("我镇", False), ("政府办", False), ("(四)组织开展政府", False),
    ("由柏泉镇", False), ("本机关", False), ("2019年岚桥镇", False),
], ids=lambda v: str(v))
def test_valid_org_names(name, ok):
    assert (metadata.valid_org(name) is not None) == ok


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=list("20191年月日〔〕号镇乡县区市省局人民政府发布机构:|请与联系。,由编制报告信息公开我本 \n-二〇"),
               max_size=300))
def test_any_text_gives_well_formed_metadata(text):
    meta = metadata.extract(make_doc(text))
    assert meta["level"] in (None, "township", "county", "city", "province", "department", "other")
    assert meta["era"] in (None, "pre2019", "gb2019", "gb2021")
    assert meta["year"] is None or 1900 <= meta["year"] <= 2099
    assert meta["org"] is None or metadata.valid_org(meta["org"]) == meta["org"]
    assert all(code.isupper() for code, _ in meta["issues"])


def test_region_is_ordered_from_province_down():
    # The gazetteer fills the province last; the record lists the region top down all the same.
    assert list(metadata.region_of("洪泽区人民政府", "")) == ["province", "city", "county"]


def test_an_unknown_org_is_a_warning_on_an_ok_record(tmp_path):
    # Nothing unread without a word: a report that only says 我局 gets ORG_UNKNOWN on its record, but
    # it was read in full, so its status stays ok (ORG_UNKNOWN is not a partial-reading code).
    from report_parser.pipeline import PARTIAL_CODES, parse_file

    body = ("根据《中华人民共和国政府信息公开条例》要求,编制本报告。统计期限自2020年1月1日至2020年12月31日。\n"
            "一、总体情况\n2020年,我局主动公开政府信息35条。\n二、主动公开政府信息情况\n公开。\n")
    path = tmp_path / "nameless.txt"
    path.write_text(body, encoding="utf-8")
    report = parse_file(path, {"strict": True})
    unknown = [i for i in report.issues if i.code == "ORG_UNKNOWN"]
    assert report.org is None and report.status == "ok" and "ORG_UNKNOWN" not in PARTIAL_CODES
    assert len(unknown) == 1 and "nameless.txt" in unknown[0].message
    named = tmp_path / "named.txt"
    named.write_text("柳河县交通运输局2020年政府信息公开工作年度报告\n" + body, encoding="utf-8")
    assert not [i for i in parse_file(named, {"strict": True}).issues if i.code == "ORG_UNKNOWN"]


def test_a_full_chain_in_the_text_names_city_and_province_of_an_unlisted_county():
    from report_parser.extract.metadata import region_of

    text = "本报告可在“云岭省青渚市白溪县人民政府”网站下载。白溪县交通运输局负责解释。"
    assert region_of("白溪县交通运输局", text) == {"province": "云岭省", "city": "青渚市", "county": "白溪县"}
    # words before the province (可登录…) are not its name
    assert region_of("白溪县交通运输局", "公众可登录云岭省青渚市白溪县人民政府网站查阅。")["province"] == "云岭省"
    assert region_of("某县人民政府", "可在广西壮族自治区百色市某县人民政府网站查阅")["province"] == "广西壮族自治区"
    # a chain naming another city does not overrule the city in the body's own name
    assert region_of("青渚市白溪县交通运输局", "云岭省丹枫市白溪县人民政府")["city"] == "青渚市"


@pytest.mark.parametrize("ocr", [True, False])
def test_a_scanned_name_misread_once_is_taken_as_read_elsewhere(ocr):
    # OCR misread one character of the title's county (永蔓县, no such place); the text reads it right twice
    # (永嘉县, a county the gazetteer places): the reading that places the body is the org, with a warning. A text
    # layer prints what it prints.
    lines = ["永蔓县枫林镇2013年政府信息公开工作年度报告", INTRO, "一、概述",
             "2013年,永嘉县枫林镇推进公开工作。如有疑问,请联系永嘉县枫林镇党政办公室。"]
    doc = make_doc("\n".join(lines))
    for b in doc.blocks:
        b.prov.ocr = ocr
    meta = metadata.extract(doc)
    assert meta["org"] == ("永嘉县枫林镇" if ocr else "永蔓县枫林镇")
    assert ("ORG_OCR_READING" in [c for c, _ in meta["issues"]]) == ocr


def test_a_scanned_name_read_two_ways_that_place_it_alike_is_left_as_chosen():
    # 闲林街道 once, 朵林街道 twice: neither places the body further, and a face may misread the same character twice
    lines = ["闲林街道2011年政府信息公开工作年度报告", INTRO, "一、概述", "2011年,朵林街道推进公开工作。朵林街道办事处负责。"]
    doc = make_doc("\n".join(lines))
    for b in doc.blocks:
        b.prov.ocr = True
    assert metadata.extract(doc)["org"] == "闲林街道"
