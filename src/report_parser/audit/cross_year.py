"""Cross-report rules: carry-over vs last year's carry-forward, in_force, jumps, repeated text (X05: copy_rate)."""
from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal
from typing import Iterable

from . import arithmetic, copy_rate
from .catalogue import NOT_ASSESSABLE, finding, label_zh, num, params, show
from .facts import S3_COLUMNS, Facts, sentences
from .. import lazyre

_YEAR = lazyre.compile(r"(?:19|20)\d{2}年")


def check(batch: list[Facts]) -> list:
    """All cross-report findings of a batch of reports."""
    out: list = []
    pairs, ambiguous = consecutive_pairs(batch)
    for prev, cur in pairs:
        out += carry_over(prev, cur)
        out += arithmetic.in_force(prev, cur)
        out += jumps(prev, cur)
    for f, year in ambiguous:
        out.append(finding("X01", f.report, NOT_ASSESSABLE, section="requests", keys=["year"],
                           values={"year": year}, reason=f"several different reports of this organisation claim "
                           f"{year}, so last year's report is uncertain",
                           reason_zh=f"该机关有多份不同的{year}年报告，无法确定上一年度报告"))
    sents = _SentenceIndex(batch)
    for prev, cur in pairs:
        copied = repeats_previous(sents, prev, cur)
        out += copied
        if not any(x.section is None for x in copied):  # X03 already says the whole text repeats, verbatim
            out += copy_rate.check(prev, cur)
    out += same_text_other_orgs(sents, batch)
    return out


def consecutive_pairs(batch: Iterable[Facts]) -> tuple[list[tuple[Facts, Facts]], list[tuple[Facts, int]]]:
    """(year Y-1, year Y) report pairs of the same organisation, and reports left unpaired as ambiguous.

    One organ may hold the same report twice (a .docx and its .pdf): copies that agree are one report.
    Copies that disagree (typically a wrong year in one title, when no statistics period is known)
    make both years uncertain, and a guess would accuse the wrong report."""
    by_org: dict[str, dict[int, list[Facts]]] = defaultdict(lambda: defaultdict(list))
    for f in batch:
        key = f.org_key
        if key and f.period_year:
            by_org[key][f.period_year].append(f)
    pairs, ambiguous = [], []
    for years in by_org.values():
        clear = {y: _agree(fs) for y, fs in years.items()}
        for y in sorted(years):
            prev = years.get(y - 1)
            if not prev:
                continue
            if clear[y] and clear[y - 1]:
                pairs += [(prev[0], cur) for cur in years[y]]
            else:
                ambiguous += [(cur, y if not clear[y] else y - 1) for cur in years[y]]
    return pairs, ambiguous


def _agree(fs: list[Facts]) -> bool:
    """Whether reports claiming the same organisation and year carry the same s3 carry-over/forward cells."""
    def sig(f: Facts):
        return tuple((k, c.value) for k, c in sorted(f.cells.items()) if k.startswith(("s3.carry_", "s2.art20_1.")))

    return len({sig(f) for f in fs}) == 1


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
    """Each report's distinctive sentences, verbatim; template boilerplate shared by much of the batch is dropped.

    Sentences are compared as printed, numbers included: a copy that kept last year's dates and counts
    is the tell-tale, while a template sentence with this year's numbers is not a copy.
    """

    def __init__(self, batch: list[Facts]):
        p = params("X03")
        n = p["min_sentence_chars"]
        self.whole: dict[int, list[str]] = {id(f): sentences(f.prose, n) for f in batch}
        self.parts: dict[int, dict[str, list[str]]] = {
            id(f): {k: sentences(t, n) for k, t in f.section_prose.items()} for f in batch}
        # Reports of one organisation count once, or ten years of one organ would look like boilerplate.
        orgs: dict[str, set[str]] = defaultdict(set)
        for f in batch:
            orgs[f.org_key or str(id(f))].update(self.whole[id(f)])
        self.boiler: set[str] = set()
        if len(orgs) >= 10:
            df = Counter(s for d in orgs.values() for s in d)
            cut = max(3, p["boilerplate_share"] * len(orgs))
            self.boiler = {s for s, k in df.items() if k >= cut}

    def of(self, f: Facts) -> list[str]:
        """Distinctive sentences of a whole report."""
        return [s for s in self.whole[id(f)] if s not in self.boiler]

    def section(self, f: Facts, key: str) -> list[str]:
        """Sentences of one section of a report (empty without the text). Template sentences stay when they
        carry a year: a part repeated word for word with last year's dates is a copy even in common phrases."""
        return [s for s in self.parts[id(f)].get(key, []) if s not in self.boiler or _YEAR.search(s)]


def _overlap(mine: list[str], theirs: Iterable[str]) -> tuple[int, int, str]:
    other = set(theirs)
    shared = [s for s in mine if s in other]
    return len(shared), len(mine), max(shared, key=len, default="")[:60]


def repeats_previous(sents: _SentenceIndex, prev: Facts, cur: Facts) -> list:
    """X03: this year's text, or one of its parts, largely repeats last year's (sentences found verbatim)."""
    p = params("X03")
    shared, total, example = _overlap(sents.of(cur), sents.of(prev))
    if total >= p["min_sentences"] and shared / total >= p["threshold"]:
        return [_x03(cur, prev, None, shared, total, example)]
    out = []
    for key in sorted(set(sents.parts[id(cur)]) & set(p["sections"])):
        mine = sents.section(cur, key)
        shared, total, example = _overlap(mine, sents.section(prev, key))
        # A whole part copied (its problems and plans word for word, last year's dates included).
        if total >= p["section_min_sentences"] and shared / total >= p["section_threshold"] \
                and sum(map(len, mine)) >= p["section_min_chars"]:
            out.append(_x03(cur, prev, key, shared, total, example))
    return out


def _x03(cur: Facts, prev: Facts, section: str | None, shared: int, total: int, example: str):
    return finding("X03", cur.report, section=section, keys=[f"text:{section or 'all'}", "previous:text"],
                   values={"similarity": round(shared / total, 3), "shared_sentences": shared, "sentences": total,
                           "previous_report": prev.report.source.get("sha256"), "example": example},
                   similarity=f"{shared / total:.0%}", shared=shared, total=total, example=example,
                   prev_year=prev.report.year, part=section or "全文", part_en=section or "whole text")


def same_text_other_orgs(sents: _SentenceIndex, batch: list[Facts]) -> list:
    """X04: reports of different organisations in the same year that share most of their sentences."""
    p = params("X04")
    index: dict[tuple[int, str], list[Facts]] = defaultdict(list)
    for f in batch:
        if f.period_year:
            for s in sents.of(f):
                index[(f.period_year, s)].append(f)
    out = []
    for f in batch:
        mine = sents.of(f)
        if not f.period_year or len(mine) < p["min_sentences"]:
            continue
        me = f.org_key
        counts: Counter = Counter()
        others: dict[int, Facts] = {}
        for s in mine:
            for g in index[(f.period_year, s)]:
                if g is not f and g.org_key != me:
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
