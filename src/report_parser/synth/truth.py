"""Step 6: the truth file of a document, in the record's shape (Report.to_dict) plus defects."""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from ..record import SCHEMA_VERSION
from .spec import DocSpec

MANIFEST_FIELDS = ("path", "format", "org", "level", "year", "era", "defects")


def truth(spec: DocSpec, relpath: str, fmt: str, sha256: str | None, seed: int) -> dict[str, Any]:
    """A record-shaped dict of everything true about one generated file."""
    published = spec.layout.get("published", spec.published) if fmt == "html" else spec.published
    # Region units the document itself names (title, text, and the site name on an HTML page): invented
    # places are in no gazetteer, so a unit the text never writes cannot be known from the file.
    text = "\n".join([spec.title] + [b.text for b in spec.blocks] + ([spec.org.site] if fmt == "html" else []))
    region = {k: v for k, v in spec.org.region.items() if v in text}
    return {
        "schema_version": SCHEMA_VERSION,
        "source": {"path": relpath, "sha256": sha256, "format": fmt, "pages": None},
        "status": "ok",
        "issues": [],
        "title": spec.title,
        "org": spec.org.name,
        "region": region,
        "level": spec.org.level,
        "year": spec.year,
        "era": spec.era,
        "published": published,
        "sections": [{"key": s["key"], "heading": s["heading"], "page": None, "start": 0, "end": 0, "level": 1}
                     for s in spec.sections],
        "missing_sections": list(spec.missing_sections),
        "figures": spec.figures,
        "cells": spec.cells,
        "tables": [],
        "metrics": dict(spec.metrics),
        "metric_sources": {},
        "findings": [],
        "ocr_pages": 0,
        "ocr_engines": {},
        "parser_version": "",
        # Generator-only keys (drop them before Report.from_dict): defects, quirks, layout, generator.
        "defects": spec.defects,
        "quirks": spec.quirks,
        "layout": {k: v for k, v in spec.layout.items() if k != "published"},
        "generator": {"seed": seed, "org_code": spec.org.code},
    }


def write(t: dict[str, Any], path: Path) -> None:
    """Write a truth dict as stable JSON (same truth → same bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(t, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_manifest(rows: list[dict[str, Any]], path: Path) -> None:
    """Write the manifest CSV (one row per file)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=MANIFEST_FIELDS, lineterminator="\n")
        w.writeheader()
        for row in rows:
            w.writerow({k: row[k] for k in MANIFEST_FIELDS})


def record_fields(t: dict[str, Any]) -> dict[str, Any]:
    """The truth without generator-only keys, ready for record.Report.from_dict."""
    return {k: v for k, v in t.items() if k not in ("defects", "quirks", "layout", "generator")}
