"""Resolve one value per core metric: printed table cells first, then the best prose figure."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from . import data
from .record import Figure, Report

# Kinds of figure that can never be the value of a stock metric.
_NOT_A_STOCK = {"change", "share"}


def resolve(report: Report) -> None:
    """Fill report.metrics and report.metric_sources; flag prose/table disagreements as issues."""
    cfg = data.load("metrics.yaml")
    cells = {c.key: c for c in report.cells}
    report.metrics, report.metric_sources = {}, {}
    for metric in cfg["core"]:
        prose = best_figure(report.figures, metric)
        cell_value, cell_keys = _from_cells(cells, cfg["cells"].get(metric) or [])
        if cell_value is None and metric in cfg.get("legacy_cells", {}):
            # No template cell: a pre2019 statistics table's cell of the same meaning.
            cell_value, cell_keys = _from_cells(cells, cfg["legacy_cells"][metric])
        if cell_value is not None:
            first = cells[cell_keys[0]]
            report.metrics[metric] = format(cell_value, "f")
            report.metric_sources[metric] = {"kind": "cell", "ref": "+".join(cell_keys), "page": first.page,
                                             "text": " / ".join(first.label) if first.label else first.raw}
            if prose is not None and _dec(report.figures[prose].value) != cell_value:
                f = report.figures[prose]
                report.add_issue(
                    "PROSE_TABLE_MISMATCH",
                    f"{metric}: the prose says {f.value} (page {f.page}: '{f.raw}') but the table says "
                    f"{report.metrics[metric]} ({'+'.join(cell_keys)}, page {first.page}); the table value is used",
                    first.page)
        elif prose is not None:
            _use_figure(report, metric, prose)
        else:
            report.metrics[metric] = None
    # Other metrics of the dictionary (active.executive_meetings …) are added when prose states them.
    for metric in dict.fromkeys(f.metric for f in report.figures if f.metric and f.metric not in report.metrics):
        prose = best_figure(report.figures, metric)
        if prose is not None:
            _use_figure(report, metric, prose)


def _use_figure(report: Report, metric: str, index: int) -> None:
    f = report.figures[index]
    report.metrics[metric] = f.value
    report.metric_sources[metric] = {"kind": "figure", "ref": index, "page": f.page, "text": f.text}


def _dec(value: str | None) -> Decimal | None:
    try:
        return Decimal(value) if value is not None else None
    except InvalidOperation:
        return None


def _from_cells(cells: dict, keys: list[str]) -> tuple[Decimal | None, list[str]]:
    """Sum of the printed cells behind a metric, or None when any of them is missing or blank."""
    if not keys:
        return None, keys
    values = [_dec(cells[k].value) if k in cells and not cells[k].derived else None for k in keys]
    if any(v is None for v in values):
        return None, keys
    return sum(values, Decimal(0)), keys


def best_figure(figures: list[Figure], metric: str) -> int | None:
    """Index of the prose figure that states a metric, or None when there is none or it is ambiguous.

    Rules, in order: only exact figures of the metric (no 余/多/约, no 万-rounded counts, no changes or
    shares); a part of a total of the same metric never competes with that total; stated annual values
    beat channel counts and other parts; if the survivors disagree (制发解读材料904条，多元化解读204次)
    the metric is left unresolved rather than guessed.
    """
    rules = data.load("metrics.yaml")["rules"]
    # A stock-to-date (累计) figure only ever answers a cumulative metric.
    excluded = _NOT_A_STOCK | ({"cumulative"} if metric not in {r.get("cumulative") for r in rules} else set())
    cands = [i for i, f in enumerate(figures)
             if f.metric == metric and f.value is not None and f.kind not in excluded
             and not f.qualifier and not (f.scale and f.unit != "元")
             and not (f.parent is not None and figures[f.parent].metric == metric)]
    # A bare number after a metric phrase (解读204, unit lost or cut off) is evidence, not a value:
    # it cannot be chosen, but a different value from it makes the metric ambiguous.
    unitless_ok = {r["metric"] for r in rules if r.get("unitless")}
    weak = {i for i in cands if figures[i].unit is None and not figures[i].negation and metric not in unitless_ok}
    cands = [i for i in cands if i not in weak]
    if not cands:
        return None
    stated = [i for i in cands if figures[i].kind != "breakdown"]
    tier = stated or cands
    values = {_dec(figures[i].value) for i in tier}
    choice = None
    if len(values) == 1:
        choice = tier[0]
    if choice is not None and any(_dec(figures[i].value) != _dec(figures[choice].value) for i in weak):
        return None
    return choice
