"""The data files read the same through libyaml's loader and the pure-Python fallback."""
from __future__ import annotations

from importlib import resources

import pytest

from report_parser import data

NAMES = sorted(str(p.relative_to(resources.files(data))) for p in resources.files(data).rglob("*.yaml"))


@pytest.mark.parametrize("name", NAMES)
def test_c_and_pure_loader_agree(name):
    text = data.read_text(name)
    assert data.parse(text) == data.parse(text, pure=True)


def test_libyaml_is_used_when_present():
    yaml = pytest.importorskip("yaml")
    expected = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert data._loader() is expected


def test_pure_loader_when_libyaml_is_missing(monkeypatch):
    import yaml

    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    assert data._loader() is yaml.SafeLoader
    assert data.parse("a: [1, 二]") == {"a": [1, "二"]}


def test_safe_loader_refuses_python_tags():
    with pytest.raises(Exception):
        data.parse("!!python/object/apply:os.system ['true']")
