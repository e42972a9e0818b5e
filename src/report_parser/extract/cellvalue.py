"""Cell values: exact decimal text, unit and sign from a printed table cell; null markers kept apart from 0."""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from .. import lazyre

# Printed instead of a number when nothing is reported. Stored as None with the raw text kept, never 0.
NULL_MARKERS = frozenset({"", "-", "--", "/", "//", "—", "——", "–", "－", "／", "无", "\\", "空", "-/-"})

# A sign may be printed as a word in the 本年增/减 column (增10, 减3); 批次 counts procurement batches (31批次).
# A unit may stand in brackets (16368(件)), and 万 alone is 万元 in an amount (211.509万).
_UNITS = r"万元|亿元|元|件|条|个|项|次|批次|万"
_NUMBER = lazyre.compile(rf"^([+-]|增加?|减少?)?(\d{{1,3}}(?:,\d{{3}})+|\d+)(\.\d+)?(?:({_UNITS})|\(({_UNITS})\))?$")


_WHITESPACE = lazyre.compile(r"\s+")


def _clean(raw: str) -> str:
    # NFKC folds full-width digits and signs; spaces inside a number are typesetting (`1 136`).
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", raw or ""))


def is_null(raw: str) -> bool:
    """True for a blank cell or a null marker (`-`, `/`, `—`, `无`)."""
    return _clean(raw) in NULL_MARKERS


def is_value(raw: str) -> bool:
    """True when a cell holds a number (with optional sign and unit) or a null marker."""
    return len(raw) <= 40 and _is_value(raw)  # long text is never a number; keeps the cache small


@lru_cache(maxsize=1 << 16)
def _is_value(raw: str) -> bool:
    s = _clean(raw)
    return s in NULL_MARKERS or bool(_NUMBER.match(s))


# What the 本年增/减 column prints instead of a number (增, 减, 持平, +(0) -(0)): a cell of the row, not text that
# ends the row's values. Read as no value (the raw text kept), never as 0.
_CHANGE_MARKER = lazyre.compile(r"^(?:增|减|增加|减少|持平|不变|无变化|无增减|未增未减|不增不减|无增无减|"
                                r"[+-]?\(?\d+\)?(?:[+-]\(?\d+\)?)+|[+-]\(\d+\))$")


def is_change_marker(raw: str) -> bool:
    """True for a printed change that is not a number (减, 持平, +(0) -(0))."""
    return len(raw) <= 20 and bool(_CHANGE_MARKER.match(_clean(raw)))


def parse(raw: str, unit: str | None = None) -> tuple[str | None, str | None, bool]:
    """(exact decimal text or None, unit, numeric-or-null?) for a printed cell; `unit` is the column's."""
    # Template tables repeat the same few cell texts (0, 1, 无, blanks): short ones are worked out once.
    return _parse(raw, unit) if len(raw or "") <= 40 else _parse.__wrapped__(raw, unit)


@lru_cache(maxsize=1 << 14)
def _parse(raw: str, unit: str | None) -> tuple[str | None, str | None, bool]:
    s = _clean(raw)
    if s in NULL_MARKERS:
        return None, unit, True
    m = _NUMBER.match(s)
    if not m:
        return None, unit, False
    sign, digits, frac, cell_unit, bracketed = m.groups()
    cell_unit = cell_unit or bracketed
    value = ("-" if sign and sign[0] in "-减" else "") + digits.replace(",", "") + (frac or "")
    money = "万元" if cell_unit == "万" else cell_unit if cell_unit in ("万元", "亿元", "元") else None
    return value, money or unit, True
