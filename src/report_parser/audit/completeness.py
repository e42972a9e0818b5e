"""Completeness rules: required parts present, in order, not empty; template tables and their rows."""
from __future__ import annotations

from .catalogue import NOT_ASSESSABLE, finding, params
from .facts import Facts

# pre2019 reports often put the fee statement (未收取任何费用) inside another part; a fees figure
# anywhere shows the statutory content is there even without its own heading.
_FEE_SECTIONS = {"fees", "expenditure"}
_FIRST_TEMPLATE_YEAR = 2019
_HOST = {"s2": "active", "s3": "requests", "s4": "review_litigation"}


def check(f: Facts) -> list:
    """All completeness findings of one report."""
    return [*required_parts(f), *part_order(f), *empty_parts(f), *template_tables(f)]


def required_parts(f: Facts) -> list:
    """C01: each part the era requires is present."""
    r = f.report
    required = params("C01")["required"].get(r.era or "")
    if required is None:
        return []
    present = {s.key for s in r.sections}
    if not present - {"preamble", "appendix"}:
        # Not one part found: a segmentation failure is likelier than a report without any part.
        return [finding("C01", r, NOT_ASSESSABLE, reason="no parts were segmented", reason_zh="未识别出任何部分")]
    if present & _FEE_SECTIONS or any((x.metric or "").startswith("fees.") for x in r.figures):
        present.add("fees")
    names = params("C01")["names_zh"]
    return [finding("C01", r, section=key, keys=[key], values={"part": key}, era=r.era, part_zh=names.get(key, key))
            for key in required if key not in present]


def part_order(f: Facts) -> list:
    """C02: parts appear in the order the fixed-format eras prescribe."""
    r = f.report
    order = params("C02")["order"].get(r.era or "")
    if not order:
        return []
    rank = {k: i for i, k in enumerate(order)}
    found: list[str] = []
    for s in sorted(r.sections, key=lambda s: s.start):
        if s.key in rank and s.key not in found and s.level <= 1:
            found.append(s.key)
    expected = sorted(found, key=rank.__getitem__)
    if found == expected:
        return []
    first = next(s for s in r.sections if s.key == next(a for a, b in zip(found, expected) if a != b))
    return [finding("C02", r, section=first.key, page=first.page, keys=found,
                    values={"found": found, "expected": expected}, era=r.era,
                    found=" ".join(found), expected=" ".join(expected))]


def empty_parts(f: Facts) -> list:
    """C03: no part is empty (needs the text; without it only an empty span counts)."""
    r = f.report
    floor = params("C03")["min_body_chars"]
    with_figures = {x.section for x in r.figures}
    out = []
    for s in r.sections:
        body = f.section_body(s)
        if body is None:
            # Without the text only an empty span tells; (0, 0) is "span unknown" (records built by hand).
            empty = 0 < s.end <= s.start and s.key not in with_figures
        else:
            empty = len(body) < floor and s.key not in with_figures
        if empty:
            out.append(finding("C03", r, section=s.key, page=s.page, keys=[s.key],
                               values={"body_chars": len(body or "")}, heading=s.heading, section_key=s.key))
    return out


def template_tables(f: Facts) -> list:
    """C04/C05: every template table is present, and s3/s4 have all their rows."""
    r = f.report
    required = params("C04")["required_tables"].get(r.era or "")
    if not required:
        return []
    # A table lives in its part; when the part itself is missing, C01 already says so (one defect, one finding).
    present = {s.key for s in r.sections}
    missing = [t for t in required if not f.table_present(t) and (not present or _HOST[t.split(".")[0]] in present)]
    if missing and len(missing) == len(required) and f.period_year and f.period_year < _FIRST_TEMPLATE_YEAR:
        # No table, and the text's statistics period predates the templates: the era is a guess from a
        # (wrong) title year, so whether tables are required cannot be said.
        return [finding("C04", r, NOT_ASSESSABLE, keys=missing, reason=f"the statistics period ({f.period_year}) "
                        f"predates the {r.era} template", reason_zh="统计期限早于该格式")]
    if missing and len(missing) == len(required):
        # No template table at all: one finding, not seven (the era may be the year's guess, or the
        # tables were not read — either way it is one thing to look at).
        out = [finding("C04", r, keys=missing, values={"tables": missing}, era=r.era, table="、".join(missing))]
    else:
        out = [finding("C04", r, keys=[t], values={"table": t}, era=r.era, table=t) for t in missing]
    out += _missing_rows(f, "s3", _s3_expected(f))
    p = params("C05")
    out += _missing_rows(f, "s4", [f"{g}.{c}" for g in p["s4_groups"] for c in p["s4_cols"]])
    return out


def _s3_expected(f: Facts) -> list[str]:
    p = params("C05")
    rows = list(p["s3_rows"])
    printed_other = {k.split(".")[2] for k, c in f.cells.items()
                     if k.startswith("s3.other_handling.") and not c.derived}
    subrows = [k.split(".", 1)[1] for k in p["other_handling_gb2021"]]
    # gb2021 prints three 其他处理 sub-rows; a single printed row (the gb2019 layout) is accepted in
    # any era because real gb2021 reports mix the two (洪泽区 2023/2024).
    if f.report.era == "gb2021" and printed_other & set(subrows):
        rows += p["other_handling_gb2021"]
    else:
        rows.append("other_handling.total")
    return rows


def _missing_rows(f: Facts, table: str, expected: list[str]) -> list:
    if not f.table_present(table):
        return []
    if f.degraded(table):
        return [finding("C05", f.report, NOT_ASSESSABLE, keys=[table], reason=f"table {table} is degraded",
                        reason_zh=f"表格{table}未完整识别")]
    have = {k.split(".", 1)[1].rsplit(".", 1)[0] if table == "s3" else k.split(".", 1)[1]
            for k, c in f.cells.items() if k.startswith(table + ".") and not c.derived}
    missing = [e for e in expected if e not in have]
    if not missing:
        return []
    page = next((c.page for k, c in f.cells.items() if k.startswith(table + ".")), None)
    return [finding("C05", f.report, section="requests" if table == "s3" else "review_litigation", page=page,
                    keys=[f"{table}.{m}" for m in missing], values={"missing": missing},
                    table=table, count=len(missing), rows="、".join(missing))]
