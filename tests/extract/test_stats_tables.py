"""pre2019 statistics tables (统计表/附表) → legacy.* cells: labels, null markers, round trips, resolution."""
from __future__ import annotations

import json
import random
import shutil
import subprocess
import unicodedata
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from report_parser import parse_file, readers
from report_parser.evaluate import one_line
from report_parser.extract import stats_tables

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
SHARED = ROOT.parent / "shared"

# key, printed label variants (local 2008–2013 tables and the 2014 national table), unit printed.
ROWS = [
    ("legacy.active.items", ["主动公开信息数", "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "一、主动公开信息条目数"], "条"),
    ("legacy.active.electronic", ["其中：全文电子化", "其中:全文电子化信息数"], "条"),
    ("legacy.active.normative_docs", ["其中：主动公开规范性文件数"], "件"),
    ("legacy.requests.received", ["申请总数", "（一）收到申请数", "受理申请总数"], "件"),
    ("legacy.requests.by_channel.in_person", ["其中：当面申请数", "1.当面申请数"], "件"),
    ("legacy.requests.by_channel.fax", ["传真申请数", "2.传真申请数"], "件"),
    ("legacy.requests.by_channel.email", ["电子邮件申请数"], "件"),
    ("legacy.requests.by_channel.online", ["网上申请数", "3.网络申请数"], "件"),
    ("legacy.requests.by_channel.letter", ["信函申请数", "4.信函申请数"], "件"),
    ("legacy.requests.by_channel.other", ["其他形式申请数"], "件"),
    ("legacy.replies.total", ["对申请的答复总数", "（三）申请答复数"], "件"),
    ("legacy.replies.open", ["其中：同意公开", "2.同意公开答复数"], "件"),
    ("legacy.replies.partial", ["同意部分公开", "3.同意部分公开答复数"], "件"),
    ("legacy.replies.refused", ["否决公开", "4.不同意公开答复数"], "件"),
    ("legacy.replies.not_gov_info", ["否决理由：“非《条例》所指政府信息”", "不是《条例》所指政府信息"], "件"),
    ("legacy.replies.not_exist", ["“信息不存在”", "6.申请信息不存在数"], "件"),
    ("legacy.replies.not_held", ["“非本部门掌握”", "5.不属于本行政机关公开数"], "件"),
    ("legacy.replies.unclear", ["“申请内容不明确”"], "件"),
    ("legacy.review", ["行政复议数", "四、行政复议数量"], "件"),
    ("legacy.litigation", ["行政诉讼数", "五、行政诉讼数量"], "件"),
    ("legacy.appeals", ["行政申诉数"], "件"),
    ("legacy.complaints", ["六、举报投诉数量"], "件"),
    ("legacy.fees_yuan", ["收费", "七、依申请公开信息收取的费用"], "万元"),
    ("legacy.website_visits", ["网站专栏页面访问量"], "人次"),
    ("legacy.consultations.on_site", ["现场接待人数"], "人次"),
    ("legacy.consultations.online", ["网上咨询数"], "人次"),
    ("legacy.consultations.phone", ["咨询电话接听数"], "人次"),
    ("legacy.response.hot_topics", ["（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）"], "次"),
    ("legacy.response.press_conferences", ["1.参加或举办新闻发布会总次数"], "次"),
    ("legacy.response.interviews", ["2.政府网站在线访谈次数"], "次"),
    ("legacy.response.interpretations", ["3.政策解读稿件发布数"], "篇"),
    ("legacy.staff.full_time", ["1.专职人员数（不包括政府公报及政府网站工作人员数）"], "人"),
    ("legacy.staff.part_time", ["2.兼职人员数"], "人"),
    ("legacy.funding_wan", ["（四）政府信息公开专项经费", "专项经费"], "万元"),
    ("legacy.training.sessions", ["（二）举办各类培训班数"], "次"),
    ("legacy.training.attendees", ["（三）接受培训人员数"], "人次"),
]

LABEL_CASES = [(lab, key) for key, labs, _ in ROWS for lab in labs] + [
    ("其中：当面申请数（件）", "legacy.requests.by_channel.in_person"),
    ("（ 二 ） 申请答复数", "legacy.replies.total"),
    ("行政复议 数 量", "legacy.review"),
    ("收费（元）", "legacy.fees_yuan"),
    ("①电子邮件申请数", "legacy.requests.by_channel.email"),
    ("3 申请总数", "legacy.requests.received"),
]


@pytest.mark.parametrize("label,key", LABEL_CASES)
def test_label_variants_find_their_key(label, key):
    assert stats_tables.lookup(label)[0] == key


@pytest.mark.parametrize("label", ["主动公开情况", "其中：涉及国家秘密", "被依法纠错数", "2.政府网站公开政府信息数",
                                   "本年度共主动公开政府信息120条。", "行政复议和行政诉讼情况", "其他情形数"])
def test_other_labels_have_no_key(label):
    assert stats_tables.lookup(label)[0] is None


@pytest.mark.parametrize("label,unit", [("收费（万元）", "万元"), ("主动公开信息数 条", "条"), ("咨询数(人次)", "人次"),
                                        ("主动公开信息数", None)])
def test_a_unit_printed_with_the_label_is_read(label, unit):
    assert stats_tables.lookup(label)[1] == unit


# ---------------------------------------------------------------- generated tables

LAYOUTS = {  # header cells: seq?, label, unit?, value columns
    "full": ["序号", "指标名称", "计量单位", "本年度", "历年累计"],
    "no_seq": ["指标名称", "计量单位", "本年度", "历年累计"],
    "annual_only": ["指标名称", "计量单位", "本年度"],
    "national": ["统计指标", "单位", "统计数"],
    "no_unit_col": ["项目", "本年度", "历年累计"],
}
NULLS = ["/", "—", "-", "无", ""]


def _value(rng: random.Random, unit: str) -> str:
    if unit == "万元":
        return rng.choice(["0", f"{rng.randint(0, 99)}.{rng.randint(1, 99):02d}", str(rng.randint(1, 30))])
    return str(rng.choice([0, rng.randint(0, 40), rng.randint(0, 9999)]))


def make_table(seed: int, layout: str, free: bool = False) -> tuple[list[list[str]], dict[str, tuple[str | None, str]]]:
    """A printed statistics table (header + rows) and the cells it must give: key → (value, raw)."""
    rng = random.Random(seed)
    header = LAYOUTS[layout]
    rows = sorted(rng.sample(range(len(ROWS)), rng.randint(5, 12)))
    vcols = header[header.index("统计指标" if layout == "national" else "项目" if layout == "no_unit_col"
                                else "指标名称") + 1:]
    vcols = [c for c in vcols if c not in ("计量单位", "单位")]
    grid, want = [header], {}
    for n, i in enumerate(rows, 1):
        key, labels, unit = ROWS[i]
        label = rng.choice(labels)
        if layout == "no_unit_col":
            label += f"（{unit}）" if rng.random() < 0.5 else ""
        row = ([str(n)] if "序号" in header else []) + [label] + ([unit] if len(header) - len(vcols) - header.count("序号") > 1 else [])
        for col in vcols:
            k = key + ("_cumulative" if col == "历年累计" else "")
            if rng.random() < 0.2:
                raw = rng.choice(NULLS[:-1] if free else NULLS)
                want[k] = (None, raw)
            else:
                raw = _value(rng, unit)
                value = raw
                if key == "legacy.fees_yuan" and (unit == "万元" and (layout != "no_unit_col" or "万元" in label)):
                    value = _norm_dec(Decimal(raw) * 10000)
                elif key == "legacy.fees_yuan" and layout == "no_unit_col":
                    pass  # no printed unit: the key's own unit (元)
                want[k] = (value, raw)
            row.append(raw)
        grid.append(row)
    return grid, want


def _norm_dec(d: Decimal) -> str:
    s = format(d, "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


PROSE = ["青溪镇人民政府2012年政府信息公开工作年度报告", "",
         "本年度报告根据《中华人民共和国政府信息公开条例》要求编制，统计期限自2012年1月1日起至2012年12月31日止。", "",
         "一、概述", "", "2012年，我镇扎实推进政府信息公开工作，各项工作运行正常。", "",
         "二、主动公开政府信息情况", "", "我镇通过政府网站、公开栏等渠道主动公开政府信息。", "",
         "三、依申请公开政府信息办理情况", "", "我镇按照规定程序办理政府信息公开申请，均在法定期限内答复。", "",
         "四、存在的主要问题及改进措施", "", "信息更新的及时性还需提高，下一步将加强培训。", "",
         "五、附表", "", "青溪镇政府信息公开情况统计表", ""]


def text_form(grid: list[list[str]], style: str) -> str:
    """The table flattened into text the ways web copies and converters print it."""
    out = []
    for i, row in enumerate(grid):
        if style == "pipe":
            out.append("| " + " | ".join(row) + " |")
        elif style == "markdown":
            out.append("| " + " | ".join(row) + " |")
            if i == 0:
                out.append("|" + "---|" * len(row))
        elif style == "tab":
            out.append("\t".join(row))
        elif style == "lines":
            out += [c for c in row] + [""]
        elif style in ("space", "oneline"):
            out.append(" ".join(row))
    text = "\n".join(PROSE + out + ["", "青溪镇人民政府", "2013年3月20日"]) + "\n"
    if style == "oneline":
        # the whole page joined into one line, as a scraper that dropped every <p> and <tr> gives it: the header
        # reaches the reader glued to the paragraph before it (the normaliser joins CJK words across a space)
        return one_line(text) + "\n"
    return text


def _legacy(report) -> dict[str, tuple[str | None, str]]:
    return {c.key: (c.value, c.raw) for c in report.cells if c.key.startswith("legacy.")}


def _parse(path: Path):
    rep = parse_file(path, {"strict": True})
    jsonschema.validate(rep.to_dict(), SCHEMA)
    return rep


STYLES = ["pipe", "markdown", "tab", "lines", "space", "oneline"]


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("style", STYLES)
def test_tables_flattened_into_text_come_back_exact(tmp_path, style, layout, seed):
    # Blank cells vanish from these (a tab row's trailing blank too): the generator prints a marker.
    free = style in ("lines", "space", "tab", "oneline")
    grid, want = make_table(seed, layout, free=free)
    p = tmp_path / "r.txt"
    p.write_text(text_form(grid, style), encoding="utf-8")
    rep = _parse(p)
    assert rep.era == "pre2019"
    assert _legacy(rep) == want
    assert [t.status for t in rep.tables if t.table == "legacy"] == ["matched"]


def write_docx(grid: list[list[str]], path: Path, group_col: bool = False) -> None:
    """The report as .docx with the table as a Word table; group_col adds a merged group column."""
    import docx

    d = docx.Document()
    for line in PROSE:
        if line:
            d.add_paragraph(line)
    li = 1 if grid[0][0] == "序号" else 0  # the label column; a group column goes right before it
    rows = [r[:li] + [""] + r[li:] for r in grid] if group_col else grid
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = "Table Grid"  # ruled, as statistics tables are printed
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    if group_col:
        t.cell(0, li).merge(t.cell(0, li + 1)).text = grid[0][li]  # 指标名称 over group and label
        t.cell(1, li).merge(t.cell(len(rows) - 1, li)).text = "一、基本情况"
    d.add_paragraph("青溪镇人民政府")
    d.save(str(path))


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("group_col", [False, True], ids=["plain", "merged_group"])
def test_word_tables_come_back_exact(tmp_path, layout, seed, group_col):
    grid, want = make_table(seed, layout)
    p = tmp_path / "r.docx"
    write_docx(grid, p, group_col)
    rep = _parse(p)
    assert _legacy(rep) == want
    if group_col:
        assert all(c.label[0] == "一、基本情况" for c in rep.cells if c.key.startswith("legacy."))


def html_form(grid: list[list[str]]) -> str:
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in grid)
    body = "".join(f"<p>{line}</p>" for line in PROSE if line)
    return f"<html><head><meta charset='utf-8'><title>{PROSE[0]}</title></head><body>{body}<table>{rows}</table></body></html>"


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_html_tables_come_back_exact(tmp_path, layout, seed):
    grid, want = make_table(seed, layout)
    p = tmp_path / "r.html"
    p.write_text(html_form(grid), encoding="utf-8")
    assert _legacy(_parse(p)) == want


def test_libreoffice_pdfs_come_back_exact(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed")
    cases = [(seed, layout) for seed, layout in [(0, "full"), (1, "national"), (2, "no_seq")]]
    paths = []
    for seed, layout in cases:
        p = tmp_path / f"r{seed}.docx"
        write_docx(make_table(seed, layout)[0], p)
        paths.append(str(p))
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), *paths], check=True, capture_output=True, timeout=180)
    for seed, layout in cases:
        rep = _parse(tmp_path / f"r{seed}.pdf")
        assert _legacy(rep) == make_table(seed, layout)[1]
        assert all(c.page for c in rep.cells if c.key.startswith("legacy."))


# ---------------------------------------------------------------- null markers, refusals

@pytest.mark.parametrize("marker", ["/", "-", "—", "无", "－", "——"])
@pytest.mark.parametrize("style", ["pipe", "tab", "lines", "space"])
def test_null_markers_stay_null_with_their_raw_text(tmp_path, marker, style):
    # Text is read normalised (NFKC): a full-width － comes back as -, still a null marker. Between
    # spaces the normaliser drops the spaces around it (`件－17` glued, as justified text needs): that row
    # is not read. Tabs around it are kept.
    if marker == "－" and style == "space":
        pytest.skip("the normaliser glues a full-width dash to its neighbours; the row is left out")
    grid = [["指标名称", "计量单位", "本年度", "历年累计"], ["主动公开信息数", "条", "52", "1300"],
            ["申请总数", "件", marker, "17"], ["行政复议数", "件", "0", marker]]
    p = tmp_path / "r.txt"
    p.write_text(text_form(grid, style), encoding="utf-8")
    got = _legacy(_parse(p))
    printed = unicodedata.normalize("NFKC", marker)
    assert got["legacy.requests.received"] == (None, printed)
    assert got["legacy.review_cumulative"] == (None, printed)
    assert got["legacy.review"] == ("0", "0")


@pytest.mark.parametrize("style", ["tab", "pipe", "markdown"])
@pytest.mark.parametrize("blank_at", [2, 3], ids=["this-year-blank", "cumulative-blank"])
def test_a_printed_blank_cell_of_a_delimited_row_stays_blank_in_place(tmp_path, style, blank_at):
    # Tabs and pipes delimit every cell, so a blank (nothing between two separators, last cell included)
    # is a null value where it was printed, and its neighbour keeps its column.
    row = ["申请总数", "件", "17", "17"]
    row[blank_at] = ""
    grid = [["指标名称", "计量单位", "本年度", "历年累计"], ["主动公开信息数", "条", "52", "1300"], row,
            ["行政复议数", "件", "0", "3"]]
    p = tmp_path / "r.txt"
    p.write_text(text_form(grid, style), encoding="utf-8")
    got = _legacy(_parse(p))
    want = {2: ("legacy.requests.received", "legacy.requests.received_cumulative"),
            3: ("legacy.requests.received_cumulative", "legacy.requests.received")}[blank_at]
    assert (got[want[0]], got[want[1]]) == ((None, ""), ("17", "17"))
    assert got["legacy.review_cumulative"] == ("3", "3")


def test_a_blank_cell_lost_from_a_free_stream_is_refused_not_shifted(tmp_path):
    grid = [["指标名称", "计量单位", "本年度", "历年累计"], ["主动公开信息数", "条", "52", "1300"],
            ["申请总数", "件", "", "17"], ["行政复议数", "件", "2", "3"]]
    p = tmp_path / "r.txt"
    p.write_text(text_form(grid, "lines"), encoding="utf-8")
    rep = _parse(p)
    got = _legacy(rep)
    assert "legacy.requests.received" not in got and "legacy.requests.received_cumulative" not in got
    assert got["legacy.review"] == ("2", "2")
    q = [t for t in rep.tables if t.table == "legacy"]
    assert q[0].status == "degraded" and q[0].rows_missing == ["legacy.requests.received"]


def test_a_non_numeric_cell_is_kept_raw_and_degrades_the_table(tmp_path):
    grid = [["指标名称", "计量单位", "本年度"], ["主动公开信息数", "条", "52"], ["其中：全文电子化", "条", "100%"]]
    p = tmp_path / "r.txt"
    p.write_text(text_form(grid, "pipe"), encoding="utf-8")
    rep = _parse(p)
    assert _legacy(rep)["legacy.active.electronic"] == (None, "100%")
    assert [t.non_numeric for t in rep.tables if t.table == "legacy"] == [["legacy.active.electronic"]]


def test_money_units_scale_to_the_keys_unit_and_keep_the_printed_number(tmp_path):
    grid = [["指标名称", "计量单位", "本年度", "历年累计"], ["收费", "万元", "0.35", "1.2"],
            ["专项经费", "元", "25000", "/"], ["申请总数", "件", "3", "9"]]
    p = tmp_path / "r.txt"
    p.write_text(text_form(grid, "pipe"), encoding="utf-8")
    cells = {c.key: c for c in _parse(p).cells}
    assert (cells["legacy.fees_yuan"].value, cells["legacy.fees_yuan"].raw, cells["legacy.fees_yuan"].unit) == \
        ("3500", "0.35", "元")
    assert cells["legacy.fees_yuan_cumulative"].value == "12000"
    assert (cells["legacy.funding_wan"].value, cells["legacy.funding_wan"].unit) == ("2.5", "万元")
    assert cells["legacy.fees_yuan"].label == ["收费", "万元", "本年度"]
    assert cells["legacy.requests.received"].template == "pre2019"


def test_a_table_printed_twice_keeps_its_first_reading(tmp_path):
    grid = [["指标名称", "计量单位", "本年度"], ["申请总数", "件", "3"], ["行政复议数", "件", "1"]]
    again = [["指标名称", "计量单位", "本年度"], ["申请总数", "件", "8"], ["行政复议数", "件", "1"]]
    p = tmp_path / "r.txt"
    p.write_text(text_form(grid, "pipe") + "\n".join("| " + " | ".join(r) + " |" for r in again) + "\n",
                 encoding="utf-8")
    assert _legacy(_parse(p))["legacy.requests.received"] == ("3", "3")


# ---------------------------------------------------------------- never where it does not belong

def test_a_pre2019_report_without_a_table_has_no_legacy_cells(tmp_path):
    text = "\n".join(PROSE[:-3]) + ("\n本年度主动公开政府信息数 120 条，申请总数 7 件，历年累计公开 3400 条。\n"
                                    "行政复议数 0\n行政诉讼数为0件。\n")
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    rep = _parse(p)
    assert rep.era == "pre2019" and _legacy(rep) == {}


@pytest.mark.parametrize("name", ["qianwei-2017.txt", "qianwei-2017.docx", "qianwei-2017.pdf"])
def test_the_seed_report_has_no_legacy_cells(name):
    assert _legacy(_parse(ROOT / "corpus" / "seed" / name)) == {}


@pytest.mark.parametrize("path", sorted(p for p in (ROOT / "corpus" / "synth" / "docs").glob("*")
                                        if p.suffix in (".docx", ".txt", ".html") and int(p.stem[-4:]) >= 2019))
def test_template_era_reports_have_no_legacy_cells(path):
    rep = _parse(path)
    assert rep.era in ("gb2019", "gb2021") and _legacy(rep) == {}


def test_real_gb2021_pdfs_have_no_legacy_cells():
    pdfs = sorted((SHARED / "real" / "pdf").glob("*.pdf"))
    if not pdfs:
        pytest.skip("../shared/real/pdf is not present")
    for p in pdfs:
        assert _legacy(_parse(p)) == {}


def test_a_gb2021_report_reads_a_table_only_when_it_is_clearly_a_statistics_table():
    doc = readers.read(ROOT / "corpus" / "synth" / "docs" / "o0001-2022.txt")
    plain = "\n".join(["| 项目 | 数量 |", "| 申请总数 | 3 |", "| 行政复议数 | 1 |"])
    assert stats_tables.extract(_with(doc, plain), "gb2021").cells == []
    stats = "\n".join(["| 指标名称 | 计量单位 | 本年度 |", "| 申请总数 | 件 | 3 |", "| 行政复议数 | 件 | 1 |"])
    assert [c.key for c in stats_tables.extract(_with(doc, stats), "gb2021").cells] == \
        ["legacy.requests.received", "legacy.review"]


def _with(doc, extra: str):
    from report_parser import model

    start = len(doc.text) + 1
    doc.blocks.append(model.Block(model.PARAGRAPH, extra, extra, start=start, end=start + len(extra)))
    doc.text = doc.text + "\n" + extra
    return doc


# ---------------------------------------------------------------- resolution, audit, schema, store

def _report(tmp_path, prose: str, rows: list[list[str]]):
    grid = [["指标名称", "计量单位", "本年度", "历年累计"], *rows]
    text = text_form(grid, "pipe").replace("我镇通过政府网站、公开栏等渠道主动公开政府信息。", prose)
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    return _parse(p)


def test_legacy_cells_give_the_core_metrics(tmp_path):
    rep = _report(tmp_path, "全年主动公开政府信息120条。", [
        ["主动公开信息数", "条", "120", "3400"], ["申请总数", "件", "7", "52"], ["行政复议数", "件", "1", "3"],
        ["行政诉讼数", "件", "0", "2"], ["收费", "万元", "0.01", "0.5"]])
    assert {k: rep.metrics[k] for k in ("active.items", "active.items_cumulative", "requests.received",
                                        "review.total", "litigation.total", "fees.collected_yuan")} == {
        "active.items": "120", "active.items_cumulative": "3400", "requests.received": "7", "review.total": "1",
        "litigation.total": "0", "fees.collected_yuan": "100"}
    assert rep.metric_sources["requests.received"]["kind"] == "cell"
    assert rep.metric_sources["requests.received"]["ref"] == "legacy.requests.received"
    assert not [i for i in rep.issues if i.code == "PROSE_TABLE_MISMATCH"]


def test_a_prose_table_disagreement_keeps_both_and_is_reported(tmp_path):
    rep = _report(tmp_path, "全年共收到政府信息公开申请9件。", [
        ["主动公开信息数", "条", "120", "3400"], ["申请总数", "件", "7", "52"]])
    assert rep.metrics["requests.received"] == "7"
    assert any(f.metric == "requests.received" and f.value == "9" for f in rep.figures)
    assert [i.code for i in rep.issues if "requests.received" in i.message] == ["PROSE_TABLE_MISMATCH"]
    p01 = [f for f in rep.findings if f["rule_id"] == "P01"]
    assert p01 and p01[0]["status"] == "fail" and "legacy.requests.received" in p01[0]["keys"]


def test_a_blank_legacy_cell_leaves_the_metric_to_prose(tmp_path):
    rep = _report(tmp_path, "全年共收到政府信息公开申请9件。", [
        ["主动公开信息数", "条", "120", "3400"], ["申请总数", "件", "/", "52"]])
    assert rep.metrics["requests.received"] == "9"
    assert rep.metric_sources["requests.received"]["kind"] == "figure"


def test_legacy_cells_round_trip_through_the_store(tmp_path):
    from report_parser.store.db import Store, report_id

    rep = _report(tmp_path, "全年主动公开政府信息120条。", [
        ["主动公开信息数", "条", "120", "3400"], ["申请总数", "件", "—", "52"], ["收费", "万元", "0.35", "/"]])
    s = Store(f"sqlite:///{tmp_path / 'r.db'}")
    try:
        s.save(rep, rep.source["path"])
        back = s.load_report(report_id(rep.source["sha256"]))
        assert back.to_dict() == rep.to_dict()
        assert {c.key for c in back.cells} >= {"legacy.requests.received", "legacy.fees_yuan_cumulative"}
    finally:
        s.close()


def test_synth_appendix_tables_restate_the_truth():
    """The generator's pre2019 附表 rows come back as the values its truth states in prose."""
    synth = ROOT / "corpus" / "synth"
    pairs = {"active.items": "legacy.active.items", "requests.received": "legacy.requests.received",
             "requests.completed": "legacy.replies.total", "review.total": "legacy.review",
             "litigation.total": "legacy.litigation", "fees.collected_yuan": "legacy.fees_yuan"}
    seen = 0
    for t in sorted((synth / "truth").glob("*.json")):
        truth = json.loads(t.read_text(encoding="utf-8"))
        if truth["era"] != "pre2019" or truth["source"]["path"].endswith(".pdf"):
            continue
        got = _legacy(_parse(synth / truth["source"]["path"]))
        if not got:
            continue
        seen += 1
        stated = {f["metric"]: f["value"] for f in truth["figures"] if f["kind"] == "annual"}
        for metric, key in pairs.items():
            if metric in stated:
                assert Decimal(got[key][0]) == Decimal(stated[metric]), (t.name, key)
    assert seen >= 4


# ---- glued digit runs ---------------------------------------------------------------------------

@pytest.mark.parametrize("row,expected,read", [
    # 100 splits only as 10 / 0 (1 / 00 has a leading zero): read, marked
    ("申请总数100", {"legacy.requests.received": "10", "legacy.requests.received_cumulative": "0"}, True),
    # 1203: 1 / 203, 12 / 03 (no), 120 / 3 — two splits and no identity ties the columns: not read
    ("申请总数1203", {}, False),
    # printed with a space: one cell (the cumulative one dropped), never split
    ("申请总数 100", {}, None),
])
def test_a_glued_run_in_a_statistics_table_is_split_only_one_way(tmp_path, row, expected, read):
    lines = PROSE + ["指标名称 本年度 历年累计", "主动公开信息数 12 340", row, "行政复议数 0 0", ""]
    p = tmp_path / "r.txt"
    p.write_text("\n".join(lines), encoding="utf-8")
    rep = _parse(p)
    got = {c.key: c.value for c in rep.cells if c.key.startswith("legacy.requests.received")}
    assert got == expected
    assert all(c.derived_by == "constraint" for c in rep.cells if c.key.startswith("legacy.requests.received"))
    q = next(q for q in rep.tables if q.table == "legacy")
    assert [r["read"] for r in q.runs] == ([] if read is None else [read])
    assert (q.status == "matched") == bool(read)
    if not read:
        assert any(i.code == "TABLE_PARTIAL" and "requests.received" in i.message for i in rep.issues)
