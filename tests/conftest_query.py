"""Fixtures for the query/compare/export/datasette suites: a generated corpus, its truth, and databases of it.

Import with `from conftest_query import *`. `parsed_db` holds what the real pipeline read from the generated
documents (ingest); `truth_db` holds the generator's truth records saved as they are, so compare can be held
to the truth both ways (nothing extra, nothing missing).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

__all__ = ["synth_corpus", "truth_records", "parsed_db", "truth_db", "save_truth"]

# Several counties × towns × years over the three template eras (pre2019, gb2019, gb2021).
SYNTH = {"orgs": 14, "years": "2016-2021", "formats": "txt,html,docx", "seed": 3, "defects": 0.0}


@pytest.fixture(scope="session")
def synth_corpus(tmp_path_factory) -> Path:
    """A generated corpus (docs/, truth/, manifest.csv)."""
    from report_parser.synth import generate

    out = tmp_path_factory.mktemp("synth")
    generate(out, **SYNTH)
    return out


@pytest.fixture(scope="session")
def truth_records(synth_corpus) -> dict[str, dict]:
    """Truth JSON per absolute document path."""
    out = {}
    for p in sorted((synth_corpus / "truth").glob("*.json")):
        t = json.loads(p.read_text(encoding="utf-8"))
        out[str((synth_corpus / t["source"]["path"]).resolve())] = t
    return out


@pytest.fixture(scope="session")
def parsed_db(synth_corpus, tmp_path_factory) -> str:
    """A SQLite database of the generated documents as the pipeline parsed them."""
    from report_parser.ingest import ingest

    url = f"sqlite:///{tmp_path_factory.mktemp('parsed') / 'reports.db'}"
    res = ingest([str(synth_corpus / "docs")], db=url, workers=2)
    assert res.exit_code == 0
    return url


def save_truth(url: str, records) -> None:
    """Store truth records as reports (generator-only keys dropped), then assign org_ids."""
    from report_parser.store.orgs import assign
    from report_parser.record import Report
    from report_parser.store.db import Store
    from report_parser.synth.truth import record_fields

    with Store(url) as store:
        for path, t in records:
            store.save(Report.from_dict(record_fields(t)), path)
        assign(store.engine)


@pytest.fixture(scope="session")
def truth_db(truth_records, tmp_path_factory) -> str:
    """A SQLite database holding exactly the generator's truth."""
    url = f"sqlite:///{tmp_path_factory.mktemp('truth') / 'truth.db'}"
    save_truth(url, truth_records.items())
    return url
