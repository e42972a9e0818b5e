"""The shortcuts that keep long documents fast give the results of the full work: a prose line skipped by the
statistics-table reader could hold no row, and a negation pattern skipped for a sentence could not match in it."""
from __future__ import annotations

import dataclasses
import random

from report_parser import data
from report_parser.extract import figures, numbers, stats_tables
from report_parser.extract.flattext import Tok
from report_parser.model import Block, Document, Provenance


def test_no_indicator_label_or_group_holds_a_full_stop():
    # _plain_prose relies on it: a 。 outside brackets survives label_norm, so such a line has no label
    cfg = data.load("legacy_stats.yaml")
    words = [w for spec in cfg["rows"].values() for w in spec["labels"]] + list(cfg["groups"])
    assert words and not [w for w in words if "。" in stats_tables.label_norm(w) or "。" in w]


def _line(text: str, row: int | None = None) -> list[Tok]:
    return [Tok(text, 0, len(text), 1, row=row)]


def test_plain_prose_is_only_what_no_lookup_can_key():
    prose = "2017年，我镇全面贯彻落实信息公开条例要求，不断完善制度建设，提升主动公开信息质量，加大重点领域信息公开力度。"
    assert stats_tables._plain_prose(_line(prose))
    # each of these could hold a label: short, a bracketed note (which label_norm removes), spaces, a grid row
    for text in ("主动公开信息数。", "主动公开信息数（" + prose + "）", prose.replace("，", " ", 1),
                 prose.replace("。", "（一）。")):
        assert not stats_tables._plain_prose(_line(text)), text
    assert not stats_tables._plain_prose(_line(prose, row=3))
    assert not stats_tables._plain_prose(_line(prose) + _line(prose))


def test_reader_result_is_the_same_with_and_without_the_prose_shortcut(monkeypatch):
    lines = ["指标名称 计量单位 本年度 历年累计", "主动公开信息数 条 120 3400", "一、依申请公开情况",
             "受理申请数 件 5 40",
             "2017年，我镇全面贯彻落实信息公开条例要求，不断完善制度建设，提升主动公开信息质量，加大重点领域信息公开力度。",
             "主动公开信息数 条 7 30", "全文电子化信息数 条 110 3000"]
    fast = _read_rows(lines)
    monkeypatch.setattr(stats_tables, "_plain_prose", lambda line: False)
    assert _read_rows(lines) == fast and [k for k, _ in fast[0]] == ["legacy.active.items", "legacy.requests.received"]


def _read_rows(lines: list[str]) -> list:
    """The statistics-table reader's rows (key, values) per table, for printed lines one cell each."""
    toks = [Tok(t, i * 1000, i * 1000 + len(t), 1) for i, t in enumerate(lines)]
    tables = stats_tables._Reader().read([[t] for t in toks])
    return [[(r.key, [v.text for v in r.values]) for r in tab.rows] for tab in tables]


def _doc(text: str) -> Document:
    doc = Document(path="x.txt", sha256="0", format="txt",
                   blocks=[Block(kind="paragraph", text=text, raw=text, prov=Provenance(page=1))])
    doc.finalise()
    return doc


def test_negation_candidates_find_what_trying_every_pattern_finds():
    _, _, negations = figures._config()
    pieces = ["2019年未收到政府信息公开申请。", "本年度无依申请公开事项。", "未发生因政府信息公开申请行政复议、行政诉讼的情况。",
              "全年共收到申请12件。", "行政复议:无。", "依申请公开数量为0。", "政府信息公开工作稳步推进。",
              "没有人提出政府信息公开申请。", "未出现舆情。", "未收取任何费用。"]
    r = random.Random(5)
    for _ in range(20):
        text = "".join(r.choice(pieces) for _ in range(12))
        doc = _doc(text)
        prose = figures._prose_text(doc, ())
        spans = [m.span() for m in figures.SENTENCE.finditer(prose)]
        which = figures._negation_candidates(negations, prose, spans)
        where = figures._Blocks(doc)
        for (s, e), ks in zip(spans, which):
            assert figures._negated(negations, doc, where, [], prose, s, e, None, ks) == \
                figures._negated(negations, doc, where, [], prose, s, e, None)
    assert all(numbers.first_chars(p.pattern) for p, _ in negations)  # every pattern gets a prefilter today


def test_number_runs_are_blanked_the_same_without_pipes():
    text = "表中 12 30 45 为数据,共收到申请12件。一 | 二 | 三"
    for t in (text, text.replace("|", "、")):
        want = figures._TABLE_RUN.sub(lambda m: "#" * len(m.group(0)), t)
        got = (figures._TABLE_RUN if "|" in t else figures._NUMBER_RUN_ONLY).sub(lambda m: "#" * len(m.group(0)), t)
        assert got == want


# ---------------------------------------------------------------- issue 18, long .docx: the prefilters are exact

def _random_texts(alphabet: list[str], n: int, seed: int, most: int = 12) -> list[str]:
    r = random.Random(seed)
    return ["".join(r.choice(alphabet) for _ in range(r.randint(0, most))) for _ in range(n)]


def _pieces(pattern: str) -> list[str]:
    """Runs of the literal CJK characters of a pattern (the words its matches are made of)."""
    import re

    return re.findall(r"[\u4e00-\u9fff]+", pattern)


def test_edge_characters_bound_every_match():
    import re

    rules, _, negations = figures._config()
    sources = [r.tail.pattern[:-len(figures._TAIL_END)] for r in rules] + [p.pattern for p, _ in negations]
    sources += [r"ab(?:c|d)?e*", r"(?<!x)收到(?:了)?(?=申)", r"(?:未|没有)(?:收到)[^,，]{0,5}?申请(?!人)", r"\d+件"]
    for k, src in enumerate(sources):
        first, last = numbers.first_chars(src), numbers.last_chars(src)
        words = _pieces(src) or ["收到"]
        texts = _random_texts(words + list("0123 ,，、为共计件(（）)a"), 300, k, most=8)
        for text in texts:
            for m in re.finditer(src, text):
                if m.group():
                    assert first is None or re.fullmatch(f"[{first}]", m.group()[0]), (src, text)
                    assert last is None or re.fullmatch(f"[{last}]", m.group()[-1]), (src, text)
    assert numbers.last_chars(r"ab(?:c|d)?e*") == "bcde" and numbers.last_chars(r"a?") is None


def test_rule_prefilter_gives_the_rule_trying_every_rule_gives(monkeypatch):
    rules, _, _ = figures._config()
    index = figures._TailIndex(rules)
    assert sum(c is not None for c in index.ends) >= len(rules) - 3  # the filter is on for (nearly) every tail
    words = sorted({w for r in rules for w in _pieces(r.tail.pattern)})
    alphabet = words + ["共", "为", "计", " ", "\u3000", "(依申请公开)", "（其中）", "，", "、", "年"]
    units = sorted({u for r in rules for u in r.units}) + [None]
    r = random.Random(7)
    cases = []
    for prefix in _random_texts(alphabet, 4000, 11, most=4):
        # half of them end with the words of one tail, in order, most of a tail's words or all of them
        rule = r.choice(rules)
        if r.random() < 0.5:
            prefix += "".join(w for w in _pieces(rule.tail.pattern) if r.random() < 0.8) + r.choice(["", " ", "共", "为"])
        unit = r.choice(sorted(rule.units) or [None]) if r.random() < 0.7 else r.choice(units)
        q = numbers.Quantity(value=numbers.Decimal(3), unit=unit)
        cases.append((q, prefix, "" if r.random() < 0.5 else "件,其中"))

    def run():
        return [figures._match_rule(rules, q, p, p, sfx, p, p, None) for q, p, sfx in cases]

    fast = run()
    monkeypatch.setattr(figures, "_tail_candidates", lambda rules, unit, prefix: rules)
    assert run() == fast
    assert sum(x is not None for x in fast) > 100  # the cases do reach rules


def test_rewritten_scans_match_what_the_patterns_as_first_written_match():
    import re

    alphabet = ["1", "23", "0.5", ".", " ", "\u3000", "\u00a0", "\t", "汉", "字", "|", "。", "，", "a", "\n", "条"]
    pairs = [(figures._DIGIT_CJK_SPACE.pattern,
              r"(?<=\d)[ \u00a0\u3000]{1,2}(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])[ \u00a0\u3000]{1,2}(?=\d)"),
             (figures._NUMBER_RUN_ONLY.pattern,
              r"(?<![\d.])\d+(?:\.\d+)?(?:[ \t\u00a0\u3000]+\d+(?:\.\d+)?){2,}(?![\d.])")]
    for text in _random_texts(alphabet, 3000, 3, most=16):
        for new, old in pairs:
            assert [m.span() for m in re.finditer(new, text)] == [m.span() for m in re.finditer(old, text)], text
        # the clause start found in C is the one walking back a character at a time finds
        for lo, pos in ((0, len(text)), (1, len(text) - 1), (len(text), len(text)), (3, 1)):
            i = pos
            while i > lo and text[i - 1] not in figures.CLAUSE_END:
                i -= 1
            assert figures._clause_start(text, lo, pos) == i, (text, lo, pos)


def test_blanked_is_the_spans_overwritten_one_after_another():
    r = random.Random(4)
    text = "一二三四五六七八九十" * 3
    for _ in range(500):
        spans = [(r.randint(-3, 33), r.randint(0, 33)) for _ in range(r.randint(0, 4))]  # offsets: never below 0
        chars = list(text)
        for s, e in spans:
            s, e = max(0, s), min(len(chars), e)
            chars[s:e] = figures._BLANK * max(0, e - s)
        assert figures._blanked(text, spans) == "".join(chars), spans


def test_none_part_prefilter_drops_only_what_cannot_match():
    from report_parser import lazyre

    words = data.load("metrics.yaml")["none_parts"]["words"]
    whole = lazyre.compile(f"[ \t\u00a0\u3000]*(?:{words})[ \t\u00a0\u3000]*")
    assert None not in figures._edge_sets(words)  # the prefilter is on
    alphabet = _pieces(words) + ["。", ";", " ", "\u3000", "情况", "有", "无", "全年", "其他"]
    for text in _random_texts(alphabet, 3000, 9, most=4):
        if whole.fullmatch(text, 0, len(text)):
            assert figures._may_be_none(text, 0, len(text)), text


def test_negation_prefilter_reads_every_sentence_in_one_pass():
    _, _, negations = figures._config()
    text = "未收到申请。\n\n没有人提出申请！无。行政复议0件?" + figures._BLANK * 3 + "。。"
    spans = [m.span() for m in figures.SENTENCE.finditer(text)]
    pieces = figures._sentence_pieces(text, spans, frozenset("未无零0"))
    assert pieces is not None and len(pieces) == len(spans)  # the fast path is taken
    assert [sorted(set(p) - {"\x01"}) for p in pieces] == [["未"], [], ["无"], ["0"], []]
    assert all(None not in figures._edge_sets(p.pattern) for p, _ in negations)


def test_label_segmentation_stops_where_no_label_can_start(monkeypatch):
    from report_parser.extract import gridmatch, skeleton

    idx = skeleton.index()
    labels = sorted(idx.exact)[:60]
    r = random.Random(2)
    texts = ["".join(r.choice(labels + ["情况", "0", "，"]) for _ in range(r.randint(1, 3))) for _ in range(1500)]
    m = gridmatch.Matcher([], None)
    fast = [m._segment(t) for t in texts]

    class Every:  # a head set holding every pair of characters: the segmentation without the test
        def __contains__(self, _):
            return True

    monkeypatch.setattr(idx, "heads", Every())
    assert [m._segment(t) for t in texts] == fast and sum(x is not None for x in fast) > 100


def test_digit_end_tests_skip_only_lines_that_cannot_match():
    from report_parser.extract import flattext, gridmatch

    alphabet = ["1", "０", "９", "²", "٣", " ", "\u3000", "\t", "\n", "件", "行政许可", ".", "-", "+", "a"]
    for text in _random_texts(alphabet, 4000, 13, most=8):
        assert flattext.spaced_run(text) == bool(flattext.SPACED_RUN.search(text)), repr(text)
        want = gridmatch._GLUED.match(text)
        got = gridmatch._glued(text)
        assert (got and got.groups()) == (want and want.groups()), repr(text)


def test_traditional_share_counted_without_a_list_is_the_same():
    from report_parser.readers import normalize

    trad = sorted(normalize._traditional_only())[:50]
    other = list("政府信息公开工作年度报告") + ["a", "1", " ", "，", "\n", "㐀", "豈"]
    r = random.Random(6)
    seen = set()
    for _ in range(1000):
        share = r.random() * 0.15  # around the 5 % threshold
        text = "".join(r.choice(trad if r.random() < share else other) for _ in range(r.randint(0, 80)))
        cjk = normalize._CJK_RE.findall(text)
        want = len(cjk) >= 10 and normalize.traditional_ratio(text) >= normalize.TRADITIONAL_RATIO
        assert normalize.is_traditional(text) is want, text
        seen.add(want)
    assert seen == {True, False}


def test_place_head_test_changes_no_answer(monkeypatch):
    from report_parser.extract import gazetteer, metadata

    cfg = metadata._cfg()
    names = sorted(cfg["provinces"])[:20] + [p + "市" for p in sorted(cfg["prefectures"])[:40]] \
        + sorted(gazetteer.names())[:200]
    r = random.Random(8)
    cases = []
    for _ in range(3000):
        text = "".join(r.choice(names + ["的", "人民政府", "镇", "关于", "县"]) for _ in range(r.randint(1, 3)))
        cases.append((text, r.randint(0, len(text) - 1)))
    fast = [metadata._known_place_at(t, k) for t, k in cases]

    class Every:
        def __contains__(self, _):
            return True

    monkeypatch.setattr(metadata, "_place_heads", lambda: Every())
    assert [metadata._known_place_at(t, k) for t, k in cases] == fast and sum(fast) > 300


def test_plain_digits_read_as_the_full_reading_reads_them():
    r = random.Random(9)
    for _ in range(2000):
        digits = "".join(r.choice("0123456789") for _ in range(r.randint(1, 12)))
        fast, full = numbers.parse_number(digits), numbers.parse_number(" " + digits)  # a space: the full reading
        assert fast == full and str(fast) == str(full), digits
    assert numbers.parse_number("１２") == numbers.Decimal(12) and numbers.parse_number("") is None


def test_a_line_without_spaces_is_one_cell_as_the_full_split_finds(monkeypatch):
    import re

    from report_parser.extract import flattext

    alphabet = ["1", "0", "9", "件", "条", "无", "空", "/", "-", "行政许可", "。", "，", "1,136", "0.5"]
    lines = [t for t in _random_texts(alphabet, 3000, 14, most=6) if t]
    fast = [flattext._space_cells(t) for t in lines]
    monkeypatch.setattr(flattext, "_SPACE", re.compile(""))  # matches everywhere: the full split always runs
    assert [flattext._space_cells(t) for t in lines] == fast
    assert flattext._space_cells("规章 0 0 0") == [("规章", 0), ("0", 3), ("0", 5), ("0", 7)]


def test_leftmost_known_place_is_the_first_start_every_test_finds():
    # _body_names once tested every start of a mention's name and kept the first; the helper stops there and
    # skips starts whose first two characters open no accepted name: the same start, or None
    from report_parser.extract import gazetteer, metadata

    cfg = metadata._cfg()
    names = sorted(cfg["provinces"])[:20] + [p + u for p in sorted(cfg["prefectures"])[:40] for u in "市州"] \
        + sorted(gazetteer.names())[:200]
    r = random.Random(10)
    found = 0
    for _ in range(3000):
        text = "".join(r.choice(names + ["的", "人民政府", "镇", "关于", "县", "鹭州市", "况"]) for _ in range(r.randint(1, 4)))
        end = r.randint(0, len(text))
        lo = r.randint(0, end)
        hi = r.randint(lo, end)
        every = [k for k in range(lo, hi) if metadata._known_place_at(text[k:end], 0)]
        want = every[0] if every else None
        assert metadata._leftmost_known_place(text, lo, hi, end) == want, (text, lo, hi, end)
        found += want is not None
    assert found > 300


def test_traditional_characters_counted_by_the_pattern_are_the_set_count():
    # is_traditional counts the traditional-only CJK characters with one pattern; the set count it replaced
    from report_parser.readers import normalize

    trad = sorted(normalize._traditional_only())
    assert normalize._traditional_cjk().pattern == "[" + normalize._cjk_class(trad) + "]"
    alphabet = trad[:100] + trad[-100:] + list("政府信息公开工作年度报告a1 ，\n㐀豈") + [c for c in trad if not normalize._CJK_RE.match(c)][:20]
    for text in _random_texts(alphabet, 2000, 11, most=60):
        want = sum(text.count(c) for c in normalize._traditional_only().intersection(text) if normalize._CJK_RE.match(c))
        assert len(text) - len(normalize._traditional_cjk().sub("", text)) == want, text


def test_headerless_prose_is_only_what_header_cannot_read(monkeypatch):
    # _line skips _header for such lines: no column word may hold a 。, and _header must say None for every one
    assert not [w for w in stats_tables.vocabulary()["cols"] if "。" in w]
    cols = list(stats_tables.vocabulary()["cols"])
    prose = ["。", "，", "2017年", "“", "”", "|", "主动公开信息数", "我镇", "本年度", "全面贯彻落实", "信息公开条例"]
    alphabet = cols + prose * 8 + ["累计", "累", "计", "（", "）"]
    lines = [t for t in _random_texts(alphabet, 4000, 12, most=30) if len(t) > 40]
    skipped = [t for t in lines if stats_tables._headerless_prose(_line(t))]
    assert len(skipped) > 200 and all(stats_tables._header(_line(t)) is None for t in skipped)
    # a line the 累计 column test could read is not skipped
    short = "“" * 30 + "累计。" + "”" * 10
    assert stats_tables._plain_prose(_line(short)) and not stats_tables._headerless_prose(_line(short))
    # the reader gives the same tables with the shortcut turned off
    rows = ["指标名称 计量单位 本年度 历年累计", "主动公开信息数 条 120 3400"] + skipped[:50] + \
        ["受理申请数 件 5 40", "主动公开信息数 条 7 30"]
    fast = _read_rows(rows)
    monkeypatch.setattr(stats_tables, "_headerless_prose", lambda line: False)
    assert _read_rows(rows) == fast and fast


def test_heading_prefixes_with_a_lookahead_find_the_same_candidates(monkeypatch):
    # segment._candidates iterates only the line starts and sentence ends a number can follow; the candidates
    # must be those of iterating every one of them
    from report_parser.extract import segment

    alphabet = ["\n", "。", "；", "！", "）", " ", "\u3000", "\t", "一、", "二、", "三.", "第一部分", "（一）", "1.", "2、",
                "总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "其他需要报告的事项", "一是", "四 概述",
                "我镇", "2017年", "|", "12", "件"]
    texts = [t for t in _random_texts(alphabet, 1500, 13, most=40) if t.strip()]
    modes = [(segment._LEVEL1,), (segment._LEVEL1_ALT[0],), (segment._LEVEL1_ALT[1],)]

    def candidates() -> list:
        return [[dataclasses.astuple(c) for c in segment._candidates(_doc(t), *m)]
                for t in texts for m in modes]

    fast = candidates()
    monkeypatch.setattr(segment, "_before_heads", lambda prefix, heads: prefix)
    assert candidates() == fast and sum(map(len, fast)) > 1000


# ---------------------------------------------------------------- issue 18, fourth pass: one search instead of many

def test_quantities_of_every_sentence_from_one_pass_are_those_of_each_sentence(monkeypatch):
    import re

    from report_parser.extract import metadata

    alphabet = ["收到申请", "12", "3.5", "件", "条", "一", "三", "十", "人", "民", "次", "性", "百分之", "九十", "万", "余",
                "约", " ", "\u3000", "。", "！", "\n", "?", "第", "2019年", "(", "号", "。3", "1。", "约。", "件。事"]
    texts = _random_texts(alphabet, 3000, 21, most=30)
    for path in ("corpus/seed/qianwei-2017.txt",):
        try:
            texts.append(metadata.arabic_years(open(path, encoding="utf-8").read()))
        except OSError:
            pass
    slow_path = 0
    # the sentences figures reads, and spans cut at characters the look-arounds read (a digit, 事 after 件)
    for splitter in (figures.SENTENCE, re.compile(r"[^。\n事3]+")):
        for text in texts:
            spans = [m.span() for m in splitter.finditer(text)]
            want = [numbers.find_quantities(text[s:e]) for s, e in spans]
            assert numbers.quantities_in_spans(text, spans) == want, text
            slow_path += any(text[e:e + 1] in ("3", "事") for _, e in spans)
    assert slow_path > 100  # the per-span fallback is exercised too
    calls = []
    real = numbers.find_quantities
    monkeypatch.setattr(numbers, "find_quantities", lambda t: calls.append(t) or real(t))
    text = texts[-1]
    numbers.quantities_in_spans(text, [m.span() for m in figures.SENTENCE.finditer(text)])
    assert calls == [text]  # figures' sentences take the one pass
    # a character between spans that a unit may not precede: per span (件 ends its span, 事 follows it)
    text = "收到3件事件"
    assert numbers.quantities_in_spans(text, [(0, 4), (5, 6)]) == [numbers.find_quantities(text[:4]), []]
    assert re.search("事", "".join(numbers._unit_stop_heads()))


def test_compile_skipping_keeps_flags_and_matches():
    import re

    from report_parser.extract import metadata

    year = metadata._YEAR
    sources = [(rf"(?<![\d〔\[﹝(（/-])({year})\s*年(?:度)?[,，]?\s*(?:我|全|本|共|以来|内|,|，|新增主动公开)"
                rf"|(?:^|(?<=[\n。]))[ \t\u3000]*({year})\s*(?:年度(?![报工])|年(?=为))", re.M),
               (r"(?m)^[ \t]*\d+年", 0), (r"(?s)收.到", 0), (r"(?i)ab", 0), ("x.", re.S)]
    alphabet = ["2019", "2020", "1999", "年", "年度", "我", "全", "为", "\n", "。", " ", "\u3000", "\t", "(", "收", "到",
                "a", "B", "x", "报"]
    for source, flags in sources:
        fast, plain = numbers.compile_skipping(source, flags), re.compile(source, flags)
        assert fast.flags == plain.flags
        for text in _random_texts(alphabet, 2000, 22, most=20):
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], (source, text)
    assert numbers.compile_skipping(sources[0][0], re.M).pattern.startswith("(?=[")  # the skip is on


def test_last_heading_searched_from_the_last_stop_is_the_full_search():
    from report_parser.extract import segment

    alphabet = ["\n", "。", "；", ";", " ", "\u3000", "\t", "一、", "五、", "三.", "十二．", "存在的主", "收", "我镇",
                "2017年", "政府信息", "、", ".", "一"]
    texts = [t.rstrip() for t in _random_texts(alphabet, 4000, 23, most=16)]
    found = 0
    for text in texts:
        want = segment._LAST_LINE.search(text)
        got = segment._LAST_LINE.search(text, max(map(text.rfind, segment._LAST_LINE_STOPS)) + 1)
        assert (got and got.span()) == (want and want.span()), text
        found += want is not None
    assert found > 100


def test_section_finder_gives_what_scanning_the_sections_gives():
    from report_parser.record import Section

    r = random.Random(24)
    for _ in range(300):
        sections = []
        for k in range(r.randint(0, 6)):
            a = r.randint(0, 60)
            sections.append(Section(key=f"k{k}", heading="", page=None, start=a, end=a + r.randint(0, 40)))
        find = figures._section_finder(sections)
        assert [find(p) for p in range(-2, 105)] == [figures._section_at(sections, p) for p in range(-2, 105)]


def test_era_markers_read_the_text_without_the_same_characters():
    import re
    import sys

    # detect_era removes whitespace with str.split(): the characters it splits at are those \s matches
    spaces = {chr(c) for c in range(sys.maxunicode + 1) if re.match(r"\s", chr(c))}
    assert spaces == {chr(c) for c in range(sys.maxunicode + 1) if len(f"a{chr(c)}b".split()) == 2}
    assert {"\u3000", "\xa0"} <= spaces
    text = "二、主动公开\u3000情况 | 第二十条\n\t第（一）项 \xa0 收到 申请"
    assert "".join(text.split()).replace("|", "") == re.sub(r"[\s|\u3000\xa0]+", "", text)


def test_other_year_needs_the_character_of_a_year():
    for segment in ("2020年收到申请", "2021年度", "收到申请", "《2020年工作要点》", "2020 年", "", "20200"):
        for year in (None, 2021, 2020):
            named = [m.group(1) for m in figures._YEAR.finditer(figures._TITLE.sub("", segment))]
            assert figures._other_year(segment, year) == (year is not None and bool(named)
                                                          and int(named[-1]) != year), (segment, year)


def test_stop_place_start_skips_only_characters_no_such_name_starts_with(monkeypatch):
    from report_parser.extract import metadata

    pattern = metadata._cfg()["_stop_place"].pattern
    heads = metadata._stop_place_heads(pattern)
    assert heads and len(heads) < len(pattern.split("|")) + 1  # the prefilter is on
    names = pattern.split("|")[:20]
    alphabet = names + ["人民政府", "我区", "于", "都", "本", "，", "。", "市", "县"]
    texts = _random_texts(alphabet, 1500, 25, most=10)
    fast = [[metadata._stop_place_start(t, k) for k in range(len(t) + 1)] for t in texts]
    monkeypatch.setattr(metadata, "_stop_place_heads", lambda pattern: None)
    assert [[metadata._stop_place_start(t, k) for k in range(len(t) + 1)] for t in texts] == fast
    assert sum(k != s for row in fast for k, s in enumerate(row)) > 100  # names that run across a start are found
    assert metadata._stop_place_heads("a|b.c") is None and metadata._stop_place_heads("") is None


def test_contradicted_reads_the_same_parts_from_the_index():
    from pathlib import Path

    from report_parser import pipeline
    from report_parser.extract import resolve

    seed = Path(__file__).resolve().parents[2] / "corpus" / "seed" / "qianwei-2017.txt"
    figs = pipeline.parse_file(seed, {"strict": True}).figures
    r = random.Random(26)
    for _ in range(30):  # the seed's figures and reshuffled parents: totals with and without parts
        index = resolve._parts_index(figs)
        for i in range(len(figs)):
            assert resolve._contradicted(figs, i, index) == resolve._contradicted(figs, i), i
        figs = [dataclasses.replace(f, parent=r.choice([None, None, r.randrange(len(figs))])) for f in figs]
    assert any(f.parent is not None for f in pipeline.parse_file(seed, {"strict": True}).figures)


def test_first_line_of_one_line_is_the_line_stripped():
    from report_parser.extract import segment

    def general(text: str) -> str:
        return next((ln.strip(" \t\u3000\xa0") for ln in text.split("\n") if ln.strip(" \t\u3000\xa0")), "")

    for text in _random_texts([" ", "\u3000", "\xa0", "\t", "\n", "一、", "概述", "。", "\r"], 3000, 27, most=8):
        assert segment._first_line(text) == general(text), repr(text)


def test_statistics_reader_passes_over_prose_after_prose_without_changing_the_tables():
    class NoIdle(stats_tables._Reader):
        def _line(self, line):
            self.idle = False  # every prose line closes again, as before the shortcut
            super()._line(line)

    prose = "2017年，我镇全面贯彻落实信息公开条例要求，不断完善制度建设，提升主动公开信息质量，加大重点领域信息公开力度。"
    pieces = ["指标名称 计量单位 本年度 历年累计", "主动公开信息数 条 120 3400", "受理申请数 件 5 40", prose, prose,
              "一、依申请公开情况", "全文电子化信息数 条 110 3000", "指标名称", "计量单位", "本年度", "主动公开信息数", "条", "7"]
    r = random.Random(28)
    read = 0
    for _ in range(300):
        lines = [r.choice(pieces) for _ in range(r.randint(1, 14))]

        def rows(reader):
            toks = [[Tok(t, i * 1000, i * 1000 + len(t), 1)] for i, t in enumerate(lines)]
            return [[(x.key, [v.text for v in x.values]) for x in tab.rows] for tab in reader.read(toks)]
        fast = rows(stats_tables._Reader())
        assert rows(NoIdle()) == fast, lines
        read += bool(fast)
    assert read > 50


# ---------------------------------------------------------------- issue 18, eighth pass: same results, less work

def _several_channels_eager(figs, mine, markers, text):
    """_several_channels as written before: whether each count's own words name a channel, asked for every count."""
    chans = [(i, bool(markers["channel"].search(text, lo, hi) or figures.names_outlet(text, lo, hi)), total)
             for i, (lo, hi), total in mine]
    for i, chan, total in chans:
        f = figs[i]
        if not chan or total and f.kind == "annual" or f.parent is not None or f.kind not in ("channel", "annual"):
            continue
        if markers["channel_multi"].search(text, *next(own for j, own, _ in mine if j == i)) \
                and any(g.parent == i for g in figs):
            continue  # (a count over several channels with its own parts: their whole)
        if any(other_chan and j != i and figures._same_count(figs[j], f) and figs[j].parent != i
               and figs[j].kind not in ("share", "change") for j, other_chan, _ in chans):
            f.kind = "breakdown"


def test_channels_asked_on_demand_give_the_kinds_asking_every_count_gives(monkeypatch):
    pieces = ["门户网站发布信息25条", "通过门户网站等平台公开信息228条", "微信公众号162条", "电子显示屏发布32条", "宣传栏发布51条",
              "全年共主动公开500条", "网站共发布信息3972条", "官方微博更新5092条", "部门官方微信150期", "公众号平台共发布171期807篇信息",
              "其中", "、", ",", ";", "收到申请12件", "占比5%", "同比增长3条", "通过县人民政府网微信公众号推送45条", "2020年"]
    r = random.Random(41)
    texts = ["".join(r.choice(pieces) for _ in range(r.randint(1, 9))) + "。" for _ in range(1500)]
    doc = _doc("".join(texts))

    def kinds():
        return [(f.metric, f.value, f.kind, f.parent, f.span) for f in figures.extract(doc, [])]

    fast = kinds()
    monkeypatch.setattr(figures, "_several_channels", _several_channels_eager)
    assert kinds() == fast
    assert sum(k == "breakdown" for _, _, k, parent, _ in fast if parent is None) > 100  # the rule does fire


def test_first_stop_is_the_first_clause_stop_a_walk_finds():
    for text in _random_texts(list(figures.CLAUSE_END) + ["网站", "a", " ", "共", "\u3000"], 3000, 43, most=10):
        for lo in range(len(text) + 1):
            walk = next((k for k in range(lo, len(text)) if text[k] in figures.CLAUSE_END), len(text))
            assert figures._first_stop(text, lo) == walk, (text, lo)


def test_quantities_from_the_groups_fetched_once_are_those_read_group_by_group():
    import re

    def by_group(text):  # find_quantities and _quantity as written before
        out = []
        for m in numbers.quantity_re().finditer(text):
            if not m.group(0).strip() or m["chinese"] and not m["unit"] or m["round"] and not m["unit"]:
                continue
            pre, post, post2, post3, scale, rnd, arabic, cn, unit = m.group(*numbers._GROUPS)
            qualifier = pre or post or post2 or post3
            if rnd:
                value = numbers.Decimal(numbers.ROUND_WORDS[rnd])
                qualifier = rnd if not pre else pre + rnd
            elif arabic:
                value = numbers.parse_number(arabic)
            else:
                if scale is None and cn[-1] in numbers.CN_BIG and len(cn) > 1:
                    scale, n = cn[-1], numbers.chinese_to_int(cn[:-1])
                else:
                    n = numbers.chinese_to_int(cn)
                if n is None:
                    continue
                value = numbers.Decimal(n)
            if value is not None and scale:
                value = value * numbers.SCALES[scale]
            out.append(numbers.Quantity(value=value, unit=unit, scale=scale, qualifier=qualifier,
                                        raw=m.group(0).strip(), start=m.start(), end=m.end()))
        return out

    alphabet = ["12", "3.5", "1,234", "件", "条", "万", "亿", "余", "多", "约", "近百", "上千", "一", "三", "十", "百", "两",
                "左右", " ", "\u3000", "元", "人次", "%", "个百分点", "，", "第", "٣", "2019年", "収"]
    texts = _random_texts(alphabet, 4000, 47, most=14)
    for text in texts:
        assert numbers.find_quantities(text) == by_group(text), text
    assert sum(bool(by_group(t)) for t in texts) > 2000
    assert not re.search("百分之", "".join(texts))  # (the shares in words take their own path, unchanged)


def test_page_and_ocr_are_those_of_the_block_holding_the_offset():
    blocks = [Block(kind="paragraph", text=f"第{i}段。", raw=f"第{i}段。", prov=Provenance(page=i // 3 + 1, ocr=i % 2 == 0))
              for i in range(12)]
    doc = Document(path="x.txt", sha256="0", format="txt", blocks=blocks)
    doc.finalise()
    where = figures._Blocks(doc)
    for pos in range(-1, len(doc.text) + 2):
        held = [b for b in doc.blocks if b.start <= pos]
        expected = (held[-1].prov.page, bool(held[-1].prov.ocr)) if held else (None, False)
        assert where.page_ocr(pos) == expected


def test_contact_names_stripped_once_a_step_are_those_stripped_as_before():
    from report_parser.extract import metadata

    units = sorted(metadata._cfg()["_contact_units"])[:12] + ["政务公开科", "办公室", "政府", ""]
    bodies = ["鹭州市人民政府", "鹭州市交通运输局", "东城区", "X厅政府", "某某县人民政府办公室", "青山镇"]
    r = random.Random(53)
    names = [r.choice(bodies) + "".join(r.choice(units) for _ in range(r.randint(0, 3))) for _ in range(600)]
    for name in names:
        before = name
        while metadata._strip_contact(before) != before:
            before = metadata._strip_contact(before)
        assert metadata._strip_contacts(name) == before, name
    assert sum(metadata._strip_contacts(n) != n for n in names) > 100


def test_glued_name_cut_at_the_first_place_every_start_finds():
    # _trim_glued tried _known_place_at at every start of a glued name and took the first; it now asks
    # _leftmost_known_place once: the same start, or None
    from report_parser.extract import gazetteer, metadata

    cfg = metadata._cfg()
    names = sorted(cfg["provinces"])[:20] + [p + u for p in sorted(cfg["prefectures"])[:40] for u in "市州"] \
        + sorted(gazetteer.names())[:200]
    glue = ["专栏", "政府信息公开", "首都之窗", "登录注册", "人民政府", "(", ")", "镇", "根据", "鹭州市", "办公室"]
    r = random.Random(57)
    found = 0
    for _ in range(3000):
        n = "".join(r.choice(names + glue) for _ in range(r.randint(1, 4)))
        every = [k for k in range(1, len(n) - 2) if metadata._known_place_at(n, k)]
        want = every[0] if every else None
        assert metadata._leftmost_known_place(n, 1, len(n) - 2, len(n)) == want, n
        found += want is not None
    assert found > 300
    assert metadata._trim_glued("专栏天津市河西区") == "天津市河西区"


def test_first_end_by_last_character_is_the_first_in_order():
    from report_parser.extract import metadata

    ends = metadata._cfg()["_ends"]
    pieces = sorted(set(ends))[:80] + ["鹭州", "青山", "人民", "政府", "镇", "局", "", "委员会", "办"]
    r = random.Random(59)
    hits = 0
    for _ in range(4000):
        name = "".join(r.choice(pieces) for _ in range(r.randint(0, 3)))
        want = next((u for u in ends if name.endswith(u)), None)
        assert metadata._first_end(name, ends) == want, name
        hits += want is not None
    assert hits > 1000
    assert metadata._first_end("鹭州市", ("", "市")) == ""  # an empty end: every name, as the walk in order says


def test_chrome_words_skipped_only_where_none_opens_the_text():
    from report_parser.extract import metadata

    words = metadata._cfg()["chrome_words"]

    def walk(s):  # _strip_chrome's loop as written before
        changed = True
        while changed:
            changed = False
            for w in words:
                if s.startswith(w):
                    s, changed = s[len(w):].lstrip(" |"), True
            field = metadata._cfg()["_field_value"].match(s)
            if field and field.end() < len(s):
                s, changed = s[field.end():].lstrip(" |"), True
        return s

    r = random.Random(61)
    pieces = list(words[:30]) + ["鹭州市人民政府", "2020年度", "政府信息公开", " ", "|", "报告", "时效性有效"]
    stripped = 0
    for _ in range(3000):
        s = "".join(r.choice(pieces) for _ in range(r.randint(1, 5)))
        date = "2020-01-15 " if r.random() < 0.2 else ""
        want = walk((date + s).strip() if not date else s.strip())
        assert metadata._strip_chrome(date + s) == want, s
        stripped += want != s.strip()
    assert stripped > 500


def test_markers_behind_a_first_character_lookahead_match_the_same():
    _, markers, _ = figures._config()
    for k, name in enumerate(("other_period", "cumulative_sentence")):
        pattern = markers[name]
        fast = figures._skipping(pattern)
        assert fast.pattern != pattern.pattern  # the lookahead is on (first_chars knows the pattern's starts)
        words = _pieces(pattern.pattern) or ["年"]
        texts = _random_texts(words + list("0123 ,，、为共计件结转较比上下月份年至-") + ["12月", "1-3月"], 3000, 60 + k)
        hits = 0
        for text in texts:
            spans = [m.span() for m in pattern.finditer(text)]
            assert [m.span() for m in fast.finditer(text)] == spans, (name, text)
            hits += bool(spans)
        assert hits > 300, name
