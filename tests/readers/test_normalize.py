"""normalize(): NFKC, justified spaces, CJK line joins and traditional→simplified detection."""
from __future__ import annotations

import pytest

from report_parser.readers.normalize import is_traditional, join_lines, normalize, normalize_all, traditional_ratio

NORMALIZE_CASES = [
    ("full-width digits", "２０１７年", "2017年"),
    ("full-width comma and colon", "邮编：２２３１００，电话", "邮编:223100,电话"),
    ("full-width brackets", "（一）概述", "(一)概述"),
    ("enclosed numeral", "㈠建立健全", "(一)建立健全"),
    ("kept punctuation", "《条例》、〔2017〕41号。“公开”", "《条例》、〔2017〕41号。“公开”"),
    ("justified spaces between CJK", "号 ， 邮 编 ： 223100 ， 电 话", "号,邮编:223100,电话"),
    ("space before full stop", "健康发展 。", "健康发展。"),
    ("ideographic space indent", "\u3000\u3000一、概述", "一、概述"),
    ("latin words keep spaces", "Hello  world and WPS Office", "Hello world and WPS Office"),
    ("number columns keep spaces", "自然人 21 0 0 0", "自然人 21 0 0 0"),
    ("spaces inside CJK label", "总 计", "总计"),
    ("zero-width and soft hyphen", "政\u200b府\u00ad信息", "政府信息"),
    ("non-breaking spaces", "年度\u00a0\u00a0报告", "年度报告"),
    ("half-width comma before CJK", "概述, 主动公开", "概述,主动公开"),
    ("circled list marker stays apart from the number", "①3个乡镇", "①3个乡镇"),
    ("circled twenty-one", "㉑公开", "㉑公开"),
    ("superscript stays", "面积10²", "面积10²"),
    ("parenthesised digit unfolds", "⑴规章", "(1)规章"),
    ("empty", "", ""),
    ("a tab row keeps its tabs and blank cells", "申请总数\t件\t\t１７\t", "申请总数\t件\t\t17\t"),
    ("a tab row's cells are normalised one by one", "\t（一） 不予公开\t－\t０", "\t(一)不予公开\t-\t0"),
    ("spaces around a full-width dash glue", "电话：0517 － 8888", "电话:0517-8888"),
    ("one tab is not a row: glued as a space", "号\t，邮编", "号,邮编"),
    ("a tabbed Word heading is not a row", "一、\t\t概述", "一、概述"),
    ("a tabbed signature is not a row", "\t\t前卫镇人民政府\t\t", "前卫镇人民政府"),
    ("a label and blank cells is a row", "申请总数\t件\t\t", "申请总数\t件\t\t"),
    ("one value after blank cells is a row", "\t\t\t５", "\t\t\t5"),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in NORMALIZE_CASES], ids=[c[0] for c in NORMALIZE_CASES])
def test_normalize_gives_the_expected_text(text, expected):
    assert normalize(text) == expected


JOIN_CASES = [
    ("CJK lines join without a space", ["我镇主动公开政府", "信息438条。"], "我镇主动公开政府信息438条。"),
    ("latin lines join with one space", ["see the", "website"], "see the website"),
    ("line ending in CJK punctuation", ["电子邮箱:", "hzzwgk@126.com"], "电子邮箱:hzzwgk@126.com"),
    ("hyphenated latin word", ["infor-", "mation"], "information"),
    ("blank lines dropped", ["一、", "", "概述"], "一、概述"),
    ("digit then CJK", ["主动公开信息 1136", "条"], "主动公开信息 1136条"),
    ("number broken after CJK text", ["收取信息处理费１９", "００元"], "收取信息处理费１９００元"),
    ("number broken after CJK, half-width", ["共收到申请1", "36件"], "共收到申请136件"),
    ("digits after a space keep the space", ["本年 21", "0 0"], "本年 21 0 0"),
    ("digits after latin keep the space", ["page 3", "4"], "page 3 4"),
    ("a tab row keeps its edge tabs", ["\t（一）\t0\t"], "\t（一）\t0\t"),
]


@pytest.mark.parametrize("lines,expected", [c[1:] for c in JOIN_CASES], ids=[c[0] for c in JOIN_CASES])
def test_join_lines_rejoins_layout_breaks(lines, expected):
    assert join_lines(lines) == expected


TRADITIONAL_CASES = [
    ("traditional report", "總體情況：本機關認真貫徹落實《條例》，主動公開政府資訊。", True),
    ("simplified report", "总体情况：本机关认真贯彻落实《条例》，主动公开政府信息。", False),
    ("simplified with one traditional name", "前卫镇人民政府2017年政府信息公开工作年度报告，鄭州路", False),
    ("too short to tell", "報告", False),
    ("no CJK", "annual report 2017", False),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in TRADITIONAL_CASES], ids=[c[0] for c in TRADITIONAL_CASES])
def test_traditional_detection(text, expected):
    assert is_traditional(text) is expected


def test_traditional_text_is_converted_and_flagged():
    out, traditional = normalize_all(["總體情況", "本機關認真貫徹落實《條例》，主動公開政府資訊。"])
    assert traditional is True
    assert out[0] == "总体情况"
    assert "主动公开" in out[1]


def test_taiwan_terms_of_a_traditional_page_read_as_the_mainland_words():
    # a page served with Taiwan phrasing says 資訊 for 信息; the same length, so offsets hold
    out, traditional = normalize_all(["總體情況", "本機關通過門戶網站對外公開資訊1740條,網路申請0件。"])
    assert traditional and out[1] == "本机关通过门户网站对外公开信息1740条,网络申请0件。"
    # a simplified page keeps its own 资讯 (a mainland word too: 政务资讯 columns)
    out, _ = normalize_all(["总体情况", "本机关在政务资讯栏目公开信息20条。"])
    assert "政务资讯" in out[1]


def test_simplified_text_is_left_alone():
    texts = ["总体情况", "本机关认真贯彻落实《条例》,主动公开政府信息。"]
    out, traditional = normalize_all(texts)
    assert traditional is False
    assert out == texts


def test_traditional_ratio_is_a_share():
    assert 0.0 <= traditional_ratio("總體情況总体情况") <= 1.0
    assert traditional_ratio("總體情況") > traditional_ratio("总体情况")


def test_nfkc_without_the_round_trip_where_nothing_kept_is_in_the_text():
    # (issue 18: a paragraph holding no kept character and no private code point skips the two translations;
    # the result must be what the round trip gives, for text with and without them)
    import random
    import unicodedata

    from report_parser.readers import normalize as N

    def round_trip(text):
        return unicodedata.normalize("NFKC", text.translate(N._PROTECT)).translate(N._RESTORE)

    alphabet = list("收到申请，：（）①②⑳㉑㊿²³¹⁰⁹10 件ｱ１２ＡＢ\u3000\u00a0") + ["\U000f0001", "\U000f0050", "\U000f00ff", "ﬁ", "㎡", "⑴"]
    r = random.Random(18)
    skipped = 0
    for _ in range(5000):
        text = "".join(r.choice(alphabet) for _ in range(r.randint(1, 10)))
        if not N._KEPT_OR_PRIVATE.search(text):
            skipped += 1
            assert unicodedata.normalize("NFKC", text) == round_trip(text), text
    assert skipped > 500
    assert N.normalize("收到申请①3个，共10²条") == "收到申请①3个,共10²条"


def test_nfkc_by_table_is_nfkc():
    # (issue 18: full-width ASCII and U+3000 mapped by a table, NFKC itself only when that leaves the text unnormalised)
    import random
    import unicodedata

    from report_parser.readers import normalize as N

    alphabet = list("收到申请，：（）１２ＡＢａｚ！～＂\u3000 ｱｶﾞ\u3099\u0301\u0308ﬁ㎡⑴①²豈Åe") \
        + [chr(0xFF01 + i) for i in range(94)] + ["\uff5f", "\uff60", "\uffe0", "\uffe5", "Ａ\u0301", "ｅ\u0301"]
    r = random.Random(19)
    by_table = 0
    for _ in range(20000):
        text = "".join(r.choice(alphabet) for _ in range(r.randint(1, 8)))
        assert N._nfkc(text) == unicodedata.normalize("NFKC", text), ascii(text)
        by_table += unicodedata.is_normalized("NFKC", text.translate(N._WIDE))
    assert 5000 < by_table < 19000  # both ways are taken
