"""Text normalisation shared by all readers: NFKC, justified-space removal, CJK line joins, t2s."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from .. import lazyre
from ..lazyre import lazy

# CJK ideographs (incl. extension A and compatibility ideographs before NFKC) and CJK punctuation.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "\u3001-\u303f\u2018-\u201f\u2026\u00b7\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
# ASCII punctuation that NFKC produces from full-width forms (，：；（）！？) and that hugs CJK text.
_ASCII_PUNCT = r",.:;()!?\[\]%"
_SPACE = "[ \t\u00a0\u2002-\u200b\u3000]+"

# Spaces next to full-width punctuation, or between two CJK characters, carry no meaning: justified
# PDF lines and some web pages put them between every character (`号 ， 邮 编 ： 223100 ，`). They are
# removed BEFORE NFKC, while `，` can still be told from an ASCII comma in Latin text.
_SP_CJK_CJK = lazyre.compile(f"(?<=[{_CJK}]){_SPACE}(?=[{_CJK}])")
_SP_AROUND_FW = lazyre.compile(f"{_SPACE}(?=[{_CJK_PUNCT}])|(?<=[{_CJK_PUNCT}]){_SPACE}")
# After NFKC: half-width punctuation that hugs CJK (pages stored with `,` `(` `:` next to hanzi).
_SP_CJK_ASCII_PUNCT = lazyre.compile(f"(?<=[{_CJK}]){_SPACE}(?=[{_ASCII_PUNCT}])|(?<=[,:;(]){_SPACE}(?=[{_CJK}])")
_SP_MULTI = lazyre.compile("[ \t\u00a0\u2002-\u200b\u3000]{2,}")
_ZERO_WIDTH = lazyre.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")


# NFKC turns circled numbers (①, ㉑) and superscripts into bare digits, which would glue a list marker
# to the number after it (`①3个` → `13个`) and `10²` into `102`. They are kept as printed: mapped to
# private-use code points around NFKC and back.
_KEEP = [chr(c) for c in (*range(0x2460, 0x2474), *range(0x3251, 0x3260), *range(0x32B1, 0x32C0),
                          0x00B2, 0x00B3, 0x00B9, *range(0x2070, 0x207A))]
_PROTECT = {ord(c): 0xF0000 + i for i, c in enumerate(_KEEP)}
_RESTORE = {0xF0000 + i: c for i, c in enumerate(_KEEP)}
# A text holding none of them (nor a private code point the restoring would turn into one) needs no round trip:
# NFKC alone gives the same text. Nearly every paragraph of Chinese prose needs NFKC (full-width ，：（）), and the
# two `translate` calls over it cost about as much as NFKC itself (~1.8 ms for a 16,000-character report).
_KEPT_OR_PRIVATE = lazyre.compile("[" + "".join(map(re.escape, _KEEP)) + "\U000f0000-\U000f00ff]")


# Characters the substitutions below act on; most cells and many paragraphs hold none of them, and a text
# that NFKC leaves as it is needs no protection round trip (see normalize's fast paths).
_SPACE_OR_ZW = lazyre.compile("[ \t\u00a0\u2002-\u200d\u2060\u3000\ufeff\u00ad]")
_PRIVATE_KEPT = lazyre.compile("[\U000f0000-\U000f00ff]")


def normalize(text: str) -> str:
    """NFKC, drop zero-width characters, remove spaces between CJK characters and punctuation."""
    if not text:
        return ""
    return _normalize(text)


# A line with two or more tabs is a table row copied from a web page or a spreadsheet when it holds three
# filled cells, a value after its first cell, or a label and blank cells at its end (`行政许可\t\t`): each tab
# ends a cell, and an empty cell between two tabs is a printed blank. Such a line is normalised cell by
# cell, so the tabs survive (the rules below would glue them between CJK text or fold `\t\t` into one
# space). Other tabbed lines are Word layout (`一、\t\t概述`, an indented signature) and are glued as before.
_TAB_VALUE = lazyre.compile(r"^[+\-－]?\d[\d,，.．]*$|^[/／\-－—–无]{1,2}$")


def is_tab_row(line: str) -> bool:
    """Whether a line is a tab-separated table row (see above)."""
    if line.count("\t") < 2:
        return False
    cells = [c.strip() for c in line.split("\t")]
    filled = [c for c in cells if c]
    return (len(filled) >= 3 or any(_TAB_VALUE.match(c) for c in cells[1:] if c)
            or (bool(cells[0]) and not cells[-1]))


# Table labels and values repeat across the cells of a document and across the documents of one template.
@lru_cache(maxsize=4096)
def _normalize(text: str) -> str:
    if "\t" in text and "\n" not in text and is_tab_row(text):
        return "\t".join(_normalize(cell) for cell in text.split("\t")).strip(" \u3000")
    if text.isascii():
        # No CJK, full-width or zero-width character and NFKC is the identity: only runs of spaces remain.
        return _SP_MULTI.sub(" ", text).strip() if "  " in text or "\t" in text else text.strip()
    t = text
    if _SPACE_OR_ZW.search(t):
        t = _ZERO_WIDTH.sub("", t)
        t = _SP_AROUND_FW.sub("", t)
    if not unicodedata.is_normalized("NFKC", t) or _PRIVATE_KEPT.search(t):
        t = unicodedata.normalize("NFKC", t.translate(_PROTECT)).translate(_RESTORE) if _KEPT_OR_PRIVATE.search(t) \
            else _nfkc(t)
    if _SPACE_OR_ZW.search(t):
        t = _SP_CJK_CJK.sub("", t)
        t = _SP_CJK_ASCII_PUNCT.sub("", t)
        # Latin words and number columns (`21 0 0 0`) keep their single spaces; runs collapse to one.
        t = _SP_MULTI.sub(" ", t)
    return t.strip()


# Full-width ASCII forms (，：（）１２…) and the ideographic space are what keeps most Chinese prose from being NFKC
# already, and NFKC maps each to one ASCII character (its whole compatibility decomposition).
_WIDE = str.maketrans({c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20})


def _nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), by a table lookup where that gives it."""
    # Mapping those characters leaves a text with the same compatibility decomposition (ASCII and the full-width
    # forms are all of combining class 0), so when the mapped text is normalised it is NFKC's result; otherwise
    # (half-width katakana, compatibility ideographs, ligatures, a letter before a combining mark…) NFKC is run.
    # The lookup costs about half of NFKC on a paragraph of Chinese prose.
    mapped = text.translate(_WIDE)
    return mapped if unicodedata.is_normalized("NFKC", mapped) else unicodedata.normalize("NFKC", text)


# Line joining serves PDF and other layout text, not every input: these compile on first use (~8 ms).
_ENDS_CJK = lazy(f"[{_CJK}{_CJK_PUNCT}{_ASCII_PUNCT}]$")
_STARTS_CJK = lazy(f"^[{_CJK}{_CJK_PUNCT}{_ASCII_PUNCT}]")
# A number that runs into CJK text just before the break (`处理费19` / `00元`).
_ENDS_CJK_NUMBER = lazy(f"[{_CJK}{_CJK_PUNCT}][0-9０-９]+$")
_STARTS_DIGIT = lazy("^[0-9０-９]")


def join_lines(lines: list[str]) -> str:
    """Join lines broken by layout: no space at a CJK boundary, one space between Latin words."""
    out = ""
    for line in lines:
        # A tab row keeps its leading and trailing tabs: they delimit blank first and last cells.
        line = line.strip(" \r\n\u3000\u00a0") if is_tab_row(line) else line.strip()
        if not line.strip():
            continue
        if not out:
            out = line
        elif _ENDS_CJK.search(out) or _STARTS_CJK.match(line):
            out += line
        elif _STARTS_DIGIT.match(line) and _ENDS_CJK_NUMBER.search(out):
            # Layout broke a number written straight after CJK text; a space would split it into two
            # figures. Digits after a space or a Latin word (number columns, `page 3`) keep the space.
            out += line
        elif out.endswith("-") and out[-2:-1].isalpha():
            out = out[:-1] + line  # a hyphenated Latin word broken across lines
        else:
            out += " " + line
    return out


@lru_cache(maxsize=1)
def _traditional_only() -> frozenset[str]:
    """Characters that OpenCC t2s changes: present in traditional text, absent from simplified."""
    # Read OpenCC's own character table (keys whose simplified form differs) rather than building the
    # converter: detection runs on every document, conversion only on the rare traditional ones. Reading the
    # table cost ~10 ms of every fresh process, so its result is kept in the data cache like the YAML files
    # (keyed by the table file's size and time); finding the file through the import system, not
    # importlib.resources, spares another ~4 ms of imports.
    from .. import data

    table = _t2s_table()
    chars = data.load_file(table, data.cache_dir(), _changed_by_t2s, kind="t2s-changed") if table else ""
    if chars:
        return frozenset(chars)
    conv = _converter()  # another OpenCC packaging: probe the basic CJK block one character at a time
    return frozenset(c for c in map(chr, range(0x4E00, 0x9FA6)) if conv.convert(c) != c)


@lru_cache(maxsize=1)
def _t2s_table() -> Path | None:
    """OpenCC's TSCharacters.txt, or None when the installed packaging has no such file."""
    from importlib.util import find_spec

    try:
        spec = find_spec("opencc")
    except (ImportError, ValueError):
        spec = None
    return next((Path(d, "dictionary", "TSCharacters.txt") for d in (spec and spec.submodule_search_locations) or ()
                 if Path(d, "dictionary", "TSCharacters.txt").is_file()), None)


@lru_cache(maxsize=1)
def _traditional_cjk() -> re.Pattern[str] | None:
    """One CJK character of _traditional_only(): what is_traditional counts (None when there are none)."""
    # Counting them in C (the pattern's sub) instead of a set intersection over every character of the sample:
    # ~0.45 → ~0.05 ms on a long report. The class is kept in the data cache and its program in lazyre's, so a
    # fresh process neither sorts 4,000 characters nor compiles the class.
    from .. import data

    table = _t2s_table()
    body = data.load_file(table, data.cache_dir(), lambda t: _cjk_class(_changed_by_t2s(t)), kind="t2s-cjk-class") \
        if table else ""
    if not body:
        body = _cjk_class(_traditional_only())
    return lazyre.compile(f"[{body}]") if body else None


def _cjk_class(chars) -> str:
    """The CJK characters among chars, sorted, as a character-class body (CJK characters need no escaping)."""
    return "".join(sorted(c for c in set(chars) if _CJK_RE.match(c)))


def _changed_by_t2s(table: str) -> str:
    """The single characters OpenCC's TSCharacters table maps to something else, as one string."""
    chars = []
    for line in table.splitlines():
        key, _, targets = line.partition("\t")
        if len(key) == 1 and targets and key not in targets.split():
            chars.append(key)
    return "".join(chars)


@lru_cache(maxsize=1)
def _converter():
    from opencc import OpenCC  # opencc-python-reimplemented: pure Python, no native library

    return OpenCC("t2s")


# Share of CJK characters that must be traditional-only before a text counts as traditional. A few
# such characters occur in simplified reports too (names, 乾/干 ambiguities), hence the threshold.
TRADITIONAL_RATIO = 0.05
_CJK_RE = lazyre.compile(f"[{_CJK}]")
_CJK_RUN = lazyre.compile(f"[{_CJK}]+")


def traditional_ratio(text: str) -> float:
    """Share of the CJK characters in text that only occur in traditional script."""
    cjk = _CJK_RE.findall(text)
    if not cjk:
        return 0.0
    trad = _traditional_only()
    return sum(1 for c in cjk if c in trad) / len(cjk)


def is_traditional(text: str) -> bool:
    """True when text is written in traditional characters (by the share of traditional-only ones)."""
    sample = text[:20000]  # the ratio is stable long before the end of a report
    # Counted without a list of every CJK character (~1.3 ms on a long report): the CJK characters are what
    # removing their runs takes away, the traditional-only ones each distinct one's count.
    pattern = _traditional_cjk()
    hits = len(sample) - len(pattern.sub("", sample)) if pattern is not None else 0
    if not hits:
        return False  # (nearly every report: no need to count its CJK characters)
    n = len(sample) - len(_CJK_RUN.sub("", sample))
    if n < 10:
        return False
    return hits / n >= TRADITIONAL_RATIO


def to_simplified(text: str) -> str:
    """Convert traditional to simplified characters with OpenCC t2s, and Taiwan terms to the mainland's."""
    out = _converter().convert(text)
    for tw, cn in _taiwan_terms():
        out = out.replace(tw, cn)
    return out


@lru_cache(maxsize=1)
def _taiwan_terms() -> tuple[tuple[str, str], ...]:
    """(Taiwan word, mainland word) pairs of the same length, from data/script.yaml."""
    from .. import data

    return tuple((tw, cn) for tw, cn in data.load("script.yaml")["taiwan_terms"].items() if len(tw) == len(cn))


def normalize_all(texts: list[str]) -> tuple[list[str], bool]:
    """Normalise many texts of one document; convert t2s when the document reads as traditional."""
    traditional = is_traditional("".join(texts[:400]))
    out = [normalize(to_simplified(t) if traditional else t) for t in texts]
    return out, traditional


def normalise_blocks(doc, blocks: list) -> None:
    """Normalise a reader's blocks in place (lines and cell lines re-joined) and set doc.blocks.

    Each block's text holds the reader's pre-normalisation text, lines separated by "\\n". The t2s
    decision is taken once for the whole document, so a few traditional-looking names cannot flip it.
    """
    from ..model import TABLE

    texts: list[str] = []
    for b in blocks:
        if b.kind == TABLE:
            texts.extend(join_lines(c.split("\n")) for row in b.rows for c in row)
        else:
            texts.append(join_lines(b.text.split("\n")))
    norm, traditional = normalize_all(texts)
    it = iter(norm)
    for b in blocks:
        if b.kind == TABLE:
            b.rows = [[next(it) for _ in row] for row in b.rows]
        else:
            b.text = next(it)
        b.prov.traditional = traditional
    if traditional:
        doc.meta["converted"] = "t2s"
    doc.blocks = blocks
