"""OCR engines behind one interface: tesseract (chi_sim, CLI) and RapidOCR (PP-OCR models bundled in its wheel).

Each engine reads a greyscale PIL image into OcrBox lines (text, pixel box, score). Which engine reads which
region is decided by the caller (readers/ocr_page.py): measured on 200-dpi scans of the 洪泽 reports, RapidOCR
reads 96.6 % of the table digits against 47–59 % for tesseract, while tesseract reads prose better (98.6 % of
characters against 94.0 %). See docs/notes/ocr.md.
"""
from __future__ import annotations

import importlib.metadata as md
import io
import re
import subprocess
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import InputError
from . import ocr

TESSERACT, RAPIDOCR = "tesseract", "rapidocr"
# The RapidOCR models this reader uses, all inside the rapidocr wheel's models/ folder: the engine is given
# their paths, so it never looks for (or downloads) anything else. The angle classifier is off: report
# pages are upright and it only costs time.
RAPID_MODELS = {"Det": "PP-OCRv6_det_small.onnx", "Rec": "PP-OCRv6_rec_small.onnx"}
RAPID_THREADS = 1  # onnxruntime's own pool spins against the other worker on a 2-core machine
# The text detector's input is scaled so its longer side is at most this many pixels. A table of a 300-dpi
# page is ~1,800 px; at 1,280 px (about 210 dpi) the digits are still read (see docs/notes/ocr.md) and the
# detector's peak memory drops by ~150 MB, which keeps OCR inside ingest's default 1 GB address-space ceiling.
DET_MAX_SIDE = 1280


@dataclass
class OcrBox:
    """One line of text an engine read: pixel box (x0, top, x1, bottom) and a 0–1 confidence."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    score: float = 1.0

    @property
    def centre(self) -> tuple[float, float]:
        """The box's centre in pixels."""
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


class Engine:
    """An OCR engine: name, version (engine and model, for provenance) and read(image) -> OcrBox lines."""

    name = ""
    # Whether a grid is read with its rules whitened, word by word: tesseract reads rules as "|", "1" and "l",
    # while RapidOCR's detector uses them to separate cells.
    clean_grid = False

    def available(self) -> bool:
        """True when the engine and its model are installed."""
        raise NotImplementedError

    def version(self) -> str:
        """Engine and model version as recorded in provenance (`rapidocr 3.10.0 PP-OCRv6 small`)."""
        raise NotImplementedError

    def read(self, image, label: str = "page", words: bool = False) -> list[OcrBox]:
        """Text lines (or words, where the engine can tell them) read from a greyscale PIL image, top to bottom."""
        raise NotImplementedError


_SPACE = ocr._OCR_SPACE


class Tesseract(Engine):
    """The tesseract CLI with chi_sim, line boxes from its TSV output."""

    name = TESSERACT
    clean_grid = True

    def available(self) -> bool:
        """True when tesseract and chi_sim are installed."""
        return ocr.available()

    def version(self) -> str:
        """`tesseract 5.3.0 chi_sim`."""
        return f"{_tesseract_version(ocr.find_tesseract() or 'tesseract')} {ocr.LANG}"

    def read(self, image, label: str = "page", words: bool = False) -> list[OcrBox]:
        """Lines (or words) of a PIL image (psm 6), each with its box and mean confidence."""
        binary = ocr._check(Path(label))
        buf = io.BytesIO()
        image.save(buf, format="PNG")
        try:
            out = subprocess.run([binary, "stdin", "stdout", "-l", ocr.LANG, "--psm", str(ocr.PSM), "tsv"],
                                 input=buf.getvalue(), capture_output=True, timeout=ocr.TIMEOUT, check=False,
                                 env=ocr._env())
        except subprocess.TimeoutExpired:
            raise InputError("OCR_TIMEOUT", f"{label}: tesseract did not finish within {ocr.TIMEOUT} s") from None
        if out.returncode != 0:
            msg = out.stderr.decode("utf-8", "replace").strip().splitlines()
            raise InputError("OCR_FAILED", f"{label}: tesseract failed" + (f" ({msg[-1][:200]})" if msg else ""))
        return tsv_lines(out.stdout.decode("utf-8", "replace"), words)


def tsv_lines(tsv: str, words: bool = False) -> list[OcrBox]:
    """tesseract TSV words grouped into lines (block, paragraph, line), spaces at CJK boundaries dropped;
    with words, each word on its own."""
    lines: dict[tuple, list[tuple]] = {}
    for row in tsv.splitlines()[1:]:
        f = row.split("\t")
        if len(f) < 12 or f[0] != "5" or not f[11].strip():
            continue
        x, y, w, h = (int(v) for v in f[6:10])
        key = (int(f[2]), int(f[3]), int(f[4])) + ((int(f[5]),) if words else ())
        lines.setdefault(key, []).append((x, y, x + w, y + h, float(f[10]), f[11]))
    out = []
    for words in lines.values():
        text = _SPACE.sub("", " ".join(w[5] for w in words)).strip()
        if not text:
            continue
        conf = [w[4] for w in words if w[4] >= 0]
        out.append(OcrBox(text, min(w[0] for w in words), min(w[1] for w in words), max(w[2] for w in words),
                          max(w[3] for w in words), (sum(conf) / len(conf) / 100) if conf else 0.0))
    out.sort(key=lambda b: (b.top, b.x0))
    return out


@lru_cache(maxsize=4)
def _tesseract_version(binary: str) -> str:
    try:
        out = subprocess.run([binary, "--version"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "tesseract"
    first = (out.stdout or out.stderr).decode("utf-8", "replace").strip().splitlines()
    return first[0].strip() if first else "tesseract"


def rapid_model_dir() -> Path | None:
    """The rapidocr wheel's models/ folder when every model this reader needs is in it, else None."""
    try:
        import importlib.util

        spec = importlib.util.find_spec("rapidocr")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    models = Path(spec.origin).parent / "models"
    return models if all((models / f).is_file() for f in RAPID_MODELS.values()) else None


class Rapid(Engine):
    """RapidOCR (PP-OCR det + rec models bundled in the rapidocr wheel, run by onnxruntime)."""

    name = RAPIDOCR
    _lock = threading.Lock()
    _engine = None

    def available(self) -> bool:
        """True when rapidocr, onnxruntime and opencv import and the bundled models are present."""
        if rapid_model_dir() is None:
            return False
        try:
            import cv2  # noqa: F401
            import onnxruntime  # noqa: F401
        except ImportError:
            return False
        return True

    def version(self) -> str:
        """`rapidocr 3.10.0 PP-OCRv6_det_small+PP-OCRv6_rec_small onnxruntime 1.32.0`."""
        def v(p: str) -> str:
            try:
                return md.version(p)
            except md.PackageNotFoundError:
                return "?"
        models = "+".join(f.removesuffix(".onnx") for f in RAPID_MODELS.values())
        return f"rapidocr {v('rapidocr')} {models} onnxruntime {v('onnxruntime')}"

    def _get(self, label: str):
        with self._lock:
            if Rapid._engine is None:
                models = rapid_model_dir()
                if models is None or not self.available():
                    raise InputError("OCR_UNAVAILABLE", f"{label}: RapidOCR needs the Python packages rapidocr, "
                                     "onnxruntime and opencv-python-headless (pip install 'report-parser[ocr]')")
                import logging

                from rapidocr import RapidOCR

                params = {"Global.log_level": "error", "Global.use_cls": False,
                          "Det.limit_type": "max", "Det.limit_side_len": DET_MAX_SIDE,
                          "EngineConfig.onnxruntime.intra_op_num_threads": RAPID_THREADS,
                          "EngineConfig.onnxruntime.inter_op_num_threads": 1}
                for task, f in RAPID_MODELS.items():
                    params[f"{task}.model_path"] = str(models / f)
                Rapid._engine = RapidOCR(params=params)
                logging.getLogger("RapidOCR").setLevel(logging.ERROR)
            return Rapid._engine

    def read(self, image, label: str = "page", words: bool = False) -> list[OcrBox]:
        """Text lines of a PIL image with their detected boxes and recognition scores (words: no difference)."""
        import numpy as np

        engine = self._get(label)
        try:
            res = engine(np.array(image.convert("RGB")))
        except Exception as e:  # onnxruntime/opencv errors on a degenerate image: the page, not the parser
            raise InputError("OCR_FAILED", f"{label}: RapidOCR failed ({type(e).__name__}: {e})") from e
        out = []
        for box, text, score in zip(res.boxes if res.boxes is not None else [], res.txts or (), res.scores or ()):
            xs, ys = [float(p[0]) for p in box], [float(p[1]) for p in box]
            text = _SPACE.sub("", text).strip()
            if text:
                out.append(OcrBox(text, min(xs), min(ys), max(xs), max(ys), float(score)))
        out.sort(key=lambda b: (b.top, b.x0))
        return out


def limit_native_memory() -> None:
    """Keep native libraries' reserved address space small in a process under an address-space ceiling.

    OpenBLAS (loaded by numpy and again by OpenCV) reserves buffers per thread at load time, and glibc
    gives every thread that allocates its own 64 MB arena: together ~300 MB of address space that RLIMIT_AS
    counts although little of it is ever touched. Must run before numpy or OpenCV is imported to act fully.
    """
    import os
    import sys

    if "numpy" not in sys.modules:
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
            os.environ.setdefault(var, "1")
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        libc.mallopt(-8, 2)  # M_ARENA_MAX: two malloc arenas whatever the thread count
    except (OSError, AttributeError):  # not glibc: nothing to tune
        pass


ENGINES: dict[str, Engine] = {TESSERACT: Tesseract(), RAPIDOCR: Rapid()}
_DIGITS = re.compile(r"\d")


def engine(name: str) -> Engine:
    """The engine of that name (tesseract | rapidocr)."""
    return ENGINES[name]


def installed() -> list[str]:
    """Names of the engines that are installed with their models, best for tables first."""
    return [n for n in (RAPIDOCR, TESSERACT) if ENGINES[n].available()]


def choose(names: list[str], has_grid: bool, preferred: str | None = None) -> tuple[str, str]:
    """(engine for ruled grids, engine for prose) among the installed names; preferred forces one for both.

    Grids go to RapidOCR and prose to tesseract when both are present (the measured strengths above).
    """
    if not names:
        raise InputError("OCR_UNAVAILABLE", ocr._MISSING + ", or the OCR extra with RapidOCR "
                         "(pip install 'report-parser[ocr]': rapidocr, onnxruntime, opencv-python-headless)")
    if preferred:
        if preferred not in names:
            raise InputError("OCR_UNAVAILABLE", f"the OCR engine {preferred} is not installed")
        return preferred, preferred
    grid = RAPIDOCR if RAPIDOCR in names else names[0]
    prose = TESSERACT if TESSERACT in names else names[0]
    return (grid if has_grid else prose), prose
