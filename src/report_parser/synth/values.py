"""Step 2: figures for every organ and year, consistent across years (stocks roll, carry-overs chain)."""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from decimal import Decimal

from ..data import load

COLS6 = ("natural_person", "commercial_enterprise", "research_institute", "public_interest_org",
         "legal_service_org", "other_org")
COLS = COLS6 + ("total",)
# Applicant mix: most requests come from natural persons (as in real tables).
COL_WEIGHTS = (80, 9, 1, 2, 3, 5)
# How requests end; weights follow the rough shares real tables show.
RESULT_WEIGHTS = {
    "result_open": 45, "result_partial": 8,
    "not_open.state_secret": 0.3, "not_open.law_prohibited": 0.5, "not_open.security_stability": 0.3,
    "not_open.third_party": 1, "not_open.internal_affairs": 1, "not_open.process_info": 1.5,
    "not_open.enforcement_file": 0.5, "not_open.admin_query": 0.8,
    "unable.not_held": 18, "unable.needs_creation": 3, "unable.unclear_after_fix": 2,
    "not_processed.petition": 3, "not_processed.duplicate": 2, "not_processed.publication": 0.5,
    "not_processed.mass_repeat": 0.5, "not_processed.confirm_reissue": 0.5,
    "other_handling.no_correction": 2, "other_handling.fee_unpaid": 0.3, "other_handling.other": 3,
}
RESULT_KEYS = tuple(RESULT_WEIGHTS)
S4_GROUPS = ("review", "litigation_direct", "litigation_after_review")
S4_COLS = ("upheld", "corrected", "other_result", "pending", "total")
# The simulation always starts here, whatever years are asked for, so a subset of years reproduces.
BASE_YEAR = 2008


@dataclass
class YearValues:
    """True figures of one organ for one year (before rendering quirks or defects)."""

    year: int
    s3: dict[str, dict[str, int]] = field(default_factory=dict)  # row key -> column -> count
    s2_2021: dict[str, Decimal | int] = field(default_factory=dict)  # "art20_1.regulation.issued" -> value
    s2_2019: dict[str, Decimal | int] = field(default_factory=dict)
    s4: dict[str, dict[str, int]] = field(default_factory=dict)
    active_items: int = 0
    prev_active_items: int | None = None  # last year's figure, for 较上年增加… sentences
    breakdown: list[tuple[str, int]] = field(default_factory=list)
    items_cumulative: int = 0
    policy_interpretations: int = 0
    opinion_incidents: int = 0
    fees_yuan: Decimal = Decimal(0)
    fee_notices: int = 0
    channels: list[tuple[str, int]] = field(default_factory=list)

    def metrics(self) -> dict[str, Decimal | int]:
        """Core metrics implied by the figures (what a document states when it states them)."""
        s3, s4 = self.s3, self.s4
        return {
            "active.items": self.active_items,
            "active.items_cumulative": self.items_cumulative,
            "requests.received": s3["new_received"]["total"],
            "requests.completed": s3["result_total"]["total"],
            "requests.carry_over": s3["carry_over"]["total"],
            "requests.carry_forward": s3["carry_forward"]["total"],
            "review.total": s4["review"]["total"],
            "litigation.total": s4["litigation_direct"]["total"] + s4["litigation_after_review"]["total"],
            "response.policy_interpretations": self.policy_interpretations,
            "response.opinion_incidents": self.opinion_incidents,
            "fees.collected_yuan": self.fees_yuan,
        }


def poisson(r: random.Random, lam: float) -> int:
    """A Poisson draw (normal approximation for large means)."""
    if lam <= 0:
        return 0
    if lam > 40:
        return max(0, round(r.gauss(lam, math.sqrt(lam))))
    k, p, limit = 0, 1.0, math.exp(-lam)
    while True:
        p *= r.random()
        if p <= limit:
            return k
        k += 1


def split(r: random.Random, n: int, keys, weights) -> dict:
    """Share n units among keys at random with the given weights."""
    out = {k: 0 for k in keys}
    if n:
        for k in r.choices(list(keys), weights=list(weights), k=n):
            out[k] += 1
    return out


def _with_total(row: dict[str, int]) -> dict[str, int]:
    row = {c: row.get(c, 0) for c in COLS6}
    row["total"] = sum(row.values())
    return row


class OrgState:
    """Stocks carried from year to year for one organ."""

    def __init__(self, r: random.Random, scale: float, level: str):
        self.carry = {c: 0 for c in COLS6}
        self.makes_rules = level in ("province", "city")  # only these may issue 规章
        self.reg_in_force = r.randint(5, 40) if self.makes_rules else 0
        self.norm_in_force = r.randint(0, 6) + int(scale * r.uniform(0, 2))
        self.reg_published = self.reg_in_force
        self.norm_published = self.norm_in_force + r.randint(0, 5)
        self.items = {k: max(0, int(scale * r.uniform(0, 8))) for k in
                      ("admin_license", "other_admin_service", "admin_penalty", "admin_coercion", "admin_fee")}
        self.cumulative = int(scale * r.uniform(150, 600))


def _year(r: random.Random, st: OrgState, scale: float, year: int) -> YearValues:
    v = YearValues(year=year)
    # s3: new requests split by applicant; every column balances by construction.
    new = split(r, poisson(r, 0.8 * scale), COLS6, COL_WEIGHTS)
    rows: dict[str, dict[str, int]] = {"new_received": new, "carry_over": dict(st.carry)}
    rows.update({k: {} for k in RESULT_KEYS})
    cf: dict[str, int] = {}
    for c in COLS6:
        avail = new[c] + st.carry[c]
        cf[c] = sum(1 for _ in range(avail) if r.random() < 0.08)
        shares = split(r, avail - cf[c], RESULT_KEYS, RESULT_WEIGHTS.values())
        for k in RESULT_KEYS:
            rows[k][c] = shares[k]
    rows["result_total"] = {c: sum(rows[k][c] for k in RESULT_KEYS) for c in COLS6}
    rows["carry_forward"] = cf
    v.s3 = {k: _with_total(row) for k, row in rows.items()}
    oh = {c: sum(v.s3[k][c] for k in RESULT_KEYS if k.startswith("other_handling.")) for c in COLS}
    v.s3["other_handling.total"] = oh
    st.carry = dict(cf)

    # s2: documents in force roll forward; the 2019 and 2021 views are kept in step.
    reg_issued = r.randint(0, 4) if st.makes_rules else 0
    reg_repealed = min(st.reg_in_force, r.randint(0, 2)) if st.makes_rules else 0
    norm_issued = poisson(r, 0.3 * scale ** 0.7)
    norm_repealed = min(st.norm_in_force, poisson(r, 0.1 * scale ** 0.7))
    st.reg_in_force += reg_issued - reg_repealed
    st.norm_in_force += norm_issued - norm_repealed
    reg_pub = reg_issued
    norm_pub = max(0, norm_issued - (1 if norm_issued and r.random() < 0.3 else 0))
    st.reg_published += reg_pub
    st.norm_published += norm_pub
    license_d, penalty_d = poisson(r, 25 * scale), poisson(r, 8 * scale)
    coercion_d = poisson(r, 0.8 * scale)
    fee_wan = Decimal(poisson(r, 60 * scale)) / 100 if r.random() < 0.6 else Decimal(0)
    v.s2_2021 = {
        "art20_1.regulation.issued": reg_issued, "art20_1.regulation.repealed": reg_repealed,
        "art20_1.regulation.in_force": st.reg_in_force,
        "art20_1.normative_doc.issued": norm_issued, "art20_1.normative_doc.repealed": norm_repealed,
        "art20_1.normative_doc.in_force": st.norm_in_force,
        "art20_5.admin_license.decisions": license_d,
        "art20_6.admin_penalty.decisions": penalty_d, "art20_6.admin_coercion.decisions": coercion_d,
        "art20_8.admin_fee.fee_amount_wan": fee_wan,
    }
    s19: dict[str, Decimal | int] = {
        "art20_1.regulation.new_made": reg_issued, "art20_1.regulation.new_published": reg_pub,
        "art20_1.regulation.total_published": st.reg_published,
        "art20_1.normative_doc.new_made": norm_issued, "art20_1.normative_doc.new_published": norm_pub,
        "art20_1.normative_doc.total_published": st.norm_published,
    }
    decisions = {"admin_license": license_d, "other_admin_service": poisson(r, 5 * scale),
                 "admin_penalty": penalty_d, "admin_coercion": coercion_d}
    for item, block in (("admin_license", "art20_5"), ("other_admin_service", "art20_5"),
                        ("admin_penalty", "art20_6"), ("admin_coercion", "art20_6"), ("admin_fee", "art20_8")):
        delta = max(-st.items[item], r.randint(-2, 4)) if r.random() < 0.4 else 0
        s19[f"{block}.{item}.prev_items"] = st.items[item]
        s19[f"{block}.{item}.items_delta"] = delta
        if item != "admin_fee":
            s19[f"{block}.{item}.decisions"] = decisions[item]
        st.items[item] += delta
    proc_items = poisson(r, 0.5 * scale)
    s19["art20_9.central_procurement.procurement_items"] = proc_items
    s19["art20_9.central_procurement.procurement_amount"] = sum(r.randint(5000, 400000) for _ in range(proc_items))
    v.s2_2019 = s19

    # s4: review and litigation, each group's total is the sum of its results.
    for g, lam in zip(S4_GROUPS, (0.06, 0.03, 0.015)):
        n = poisson(r, lam * scale)
        parts = split(r, n, S4_COLS[:4], (6, 1, 1, 1.5))
        v.s4[g] = {**parts, "total": n}

    # Prose figures.
    v.active_items = max(1, int(scale * r.uniform(15, 90)))
    st.cumulative += v.active_items
    v.items_cumulative = st.cumulative
    cats = load("synth/phrasing.yaml")["active.items"]["categories"]
    chosen = r.sample(cats, r.randint(2, 5))
    shares = split(r, v.active_items - len(chosen), chosen, [1] * len(chosen))
    v.breakdown = [(c, shares[c] + 1) for c in chosen] if v.active_items >= len(chosen) else []
    v.policy_interpretations = poisson(r, 0.4 * scale + 1)
    v.opinion_incidents = poisson(r, 0.15 * scale)
    if year <= 2018 and r.random() < 0.2:
        v.fees_yuan = Decimal(r.randint(10, 900)) + Decimal(r.choice([0, 0, 5])) / 10
    elif year >= 2021 and r.random() < 0.08:
        v.fee_notices = r.randint(1, 3)
        v.fees_yuan = Decimal(r.randint(1, 20) * 50 * v.fee_notices)
    channels = load("synth/phrasing.yaml")["request_channels"]
    got = split(r, v.s3["new_received"]["total"], channels, (6, 2, 2))
    v.channels = [(c, got[c]) for c in channels]
    return v


def series(seed: int, org, last_year: int) -> dict[int, YearValues]:
    """Figures of one organ for every year from BASE_YEAR to last_year, chained."""
    st_r = random.Random(f"{seed}:{org.code}:state")
    st = OrgState(st_r, org.scale, org.level)
    out: dict[int, YearValues] = {}
    for year in range(BASE_YEAR, last_year + 1):
        out[year] = _year(random.Random(f"{seed}:{org.code}:{year}:values"), st, org.scale, year)
        if year - 1 in out:
            out[year].prev_active_items = out[year - 1].active_items
    return out
