"""Organisation registry: the same body across spellings, different bodies kept apart."""
from __future__ import annotations

import pytest

from report_parser.store.orgs import Registry, parse_name


@pytest.mark.parametrize("name,core,government,level", [
    ("前卫镇", "前卫镇", True, "township"),
    ("前卫镇人民政府", "前卫镇", True, "township"),
    ("江川区前卫镇人民政府", "前卫镇", True, "township"),
    ("淮安市洪泽区人民政府", "洪泽区", True, "county"),
    ("南苑街道办事处", "南苑街道", True, "township"),
    ("沛县人民政府", "沛县", True, "county"),
    ("云南省人民政府", "云南省", True, "province"),
    ("江川区教育局", "教育局", False, "department"),
    ("洪泽区人民政府办公室", "人民政府办公室", False, "department"),
    ("重庆市长寿区人民政府", "长寿区", True, "county"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_a_name_splits_into_places_core_and_kind(name, core, government, level):
    o = parse_name(name)
    assert (o.core, o.government, o.level) == (core, government, level)


def test_a_municipality_is_province_level():
    assert parse_name("重庆市长寿区人民政府").chain[0] == ("province", "重庆市")


def _resolve(*names):
    res = Registry().resolve([(n, r) for n, r in names])
    return {k[0]: v for k, v in res.items()}


def test_spellings_of_one_town_share_an_org_id():
    r = _resolve(("前卫镇", None), ("前卫镇人民政府", None), ("江川区前卫镇人民政府", {"province": "云南省"}))
    assert len({v.org_id for v in r.values()}) == 1
    assert r["前卫镇"].canonical == "江川区/前卫镇"


def test_a_city_prefix_and_a_bare_district_are_one_body():
    r = _resolve(("淮安市洪泽区人民政府", None), ("洪泽区人民政府", {"province": "江苏省"}))
    assert r["淮安市洪泽区人民政府"].org_id == r["洪泽区人民政府"].org_id


def test_same_named_towns_of_two_counties_stay_apart_and_the_bare_name_is_ambiguous():
    r = _resolve(("甲县太平镇人民政府", None), ("乙县太平镇人民政府", None), ("太平镇人民政府", None))
    assert r["甲县太平镇人民政府"].org_id != r["乙县太平镇人民政府"].org_id
    assert r["太平镇人民政府"].status == "ambiguous" and r["太平镇人民政府"].org_id is None
    assert len(r["太平镇人民政府"].candidates) == 2


def test_a_name_without_a_place_is_unresolved_not_guessed():
    assert _resolve(("我局", None))["我局"].status == "unresolved"


def test_a_department_is_not_merged_with_its_government():
    r = _resolve(("江川区教育局", None), ("江川区人民政府", None))
    assert r["江川区教育局"].org_id != r["江川区人民政府"].org_id


def test_an_alias_file_pins_a_name(tmp_path):
    f = tmp_path / "aliases.yaml"
    f.write_text("aliases:\n  前卫政府: 江川区/前卫镇\n", encoding="utf-8")
    res = Registry.from_file(f).resolve([("前卫政府", None), ("江川区前卫镇人民政府", None)])
    ids = {v.org_id for v in res.values()}
    assert len(ids) == 1


def test_a_traditional_spelling_joins_its_simplified_twin():
    r = _resolve(("江川區前衛鎮人民政府", None), ("江川区前卫镇人民政府", None))
    assert len({v.org_id for v in r.values()}) == 1
