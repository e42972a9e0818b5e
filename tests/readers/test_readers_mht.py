"""MHTML web archives (Word's "single file web page", often published named .doc) read via the HTML reader."""
from __future__ import annotations

import email.charset
import hashlib
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import pytest

from report_parser.errors import InputError
from report_parser.readers import read
from report_parser.readers.sniff import sniff

PAGE = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta http-equiv=Content-Type content="text/html; charset=gb2312"><title>示范镇2012年政府信息公开工作年度报告</title></head>
<body><p class=MsoNormal align=center>示范镇2012年政府信息公开工作年度报告</p>
<p class=MsoNormal>一、概述</p>
<p class=MsoNormal>2012年，我镇主动公开政府信息２１６条。</p>
<p class=MsoNormal>二、主动公开政府信息情况</p></body></html>"""


def _mht(charset: str = "gb2312", encoding: str = "qp") -> bytes:
    msg = MIMEMultipart("related", type="text/html")
    msg["MIME-Version"] = "1.0"
    cs = email.charset.Charset(charset)
    cs.body_encoding = email.charset.QP if encoding == "qp" else email.charset.BASE64
    part = MIMEText("", "html")
    part.set_payload(PAGE, charset=cs)
    part["Content-Location"] = "file:///C:/report.htm"
    msg.attach(part)
    img = MIMEBase("image", "png")
    img.set_payload(b"\x89PNG fake")
    msg.attach(img)
    return msg.as_bytes()


ENCODINGS = [("gb2312 quoted-printable", "gb2312", "qp"), ("utf-8 base64", "utf-8", "base64")]


@pytest.mark.parametrize("charset,encoding", [c[1:] for c in ENCODINGS], ids=[c[0] for c in ENCODINGS])
def test_mht_named_doc_is_sniffed_and_read_through_its_html_part(tmp_path, charset, encoding):
    data = _mht(charset, encoding)
    p = tmp_path / "report.doc"
    p.write_bytes(data)
    assert sniff(data, p.name) == "mht"
    d = read(p)
    assert d.format == "mht"
    assert d.sha256 == hashlib.sha256(data).hexdigest()
    lines = d.text.split("\n")
    assert "一、概述" in lines
    assert "2012年,我镇主动公开政府信息216条。" in lines
    assert all(b.prov.converted_from == "mht" for b in d.blocks)


def test_mht_without_an_html_part_is_not_a_document(tmp_path):
    msg = MIMEMultipart("related")
    msg["MIME-Version"] = "1.0"
    msg.attach(MIMEText("只是文本", "plain", "utf-8"))
    p = tmp_path / "x.mht"
    p.write_bytes(msg.as_bytes())
    with pytest.raises(InputError) as e:
        read(p)
    assert e.value.code == "NOT_A_DOCUMENT"
