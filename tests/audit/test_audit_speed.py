"""Shortcuts that keep the audit of a long report fast find what the full work finds (issue 18)."""
from __future__ import annotations

import random
import re

import pytest

from report_parser.audit import arithmetic, metadata_rules


def test_full_names_lookahead_changes_no_match():
    r = random.Random(1)
    alphabet = ["我", "各", "了", "的", "溪", "平", "曦", "塘", "镇", "街道", "区", "县", "人民政府", "，", "。", " ", "政府"]
    for suffix in ("镇", "街道", "区", "县", "市"):
        fast = metadata_rules._full_names(suffix)
        plain = re.compile(fast.pattern.split(")", 1)[1])  # the same pattern without its leading lookahead
        assert fast.pattern.startswith("(?=") and plain.pattern.startswith("((?:(?!")
        for _ in range(2000):
            text = "".join(r.choice(alphabet) for _ in range(r.randint(0, 14)))
            assert fast.findall(text) == plain.findall(text), text


def test_open_parenthesis_with_and_without_an_opener_before():
    r = random.Random(2)
    for _ in range(2000):
        text = "".join(r.choice(")）ab1，") for _ in range(r.randint(0, 12)))
        assert arithmetic._open_parenthesis(text, r.randint(0, len(text))) is None  # nothing opens: no walk back
    assert arithmetic._open_parenthesis("收到申请2件", 4) is None
    assert arithmetic._open_parenthesis("办结20件（3件顺延", 9) == 5
    assert arithmetic._open_parenthesis("(含(a)b)c2件", 6) == 0 and arithmetic._open_parenthesis("(含(a)b)c2件", 8) is None


def test_split_removes_exactly_what_the_space_pattern_removes():
    from report_parser.audit import facts

    spaces = [chr(i) for i in range(0x110000) if chr(i).isspace()]
    assert [c for c in map(chr, range(0x110000)) if facts._SPACE.fullmatch(c)] == spaces
    text = "一、 概述\n\u3000本年度\t共 收到\u00a0申请 2 件。\r\n"
    assert "".join(text.split()) == facts._SPACE.sub("", text)


def test_last_clause_stop_is_the_last_of_any_stop():
    r = random.Random(3)
    for _ in range(3000):
        text = "".join(r.choice("，,；;、。：:其中含12件") for _ in range(r.randint(0, 14)))
        pos = r.randint(0, len(text))
        m = arithmetic._LAST_CLAUSE_STOP.search(text, 0, pos)
        assert (m.start() + 1 if m else 0) == max(text.rfind(c, 0, pos) + 1 for c in arithmetic._CLAUSE_STOPS)


def test_full_names_found_at_the_literal_are_what_findall_finds(monkeypatch):
    # M03 searches only windows ending at each "<unit>人民政府"; the names must be findall's, in order
    pieces = ["青石", "柳河", "县", "镇", "区", "人民政府", "镇人民政府", "人民", "政府", "各", "我", "的", "，", "。",
              "街道", "府", "府人民政府", "x", "前卫镇"]
    r = random.Random(12)
    texts = ["".join(r.choice(pieces) for _ in range(r.randint(0, 40))) for _ in range(3000)]
    for suffix in ("镇", "县", "区", "街道", "府", "局"):
        pat = metadata_rules._full_names(suffix)
        for text in texts:
            assert metadata_rules._full_names_in(pat, suffix, text) == pat.findall(text), (suffix, text)
    assert sum(bool(metadata_rules._full_names("镇").findall(t)) for t in texts) > 300

    class SearchOnly:  # the windows are searched, findall is never run (府人民政府 overlaps itself: findall runs)
        def __init__(self, pat):
            self.search, self.findall = pat.search, None

    assert metadata_rules._full_names_in(SearchOnly(metadata_rules._full_names("镇")), "镇", texts[1]) is not None
    with pytest.raises(TypeError):
        metadata_rules._full_names_in(SearchOnly(metadata_rules._full_names("府")), "府", texts[1])
