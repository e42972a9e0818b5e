"""Synthetic corpus generator: whole reports for a made-up administrative tree, with exact truth.

Steps, one module each: tree (organs) → values (figures chained across years) → defects (optional) →
text (+ grids for the template tables) → render_docx / render_pdf / render_html / render_txt / render_ofd → truth.
"""
from __future__ import annotations

import hashlib
import random
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable

from ..errors import InputError
from . import defects as defects_mod
from . import render_docx, render_html, render_ofd, render_pdf, render_txt, text, tree, truth, values

FORMATS = ("docx", "pdf", "html", "txt")  # the default mix (corpora made before OFD keep their formats)
EXTRA_FORMATS = ("ofd",)  # written only when asked for (--formats ofd)
EXT = {"docx": "docx", "pdf": "pdf", "html": "html", "txt": "txt", "ofd": "ofd"}


def parse_years(years: str | Iterable[int]) -> list[int]:
    """Years from "2012-2024", "2019,2021" or an iterable of ints."""
    if isinstance(years, str):
        out: list[int] = []
        for part in years.split(","):
            part = part.strip()
            try:
                if "-" in part:
                    a, b = part.split("-", 1)
                    out.extend(range(int(a), int(b) + 1))
                elif part:
                    out.append(int(part))
            except ValueError:
                raise InputError("BAD_YEARS", f"synth: years {years!r} are not a range like 2012-2024") from None
        years = out
    ys = sorted(set(int(y) for y in years))
    if not ys or ys[0] < values.BASE_YEAR + 1 or ys[-1] > 2100:
        raise InputError("BAD_YEARS", f"synth: years must lie between {values.BASE_YEAR + 1} and 2100, got {ys[:1]}…")
    return ys


def parse_formats(formats: str | Iterable[str]) -> list[str]:
    """Formats from "docx,pdf" or an iterable; unknown names raise InputError."""
    fs = [f.strip().lower() for f in (formats.split(",") if isinstance(formats, str) else formats) if f.strip()]
    bad = [f for f in fs if f not in FORMATS + EXTRA_FORMATS]
    if bad or not fs:
        raise InputError("BAD_FORMATS", f"synth: unknown format(s) {bad or fs}; choose from {', '.join(FORMATS + EXTRA_FORMATS)}")
    return fs


def generate(out: str | Path, orgs: int = 6, years: str | Iterable[int] = "2016-2024",
             formats: str | Iterable[str] = FORMATS, seed: int = 0, defects: float = 0.0,
             progress: Callable[[int, int], None] | None = None, pdf_workers: int = 2) -> list[dict[str, Any]]:
    """Generate reports for `orgs` organs × `years` into out/docs with truth in out/truth; return the manifest."""
    out = Path(out)
    ys = parse_years(years)
    fmts = parse_formats(formats)
    if orgs < 1:
        raise InputError("BAD_ORGS", f"synth: --orgs must be at least 1, got {orgs}")
    if not 0 <= defects <= 1:
        raise InputError("BAD_DEFECT_RATE", f"synth: --defects is a rate between 0 and 1, got {defects}")
    if "pdf" in fmts:
        render_pdf.soffice()  # fail before writing anything when LibreOffice is missing
    docs_dir = out / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    manifest: list[dict[str, Any]] = []
    pending_pdf: list[tuple[Any, str]] = []
    total = orgs * len(ys)
    done = 0
    with tempfile.TemporaryDirectory(prefix="rp-synth-") as tmp:
        conv = render_pdf.Converter(docs_dir, workers=pdf_workers) if "pdf" in fmts else None
        for org in tree.build(seed, orgs):
            series = values.series(seed, org, ys[-1])
            for year in ys:
                era = text.era_for(org, year)
                prev_era = text.era_for(org, year - 1) if year - 1 in ys else None
                plan = defects_mod.plan(seed, org, year, era, prev_era, defects, ys[0],
                                        lambda y: series[y].s3["carry_forward"]["total"] > 0)
                printed = defects_mod.apply_values(plan, series[year], seed, org, year)
                fmt = random.Random(f"{seed}:{org.code}:{year}:format").choice(fmts)
                stem = f"{org.code}-{year}"
                spec = text.build(seed, org, year, printed, plan, stem)
                spec.defects = defects_mod.record(plan)
                rel = f"docs/{stem}.{EXT[fmt]}"
                path = out / rel
                if fmt == "docx":
                    render_docx.render(spec, path)
                elif fmt == "html":
                    render_html.render(spec, path)
                elif fmt == "txt":
                    render_txt.render(spec, path)
                elif fmt == "ofd":
                    render_ofd.render(spec, path)
                else:
                    src = Path(tmp) / f"{stem}.docx"
                    render_docx.render(spec, src)
                    conv.add(src)
                    pending_pdf.append((spec, rel))
                if fmt != "pdf":
                    sha = hashlib.sha256(path.read_bytes()).hexdigest()
                    truth.write(truth.truth(spec, rel, fmt, sha, seed), out / "truth" / f"{stem}.{EXT[fmt]}.json")
                manifest.append({"path": rel, "format": fmt, "org": org.name, "level": org.level, "year": year,
                                 "era": spec.era, "defects": ";".join(d["type"] for d in spec.defects)})
                done += 1
                if progress:
                    progress(done, total)
        if conv is not None:
            conv.finish()
            for spec, rel in pending_pdf:
                # LibreOffice stamps creation dates into the PDF: bytes differ run to run, text does not.
                truth.write(truth.truth(spec, rel, "pdf", None, seed), out / "truth" / f"{Path(rel).name}.json")
    truth.write_manifest(manifest, out / "manifest.csv")
    return manifest
