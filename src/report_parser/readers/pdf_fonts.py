"""What pdfminer makes of a page's fonts (name, descent, writing direction), read from the font dictionaries alone."""
from __future__ import annotations

# pdfminer's LTChar stands a horizontal character on the font's descent (its descriptor's /Descent, which
# pdfium replaces by the font program's own when the descriptor says 0) and names it after the descriptor's
# /FontName (pdfium's base font name sometimes drops the subset tag). The pypdfium2 text path needs both to give
# the characters pdfplumber gives; building pdfminer's font objects would parse every ToUnicode map (20-35 ms a
# report), so the few entries that matter are read as pdfminer reads them.

FontFacts = tuple[str, float, bool]  # pdfminer's font name, descent per unit of font size (<= 0), vertical writing


def page_fonts(resources, cache: dict | None = None) -> dict:
    """The page's fonts by every name pdfium may give them: name -> facts, None where two fonts share a name
    or a font cannot be described; for a shared name, (name, length of the font program) -> facts as well
    (pdfium drops the subset tag of some fonts, and LibreOffice splits one font into several subsets).

    cache: one document's answers, by the indirect font objects a page names (pages mostly share them).
    """
    from pdfminer.pdftypes import PDFObjRef, resolve1

    fonts = resolve1((resources or {}).get("Font")) or {}
    if not isinstance(fonts, dict):
        return {}
    key = None
    if cache is not None and all(isinstance(v, PDFObjRef) for v in fonts.values()):
        # The answer depends only on the font objects, in this order; an object number names one object of a file.
        key = tuple(v.objid for v in fonts.values())
        got = cache.get(key)
        if got is not None:
            return got
    out = _page_fonts(fonts)
    if key is not None:
        cache[key] = out  # read only by pdf_chars
    return out


def _page_fonts(fonts: dict) -> dict:
    from pdfminer.pdftypes import resolve1

    out: dict = {}
    found = []
    for spec in fonts.values():
        spec = resolve1(spec)
        if not isinstance(spec, dict):
            continue
        try:
            facts = _facts(spec)
        except Exception:  # a damaged font dictionary: pdfplumber reads the page and reports what it can
            facts = None
        names = {_name(spec.get("BaseFont"))}
        if facts is not None:
            names.add(_name(_descriptor(spec).get("FontName")))
        keys = {k for name in filter(None, names) for k in (name, name.split("+", 1)[1] if _subset(name) else name)}
        found.append((spec, facts, keys))
        for key in keys:
            if key in out and out[key] != facts:
                out[key] = None  # two fonts behind one name: told apart below by their programs' lengths
            else:
                out[key] = facts
    for spec, facts, keys in found:
        shared = [k for k in keys if out.get(k, 0) is None]
        if shared and facts is not None:
            length = _program_length(spec)
            for key in shared:
                # by program length, and by writing direction (one program is often set both ways: 宋体 with
                # Identity-H for the text and Identity-V for a table's vertical labels)
                for sub in ((key, length), (key, "V" if facts[2] else "H")):
                    out[sub] = None if sub in out and out[sub] != facts else facts
    return out


def _program_length(spec: dict) -> int | None:
    """Decoded length of the embedded font program (what pdfium's FPDFFont_GetFontData gives), or None."""
    from pdfminer.pdftypes import resolve1

    descriptor = _descriptor(spec)
    for key in ("FontFile", "FontFile2", "FontFile3"):
        stream = resolve1(descriptor.get(key))
        if stream is not None and hasattr(stream, "get_data"):
            try:
                return len(stream.get_data())
            except Exception:  # an undecodable program: the name stays ambiguous
                return None
    return None


def _subset(name: str) -> bool:
    # A subset tag: six capital letters and a plus sign before the font's name.
    return len(name) > 7 and name[6] == "+" and name[:6].isalpha() and name[:6].isupper()


def _name(value) -> str | None:
    """A name as pdf_chars.font_name decodes pdfium's: UTF-8, else byte for byte (GBK font names)."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    value = resolve1(value)
    if isinstance(value, PSLiteral):
        value = value.name
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            value = value.decode("latin-1")
    return value if isinstance(value, str) else None


def _fontname(value) -> str | None:
    """The font name pdfminer gives its characters (psparser.literal_name: bytes not in UTF-8 as their repr)."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral, literal_name

    value = resolve1(value)
    if isinstance(value, PSLiteral):
        return literal_name(value)
    return value if isinstance(value, str) else None  # a string object (bytes): pdfplumber re-decodes it


def _descriptor(spec: dict) -> dict:
    """The font descriptor pdfminer reads: the descendant's for Type0, the standard metrics' for the base 14."""
    from pdfminer.fontmetrics import FONT_METRICS
    from pdfminer.pdftypes import resolve1

    if _name(spec.get("Subtype")) == "Type0":
        dfonts = resolve1(spec.get("DescendantFonts"))
        cid = resolve1(dfonts[0]) if isinstance(dfonts, list) and dfonts else None
        spec = cid if isinstance(cid, dict) else {}
    else:
        base = _name(spec.get("BaseFont")) or "unknown"
        if base in FONT_METRICS:
            return FONT_METRICS[base][0]
    got = resolve1(spec.get("FontDescriptor")) or {}
    return got if isinstance(got, dict) else {}


def _facts(spec: dict) -> FontFacts | None:
    from pdfminer.fontmetrics import FONT_METRICS
    from pdfminer.pdftypes import resolve1

    subtype = _name(spec.get("Subtype")) or "Type1"
    vertical = False
    if subtype == "Type0":
        dfonts = resolve1(spec.get("DescendantFonts"))
        if not isinstance(dfonts, list) or not dfonts:
            return None
        cid = resolve1(dfonts[0])
        if not isinstance(cid, dict):
            return None
        descriptor = resolve1(cid.get("FontDescriptor")) or {}
        vertical = _vertical(spec)
        if vertical is None or (vertical and resolve1(cid.get("W2"))):
            return None  # per-glyph vertical displacements: pdfium's origins are not checked against them
    elif subtype in ("Type1", "MMType1", "TrueType"):
        base = _name(spec.get("BaseFont")) or "unknown"
        descriptor = FONT_METRICS[base][0] if base in FONT_METRICS else resolve1(spec.get("FontDescriptor")) or {}
    else:
        return None  # Type3 glyphs are boxed by their own matrix and bbox: pdfplumber reads those pages
    if not isinstance(descriptor, dict):
        return None
    fontname = _fontname(descriptor.get("FontName", "unknown"))
    descent = resolve1(descriptor.get("Descent", 0))
    if fontname is None or not isinstance(descent, (int, float)):
        return None
    return fontname, -abs(descent) * 0.001, vertical


def _vertical(spec: dict) -> bool | None:
    """Whether pdfminer sets the Type0 font's text vertically (its CMap's writing mode), None if unclear."""
    from pdfminer.cmapdb import CMapDB
    from pdfminer.pdftypes import resolve1

    enc = resolve1(spec.get("Encoding"))
    name = _name(enc) if not isinstance(enc, dict) and not hasattr(enc, "attrs") else \
        _name((enc.attrs if hasattr(enc, "attrs") else enc).get("CMapName"))
    if name is None:
        return None
    name = {"DLIdent-H": "Identity-H", "DLIdent-V": "Identity-V"}.get(name, name)
    try:
        return bool(CMapDB.get_cmap(name).is_vertical())
    except CMapDB.CMapNotFound:
        return False  # pdfminer falls back to an empty, horizontal CMap
