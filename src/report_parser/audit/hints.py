"""Hints attached to findings: a likely reading error to look at, never a repair (values stay as read)."""
from __future__ import annotations

from decimal import Decimal

from .catalogue import catalogue, show


def split_digit(keys: list[str], parts: list[Decimal], total: Decimal) -> dict | None:
    """When merging two adjacent single-digit parts into one number (1 | 2 → 12) makes them add up to total."""
    cfg = catalogue()["hints"]["split_digit"]
    s = sum(parts, Decimal(0))
    for i in range(len(parts) - 1):
        a, b = parts[i], parts[i + 1]
        if not (_digit(a, 1) and _digit(b, 0)):
            continue
        merged = a * 10 + b
        if s - a - b + merged == total:
            # A digit run printed across a cell border (or glued and split wrongly) reads as two small numbers.
            fields = {"a": show(a), "b": show(b), "merged": show(merged), "first": keys[i], "second": keys[i + 1]}
            return {"kind": "split_digit", "keys": [keys[i], keys[i + 1]], "merged": show(merged),
                    "zh": cfg["zh"].format(**fields), "en": cfg["en"].format(**fields)}
    return None


def _digit(v: Decimal, low: int) -> bool:
    return v == v.to_integral_value() and low <= v <= 9
