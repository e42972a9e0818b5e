"""Organisation registry: one stable org_id for the same body across years and spellings."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..data import load
from ..readers.normalize import is_traditional, to_simplified

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
    evidence: list[str] = field(default_factory=list)  # why this name was read as this body (shown by `orgs`)


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


def clean_name(name: str | None) -> tuple[str, list[str]]:
    """The name without title words and with one spelling per suffix, plus what was changed (the evidence)."""
    rules = load("orgs.yaml")
    clean = re.sub(r"\s+", "", name or "")
    evidence = []
    if is_traditional(clean):
        # Records keep org names as printed (前衛鎮人民政府); the registry matches them in simplified form.
        clean = to_simplified(clean)
        evidence.append("traditional spelling read as simplified")
    for pattern in rules["name_noise"]:
        shorter = re.sub(pattern, "", clean)
        if shorter and shorter != clean:
            evidence.append(f"title words dropped: {clean} → {shorter}")
            clean = shorter
    for variant, canon in rules["suffix_variants"].items():
        if clean.endswith(variant) and not clean.endswith(canon):
            clean = clean[: -len(variant)] + canon
            evidence.append(f"{variant} read as {canon}")
    return clean, evidence


def title_org(title: str | None) -> str | None:
    """The body a title names (洪泽区2016年政府信息公开工作年度报告 → 洪泽区), or None."""
    m = re.match(load("orgs.yaml")["title_org"], re.sub(r"\s+", "", title or ""))
    return m.group(1) if m and m.group(1) else None


def parse_name(name: str) -> OrgName:
    """Split an issuing body's name into region chain, core and kind."""
    rules = load("orgs.yaml")
    clean, _ = clean_name(name)
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

    def resolve(self, names: Iterable[tuple]) -> dict[tuple, Resolution]:
        """Resolve (name, region) or (name, region, title) tuples, keyed by entry_key(name, region, title)."""
        entries: dict[tuple, tuple[str, OrgName | None, dict[str, str], list[str]]] = {}
        for item in names:
            name, region, title = (tuple(item) + (None,))[:3]
            k = entry_key(name, region, title)
            if k not in entries:
                entries[k] = _entry(name, region, k[2] if len(k) > 2 else None)
        bodies = _bodies(entries.values())
        return {k: self._resolve_one(name, o, chain, evidence, bodies)
                for k, (name, o, chain, evidence) in entries.items()}

    def _resolve_one(self, name, o, chain, evidence, bodies) -> Resolution:
        if name in self.aliases:
            key = self.aliases[name]
            return Resolution(name, org_id_for(key), key, "resolved", level=o.level if o else None,
                              evidence=[f"alias file: {name} → {key}"])
        if not o or not o.chain:
            # No place in the name (我局, 办公室): whose body it is cannot be told from the name.
            return Resolution(name, None, None, "unresolved", level=o.level if o else None, evidence=evidence)
        own = o.chain[-1][1]
        cands = [m for m in bodies[(o.government, o.core, own)] if _compatible(m, chain)]
        if len(cands) != 1:
            keys = sorted(self._key(o, m) for m in cands)
            return Resolution(name, None, None, "ambiguous", keys, level=o.level, evidence=evidence)
        key = self._key(o, cands[0])
        added = [v for lvl, v in sorted(cands[0].items(), key=lambda kv: REGION_ORDER.index(kv[0]))
                 if lvl not in chain]
        if added:
            evidence = evidence + [f"places named by other reports of the body: {''.join(added)}"]
        return Resolution(name, org_id_for(key), key, "resolved", level=o.level, region=dict(cands[0]),
                          evidence=evidence)

    @staticmethod
    def _key(o: OrgName, chain: dict[str, str]) -> str:
        # The key is the body's own place and its parent (county/town, city/county ...): enough to tell same-named
        # towns apart, and it does not change when a later report also names the province.
        places = [chain[lvl] for lvl in REGION_ORDER if lvl in chain]
        parts = places[-2:] if o.government else places[-2:] + [o.core]
        return "/".join(parts)


def entry_key(name: str | None, region: dict | None, title: str | None = None) -> tuple:
    """The registry's key of a reported name: (name, region items), plus the area when an office publishes
    the report of the government its title names."""
    rkey = tuple(sorted((k, v) for k, v in (region or {}).items() if v))
    area = _office_area(name, title)
    return (name, rkey) if area is None else (name, rkey, area)


def _office_area(name: str | None, title: str | None) -> str | None:
    """The government a report belongs to when its organisation is that government's office (the publisher)
    and its title names the area (洪泽区人民政府办公室, 《洪泽区2016年政府信息公开工作年度报告》 → 洪泽区)."""
    if not name or not title:
        return None
    o = parse_name(name)
    if o.government or o.core not in load("orgs.yaml")["office_suffixes"]:
        return None
    named = title_org(title)
    t = parse_name(named) if named else None
    if not t or not t.government or not t.chain or (o.chain and o.chain[-1][1] != t.chain[-1][1]):
        return None
    return named


def _entry(name: str | None, region: dict | None, area: str | None):
    """(name, parsed name, region chain, evidence) of one reported name."""
    if not name:
        return name, None, {}, []
    clean, evidence = clean_name(name)
    o = parse_name(area or name)
    if area:
        evidence = evidence + [f"published by its office {name}; the title names {area}"]
    elif o.government and o.chain:
        suffix = next((s for s in load("orgs.yaml")["government_suffixes"] if clean.endswith(s)), None)
        evidence = evidence + [f"{suffix or 'a place name'}: the government of {o.core}"]
    chain = {k: v for k, v in (region or {}).items() if v}
    chain.update(dict(o.chain))  # the name's own places win over the record's region fields
    if area:
        chain.update(dict(parse_name(name).chain))
    return name, o, chain, evidence


def _bodies(entries) -> dict[tuple, list[dict[str, str]]]:
    """Bodies grouped by (kind, core, own place): chains that agree on every shared level are merged."""
    # Within a group, chains that disagree on a shared level are different bodies (太平镇 of 甲县 and of 乙县).
    groups: dict[tuple, list[dict[str, str]]] = {}
    for _, o, chain, _ in entries:
        if o and o.chain:
            groups.setdefault((o.government, o.core, o.chain[-1][1]), []).append(chain)
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
    return bodies


ENV_ALIASES = "REPORT_PARSER_ALIASES"
_REGION_COLS = tuple(f"region_{lvl}" for lvl in REGION_ORDER)


def registry(aliases: str | Path | None = None) -> Registry:
    """The registry with the user's alias file: --aliases FILE, else $REPORT_PARSER_ALIASES, else none."""
    import os

    path = aliases or os.environ.get(ENV_ALIASES)
    if path and not Path(path).is_file():
        from ..errors import InputError

        raise InputError("BAD_ALIASES", f"{path}: alias file not found (set by --aliases or {ENV_ALIASES})")
    try:
        return Registry.from_file(path)
    except Exception as e:  # yaml errors, wrong shapes: name the file instead of a traceback
        from ..errors import InputError

        raise InputError("BAD_ALIASES", f"{path}: not a readable alias file ({e})") from e


@dataclass
class Listing:
    """One resolved (or not) name as stored: the registry's answer plus how many reports and which years."""

    resolution: Resolution
    region: dict[str, str]
    reports: int
    years: list[int]


def _refresh_stats(conn) -> None:
    """Re-take SQLite's statistics of reports when someone took them (ANALYZE); PostgreSQL's autovacuum does its own."""
    import sqlalchemy as sa

    if conn.dialect.name != "sqlite":
        return
    has_stats = conn.execute(sa.text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")).first()
    # Statistics taken before the org_ids were written say one org_id matches every report; the planner then
    # scans all reports for compare's same-body filter instead of searching ix_reports_org_id_year.
    if has_stats and conn.execute(sa.text("SELECT 1 FROM sqlite_stat1 WHERE tbl = 'reports'")).first():
        conn.execute(sa.text("ANALYZE reports"))


def assign(engine, reg: Registry | None = None) -> list[Listing]:
    """Resolve every stored report's organisation and write reports.org_id (NULL when unresolved/ambiguous)."""
    import sqlalchemy as sa

    from ..store import schema as S

    reg = reg or registry()
    t = S.reports
    with engine.connect() as conn:
        rows = conn.execute(sa.select(t.c.id, t.c.org, t.c.year, t.c.org_id, t.c.title,
                                      *(t.c[c] for c in _REGION_COLS))).all()
    by_key: dict[tuple, list] = {}
    for r in rows:
        region = {lvl: getattr(r, f"region_{lvl}") for lvl in REGION_ORDER}
        by_key.setdefault(entry_key(r.org, region, r.title), []).append(r)
    res = reg.resolve((k[0], dict(k[1]), rs[0].title) for k, rs in by_key.items())
    changes = [{"rid": r.id, "oid": res[k].org_id} for k, rs in by_key.items() for r in rs
               if r.org_id != res[k].org_id]
    if changes:
        # Only changed rows are written: a re-ingest of a big archive rewrites nothing when nobody moved.
        stmt = sa.update(t).where(t.c.id == sa.bindparam("rid")).values(org_id=sa.bindparam("oid"))
        with engine.begin() as conn:
            conn.execute(stmt, changes)
            _refresh_stats(conn)
    return [Listing(res[k], dict(k[1]), len(rs), sorted({r.year for r in rs if r.year is not None}))
            for k, rs in sorted(by_key.items(), key=lambda kv: (kv[0][0] or "", kv[0][1:]))]


def merged_bodies(listing: list[Listing]) -> list[tuple[str, str, list[Listing]]]:
    """(org_id, canonical key, listings) of every body reported under more than one name or with evidence."""
    by_id: dict[str, list[Listing]] = {}
    for item in listing:
        if item.resolution.org_id:
            by_id.setdefault(item.resolution.org_id, []).append(item)
    return [(oid, items[0].resolution.canonical, items) for oid, items in sorted(by_id.items(),
            key=lambda kv: kv[1][0].resolution.canonical or "")
            if len(items) > 1 or any(i.resolution.evidence for i in items)]
