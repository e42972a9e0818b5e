"""One filter implementation: every filter gives the same rows through the CLI (compare, export) and the Python API
(compare, metrics, cells, findings)."""
from __future__ import annotations

import csv
import math

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from conftest_query import *  # noqa: F401,F403
from report_parser.research.api import open_store
from report_parser.cli import main
from report_parser.research.compare import FILTER_NAMES

ITEMS = ["requests.received", "s3.new_received.total", "legacy.requests.received"]


@pytest.fixture(scope="module")
def audited_db(truth_db, tmp_path_factory) -> str:
    """The truth database with the audit's findings stored (the findings table is empty until an audit)."""
    import shutil

    path = tmp_path_factory.mktemp("audited") / "audited.db"
    shutil.copy(truth_db[len("sqlite:///"):], path)
    url = f"sqlite:///{path}"
    r = CliRunner().invoke(main, ["audit", "--db", url, "--format", "json"])
    assert r.exit_code in (0, 1), r.output
    return url


def _values(url: str) -> dict[str, str]:
    """A value of every filter that matches some but not all reports of the database."""
    store = open_store(url)
    r = store.reports()
    store.close()
    town = r[r["level"] == "township"].iloc[0]
    county = r["region_county"].dropna().iloc[0]
    return {"region": county, "province": r["region_province"].dropna().iloc[0],
            "city": r["region_city"].dropna().iloc[0], "county": county, "town": town["region_town"],
            "level": "township", "era": "gb2021", "years": "2017-2019", "name": "*镇*", "org_id": town["org_id"]}


def _cases(url: str) -> list[dict[str, str]]:
    v = _values(url)
    return [{}] + [{k: v[k]} for k in FILTER_NAMES if k in v] + [{"level": "township", "years": "2019-"},
                                                                   {"county": v["county"], "era": "pre2019"}]


def _cli_csv(args: list[str], path=None) -> list[dict]:
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 0, r.output
    if path is None:
        return list(csv.DictReader(r.output.splitlines()))
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _cli_args(kw: dict[str, str]) -> list[str]:
    return [a for k, v in kw.items() for a in (f"--{k.replace('_', '-')}", v)]


def _rows(df, cols) -> list[tuple]:
    return sorted(tuple("" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v) for v in row)
                  for row in df[cols].itertuples(index=False))


def test_every_filter_selects_some_reports_and_not_all(truth_db):
    store = open_store(truth_db)
    n = len(store.reports())
    for kw in _cases(truth_db)[1:]:
        assert 0 < len(store.reports(**kw)) < n, kw
    store.close()


def test_compare_cli_and_api_give_the_same_pivot_for_every_filter(truth_db):
    store = open_store(truth_db)
    for kw in _cases(truth_db):
        cli = _cli_csv(["compare", *ITEMS, "--db", truth_db, "--format", "csv", *_cli_args(kw)])
        api = store.compare(ITEMS, **kw)
        assert list(api.columns) == (list(cli[0]) if cli else list(api.columns)), kw
        assert [tuple(r.values()) for r in cli] == [
            tuple("" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v) for v in row)
            for row in api.itertuples(index=False)], kw
    store.close()


@pytest.mark.parametrize("table,method,cols", [
    ("metrics", "metrics", ["report_id", "org", "year", "metric", "value"]),
    ("cells", "cells", ["report_id", "org", "year", "key", "value", "raw"]),
    ("findings", "findings", ["report_id", "org", "year", "rule_id", "severity"]),
])
def test_export_and_api_give_the_same_rows_for_every_filter(audited_db, tmp_path, table, method, cols):
    store = open_store(audited_db)
    seen = 0
    for i, kw in enumerate(_cases(audited_db)):
        out = tmp_path / f"out{i}"
        cli = _cli_csv(["export", str(out), "--db", audited_db, "--table", table, *_cli_args(kw)],
                       out / f"{table}.csv")
        api = getattr(store, method)(**kw)
        assert sorted(tuple(r[c] for c in cols) for r in cli) == _rows(api, cols), (table, kw)
        seen += len(cli)
    assert seen
    store.close()


def test_api_compare_keeps_level_era_and_org_id(truth_db):
    """The notebook's chart of township applications plotted a city government: compare ignored level=."""
    store = open_store(truth_db)
    levels = dict(zip(store.reports()["org_id"], store.reports()["level"]))
    got = store.compare("requests.received", level="township")
    assert len(got) and {levels[o] for o in got["org_id"]} == {"township"}
    assert len(got) < len(store.compare("requests.received"))
    one = got["org_id"].iloc[0]
    assert set(store.compare("requests.received", org_id=one)["org_id"]) == {one}
    reports = store.reports()
    era = dict(zip(reports["id"], reports["era"]))
    long = store.compare("s3.new_received.total", era="gb2019", long=True)
    assert len(long) and {era[r] for r in long["report_id"]} == {"gb2019"}
    store.close()


def test_the_api_and_the_cli_refuse_the_same_bad_filter_values(truth_db):
    store = open_store(truth_db)
    with pytest.raises(ValueError, match="did you mean township"):
        store.compare("requests.received", level="townshp")
    with pytest.raises(ValueError, match="did you mean township"):
        store.metrics(level="townshp")
    r = CliRunner().invoke(main, ["compare", "requests.received", "--db", truth_db, "--level", "townshp"])
    assert r.exit_code == 2 and "did you mean township" in r.output
    with pytest.raises(TypeError, match="unknown filter 'metric'"):
        store.metrics(metric="requests.received")
    store.close()


def test_report_column_filters_take_lists(truth_db):
    store = open_store(truth_db)
    with store.engine.connect() as conn:
        years = [y for (y,) in conn.execute(sa.text("select distinct year from reports order by year limit 2"))]
    assert set(store.reports(year=years)["year"]) == set(years)
    store.close()


def test_the_api_takes_a_list_of_levels_or_eras(truth_db):
    store = open_store(truth_db)
    both = store.reports(level=["township", "city"])
    assert set(both["level"]) == {"township", "city"}
    assert set(store.metrics("review.total", era=("gb2019", "gb2021"))["era"]) == {"gb2019", "gb2021"}
    with pytest.raises(ValueError, match="did you mean county"):
        store.reports(level=["township", "countey"])
    store.close()
