"""Decide whether a document is an annual disclosure report (政府信息公开工作年度报告) or something else."""
from __future__ import annotations

import re
from functools import lru_cache

from .. import data
from ..model import Document
from .. import lazyre
from . import positions

# A report names itself: "…政府信息公开工作年度报告", "…信息公开年报", "…信息公开工作报告".
_SELF_NAMED = lazyre.compile(r"(?:政府)?信息公开[^。\n]{0,12}?(?:年度报告|年报|工作报告)|年度报告[^。\n]{0,6}?信息公开")
# A title line: no sentence punctuation, ends with 报告/年报 (a bracketed year may follow).
_REPORT_TITLE = lazyre.compile(r"^[^。，,；;]*(?:报告|年报)(?:\s*[(（][^()（）]*[)）])?$")
# Part headings of either era; two of them make a report whatever the title says.
_PARTS = lazyre.compile(r"主动公开|依申请公开|收到和处理政府信息公开申请|行政复议|存在的主要问题|总体情况|概述")


@lru_cache(maxsize=1)
def _part_heading_core() -> str:
    """The numbering and a title of the proactive, request or review part, by its titles in data/sections.yaml."""
    # As only a report prints it (二、主动公开政府信息的情况): a later page of a report split over several web pages
    # starts there, without the title or the intro that name it. Only titles naming 政府信息 (a legal-affairs report
    # prints 四、行政复议和行政诉讼情况 too).
    cfg = data.load("sections.yaml")
    titles = sorted({v for k in ("active", "requests", "review_litigation") for v in cfg["keys"][k] if "政府信息" in v},
                    key=len, reverse=True)
    return r"[一二三四五六七八九十]{1,2}[、.．][ \t\u3000]*(?:" + "|".join(map(re.escape, titles)) + ")"


def _part_heading() -> re.Pattern[str]:
    """A numbered heading line of the proactive, request or review part."""
    return lazyre.compile(r"^[ \t\u3000]*" + _part_heading_core() + r"[^。，,；;\n]{0,12}$", re.M)


def _flat_part_heading(doc: Document, text: str) -> bool:
    """The same heading on a page flattened to one line: after a break, and ended where the file had a space."""
    # (normalisation glues the heading to the sentence after it: "| 二、主动公开政府信息的情况各政府机关…")
    for m in lazyre.compile(r"(?:^|(?<=[\s|。]))" + _part_heading_core()).finditer(text):
        if text[m.end():m.end() + 1].isspace() or positions.raw_spaces(doc, m.end(), m.end() + 1):
            return True
    return False


_NUMBERED = lazyre.compile(r"[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十]{1,3}[)）]")

# What other documents look like, judged on the title area only (the first lines).
_OTHER_KINDS = (
    ("notice", lazyre.compile(r"^关于.{0,60}(?:通知|公告|通告|函)$")),
    ("news", lazyre.compile(r"召开|举办|举行|部署会|培训会|推进会|座谈会|工作会议|开展.{0,10}(?:培训|督查|检查)")),
    ("budget", lazyre.compile(r"(?:部门|单位|财政|政府)?(?:预算|决算)(?:报告|公开|说明|草案|情况)?")),
)
_DESCRIBE = {
    "budget": "a budget or final-account report (预算/决算)",
    "notice": "a notice about reports (关于…的通知)",
    "news": "a news item about disclosure work (a meeting or training)",
    "unrelated": "a page that does not mention 政府信息公开 reporting",
}


def classify(doc: Document) -> tuple[str, str] | None:
    """None when the document is an annual disclosure report, else (code, message)."""
    text = doc.text or ""
    if len(text.strip()) < 80:
        return None  # too little text to judge; readers report empty or scanned files themselves
    head_lines = [ln.strip() for ln in text[:600].split("\n") if ln.strip()][:5]
    head = "\n".join(head_lines)
    self_named = bool(_SELF_NAMED.search(text[:3000]))
    parts = len(set(_PARTS.findall(text)))
    name = (doc.path or "document").rsplit("/", 1)[-1]
    # (a line ending in a full stop is a sentence, not a title: a short opening sentence, 2018年,县政府召开了2次…会议…。,
    # printed as a paragraph of its own, is no news item's headline)
    titles = [ln for ln in head_lines if len(ln) <= 60 and not ln.endswith(("。", "；", ";"))]
    notice_or_news = [pat for _, pat in _OTHER_KINDS[:2]]
    # The report's own title ("…2019年政府信息公开工作年度报告") settles it, whatever chrome surrounds it.
    if any(_REPORT_TITLE.search(t) and _SELF_NAMED.search(t) and not any(p.search(t) for p in notice_or_news)
           for t in titles):
        return None
    # A notice or news item about the reports is judged by its own title, before the self-naming
    # test (its title quotes "…年度报告"); the report's parts in the body still overrule it.
    # A numbered heading ((一)…工作开展、部署、学习培训情况) is a part of a document, never a news item's title:
    # an excerpt that starts with its first part has no title line at all.
    unnumbered = [t for t in titles if not _NUMBERED.match(t)]
    for kind, pat in _OTHER_KINDS[:2]:
        if parts < 3 and any(pat.search(t) for t in unnumbered[:2]):
            return "NOT_ANNUAL_REPORT", f"{name}: looks like {_DESCRIBE[kind]}, not a 政府信息公开工作年度报告"
    # Being conservative: anything that names itself a disclosure report in its opening, or has the
    # parts of one, is a report, even with a budget table quoted inside.
    if _SELF_NAMED.search(head) or (self_named and parts >= 2) or parts >= 4 or _part_heading().search(text[:5000]) \
            or len(head_lines) == 1 and _flat_part_heading(doc, text[:5000]):
        return None
    kind, pat = _OTHER_KINDS[2]
    if any(pat.search(t) for t in titles):
        return "NOT_ANNUAL_REPORT", f"{name}: looks like {_DESCRIBE[kind]}, not a 政府信息公开工作年度报告"
    # an excerpt of a report may speak only of 政务公开 (the wider term) under two of its part headings
    if not self_named and "信息公开" not in text and not (parts >= 2 and "政务公开" in text):
        return "NOT_ANNUAL_REPORT", f"{name}: looks like {_DESCRIBE['unrelated']}, not a 政府信息公开工作年度报告"
    return None
