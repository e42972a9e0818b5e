"""Step 1: a made-up administrative tree (provinces › cities › counties › towns, plus departments)."""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from ..data import load

LEVELS = ("province", "city", "county", "township", "department")
# Branching of the invented tree; names are derived from (seed, path), so organ i never depends on N.
N_PROVINCES, N_CITIES, N_COUNTIES, N_TOWNS = 3, 4, 6, 9


@dataclass
class Org:
    """One reporting organ of the synthetic tree."""

    code: str  # stable id used in file names (o0001)
    name: str  # as printed in titles
    level: str
    region: dict[str, str] = field(default_factory=dict)
    self_ref: str = "我单位"  # how the prose refers to itself (我镇, 我局…)
    site: str = ""  # region name used for the HTML site chrome
    late_adopter: bool = False  # keeps the 2019 table template for 2021–2022 reports
    scale: float = 1.0  # activity scale (requests, items) relative to a town


def _rng(seed: int, *parts: object) -> random.Random:
    return random.Random(":".join(str(p) for p in (seed, "tree", *parts)))


def _name(seed: int, *path: object) -> str:
    v = load("synth/places.yaml")
    r = _rng(seed, "name", *path)
    return r.choice(v["first"]) + r.choice(v["second"])


def _suffix(seed: int, kind: str, *path: object) -> str:
    return _rng(seed, kind, *path).choice(load("synth/places.yaml")[kind])


SCALE = {"province": 120.0, "city": 40.0, "county": 12.0, "township": 1.0, "department": 6.0}


def make_org(seed: int, i: int, taken: set[str]) -> Org:
    """The i-th organ of the tree for a seed (stable: it does not depend on how many are drawn)."""
    v = load("synth/places.yaml")
    r = _rng(seed, "org", i)
    levels = list(v["level_weights"])
    for attempt in range(50):
        level = r.choices(levels, weights=[v["level_weights"][k] for k in levels])[0]
        p, c, k, t = r.randrange(N_PROVINCES), r.randrange(N_CITIES), r.randrange(N_COUNTIES), r.randrange(N_TOWNS)
        prov = _name(seed, p) + "省"
        city = _name(seed, p, c) + "市"
        csuf = _suffix(seed, "county_suffix", p, c, k)
        county = _name(seed, p, c, k) + csuf
        tsuf = _suffix(seed, "town_suffix", p, c, k, t)
        town = _name(seed, p, c, k, t) + tsuf
        region = {"province": prov}
        if level == "province":
            name, self_ref, site = prov + "人民政府", v["self_ref"]["province"], prov
        elif level == "city":
            region["city"] = city
            name, self_ref, site = city + "人民政府", v["self_ref"]["city"], city
        elif level == "county":
            region.update(city=city, county=county)
            prefix = city if r.random() < 0.4 else ""
            name = prefix + county + "人民政府"
            self_ref = v["self_ref"][{"县": "county", "区": "district", "旗": "banner"}[csuf]]
            site = county
        elif level == "township":
            region.update(city=city, county=county, town=town)
            name = (county if r.random() < 0.5 else "") + town + v["town_org"][tsuf]
            self_ref = v["self_ref"][{"镇": "township", "乡": "xiang", "街道": "street"}[tsuf]]
            site = county
        else:
            dept, self_ref = r.choice(v["departments"])
            where = r.choice(["province", "city", "county", "county"])
            if where == "province":
                for a, b in v["province_department_rename"].items():
                    dept = dept[:-1] + b if dept.endswith(a) else dept
                name, site = prov + dept, prov
            elif where == "city":
                region["city"] = city
                name, site = city + dept, city
            else:
                region.update(city=city, county=county)
                name, site = county + dept, county
        if name not in taken:
            taken.add(name)
            break
    else:  # pragma: no cover - 50 collisions in a row cannot happen with these pools
        raise RuntimeError("could not draw a fresh organ name")
    scale = SCALE[level] * r.uniform(0.5, 1.6)
    return Org(code=f"o{i:04d}", name=name, level=level, region=region, self_ref=self_ref, site=site,
               late_adopter=r.random() < 0.12, scale=scale)


def build(seed: int, n: int) -> list[Org]:
    """The first n organs of the synthetic tree for a seed."""
    taken: set[str] = set()
    return [make_org(seed, i, taken) for i in range(1, n + 1)]
