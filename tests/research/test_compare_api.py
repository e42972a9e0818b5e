"""The Python API (`open_store`) takes the CLI's filters; compare answers the same on SQLite and PostgreSQL."""
from __future__ import annotations

import math

import pytest

from conftest_pg import *  # noqa: F401,F403
from conftest_query import *  # noqa: F401,F403
from report_parser.research.api import open_store

API_CASES = [
    ("metrics-county", "metrics", ("requests.received",), {"county": "溪平区"}, lambda t: t["region"].get("county") == "溪平区"),
    ("metrics-years", "metrics", ("review.total",), {"years": "2019-2020"}, lambda t: 2019 <= t["year"] <= 2020),
    ("cells-era", "cells", ("s3.new_received.total",), {"era": "gb2021"}, lambda t: t["era"] == "gb2021"),
    ("cells-name", "cells", ("s4.review.total",), {"name": "*街道*"}, lambda t: "街道" in t["org"]),
    ("metrics-level-region", "metrics", ("active.items",), {"level": "township", "region": "栖江县"},
     lambda t: t["level"] == "township" and "栖江县" in t["region"].values()),
]


def _has(t: dict, key: str) -> bool:
    if key.startswith("s"):
        return any(c["key"] == key for c in t["cells"])
    return t["metrics"].get(key) is not None


@pytest.mark.parametrize("method,args,kwargs,keep", [pytest.param(m, a, k, f, id=i) for i, m, a, k, f in API_CASES])
def test_api_methods_take_the_cli_filters(truth_db, truth_records, method, args, kwargs, keep):
    store = open_store(truth_db)
    df = getattr(store, method)(*args, **kwargs)
    want = {t["source"]["sha256"][:16] for t in truth_records.values() if keep(t) and _has(t, args[0])}
    got = set(df["report_id"])
    if method == "metrics":  # the view lists unstated metrics too (value NULL)
        got = set(df[df["value"].notna()]["report_id"])
    assert want and got == want
    store.close()


def test_api_compare_is_a_dataframe_pivot_with_missing_as_none(truth_db, truth_records):
    store = open_store(truth_db)
    df = store.compare(["requests.received", "s3.new_received.total"], years="2016-2021")
    assert list(df.columns[:3]) == ["org_id", "organisation", "item"]
    assert [c for c in df.columns[3:]] == [str(y) for y in range(2016, 2022)]
    s3 = df[df["item"] == "s3.new_received.total"]
    assert all(v is None or (isinstance(v, float) and math.isnan(v)) for v in s3["2016"])  # pre2019: no table
    long = store.compare("review.total", long=True)
    assert {"report_id", "value", "kind", "ref", "page", "text"} <= set(long.columns)
    with pytest.raises(TypeError):
        store.compare("review.total", colour="red")
    store.close()


def test_findings_filter_by_cli_filters(truth_db):
    store = open_store(truth_db)
    assert list(store.findings(years="2019-2020", name="*镇*").columns)[:3] == ["org", "org_id", "year"]
    store.close()


@pytest.mark.parametrize("kw", [pytest.param({"level": "township"}, id="level"),
                                pytest.param({"region": "溪平区"}, id="place"),
                                pytest.param({"name": "*镇*", "era": "gb2021"}, id="name-era")])
@pytest.mark.parametrize("engine", ENGINES)  # noqa: F405
def test_compare_is_the_same_on_both_engines(engine, kw, request, truth_records, tmp_path):
    from report_parser.research.compare import Filters, compare
    from report_parser.store.db import Store

    url = f"sqlite:///{tmp_path / 'r.db'}" if engine == "sqlite" else request.getfixturevalue("pg_url")
    records = list(truth_records.items())  # the whole corpus: every filter has something to select
    save_truth(url, records)  # noqa: F405
    items = ["requests.received", "s3.not_open.third_party.total", "s4.review.total"]
    with Store(url) as store:
        got = compare(store.engine, items, Filters(year_from=2016, year_to=2021, **kw)).rows()
    ref = f"sqlite:///{tmp_path / 'ref.db'}"
    save_truth(ref, records)  # noqa: F405
    with Store(ref) as store:
        want = compare(store.engine, items, Filters(year_from=2016, year_to=2021, **kw)).rows()
    assert got == want and got
