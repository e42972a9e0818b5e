"""Metadata rules: year in title vs statistics period vs publication date; era vs year; org names."""
from __future__ import annotations

import re

from .catalogue import finding, params
from .facts import Facts, statistics_year
from .orgkey import org_key
from .. import lazyre

_TITLE_YEAR = lazyre.compile(r"(20\d{2}|19\d{2})\s*年")
# The organ before the year in a title; "…人民政府关于2018年…" puts 关于 between them.
_ORG_LIKE = lazyre.compile(r"[\u4e00-\u9fff]{2,30}")
_TITLE_ORG = lazyre.compile(r"^[《\s]*(.*?)\s*(?:关于|印发|公布)?\s*\d{4}\s*年")
_SELF = lazyre.compile(r"我(镇|乡|街道|区|县|市|局|委)")
# Characters that never occur inside a place name here but do before one (了我镇政府, 各乡镇政府):
# a candidate name stops at them, so pronouns and particles never read as another organisation.
_NOT_IN_NAME = "[我本各全该了的和与及在对为是从向将把被等其乡镇区县市省街]"
_UNIT = lazyre.compile(r"(镇|乡|街道|区|县|市|局|委|办)(?:人民政府|政府|办事处)?$")


def check(f: Facts) -> list:
    """All metadata findings of one report."""
    return [*years(f), *era_year(f), *org_names(f), *timeliness(f)]


def title_year(title: str | None) -> int | None:
    """The report year printed in a title (the first 4-digit year)."""
    m = _TITLE_YEAR.search(title or "")
    return int(m.group(1)) if m else None


def years(f: Facts) -> list:
    """M01: the title year agrees with the statistics period, the report year and the publication date."""
    r = f.report
    ty = title_year(r.title)
    if ty is None:
        return []
    out = []
    sy = statistics_year(f.prose)
    if sy is not None and sy != ty:
        out.append(finding("M01", r, section="preamble", keys=["title", "statistics_period"],
                           values={"title_year": ty, "statistics_year": sy}, what="标题与统计期限不符",
                           what_en="title vs statistics period", title_year=ty, other_label="统计期限为",
                           other_label_en="statistics period", other=sy))
    if r.year is not None and r.year != ty and sy is None:
        out.append(finding("M01", r, keys=["title", "year"], values={"title_year": ty, "year": r.year},
                           what="标题与报告年度不符", what_en="title vs report year", title_year=ty,
                           other_label="报告年度为", other_label_en="report year", other=r.year))
    pub = _iso_year_month(r.published)
    # Reports are published in the following year (by 1-31 or 3-31); a December release of the same
    # year happens, anything earlier or two years later means a wrong year somewhere.
    if pub is not None and not (pub[0] == ty + 1 or (pub[0] == ty and pub[1] == 12)):
        out.append(finding("M01", r, keys=["title", "published"], values={"title_year": ty, "published": r.published},
                           what="标题年份与发布日期不符", what_en="title vs publication date", title_year=ty,
                           other_label="发布日期为", other_label_en="published", other=r.published))
    return out


def _iso_year_month(iso: str | None) -> tuple[int, int] | None:
    m = lazyre.compile(r"(\d{4})-(\d{2})").match(iso or "")
    return (int(m.group(1)), int(m.group(2))) if m else None


def deadline(year: int, level: str | None) -> str | None:
    """The statutory publication deadline (ISO date) of a report on `year` by an organ of `level`."""
    # The newest regime in force for that year wins; within it an entry naming the level beats `*`.
    rules = [d for d in params("M04")["deadlines"] if d["from_year"] <= year]
    if not rules:
        return None
    newest = max(d["from_year"] for d in rules)
    regime = [d for d in rules if d["from_year"] == newest]
    hit = next((d for d in regime if level in d["levels"]), None) or next((d for d in regime if "*" in d["levels"]), None)
    return f"{year + 1:04d}-{hit['month_day']}" if hit else None


def timeliness(f: Facts) -> list:
    """M04: a stated publication date within the following year falls on or before the statutory deadline."""
    r = f.report
    year = f.period_year
    pub = lazyre.compile(r"\d{4}-\d{2}-\d{2}").match(r.published or "")
    if year is None or pub is None or int(pub.group()[:4]) != year + 1:
        return []  # unknown date, or a year mismatch that M01 reports
    due = deadline(year, r.level)
    if due is None or pub.group() <= due:
        return []
    return [finding("M04", r, keys=["published", "year", "level"],
                    values={"published": pub.group(), "deadline": due, "year": year, "level": r.level},
                    year=year, published=pub.group(), deadline=due)]


def era_year(f: Facts) -> list:
    """M02: the era (template) fits the report year; late adoption is info, early use a warning."""
    r = f.report
    p = params("M02")
    span = p["eras"].get(r.era or "")
    # The statistics period, when stated, is the year the format was chosen for (a wrong title year is M01's).
    year = f.period_year
    if span is None or year is None:
        return []
    if r.era != "pre2019" and not any(f.table_present(t) for t in ("s2.art20_1", "s3", "s4")):
        return []  # a template era without any template table is the year's guess, not the report's choice
    first, last = span
    if first <= year <= last:
        return []
    x = finding("M02", r, keys=["era", "year"], values={"era": r.era, "year": year}, year=year, era=r.era,
                first=first, last=last)
    if last < year <= last + p["late_years"]:
        x.severity = "info"
    return [x]


def org_names(f: Facts) -> list:
    """M03: the organisation named in the title is the one the text speaks for."""
    r = f.report
    m = _TITLE_ORG.match(r.title or "")
    title_org = (m.group(1).strip("《》 ") if m else "") or (r.org or "")
    if not _ORG_LIKE.fullmatch(title_org):
        return []  # what precedes the year is not an organ name (a sentence caught as a title)
    if not title_org:
        return []
    tkey = org_key(title_org)
    out = []
    if r.org and not _same_org(r.org, title_org):
        out.append(finding("M03", r, keys=["title", "org"], values={"title_org": title_org, "org": r.org},
                           title_org=title_org, body_org=r.org))
    unit = _UNIT.search(tkey)
    if unit is None or f.text is None:
        return out
    # Same-level names written as a full organ name (X镇人民政府) in the body that are neither this organ
    # nor its region; a bare 区政府 / 加强区政府 is prose, not a name, so 人民政府 is required.
    suffix = unit.group(1)
    region = set((r.region or {}).values())
    pat = _full_names(suffix)
    verbs = tuple(params("M03")["not_name_prefixes"])
    for name in dict.fromkeys(_full_names_in(pat, suffix, f.prose)):
        if name.startswith(verbs):  # 结合县人民政府… is "in line with the county government", not a name
            continue
        k = org_key(name)
        if k != tkey and not tkey.endswith(k) and not k.endswith(tkey) and name not in region:
            out.append(finding("M03", r, keys=["title", "body"], values={"title_org": title_org, "body_org": name},
                               title_org=title_org, body_org=name))
            break
    selfs = set(_SELF.findall(f.prose))
    # An organ may speak of the level above it (a town's 我区 or 我市), never of another kind of organ
    # (a town calling itself 我局 is a copy-paste slip).
    allowed = next((a for kinds, a in _ALLOWED_SELF if suffix in kinds), None)
    foreign = sorted(selfs - allowed) if allowed else []
    if foreign and not out:
        out.append(finding("M03", r, keys=["title", "body"], values={"title_org": title_org, "body_org": "我" + foreign[0],
                                                       "self_reference": foreign},
                           title_org=title_org, body_org="我" + foreign[0]))
    return out


def _full_names(suffix: str) -> re.Pattern[str]:
    """Full organ names of one level in prose (X镇人民政府), the name group stopping at _NOT_IN_NAME characters."""
    # The lookahead is what any match needs (2-4 hanzi, the unit, 人民政府), checked cheaply first: trying the name
    # characters' exclusions at every character of a long report's prose cost ~2 ms; the matches are the same.
    return lazyre.compile(r"(?=[\u4e00-\u9fff]{2,4}" + re.escape(suffix) + r"人民政府)"
                          r"((?:(?!" + _NOT_IN_NAME + r")[\u4e00-\u9fff]){2,4}" + re.escape(suffix) + r")人民政府")


def _full_names_in(pat: re.Pattern[str], suffix: str, prose: str) -> list[str]:
    """pat.findall(prose) for pat = _full_names(suffix), searched only where the text says suffix + 人民政府."""
    # Every match ends with suffix + 人民政府 and starts 2-4 characters before it. When that literal cannot overlap
    # itself (no proper prefix of it is also its suffix), a match holds it once, at its end, so the matches are
    # found by searching a window ending at each occurrence, left to right, as findall would: ~0.3-0.5 ms → ~0.02
    # ms on a long report's prose. Anything else goes through findall.
    lit = suffix + "人民政府"
    if not suffix or any(lit.endswith(lit[:n]) for n in range(1, len(lit))):
        return pat.findall(prose)
    out, pos = [], 0
    k = prose.find(lit)
    while k >= 0:
        m = pat.search(prose, max(pos, k - 4), k + len(lit))
        if m:
            out.append(m.group(1))
            pos = m.end()
        k = prose.find(lit, max(k + 1, pos))
    return out


def _same_org(a: str, b: str) -> bool:
    ka, kb = org_key(a), org_key(b)
    if ka == kb or ka in kb or kb in ka:
        return True
    # Only now pay for script conversion: 內蒙古自治區 in a title and 内蒙古自治区 in the record are one organ.
    from ..readers.normalize import _converter

    conv = _converter()
    ka, kb = org_key(conv.convert(a)), org_key(conv.convert(b))
    return ka == kb or ka in kb or kb in ka


_ALLOWED_SELF = (
    ({"镇", "乡", "街道"}, {"镇", "乡", "街道", "区", "县", "市"}),
    ({"区", "县", "市"}, {"区", "县", "市"}),
    ({"局", "委"}, {"局", "委", "区", "县", "市"}),
)
