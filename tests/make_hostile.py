"""Build the hostile-input corpus (broken, encrypted, misnamed, malicious files) plus good files into a folder.

Usage: python tests/make_hostile.py OUTDIR [--pages 2000]

Every file is generated here from text written for this project (no real report is copied). CASES says
what parsing each file must give: the record status and the issue code that must be present. The
tests (tests/test_hostile.py) build the corpus once per session with build() and check each row.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

from report_parser.readers.fsnames import key

# A short pre-2019 township report written for these tests (own wording, invented figures).
REPORT_TITLE = "示范镇人民政府2016年政府信息公开工作年度报告"
REPORT_PARAS = [
    REPORT_TITLE,
    "根据《中华人民共和国政府信息公开条例》规定，特向社会公布示范镇人民政府2016年政府信息公开工作年度报告。"
    "本报告中所列数据的统计期限自2016年1月1日起至2016年12月31日止。",
    "一、概述",
    "2016年，我镇认真贯彻落实政府信息公开各项要求，健全工作机制，明确专人负责信息公开网站的维护和信息发布。",
    "二、主动公开政府信息情况",
    "2016年，我镇通过政府信息公开网站主动公开政府信息215条，其中机构职能类12条，规划计划类9条，财政预决算类6条。",
    "三、政府信息依申请公开办理情况",
    "2016年，我镇未收到政府信息公开申请。",
    "四、政府信息公开的收费及减免情况",
    "2016年，我镇未收取任何政府信息公开费用。",
    "五、因政府信息公开申请行政复议、提起行政诉讼的情况",
    "2016年，我镇未发生因政府信息公开申请行政复议、提起行政诉讼的情况。",
    "六、存在的主要问题及改进措施",
    "信息更新还不够及时。下一步，我镇将进一步完善信息发布审核制度，提高公开质量。",
    "七、需要说明的其他事项",
    "无。",
]


# File names that are not UTF-8 (Python holds their undecodable bytes as lone surrogates): two GBK
# names, as archives copied from Chinese Windows carry them, and one that no encoding reads.
GBK_NAME = os.fsdecode("报告-gbk".encode("gbk") + b".txt")
GBK_EMPTY_NAME = os.fsdecode("空白".encode("gbk") + b".pdf")
RAW_NAME = os.fsdecode(b"r\xe9sum\xe9 \xff\xfe.docx")


@dataclass
class Case:
    """One corpus file and the outcome parsing must give."""

    name: str
    status: str  # failed | ok | partial (ok and partial both mean "stored as a report")
    code: str | None  # issue code that must be present (None: no failure code expected)
    why: str
    options: dict | None = None  # parse options for this file (max_pages for the 2,000-page PDF)

    @property
    def good(self) -> bool:
        """True when the file must be stored as a report (not a failure row)."""
        return self.status != "failed"


CASES = [
    Case("empty.pdf", "failed", "EMPTY_FILE", "zero-byte file named .pdf"),
    Case("empty.docx", "failed", "EMPTY_FILE", "zero-byte file named .docx"),
    Case("blank.txt", "failed", "EMPTY_FILE", "only whitespace and newlines"),
    Case("truncated.pdf", "failed", "TRUNCATED", "a text PDF cut after 40 % of its bytes"),
    Case("truncated.docx", "failed", "TRUNCATED", "a .docx cut after 60 % of its bytes (no zip directory)"),
    Case("encrypted-owner.pdf", "ok", None, "owner password only (empty user password): readable"),
    Case("encrypted-user.pdf", "failed", "ENCRYPTED", "opening needs a user password"),
    Case("corrupt-crc.docx", "failed", "CORRUPT_ZIP", "document.xml's compressed bytes flipped (CRC fails)"),
    Case("corrupt.zip", "failed", "CORRUPT_ZIP", "a zip whose directory points at garbage"),
    Case("bomb.docx", "failed", "ZIP_BOMB", "document.xml declares 300 MB of XML, 300 KB on disk"),
    Case("bomb-lying.docx", "failed", "CORRUPT_ZIP", "100 MB document.xml whose headers claim 2,000 bytes"),
    Case("bomb-ratio.docx", "failed", "ZIP_BOMB", "a 40 MB styles.xml at a 1000:1 ratio"),
    Case("billion-laughs.docx", "failed", "XML_ENTITIES", "nested entity expansion in document.xml"),
    Case("xxe.docx", "failed", "XML_ENTITIES", "external entity pointing at a local file in document.xml"),
    Case("xxe-styles.docx", "failed", "XML_ENTITIES", "external entity hidden in styles.xml"),
    Case("random.pdf", "failed", "NOT_A_DOCUMENT", "random bytes named .pdf"),
    Case("random.docx", "failed", "NOT_A_DOCUMENT", "random bytes named .docx"),
    Case("really-docx.pdf", "ok", None, "a good .docx named .pdf: read by its bytes"),
    Case("pages-2000.pdf", "partial", "PAGES_TRUNCATED", "2,000 pages, read with max_pages=50",
         {"max_pages": 50}),
    Case("broken-xref.pdf", "ok", None, "xref offsets garbled: the PDF libraries rebuild it"),
    Case("deep.html", "failed", "TOO_DEEP", "100,000 nested <div> elements"),
    Case("unknown-encoding.txt", "failed", "UNKNOWN_ENCODING", "bytes that decode as no text encoding"),
    Case("report with spaces.docx", "ok", None, "spaces in the file name"),
    Case("示范镇 2016年 报告.docx", "ok", None, "Chinese characters and spaces in the file name"),
    Case("$(touch PWNED);`id`&|'x\".docx", "ok", None, "shell metacharacters in the file name"),
    Case("-rf --help.html", "ok", None, "a name that starts with a dash (an option to naive tools)"),
    Case("good.txt", "ok", None, "plain UTF-8 text report"),
    Case("good-gbk.txt", "ok", None, "plain GBK text report"),
    Case("good.pdf", "ok", None, "text PDF made with reportlab"),
    Case("good.ofd", "ok", None, "OFD (GB/T 33190) written by synth's OFD writer"),
    Case("bomb.ofd", "failed", "ZIP_BOMB", "an OFD page Content.xml declaring 300 MB"),
    Case("xxe.ofd", "failed", "XML_ENTITIES", "external entity pointing at a local file in Content.xml"),
    Case("billion-laughs.ofd", "failed", "XML_ENTITIES", "nested entity expansion in OFD.xml"),
    Case("traversal.ofd", "failed", "NOT_A_DOCUMENT", "DocRoot ../../../etc/passwd (path traversal)"),
    Case("truncated.ofd", "failed", "TRUNCATED", "an OFD cut after 60 % of its bytes"),
    Case("corrupt-xml.ofd", "failed", "CORRUPT_XML", "a page Content.xml that is not well-formed"),
    # Issue 15: pages too big to parse, files that are not regular files, names that are not UTF-8.
    Case("many-objects.pdf", "partial", "PAGES_TRUNCATED", "the report plus a page of 300,000 text objects"),
    Case("inflate-1g.pdf", "partial", "PAGES_TRUNCATED", "the report plus a page whose content inflates to 1 GB"),
    Case("fifo.pdf", "failed", "NOT_A_REGULAR_FILE", "a named pipe (reading it waits forever)"),
    Case("dev-zero.pdf", "failed", "NOT_A_REGULAR_FILE", "a symlink to /dev/zero (endless bytes)"),
    Case("socket.docx", "failed", "NOT_A_REGULAR_FILE", "a Unix socket"),
    Case("sparse-1g.pdf", "failed", "TOO_LARGE", "a 1 GB sparse file (no disk blocks) over the 300 MB limit"),
    Case("dangling-link.pdf", "failed", "BROKEN_LINK", "a symlink to a file that does not exist"),
    Case("link-loop.docx", "failed", "BROKEN_LINK", "a symlink that points at itself"),
    Case("link-to-good.pdf", "ok", None, "a symlink to good.pdf: followed"),
    Case(GBK_NAME, "ok", None, "a GBK-encoded file name (a good report)"),
    Case(GBK_EMPTY_NAME, "failed", "EMPTY_FILE", "a GBK-encoded name, empty file"),
    Case(RAW_NAME, "ok", None, "Latin-1 and stray bytes in the name (no "
         "encoding reads it)"),
]
CASES_BY_NAME = {c.name: c for c in CASES}


def report_docx(paras: list[str] = REPORT_PARAS) -> bytes:
    """A .docx of the test report (python-docx: headings as Heading 1)."""
    import docx

    d = docx.Document()
    for i, p in enumerate(paras):
        if i == 0:
            d.add_heading(p, level=0)
        elif p[:2] in {x + "、" for x in "一二三四五六七八九"}:
            d.add_heading(p, level=1)
        else:
            d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def report_pdf(paras: list[str] = REPORT_PARAS, pages: int = 1, filler: bool = False) -> bytes:
    """A text PDF of the test report (reportlab, built-in CID font STSong-Light: no font file needed)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    w, h = A4
    for n in range(pages):
        y = h - 72
        c.setFont("STSong-Light", 11)
        body = paras if (n == 0 or not filler) else [f"附件第{n + 1}页：本页为统计附表的续页，无新增内容。"]
        for p in body:
            for k in range(0, len(p), 38):  # 38 CJK characters fit one A4 line at 11 pt
                c.drawString(72, y, p[k:k + 38])
                y -= 18
        c.showPage()
    c.save()
    return buf.getvalue()


def libreoffice_save_as(soffice: str, src: Path, targets: list[str], outdir: Path, timeout: float = 180) -> None:
    """Save src with LibreOffice headless in each target filter ("doc:MS Word 97", "rtf"), private profile."""
    import shutil
    import subprocess
    import tempfile

    profile = tempfile.mkdtemp(prefix="rp-test-lo-")
    try:
        for target in targets:
            subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                            "--convert-to", target, "--outdir", str(outdir), str(src)],
                           capture_output=True, timeout=timeout, check=True)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def _docx_with(member: str, payload: bytes, base: bytes | None = None) -> bytes:
    """A copy of the report .docx with one member replaced by payload."""
    base = base or report_docx()
    src = zipfile.ZipFile(io.BytesIO(base))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info.filename, payload if info.filename == member else src.read(info.filename))
    return buf.getvalue()


def _bomb(member: str, size: int, base: bytes) -> bytes:
    """A .docx whose member expands to size bytes of valid-looking filler, streamed so building stays small."""
    src = zipfile.ZipFile(io.BytesIO(base))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in src.infolist():
            if info.filename != member:
                out.writestr(info.filename, src.read(info.filename))
        with out.open(member, "w", force_zip64=size >= 0xFFFFFFFF // 2) as f:
            head = src.read(member)
            f.write(head[:200])
            chunk = b"<w:p/>" * (1 << 16)
            written = 200
            while written < size:
                f.write(chunk)
                written += len(chunk)
    return buf.getvalue()


def _lying_bomb(base: bytes, size: int = 100 * 1024 * 1024, claimed: int = 2000) -> bytes:
    """A bomb whose local and central headers understate document.xml's size (the checks trust headers)."""
    data = bytearray(_bomb("word/document.xml", size, base))
    zf = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = zf.getinfo("word/document.xml")
    if info.file_size >= 0xFFFFFFFF or info.extra:
        raise RuntimeError("the lying bomb must not use zip64 fields")
    data[info.header_offset + 22:info.header_offset + 26] = claimed.to_bytes(4, "little")
    cd = bytes(data).find(b"PK\x01\x02")
    while cd >= 0:
        name_len = int.from_bytes(data[cd + 28:cd + 30], "little")
        if bytes(data[cd + 46:cd + 46 + name_len]) == b"word/document.xml":
            data[cd + 24:cd + 28] = claimed.to_bytes(4, "little")
            break
        cd = bytes(data).find(b"PK\x01\x02", cd + 4)
    return bytes(data)


_DOC_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"')


def _entity_doc(dtd: str, ref: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE w:document [{dtd}]>'
            f'<w:document {_DOC_NS}><w:body><w:p><w:r><w:t>{REPORT_TITLE}{ref}</w:t></w:r></w:p></w:body>'
            f'</w:document>').encode("utf-8")


def billion_laughs() -> bytes:
    """document.xml with ten levels of ten-fold entity expansion (10^10 copies if expanded)."""
    ents = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(1, 11)]
    return _entity_doc("".join(ents), "&lol10;")


def xxe(target: str) -> bytes:
    """document.xml with an external entity pointing at target (a file or URL)."""
    return _entity_doc(f'<!ENTITY xxe SYSTEM "{target}">', "&xxe;")


def report_html(paras: list[str] = REPORT_PARAS, charset: str = "utf-8") -> bytes:
    """The test report as a government-style page: breadcrumb, 索引号 table, article body, footer."""
    body = "\n".join(f"<p><strong>{p}</strong></p>" if p[:2] in {x + "、" for x in "一二三四五六七八九"}
                     else f'<p style="text-indent:2em">{p}</p>' for p in paras[1:])
    page = f"""<!DOCTYPE html><html><head><meta charset="{charset}"><title>{paras[0]}</title></head><body>
<div class="top-nav"><a href="/">首页</a><a href="/zwgk">政务公开</a><a href="/hd">互动交流</a></div>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; 政府信息公开年报</div>
<table class="xxgk-info"><tr><td>索引号：</td><td>000000000/2017-00001</td><td>发布机构：</td><td>示范镇人民政府</td></tr>
<tr><td>发布日期：</td><td>2017-03-28</td><td>主题分类：</td><td>政务公开</td></tr></table>
<div class="article"><h1>{paras[0]}</h1>
<div class="tool">字号：<a>大</a> <a>中</a> <a>小</a> 【<a>打印</a>】【<a>关闭</a>】</div>
<div class="article-content">{body}</div></div>
<div class="footer">版权所有：示范镇人民政府　ICP备00000000号</div></body></html>"""
    return page.encode(charset)


def report_ofd(paras: list[str] = REPORT_PARAS) -> bytes:
    """The test report as a one-or-more-page OFD (synth's writer: TextObjects in A4 millimetres)."""
    import tempfile

    from report_parser.synth import render_ofd as ro

    w = ro.OfdWriter(paras[0])
    page, y = w.page(), ro.TOP
    for k, para in enumerate(paras):
        size = ro.TITLE if k == 0 else ro.BODY
        for line in ro.wrap(para, ro.WIDTH, size, 0 if k == 0 else 2 * size):
            if y + size * 1.6 > ro.PAGE_H - ro.BOTTOM:
                page, y = w.page(), ro.TOP
            w.text(page, ro.LEFT, y + size, line, size, ro.HEI if k == 0 else ro.SONG)
            y += size * 1.6
    with tempfile.TemporaryDirectory() as tmp:
        w.save(Path(tmp) / "r.ofd")
        return (Path(tmp) / "r.ofd").read_bytes()


def _zip_with(base: bytes, member: str, payload: bytes) -> bytes:
    """A copy of a zip (OFD, .docx) with one member replaced by payload."""
    src = zipfile.ZipFile(io.BytesIO(base))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info.filename, payload if info.filename == member else src.read(info.filename))
    return buf.getvalue()


_OFD_PAGE = "Doc_0/Pages/Page_0/Content.xml"


def _ofd_cases(good: bytes) -> dict[str, bytes]:
    """The hostile OFD files: the .docx attacks carried into an OFD package, plus a path traversal."""
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    laughs = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(1, 11)]
    return {
        "good.ofd": good,
        "bomb.ofd": _bomb(_OFD_PAGE, 300 * 1024 * 1024, good),
        "xxe.ofd": _zip_with(good, _OFD_PAGE, (
            f'<?xml version="1.0"?><!DOCTYPE ofd:Page [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><ofd:Page {ns}>'
            '<ofd:Content><ofd:Layer ID="1"><ofd:TextObject ID="2" Boundary="20 20 100 10" Font="2" Size="4">'
            '<ofd:TextCode X="0" Y="4">&xxe;</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>'
        ).encode()),
        "billion-laughs.ofd": _zip_with(good, "OFD.xml", (
            f'<?xml version="1.0"?><!DOCTYPE ofd:OFD [{"".join(laughs)}]><ofd:OFD {ns}><ofd:DocBody><ofd:DocInfo>'
            "<ofd:Title>&lol10;</ofd:Title></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
            "</ofd:DocBody></ofd:OFD>").encode()),
        "traversal.ofd": _zip_with(good, "OFD.xml", (
            f'<?xml version="1.0"?><ofd:OFD {ns}><ofd:DocBody><ofd:DocRoot>../../../etc/passwd</ofd:DocRoot>'
            "</ofd:DocBody></ofd:OFD>").encode()),
        "truncated.ofd": good[: int(len(good) * 0.6)],
        "corrupt-xml.ofd": _zip_with(good, _OFD_PAGE, f"<ofd:Page {ns}><ofd:Content><ofd:Layer>".encode()),
    }


def _broken_xref(pdf: bytes) -> bytes:
    """The PDF with every xref offset zeroed and startxref pointing past the end."""
    head, sep, tail = pdf.rpartition(b"xref\n")
    lines = tail.split(b"\n")
    out = []
    for ln in lines:
        if len(ln) == 18 and ln[10:11] == b" " and ln.endswith((b" n ", b" f ")):
            ln = b"0000000000" + ln[10:]
        out.append(ln)
    fixed = head + sep + b"\n".join(out)
    i = fixed.rfind(b"startxref")
    return fixed[:i] + b"startxref\n99999999\n%%EOF\n"


def _deflate(chunks, level: int = 9) -> bytes:
    """zlib-compressed bytes of the chunks, built chunk by chunk (the whole never sits in memory)."""
    import zlib

    z = zlib.compressobj(level)
    return b"".join(z.compress(c) for c in chunks) + z.flush()


def _with_hostile_page(pdf: bytes, content: bytes) -> bytes:
    """The PDF plus one page whose content stream is the given Flate-compressed bytes (Helvetica as /F1)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DictionaryObject, EncodedStreamObject, NameObject

    w = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    page = w.add_blank_page(595, 842)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
        {NameObject("/F1"): w._add_object(font)})})
    stream = EncodedStreamObject()
    stream._data = content
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = w._add_object(stream)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def many_objects_pdf(pdf: bytes, n: int = 300_000) -> bytes:
    """The report plus a page of n one-letter text objects (each its own BT/ET): cheap on disk, huge parsed."""
    ops = b"".join(b"BT /F1 1 Tf %d %d Td (a) Tj ET\n" % (20 + i % 550, 20 + (i // 550) % 800) for i in range(n))
    return _with_hostile_page(pdf, _deflate([ops]))


def inflating_pdf(pdf: bytes, size: int = 1024 * 1024 * 1024) -> bytes:
    """The report plus a page whose content stream inflates to size bytes (one line of text, then blanks)."""
    blank = b" " * (1024 * 1024)
    head = b"BT /F1 12 Tf 72 720 Td (filler) Tj ET\n"
    return _with_hostile_page(pdf, _deflate([head] + [blank] * (size // len(blank))))


def _encrypted(pdf: bytes, user: str, owner: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    w.encrypt(user_password=user, owner_password=owner, algorithm="AES-128", permissions_flag=-3904)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def build(out: Path, pages: int = 2000) -> dict[str, Case]:
    """Write every case into out; returns name -> Case (also written beside it as OUTDIR.manifest.json)."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20240607)  # deterministic bytes: the corpus is the same on every run
    good_docx = report_docx()
    good_pdf = report_pdf()
    files: dict[str, bytes] = {
        "empty.pdf": b"",
        "empty.docx": b"",
        "blank.txt": b"  \n\r\n\t\n",
        "truncated.pdf": good_pdf[: int(len(good_pdf) * 0.4)],
        "truncated.docx": good_docx[: int(len(good_docx) * 0.6)],
        "encrypted-owner.pdf": _encrypted(good_pdf, "", "owner-secret"),
        "encrypted-user.pdf": _encrypted(good_pdf, "user-secret", "owner-secret"),
        "bomb.docx": _bomb("word/document.xml", 300 * 1024 * 1024, good_docx),
        "bomb-lying.docx": _lying_bomb(good_docx),
        "bomb-ratio.docx": _bomb("word/styles.xml", 40 * 1024 * 1024, good_docx),
        "billion-laughs.docx": _docx_with("word/document.xml", billion_laughs(), good_docx),
        "xxe.docx": _docx_with("word/document.xml", xxe("file:///etc/passwd"), good_docx),
        "xxe-styles.docx": _docx_with(
            "word/styles.xml", b'<?xml version="1.0"?><!DOCTYPE w:styles [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>'
            b'<w:styles ' + _DOC_NS.encode() + b'><w:style w:styleId="a">&x;</w:style></w:styles>', good_docx),
        "random.pdf": bytes(rng.randrange(256) for _ in range(20000)),
        "random.docx": bytes(rng.randrange(256) for _ in range(20000)),
        "really-docx.pdf": good_docx,
        "pages-2000.pdf": report_pdf(pages=pages, filler=True),
        "broken-xref.pdf": _broken_xref(good_pdf),
        "deep.html": b"<html><body>" + b"<div>" * 100_000 + "正文".encode() + b"</div>" * 100_000 + b"</body></html>",
        # Bytes 0x80-0x9f are C1 controls in Latin encodings, unmapped in cp1252, lead bytes nowhere
        # valid as UTF-8 continuation-only text, and rare-character soup in GB18030: no plausible text.
        "unknown-encoding.txt": bytes(rng.choice([0x80, 0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xa0, 0xff, 0xfe, 0x98])
                                      for _ in range(4000)),
        "report with spaces.docx": good_docx,
        "示范镇 2016年 报告.docx": good_docx,
        "$(touch PWNED);`id`&|'x\".docx": good_docx,
        "-rf --help.html": report_html(),
        "good.txt": "\n".join(REPORT_PARAS).encode("utf-8"),
        "good-gbk.txt": "\r\n".join(REPORT_PARAS).encode("gbk"),
        "good.pdf": good_pdf,
    }
    # Corrupt CRC: flip bytes inside document.xml's compressed data, keep the zip directory intact.
    zf = zipfile.ZipFile(io.BytesIO(good_docx))
    info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    bad = bytearray(good_docx)
    for k in range(start + 20, start + min(info.compress_size, 400), 7):
        bad[k] ^= 0x5A
    files["corrupt-crc.docx"] = bytes(bad)
    z = bytearray(good_docx)
    cd = bytes(z).rfind(b"PK\x01\x02")
    z[cd + 42:cd + 46] = (len(z) - 10).to_bytes(4, "little")  # local header offset → garbage
    files["corrupt.zip"] = bytes(z)
    files["many-objects.pdf"] = many_objects_pdf(good_pdf)
    files["inflate-1g.pdf"] = inflating_pdf(good_pdf)
    files.update(_ofd_cases(report_ofd()))
    files[GBK_NAME] = files["good.txt"]
    files[GBK_EMPTY_NAME] = b""
    files[RAW_NAME] = good_docx
    assert set(files) | set(SPECIAL) == set(CASES_BY_NAME), (set(files) | set(SPECIAL)) ^ set(CASES_BY_NAME)
    for name, data in files.items():
        (out / name).write_bytes(data)
    for name, make in SPECIAL.items():
        target = out / name
        if target.exists() or target.is_symlink():
            target.unlink()
        make(target)
    # Names that are not UTF-8 are written as their \xNN keys (what the database stores).
    manifest = [{**asdict(c), "name": key(c.name)} for c in CASES]
    out.with_name(out.name + ".manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1),
                                                          encoding="utf-8")
    return dict(CASES_BY_NAME)


def _socket(path: Path) -> None:
    """A Unix socket file (bound, then closed: the file stays)."""
    import socket

    s = socket.socket(socket.AF_UNIX)
    s.bind(str(path))
    s.close()


def _sparse(path: Path, size: int = 1024 ** 3) -> None:
    """A file of size bytes that takes no disk space (truncate; nothing written)."""
    with open(path, "wb") as f:
        f.truncate(size)


# Files that are not written from bytes: special files, links and the sparse file.
SPECIAL = {
    "fifo.pdf": lambda p: os.mkfifo(p),
    "dev-zero.pdf": lambda p: os.symlink("/dev/zero", p),
    "socket.docx": _socket,
    "sparse-1g.pdf": _sparse,
    "dangling-link.pdf": lambda p: os.symlink("no-such-file.pdf", p),
    "link-loop.docx": lambda p: os.symlink(p.name, p),
    "link-to-good.pdf": lambda p: os.symlink("good.pdf", p),
}


def main() -> None:
    """Command line: build the corpus into OUTDIR."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--pages", type=int, default=2000, help="pages of the long PDF (default 2000)")
    args = ap.parse_args()
    cases = build(args.outdir, args.pages)
    print(f"{len(cases)} files written to {args.outdir} ({args.outdir.name}.manifest.json lists the expected outcomes)")


if __name__ == "__main__":
    main()
