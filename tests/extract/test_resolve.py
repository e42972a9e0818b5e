"""Metric resolution: printed cells outrank prose, disagreements are reported, one value per core metric."""
from __future__ import annotations

import pytest

from report_parser import data
from report_parser.extract import resolve
from report_parser.record import Cell, Figure, Report


def fig(metric, value, kind="annual", **kw) -> Figure:
    return Figure(metric=metric, value=value, raw=f"{value}件", unit=kw.pop("unit", "件"), kind=kind,
                  text=kw.pop("text", f"收到申请{value}件"), page=kw.pop("page", 1), **kw)


def report(figures=(), cells=()) -> Report:
    r = Report(source={"path": "x"})
    r.figures, r.cells = list(figures), list(cells)
    resolve.resolve(r)
    return r


def test_every_core_metric_gets_a_key():
    r = report()
    assert set(r.metrics) == set(data.load("metrics.yaml")["core"])
    assert all(v is None for v in r.metrics.values())


CELL_CASES = [
    ("received", "requests.received", [("s3.new_received.total", "95")], "95"),
    ("carry-over", "requests.carry_over", [("s3.carry_over.total", "2")], "2"),
    ("carry-forward", "requests.carry_forward", [("s3.carry_forward.total", "1")], "1"),
    ("completed", "requests.completed", [("s3.result_total.total", "96")], "96"),
    ("review", "review.total", [("s4.review.total", "3")], "3"),
    ("litigation-is-direct-plus-after-review", "litigation.total",
     [("s4.litigation_direct.total", "2"), ("s4.litigation_after_review.total", "1")], "3"),
    ("litigation-needs-both-cells", "litigation.total", [("s4.litigation_direct.total", "2")], None),
    ("blank-cell-is-not-zero", "review.total", [("s4.review.total", None)], None),
]


@pytest.mark.parametrize("metric,cells,expected", [c[1:] for c in CELL_CASES], ids=[c[0] for c in CELL_CASES])
def test_metric_from_table_cells(metric, cells, expected):
    r = report(cells=[Cell(key=k, value=v, raw=v or "", page=3) for k, v in cells])
    assert r.metrics[metric] == expected
    if expected is not None:
        assert r.metric_sources[metric]["kind"] == "cell"
        assert r.metric_sources[metric]["page"] == 3


def test_derived_cells_are_not_printed_values():
    r = report(cells=[Cell(key="s4.review.total", value="3", raw="", derived=True)])
    assert r.metrics["review.total"] is None


def test_table_outranks_prose_and_disagreement_is_an_issue():
    r = report([fig("requests.received", "17", page=1)], [Cell(key="s3.new_received.total", value="95", raw="95", page=3)])
    assert r.metrics["requests.received"] == "95"
    assert len(r.figures) == 1  # the prose figure is kept
    codes = [i for i in r.issues if i.code == "PROSE_TABLE_MISMATCH"]
    assert len(codes) == 1 and "17" in codes[0].message and "95" in codes[0].message
    assert "page 1" in codes[0].message and "page 3" in codes[0].message


def test_agreeing_prose_and_table_raise_no_issue():
    r = report([fig("requests.received", "21")], [Cell(key="s3.new_received.total", value="21", raw="21", page=3)])
    assert r.metrics["requests.received"] == "21" and r.issues == []


def test_blank_cell_falls_back_to_prose():
    r = report([fig("review.total", "0", negation=True)], [Cell(key="s4.review.total", value=None, raw="", page=4)])
    assert r.metrics["review.total"] == "0"
    assert r.metric_sources["review.total"]["kind"] == "figure"


PROSE_CASES = [
    ("single", [fig("active.items", "438")], "438"),
    ("annual-beats-channel", [fig("active.items", "438", "breakdown"), fig("active.items", "394", "breakdown"),
                              fig("active.items", "438")], "438"),
    ("single-channel-is-used", [fig("active.items", "146", "channel")], "146"),
    ("single-outlet-is-a-part", [fig("active.items", "146", "breakdown")], None),
    ("channel-and-outlet", [fig("active.items", "146", "channel"), fig("active.items", "40", "breakdown")], None),
    ("channels-disagree", [fig("active.items", "244", "channel"), fig("active.items", "26", "channel")], None),
    ("category-of-unnamed-total", [fig(None, "27"), fig("active.items", "23", "breakdown", parent=0)], None),
    ("naming-part-of-unnamed-total", [fig(None, "184"), fig("active.items", "55", parent=0)], "55"),
    # figures.extract marks the part a stock gained in the year (其中2010年新增14条) annual; any other part of a stock
    # (其中网上公开376条) is one kind of the stock
    ("new-part-of-cumulative", [fig(None, "52", "cumulative"), fig("active.items", "14", "annual", parent=0)], "14"),
    ("kind-part-of-cumulative", [fig(None, "52", "cumulative"), fig("active.items", "14", "breakdown", parent=0)],
     None),
    ("channel-part-is-not-a-value", [fig(None, "300"), fig("active.items", "200", "channel", parent=0)], None),
    # A stated total its own category parts exceed is left blank (the audit's A01 reports the numbers).
    ("total-exceeded-by-its-parts", [fig("active.items", "346"), fig(None, "240", "breakdown", parent=0),
                                     fig(None, "107", "breakdown", parent=0)], None),
    ("channel-parts-may-overlap", [fig("active.items", "380"), fig(None, "285", "channel", parent=0),
                                   fig(None, "116", "channel", parent=0)], "380"),
    ("annuals-disagree", [fig("active.items", "30"), fig("active.items", "12")], None),
    ("annuals-agree", [fig("active.items", "30"), fig("active.items", "30")], "30"),
    ("part-of-same-metric-total", [fig("active.items", "120"), fig("active.items", "80", "breakdown", parent=0)], "120"),
    ("approximate", [fig("active.items", "180", qualifier="余")], None),
    ("rounded-to-wan", [fig("active.items", "268000", scale="万")], None),
    ("cumulative-is-not-annual", [fig("active.items", "592", "cumulative")], None),
    ("change", [fig("active.items", "15", "change")], None),
    ("share", [fig("active.items", "100", "share", unit="%")], None),
    ("unitless-evidence-makes-ambiguous", [fig("active.items", "30"), fig("active.items", "12", unit=None)], None),
    ("unitless-alone-is-not-chosen", [fig("active.items", "12", unit=None)], None),
]


@pytest.mark.parametrize("figs,expected", [c[1:] for c in PROSE_CASES], ids=[c[0] for c in PROSE_CASES])
def test_choice_among_prose_figures(figs, expected):
    r = report(figs)
    assert r.metrics["active.items"] == expected
    if expected is not None:
        src = r.metric_sources["active.items"]
        assert src["kind"] == "figure" and r.figures[src["ref"]].value == expected


def test_seed_report_resolves_with_provenance(shared):
    from report_parser import pipeline

    r = pipeline.parse_file(shared / "seeds" / "qianwei-2017.txt", {"strict": True})
    expected = {"active.items": "438", "response.policy_interpretations": "2", "response.opinion_incidents": "4",
                "requests.received": "0", "review.total": "0", "litigation.total": "0"}
    assert {k: r.metrics[k] for k in expected} == expected
    assert "438" in r.metric_sources["active.items"]["text"]
    assert "通过" not in r.metric_sources["active.items"]["text"]  # the year's total, not a channel sentence
    assert "未收到" in r.metric_sources["requests.received"]["text"]
    assert "未发生" in r.metric_sources["litigation.total"]["text"]


def test_non_core_metrics_are_added_only_when_stated():
    r = report([fig("active.executive_meetings", "7", unit="期")])
    assert r.metrics["active.executive_meetings"] == "7"
    assert "active.executive_meetings" not in report().metrics


@pytest.fixture
def parts_sum_check(monkeypatch):
    """metrics.yaml's parts_sum_check switched on for active.items (it ships empty)."""
    from report_parser import data

    monkeypatch.setitem(data.load("metrics.yaml"), "parts_sum_check", ["active.items"])


def test_the_parts_sum_check_drops_a_total_its_parts_exceed_when_switched_on(parts_sum_check):
    figs = [fig("active.items", "346"), fig(None, "240", "breakdown", parent=0), fig(None, "107", "breakdown", parent=0)]
    r = report(figs)
    assert r.metrics["active.items"] is None and "contradict" in r.metric_sources["active.items"]["reason"]


@pytest.mark.parametrize("figs,reason", [
    ([fig("active.items", "244", "channel"), fig("active.items", "26", "breakdown")], "only parts"),
    ([fig("active.items", "30"), fig("active.items", "12")], "disagree"),
    ([fig("active.items", "180", qualifier="余")], "no exact annual figure"),
], ids=["only-parts", "disagree", "approximate"])
def test_an_unresolved_metric_with_figures_records_why(figs, reason):
    r = report(figs)
    src = r.metric_sources["active.items"]
    assert r.metrics["active.items"] is None and src["kind"] == "abstained" and reason in src["reason"]
    assert src["refs"] == [i for i, f in enumerate(figs) if f.metric == "active.items"]


def test_a_metric_without_any_figure_has_no_source():
    assert "active.items" not in report([fig("review.total", "1")]).metric_sources
