"""Images inside a web page's report body (tables published as pictures, 图片版): found locally, never fetched.

An `<img>` is read when its bytes are at hand: a `data:` URI, a file beside the saved page (the "page_files/"
folder a browser writes, inside the page's folder only), or a part of the MHTML archive the page came from.
An image large enough to hold a table is OCR'd like a scanned page (ocr_page.read_image): its grids become
Table blocks and the rest text lines, all flagged OCR.
"""
from __future__ import annotations

import base64
import io
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

MAX_IMAGE_BYTES = 20 * 1024 * 1024
# Smaller images are icons, logos, QR codes and spacer GIFs, not tables or text (a two-row table screenshot
# is ~50 px high).
MIN_W, MIN_H = 200, 40
# Web images carry no resolution: CSS pixels are 96 per inch, and a table screenshot's 12–16 px characters
# are too small for the text detector. Images are scaled to this resolution before OCR.
WEB_DPI = 96
OCR_DPI = 200
_DATA_URI = re.compile(r"^data:image/[a-z0-9.+-]+;base64,(.*)$", re.I | re.S)


def image_bytes(src: str, page: Path, resources: dict[str, bytes] | None = None) -> bytes | None:
    """The bytes of an image source when they are available without the network, else None."""
    src = (src or "").strip()
    m = _DATA_URI.match(src)
    if m:
        try:
            data = base64.b64decode(m.group(1)[: MAX_IMAGE_BYTES * 4 // 3 + 4], validate=False)
        except ValueError:
            return None
        return data[:MAX_IMAGE_BYTES + 1]
    if resources:
        for key in (src, unquote(src), src.split("/")[-1]):
            if key in resources:
                return resources[key]
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return None  # http(s), cid:, file:, //host: never fetched or opened outside the page's folder
    base = page.parent.resolve()
    try:
        target = (base / unquote(parts.path)).resolve()
        target.relative_to(base)  # ../ out of the page's folder: refused
    except (ValueError, OSError):
        return None
    if not target.is_file() or target.stat().st_size > MAX_IMAGE_BYTES:
        return None
    return target.read_bytes()


def decode(data: bytes):
    """A greyscale PIL image at OCR_DPI from image bytes, or None when it is no image, too small or too big."""
    from PIL import Image

    from .ocr import MAX_SIDE

    try:
        img = Image.open(io.BytesIO(data))
        w, h = img.size
        if w < MIN_W or h < MIN_H or w * h > MAX_SIDE * MAX_SIDE:
            return None
        img.load()
    except Exception:  # not an image PIL reads (SVG, a broken file): nothing to OCR
        return None
    if img.mode in ("RGBA", "LA", "P"):
        img = img.convert("RGBA")
        bg = Image.new("RGBA", img.size, (255, 255, 255, 255))  # transparent backgrounds are white paper
        img = Image.alpha_composite(bg, img)
    scale = min(OCR_DPI / WEB_DPI, MAX_SIDE / max(w, h))
    img = img.convert("L")
    if scale > 1.01:
        img = img.resize((int(w * scale), int(h * scale)), Image.LANCZOS)
    return img


def mht_resources(parts) -> dict[str, bytes]:
    """Image parts of an MHTML archive by Content-Location (full and last path segment) and cid."""
    out: dict[str, bytes] = {}
    total = 0
    for p in parts:
        if p.get_content_maintype() != "image":
            continue
        data = p.get_payload(decode=True) or b""
        total += len(data)
        if total > 4 * MAX_IMAGE_BYTES:
            break
        loc = str(p.get("Content-Location") or "").strip()
        cid = str(p.get("Content-ID") or "").strip().strip("<>")
        for key in (loc, loc.split("/")[-1], f"cid:{cid}" if cid else ""):
            if key:
                out.setdefault(key, data)
    return out
