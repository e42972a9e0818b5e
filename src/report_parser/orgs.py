"""Organisation registry: one stable org_id for the same body across years and spellings."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .data import load
from .normalize import is_traditional, to_simplified

REGION_ORDER = ("province", "city", "county", "town")
_GOV_LEVEL = {"province": "province", "city": "city", "county": "county", "town": "township"}


@dataclass(frozen=True)
class OrgName:
    """A name cut into its region chain (top down, the body's own place last), its core and its kind."""

    raw: str
    chain: tuple[tuple[str, str], ...]
    core: str  # a department's own name (教育局, 人民政府办公室); for a government, its place (前卫镇)
    government: bool
    level: str | None


@dataclass
class Resolution:
    """Where one reported name landed in the registry."""

    name: str
    org_id: str | None
    canonical: str | None
    status: str  # resolved | ambiguous | unresolved
    candidates: list[str] = field(default_factory=list)
    level: str | None = None
    region: dict[str, str] = field(default_factory=dict)


def _cut_regions(name: str) -> tuple[list[tuple[str, str]], str]:
    """Cut leading place names: 江苏省淮安市洪泽区教育局 → [(province, 江苏省), (city, 淮安市), (county, 洪泽区)], 教育局."""
    rules = load("orgs.yaml")
    units = sorted(rules["units"], key=lambda u: len(u["suffix"]), reverse=True)
    chain: list[tuple[str, str]] = []
    rest = name
    while rest:
        found = None
        # The shortest prefix that ends in a unit is the next place (江川区前卫镇 → 江川区 | 前卫镇).
        for end in range(2, min(len(rest), 12) + 1):
            for u in units:
                s = u["suffix"]
                before = end - len(s)
                if rest[:end].endswith(s) and (before >= 2 or (before == 1 and s in rules["short_units"])):
                    found = (end, u)
                    break
            if found:
                break
        if not found:
            break
        end, u = found
        piece, level = rest[:end], u["region"]
        if piece in rules["municipalities"]:
            level = "province"
        elif level == "city" and chain and chain[-1][0] in ("city", "province") and chain[-1][1] not in rules["municipalities"] \
                and chain[-1][0] == "city":
            level = "county"  # a county-level city under a prefecture-level city
        chain.append((level, piece))
        rest = rest[end:]
    return chain, rest


def parse_name(name: str) -> OrgName:
    """Split an issuing body's name into region chain, core and kind."""
    rules = load("orgs.yaml")
    clean = re.sub(r"\s+", "", name or "")
    if is_traditional(clean):
        # Records keep org names as printed (前衛鎮人民政府); the registry matches them in simplified form.
        clean = to_simplified(clean)
    for s in sorted(rules["office_suffixes"], key=len, reverse=True):
        if clean.endswith(s) and len(clean) > len(s):
            chain, _ = _cut_regions(clean[: -len(s)])
            return OrgName(name, tuple(chain), s, False, "department")
    body = clean
    for s in sorted(rules["government_suffixes"], key=len, reverse=True):
        if body.endswith(s) and len(body) > len(s):
            body = body[: -len(s)]
            break
    chain, rest = _cut_regions(body)
    if not rest and chain:
        return OrgName(name, tuple(chain), chain[-1][1], True, _GOV_LEVEL[chain[-1][0]])
    return OrgName(name, tuple(chain), rest or clean, False, "department" if chain else None)


def org_id_for(key: str) -> str:
    """A stable id for a canonical key (the same key gives the same id on any machine)."""
    return "org_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def _compatible(a: dict[str, str], b: dict[str, str]) -> bool:
    return all(a[k] == b[k] for k in a.keys() & b.keys())


class Registry:
    """Links reported names to canonical bodies; lists what it cannot decide instead of merging it."""

    def __init__(self, aliases: dict[str, str] | None = None):
        self.aliases = dict(aliases or {})

    @classmethod
    def from_file(cls, path: str | Path | None) -> "Registry":
        """A registry with the user's alias file (YAML: `aliases: {reported name: canonical key}`)."""
        if not path:
            return cls()
        import yaml

        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        return cls(data.get("aliases") or {})

    def resolve(self, names: Iterable[tuple[str | None, dict | None]]) -> dict[tuple, Resolution]:
        """Resolve (name, region) pairs, keyed by (name, sorted region items)."""
        entries: dict[tuple, tuple[str, OrgName | None, dict[str, str]]] = {}
        for name, region in names:
            rkey = tuple(sorted((k, v) for k, v in (region or {}).items() if v))
            if (name, rkey) in entries:
                continue
            o = parse_name(name) if name else None
            chain = dict(rkey)
            if o:
                chain.update(dict(o.chain))  # the name's own places win over the record's region fields
            entries[(name, rkey)] = (name, o, chain)
        # Bodies are grouped by (kind, core, own place); within a group, chains that disagree on a shared level are
        # different bodies (太平镇 of 甲县 and of 乙县).
        groups: dict[tuple, list[dict[str, str]]] = {}
        for name, o, chain in entries.values():
            if o and o.chain:
                own = o.chain[-1][1]
                groups.setdefault((o.government, o.core, own), []).append(chain)
        bodies: dict[tuple, list[dict[str, str]]] = {}
        for g, chains in groups.items():
            merged: list[dict[str, str]] = []
            for c in sorted(chains, key=len, reverse=True):
                fits = [m for m in merged if _compatible(m, c)]
                if not fits:
                    merged.append(dict(c))
                elif len(fits) == 1:
                    fits[0].update(c)
            bodies[g] = merged
        out: dict[tuple, Resolution] = {}
        for k, (name, o, chain) in entries.items():
            if name in self.aliases:
                key = self.aliases[name]
                out[k] = Resolution(name, org_id_for(key), key, "resolved", level=o.level if o else None)
                continue
            if not o or not o.chain:
                # No place in the name (我局, 办公室): whose body it is cannot be told from the name.
                out[k] = Resolution(name, None, None, "unresolved", level=o.level if o else None)
                continue
            own = o.chain[-1][1]
            cands = [m for m in bodies[(o.government, o.core, own)] if _compatible(m, chain)]
            if len(cands) != 1:
                keys = sorted(self._key(o, m) for m in cands)
                out[k] = Resolution(name, None, None, "ambiguous", keys, level=o.level)
                continue
            key = self._key(o, cands[0])
            out[k] = Resolution(name, org_id_for(key), key, "resolved", level=o.level, region=dict(cands[0]))
        return out

    @staticmethod
    def _key(o: OrgName, chain: dict[str, str]) -> str:
        # The key is the body's own place and its parent (county/town, city/county ...): enough to tell same-named
        # towns apart, and it does not change when a later report also names the province.
        places = [chain[lvl] for lvl in REGION_ORDER if lvl in chain]
        parts = places[-2:] if o.government else places[-2:] + [o.core]
        return "/".join(parts)


ENV_ALIASES = "REPORT_PARSER_ALIASES"
_REGION_COLS = tuple(f"region_{lvl}" for lvl in REGION_ORDER)


def registry(aliases: str | Path | None = None) -> Registry:
    """The registry with the user's alias file: --aliases FILE, else $REPORT_PARSER_ALIASES, else none."""
    import os

    path = aliases or os.environ.get(ENV_ALIASES)
    if path and not Path(path).is_file():
        from .errors import InputError

        raise InputError("BAD_ALIASES", f"{path}: alias file not found (set by --aliases or {ENV_ALIASES})")
    try:
        return Registry.from_file(path)
    except Exception as e:  # yaml errors, wrong shapes: name the file instead of a traceback
        from .errors import InputError

        raise InputError("BAD_ALIASES", f"{path}: not a readable alias file ({e})") from e


@dataclass
class Listing:
    """One resolved (or not) name as stored: the registry's answer plus how many reports and which years."""

    resolution: Resolution
    region: dict[str, str]
    reports: int
    years: list[int]


def assign(engine, reg: Registry | None = None) -> list[Listing]:
    """Resolve every stored report's organisation and write reports.org_id (NULL when unresolved/ambiguous)."""
    import sqlalchemy as sa

    from . import schema as S

    reg = reg or registry()
    t = S.reports
    with engine.connect() as conn:
        rows = conn.execute(sa.select(t.c.id, t.c.org, t.c.year, t.c.org_id,
                                      *(t.c[c] for c in _REGION_COLS))).all()
    by_key: dict[tuple, list] = {}
    for r in rows:
        region = {lvl: getattr(r, f"region_{lvl}") for lvl in REGION_ORDER}
        by_key.setdefault((r.org, tuple(sorted((k, v) for k, v in region.items() if v))), []).append(r)
    res = reg.resolve((name, dict(rk)) for name, rk in by_key)
    changes = [{"rid": r.id, "oid": res[k].org_id} for k, rs in by_key.items() for r in rs
               if r.org_id != res[k].org_id]
    if changes:
        # Only changed rows are written: a re-ingest of a big archive rewrites nothing when nobody moved.
        stmt = sa.update(t).where(t.c.id == sa.bindparam("rid")).values(org_id=sa.bindparam("oid"))
        with engine.begin() as conn:
            conn.execute(stmt, changes)
    return [Listing(res[k], dict(k[1]), len(rs), sorted({r.year for r in rs if r.year is not None}))
            for k, rs in sorted(by_key.items(), key=lambda kv: (kv[0][0] or "", kv[0][1]))]
