"""Shared fixtures: paths to the read-only ../shared material (tests skip cleanly without it)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("REPORT_PARSER_SHARED", ROOT.parent / "shared"))
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder, or skip."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    return SHARED


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The bundled corpus folder."""
    return CORPUS
