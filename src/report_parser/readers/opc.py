"""The parts of a .docx package the reader uses, found and parsed the way python-docx finds them.

python-docx's `Document()` parses every part it knows (styles, numbering, settings, headers, footers, core
properties) and reads every part the relationships reach, about 7 ms on a report whose styles.xml is Word's
350 KB default: more than the rest of the reading. The reader needs only the main part, its styles and
numbering and the title, so this module resolves those through [Content_Types].xml and the relationships
exactly as python-docx does (same parser options, same defaults when a part is absent) and parses nothing else.
"""
from __future__ import annotations

import posixpath
import struct
import zipfile
import zlib
from collections import OrderedDict
from pathlib import Path

from lxml import etree

from ..errors import InputError

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_OFFICE_DOCUMENT, RT_STYLES, RT_NUMBERING = _RT + "officeDocument", _RT + "styles", _RT + "numbering"
RT_CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
CT_DOCUMENT, CT_STYLES, CT_NUMBERING = _CT + "document.main+xml", _CT + "styles+xml", _CT + "numbering+xml"
CT_CORE_PROPERTIES = "application/vnd.openxmlformats-package.core-properties+xml"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"

# python-docx's parser options (remove_blank_text changes which whitespace-only text nodes exist, so the same
# options give the same tree), plus no network access; DTDs were already refused by safety.check_xml, entities
# are never resolved and huge_tree stays off (libxml2's depth and size limits hold).
PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True, load_dtd=False,
                         huge_tree=False)


class Package:
    """Content types and relationships of an OOXML zip already passed by safety.check_ooxml."""

    def __init__(self, path: Path, zf: zipfile.ZipFile, data: bytes):
        self.path, self.zf, self.data = path, zf, data
        self._rels: dict[str, list[tuple[str, str]]] = {}
        for info in zf.infolist():
            # python-docx read every part the relationships reach, so a member whose directory entry points at
            # garbage failed the file; opening each member checks its local header without decompressing it
            # (safety.check_ooxml has already opened the XML members).
            if info.filename.endswith((".xml", ".rels")):
                continue
            try:
                zf.open(info).close()
            except (zipfile.BadZipFile, RuntimeError, OSError, ValueError, NotImplementedError) as e:
                raise InputError("CORRUPT_ZIP", f"{path.name}: a zip member cannot be decompressed ({e})") from e
        try:
            types = self.xml("[Content_Types].xml")
        except KeyError as e:
            raise InputError("NOT_A_DOCUMENT", f"{path.name}: not a Word document ({e})") from e
        # Part names and extensions compare case-insensitively, as in python-docx's content-type map.
        self.defaults = {el.get("Extension", "").lower(): el.get("ContentType")
                         for el in types.iterchildren(_CT_NS + "Default")}
        self.overrides = {el.get("PartName", "").lower(): el.get("ContentType")
                          for el in types.iterchildren(_CT_NS + "Override")}

    def read(self, member: str) -> bytes:
        """The bytes of a member; damaged compressed data is CORRUPT_ZIP, a missing member KeyError."""
        return read_member(self.path, self.zf, member)

    def xml(self, member: str):
        """A member parsed with the safe parser; malformed XML is CORRUPT_XML."""
        return parse_xml(self.path, self.read(member), "the document XML")

    def content_type(self, partname: str) -> str:
        """A part's content type: its Override, else the Default for its extension (KeyError if neither)."""
        ct = self.overrides.get(partname.lower())
        if ct is None:
            ext = posixpath.splitext(partname)[1]
            ct = self.defaults.get(ext[1:].lower() if ext.startswith(".") else ext.lower())
        if ct is None:
            raise KeyError(f"no content type for partname '{partname}' in [Content_Types].xml")
        return ct

    def related(self, source: str, reltype: str) -> str | None:
        """The part name a source part ("/" for the package) relates to by reltype; None if it has none."""
        rels = self._rels.get(source)
        if rels is None:
            base, name = posixpath.split(source)
            try:
                root = self.xml(posixpath.join(base, "_rels", name + ".rels")[1:])
            except KeyError:
                root = None
            rels = self._rels[source] = [] if root is None else [
                (rel.get("Type"), posixpath.abspath(posixpath.join(base, rel.get("Target", ""))))
                for rel in root.iterchildren(_REL) if rel.get("TargetMode", "Internal") != "External"]
        return next((target for kind, target in rels if kind == reltype), None)

    def cached(self, partname: str, cache: OrderedDict, build):
        """build(root) of a part, reused across documents whose part has the same compressed bytes.

        Most reports are written from a few templates whose styles.xml is Word's whole 350 KB style catalogue;
        parsing it and resolving its styles is ~5 ms, and identical bytes give an identical result.
        """
        member = partname[1:]
        key = self._raw_member(member)
        # Each step is one OrderedDict operation, so threads parsing at once (Dask workers) cannot break it.
        value = cache.get(key) if key is not None else None
        if value is not None:
            try:
                cache.move_to_end(key)
            except KeyError:  # another thread evicted it meanwhile
                pass
            return value
        value = build(self.xml(member))
        if key is not None:
            cache[key] = value
            while len(cache) > CACHE_ENTRIES:
                try:
                    cache.popitem(last=False)
                except KeyError:
                    break
        return value

    def _raw_member(self, member: str) -> tuple | None:
        """(method, CRC, size, compressed bytes) of a member: equal keys mean equal contents."""
        try:
            info = self.zf.getinfo(member)
            off = info.header_offset
            head = self.data[off:off + 30]
            if len(head) < 30 or head[:4] != b"PK\x03\x04":
                return None
            name_len, extra_len = struct.unpack("<HH", head[26:30])
            start = off + 30 + name_len + extra_len
            raw = self.data[start:start + info.compress_size]
            if len(raw) != info.compress_size:
                return None
            return info.compress_type, info.CRC, info.file_size, raw
        except (KeyError, struct.error, ValueError):
            return None


# Distinct style and numbering parts kept per process (each key holds the part's compressed bytes, ~30 KB).
CACHE_ENTRIES = 16


def read_member(path: Path, zf: zipfile.ZipFile, member: str) -> bytes:
    """The bytes of a zip member; damaged compressed data is CORRUPT_ZIP, a missing member KeyError."""
    try:
        return zf.read(member)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as e:
        raise InputError("CORRUPT_ZIP", f"{path.name}: a zip member cannot be decompressed ({e})") from e


def parse_xml(path: Path, data: bytes, what: str):
    """XML bytes parsed with the safe parser (no entities, DTD or network); malformed XML is CORRUPT_XML."""
    try:
        return etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError as e:
        raise InputError("CORRUPT_XML", f"{path.name}: {what} is malformed ({e})") from e


def main_part(pkg: Package) -> str:
    """The main document part's name, checked to be WordprocessingML (python-docx's "not a Word file")."""
    name = pkg.related("/", RT_OFFICE_DOCUMENT)
    if name is None:
        raise InputError("NOT_A_DOCUMENT", f"{pkg.path.name}: not a Word document (no relationship of type "
                         f"'{RT_OFFICE_DOCUMENT}' in collection)")
    try:
        ct = pkg.content_type(name)
    except KeyError as e:
        raise InputError("NOT_A_DOCUMENT", f"{pkg.path.name}: not a Word document ({e})") from e
    if ct != CT_DOCUMENT:
        raise InputError("NOT_A_DOCUMENT", f"{pkg.path.name}: not a Word document (file '{pkg.path.name}' is not "
                         f"a Word file, content type is '{ct}')")
    return name


def related_part(pkg: Package, source: str, reltype: str, content_type: str) -> str | None:
    """A related part of the given content type (python-docx reads one of another type as absent)."""
    name = pkg.related(source, reltype)
    if name is None or name[1:] not in pkg.zf.NameToInfo:
        return None
    try:
        return name if pkg.content_type(name) == content_type else None
    except KeyError:
        return None


_DEFAULT_STYLES = None


def default_styles():
    """python-docx's default styles part, which it uses when a document has none (read once)."""
    global _DEFAULT_STYLES
    if _DEFAULT_STYLES is None:
        import importlib.util

        spec = importlib.util.find_spec("docx")  # locates the package without importing it
        folder = Path(next(iter(spec.submodule_search_locations)))
        _DEFAULT_STYLES = etree.fromstring((folder / "templates" / "default-styles.xml").read_bytes(), PARSER)
    return _DEFAULT_STYLES


def title(pkg: Package) -> str | None:
    """dc:title of the core properties; python-docx's "Word Document" when the package has none."""
    name = pkg.related("/", RT_CORE_PROPERTIES)
    if name is None:
        return "Word Document"
    if related_part(pkg, "/", RT_CORE_PROPERTIES, CT_CORE_PROPERTIES) is None:
        return None
    el = pkg.xml(name[1:]).find(_DC_TITLE)
    return el.text if el is not None else None
