"""Figures from prose: every counted number outside the tables, exact, with its metric and provenance.

The metric dictionary (data/metrics.yaml) holds the phrasings; this module only walks sentences,
finds quantities (numbers.py), looks at the clause before each one and applies the rules.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache
from typing import Iterable, NamedTuple

from ..classcache import dataclass
from .. import data
from . import numbers, positions
from ..model import FOOTER, HEADER, TABLE
from .. import lazyre
from ..lazyre import LazyPattern, lazy
from ..record import Figure

SENTENCE = lazyre.compile(r"[^。！？!?\n]+")
CLAUSE_END = ",，;；。！？!?\n"
_BLANK = "\x00"  # fills table regions so no number or clause runs across them
# A closed aside right before a number (收取检索复制费(依申请公开)120元), or before the total word that precedes it
# (发布各类信息(包括:天气预报、预警信号)共1631条): the rule reads the words around it.
_ASIDE = lazyre.compile(r"[(（][^()（）]{1,30}[)）](?=(?:共计?|合计|总计)?[ \t\u3000]*$)")
_SHARE_UNITS = {"%", "个百分点"}
# Windows around each number. Rules only look this far, and bounded windows keep a page with no
# punctuation (a flattened table on one line) linear instead of quadratic.
CLAUSE_MAX = 120  # clause before a number
CONTEXT_MAX = 300  # sentence (and previous sentence) before a number, for vetoes and context
SUFFIX_MAX = 40
SENTENCE_MAX = 300  # longer sentences are quoted as a window around the number
# Table text that reached the prose (tables the skeletons did not match, metadata rows, a page joined
# into one line): two or more short pipe-separated cells, or three or more numbers separated only by
# spaces (a row of cells). Their digits are cells, never prose figures.
# (The first digit is consumed before the look back at the character before it, `\d(?<![\d.]\d)` for
# `(?<![\d.])\d`: a pattern that opens with a character class lets the engine skip to the next digit in C instead
# of trying the pattern at every character; the matches are the same.)
_NUMBER_RUN = r"\d(?<![\d.]\d)\d*(?:\.\d+)?(?:[ \t\u00a0\u3000]+\d+(?:\.\d+)?){2,}(?![\d.])"
_TABLE_RUN = lazyre.compile(r"(?:[^|\n。；;，,]{0,24}\|){2,}[^|\n。；;，,]{0,24}|" + _NUMBER_RUN)
# The pipe-cell branch can start anywhere, so the engine tries it at every character (~2 ms on a long report);
# a text without a "|" is searched with the number branch alone, which gives the same matches.
_NUMBER_RUN_ONLY = lazyre.compile(_NUMBER_RUN)
# After a bare number, the mark of a list item (1、 2. 3．): the number is the item's, not a count.
_LIST_NUMBER = lazyre.compile(r"[ \t\u3000]*(?:、|[.．](?=[ \t\u3000]*[\u4e00-\u9fff]))")
# A line that is one short cell: a number, maybe with a pipe (tables flattened one cell per line).
_CELL_LINE = lazyre.compile(r"(?m)^[ \t\u00a0\u3000|]*[\d.,]+[ \t\u00a0\u3000|]*$")
# Book titles (《关于…的通知》) name documents: their words are not the clause's own and their numbers are
# not counts. The inside is blanked with '#' (same length) so rules see 解读《###》等政策信息.
_TITLE = lazyre.compile(r"《[^《》\n。]{1,80}》")


@dataclass
class _Rule:
    metric: str
    tail: re.Pattern[str]
    post: LazyPattern | None
    units: frozenset[str]
    unitless: bool
    veto: LazyPattern | None
    context: LazyPattern | None
    context_sections: frozenset[str]  # inside these sections the context is given (复议、诉讼和申诉情况)
    veto_sections: frozenset[str]  # inside these sections the rule never applies (requests for active.items)
    veto_sentence: bool
    cumulative: str | None
    relabel_parent: dict[str, str]
    relabel_unless_zero: bool  # a part of value 0 leaves its total's metric alone (上年结转0件)
    relabel_sibling: bool  # also without 其中: a later count of this rule renames the earlier one (受理59件,新收到47件)
    also: tuple[str, ...]
    part_if: LazyPattern | None  # the clause names one form of the metric (图文解读12篇): a part


@lru_cache(maxsize=1)
def _config() -> tuple[list[_Rule], dict[str, re.Pattern[str]], list[tuple[re.Pattern[str], list[str]]]]:
    cfg = data.load("metrics.yaml")
    # The clause patterns are checked only once a rule's tail matched: compiled then, not at start-up.
    rules = [
        _Rule(
            metric=r["metric"],
            tail=lazyre.compile(f"(?:{r['tail']})[ \t\u00a0\u3000]*$"),
            post=lazy(f"^[ \t\u00a0\u3000]*(?:{r['post']})") if r.get("post") else None,
            units=frozenset(r.get("units", [])),
            unitless=bool(r.get("unitless")),
            veto=lazy(r["veto"]) if r.get("veto") else None,
            context=lazy(r["context"]) if r.get("context") else None,
            context_sections=frozenset(r.get("context_sections") or ()),
            veto_sections=frozenset(r.get("veto_sections") or ()),
            veto_sentence=r.get("veto_scope") == "sentence",
            cumulative=r.get("cumulative"),
            relabel_parent=dict(r.get("relabel_parent") or {}),
            relabel_unless_zero=bool(r.get("relabel_unless_zero")),
            relabel_sibling=bool(r.get("relabel_sibling")),
            also=tuple(r.get("also") or ()),
            part_if=lazy(r["part_if"]) if r.get("part_if") else None,
        )
        for r in cfg["rules"]
    ]
    markers = {k: lazyre.compile(v) for k, v in cfg["markers"].items()}
    negations = [(lazyre.compile(n["pattern"]), list(n["metrics"])) for n in cfg["negations"]]
    return rules, markers, negations


def _prose_text(doc, exclude: Iterable[tuple[int, int]]) -> str:
    """Document.text with table blocks, flattened-table spans and book titles blanked (same length)."""
    spans = [(b.start, b.end) for b in doc.blocks if b.kind == TABLE] + [tuple(s) for s in exclude or ()]
    text = _blanked(doc.text, spans)
    for pattern in (_TABLE_RUN if "|" in text else _NUMBER_RUN_ONLY, _CELL_LINE):
        text = pattern.sub(lambda m: _BLANK * len(m.group(0)), text)
    return _TITLE.sub(lambda m: "《" + "#" * (len(m.group(0)) - 2) + "》", text)


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """text with every span (clipped to it) overwritten by _BLANK, same length; overlapping spans blank their union."""
    # Joining slices costs a few copies of the text; a list of its characters cost ~0.4 ms on a long report.
    cuts = sorted((max(0, s), min(len(text), e)) for s, e in spans if min(len(text), e) > max(0, s))
    parts, pos = [], 0
    for s, e in cuts:
        if e <= pos:
            continue
        s = max(s, pos)
        parts += [text[pos:s], _BLANK * (e - s)]
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


# Web pages and some Word files put a space between a number and the words around it (`共 206 条`, `2025 年度`,
# `案件为 0 件`), from one <span> per run of digits. The phrasings of data/metrics.yaml are written without
# it; rather than doubling every pattern, rules read a copy of the text with those spaces taken out, and
# every offset is mapped back to Document.text for the figure's span, page and raw text.
# Written space first (`[ ](?<=\d[ ])` for `(?<=\d)[ ]`), so the engine skips to the next space in C: same matches.
_DIGIT_CJK_SPACE = lazy(r"[ \u00a0\u3000](?:(?<=\d[ \u00a0\u3000])[ \u00a0\u3000]?(?=[\u4e00-\u9fff])"
                        r"|(?<=[\u4e00-\u9fff][ \u00a0\u3000])[ \u00a0\u3000]?(?=\d))")


def _compact(text: str, original: str) -> tuple[str, str, list[int] | None]:
    """`text` and `original` without spaces between a digit and CJK, and each kept offset's original offset."""
    cuts = [m.span() for m in _DIGIT_CJK_SPACE.finditer(text)]
    if not cuts:
        return text, original, None
    at: list[int] = []
    parts, dparts, pos = [], [], 0
    for a, b in cuts:
        parts.append(text[pos:a])
        dparts.append(original[pos:a])
        at.extend(range(pos, a))
        pos = b
    parts.append(text[pos:])
    dparts.append(original[pos:])
    at.extend(range(pos, len(text) + 1))  # one past the end maps to the end
    return "".join(parts), "".join(dparts), at


def _split_at_headings(spans: list[tuple[int, int]], sections, at: list[int] | None, doc) -> list[tuple[int, int]]:
    """Sentence spans cut where a part's heading starts inside one (a page flattened to one line runs the text before
    a heading into it: …联系电话:0479-4220190 一、总体情况…网站方面,年内共发布…): the heading opens a sentence. And
    where it ends, if the file had a space there, as on its own line (…行政诉讼情况 无。: the part's bare answer is a
    sentence of its own; a heading read up to its length limit ends inside a sentence and cuts nothing)."""
    cuts = [x.start for x in sections or () if x.key != "preamble"]
    cuts += [e for x in sections or () if x.key != "preamble" and x.heading
             for e in (x.start + len(x.heading),)
             if doc.text[e:e + 1].isspace() or positions.raw_spaces(doc, e, e + 1)]
    starts = sorted(c if at is None else bisect_left(at, c) for c in cuts)
    if not starts:
        return spans
    out = []
    for a, b in spans:
        for c in starts[bisect_right(starts, a):bisect_left(starts, b)]:
            out.append((a, c))
            a = c
        out.append((a, b))
    return out


_SUB_ITEM = lazyre.compile(r"[(（][一二三四五六七八九十]{1,3}[)）]")
# (、 is no stop: a sub-item's title lists its topics, (二)依申请公开及行政复议、诉讼、申诉情况)
_SUB_HEAD_STOP = lazyre.compile(r"[,，。:：;；\d#]")  # (# is a masked year or date: numbers.mask_noise)
_YEAR_OPENS = lazyre.compile(r"(?:19|20)\d{2}\s?年")
_SUB_HEAD_MAX = 24  # a sub-item's title is short: the space that ends it comes within this many characters


def _split_at_sub_items(spans: list[tuple[int, int]], text: str, doc, where) -> list[tuple[int, int]]:
    """Sentence spans cut at a sub-item on a page flattened to one line, as its line breaks cut them on the printed page:
    before a sub-item number the file set apart with a space ("…三中全会精神 (二)加强政府信息主动公开…", the item's line
    break turned into that space, which normalisation may have taken away), and after a sub-item's heading that opens a
    sentence, where the file had a space within a short title with no stop ("(二)主动公开和依申请公开 主动公开政府信息
    26040条": 依申请公开 is the heading's, not the count's context)."""
    items = {m.start(): m.end() for m in _SUB_ITEM.finditer(text)}  # (one search of the text, not one per sentence)
    if not items:
        return spans
    starts = list(items)
    out = []
    for a, b in spans:
        for k in starts[bisect_right(starts, a):bisect_left(starts, b)]:
            if text[a:k].strip() and (text[k - 1] in " \t\u3000"
                                      or positions.raw_spaces(doc, where.pos(k), where.pos(k) + 1)):
                out.append((a, k))
                a = k
        k = a + len(text[a:a + 4]) - len(text[a:a + 4].lstrip(" \t\u3000"))
        if k in items:
            end = items[k]
            stop = _SUB_HEAD_STOP.search(text, end, min(b, end + _SUB_HEAD_MAX))
            hi = stop.start() if stop else min(b, end + _SUB_HEAD_MAX)
            spaces = set(positions.raw_spaces(doc, where.pos(end + 2), where.pos(hi))) if hi > end + 2 else ()
            cut = next((c for c in range(end + 2, hi) if where.pos(c) in spaces), None) if spaces else None
            if cut is None and stop is not None and hi > end + 2 and (_YEAR_OPENS.match(text, hi) or text[hi] == "#") \
                    and doc.text[where.pos(hi) - 1:where.pos(hi)].isspace():
                # (a space the normaliser kept, before the year that opens the sentence: `…申诉情况 2016年度我局受理…`,
                # is the line break too; not before a count, `(一)主动公开政府信息的数量共 192 条`, spaced as a PDF's
                # copied text sets numbers apart)
                cut = hi
            if cut is not None:
                out.append((a, cut))
                a = cut
        out.append((a, b))
    return out


def _section_at(sections, pos: int) -> str | None:
    best = None
    for s in sections or ():
        if s.start <= pos < s.end and (best is None or s.end - s.start < best.end - best.start):
            best = s  # the innermost section holding the offset
    return best.key if best else None


def _section_finder(sections):
    """_section_at(sections, pos) as a function of pos, by bisection (a long report asks it once per number)."""
    # Between two consecutive starts or ends of sections the same sections hold every offset, so the answer of
    # _section_at at the stretch's first offset is the answer for all of it.
    bounds = sorted({b for x in sections or () for b in (x.start, x.end)})
    keys = [_section_at(sections, b) for b in bounds]
    return lambda pos: keys[k] if (k := bisect_right(bounds, pos) - 1) >= 0 else None


def _clause_start(text: str, lo: int, pos: int) -> int:
    # the last clause stop in text[lo:pos] (searched in C: walking back a character at a time cost ~0.6 ms)
    if lo >= pos:
        return pos
    m = _LAST_STOP.search(text, lo, pos)
    return m.start() + 1 if m else lo


_LAST_STOP = lazyre.compile(f"[{re.escape(CLAUSE_END)}][^{re.escape(CLAUSE_END)}]*\\Z")
_STOP = lazyre.compile(f"[{re.escape(CLAUSE_END)}]")


def _first_stop(text: str, lo: int = 0) -> int:
    """The offset of the first clause stop in text[lo:], or len(text) (searched in C: a walk in Python over every
    number's sentence head cost ~0.15 ms on a long report)."""
    m = _STOP.search(text, lo)
    return m.start() if m else len(text)


def _match_rule(rules: list[_Rule], q: numbers.Quantity, prefix: str, clause: str, suffix: str,
                sentence: str, before: str, section: str | None = None) -> _Rule | None:
    """The first rule whose unit, tail, post, veto and context fit; `sentence` is the sentence up to the
    number, `before` also holds the previous sentence, `section` is the key of the section holding it."""
    aside_less = None  # the prefix without a closing aside, worked out once for all rules
    for r in _tail_candidates(rules, q.unit, prefix):
        if q.unit is not None and q.unit not in r.units:
            continue
        if q.unit is None and suffix.lstrip(" \t\u00a0\u3000")[:1].isdigit():
            continue  # 19 00元: a number broken by a stray space is not read as two
        if not r.tail.search(prefix):
            if aside_less is None:
                aside_less = _ASIDE.sub("", prefix)
            if aside_less == prefix or not r.tail.search(aside_less):
                continue  # (no aside to take away: the same search again would fail again)
        if r.post is not None and not r.post.search(suffix):
            continue
        if r.veto is not None and r.veto.search(sentence if r.veto_sentence else clause):
            continue
        if r.context is not None and not r.context.search(before) and section not in r.context_sections:
            continue
        if section in r.veto_sections:
            continue
        return r
    return None


# A rule's tail is searched as `(?:tail)[ \t\u00a0\u3000]*$` (see _config): a match ends with one of the characters
# the tail can end with, followed by spaces only, so the prefix's last non-space character must be one of them.
# Trying ~25 tails on every number's prefix was the largest cost of the stage; the rules that cannot fit are
# dropped by that one character (and by the number's unit) before any search: the first rule that fits is the same.
_TAIL_SPACES = " \t\u00a0\u3000"
_TAIL_END = "[ \t\u00a0\u3000]*$"


class _TailIndex:
    """For one rule list: the rules worth trying for a unit and the last characters of a prefix, memoised."""

    def __init__(self, rules: list[_Rule]) -> None:
        self.rules = rules
        self.ends = [_tail_end_class(r.tail.pattern) for r in rules]
        self.memo: dict[tuple[str | None, str, str], list[_Rule]] = {}

    def candidates(self, unit: str | None, ends: tuple[str, str]) -> list[_Rule]:
        """The rules in order whose unit admits `unit` and whose tail can end with one of `ends` ('' for none)."""
        key = (unit, *ends)
        hit = self.memo.get(key)
        if hit is None:
            if len(self.memo) > 4096:
                self.memo.clear()  # a bound: prefixes ending in many distinct characters
            hit = self.memo[key] = [r for r, cls in zip(self.rules, self.ends)
                                    if (unit is None or unit in r.units)
                                    and (cls is None or any(c and cls.match(c) for c in ends))]
        return hit


def _tail_end_class(source: str) -> re.Pattern[str] | None:
    """The class of characters a tail pattern's match ends with before its trailing spaces, or None to try it always."""
    if not source.endswith(_TAIL_END):
        return None
    body = lazyre.memo("last_chars", source[:-len(_TAIL_END)], numbers.last_chars)
    if body is None:
        return None  # unknown, or the tail can match nothing
    cls = lazyre.compile(f"[{body}]")
    return None if any(cls.match(c) for c in _TAIL_SPACES + "\n") else cls


_TAIL_INDEXES: dict[int, tuple[list[_Rule], _TailIndex]] = {}


def _tail_candidates(rules: list[_Rule], unit: str | None, prefix: str) -> list[_Rule]:
    """The rules of `rules`, in order, that can fit a number of `unit` after `prefix` (the others cannot match)."""
    hit = _TAIL_INDEXES.get(id(rules))
    if hit is None or hit[0] is not rules:
        _TAIL_INDEXES.clear()
        hit = _TAIL_INDEXES[id(rules)] = (rules, _TailIndex(rules))
    if "\n" in prefix:
        return rules  # `$` also matches before a final newline: no end character to test
    end = prefix.rstrip(_TAIL_SPACES)[-1:]
    # _match_rule also tries each tail on the prefix without a closing aside (…费(依申请公开)): its end counts too
    inner = _ASIDE.sub("", prefix).rstrip(_TAIL_SPACES)[-1:] if end and end in ")）" else end
    return hit[1].candidates(unit, (end, inner))


def _respective_rules(rules: list[_Rule], markers: dict[str, re.Pattern[str]], prefix: str,
                      before: str) -> list[_Rule]:
    """The rules of the phrases listed before 分别为 (行政复议和行政诉讼分别为…), or [] if one is unknown."""
    return _listed_rules(rules, markers, markers["respectively"].sub("", prefix), before)


def _shared_rules(rules: list[_Rule], markers: dict[str, re.Pattern[str]], prefix: str,
                  before: str) -> list[_Rule]:
    """The rules of the phrases listed before 均为 (依申请公开、行政复议、行政诉讼均为0), or []."""
    if not markers["shared"].search(prefix):
        return []
    return _listed_rules(rules, markers, markers["shared"].sub("", prefix), before)


def _listed_rules(rules: list[_Rule], markers: dict[str, re.Pattern[str]], head: str,
                  before: str) -> list[_Rule]:
    """One rule per phrase of a list (…、…和…), or [] when the list has one phrase or an unknown one."""
    parts = [p for p in markers["respective_joiner"].split(head) if p.strip()]
    out = []
    for part in parts:
        # A listed phrase stands for "phrase 为 n" (政府信息公开申请、… 均为0): tails that end in 为 accept it so.
        rule = next((r for r in rules if r.post is None and (r.tail.search(part) or r.tail.search(part + "为"))
                     and not (r.veto and r.veto.search(part))
                     and not (r.context and not r.context.search(before))), None)
        if rule is None:
            return []
        out.append(rule)
    return out if len(out) > 1 else []


_PART_OF_A_BARE_NUMBER = lazyre.compile(r"\d[ \t]*[,，]?[ \t]*其中")


def _breakdown_marker(markers: dict[str, re.Pattern[str]], gap: str) -> re.Match[str] | None:
    """The marker when the text between a total and a number opens a list of its parts (其中, 含, 分别为, ':')."""
    last = None
    for m in markers["breakdown"].finditer(gap):
        last = m
    if last is None:
        return None
    # (含财政预决算、会议信息等) closes before the next number: it lists kinds, not counts.
    return None if lazyre.compile(r"[)）]").search(gap[last.end():]) else last


def _open_paren(text: str) -> bool:
    """True when text leaves a parenthesis open (the list of parts it opens ends when it closes)."""
    return text.count("(") + text.count("（") > text.count(")") + text.count("）")


_LISTED_AFTER_SEMICOLON = lazyre.compile(r"[;；][ \t]*(?:\d{1,2}[.、．]|[(（]\d{1,2}[)）]|[①-⑳])")
# Verbs that open a statement of their own: a clause holding one is no bare item of a list.
_STATEMENT_VERBS = ("收到|受理|办理|答复|回复|接待|开展|举办|召开|组织|发布|公开|更新|推送|印发|制定|解读|维护|开设|访问|点击|浏览"
                    "|编制|报送|完成|提供|处理|申请")
# …累计公布信息69条,工作动态61条,运输管理5条: after a comma a bare label with its count is a category of the total
# before it; not a stock, a rate, a channel or a request (历年累计234条, 微信公众号162条, 信箱留言5条)
_BARE_ITEM_AFTER_COMMA = lazyre.compile(
    rf"[ \t]*[,，、][ \t]*(?![^,，;；。]*?(?:{_STATEMENT_VERBS}|办结|回应|信箱|留言|来信|热线|咨询|投诉|举报"
    r"|累计|历年|合计|总计|共|以来|同比|增长|占|微信|微博|公众号|网|平台|栏|屏|报|号|媒体|客户端))[^,，;；。:：!！?？\d]{1,10}")
# …其中概况类信息1105条;政务动态类信息2896条;其他信息2004条: after ';' a bare label with its count (no verb, no
# clause of its own) is the next item of the same list, not a new statement
_ITEM_AFTER_SEMICOLON = lazyre.compile(
    rf"[ \t]*[;；][ \t]*(?![^;；]*?(?:{_STATEMENT_VERBS}))[^;；,，。:：!！?？\d]{{1,40}}")
# …共主动公开565条,其中:发布工作信息421条;制定并发布规范性文件11件;发布统计信息2条: a list opened with a colon
# runs on over ';' while each item names what was published (a verb of publishing is allowed, unlike the bare items
# above); an item about other work (收到申请, 信箱留言, 答复) ends it.
_COLON_ITEM_AFTER_SEMICOLON = lazyre.compile(
    r"[ \t]*[;；][ \t]*(?![^;；]*?(?:收到|受理|办理|答复|回复|接待|开展|举办|召开|组织|访问|点击|浏览|报送|申请|留言|信箱"
    r"|热线|咨询|投诉|举报|回应|办结|微信|微博|公众号|头条|抖音|客户端|APP|app|网站|平台|专栏|媒体))[^;；,，。:：!！?？\d]{1,40}")
_SHARED_UNIT = lazyre.compile(r"(?:[ \t]*(?:、|和|及|与|以及)[ \t]*\d+(?:\.\d+)?)+[ \t]*(条|件|篇|项|个|次|期|份|起|场|元)")
_COLON_AFTER = lazyre.compile(r"[ \t]*[:：]")
_SITE_BEFORE = lazyre.compile(r"网站|网(?=[^站])|平台")
_BARE_TOTAL = lazyre.compile(r"[ \t]*(?:合计|共计|总计|总共)(?:共)?(?:为|达)?[ \t]*")
_VIEW_OPENING = lazyre.compile(r"在(?:所)?(?:主动)?公开的(?:政府)?信息中")


def _parts_add_up(figures: list[Figure], total: int) -> bool:
    """Whether a total's category parts so far, two at least, add up to it exactly."""
    return _adds_up([f for f in figures if f.parent == total and f.kind == "breakdown"
                     and f.unit == figures[total].unit and not f.negation], figures[total])


def _adds_up(parts: list[Figure], total: Figure) -> bool:
    """Whether two parts or more add up to the total exactly."""
    try:
        return len(parts) >= 2 and sum(Decimal(f.value) for f in parts) == Decimal(total.value)
    except (TypeError, ArithmeticError):
        return False


def _last_part_words(figures: list[Figure], mine: list[tuple[int, tuple[int, int], bool]], parent: int,
                     text: str) -> str:
    """The words before the last part of parent listed so far in the sentence ("" when there is none)."""
    for i, (lo, hi), _ in reversed(mine):
        if figures[i].parent == parent:
            return text[lo:hi]
    return ""


_ITEM_EDGE = lazyre.compile(r"^[\s;；,，、:：]*(?:其中)?[\s;；,，、:：]*")


def _same_item_noun(gap: str, before: str) -> bool:
    """Whether the words after a ';' name their count the way the list's last part did (其中行政许可公开信息3121条,…;
    行政处罚公开信息412条): the same noun after another category, so one more part of the list, not a new statement.
    (The caller leaves out a secondary outlet after the ';', …专栏发布信息79条;在…微信公众号公布信息387条: another channel,
    not a part of the website's count.)"""
    if not before or not lazyre.compile(r"[;；]").search(gap):
        return False
    a, b = _ITEM_EDGE.sub("", gap), _ITEM_EDGE.sub("", before)
    if not a or not b or len(a) > 20 or a == b or lazyre.compile(r"\d|共|合计|总计|全年|累计").search(a):
        return False
    k = 0
    while k < min(len(a), len(b)) and a[-1 - k] == b[-1 - k]:
        k += 1
    return k >= 3 and k < len(a)  # (a shared noun of three characters at least, after a category of its own)


# 其中 right after a part (…公众号2443条,其中党建58条), or a bracket opening on 含/包括 right after it (…76件(含上年结转
# 5件)): the counts that follow are that part's own parts
_NESTED_PARTS = lazyre.compile(r"^[\s,，]*其中")
_BRACKETED_PARTS = lazyre.compile(r"[ \t]*[(（][ \t]*(?:含|包含|包括|其中)[:：]?[^()（）\d]{0,12}")
# what follows a total said again to open a view of its parts (在2008年公开的54条信息中)
_RESTATED = lazyre.compile(r"(?:(?:政府|政务)?信息|[\u4e00-\u9fff]{0,4}?(?:文件|信息))?(?:当|之)?中")
# the words of a part that is not proactive (不主动公开信息45条, 不予公开信息12条)
_NOT_PROACTIVE = lazyre.compile(r"(?:不主动|非主动|不予|依申请)公开[^,，;；。\d]{0,8}$")
class _Kinds(NamedTuple):
    """A count of kinds (16项, 3类, 28大项、79小项) waiting for the count of items right after it."""

    lo: int  # where the words before the kinds begin
    start: int  # where the (first) count of kinds begins
    fig: int  # its figure's index, -1 when it made none (类 is no unit)
    end: int  # where the kinds end


# Counts of kinds before a count of items (16项65条, 3类120条, 28大项、79小项,共计6657条): the units and words that
# count kinds, what may join several of them, what may stand between them and the items, and the items' units
_KIND_UNITS = {"项", "类"}
_KIND_WORD = lazyre.compile(r"大类|类|大项|小项")
_KINDS_LIST = lazyre.compile(r"[ \t]*[、,，和及][ \t]*")
_KINDS_JOINER = lazyre.compile(r"[ \t]*(?:[,，][ \t]*(?=共|合计|总计))?(?:共计?|合计|总计)?[ \t]*")
_ITEM_UNITS = {"条", "件", "篇"}
# The words of a stock said right after the year's count, with nothing else (…11条,历年累计234条 / ，累计公开234条)
_BARE_STOCK = lazyre.compile(r"[\s,，、;；]*(?:历年|至今|目前|截[至止]目前)?累计(?:主动)?(?:公开|发布)?(?:信息)?(?:共计?|达到?|为)?[\s]*")
_NEW_THIS_YEAR = lazyre.compile(r"(?:本年度?|当年|今年|年内)(?:新增|新公开)")
# A part of a stock-to-date whose own words are only "this year's" or "new" (其中2010年新增, 其中本年度公开, 其中新增):
# the stock's growth in the year. Any other words (网上公开信息的数量为, 政策法规类) make it one kind of the stock.
_YEARS_PART = lazyre.compile(
    r"[\s,，:：]*(?:其中)?[\s,，:：]*(?:(?P<year>\d{4})[ \t]*年度?|本年度?|当年|今年|年内)?[\s,，]*"
    r"(?P<new>新增|新公开)?(?:主动)?(?:公开|发布)?(?:了)?(?:政府|政务)?(?:信息)?(?:数量?)?(?:共计?|为|有)?[\s,，:：]*")


def _this_years_part(prefix: str, year: int | None) -> bool:
    """Whether a part's own words say only that it is the report year's (or new) items: see _YEARS_PART."""
    m = _YEARS_PART.fullmatch(prefix)
    if m is None or not (m.group("new") or m.group("year") or lazyre.compile(r"本年|当年|今年|年内").search(prefix)):
        return False
    return m.group("year") is None or year is not None and int(m.group("year")) == int(year)


def _annual_of(rules, cumulative: str | None) -> str | None:
    """The annual metric whose stock-to-date is this cumulative metric (active.items_cumulative → active.items)."""
    return next((r.metric for r in rules if cumulative and r.cumulative == cumulative), None)


def _stock_of(rules, metric: str | None) -> str | None:
    """The cumulative metric of an annual metric's stock-to-date (active.items → active.items_cumulative), or None."""
    return next((r.cumulative for r in rules if metric and r.metric == metric and r.cumulative), None)


# a count of "the other" items (其他信息, 其它应当公开的信息); not the other channels (其他形式, 其他渠道)
OTHER_WAYS = "形式|方式|渠道|途径|平台|媒体|载体"
_THE_REST = lazyre.compile(rf"[ \t,，、;；:：]*其[他它](?!{OTHER_WAYS})")
# a clause naming secondary outlets only (运用微信、微博发布信息102条): several of them are no total; a site, a
# platform or 等…渠道 among them makes one
# (自媒体 is the social accounts themselves: 官方微博、微信两个自媒体 are outlets only; newspapers and television closed
# by 等媒体, 通过眉山日报、眉山电视台等媒体公开信息110条, are the press only; so are social accounts closed by 等新媒体, and
# 以图文、视频等形式 names formats, no channels)
_ONLY_OUTLETS = lazyre.compile(r"(?:(?!网站|网|平台|门户|系统|目录|等(?!(?:新闻|新)?媒体|形式)|多种|多个|各类|各种|渠道|途径|方式"
                               r"|(?<!等)形式|载体|(?<![自等闻新])媒体).)*", re.S)
# Two websites joined (通过市政府门户网站及本部门门户网站主动公开…) are still the one web channel, not a count over
# channels of several kinds: beside a WeChat count it is one channel's figure like any website's.
_SITES_ONLY = lazyre.compile(r"(?:(?!平台|微信|微博|公众号|新媒体|客户端|公开栏|专栏|系统|号|等|多|各|档案馆|图书馆).)*", re.S)
_COUNTED = lazyre.compile(r"[ \t\u3000]*(?:\d|[一二两三四五六七八九十]+[次场期个条件])")


def _channel_kind(markers: dict[str, re.Pattern[str]], since: str) -> str | None:
    """kind of a count stated through one channel: channel (the body's website or disclosure platform),
    breakdown (a secondary outlet: WeChat, Weibo, bulletin boards), or None (no channel, or several)."""
    m = None
    for found in markers["channel"].finditer(since):
        # a channel right before a number is what that number counts (举办新闻发布会0次), not where it was said
        if not _COUNTED.match(since, found.end()):
            m = found  # the channel nearest the number
    if m is None:
        return None
    # several channels named in the clause of the nearest one (门户网站及官方微博微信等) make a total
    start = _clause_start(since, 0, m.start())
    end = _first_stop(since, m.end())
    if markers["channel_multi"].search(since, start, end) and not _ONLY_OUTLETS.fullmatch(since, start, end) \
            and not _SITES_ONLY.fullmatch(since, start, end):
        return None
    # the outlet may follow the site it belongs to (通过县人民政府网微信公众号推送…): still one outlet
    outlet = markers["channel_outlet"].search(m.group(0)) or names_outlet(since, m.end(), min(end, m.end() + 6))
    if outlet and markers["site_section"].search(m.group(0)) and m.group(0).endswith(("公开", "发布")) \
            and not names_outlet(since, m.start(), m.end()) \
            and _SITE_BEFORE.search(since, max(start, m.start() - 32), m.start() + 2):
        outlet = None  # 在局网站政务公开栏目主动公开…: the column of the site named just before it is the site
    return "breakdown" if outlet else "channel"


def names_outlet(text: str, lo: int = 0, hi: int | None = None) -> bool:
    """Whether text[lo:hi] names a secondary outlet (微信, 微博, 公开栏 …); a column of the website (栏目, 专栏) is
    the website itself."""
    markers = _config()[1]
    return any(not markers["site_section"].fullmatch(o.group())
               for o in markers["channel_outlet"].finditer(text, lo, len(text) if hi is None else hi))


def extract(doc, sections, exclude: list[tuple[int, int]] | tuple = (), year: int | None = None,
            level: str | None = None) -> list[Figure]:
    """Figures in the prose of a Document (tables and `exclude` spans skipped), with metrics and kinds.

    `year` is the report's year when known: a count the sentence ties to another year is not the year's.
    `level` is the body's level (township, county …): a count of a larger area is not the body's."""
    rules, markers, negations = _config()
    text, dtext, at = _compact(_prose_text(doc, exclude), doc.text)
    text = numbers.mask_noise(text)  # after _compact, so `2025 年1月` is a date like `2025年1月`
    spans = _split_at_headings([sm.span() for sm in SENTENCE.finditer(text)], sections, at, doc)
    where = _Blocks(doc, at)
    spans = _split_at_sub_items(spans, text, doc, where)
    candidates = _negation_candidates(negations, text, spans)
    section_at = _section_finder(sections)
    figures: list[Figure] = []
    carried: int | None = None  # the last total of the previous sentence (for a sentence opening with 其中)
    prev_s = 0
    for (s, e), negatable, found in zip(spans, candidates, numbers.quantities_in_spans(text, spans)):
        if not text[s:e].strip(" \t\u00a0\u3000" + _BLANK):
            continue
        if not found and not negatable and not _may_be_none(text, s, e):
            prev_s = s  # no number, no negation, no bare "none": nothing below would read this sentence
            continue
        sentence = doc.text[where.pos(s):where.end(e)].strip() if e - s <= SENTENCE_MAX else None
        last_end = s
        outer: int | None = None  # the list's total while a bracket after one of its parts holds that part's parts
        kinds: _Kinds | None = None  # a count of kinds (16项), for the count of items right after it
        said = s  # end of the last number that stated a metric: a channel phrase before it is that number's
        prev_total: int | None = None
        parent: int | None = None
        paren_scope = False  # the parts were opened inside a parenthesis: (包括…) ends them
        colon_list = False  # the parts were opened by 其中: / 包括: (a list that may run on over ';')
        other_view = False  # the sentence breaks down a total whose parts already added up (see below)
        whole_parts = False  # the sentence opened with 其中 under the last sentence's total: all of it is its parts
        first: dict[str, tuple[int, bool]] = {}  # metric -> its first stated figure, said with 共/全年/累计?
        pending: list[_Rule] = []  # metrics announced before 分别为, one per following number
        sentence_figs: list[tuple[int, bool, bool]] = []  # (figure, its own words name a channel, said with a total word)
        for q in found:  # numbers.find_quantities(text[s:e])
            q.start, q.end = q.start + s, q.end + s
            if q.unit is None and "分别" in text[max(s, q.start - CLAUSE_MAX):q.start]:
                shared = _SHARED_UNIT.match(text, q.end, e)
                if shared and "分别" in text[_clause_start(text, max(s, q.start - CLAUSE_MAX), q.start):q.start]:
                    q.unit = shared.group(1)  # 微博、微信分别发布信息2433、1664和2247条: the list's last unit is each one's
            if numbers.is_ordinal(text, q.start) or q.unit is None and _LIST_NUMBER.match(text, q.end):
                continue  # 第15条; 1、工作人员情况 / 2. / (3): a list number, never a count
            if q.value == 1 and text[q.start] == "一" and markers["negated_one"].search(text, max(s, q.start - 20), q.start):
                continue  # 没有收到一件申请: "not a single one", the negation states the zero
            clause_lo = _clause_start(text, max(s, q.start - CLAUSE_MAX), q.start)
            prefix = text[max(clause_lo, last_end):q.start]
            joiner = _KINDS_JOINER.fullmatch(text, kinds.end, q.start) if kinds is not None and kinds.end <= q.start \
                else None
            if joiner and q.unit in _ITEM_UNITS:
                # 共主动公开政府信息16项65条 / 公开信息6类共计43条: a count of kinds printed right before the count of items;
                # the items take the words before both
                prefix = text[kinds.lo:kinds.start] + joiner.group().lstrip(" \t,，")
            clause = text[clause_lo:q.start]
            suffix = text[q.end:min(e, q.end + SUFFIX_MAX)]
            before = text[max(prev_s, q.start - CONTEXT_MAX):q.start]
            section = section_at(where.pos(q.start))
            rule = _match_rule(rules, q, prefix, clause, suffix, text[max(s, q.start - CONTEXT_MAX):q.start], before,
                               section)
            if rule is not None and joiner and kinds.fig >= 0 and figures[kinds.fig].metric == rule.metric:
                figures[kinds.fig].metric = None  # (收到申请3项5件: the 3 counts kinds of what was asked, not applications)
            if rule is None and markers["respectively"].search(prefix):
                pending = _respective_rules(rules, markers, prefix, before)
            elif rule is not None or not markers["respective_joiner"].fullmatch(prefix.strip() or ","):
                pending = []
            respective = False  # the metric comes from a list before 分别 (复议和诉讼分别为2件和1件)
            if rule is None and pending:
                nxt = pending.pop(0)
                rule = nxt if q.unit in nxt.units else None
                respective = rule is not None
            summed = None  # …基础信息135条,…领域信息5条,水利领域信息81条,合计共221条: a bare total of the counts before it
            if rule is None and q.unit and _BARE_TOTAL.fullmatch(text, _clause_start(text, s, q.start), q.start):
                summed = [i for i, _, _ in sentence_figs if figures[i].metric and figures[i].unit == q.unit
                          and figures[i].parent is None and figures[i].kind not in ("share", "change")]
                metrics = {figures[i].metric for i in summed}
                rule = next((r for r in rules if len(metrics) == 1 and r.metric in metrics), None)
            word = _KIND_WORD.match(text, q.end) if q.unit is None else None
            if word:
                # 主动公开信息3类120条 / 分3类公开 / 28大项、79小项,共计6657条: a count of kinds (类, 大项 are no units the
                # reader knows) is no metric's value; a count right after it takes the words before all of them
                if kinds is not None and kinds.fig < 0 and _KINDS_LIST.fullmatch(text, kinds.end, q.start):
                    kinds = kinds._replace(end=word.end())
                else:
                    kinds = _Kinds(max(clause_lo, last_end), q.start, -1, word.end())
                continue
            if q.unit is None and rule is None:
                continue  # a bare number with no unit and no rule: a code, an address, a count of nothing
            if q.unit is None and _year_without_nian(q, year):
                # (一)主动公开 2023,海事处…: the report's year with its 年 dropped, after a heading's label — no count
                continue
            a, b = where.pos(q.start), where.end(q.end)
            page, ocr = where.page_ocr(q.start)
            fig = Figure(metric=rule.metric if rule else None,
                         value=_value_text(q), raw=doc.text[a:b].strip(), unit=q.unit,
                         scale=q.scale, qualifier=q.qualifier, section=section,
                         text=sentence or _window(doc.text, a, b, where.pos(s), where.end(e)),
                         page=page, span=(a, b), ocr=ocr)
            seg_lo = max(s, text.rfind(";", s, q.start) + 1, text.rfind("；", s, q.start) + 1)
            _set_kind(fig, rule, markers, prefix, clause, dtext[max(seg_lo, last_end):q.start], year)
            if fig.kind == "cumulative" and rule is not None and not rule.cumulative and _opens_with_year(dtext, s, year) \
                    and not markers["cumulative_todate"].search(dtext, s, q.start):
                # 2021年,全县主动公开…;全县累计收到政府信息公开申请56件: a count with no stock of its own (applications),
                # 累计 in a sentence the report's year opens, sums the year
                fig.kind, fig.metric = "annual", rule.metric
            if rule is None and fig.kind == "cumulative" and sentence_figs and _BARE_STOCK.fullmatch(prefix):
                # 本街道2015年共主动公开政府信息11条,历年累计234条: a bare stock right after a count is that count's stock
                said_before = figures[sentence_figs[-1][0]]
                stock = _stock_of(rules, said_before.metric)
                if stock and said_before.kind in ("annual", "channel") and said_before.unit == fig.unit:
                    fig.metric = stock
            since = text[max(said, q.start - CLAUSE_MAX):q.start]
            if fig.kind in ("annual", "cumulative") and _RESTATED.match(text, q.end) and "在" in text[clause_lo:q.start] \
                    and any(g.metric and g.value == fig.value and g.unit == fig.unit for g in figures):
                # 2008年公开信息54条。在2008年公开的54条信息中,…类信息:主动公开2条: a total said again to open a view of
                # its parts; it and the counts after it in the sentence are parts of no list to sum
                fig.kind, other_view = "breakdown", True
            elif fig.kind in ("annual", "cumulative"):
                gap = text[last_end:q.start]
                # …共计22条,其中:1.政策性文件1条;2.工作动态类信息12条: a numbered item after ';' goes on with the list
                listed = _LISTED_AFTER_SEMICOLON.search(gap) or rule is None and parent is not None and (
                    _ITEM_AFTER_SEMICOLON.fullmatch(gap) or colon_list and _COLON_ITEM_AFTER_SEMICOLON.fullmatch(gap)) \
                    or parent is not None and _same_item_noun(gap, _last_part_words(figures, sentence_figs, parent, text)) \
                    and not names_outlet(gap) \
                    or whole_parts and parent is not None and (rule is None or rule.metric == figures[parent].metric)
                if lazyre.compile(r"[;；]").search(gap) and not listed:
                    first = {}  # a count after ';' starts a new statement (结转起诉案件1件 is not part of 起诉案件2件)
                if outer is not None and lazyre.compile(r"[)）]").search(gap):
                    parent, outer = outer, None  # …76件(含上年结转5件)、部分公开1件: the bracket closed, the list goes on
                if parent is not None and (lazyre.compile(r"[;；]").search(gap) and not listed
                                           or paren_scope and lazyre.compile(r"[)）]").search(gap)):
                    # 公开3条(包括…),收到申请0件 / …900条;收到信箱留言40条: the list of parts has ended
                    parent, paren_scope, colon_list = None, False, False
                marker = _breakdown_marker(markers, gap) if parent is None else None
                if parent is not None and sentence_figs and _BRACKETED_PARTS.fullmatch(gap):
                    # 其中,予以公开76件(含上年结转5件): a count in brackets right after a part is that part's own
                    last = sentence_figs[-1][0]
                    if figures[last].parent == parent:
                        parent, outer = last, parent
                if parent is not None and rule is None and sentence_figs and _NESTED_PARTS.search(gap):
                    # …微信公众号2443条,其中乡村振兴228条、民政社保45条: 其中 after a part opens that part's own parts,
                    # which are no parts of the total (their sum is the part's, not the total's)
                    last = sentence_figs[-1][0]
                    if figures[last].parent == parent and figures[last].unit == q.unit:
                        parent = last
                if marker is None and parent is None and rule is None and prev_total is not None \
                        and figures[prev_total].metric == "active.items" and figures[prev_total].unit == q.unit \
                        and _BARE_ITEM_AFTER_COMMA.fullmatch(gap) and not _exceeds(fig, figures[prev_total]):
                    # 累计公布信息69条,工作动态61条,运输管理5条: bare labels and counts right after a total are its
                    # categories, as after 其中
                    parent = prev_total
                if marker:
                    if prev_total is not None:
                        parent, paren_scope = prev_total, _open_paren(gap[:marker.start()])
                        colon_list = bool(_COLON_AFTER.match(gap, marker.end()) or gap[marker.start():marker.end()]
                                          .rstrip().endswith((":", "：")))
                    elif last_end == s and markers["breakdown_opening"].search(gap):
                        # a second sentence opening 在主动公开的信息中 after one whose parts already add up to the total
                        # is another view of it (by topic, by public concern): its counts are parts, of no list to sum
                        # (其中… there goes on with the same list: a count of the total's own metric in it that
                        # disagrees still contradicts the total)
                        other_view = carried is not None and _VIEW_OPENING.search(gap) is not None \
                            and _parts_add_up(figures, carried)
                        # (the total must count what its parts count: a report's 6个部分 in the intro lists no items)
                        parent = None if other_view or carried is not None and figures[carried].unit != q.unit \
                            else carried
                        # (其中通过网站公开2000余条;通过新媒体公开1800余条;出版公报3期,公开信息96条: a sentence that is
                        # nothing but the breakdown of the one before keeps its list over ';')
                        whole_parts = parent is not None
                if other_view:
                    fig.kind = "breakdown"
                elif parent is not None:
                    # a part of a stated total; a channel's share of it (its own clause says so) is kind channel
                    fig.kind, fig.parent = ("channel" if _channel_kind(markers, prefix) else "breakdown"), parent
                    if rule and rule.cumulative and _NEW_THIS_YEAR.search(prefix) and figures[parent].metric == rule.metric:
                        # 2020年累计主动公开275条,其中本年度新增32条: the total is the stock, the new items the year's
                        figures[parent].kind, figures[parent].metric = "cumulative", rule.cumulative
                        fig.kind, fig.parent = "annual", None
                    elif figures[parent].kind == "cumulative" and fig.unit == figures[parent].unit \
                            and _this_years_part(dtext[max(clause_lo, last_end):q.start], year) \
                            and _annual_of(rules, figures[parent].metric):
                        # 截至2010年底累计公开52条,其中2010年新增14条 / 其中本年度公开14条: the part the stock gained in
                        # the report's year is the year's count (the words before it say nothing but that)
                        fig.metric, fig.kind, fig.parent = _annual_of(rules, figures[parent].metric), "annual", None
                    if _relabel_parent(figures, parent, rule, fig):
                        fig.kind = "annual"  # 其中主动公开55条 / 新收到14件: a stated value, not a category
                    elif rule is None and figures[parent].metric == "active.items" and _NOT_PROACTIVE.search(prefix) \
                            and not says_proactive(figures[parent]):
                        # 累计发布政府信息87条,其中主动公开信息42条,不主动公开信息45条: a part that is not proactive says
                        # the total is all the information; its proactive part is the year's proactive count
                        mine = [i for i, _, _ in sentence_figs if figures[i].parent == parent
                                and figures[i].metric == "active.items" and figures[i].kind == "breakdown"]
                        if mine:
                            figures[parent].metric = "disclosed.items"
                            for i in mine:
                                figures[i].kind, figures[i].parent = "annual", None
                    if figures[parent].metric == "disclosed.items" and fig.metric == "active.items_cumulative" \
                            and "主动" not in prefix:
                        fig.metric = None  # (…,历年累计发布政府信息1189条 in that list: a stock of all of it, not of the proactive)
                elif fig.kind == "annual":
                    own = text[max(said, last_end, q.start - CLAUSE_MAX):q.start]
                    _set_role(fig, figures, first, markers, prefix, since, text[s:q.start], own, level)
                    if fig.parent is not None and rule and rule.relabel_sibling and figures[fig.parent].metric == fig.metric \
                            and fig.metric in rule.relabel_parent:
                        # 共受理59件,结转上年后新收到47件: a later count naming what its total is not, as after 其中
                        figures[fig.parent].metric = rule.relabel_parent[fig.metric]
                        fig.kind, fig.parent = "annual", None
                    _narrow_role(fig, rule, markers, prefix, own, level)
                    if fig.kind == "annual" and _PART_OF_A_BARE_NUMBER.search(text, last_end, q.start):
                        # 全年共行政公文1188,其中主动公开835: 其中 after a number printed without a unit (so no count of
                        # its own) still makes what follows a part of it, not the year's figure
                        fig.kind = "breakdown"
                    if fig.kind == "annual" and not respective and "分别" in text[clause_lo:q.start]:
                        # 微博、微信分别发布信息337条、757条: one metric, a number per channel listed before 分别; with
                        # one number only (网站和微信公众号分别发布信息400条) it is each one's, or the others were lost
                        fig.kind = "breakdown"
            idx = len(figures)
            if rule is not None and summed:
                fig.kind = "annual"
                for i in summed:  # the counts it adds up are its parts
                    _make_part(figures[i], idx)
            figures.append(fig)
            sentence_figs.append((idx, (last_end, q.start), bool(markers["total_words"].search(prefix))))
            if rule and fig.metric == rule.metric:
                figures.extend(replace(fig, metric=m) for m in rule.also)
                # 依申请公开、行政复议、行政诉讼均为0: the one number is every listed metric's
                named = {rule.metric, *rule.also}
                for other in _shared_rules(rules, markers, prefix, before):
                    if other.metric not in named and (q.unit is None or q.unit in other.units):
                        named.add(other.metric)
                        figures.append(replace(fig, metric=other.metric))
            kinds = _Kinds(max(clause_lo, last_end), q.start, idx, q.end) if q.unit in _KIND_UNITS else None
            last_end = q.end
            if fig.metric:
                said = q.end
            if fig.kind not in ("share", "change") and fig.parent is None and not other_view:
                prev_total = idx
                if fig.metric and fig.kind in ("annual", "channel"):
                    # 微博、微信公众号全年分别发布信息337条、757条: 分别 makes each number one item's, not a total
                    first.setdefault(fig.metric, (idx, bool(markers["total_words"].search(prefix))
                                                  and "分别" not in text[clause_lo:q.start]))
        _several_channels(figures, sentence_figs, markers, text)
        _years_of_a_stock(figures, sentence_figs, dtext, year, rules)
        _sums_of_the_year(figures, sentence_figs, rules, markers)
        _bare_stocks(figures, sentence_figs, rules, markers, dtext, s, year)
        _parts_past_semicolons(figures, sentence_figs, text)
        _dated_clause(figures, sentence_figs, text, markers)
        _total_after_its_parts(figures, sentence_figs)
        carried = prev_total if prev_total is not None else carried
        prev_s = s
        if negatable:  # (no pattern can match in the sentence: nothing to try)
            figures.extend(_negated(negations, doc, where, sections, text, s, e, sentence, negatable))
        if _may_be_none(text, s, e):
            figures.extend(_none_part(doc, where, sections, text, s, e))
    return figures


def _may_be_none(text: str, s: int, e: int) -> bool:
    """False when text[s:e] cannot be a bare "none" for _none_part: its first or last character, spaces aside, is
    not one the none_parts words can start or end with (exact; trying the pattern on every sentence cost ~0.5 ms)."""
    edges = _none_edges(data.load("metrics.yaml")["none_parts"]["words"])
    if edges is None:
        return True  # unknown, or the words may open or close with a space: no character to test
    # the first and last characters of text[s:e].strip(spaces), read in place (no copy of every sentence)
    while s < e and text[s] in _TAIL_SPACES:
        s += 1
    while e > s and text[e - 1] in _TAIL_SPACES:
        e -= 1
    return s < e and text[s] in edges[0] and text[e - 1] in edges[1]


@lru_cache(maxsize=8)
def _none_edges(words: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """The characters the none_parts words can start and end with, or None when there is no character to test."""
    first, last = _edge_sets(words)
    if first is None or last is None or not first.isdisjoint(_TAIL_SPACES) or not last.isdisjoint(_TAIL_SPACES):
        return None
    return first, last


def _none_part(doc, where: _Blocks, sections, text: str, s: int, e: int) -> list[Figure]:
    """Zeros from a part whose whole text is a bare "none" (四、…行政复议、提起行政诉讼情况 / 无)."""
    cfg = data.load("metrics.yaml")["none_parts"]
    if not lazyre.compile(f"[ \t\u00a0\u3000]*(?:{cfg['words']})[ \t\u00a0\u3000]*").fullmatch(text, s, e):
        return []
    a, b = where.pos(s), where.end(e)
    part = next((x for x in sections or () if x.start <= a < x.end and x.key in cfg["metrics"]), None)
    # the "none" must be the part's first words: a 无 further down answers something else
    if part is None or doc.text[part.start:a].strip() != part.heading.strip():
        return []
    raw = doc.text[a:b].strip()
    a = doc.text.index(raw, a)
    page, ocr = where.page_ocr(s)
    return [Figure(metric=metric, value="0", raw=raw, section=part.key, text=f"{part.heading.strip()} {raw}",
                   page=page, span=(a, a + len(raw)), negation=True, ocr=ocr)
            for metric, named in cfg["metrics"][part.key].items() if re.search(named, part.heading)]


def _several_channels(figures: list[Figure], mine: list[tuple[int, tuple[int, int], bool]], markers,
                      text: str) -> None:
    """A count through one channel is one of several channel counts when the same sentence counts another channel
    too (门户网站发布信息25条…;电子显示屏发布32条;宣传栏发布51条 / 通过门户网站等平台公开信息228条、微信公众号162条):
    with no total word on it (共, 全年, 合计…) none of them is the year's figure.

    `mine` holds each figure's index, the span of its own words in text (since the previous number) and whether a
    total word is on it."""
    if len(mine) < 2:
        return  # one count: no other count of the sentence to be one of several with
    named = _OwnChannel(text, markers)
    for i, own, total in mine:
        f = figures[i]
        # Only a count whose own words name its channel (one named earlier in the sentence may be another count's).
        # A total word keeps a count over several channels the total (全年通过网站、微信等共公开500条); on a lone
        # website's count it is the website's own (网站共发布信息3972条,官方微博更新5092条).
        if total and f.kind == "annual" or f.parent is not None or f.kind not in ("channel", "annual") \
                or not named(own):
            continue
        # a count over several channels named together, broken down by 其中 (通过官方网站、专栏、新媒体平台主动公开信息
        # 20216条,其中,专栏63条;…新媒体平台发布信息18816条) is their whole: the channel counts after it are its parts
        # or by brackets right after it (…等主动公开政府信息6250条(网站2581条,微博2053条))
        if markers["channel_multi"].search(text, *own) and (any(g.parent == i for g in figures)
                                                            or _bracket_after(mine, i, text)):
            continue
        if any(j != i and figures[j].parent != i and figures[j].kind not in ("share", "change")
               and _same_count(figures[j], f) and named(other) for j, other, _ in mine):
            f.kind = "breakdown"


_YEAR_ONLY = lazyre.compile(r"[\s,，、;；:：]*(?:其中)?[\s,，、;；:：]*((?:19|20)\d{2})[ \t]*年(?:度)?(?:公开|发布)?[\s:：]*")


def _years_of_a_stock(figures: list[Figure], mine: list[tuple[int, tuple[int, int], bool]], dtext: str,
                      year: int | None, rules) -> None:
    """A count followed by counts of single years (截至2019年底,…共109条,其中2009年11条,2010年11条…2019年5条) is a
    stock to date, however the sentence opens; the report year's own count among them is the year's.

    `mine` holds the sentence's figures as _several_channels gets them (index, span of its own words, total word)."""
    if year is None or len(mine) < 3:
        return
    years = {}
    for i, (lo, hi), _ in mine:
        m = _YEAR_ONLY.fullmatch(dtext, lo, hi)
        if m:
            years[i] = int(m.group(1))
    if len(years) < 2 or not any(y < int(year) for y in years.values()):
        return
    first = min(years)
    total = next((i for i, _, _ in mine if i < first), None)
    if total is None or figures[total].kind != "annual" or figures[total].parent is not None:
        return
    stock = _stock_of(rules, figures[total].metric)
    if stock is None or any(figures[i].unit != figures[total].unit for i in years):
        return
    figures[total].kind, figures[total].metric = "cumulative", stock
    for i, y in years.items():
        if y == int(year):
            figures[i].metric, figures[i].kind, figures[i].parent = _annual_of(rules, stock), "annual", None


def _bracket_after(mine: list[tuple[int, tuple[int, int], bool]], i: int, text: str) -> bool:
    """Whether the sentence's next count after figure i opens a bracket that starts right after i's number."""
    after = next((own for j, own, _ in mine if own[0] >= 0 and j > i), None)
    return after is not None and text[after[0]:after[1]].lstrip(" \t\u3000")[:1] in ("(", "（")


class _OwnChannel:
    """Whether the words of a span name a channel (a site or an outlet), worked out on first asking.

    _several_channels needs it only for the counts its other tests leave (~1 in 10 on a long report): searching the
    words of every number for channels when it was noted cost ~0.3 ms on a 16,000-character report."""

    def __init__(self, text: str, markers) -> None:
        self.text, self.channel, self.memo = text, markers["channel"], {}

    def __call__(self, span: tuple[int, int]) -> bool:
        hit = self.memo.get(span)
        if hit is None:
            lo, hi = span
            hit = self.memo[span] = bool(self.channel.search(self.text, lo, hi) or names_outlet(self.text, lo, hi))
        return hit


# A social account's posts are counted in issues and articles as often as in items (部门官方微信150期, 公众号平台共发布
# 171期807篇信息): beside a website's count of items they are another channel's count all the same.
_POST_UNITS = ("条", "篇", "期")


def _same_count(other: Figure, f: Figure) -> bool:
    """Whether another figure of the sentence counts what f counts: the same unit, or a social account's posts."""
    if other.unit == f.unit:
        return True
    text, k = other.text or "", (other.text or "").find(other.raw)
    return f.unit in _POST_UNITS and other.unit in _POST_UNITS and k >= 0 \
        and bool(_config()[1]["social_outlet"].search(text, max(0, k - 16), k))


def _set_kind(fig: Figure, rule: _Rule | None, markers: dict[str, re.Pattern[str]], prefix: str, clause: str,
              segment: str, year: int | None = None) -> None:
    """share (%), change (同比增长…), cumulative (累计, 截至目前; not 全年累计, not 2023年,累计…), period
    (another year, a quarter, a rate: 上年度…, 2020年… in a 2021 report, 每月…) or annual.

    `segment` is the sentence up to the number, from its last ';' or the previous number, as printed (the
    year names are in it): 本年度新增325条,累计5800条 — the year belongs to the first number only.
    Only stocks keep a metric.
    """
    if fig.unit in _SHARE_UNITS:
        fig.kind, fig.metric = ("change" if markers["change"].search(prefix) else "share"), None
    elif markers["change"].search(prefix):
        fig.kind, fig.metric = "change", None
    elif (markers["cumulative"].search(clause) and not markers["annual_override"].search(clause)
          and not _year_scoped(markers, segment) and not _since_this_year(segment, year)) \
            or _to_date_sentence(markers, segment, year):
        fig.kind, fig.metric = "cumulative", (rule.cumulative if rule else None)
    elif (_other_period(markers, segment) or _other_year(segment, year)) and not _since_this_year(segment, year):
        # (2019年1月份以来 in the 2019 report: a month that opens the year so far is no period of its own)
        fig.kind, fig.metric = "period", None
    elif markers["planned"].search(segment):
        fig.kind, fig.metric = "plan", None
    elif rule is not None and rule.cumulative and (_early_to_date(markers, segment, year) or (
            markers["so_far"].search(clause) and not markers["year_scope"].search(segment))):
        # (a metric with a stock-to-date: the items disclosed; the metric stays, the resolver says why it gives none)
        fig.kind = "to_date"


_YEAR = lazyre.compile(r"((?:19|20)\d{2})[ \t\u00a0\u3000]*年(?![ \t]*(?:底|末|以来|至今))")


def _sums_of_the_year(figures: list[Figure], mine: list[tuple[int, tuple[int, int], bool]], rules,
                      markers: dict[str, re.Pattern[str]]) -> None:
    """A 累计 count with no word of a stock (历年, 截至, 至今…) whose parts, two or more, add up to it exactly
    (全县累计发布各类政府信息10615条,其中:县政府网站发布3335条,…954条,…6326条) sums the year's parts: the year's count."""
    for i, _, _ in mine:
        f = figures[i]
        if f.kind != "cumulative" or not f.metric or f.qualifier:
            continue
        annual = _annual_of(rules, f.metric)
        at = f.text.find(f.raw) if f.text else -1
        if annual is None or at < 0 or markers["cumulative_todate"].search(f.text, 0, at):
            continue
        kids = [figures[j] for j, _, _ in mine if figures[j].parent == i and figures[j].unit == f.unit
                and figures[j].kind in ("breakdown", "channel")]
        if not any(kid.qualifier for kid in kids) and _adds_up(kids, f):
            f.metric, f.kind = annual, "annual"


def _make_part(f: Figure, parent: int) -> None:
    """Make a figure a part of the total at index parent: a channel stays a channel, anything else is a category."""
    f.kind, f.parent = ("channel" if f.kind == "channel" else "breakdown"), parent


def _bare_stocks(figures: list[Figure], mine: list[tuple[int, tuple[int, int], bool]], rules,
                 markers: dict[str, re.Pattern[str]], text: str, s: int, year: int | None) -> None:
    """A 累计 count of a metric with a stock whose sentence has no word of a stock (历年, 目前; 截至 or 到2015年底 in the
    early reports) and no count of the year beside it (我单位累计主动公开政府信息45条): the year's sum or the stock since
    2008, the sentence does not say which, so it is neither's value (kind to_date: the resolver says why it gives none)."""
    if not any(figures[i].kind == "cumulative" for i, _, _ in mine):
        return  # (most sentences: no 累计 count)
    early = year is None or int(year) <= int(data.load("metrics.yaml").get("to_date_until") or 0)
    for i, (_, at), _ in mine:
        f = figures[i]
        if f.kind != "cumulative" or not f.metric or f.qualifier or f.parent is not None:
            continue
        annual = _annual_of(rules, f.metric)
        if annual is None or markers["stock_words"].search(text, s, at) \
                or early and markers["stock_dates"].search(text, s, at):
            continue
        # (2017年度,主动公开政府信息104条,累计公开信息共552条: the year's count beside it makes 累计 the stock)
        if any(figures[j].metric == annual and figures[j].kind == "annual" and figures[j].unit == f.unit
               for j, _, _ in mine if j != i):
            continue
        f.kind, f.metric = "to_date", annual


def _total_after_its_parts(figures: list[Figure], mine: list[tuple[int, tuple[int, int], bool]]) -> None:
    """A count said with a total word after the counts it sums (…网站公布政府信息936条,…门户网站公布动态信息1683条,…公众号
    公布动态信息1276条,共主动公开政府信息3895条): when two or more earlier counts of its unit, of its metric or of none,
    add up to it exactly, it is the total and they are its parts (channels, categories), whatever the sentence's order
    made of them."""
    if len(mine) < 3:
        return  # (a total and two parts at least)
    for i, _, total_word in mine:
        total = figures[i]
        if not total_word or not total.metric or total.parent is not None or total.qualifier \
                or total.kind in ("share", "change", "cumulative", "to_date"):
            continue
        before = [figures[j] for j, _, _ in mine if j < i and figures[j].unit == total.unit and figures[j].parent is None
                  and figures[j].metric in (None, total.metric) and figures[j].kind not in ("share", "change")]
        if any(f.qualifier for f in before) or not _adds_up(before, total):
            continue
        total.kind = "annual"
        for f in before:
            _make_part(f, i)


def _year_without_nian(q, year: int | None) -> bool:
    """Whether a bare number is the report's year, or one beside it, printed without its 年 (2023,海事处…)."""
    return year is not None and not q.scale and q.value is not None and q.value in (int(year) - 1, int(year), int(year) + 1)


def _opens_with_year(text: str, s: int, year: int | None) -> bool:
    """Whether the sentence at s opens with the report's year (2021年, / 2021年度,)."""
    m = _YEAR_OPENING.match(text, s)
    return year is not None and m is not None and int(m.group(1)) == int(year)


_YEAR_OPENING = lazyre.compile(r"[ \t\u3000]*((?:19|20)\d{2})[ \t]*年度?[,，]")


def _dated_clause(figures: list[Figure], mine: list[tuple[int, tuple[int, int], bool]], text: str,
                  markers: dict[str, re.Pattern[str]]) -> None:
    """An early report's date that opens a clause (截止到2018年12月底,…发布信息4012条,主动公开政府信息4602条) holds for
    every count of the clause: a later count whose own words tie it to no year is up to that date too (kind to_date),
    until a ';' starts another clause."""
    if not any(figures[i].kind == "to_date" for i, _, _ in mine):
        return  # (most sentences: nothing is dated)
    dated = None  # end of the last count up to a date in this clause
    for i, (lo, hi), _ in mine:
        f = figures[i]
        if dated is not None and lazyre.compile(r"[;；]").search(text, dated, hi):
            dated = None
        if f.kind == "to_date":
            dated = hi
        elif dated is not None and f.kind == "annual" and f.parent is None and f.metric \
                and not (markers["year_scope"].search(text, lo, hi) or markers["annual_override"].search(text, lo, hi)):
            f.kind = "to_date"


def _parts_past_semicolons(figures: list[Figure], mine: list[tuple[int, tuple[int, int], bool]], text: str) -> None:
    """A list of a total's parts that runs on over ';' (…578条,其中工作动态292条、…;发布震情信息48条,…;…财政公开
    信息8条;转发…119条): when every count after the total, outside brackets, adds up to it exactly, the later counts
    are parts too, and one worded like the total's metric is a category, not a second statement of it."""
    if len(mine) < 3 or not lazyre.compile(r"[;；]").search(text, mine[0][1][1], mine[-1][1][1]):
        return  # (a total and two parts at least, a ';' between them)
    for k, (i, (_, at), _) in enumerate(mine):
        total = figures[i]
        if not total.metric or total.parent is not None or total.kind not in ("annual", "channel") or total.qualifier:
            continue
        later = mine[k + 1:]
        loose = [j for j, _, _ in later if figures[j].parent is None and figures[j].unit == total.unit]
        if not any(figures[j].metric == total.metric and figures[j].kind == "annual" for j in loose):
            continue  # (only a later count that would state the total's metric again needs a list to belong to)
        # a count in brackets (…信息292条(省局动态197条、…)) is a part of the part before it
        top = [j for j, (_, hi), _ in later if figures[j].unit == total.unit and figures[j].parent in (None, i)
               and figures[j].kind not in ("share", "change") and _depth(text, at, hi) == 0]
        if any(figures[j].qualifier for j in top) or not set(loose) <= set(top) \
                or not _adds_up([figures[j] for j in top], total):
            continue
        for j in loose:
            _make_part(figures[j], i)
        return


def _depth(text: str, lo: int, hi: int) -> int:
    """How many brackets text[lo:hi] leaves open."""
    part = text[lo:hi]
    return part.count("(") + part.count("（") - part.count(")") - part.count("）")


def _early_to_date(markers: dict[str, re.Pattern[str]], segment: str, year: int | None) -> bool:
    """True for a count up to a date (截至2011年12月31日,共…) that nothing ties to the year, in a report of a year up to
    metrics.yaml's to_date_until: the year's count or the stock since 2008, which the sentence does not say."""
    if year is None or int(year) > int(data.load("metrics.yaml").get("to_date_until") or 0):
        return False
    m = markers["to_date"].search(segment)
    if m is None:
        return False
    # (the year inside the date is no scope: 截至2011年底; one anywhere else is: 截至12月31日,2011年共…, 全年…)
    return not (markers["year_scope"].search(segment, 0, m.start()) or markers["year_scope"].search(segment, m.end())
                or markers["annual_override"].search(segment))


def _other_year(segment: str, year: int | None) -> bool:
    """True when the last year named before the count is not the report's (2020年收到申请12件 in 2021's)."""
    if "年" not in segment:
        return False  # (every _YEAR match holds 年: no search, no title blanking)
    named = None
    for named in _YEAR.finditer(_TITLE.sub("", segment)):  # 《2021年工作要点》 names a document, not the count's year
        pass
    return year is not None and named is not None and int(named.group(1)) != int(year)


def _since_this_year(text: str, year: int | None) -> bool:
    """True for 以来/至今 after the report's own year or its first month (2011年以来, 2015年1月至今 in the 2015 report:
    the year so far). Read in the text as printed: the masked text hides the dates (2019年1月 is #######)."""
    return year is not None and re.search(
        rf"{int(year)}[ \t]*年(?:初|[ \t]*0?1[ \t]*月(?:[ \t]*0?1[ \t]*日)?(?:份)?)?(?:以来|至今)", text) is not None


def _other_period(markers: dict[str, re.Pattern[str]], segment: str) -> bool:
    """True for a count of last year, a quarter or a rate (上年度收到申请15件, 一季度…, 每月…): not the year's."""
    last = None
    for last in _skipping(markers["other_period"]).finditer(segment):
        pass
    if last is not None and last.group().startswith(("每", "平均每")) and _TOTAL_AFTER_RATE.search(segment, last.end()):
        return False  # 每季度准时报送…,公开政府信息计33条: the rate is the schedule's; the total after it sums the year
    return last is not None and not markers["this_year"].search(segment, last.end())


_TOTAL_AFTER_RATE = lazyre.compile(r"[,，;；][^,，;；]*?(?:共计?|(?<![统估设])计|合计|总计|累计)[^,，;；]{0,4}$")


@lru_cache(maxsize=16)
def _skipping(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """pattern behind a lookahead on the characters its matches can start with (numbers.compile_skipping: the same
    matches). For a marker whose branches open with a look-behind (other_period, cumulative_sentence) the engine
    otherwise tries every branch at every character of every number's segment (~0.2 ms on a long report)."""
    return numbers.compile_skipping(pattern.pattern, pattern.flags & ~re.UNICODE)


def _to_date_sentence(markers: dict[str, re.Pattern[str]], segment: str, year: int | None = None) -> bool:
    """True when an earlier clause makes the count a stock to date (自《条例》实施以来，共受理申请22件)
    and no year is named after that (截至目前共发布592条，2019年公开60条: the 60 is the year's)."""
    last = None
    for last in _skipping(markers["cumulative_sentence"]).finditer(segment):
        pass
    if last is None or markers["annual_override"].search(segment, max(0, last.start() - 3), last.end()) \
            or _since_this_year(segment[max(0, last.start() - 12):last.end()], year):
        return False
    return not markers["year_scope"].search(segment, last.end())


def _year_scoped(markers: dict[str, re.Pattern[str]], segment: str) -> bool:
    """True for a 累计 the sentence ties to one year (2020年,主动公开政府信息累计150条; 累计主动公开2009年度政府信息28条,
    the year named in the counted noun, whatever the sentence says of the date): the year's sum."""
    k = segment.rfind("累计")
    if k < 0:
        return False
    if _YEARS_ITEMS.search(segment, k):
        return True
    if markers["cumulative_todate"].search(segment):
        return False
    return bool(markers["year_scope"].search(segment, 0, k))


_YEARS_ITEMS = lazyre.compile(r"(?:19|20)\d{2}[ \t]*年度?(?:的)?(?:政府|政务)?信息$")


def _set_role(fig: Figure, figures: list[Figure], first: dict[str, tuple[int, bool]],
              markers: dict[str, re.Pattern[str]], prefix: str, since: str, head: str, own: str = "",
              level: str | None = None) -> None:
    """The role of an annual count with no 其中 before it: a later count of a metric the sentence already
    stated is a part of it (…累计150条,通过政府网站公开120条,政务微信公开20条); else a channel count,
    a sub-unit's or an enumerated item's count (各乡镇…, 一是…: parts) or the stated figure."""
    sib, sib_total = first.get(fig.metric, (None, False)) if fig.metric else (None, False)
    if sib is not None and figures[sib].unit == fig.unit and not markers["total_words"].search(prefix) \
            and not _exceeds(fig, figures[sib]):
        if figures[sib].kind == "annual" and not sib_total and (prefix.lstrip().startswith("、")
                                                                 or not _channel_kind(markers, prefix)):
            # 文字解读材料12件、图片解读8件、… / 图文解读5篇，视频解读2篇: with no 共/全年 on the first and no
            # channel on the later one, nothing says which is the total: peers, none of them the value
            figures[sib].kind = fig.kind = "breakdown"
        elif figures[sib].kind == "annual":
            fig.kind, fig.parent = ("channel" if _channel_kind(markers, prefix) else "breakdown"), sib
        else:
            fig.kind = _channel_kind(markers, since) or "breakdown"  # a list of channel counts
        return
    fig.kind = _channel_kind(markers, since) or "annual"
    if fig.kind == "annual":
        fig.kind = topic_channel(head, markers) or "annual"
    # the sub-unit must be this number's: 各科室报送信息80条，全年共主动公开120条 (own: since the last number)
    # …各部门发布政策文件263件、政策解读607条: a count listed after 、 shares the sub-unit its list opened with
    scope = since[max(since.rfind(c) for c in CLAUSE_END) + 1:] if own.lstrip().startswith("、") else own or since
    # An enumerated item (一是…) is one area of the year's work: its count of items is a part of the items disclosed,
    # but a count of another metric there (二是发布…政策解读8条) is that metric's own count.
    if fig.kind == "annual" and (_subunit(markers, scope, level) or markers["enumeration"].search(head)
                                 and fig.metric in _ENUMERATED_PARTS and not markers["total_words"].search(since)):
        fig.kind = "breakdown"


_ENUMERATED_PARTS = (None, "active.items")


def topic_channel(head: str, markers: dict[str, re.Pattern[str]] | None = None) -> str | None:
    """The kind of the counts of a sentence about one channel, named as the subject of its first clause: a social
    account's (“某某医保”微信公众号粉丝19万人,…全年共发布信息847篇: breakdown) or the website's (一是旗政府网站方面,年内共发布
    各类信息2968条; 局官网紧扣…,全年公开政府信息1820条: channel); None when the sentence is not about one channel."""
    markers = markers or _config()[1]
    first = _first_stop(head)
    if first == len(head) or markers["channel_multi"].search(head):
        return None
    # the channel is the subject, not the means of the first clause's own count (通过政务微信公开信息25条,…) nor the
    # object of the work it speaks of (加强门户网站建设,…)
    account = markers["social_outlet"].search(head, 0, first)
    if account is not None and not _THROUGH.search(head, 0, account.start()) and not _SITE_BEFORE.search(head):
        return "breakdown"
    site = _SITE_TOPIC.search(head, 0, first)
    if site is not None and not _TENDING.search(head, 0, site.start()) and not markers["social_outlet"].search(head):
        return "channel"
    return None


_SITE_TOPIC = lazyre.compile(r"网站|官网|门户网|政府网|专栏")
_THROUGH_WORDS = "通过|依托|利用|借助|经由|在"
_THROUGH = lazyre.compile(_THROUGH_WORDS)  # the channel is the means
_TENDING = lazyre.compile(_THROUGH_WORDS + "|加强|重视|建设|完善|优化|做好|维护|管理|升级|改版|整合|开设")  # or the object


def _narrow_role(fig: Figure, rule: _Rule | None, markers: dict[str, re.Pattern[str]], prefix: str, own: str,
                 level: str | None) -> None:
    """A stated count that is one form of its metric (图文解读12篇: breakdown) or the count of an area larger
    than the body (全县共主动公开8000条 in a township's report: area); `own` is the text since the last number."""
    # (also a channel's: a site's 图文政策解读16条 is one form of its interpretations all the same)
    if fig.kind in ("annual", "channel") and rule and rule.part_if and rule.part_if.search(prefix):
        fig.kind = "breakdown"
    if fig.kind == "annual" and _THE_REST.match(own):
        fig.kind = "breakdown"  # …业务公文类0条,其他应当主动公开的政府信息3条: the rest, one category of the year's items
    if fig.kind == "annual" and markers["site_stats"].search(fig.text or ""):
        # 全年共发布信息4422篇,独立用户访问总量253260个,网站总访问量783250次: a sentence of a website's statistics counts
        # what the site posted, one channel of the year's items
        fig.kind = "channel"
    larger = markers.get(f"larger_area_{level}")
    if fig.kind in ("annual", "channel") and larger is not None and larger.search(own):
        fig.kind = "area"


def _exceeds(fig: Figure, total: Figure) -> bool:
    """True when a later count is larger than the earlier one: it cannot be its part (2020年收到12件，
    2021年收到18件 are two statements, and the resolver sees them disagree)."""
    try:
        return Decimal(fig.value) > Decimal(total.value)
    except (TypeError, ArithmeticError):
        return False


def _subunit(markers: dict[str, re.Pattern[str]], since: str, level: str | None = None) -> bool:
    """True for a count of one sub-unit (各乡镇共公开…, 县直部门…), not of the whole area (全县各级各部门…).

    `level` is the body's: a department's 市本级 is the department itself (its own level, beside its system's
    branches below), where an area's is one sub-unit of the area."""
    m = markers["subunit"].search(since)
    if m is None or markers["whole_area"].search(since) or markers["subunits_joined"].match(since, m.end()):
        return False
    if level == "department" and markers["own_level"].fullmatch(m.group()):
        return False
    # 通过县政府门户网站、各村村务公开栏、乡政府公示栏等方式主动公开…40条: the sub-units' boards or accounts named among
    # several channels are channels of the count, not sub-units whose own count it is
    return not (markers["channel_multi"].search(since) and markers["subunit_channel"].match(since, m.end()))


def _relabel_parent(figures: list[Figure], parent: int, rule: _Rule | None, part: Figure | None = None) -> bool:
    """受理15件，其中新收到14件: a part that names what the total is not makes the total something else.

    True when the part is such a naming part (its total had that metric, or none: 制作政府信息184条，其中
    主动公开55条), whose value is then a stated value of its own metric.
    """
    if rule is None or not rule.relabel_parent or part is not None and part.kind == "channel":
        return False  # (累计公开186条,其中网站主动公开42条,微信公开144条: one channel's share names no other kind)
    if part is not None and part.value == "0" and rule.relabel_unless_zero:
        # 共收到和办理12件,其中…上年度结转0件: with nothing carried over, what was handled is what was received
        return True
    if figures[parent].metric in rule.relabel_parent:
        # 累计主动公开政务信息219条,其中通过网站主动公开26条: a total that says 主动 itself is what the part names
        if says_proactive(figures[parent]):
            return False
        figures[parent].metric = rule.relabel_parent[figures[parent].metric]
        return True
    return figures[parent].metric is None


def says_proactive(f: Figure) -> bool:
    """Whether the words of a figure's clause before it say 主动 (主动公开政务信息数219条)."""
    text = f.text or ""
    k = text.find(f.raw)
    return k >= 0 and "主动" in text[_clause_start(text, max(0, k - CLAUSE_MAX), k):k]


def _window(text: str, a: int, b: int, s: int, e: int) -> str:
    """A quote of SENTENCE_MAX characters around a number, for a sentence too long to quote whole."""
    half = SENTENCE_MAX // 2
    return text[max(s, a - half):min(e, b + half)].strip()


class _Blocks:
    """Block lookup by offset of the rules' text (bisect: Document.block_at scans every block, quadratic)."""

    def __init__(self, doc, at: list[int] | None = None):
        self.blocks = [b for b in doc.blocks if b.kind not in (HEADER, FOOTER)]
        self.starts = [b.start for b in self.blocks]
        self._at = at

    def pos(self, pos: int) -> int:
        """The Document.text offset of an offset of the rules' text (see _compact)."""
        return self._at[pos] if self._at is not None else pos

    def end(self, pos: int) -> int:
        """The Document.text offset of an exclusive end (spaces taken out just before it are not included)."""
        return self._at[pos - 1] + 1 if self._at is not None and pos > 0 else pos

    def at(self, pos: int):
        """The block holding an offset (the last one starting at or before it)."""
        i = bisect_right(self.starts, self.pos(pos)) - 1
        return self.blocks[i] if i >= 0 else None

    def page_ocr(self, pos: int) -> tuple[int | None, bool]:
        """The page of an offset and whether its text came from OCR, from one lookup of the block."""
        b = self.at(pos)
        return (b.prov.page, bool(b.prov.ocr)) if b else (None, False)


def _value_text(q: numbers.Quantity) -> str | None:
    if q.value is None:
        return None
    return numbers.format_decimal(q.value) if q.scale else format(q.value, "f")


def _negation_candidates(negations, text: str, spans: list[tuple[int, int]]) -> list[list[int]]:
    """For each sentence span, the indexes of the negation patterns that can match in it, in pattern order.

    A long report has hundreds of sentences and ~16 negation patterns: trying each pattern on each sentence was
    a third of figure extraction. A match starts with one of its pattern's first characters and ends with one of
    its last characters (numbers.first_chars, numbers.last_chars, exact), so a sentence missing either cannot
    match and is not tried: the result is the same."""
    edges = [_edge_sets(pattern.pattern) for pattern, _ in negations]
    every = list(range(len(negations)))
    pieces = _sentence_pieces(text, spans, frozenset().union(*(x for pair in edges for x in pair if x)))
    if pieces is None:
        return [every[:] for _ in spans]
    # memoised by the piece (~110 distinct of ~450 on a long report), then by its characters (~70 distinct): a set
    # built for every sentence cost more than the look-ups
    memo: dict[str, list[int]] = {}
    by_chars: dict[frozenset[str], list[int]] = {}
    out = []
    for piece in pieces:
        hit = memo.get(piece)
        if hit is None:
            cs = frozenset(piece)
            hit = by_chars.get(cs)
            if hit is None:
                hit = by_chars[cs] = [k for k, (first, last) in enumerate(edges) if (first is None or not first.isdisjoint(cs))
                                      and (last is None or not last.isdisjoint(cs))]
            memo[piece] = hit
        out.append(hit)
    return out


_SENTENCE_STOPS = "。！？!?\n"  # SENTENCE is the runs of other characters (checked before it is relied on)


def _sentence_pieces(text: str, spans: list[tuple[int, int]], wanted: frozenset[str]) -> list[str] | None:
    """For each sentence span of text (SENTENCE's matches, all of them), its characters of `wanted` in order, each
    run of other characters shrunk to one filler; None when that cannot be worked out this way."""
    # One pass in C keeps the wanted characters and the sentence stops and shrinks every other run to one filler
    # character, so no sentence becomes empty; splitting at the stops then gives the sentences in order. Building
    # a set of every sentence's characters in Python cost more than the searches it saves.
    if SENTENCE.pattern != r"[^。！？!?\n]+" or "\x01" in wanted:
        return None
    keep = "".join(map(re.escape, sorted(wanted - set(_SENTENCE_STOPS)))) + re.escape(_SENTENCE_STOPS)
    kept = lazyre.compile(f"[^{keep}]+").sub("\x01", text)
    pieces = [p for p in lazyre.compile(f"[{re.escape(_SENTENCE_STOPS)}]").split(kept) if p]
    return pieces if len(pieces) == len(spans) else None


@lru_cache(maxsize=64)
def _edge_sets(source: str) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """The characters a match of source can start with and end with, each None when unknown or not a plain list."""
    # kept in the program cache: parsing the classes again in every fresh process would cost ~1 ms of start-up
    return lazyre.memo("edge_sets", source, lambda src: tuple(_literal_set(fn(src))
                                                              for fn in (numbers.first_chars, numbers.last_chars)))


def _literal_set(body: str | None) -> frozenset[str] | None:
    """The characters of a character-class body made of single characters only (no ranges or \\d), else None."""
    if body is None:
        return None
    from re import _constants as c, _parser

    (op, items), = _parser.parse(f"[{body}]")
    if op is c.LITERAL:
        return frozenset(chr(items))
    if op is not c.IN or any(kind is not c.LITERAL for kind, _ in items):
        return None
    return frozenset(chr(v) for _, v in items)


def _negated(negations, doc, where: _Blocks, sections, text: str, s: int, e: int,
             sentence: str | None, which: list[int] | None = None) -> list[Figure]:
    """Zero figures from negative statements (未收到…申请, 未发生…行政复议、行政诉讼, 未收取费用); `which` are the
    indexes of the patterns worth trying (all when None)."""
    out: list[Figure] = []
    seen: set[str] = set()
    qualified = data.load("metrics.yaml")["negation_qualified"]
    for k in range(len(negations)) if which is None else which:
        pattern, metrics = negations[k]
        for m in pattern.finditer(text, s, e):
            # 未出现因答复不当引起的行政复议: only one cause is ruled out, not every review
            narrowed = lazyre.compile(qualified["words"]).search(m.group())
            for metric in metrics:
                if metric in seen or narrowed and metric in qualified["metrics"]:
                    continue
                seen.add(metric)
                a, b = where.pos(m.start()), where.end(m.end())
                page, ocr = where.page_ocr(m.start())
                out.append(Figure(metric=metric, value="0", raw=doc.text[a:b], section=_section_at(sections, a),
                                  text=sentence or _window(doc.text, a, b, where.pos(s), where.end(e)),
                                  page=page, span=(a, b), negation=True, ocr=ocr))
    return out

