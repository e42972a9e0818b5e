"""The dossier: one self-contained HTML file per report (and the same as Markdown) that a supervisor can hand on."""
from __future__ import annotations

import base64
import html
import io
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

from ..errors import UsageError
from . import evidence
from .evidence import Item, Source

# Files beside reports in an archive that are not reports (gold files, manifests, notes): not a dossier each.
NOT_REPORTS = (".json", ".jsonl", ".csv", ".md", ".yaml", ".yml", ".py", ".sha256")


def _esc(v: Any) -> str:
    return html.escape("" if v is None else str(v))


def reviews_of(report, db: str | None) -> dict[str, dict[str, Any]]:
    """Current reviews of the report's findings and values by target (finding id or key), when the database holds it."""
    from ..store.db import Store, resolve_url, report_id

    sha = report.source.get("sha256")
    url = resolve_url(db)
    if not sha or (url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).is_file()):
        return {}
    from ..audit.review import load_reviews

    store = Store(url, create=False)
    try:
        with store.engine.connect() as conn:
            return {r.row["target"]: r.to_dict() for r in load_reviews(conn, [report_id(sha)])}
    except Exception as e:  # an old or unreachable database: the dossier says so instead of failing
        return {"__error__": {"reason": f"reviews unavailable ({type(e).__name__}: {e})"}}
    finally:
        store.close()


class Crops:
    """PNG crops of the items that have a box, rendered once each."""

    def __init__(self, src: Source):
        self.src = src
        self.png: dict[str, bytes] = {}

    def get(self, it: Item) -> bytes | None:
        """The crop of an item as PNG bytes (None without a page position)."""
        if self.src.pdf is None or not it.box:
            return None
        if it.anchor not in self.png:
            img = evidence.crop(self.src.pdf, it)
            buf = io.BytesIO()
            img.save(buf, format="PNG", optimize=True)
            self.png[it.anchor] = buf.getvalue()
        return self.png[it.anchor]

    def data_uri(self, it: Item) -> str | None:
        """The crop as a data: URI for a self-contained page."""
        png = self.get(it)
        return None if png is None else "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _where(it: Item) -> str:
    if it.box:
        b = it.box
        return f"p.{int(b[0])} ({b[1]:.0f}, {b[2]:.0f})–({b[3]:.0f}, {b[4]:.0f}) pt, {it.box_source}"
    if it.span:
        return f"characters {it.span[0]}–{it.span[1]}"
    return f"p.{it.page}" if it.page else "—"


def build(src: Source, reviews: dict[str, dict[str, Any]] | None = None) -> tuple[str, str, dict[str, bytes]]:
    """(HTML, Markdown, {crop file name: PNG}) of one report's dossier."""
    from ..audit.review import with_ids

    r = src.report
    reviews = reviews or {}
    its = evidence.items(r)
    crops = Crops(src)
    by_anchor = {it.anchor: it for it in its}
    findings = with_ids(r.findings)
    title = r.title or Path(r.source.get("path") or "report").name
    H: list[str] = []
    M: list[str] = []

    def both(h: str, m: str) -> None:
        H.append(h)
        M.append(m)

    def link(it: Item, text: str | None = None) -> tuple[str, str]:
        shown = _esc(text if text is not None else ("空" if it.value is None else it.value))
        return f'<a href="#{it.anchor}">{shown}</a>', f"[{text if text is not None else it.value}](#{it.anchor})"

    both(f"<h1>{_esc(title)}</h1>", f"# {title}\n")
    meta = [("单位 organisation", r.org), ("年度 year", r.year), ("层级 level", r.level),
            ("地区 region", " ".join(v for v in (r.region or {}).values() if v)), ("格式 era", r.era),
            ("发布 published", r.published), ("文件 file", Path(r.source.get("path") or "").name),
            ("sha256", r.source.get("sha256")), ("类型 format", r.source.get("format")),
            ("页数 pages", r.source.get("pages")), ("状态 status", r.status), ("parser", r.parser_version),
            ("位置 positions", ", ".join(f"{k or 'none'} {n}" for k, n in
                                         Counter(it.box_source for it in its).most_common()))]
    both("<table class=meta>" + "".join(f"<tr><th>{_esc(k)}</th><td>{_esc(v)}</td></tr>" for k, v in meta) + "</table>",
         "\n".join(f"- **{k}**: {v if v not in (None, '') else '—'}" for k, v in meta) + "\n")
    for note in src.notes:
        both(f"<p class=note>{_esc(note)}</p>", f"> {note}\n")
    both('<nav><a href="#sections">部分 Sections</a> · <a href="#metrics">指标 Metrics</a> · '
         '<a href="#cells">表格 Cells</a> · <a href="#figures">数字 Figures</a> · <a href="#findings">审核 Findings</a> · '
         '<a href="#evidence">证据 Evidence</a></nav>', "")
    if r.issues:
        both("<h2 id=issues>问题 Issues</h2><ul>" + "".join(f"<li><code>{_esc(i.code)}</code> {_esc(i.message)}</li>"
                                                          for i in r.issues) + "</ul>",
             "## 问题 Issues\n\n" + "\n".join(f"- `{i.code}` {i.message}" for i in r.issues) + "\n")

    # Sections
    H.append("<h2 id=sections>部分 Sections</h2>")
    M.append("## 部分 Sections\n")
    for s in r.sections:
        H.append(f"<details><summary><b>{_esc(s.heading)}</b> <code>{_esc(s.key)}</code> p.{_esc(s.page)}</summary>"
                 f"<pre>{_esc(s.text)}</pre></details>")
        M.append(f"- **{s.heading}** (`{s.key}`, p.{s.page})")
    if r.missing_sections:
        both(f"<p>缺少 missing: {_esc(', '.join(r.missing_sections))}</p>", f"\nmissing: {', '.join(r.missing_sections)}\n")
    M.append("")

    # Metrics, cells and figures: one table each, every value a link to its crop.
    rows = []
    for key, value in sorted(r.metrics.items()):
        src_ = (r.metric_sources or {}).get(key) or {}
        target = None
        if src_.get("kind") == "cell":
            target = next((it for it in its if it.kind == "cell" and it.key == src_.get("ref")), None)
        elif src_.get("kind") == "figure" and isinstance(src_.get("ref"), int):
            target = by_anchor.get(f"f{src_['ref']}")
        shown = "—" if value is None else value
        h, m = link(target, shown) if target else (_esc(shown), shown)
        ref = f"{src_.get('kind', '')} {src_.get('ref', '')}".strip()
        rows.append(([f"<code>{_esc(key)}</code>", h, _esc(ref)], [f"`{key}`", m, ref]))
    _table(H, M, "metrics", "指标 Metrics", ["metric", "value", "source"], rows, numeric=1)
    rows = [([f"<code>{_esc(it.key)}</code>", _esc(it.context), link(it)[0], _esc(it.raw), _esc(_where(it))],
             [f"`{it.key}`", _md(it.context), link(it)[1], _md(it.raw), _where(it)]) for it in its if it.kind == "cell"]
    _table(H, M, "cells", "表格 Cells", ["key", "label", "value", "raw", "where"], rows, numeric=2)
    rows = [([str(it.index), f"<code>{_esc(it.key)}</code>", link(it)[0], evidence.snippet(src, it), _esc(_where(it))],
             [str(it.index), f"`{it.key}`", link(it)[1], _md(it.context), _where(it)])
            for it in its if it.kind == "figure"]
    _table(H, M, "figures", "数字 Figures", ["#", "metric", "value", "sentence", "where"], rows, numeric=2)

    # Findings
    H.append("<h2 id=findings>审核 Findings</h2>")
    M.append("## 审核 Findings\n")
    if "__error__" in reviews:
        both(f"<p class=note>{_esc(reviews['__error__']['reason'])}</p>", f"> {reviews['__error__']['reason']}\n")
    failed = [f for f in findings if f.get("status") == "fail"]
    if not failed:
        both("<p>没有发现问题 No failed check.</p>", "No failed check.\n")
    for n, f in enumerate(failed, 1):
        rv = reviews.get(f["finding_id"])
        status = (f"{rv.get('verdict')} by {rv.get('reviewed_by')} ({rv.get('status')}"
                  + (f": {rv.get('stale_reason')}" if rv.get("stale_reason") else "") + ")"
                  + (f" — {rv.get('reason')}" if rv.get("reason") else "")) if rv else "not reviewed"
        ev = evidence.finding_items(r, f)
        H.append(f"<section class=finding id=finding{n}><h3>{n}. {_esc(evidence.rule_text(f.get('rule_id') or '?'))}"
                 f"</h3><p><b>{_esc(f.get('severity'))}</b> · <code>{_esc(f['finding_id'])}</code> · "
                 f"审核 review: {_esc(status)}</p><p>{_esc(f.get('message_zh'))}<br>{_esc(f.get('message_en'))}</p>")
        M.append(f"### {n}. {evidence.rule_text(f.get('rule_id') or '?')}\n\n"
                 f"**{f.get('severity')}** · `{f['finding_id']}` · review: {status}\n\n"
                 f"{f.get('message_zh')}  \n{f.get('message_en')}\n")
        for it in ev:
            uri = crops.data_uri(it)
            h, m = link(it, it.label())
            H.append(f"<figure>{h}" + (f"<br><img alt='{_esc(it.key)}' src='{uri}'>" if uri else
                                       f"<br><span class=snippet>{evidence.snippet(src, it)}</span>") + "</figure>")
            M.append(f"- {m}" + (f"\n\n  ![{it.key}](CROPS/{it.anchor}.png)" if crops.get(it) else ""))
        H.append("</section>")
        M.append("")

    # Evidence: one crop (or snippet) per value, the target of every value link.
    H.append("<h2 id=evidence>证据 Evidence</h2>")
    M.append("## 证据 Evidence\n")
    for it in its:
        uri = crops.data_uri(it)
        body = f"<img alt='{_esc(it.key)}' src='{uri}'>" if uri else f"<p class=snippet>{evidence.snippet(src, it)}</p>"
        back = "#cells" if it.kind == "cell" else "#figures"
        H.append(f"<figure id={it.anchor}><figcaption><code>{_esc(it.label())}</code> · {_esc(_where(it))} · "
                 f"<a href='{back}'>↑</a></figcaption>{body}</figure>")
        M.append(f'<a id="{it.anchor}"></a>\n\n**{it.label()}** · {_where(it)}\n')
        if crops.get(it):
            M.append(f"![{it.key}](CROPS/{it.anchor}.png)\n")
        else:
            M.append(f"> {it.context}\n")
    page = (f"<!doctype html><html lang=zh-CN><head><meta charset=utf-8><title>{_esc(title)}</title>"
            f"<meta name=generator content='report-parser {_esc(r.parser_version)}'><style>{_CSS}</style></head>"
            f"<body>{''.join(H)}</body></html>\n")
    return page, "\n".join(M) + "\n", {f"{k}.png": v for k, v in crops.png.items()}


def _table(H: list[str], M: list[str], anchor: str, title: str, headers: list[str],
           rows: list[tuple[list[str], list[str]]], numeric: int) -> None:
    """Append one table to the HTML and Markdown parts; rows are (HTML cells, Markdown cells), column `numeric`
    right-aligned."""
    H.append(f"<h2 id={anchor}>{title}</h2><table><tr>" + "".join(f"<th>{h}</th>" for h in headers) + "</tr>")
    M.append(f"## {title}\n\n| " + " | ".join(headers) + " |\n|" + "---|" * len(headers))
    for h, m in rows:
        H.append("<tr>" + "".join(f"<td class=num>{c}</td>" if i == numeric else f"<td>{c}</td>"
                                  for i, c in enumerate(h)) + "</tr>")
        M.append("| " + " | ".join(m) + " |")
    H.append("</table>")
    M.append("")


def _md(text: str | None) -> str:
    """Text for a Markdown table cell: pipes escaped, line breaks as spaces."""
    return (text or "").replace("|", "\\|").replace("\n", " ")


def write(src: Source, out_html: Path, db: str | None = None) -> tuple[Path, Path]:
    """Write <name>.html (self-contained) and <name>.md with its crops in <name>.crops/; returns both paths."""
    page, md, pngs = build(src, reviews_of(src.report, db))
    out_html.parent.mkdir(parents=True, exist_ok=True)
    out_html.write_text(page, encoding="utf-8")
    crops_dir = out_html.with_name(out_html.stem + ".crops")
    if pngs:
        crops_dir.mkdir(exist_ok=True)
        for name, data in pngs.items():
            (crops_dir / name).write_bytes(data)
    out_md = out_html.with_suffix(".md")
    out_md.write_text(md.replace("](CROPS/", f"]({crops_dir.name}/"), encoding="utf-8")
    return out_html, out_md


def write_many(targets: list[str], out: Path, db: str | None = None,
               render_word: bool = True) -> Iterator[tuple[str, tuple[Path, Path] | Exception]]:
    """Dossiers of files, folders of files and stored report ids; a bad one yields its error and the rest go on."""
    from ..errors import InputError
    from ..ingest import discover

    many: list[str] = []
    for t in targets:
        if Path(t).is_dir():
            many += [p for p in discover([t]) if not p.lower().endswith(NOT_REPORTS)]
        else:
            many.append(t)
    single = len(many) == 1 and len(targets) == 1 and not Path(targets[0]).is_dir() and out.suffix.lower() == ".html"
    if not single and out.suffix.lower() == ".html":
        raise UsageError(f"{out}: several reports need a folder for -o, not an .html file")
    for t in many:
        try:
            src = evidence.open_source(t, db, render_word=render_word)
            name = Path(src.report.source.get("path") or t).stem or t
            yield t, write(src, out if single else out / f"{name}.html", db)
        except (UsageError, InputError, OSError) as e:
            yield t, e


_CSS = """
body{font-family:'Noto Sans CJK SC','Noto Serif CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif;
 margin:2em auto;max-width:70em;padding:0 1em;color:#111;line-height:1.5}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.2em .5em;vertical-align:top}
th{background:#f4f4f4;text-align:left}.num{text-align:right;font-variant-numeric:tabular-nums}
.meta th{width:12em}mark{background:#ffe066;outline:2px solid #dc143c}figure{margin:1em 0;break-inside:avoid}
figure img{max-width:100%;border:1px solid #bbb}.finding{border-left:4px solid #dc143c;padding-left:1em;margin:1.5em 0}
.note{background:#fff3cd;padding:.5em}pre{white-space:pre-wrap;font-family:inherit}code{font-size:.9em}
nav{margin:1em 0}@media print{nav{display:none}a{color:inherit;text-decoration:none}
details{display:block}details>pre{display:block}h2{break-before:page}}
"""
