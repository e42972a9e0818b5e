"""Step 3: the report itself — title, parts, prose drawn from phrasing tables, tables in place."""
from __future__ import annotations

import random
import zlib
from decimal import Decimal
from typing import Any

from ..data import load
from . import grids
from .defects import claim_completed, late_date, part_numbers
from .numbers import dec_str, heading_cn, prose_number
from .spec import Block, DocSpec
from .values import YearValues

def quirk_rates() -> dict[str, float]:
    """Share of documents drawing each realistic quirk (data/synth/quirks.yaml, in draw order)."""
    return load("synth/quirks.yaml")["rates"]


def vary(r: random.Random, items: list, seed: int, org, year: int) -> Any:
    """A phrasing of a slot that changes every year for a body (clean consecutive years never reuse one)."""
    r.choice(items)  # drawn and discarded, so every later draw (figures, quirks) stays as it was
    # A body's own starting point, so bodies differ within a year; + year moves it on each year. Real
    # reports reword year to year (a report repeating half of last year's text loses points, docs/audit-rules.md).
    start = zlib.crc32(f"{seed}:{org.code}:{items[0]}".encode("utf-8"))
    return items[(start + year) % len(items)]


def _weighted(r: random.Random, opts: list[dict]) -> str:
    return r.choices([o["style"] for o in opts], weights=[o["w"] for o in opts])[0]


def number1(style: str, i: int) -> str:
    """Level-1 heading number in a style (一、 / 一． / 第一部分)."""
    n = heading_cn(i)
    return {"cn_dun": f"{n}、", "cn_dot": f"{n}．", "part": f"第{n}部分 ", "bare": ""}[style]


def number2(style: str, i: int) -> str:
    """Level-2 heading number in a style (（一） / (一) / 1.)."""
    n = heading_cn(i)
    return {"paren_full": f"（{n}）", "paren_half": f"({n})", "arabic_dot": f"{i}."}[style]


class Writer:
    """Collects blocks, figures and metrics while a report is written."""

    def __init__(self, spec: DocSpec, r: random.Random, fill: dict[str, Any], seed: int = 0,
                 wording_year: int | None = None):
        self.spec, self.r, self.fill, self.seed = spec, r, fill, seed
        self.wording_year = wording_year or spec.year  # last year's for the copied_report defect
        self.section: str | None = None

    def pick(self, items: list) -> Any:
        """This year's phrasing of a prose slot (see vary)."""
        return vary(self.r, items, self.seed, self.spec.org, self.wording_year)

    def fmt(self, template: str, **kw: Any) -> str:
        """Fill a phrasing template with the document's placeholders."""
        return template.format(**{**self.fill, **kw})

    def figure(self, metric: str | None, value: Decimal | int, unit: str, kind: str = "annual",
               state: bool = True, negation: bool = False, qualifier: str | None = None, raw: str | None = None) -> str:
        """Print a number in prose, record it as a figure and (when exact) as a stated metric."""
        scale = None
        if raw is None:
            raw, scale = prose_number(self.r, value, unit)
        self.spec.figures.append({"metric": metric, "value": dec_str(value), "raw": raw.strip(), "unit": unit,
                                  "scale": scale, "qualifier": qualifier, "kind": kind, "negation": negation,
                                  "section": self.section, "span": [0, 0]})
        if metric and state and qualifier is None:
            self.spec.metrics.setdefault(metric, dec_str(value))
        return raw

    def negation(self, metric: str, text: str) -> str:
        """A zero stated by negation (未收到…): no digit printed, value 0."""
        self.spec.figures.append({"metric": metric, "value": "0", "raw": "", "unit": None, "scale": None,
                                  "qualifier": None, "kind": "annual", "negation": True, "section": self.section,
                                  "span": [0, 0], "text": text})
        self.spec.metrics.setdefault(metric, "0")
        return text

    def add(self, kind: str, text: str = "", table=None, number: str = "") -> None:
        """Append a block to the current section."""
        self.spec.blocks.append(Block(kind, text, self.section, table, number))


def _active_sentence(w: Writer, v: YearValues, plan: dict) -> str:
    ph = load("synth/phrasing.yaml")["active.items"]
    r = w.r
    # The total is printed (and recorded) before its 其中 breakdown, as in the text.
    if r.random() < 0.06 and v.active_items >= 20:  # an approximate total: no exact metric can be read from it
        approx = v.active_items // 10 * 10
        q = r.choice(["余", "多"])
        total_raw = w.figure("active.items", approx, "条", qualifier=q, raw=f"{approx}{q}条")
        w.spec.quirks.append("approximate_items")
    else:
        total_raw = w.figure("active.items", v.active_items, "条")
    if v.prev_active_items and r.random() < 0.3:
        d = v.active_items - v.prev_active_items
        if d > 0 and r.random() < 0.5:
            pct = (Decimal(d) * 100 / v.prev_active_items).quantize(Decimal("0.1"))
            w.figure(None, pct, "%", kind="change", raw=f"{dec_str(pct)}%")
            total_raw += f"，同比增长{dec_str(pct)}%"
        elif d:
            word = "增加" if d > 0 else "减少"
            raw = w.figure(None, abs(d), "条", kind="change")
            total_raw += f"，较上年{word}{raw.strip()}"
    breakdown = ""
    parts = list(v.breakdown)
    want_defect = plan.get("type") == "breakdown_sum" and "approximate_items" not in w.spec.quirks
    if parts and (r.random() < 0.45 or want_defect):
        if want_defect:
            i = r.randrange(len(parts))
            delta = r.choice([-1, 1]) * r.randint(1, max(1, parts[i][1] // 3 + 1))
            if parts[i][1] + delta < 0:
                delta = -delta
            plan["details"] = {"total": v.active_items, "printed_sum": sum(p[1] for p in parts) + delta,
                               "category": parts[i][0]}
            plan["keys"] = ["active.items"]
            parts[i] = (parts[i][0], parts[i][1] + delta)
            if delta > 0:
                # parts that exceed their total contradict it: the parser leaves the metric blank (the figure and
                # the audit's A01 finding keep the numbers); an open list falling short says nothing
                w.spec.metrics.pop("active.items", None)
        items = []
        for cat, n in parts:
            raw = w.figure(None, n, "条", kind="breakdown")
            items.append(w.fmt(w.pick(ph["breakdown_item"]), cat=cat, n=raw.strip()))
        breakdown = w.pick(ph["breakdown_lead"]) + "、".join(items)
    return w.fmt(w.pick(ph["plain"]), n=total_raw, breakdown=breakdown)


def _response_sentences(w: Writer, v: YearValues) -> str:
    ph = load("synth/phrasing.yaml")
    r = w.r
    pi = v.policy_interpretations
    if pi >= 20 and r.random() < 0.15:  # 20余篇: approximate, so no exact metric
        approx = pi // 10 * 10
        raw = w.figure("response.policy_interpretations", approx, "篇", qualifier="余", raw=f"{approx}余篇")
        out = w.fmt(w.pick(ph["response.policy_interpretations"]["approximate"]), n=raw)
    else:
        out = w.fmt(w.pick(ph["response.policy_interpretations"]["plain"]),
                    n=w.figure("response.policy_interpretations", pi, "篇"))
    if v.opinion_incidents == 0 and r.random() < 0.5:
        out += w.negation("response.opinion_incidents", w.fmt(w.pick(ph["response.opinion_incidents"]["zero"])))
    else:
        out += w.fmt(w.pick(ph["response.opinion_incidents"]["plain"]),
                     n=w.figure("response.opinion_incidents", v.opinion_incidents, "次"))
    return out


def _requests_sentence(w: Writer, v: YearValues, era: str, plan: dict) -> str:
    ph = load("synth/phrasing.yaml")["requests.received"]
    r = w.r
    m = v.metrics()
    received = m["requests.received"]
    u = "宗" if "unit_zong" in w.spec.quirks else "件"  # Guangdong usage
    if plan.get("type") == "prose_table_mismatch":
        printed = received + r.randint(1, 5) if received < 3 or r.random() < 0.5 else received - r.randint(1, 2)
        plan["details"] = {"metric": "requests.received", "prose": str(printed), "table": str(received)}
        plan["keys"] = ["requests.received", "s3.new_received.total"]
        return w.fmt(w.pick(ph["plain"]), n=w.figure("requests.received", printed, u, state=False))
    if received == 0 and m["requests.carry_over"] == 0 and r.random() < 0.7:
        return w.negation("requests.received", w.fmt(w.pick(ph["zero"])))
    if (era != "pre2019" or r.random() < 0.4) and r.random() < 0.6:
        if m["requests.carry_over"] and r.random() < 0.35:
            h = w.figure("requests.handled", received + m["requests.carry_over"], u, state=False)
            out = w.fmt(w.pick(ph["handled"]), h=h, n=w.figure("requests.received", received, u, kind="breakdown"),
                        co=w.figure("requests.carry_over", m["requests.carry_over"], u, kind="breakdown"),
                        done=w.figure("requests.completed", m["requests.completed"], u),
                        cf=w.figure("requests.carry_forward", m["requests.carry_forward"], u))
        else:
            out = w.fmt(w.pick(ph["with_flow"]), n=w.figure("requests.received", received, u),
                        co=w.figure("requests.carry_over", m["requests.carry_over"], u),
                        done=w.figure("requests.completed", m["requests.completed"], u),
                        cf=w.figure("requests.carry_forward", m["requests.carry_forward"], u))
        if m["requests.completed"] and r.random() < 0.4:
            s3 = v.s3
            groups = {"open": s3["result_open"]["total"], "partial": s3["result_partial"]["total"],
                      "unable": sum(s3[k]["total"] for k in s3 if k.startswith("unable.")),
                      "np": sum(s3[k]["total"] for k in s3 if k.startswith("not_processed."))}
            out += w.fmt(w.pick(ph["results"]), **{k: w.figure(None, n, u, kind="breakdown") for k, n in groups.items()})
        return out
    out = w.fmt(w.pick(ph["plain"]), n=w.figure("requests.received", received, u))
    if era == "pre2019" and received:
        chans = [(c, n) for c, n in v.channels if n]
        if len(chans) > 1:
            out = out.rstrip("。") + "，其中" + "、".join(f"{c}{w.figure(None, n, u, kind='breakdown')}"
                                                        for c, n in chans) + "。"
        out += w.fmt(w.pick(load("synth/phrasing.yaml")["requests.completed"]["plain"]),
                     n=w.figure("requests.completed", m["requests.completed"], u))
    return out


def _review_sentence(w: Writer, v: YearValues) -> str:
    ph = load("synth/phrasing.yaml")["review_litigation"]
    m = v.metrics()
    rv, lt = m["review.total"], m["litigation.total"]
    if rv == 0 and lt == 0 and w.r.random() < 0.8:
        text = w.fmt(w.pick(ph["zero_both"]))
        w.negation("review.total", text)
        return w.negation("litigation.total", text)
    return w.fmt(w.pick(ph["plain"]), r=w.figure("review.total", rv, "件"), l=w.figure("litigation.total", lt, "件"))


def _fees_sentence(w: Writer, v: YearValues, era: str, zero: bool = False) -> str:
    ph = load("synth/phrasing.yaml")["fees.collected_yuan"]
    if era == "pre2019":
        if v.fees_yuan == 0 or zero:  # zero: the prose_zero_fees defect denies a printed fee
            return w.negation("fees.collected_yuan", w.fmt(w.pick(ph["zero_pre2019"])))
        return w.fmt(w.pick(ph["plain_pre2019"]), n=w.figure("fees.collected_yuan", v.fees_yuan, "元"))
    if era == "gb2021":
        if v.fees_yuan == 0:
            return w.negation("fees.collected_yuan", w.fmt(w.pick(ph["zero_gb2021"])))
        k = w.figure(None, v.fee_notices, "件")
        return w.fmt(w.pick(ph["plain_gb2021"]), k=k, n=w.figure("fees.collected_yuan", v.fees_yuan, "元"))
    return w.negation("fees.collected_yuan", w.fmt(w.pick(ph["zero_gb2019"])))


def _filler(w: Writer) -> str:
    t = w.pick(load("synth/phrasing.yaml")["filler_numbers"])
    return t.format(k=w.r.randint(1, 9), m=w.r.randint(10, 90))


def problems_text(seed: int, org, year: int, wording_year: int | None = None) -> list[str]:
    """The 存在的主要问题 part of one organ and year (derived from its own seed so a later year can copy it).

    wording_year: whose phrasing to use (last year's for copied_report, with this year's dates)."""
    r = random.Random(f"{seed}:{org.code}:{year}:problems")
    pr = load("synth/prose.yaml")
    fill = {"self": org.self_ref, "org": org.name, "year": year, "next": year + 1}
    return [vary(r, pr[k], seed, org, wording_year or year).format(**fill) for k in ("problems", "improvements")]


def era_for(org, year: int) -> str:
    """The table template an organ uses in a year (late adopters keep gb2019 for 2021–2022)."""
    if year <= 2018:
        return "pre2019"
    if year <= 2020 or (org.late_adopter and year <= 2022):
        return "gb2019"
    return "gb2021"


def _sign(w: Writer, spec: DocSpec, pr: dict, name: str, published: str) -> None:
    """The closing signature: the organ and its publication date."""
    y, m, d = (int(x) for x in published.split("-"))
    w.section = None
    w.add("signature", name)
    w.add("signature", pr["signature_date"].format(y=y, m=m, d=d))
    spec.published = published


def build(seed: int, org, year: int, v: YearValues, plan: dict, stem: str) -> DocSpec:
    """Write one report for an organ and year from its (possibly defect-altered) figures."""
    r = random.Random(f"{seed}:{org.code}:{year}:text")
    era = era_for(org, year)
    h = load("synth/headings.yaml")
    pr = load("synth/prose.yaml")
    quirks = [q for q, p in quirk_rates().items() if r.random() < p]
    if "total_col_blank" in quirks and (era != "gb2019" or plan.get("type") in ("prose_table_mismatch",
                                                                            "all_completed_claim")):
        quirks.remove("total_col_blank")  # a 2019-template habit; and the mismatch needs a printed total
    title_year = year
    if plan.get("type") == "wrong_title_year":
        title_year = year + r.choice([-1, 1])
        plan["details"] = {"title_year": title_year, "year": year}
        plan["keys"] = ["title", "year"]
    title = r.choice(h["titles"][era]).format(org=org.name, year=title_year)
    spec = DocSpec(org=org, year=year, era=era, stem=stem, title=title, quirks=quirks)
    reworded = plan.get("type") == "copied_report"
    if reworded:  # every prose slot in last year's wording, this year's figures and dates
        plan["keys"], plan["details"] = ["text"], {"copied_from_year": year - 1}
    w = Writer(spec, r, {"self": org.self_ref, "org": org.name, "year": year, "next": year + 1}, seed,
               wording_year=year - 1 if reworded else year)
    if "two_line_title" in quirks and title.startswith(org.name):
        w.add("title", org.name)
        w.add("title", title[len(org.name):])
    else:
        w.add("title", title)
    w.section = "preamble"
    pre = w.fmt(w.pick(pr["preamble"][era]))
    if r.random() < 0.6:
        # Reports name the portal of their area ("…淮安市洪泽区人民政府门户网站"): often the only place
        # the province or city of a town or department is written.
        keys = [k for k in ("province", "city", "county") if k in org.region]
        if len(keys) > 1 and r.random() < 0.6:
            keys = keys[1:]
        area = "".join(org.region[k] for k in keys)
        pre += w.fmt(w.pick(pr["portal"]), area=area)
    w.add("para", pre)

    order = list(h["order"][era])
    if era == "pre2019":
        if r.random() < 0.3:  # fees and review swap places in many local reports
            i, j = order.index("fees"), order.index("review_litigation")
            order[i], order[j] = order[j], order[i]
        for key, cfg in h["pre2019_extras"].items():
            if year >= cfg["from_year"] and r.random() < cfg["p"]:
                order.insert(order.index(cfg["after"]) + 1, key)
    if plan.get("type") == "missing_part":
        dropped = plan["part"]
        order.remove(dropped)
        spec.missing_sections.append(dropped)
        plan["keys"] = [dropped]
    appendix = era == "pre2019" and year >= h["pre2019_appendix"]["from_year"] and r.random() < h["pre2019_appendix"]["p"]
    if plan.get("type") == "prose_zero_fees":
        appendix = True  # the 附表 prints the fee the prose denies
    n1 = _weighted(r, h["numbering1"])
    if n1 == "bare" and (era != "pre2019" or plan.get("type") == "outline_skip"):
        # template-era reports always number their six parts; a skip needs numbers to show
        n1 = "cn_dun"
    n2 = _weighted(r, h["numbering2"])
    s2_cells: list[dict] = []
    m = v.metrics()
    numbers = part_numbers(plan, order, seed, org, year)
    for i, key in enumerate(order, 1):
        number = number1(n1, numbers[i - 1]) if numbers[i - 1] else ""
        heading = number + r.choice(h["parts"][era][key])
        w.section = key
        w.add("heading", heading, number=number)
        spec.sections.append({"key": key, "heading": heading})
        if key == "overview":
            w.add("para", w.fmt(w.pick(pr["overview"])))
            if era == "pre2019":
                w.add("para", _filler(w) + _filler(w))
                continue
            subs = [("active", [_active_sentence(w, v, plan), _response_sentences(w, v)]),
                    ("requests", [w.fmt(w.pick(pr["requests_intro"])), _requests_sentence(w, v, era, plan)]),
                    ("info_mgmt", [w.fmt(w.pick(pr["info_mgmt"]))]),
                    ("platform", [w.fmt(w.pick(pr["platform"])), _filler(w)]),
                    ("oversight", [w.fmt(w.pick(pr["oversight"]))])]
            if r.random() < 0.5:
                subs[4][1].append(_review_sentence(w, v))
            promoted = plan.get("details", {}).get("subtopic") if plan.get("type") == "outline_subtopic" else None
            for j, (sk, sentences) in enumerate(subs, 1):
                sub = number2(n2, j) + r.choice(h["overview_subs"][sk])
                if sk == promoted:
                    # the defect: this sub-topic carries the next part's numeral (二、政府信息管理)
                    title = r.choice([t for t in h["overview_subs"][sk] if not t.startswith("主动")])
                    w.add("heading", number1(n1, plan["details"]["number"]) + title,
                          number=number1(n1, plan["details"]["number"]))
                    w.add("para", "".join(sentences))
                elif "inline_subheadings" in quirks:
                    w.add("para", sub + "。" + "".join(sentences))
                else:
                    w.add("subheading", sub, number=number2(n2, j))
                    w.add("para", "".join(sentences))
        elif key == "active":
            if era == "pre2019":
                text = w.fmt(w.pick(pr["active_intro"])) + _active_sentence(w, v, plan)
                if r.random() < 0.35:
                    text += w.fmt(w.pick(load("synth/phrasing.yaml")["active.items_cumulative"]["plain"]),
                                  n=w.figure("active.items_cumulative", v.items_cumulative, "条", kind="cumulative"))
                if "response" not in order and r.random() < 0.5:
                    text += _response_sentences(w, v)
                w.add("para", text)
            else:
                s2 = v.s2_2021 if era == "gb2021" else v.s2_2019
                for t in grids.s2_tables(era, s2, r, quirks, org.level, s2_cells, year):
                    w.add("table", table=t)
        elif key == "requests":
            if era == "pre2019":
                w.add("para", w.fmt(w.pick(pr["requests_intro"])) + _requests_sentence(w, v, era, plan))
            else:
                w.add("table", table=grids.s3_table(era, v.s3, r, quirks, s2_cells))
                if claim_completed(plan, v):
                    w.add("para", w.fmt(w.pick(load("synth/phrasing.yaml")["contradictions"]["all_completed"])))
                printed = {c["key"]: c["value"] for c in s2_cells}
                for mk, ck in (("requests.received", "new_received"), ("requests.completed", "result_total"),
                               ("requests.carry_over", "carry_over"), ("requests.carry_forward", "carry_forward")):
                    # A printed total outranks prose; a blank one leaves whatever the prose stated.
                    if printed[f"s3.{ck}.total"] is not None:
                        spec.metrics[mk] = dec_str(m[mk])
        elif key == "fees":
            w.add("para", _fees_sentence(w, v, era, zero=plan.get("type") == "prose_zero_fees"))
        elif key == "review_litigation":
            if era == "pre2019":
                w.add("para", _review_sentence(w, v))
            else:
                w.add("table", table=grids.s4_table(v.s4, quirks, r, s2_cells))
                spec.metrics["review.total"] = dec_str(m["review.total"])
                spec.metrics["litigation.total"] = dec_str(m["litigation.total"])
        elif key == "problems":
            copied = plan.get("type") == "copied_text"  # last year's part itself, its dates included
            paras = problems_text(seed, org, year - 1) if copied else problems_text(seed, org, year, w.wording_year)
            if copied:
                plan["keys"] = ["problems"]
                plan["details"] = {"copied_from_year": year - 1}
            for p in paras:
                w.add("para", p)
        elif key == "other":
            text = w.fmt(w.pick(pr["other"]))
            if era != "pre2019" and (era == "gb2021" or r.random() < 0.5):
                text = _fees_sentence(w, v, era) + ("" if text == "无。" else text)
            w.add("para", text)
            if appendix:
                w.add("para", "附表：" + r.choice(h["parts"]["pre2019"]["appendix"]))
                w.add("table", table=grids.appendix_table(m, v.items_cumulative, s2_cells))
                printed = {**m, "active.items_cumulative": v.items_cumulative}
                for mk in load("synth/templates.yaml")["appendix"]["resolves"]:
                    spec.metrics[mk] = dec_str(printed[mk])
        elif key == "response":
            w.add("para", _response_sentences(w, v))
        else:  # consultation, institution, training
            w.add("para", w.fmt(w.pick(pr[key]), k=r.randint(2, 60)))
    spec.cells = s2_cells
    if plan.get("type") == "late_publication":
        published, due = late_date(r, year, org.level, era)
        plan["keys"], plan["details"] = ["published"], {"published": published, "deadline": due}
        _sign(w, spec, pr, org.name, published)
    elif "signature" in quirks:
        pub_year = year + 1
        month = r.choice([1, 1, 2, 3]) if org.level != "department" or era == "pre2019" else 1
        day = r.randint(5, 28)
        _sign(w, spec, pr, org.name, f"{pub_year:04d}-{month:02d}-{day:02d}")
    # Tables decide the metrics they print; prose figures only fill what no table states.
    return spec
