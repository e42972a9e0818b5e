"""LazyPattern behaves as the compiled pattern and compiles only when first used; the compiled-program cache gives
the same patterns as re.compile, across processes, and falls back to re when a kept program is unusable."""
from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys

import pytest

from report_parser import lazyre
from report_parser.lazyre import lazy

from conftest import ROOT

SAMPLES = [
    (r"[\u4e00-\u9fff]+(\d+)", 0, ["共收到12件", "abc", "甲1乙2"]),
    (r"(?P<org>[^\d,，。]{2,10}?)(?:人民政府|政府)(?P<y>(?:19|20)\d{2})?", 0, ["鹭州市人民政府2019年", "x政府"]),
    (r"page\s*(\d+)", re.I, ["PAGE 3", "page3 of 9"]),
    (rb"<\s*(html|body)[\s>/]", 0, [b"<HTML>", b"< body/>"]),
    (r"(?m)^[ \t\u3000|]*[\d.,]+$", 0, ["a\n 12.5\n", "x"]),
]


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty program cache in a temporary folder, with this process's state reset around the test."""
    monkeypatch.setenv("REPORT_PARSER_CACHE", str(tmp_path))
    monkeypatch.setattr(lazyre, "_programs", None)
    monkeypatch.setattr(lazyre, "_new", {})
    monkeypatch.setattr(lazyre, "_patterns", {})
    return tmp_path


def _same(a: re.Pattern, b: re.Pattern, texts) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    for t in texts:
        assert [m.span() for m in a.finditer(t)] == [m.span() for m in b.finditer(t)]
        assert [m.groups() for m in a.finditer(t)] == [m.groups() for m in b.finditer(t)]


def test_compiles_on_first_use_and_then_matches_as_re_does():
    p = lazy(r"[\u4e00-\u9fff]+(\d+)", re.I)
    assert p._compiled is None
    assert p.search("共收到12件").group(1) == "12"
    assert p.compiled() is p._compiled and p.compiled().flags & re.I
    assert p.sub("#", "共收到12件") == re.compile(r"[\u4e00-\u9fff]+(\d+)").sub("#", "共收到12件")
    assert [m.group(0) for m in p.finditer("甲1乙2")] == ["甲1", "乙2"]


def test_a_lazy_pattern_is_truthy_like_a_compiled_one():
    assert lazy("x") and lazy("x").pattern == "x"


def test_cached_programs_rebuild_the_same_patterns(fresh_cache):
    first = {(src, flags): lazyre.compile(src, flags) for src, flags, _ in SAMPLES}
    lazyre.save()
    files = list(fresh_cache.glob("regex-*.marshal"))
    assert len(files) == 1
    kept = marshal.loads(files[0].read_bytes())
    assert {(src, int(flags)) for src, flags, _ in SAMPLES} <= set(kept)
    lazyre._programs, lazyre._patterns = None, {}  # as a new process: everything from the file
    for src, flags, texts in SAMPLES:
        again = lazyre.compile(src, flags)
        assert again is not first[src, flags]
        _same(again, re.compile(src, flags), texts)
    assert not lazyre._new  # nothing compiled afresh, nothing to write


def test_an_older_release_file_is_removed_and_another_builds_kept(fresh_cache, monkeypatch):
    import report_parser

    lazyre.compile(*SAMPLES[0][:2])
    lazyre.save()
    (old,) = fresh_cache.glob("regex-*.marshal")
    other_build = fresh_cache / old.name.replace("cpython", "otherpy")
    other_build.write_bytes(old.read_bytes())
    monkeypatch.setattr(report_parser, "__version__", "9.9.9")
    lazyre.compile(*SAMPLES[1][:2])
    lazyre.save()
    names = {f.name for f in fresh_cache.iterdir()}
    assert old.name not in names and other_build.name in names
    assert any(n.startswith("regex-9.9.9-") for n in names) and len(names) == 2


def test_same_object_within_a_process_and_errors_as_re(fresh_cache):
    assert lazyre.compile(r"\d+年") is lazyre.compile(r"\d+年")
    with pytest.raises(re.error):
        lazyre.compile(r"[unclosed")


def test_an_unusable_kept_program_falls_back_to_compiling(fresh_cache):
    lazyre.compile(r"[\u4e00-\u9fff]{2,}")
    lazyre.save()
    path = next(fresh_cache.glob("regex-*.marshal"))
    kept = marshal.loads(path.read_bytes())
    flags, code, groups, gi, ig = kept[(r"[\u4e00-\u9fff]{2,}", 0)]
    code = lazyre._unpack(code)
    kept[(r"[\u4e00-\u9fff]{2,}", 0)] = (flags, [999999] + code[1:], groups, gi, ig)  # not a valid program
    path.write_bytes(marshal.dumps(kept))
    lazyre._programs, lazyre._patterns = None, {}
    _same(lazyre.compile(r"[\u4e00-\u9fff]{2,}"), re.compile(r"[\u4e00-\u9fff]{2,}"), ["甲乙丙", "甲"])
    path.write_bytes(b"not marshal")  # a damaged file reads as empty
    lazyre._programs, lazyre._patterns = None, {}
    assert lazyre.compile(r"\d").search("a1")


def test_memo_keeps_a_derived_value(fresh_cache):
    calls = []
    assert lazyre.memo("len", "abc", lambda s: calls.append(s) or len(s)) == 3
    lazyre.save()
    lazyre._programs = None
    assert lazyre.memo("len", "abc", lambda s: calls.append(s) or len(s)) == 3
    assert calls == ["abc"]


def test_cache_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORT_PARSER_CACHE", "off")
    monkeypatch.setattr(lazyre, "_programs", None)
    monkeypatch.setattr(lazyre, "_new", {})
    monkeypatch.setattr(lazyre, "_patterns", {})
    assert lazyre.compile(r"[\u4e00-\u9fff]x").search("甲x")
    lazyre.save()
    assert not list(tmp_path.iterdir())


def test_a_second_process_parses_identically_from_the_cache(tmp_path):
    """Two fresh processes, the first filling the cache and the second reading it, give the same record."""
    env = dict(os.environ, REPORT_PARSER_CACHE=str(tmp_path), PYTHONPATH=str(ROOT / "src"))
    cmd = [sys.executable, "-m", "report_parser", "parse", "--json", str(ROOT / "corpus/seed/qianwei-2017.txt")]
    runs = [subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout for _ in range(2)]
    assert list(tmp_path.glob("regex-*.marshal"))
    strip = [re.sub(r'"(parsed_at|elapsed)": [^,}]*', "", r) for r in runs]
    assert strip[0] == strip[1] and '"figures"' in strip[0]


def test_lazy_pattern_keeps_the_compiled_methods_it_hands_out():
    # after first use a LazyPattern's search/sub/… come from its slots, not __getattr__: the same answers
    p = lazyre.lazy(r"(?P<n>\d+)件")
    compiled = re.compile(r"(?P<n>\d+)件")
    texts = ["收到申请12件，办结3件", "无", ""]
    for _ in range(2):  # the first round fills the slots, the second reads them
        for t in texts:
            assert [m.span() for m in p.finditer(t)] == [m.span() for m in compiled.finditer(t)]
            assert p.sub("#", t) == compiled.sub("#", t) and p.findall(t) == compiled.findall(t)
            assert bool(p.search(t)) == bool(compiled.search(t)) and p.split(t) == compiled.split(t)
    assert p.search.__self__ is p.compiled() and p.pattern == compiled.pattern and p.groupindex == {"n": 1}


def test_programs_are_kept_as_bytes_and_lists_still_read(fresh_cache):
    # issue 18 (start-up): the code words are kept as an array's bytes, which load in one piece; a program kept as
    # a list (an older file's form) rebuilds the same pattern
    src = r"[\u4e00-\u9fff]+(\d+)件"
    lazyre.compile(src)
    lazyre.save()
    path = next(fresh_cache.glob("regex-*.marshal"))
    kept = marshal.loads(path.read_bytes())
    flags, code, groups, gi, ig = kept[(src, 0)]
    assert isinstance(code, bytes) and lazyre._code_type() is not None
    listed = lazyre._unpack(code)
    assert lazyre._pack(listed) == code and all(isinstance(c, int) for c in listed)
    kept[(src, 0)] = (flags, listed, groups, gi, ig)
    path.write_bytes(marshal.dumps(kept))
    lazyre._programs, lazyre._patterns = None, {}
    _same(lazyre.compile(src), re.compile(src), ["共收到12件", "甲1乙2件"])
    assert not lazyre._new  # read from the file, not compiled again
