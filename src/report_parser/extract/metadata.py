"""Metadata: who issued a report (org, region, level), for which year, under which template (era)."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

from .. import data
from . import gazetteer, numbers, positions
from ..model import TABLE, Document
from .. import lazyre

_YEAR = r"(?:19|20)\d{2}"
# A year as printed in a date, tolerating the characters real pages lose: "20191月1日" (年 lost),
# "201711日至1231日" (年 and 月 lost), "2019年12月31日". Not followed by more digits than a lost
# month/day could explain, and not inside a document number "〔2018〕64号".
# (2015-1-1, 2015.12.31: a date in figures with a dash, dot or slash names its year too)
_DATE_YEAR = lazyre.compile(rf"(?<![\d〔\[﹝(（])({_YEAR})(?=\s*年|\d{{1,4}}\s*[月日]|[-./]\d{{1,2}}[-./]\d{{1,2}}(?!\d))")
_ISO_DATE = lazyre.compile(rf"({_YEAR})\s*[-/.年]\s*(\d{{1,2}})\s*[-/.月]\s*(\d{{1,2}})日?")
_DOC_NUMBER = lazyre.compile(rf"[〔\[﹝(（]\s*{_YEAR}\s*[〕\]﹞)）]?\s*\d*\s*号|{_YEAR}\s*\d+\s*号")
_ORG_CHARS = r"[^\d,，。、《》<>:：;；|!！?？\s\"“”'‘’]"
_REPORT_WORDS = ("政府信息公开", "政府信息", "信息公开", "政务公开")

# Sources of an org name, strongest first. A signature at the end names the issuer outright; a
# title or the intro names the report's owner; 发布机构 rows are often abbreviated; the subject of a
# sentence and the contact office are indirect; a department's most frequent name ending like its
# self-reference (我局 → …局) comes next; a bare mention in the body is the weakest.
SOURCES = ("signature", "title", "intro", "meta", "subject", "contact", "self", "opening", "masthead", "body")


@lru_cache(maxsize=None)
def _cfg() -> dict[str, Any]:
    cfg = dict(data.load("metadata.yaml"))
    places = data.load("places.yaml")
    cfg["provinces"] = places["provinces"]
    cfg["prefectures"] = {c: p for p, cs in places["prefectures"].items() for c in cs}
    stop = re.escape(cfg["name_stop_chars"])
    name = rf"[^\W\d_{stop}]"
    units = "|".join(sorted(map(re.escape, cfg["place_units"]), key=len, reverse=True))
    # 办 ends a body (县政府办), not a verb (累计办理, 共办结)
    bodies = "|".join(re.escape(u) + ("(?![理结件好])" if u == "办" else "")
                      for u in sorted(cfg["body_units"] + cfg["institution_units"], key=len, reverse=True))
    # One link of a place chain: 1–8 name characters and a unit (鹭州市 / 桐江区 / 岚桥街道办事处), then
    # optionally 人民政府 (or 政府, unless it begins 政府信息…: "柏泉乡政府信息公开" is 柏泉乡's 信息公开).
    # Where a unit ends is decided by _not_a_department.
    # A subdistrict may be named after a town (安镇街道): 街道 right after 镇 belongs to the unit.
    # Places whose name holds a character that otherwise stops a name (于洪区, 本溪市, 如东县, 成都市, 盐都区, 天等县):
    # the division list's own spellings, so 于 or 都 in any other words still ends a name
    stops = frozenset(cfg["name_stop_chars"])  # (a set: ~3,000 names are tested at every start, ~1.2 ms less)
    cfg["_stop_place"] = lazyre.compile("|".join(sorted(
        [n for n in gazetteer.names() if not stops.isdisjoint(n)]
        + [p + "市" for p in cfg["prefectures"] if not stops.isdisjoint(p)], key=len, reverse=True)))
    cfg["_place"] = lazyre.compile(rf"(?:{cfg['_stop_place'].pattern}|{name}{{1,8}}?(?:{units}))"
                                  rf"{_not_a_department(cfg['department_words'])}"
                                  rf"(?:(?<=镇)街道(?:办事处)?)?(?:人民政府|政府(?!信息))?")
    # (a department's word that holds a stop character, 经济 in 经济合作局, is one of its words all the same)
    words = "|".join(map(re.escape, cfg["unit_words_with_stop_chars"]))
    cfg["_body"] = lazyre.compile(rf"(?:{words}|[^\W\d_{re.escape(cfg['name_stop_chars'].replace('和', ''))}]){{0,14}}?"
                                 rf"(?:{bodies})"
                                 rf"(?:[(（][^()（）]{{2,30}}[)）])?")
    cfg["_levels"] = [(lvl, lazyre.compile(p)) for lvl, p in cfg["levels"]]
    cfg["_markers"] = {era: [lazyre.compile(p) for p in ps] for era, ps in cfg["era_markers"].items()}
    cfg["_contact_units"] = sorted(cfg["contact_units"], key=len, reverse=True)
    cfg["_name_char"] = lazyre.compile(name)
    cfg["_ends"] = tuple(sorted(tuple(cfg["place_units"]) + tuple(cfg["body_units"]) + ("人民政府", "政府")
                                + tuple(cfg["government_organs"]) + tuple(cfg["zone_units"])
                                + tuple(cfg["institution_units"]), key=len, reverse=True))
    cfg["_internal_office"] = lazyre.compile(cfg["internal_office"])
    zones = "|".join(sorted(map(re.escape, cfg["zone_units"]), key=len, reverse=True))
    cfg["_zone"] = lazyre.compile(rf"(?P<zone>.(?:{zones}))(?:管理委员会|管委会|工作委员会|人民政府|政府)?$")
    cfg["_run_on"] = lazyre.compile("|".join(map(re.escape, cfg["run_on_words"])))
    cfg["_field_label_in"] = lazyre.compile("|".join(map(re.escape, sorted(
        set(cfg["field_words"] + cfg["date_labels"] + cfg["row_labels"] + cfg["publisher_labels"]) - {"日期", "时间"},
        key=len, reverse=True))))
    by_len = lambda words: "|".join(sorted(map(re.escape, words), key=len, reverse=True))  # noqa: E731
    cfg["_field_value"] = lazyre.compile(rf"(?:{by_len(cfg['field_words'])})\s*[:：]?\s*(?:{by_len(cfg['field_values'])})?")
    return cfg


_UNIT_CHARS = "省市区县镇乡旗州盟"


def _not_a_department(words: list[str]) -> str:
    """Lookarounds that end a place unit only where its unit character is a place unit."""
    # A unit directly followed by another unit character is part of a longer name (槐州区, 榆市镇: the
    # 州 and the 市 belong to the name), unless that character opens a department word: the 县 of
    # 某县市场监督管理局 ends the place, its 市 does not (市场), nor does the 市 of 城市管理.
    # 市政 (municipal works) is never the 市政 of 市政府 (a city's government): "弥勒市政府信息公开工作".
    opening = "|".join(re.escape(w) + _not_government(w) for w in words if w[0] in _UNIT_CHARS)
    out = [rf"(?!(?!{opening})[{_UNIT_CHARS}])" if opening else rf"(?![{_UNIT_CHARS}])"]
    for w in words:
        for k, ch in enumerate(w):
            if ch in _UNIT_CHARS:
                before, after = re.escape(w[:k + 1]), re.escape(w[k + 1:]) + _not_government(w)
                out.append(rf"(?!(?<={before}){after})" if after else rf"(?<!{before})")
    return "".join(out)


def _not_government(word: str) -> str:
    return "(?!府)" if word.endswith("政") else ""


# ---------------------------------------------------------------- org names

def chain_at(text: str, pos: int) -> str | None:
    """The place-and-body name starting at pos (鹭州市桐江区人民政府岚桥街道办事处), or None."""
    cfg = _cfg()
    end = last = pos
    while True:
        m = cfg["_place"].match(text, end)
        if not m or cfg["_run_on"].search(m.group()):  # "…人民政府紧紧围绕县委": the sentence, not a place
            break
        last, end = end, m.end()
    if end == pos:
        return None
    town = _TOWN_UNIT.match(text, end)
    if town and text[end - 1] == "市" and not gazetteer.known(text[last:end]) \
            and text[last:end - 1] not in cfg["prefectures"] and text[last:end] not in cfg["provinces"]:
        # 矿市街道 / 沙市镇: a township whose name ends in 市, not a city (no city of that name) with a unit after it
        end = town.end()
    m = cfg["_body"].match(text, end)
    if m and m.end() > end and not text[end:m.end()].startswith(("政府信息", "信息")) \
            and not cfg["_run_on"].search(text[end:m.end()]):
        end = m.end()
    return text[pos:end]


_TOWN_UNIT = lazyre.compile(r"街道办事处|街道|镇|乡(?!镇)")


def _strip_parens(name: str) -> str:
    return lazyre.compile(r"[(（][^()（）]*[)）]$").sub("", name)


def _clean_name(name: str) -> str:
    """A name without spaces, a "(以下简称…)" note and a doubled final unit (…管理局局)."""
    n = lazyre.compile(r"[\s\u3000\xa0]+").sub("", name).strip("的")
    # "(以下简称市政府办公室)" introduces an abbreviation; it is not part of the name
    n = lazyre.compile(r"[(（](?:以下简称|以下称|下称|简称)[^()（）]*[)）]").sub("", n)
    # a customs district's report (重庆海关关区2020年…年报) is the customs' own: 关区 names its area, not another body
    n = lazyre.compile(r"(?<=海关)关区$").sub("", n)
    # a unit typed twice ("…数据资源管理局局") is a slip, not a name
    return lazyre.compile(r"(局|委|厅|办|室)\1$").sub(r"\1", n)


# A notice's or a title's wording ("…办公室关于印发…", "政府信息公开鹭州市"): never part of a body's name.
_NOTICE_WORDING = lazyre.compile(r"关于|印发|转发|公布|报告|年报|信息公开|政务公开")


@lru_cache(maxsize=8192)
def valid_org(name: str | None, stop_start_ok: bool = False) -> str | None:
    """The name cleaned when it reads as an issuing body (ends with a unit, has a proper name); stop_start_ok lets
    it open with a character that ends names in sentences (都龙镇人民政府 at the start of a title)."""
    if not name:
        return None
    n = _trim_glued(_clean_name(name))
    if not 2 <= len(n) <= 45 or lazyre.compile(r"[\d《》<>,，。:：;；|]").search(n):
        return None
    cfg = _cfg()
    if n.startswith(("关于", "根据", "现", "特")) or n[0] in cfg["name_stop_chars"] and not stop_start_ok \
            and not cfg["_stop_place"].match(n):
        return None
    if n.startswith(tuple(cfg["publisher_labels"]) + tuple(cfg["date_labels"]) + ("索引号", "文号", "发文字号")):
        return None  # a metadata row's label glued to its value ("发布机构 县政府办公室")
    # a notice's or a title's wording, not a name ("…办公室关于印发…县", "政府信息公开鹭州市")
    if _NOTICE_WORDING.search(n) or "情况" in n or any(w in n for w in cfg["field_words"]) \
            or any(n[m.end():] not in cfg["units_after_run_on"] for m in cfg["_run_on"].finditer(n)):
        return None
    # "参加省市", "各市县": two level words side by side speak of many areas, they end no name
    if lazyre.compile("(?:" + "|".join(cfg["collective_words"]) + ")$").search(_strip_parens(n)):
        return None
    if lazyre.compile(r"(?:主办|承办|协办)$").search(n):  # "X人民政府主办": a website's host, not a body's name
        return None
    # 大兴区北京市大兴区发展和改革委员会 (a place chain printed twice by a copy slip): the name from its second copy
    # (the second copy's own place chain holds the first: not a place inside an alias, 林业局(岚溪县森林防火…))
    for k in range(2, len(n) - 3):
        if n[k:].find(n[:k]) > 0 and chain_at(n[:k], 0) == n[:k] and n[:k] in (chain_at(n[k:], 0) or "") \
                and valid_org(n[k:]) == n[k:]:
            return n[k:]
    # 锡山区人民政府厚桥街道 (由…人民政府厚桥街道党政办公室编制): a bare township after a government is a name cut
    # where its office began; the government is the township's superior. (The formal name of a subdistrict office
    # holds its district's government: 荔湾区人民政府南源街道办事处 stays whole.)
    under = lazyre.compile(r".+?(?:人民政府|政府)(.+?(?:街道|镇|乡|苏木))").fullmatch(n)
    if under and level_of(under.group(1)) == "township" and (township := valid_org(under.group(1))):
        return township
    party = lazyre.compile(r"(.+?(?:街道|镇|乡|苏木))(?:党工委|党委)").fullmatch(n)
    if party and level_of(party.group(1)) == "township":
        return valid_org(party.group(1))  # a subdistrict's party committee speaks for the subdistrict (X街道党工委)
    if lazyre.compile(r"[省市县区旗州盟镇乡]委$|党工委$|党委$|党组$").search(n) and not lazyre.compile(r"管委$").search(n):
        return None  # "X区委", "开发区党工委" are party bodies, never the issuer of a government's report
    if not _HANZI_NAME.fullmatch(n):
        return None
    core = _strip_parens(n)
    if (core[:1] in "区市县镇乡省州旗盟委局办厅" or core.startswith("自治")) and core[:2] not in _place_heads2():
        # "区卫生和计划生育局", "自治州人民政府办公厅": the place name was left out — unless a place's own name opens
        # with that character (镇宁自治县政府, 乡宁县人民政府, 镇江市…)
        return None
    if lazyre.compile(r".(?:人民)?政府").fullmatch(core):
        return None  # "年政府" (a title cut after its year: …统计局2023 / 年政府信息公开…): no place has one character
    ends = cfg["_ends"]
    if not core.endswith(ends):
        return None
    bare = core
    for suffix in ("人民政府", "政府"):
        if bare.endswith(suffix):
            bare = bare[: -len(suffix)]
            break
    unit = _first_end(bare, ends)
    if unit is not None:
        bare = bare[: -len(unit)]
    if not bare or bare in ("人民", "政府", "人民政府", "本级", "上级", "政府信息公开", "信息公开"):
        return None
    return n


# hanzi and brackets only (a CJK-range class: ~2 ms to compile, hence kept compiled)
_HANZI_NAME = lazyre.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff()（）]*")


def _known_place_at(name: str, k: int) -> bool:
    """Whether a province, a prefecture or a county-level division's full name starts at name[k]."""
    if name[k:k + 1] not in _place_heads():
        return False  # no such name starts with this character: the look-ups below would all fail
    cfg = _cfg()
    for end in range(k + 2, min(k + 9, len(name)) + 1):
        part = name[k:end]
        if part in cfg["provinces"] or (part[-1] in "市州盟" and part[:-1] in cfg["prefectures"]) \
                or (part[-1] in "区县旗市" and gazetteer.known(part)):
            return True
    return False


@lru_cache(maxsize=1)
def _place_heads() -> frozenset[str]:
    """The first characters of every name _known_place_at knows (built once: ~3,000 names)."""
    cfg = _cfg()
    return frozenset(n[:1] for names in (cfg["provinces"], cfg["prefectures"], gazetteer.names()) for n in names)


def _leftmost_known_place(text: str, lo: int, hi: int, end: int) -> int | None:
    """The first k in [lo, hi) where a known place's name starts in text[k:end] (as _known_place_at), or None."""
    # Only the leftmost start is wanted, and a start whose first two characters open no name _known_place_at
    # accepts (each is at least two long) is skipped before the slice and the look-ups: _body_names tested every
    # start of every 人民政府 mention (~0.8 ms on a long report). Same result.
    heads = _place_heads2()
    return next((k for k in range(lo, min(hi, end - 1)) if text[k:k + 2] in heads and _known_place_at(text[k:end], 0)),
                None)


@lru_cache(maxsize=1)
def _place_heads2() -> frozenset[str]:
    """The first two characters of every name _known_place_at accepts (a prefecture's with each of 市州盟)."""
    cfg = _cfg()
    prefectures = (p + unit for p in cfg["prefectures"] for unit in "市州盟")
    return frozenset(n[:2] for names in (cfg["provinces"], prefectures, gazetteer.names()) for n in names)


def _first_end(name: str, ends: tuple[str, ...]) -> str | None:
    """The first of `ends`, in their order, that name ends with, or None (only those ending with its last character
    are tried: ~60 endswith calls for each new name were a tenth of valid_org on a long report)."""
    by_last = _ends_by_last(ends)
    if by_last is None:
        return next((unit for unit in ends if name.endswith(unit)), None)
    return next((unit for unit in by_last.get(name[-1:], ()) if name.endswith(unit)), None)


@lru_cache(maxsize=4)
def _ends_by_last(ends: tuple[str, ...]) -> dict[str, tuple[str, ...]] | None:
    """`ends` grouped by their last character, each group in the order of `ends`; None if one is empty."""
    if not all(ends):
        return None  # "" ends every name: no character to group by
    out: dict[str, list[str]] = {}
    for unit in ends:
        out.setdefault(unit[-1], []).append(unit)
    return {c: tuple(units) for c, units in out.items()}


def _trim_glued(n: str) -> str:
    """A name without page words glued before it ("专栏天津市河西区", "适老模式正定县人民政府正定县X镇…")."""
    # Chrome and headings lose their separators on flattened pages. A name that does not open with a
    # known place but holds one further on starts there, unless what precedes is itself a place chain
    # or a party or national prefix (中共柳河县委…, 国家税务总局柳河县税务局).
    cfg = _cfg()
    # portal words glued before any name on a flattened page (登录注册退出省政府研究室)
    n = _strip_chrome(n) or n
    # a site's search box between the portal's words and the name ("华池县人民政府政府信息公开全文检索五蛟镇人民政府")
    cut = max((n.rfind(w) + len(w) for w in cfg["chrome_breaks"] if w in n), default=0)
    if 0 < cut < len(n) - 1:
        n = n[cut:]
    if len(n) < 5:
        return n
    glued = not _known_place_at(n, 0) and not n.startswith(tuple(cfg["name_prefixes"]))
    # the first place further on (one call: the starts no place name opens are passed over before any look-up)
    k = _leftmost_known_place(n, 1, len(n) - 2, len(n)) if glued else None
    if k is not None:
        # a national prefix of the name right before its place stays with it (…信息公开目录中国人民银行安庆市中心支行)
        k -= next((len(p) for p in cfg["name_prefixes"] if n.endswith(p, 0, k) and len(p) < k), 0)
        # only page words: a sentence's words (是根据…) before a place make no name at all
        prefix = n[:k]
        if prefix.count("(") + prefix.count("（") > prefix.count(")") + prefix.count("）"):
            pass  # 高新区(新市区)政府: a place inside the name's own brackets is an alias, not its start
        # (a prefecture's name without its 市 is the name's own place: 绍兴滨海新区管委会, 苏州工业园区)
        # (one character before a one-character county is the name's own first character, no page word: 绍兴县政府
        # is the former county, not 兴县 with 绍 glued before it; 合重庆市…, left of 结合, is still cut. The units a
        # one-character place may take are the registry's short_units.)
        elif not (len(prefix) == 1 and n[k + 1:k + 2] in data.load("orgs.yaml")["short_units"]) \
                and chain_at(prefix, 0) != prefix \
                and not any(c in cfg["name_stop_chars"] for c in prefix) \
                and not lazyre.compile("根据|按照|依据").search(prefix) and prefix not in cfg["prefectures"]:
            n = n[k:]
        elif prefix.endswith(("信息公开", "政务公开", "依申请公开")):
            n = n[k:]  # a portal's column before the name ("首都之窗政府信息公开北京市大兴区X镇"): whatever its words
    # an office's name glued before a township's (a flattened 发布机构 row before the title:
    # "X县人民政府办公室白石镇"): an office never has a place under it, the township is the name
    office = lazyre.compile(r".+?(?:人民政府|政府)(?:办公室|办公厅)").match(n)
    if office and office.end() < len(n) and chain_at(n, office.end()) == n[office.end():] \
            and level_of(n[office.end():]) == "township":
        return n[office.end():]
    # a portal's government glued before a zone's committee ("文山市人民政府文山三七产业园区管理委员会")
    portal = lazyre.compile(r".+?(?:人民政府|政府)").match(n)
    if portal and portal.end() < len(n) and _is_zone(_strip_parens(n[portal.end():])) \
            and valid_org(n[portal.end():]):
        return n[portal.end():]
    # the formal name, then the short one again (岳西县五河镇人民政府五河镇 on a flattened page)
    again = lazyre.compile(r"(.*?([^\W\d_]{2,8}?(?:镇|乡|街道|苏木))(?:人民政府|政府|办事处))\2").fullmatch(n)
    if again:
        return again.group(1)
    # a name printed twice (or more) on a flattened page, the second time without its higher place
    # ("北京市门头沟区民政局门头沟区民政局", "X县人民政府X县人民政府X县人民政府")
    for size in range(len(n) // 2, 3, -1):
        if n[:-size].endswith(n[-size:]):
            return _trim_glued(n[:-size])
    # the same place printed twice: the portal's name, then the body's own ("正定县人民政府正定县X镇人民政府")
    first = cfg["_place"].match(n)
    if first:
        unit = lazyre.compile(r"(?:人民政府|政府)$").sub("", first.group())
        k = n.find(unit, len(unit))
        if k > 0 and valid_org(n[k:]):
            # the body's own name may print a higher place the first one left out: a breadcrumb's last step or
            # the portal, then the title's name ("南岸区重庆市南岸区", "奉节县人民政府重庆市奉节县")
            j = first.end()
            if j < k and _known_place_at(n, j) and valid_org(n[j:]):
                return n[j:]
            return n[k:]
    return n


@lru_cache(maxsize=4096)
def abbreviated_org(name: str | None) -> str | None:
    """A department named with only its level character for the place (省卫生健康委, 市民促局), or None."""
    # Reports of provincial and city departments often call themselves so; taken only where the text
    # names itself (its title, the subject of its sentences), since a mention may be another body's.
    if not name:
        return None
    cfg = _cfg()
    n = _clean_name(name)
    core = _strip_parens(n)
    # three characters only for a commission's or an office's short name (市教委, 区建委, 市外办); never a party body
    # (县纪委, 市党委, 市委办)
    short = len(core) == 3 and (core.endswith("委") and core[1] not in cfg["party_committee_chars"]
                                or core.endswith("办") and core[1] != "委")
    # an autonomous region's department by its level word (自治区商务厅), as a province's (省商务厅)
    level = "自治区" if core.startswith("自治区") else core[:1]
    if not (4 <= len(core) <= 20 or short) or level not in (*cfg["abbreviated_levels"], "自治区"):
        return None
    if not lazyre.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff()（）]*").fullmatch(n) or not core.endswith(tuple(cfg["body_units"])):
        return None
    if _NOTICE_WORDING.search(n) or cfg["_run_on"].search(n) \
            or any(c in cfg["name_stop_chars"] for c in _without_unit_words(core[1:])):
        return None
    return n


def _without_unit_words(name: str) -> str:
    """name without the department words that hold a stop character (经济, 安全), for the stop-character test."""
    for word in _cfg()["unit_words_with_stop_chars"]:
        name = name.replace(word, "")
    return name


def _leading_stop_name(name: str) -> str | None:
    """A title's name that opens with a stop character (都龙镇人民政府: 都 is "all" in a sentence) when it is a
    government's full name all the same, with a place of three characters or more before its unit (not 全县, 本局)."""
    org = valid_org(name, stop_start_ok=True)
    core = lazyre.compile(r"(?:人民政府|政府|办事处)$").sub("", name)
    return org if org and len(core) >= 3 and level_of(org) in ("township", "county", "city") else None


def _own_name(name: str | None) -> str | None:
    """A name where the text names itself: a full name, a level-abbreviated department or zone."""
    return valid_org(name) or abbreviated_org(name) or _abbreviated_zone(name)


def _abbreviated_zone(name: str | None) -> str | None:
    """A zone named with only its level character for the city (市临空经济区 in its own report's title), or None."""
    if not name:
        return None
    n = _clean_name(name)
    if len(n) < 5 or n[0] not in _cfg()["abbreviated_levels"] or not _is_zone(n):
        return None
    if any(c in _cfg()["name_stop_chars"] for c in _without_unit_words(n[1:])) or valid_org(n[1:]) is None:
        return None
    return n


def _title_org(line: str) -> tuple[str | None, int | None]:
    """(org, year) named by a report title line: "X2019年…报告" or "2019年X政府信息公开…报告"."""
    # a list's year tag in brackets before the title (【2020】X镇人民政府2020年…报告)
    # (the opening bracket may be gone: the title search starts after it)
    line = lazyre.compile(rf"^\s*[【\[(（]?\s*{_YEAR}\s*年?度?\s*[】\])）]\s*").sub("", line)
    # a metadata row's code value before the title on a page flattened to one line (信息索取号:000012345/2024-00123
    # 青松市…报告): six characters or more of digits, letters and separators, then a space
    line = lazyre.compile(r"^\s*(?=[0-9A-Za-z/\-_.]*\d)[0-9A-Za-z/\-_.]{6,}\s+(?=[\u4e00-\u9fff])").sub("", line)
    # a stray year before the name of a title that states its year ("2025湖口县大垅乡2025年度…报告")
    line = lazyre.compile(rf"^\s*{_YEAR}(?=[^\d年]{{2,45}}?{_YEAR}\s*年)").sub("", line)
    # "X关于2019年政府信息公开工作的年度报告": 关于 between the name and the year
    # "关于X2019年…的报告": a report addressed upwards opens with 关于
    # the 年 may be lost on the page ("X2022政府信息公开工作年度报告")
    # (not a date: "X人民政府 2015年2月" is a signature run into the next words on a flattened page)
    m = lazyre.compile(rf"\s*(?:关于)?(?P<org>{_ORG_CHARS}{{2,45}}?)\s*(?:关于\s*)?(?P<y>{_YEAR})\s*"
                       rf"(?:年(?!\s*\d{{1,2}}\s*月)|(?=政府信息|信息公开|政务公开))").match(line)
    if m and _own_name(m.group("org")):
        return _own_name(m.group("org")), int(m.group("y"))
    if m and lazyre.compile(_cfg()["title_street"]).fullmatch(m.group("org")) \
            and lazyre.compile(r"\s*年?度?\s*(?:政府信息公开|政务公开|信息公开)").match(line, m.end("y")):
        return m.group("org"), int(m.group("y"))  # 青槐里街2021年政府信息公开工作年度报告: a subdistrict named X街
    if m and m.group("org")[0] in _cfg()["name_stop_chars"] and (leading := _leading_stop_name(m.group("org"))):
        return leading, int(m.group("y"))
    words = "|".join(_REPORT_WORDS)
    m = lazyre.compile(rf"(?P<y>{_YEAR})\s*年度?\s*(?P<org>{_ORG_CHARS}{{1,45}}?)(?:{words})").search(line)
    if m:
        org = m.group("org")
        if org.endswith("人民"):  # "岚溪县人民政府信息公开": the lazy match stopped inside 人民政府
            org += "政府"
        if valid_org(org):
            return valid_org(org), int(m.group("y"))
    # "2009上海市X镇政府信息公开工作年度报告": the 年 lost after a year that opens the title
    m = lazyre.compile(rf"\s*(?P<y>{_YEAR})(?!\s*年)\s*(?P<org>{_ORG_CHARS}{{2,45}}?)(?:{words})").match(line)
    if m and not lazyre.compile(r"\d").match(m.group("org")) and valid_org(m.group("org")):
        return valid_org(m.group("org")), int(m.group("y"))
    y = lazyre.compile(rf"({_YEAR})\s*年(?!\s*\d{{1,2}}\s*月)").search(line)  # a date (2021年01月28日) is no title year
    # "XX局政府信息公开工作年度报告(2019年度)": the name before the report words, the year after them
    # or nowhere in the title ("XX局政府信息公开年度报告": the year is in the text)
    m = lazyre.compile(rf"\s*(?P<org>{_ORG_CHARS}{{2,45}}?)(?:{words})").match(line)
    if m and (y is None or y.start() > m.end()):
        org = m.group("org") + ("政府" if m.group("org").endswith("人民") else "")
        # (a department that titles itself by its level word, 区政务服务办政府信息公开工作年度报告, as with a year)
        return _own_name(org), int(y.group(1)) if y else None
    return None, int(y.group(1)) if y else None


# A breadcrumb's steps: arrows anywhere; "/" and "-" only on a line that opens like a breadcrumb
# ("当前位置:首页-信息公开-X", "首页 / 年报 / X"), since a date or a name may hold them elsewhere.
_CRUMB_START = lazyre.compile(r"\s*(?:当前位置|您的位置|您现在的位置|现在位置|所在位置|位置)?\s*[:：]?\s*首页|\s*(?:当前位置|您的位置|您现在的位置)")


def _breadcrumb(line: str) -> list[str]:
    """The steps of a breadcrumb line (the line itself, alone, when it is none)."""
    steps = lazyre.compile(r"\s*(?:[>›»→]|－>|->)\s*").split(line)
    if len(steps) == 1 and _CRUMB_START.match(line):
        steps = lazyre.compile(r"\s*(?:/|(?<!\d)-(?!\d))\s*").split(line)
    return steps


def _is_title_line(line: str) -> bool:
    s = line.strip()
    if not 6 <= len(s) <= 70 or len(_breadcrumb(s)) > 1 or "当前位置" in s:
        return False
    # (an intro cut at its 报告 on a page flattened to one line: "是根据《条例》(以下简称《条例》)要求,由X编制的…报告")
    if s.startswith(("根据", "本报告", "本年度", "本年报", "按照", "为", "是根据", "是按照", "是依据")) or "。" in s \
            or "以下简称" in s:
        return False
    return ("报告" in s or "年报" in s) and ("公开" in s or "报告" in s)


def _lines(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
            if limit and len(out) >= limit:
                break
        pos += len(line) + 1
    return out


_SENTENCE_RUNS_ON = lazyre.compile(r"[\u4e00-\u9fff]{1,6}[。，,；;]")


def _titles(doc: Document, text: str) -> list[tuple[int, str]]:
    """Title lines near the top (offset, text), a split title rejoined ("鹭州市…局" + "政府信息公开…报告")."""
    # a portal's menu, one short item per line, can fill the first 14 lines: the title is within the first 14
    # lines, or within 30 while the lines before it start in the first 300 characters
    lines = _lines(text, 30)
    head = lines[:14]
    for k in range(14, len(lines)):
        if lines[k - 1][0] >= 300:
            break
        head.append(lines[k])
    out = []
    for i, (pos, line) in enumerate(head):
        crumbs = _breadcrumb(line)
        # a breadcrumb's last step may be the title itself ("首页 > 年报 > X镇2019年…报告")
        parts = lazyre.compile(r"\s*\|\s*").split(line) if len(crumbs) == 1 else crumbs[-1:]
        for part in parts:
            title = _strip_label(_strip_chrome(part))
            if _is_title_line(title) and (len(crumbs) == 1 or lazyre.compile(_YEAR).search(title)):
                out.append((pos + line.find(title), title + _year_line_below(head, i, title)))
        if _is_title_line(line) and not _title_org(line)[0]:
            above = _org_line_above(head, i)
            if above:
                out.insert(0, (above[0], above[1].strip() + line.strip()))
        joined = _split_title(head, i)
        if joined:
            out.append((pos, joined))
    # A page flattened to one line has no title line, and a title line may carry the page's info bar
    # ("X2019年…报告 发布时间:2020-01-15 来源:… 浏览次数:…"): take the text before each early "报告" back
    # to the previous break ("槐江市…局2015年政府信息公开工作年度报告发布日期:2016-03-10…").
    for k, (pos0, first) in enumerate(head):
        if len(first) <= 70 and not (k and lazyre.compile(r"(?:报告|年报)\s+\S").search(first)):
            continue
        for m in lazyre.compile(r"报告|年报").finditer(first[:TITLE_SCAN]):
            breaks = list(_TITLE_BREAK.finditer(first, 0, m.start()))
            # a field's value after its label (发布机构:X政府信息公开…报告 on a flattened page) is the
            # publisher's name run into the title, not a title naming it
            label = "|".join(map(re.escape, _cfg()["publisher_labels"]))
            if breaks and lazyre.compile(rf"(?:{label})\s*[:：]$").search(first[:breaks[-1].end()]):
                continue
            part = _strip_label(_strip_chrome(first[breaks[-1].end() if breaks else 0:m.end()]))
            if not _is_title_line(part) or not _title_org(part)[0]:
                part = _spaced_title(part)
            # (the words the file set apart may open with a field's label: "主题词 标题X2016年…报告"; a menu's
            # items glued before the title, "走进汉台 新闻中心 政府信息公开 … X街道办事处2020年…报告", may read as
            # naming a body of their own: the fewest words the file set apart win there too, unless the whole run
            # names the same body with its places before it, a title over lines: "槐川市 自然资源和规划局 2021年…")
            cut = _strip_label(_raw_spaced_title(doc, pos0 + m.end() - len(part), part))
            whole = _title_org(part)[0]
            if not whole or not _places_before(whole, _title_org(cut)[0]):
                part = cut
            # (a report's name that a sentence runs on after, "…以及 2016 年度X各部门的…年度报告编制。", is the sentence's
            # object, the year set apart as a copied PDF prints it: no title — unless the file had a space after it,
            # "X2017年度…报告 一年来,…" glued by normalisation)
            runs_on = _SENTENCE_RUNS_ON.match(first, m.end()) \
                and not positions.raw_spaces(doc, pos0 + m.end(), pos0 + m.end() + 1)
            # (a clause boundary inside the words before 报告 makes them a sentence's end, not a title:
            # "结合 2021 年度X人民政府信息公开工作实际,编制发布此报告")
            if _is_title_line(part) and (k == 0 or not lazyre.compile(r"[。,，]").search(first[:m.start()])) \
                    and not runs_on and not lazyre.compile(r"[,，;；]").search(part):
                out.append((pos0 + m.end() - len(part), part))
                # the body's name printed on the line under a title that lacks it, run into the title and the
                # first heading ("2020年…年度报告X经开区(滨江)管委会一、总体情况"): the title names it
                below = _NAME_UNDER_TITLE.match(first, m.end())
                if not _title_org(part)[0] and below and valid_org(below.group("org")):
                    out.append((pos0 + below.start("org"), below.group("org") + part))
    meta_title = (doc.meta or {}).get("title")
    if isinstance(meta_title, str) and _is_title_line(meta_title):
        out.append((-1, meta_title.strip()))
    return out


def _places_before(whole: str, name: str | None) -> bool:
    """Whether whole is name with place names before it (槐川市桐江区 + 白石街道办事处), the level word an
    abbreviated name opens with spelt out there (新疆维吾尔自治区 + 自然资源厅 for 自治区自然资源厅)."""
    if not name:
        return False
    short = _LEVEL_WORD.sub("", name, count=1)
    return any(whole.endswith(n) and len(whole) > len(n) and _PLACES.fullmatch(whole[:-len(n)]) is not None
               for n in {name, short} if n)


_LEVEL_WORD = lazyre.compile(r"^(?:自治区|省|市|州|盟|县|区|旗)")


# place names one after another, none holding a body's word (局, 委, 办…: 卫生局内容概述市 is no place)
_PLACES = lazyre.compile(r"(?:(?:(?![局厅委办院所站心会处部科队室])[\u4e00-\u9fff]){1,7}?[省市州盟县区旗])+")


def _raw_spaced_title(doc: Document, pos: int, run: str) -> str:
    """The title at the end of a run whose words the file set apart with spaces normalisation took away ("正文内容区域
    请使用tab按钮切换浏览 上海市X街道 2020年度…报告", "政府信息公开 X街道2022年…报告"), or the run."""
    # the fewest words before 报告 that make a title naming its body and stating its year, as _spaced_title does
    # with the spaces the text kept
    cuts = positions.raw_spaces(doc, pos + 1, pos + len(run))
    for j in range(len(cuts) - 1, -1, -1):
        k = cuts[j]
        if j and k - cuts[j - 1] == 1 or not j and k - pos == 1:
            continue  # a one-character word before it: a title printed spaced out (琼 海 市人 民 政 府), no field
        cand = run[k - pos:]
        org, year = _title_org(cand)
        if _is_title_line(cand) and org and year:
            return cand
    return run


# (the name may be followed by the report's date, as signed under the title: "…年度报告 X管委会 2026年1月8日 一、总体情况")
_NAME_UNDER_TITLE = lazyre.compile(r"\s*(?P<org>[^\s,，。;；:：、]{2,30}?)\s*"
                                   r"(?:(?:19|20)\d{2}[ \t]*年[ \t]*\d{1,2}[ \t]*月[ \t]*\d{1,2}[ \t]*日\s*)?"
                                   r"(?=[一1][、.．]|第一部分)")


def _spaced_title(run: str) -> str:
    """The title at the end of a run of space-separated page fields ("• 时效性 有效 X2025年…报告"), or the run."""
    # A flattened page keeps the spaces between its fields (索引号, 发布机构, 时效性 and their values), and a
    # title holds none or one (X 2019年…): the fewest words before 报告 that make a title naming its body.
    # The title must state its year: a cut inside `2012 年度我局…` (spaces around a number) is no title.
    words = run.split()
    for n in range(1, min(len(words), 3) + 1):
        cand = " ".join(words[-n:])
        if n < len(words) and re.search(r"\d$", words[-n - 1]):
            continue
        org, year = _title_org(cand)
        if _is_title_line(cand) and org and year:
            return cand
    return run


def _year_line_below(head: list[tuple[int, str]], i: int, title: str) -> str:
    """"(2019年度)" printed on its own line under a title that lacks the year, else ""."""
    if lazyre.compile(_YEAR).search(title) or i + 1 >= len(head):
        return ""
    m = lazyre.compile(rf"\s*[(（]?\s*({_YEAR})\s*年度?\s*[)）]?\s*").fullmatch(head[i + 1][1])
    return f"({m.group(1)}年度)" if m else ""


def _split_title(head: list[tuple[int, str]], i: int) -> str | None:
    """A title broken inside its words over two or three lines ("青石镇2019年政府信息公开工作" / "年度报告")."""
    # Page templates wrap long titles at a fixed width, anywhere in the words. Short lines with no
    # sentence punctuation that together read as one; none but the last may be a title alone, and no
    # line that is a title with its year by itself (then it is the title, and the line above is chrome).
    parts: list[str] = []
    for _, line in head[i:i + 3]:
        s = _strip_chrome(line)
        # a line that is a title by itself (with its year) is not a fragment of another
        if not s or len(s) > 40 or lazyre.compile(r"[。,，;；:：|>]").search(s) or \
                (_is_title_line(s) and (not parts or lazyre.compile(_YEAR).search(s))):
            return None
        parts.append(s)
        title = "".join(parts)
        if len(parts) > 1 and lazyre.compile(r"(?:报告|年报)$").search(title) and _is_title_line(title):
            return title
    return None


def _org_line_above(head: list[tuple[int, str]], i: int) -> tuple[int, str] | None:
    """The line naming the org above a title line that lacks it, across page-chrome lines, or None."""
    # Pages print the organ's name and "2019年政府信息公开工作年度报告" as two heading lines, often
    # with a font-size or print widget line between them (字号:【大】【中】【小】 【打印本页】).
    for j in range(i - 1, max(i - 4, -1), -1):
        line = head[j][1].strip()
        # the year may stay on the name's line: "鹭州市数据局2020年" / "政府信息公开工作年度报告"
        named = lazyre.compile(rf"(?:{_YEAR}\s*年度?\s*)?(.+?)(?:\s*{_YEAR}\s*年度?)?").fullmatch(line)
        named = named if named and lazyre.compile(_YEAR).search(line) else None
        if valid_org(line) or (named and _own_name(named.group(1))):
            return _place_line_above(head, j)
        if not _is_chrome_line(line):
            return None
    return None


def _place_line_above(head: list[tuple[int, str]], j: int) -> tuple[int, str]:
    """The name line j with a line above it that is only its place ("槐川市" / "自然资源和规划局")."""
    # Title templates wrap a long department name after its place, giving a three-line title.
    if j > 0:
        place = head[j - 1][1].strip()
        # only a name without a county or larger place of its own (林业局, 白石街道办事处), under a bare
        # place (not under a portal's "X县人民政府")
        first = _cfg()["_place"].match(head[j][1].strip())
        if place and chain_at(place, 0) == place and not place.endswith("政府") \
                and (first is None or level_of(first.group()) == "township"):
            return head[j - 1][0], place + head[j][1].strip()
    return head[j]


def _is_chrome_line(line: str) -> bool:
    """Whether a line holds only page widgets (字号 大 中 小, 打印, 关闭窗口…) and punctuation."""
    words = _cfg()["chrome_line_words"]
    rest = lazyre.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True))).sub("", line)
    return not lazyre.compile(r"[\s\u3000\xa0:：|【】\[\]()（）/·]+").sub("", rest)


# What precedes a title on a one-line page: punctuation, a breadcrumb arrow, a date, another title.
# How far into a long first line (a page flattened to one line) a title is looked for: a portal's info bar
# (索引号, 发布机构, 发布日期, 时效性, each with its value) can fill 200 characters before the title.
TITLE_SCAN = 320
_TITLE_BREAK = lazyre.compile(rf"[。>|:：›»•]|{_YEAR}-\d{{1,2}}-\d{{1,2}}(?:\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?|报告|年报")


def _strip_label(s: str) -> str:
    """A title without the field label a crawler or a metadata block put before it (标题:X…, [X]2019年…)."""
    s = lazyre.compile(_cfg()["title_labels"]).sub("", s, count=1)
    # the page's info bar after the title ("…年度报告 发布时间:2020-01-15 来源:…")
    s = lazyre.compile(r"(报告|年报)\s+(?:发布|来源|信息来源|时间|日期|浏览|点击|作者|字号).*$").sub(r"\1", s)
    return lazyre.compile(r"^[\[【〔]([^\[\]【】〔〕]{2,30})[\]】〕]").sub(r"\1", s)


def _strip_chrome(s: str) -> str:
    """A title without the page-chrome words glued before it (登录注册…, 打印…), nor a date (2020-01-15)."""
    s = lazyre.compile(rf"^\s*{_YEAR}-\d{{1,2}}-\d{{1,2}}(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s+").sub("", s).strip()
    changed = True
    while changed:
        changed = False
        words = _cfg()["chrome_words"]
        # (most titles and names open with no chrome word: one test in C says so before the walk in order)
        if s.startswith(tuple(words)):
            for w in words:
                if s.startswith(w):
                    s, changed = s[len(w):].lstrip(" |"), True
        # an info bar's last field and its value run into the title ("时效性有效X镇2025年…报告")
        field = _cfg()["_field_value"].match(s)
        if field and field.end() < len(s):
            s, changed = s[field.end():].lstrip(" |"), True
    return s


def _strip_contacts(name: str) -> str:
    """_strip_contact applied until nothing more comes off (each step once: it was asked twice a step)."""
    while (stripped := _strip_contact(name)) != name:
        name = stripped
    return name


def _strip_contact(name: str) -> str:
    """The body in a contact office's name: without 办公室, 党建办, 信息公开领导小组办公室…"""
    cfg = _cfg()
    for unit in cfg["_contact_units"]:
        if name.endswith(unit) and valid_org(name[: -len(unit)]):
            body = name[: -len(unit)]
            # "X厅政府" + "信息公开领导小组办公室" is X厅's 政府信息公开 office: a department has no 政府 of its own
            if body.endswith("政府") and lazyre.compile(r"(?:局|厅|委|委员会|办|中心)$").search(body[:-2]) \
                    and valid_org(body[:-2]):
                return body[:-2]
            return body
    # Any short internal office after a valid body name: the longest such body, but never a name cut
    # inside 政府信息 ("X局政府" + "信息公开…办公室" is X局's office).
    for k in range(len(name) - 1, 1, -1):
        rest = name[k:]
        if rest.startswith("信息") and name[:k].endswith("政府"):
            continue
        if rest.startswith(("公室", "公厅", "员会")):
            continue  # never inside a unit's own word (…领导小组办公室综合科 is the 办公室's section)
        if cfg["_internal_office"].fullmatch(rest) and valid_org(name[:k]):
            return name[:k]
    return name


def _outside_brackets(text: str, pos: int) -> bool:
    """Whether pos is outside 《…》 (a cited document's title names another body)."""
    return text.rfind("《", 0, pos) <= text.rfind("》", 0, pos)


def _org_candidates(doc: Document, titles, text: str) -> list[tuple[str, str, int]]:
    """(source, name, offset) of every org name the text offers."""
    lines = _lines(text)
    head = text[:2500]
    cands = _signature_names(lines)
    named = [(pos, *_title_org(t)) for pos, t in titles]
    # a portal's name over its column's generic title (X区人民政府 / 政府信息公开年报) yields to a title that names a
    # body and a year (2016年X街道政府信息公开工作年度报告): the page's own report
    dated = any(org and y for _, org, y in named)
    cands += [("title", _raw_last_word(doc, text, org, pos), pos) for pos, org, y in named if org and (y or not dated)]
    cands += [("masthead", org, pos) for pos, line in lines[:8] for org in [valid_org(line.strip())] if org]
    cands += _intro_names(head, self_level(text))
    cands += _publisher_rows(head, lines) + _page_publisher(doc)
    cands += _subject_names(head, text)
    cands += _contact_names(text)
    cands += _download_site(text)
    cands += _body_names(text)
    cands += _self_named(text) + _paragraph_openings(text, doc)
    # the site's host in a page footer (主办:X县人民政府办公室) is no mention of the report's body
    footer = lazyre.compile(_cfg()["footer_line"])
    in_footer = {p for p, line in lines if footer.match(line)}
    cands = [c for c in cands if c[0] not in ("self", "body", "opening", "masthead")
             or text.rfind("\n", 0, c[2]) + 1 not in in_footer]
    cands = [(src, _branch_office(name, pos, text), pos) for src, name, pos in cands]
    # a name ending in 部 that the text goes on with 门 is the common noun 部门 cut short (徐州市气象部门: the city's
    # meteorological system), not a ministry (外交部)
    cands = [c for c in cands if not (c[1].endswith("部") and text[c[2]:c[2] + len(c[1]) + 1] == c[1] + "门")]
    # a body named in passing right before a document's title (和青岛市人民政府《关于…的实施意见》) is that document's
    # issuer, cited by the report, not its author
    cands = [c for c in cands if not (c[0] == "body" and text[c[2]:c[2] + len(c[1])] == c[1]
                                      and text[c[2] + len(c[1]):c[2] + len(c[1]) + 1] in ("《", "<"))]
    return _agree_with_self_reference(cands, text) or _self_government(text) or _source_rows(head, text)


def _raw_last_word(doc: Document, text: str, org: str, pos: int) -> str:
    """A title's name without the page words a space set apart from it in the file (管委会 重庆高新…管理委员会)."""
    # Normalisation glues CJK words across a space (justified text puts one between every character), so on a page
    # flattened to one line the last breadcrumb step or menu item runs into the title's name. The file's raw text
    # still shows the break: words before it that are no place chain (a county before its township is one: 岳西县
    # 五河镇人民政府) are page words. Justified text (one character per word) leaves no valid last word.
    k = text.find(org, max(pos, 0), max(pos, 0) + 200)
    breaks = positions.raw_spaces(doc, k + 1, k + len(org)) if k >= 0 and len(org) >= 4 else []
    if not breaks:
        return org
    last, before = text[breaks[-1]:k + len(org)], text[k:breaks[-1]]
    if len(last) < 3 or not valid_org(last):
        return org
    if chain_at(before, 0) == before and not before.endswith(("镇", "乡", "街道", "苏木")):
        return org  # 岳西县 五河镇人民政府: a place, then a body under it
    return last


def _branch_office(name: str, pos: int, text: str) -> str:
    """A bureau's name with the branch the text names right after it (安康市生态环境局 + 紫阳分局): a branch office
    (分局) reports as itself, under its parent's name."""
    if not name.endswith("局") or text[pos:pos + len(name)] != name:
        return name
    branch = _BRANCH.match(text, pos + len(name))
    return name + branch.group() if branch else name


_BRANCH = lazyre.compile(r"[\u4e00-\u9fff]{2,4}?分局")


def _source_rows(head: str, text: str) -> list[tuple[str, str, int]]:
    """("meta", name, offset) from a 来源:X field naming a body of the level the text calls itself (我乡, 我局)."""
    lvl = self_level(text)
    label = "|".join(map(re.escape, _cfg()["source_labels"]))
    out = []
    for m in lazyre.compile(rf"(?:{label})[ \t\u3000]*[:：][ \t\u3000]*([^\s|]+)").finditer(head):
        # the page's next field may be glued to the value (来源:X乡人民政府选择阅读字号): the longest name it opens with
        value = m.group(1)
        org = next((value[:k] for k in range(len(value), 2, -1) if valid_org(value[:k]) == value[:k]), None)
        if org and lvl is not None and level_of(org) == lvl:
            out.append(("meta", org, m.start(1)))
    return out[:1]


# A government's name where a report speaks of its own work: after a sentence break or a verb of setting up
# (成立X镇政府信息公开领导小组, 健全完善X镇信息公开工作机制) and before the disclosure words, its organs or a verb.
_SET_UP = "成立|健全|完善|推进|制定|印发|开通|建立"
_OWN_GOVERNMENT = lazyre.compile(
    r"(?:^|(?<=[\s,，。;；:：《“(（、])|(?<=成立|健全|完善|推进|制定|印发|开通|建立))"
    r"(?P<name>[\u4e00-\u9fff]{2,6}?(?:街道|苏木|镇|乡|县|区|旗|市))"
    r"(?=人民政府|政府|党委|党政|信息公开|政务公开|政府信息公开|微信|公众号|门户网站|对\s?\d{4}\s?年|在|按照|认真|坚持|高度|紧紧)")
_SELF_UNITS = {"township": ("街道", "苏木", "镇", "乡"), "county": ("县", "区", "旗"), "city": ("市",)}


def _self_government(text: str) -> list[tuple[str, str, int]]:
    """("self", name, offset) for a report that names no body in its title, intro or contact but says 我镇/我市
    and names a government of that level where it speaks of its own work; the most frequent such name."""
    lvl = self_level(text)
    if lvl not in _SELF_UNITS:
        return []
    seen: Counter = Counter()
    first: dict[str, int] = {}
    for m in _OWN_GOVERNMENT.finditer(text):
        name = lazyre.compile(rf"^(?:{_SET_UP})+").sub("", m.group("name"))
        org = valid_org(name) if len(name) >= 3 else None
        if org is None or any(c in _cfg()["name_stop_chars"] for c in name) \
                or not _outside_brackets(text, m.start("name")):
            continue  # a phrase run into a name (推动乡), or the title of a rule 《X镇…制度》: not the body speaking
        # the sentence around the name within its line, not the whole line: on a page flattened to one line a
        # 《…<条例>…》 or a table's bars elsewhere say nothing of this sentence
        start = text.rfind("\n", 0, m.start()) + 1
        line = text[start:(text.find("\n", m.end()) + 1 or len(text) + 1) - 1]
        lo, hi = m.start() - start, m.end() - start
        line = line[line.rfind("。", 0, lo) + 1:(line.find("。", hi) + 1) or len(line)]
        if not lazyre.compile(r"[。，,]").search(line) or lazyre.compile(r"[>›»|]").search(line):
            continue  # a breadcrumb or a menu names the site's sections, not who speaks
        # named right after a verb of setting up, or at least twice: a phrase run into a unit character once
        # (同时接受镇党委的监督) is no name
        set_up = m.group("name") != name or lazyre.compile(rf"(?:{_SET_UP})$").search(text, 0, m.start("name"))
        if name.endswith(_SELF_UNITS[lvl]) and level_of(org) == lvl and (set_up or text.count(name) >= 2):
            seen[org] += 1
            first.setdefault(org, m.start("name"))
    # two names of the body's level (a town and its neighbour) leave the body unnamed rather than guessed
    if len(seen) != 1:
        return []
    org = next(iter(seen))
    return [("self", org, first[org])]


def _signature_names(lines: list[tuple[int, str]]) -> list[tuple[str, str, int]]:
    """("signature", name, offset): a line at the very end that is only a name (often before a date line)."""
    # a page footer (主办:…, 联系电话:…, 网站标识码…) printed after the report is not its end
    footer = lazyre.compile(_cfg()["footer_line"])
    while lines and footer.match(lines[-1][1]):
        lines = lines[:-1]
    out = []
    # (the end: a name and date in the top half are a page's metadata rows, "青浦区教育局 / 2018.01.25" over a report
    # flattened to one long line after them)
    half = (lines[-1][0] + len(lines[-1][1])) // 2 if lines else 0
    for i, (pos, line) in enumerate(lines[-3:], start=max(len(lines) - 3, 0)):
        if pos < half:
            continue
        org = valid_org(line.strip())
        nxt = lines[i + 1][1] if i + 1 < len(lines) else ""
        # the name and its date on one line ("青禾县水利局 2020年1月20日"), the last line of the report
        glued = lazyre.compile(rf"\s*(\S+?)\s*({_ISO_DATE.pattern})\s*").fullmatch(line)
        if not org and glued and valid_org(glued.group(1)) and i == len(lines) - 1 and i > 3:
            out.append(("signature", valid_org(glued.group(1)), pos + line.find(glued.group(1))))
            continue
        # (a line of sentences is no signature: a text cut after "…,利用咸宁市" ends with a place, not a name line)
        if org and i > 3 and not _SENTENCE_MARKS.search(line) \
                and (_ISO_DATE.search(nxt) or (not nxt and lines[i - 1][1].rstrip().endswith("。"))):
            out.append(("signature", org, pos))
    if not out and lines and len(lines[-1][1]) > FLAT_LINE:
        # a page flattened to one line ends with its signature after the last sentence ("…的知情权。 X镇人民政府
        # 2015年1月10日"): the name and its date after the last stop
        pos, line = lines[-1]
        k = max(line.rfind("。"), line.rfind("！"), line.rfind("？")) + 1
        glued = lazyre.compile(rf"\s*(\S+?)\s*({_ISO_DATE.pattern})\s*").fullmatch(line, k) if k else None
        if glued and valid_org(glued.group(1)):
            out.append(("signature", valid_org(glued.group(1)), pos + glued.start(1)))
    return out


_SENTENCE_MARKS = lazyre.compile(r"[。，,；;！？]")
FLAT_LINE = 300  # a line this long at the end of a text is a page flattened to one line, not a signature line


_PUBLISHING = (0, 2)  # the intro patterns that publish a named body's own report (现公布X…报告)


# the short name a text defines after the full one (国家税务总局X市税务局(以下简称“X市税务局”,下文类同)2021年…)
_SHORT_NAME_ASIDE = r"(?:[(（](?:以下简称|以下称|下称|简称)[^()（）]{0,30}[)）]\s*)?"


def _intro_names(head: str, own: str | None = None) -> list[tuple[str, str, int]]:
    """("intro", name, offset) from the authorship sentences, and ("title", …) from a title quoted there."""
    words = "|".join(_REPORT_WORDS)
    intro = [
        # (编制并发布X2024年度…报告: both verbs; 报告涵盖X2024年信息公开工作情况: what the report covers is X's year)
        rf"(?:(?:编制|制作)(?:并|和|及)(?:发布|公布|公开)|公布|发布|印发|现将|编制了?|现公开|向社会公开|总结|内容主要为|涵盖)"
        rf"\s*(?P<org>{_ORG_CHARS}{{2,45}}?)\s*{_SHORT_NAME_ASIDE}(?:(?:政府)?信息公开)?\s*{_YEAR}\s*年",
        # (the report's name runs on to 报告 within its clause: "结合2021年度X人民政府信息公开工作实际,编制发布此报告"
        # names the area whose work the report draws on, and a clause boundary lies before 报告)
        rf"{_YEAR}\s*年度?\s*(?P<org>{_ORG_CHARS}{{2,45}}?)(?:{words})[^。,，;；]{{0,12}}?报告",
        # "现公开X县人民政府信息公开年度报告": no year, the report named right after the body
        rf"(?:公布|发布|印发|现将|编制了?|现公开|向社会公开)\s*(?P<org>{_ORG_CHARS}{{2,45}}?)\s*(?:政府)?信息公开(?:工作)?"
        rf"(?:年度报告|年报)",
        rf"由(?P<org>[^\d,，。、《》:：;；\s]{{2,60}}?)(?:(?:根据|按照|依据|依照)[^。]{{0,240}}?)?(?:负责|牵头|组织)?"
        r"(?:编制|汇总|制作|编写)",
        rf"由(?P<org>{_ORG_CHARS}{{2,45}}?)(?:汇总|综合|负责解释)",
        # "…要求,X人民政府信息公开办公室汇总全市政府信息公开情况编制而成本报告" (no 由)
        rf"(?:^|[,，。\n])\s*(?P<org>{_ORG_CHARS}{{2,45}}?)(?:汇总|综合)(?:了)?(?:全[市省县区旗州盟]|各[县市区])",
        rf"(?:^|[,，。\n])\s*(?P<org>{_ORG_CHARS}{{2,45}}?)(?:现|特)?(?:编制|制作|公布)(?:了|的)?\s*(?:{_YEAR}\s*年|本)",
        # "X积极对外公开政府信息,认真组织编制本单位2019年度信息公开报告": the subject that compiles its own (本单位) report
        rf"(?:^|[,，。\n])\s*(?P<org>{_ORG_CHARS}{{2,45}}?)(?=积极|认真|扎实|切实|严格|高度)[^。\n]{{0,60}}?(?:组织)?编制(?:了)?"
        rf"本(?:单位|机关)\s*{_YEAR}\s*年",
        # "X结合单位实际,编制本单位2022年度…报告"
        rf"(?:^|[,，。\n])\s*(?P<org>{_ORG_CHARS}{{2,45}}?)(?:结合|根据|按照)[^,，。\n]{{0,12}}[,，]\s*(?:编制|制作)(?:了)?"
        rf"\s*(?:本单位|本机关|本局|本)?\s*{_YEAR}\s*年",
        # "…,结合天津港保税区政府信息公开情况编制": the body whose disclosure the report was compiled from (根据/和 2023年
        # X政府信息公开工作开展情况编制, the year before it)
        # (汇总X政府信息公开工作情况编制而成: the body's own work summed up)
        rf"(?:结合|根据|依据|和|汇总)\s*(?:{_YEAR}\s*年度?\s*)?(?P<org>{_ORG_CHARS}{{2,45}}?)(?:政府信息公开|信息公开|政务公开)"
        rf"(?:工作)?(?:开展)?(?:情况|实际)(?:而)?编制",
        # "这是X2019年…报告", "本报告是X按照《条例》编制的"
        rf"是(?P<org>{_ORG_CHARS}{{2,45}}?)(?:{_YEAR}\s*年|按照|根据|依据|依照)",
        # "按时上传X2024年政府信息公开工作年度报告": the report's own full title, uploaded as part of the year's work
        rf"(?:上传|报送)\s*(?P<org>{_ORG_CHARS}{{2,45}}?)\s*{_YEAR}\s*年度?(?:政府)?信息公开工作年度报告",
    ]
    out = []
    for k, pat in enumerate(intro):
        for m in lazyre.compile(pat).finditer(head):
            if not _outside_brackets(head, m.start("org")):
                continue
            org = m.group("org")
            # 我乡编制了X县人民政府办公室2017年度…报告: the sentence's author is the text's own body and the name after
            # the verb another's, left over from the report it was copied from
            author = lazyre.compile(r"(?:我|本)[\u4e00-\u9fff]{1,2}$").search(head, max(0, m.start() - 3), m.start())
            if k == 0 and author and self_level(author.group()) not in (None, level_of(valid_org(org) or org)):
                continue
            if org.endswith("人民"):
                org += "政府"
            sentence = head[head.rfind("。", 0, m.start()) + 1:head.find("。", m.start()) % (len(head) + 1)]
            # A government office compiling the whole area's report ("由鹭州市人民政府办公室汇总全市…",
            # "在各市政府、省直部门年度报告基础上,由…办公厅编制") reports for the area, not for the office.
            if lazyre.compile(r"汇总|综合|基础上|各级行政机关").search(sentence) and \
                    lazyre.compile(r"全[市省县区旗州]|各[县市区]|各级|[省市县区]直|所属各").search(sentence):
                # (X人民政府信息公开办公室汇总全市…: the government's disclosure office, the same case)
                org = lazyre.compile(r"人民政府(?:信息公开|政务公开|政府信息公开)?(办公室|办公厅)$").sub("", org)
            # So does one whose report speaks as the area (我县, 全县: the self-references are the
            # area's, not an office's 我办): the office compiled it, the area reports.
            # Not where the sentence publishes the office's own report (现公布X县人民政府办公室2019年…报告).
            area = lazyre.compile(r"人民政府(办公室|办公厅)$").sub("", org)
            if area != org and own in _GOVERNMENTS and level_of(area) == own and k not in _PUBLISHING:
                # a township's office is its own (本报告由X乡人民政府办公室…编制): the government, as printed
                org = org[:-3] if own == "township" else area
            # A township's own internal office compiles its report (由X乡人民政府党政办公室编制): the body is
            # the township; a county's 人民政府办公室 is a department of its own and stays.
            office = lazyre.compile(r"(?:(?<=政府)|(?<=街道)|(?<=镇)|(?<=乡)|(?<=苏木))"
                                    r"(?:党政综合办公室|党政办公室|党政办|综合办公室|党建办)$").search(org)
            if office and level_of(org[:office.start()]) == "township":
                org = org[:office.start()]
            # so does a bureau's own office (由X省地震局办公室编制): the bureau is the body
            # (龙湾区委农办(区农林局)办公室: the bureau's second name in brackets before its office)
            office = lazyre.compile(r"(?:(?<=[局厅委])|(?<=[局厅委][)）]))(?:办公室|综合科|综合处|办)$").search(org)
            if office and level_of(org[:office.start()]) == "department":
                org = org[:office.start()]
            # 由市外办编制: a department's own short name; not a government's office (市政府办公厅 compiles an area's
            # report, and its full name is printed elsewhere)
            org = valid_org(org) or (abbreviated_org(org) if not lazyre.compile(r"政府(?:办公室|办公厅|办)$").search(org)
                                     else None)
            if org:
                out.append(("intro", org, m.start("org")))
    # The report's own title quoted in the intro (现公布《前卫镇人民政府2017年…年度报告》) is a title.
    # (only a disclosure report's title: 《陕西省2012年预算执行情况和2013年财政预算草案的报告》 is a budget report the
    # text lists, not its own)
    for m in lazyre.compile(r"《(?P<t>[^《》]{6,70}?报告)》").finditer(head):
        if not any(w in m.group("t") for w in _REPORT_WORDS):
            continue
        org, _ = _title_org(m.group("t"))
        if org:
            out.append(("title", org, m.start()))
    return out


@lru_cache(maxsize=1)
def _zone_name() -> re.Pattern[str]:
    """A zone's name and its committee (台州湾经济技术开发区管委会); its words may hold stop characters (经济)."""
    zones = "|".join(sorted(map(re.escape, _cfg()["zone_units"]), key=len, reverse=True))
    return lazyre.compile(rf"[\u4e00-\u9fff]{{1,12}}?(?:{zones})(?:管理委员会|管委会)?")


def _subject_names(head: str, text: str) -> list[tuple[str, str, int]]:
    """("subject", name, offset): the subject of a sentence that opens with a date, or of the boilerplate."""
    out = []
    # The pre-2019 boilerplate "推进政府信息公开是X贯彻落实《条例》的重要举措" names the body as its subject
    # ("X政府" there is the body's colloquial name: X).
    for m in lazyre.compile(rf"是(?P<org>{_ORG_CHARS}{{2,30}}?)(?<!人民)(?:政府)?(?:贯彻落实|深入贯彻|深入推行)").finditer(head):
        org = valid_org(m.group("org"))
        if org and _outside_brackets(head, m.start("org")):
            out.append(("subject", org, m.start("org")))
    # "2023年,岚溪县围绕…", "2009年3月起桐江区柏树街道办事处开通…", "今年以来,X…",
    # "2024年,在区委、区政府的领导下,X…" (two such clauses: 在…领导下,在…指导下,X…)
    # (a PDF copied as text may set the year apart: "2025 年,在县委…领导下,X…")
    when = rf"(?:{_YEAR}\s?年(?:\s?\d{{1,2}}\s?月(?:\s?\d{{1,2}}\s?日)?)?(?:以来|起|度|初)?|今年以来|今年|本年度|一年来)"
    # the date may follow a part heading its sentence runs into ("一、总体情况2020年,X…"), or a metadata table's last
    # cell on a page flattened to one line ("主题分类: | 其他 | 2023年,X…")
    after = r"(?:^|(?<=[\n。,，;；|])|(?<=情况)|(?<=概述)|(?<=概况))"
    # compile_skipping: the engine skips at once the characters no match starts with (the zero-width `after`
    # alternatives were tried at every character of the text, ~0.8 ms on a long report); same matches
    # (按照/根据…要求, before the subject plays the same part: 2024年,按照省委…的部署要求,X有序推进…)
    led = r"(?:在[^,，。;；\n]{2,40}?下|(?:按照|根据|依照)[^,，。;；\n]{2,40}?(?:要求|部署|精神))[,，]"
    # (在2024年,X坚决贯彻…: the date may be opened by 在)
    # (or after a heading's last word and the file's space, on a page flattened to one line, the date then its comma:
    # "…工作机构 2016年,X…"; not "以及 2016 年度X政府各部门…", a copied PDF's spaced year inside a sentence)
    for m in numbers.compile_skipping(rf"(?:{after}\s*(?:在\s?)?{when}[,，]?|(?<=[\u4e00-\u9fff][ \t\u3000]){when}[,，])"
                                      rf"(?:{led}){{0,2}}").finditer(text):
        name = chain_at(text, m.end())
        longer = _zone_name().match(text, m.end())
        if name and longer and len(longer.group()) > len(name) and longer.group().startswith(name) \
                and _is_zone(longer.group()) and valid_org(longer.group()):
            name = longer.group()  # 2023年台州湾经济技术开发区管委会按照…: the zone's committee, not the city in its name
        elif not name and longer and longer.group().endswith(("管委会", "管理委员会")) and _is_zone(longer.group()) \
                and valid_org(longer.group()) and _own_work_follows(text, m.end() + len(longer.group())):
            # 2024年,番禺经济技术开发区管委会坚持…: a zone's committee whose name opens with no place chain (番禺 alone
            # is none); the committee is a body speaking of its work, where a zone's bare name may be the area
            name = longer.group()
        if name and text[m.end() + len(name):m.end() + len(name) + 1] in _cfg()["unit_opens_word"].get(name[-1], ""):
            continue  # 2009年度共接受市民等咨询: the 市 opens 市民, it ends no place name
        if name and _INSTITUTION_AFTER.match(text, m.end() + len(name)):
            continue  # 2021年,兰州分院持续…: the place opens an institution's name (分院, 医院…); no area speaks
        org = valid_org(name) or _generic_zone(text, m.end())
        if org is None and name and name.startswith("自治区"):
            org = abbreviated_org(name)  # 2013年,自治区商务厅紧紧围绕…: the region's department by its level word
        if org is None and name is None:
            # "2022年,市民促局依照…": a department naming itself by its level character only
            b = _cfg()["_body"].match(text, m.end())
            org = abbreviated_org(b.group()) if b else None
            if org is None and b and self_level(text) == "department":
                org = _bare_department(b.group(), text, b.end())
            if org is None and b:
                org = _national_body(b.group())
        if org and _outside_brackets(text, m.end()):
            out.append(("subject", org, m.end()))
    return out


# An institution whose name opens with a place (兰州分院, 青岛市中心医院): no area speaks there. (Right after the
# place: 青石镇围绕中心工作 is the town's own work.)
_INSTITUTION_AFTER = lazyre.compile(r"(?:分院|学院|大学|研究院|研究所|中心医院|医院|分行|分公司)")


def _generic_zone(text: str, pos: int) -> str | None:
    """A zone that names itself by its kind alone where it speaks of its own work ("2023年,高新区深入贯彻…",
    "经济开发区管委会严格按照…"): the name as printed, when the text never calls itself a government or a bureau."""
    zone = _zone_name().match(text, pos)
    if not zone or self_level(text) not in (None, "other"):
        return None
    name = zone.group()
    # the kind alone: every character before the committee is the zone unit's (高新区, 经济开发区管委会)
    bare = lazyre.compile(r"(?:管理委员会|管委会)$").sub("", name)
    if bare not in _cfg()["zone_units"] and bare not in _cfg()["generic_zones"]:
        return None
    if not _own_work_follows(text, zone.end()):
        return None
    return name


def _own_work_follows(text: str, end: int) -> bool:
    """Whether the sentence goes on at end with the body's own work (深入贯彻, 认真, 信息公开工作…, 高度重视, 严格按照),
    not with another body's act: a name there is the speaker's."""
    follows = text[end:end + 6]
    return bool(_cfg()["_run_on"].match(follows) or lazyre.compile(r"(?:政府)?信息公开|政务公开|在|高度|严格").match(follows))


def _national_body(name: str) -> str | None:
    """A central body, which has no place to name ("2014年,国家卫生计生委认真…", "2012年,国土资源部…"): 国家…
    or a ministry (…部), not a party department (组织部, 宣传部)."""
    cfg = _cfg()
    core = _strip_parens(name)
    if not (core.startswith(tuple(cfg["national_prefixes"])) or core.endswith("部") and len(core) >= 3) \
            or core.endswith(tuple(cfg["party_departments"])):
        return None
    return valid_org(name)


def _bare_department(name: str, text: str, end: int) -> str | None:
    """A department that names itself without its place as the subject of a dated sentence ("2024年,教育局深入
    贯彻…", "2022年,商务局信息公开工作…") in a report that says 我局: the name as printed."""
    cfg = _cfg()
    if not 3 <= len(name) <= 10 or any(c in cfg["name_stop_chars"] for c in name) or name[0] in cfg["abbreviated_levels"]:
        return None
    if not lazyre.compile(r"[\u4e00-\u9fff]+(?:局|委员会|委|办公室|中心)").fullmatch(name):
        return None
    if _NOTICE_WORDING.search(name) or lazyre.compile(r"情况|工作").search(name):
        return None
    # the sentence goes on with the body's own work (深入贯彻, 认真, 信息公开工作…), not with another body's act
    if not _own_work_follows(text, end):
        return None
    return name if _own_unit(name, text) else None


def _contact_names(text: str) -> list[tuple[str, str, int]]:
    """("contact", name, offset): the body whose office the contact sentence names."""
    out = []
    # (联络 is 联系 in some provinces' wording and in traditional-character copies: 請與X辦公廳聯絡)
    # (a pilot free-trade zone's name holds its province in brackets: 中国(福建)自由贸易试验区…)
    for m in lazyre.compile(r"(?:请与|请联系|请联络|可与|联系单位)[:：]?\s*(?P<org>(?:中国[(（][^\d()（）\s]{2,8}[)）])?"
                            r"[^\d,，。()（）:：;；\s]{2,45}?)(?:联系|联络|[(（,，。;；:：]|$)").finditer(text):
        name = m.group("org")
        # "X县政府信息中心", "X区政府信息公开办公室": the area's disclosure office (政府信息…), which
        # names no body; the labels leave such a report without an org
        if lazyre.compile(r".{2,12}?[县区市旗州]政府信息").match(name) and "人民政府" not in name:
            continue
        name = _strip_contacts(name)  # "X人民政府办公室政务公开科" → X人民政府办公室 → X人民政府
        if name in _cfg()["contact_units"] or _cfg()["_internal_office"].fullmatch(name) and chain_at(name, 0) is None \
                and name[0] not in _cfg()["abbreviated_levels"]:
            continue  # "可与党政综合办公室联系": an office of the body, named without the body
        org = valid_org(name)
        if org:
            out.append(("contact", org, m.start("org")))
    return out


def _stop_place_start(text: str, start: int) -> int:
    """Where a name found by walking left over name characters really starts: earlier when a place's name that
    holds a stop character runs across it (于洪区 in "…,于洪区人民政府", 成都市 in "成都市人民政府", where 于 or 都
    alone would end the walk)."""
    heads = _stop_place_heads(_cfg()["_stop_place"].pattern)
    for k in range(max(0, start - 8), start):
        if heads is not None and text[k] not in heads:
            continue  # no such place's name starts with this character (a test in place of a match)
        m = _cfg()["_stop_place"].match(text, k)
        if m and m.end() > start:
            return k
    return start


@lru_cache(maxsize=8)
def _stop_place_heads(pattern: str) -> frozenset[str] | None:
    """The first characters of the place names a _stop_place pattern joins, or None when it is not a plain list."""
    names = pattern.split("|")
    if not all(n and re.escape(n) == n for n in names):
        return None
    return frozenset(n[0] for n in names)


def _download_site(text: str) -> list[tuple[str, str, int]]:
    """("masthead", name, offset): the government whose portal the report says it can be downloaded from
    (本报告电子版可从X人民政府门户网站下载). A weak source like a masthead: a department's report names its
    government's portal, so it counts only where the text's self-references agree or say nothing."""
    # (年报通过X局网站全文公开: a department's report on its own site, the same weak source)
    m = lazyre.compile(r"(?:电子版|年报|本报告)(?:可|可以)?(?:通过|在|从|于|登录)[“\"]?"
                       r"(?P<org>[\u4e00-\u9fff]{2,30}?(?:人民政府|局|委员会|委|厅|办))(?:门户网站|网站|网)").search(text)
    org = valid_org(m.group("org")) if m else None
    return [("masthead", org, m.start("org"))] if org else []


def _body_names(text: str) -> list[tuple[str, str, int]]:
    """("body", name, offset): the three most frequent …人民政府/街道办事处 mentions outside 《》."""
    body = Counter()
    first: dict[str, int] = {}
    for m in lazyre.compile(r"人民政府|街道办事处").finditer(text):
        # walk left to the start of the name: name characters up to a stop character
        start = m.start()
        while start > 0 and _cfg()["_name_char"].match(text[start - 1]):
            start -= 1
        start = _stop_place_start(text, start)
        # The leftmost start at a known place, else the start of the run of name characters
        # (柳河县, not 况柳河县 in "…管理情况柳河县人民政府"; nothing from "依托县人民政府").
        known = _leftmost_known_place(text, start, m.start(), m.end())
        for s in [start if known is None else known]:
            name = chain_at(text, s)
            first_unit = _cfg()["_place"].match(text, s)
            if first_unit and len(first_unit.group()) > 7:
                continue
            if name and s + len(name) >= m.end() and _outside_brackets(text, s):
                org = valid_org(name)
                if org:
                    # a portal's name (X人民政府门户网站, X人民政府网) is half a mention: it names the site;
                    # on a banner line of its own (no sentence around it) it is page chrome, no mention
                    portal = lazyre.compile(r"门户|网").match(text[m.end():m.end() + 2])
                    line = text[text.rfind("\n", 0, s) + 1:(text.find("\n", s) + 1 or len(text) + 1) - 1]
                    if portal and not lazyre.compile(r"[。,，;；]").search(line):
                        break
                    body[org] += 0.5 if portal else 1
                    first.setdefault(org, s)
                break
    # One passing mention (a portal's name in the page chrome) is evidence only where the text's
    # self-references (本市, 我县) agree with it; otherwise the issuer's name must recur.
    own = self_level(text)
    return [("body", org, first[org]) for org, n in body.most_common(3) if n >= 2 or level_of(org) == own]


def _paragraph_openings(text: str, doc: Document | None = None) -> list[tuple[str, str, int]]:
    """("opening", name, offset): a name that opens a paragraph near the top ("青石镇高度重视…")."""
    # A paragraph that starts with a body's name speaks of that body; weak, because a county's report
    # may open a paragraph with one of its towns, so it only counts where the self-references agree.
    out = []
    lines = _lines(text[:2000])
    if doc is not None and len(lines) == 1 and len(lines[0][1]) > FLAT_LINE:
        # a page flattened to one line: its paragraphs begin where the file had a space after a sentence stop or
        # a heading (…请审阅。 一、…工作概述 通江街道办事处是…), which normalisation took away
        pos0, head = lines[0]
        starts = [pos0] + [k for k in positions.raw_spaces(doc, pos0, pos0 + len(head))
                           if k > pos0 and not text[k - 1].isdigit()]
        lines = [(k, text[k:end]) for k, end in zip(starts, starts[1:] + [pos0 + len(head)])]
    for pos, line in lines:
        start = pos + len(line) - len(line.lstrip(" \t\u3000\xa0"))
        # on a page flattened to one line the paragraph starts after the overview's heading it ran into
        # ("一、总体情况柳北区X街道高度重视…")
        heading = _overview_heading().match(line, start - pos)
        start = pos + heading.end() if heading else start
        org = valid_org(chain_at(text, start)) or _generic_zone(text, start)
        # a paragraph of prose (a sentence stop, no breadcrumb arrows or table bars), not a title or menu
        prose = lazyre.compile(r"[。，,]").search(line) and not lazyre.compile(r"[>›»|]").search(line)
        if org and prose and _outside_brackets(text, start):
            out.append(("opening", org, start))
    return out[:3]


@lru_cache(maxsize=1)
def _overview_heading() -> re.Pattern[str]:
    """The overview part's numbered heading (一、总体情况), from the short overview titles of data/sections.yaml."""
    titles = sorted(map(re.escape, data.load("sections.yaml")["prefix_short_ok"]), key=len, reverse=True)
    return lazyre.compile(r"一[、.．]\s*(?:" + "|".join(titles) + r")\s*")


# Where a report only says 我局/我委, its own name is the department name it prints most often.
_SELF_ENDINGS = {"department": ("局", "委", "委员会", "厅", "办公室", "办", "中心")}


def _self_named(text: str) -> list[tuple[str, str, int]]:
    """("self", name, offset): the most frequent name ending like the text's self-reference (我局 → …局)."""
    lvl = self_level(text)
    if lvl not in _SELF_ENDINGS:
        return []
    cfg = _cfg()
    seen: Counter = Counter()
    first: dict[str, int] = {}
    ends = "|".join(map(re.escape, sorted(_SELF_ENDINGS[lvl], key=len, reverse=True)))
    for m in lazyre.compile(ends).finditer(text):
        if m.group() == "中心" and text.startswith(("工作", "任务"), m.end()):
            continue  # 围绕区委区政府中心工作: the government's central work, no 中心 of its own
        start = m.start()
        # walk left over name characters; a date's 年/月/日 is not part of a name ("2020年市卫生健康委")
        while start > 0 and cfg["_name_char"].match(text[start - 1]) and text[start - 1] not in "年月日":
            start -= 1
        start = _stop_place_start(text, start)
        doubtful = None
        for s in range(start, m.start()):
            name = text[s:m.end()]
            # inside a run of name characters a name starts only at a known place ("…情况市文旅局":
            # not 况市文旅局) or, abbreviated, at its level character (市文旅局)
            if s == start or _known_place_at(name, 0):
                org = valid_org(name) if chain_at(text, s) else None
            else:
                org = abbreviated_org(name)
            if org and s == start and not _plausible_place(org, text):
                # an unknown place before an abbreviated name ("明确市政府办公室"): the abbreviated
                # name wins only where the text also prints it apart
                doubtful, org = org, None
            elif org and doubtful and text.count(org) <= text.count(doubtful) and not _unknown_region(doubtful):
                org = doubtful
            if org and level_of(org) == lvl and _outside_brackets(text, s) and not _under_leadership(text, s):
                seen[org] += 1
                first.setdefault(org, s)
                break
    # a name ending like the self-reference (我局 → …局) before any other department's: a report that says 我局
    # names its superior's 办公厅 as often as itself
    ranked = sorted(seen.items(), key=lambda kv: (not _own_unit(kv[0], text), -kv[1]))
    return [("self", org, first[org]) for org, _ in ranked[:1]]


_LEADERSHIP = lazyre.compile(r"在[^,，。;；:：]{2,60}?(?:的)?(?:正确|坚强|大力|有力)?(?:领导|指导|支持|帮助|关心)下")


def _under_leadership(text: str, pos: int) -> bool:
    """Whether pos lies in a "在X(的正确)领导下" phrase: the bodies named there are the reporter's superiors
    (我局在交通运输部、部海事局和自治区政府的正确领导下…), never the reporter."""
    lo = text.rfind("在", max(0, pos - 60), pos + 1)
    while lo >= 0:
        m = _LEADERSHIP.match(text, lo)
        if m and m.end() > pos:
            return True
        lo = text.rfind("在", max(0, pos - 60), lo)
    return False


def _agree_with_self_reference(cands, text: str) -> list[tuple[str, str, int]]:
    """Candidates without the weak ones whose level contradicts how the text refers to itself."""
    # A district's report that says 我区 throughout names its 区人民政府办公室 in passing; a bureau's
    # report (我局) names the district government's portal. A weak mention of another kind of body is
    # not the issuer.
    lvl, said = _self_level(text)
    if lvl is None:
        return cands
    # (a 发布机构 row is weak only against 我/本 words: 全区 in a zone's report may be the district around it)
    weak = ("body", "masthead", "opening", "meta", "self") if said else ("body", "masthead", "opening", "self")
    cands = [c for c in cands if c[0] not in weak or (level_of(c[1]) == lvl and _own_unit(c[1], text))]
    # A portal prints its government's name as a line above every page's title, and a township's or a
    # bureau's report may give the county government's office as the disclosure contact: a government
    # above the body the text calls itself, found in such a place, hosts the report but did not issue it.
    return [c for c in cands if not (_above(level_of(c[1]), lvl) and (c[0] == "contact" or (
        c[0] == "title" and _name_only_line(text, c[2]))))]


_GOVERNMENTS = ("township", "county", "city", "province")


def _own_unit(name: str, text: str) -> bool:
    """Whether a department's name ends like the text's self-reference (我局 → …局); True for others."""
    if level_of(name) != "department":
        return True
    counts = _self_unit_counts(text)
    if not counts or max(counts.values()) == 0:
        return True
    best = max(counts.values())
    return any(_strip_parens(name).endswith(u) for u, n in counts.items() if n == best)


@lru_cache(maxsize=4)
def _self_unit_counts(text: str) -> dict[str, int]:
    """How often the text calls itself by each department unit (我局 → 局); one scan per text, not per name."""
    return {unit: sum(len(lazyre.compile(re.escape(w) + "(?![法理结])").findall(text)) for w in words)
            # "本办法" (these measures) is no self-reference
            for unit, words in _cfg()["self_units"].items()}


def _above(level: str | None, own: str) -> bool:
    """Whether a body of this level is a government above a body that calls itself own (我镇, 我局…)."""
    if level not in _GOVERNMENTS[1:]:
        return False
    if own in _GOVERNMENTS:
        return _GOVERNMENTS.index(level) > _GOVERNMENTS.index(own)
    return own in ("department", "other")


def _name_only_line(text: str, pos: int) -> bool:
    """Whether the line at pos is a name alone (a masthead or the first line of a split title)."""
    if pos < 0:
        return False
    end = text.find("\n", pos)
    return valid_org(text[pos:end if end >= 0 else len(text)].strip()) is not None


def _publisher_rows(head: str, lines: list[tuple[int, str]]) -> list[tuple[str, str, int]]:
    """("meta", name, offset) from 发布机构-style fields: "发布机构:X", "发布机构 | X |", or a header row
    with the value row below it."""
    out = []
    labels = _cfg()["publisher_labels"]
    label = "|".join(map(re.escape, labels))
    # "发布机构:X", "发布机构 | X |", a flattened row "发布机构: | X |" and a row that lost its separator
    # ("发文机关宋村镇人民政府 主题词": the value must still read as a body's name)
    for m in lazyre.compile(rf"(?:{label})(?:\s*[:：]\s*\|?|\s*\||[ \t\u3000]+)?\s*([^\s|:：]+)").finditer(head):
        # (发布机构: | 县民政局 |: a department's level-abbreviated name, written as the row has it)
        value = m.group(1)
        # a row whose cells lost their spaces runs on into the next field's label (…人民政府主题词)
        cut = _cfg()["_field_label_in"].search(value, 1)
        value = value[:cut.start()] if cut else value
        org = valid_org(value) or abbreviated_org(value)
        if org:
            out.append(("meta", org, m.start(1)))
    for i, (pos, line) in enumerate(lines[:12]):
        cells = [lazyre.compile(r"\s+").sub("", c) for c in line.split("|")]
        j = next((k for k, c in enumerate(cells) if c in labels), None)
        if j is None:
            continue
        # a header row and its value row flattened into one line ("索引号 | 公开方式 | 发布机构 | 1162…/2010-00023
        # | 主动公开 | X镇人民政府"): the labels first, then as many values in the same order
        heads = next((k for k, c in enumerate(cells) if not _field_label(c)), len(cells))
        if j < heads and 2 * heads <= len(cells) and valid_org(cells[heads + j]):
            out.append(("meta", valid_org(cells[heads + j]), pos + line.find(cells[heads + j])))
        elif i + 1 < len(lines):
            below = [c.strip() for c in lines[i + 1][1].split("|")]
            if j < len(below) and valid_org(below[j]):
                out.append(("meta", valid_org(below[j]), lines[i + 1][0]))
    return out


def _page_publisher(doc: Document) -> list[tuple[str, str, int]]:
    """("meta", name, -1) from the 发布机构 of a web page's metadata block, which the HTML reader takes out of the text
    (doc.meta["publisher"]): the same field a saved text keeps as a row above the title (-1: before the text)."""
    value = str((doc.meta or {}).get("publisher") or "").strip()
    org = (valid_org(value) or abbreviated_org(value)) if value else None
    return [("meta", org, -1)] if org else []


def _field_label(cell: str) -> bool:
    """Whether a table cell is a metadata field's label (发布机构, 索引号, 公开方式, 发布日期…)."""
    cfg = _cfg()
    return any(cell in cfg[k] for k in ("publisher_labels", "date_labels", "field_words", "row_labels"))


def _choose_org(cands: list[tuple[str, str, int]], text: str = "") -> tuple[str | None, str | None, int]:
    """The best-ranked candidate (source order, then position), with the corrections real pages need."""
    if not cands:
        return None, None, -1
    rank = {s: float(i) for i, s in enumerate(SOURCES)}

    def key(c):
        r = rank[c[0]]
        # A 发布机构 field is often the portal's publishing desk (the government's office posting every
        # body's report): named there alone, it yields to a sentence or contact naming another body.
        if c[0] == "meta" and not _supported(c, cands):
            r = rank["contact"] + 0.5
        # body mentions come most frequent first (a stable sort keeps that order): the issuer is the
        # body the text keeps naming, not a portal named once above the title
        return r, 0 if c[0] == "body" else c[2] if c[2] >= 0 else 10**9
    cands = sorted(cands, key=key)
    source, org, pos = cands[0]
    if source in ("subject", "contact") and not _supported(cands[0], cands):
        # One sentence naming a body once (the subject of one sentence, one contact) yields to a name
        # that two other places agree on: a report mentions other bodies, its own name recurs.
        agreed = [c for c in cands[1:] if _supported(c, cands) and not _same_body(c[1], org)
                  and len({p for _, n, p in cands if _same_body(n, c[1])}) >= 2]
        if agreed:
            source, org, pos = agreed[0]
    names = [c[1] for c in cands]
    if source == "title":
        # Two titles, one with the formal ending: "前卫镇" in the heading, "前卫镇人民政府" in the
        # quoted full title — the formal name is the body's name.
        formal = [n for src, n, _ in cands if src == "title" and n in (org + "人民政府", org + "政府", org + "办事处")]
        if formal:
            org = formal[0]
        # a mirror's caption over the page (广东省2013年…年度报告/全文) and the report's own title under it, which the
        # intro names as the author (广东省人民政府办公厅2013年… / 现公布广东省人民政府办公厅…): the body of both
        own = [n for src, n, _ in cands if src == "title" and n != org and n.startswith(org)
               and any(s == "intro" and m == n for s, m, _ in cands)]
        if own and not formal:
            org = own[0]
        # a list's caption over the page (2018年水务局…年度报告) and the report's own title under it (2018年绵阳市水务局…):
        # the title that places a body named without any place is its name (not a longer place chain of a placed one)
        placed = [n for src, n, _ in cands if src == "title" and n != org and n.endswith(org) and _known_place_at(n, 0)]
        if placed and not chain_at(org, 0):
            org = max(placed, key=len)
        else:
            org = _placed_elsewhere(org, cands, text)
    elif source == "intro":
        org = _placed_elsewhere(org, cands, text)
    elif source == "meta":
        # 发布机构 rows abbreviate: "柏泉乡" where the text also says "柏泉乡人民政府".
        longer = [n for n in names if n != org and n.startswith(org) and n[len(org):] in ("人民政府", "政府")]
        if longer:
            org = longer[0]
    elif source in ("subject", "body"):
        # A sentence subject often drops the region prefix the formal name carries
        # ("图雅苏木人民政府" vs "查干塔旗图雅苏木人民政府").
        org = _printed_longer(org, cands, text)
    # (a web page's 发布机构 stood above the text: a bare township name there is the first it is named, as the same
    # row is in a saved text, so the bare name stands)
    if source in ("meta", "subject", "contact", "opening", "masthead") and not (source == "meta" and pos < 0):
        org = _formal_township(org, text)
        if source in ("subject", "body"):
            # the formal name may be printed whole with its district elsewhere (长通街道 → 长通街道办事处, which the
            # contact sentence prints as 南关区长通街道办事处)
            org = _printed_longer(org, cands, text)
    if source in ("subject", "self", "opening", "body"):
        org = _placed_department(org, text)
    elif not valid_org(org) and source != "title":
        # an abbreviated name (市民政局 in a 发布机构 row) is the body another source names in full
        # (请与槐川市民政局办公室联系): two sources agreeing, not any longer string in the text. A title keeps its
        # spelling: it is how the report names itself (the labels take 市财政局 from 市财政局2019年…报告)
        longer = [n for src, n, _ in cands if src != source and n != org and _places_then(n, org)]
        if longer:
            org = max(longer, key=len)
    if source in ("subject", "self", "opening", "body", "intro", "contact"):
        org = _printed_in_full(org, text)
    return org, source, pos


def _placed_elsewhere(org: str, cands: list[tuple[str, str, int]], text: str) -> str:
    """A department named by its kind alone (环境保护局2014年…年报) as the sentences place it (2014年,清远市环境保护局
    认真…), else org. A name with a level character (市财政局) keeps the spelling of the title that gives it."""
    if chain_at(org, 0) or org[0] in _cfg()["abbreviated_levels"] or level_of(org) != "department":
        return org
    return _printed_longer(org, cands, text, skip=("title", "intro"))


def _printed_in_full(org: str, text: str) -> str:
    """A department's short name (市市场监管局, 区政府办, 岐山县教体局) as the text prints it in full, with its place
    (广元市市场监督管理局, 向阳区人民政府办公室, 岐山县教育体育局), when it does; else org."""
    if level_of(org) != "department":
        return org
    found: Counter = Counter()
    for short, fulls in _cfg()["department_abbreviations"].items():
        if not org.endswith(short):
            continue
        for full in fulls:
            expanded = org[: -len(short)] + full
            # an abbreviated name (市…) takes the place printed before it: 广元 + 市市场监督管理局
            head = r"[^\W\d_]{1,8}?" if expanded[0] in _cfg()["abbreviated_levels"] and not valid_org(org) else ""
            for m in re.finditer(head + re.escape(expanded), text):
                # the name starts at the first place that makes a whole name (not at 与 in 请与广元市…)
                for k in range(m.start(), m.end() - len(expanded) + 1):
                    name = valid_org(text[k:m.end()])
                    if name == text[k:m.end()] and _outside_brackets(text, k) \
                            and (not head or _places_then(name, expanded, text)):
                        found[name] += 1
                        break
    return found.most_common(1)[0][0] if found else org


def _printed_longer(org: str, cands: list[tuple[str, str, int]], text: str,
                    skip: tuple[str, ...] = ("subject", "body")) -> str:
    """The longest name a source of another kind than `skip` prints with places before org (查干塔旗图雅苏木人民政府),
    else org."""
    longer = [n for src, n, _ in cands if src not in skip and n != org and n.endswith(org)
              and chain_at(n, 0) and _plausible_place(n, text)]
    return max(longer, key=len) if longer else org


def _same_body(a: str, b: str) -> bool:
    """Whether two names are one body's: equal, one with places before the other (东坡区柏泉乡 / 柏泉乡) or with a
    government's or a zone committee's ending after it (柏泉乡 / 柏泉乡人民政府) — not a government and its office
    (X县人民政府 / X县人民政府办公室), which a report names in passing as often as its own."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    k = long_.find(short)
    return k >= 0 and long_[k + len(short):] in _GOVERNMENT_ENDINGS


# what a body's name may carry after its short form and still be the same body (a zone's committee included)
_GOVERNMENT_ENDINGS = ("", "人民政府", "政府", "办事处", "街道办事处", "人民政府办事处", "管委会", "管理委员会")


def _supported(cand: tuple[str, str, int], cands: list[tuple[str, str, int]]) -> bool:
    """Whether another place in the text names the same body."""
    return any(pos != cand[2] and _same_body(n, cand[1]) for _, n, pos in cands)


def _placed_department(org: str, text: str) -> str:
    """A department's name with the place its text prints before it (西岭区X局 → 河东市西岭区X局)."""
    # Sentences shorten a department's name; where the text also prints it with its government's
    # place in front (a city before the district), that is the full name. Townships are left alone:
    # their sentences drop the county on purpose and the labels keep the name as the sentence has it.
    if level_of(org) != "department":
        return org
    # an abbreviated name (县卫生健康委) may be printed whole too (城口县卫生健康委员会)
    tail = "(?:员会)?" if org.endswith("委") else ""
    for m in re.finditer(r"[^\W\d_]{1,12}?" + re.escape(org) + tail, text):
        for s in range(m.start(), m.end() - len(org)):
            longer = text[s:m.end()]
            if _places_then(longer, org, text) and valid_org(longer) == longer and _outside_brackets(text, s):
                return longer
    return org


def _places_then(longer: str, org: str, text: str | None = None) -> bool:
    """Whether longer is place units followed by org (an abbreviated org's level character completing
    the last place: 城口 + 县卫生健康委)."""
    k = longer.find(org)
    if k <= 0:
        return False
    prefix = longer[:k]
    if abbreviated_org(org) and not valid_org(org):
        # the place's own name must be there in full ("城口"), not a stray character ("年省…", "况市…")
        # (one character is a place only when the gazetteer says so: 珙 + 县交通运输局)
        if len(prefix) < 2 and not _known_place_at(prefix + org[0], 0) or lazyre.compile("[年月日]").search(prefix):
            return False
        prefix += org[0]
        # and a real place: one the gazetteer knows, or one the text names apart from this name
        # ("明确市政府办公室" is a verb before 市政府办公室; "台山市" recurs as 台山市人民政府); a name
        # printed in its long form (…委员会 for …委) is a name by itself
        last = prefix[_last_link(prefix):]
        if text is not None and longer.endswith(org) and not _known_place_at(last, 0) \
                and text.count(last) <= text.count(last + org[1:]):
            return False
    place = _cfg()["_place"]
    pos = 0
    while pos < len(prefix):
        m = place.match(prefix, pos)
        if not m:
            return False
        pos = m.end()
    return True


def _unknown_region(name: str) -> bool:
    """Whether a name opens on an autonomous region the gazetteer does not know (成立有自治区水文水资源局): all five are
    known, so the words before 自治区 are a verb's, and 自治区… is the region's own abbreviated body."""
    m = _cfg()["_place"].match(name)
    link = m.group() if m else ""
    return link.endswith("自治区") and not _known_place_at(link, 0)


def _plausible_place(name: str, text: str) -> bool:
    """Whether a name's first county-or-larger place is real: known to the gazetteer or named apart."""
    # Any 1–8 characters before 市/县/区 parse as a place, so a verb glued before an abbreviated name
    # ("明确市政府办公室") reads as one; a real county or city is in the national division list, or (an
    # abolished district) the text names it in other contexts too.
    m = _cfg()["_place"].match(name)
    if not m or name.startswith(tuple(_cfg()["name_prefixes"])):
        return True
    link = lazyre.compile(r"(?:人民政府|政府)$").sub("", m.group())
    if link[-1] not in "省市县区旗州盟" or _known_place_at(link, 0):
        return True
    return text.count(link) > text.count(name)


def _last_link(prefix: str) -> int:
    """Where the last place link of a chain of place units starts (槐川市桐江区 → 3)."""
    place, pos, start = _cfg()["_place"], 0, 0
    while pos < len(prefix):
        m = place.match(prefix, pos)
        if not m:
            break
        start, pos = pos, m.end()
    return start


def _formal_township(org: str, text: str) -> str:
    """A township's bare name (峄山镇, 小营街道) as the formal name the text also prints, if any."""
    # A township's report says "2017年,峄山镇…" in its sentences but names its government
    # 峄山镇人民政府 elsewhere; the body is the government. Counties and cities are left bare: their
    # "2020年,X市…" sentences speak of the area the report covers.
    if not lazyre.compile(r"(?:镇|乡|街道|苏木)$").search(org):
        return org
    forms = Counter()
    # the formal names only: "X镇政府" is how sentences shorten it, not the body's name
    for suffix in ("人民政府", "办事处"):
        for m in re.finditer(re.escape(org + suffix), text):
            if _outside_brackets(text, m.start()):
                forms[org + suffix] += 1
    if not forms:
        return org
    # ... unless the text names it bare first: a report that opens "2020年,X镇认真…" and prints
    # X镇人民政府 only later (an address, a contact, a passing mention) calls itself by the bare name,
    # the way a title would
    first_formal = min(text.find(f) for f in forms)
    for m in re.finditer(re.escape(org) + "(?!人民政府|办事处)", text):
        if m.start() >= first_formal:
            break
        if _outside_brackets(text, m.start()):
            return org
    return forms.most_common(1)[0][0]


def _as_printed(doc: Document, org: str) -> str:
    """The org as the file prints it: traditional characters back when the reader converted them."""
    for b in doc.blocks:
        if not b.prov.traditional or not b.raw:
            continue
        try:
            from opencc import OpenCC
        except ImportError:  # pragma: no cover - a declared dependency
            return org
        # a hard-wrapped paragraph's raw keeps its line breaks, which may cut the name (揭陽市國土\n資源局)
        raw = "".join(line.strip() for line in b.raw.split("\n"))
        simple = OpenCC("t2s").convert(raw)
        i = simple.find(org)
        if i >= 0 and len(simple) == len(raw):
            return raw[i:i + len(org)]
    return org


# ---------------------------------------------------------------- level and region

def level_of(org: str | None, text: str = "") -> str | None:
    """township | county | city | province | department | other, from the org name or self-references."""
    cfg = _cfg()
    if org:
        # "X县人民政府机关" reports as the government itself; a body in preparation (X街道办事处筹备处) as the body
        core = _inner_division(lazyre.compile(r"(?<=政府)机关$|筹备[处组]$").sub("", _strip_parens(org)))
        if _is_zone(core):
            return "other"
        for lvl, pat in cfg["_levels"]:
            if pat.search(core):
                if lvl == "city":
                    return _city_level(core)
                if lvl == "county" and core.endswith(("自治区", "特别行政区")):
                    continue
                return lvl
    if text and not org:
        own = self_level(text)
        # no name and no self-reference: the leaders' titles (only here: never to filter names by)
        return own or next((lvl for lvl, words in cfg["self_leaders"].items() if any(w in text for w in words)), None)
    return self_level(text)


def _inner_division(core: str) -> str:
    """A name without a bracketed alias inside it; a zone governed as one with a district (高新区(新市区)政府)
    is that district's government."""
    m = lazyre.compile(r"[(（]([^()（）]+)[)）]").search(core)
    if m is None:
        return core
    if gazetteer.known(m.group(1)):
        return m.group(1) + core[m.end():]
    return core[:m.start()] + core[m.end():]


def self_level(text: str) -> str | None:
    """The level the text's self-references point to (我镇 → township, 我局 → department), or None."""
    return _self_level(text)[0]


@lru_cache(maxsize=4)  # asked for the same text by every stage of metadata (a scan of the whole text each time)
def _self_level(text: str) -> tuple[str | None, bool]:
    """(self_level, whether 我/本 words say it rather than only 全县/全市-style area words)."""
    # 我镇/本局 name the text's own body; 全县/全市 name an area, often the superior's ("按照全县统一部署"
    # in a township's report), so they count only when the text never says 我/本.
    for own in (True, False):
        counts = Counter()
        for lvl, words in _cfg()["self_reference"].items():
            for w in words:
                if w.startswith(("我", "本")) == own:
                    counts[lvl] += text.count(w)
        if counts and counts.most_common(1)[0][1] > 0:
            return counts.most_common(1)[0][0], own
    return None, False


def _is_zone(core: str) -> bool:
    """Whether a name is a development zone or park (or its committee), not a county-level division."""
    # A zone's report covers the zone, whose governing body has no standard suffix (青松经济开发区,
    # 青松新区, …产业园管委会); only a zone listed among the divisions (浦东新区) is a county.
    cfg = _cfg()
    m = cfg["_zone"].search(core)
    if not m:
        return False
    # (上海市浦东新区政府: the division is known by its own name, after the city before it)
    zone = core[:m.end("zone")]
    return not any(gazetteer.known(zone[k:]) for k in range(max(0, len(zone) - 2)))


def _city_level(core: str) -> str:
    """city for a city government (county-level cities included), province for a municipality (北京市)."""
    # The labels' "city" is a city government: the annotators give 弥勒市 and 汝州市, county-level
    # cities, level city. Whether a city is county-level is not lost: region_of puts it under its
    # prefecture as the county (昆山市 → 苏州市 / 昆山市).
    name = lazyre.compile(r"(人民政府|政府)$").sub("", core)
    return "province" if name in _cfg()["provinces"] else "city"


def _written_chain(county: str, text: str, cfg: dict) -> tuple[str, str] | None:
    """(province, city) written right before a county's name (云岭省青渚市白溪县), or None."""
    # The city is what lies between the last 省/自治区 and the county; the province is a known province's full
    # name ending there or, for one the lists do not know, its two characters before 省 (most province names
    # have two): words before it (可在…, 登录…) are never taken for its name.
    full = sorted((p for p in cfg["provinces"] if p.endswith(("省", "自治区"))), key=len, reverse=True)
    for m in re.finditer(re.escape(county), text):
        before = text[max(0, m.start() - 24):m.start()]
        c = lazyre.compile(r"(?:省|自治区)([^\s\d,，。、;；:：()（）《》省市县区]{1,6}?(?:市|自治州|州|盟|地区))$").search(before)
        if not c:
            continue
        head = before[:c.start(1)]
        province = next((p for p in full if head.endswith(p)), None)
        if province is None and head.endswith("省") and len(head) >= 3 and "\u4e00" <= head[-3] <= "\u9fff" \
                and "\u4e00" <= head[-2] <= "\u9fff":
            province = head[-3:]
        if province:
            return province, c.group(1)
    return None


def region_of(org: str | None, text: str) -> dict[str, str]:
    """{province, city, county, town} named by the org or, failing that, the title area of the text."""
    cfg = _cfg()
    region: dict[str, str] = {}
    name = _strip_parens(org or "")
    for m in cfg["_place"].finditer(lazyre.compile(r"人民政府|政府").sub("", name)):
        unit = m.group()
        if unit in cfg["provinces"] or unit.endswith(("省", "自治区")):
            region.setdefault("province", unit)
        elif unit.endswith(("市", "州", "盟", "地区")) and "county" not in region:
            # the first city-like unit is the city; a second one (温州市瑞丰市) is county-level
            region["county" if "city" in region else "city"] = unit
        elif unit.endswith(("区", "县", "旗")) and "county" not in region:
            region["county"] = unit
        elif unit.endswith(("镇", "乡", "街道", "街道办事处", "苏木")):
            region.setdefault("town", lazyre.compile(r"办事处$").sub("", unit))
    if "city" in region and "county" not in region and region["city"].endswith("市") \
            and lazyre.compile("市$").sub("", region["city"]) not in cfg["prefectures"]:
        d = gazetteer.county(region["city"], province=region.get("province"))
        if d is not None:  # 昆山市 alone is a county-level city: it is the county, its prefecture the city
            region["county"] = region.pop("city")
    if "town" in region and "county" not in region:
        # A township's name rarely carries its county, but its text does (the county's disclosure
        # portal, 区委区政府): the county named most often, when one clearly leads. Two-character
        # names (东区, 城区, 郊区) are also plain words, so they do not count.
        named = [(n, k) for n, k in gazetteer.counties_named(text).most_common(2) if len(n) >= 3]
        if named and (len(named) == 1 or named[0][1] > named[1][1]):
            d = gazetteer.county(named[0][0], province=region.get("province"), city=region.get("city"))
            if d is not None:
                region["county"] = d.name
    # The text often names the city the org's district belongs to ("淮安市洪泽区").
    if "county" in region and "city" not in region:
        m = re.search(rf"({_ORG_CHARS}{{1,6}}?(?:市|州|盟))" + re.escape(region["county"]), text)
        if m:
            c = m.group(1)
            for s in range(len(c)):
                if lazyre.compile(r"(市|自治州|州|盟)$").sub("", c[s:]) in cfg["prefectures"]:
                    region["city"] = c[s:]
                    break
    if "county" in region and ("city" not in region or "province" not in region):
        # A full chain written out in the text (`江苏省淮安市洪泽区人民政府` as a website's name) names both, even
        # for a division the codes do not list (new, renamed, or invented by the test generator).
        chain = _written_chain(region["county"], text, cfg)
        if chain and region.get("province", chain[0]) == chain[0] and region.get("city", chain[1]) == chain[1]:
            region.setdefault("province", chain[0])
            region.setdefault("city", chain[1])
    if "county" in region and ("city" not in region or "province" not in region):
        # The division codes know the city and province above a county whose name is unique.
        d = gazetteer.county(region["county"], province=region.get("province"), city=region.get("city"))
        if d is not None:
            if d.city:
                region.setdefault("city", d.city)
            region.setdefault("province", d.province)
    if "city" in region and "province" not in region:
        prov = cfg["prefectures"].get(lazyre.compile(r"(市|自治州|州|盟|地区)$").sub("", region["city"]))
        if prov:
            region["province"] = prov
    if "province" not in region:
        for full, short in cfg["provinces"].items():
            # short names need care: 海南藏族自治州 is in Qinghai, not 海南省
            if name.startswith(full) or (name.startswith(short) and name[len(short):len(short) + 1] not in "藏州"):
                region["province"] = full
                break
    return {k: region[k] for k in ("province", "city", "county", "town") if k in region}  # top down


# ---------------------------------------------------------------- year, era, dates

_CN_YEAR = lazyre.compile(r"[一二三四五六七八九][〇零○Ｏ0一二三四五六七八九]{3}(?=\s*年)")
_CN_DIGIT = str.maketrans("〇零○Ｏ一二三四五六七八九", "0000123456789")


def arabic_years(text: str) -> str:
    """Text with years written in Chinese numerals (二〇一八年) as digits; same length, same offsets."""
    return _CN_YEAR.sub(lambda m: m.group().translate(_CN_DIGIT), text)


def _labelled_dates(text: str) -> list[tuple[int, str]]:
    """(offset, ISO date) of publication dates labelled as such (发布日期:2016-03-10)."""
    labels = "|".join(sorted(map(re.escape, _cfg()["date_labels"]), key=len, reverse=True))
    out = []
    for m in lazyre.compile(rf"(?:{labels})\s*[:：]?\s*").finditer(text):
        d = _ISO_DATE.match(text, m.end())
        if d:
            out.append((m.start(), _iso(d)))
    return out


def _iso(m: re.Match) -> str | None:
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def published_date(text: str) -> str | None:
    """The publication date when the page states one (labelled, or a date line under the title)."""
    for _, iso in _labelled_dates(text):
        if iso:
            return iso
    lines = _lines(text)
    for pos, line in lines[:6] + lines[-2:]:
        m = lazyre.compile(rf"\s*[(（]?\s*({_YEAR})\s*[年/.-]\s*(\d{{1,2}})\s*[月/.-]\s*(\d{{1,2}})\s*日?\s*[)）]?\s*"
                           r"(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*").fullmatch(line)
        if m and _iso(m):
            return _iso(m)
    return None


def _period_years(text: str) -> list[tuple[int, int]]:
    """End years of the statistics period ("统计期限自2017年1月1日起至2017年12月31日止"), each with its weight as
    evidence of the report's year."""
    out = []
    # a whole calendar year written as a span (自2023年1月1日至2023年12月31日统计的…数据) is the period wherever it stands
    span = rf"({_YEAR})\s*年\s*1\s*月\s*1\s*日(?:起)?\s*(?:至|到|—|-|~)\s*(?:({_YEAR})\s*年\s*)?12\s*月\s*31\s*日"
    for m in lazyre.compile(span).finditer(text):
        if m.group(2) in (None, m.group(1)):
            out.append((int(m.group(1)), 6))
    for m in lazyre.compile(r"统计(?:期限|时限|期间|时间|周期|范围)|数据统计|所列数据").finditer(text):
        # (a ';' ends it too: a period left blank on the page, 统计期限自⏎地址:…;⏎邮编:…;⏎…2008年5月1日起, must not
        # reach a later sentence's date)
        end = lazyre.compile(r"[。;；]").search(text, m.start())
        sentence = text[m.start(): end.start() if end else m.start() + 120][:120]
        years = [int(y) for y in _DATE_YEAR.findall(sentence)]
        # a period from 1 January of one year to the end of another (统计时限为2020年1月1日至2021年12月31日 in the 2020
        # report, a slip; 自2002年1月1日起至2010年12月31日止 in the 2010 report) weighs less than a title or the intro: its
        # end year is the report's only when nothing else says otherwise
        jan1 = lazyre.compile(rf"({_YEAR})\s*年\s*0?1\s*月\s*0?1\s*日").search(sentence)
        if years:
            out.append((max(years), 2 if jan1 and int(jan1.group(1)) != max(years) else 6))
    return out


_YEAR_HEADING_BODY = (rf"[ \t\u3000]*[一二三四五六七八九十]{{1,3}}[、.．][ \t]*({_YEAR})\s*年度?"
                      r"(?![^\n]{0,24}?(?:安排|打算|计划|思路|要点|目标|展望|设想|任务))(?=[^\n]{4})")
_YEAR_HEADING = lazyre.compile("^" + _YEAR_HEADING_BODY, re.M)
# (after a stop too: a page flattened to one line runs the heading on after the paragraph before it; a pattern of its
# own, opening with the stop, which the engine finds by its literal: a look-behind tried at every character cost ~0.3 ms
# on a 16,000-character report)
_YEAR_HEADING_AFTER_STOP = lazyre.compile("。" + _YEAR_HEADING_BODY)


# What a sentence opening with a year goes on with when it plans that year's work (我局将, 要, 计划, 拟).
_PLANNED_YEAR = lazyre.compile(r"[\u4e00-\u9fff]{0,4}?(?:将|要|计划|拟|准备)")


def report_year(text: str, titles) -> tuple[int | None, list[tuple[str, str]]]:
    """The year reported on, and issues (YEAR_UNCERTAIN) when the evidence is thin or conflicting."""
    score: Counter = Counter()
    strong: set[int] = set()
    for _, t in titles:
        _, y = _title_org(t)
        if y:
            score[y] += 5
            strong.add(y)
    for y, weight in _period_years(text):
        score[y] += weight
        strong.add(y)
    head = text[:3000]
    # "现公布…2019年…报告", "现将X2019年…情况报告如下", "汇报我镇2023年政府信息公开工作"
    # (现对局2021年度政府信息公开情况报告如下: 现对/现就 announce the report as 现将 does)
    # (报告 as the verb, not a report's name before the year: 预算报告和2013年决算报告 names two budget reports)
    intro = rf"(?:公布|发布|编制|形成|(?<![算划作告])报告(?![和及与、])|现将|现对|现就|现公开|汇报|总结|以下是|这是)" \
            rf"[^。\n]{{0,40}}?({_YEAR})\s*年度?[^。\n]{{0,40}}?" \
            rf"(?:报告|(?:政府信息公开|政务公开|政务信息公开)(?:工作|情况))"
    for m in lazyre.compile(intro).finditer(head):
        y = int(m.group(1))
        if not _DOC_NUMBER.match(head, m.start(1) - 1):
            score[y] += 3
            strong.add(y)
    dated = {pos for pos, _ in _labelled_dates(text)}
    weak: Counter = Counter()
    # (also a sentence or paragraph that opens with the year: "2019年度街道受理…", after a part's heading on a page
    # flattened to one line too: "…依申请公开情况 2019年度街道受理…")
    # ("2020年为我市机构改革后…": a paragraph that opens with the year and 为; 2011年新增主动公开…: the year's count)
    # (compile_skipping: the second branch opens with `^` and optional spaces, so the engine would try it at every
    # character; behind the lookahead it goes straight to a digit or a space: ~0.85 → 0.27 ms, same matches)
    # (2016年初,我乡健全了…: the year's start)
    for m in numbers.compile_skipping(rf"(?<![\d〔\[﹝(（/-])({_YEAR})\s*年(?:度|初)?[,，]?\s*(?:我|全|本|共|以来|内|,|，|新增主动公开|(?<=年)在)"
                            rf"|(?:^|(?<=[\n。])|(?<=情况\s)|(?<=概述\s)|(?<=概况\s))[ \t\u3000]*({_YEAR})\s*(?:年度(?![报工])|年(?=为))",
                            re.M).finditer(text):
        if any(abs(m.start() - d) < 20 for d in dated):
            continue
        if _PLANNED_YEAR.match(text, m.end()):
            continue  # "2020年,我局将…": the next year's plan, not the year reported on
        weak[int(m.group(1) or m.group(2))] += 1
    # a part's heading that opens with the year (一、2016年度政府信息公开工作基本情况) is the year's work; not a plan's
    # heading (七、2013年重点工作安排), and not one cut off before its words say which
    for m in (*_YEAR_HEADING.finditer(text), *_YEAR_HEADING_AFTER_STOP.finditer(text)):
        if not any(abs(m.start() - d) < 20 for d in dated):
            weak[int(m.group(1))] += 1
    # the pre-2019 boilerplate "截至2013年底,…政府信息公开工作运行正常" speaks of the year reported on
    # (截至2016年12月31日 too: the year's last day)
    for m in lazyre.compile(rf"截[至止]到?\s*({_YEAR})\s*年\s*(?:底|末|12\s*月\s*(?:31\s*日|底|末))").finditer(text):
        if not any(abs(m.start() - d) < 20 for d in dated):
            weak[int(m.group(1))] += 1
    for y, n in weak.items():
        score[y] += min(n, 3)
    if not score:
        return None, [("YEAR_UNKNOWN", "no reported year found in the title, statistics period or text")]
    (best, s), *rest = score.most_common()
    issues = []
    if best not in strong:
        issues.append(("YEAR_UNCERTAIN", f"year {best} rests on body sentences only (no title or statistics period)"))
    elif len(strong) > 1:
        others = sorted(strong - {best})
        issues.append(("YEAR_UNCERTAIN", f"year {best} chosen; title/period also mention {others}"))
    return best, issues


def detect_era(text: str, year: int | None) -> str | None:
    """pre2019 | gb2019 | gb2021: from the template tables' labels (domain §1 order), else the year."""
    # (str.split() splits at exactly the characters \s matches, and \u3000 and \xa0 are among them: the same
    # text as removing [\s|\u3000\xa0]+, in one pass in C without a match object per line break)
    flat = "".join(text.split()).replace("|", "")
    flat = flat.replace("（", "(").replace("）", ")")
    markers = _cfg()["_markers"]
    if any(p.search(flat) for p in markers["gb2021"]):
        return "gb2021"
    if any(p.search(flat) for p in markers["gb2019"]):
        return "gb2019"
    if any(p.search(flat) for p in markers["post2019"]):
        return "gb2019" if year is not None and year <= 2020 else "gb2021"
    if year is None:
        return None
    if year <= 2018:
        return "pre2019"
    return "gb2019" if year <= 2020 else "gb2021"


# ---------------------------------------------------------------- entry point

def extract(doc: Document) -> dict[str, Any]:
    """Metadata of a Document: title, org, region, level, year, era, published, issues."""
    text = arabic_years(doc.text)
    titles = _titles(doc, text)
    issues: list[tuple[str, str]] = []
    year, year_issues = report_year(text, titles)
    issues += [(code, f"{_name(doc)}: {msg}") for code, msg in year_issues]
    prose = "\n".join(b.text for b in doc.blocks if b.kind != TABLE) if doc.blocks else text
    org, source, _ = _choose_org(_org_candidates(doc, titles, text), text)
    if org is not None and any(b.prov.ocr for b in doc.blocks):
        read_right = _ocr_reading(org, text)
        if read_right:
            issues.append(("ORG_OCR_READING", f"{_name(doc)}: the name OCR read {org} is read {read_right} more "
                                              "often elsewhere in the text; that reading is the org"))
            org = read_right
    if org is None:
        issues.append(("ORG_UNKNOWN", f"{_name(doc)}: the text does not name the issuing body "
                                      "(at most 我局/我镇-style references)"))
    level = level_of(org, prose)
    printed = _as_printed(doc, org) if org else None
    title = titles[0][1] if titles else None
    return {
        "title": title,
        "org": printed,
        "org_source": source,
        "region": region_of(org, text) if org else {},
        "level": level,
        "year": year,
        "era": detect_era(text, year),
        # A web page's 发布日期 sits in its metadata block, which the HTML reader moves to doc.meta.
        "published": published_date(text) or published_date(str((doc.meta or {}).get("published") or "")),
        "issues": issues,
    }


def _ocr_reading(org: str, text: str) -> str | None:
    """The org as OCR read it elsewhere in a scanned text, one character apart (永蔓县枫林镇 once, 永嘉县枫林镇 three
    times), when that reading is read more often and names a place the gazetteer knows where the chosen one names
    none; else None."""
    # OCR misreads a character here and there. Frequency alone does not tell the printed reading (a face may turn 闲
    # into 朵 twice out of three), the gazetteer alone cannot either (a two-character place is one character from
    # many others: 成宁市, 咸宁市, 遂宁市, 济宁市): a reading the text holds more often AND that places the body
    # further (a county, its city and province, against an unknown name) is taken.
    n = len(org)
    if n < 3:
        return None
    seen: Counter = Counter()
    for i in range(len(text) - n + 1):
        s = text[i:i + n]
        if s[-1] != org[-1] or s == org:
            continue
        if sum(a != b for a, b in zip(s, org)) == 1:
            seen[s] += 1
    if not seen:
        return None
    (best, count), *rest = seen.most_common(2) + [(None, 0)]
    if rest[0][1] == count or count <= text.count(org) or valid_org(best) is None \
            or len(region_of(best, "")) <= len(region_of(org, "")):
        return None
    return best


def _name(doc: Document) -> str:
    return (doc.path or "document").rsplit("/", 1)[-1]
