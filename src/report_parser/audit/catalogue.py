"""The numbered rule catalogue (data/audit_rules.yaml) and the Finding every rule emits."""
from __future__ import annotations

from dataclasses import asdict, field
from decimal import Decimal, InvalidOperation
from typing import Any

from ..classcache import dataclass
from .. import data

FAIL, NOT_ASSESSABLE = "fail", "not_assessable"
SEVERITIES = ("error", "warning", "info")


@dataclass
class Finding:
    """One rule outcome worth reporting: a failure, or a check that could not be made."""

    rule_id: str
    severity: str
    status: str  # fail | not_assessable
    message_zh: str
    message_en: str
    report: str | None = None  # sha256 of the report the finding is about (None for coverage gaps)
    org: str | None = None
    year: int | None = None
    section: str | None = None
    page: int | None = None
    keys: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The finding as a JSON-ready dict."""
        return asdict(self)


def catalogue() -> dict[str, Any]:
    """The whole catalogue (rules, labels, org-key settings)."""
    return data.load("audit_rules.yaml")


def rule(rule_id: str) -> dict[str, Any]:
    """One rule's entry."""
    return catalogue()["rules"][rule_id]


def params(rule_id: str) -> dict[str, Any]:
    """One rule's parameters."""
    return rule(rule_id).get("params", {})


def label_zh(key: str) -> str:
    """The Chinese label of a row, column or group key, or the key itself."""
    return catalogue().get("labels_zh", {}).get(key, key)


def finding(rule_id: str, report, status: str = FAIL, *, section: str | None = None, page: int | None = None,
            keys: list[str] | None = None, values: dict[str, Any] | None = None, **fmt: Any) -> Finding:
    """Build a Finding of a rule about a report, filling the message templates from fmt."""
    r = rule(rule_id)
    fields = {**(values or {}), **fmt}
    if status == NOT_ASSESSABLE:
        why = fmt.get("reason", "data missing")
        zh = f"无法检查（{fmt.get('reason_zh', why)}）：{r['title_zh']}"
        en = f"Not assessable ({why}): {r['title_en']}"
    else:
        zh, en = r["zh"].format_map(_Blank(fields)), r["en"].format_map(_Blank(fields))
    source = getattr(report, "source", None) or {}
    return Finding(rule_id, r["severity"], status, zh, en, report=source.get("sha256"),
                   org=getattr(report, "org", None), year=getattr(report, "year", None), section=section,
                   page=page, keys=list(keys or []), values={k: _plain(v) for k, v in (values or {}).items()})


class _Blank(dict):
    """format_map helper: a field a rule did not fill reads as '?' rather than raising."""

    def __missing__(self, key):
        return "?"


def _plain(v: Any) -> Any:
    return str(v) if isinstance(v, Decimal) else v


def num(value: str | None) -> Decimal | None:
    """An exact cell/figure value as Decimal; None for blank or non-numeric text."""
    if value is None:
        return None
    try:
        d = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def show(d: Decimal | None) -> str:
    """A Decimal as printed in messages (no exponent, no trailing .0)."""
    if d is None:
        return "空"
    s = format(d, "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


# Qualifiers that make a stated number a lower bound (180余条 = 180 and some), an upper bound (近百)
# or an approximation (约).
_LOWER = {"余", "多", "超", "逾", "超过", "以上"}
_UPPER = {"近", "将近", "接近"}


def bounds(value: Decimal, qualifier: str | None) -> tuple[Decimal, Decimal]:
    """The range a stated figure allows: exact; 1230多 → [1230, 1240]; 近100 → [90, 100]; 约100 → [90, 110]."""
    if not qualifier:
        return value, value
    if qualifier in _UPPER:
        return value * Decimal("0.9"), value
    if qualifier not in _LOWER:
        return value * Decimal("0.9"), value * Decimal("1.1")
    # The idiom rounds at the last non-zero digit: 1230多 is 1230–1239, 1000余 is 1000–1999, 20余 is 20–29.
    # The trailing zeros are the exponent of the normalised value; read them there rather than by
    # dividing, which overflows the decimal context on absurd values (1e400).
    exp = value.normalize().as_tuple().exponent if value.is_finite() else 0
    step = Decimal(1).scaleb(exp) if isinstance(exp, int) and exp > 0 and value else Decimal(1)
    return value, value + step
