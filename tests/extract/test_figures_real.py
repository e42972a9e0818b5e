"""Prose metrics on real reports (../shared): the dev excerpts' gold figures and the 洪泽区 PDFs' prose figures."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

from conftest import SHARED

# The keys the dev gold labels (../shared/real/dev/README.md "figures"); other core metrics are unlabelled.
LABELLED = ["active.items", "active.items_cumulative", "requests.received", "review.total", "litigation.total",
            "response.policy_interpretations", "response.opinion_incidents", "fees.collected_yuan"]
DEV = sorted(p.stem for p in (SHARED / "real" / "dev").glob("*.json")) or ["absent"]


@pytest.mark.parametrize("item", DEV)
def test_dev_excerpt_metrics_match_gold(item, shared, tmp_path):
    from report_parser import pipeline

    d = json.loads((shared / "real" / "dev" / f"{item}.json").read_text(encoding="utf-8"))
    path = tmp_path / f"{item}.txt"
    path.write_text(d["text"], encoding="utf-8")
    r = pipeline.parse_file(path, {"strict": True})
    gold = d["gold"]["figures"]
    got = {k: r.metrics.get(k) for k in LABELLED if r.metrics.get(k) is not None}
    assert {k: Decimal(v) for k, v in got.items()} == {k: Decimal(str(v)) for k, v in gold.items() if k in LABELLED}


@pytest.mark.parametrize("name", ["hongze-2023", "hongze-2024"])
def test_pdf_prose_figures_are_found(name, shared):
    from report_parser import pipeline

    gold = json.loads((shared / "real" / "pdf" / f"{name}.gold.json").read_text(encoding="utf-8"))["figures"]
    r = pipeline.parse_file(shared / "real" / "pdf" / f"{name}.pdf", {"strict": True})
    found = {(f.metric, Decimal(f.value)) for f in r.figures if f.value is not None}
    assert {(k, Decimal(str(v))) for k, v in gold.items()} <= found
    assert all(f.page for f in r.figures)
