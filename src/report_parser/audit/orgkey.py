"""The organisation key that links one organ's reports across years: the registry's org_id, else a name key."""
from __future__ import annotations

from functools import lru_cache

from .catalogue import catalogue
from .. import lazyre


@lru_cache(maxsize=4096)
def org_key(name: str | None) -> str:
    """A normalised name: 淮安市洪泽区人民政府 → 洪泽区; 云南省玉溪市江川区前卫镇人民政府 → 前卫镇."""
    cfg = catalogue()["org_key"]
    s = lazyre.compile(r"[\s《》“”\"']").sub("", name or "")
    for suffix in cfg["suffixes"]:
        if s.endswith(suffix) and len(s) > len(suffix):
            s = s[: -len(suffix)]
            break
    region, unit = lazyre.compile(cfg["region"]), lazyre.compile(cfg["unit"])
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


def batch_keys(reports: list) -> dict[int, str | None]:
    """id(report) → organisation key for a batch: the stored org_id, else the registry's id for the batch's
    names (variants of one body across years resolve to one id), else the name key; None without a name."""
    from ..store.orgs import entry_key, registry

    todo = [r for r in reports if not getattr(r, "org_id", None) and (r.org or "").strip()]
    regions = {id(r): {k: v for k, v in (getattr(r, "region", None) or {}).items() if v} for r in todo}
    res = registry().resolve((r.org, regions[id(r)], r.title) for r in todo) if todo else {}
    out: dict[int, str | None] = {}
    for r in reports:
        if getattr(r, "org_id", None):
            out[id(r)] = str(r.org_id)
        elif id(r) in regions:
            hit = res[entry_key(r.org, regions[id(r)], r.title)]
            # Unresolved or ambiguous names are never merged into a body: they keep a key of their own.
            out[id(r)] = hit.org_id or org_key(r.org)
        else:
            out[id(r)] = None  # no organisation: not a body, never counted in coverage or cross-year rules
    return out
