"""The folder list is the pipeline: docs/architecture.md's module table matches the tree, and stages import
only what lies before them."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import ROOT

PKG = ROOT / "src" / "report_parser"
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
# The stages a package may not import: reading knows nothing of extraction, extraction nothing of storage or
# research, storage nothing of research or the CLI. Keeps each stage testable and movable on its own.
FORBIDDEN = {
    "readers": {"extract", "store", "research", "audit", "commands", "pipeline", "ingest", "synth"},
    "extract": {"store", "research", "audit", "commands", "pipeline", "ingest"},
    "store": {"research", "commands", "extract", "audit"},
    "research": {"commands"},
    "audit": {"commands", "research"},  # the audit runs inside every parse
}


def _documented() -> set[str]:
    table = [ln for ln in DOC.splitlines() if ln.startswith("| `")]
    return {m for ln in table for m in re.findall(r"`([\w/]+(?:\.py)?/?)`", ln.split("|")[1])}


def _modules() -> set[str]:
    out = set()
    for p in PKG.rglob("*.py"):
        rel = p.relative_to(PKG)
        if rel.name == "__init__.py" or rel.as_posix() == "__main__.py" or "migrations" in rel.parts:
            continue
        out.add(rel.as_posix())
    return out


def test_every_module_is_in_the_architecture_table():
    doc = _documented()
    folders = {d for d in doc if d.endswith("/")}
    missing = sorted(m for m in _modules() if m not in doc and not any(m.startswith(f) for f in folders))
    assert not missing, f"docs/architecture.md's module table leaves out {missing}"


def test_every_path_in_the_architecture_table_exists():
    gone = sorted(d for d in _documented() if not (PKG / d.rstrip("/")).exists())
    assert not gone, f"docs/architecture.md names {gone}, which are not in src/report_parser"


def _imports(path: Path) -> set[str]:
    """Top-level report_parser packages/modules a file imports (relative imports resolved)."""
    rel = path.relative_to(PKG).parts
    here = list(rel[:-1])
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = here[: len(here) - (node.level - 1)] if node.level > 1 else here
            parts = base + (node.module.split(".") if node.module else [])
            names = parts[:1] if parts else [a.name for a in node.names]
            out.update(names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("report_parser."):
            out.add(node.module.split(".")[1])
    return out


SOURCES = sorted(p for p in PKG.rglob("*.py") if p.relative_to(PKG).parts[0] in FORBIDDEN)


@pytest.mark.parametrize("path", SOURCES, ids=[p.relative_to(PKG).as_posix() for p in SOURCES])
def test_a_stage_imports_nothing_that_comes_after_it(path):
    stage = path.relative_to(PKG).parts[0]
    wrong = _imports(path) & FORBIDDEN[stage]
    assert not wrong, f"{path.relative_to(PKG)} ({stage}/) imports {sorted(wrong)}"
