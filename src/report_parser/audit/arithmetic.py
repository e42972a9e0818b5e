"""Arithmetic rules inside one report: 其中 breakdowns, the s3 balance and row/column sums, s4 totals."""
from __future__ import annotations

from decimal import Decimal

from . import hints
from .catalogue import NOT_ASSESSABLE, bounds, catalogue, finding, label_zh, num, params, show
from .facts import S3_COLUMNS, Facts
from .. import lazyre

# A number inside a breakdown clause that counts something (not a date, share or ordinal).
_NUMBER = lazyre.compile(r"(?<![第\d.])\d+(?:\.\d+)?(?![\d.]|\s*[年月日%％])")
_PARENS = lazyre.compile(r"（[^（）]*）|\([^()]*\)")
# A result-category name is no hedge: 部分公开 is a category, not "part of".
_CATEGORY_WORDS = ("部分公开",)


def check(f: Facts) -> list:
    """All single-report arithmetic findings."""
    return [*breakdowns(f), *s3_balance(f), *s3_row_totals(f), *s3_result_total(f), *s4_totals(f)]


def breakdowns(f: Facts) -> list:
    """A01: a stated total vs its 其中 breakdown, when the breakdown claims to be complete."""
    figs = f.report.figures
    groups: dict[int, list[int]] = {}
    for i, x in enumerate(figs):
        if x.parent is not None and 0 <= x.parent < len(figs) and x.parent != i and x.kind not in ("share", "change"):
            groups.setdefault(x.parent, []).append(i)
    p = params("A01")
    count_units = set(p["count_units"])
    out = []
    for parent, kids in sorted(groups.items()):
        total = figs[parent]
        kids, unread = _same_clause(total, [(i, figs[i]) for i in kids])
        # 条 and 件 count the same things in a list (部门文件22件，通知公告16条); money or people do not.
        same = [(i, x) for i, x in kids if _unit_ok(x.unit, total.unit, count_units)]
        if len(same) < p["min_parts"]:
            continue
        parts = [x for _, x in same]
        keys = [_fig_key(parent, total)] + [_fig_key(i, x) for i, x in same]
        values = {keys[0]: total.value, **{_fig_key(i, x): x.value for i, x in same}}
        if unread or any(x.qualifier for x in parts) or num(total.value) is None \
                or any(num(x.value) is None for x in parts):
            out.append(finding("A01", f.report, NOT_ASSESSABLE, section=total.section, page=total.page, keys=keys,
                               values=values, reason="approximate, missing or unread parts",
                               reason_zh="分项为约数、缺失或未识别"))
            continue
        vals = [num(x.value) for x in parts]
        s = sum(vals, Decimal(0))
        lo, hi = bounds(num(total.value), total.qualifier)  # 1230多条 allows 1230–1240
        complete = len(same) == len(kids) and _claims_complete(parts, p["partial_markers"])
        if lo <= s <= hi or (s < lo and not complete) or _prefix_matches(vals, lo, hi):
            continue
        others = _other_totals(figs, parent, parts, count_units)
        if any(a <= s <= b for a, b in others):
            continue
        if others:
            out.append(finding("A01", f.report, NOT_ASSESSABLE, section=total.section, page=total.page, keys=keys,
                               values={**values, "sum": s}, reason="the 其中 sentence follows a sentence with several "
                               "totals, none of which it adds up to", reason_zh="“其中”前一句有多个总数，无法确定所指"))
            continue
        out.append(finding("A01", f.report, section=total.section, page=total.page, keys=keys,
                           values={**values, "sum": s}, total=total.raw, sum=show(s),
                           parts="＋".join(x.raw for x in parts)))
    return out


def _unit_ok(unit: str | None, total_unit: str | None, count_units: set[str]) -> bool:
    return (unit or None) == (total_unit or None) or (unit in count_units and total_unit in count_units)


def _same_clause(total, kids: list[tuple[int, object]]) -> tuple[list[tuple[int, object]], bool]:
    """The children printed in the total's 其中 clause, and whether the clause holds numbers that were
    not read as figures (a truncated 不予公开126 has no unit: the sum of the others proves nothing).

    A number after the clause's ；/。 belongs elsewhere (…更新量1100条；收到县长信箱留言51条)."""
    text = total.text or ""
    start = text.find(total.raw)
    if start < 0:
        return kids, False
    start += len(total.raw)
    k = text.find("其中", start)
    if k >= 0:
        start = k  # 42条，较上年增加22条，其中…: the change before 其中 is not part of the list
    end = len(text)
    for stop in "；;。":
        k = text.find(stop, start)
        # 438条。其中，… : the clause is the next sentence, so a stop right before 其中 does not end it.
        if k >= 0 and not text[k + 1:k + 4].lstrip("，,：: ").startswith("其中"):
            end = min(end, k)
    out, in_clause, pos = [], 0, start
    aside: dict[int, bool] = {}  # is_aside by offset: a part's number is tested again among the clause's numbers
    for i, x in kids:
        k = text.find(x.raw, pos) if (x.text or text) == text else -1
        if k >= end:
            continue
        if k >= 0:
            pos = k + len(x.raw)
            if aside.setdefault(k, is_aside(text, k)):
                continue  # 含上年度结转申请2件: said about the total, not a part of it
            in_clause += 1
        out.append((i, x))
    numbers = [m for m in _NUMBER.finditer(text, start, end)
               if not (aside[m.start()] if m.start() in aside else is_aside(text, m.start()))]
    return out, bool(in_clause) and len(numbers) > in_clause


_CLAUSE_STOPS = "，,；;、。：:"
_LAST_CLAUSE_STOP = lazyre.compile(f"[{_CLAUSE_STOPS}][^{_CLAUSE_STOPS}]*\\Z")


def is_aside(text: str, pos: int) -> bool:
    """Whether the number at text[pos] sits in an aside (含…, 另有…, （…顺延…）) rather than in a breakdown."""
    cfg = catalogue()["breakdown_asides"]
    paren = _open_parenthesis(text, pos)
    stop = _LAST_CLAUSE_STOP.search(text, 0, pos)  # one search for the last stop, not one rfind per stop character
    clause_start = max(paren + 1 if paren is not None else 0, stop.start() + 1 if stop else 0)
    clause = text[clause_start:pos].lstrip()
    if any(clause.startswith(w) for w in cfg["clause_leads"]):
        return True
    if paren is None:
        return False
    if any(text[paren + 1:pos].lstrip().startswith(w) for w in cfg["breakdown_opening"]):
        return False
    # The whole clause counts: the word may follow the number (办结20件（3件顺延至下年度）).
    ends = [k for k in (text.find(c, pos) for c in _CLAUSE_STOPS + "）)") if k >= 0]
    whole = text[clause_start:min(ends, default=len(text))]
    return any(w in whole for w in cfg["in_parentheses"])


def _open_parenthesis(text: str, pos: int) -> int | None:
    """The position of the parenthesis still open at pos, if any."""
    if text.rfind("(", 0, pos) < 0 and text.rfind("（", 0, pos) < 0:
        return None  # nothing opens before pos (most sentences): no walk back over them
    depth = 0
    for k in range(pos - 1, -1, -1):
        c = text[k]
        if c in "）)":
            depth += 1
        elif c in "（(":
            if depth == 0:
                return k
            depth -= 1
    return None


def _other_totals(figs, parent: int, parts, count_units: set[str]) -> list[tuple[Decimal, Decimal]]:
    """Ranges of the other annual totals a 其中 sentence of its own may break down.

    新收11件，上年结转0件，办结8件，结转3件。其中，予以公开4件…: the breakdown belongs to *a* total of the
    sentence before, not always the nearest one. Empty when the link is certain (其中 inside the total's
    own sentence, or a sentence before with one total only, as in the seed's 438条)."""
    total = figs[parent]
    if all((x.text or "") == (total.text or "") for x in parts):
        return []
    out = []
    for x in figs:
        if x is total or x.text != total.text or x.parent is not None or x.kind != "annual" \
                or num(x.value) is None or not _unit_ok(x.unit, total.unit, count_units):
            continue
        out.append(bounds(num(x.value), x.qualifier))
    return out


def _prefix_matches(vals: list[Decimal], lo: Decimal, hi: Decimal) -> bool:
    """Two partitions in one list (新收14件，结转1件，办结13件，结转下年2件 of 15): a leading run adds up."""
    run = Decimal(0)
    for v in vals[:-1]:
        run += v
        if lo <= run <= hi:
            return True
    return False


def _fig_key(i: int, x) -> str:
    return f"figure[{i}]" + (f":{x.metric}" if x.metric else "")


def _claims_complete(parts, markers) -> bool:
    text = "".join(dict.fromkeys(x.text or "" for x in parts))
    text = _PARENS.sub("", text)  # (含…等) inside parentheses describes one item, not the list
    for w in _CATEGORY_WORDS:
        text = text.replace(w, "")
    return not any(m in text for m in markers)


def _s3_cells(f: Facts, rule_id: str, keys: list[str]):
    """The values of s3 cells a check needs, or a not-assessable finding (None when s3 is absent)."""
    if not f.table_present("s3"):
        return None, []
    if f.degraded("s3"):
        return None, [finding(rule_id, f.report, NOT_ASSESSABLE, section="requests", keys=["s3"],
                              reason="table s3 is degraded", reason_zh="表格s3未完整识别")]
    vals = {k: f.value(k) for k in keys}
    return vals, []


def _blank_finding(rule_id: str, f: Facts, keys: list[str], section: str) -> list:
    return [finding(rule_id, f.report, NOT_ASSESSABLE, section=section, page=f.page(keys[0]), keys=keys,
                    reason="blank or unreadable cells: " + ", ".join(keys[:6]) + ("…" if len(keys) > 6 else ""),
                    reason_zh="单元格为空或无法读取")]


def s3_balance(f: Facts) -> list:
    """A02: new_received + carry_over == result_total + carry_forward, for every column."""
    rows = ("new_received", "carry_over", "result_total", "carry_forward")
    vals, out = _s3_cells(f, "A02", [f"s3.{r}.{c}" for r in rows for c in S3_COLUMNS])
    if vals is None:
        return out
    blank: list[str] = []
    for c in S3_COLUMNS:
        keys = [f"s3.{r}.{c}" for r in rows]
        if not any(k in f.cells for k in keys):
            continue
        if any(vals[k] is None for k in keys):
            blank += [k for k in keys if vals[k] is None]
            continue
        n, co, rt, cf = (vals[k] for k in keys)
        if n + co != rt + cf:
            out.append(finding("A02", f.report, section="requests", page=f.page(keys[2]), keys=keys,
                               values=dict(zip(keys, (n, co, rt, cf))), col=label_zh(c), col_key=c, new=show(n),
                               carry_over=show(co), result_total=show(rt), carry_forward=show(cf)))
    return out + (_blank_finding("A02", f, blank, "requests") if blank else [])


def _s3_rows(f: Facts) -> list[str]:
    return f.s3_rows


def s3_row_totals(f: Facts) -> list:
    """A03: each s3 row's 总计 equals the sum of its six requester columns."""
    cols = params("A03")["columns"]
    rows = _s3_rows(f)
    vals, out = _s3_cells(f, "A03", [f"s3.{r}.{c}" for r in rows for c in (*cols, "total")])
    if vals is None:
        return out
    blank: list[str] = []
    for r in rows:
        keys = [f"s3.{r}.{c}" for c in (*cols, "total")]
        if any(vals[k] is None for k in keys):
            blank += [k for k in keys if vals[k] is None]
            continue
        s = sum((vals[k] for k in keys[:-1]), Decimal(0))
        if s != vals[keys[-1]]:
            out.append(finding("A03", f.report, section="requests", page=f.page(keys[-1]), keys=keys,
                               values=_with_hint("A03", {k: vals[k] for k in keys}, keys), row=r,
                               total=show(vals[keys[-1]]), sum=show(s)))
    return out + (_blank_finding("A03", f, blank, "requests") if blank else [])


def _result_rows(f: Facts) -> list[str]:
    prefixes = tuple(params("A04")["result_prefixes"])
    rows = [r for r in _s3_rows(f) if r.startswith(prefixes) or r in prefixes]
    # A printed group total next to printed sub-rows would count twice: keep the sub-rows.
    groups_with_subrows = {r.split(".")[0] for r in rows if "." in r and not r.endswith(".total")}
    return [r for r in rows if not (r.endswith(".total") and r.split(".")[0] in groups_with_subrows)]


def s3_result_total(f: Facts) -> list:
    """A04: （七）总计 equals the sum of the printed result rows, for every column."""
    rows = _result_rows(f)
    vals, out = _s3_cells(f, "A04", [f"s3.{r}.{c}" for r in (*rows, "result_total") for c in S3_COLUMNS])
    if vals is None or not rows:
        return out
    blank: list[str] = []
    for c in S3_COLUMNS:
        keys = [f"s3.{r}.{c}" for r in rows]
        tkey = f"s3.result_total.{c}"
        if tkey not in f.cells and not any(k in f.cells for k in keys):
            continue
        if vals[tkey] is None or any(vals[k] is None for k in keys):
            blank += [k for k in (*keys, tkey) if vals[k] is None]
            continue
        s = sum((vals[k] for k in keys), Decimal(0))
        if s != vals[tkey]:
            out.append(finding("A04", f.report, section="requests", page=f.page(tkey), keys=[tkey, *keys],
                               values={tkey: vals[tkey], "sum": s}, col=label_zh(c), col_key=c, total=show(vals[tkey]),
                               sum=show(s)))
    return out + (_blank_finding("A04", f, blank, "requests") if blank else [])


def s4_totals(f: Facts) -> list:
    """A05: each s4 group's 总计 equals upheld + corrected + other + pending."""
    if not f.table_present("s4"):
        return []
    if f.degraded("s4"):
        return [finding("A05", f.report, NOT_ASSESSABLE, section="review_litigation", keys=["s4"],
                        reason="table s4 is degraded", reason_zh="表格s4未完整识别")]
    parts = params("A05")["parts"]
    out, blank = [], []
    for g in params("C05")["s4_groups"]:
        keys = [f"s4.{g}.{c}" for c in (*parts, "total")]
        if not any(k in f.cells for k in keys):
            continue
        vals = [f.value(k) for k in keys]
        if any(v is None for v in vals):
            blank += [k for k, v in zip(keys, vals) if v is None]
            continue
        s = sum(vals[:-1], Decimal(0))
        if s != vals[-1]:
            out.append(finding("A05", f.report, section="review_litigation", page=f.page(keys[-1]), keys=keys,
                               values=_with_hint("A05", {**dict(zip(keys, vals)), "sum": s}, keys),
                               group=label_zh(g), group_key=g,
                               total=show(vals[-1]), sum=show(s)))
    return out + (_blank_finding("A05", f, blank, "review_litigation") if blank else [])


def _with_hint(rule_id: str, values: dict, keys: list[str]) -> dict:
    """The finding's values, plus a split-digit hint when the catalogue enables one for this rule."""
    if rule_id not in catalogue()["hints"]["split_digit"]["rules"]:
        return values
    hint = hints.split_digit(keys[:-1], [values[k] for k in keys[:-1]], values[keys[-1]])
    return {**values, "hint": hint} if hint else values


def in_force(prev: Facts, cur: Facts) -> list:
    """A06 (soft, two years): in_force(Y) == in_force(Y-1) + issued(Y) - repealed(Y) (gb2021 s2)."""
    out = []
    for row in params("A06")["rows"]:
        keys = [f"s2.art20_1.{row}.{c}" for c in ("in_force", "issued", "repealed")]
        pkey = f"s2.art20_1.{row}.in_force"
        if not all(k in cur.cells for k in keys) or pkey not in prev.cells:
            continue
        (now, issued, repealed), before = (cur.value(k) for k in keys), prev.value(pkey)
        if None in (now, issued, repealed, before):
            out.append(finding("A06", cur.report, NOT_ASSESSABLE, section="active", keys=keys,
                               reason="blank cells", reason_zh="单元格为空"))
            continue
        expected = before + issued - repealed
        if now != expected:
            out.append(finding("A06", cur.report, section="active", page=cur.page(keys[0]), keys=keys + [pkey],
                               values={keys[0]: now, keys[1]: issued, keys[2]: repealed, f"previous:{pkey}": before},
                               row=label_zh(row), row_key=row, in_force=show(now), prev_in_force=show(before),
                               issued=show(issued), repealed=show(repealed), expected=show(expected)))
    return out
