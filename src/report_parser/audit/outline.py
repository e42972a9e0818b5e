"""Outline rules: the numbers of the part headings the segment stage found (一、二、四; 二–六 written as 一–五)."""
from __future__ import annotations


from ..extract.segment import classify_title, heading_number, part_title
from .catalogue import NOT_ASSESSABLE, finding, params
from .facts import Facts
from .. import lazyre

# A heading opens a line or, in a page flattened to one line, follows a sentence end (as in segment).
_HEADING_START = lazyre.compile(r"(?:^|\n|[。；;！!？?）)])[ \t\u3000\xa0]*")
_CN = "一二三四五六七八九十"


def check(f: Facts) -> list:
    """All outline findings of one report."""
    broken = numbering(f)
    promoted = promoted_subtopics(f)
    # A skip, or a sub-topic taking a part's number, shifts every later numeral: C06's or C08's finding, not
    # C07's too.
    return broken + promoted or ordinals(f)


_SUFFIX = lazyre.compile(r"(?:情况|方面|工作)$")


def promoted_subtopics(f: Facts) -> list:
    """C08: a sub-topic of the overview (政府信息管理, 监督保障 …) printed with a part numeral."""
    p = params("C08")
    if f.text is None or f.report.era not in p["eras"]:
        return []
    subtopics = {_SUFFIX.sub("", t) for t in p["subtopics"]}
    out = []
    for m in _HEADING_START.finditer(f.text):
        stop = f.text.find("\n", m.end())
        line = f.text[m.end():stop if stop >= 0 else len(f.text)][:40]
        hn = heading_number(line[:12])
        if not hn or hn[1] != "cn":  # （三）政府信息管理 is the sub-topic as the template prints it
            continue
        if _SUFFIX.sub("", part_title(line)) in subtopics:
            section = next((s for s in f.report.sections if s.start <= m.end() < s.end), None)
            out.append(finding("C08", f.report, section=section.key if section else None,
                               page=section.page if section else None, keys=["overview"],
                               values={"heading": line.strip(), "number": hn[0]},
                               heading=line.strip(), number=cn(hn[0])))
    return out


def numbered_parts(f: Facts) -> list[tuple[object, int, str]]:
    """(section, number, style) of the level-1 parts whose heading opens with a part number, in text order."""
    out = []
    for s in sorted((s for s in f.report.sections if s.level == 1), key=lambda s: s.start):
        hn = heading_number(s.heading or "")
        if hn:
            out.append((s, *hn))
    return out


def cn(n: int) -> str:
    """A part number as printed (一 … 十), or in digits beyond."""
    return _CN[n - 1] if 1 <= n <= len(_CN) else str(n)


def _numbered_between(text: str, start: int, end: int, style: str) -> set[int]:
    """Numbers of the given style that open a heading-like run of text[start:end]."""
    found = set()
    for m in _HEADING_START.finditer(text, start, end):
        stop = text.find("\n", m.end())
        line = text[m.end():stop if stop >= 0 else len(text)]
        if "|" in line or classify_title(line[:40])[0] == "_table_label":
            continue  # a table row (四、结转下年度继续办理), not a heading: its number is the row's
        hn = heading_number(line[:12])
        if hn and hn[1] == style:
            found.add(hn[0])
    return found


def numbering(f: Facts) -> list:
    """C06: the part numbers go up one at a time from one (within one numbering style)."""
    parts = numbered_parts(f)
    if len(parts) < params("C06")["min_numbered"]:
        return []
    prev_n, prev_end = 0, 0
    for s, n, style in parts:
        if n <= prev_n:
            return [_c06(f, s, parts, "restarts", "重新开始或重复")]
        if n > prev_n + 1:
            if f.text is None:
                return [finding("C06", f.report, NOT_ASSESSABLE, section=s.key, keys=[s.key],
                                reason="the text is needed to look for unsegmented headings",
                                reason_zh="缺少全文，无法查找未识别的标题")]
            missing = set(range(prev_n + 1, n)) - _numbered_between(f.text, prev_end, s.start, style)
            if missing:
                return [_c06(f, s, parts, f"skips {'、'.join(cn(x) for x in sorted(missing))}",
                             f"跳过{'、'.join(cn(x) for x in sorted(missing))}")]
        prev_n, prev_end = n, s.start
    return []


def _c06(f: Facts, s, parts, what: str, what_zh: str):
    numbers = "、".join(cn(n) for _, n, _ in parts)
    return finding("C06", f.report, section=s.key, page=s.page, keys=[p.key for p, _, _ in parts],
                   values={"numbers": [n for _, n, _ in parts], "heading": s.heading},
                   what=what, what_zh=what_zh, numbers=numbers, heading=s.heading)


def ordinals(f: Facts) -> list:
    """C07: each template part carries its template numeral (概述 一 … 其他 六)."""
    order = params("C07")["order"].get(f.report.era or "")
    parts = [(s, n) for s, n, _ in numbered_parts(f) if order and s.key in order]
    present = [s.key for s in sorted(f.report.sections, key=lambda s: s.start) if order and s.key in order]
    if not parts or present != order:
        return []  # a missing or misplaced part is C01's or C02's
    if not any(f.table_present(t) for t in ("s3", "s4")):
        return []  # no template table: the era is the title year's guess (M01/M02's), not the report's format
    off = {s.key: n - (order.index(s.key) + 1) for s, n in parts}
    if set(off.values()) == {0}:
        return []
    if len(parts) > 1 and len(set(off.values())) == 1:
        return [_shifted(f, parts, order)]
    return [_wrong_ordinal(f, s, n, order.index(s.key) + 1) for s, n in parts if off[s.key]]


def _shifted(f: Facts, parts, order):
    first, last = parts[0], parts[-1]
    want = f"{cn(order.index(first[0].key) + 1)}–{cn(order.index(last[0].key) + 1)}"
    got = f"{cn(first[1])}–{cn(last[1])}"
    return finding("C07", f.report, section=first[0].key, page=first[0].page, keys=[s.key for s, _ in parts],
                   values={"numbers": [n for _, n in parts], "expected": [order.index(s.key) + 1 for s, _ in parts]},
                   what="The template's parts are numbered off by one block", what_zh="法定部分整体错位编号",
                   detail=f"parts {want} are numbered {got}", detail_zh=f"第{want}部分编为{got}")


def _wrong_ordinal(f: Facts, s, n: int, expected: int):
    return finding("C07", f.report, section=s.key, page=s.page, keys=[s.key],
                   values={"number": n, "expected": expected, "heading": s.heading},
                   what=f"Part '{s.heading}' ({s.key})", what_zh=f"部分“{s.heading}”（{s.key}）",
                   detail=f"numbered {cn(n)}, the template's {cn(expected)}",
                   detail_zh=f"编号为{cn(n)}，模板中应为{cn(expected)}")
