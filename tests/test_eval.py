"""Evaluation: gold shapes, scoring rules, floors and the eval command, on gold written for the tests."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from report_parser import evaluate
from report_parser.commands.evaluate import eval_cmd
from report_parser.record import Cell, Report, Section

DEV = {"url": "http://example.gov.cn/1.html",
       "text": "2019年清河镇政府信息公开工作年度报告\n一、总体情况\n2019年,我镇主动公开政府信息25条。\n"
               "二、主动公开政府信息情况\n信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n规章 | 0 | 0 | 0 |",
       "gold": {"org": "清河镇", "year": 2019, "era": "gb2019", "level": "township",
                "sections": ["overview", "active"], "figures": {"active.items": 25},
                "table_cells": {"s2.art20_1.regulation.new_made": 0}}}
WHOLE = {"file": "x.pdf", "org": "洪山区人民政府", "year": 2023, "era": "gb2021", "level": "county",
         "sections": [{"key": "overview", "heading": "一、总体情况", "page": 1},
                      {"key": "active", "heading": "二、主动公开政府信息情况", "page": 2}],
         "figures": {"active.items": 1136}, "table_cells": {"s4.review.total": 0}}
RECORD = {"schema_version": "1.0", "source": {"path": "docs/o1.txt"}, "org": "渚山市自然资源局", "year": 2017,
          "era": "pre2019", "level": "department", "sections": [{"key": "overview", "page": None}],
          "figures": [{"metric": "active.items", "value": "69"}], "metrics": {"active.items": "69", "review.total": None},
          "cells": [{"key": "s3.new_received.total", "value": "2"}, {"key": "s3.x.total", "value": "1", "derived": True}]}


def test_dev_gold_shape(tmp_path):
    item = evaluate.gold_item(DEV, tmp_path / "001.json", "dev")
    assert item.text == DEV["text"] and item.file is None
    assert item.meta == {"org": "清河镇", "year": 2019, "era": "gb2019", "level": "township"}
    assert item.sections == [("overview", None), ("active", None)]
    assert item.strict is evaluate.DEV_LABELLED


def test_whole_document_gold_shape_finds_its_file(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
    item = evaluate.gold_item(WHOLE, tmp_path / "x.gold.json", "pdf")
    assert item.file == tmp_path / "x.pdf"
    assert item.sections == [("overview", 1), ("active", 2)]
    assert item.figures == {"active.items": 1136} and item.cells == {"s4.review.total": 0}


def test_record_shaped_truth_uses_metrics_and_printed_cells(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "o1.txt").write_text("x", encoding="utf-8")
    (tmp_path / "truth").mkdir()
    item = evaluate.gold_item(RECORD, tmp_path / "truth" / "o1.txt.json", "truth")
    assert item.file == tmp_path / "docs" / "o1.txt"
    assert item.figures == {"active.items": "69"}
    assert item.cells == {"s3.new_received.total": "2"}
    # Metric false positives: dev set only. Every printed cell is listed, except that truth listing no
    # legacy.* cell (written before the pre2019 statistics tables were read) does not label that family.
    assert item.strict == {"metrics": [], "cells": [r"(?!legacy\.).+"]}
    with_legacy = {**RECORD, "cells": RECORD["cells"] + [{"key": "legacy.review", "value": "1", "raw": "1"}]}
    assert evaluate.gold_item(with_legacy, tmp_path / "truth" / "o1.txt.json", "truth").strict["cells"] == [r".+"]


def test_non_gold_json_is_skipped_and_broken_json_reported(tmp_path):
    (tmp_path / "schema.json").write_text(json.dumps({"type": "object"}), encoding="utf-8")
    (tmp_path / "README.md").write_text("no", encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"text": "一、', encoding="utf-8")
    problems: list[str] = []
    assert evaluate.load_gold([tmp_path], problems) == []
    assert len(problems) == 1 and "broken.json: not readable as gold JSON" in problems[0]


def _report(**kw) -> Report:
    r = Report(source={"path": "x"})
    for k, v in kw.items():
        setattr(r, k, v)
    return r


def test_scoring_counts_hits_misses_and_false_positives(tmp_path):
    item = evaluate.gold_item(DEV, tmp_path / "001.json", "dev")
    report = _report(org="清河镇人民政府", year=2019, era="gb2019", level="township",
                     sections=[Section("preamble", "", None, 0, 5), Section("overview", "一、总体情况", None, 5, 9),
                               Section("requests", "三、收到…", None, 9, 12), Section("consultation", "", None, 12, 13)],
                     metrics={"active.items": "25.0", "requests.completed": "3", "review.total": "0",
                              "litigation.total": None},
                     cells=[Cell("s2.art20_1.regulation.new_made", "0", "0"),
                            Cell("s3.new_received.commercial_enterprise", "0", "0"),
                            Cell("s2.art20_1.regulation.new_published", None, "")])
    t = evaluate.Tally("dev.txt")
    evaluate.score_item(t, item, report)
    s = t.scores()
    assert (s["org"], s["year"]) == (0.0, 1.0)
    # overview hit, active missed, requests extra; preamble and extras never count
    assert t.sections == [1, 1, 1]
    # active.items 25.0 == 25; review.total is labelled in dev gold so its extra value is wrong;
    # requests.completed is outside the dev labels and is not counted
    assert t.metrics == [1, 1, 0]
    # an unlabelled s3 column and a blank cell are not counted
    assert t.cells == [1, 0, 0]
    fields = {m["field"] for m in t.misses}
    assert fields == {"org", "sections", "metrics:review.total"}


def test_page_accuracy_where_gold_has_pages(tmp_path):
    item = evaluate.gold_item(WHOLE, tmp_path / "x.gold.json", "pdf")
    report = _report(sections=[Section("overview", "一、总体情况", 1, 0, 5), Section("active", "二、…", 3, 5, 9)],
                     metrics={"active.items": "1136", "requests.received": "21"},
                     cells=[Cell("s4.review.total", "0", "0"), Cell("s4.review.upheld", "1", "1")])
    t = evaluate.Tally("pdf.pdf")
    evaluate.score_item(t, item, report)
    assert t.pages == [1, 2]
    assert t.metrics == [1, 0, 0]  # whole-document figures are a selection: extras are not wrong
    assert t.cells == [1, 1, 0]  # but every printed cell is listed: an extra cell is wrong


@pytest.mark.parametrize("expected, got, same", [
    (438, "438", True), (7730.28, "7730.28", True), (0, "0.00", True), (None, None, True),
    (0, None, False), (None, "0", False), (-11, "-11", True), (19, "+19", True), ("甲", "甲", True),
], ids=lambda v: repr(v))
def test_same_value_is_exact(expected, got, same):
    assert evaluate.same_value(expected, got) is same


def test_broken_floors_name_the_set_and_field():
    t = evaluate.Tally("dev.txt")
    t.meta["year"] = [9, 10]
    floors = {"dev.txt": {"year": 0.95, "cells_p": 1.0}, "absent.set": {"org": 0.9}}
    assert evaluate.broken_floors({"dev.txt": t}, floors) == [
        "dev.txt: year = 0.900 is below its floor 0.95", "dev.txt: cells_p was not measured (floor 1.0)"]


def _gold_dir(tmp_path: Path) -> Path:
    d = tmp_path / "mini"
    d.mkdir()
    (d / "001.json").write_text(json.dumps(DEV, ensure_ascii=False), encoding="utf-8")
    return d


def test_eval_command_prints_scores_and_misses(tmp_path):
    res = CliRunner().invoke(eval_cmd, [str(_gold_dir(tmp_path)), "--formats", "txt"])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[0].split()[:3] == ["set", "n", "fail"]
    assert res.output.splitlines()[1].startswith("mini.txt")


def test_eval_command_json_and_floors(tmp_path):
    base = tmp_path / "floors.yaml"
    base.write_text("sets:\n  mini.txt:\n    year: 1.01\n", encoding="utf-8")
    res = CliRunner().invoke(eval_cmd, [str(_gold_dir(tmp_path)), "--formats", "txt", "--json",
                                        "--baseline", str(base)])
    assert res.exit_code == 1
    out = json.loads(res.output)
    assert out["sets"]["mini.txt"]["items"] == 1
    assert out["broken_floors"] == ["mini.txt: year = 1.000 is below its floor 1.01"]


def test_eval_command_counts_each_metric(tmp_path):
    # one value right (active.items 25); a value the gold leaves out on purpose (requests.received 0 read from a
    # none-statement the gold does not give) is a wrong one; a gold value not read is a missed one
    d = _gold_dir(tmp_path)
    other = dict(DEV, text=DEV["text"].replace("25条。", "25条。全年未收到政府信息公开申请。"),
                 gold=dict(DEV["gold"], figures={"active.items": 25, "review.total": 3}))
    (d / "002.json").write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    res = CliRunner().invoke(eval_cmd, [str(d), "--formats", "txt", "--json", "--by-metric"])
    assert res.exit_code == 0, res.output
    counts = json.loads(res.output)["by_metric"]["mini.txt"]
    assert counts["active.items"] == {"right": 2, "wrong": 0, "missed": 0}
    assert counts["requests.received"] == {"right": 0, "wrong": 1, "missed": 0}
    assert counts["review.total"] == {"right": 0, "wrong": 0, "missed": 1}
    text = CliRunner().invoke(eval_cmd, [str(d), "--formats", "txt", "--by-metric", "--misses", "0"]).output
    assert any(line.split()[:5] == ["mini.txt", "requests.received", "0", "1", "0"] for line in text.splitlines())


def test_docx_fixture_has_one_paragraph_per_line(tmp_path):
    from report_parser import readers

    p = evaluate.write_docx("一、总体情况\n内容。", tmp_path / "a.docx")
    doc = readers.read(p)
    assert [b.text for b in doc.blocks if b.text] == ["一、总体情况", "内容。"]


def test_region_is_scored_per_part_the_gold_names(tmp_path):
    gold = dict(WHOLE, region={"province": "湖北省", "city": "武汉市", "county": "洪山区"})
    item = evaluate.gold_item(gold, tmp_path / "x.gold.json", "pdf")
    t = evaluate.Tally("pdf.pdf")
    evaluate.score_item(t, item, _report(region={"county": "洪山区", "city": "武汉市", "town": "珞南街道"}))
    assert t.meta["region"] == [2, 3]
    assert [m["field"] for m in t.misses if m["field"].startswith("region")] == ["region.province"]


def test_another_annotators_key_spellings_are_read_as_the_contract_keys(tmp_path):
    d = {"url": None, "text": DEV["text"],
         "gold": {**DEV["gold"], "era": "2019", "sections": ["overview", "proactive", "on_request"], "figures": {"proactive_total": 25, "requests_received": 0},
                  "table_cells": {"sec2.art20_1.rules.made": 0, "sec3.new_received.total": 1}}}
    item = evaluate.gold_item(d, tmp_path / "001.json", "dev")
    assert item.meta["era"] == "gb2019"
    assert item.sections == [("overview", None), ("active", None), ("requests", None)]
    assert item.figures == {"active.items": 25, "requests.received": 0}
    assert item.cells == {"s2.art20_1.regulation.new_made": 0, "s3.new_received.total": 1}


def test_held_out_items_form_their_own_set_and_their_misses_stay_hidden(tmp_path):
    folder = tmp_path / "dev2"
    folder.mkdir()
    wrong = {**DEV, "gold": {**DEV["gold"], "org": "别的镇"}}
    for n in (1, 2, 3):
        (folder / f"{n:03d}.json").write_text(json.dumps(wrong, ensure_ascii=False), encoding="utf-8")
    assert [evaluate.held_set("dev2", f"{n:03d}") for n in (1, 3, 6)] == ["dev2", "dev2-held", "dev2-held"]
    assert evaluate.held_set("dev", "003") == "dev"
    res = CliRunner().invoke(eval_cmd, [str(folder), "--formats", "txt"])
    assert res.exit_code == 0, res.output
    assert "dev2-held.txt  1" in res.output and "dev2.txt       2" in res.output
    assert "misses in dev2.txt" in res.output and "misses in dev2-held" not in res.output
    shown = CliRunner().invoke(eval_cmd, [str(folder), "--formats", "txt", "--show-held"])
    assert "misses in dev2-held.txt" in shown.output


def test_a_folder_that_labels_fewer_cells_counts_no_false_positive_outside_them(tmp_path):
    narrow = evaluate.labelled("dev2")
    assert set(narrow["metrics"]) == set(evaluate.DEV_LABELLED["metrics"]) - {r"active\.items_cumulative"}
    keys = ["s2.art20_5.admin_license.prev_items", "s2.art20_5.admin_license.decisions"]
    assert [any(re.fullmatch(p, k) for p in narrow["cells"]) for k in keys] == [False, True]
    assert evaluate.labelled("dev") is evaluate.DEV_LABELLED


def test_gold_source_given_as_a_plain_string(tmp_path):
    """A hand-written gold file may name its document as "source": "x.txt" (this raised AttributeError)."""
    (tmp_path / "x.txt").write_text("x", encoding="utf-8")
    item = evaluate.gold_item({"source": "x.txt", "org": "清河镇", "year": 2019}, tmp_path / "x.json", "mine")
    assert item.file == tmp_path / "x.txt"
    assert evaluate.gold_item({"source": 7}, tmp_path / "x.json", "mine") is None


def test_eval_on_a_synth_output_folder_reads_its_truth(tmp_path):
    """`synth OUT` then `eval OUT`: the gold lives in OUT/truth, which eval finds without being told."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "o1.txt").write_text("2017年渚山市自然资源局政府信息公开工作年度报告\n", encoding="utf-8")
    (tmp_path / "truth").mkdir()
    (tmp_path / "truth" / "o1.txt.json").write_text(json.dumps(RECORD, ensure_ascii=False), encoding="utf-8")
    r = CliRunner().invoke(eval_cmd, [str(tmp_path), "--json"])
    assert r.exit_code == 0, r.output
    assert "truth.txt" in json.loads(r.output)["sets"]


@pytest.mark.parametrize("a,b,same", [
    ("云溪区", "云溪区人民政府", True),  # a government spelt with or without its suffix
    ("北岭县云溪镇人民政府", "云溪镇人民政府", True),  # a higher place spelt out
    ("云溪镇政府", "云溪镇", True),
    ("云溪区", "云溪区人民政府办公室", False),  # the government vs its office
    ("云溪区教育局", "北岭县教育局", False),  # the same kind of office of another place
    ("云溪区教育局", "北岭市云溪区教育局", True),
    ("云溪区", None, False),
    (None, None, True),
])
def test_same_body_ignores_higher_places_and_the_government_suffix(a, b, same):
    assert evaluate.same_body(a, b) is same


def test_a_second_labellers_gold_is_scored_against_the_first(tmp_path):
    first = _gold_dir(tmp_path)
    second = tmp_path / "second"
    second.mkdir()
    other = json.loads(json.dumps(DEV))
    other["gold"]["org"] = "清河镇人民政府"  # one name spelt otherwise
    other["gold"]["figures"] = {"active.items": 25, "requests.received": 0}  # one value the first leaves out
    (second / "001.json").write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    (second / "002.json").write_text(json.dumps(DEV, ensure_ascii=False), encoding="utf-8")  # no match: skipped
    t = evaluate.agreement([first], second)["mini.labels"]
    assert (t.items, t.meta["org"], t.meta["year"]) == (1, [0, 1], [1, 1])
    assert t.metrics == [1, 1, 0] and t.cells == [1, 0, 0] and t.sections == [2, 0, 0]
    res = CliRunner().invoke(eval_cmd, [str(first), "--against", str(second)])
    assert res.exit_code == 0 and res.output.splitlines()[1].startswith("mini.labels"), res.output


def test_a_second_labellers_folder_with_no_matching_item_says_so(tmp_path):
    first = _gold_dir(tmp_path)
    second = tmp_path / "second"
    second.mkdir()
    (second / "900.json").write_text(json.dumps(DEV, ensure_ascii=False), encoding="utf-8")
    res = CliRunner().invoke(eval_cmd, [str(first), "--against", str(second)])
    assert res.exit_code == 2 and "has the id of an item" in res.output


def test_the_spaced_variant_sets_numbers_apart_and_scores_like_the_printed_text(tmp_path):
    assert evaluate.spaced_numbers("2019年3月1日,共192条,增13。") == "2019 年 3 月 1 日,共 192 条,增 13。"
    res = CliRunner().invoke(eval_cmd, [str(_gold_dir(tmp_path)), "--formats", "txt,spaced", "--json"])
    assert res.exit_code == 0, res.output
    sets = json.loads(res.output)["sets"]
    assert sets["mini.spaced"] == sets["mini.txt"]


def test_an_unknown_format_is_refused_by_name(tmp_path):
    res = CliRunner().invoke(eval_cmd, [str(_gold_dir(tmp_path)), "--formats", "txt,wrp"])
    assert res.exit_code != 0 and "unknown format wrp" in res.output


def test_the_pdf_variant_prints_each_excerpt_and_scores_its_prose(tmp_path):
    import shutil

    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("the pdf variant needs LibreOffice, which is not installed")
    res = CliRunner().invoke(eval_cmd, [str(_gold_dir(tmp_path)), "--formats", "txt,pdf", "--json"])
    assert res.exit_code == 0, res.output
    sets = json.loads(res.output)["sets"]
    printed, text = sets["mini.pdf"], sets["mini.txt"]
    # the prose reads as in the text; a crawler's pipe rows printed as prose lines are no table: cells unscored
    assert {k: v for k, v in printed.items() if not k.startswith("cells")} == \
        {k: v for k, v in text.items() if not k.startswith("cells")}
    assert printed["cells_p"] is None and text["cells_p"] is not None


def test_a_typeset_word_file_is_set_like_a_report(tmp_path):
    import zipfile

    path = evaluate.write_docx("一、总体情况\n2019年,我镇主动公开政府信息25条。", tmp_path / "t.docx", typeset=True)
    body = zipfile.ZipFile(path).read("word/document.xml").decode()
    heading, paragraph = body.split("</w:p>")[:2]
    assert "firstLine" not in heading and "Sans" in heading  # a numbered heading flush left, in another face
    assert 'w:firstLineChars="200"' in paragraph and '<w:jc w:val="both"/>' in paragraph


def test_the_scan_variant_reads_the_printed_pages_as_pictures(tmp_path):
    import shutil

    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("the scan variant needs LibreOffice, which is not installed")
    if not shutil.which("tesseract"):
        pytest.skip("the scan variant needs tesseract, which is not installed")
    res = CliRunner().invoke(eval_cmd, [str(_gold_dir(tmp_path)), "--formats", "scan", "--json"])
    assert res.exit_code == 0, res.output
    scanned = json.loads(res.output)["sets"]["mini.scan"]
    assert scanned["items"] == 1 and scanned["failed"] == 0 and scanned["year"] == 1.0
    assert scanned["cells_p"] is None
