"""OCR of scanned PDF pages: pypdfium2 renders the page, the tesseract CLI reads it with the chi_sim model."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from ..errors import InputError
from .. import lazyre

DPI = 300  # tesseract's Chinese model is trained near 300 dpi; 150-dpi scans are upscaled to it
MAX_SIDE = 6000  # pixels: a page with a hostile 200-inch media box must not render a gigapixel image
TIMEOUT = 120  # seconds per page
LANG = "chi_sim"
# psm 6 reads the page as one block of text. Reports are single-column prose and grids, where psm 6
# keeps table rows on one line; psm 4 (one column of variable-size text) is the fallback option.
PSM = 6

# tesseract's chi_sim model puts a space at every script change ("主动公开信息 438 条", "2017 年") and
# sometimes between ideographs; the printed page has none, so spaces touching a CJK character or CJK
# punctuation are dropped. Spaces between Latin words and between numbers stay.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff65"
_OCR_SPACE = lazyre.compile(f"(?<=[{_CJK}])[ \t]+|[ \t]+(?=[{_CJK}])")

# Called before each page is OCR'd. OCR costs seconds a page, so the ingest worker uses it to extend
# the file's time limit page by page instead of timing out every long scan (see ingest.py).
_page_hook = None

_MISSING = ("OCR needs tesseract with its simplified-Chinese model; install the Debian packages "
            "tesseract-ocr and tesseract-ocr-chi-sim")


def find_tesseract() -> str | None:
    """Path of the tesseract binary (REPORT_PARSER_TESSERACT overrides the PATH search)."""
    env = os.environ.get("REPORT_PARSER_TESSERACT")
    if env:
        return env if Path(env).exists() else None
    return shutil.which("tesseract")


@lru_cache(maxsize=4)
def _languages(binary: str) -> frozenset[str]:
    try:
        out = subprocess.run([binary, "--list-langs"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    lines = (out.stdout or out.stderr).decode("utf-8", "replace").splitlines()
    return frozenset(x.strip() for x in lines[1:] if x.strip())


def available() -> bool:
    """True when tesseract and its chi_sim model are installed."""
    binary = find_tesseract()
    return bool(binary) and LANG in _languages(binary)


def _check(path: Path) -> str:
    binary = find_tesseract()
    if not binary or LANG not in _languages(binary):
        raise InputError("OCR_UNAVAILABLE", f"{path.name}: {_MISSING}")
    return binary


# A dark run this long is a table rule, never a glyph stroke: a CJK character is 4.2 mm at 12 pt and
# under 10 mm up to a 28-pt title (a 6-mm vertical threshold erased 22-pt title strokes). tesseract
# reads ruled tables as noise ("0|010o|0ololo"); with the rules whitened, rows come out as
# "1.属于国家秘密 1 0 0 0 0 0 1".
RULE_MM_HORIZONTAL = 10.0
RULE_MM_VERTICAL = 10.0
DARK = 200  # grey level below which a pixel counts as ink (rules on 150-200 dpi scans are light grey)


def _long_runs(dark, length: int):
    """Mask of the pixels that lie on a horizontal run of at least `length` dark pixels."""
    import numpy as np

    h, n = dark.shape
    if n < length:
        return np.zeros_like(dark)
    s = np.zeros((h, n + 1), np.int32)
    np.cumsum(dark, axis=1, dtype=np.int32, out=s[:, 1:])
    full = (s[:, length:] - s[:, :-length]) == length  # full[:, j]: pixels j .. j+length-1 all dark
    m = full.shape[1]
    # Spread each full window back over its pixels: +1 where a window starts, -1 just after it ends.
    d = np.zeros((h, n + 1), np.int32)
    d[:, :m] += full
    d[:, length:length + m] -= full
    return np.cumsum(d[:, :n], axis=1) > 0


def remove_rules(img, dpi: float = DPI):
    """A greyscale PIL image with long horizontal and vertical lines (table rules) turned white."""
    import numpy as np
    from PIL import Image

    a = np.array(img.convert("L"))
    dark = a < DARK
    px = dpi / 25.4
    mask = _long_runs(dark, max(12, int(RULE_MM_HORIZONTAL * px)))
    mask |= _long_runs(np.ascontiguousarray(dark.T), max(8, int(RULE_MM_VERTICAL * px))).T
    a[mask] = 255
    return Image.fromarray(a)


def _need_numpy(path: Path) -> None:
    """OCR_UNAVAILABLE naming the package when numpy (a declared dependency) was removed or not installed."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        raise InputError("OCR_UNAVAILABLE", f"{path.name}: OCR needs numpy to clean the page image; "
                         "install it with `pip install numpy` (or reinstall report-parser)") from None


def render_image(path: Path, page_no: int, dpi: int | None = None):
    """(greyscale PIL image, effective dpi) of one 1-based PDF page, bounded to MAX_SIDE pixels."""
    import pypdfium2 as pdfium

    _need_numpy(path)
    dpi = dpi or DPI  # read at call time, so the module setting can be changed
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        raise InputError("CORRUPT_PDF", f"{path.name}: the page image cannot be rendered for OCR ({e})") from e
    try:
        try:
            page = pdf[page_no - 1]
            w, h = page.get_size()
            scale = min(dpi / 72, MAX_SIDE / max(w, h, 1))
            bitmap = page.render(scale=scale, grayscale=True)
        except pdfium.PdfiumError as e:
            # pdfium refuses a page whose objects are damaged: that is the file, not a parser bug.
            raise InputError("CORRUPT_PDF", f"{path.name}: page {page_no} cannot be loaded for OCR ({e})",
                             page_no) from e
        img = bitmap.to_pil()
        page.close()
        return img, scale * 72
    finally:
        pdf.close()


def render_png(path: Path, page_no: int, dpi: int | None = None, clean: bool = True) -> bytes:
    """PNG bytes of one 1-based PDF page rendered in greyscale at dpi (bounded to MAX_SIDE pixels).

    With clean, table rules are removed so tesseract reads table rows as lines of text.
    """
    img, eff = render_image(path, page_no, dpi)
    if clean:
        img = remove_rules(img, eff)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def _env() -> dict[str, str]:
    # tesseract's OpenMP threads spin against each other on small machines: one thread per page
    # measured 3.1 s against 15 s with the default on 2 cores (a 300-dpi A4 page, chi_sim).
    env = dict(os.environ)
    env.setdefault("OMP_THREAD_LIMIT", "1")
    return env


def ocr_image(png: bytes, name: str = "page", psm: int | None = None, binary: str | None = None) -> str:
    """Text tesseract reads from a PNG image (chi_sim)."""
    binary = binary or _check(Path(name))
    psm = psm or PSM
    try:
        out = subprocess.run([binary, "stdin", "stdout", "-l", LANG, "--psm", str(psm)], input=png,
                             capture_output=True, timeout=TIMEOUT, check=False, env=_env())
    except subprocess.TimeoutExpired:
        raise InputError("OCR_TIMEOUT", f"{name}: tesseract did not finish a page within {TIMEOUT} s") from None
    if out.returncode != 0:
        msg = out.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError("OCR_FAILED", f"{name}: tesseract failed" + (f" ({msg[-1][:200]})" if msg else ""))
    text = out.stdout.decode("utf-8", "replace").replace("\f", "")
    return "\n".join(_OCR_SPACE.sub("", line).strip() for line in text.splitlines())


def page_hook() -> None:
    """Tell the ingest worker that a page is about to be OCR'd (see on_page)."""
    if _page_hook is not None:
        _page_hook()


def on_page(hook) -> None:
    """Call hook() before each page is OCR'd in this process (None removes it)."""
    global _page_hook
    _page_hook = hook


def ocr_page(path: Path, page_no: int) -> str:
    """OCR text of one 1-based page of a PDF (300 dpi, tesseract chi_sim), or InputError OCR_UNAVAILABLE."""
    path = Path(path)
    binary = _check(path)
    if _page_hook is not None:
        _page_hook()
    return ocr_image(render_png(path, page_no), f"{path.name} page {page_no}", binary=binary)
