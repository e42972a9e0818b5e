"""classcache.dataclass makes the class dataclasses.dataclass makes: the same generated code (kept between
processes), the same annotations and behaviour, and leaves `dataclasses` as it found it."""
from __future__ import annotations

import dataclasses
import os
import subprocess
import sys

import pytest

from report_parser import classcache, lazyre

from conftest import ROOT

METHODS = ("__init__", "__repr__", "__eq__", "__setattr__", "__delattr__", "__hash__")


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty program cache in a temporary folder, with this process's state reset around the test."""
    monkeypatch.setenv("REPORT_PARSER_CACHE", str(tmp_path))
    monkeypatch.setattr(lazyre, "_programs", None)
    monkeypatch.setattr(lazyre, "_new", {})
    return tmp_path


def _make(decorator, **options):
    """The same class body, decorated by decorator(**options)."""
    class Point:
        """A point."""
        x: int
        y: "list[str]" = dataclasses.field(default_factory=list)
        label: str = ""

    return decorator(**options)(Point) if options else decorator(Point)


def _same_class(a: type, b: type) -> None:
    assert [(f.name, f.type, f.default, f.default_factory) for f in dataclasses.fields(a)] == \
        [(f.name, f.type, f.default, f.default_factory) for f in dataclasses.fields(b)]
    for name in METHODS:
        fa, fb = a.__dict__.get(name), b.__dict__.get(name)
        assert (fa is None) == (fb is None), name
        if fa is not None and hasattr(fa, "__code__"):
            assert fa.__code__ == fb.__code__, name
            assert fa.__code__.co_flags == fb.__code__.co_flags, name  # no __future__ flag inherited
            assert fa.__annotations__ == fb.__annotations__, name


@pytest.mark.parametrize("options", [{}, {"frozen": True}, {"eq": False}, {"order": True}])
def test_the_class_is_the_one_dataclasses_makes(fresh_cache, options):
    ours, plain = _make(classcache.dataclass, **options), _make(dataclasses.dataclass, **options)
    _same_class(ours, plain)
    p, q = ours(1), plain(1)
    assert repr(p) == repr(q) and p.y == [] and p.y is not ours(1).y
    if options.get("frozen"):
        with pytest.raises(dataclasses.FrozenInstanceError):
            p.x = 2
    if options.get("eq", True):
        assert p == ours(1) and p != ours(2)
    assert "exec" not in vars(dataclasses)  # the module's own exec (the builtin) is back


def test_kept_code_is_used_and_gives_the_same_class(fresh_cache):
    first = _make(classcache.dataclass)
    kept = {k for k in lazyre._new if k[1] == "dataclass-code"}
    assert kept  # __init__, __repr__, __eq__ were compiled and are to be kept
    lazyre.save()
    lazyre._programs = None  # as a new process: the kept programs are read from the file
    calls = []
    real = classcache._compile
    classcache._compile = lambda text: calls.append(text) or real(text)
    try:
        second = _make(classcache.dataclass)
    finally:
        classcache._compile = real
    assert not calls  # every method's code came from the cache
    _same_class(second, first)
    _same_class(second, _make(dataclasses.dataclass))


def test_the_pipeline_records_are_the_same_classes_in_a_process_reading_the_cache(tmp_path):
    code = ("import dataclasses, report_parser.record as r, report_parser.model as m\n"
            "for c in (r.Report, r.Figure, r.Cell, m.Block, m.Document):\n"
            "    plain = dataclasses.dataclass(type(c.__name__, (), {'__annotations__': {f.name: f.type for f in "
            "dataclasses.fields(c)}, **{f.name: f.default for f in dataclasses.fields(c) if f.default is not "
            "dataclasses.MISSING}, **{f.name: dataclasses.field(default_factory=f.default_factory) for f in "
            "dataclasses.fields(c) if f.default_factory is not dataclasses.MISSING}}))\n"
            "    print(c.__name__, c.__init__.__code__ == plain.__init__.__code__, "
            "c.__init__.__annotations__ == plain.__init__.__annotations__)\n")
    env = dict(os.environ, REPORT_PARSER_CACHE=str(tmp_path), PYTHONPATH=str(ROOT / "src"))
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
            for _ in range(2)]  # the first compiles and keeps, the second reads the kept code
    assert runs[0] == runs[1]
    assert runs[0].split() == [w for c in ("Report", "Figure", "Cell", "Block", "Document")
                               for w in (c, "True", "True")]
