"""Prose vs table: the same quantity stated in the text and printed in the table with other values."""
from __future__ import annotations

from decimal import Decimal

from .catalogue import NOT_ASSESSABLE, bounds, finding, num, params, show
from .facts import Facts

RULES = ("P01", "P02", "P03", "P04")


def check(f: Facts) -> list:
    """All prose-vs-table findings of one report."""
    out = []
    for rule_id in RULES:
        out += compare(f, rule_id)
    return out


def _prose_figures(f: Facts, metrics: list[str]) -> list[tuple[int, object]]:
    # Only a stated annual total compares with the table: a breakdown item, a cumulative count or a
    # change (较去年增加N件) is a different quantity.
    return [(i, x) for i, x in enumerate(f.report.figures)
            if x.metric in metrics and x.kind == "annual" and x.parent is None and num(x.value) is not None]


def compare(f: Facts, rule_id: str) -> list:
    """One prose-vs-table rule: pass when any stated figure equals the table value."""
    p = params(rule_id)
    figs = _prose_figures(f, p["metrics"])
    cells = p["cells"]
    table = cells[0].split(".")[0]
    if not f.table_present(table) and p.get("legacy_cells") and f.table_present("legacy"):
        # No template table: a pre2019 statistics table printing the same quantity is compared instead.
        cells, table = p["legacy_cells"], "legacy"
    if not figs or not f.table_present(table):
        return []
    keys = [f"figure[{i}]:{x.metric}" for i, x in figs] + cells
    if f.degraded(table) or any(f.value(k) is None for k in cells):
        return [finding(rule_id, f.report, NOT_ASSESSABLE, section=figs[0][1].section, page=figs[0][1].page,
                        keys=keys, reason=f"table value {'+'.join(cells)} not readable", reason_zh="表格数值无法读取")]
    table_value = sum((f.value(k) for k in cells), Decimal(0))
    if any(_agrees(x, table_value) for _, x in figs):
        return []
    i, x = figs[0]
    values = {f"figure[{i}]:{x.metric}": x.value, **{k: f.value(k) for k in cells}}
    return [finding(rule_id, f.report, section=x.section, page=x.page, keys=keys, values=values,
                    prose=x.raw, table=show(table_value))]


def _agrees(x, table_value: Decimal) -> bool:
    lo, hi = bounds(num(x.value), x.qualifier)  # 180余件 agrees with 180–190
    return lo <= table_value <= hi
