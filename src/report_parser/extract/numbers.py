"""Number expressions, exactly: Arabic and Chinese numerals, 万/亿, qualifiers and units → Decimal.

Every regex of the figure stage is built here from named pieces (architecture rule 6), so the
shapes of a number, of a unit and of the things that look like numbers but are not (phone numbers,
postcodes, document numbers, dates, URLs) are written once.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ..classcache import dataclass
from .. import data
from .. import lazyre

# ---------------------------------------------------------------- named pieces
_HSPACE = r"[ \t\u00a0\u3000]*"  # justified PDF text and web copies put spaces inside figures (1136 条)
ARABIC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"  # 1,825.95 / 438 / 0.12 (NFKC made digits ASCII)
CN_DIGITS = "零〇一二两三四五六七八九"
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
# A Chinese numeral holds at least one digit or 十, so 万/千 alone (千家万户, 万元) is not a number.
CHINESE = f"[{CN_DIGITS}十百千万亿]*[{CN_DIGITS}十][{CN_DIGITS}十百千万亿]*"
# Round quantities stated in words: value is the round number, the words are the qualifier.
ROUND_WORDS = {"上千": 1000, "上万": 10_000, "上百": 100, "数十": 10, "数百": 100, "数千": 1000,
               "数万": 10_000, "近百": 100, "近千": 1000, "近万": 10_000, "成百": 100, "成千": 1000}
QUAL_BEFORE = r"超过|大约|将近|接近|超|近|约|逾"
QUAL_AFTER = r"余|多"
# 300条左右: a qualifier that follows the unit (左右 = "or so")
QUAL_AFTER_UNIT = r"左右"
SCALE = r"万|亿"
SCALES = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}

# Things that contain digits but are never figures; masked before numbers are searched.
URL = r"(?:https?://|www\.)[A-Za-z0-9./?=&%_\-#:~+]+|(?<![A-Za-z0-9._\-])[A-Za-z0-9._\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"
PHONE = (r"(?:电话|热线|传真|手机|联系方式|咨询电话)[:：]?" + _HSPACE + r"[\d\-－—() ]{7,}"
         r"|\(?0\d{2,3}\)?" + _HSPACE + r"[-－—]" + _HSPACE + r"\d{7,8}(?!\d)"
         r"|(?<!\d)0\d{9,11}(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)")
POSTCODE = r"(?:邮编|邮政编码)[:：]?" + _HSPACE + r"\d{6}"
# 〔2017〕41号, [2018]64号, 国令第711号, 〔201864号 (bracket lost in the source), 洪泽湖大道90号.
DOCNUM = (r"[〔\[［(（﹝【]" + _HSPACE + r"\d{4}" + _HSPACE + r"[〕\]］)）﹞】]?" + _HSPACE + r"\d*" + _HSPACE + "号"
          r"|第" + _HSPACE + r"\d+" + _HSPACE + "号|\\d+" + _HSPACE + "号")
DATE = (r"\d{4}" + _HSPACE + r"[-./]" + _HSPACE + r"\d{1,2}" + _HSPACE + r"[-./]" + _HSPACE + r"\d{1,2}"
        r"|\d{1,4}" + _HSPACE + r"年(?:" + _HSPACE + r"\d{1,2}" + _HSPACE + r"月)?(?:" + _HSPACE + r"\d{1,2}"
        + _HSPACE + r"日)?|\d{1,2}" + _HSPACE + r"月(?:" + _HSPACE + r"\d{1,2}" + _HSPACE + r"日)?"
        r"|\d{1,2}" + _HSPACE + r"[时点:：]" + _HSPACE + r"\d{1,2}(?:分)?")
NOISE_PIECES = {"url": URL, "phone": PHONE, "postcode": POSTCODE, "docnum": DOCNUM, "date": DATE}
ORDINAL_BEFORE = "第"  # 第15条, 第二十条: article and item references are ordinals, not counts


@dataclass
class Quantity:
    """A parsed number expression: exact value (scale applied), unit, scale, qualifier, raw text."""

    value: Decimal | None
    unit: str | None = None
    scale: str | None = None
    qualifier: str | None = None
    raw: str = ""
    start: int = 0  # offsets in the searched text
    end: int = 0

    @property
    def approximate(self) -> bool:
        """True for 180余条, 近百条, 约50件, and counts rounded to 万/亿 (62.96万条; 万元 is exact money)."""
        return bool(self.qualifier) or (self.scale is not None and self.unit != "元")


# ---------------------------------------------------------------- numerals
def chinese_to_int(text: str) -> int | None:
    """Value of a Chinese integer numeral (十一, 两, 三百二十, 一千零五, 一万二千, 二〇一七), or None."""
    if not text or any(ch not in CN_DIGITS and ch not in CN_SMALL and ch not in CN_BIG for ch in text):
        return None
    digit = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
    if len(text) > 1 and all(ch in digit for ch in text):  # 二〇一七: read digit by digit
        return int("".join(str(digit[ch]) for ch in text))
    total, wan, section, num = 0, 0, 0, None  # 亿-level, 万-level, below 万, pending digit
    for ch in text:
        if ch in digit:
            num = digit[ch]
        elif ch in CN_SMALL:
            section += (1 if num is None else num) * CN_SMALL[ch]  # 十一 = 1×10 + 1
            num = None
        elif ch == "万":
            wan = (section + (num or 0) or 1) * CN_BIG[ch]
            section, num = 0, None
        else:  # 亿
            total = (total + wan + section + (num or 0) or 1) * CN_BIG[ch]
            wan, section, num = 0, 0, None
    return total + wan + section + (num or 0)


def parse_number(text: str) -> Decimal | None:
    """Exact value of a bare number: Arabic with separators/decimals or a Chinese numeral."""
    if text and text.isascii() and text.isdigit():
        return Decimal(text)  # plain ASCII digits (most numbers): what the full reading below gives, without it
    t = lazyre.compile(r"[\s\u00a0\u3000]").sub("", text or "")
    if re.fullmatch(ARABIC, t):
        try:
            return Decimal(t.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - ARABIC only admits valid decimals
            return None
    n = chinese_to_int(t)
    return Decimal(n) if n is not None else None


def format_decimal(value: Decimal) -> str:
    """A Decimal as plain text, never in exponent form, trailing zeros of a scaled value dropped."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


# ---------------------------------------------------------------- quantities
@lru_cache(maxsize=1)
def _vocab() -> tuple[list[str], dict[str, list[str]], list[str]]:
    cfg = data.load("metrics.yaml")
    units = sorted(cfg["units"], key=len, reverse=True)
    return units, cfg.get("unit_not_before", {}), list(cfg.get("idioms", []))


@lru_cache(maxsize=1)
def quantity_re() -> re.Pattern[str]:
    """The quantity regex: qualifier? number qualifier? scale? qualifier? unit? 左右?, from named pieces."""
    units, not_before, _ = _vocab()
    unit_alts = []
    for u in units:
        stop = not_before.get(u)
        unit_alts.append(re.escape(u) + (f"(?!{'|'.join(map(re.escape, stop))})" if stop else ""))
    unit = "|".join(unit_alts)
    rounds = "|".join(ROUND_WORDS)
    number = f"(?P<arabic>(?<![\\d.]){ARABIC}(?![\\d]))|(?P<round>{rounds})|(?P<chinese>{CHINESE})"
    return compile_skipping(
        f"(?:(?P<pre>{QUAL_BEFORE}){_HSPACE})?(?:{number})"
        f"(?:{_HSPACE}(?P<post>{QUAL_AFTER}))?(?:{_HSPACE}(?P<scale>{SCALE}))?"
        f"(?:{_HSPACE}(?P<post2>{QUAL_AFTER}))?(?:{_HSPACE}(?P<unit>{unit}))?"
        f"(?:{_HSPACE}(?P<post3>{QUAL_AFTER_UNIT}))?"
    )


_GROUPS = ("pre", "post", "post2", "post3", "scale", "round", "arabic", "chinese", "unit")


def _quantity(m: re.Match[str], offset: int = 0) -> Quantity | None:
    groups = m.group(0, *_GROUPS)
    return _from_groups(groups, groups[0].strip(), offset + m.start(), offset + m.end())


def _from_groups(groups: tuple, raw: str, start: int, end: int) -> Quantity | None:
    """The Quantity of a quantity_re match from its groups (0, then _GROUPS), its stripped text and its offsets."""
    _, pre, post, post2, post3, scale, rnd, arabic, cn, unit = groups
    qualifier = pre or post or post2 or post3
    if rnd:
        value: Decimal | None = Decimal(ROUND_WORDS[rnd])
        qualifier = rnd if not pre else pre + rnd
    elif arabic:
        # plain ASCII digits (most numbers) as parse_number reads them, without the call
        value = Decimal(arabic) if arabic.isascii() and arabic.isdigit() else parse_number(arabic)
    else:
        # A Chinese numeral ending in 万/亿 carries its own scale (三万人次).
        if scale is None and cn[-1] in CN_BIG and len(cn) > 1:
            scale = cn[-1]
            n = chinese_to_int(cn[:-1])
        else:
            n = chinese_to_int(cn)
        if n is None:
            return None
        value = Decimal(n)
    if value is not None and scale:
        value = value * SCALES[scale]
    return Quantity(value, unit, scale, qualifier, raw, start, end)  # (positional: the fields' order)


# A share written in words (百分之九十, 百分之95.6, 百分之百): the number follows its unit, so the quantity
# regex would read a bare 95.6 (or skip 九十 as a unit-less Chinese numeral).
PERCENT_WORDS = lazyre.compile(f"百分之{_HSPACE}(?:(?P<number>{ARABIC}|{CHINESE})|(?P<whole>百))")


def _percent_words(text: str) -> list[Quantity]:
    out = []
    for m in PERCENT_WORDS.finditer(text):
        value = Decimal(100) if m["whole"] else parse_number(m["number"])
        if value is not None:
            out.append(Quantity(value=value, unit="%", raw=m.group(0), start=m.start(), end=m.end()))
    return out


def find_quantities(text: str) -> list[Quantity]:
    """Every number expression in a text, in order, with offsets; Chinese numerals only with a unit."""
    out = _percent_words(text) if "百分之" in text else []
    taken = [(q.start, q.end) for q in out]
    for m in quantity_re().finditer(text):
        # (the groups fetched once for the tests and the Quantity, not by name and then again in _quantity: a long
        # report has hundreds of matches; ~0.14 ms of find_quantities' ~1.2 ms of Python on a 16,000-character one)
        groups = m.group(0, *_GROUPS)
        raw = groups[0].strip()
        if not raw:
            continue
        if taken and any(s < m.end() and m.start() < e for s, e in taken):
            continue  # the number of 百分之九十 is already read as a share
        if groups[8] and not groups[9]:  # chinese, unit
            continue  # 一是, 三安全一稳定, 第二十条: a Chinese numeral counts only with a unit
        if groups[6] and not groups[9]:  # round, unit
            continue
        q = _from_groups(groups, raw, *m.span())
        if q is not None:
            out.append(q)
    return sorted(out, key=lambda q: q.start) if taken else out


def quantities_in_spans(text: str, spans: list[tuple[int, int]]) -> list[list[Quantity]]:
    """find_quantities(text[s:e]) for each of the sorted, disjoint spans (offsets within the span), from one pass.

    A long report has hundreds of sentences: one search over the whole text instead of one per sentence saves
    the calls and the copies (~0.6 ms on a 16,000-character report). The matches are the same when no match
    crosses the characters between the spans and those characters read as the end of the text does to the
    pattern's look-arounds (no digit or '.' before a number, no digit or word a unit must not precede after it);
    otherwise each span is searched on its own."""
    out: list[list[Quantity]] = [[] for _ in spans]
    if not spans:
        return out
    n = len(text)
    after = {text[e] for _, e in spans if e < n}
    before = {text[s - 1] for s, _ in spans if s > 0}
    if any(c.isdigit() or c.isdecimal() or c in _unit_stop_heads() for c in after) \
            or any(c.isdigit() or c.isdecimal() or c == "." for c in before):
        return [find_quantities(text[s:e]) for s, e in spans]
    starts = [s for s, _ in spans]
    for q in find_quantities(text):
        k = bisect_right(starts, q.start) - 1
        if k < 0 or q.end > spans[k][1]:
            return [find_quantities(text[s:e]) for s, e in spans]  # a match across spans: the slow way
        s = spans[k][0]
        q.start, q.end = q.start - s, q.end - s
        out[k].append(q)
    return out


@lru_cache(maxsize=1)
def _unit_stop_heads() -> frozenset[str]:
    """The first characters of the words a unit must not precede (unit_not_before): a look-ahead reads them."""
    return frozenset(w[:1] for words in _vocab()[1].values() for w in words)


def parse_quantity(text: str) -> Quantity | None:
    """Parse one quantity expression (438条, 26.8万条, 180余条, 四起, 近百条, 160.5964万元, 33.9%)."""
    t = (text or "").strip()
    m = quantity_re().fullmatch(t)
    if not m or (m["chinese"] is None and m["arabic"] is None and m["round"] is None):
        return None
    return _quantity(m)


# ---------------------------------------------------------------- noise
@lru_cache(maxsize=1)
def noise_re() -> re.Pattern[str]:
    """One regex for everything that must not be read as a figure (named groups per kind)."""
    _, _, idioms = _vocab()
    counted_after = data.load("metrics.yaml").get("idiom_counts_after") or {}
    pieces = dict(NOISE_PIECES)
    if idioms:
        pieces["idiom"] = "|".join("".join(f"(?<!{re.escape(w)})" for w in counted_after.get(i, ())) + re.escape(i)
                                   for i in sorted(idioms, key=len, reverse=True))
    return compile_skipping("|".join(f"(?P<{k}>{v})" for k, v in pieces.items()))


def compile_skipping(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """pattern compiled behind a lookahead on the characters a match can start with (same matches).

    Most positions of a report's text (hanzi in prose) cannot start a number or a noise piece, but the
    engine would try every alternative at each of them; the lookahead skips them at once. A pattern that opens
    with a zero-width test (`(?m)^…`, a look-behind) or a repeat that may be empty gives the engine nothing to skip
    by: there the lookahead matters most. `flags` and leading inline flags (`(?m)`) are kept as they are.
    """
    head = _GLOBAL_FLAGS.match(pattern)
    head = head.group() if head else ""
    if flags & ~(re.MULTILINE | re.DOTALL | re.ASCII | re.UNICODE):
        return lazyre.compile(pattern, flags)  # (case-folding: first_chars does not fold; nothing to skip by)
    inline = "".join(f for f, bit in (("m", re.MULTILINE), ("s", re.DOTALL), ("a", re.ASCII)) if flags & bit)
    # parsing the pattern again costs ~5 ms: the characters are kept in the program cache
    first = lazyre.memo("first_chars", f"(?{inline}){pattern}" if inline else pattern, first_chars)
    body = pattern[len(head):]
    return lazyre.compile(f"{head}(?=[{first}])(?:{body})" if first else pattern, flags)


_GLOBAL_FLAGS = lazyre.compile(r"\(\?[aiLmsux]+\)")  # (?m) at a pattern's start applies to all of it


def first_chars(pattern: str) -> str | None:
    """A character-class body holding every character a match of pattern can start with; None if unsure."""
    return _edge_chars(pattern, last=False)


def last_chars(pattern: str) -> str | None:
    """A character-class body holding every character a match of pattern can end with; None if unsure."""
    return _edge_chars(pattern, last=True)


def _edge_chars(pattern: str, last: bool) -> str | None:
    """The characters a match of pattern can start with (or end with, when last), read from Python's parse of it."""
    try:
        from re import _constants as c, _parser  # Python's own parse of the pattern (3.11+)

        tree = _parser.parse(pattern)
        if tree.state.flags & (re.IGNORECASE | re.VERBOSE):
            return None
    except (ImportError, AttributeError, re.error):
        return None

    def seq(items) -> tuple[set[str], bool] | None:  # (first characters, can the sequence match empty?)
        out: set[str] = set()
        for op, av in (reversed(items) if last else items):
            if op is c.LITERAL:
                return out | {re.escape(chr(av))}, False
            if op is c.IN:
                for kind, val in av:
                    if kind is c.LITERAL:
                        out.add(re.escape(chr(val)))
                    elif kind is c.RANGE:
                        out.add(f"{re.escape(chr(val[0]))}-{re.escape(chr(val[1]))}")
                    elif kind is c.CATEGORY and val in _CATEGORIES:
                        out.add(_CATEGORIES[val])
                    else:
                        return None  # a negated class or category: any character may start
                return out, False
            if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
                continue  # zero-width: constrains the match without consuming its first character
            if op is c.SUBPATTERN:
                if av[1] or av[2]:
                    return None  # inline flags
                inner = seq(av[3])
            elif op is c.BRANCH:
                parts = [seq(b) for b in av[1]]
                if any(x is None for x in parts):
                    return None
                inner = set().union(*(x[0] for x in parts)), any(x[1] for x in parts)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)):
                inner = seq(av[2])
                inner = inner and (inner[0], inner[1] or av[0] == 0)
            else:
                return None
            if inner is None:
                return None
            out |= inner[0]
            if not inner[1]:
                return out, False
        return out, True

    try:
        _CATEGORIES = {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_SPACE: r"\s", c.CATEGORY_WORD: r"\w"}
        result = seq(tree)
    except (AttributeError, TypeError, IndexError):
        return None
    if result is None or result[1] or not result[0]:
        return None  # unknown, or the pattern can match the empty string
    return "".join(sorted(result[0]))


def mask_noise(text: str, fill: str = "#") -> str:
    """The text with URLs, phones, postcodes, document numbers, dates and idioms overwritten (same length)."""
    return noise_re().sub(lambda m: fill * len(m.group(0)), text)


def noise_kind(text: str) -> str | None:
    """Which kind of non-figure a whole string is (phone, postcode, docnum, date, url, idiom), or None."""
    m = noise_re().fullmatch(text.strip())
    return m.lastgroup if m else None


def is_ordinal(text: str, start: int) -> bool:
    """True when the number starting at `start` is preceded by 第 (第15条, 第二十条)."""
    before = text[max(0, start - 8):start].rstrip(" \t\u00a0\u3000")  # a window: never copy the whole text
    return before.endswith(ORDINAL_BEFORE)
