"""Datasette opens the database with our metadata: Chinese full-text search and canned queries work."""
from __future__ import annotations

import asyncio
import re

import pytest
import yaml
from click.testing import CliRunner

from conftest_query import *  # noqa: F401,F403
from report_parser.cli import main


@pytest.fixture(scope="module")
def served(parsed_db, tmp_path_factory):
    """The parsed database after `report-parser datasette-metadata` (index built, metadata.yaml written)."""
    meta = tmp_path_factory.mktemp("ds") / "metadata.yaml"
    r = CliRunner().invoke(main, ["datasette-metadata", "--db", parsed_db, "-o", str(meta)])
    assert r.exit_code == 0, r.output
    return parsed_db[len("sqlite:///"):], yaml.safe_load(meta.read_text(encoding="utf-8"))


def _get(db_path: str, metadata: dict, path: str):
    from datasette.app import Datasette

    async def go():
        ds = Datasette([db_path], metadata=metadata)
        return await ds.client.get(path)

    return asyncio.run(go())


@pytest.mark.parametrize("words,part", [
    pytest.param("解读", "response", id="one-word"),
    pytest.param("行政复议 诉讼", "review_litigation", id="two-words"),
    pytest.param("主动 公开", "active", id="words-of-a-longer-word"),
])
def test_search_finds_sections_by_chinese_words(served, words, part):
    _assert_hits(served, f"/reports/section_text.json?_search={words}&_shape=objects&_size=max", words.split(), part)


def _assert_hits(served, path: str, words: list[str], part: str) -> None:
    """The search answers, finds the part, and every hit holds every word."""
    db_path, meta = served
    r = _get(db_path, meta, path)
    assert r.status_code == 200, r.text
    rows = r.json()["rows"]
    assert rows and any(x["key"] == part for x in rows)
    assert all(all(w in x["text"] for w in words) for x in rows)


def test_search_without_a_match_returns_nothing(served):
    db_path, meta = served
    r = _get(db_path, meta, "/reports/section_text.json?_search=量子计算机&_shape=objects")
    assert r.status_code == 200 and r.json()["rows"] == []


@pytest.mark.parametrize("phrase,part", [
    pytest.param("政策解读", "response", id="two-words-unspaced"),
    pytest.param("行政复议和行政诉讼", "review_litigation", id="phrase-with-a-particle"),
])
def test_search_text_finds_an_unspaced_chinese_phrase(served, phrase, part):
    # ?_search= needs spaces between words; the canned query splits the phrase with jieba through the
    # report_parser Datasette plugin's cn_query() (registered by the package's entry point).
    from report_parser.store.fts import query_terms

    words = [w.strip('"') for w in query_terms(phrase).split()]
    assert len(words) > 1  # the phrase really is several words
    _assert_hits(served, f"/reports/search_text.json?q={phrase}&_shape=objects", words, part)


def test_search_text_with_a_blank_query_returns_nothing(served):
    db_path, meta = served
    r = _get(db_path, meta, "/reports/search_text.json?q=&_shape=objects")
    assert r.status_code == 200, r.text
    assert r.json()["rows"] == []


def test_canned_query_answers_from_metrics(served, truth_records):
    db_path, meta = served
    county = "溪平区"
    r = _get(db_path, meta, f"/reports/applications_by_town.json?county={county}&_shape=objects")
    assert r.status_code == 200, r.text
    got = {(x["org"], x["year"]): x["received"] for x in r.json()["rows"]}
    want = {(t["org"], t["year"]): t["metrics"]["requests.received"] for t in truth_records.values()
            if t["level"] == "township" and t["region"].get("county") == county and "requests.received" in t["metrics"]}
    assert want and got == want


@pytest.mark.parametrize("query", ["refusal_reasons", "refusals_by_body", "coverage", "findings_by_rule",
                                   "fewest_items"])
def test_every_canned_query_runs(served, query):
    db_path, meta = served
    r = _get(db_path, meta, f"/reports/{query}.json?year=2020&_shape=objects")
    assert r.status_code == 200, r.text


def test_metadata_describes_every_column_in_both_languages(served):
    import sqlite3

    db_path, meta = served
    con = sqlite3.connect(db_path)
    tables = meta["databases"]["reports"]["tables"]
    for name, spec in tables.items():
        cols = [r[1] for r in con.execute(f"pragma table_info({name})")]
        assert set(cols) <= set(spec["columns"]) | {"rowid"}, name
        for col, d in spec["columns"].items():
            zh, _, en = d.partition("/")
            assert re.search(r"[\u4e00-\u9fff]", zh) and re.search(r"[a-z]", en), (name, col)
    con.close()
