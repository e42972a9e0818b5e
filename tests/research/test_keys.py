"""`report-parser keys` lists every key with its Chinese label; an unknown key is an error naming the closest ones."""
from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from conftest_query import *  # noqa: F401,F403
from report_parser import data
from report_parser.research import keys
from report_parser.research.api import open_store
from report_parser.cli import main


def _cli(*args):
    return CliRunner().invoke(main, list(args))


def test_the_catalogue_holds_every_key_a_database_holds(truth_db):
    cat = keys.catalogue()
    store = open_store(truth_db)
    with store.engine.connect() as conn:
        cells = {k for (k,) in conn.execute(sa.text("select distinct key from cells"))}
        metrics = {k for (k,) in conn.execute(sa.text("select distinct metric from metrics"))}
        figures = {k for (k,) in conn.execute(sa.text("select distinct metric from figures where metric is not null"))}
    store.close()
    assert cells and cells <= {k for k, v in cat.items() if v.kind == "cell"}
    assert metrics <= {k for k, v in cat.items() if v.kind == "metric"}
    assert figures <= {k for k, v in cat.items() if v.kind in ("metric", "figure")}


def test_metric_kinds_follow_the_metric_dictionary():
    spec = data.load("metrics.yaml")
    resolved = {k for k, v in keys.catalogue().items() if v.kind == "metric"}
    assert resolved == set(spec["core"])
    said = {r["metric"] for r in spec["rules"]} | {m for n in spec["negations"] for m in n["metrics"]}
    assert said <= set(keys.catalogue())
    labels = data.load("keys.yaml")["metrics"]
    for k, v in keys.catalogue().items():
        if not k.startswith(("s2.", "s3.", "s4.", "legacy.")):
            assert v.label and k in labels and labels[k]["kind"] == v.kind, f"{k}: give it a label in data/keys.yaml"


def test_keys_lists_labels_sections_eras_and_units():
    r = _cli("keys", "s4.review.total")
    assert r.exit_code == 0, r.output
    line = next(x for x in r.output.splitlines() if "s4.review.total" in x)
    for word in ("行政复议 / 总计", "review_litigation", "gb2019 gb2021", "件", "cell"):
        assert word in line
    r = _cli("keys", "--kind", "metric")
    assert "requests.received" in r.output and "本年新收政府信息公开申请数量" in r.output
    assert "s3." not in r.output


def test_keys_filters_by_prefix_and_era_and_prints_json():
    r = _cli("keys", "s3.other_handling.", "--era", "gb2019", "--json")
    assert r.exit_code == 0, r.output
    got = json.loads(r.output)
    assert {k["key"] for k in got} == {f"s3.other_handling.total.{c}" for c in (
        "natural_person", "commercial_enterprise", "research_institute", "public_interest_org", "legal_service_org",
        "other_org", "total")}
    assert all(set(k) >= {"key", "kind", "label", "section", "eras", "unit"} and "gb2019" in k["eras"] for k in got)
    gb2021 = json.loads(_cli("keys", "s3.other_handling.no_correction.", "--json").output)
    assert gb2021 and all(k["eras"] == ["gb2021"] for k in gb2021)
    legacy = json.loads(_cli("keys", "legacy.review", "--era", "pre2019", "--json").output)
    assert {k["key"] for k in legacy} == {"legacy.review", "legacy.review_cumulative"}


def test_group_subtotals_are_marked_derived():
    cat = keys.catalogue()
    assert cat["s3.not_open.total.total"].derived and cat["s3.not_open.total.total"].label == "（三）不予公开（小计） / 总计"
    assert not cat["s3.new_received.total"].derived and not cat["s3.not_open.third_party.total"].derived


def test_keys_refuses_an_unknown_prefix():
    r = _cli("keys", "s5.")
    assert r.exit_code == 2 and "unknown key prefix 's5.'" in r.output


@pytest.mark.parametrize("items,suggested", [
    (["requests.recieved"], "requests.received"),
    (["requests.received", "s3.new_recieved.total"], "s3.new_received.total"),
    (["reqests.received"], "requests.received"),
])
def test_compare_with_an_unknown_key_exits_2_and_suggests(truth_db, items, suggested):
    r = _cli("compare", *items, "--db", truth_db)
    assert r.exit_code == 2, r.output
    assert f"did you mean {suggested}" in r.output and "Traceback" not in r.output


def test_compare_reads_statistics_table_cells(truth_db):
    """legacy.* keys are cells (pre2019 statistics tables), not metrics: compare found nothing for them."""
    store = open_store(truth_db)
    got = store.compare("legacy.requests.received", long=True)
    want = store.cells(keys="legacy.requests.received")
    assert len(want) and len(got) == len(want)
    store.close()


@pytest.mark.parametrize("call,suggested", [
    (lambda s: s.metrics("requests.recieved"), "requests.received"),
    (lambda s: s.metrics(["review.total", "litigaton.total"]), "litigation.total"),
    (lambda s: s.cells(keys="s4.review.totl"), "s4.review.total"),
    (lambda s: s.cells(prefix="s3.not_opn."), None),
    (lambda s: s.figures(metric="active.itmes"), "active.items"),
    (lambda s: s.compare(["requests.received", "review.totl"]), "review.total"),
])
def test_the_api_raises_a_value_error_naming_the_closest_key(truth_db, call, suggested):
    store = open_store(truth_db)
    with pytest.raises(ValueError) as e:
        call(store)
    assert "report-parser keys" in str(e.value)
    if suggested:
        assert f"did you mean {suggested}" in str(e.value)
    store.close()


def test_a_figure_key_asked_of_the_metrics_table_says_where_it_is(truth_db):
    store = open_store(truth_db)
    with pytest.raises(ValueError, match="figures"):
        store.metrics("requests.handled")
    store.close()


def test_help_and_keys_help_load_no_heavy_module():
    """`report-parser --help` imports click only; the new command keeps it so."""
    import subprocess
    import sys

    code = ("import sys\nfrom report_parser.cli import main\n"
            "for args in (['--help'], ['keys', '--help']):\n"
            "    try:\n        main(args)\n    except SystemExit:\n        pass\n"
            "heavy = {m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'pandas', 'yaml', 'rich', 'jieba'}\n"
            "print('HEAVY', sorted(heavy))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out
