"""Render a DocSpec as an HTML page: site chrome noise, <table> with rowspan/colspan, GBK sometimes."""
from __future__ import annotations

import html
import random
from pathlib import Path

from ..data import load
from .spec import DocSpec, Table


def _table(t: Table, r: random.Random, wordish: bool) -> str:
    out = ['<table border="1" cellspacing="0" cellpadding="0" width="100%">' if wordish
           else '<table class="tab">']
    for row in t.rows:
        out.append("<tr>")
        for cell in row:
            if cell is None:
                continue
            attrs = ""
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            body = "<br/>".join(html.escape(x) for x in cell.text.split("\n"))
            if wordish:  # Word's "save as web page" wraps every cell in <p><span>
                body = f'<p class="MsoNormal" align="center"><span style="font-family:宋体">{body or "&nbsp;"}</span></p>'
            out.append(f"<td{attrs}>{body}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


def page(spec: DocSpec) -> tuple[str, str]:
    """The page text and its encoding (utf-8, or gbk as many older county sites still serve)."""
    r = random.Random(f"{spec.stem}:html")
    nz = load("synth/noise.yaml")
    site_region = spec.org.site
    site = r.choice(nz["site_names"]).format(region=site_region)
    enc = "gbk" if r.random() < 0.25 else "utf-8"
    wordish = r.random() < 0.5
    pub = spec.published or f"{spec.year + 1}-01-{r.randint(10, 28):02d}"
    spec.layout["published"] = pub  # the page states a date even when the report has no signature
    parts = [f'<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset={enc}"/>',
             f"<title>{html.escape(spec.title)}_{html.escape(site)}</title></head><body>",
             '<div class="header"><ul class="nav">'
             + "".join(f"<li><a href=\"#\">{html.escape(n.format(region=site_region))}</a></li>" for n in nz["nav"])
             + "</ul></div>",
             f'<div class="crumb">{html.escape(r.choice(nz["breadcrumbs"]))}</div>']
    if r.random() < 0.6:
        labels = nz["meta_labels"]
        vals = {"索引号": f"{r.randint(10**8, 10**9 - 1)}/{spec.year + 1}-{r.randint(1, 99999):05d}",
                "发布机构": spec.org.name, "发文日期": pub, "主题分类": "政务公开", "文号": "",
                "生成日期": pub}
        parts.append('<table class="meta">' + "".join(
            f"<tr><td>{html.escape(k)}：</td><td>{html.escape(vals[k])}</td></tr>" for k in labels) + "</table>")
    parts.append(f'<div class="info">发布时间：{pub}　来源：{html.escape(spec.org.name)}　'
                 f'{html.escape(r.choice(nz["toolbars"]))}</div>')
    parts.append('<div class="article" id="zoom">')
    for b in spec.blocks:
        text = html.escape(b.text)
        if b.kind == "title":
            parts.append(f'<h1 class="title">{text}</h1>' if r.random() < 0.5 else
                         f'<p style="text-align:center"><strong>{text}</strong></p>')
        elif b.kind == "heading":
            parts.append(f"<p><strong>{text}</strong></p>" if wordish else f"<h3>{text}</h3>")
        elif b.kind == "subheading":
            parts.append(f"<p><strong>{text}</strong></p>")
        elif b.kind == "table":
            parts.append(_table(b.table, r, wordish))
        elif b.kind == "signature":
            parts.append(f'<p style="text-align:right">{text}</p>')
        else:
            parts.append(f'<p style="text-indent:2em">{text}</p>')
    parts.append("</div>")
    parts.append(f'<div class="share">{html.escape(r.choice(nz["toolbars"]))}</div>')
    parts.append(f'<div class="footer">{html.escape(r.choice(nz["footers"]).format(site=site, code=r.randint(10**9, 10**10 - 1)))}</div>')
    parts.append("</body></html>\n")
    return "\n".join(parts), enc


def render(spec: DocSpec, path: Path) -> str:
    """Write spec as an HTML page at path; returns the encoding used."""
    text, enc = page(spec)
    try:
        data = text.encode(enc)
    except UnicodeEncodeError:  # a character GBK lacks: serve UTF-8 like the site would have to
        text = text.replace("charset=gbk", "charset=utf-8")
        enc, data = "utf-8", text.encode("utf-8")
    path.write_bytes(data)
    spec.layout["encoding"] = enc
    return enc
