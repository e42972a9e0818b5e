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


# ---- the cache of parsed data files between processes ---------------------------------------------------------

def _yaml_file(tmp_path, text="a: [1, 二]\n"):
    path = tmp_path / "src" / "rules.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_cached_file_loads_the_same_without_parsing_again(tmp_path, monkeypatch):
    path, folder = _yaml_file(tmp_path), tmp_path / "cache"
    first = data.load_file(path, folder)
    monkeypatch.setattr(data, "parse", lambda *a, **k: pytest.fail("parsed although cached"))
    assert data.load_file(path, folder) == first == {"a": [1, "二"]}


def test_an_edited_file_is_parsed_again(tmp_path):
    import os

    path, folder = _yaml_file(tmp_path), tmp_path / "cache"
    data.load_file(path, folder)
    path.write_text("a: [1, 三]\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a same-size edit with an older mtime still changes the key
    assert data.load_file(path, folder) == {"a": [1, "三"]}


def test_a_new_package_version_is_a_new_cache_entry(tmp_path, monkeypatch):
    import report_parser

    path, folder = _yaml_file(tmp_path), tmp_path / "cache"
    before = data._cache_path(path, folder)
    monkeypatch.setattr(report_parser, "__version__", "9.9.9")
    assert data._cache_path(path, folder) != before


def test_a_superseded_entry_is_removed_and_other_files_kept(tmp_path, monkeypatch):
    import os

    import report_parser

    path, folder = _yaml_file(tmp_path), tmp_path / "cache"
    data.load_file(path, folder)
    data.load_file(path, folder, lambda t: len(t), kind="length")  # another reading of the same file
    (tmp_path / "elsewhere").mkdir()
    data.load_file(_yaml_file(tmp_path / "elsewhere", "b: 1\n"), folder)  # a same-named file in another folder
    first = data._cache_path(path, folder)
    path.write_text("a: [1, 三]\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))
    assert data.load_file(path, folder) == {"a": [1, "三"]}
    monkeypatch.setattr(report_parser, "__version__", "9.9.9")
    assert data.load_file(path, folder) == {"a": [1, "三"]}
    names = sorted(f.name for f in folder.iterdir())
    assert not first.exists() and len(names) == 3  # this file's YAML once, its other reading, the other file's
    assert data._cache_path(path, folder).name in names
    assert sum("-length-" in n for n in names) == 1 and sum("-9.9.9-" in n for n in names) == 1


def test_a_broken_cache_file_is_replaced(tmp_path):
    path, folder = _yaml_file(tmp_path), tmp_path / "cache"
    data.load_file(path, folder)
    data._cache_path(path, folder).write_bytes(b"\x00garbage")
    assert data.load_file(path, folder) == {"a": [1, "二"]}
    assert data.load_file(path, folder) == {"a": [1, "二"]}


def test_an_unwritable_cache_only_costs_speed(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert data.load_file(_yaml_file(tmp_path), blocker / "cache") == {"a": [1, "二"]}


def test_values_marshal_cannot_hold_are_not_cached(tmp_path):
    import datetime

    folder = tmp_path / "cache"
    assert data.load_file(_yaml_file(tmp_path, "d: 2024-01-02\n"), folder) == {"d": datetime.date(2024, 1, 2)}
    assert not folder.exists() or not any(folder.iterdir())


def test_the_cache_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(data.CACHE_ENV, "off")
    assert data.cache_dir() is None
    monkeypatch.setenv(data.CACHE_ENV, str(tmp_path))
    assert data.cache_dir() == tmp_path
    monkeypatch.delenv(data.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert data.cache_dir() == tmp_path / "xdg" / "report-parser"


def test_a_warm_start_does_not_import_pyyaml(tmp_path):
    import os
    import subprocess
    import sys

    code = ("import sys\nfrom report_parser import data\nv = data.load('metrics.yaml')\n"
            "print('YAML', 'yaml' in sys.modules, len(v['rules']))\n")
    env = dict(os.environ, REPORT_PARSER_CACHE=str(tmp_path))
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
            for _ in range(2)]
    assert runs[0].startswith("YAML True") and runs[1].startswith("YAML False")
    assert runs[0].split()[-1] == runs[1].split()[-1]


def test_a_built_value_is_cached_apart_from_the_yaml_of_the_same_file(tmp_path):
    path, folder = _yaml_file(tmp_path), tmp_path / "cache"
    assert data.load_file(path, folder, build=len, kind="length") == len(path.read_text(encoding="utf-8"))
    assert data.load_file(path, folder) == {"a": [1, "二"]}
    assert data.load_file(path, folder, build=len, kind="length") == len(path.read_text(encoding="utf-8"))


def test_the_cached_division_table_equals_the_csv_read_afresh(tmp_path, monkeypatch):
    from report_parser.extract import gazetteer

    monkeypatch.setenv(data.CACHE_ENV, str(tmp_path))
    fresh = gazetteer._counties(data.read_text("divisions.csv"))
    assert data.load_built("divisions.csv", gazetteer._counties, "counties") == fresh  # built and written
    assert data.load_built("divisions.csv", gazetteer._counties, "counties") == fresh  # read from the cache
    assert gazetteer.county("江宁区").province == "江苏省"
