"""Read MHTML web archives ("single file web page", often published with a .doc name) via the HTML reader."""
from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import InputError
from . import files
from ..model import Document


def _message(data: bytes):
    import email
    import email.policy

    return email.message_from_bytes(data, policy=email.policy.default)


def html_part(path: Path, data: bytes, msg=None) -> bytes:
    """The archive's first text/html part as UTF-8 bytes with a BOM (so its meta charset cannot override)."""
    msg = msg if msg is not None else _message(data)
    part = next((p for p in msg.walk() if p.get_content_type() == "text/html"), None)
    if part is None:
        raise InputError("NOT_A_DOCUMENT", f"{path.name}: the web archive (MHTML) holds no HTML part")
    try:
        text = part.get_content()  # undoes quoted-printable/base64 and decodes the part's charset
    except (LookupError, UnicodeError, ValueError):
        # An unknown or lying charset: hand the raw bytes over and let the HTML reader detect it.
        raw = part.get_payload(decode=True)
        if not raw:
            raise InputError("NOT_A_DOCUMENT", f"{path.name}: the web archive's HTML part is empty") from None
        return raw
    return codecs.BOM_UTF8 + text.encode("utf-8")


def read(path: Path, data: bytes, options: dict) -> Document:
    """Read an MHTML archive: its HTML part through the HTML reader, provenance marked converted_from=mht."""
    from . import html
    from .html_images import mht_resources

    msg = _message(data)
    # The archive's image parts are the page's pictures (Word saves a table pasted as a picture there).
    doc = html.read(path, html_part(path, data, msg), options, resources=mht_resources(msg.walk()))
    doc.format = "mht"
    doc.sha256 = files.digest(data)  # the file's digest, not the extracted part's
    for b in doc.blocks:
        b.prov.converted_from = "mht"
    return doc
