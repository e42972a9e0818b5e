"""Gazetteer: the province and city above a county, from the national division codes (data/divisions.csv)."""
from __future__ import annotations

import csv
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from .. import data
from .. import lazyre

# A county-level unit as written in running text: a short name and its unit character.
_COUNTY_LIKE = lazyre.compile(r"[\u4e00-\u9fff]{1,7}?(?:自治县|自治旗|新区|区|县|旗|市)")


class Division(NamedTuple):
    """A county-level division with the names above it (city is None under a municipality)."""
    code: str
    name: str
    city: str | None
    province: str


@lru_cache(maxsize=1)
def _table() -> dict[str, list[tuple]]:
    """County-level name → its (code, name, city, province) rows."""
    # Reading the CSV costs ~12 ms of a fresh process, the cached rows ~1 ms; making a Division of each of the
    # ~3,000 rows up front cost another ~5 ms, so only the rows a lookup returns become Divisions.
    # (the kind names the reading: a change to _counties needs a new one, or caches keep the old table)
    return data.load_built("divisions.csv", _counties, "counties-aliases-2")


def _counties(text: str) -> dict[str, list[tuple]]:
    """divisions.csv → county-level name → (code, name, city, province) rows (province and city rows left out)."""
    names = {}
    for row in csv.DictReader(line for line in text.splitlines() if not line.startswith("#")):
        names[row["code"]] = row["name"]
    counties: dict[str, list[tuple]] = {}
    for code, name in names.items():
        if code.endswith("00"):
            continue  # province or city level
        province = names.get(code[:2] + "0000")
        if province is None:
            continue
        counties.setdefault(name, []).append((code, name, names.get(code[:4] + "00"), province))
    taken = set(names.values())  # (a set: a look-up in the dict's values scanned ~3,200 names for each alias)
    # An autonomous county or banner is written short as often as in full (本溪县 and 本溪自治县 for 本溪满族自治县,
    # 镇宁自治县 for 镇宁布依族苗族自治县): both short forms name the same division, unless a division has that name.
    for name, rows in list(counties.items()):
        m = _AUTONOMOUS.fullmatch(name)
        if m:
            for short in (m.group(1) + m.group(2)[-1:], m.group(1) + m.group(2)):
                if short not in taken:
                    counties.setdefault(short, []).extend(rows)
    # A county made a district after the table was written (水城县 → 水城区 in 2020, one of many since 2015) is named by
    # its new unit in the later reports: X区 stands for X县 where no division is called X区.
    # (from the table's own names only: an alias made above, 三江县 for 三江侗族自治县, is no county to make a district of)
    for name, rows in list(counties.items()):
        if name in taken and name.endswith("县") and not name.endswith("自治县") and len(name) >= 3:
            district = name[:-1] + "区"
            if district not in taken:
                counties.setdefault(district, []).extend(rows)
    return counties


_AUTONOMOUS = lazyre.compile(r"([\u4e00-\u9fff]{2,4}?)(?:[\u4e00-\u9fff]{1,3}?族)+(自治县|自治旗)")


def county(name: str, province: str | None = None, city: str | None = None) -> Division | None:
    """The one county-level division of this name (narrowed by province or city when given), else None."""
    found = [d for d in map(Division._make, _table().get(name, ()))
             if (province is None or d.province == province) and (city is None or d.city == city)]
    # Names shared across the country (鼓楼区, 朝阳区, 城关镇's 城关区) are left unresolved, never guessed.
    return found[0] if len(found) == 1 else None


def known(name: str) -> bool:
    """Whether the name is a county-level division anywhere in the country (shared names included)."""
    return name in _table()


def names() -> list[str]:
    """Every county-level division's name (what `known` accepts)."""
    return list(_table())


def counties_named(text: str) -> Counter:
    """How often each known county-level division is named in the text."""
    known = _table()
    out: Counter = Counter()
    for m in _COUNTY_LIKE.finditer(text):
        span = m.group()
        # The match starts wherever CJK starts; the name is its longest known suffix (江川区 in 我镇江川区).
        for s in range(len(span) - 1):
            if span[s:] in known:
                out[span[s:]] += 1
                break
    return out
