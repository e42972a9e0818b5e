"""Step 4: defects injected on request (--defects RATE), each recorded with its type, keys and details."""
from __future__ import annotations

import copy
import random
from decimal import Decimal
from typing import Callable

from ..data import load
from .values import COLS6, S4_GROUPS, YearValues

TYPES = ("missing_part", "breakdown_sum", "s3_imbalance", "s4_total", "prose_table_mismatch",
         "broken_carry_over", "copied_text", "wrong_title_year", "late_publication",
         "all_completed_claim", "prose_zero_fees", "outline_skip", "outline_shift", "copied_report",
         "outline_subtopic")


def plan(seed: int, org, year: int, era: str, prev_era: str | None, rate: float, first_year: int,
         carries_forward: Callable[[int], bool] | None = None) -> dict:
    """Draw at most one defect for a document (empty dict: the document stays clean).

    carries_forward(year) tells whether that year's s3 carries requests forward (all_completed_claim needs it)."""
    from .text import era_for

    r = random.Random(f"{seed}:{org.code}:{year}:defects")
    if rate <= 0 or r.random() >= rate:
        return {}
    options = ["missing_part", "wrong_title_year", "breakdown_sum", "late_publication", "outline_skip"]
    if year > first_year:
        options += ["copied_text", "copied_report"]  # the previous year's text is in the corpus to compare with
    if era != "pre2019":
        options += ["s3_imbalance", "s4_total", "prose_table_mismatch", "outline_shift", "outline_subtopic"]
        if carries_forward and carries_forward(year):
            options.append("all_completed_claim")  # "all completed" is a contradiction only then
    elif year >= load("synth/headings.yaml")["pre2019_appendix"]["from_year"]:
        options.append("prose_zero_fees")  # the 附表 that prints the fee is forced into the document
    if era != "pre2019":
        if year > first_year and prev_era not in (None, "pre2019"):
            prev = plan(seed, org, year - 1, prev_era, era_for(org, year - 2) if year - 2 >= first_year else None,
                        rate, first_year, carries_forward)
            if prev.get("part") != "requests":  # last year's s3 must be printed for the break to show
                options.append("broken_carry_over")
    kind = r.choice(options)
    out: dict = {"type": kind, "keys": [], "details": {}}
    if kind == "missing_part":
        parts = ["active", "requests", "review_litigation", "problems", "other"] + (["fees"] if era == "pre2019" else [])
        out["part"] = r.choice(parts)
    return out


def apply_values(p: dict, v: YearValues, seed: int, org, year: int) -> YearValues:
    """The figures as printed: a copy of v with a table defect applied when p asks for one."""
    kind = p.get("type")
    if kind == "prose_zero_fees":
        return _fee_in_table(p, v, seed, org, year)
    if kind not in ("s3_imbalance", "s4_total", "broken_carry_over"):
        return v
    r = random.Random(f"{seed}:{org.code}:{year}:defect-values")
    v = copy.deepcopy(v)
    d = r.randint(1, 3)
    if kind == "s3_imbalance":
        # new_received grows in one column (and the total column): the row still sums, the balance fails.
        c = r.choice(COLS6)
        v.s3["new_received"][c] += d
        v.s3["new_received"]["total"] += d
        p["keys"] = [f"s3.new_received.{c}", "s3.new_received.total"]
        p["details"] = {"column": c, "delta": d}
    elif kind == "s4_total":
        g = r.choice(S4_GROUPS)
        v.s4[g]["total"] += d
        p["keys"] = [f"s4.{g}.total"]
        p["details"] = {"group": g, "delta": d, "sum_of_results": v.s4[g]["total"] - d}
    else:
        # carry_over no longer equals last year's carry_forward; result_open absorbs the difference so the
        # s3 balance itself still holds and only the cross-year check can find it.
        c = r.choice(COLS6)
        before = v.s3["carry_over"][c]
        for row in ("carry_over", "result_open", "result_total"):
            v.s3[row][c] += d
            v.s3[row]["total"] += d
        p["keys"] = [f"s3.carry_over.{c}", "s3.carry_over.total"]
        p["details"] = {"column": c, "previous_carry_forward": before, "carry_over": before + d}
    return v


def _fee_in_table(p: dict, v: YearValues, seed: int, org, year: int) -> YearValues:
    """prose_zero_fees: the 附表 prints a fee (drawn when the year had none); the prose will say none."""
    if v.fees_yuan == 0:
        v = copy.deepcopy(v)
        v.fees_yuan = Decimal(random.Random(f"{seed}:{org.code}:{year}:defect-values").randint(10, 300))
    p["keys"] = ["fees.collected_yuan", "legacy.fees_yuan"]
    p["details"] = {"prose": "0", "table": str(v.fees_yuan)}
    return v


def claim_completed(p: dict, v: YearValues) -> bool:
    """all_completed_claim: whether it applies (some requests are carried forward), recording it when it does."""
    forward = v.s3["carry_forward"]["total"]
    if p.get("type") != "all_completed_claim" or forward <= 0:
        return False  # without a carry-forward the claim would be true: the document stays clean
    p["keys"] = ["s3.carry_forward.total"]
    p["details"] = {"carry_forward": str(forward)}
    return True


def part_numbers(p: dict, keys: list[str], seed: int, org, year: int) -> list[int | None]:
    """The number each part heading prints (None: no number): 1…n, or the outline defect's numbering."""
    kind = p.get("type")
    numbers: list[int | None] = list(range(1, len(keys) + 1))
    if kind == "outline_skip":
        # From one part on, every number is one too high: 一、二、四、五… (a deleted part's number left out).
        at = random.Random(f"{seed}:{org.code}:{year}:defect-outline").randint(1, len(keys) - 1)
        numbers = numbers[:at] + [n + 1 for n in numbers[at:]]
        p["keys"], p["details"] = [keys[at]], {"skipped": at + 1}
    elif kind == "outline_shift":
        # 总体情况 printed without a number, the statutory 二–六 written as 一–五.
        numbers = [None] + list(range(1, len(keys)))
        p["keys"], p["details"] = list(keys[1:]), {"shift": -1}
    elif kind == "outline_subtopic":
        # One of the overview's sub-topics printed as part 二 (二、政府信息管理): every later part one too high.
        sub = random.Random(f"{seed}:{org.code}:{year}:defect-outline").choice(SUBTOPICS)
        numbers = [1] + [n + 1 for n in numbers[1:]]
        p["keys"], p["details"] = [keys[0]], {"subtopic": sub, "number": 2}
    return numbers


# The overview's sub-topics that the template never makes a part (audit rule C08's list; 依申请公开 printed as a
# part reads as a pre2019-style part title, which is no defect).
SUBTOPICS = ("info_mgmt", "platform", "oversight")


def late_date(r: random.Random, year: int, level: str, era: str) -> tuple[str, str]:
    """A publication date after the statutory deadline, and that deadline (ISO dates)."""
    # 31 January for departments' reports on 2019 onwards, 31 March otherwise (audit rule M04's parameters).
    month_limit = 1 if level == "department" and era != "pre2019" and year >= 2019 else 3
    month = r.randint(month_limit + 1, month_limit + 3)
    return f"{year + 1:04d}-{month:02d}-{r.randint(1, 28):02d}", f"{year + 1:04d}-{month_limit:02d}-{31:02d}"


def record(p: dict) -> list[dict]:
    """The defect list stored in truth (empty when nothing was drawn or it could not apply)."""
    if not p or not (p.get("keys") or p.get("details")):
        return []
    return [{"type": p["type"], "keys": list(p.get("keys", [])), "details": dict(p.get("details", {}))}]
