"""Read plain text: detect the encoding (UTF-8/BOM, UTF-16, GB18030, detection), one block per line."""
from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import InputError
from . import files
from ..model import PARAGRAPH, Block, Document, Provenance
from .normalize import normalise_blocks
from .. import lazyre
from .unwrap import group_wrapped, join_wrapped

_NEWLINE = lazyre.compile(r"\r\n|\r|\n")
# A decoding is plausible when nearly all characters are ones a Chinese report uses.
_PLAUSIBLE = lazyre.compile(r"[\ufffd\t\n\r\f\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u2100-\u22ff\u2460-\u24ff\u2500-\u257f"
                           r"\u25a0-\u25ff\u3000-\u303f\u3200-\u32ff\u4e00-\u9fff\uff00-\uffef]")
PLAUSIBLE_SHARE = 0.97
# Share of CJK characters that must be common ones (GB2312 level 1 or Big5 level 1). Bytes in one
# legacy encoding decoded as another are usually valid but land on rare characters, so this picks
# GB18030 vs Big5 and rejects mojibake that real reports never contain.
COMMON_SHARE = 0.9
_CJK = lazyre.compile(r"[\u4e00-\u9fff]")


def _is_common(c: str) -> bool:
    try:
        if 0xB0 <= c.encode("gb2312")[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        return 0xA4 <= c.encode("big5")[0] <= 0xC6
    except UnicodeEncodeError:
        return False


def _sample(text: str, size: int = 200_000) -> str:
    """Start, middle and end of a long text: enough to judge an encoding without scanning megabytes."""
    if len(text) <= 3 * size:
        return text
    mid = len(text) // 2
    return text[:size] + text[mid:mid + size] + text[-size:]


def _plausible(text: str) -> bool:
    """Nearly all characters are ones a report uses (no control characters, kana, rare symbols)."""
    text = _sample(text)
    return not text or len(_PLAUSIBLE.findall(text)) >= PLAUSIBLE_SHARE * len(text)


def _common_share(text: str) -> float:
    """Share of the CJK characters (sampled) that are common simplified or traditional characters."""
    cjk = _CJK.findall(text[:20000])
    if len(cjk) < 20:
        return 1.0
    return sum(1 for c in cjk if _is_common(c)) / len(cjk)


def _utf16_guess(data: bytes) -> str | None:
    """utf-16-le/be when NULs sit on every other byte (ASCII) or the text is BOM-less UTF-16 CJK."""
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > len(head) // 8 and even < odd // 10:
        return "utf-16-le"
    if even > len(head) // 8 and odd < even // 10:
        return "utf-16-be"
    return None


# A few undecodable bytes in otherwise valid UTF-8/GB18030 are transmission or copy damage: the text
# is read with U+FFFD in their place (and a warning) rather than refused.
MAX_DAMAGED_SHARE = 0.002


def _damaged(data: bytes) -> tuple[str, str] | None:
    """Decode slightly damaged UTF-8 or GB18030 with replacement characters, if the damage is rare."""
    for enc in ("utf-8", "gb18030"):
        text = data.decode(enc, errors="replace")
        bad = text.count("\ufffd")
        if bad <= max(2, MAX_DAMAGED_SHARE * len(text)) and _plausible(text) and _common_share(text) >= COMMON_SHARE:
            return text, enc + "+replace"
    return None


def decode(data: bytes, name: str = "") -> tuple[str, str]:
    """Decode text bytes; returns (text, encoding) or raises InputError UNKNOWN_ENCODING."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise InputError("UNKNOWN_ENCODING", f"{name}: the file starts with a {enc} byte-order mark "
                                 f"but is not valid {enc} ({e.reason} at byte {e.start})") from e
    guess = _utf16_guess(data)
    for enc in ([guess] if guess else []) + ["utf-8"]:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible(text):  # a strict UTF decode of plausible characters is decisive
            return text, enc
    scored = []
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            scored.append((_common_share(text), enc, text))
    if scored:
        share, enc, text = max(scored)
        if share >= COMMON_SHARE:
            return text, enc
    damaged = _damaged(data)
    if damaged is not None:
        return damaged
    from charset_normalizer import from_bytes  # slower detection only when the common encodings fail

    best = from_bytes(data[:200000]).best()
    if best is not None:
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = None
        if text is not None and _plausible(text) and _CJK.search(text) and _common_share(text) >= COMMON_SHARE:
            return text, best.encoding
    raise InputError("UNKNOWN_ENCODING", f"{name}: the text is in an encoding that is neither UTF-8, UTF-16 nor "
                     "GB18030/GBK, and detection found no plausible Chinese reading")


# A report in plain text is tens of KB; 50 MB of "text" is a dump or an attack, and decoding it in
# several candidate encodings would hold hundreds of MB.
MAX_TEXT_BYTES = 50 * 1024 * 1024


def read(path: Path, data: bytes, options: dict) -> Document:
    """Read a text file: one Paragraph per non-blank line (per paragraph when hard-wrapped), prov.index its line."""
    if len(data) > MAX_TEXT_BYTES:
        raise InputError("TOO_LARGE", f"{path.name}: {len(data):,} bytes of text is far beyond any report "
                         f"(limit {MAX_TEXT_BYTES:,}); refused")
    text, enc = decode(data, path.name)
    lines = _NEWLINE.split(text)
    # Form feeds mark pages in text dumped from PDFs (pdftotext); without one, pages are unknown.
    paged = "\f" in text
    page = 1
    pages: list[int | None] = []
    for i, line in enumerate(lines):
        if paged and "\f" in line:
            page += line.count("\f")
            lines[i] = line.replace("\f", "")
        pages.append(page if paged else None)
    doc = Document(path=str(path), sha256=files.digest(data), format="txt",
                   pages=page if paged else None)
    doc.meta["encoding"] = enc
    if enc.endswith("+replace"):
        doc.issues.append({"code": "READER_WARNING", "page": None,
                           "message": f"{path.name}: {text.count(chr(0xFFFD))} undecodable byte sequence(s) in "
                           f"{enc[:-8]} text were replaced by U+FFFD"})
    # A hard-wrapped text (unwrap.py) gives one block per paragraph, prov.index its first line.
    blocks = []
    for g in group_wrapped(lines):
        text = join_wrapped([lines[i] for i in g]) if len(g) > 1 else lines[g[0]]
        blocks.append(Block(kind=PARAGRAPH, text=text, raw="\n".join(lines[i] for i in g),
                            prov=Provenance(page=pages[g[0]], index=g[0] + 1)))
    normalise_blocks(doc, blocks)
    return doc
