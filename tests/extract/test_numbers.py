"""Number expressions: Arabic, Chinese numerals, 万/亿, qualifiers, units, and look-alikes that are not figures."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from report_parser.extract import numbers

QUANTITIES = [
    # text, value, unit, scale, qualifier
    ("438条", "438", "条", None, None),
    ("1,825.95元", "1825.95", "元", None, None),
    ("1136 条", "1136", "条", None, None),
    ("26.8万条", "268000", "条", "万", None),
    ("127.33亿元", "12733000000", "元", "亿", None),
    ("160.5964万元", "1605964", "元", "万", None),
    ("414.7万人次", "4147000", "人次", "万", None),
    ("四起", "4", "起", None, None),
    ("两次", "2", "次", None, None),
    ("十一个", "11", "个", None, None),
    ("三百二十篇", "320", "篇", None, None),
    ("一千份", "1000", "份", None, None),
    ("180余条", "180", "条", None, "余"),
    ("755多条", "755", "条", None, "多"),
    ("57万余条", "570000", "条", "万", "余"),
    ("近百条", "100", "条", None, "近百"),
    ("约50件", "50", "件", None, "约"),
    ("超过2000条", "2000", "条", None, "超过"),
    ("超2000条", "2000", "条", None, "超"),
    ("逾300人次", "300", "人次", None, "逾"),
    ("上千条", "1000", "条", None, "上千"),
    ("数十个", "10", "个", None, "数十"),
    ("33.9%", "33.9", "%", None, None),
    ("0", "0", None, None, None),
    ("3宗", "3", "宗", None, None),
]


@pytest.mark.parametrize("text,value,unit,scale,qualifier", QUANTITIES, ids=[q[0] for q in QUANTITIES])
def test_parse_quantity_reads_value_unit_scale_and_qualifier(text, value, unit, scale, qualifier):
    q = numbers.parse_quantity(text)
    assert q is not None
    assert (numbers.format_decimal(q.value), q.unit, q.scale, q.qualifier) == (value, unit, scale, qualifier)
    assert q.raw == text


CHINESE = [("零", 0), ("〇", 0), ("两", 2), ("十", 10), ("十一", 11), ("二十", 20), ("一百零五", 105),
           ("三百二十", 320), ("一千", 1000), ("一千零五", 1005), ("一万二千", 12000), ("十万", 100000),
           ("三亿五千万", 350000000), ("二〇一七", 2017)]


@pytest.mark.parametrize("text,value", CHINESE, ids=[c[0] for c in CHINESE])
def test_chinese_numerals_are_exact_integers(text, value):
    assert numbers.chinese_to_int(text) == value


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=999_999_999))
def test_chinese_numerals_round_trip_through_cn2an(n):
    import cn2an

    assert numbers.chinese_to_int(cn2an.an2cn(n)) == n


NOT_FIGURES = [
    ("phone", "电话:0517-87222589"),
    ("phone", "0592- 6108691"),
    ("phone", "13912345678"),
    ("postcode", "邮编:223100"),
    ("docnum", "〔2017〕41号"),
    ("docnum", "[2018]64号"),
    ("docnum", "〔201864号"),
    ("docnum", "第711号"),
    ("docnum", "90号"),
    ("date", "2017年1月1日"),
    ("date", "12月31日"),
    ("date", "2023-12-31"),
    ("url", "http://xxgk.yuxi.gov.cn/jcqzfxxgk/jcqqwz/"),
    ("url", "hzzwgk@126.com"),
    ("idiom", "零距离"),
    ("idiom", "零差评"),
    ("idiom", "一次性"),
    ("idiom", "零件"),
]


@pytest.mark.parametrize("kind,text", NOT_FIGURES, ids=[f"{k}-{t}" for k, t in NOT_FIGURES])
def test_look_alikes_are_recognised_as_noise(kind, text):
    assert numbers.noise_kind(text) == kind


NO_QUANTITY = ["一是加强领导", "第二十条第(九)项", "三安全一稳定", "进一步加强", "各部门", "一次性告知",
               "5个工作日内", "江川区人民政府", "千家万户", "十四五规划", "大家一起努力"]


@pytest.mark.parametrize("text", NO_QUANTITY)
def test_words_with_numerals_hold_no_quantity(text):
    masked = numbers.mask_noise(text)
    found = [q for q in numbers.find_quantities(masked) if not numbers.is_ordinal(masked, q.start)]
    assert [q for q in found if q.unit] == []


def test_find_quantities_reports_offsets_in_order():
    text = "收到申请12件,办结10件,办结率83.3%"
    qs = numbers.find_quantities(text)
    assert [(text[q.start:q.end], q.value) for q in qs] == [
        ("12件", Decimal(12)), ("10件", Decimal(10)), ("83.3%", Decimal("83.3"))]


def test_article_references_are_ordinals():
    text = "根据《条例》第 15 条规定"
    q = numbers.find_quantities(text)[0]
    assert numbers.is_ordinal(text, q.start)


def test_scaled_counts_are_approximate_but_scaled_money_is_not():
    assert numbers.parse_quantity("62.96万条").approximate
    assert not numbers.parse_quantity("0.5万元").approximate
    assert numbers.parse_quantity("20余个").approximate
    assert not numbers.parse_quantity("20个").approximate


def test_a_long_latin_run_is_masked_in_linear_time():
    import time

    from report_parser.extract import numbers

    text = "x" * 300_000 + " 联系邮箱 a.b@example.gov.cn"
    start = time.perf_counter()
    masked = numbers.mask_noise(text)
    assert time.perf_counter() - start < 3  # quadratic (the e-mail piece retried at every letter) took minutes
    assert masked.endswith("#" * len("a.b@example.gov.cn"))
