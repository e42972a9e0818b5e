"""Resolve one value per core metric: printed table cells first, then the best prose figure."""
from __future__ import annotations

import re

from decimal import Decimal, InvalidOperation

from .. import data, lazyre
from ..record import Figure, Report
from .figures import OTHER_WAYS, names_outlet, says_proactive, topic_channel

# Kinds of figure that can never be the value of a stock metric.
_NOT_A_STOCK = {"change", "share"}


def resolve(report: Report) -> None:
    """Fill report.metrics and report.metric_sources; flag prose/table disagreements as issues."""
    cfg = data.load("metrics.yaml")
    cells = {c.key: c for c in report.cells}
    report.metrics, report.metric_sources = {}, {}
    for metric in cfg["core"]:
        prose, reason = choose_figure(report.figures, metric)
        cell_value, cell_keys = _from_cells(cells, cfg["cells"].get(metric) or [])
        if cell_value is None and metric in cfg.get("legacy_cells", {}):
            # No template cell: a pre2019 statistics table's cell of the same meaning.
            cell_value, cell_keys = _from_cells(cells, cfg["legacy_cells"][metric])
        if cell_value is not None:
            first = cells[cell_keys[0]]
            report.metrics[metric] = format(cell_value, "f")
            report.metric_sources[metric] = {"kind": "cell", "ref": "+".join(cell_keys), "page": first.page,
                                             "text": " / ".join(first.label) if first.label else first.raw}
            if prose is not None and _dec(report.figures[prose].value) != cell_value:
                f = report.figures[prose]
                report.add_issue(
                    "PROSE_TABLE_MISMATCH",
                    f"{metric}: the prose says {f.value} (page {f.page}: '{f.raw}') but the table says "
                    f"{report.metrics[metric]} ({'+'.join(cell_keys)}, page {first.page}); the table value is used",
                    first.page)
        elif prose is not None:
            _use_figure(report, metric, prose)
        else:
            report.metrics[metric] = None
            if reason:  # figures of the metric were found but none is its value: say why
                report.metric_sources[metric] = {"kind": "abstained", "reason": reason,
                                                 "refs": [i for i, f in enumerate(report.figures) if f.metric == metric]}
    # Other metrics of the dictionary (active.executive_meetings …) are added when prose states them.
    for metric in dict.fromkeys(f.metric for f in report.figures if f.metric and f.metric not in report.metrics):
        prose = best_figure(report.figures, metric)
        if prose is not None:
            _use_figure(report, metric, prose)


def _use_figure(report: Report, metric: str, index: int) -> None:
    f = report.figures[index]
    report.metrics[metric] = f.value
    report.metric_sources[metric] = {"kind": "figure", "ref": index, "page": f.page, "text": f.text}


def _dec(value: str | None) -> Decimal | None:
    try:
        return Decimal(value) if value is not None else None
    except InvalidOperation:
        return None


def _from_cells(cells: dict, keys: list[str]) -> tuple[Decimal | None, list[str]]:
    """Sum of the printed cells behind a metric, or None when any of them is missing or blank."""
    if not keys:
        return None, keys
    values = [_dec(cells[k].value) if k in cells and not cells[k].derived else None for k in keys]
    if any(v is None for v in values):
        return None, keys
    return sum(values, Decimal(0)), keys


def best_figure(figures: list[Figure], metric: str) -> int | None:
    """Index of the prose figure that states a metric, or None when there is none or it is ambiguous."""
    return choose_figure(figures, metric)[0]


def choose_figure(figures: list[Figure], metric: str) -> tuple[int | None, str | None]:
    """(index of the prose figure that states a metric, None) or (None, why none is chosen; None if no figure).

    Rules, in order: only exact figures of the metric (no 余/多/约, no 万-rounded counts, no changes or
    shares); parts (a category, a sub-unit, a secondary outlet such as WeChat, an 一是… item, a later count
    of the metric in its total's sentence) never give the value, except the part that names what its total
    is not (受理15件，其中新收到14件) or the year's increment of a 历年累计 stock; a total contradicted by its
    own category parts (200条, parts adding up to 205) is dropped; the stated figures decide, and without
    one a count through the body's website or platform is used only when it is the metric's only figure;
    if the survivors disagree (制发解读材料904条，多元化解读204次) the metric is left unresolved rather than guessed.
    """
    rules = data.load("metrics.yaml")["rules"]
    # A stock-to-date (累计) figure only ever answers a cumulative metric.
    excluded = _NOT_A_STOCK | ({"cumulative"} if metric not in {r.get("cumulative") for r in rules} else set())
    mine = [i for i, f in enumerate(figures) if f.metric == metric and f.value is not None]
    if not mine:
        return None, None
    cands = [i for i in mine if figures[i].kind not in excluded and not _approximate(figures[i])
             and (figures[i].parent is None or _own_part(figures, i))]
    if metric in {r.get("cumulative") for r in rules}:
        # 微信公众号累计发布2103条: an outlet's posts to date are no stock of the body's disclosed information
        cands = [i for i in cands if not _outlet_before(figures[i])]
        # 累计公开信息80条,主动公开80条: the same count said as the year's in the same sentence is the year's, no stock
        annual = {r["metric"] for r in rules if r.get("cumulative") == metric}
        said = [g for g in figures if g.metric in annual and g.kind == "annual"]  # (once, not once per candidate)
        cands = [i for i in cands if not any(g.text == figures[i].text and _dec(g.value) == _dec(figures[i].value)
                                             for g in said)]
    # A bare number after a metric phrase (解读204, unit lost or cut off) is evidence, not a value:
    # it cannot be chosen, but a different value from it makes the metric ambiguous.
    unitless_ok = {r["metric"] for r in rules if r.get("unitless")}
    weak = {i for i in cands if figures[i].unit is None and not figures[i].negation and metric not in unitless_ok
            and not _unit_dropped(figures[i])}
    cfg = data.load("metrics.yaml")
    checked = cfg["parts_sum_check"]  # (the parts are indexed only when a total below is checked against them)
    parts = _parts_index(figures) if metric in checked and cands or any(
        figures[i].parent is not None and figures[figures[i].parent].metric in checked for i in cands) else {}
    contradicted = {i for i in cands if metric in checked and _contradicted(figures, i, parts)}
    # a part of a total its own parts contradict (…共74条,其中…政策解读6条… adding up to 84) is a line of a list
    # that does not hold together: no value either
    contradicted |= {i for i in cands if figures[i].parent is not None
                     and figures[figures[i].parent].metric in checked
                     and _contradicted(figures, figures[i].parent, parts)}
    cands = [i for i in cands if i not in weak and i not in contradicted]
    stated = [i for i in cands if figures[i].parent is not None or figures[i].kind in ("annual", "cumulative")]
    if stated:
        tier = stated
    else:
        loose = [i for i in mine if figures[i].parent is None and figures[i].kind in ("channel", "breakdown")]
        tier = [i for i in cands if figures[i].kind == "channel"]
        # a stated total that cannot be used (20余万条, contradicted) still says the channel is only a part
        totals = [i for i in mine if figures[i].parent is None and figures[i].kind == "annual"]
        # the same website count said twice (共计公开121条 … 公开目录公开信息共计121条) is still one figure; a social
        # account's posts counted beside it (“某某政数”微信公众号…全年共发布364篇推文) make it one channel of several
        if len({_dec(figures[i].value) for i in tier}) != 1 or len({_dec(figures[i].value) for i in loose}) != 1 \
                or totals or tier and metric in checked \
                and any(_account_posts(f) for j, f in enumerate(figures) if j not in tier):
            return None, ("its own parts contradict the stated total" if contradicted else
                          "only parts (channels, categories, outlets) without a stated total" if loose or tier else
                          "no exact annual figure (approximate, cumulative, up to a date, or a change)")
    values = {_dec(figures[i].value) for i in tier}
    top = max(values)
    rest = [_dec(figures[i].value) for i in tier if _dec(figures[i].value) != top] + \
        [_dec(figures[i].value) for i in mine if figures[i].parent is None and figures[i].kind in ("channel", "breakdown")
         and not _approximate(figures[i]) and _dec(figures[i].value) != top]  # (主动公开的8条信息中: the total again)
    if len(values) > 1 and len(rest) > 1 and None not in rest and sum(rest) == top:
        # 全县累计公开21597条 … 县政府网7055条 … 部门和镇(街道)共14542条: the others add up exactly to the largest,
        # so they are its parts, said in sentences of their own
        tier = [i for i in tier if _dec(figures[i].value) == top]
        values = {top}
    if len(values) != 1:
        return None, "the stated figures disagree: " + ", ".join(sorted(figures[i].value for i in tier))
    choice = tier[0]
    if any(_dec(figures[i].value) != _dec(figures[choice].value) for i in weak):
        return None, "a figure without a unit states another value"
    if figures[choice].kind != "channel" and any(
            f.kind == "channel" and f.parent is None and f.unit == figures[choice].unit and not _approximate(f)
            and _dec(f.value) is not None and _dec(figures[choice].value) is not None
            and _dec(f.value) > _dec(figures[choice].value) and not _account_posts(f) and says_proactive(f)
            for f in (figures[i] for i in mine)):
        # (局门户网站主动公开信息17430条 … 主动公开政府信息130条: one channel's proactive disclosures cannot exceed the
        # whole, so the "total" is one kind of what was published, and the year's whole is not stated. A site that
        # only "published" more (发布信息80条: news too), a social account's posts and a count listed among the total's
        # own parts are no evidence against it.)
        return None, "a channel's count exceeds the stated total"
    if metric in {r.get("cumulative") for r in rules} and any(
            _dec(f.value) != _dec(figures[choice].value) for f in _stock_statements(figures, rules, metric)):
        # (截止2011年底,全镇累计公开信息75条 … 在主动公开政府信息中,累计公开信息总数27条: which is the stock is not said)
        return None, "a 累计 count without a date states another value"
    return choice, None


def _stock_statements(figures: list[Figure], rules, metric: str) -> list[Figure]:
    """The counts said with 累计 but no date or 历年 that figures.py leaves to neither the year nor the stock (kind
    to_date, the annual metric): still a statement of the stock that may disagree with the one chosen."""
    annual = {r["metric"] for r in rules if r.get("cumulative") == metric}
    out = []
    for f in figures:
        if f.metric in annual and f.kind == "to_date" and f.value is not None:
            text, k = _in_sentence(f)
            if k > 0 and "累计" in text[:k]:
                out.append(f)
    return out


def _account_posts(f: Figure) -> bool:
    """Whether a count (of no metric, or a proactive part) is a social account's posts: its own words or its sentence's
    subject name the account (微信公众号发布推文364篇; “某某发布”公众号粉丝12万,全年共发布364篇推文)."""
    if f.metric not in (None, "active.items") or f.unit not in _POSTS or f.kind in ("share", "change", "cumulative") \
            or _approximate(f):
        return False
    text, k = _in_sentence(f)
    # posts to date (截至…累计发布微博120条; not 全年…累计发布) are no year's channel; items sent to other media (向…报送
    # 信息96条,其中…公众号发布21条) are the body's reporting, not its channels
    if k < 0 or _NOT_OWN_POSTS.search(text, 0, k) or "累计" in text[:k] and not _THIS_YEAR.search(text, 0, k):
        return False
    # (a document's title is no outlet: 《…统计公报》1条)
    # (在区住建局微信公众平台群发信息51次,共计发送153条信息: a sentence about the account, the account its means)
    return names_outlet(_BOOK_TITLE.sub("", _own_words(f))) or topic_channel(text[:k]) == "breakdown" \
        or lazyre.compile(data.load("metrics.yaml")["markers"]["account_sentence"]).match(text, 0, k) is not None


# A post is 条 or 篇; 期 counts issues (公报4期) and broadcasts (直播13期), which the labels do not weigh as channels.
_POSTS = {"条", "篇"}
_NOT_OWN_POSTS = lazyre.compile(r"截至|截止|报送|上报|采用|转载")
_THIS_YEAR = lazyre.compile(r"全年|本年|今年|年度|\d{4}年")
_BOOK_TITLE = lazyre.compile(r"《[^》]*》?|^[^《》]*》")


def _in_sentence(f: Figure) -> tuple[str, int]:
    """A figure's sentence and where its printed number stands in it (-1 when the quote does not hold it)."""
    text = f.text or ""
    return text, text.find(f.raw)


def _unit_dropped(f: Figure) -> bool:
    """Whether a number without a unit ends its clause (收到政府信息公开申请3,截至…) or opens an aside on it (行政复议1(结果
    维持1)): the source dropped the unit, the count is whole. Not one cut off where the text ends (解读204), whose unit
    and digits may be lost."""
    text, k = _in_sentence(f)
    # (a copied PDF may set the number apart: "发布信息 3403 ,发布…")
    after = text[k + len(f.raw):k + len(f.raw) + 4].lstrip(" \u3000\xa0")
    return k >= 0 and after[:1] in tuple(",，。;；(（")


def _approximate(f: Figure) -> bool:
    return bool(f.qualifier) or bool(f.scale and f.unit != "元")


def _own_part(figures: list[Figure], i: int) -> bool:
    """True for a part that is a value of its own: one figures.extract made annual (历年累计52条，其中2010年新增14条)
    or a part of another metric's total (受理15件，其中新收到14件; 公开信息5000条，其中政策解读20条)."""
    f, total = figures[i], figures[figures[i].parent]
    if f.kind == "channel":
        return False
    # kind annual with a parent: a part naming what its total is not (figures.extract decided it)
    # A part of a total we could not name (发布政府动态类信息900条，其中…政策解读8条) is one category of
    # something unknown: not used, whatever its own words say.
    # A part of a stock-to-date counts one kind of the stock (其中网上公开376条): figures.extract has made the one
    # that is the year's growth (其中2010年新增14条) a value of its own (kind annual) already.
    return f.kind == "annual" or total.kind not in ("cumulative", "to_date") and total.metric not in (None, f.metric) \
        or f.metric is not None and _beyond_the_list(figures, i)


def _beyond_the_list(figures: list[Figure], i: int) -> bool:
    """Whether the parts before a part already add up to their total exactly (…其中政务动态信息2380条,概况类信息605条,
    信息公开目录信息1799条 under 4784条, then 回应公众关注热点16次): the list ended there, and the count after it is a
    value of its own, not one more category of the total."""
    f, k = figures[i], figures[i].parent
    total = _dec(figures[k].value)
    before = sorted((g for g in figures if g.parent == k and g.span[0] < f.span[0] and g.unit == figures[k].unit
                     and g.kind == "breakdown" and not g.negation and _dec(g.value) is not None), key=lambda g: g.span[0])
    running = Decimal(0)
    for n, g in enumerate(before, 1):
        running += _dec(g.value)
        if total is not None and n >= 2 and running == total:
            return True
    return False


def _parts_index(figures: list[Figure]) -> dict[int, list[Figure]]:
    """Each total's parts (the figures whose parent it is), in order: what _contradicted reads of a total."""
    out: dict[int, list[Figure]] = {}
    for f in figures:
        if f.parent is not None:
            out.setdefault(f.parent, []).append(f)
    return out


def _counts_between(figures: list[Figure], last: Figure, following: Figure) -> bool:
    """Whether the sentence counts something else, in another unit, between a list's last part and the next count
    (…概况类信息61条,组织在线访谈24场,征求公众意见2次,发布解读信息2条): the list ended at its last part."""
    return any(g.text == last.text and last.span[0] < g.span[0] < following.span[0] and g.unit != last.unit
               and g.unit is not None and g.kind not in ("share", "change") for g in figures)


def _contradicted(figures: list[Figure], i: int, parts: dict[int, list[Figure]] | None = None) -> bool:
    """True when one part of a total is larger than it, or its category parts (not its channels, which may
    overlap) add up to more, or to less when they close with 其他/其它 (an exhaustive list). `parts` is
    _parts_index(figures) when the caller has it."""
    total = _dec(figures[i].value)
    # every test below is on the total's parts: collected once per list of figures (a long report's candidates
    # each went over all its figures, several times: quadratic in its length), not once per test
    kids = [f for f in figures if f.parent == i] if parts is None else parts.get(i, [])
    mine = [f for f in kids if f.kind == "breakdown" and f.unit == figures[i].unit
            and not f.negation and _dec(f.value) is not None and not _bracketed_subpart(f)]
    if len(mine) >= 2 and figures[i].unit in _COUNT_UNITS:
        # parts counted in another item unit inside the list (部门文件22件,通知公告16条…; …征集调查16期、其他类1141条
        # under 2698条) are items of it too; one after the list's last part (…,累计公开831项) is not. A list needs two
        # parts in the total's unit: with one, "inside" cannot be told (a sub-count's 5条 may be found elsewhere).
        last = max(f.span[0] for f in mine)
        mine += [f for f in kids if f.kind == "breakdown" and f.unit in _COUNT_UNITS
                 and f.unit != figures[i].unit and f.span[0] < last and not f.negation
                 and _dec(f.value) is not None and not _bracketed_subpart(f) and not _counts_bodies(f)]
    if total is None:
        return False
    # No part can hold more than its whole (共公开3747条,其中通过门户网站发布3758条), the website's included — unless
    # the categories add up to the total exactly (…人事信息3条,微信公众号发布信息224条 merely said in the same
    # list). A secondary outlet's posts (微信公众号1500条) are not all disclosed information and may exceed it.
    if any(f.kind in ("breakdown", "channel") and f.unit == figures[i].unit and not _approximate(f)
           and (_dec(f.value) or 0) > total and not _outlet_part(f, outlets_only=True) for f in kids):
        return len(mine) < 2 or sum((_dec(f.value) for f in mine), Decimal(0)) != total
    # an approximate part (1600余条), a channel's included, makes the sum approximate: no sum can contradict it
    if len(mine) < 2 or any(_approximate(f) for f in kids if f.kind in ("breakdown", "channel")):
        return False
    if sum((_dec(f.value) for f in mine), Decimal(0)) == total:
        return False  # categories and outlets listed together that add up (概况类147条…微博13970条、微信2539条)
    # the list's first parts add up to the total exactly and the next count is of another activity: the list ended
    # there (…概况类6条,互动交流留言收到1465条、办结1213条). A bare category after them (…建设管理3条,航务管理1条) is
    # still the list: small parts often add up to the total part way by chance.
    ordered = sorted(mine, key=lambda f: f.span[0])
    other_work = lazyre.compile(data.load("metrics.yaml")["markers"]["other_activity"])
    running = Decimal(0)
    for k, f in enumerate(ordered[:-1]):
        running += _dec(f.value)
        if running == total and k >= 1 and (other_work.search(_own_words(ordered[k + 1]))
                                            or _counts_between(figures, f, ordered[k + 1])
                                            or all(_dec(g.value) * 10 >= total for g in ordered[:k + 1])
                                            and not any(g.metric == figures[i].metric for g in ordered[k + 1:])):
            # (…共发布信息4034条,其中政务信息2657条,县直及各乡镇1377条,政策解读24条…: large parts that add up exactly
            # close one view of the total; what follows counts it another way. Small parts may add up by chance, and a
            # later part naming the total's own metric again is a second list that contradicts it.)
            return False
    # a part equal to its total that opens its own 其中 (业务动态类信息174条,其中…20条…156条) confirms the total; the
    # parts after it are that part's, with whatever asides the text adds about them (同时撤销2条)
    if any(_dec(f.value) == total and _opens_its_parts(f) for f in mine):
        return False
    # A part equal to its total (包括40条全文电子化信息, 信息公开目录信息194条) is the same items seen another way, and
    # an outlet's count (微信公众号2443条) is a channel: neither is one of the categories that should add up.
    cats = [f for f in mine if _dec(f.value) != total and not _outlet_part(f)]
    if len(cats) < 2:
        return False
    parts = sum((_dec(f.value) for f in cats), Decimal(0))
    # 其他 closes the list only as its last part: a channel's count after it (…其他类信息32条,市局网站发布14条) is
    # still in the list, and the list is then no complete set of categories
    last = max((f for f in kids if f.unit == figures[i].unit and f.kind in ("breakdown", "channel")),
               key=lambda f: f.span[0], default=None)
    return parts > total or parts < total and len(cats) == len(mine) and last is not None and last in cats \
        and _other_part(last)


_COUNT_UNITS = {"条", "件", "篇", "期", "个", "项", "份"}


def _counts_bodies(f: Figure) -> bool:
    """Whether a count counts bodies, not items (其中:16个乡镇发布信息7426条, 25家单位): the noun right after it."""
    text, k = _in_sentence(f)
    return k >= 0 and bool(lazyre.compile(data.load("metrics.yaml")["markers"]["counted_bodies"])
                           .match(text, k + len(f.raw)))


def _own_words(f: Figure) -> str:
    """The words of a figure's sentence between the number before it and it (留言收到 in …6条,互动交流留言收到1465条)."""
    text, k = _in_sentence(f)
    if k < 0:
        return ""
    return lazyre.compile(r"(?:.*\d)?(.*)", re.S).match(text, 0, k).group(1)


def _outlet_part(f: Figure, outlets_only: bool = False) -> bool:
    """Whether a part's own words (just before it) name a channel or outlet: 微信公众号2443条, 媒体上发布信息80条;
    with outlets_only, a secondary outlet only (not the website or a column of it)."""
    text, k = _in_sentence(f)
    near = text[max(0, k - 16):k] if k >= 0 else ""
    near = near[max(near.rfind(c) for c in ",，;；、") + 1:]
    if outlets_only:
        return names_outlet(near)
    markers = data.load("metrics.yaml")["markers"]
    return bool(lazyre.compile(markers["channel"]).search(near) or lazyre.compile(markers["channel_outlet"]).search(near))


def _opens_its_parts(f: Figure) -> bool:
    """Whether 其中 follows a figure right away (…174条,其中子目录中…): the counts after it are its parts."""
    text, k = _in_sentence(f)
    return k >= 0 and bool(_THEN_ITS_PARTS.match(text, k + len(f.raw)))


_THEN_ITS_PARTS = lazyre.compile(r"[ \t]*[,，:：]?[ \t]*其中")


def _bracketed_subpart(f: Figure) -> bool:
    """Whether a part stands inside brackets after 其中 (通知公告29条(其中行政处罚27条)) or right after a count
    (形势分析类20条(同时撤销2条)): a part of the part before it or an aside, not one more category of the total."""
    text, k = _in_sentence(f)
    if k < 0:
        return False
    opened = max(text.rfind("(", 0, k), text.rfind("（", 0, k))
    closed = max(text.rfind(")", 0, k), text.rfind("）", 0, k))
    # …形势分析类20条(同时撤销2条): a bracket right after a count is an aside about that count, whatever it says
    return opened > closed and ("其中" in text[opened:k] or bool(_COUNT_BEFORE.search(text, 0, opened)))


_COUNT_BEFORE = lazyre.compile(r"\d[ \t]*[条件篇期个项份]$")


def _outlet_before(f: Figure) -> bool:
    """Whether the words of a figure's sentence before it, back to the number before it, name a secondary outlet
    (通过网站、“某某医保”微信公众号,累计公布…; not the website or a column of it)."""
    return names_outlet(_own_words(f))


def _other_part(f: Figure) -> bool:
    """Whether a part counts "the rest" of the items (其他信息12条, 其它类3条): its list then claims to be complete.
    Not the other channels (通过其他形式公开600条): channels overlap and never sum to the total."""
    text, k = _in_sentence(f)
    # (行政许可、行政处罚和其他权力40条: "and other powers" closes one category's name, not the list)
    return k >= 0 and bool(lazyre.compile(rf"(?<![和及与])其[他它](?!{OTHER_WAYS})[^,，;；。、\d]{{0,8}}$")
                           .search(text[max(0, k - 10):k]))
