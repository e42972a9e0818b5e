"""Re-join hard-wrapped plain text: paragraphs broken at a fixed width back into one block each."""
from __future__ import annotations

import unicodedata
from collections import Counter

from ..lazyre import lazy
from .normalize import is_tab_row

# Text copied out of a PDF viewer, a fixed-width mail archive or `fold`/`textwrap` breaks every paragraph at the
# same width. Read one line per block, a sentence cut at the break loses its number (`共主动公开信息\n1469条`)
# and a title loses half its name (`泡\n子沿街道`). Such a text is recognised by its widths: many long lines
# end at (nearly) the same width, which paragraphs written one per line never do.
MIN_LONG = 16  # shorter lines are headings, labels and signatures, whatever the layout
MIN_FULL = 4  # full-width lines a wrapped text must show before any join is made
FULL_SHARE = 0.3  # and the share of its long lines that they must make
# No wrapper breaks Chinese prose narrower than this (in characters; twice as many display columns). Below it,
# a run of same-length lines is a list of headings or labels, not a wrapped paragraph.
MIN_WIDTH = 24
# In a wrapped text hardly a line runs past the width (a URL, an unbreakable number); paragraphs written one per
# line mostly do. This share of longer lines rules wrapping out (one such line is always allowed: a short excerpt
# holding one table note whose single bar kept it whole, "(本列数据的勾稽关系为:…) |", is still wrapped text).
MAX_OVER_SHARE = 0.05
# An indented line opens a paragraph: a wrapper strips the spaces of the lines it breaks, so continuation lines
# are never indented. A full-width line ending in 。 still runs on otherwise: a paragraph ends exactly at the
# width far more rarely than a sentence does.
_INDENTED = lazy(r"^(?:\u3000| {2,}|\t)")
# A line that opens a part, a numbered point or a list item starts a block of its own.
_OPENS_BLOCK = lazy(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十]+[部章节条]|"
                          r"\d{1,2}[、.．](?!\d)|[①-⑳])")
# Table rows flattened with spaces (`行政许可 3 0 1`) are not prose: never joined to their neighbours.
_NUMBER_RUN = lazy(r"(?:^|\s)[\d.,/-]+(?=\s|$)")
_PIPES = lazy(r"[|｜].*[|｜]")
# A breadcrumb (首页 > 政务公开 > 年度报告 > 2019年度) is a page's navigation, never a paragraph cut at the width,
# even when it happens to be as long as the wrapped lines: the title under it stays a line of its own.
_CRUMB = lazy(r"\S\s*[>›»]\s*\S.*[>›»]")
# So is a page's info bar, two labelled fields or more set apart by spaces (发布时间:2024-01-20 09:00 信息来源:X局):
# prose cut at the width has no space before a label.
_FIELDS = lazy(r"(?:^|\s)[\u4e00-\u9fff]{2,6}[:：].*\s[\u4e00-\u9fff]{2,6}[:：]")
# A numbered heading that ends as titles end (四、…提起行政诉讼情况) is whole even when it happens to fill the width: the
# sentence under it opens a block of its own.
_TITLE_END = lazy(r"(?:情况|概述|概况|事项|措施|说明)[ \t\u3000]*$")
_STOPS = lazy(r"[。,，;；:：]")  # (a run-in item, "2、依申请公开情况。2021年…申请事项", is no title line)
# So is one field whose value is a code, a date or a number (- 信息索取号:000014349/2020-806659), however long: prose
# cut at the width has words after its colon.
_CODE_FIELD = lazy(r"^\s*(?:[-•·*]\s*)?[\u4e00-\u9fff]{2,8}[:：]\s*[\x21-\x7e]+\s*$")


def _display(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


# A table row's numbers follow its label; a sentence's clause ends before them (截止 2025 12 31 日,主动公开政府信息 197:
# a date that lost its 年 and 月 is no row of numbers).
_CLAUSE_END = lazy(r".*[,，。;；:：]")


def _tableish(line: str) -> bool:
    if is_tab_row(line) or _PIPES.search(line):
        return True
    if len(_NUMBER_RUN.findall(line)) < 3:
        return False
    clause = _CLAUSE_END.match(line)
    return len(_NUMBER_RUN.findall(line, clause.end() if clause else 0)) >= 3


def wrap_width(lines: list[str]) -> tuple[str, int] | None:
    """The measure ("chars" or "columns") and width a hard-wrapped text was broken at, or None."""
    best: tuple[int, str, int] | None = None
    for name, measure in (("chars", len), ("columns", _display)):
        # Widths count a paragraph's indent, as the wrapper did; a title repeated on the page counts once.
        prose = {s.rstrip() for s in lines if len(s.strip()) >= MIN_LONG and not _tableish(s)}
        widths = [measure(s) for s in prose]
        if not widths:
            continue
        counts = Counter(widths)
        # A wrapper leaves the last word short of the width by a character when a wide glyph or a kept-together
        # punctuation mark does not fit: the width is the top of a narrow band, not one value.
        unit = 1 if name == "chars" else 2  # one character, in the measure's units
        width, support = max(((w, sum(counts[v] for v in range(w - 2 * unit, w + 1))) for w in counts),
                             key=lambda t: (t[1], t[0]))
        over = sum(1 for w in widths if w > width + unit)
        if width >= MIN_WIDTH * unit and support >= MIN_FULL \
                and support >= FULL_SHARE * len(widths) and over <= max(1, MAX_OVER_SHARE * len(widths)) \
                and (best is None or support > best[0]):
            best = (support, name, width)
    return (best[1], best[2]) if best else _proportional_width(lines)


# Text copied out of a PDF set in a proportional face breaks at one printed width, but its digits and Latin letters
# are narrower than half a Chinese character: the lines' display widths spread over a band (83, 81, 89, 86 …) that
# the exact measures above never see. A band this wide is read as a margin only where most lines in it stop
# mid-sentence, which paragraphs written one per line never do.
LOOSE_BAND = 0.12  # the band's depth below its top, as a share of the width
LOOSE_MID_SENTENCE = 0.7  # the share of lines in the band that must stop mid-sentence
_SENTENCE_END = lazy(r"[。！？!?；;：:.”\"」）)]\s*$")


def ends_sentence(line: str) -> bool:
    """Whether a line ends as a sentence or a clause does (。；：！？, a closing bracket or quote)."""
    return _SENTENCE_END.search(line) is not None


def _proportional_width(lines: list[str]) -> tuple[str, int] | None:
    """("loose", width) when long lines stop mid-sentence at one printed width (display columns within a band)."""
    prose = {s.rstrip() for s in lines if len(s.strip()) >= MIN_LONG and not _tableish(s)}
    widths = Counter(_display(s) for s in prose)
    total = sum(widths.values())
    if not total:
        return None
    width, support = max(((w, sum(c for v, c in widths.items() if w - _loose_depth(w) <= v <= w + 2))
                          for w in widths), key=lambda t: (t[1], t[0]))
    band = [s for s in prose if width - _loose_depth(width) <= _display(s) <= width + 2]
    over = sum(c for v, c in widths.items() if v > width + 2)
    mid = sum(1 for s in band if not ends_sentence(s))
    if width >= MIN_WIDTH * 2 and support >= MIN_FULL and support >= FULL_SHARE * total \
            and over <= max(1, MAX_OVER_SHARE * total) and mid >= LOOSE_MID_SENTENCE * len(band):
        return ("loose", width)
    return None


def _loose_depth(width: int) -> int:
    return max(4, round(LOOSE_BAND * width))


def _full(line: str, found: tuple[str, int]) -> bool:
    if found[0] == "loose":
        # (a line that ends its sentence inside the loose band most often ends its paragraph there too)
        return found[1] - _loose_depth(found[1]) <= _display(line) <= found[1] + 2 and not ends_sentence(line)
    unit = 1 if found[0] == "chars" else 2
    width = len(line) if found[0] == "chars" else _display(line)
    # A kept-together closing mark may hang one character past the width.
    return found[1] - 2 * unit <= width <= found[1] + unit


def group_wrapped(lines: list[str]) -> list[list[int]]:
    """Indexes of `lines` grouped into paragraphs: a full-width line runs on into the next line."""
    found = wrap_width(lines)
    groups: list[list[int]] = []
    run_on = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            run_on = False
            continue
        if run_on and (not _OPENS_BLOCK.match(stripped) or _inline_item(lines[i - 1], stripped)) \
                and not _INDENTED.match(line) and not _tableish(line):
            groups[-1].append(i)
        else:
            groups.append([i])
        run_on = found is not None and _full(line.rstrip(), found) and not _tableish(line) \
            and not _CRUMB.search(line) and not _FIELDS.search(line) and not _CODE_FIELD.match(line) \
            and not (_OPENS_BLOCK.match(stripped) and _TITLE_END.search(stripped) and not _STOPS.search(stripped))
    return groups


_ITEM = lazy(r"\s*(\d{1,2})[、.．](?!\d)")


def _inline_item(prev: str, line: str) -> bool:
    """Whether a numbered item opening a line goes on a list the full line before runs inline ("其中:1.政策文件1条;
    2.工作动态12条;" / "3.公告公示5条"): the wrapper cut before the item, it opens no paragraph."""
    m = _ITEM.match(line)
    n = int(m.group(1)) if m else 0
    return n > 1 and bool(lazy(rf"(?<!\d){n - 1}[、.．](?!\d)").search(prev.strip(), 1))


def join_wrapped(parts: list[str]) -> str:
    """One paragraph from its wrapped lines, glued where the wrapper cut."""
    out = parts[0].rstrip()
    for prev, part in zip(parts, parts[1:]):
        # A fixed-width wrapper cuts inside names, numbers and addresses (`http://www.exa|mple.gov.cn`) and keeps
        # every space, at the cut as elsewhere: a space is put back only where the lines show one between two
        # Latin words or numbers.
        spaced = prev[-1:].isspace() or part[:1].isspace()
        part = part.strip()
        out += " " + part if spaced and out[-1:].isascii() and part[:1].isascii() else part
    return out


def cut_at_one_width(lines: list[str]) -> bool:
    """Whether the lines of one paragraph were cut at one width: at least two full lines, as long as each other (in
    characters or in display columns) within a character, of prose length, and the last no longer."""
    if len(lines) < 3:
        return False
    for measure, unit in ((len, 1), (_display, 2)):
        widths = [measure(ln.rstrip()) for ln in lines]
        full = widths[:-1]
        if min(full) >= MIN_LONG * unit and max(full) - min(full) <= 2 * unit and widths[-1] <= max(full) + unit:
            return True
    return False
