"""Number forms for prose and cells: Arabic, Chinese numerals, full-width digits, separators, 万."""
from __future__ import annotations

import random
from decimal import Decimal

DIGITS = "零一二三四五六七八九"
FULLWIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


def dec_str(v: Decimal | int) -> str:
    """An exact decimal as plain text: no exponent, no trailing zeros after the point."""
    d = Decimal(v)
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def cn_numeral(n: int) -> str:
    """Chinese numeral for 0–9999 as written in prose (十一, 二十, 一百零五)."""
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    out, zero = "", False
    for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        d = n // size % 10
        if d:
            if zero and out:
                out += "零"
            out += DIGITS[d] + unit
            zero = False
        elif out:
            zero = True
    return out


def heading_cn(n: int) -> str:
    """Heading numeral (一 … 十二)."""
    return cn_numeral(n)


def prose_number(r: random.Random, v: Decimal | int, unit: str) -> tuple[str, str | None]:
    """The number as prose prints it (with unit) and the scale word used, drawn from real forms."""
    d = Decimal(v)
    is_int = d == d.to_integral_value()
    x = r.random()
    if is_int and 0 < d <= 20 and x < 0.08 and unit in ("件", "次", "篇", "条"):
        # 两 before a measure word is the everyday form of 2 (两次, 两件); 二 also occurs.
        return ("两" if d == 2 and x < 0.05 else cn_numeral(int(d))) + unit, None
    if is_int and d >= 10000 and d % 100 == 0 and x < 0.3:
        return dec_str(d / 10000) + "万" + unit, "万"
    if is_int and d >= 1000 and x < 0.2:
        return f"{int(d):,}" + unit, None
    if x > 0.95:
        return dec_str(d).translate(FULLWIDTH) + unit, None
    if x > 0.9:
        return f" {dec_str(d)} {unit}", None  # WPS/PDF exports often space digits from CJK
    return dec_str(d) + unit, None
