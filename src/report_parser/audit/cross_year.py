"""Cross-report rules: carry-over vs last year's carry-forward, in_force, jumps, repeated text."""
from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal
from typing import Iterable

from . import arithmetic
from .catalogue import NOT_ASSESSABLE, finding, label_zh, num, params, show
from .facts import S3_COLUMNS, Facts, sentences
from .orgkey import report_org_key


def check(batch: list[Facts]) -> list:
    """All cross-report findings of a batch of reports."""
    out: list = []
    for prev, cur in consecutive_pairs(batch):
        out += carry_over(prev, cur)
        out += arithmetic.in_force(prev, cur)
        out += jumps(prev, cur)
    sents = _SentenceIndex(batch)
    for prev, cur in consecutive_pairs(batch):
        out += repeats_previous(sents, prev, cur)
    out += same_text_other_orgs(sents, batch)
    return out


def consecutive_pairs(batch: Iterable[Facts]) -> list[tuple[Facts, Facts]]:
    """(year Y-1, year Y) report pairs of the same organisation."""
    by_org: dict[str, dict[int, list[Facts]]] = defaultdict(lambda: defaultdict(list))
    for f in batch:
        key = report_org_key(f.report)
        if key and f.report.year:
            by_org[key][f.report.year].append(f)
    pairs = []
    for years in by_org.values():
        for y in sorted(years):
            for cur in years[y]:
                pairs += [(prev, cur) for prev in years.get(y - 1, [])]
    return pairs


def carry_over(prev: Facts, cur: Facts) -> list:
    """X01: this year's s3 carry_over equals last year's carry_forward, column by column."""
    if not (cur.table_present("s3") and prev.table_present("s3")):
        return []
    if cur.degraded("s3") or prev.degraded("s3"):
        return [finding("X01", cur.report, NOT_ASSESSABLE, section="requests", keys=["s3"],
                        reason="an s3 table is degraded", reason_zh="s3表格未完整识别")]
    out, blank = [], []
    for c in S3_COLUMNS:
        k_now, k_prev = f"s3.carry_over.{c}", f"s3.carry_forward.{c}"
        if k_now not in cur.cells and k_prev not in prev.cells:
            continue
        a, b = cur.value(k_now), prev.value(k_prev)
        if a is None or b is None:
            blank.append(k_now if a is None else f"previous:{k_prev}")
            continue
        if a != b:
            out.append(finding("X01", cur.report, section="requests", page=cur.page(k_now),
                               keys=[k_now, f"previous:{k_prev}"],
                               values={k_now: a, f"previous:{k_prev}": b, "previous_report": prev.report.source.get("sha256")},
                               col=label_zh(c), col_key=c, year=cur.report.year, prev_year=prev.report.year,
                               carry_over=show(a), carry_forward=show(b)))
    if blank:
        out.append(finding("X01", cur.report, NOT_ASSESSABLE, section="requests", keys=blank,
                           reason="blank cells: " + ", ".join(blank), reason_zh="单元格为空"))
    return out


def _metric_value(f: Facts, key: str) -> Decimal | None:
    if key.startswith(("s2.", "s3.", "s4.")):
        return f.value(key)
    return num(f.report.metrics.get(key))


def jumps(prev: Facts, cur: Facts) -> list:
    """X02: a metric that changes by more than the configured factor from one year to the next."""
    p = params("X02")
    factor, floor = Decimal(str(p["factor"])), Decimal(str(p["min_value"]))
    out = []
    for m in p["metrics"]:
        a, b = _metric_value(prev, m), _metric_value(cur, m)
        # Zero is a normal count (no lawsuits this year); a ratio from or to zero says nothing.
        if a is None or b is None or a <= 0 or b <= 0 or max(a, b) < floor:
            continue
        ratio = max(a, b) / min(a, b)
        if ratio > factor:
            out.append(finding("X02", cur.report, keys=[m, f"previous:{m}"],
                               values={m: b, f"previous:{m}": a}, metric=m, prev=show(a), value=show(b),
                               prev_year=prev.report.year, year=cur.report.year, ratio=f"{ratio:.1f}"))
    return out


class _SentenceIndex:
    """Each report's distinctive sentences; template boilerplate shared by much of the batch is dropped."""

    def __init__(self, batch: list[Facts]):
        p = params("X03")
        self.sets: dict[int, dict[str, str]] = {id(f): sentences(f.prose, p["min_sentence_chars"]) for f in batch}
        self.boiler: set[str] = set()
        # Reports of one organisation count once, or ten years of one organ would look like boilerplate.
        orgs: dict[str, set[str]] = defaultdict(set)
        for f in batch:
            orgs[report_org_key(f.report) or str(id(f))].update(self.sets[id(f)])
        if len(orgs) >= 10:
            df = Counter(s for d in orgs.values() for s in d)
            cut = max(3, p["boilerplate_share"] * len(orgs))
            self.boiler = {s for s, n in df.items() if n >= cut}

    def of(self, f: Facts) -> dict[str, str]:
        """Distinctive sentences of a report (masked form → as printed)."""
        return {k: v for k, v in self.sets[id(f)].items() if k not in self.boiler}


def _overlap(mine: dict[str, str], theirs: dict[str, str]) -> tuple[int, int, str]:
    shared = [k for k in mine if k in theirs]
    example = max((mine[k] for k in shared), key=len, default="")
    return len(shared), len(mine), example[:60]


def repeats_previous(sents: _SentenceIndex, prev: Facts, cur: Facts) -> list:
    """X03: this year's text largely repeats last year's (share of sentences found verbatim)."""
    p = params("X03")
    shared, total, example = _overlap(sents.of(cur), sents.of(prev))
    if total < p["min_sentences"] or shared / total < p["threshold"]:
        return []
    return [finding("X03", cur.report, keys=["text", "previous:text"],
                    values={"similarity": round(shared / total, 3), "shared_sentences": shared, "sentences": total,
                            "previous_report": prev.report.source.get("sha256"), "example": example},
                    similarity=f"{shared / total:.0%}", shared=shared, total=total, example=example,
                    prev_year=prev.report.year)]


def same_text_other_orgs(sents: _SentenceIndex, batch: list[Facts]) -> list:
    """X04: reports of different organisations in the same year that share most of their sentences."""
    p, p3 = params("X04"), params("X03")
    index: dict[tuple[int, str], list[Facts]] = defaultdict(list)
    for f in batch:
        if f.report.year:
            for s in sents.of(f):
                index[(f.report.year, s)].append(f)
    out = []
    for f in batch:
        mine = sents.of(f)
        if not f.report.year or len(mine) < p3["min_sentences"]:
            continue
        me = report_org_key(f.report)
        counts: Counter = Counter()
        others: dict[int, Facts] = {}
        for s in mine:
            for g in index[(f.report.year, s)]:
                if g is not f and report_org_key(g.report) != me:
                    counts[id(g)] += 1
                    others[id(g)] = g
        for gid, n in counts.most_common(1):
            if n / len(mine) >= p["threshold"]:
                g = others[gid]
                _, total, example = _overlap(mine, sents.of(g))
                out.append(finding("X04", f.report, keys=["text", "other:text"],
                                   values={"similarity": round(n / total, 3), "shared_sentences": n, "sentences": total,
                                           "other_report": g.report.source.get("sha256"), "example": example},
                                   other_org=g.report.org, similarity=f"{n / total:.0%}", shared=n, total=total,
                                   example=example))
    return out
