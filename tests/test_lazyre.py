"""LazyPattern behaves as the compiled pattern and compiles only when first used."""
from __future__ import annotations

import re

from report_parser.lazyre import lazy


def test_compiles_on_first_use_and_then_matches_as_re_does():
    p = lazy(r"[\u4e00-\u9fff]+(\d+)", re.I)
    assert p._compiled is None
    assert p.search("共收到12件").group(1) == "12"
    assert p.compiled() is p._compiled and p.compiled().flags & re.I
    assert p.sub("#", "共收到12件") == re.compile(r"[\u4e00-\u9fff]+(\d+)").sub("#", "共收到12件")
    assert [m.group(0) for m in p.finditer("甲1乙2")] == ["甲1", "乙2"]


def test_a_lazy_pattern_is_truthy_like_a_compiled_one():
    assert lazy("x") and lazy("x").pattern == "x"
