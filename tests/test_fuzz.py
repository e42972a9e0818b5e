"""Property tests: number parser, segmenter, flattened-table reader and readers never crash on any input.

Bounded in CI; raise the counts by hand with REPORT_PARSER_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py.
"""
from __future__ import annotations

import os
import tempfile
import warnings
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from make_hostile import report_html
from report_parser.extract import figures, numbers, segment, tables
from report_parser.model import PARAGRAPH, TABLE, Block, Document
from report_parser.pipeline import parse_file
from report_parser.record import Cell, Section

EXAMPLES = int(os.environ.get("REPORT_PARSER_FUZZ_EXAMPLES", "0") or 0)
FAST = settings(max_examples=EXAMPLES or 150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
READERS = settings(max_examples=EXAMPLES or 25, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SEED = Path(__file__).resolve().parents[1] / "corpus" / "seed"

# Pieces of report text, so random strings hit the parsers' real paths (labels, numbers, units, numbering).
VOCAB = [
    "一、", "二、", "四、", "（一）", "(二)", "1.", "3、", "①", "第一部分", "总体情况", "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况", "行政复议", "行政诉讼", "存在的主要问题及改进情况", "其他需要报告的事项",
    "本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "予以公开", "部分公开", "不予公开",
    "无法提供", "不予处理", "其他处理", "总计", "结转下年度继续办理", "自然人", "商业企业", "法律服务机构",
    "第二十条第（一）项", "规章", "行政规范性文件", "本年制发件数", "本年收费金额（单位：万元）", "信息内容",
    "结果维持", "结果纠正", "尚未审结", "申请人情况", "其中", "累计", "同比增长", "共", "收到", "受理", "未收到",
    "0", "12", "1,234.56", "４３８", "0.12", "-8", "+1036", "/", "—", "-", "无", "三百零五", "两", "十一", "百",
    "万", "亿", "余", "多", "近", "约", "超", "条", "件", "起", "次", "%", "万元", "元", "人次",
    "|", "\t", "\n", "\n\n", " ", "　", "，", "。", "：", "（", "）", "(", ")", "年", "2019", "2021年", "号",
]
report_text = st.lists(st.one_of(st.sampled_from(VOCAB), st.text(max_size=6)), max_size=80).map("".join)


def _doc(text: str) -> Document:
    blocks = [Block(kind=PARAGRAPH, text=line, raw=line) for line in text.split("\n") if line]
    return Document(path="fuzz.txt", sha256="0" * 64, format="txt", blocks=blocks).finalise()


def _is_decimal_text(v) -> bool:
    return v is None or (isinstance(v, str) and Decimal(v).is_finite())


@FAST
@given(report_text)
def test_number_parser_never_raises_and_returns_exact_types(s):
    n = numbers.parse_number(s)
    assert n is None or isinstance(n, Decimal)
    c = numbers.chinese_to_int(s)
    assert c is None or isinstance(c, int)
    for q in numbers.find_quantities(s):
        assert q.value is None or isinstance(q.value, Decimal)
        assert 0 <= q.start <= q.end <= len(s)
        assert isinstance(q.raw, str)
    q = numbers.parse_quantity(s)
    assert q is None or q.value is None or isinstance(q.value, Decimal)


@FAST
@given(report_text, st.sampled_from([None, "pre2019", "gb2019", "gb2021"]))
def test_segmenter_never_raises_and_spans_stay_in_the_text(s, era):
    doc = _doc(s)
    sections, missing = segment.segment(doc, era)
    assert all(isinstance(x, str) for x in missing)
    for sec in sections:
        assert isinstance(sec, Section) and isinstance(sec.key, str)
        assert 0 <= sec.start <= sec.end <= len(doc.text)


@FAST
@given(report_text)
def test_flattened_table_reader_never_raises_and_values_are_exact(s):
    doc = _doc(s)
    result = tables.extract(doc, [])
    for cell in result.cells:
        assert isinstance(cell, Cell)
        assert cell.key.startswith(("s2.", "s3.", "s4."))
        assert _is_decimal_text(cell.value), cell


@FAST
@given(st.lists(st.lists(st.one_of(st.sampled_from(VOCAB), st.text(max_size=4)), min_size=1, max_size=16),
                min_size=1, max_size=30))
def test_grid_reader_never_raises_on_ragged_tables(rows):
    width = max(len(r) for r in rows)
    grid = [r + [""] * (width - len(r)) for r in rows]
    block = Block(kind=TABLE, text="", raw="", rows=grid, rows_raw=grid,
                  covered=[[False] * width for _ in grid], row_pages=[1] * len(grid))
    doc = Document(path="fuzz.html", sha256="0" * 64, format="html", blocks=[block]).finalise()
    for cell in tables.extract(doc, []).cells:
        assert _is_decimal_text(cell.value), cell


@FAST
@given(report_text)
def test_figure_extractor_never_raises_and_values_are_exact(s):
    doc = _doc(s)
    for f in figures.extract(doc, [], exclude=[]):
        assert _is_decimal_text(f.value), f
        assert 0 <= f.span[0] <= f.span[1] <= len(doc.text)


def _seeds() -> list[tuple[str, bytes]]:
    out = [("seed.html", report_html())]
    for name in ("qianwei-2017.docx", "qianwei-2017.pdf", "qianwei-2017.txt"):
        if (SEED / name).exists():
            out.append((name, (SEED / name).read_bytes()))
    return out


SEEDS = _seeds()
mutation = st.tuples(
    st.integers(0, len(SEEDS) - 1),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=12),  # byte flips at relative offsets
    st.one_of(st.none(), st.floats(0, 1)),  # truncate at a relative offset
    st.one_of(st.none(), st.binary(max_size=64)),  # junk spliced in at the middle
)


@READERS
@given(mutation)
def test_readers_survive_mutated_real_files(m):
    index, flips, cut, junk = m
    name, data = SEEDS[index]
    buf = bytearray(data)
    for where, byte in flips:
        if buf:
            buf[min(int(where * len(buf)), len(buf) - 1)] = byte
    if cut is not None:
        del buf[int(cut * len(buf)):]
    if junk:
        mid = len(buf) // 2
        buf[mid:mid] = junk
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / name
        p.write_bytes(bytes(buf))
        # strict: a reader bug raises here; library warnings on damaged files are not failures.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            report = parse_file(p, {"strict": True, "ocr": False, "timeout": 30})
    assert report.status in ("ok", "partial", "failed", "skipped")
    if report.status == "failed":
        assert report.issues and report.issues[0].code.isupper()
        assert name in report.issues[0].message


@pytest.mark.parametrize("name", [n for n, _ in SEEDS])
def test_every_fuzz_seed_parses_unmutated(tmp_path, name):
    p = tmp_path / name
    p.write_bytes(dict(SEEDS)[name])
    assert parse_file(p, {"strict": True, "ocr": False}).status in ("ok", "partial")
