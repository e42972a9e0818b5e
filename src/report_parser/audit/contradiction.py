"""Internal contradictions: a statement in the prose that the report's own table denies."""
from __future__ import annotations


from .catalogue import NOT_ASSESSABLE, finding, label_zh, num, params, show
from .facts import Facts
from .. import lazyre

_SENTENCE_END = lazyre.compile(r"[。；;！!？?\n]+")
_SPACE = lazyre.compile(r"\s+")


def check(f: Facts) -> list:
    """All internal-contradiction findings of one report."""
    return [*all_completed(f), *zero_in_prose(f)]


def section_sentences(f: Facts, sections: list[str]) -> list[tuple[str, str]]:
    """(section, sentence) of the given parts: from the text, or from the figures' sentences without it."""
    out: dict[tuple[str, str], None] = {}
    if f.section_prose:
        for key in sections:
            for s in _SENTENCE_END.split(f.section_prose.get(key, "")):
                out.setdefault((key, _SPACE.sub("", s)), None)
    else:
        for x in f.report.figures:
            if x.section in sections and x.text:
                for s in _SENTENCE_END.split(x.text):
                    out.setdefault((x.section, _SPACE.sub("", s)), None)
    return [k for k in out if k[1]]


def completion_claim(sentence: str, p: dict) -> str | None:
    """The phrase by which a sentence says every disclosure request of the year was completed, if it does."""
    claim = next((c for c in p["claims"] if c in sentence), None)
    if claim is None or not any(w in sentence for w in p["subject"]):
        return None
    if any(w in sentence for w in p["other_subjects"] + p["narrowing"]):
        return None
    return claim


def all_completed(f: Facts) -> list:
    """P05: a sentence says all requests were completed while s3 carries some forward."""
    p = params("P05")
    claims = [(sec, s, c) for sec, s in section_sentences(f, p["sections"]) if (c := completion_claim(s, p))]
    cell = p["cell"]
    if not claims or not f.table_present(cell.split(".")[0]):
        return []
    sec, sentence, claim = claims[0]
    if f.degraded("s3") or f.value(cell) is None:
        return [finding("P05", f.report, NOT_ASSESSABLE, section=sec, keys=[cell],
                        reason=f"table value {cell} not readable", reason_zh="表格数值无法读取")]
    forward = f.value(cell)
    if forward <= 0:
        return []
    return [finding("P05", f.report, section=sec, page=f.page(cell), keys=["text", cell],
                    values={"text": sentence, cell: forward}, claim=sentence, carry_forward=show(forward))]


def zero_in_prose(f: Facts) -> list:
    """P06: a quantity stated as zero in prose is printed non-zero in a cell of the same meaning."""
    out = []
    for metric, cells in params("P06")["pairs"].items():
        zeros = [(i, x) for i, x in enumerate(f.report.figures)
                 if x.metric == metric and x.kind == "annual" and num(x.value) == 0]
        if not zeros:
            continue
        for cell in cells:
            value = f.value(cell)
            if value is None or value == 0 or f.degraded(cell.split(".")[0]):
                continue  # absent, blank or agreeing: nothing contradicts the prose
            i, x = zeros[0]
            fig = f"figure[{i}]:{metric}"
            out.append(finding("P06", f.report, section=x.section, page=f.page(cell) or x.page, keys=[fig, cell],
                               values={fig: x.value, cell: value}, prose=x.raw, cell=cell, label=label_zh(cell),
                               table=show(value)))
            break
    return out
