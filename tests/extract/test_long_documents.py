"""The shortcuts that keep long documents fast give the results of the full work: a prose line skipped by the
statistics-table reader could hold no row, and a negation pattern skipped for a sentence could not match in it."""
from __future__ import annotations

import random

from report_parser import data
from report_parser.extract import figures, numbers, stats_tables
from report_parser.extract.flattext import Tok
from report_parser.model import Block, Document, Provenance


def test_no_indicator_label_or_group_holds_a_full_stop():
    # _plain_prose relies on it: a 。 outside brackets survives label_norm, so such a line has no label
    cfg = data.load("legacy_stats.yaml")
    words = [w for spec in cfg["rows"].values() for w in spec["labels"]] + list(cfg["groups"])
    assert words and not [w for w in words if "。" in stats_tables.label_norm(w) or "。" in w]


def _line(text: str, row: int | None = None) -> list[Tok]:
    return [Tok(text, 0, len(text), 1, row=row)]


def test_plain_prose_is_only_what_no_lookup_can_key():
    prose = "2017年，我镇全面贯彻落实信息公开条例要求，不断完善制度建设，提升主动公开信息质量，加大重点领域信息公开力度。"
    assert stats_tables._plain_prose(_line(prose))
    # each of these could hold a label: short, a bracketed note (which label_norm removes), spaces, a grid row
    for text in ("主动公开信息数。", "主动公开信息数（" + prose + "）", prose.replace("，", " ", 1),
                 prose.replace("。", "（一）。")):
        assert not stats_tables._plain_prose(_line(text)), text
    assert not stats_tables._plain_prose(_line(prose, row=3))
    assert not stats_tables._plain_prose(_line(prose) + _line(prose))


def test_reader_result_is_the_same_with_and_without_the_prose_shortcut(monkeypatch):
    lines = ["指标名称 计量单位 本年度 历年累计", "主动公开信息数 条 120 3400", "一、依申请公开情况",
             "受理申请数 件 5 40",
             "2017年，我镇全面贯彻落实信息公开条例要求，不断完善制度建设，提升主动公开信息质量，加大重点领域信息公开力度。",
             "主动公开信息数 条 7 30", "全文电子化信息数 条 110 3000"]
    toks = [Tok(t, i * 100, i * 100 + len(t), 1) for i, t in enumerate(lines)]

    def read() -> list:
        tables = stats_tables._Reader().read([[t] for t in toks])
        return [[(r.key, [v.text for v in r.values]) for r in tab.rows] for tab in tables]

    fast = read()
    monkeypatch.setattr(stats_tables, "_plain_prose", lambda line: False)
    assert read() == fast and [k for k, _ in fast[0]] == ["legacy.active.items", "legacy.requests.received"]


def _doc(text: str) -> Document:
    doc = Document(path="x.txt", sha256="0", format="txt",
                   blocks=[Block(kind="paragraph", text=text, raw=text, prov=Provenance(page=1))])
    doc.finalise()
    return doc


def test_negation_candidates_find_what_trying_every_pattern_finds():
    _, _, negations = figures._config()
    pieces = ["2019年未收到政府信息公开申请。", "本年度无依申请公开事项。", "未发生因政府信息公开申请行政复议、行政诉讼的情况。",
              "全年共收到申请12件。", "行政复议:无。", "依申请公开数量为0。", "政府信息公开工作稳步推进。",
              "没有人提出政府信息公开申请。", "未出现舆情。", "未收取任何费用。"]
    r = random.Random(5)
    for _ in range(20):
        text = "".join(r.choice(pieces) for _ in range(12))
        doc = _doc(text)
        prose = figures._prose_text(doc, ())
        spans = [m.span() for m in figures.SENTENCE.finditer(prose)]
        which = figures._negation_candidates(negations, prose, spans)
        where = figures._Blocks(doc)
        for (s, e), ks in zip(spans, which):
            assert figures._negated(negations, doc, where, [], prose, s, e, None, ks) == \
                figures._negated(negations, doc, where, [], prose, s, e, None)
    assert all(numbers.first_chars(p.pattern) for p, _ in negations)  # every pattern gets a prefilter today


def test_number_runs_are_blanked_the_same_without_pipes():
    text = "表中 12 30 45 为数据,共收到申请12件。一 | 二 | 三"
    for t in (text, text.replace("|", "、")):
        want = figures._TABLE_RUN.sub(lambda m: "#" * len(m.group(0)), t)
        got = (figures._TABLE_RUN if "|" in t else figures._NUMBER_RUN_ONLY).sub(lambda m: "#" * len(m.group(0)), t)
        assert got == want
