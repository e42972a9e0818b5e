"""The jieba full-text index follows the database: an ingest adds new reports and drops replaced ones."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from report_parser.ingest import ingest
from report_parser.cli import main
from report_parser.store.fts import FTS, TABLE, refresh, search
from report_parser.store.db import make_engine


def _index(db: Path) -> dict[str, int]:
    """Sections indexed per report, after checking the FTS index agrees with its content table."""
    con = sqlite3.connect(db)
    con.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('integrity-check')")  # raises when index and content differ
    rows = dict(con.execute(f"SELECT report_id, count(*) FROM {TABLE} GROUP BY report_id").fetchall())
    con.close()
    return rows


def _orgs_found(url: str, words: str) -> set[str]:
    engine = make_engine(url)
    try:
        return {r.org for r in search(engine, words, limit=100)}
    finally:
        engine.dispose()


@pytest.fixture
def folder(tmp_path, corpus):
    docs = sorted((corpus / "synth" / "docs").glob("*.txt"))[:3]
    assert docs, "the bundled synth corpus has .txt reports"
    out = tmp_path / "docs"
    out.mkdir()
    for p in docs:
        shutil.copy(p, out / p.name)
    return out


def test_an_ingest_keeps_an_existing_search_index_up_to_date(tmp_path, folder, corpus):
    db = tmp_path / "reports.db"
    url = f"sqlite:///{db}"
    ingest([folder], db=url, workers=1)
    r = CliRunner().invoke(main, ["datasette-metadata", "--db", url, "-o", str(tmp_path / "metadata.yaml")])
    assert r.exit_code == 0, r.output
    before = _index(db)
    assert len(before) == 3 and "前卫镇人民政府" not in _orgs_found(url, "前卫镇")

    shutil.copy(corpus / "seed" / "qianwei-2017.txt", folder / "qianwei.txt")  # a new report
    ingest([folder], db=url, workers=1)
    after = _index(db)
    assert set(after) > set(before) and len(after) == 4
    assert "前卫镇人民政府" in _orgs_found(url, "前卫镇")

    changed = folder / "qianwei.txt"  # the same file edited: its old report leaves the index
    changed.write_text(changed.read_text(encoding="utf-8").replace("前卫镇", "后卫镇"), encoding="utf-8")
    ingest([folder], db=url, workers=1)
    final = _index(db)
    assert len(final) == 4 and set(before) < set(final) and not (set(after) - set(before)) & set(final)
    assert "前卫镇人民政府" not in _orgs_found(url, "前卫镇") and _orgs_found(url, "后卫镇")


def test_refresh_without_an_index_does_nothing(tmp_path, folder):
    url = f"sqlite:///{tmp_path / 'reports.db'}"
    ingest([folder], db=url, workers=1)
    engine = make_engine(url)
    try:
        assert refresh(engine) is None
        assert not __import__("sqlalchemy").inspect(engine).has_table(TABLE)
    finally:
        engine.dispose()


def test_a_re_parse_is_re_indexed_and_a_second_refresh_changes_nothing(tmp_path, folder):
    db = tmp_path / "reports.db"
    url = f"sqlite:///{db}"
    ingest([folder], db=url, workers=1)
    assert CliRunner().invoke(main, ["datasette-metadata", "--db", url, "-o", str(tmp_path / "m.yaml")]).exit_code == 0
    before = _index(db)
    res = ingest([folder], db=url, workers=1, force=True)  # every report re-parsed: new ingested_at
    assert res.counts["reparsed"] == 3
    assert _index(db) == before
    with sqlite3.connect(db) as con:  # indexed as the re-parsed rows, not left from the first parse
        assert con.execute(f"SELECT count(*) FROM {TABLE} t JOIN reports r ON r.id = t.report_id "
                           "WHERE t.ingested_at IS NOT r.ingested_at").fetchone()[0] == 0
    engine = make_engine(url)
    try:
        assert refresh(engine)["added"] == 0 and refresh(engine)["removed"] == 0
    finally:
        engine.dispose()
