"""The organisation key that links one organ's reports across years (until an org registry exists)."""
from __future__ import annotations

import re
from functools import lru_cache

from .catalogue import catalogue


@lru_cache(maxsize=4096)
def org_key(name: str | None) -> str:
    """A normalised name: 淮安市洪泽区人民政府 → 洪泽区; 云南省玉溪市江川区前卫镇人民政府 → 前卫镇."""
    cfg = catalogue()["org_key"]
    s = re.sub(r"[\s《》“”\"']", "", name or "")
    for suffix in cfg["suffixes"]:
        if s.endswith(suffix) and len(s) > len(suffix):
            s = s[: -len(suffix)]
            break
    region, unit = re.compile(cfg["region"]), re.compile(cfg["unit"])
    while True:
        m = region.match(s)
        if not m or not unit.match(s[m.end():]):
            return s
        s = s[m.end():]


def report_org_key(report) -> str | None:
    """The key of a report's organisation: the registry's org_id when the store provides one."""
    org_id = getattr(report, "org_id", None)
    if org_id:
        return str(org_id)
    return org_key(report.org) if report.org else None
