"""Segmentation: find the report's part headings and map them to canonical section keys."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..classcache import dataclass
from .. import data
from ..model import HEADING, TABLE, Document
from ..record import Section
from .. import lazyre
from . import positions

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# Level-1 numbering: 一、 一. 一． 第一部分 (domain reference §2.3). （一） and 1. are level 2/3 and ignored.
_NUM = r"(?P<num>[一二三四五六七八九十]{1,3})"
# "一、2023年总体情况": a year may follow 、 (only "一.5" could be a number).
_LEVEL1 = lazyre.compile(rf"(?:第{_NUM}部分[\s:：、]*|{_NUM.replace('num', 'num2')}\s*(?:、|[.．](?!\d)))")
# "一 概 述", or "一概述" once normalisation deleted the space between CJK characters: a number without
# its 、 at a line start; taken only when the whole rest of the line is a part title.
_LEVEL1_SPACE = lazyre.compile(rf"{_NUM}[ \t\u3000\xa0]*(?=(?!是)[\u4e00-\u9fff])")  # 一是…: a sub-item
# Some reports number their parts (一)…(六) or 1.…6.; tried only when no 一、-style part is found.
_LEVEL1_ALT = (lazyre.compile(rf"[(（]\s*{_NUM}\s*[)）]\s*"), lazyre.compile(r"(?P<num>[1-9])\s*[、.．](?!\d)\s*"))
# A heading starts a line (after optional indentation) or, in pages flattened to one line, follows
# the end of a sentence: "…联系。 一、概述 2012年,…" (excerpt style 008).
_LINE_START = lazyre.compile(r"(?:^|\n)[ \t\u3000\xa0]*")
# (after an intro's colon too, "…报告如下: 一、基本概述 …"; or after a number and a space: a contact line's postcode
# or telephone before the first heading of a page flattened to one line, "…邮政编码:016200 一、政府信息及…总体开展情况 …")
_MID_LINE = lazyre.compile(r"[。；;！!？?）):：][ \t\u3000\xa0]*|(?<=\d)[ \t\u3000\xa0]+")
# Level-2/3 numbering: (一) （一） 1. 1、 ① ㈠ 一是, and a web page's list bullets (• 主动公开情况: the (一)… sub-items of
# 总体情况 rendered as a <ul>) — sub-items, never parts.
_SUB_NUMBER = lazyre.compile(r"[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[、.．]|[①-⑳㈠-㈩]|[一二三四五六七八九十]是"
                             r"|[•●▪■◆◇○·][ \t\u3000\xa0]*")
# A title ends at a sentence stop, a line end, a table bar or a colon ("一、概述:2019年,…").
_TITLE_STOP = lazyre.compile(r"[。；;\n|:：]")
_TITLE_YEAR = lazyre.compile(r"(?:19|20)\d{2}年度?")
_CONJUNCTION = lazyre.compile(r"以及|及|与")
_PUNCT = lazyre.compile(r"[\s\u3000\xa0、，,。.．:：;；“”\"'《》〈〉()（）【】\[\]\-—_/|]")


def cn_number(s: str) -> int | None:
    """The value of a small Chinese numeral (一 … 九十九), or None."""
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if "十" in s:
        a, _, b = s.partition("十")
        tens = CN_DIGITS.get(a, 1) if a else 1
        ones = CN_DIGITS.get(b, 0) if b else 0
        return tens * 10 + ones
    return CN_DIGITS.get(s) if len(s) == 1 else None


_NUMBER_STYLES = (("cn", _LEVEL1), ("paren", _LEVEL1_ALT[0]), ("arabic", _LEVEL1_ALT[1]))


def heading_number(heading: str) -> tuple[int, str] | None:
    """The part number a heading opens with and its style ("cn": 一、/一．/第一部分, "paren": （一）, "arabic": 1.)."""
    head = heading.lstrip(" \t\u3000\xa0")
    for style, pattern in _NUMBER_STYLES:
        m = pattern.match(head)
        if m:
            n = cn_number(m.groupdict().get("num") or m.groupdict().get("num2"))
            if n is not None:
                return n, style
    return None


@lru_cache(maxsize=None)
def _vocab():
    cfg = data.load("sections.yaml")
    generic = tuple(sorted(cfg["generic"], key=len, reverse=True))
    variants = []
    for key, vs in cfg["keys"].items():
        for v in vs:
            core = _core(v, generic)
            variants.append((key, core, _grams(core)))
    # bigram -> variants holding it: a title is compared only with variants it shares a bigram with
    index: dict[str, list[int]] = {}
    for i, (_, _, grams) in enumerate(variants):
        for g in grams:
            index.setdefault(g, []).append(i)
    negatives = [_core(v, generic) for v in cfg["negatives"]]
    return cfg, generic, variants, negatives, index


def _core(title: str, generic: tuple[str, ...]) -> str:
    """A title without punctuation and generic words: the part that tells parts apart."""
    t = _PUNCT.sub("", title)
    t = t.replace("其它", "其他")
    # "2023年政务公开总体情况": the year does not tell parts apart; 和/及/与 join the same words
    # ("收费和减免", "收费及减免", "政府支出与收费")
    t = _TITLE_YEAR.sub("", t)
    t = _CONJUNCTION.sub("和", t)
    for g in generic:
        t = t.replace(g, "")
    return t


def _grams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)} if len(s) > 1 else {s}


def _similarity(a: str, b: str, contain: bool = True) -> float:
    """Dice coefficient on character bigrams, with credit when one core contains the other."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    ga, gb = _grams(a), _grams(b)
    dice = 2 * len(ga & gb) / (len(ga) + len(gb))
    # A short variant contained in a longer title ("依申请公开" in "依申请公开办理(受理、答复)")
    # still names the part, as long as the title is not mostly about something else.
    if contain and len(b) >= 2 and b in a and len(a) <= 3 * len(b) + 2:
        dice = max(dice, 0.85)
    return dice


_FIRST_SUB = lazyre.compile(r"[(（]\s*一\s*[)）]")


@lru_cache(maxsize=4096)
def classify_title(title: str, contain: bool = True) -> tuple[str | None, float]:
    """The section key a part title names and its similarity (key None below the threshold)."""
    cfg, generic, variants, negatives, index = _vocab()
    # a page flattened to one line runs a part's title into its first sub-item ("信息公开基本情况(一)主动公开信息
    # 情况"): when what comes before the sub-item's number names a part, that is the title; a generic top heading
    # ("一、2011年工作情况(一)概述", "一、报告内容(一)总体情况") leaves the part to its first sub-item, read whole below
    sub = _FIRST_SUB.search(title, 2)
    if sub:
        key, score = classify_title(title[:sub.start()], contain)
        if key is not None and score >= cfg["threshold"]:
            return key, score
    core = _core(_simplified(title), generic)
    if not core or core.startswith(tuple(cfg["measure_verbs"])) or any(w in core for w in cfg["list_openers"]):
        return None, 0.0
    if len(title) <= 24 and all(w in core for w in cfg["combined_part"]):
        return None, 0.0  # 二、政府信息主动公开、依申请公开等基本情况: two parts in one heading, neither alone
    best_key, best, best_at = None, 0.0, (False, 0, 0)
    for i in sorted({i for g in _grams(core) for i in index.get(g, ())}):
        key, v, _ = variants[i]
        s = _similarity(core, v, contain)
        # equal scores: a standard part before an extension key (机构人员及相关费用情况 holds the fees), then the
        # variant the title opens with (主动公开…基本情况 is 主动公开; on a flattened page 总体情况(一)主动公开情况 is
        # 总体情况), then the longer one
        at = (key in cfg["standard"], -core.find(v) if v in core else -len(core), len(v))
        if s > best or s == best and at > best_at:
            best_key, best, best_at = key, s, at
    # Table row labels (一、本年新收…, 四、结转下年度…) look like headings; they win over any part.
    if any(_similarity(core, n) >= max(best, 0.6) for n in negatives):
        return "_table_label", 1.0
    if best < cfg["threshold"] and len(core) >= 4:
        # One mistyped character in a distinctive core of four or more ("主要公开" for 主动公开): enough
        # for a numbered heading (threshold), never for a bare line or a run-in item (they need more).
        typo = next((key for key, v, _ in variants if len(v) == len(core)
                     and sum(a != b for a, b in zip(v, core)) == 1), None)
        if typo:
            return typo, cfg["typo_score"]
    return best_key, best


def _simplified(title: str) -> str:
    """The title in simplified characters (readers normalise; this keeps stray 總體情況 titles working)."""
    # Converting costs loading OpenCC (~25 ms): only when the title has a traditional form of a
    # character that part titles use.
    if not any(c in _vocab()[0]["traditional_hints"] for c in title):
        return title
    return _t2s().convert(title)


@lru_cache(maxsize=1)
def _t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


@dataclass
class _Candidate:
    start: int  # offset of the numbering (or of the bare title) in Document.text
    title_end: int
    num: int | None
    title: str
    run_in: bool  # title followed by body text on the same line after "。" (a sub-item style)
    mid_line: bool
    bare: bool = False
    title_start: int = -1  # offset where the title text begins (numbered candidates)
    loose: bool = False  # no line start or sentence end before it, or a table bar after it
    spaced: bool = False  # numbered "一 概述" (no 、): a part only when a part title follows


def _title_at(text: str, pos: int, mid_line: bool) -> tuple[str, int, bool]:
    """The title text starting at pos, its end offset, and whether body text follows it on the line."""
    m = _TITLE_STOP.search(text, pos)
    end = m.start() if m else len(text)
    end = min(end, pos + 60)
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end
    title = text[pos:end]
    run_in = bool(m) and m.group() in "。；;" and text[m.end():line_end].strip() != ""
    if run_in and _SUB_NUMBER.match(text, line_end - len(text[m.end():line_end].lstrip())) \
            and not _GLUED_NEXT.search(title, 2):
        # "一、开展政府信息公开工作的基本情况。 1、认真…" on a page flattened to one line: a title its first sub-item
        # follows is a heading that ends with a stop, not an item run into its text (unless a sub-item of its own is
        # glued into it: "一、…开展情况(一)主动公开政府信息情况。一是…" is the sub-item's title)
        run_in = False
    if mid_line or lazyre.compile(r"[ \t\u3000\xa0]{1,}\S").search(title.strip()):
        # "概述 2012年,岚桥街道…": the title stops at the first space when text follows it.
        first = lazyre.compile(r"[ \t\u3000\xa0]*(\S+)").match(title)
        # (a number alone is no title: 五、2011 年本局无因…的情况, a year set apart from its 年 as a copied PDF prints it)
        if first and len(_core(first.group(1), _vocab()[1])) >= 1 and not first.group(1).isdigit():
            short_end = pos + first.end()
            rest = text[short_end:line_end].strip()
            if mid_line or len(rest) > 20:
                # a title that ends at a space, not at a sentence stop, is a heading with its text after it
                return text[pos:short_end], short_end, run_in and short_end >= end
    return title, end, run_in


def _candidates(doc: Document, numbering: re.Pattern = _LEVEL1,
                modes: tuple[str, ...] = ("line", "mid", "loose")) -> list[_Candidate]:
    text = doc.text
    out: list[_Candidate] = []
    seen: set[int] = set()
    table_spans = [(b.start, b.end) for b in doc.blocks if b.kind == TABLE]

    def in_table(pos: int) -> bool:
        return any(s <= pos < e for s, e in table_spans)

    # "loose": anywhere at all — a page flattened to one line whose headings lost the punctuation
    # before them ("…年度报告格式>一、总体情况2025年,…"); such candidates only count when a full part
    # title follows and the number continues the sequence (see _accept).
    prefixes = {"line": (_LINE_START, False), "mid": (_MID_LINE, True), "loose": (numbering, True)}
    for mode in modes:
        prefix, mid = prefixes[mode]
        if mode != "loose":
            # (every pattern the loop may try after the prefix: the numbering, and with _LEVEL1 the unpunctuated form)
            heads = [numbering] + ([_LEVEL1_SPACE] if numbering is _LEVEL1 else [])
            prefix = _before_heads(prefix, tuple(heads))
        for pm in prefix.finditer(text):
            m = numbering.match(text, pm.start() if mode == "loose" else pm.end())
            spaced = loose = False
            if not m and mode in ("line", "mid") and numbering is _LEVEL1:
                m = _LEVEL1_SPACE.match(text, pm.end())
                spaced = m is not None
                # "…顺利开展。二政府信息主动公开情况我镇…": a page flattened to one line whose headings had no 、
                # (一 概 述 on its own line, the spaces then joined away). After a sentence stop such a number
                # is a part only as a loose candidate: in sequence, with a full part title right after it.
                loose = spaced and mode == "mid"
            if not m or m.start() in seen or in_table(m.start()):
                continue
            g = m.groupdict()
            num = cn_number(g.get("num") or g.get("num2"))
            title, end, run_in = _title_at(text, m.end(), mid)
            if not title.strip() and text[end:end + 1] == "\n":
                # "一、" alone on its line, the title on the next (a PDF line break after the number)
                title, end, run_in = _title_at(text, end + 1, mid)
            # a title running into " | " is a flattened table row ("一、本年新收… | 0 |") unless a part
            # title opens it (a page flattened to one line puts the part's table right after its heading)
            bar = text[end:end + 3].lstrip(" ").startswith("|")
            if bar:
                # …a part title the file ended with a space, its table's caption glued after it by normalisation
                # ("二、主动公开政府信息情况 第二十条第(一)项 | …" on a page flattened to one line): the heading, read whole
                cut = _first_raw_space(doc, end - len(title), end)
                if cut is not None and classify_title(text[end - len(title):cut].strip(), contain=False)[1] \
                        >= _vocab()[0]["bare_threshold"]:
                    title, end, bar = text[end - len(title):cut], cut, False
            seen.add(m.start())
            out.append(_Candidate(m.start(), end, num, title, run_in, mid, title_start=end - len(title),
                                  loose=mode == "loose" or bar or loose, spaced=spaced))
    # "…联系电话55209181。总体情况(一)工作机构情况。": a page flattened to one line whose part titles had no
    # number. A part title as listed, right after a sentence stop and right before its first sub-item, is one.
    for m in _bare_before_sub().finditer(text):
        s = m.start("title")
        if s not in seen and not in_table(s):
            seen.add(s)
            out.append(_Candidate(s, m.end("title"), None, m.group("title"), False, True, bare=True))
    # "…联系电话:6050098 概述 2015年,我镇…": the same page whose first part title stood alone on the line after the
    # contact line's number (the early template's 概述). Between that number and a space the file had after it, an
    # exact part title is the heading; normalisation has glued it to its text, so the file's space is checked.
    for s, e in _bare_after_number(text):
        if s not in seen and not in_table(s) and _file_space_at(doc, text, e) \
                and classify_title(text[s:e], contain=False)[1] >= 0.95:
            seen.add(s)
            out.append(_Candidate(s, e, None, text[s:e], False, True, bare=True))
    # "…取得新成效。 政府信息主动公开情况 2012年,我县…": the same page, a part title that stood alone on its line between
    # a paragraph's stop and its own text. A listed title (4 characters or more) right after a stop and ended by a
    # space the file had (normalisation may have glued it to its text) is the heading; a sentence that opens with such
    # words runs on without a space.
    for m in _bare_after_stop().finditer(text):
        s, e = m.start("title"), m.end("title")
        if s not in seen and not in_table(s) and _file_space_at(doc, text, e) \
                and (text[s - 1] in _SPACE_CHARS or positions.raw_spaces(doc, s, s + 1)):
            seen.add(s)
            out.append(_Candidate(s, e, None, text[s:e], False, True, bare=True))
    # Bare title lines ("总体情况") and heading blocks whose text carries no numbering.
    part_level = _part_level(doc)
    for b in doc.blocks:
        if b.kind == TABLE or b.start in seen:
            continue
        for off, line in _lines(doc.text, b.start, b.end):
            stripped = line.strip(" \t\u3000\xa0")
            if not stripped or off + line.index(stripped[0]) in seen:
                continue
            if b.kind != HEADING and len(stripped) > 30:
                continue  # a paragraph's long line: what the tests below conclude for it, without them
            if _LEVEL1.match(stripped) or _SUB_NUMBER.match(stripped):
                continue
            if b.kind == HEADING and (b.level or 1) > part_level:
                break  # a sub-heading block ("主动公开" styled Heading 2 under 总体情况)
            is_heading = b.kind == HEADING
            if len(stripped) > 30 or lazyre.compile(r"[。，,；;：:|\d]").search(stripped):
                continue
            garbled = _garbled_numeral(stripped) if b.prov.ocr and not is_heading else None
            if garbled:
                s = off + line.index(stripped[0])
                out.append(_Candidate(s, s + len(stripped), None, garbled, False, False, bare=True))
                seen.add(s)
                continue
            # An unnumbered paragraph line is a part title only when it reads like one in full
            # ("总体情况", "概述"); a bare "主动公开" line is a sub-heading.
            if not is_heading and not stripped.endswith(tuple(_vocab()[0]["bare_endings"])):
                continue
            s = off + line.index(stripped[0])
            if not is_heading:
                before, _ = _neighbours(text, s, 1)
                if before and (_LEVEL1.fullmatch(before[0]) or _SUB_NUMBER.fullmatch(before[0])):
                    continue  # "(三)" / "不予公开": a numbered item split over two lines
                # a label cell of a table flattened one cell per line ("行政事业性收费"); a title that
                # is exactly a part title only needs its nearest lines to be free of numbers
                exact = classify_title(stripped, contain=False)[1] >= 0.95
                if _near_numbers(text, s, 1 if exact else 4):
                    continue
            out.append(_Candidate(s, s + len(stripped), None, stripped, False, False, bare=not is_heading))
            seen.add(s)
    out.sort(key=lambda c: c.start)
    return out


def _file_space_at(doc: Document, text: str, e: int) -> bool:
    """Whether the file had a space at text[e]: one the normaliser kept, or one it took away there."""
    return text[e:e + 1] in _SPACE_CHARS or bool(positions.raw_spaces(doc, e, e + 1))


@lru_cache(maxsize=1)
def _after_stop_pattern() -> str:
    """A listed part title (4 characters or more, the longest first) right after a sentence stop, as a pattern."""
    titles = "|".join(re.escape(v) for v, _ in _raw_variants() if len(v) >= 4)
    return rf"[。；;][ \t\u3000\xa0]*(?P<title>{titles})"


@lru_cache(maxsize=1)
def _bare_before_sub() -> re.Pattern:
    """A listed part title (4 characters or more) between a sentence stop and a (一) sub-item number."""
    return lazyre.compile(_after_stop_pattern() + r"(?=[ \t\u3000\xa0]*[(（]一[)）])")


@lru_cache(maxsize=1)
def _bare_after_stop() -> re.Pattern:
    """A listed part title (4 characters or more, the longest) right after a sentence stop."""
    return lazyre.compile(_after_stop_pattern())


@lru_cache(maxsize=1)
def _first_part_titles() -> tuple[str, ...]:
    """The first part's listed titles as _raw_variants gives them (longest first)."""
    first = _vocab()[0]["standard"][0]
    return tuple(v for v, k in _raw_variants() if k == first)


def _bare_after_number(text: str) -> list[tuple[int, int]]:
    """Spans of a listed title of the first part (the short ones that may open a heading too) right after a number and
    a space (not a later part's: 主动公开 is also a page's 公开方式 field after its index number), the longest."""
    out = []
    for m in _DIGIT_SPACE.finditer(text):
        v = next((v for v in _first_part_titles() if text.startswith(v, m.end())), None)
        if v:
            out.append((m.end(), m.end() + len(v)))
    return out


_DIGIT_SPACE = lazyre.compile(r"[0-9][ \t\u3000\xa0]+")


_SPACE_CHARS = " \t\u3000\xa0"  # what _LINE_START and _MID_LINE take after their opening character


def _before_heads(prefix: re.Pattern, heads: tuple[re.Pattern, ...]) -> re.Pattern:
    """prefix with a lookahead for a character one of heads can start with: the prefix matches those patterns can
    follow, the others left out (a long report has ~700 line starts and sentence ends; a few dozen are followed by
    a number like 一). The same matches as prefix.finditer less those whose next character opens none of heads,
    as the prefix ends with its spaces taken greedily and no such space can open a head (else prefix itself)."""
    from .numbers import first_chars

    firsts = [lazyre.memo("first_chars", h.pattern, first_chars) for h in heads]
    if any(f is None for f in firsts) or any(h.flags & re.IGNORECASE for h in heads):
        return prefix
    lookahead = f"(?=[{''.join(firsts)}])"
    if any(lazyre.compile(lookahead).match(c) for c in _SPACE_CHARS):
        return prefix
    return lazyre.compile(f"(?:{prefix.pattern}){lookahead}", prefix.flags)


# OCR misreads the first part's numeral set in a heavy face (一、 read 人人, 人、, 人人人、: one stroke and a dot): one to
# three stray characters, then the first part's title exactly as listed, alone on a line of a scanned page.
_STRAY = lazyre.compile(r"[^\s一二三四五六七八九十(（、.．]{1,3}")


def _garbled_numeral(line: str) -> str | None:
    """The first part's title of an OCR'd heading line whose numeral came out as stray characters, or None."""
    if len(line) > 20 or classify_title(line, contain=False)[1] >= _vocab()[0]["bare_threshold"]:
        return None  # (a line that reads as a title whole is taken as one)
    for k in (1, 2, 3):
        if not _STRAY.fullmatch(line, 0, k):
            return None
        title = line[k + 1:] if line[k:k + 1] in ("、", ".", "．") else line[k:]
        if len(title) >= 2 and title in _first_part_titles():
            return title
    return None


def _first_line(text: str) -> str:
    if "\n" not in text:
        return text.strip(" \t\u3000\xa0")  # one line (most paragraphs): itself, stripped, as below
    return next((ln.strip(" \t\u3000\xa0") for ln in text.split("\n") if ln.strip(" \t\u3000\xa0")), "")


def part_title(line: str) -> str:
    """A heading line's title: without its part number (一、 / 第一部分) and cut at a sentence stop or colon."""
    line = line.lstrip(" \t\u3000\xa0")
    m = _LEVEL1.match(line)
    title = line[m.end():] if m else line
    stop = _TITLE_STOP.search(title)
    return (title[:stop.start()] if stop else title).strip()


def _part_title_key(line: str) -> tuple[str | None, bool]:
    """The key a whole line names as a part title ("一、概述", "总体情况") and whether it is numbered."""
    if len(line) > 40 or lazyre.compile(r"[。，,；;：:|]").search(line):
        return None, False  # a sentence, a run-in item or a table row, not a title line
    m = _LEVEL1.match(line)
    if not m and _SUB_NUMBER.match(line):
        return None, False
    title = line[m.end():] if m else line
    key, score = classify_title(title, contain=bool(m))
    need = _vocab()[0]["threshold" if m else "bare_threshold"]
    return (key if key != "_table_label" and score >= need else None), bool(m)


def _part_level(doc: Document) -> int:
    """The heading level a document prints its part titles at (1 unless its headings say otherwise)."""
    # Levels are relative: a web page may print its title as <h1> and the parts as <h3>, a Word file
    # may style the title Heading 1 and the parts Heading 2. The shallowest level whose headings name
    # at least two different parts is the part level; deeper headings stay sub-headings.
    by_level: dict[int, set[str]] = {}
    in_paragraphs: set[str] = set()
    for b in doc.blocks:
        if b.kind == TABLE:
            continue
        key, numbered = _part_title_key(_first_line(b.text))
        if key is None:
            continue
        if b.kind == HEADING:
            by_level.setdefault(b.level or 1, set()).add(key)
        elif numbered:
            in_paragraphs.add(key)
    if not by_level or min(by_level) <= 1:
        return 1
    level = min(by_level)
    keys = by_level[level]
    # Parts numbered in plain paragraphs (一、总体情况) with deeper-styled headings under them
    # (主动公开情况 styled Heading 2): the paragraphs carry the part structure, the headings are
    # sub-items of a part, as before.
    if len(keys) < 2 or len(in_paragraphs) > len(keys):
        return 1
    return level


def _neighbours(text: str, pos: int, span: int) -> tuple[list[str], list[str]]:
    """Up to span non-empty lines before and after the line at pos (nearest first)."""
    before, after = [], []
    lo = text.rfind("\n", 0, pos)
    while lo > 0 and len(before) < span:
        prev = text.rfind("\n", 0, lo)
        line = text[prev + 1:lo].strip()
        if line:
            before.append(line)
        lo = prev
    hi = text.find("\n", pos)
    while 0 <= hi < len(text) and len(after) < span:
        nxt = text.find("\n", hi + 1)
        line = text[hi + 1: nxt if nxt >= 0 else len(text)].strip()
        if line:
            after.append(line)
        hi = nxt
    return before, after


def _near_numbers(text: str, pos: int, span: int = 4) -> bool:
    """Whether the non-empty lines around pos include two or more bare numbers (a flattened table)."""
    before, after = _neighbours(text, pos, span)
    return sum(1 for ln in before + after if lazyre.compile(r"[-+]?\d[\d,.]*\s*\|?").fullmatch(ln)) >= 2


def _lines(text: str, start: int, end: int):
    pos = start
    for line in text[start:end].split("\n"):
        yield pos, line
        pos += len(line) + 1


def segment(doc: Document, era: str | None) -> tuple[list[Section], list[str]]:
    """Canonical sections of a Document and the era's required parts that were not found."""
    cfg = _vocab()[0]
    text = doc.text
    accepted = _accept(_candidates(doc), text, doc)
    for numbering in _LEVEL1_ALT:
        if any(k for _, k in accepted):
            break
        # (a title run into its text, "2、 依申请公开。正阳街道…", is a sub-item's style: 1.…6. parts stand alone)
        alt = _accept([c for c in _candidates(doc, numbering, modes=("line",)) if not c.run_in], text, doc)
        # Two parts at least, the first of them the overview: (一)主动公开 (二)依申请公开 are the
        # overview's own sub-items when its 一、 heading was missed.
        keys = [k for _, k in alt if k]
        if len(keys) >= 2 and keys[0] == "overview":
            accepted = alt
        elif keys == ["overview"] and _whole_first_overview(alt):
            # "1、 总体情况" alone, an excerpt cut inside its first part: a list-style number over the overview's
            # whole title opening the text's first heading is the part's
            accepted = alt
    accepted = _parts_under_a_wrapper(doc, accepted)
    accepted = _first_part_as_list_item(doc, accepted)
    accepted = _cut_last_heading(text, accepted, era, doc)
    return _sections(doc, accepted, cfg["required"].get(era or "", []))


def _whole_title_line(c: _Candidate) -> bool:
    """Whether a numbered candidate stands on a line of its own and its title is a part's whole title."""
    return not (c.run_in or c.mid_line or c.loose or c.spaced) and classify_title(c.title, contain=False)[1] >= 0.95


def _whole_first_overview(alt: list[tuple[_Candidate, str]]) -> bool:
    """Whether alt holds a single part, the overview, numbered 1 on a line of its own under its whole title."""
    named = [c for c, k in alt if k]
    return len(named) == 1 and alt[0][0] is named[0] and named[0].num == 1 and _whole_title_line(named[0])


def _parts_under_a_wrapper(doc: Document, accepted: list[tuple[_Candidate, str]]) -> list[tuple[_Candidate, str]]:
    """accepted with the sub-headings under a numbered heading that names no part, where two or more of them name
    parts the document's own headings do not: a report that groups the template's parts under a heading of its own
    ("一、政务公开情况" over "(一)主动公开…" "(二)依申请公开…") prints them one level down."""
    text = doc.text
    keys = {k for _, k in accepted if k}
    if not accepted or len(keys) >= 4:
        return accepted  # (the parts are printed at level 1 already)
    # (a wrapper is a heading of its own: numbered 一、, short, no clause in it, naming no part even loosely —
    # "二、基本情况" after "一、概述" is the overview said again, its (一)(二) its sub-items)
    level1 = [c for c in _candidates(doc, modes=("line",)) if not (c.run_in or c.spaced or c.loose or c.bare)
              and c.num is not None and len(c.title.strip()) <= 20 and not lazyre.compile(r"[,，;；]").search(c.title)
              and classify_title(c.title)[0] is None]
    taken = {c.start for c, _ in accepted}
    added: list[tuple[_Candidate, str]] = []
    for i, c in enumerate(level1):
        if c.start in taken:
            continue
        end = min([n.start for n in level1[i + 1:]] + [len(text)])
        for numbering in _LEVEL1_ALT:
            subs = [a for a in _accept([s for s in _candidates(doc, numbering, modes=("line",))
                                        if c.title_end <= s.start < end], text, doc) if a[1]]
            named = [k for _, k in subs]
            # (two parts at least, each once, none the document's own level-1 parts already hold: an overview's
            # (一)主动公开 (二)依申请公开 sit under a heading that names its part, which this never looks into)
            if len(set(named)) >= 2 and len(set(named)) == len(named) and not keys & set(named):
                added += subs
                keys |= set(named)
                break
    return sorted(accepted + added, key=lambda a: a[0].start) if added else accepted


def _first_part_as_list_item(doc: Document, accepted: list[tuple[_Candidate, str]]) -> list[tuple[_Candidate, str]]:
    """accepted with the overview added where a page printed its first part as "1. 总体情况" before "二、…": a web
    page's numbered list renders 一、 as 1., and only the first part's number is lost so."""
    keys = [k for _, k in accepted if k]
    first = next((c for c, k in accepted if k), None)
    if first is None or "overview" in keys or first.num != 2:
        return accepted
    alt = _accept(_candidates(doc, _LEVEL1_ALT[1], modes=("line",)), doc.text, doc)
    one = next((c for c, k in alt if k == "overview" and c.num == 1 and c.start < first.start), None)
    if one is None:
        return accepted
    return sorted(accepted + [(one, "overview")], key=lambda a: a[0].start)


# (at a line start, or after a sentence stop on a page flattened to one line: "…的权利。三、政府信息公开的")
_LAST_LINE = lazyre.compile(r"(?m)(?:^|(?<=[。；;]))[ \t\u3000]*(?P<num>[一二三四五六七八九十]{1,3})[ \t]*[、.．][ \t]*(?P<tail>[\u4e00-\u9fff]{1,14})[ \t\u3000]*\Z")


_LAST_AFTER_SPACE = lazyre.compile(r"(?P<num>[一二三四五六七八九十]{1,3})[ \t]*[、.．][ \t]*"
                                    r"(?P<tail>[\u4e00-\u9fff]{1,14})[ \t\u3000]*\Z")
_LAST_LINE_STOPS = ("\n", "。", "；", ";")  # what _LAST_LINE's match starts after and never holds


def _cut_last_heading(text: str, accepted: list[tuple[_Candidate, str]], era: str | None,
                      doc: Document | None = None) -> list[tuple[_Candidate, str]]:
    """accepted with the next part's heading cut off where the text ends ("五、存在的主", "三、收") named: an
    excerpt or a truncated page stops mid-title. Its key is the part whose title it begins, among the parts not
    yet found; where several fit (收 → 收到和处理… or 收费…), the part the era's order puts next."""
    text = text.rstrip()
    # A match holds no line break, 。, ； or ; and starts right after one (or at the start): it can only start after
    # the last of them, so the search starts there instead of trying every character of a long report (~0.4 ms).
    m = _LAST_LINE.search(text, max(map(text.rfind, _LAST_LINE_STOPS)) + 1)
    if not m and accepted:
        # a page flattened to one line: after a space (kept, or one the file had: normalisation glues CJK across
        # it), right after the last part's own heading or its table ("二、…情况 三、收到", "… | 0 | 三、收到")
        m = _LAST_AFTER_SPACE.search(text, accepted[-1][0].title_end)
        if m and not (text[m.start() - 1:m.start()] in " \t\u3000|"
                      or doc is not None and positions.raw_spaces(doc, m.start(), m.start() + 1)):
            m = None
    if not m:
        return accepted
    before = accepted
    if accepted and accepted[-1][0].start == m.start("num"):
        if accepted[-1][1]:
            return accepted  # read as a whole title already
        before = accepted[:-1]  # taken as a part of unknown title: named below if its start fits one
    last = next((c.num for c, _ in reversed(before) if c.num is not None), None)
    if last is None or cn_number(m.group("num")) != last + 1 or any(c.start >= m.start("num") for c, _ in before):
        return accepted
    cfg, generic = _vocab()[0], _vocab()[1]
    tail, found = m.group("tail"), {k for _, k in before}
    if len(tail) < 4 and any(g.startswith(tail) for g in generic):
        return accepted  # "四、政府": too little of a title that opens with the common words to say which part
    stems = {tail}
    for g in generic:  # 政府信息公开工作存在的 → 存在的
        for st in list(stems):
            if st.startswith(g) and len(st) > len(g):
                stems.add(st[len(g):])
    fits = [k for k, vs in cfg["keys"].items() if k not in found and k in cfg["standard"]
            and any(v.startswith(st) for v in vs for st in stems)]
    order = cfg["required"].get(era or "", cfg["standard"])
    prev = next((k for _, k in reversed(before) if k), None)
    after = [k for k in order[order.index(prev) + 1:] if k in fits] if prev in order else []
    key = fits[0] if len(fits) == 1 else after[0] if after else None
    if key is None:
        return accepted
    c = _Candidate(m.start("num"), m.end("tail"), cn_number(m.group("num")), tail, False, False,
                   title_start=m.start("tail"))
    return before + [(c, key)]


def _need(c: _Candidate) -> float:
    """The similarity a candidate's title needs: more for bare lines, and for run-in items
    ("二、建立健全工作制度。认真开展…"), which are sub-points unless the title is unmistakable."""
    cfg = _vocab()[0]
    need = cfg["bare_threshold"] if c.bare or c.spaced else cfg["threshold"]
    return max(need, 0.85) if c.run_in else need


def _prefix_title(text: str, c: _Candidate, key=None, score=0.0):
    """(key, score, candidate) when the text after the number starts with a part title as listed."""
    pos = c.title_start
    while pos < len(text) and text[pos] in " \t\u3000\xa0":
        pos += 1
    c = replace(c, title_start=pos)
    generic = _vocab()[1]
    while True:  # generic openings first: "信息公开工作基本情况…" opens with 基本情况 after 信息公开, 工作
        g = next((g for g in generic if text.startswith(g, pos)), None)
        if g is None:
            break
        pos += len(g)
    for start in dict.fromkeys((c.title_start, pos)):
        for v, k in _raw_variants():
            if text.startswith(v, start):
                end = start + len(v)
                rest = text[end:c.title_end].strip()
                if 0 < len(rest) <= 5 and text[c.title_end:c.title_end + 1] in ("。", "；", ";"):
                    # "二、主动公开信息。认真梳理…": a sub-item whose own short title only opens with a
                    # part's words; a heading glued to its body is followed by a whole sentence.
                    return key, score, c
                return k, 0.9, replace(c, title_end=end, title=text[c.title_start:end], run_in=False)
    return key, score, c


def _suffix_title(title: str, key=None, score=0.0):
    """(key, score) when a heading line ends with a long part title as listed ("二、以“四张清单一张网”为重点内容的
    主动公开政府信息情况"): a qualifier before the title does not make it another part."""
    t = title.strip().rstrip("。:：")
    for v, k in _raw_variants():
        if len(v) >= 8 and t.endswith(v) and len(t) > len(v):
            return k, 0.9
    return key, score


@lru_cache(maxsize=1)
def _raw_variants() -> list[tuple[str, str]]:
    """Part titles as printed (longest first) for prefix matching; short generic ones are left out."""
    cfg = _vocab()[0]
    out = [(v, k) for k, vs in cfg["keys"].items() for v in vs if len(v) >= 4 or v in cfg["prefix_short_ok"]]
    return sorted(out, key=lambda x: -len(x[0]))


_GLUED_NEXT = lazyre.compile(r"[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]")


def _first_raw_space(doc: Document, start: int, end: int) -> int | None:
    """Where the file had its first space inside a title text[start:end] (past its first two characters), or None."""
    return next(iter(positions.raw_spaces(doc, start + 2, end)), None)


def _title_to_raw_space(doc: Document, text: str, c: _Candidate, key, score):
    """(key, score, candidate) of a title cut where the file had a space ("五、…申诉情况 我镇2014年…" glued by
    normalisation on a page flattened to one line), or the inputs when the cut reads as no part title."""
    cut = _first_raw_space(doc, c.title_start, c.title_end)
    if cut is None and positions.raw_spaces(doc, c.title_start + 1, c.title_start + 2) \
            and classify_title(text[c.title_start], contain=False)[1] >= 0.95:
        cut = c.title_start + 1  # a one-character title as printed (一、概 : the page lost its 述), as listed
    if cut is None:
        return key, score, c
    short = replace(c, title_end=cut, title=text[c.title_start:cut], run_in=False)
    k, sc = classify_title(short.title, contain=not short.bare)
    return (k, sc, short) if k is not None and sc >= _need(short) else (key, score, c)


def _accept(candidates: list[_Candidate], text: str, doc: Document | None = None) -> list[tuple[_Candidate, str]]:
    """The part headings among candidates, as (candidate, key); key "" marks an unnamed part."""
    accepted: list[tuple[_Candidate, str]] = []
    last_num: int | None = None
    for c in candidates:
        if c.loose:
            # only a full part title right after the next number in sequence
            # one heading in between may have been rejected (a typo, an unknown title): 二 missed, 三 next
            in_sequence = c.num in ((last_num + 1, last_num + 2) if last_num is not None else (1,))
            key, score, c = _prefix_title(text, c) if in_sequence else (None, 0.0, c)
            if not in_sequence and last_num is not None and c.num in (last_num + 3, last_num + 4) \
                    and doc is not None:
                # "二、主动公开政府信息情况 五、存在的主要问题及改进情况 2021年,…": the parts between were tables, left out
                # of the page; further on, only a title the file ended with a space that is exactly a part's
                far = (*classify_title(c.title, contain=False), c) if text[c.title_end:c.title_end + 1].isspace() \
                    else _title_to_raw_space(doc, text, c, None, 0.0)
                if far[0] is not None and classify_title(far[2].title, contain=False)[1] >= 0.95:
                    key, score, c = far
            if key is None and in_sequence and text[c.title_end:c.title_end + 1] == "。" and doc is not None \
                    and (text[c.title_end + 1:c.title_end + 2].isspace()
                         or positions.raw_spaces(doc, c.title_end + 1, c.title_end + 2)):
                # "…无依申请公开情况 四、2012年本局没有政府信息公开收费情况。 五、…": a heading that is a whole sentence,
                # its stop then the file's space (the line's end), is a line of its own as printed and read as one (a
                # part's words contained in it), not as a run-in item
                key, score = classify_title(c.title)
                key = key if score >= _vocab()[0]["bare_threshold"] else None
            if key is None and in_sequence and text[c.title_end:c.title_end + 1].isspace():
                # "。六政府支出与收费 1、…", "…打印 一、总体概况 2013年": a title the page still ends with a space reads
                # as a whole title; without a sentence stop before it, only as surely as a bare line
                key, score = classify_title(c.title, contain=False)
                key = key if score >= max(_need(c), _vocab()[0]["bare_threshold"]) else None
            if key is None and in_sequence and doc is not None and c.num is not None:
                # …the same where the file's space was taken away by normalisation (…概述 我镇2014年…)
                key, score, c = _title_to_raw_space(doc, text, c, None, 0.0)
                key = key if score >= _vocab()[0]["bare_threshold"] else None
            if key is None:
                continue
        else:
            # A bare line or a run-in item must read as a whole part title: a table cell such as
            # 行政事业性收费 contains 收费, "二、主动公开信息。认真梳理…" contains 主动公开, yet neither is a part.
            key, score = classify_title(c.title, contain=not (c.bare or c.run_in or c.spaced))
            if c.num is not None and not c.spaced and doc is not None and (
                    key is None or score < _need(c) or _GLUED_NEXT.search(c.title, 2)
                    or text[c.title_end:c.title_end + 1].isspace()):
                # (a title that runs into the next heading, 主动公开政府信息情况三、收到…, reads as some part by
                # containment: the file's space says where it ended; so does a title cut at a space kept before a
                # number, 二、主动公开政府信息情况 本局到 2017 年底…, whose first space the normaliser took away)
                key, score, c = _title_to_raw_space(doc, text, c, key, score)
        if key == "_table_label":
            continue
        if (key is None or score < _need(c)) and c.num is not None and not c.loose and not c.spaced:
            # A page flattened to one line loses the space after a heading (normalisation joins
            # CJK): "一、概述推进政府信息公开是…". A title that begins with a full part title is one.
            key, score, c = _prefix_title(text, c, key, score)
        if (key is None or score < _need(c)) and c.num is not None and not c.loose and not c.spaced \
                and not c.run_in and not c.mid_line and not c.bare:
            key, score = _suffix_title(c.title, key, score)
        elif (key is None or score < _need(c)) and c.num is not None and c.mid_line and not c.loose and not c.spaced \
                and not c.bare and doc is not None:
            # the same heading on a page flattened to one line: its number after a sentence's stop, its title ended by
            # the file's space (…公开。 二、以“三张清单”为抓手的主动公开政府信息情况 全年…) was a line as printed
            cut = _first_raw_space(doc, c.title_start, c.title_end)
            if cut is not None and text[max(0, c.start - 1):c.start] in ("。", ";", "；", ""):
                k, sc = _suffix_title(text[c.title_start:cut])
                if k is not None:
                    key, score, c = k, sc, replace(c, title_end=cut, title=text[c.title_start:cut], run_in=False)
        need = _need(c)
        if key is not None and score >= need and c.num is not None and doc is not None and _ends_with_none(c.title):
            # "四、…行政诉讼情况 无。" on a page flattened to one line: the part's bare answer glued to its title by
            # normalisation is no part of the title (figures read it as the part's "none"); the file's space says so
            key, score, c = _title_to_raw_space(doc, text, c, key, score)
        if key is not None and score >= need:
            if any(k == key for _, k in accepted):
                if not _is_toc_repeat(accepted, key, c, text):
                    continue
                # The earlier heading began a contents list before the body: forget the list.
                accepted = accepted[:next(i for i, (_, k) in enumerate(accepted) if k == key)]
                last_num = next((p.num for p, _ in reversed(accepted) if p.num is not None), None)
            elif c.num is not None and last_num is not None and c.num <= last_num and not (
                    c.num == last_num and key in _vocab()[0]["standard"] and _whole_title_line(c)):
                # Numbering that goes backwards restarts inside a part (概述's own 一、二、三、). A number said twice
                # over a whole title of another standard part (一、总体情况 … 一、主动公开政府信息情况; 三、主动公开…
                # 三、问题与不足) is the page's slip: the part is still one.
                continue
            accepted.append((c, key))
            if c.num is not None:
                last_num = c.num
        elif (c.num is not None and last_num is not None and c.num == last_num + 1 and not c.run_in
              and not c.mid_line and not c.bare and not c.spaced and not _glued_row_label(c.title)):
            # The next numbered part with a title we do not know ("五、下一步工作计划") still ends
            # the previous part.
            accepted.append((c, ""))
            last_num = c.num
    return accepted


_ROW_LABEL_END = lazyre.compile(r"[（(\d]")


def _ends_with_none(title: str) -> bool:
    """Whether a title ends with a bare "none" (data/metrics.yaml none_parts: 无, 暂无…) after two characters or more."""
    words = data.load("metrics.yaml")["none_parts"]["words"]
    return lazyre.compile(rf"..+?(?:{words})").fullmatch(title.strip()) is not None


def _glued_row_label(title: str) -> bool:
    """Whether a title is an s3 row label with the next label or the cells glued on ("三、本年度办理结果（一）予以公开6000006")."""
    m = _ROW_LABEL_END.search(title or "")
    return bool(m) and m.start() >= 4 and classify_title(title[:m.start()])[0] == "_table_label"


def _sections(doc: Document, named: list[tuple[_Candidate, str]], required: list[str]):
    text = doc.text
    sections: list[Section] = []
    first = named[0][0].start if named else len(text)
    if text[:first].strip():
        sections.append(Section("preamble", "", doc.page_at(0), 0, first, level=0))
    for i, (c, key) in enumerate(named):
        end = named[i + 1][0].start if i + 1 < len(named) else len(text)
        if not key:
            continue
        heading = "".join(part.strip() for part in text[c.start:c.title_end].split("\n"))
        sections.append(Section(key, heading, doc.page_at(c.start), c.start, end, level=1))
    found = {s.key for s in sections}
    missing = [k for k in required if k not in found]
    return sections, missing


def _is_toc_repeat(accepted, key, c, text) -> bool:
    """Whether an earlier heading with this key was only a contents line (no body before the next)."""
    for prev, k in accepted:
        if k == key:
            nxt = [p for p, _ in accepted if p.start > prev.start]
            # a contents list is several headings in a row with nothing between them
            return bool(nxt) and len(text[prev.title_end:nxt[0].start].strip()) < 2
    return False
