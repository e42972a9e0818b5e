"""Figures from prose: sentences written in the style of real reports, one case per row."""
from __future__ import annotations

import unicodedata

import pytest

from report_parser.extract import figures, resolve
from report_parser.model import PARAGRAPH, TABLE, Block, Document, Provenance
from report_parser.record import Report, Section


def make_doc(*lines: str, table_after: int | None = None) -> Document:
    """A Document of NFKC-normalised paragraphs (as the readers produce), page = line number."""
    blocks = []
    for i, line in enumerate(lines):
        t = unicodedata.normalize("NFKC", line)
        blocks.append(Block(PARAGRAPH, t, line, Provenance(page=i + 1, index=i)))
        if table_after == i:
            rows = [["信息内容", "本年处理决定数量"], ["行政许可", "550"]]
            blocks.append(Block(TABLE, "", "", Provenance(page=i + 1), rows=rows))
    return Document(path="mem.txt", sha256="", format="txt", blocks=blocks).finalise()


def run(*lines: str) -> Report:
    doc = make_doc(*lines)
    report = Report(source={"path": doc.path})
    report.figures = figures.extract(doc, [])
    resolve.resolve(report)
    return report


# text, metric, expected resolved value (None = must stay unresolved)
METRIC_CASES = [
    ("arabic", "2022年，我镇主动公开政府信息356条。", "active.items", "356"),
    ("thousands-separator", "全年共主动公开政府信息1,204条。", "active.items", "1204"),
    ("spaces-from-pdf", "2023 年，我区主动公开政府信息 1136 条。", "active.items", "1136"),
    ("chinese-numeral-incidents", "全年舆情处置四起，均及时回应。", "response.opinion_incidents", "4"),
    ("chinese-two", "主要领导人解读政策两次。", "response.policy_interpretations", "2"),
    ("chinese-eleven", "发布政策解读稿件十一篇。", "response.policy_interpretations", "11"),
    ("number-after-verb", "2011年共整理、发布26条主动公开政府信息。", "active.items", "26"),
    ("received", "本年度共收到政府信息公开申请37件，均按时答复。", "requests.received", "37"),
    ("received-guangdong", "全年收到申请3宗。", "requests.received", "3"),
    ("received-handled-vs-new", "共受理政府信息公开申请15件，其中新收到12件，结转上年度办理3件。", "requests.received", "12"),
    ("carry-over-in-breakdown", "共受理政府信息公开申请15件，其中新收到12件，结转上年度办理3件。", "requests.carry_over", "3"),
    ("completed", "办结政府信息公开申请20件，结转下年度继续办理2件。", "requests.completed", "20"),
    ("carry-forward", "办结政府信息公开申请20件，结转下年度继续办理2件。", "requests.carry_forward", "2"),
    ("category-is-not-a-request", "本年度共制作政府信息200条，其中主动公开180条，依申请公开20条。", "requests.received", None),
    ("category-gives-active", "本年度共制作政府信息200条，其中主动公开180条，依申请公开20条。", "active.items", "180"),
    ("review-and-litigation", "因政府信息公开被申请行政复议3件，被提起行政诉讼1件。", "review.total", "3"),
    ("litigation", "因政府信息公开被申请行政复议3件，被提起行政诉讼1件。", "litigation.total", "1"),
    ("review-outcome-is-not-total", "行政复议结果维持2件。", "review.total", None),
    ("fee-yuan", "全年收取信息处理费150元。", "fees.collected_yuan", "150"),
    ("fee-wan-yuan", "全年收取信息处理费0.5万元。", "fees.collected_yuan", "5000"),
    ("fee-bare-zero", "依申请公开收费为0。", "fees.collected_yuan", "0"),
    ("fee-bare-zero-full-stop", "依申请公开收费为0.", "fees.collected_yuan", "0"),
    ("number-broken-by-space", "收取信息处理费19 00元。", "fees.collected_yuan", None),
    # negative statements meaning zero
    ("neg-not-received", "2019年，我局未收到政府信息公开申请。", "requests.received", "0"),
    ("neg-not-received-public", "本年度我镇尚未收到公民、法人或其他组织提出的政府信息公开申请。", "requests.received", "0"),
    ("neg-none-on-request", "本年度无依申请公开事项。", "requests.received", "0"),
    ("neg-review", "本年度未发生因政府信息公开引起的行政复议、行政诉讼。", "review.total", "0"),
    ("neg-litigation", "本年度未发生因政府信息公开引起的行政复议、行政诉讼。", "litigation.total", "0"),
    ("neg-review-not-requests", "尚未有因政府信息公开而申请行政复议、提起诉讼的情况。", "requests.received", None),
    ("neg-review-applications", "未收到行政复议、提起行政诉讼的申请。", "requests.received", None),
    ("neg-both-zero", "行政复议、行政诉讼均为0。", "litigation.total", "0"),
    ("neg-none-caused", "本年度无因政府信息公开引起的行政复议和行政诉讼。", "review.total", "0"),
    ("neg-none-caused-litigation", "本年度无因政府信息公开引起的行政复议和行政诉讼。", "litigation.total", "0"),
    ("neg-none-short", "本年度无行政复议、行政诉讼。", "litigation.total", "0"),
    ("not-reviewed-label", "未经复议直接起诉的案件按规定办理。", "review.total", None),
    ("no-distinction-is-not-none", "实现无差别受理行政复议申请。", "review.total", None),
    ("neg-no-on-request-situation", "本年度我局无依申请公开情况。", "requests.received", "0"),
    ("neg-cases-zero", "行政复议、行政诉讼案件数为零。", "review.total", "0"),
    ("neg-review-zero-word", "本年度行政复议案件为零。", "review.total", "0"),
    ("received-on-request", "本年度共受理依申请公开12件。", "requests.received", "12"),
    ("received-person-times", "全年共收到政府信息公开申请35人次。", "requests.received", "35"),
    ("neg-fees", "未收取任何费用。", "fees.collected_yuan", "0"),
    ("neg-fees-no-charge", "2016年度，我办政府信息公开没有收费。", "fees.collected_yuan", "0"),
    ("neg-fees-processing-fee", "本年度未收取信息处理费。", "fees.collected_yuan", "0"),
    ("received-no-verb", "本年度政府信息公开申请共计5件，均已按期答复。", "requests.received", "5"),
    ("answered-is-not-received", "本年度答复政府信息公开申请共计5件。", "requests.received", None),
    ("review-application-is-not-a-request", "全年收到行政复议申请2件。", "requests.received", None),
    ("review-application", "全年收到涉及信息公开的行政复议申请2件。", "review.total", "2"),
    ("mixed-total-then-active-part", "全年共公开政府信息200条，其中主动公开180条，依申请公开20条。", "active.items", "180"),
    ("mailbox-letters-are-not-completed", "县长信箱共受理来信8件，已办结8件。", "requests.completed", None),
    ("completed-next-sentence", "本年度共受理政府信息公开申请4件。已办结4件。", "requests.completed", "4"),
    ("neg-opinion-incidents", "本年度未发生需要回应的重大舆情。", "response.opinion_incidents", "0"),
    ("count-before-carry-forward", "收到政府信息公开申请12件，已办结11件，另有1件结转至下年度办理。",
     "requests.carry_forward", "1"),
    ("handled-including-carry-over", "全年共受理政府信息公开申请45件(含上年结转3件)。", "requests.received", None),
    ("fee-amount", "共发出收费通知0件,实际收取金额0元。", "fees.collected_yuan", "0"),
    ("admin-fee-is-not-disclosure-fee", "全年收取行政事业性收费1200元。", "fees.collected_yuan", None),
    ("pushed-posts-are-a-channel", "在门户网站发布信息1500条，在微信公众号推送信息800条。", "active.items", None),
    ("new-and-cumulative", "本年度新增主动公开信息325条，累计主动公开信息5800条。", "active.items", "325"),
    ("new-and-cumulative-stock", "本年度新增主动公开信息325条，累计主动公开信息5800条。", "active.items_cumulative", "5800"),
    ("year-end-is-annual", "截至12月底，共主动公开政府信息856条。", "active.items", "856"),
    ("change-percent-after-total", "本年度共收到政府信息公开申请128件，较上年增长23.1%，其中网上申请96件。",
     "requests.received", "128"),
    ("review-cases", "本年度发生政府信息公开行政复议案件3件，行政诉讼案件2件。", "review.total", "3"),
    ("litigation-cases", "本年度发生政府信息公开行政复议案件3件，行政诉讼案件2件。", "litigation.total", "2"),
    ("neg-applicant-materials", "截至年底仍未收到申请人的补正材料。", "requests.received", None),
    ("neg-no-correction-is-not-zero-reviews", "本年度未发生行政复议被纠错的情况。", "review.total", None),
    ("neg-no-loss-is-not-zero-suits", "本年度未发生行政诉讼败诉案件。", "litigation.total", None),
    ("one-number-for-both-review", "本年度政府信息公开行政复议、行政诉讼各1件。", "review.total", "1"),
    ("one-number-for-both-litigation", "本年度政府信息公开行政复议、行政诉讼各1件。", "litigation.total", "1"),
    ("bare-review", "因政府信息公开被申请复议2件。", "review.total", "2"),
    ("responding-to-suits", "全年信息公开行政应诉案件1件。", "litigation.total", "1"),
    ("active-with-de", "全年主动公开的政府信息3,456条。", "active.items", "3456"),
    ("active-entries", "主动公开信息条目128条。", "active.items", "128"),
    ("respectively-review", "本年度因信息公开引起的行政复议和行政诉讼分别为2件和1件。", "review.total", "2"),
    ("respectively-litigation", "本年度因信息公开引起的行政复议和行政诉讼分别为2件和1件。", "litigation.total", "1"),
    ("respectively-requests", "全年收到申请、办结申请分别为12件、11件。", "requests.completed", "11"),
    ("respectively-parts-stay-parts", "收到申请20件，其中自然人、法人分别为15件、5件。", "requests.received", "20"),
    ("postponed-is-carry-forward", "答复申请10件，顺延至下一年答复2件。", "requests.carry_forward", "2"),
    # false friends
    ("false-friend-no-good-reason", "对无正当理由大量反复申请的，依法不予处理。", "requests.received", None),
    ("false-friend-unable", "对无法提供的申请，均告知申请人理由。", "requests.received", None),
    # qualifiers and rounding: kept as figures, never resolved
    ("approx-yu", "全年主动公开政府信息180余条。", "active.items", None),
    ("approx-duo", "主动公开政府信息1600多条。", "active.items", None),
    ("approx-wan", "全市主动公开政府信息26.8万条。", "active.items", None),
    ("approx-jin", "收到政府信息公开申请近百件。", "requests.received", None),
    # cumulative vs annual
    ("cumulative", "截至2020年底，累计主动公开政府信息5230条。", "active.items_cumulative", "5230"),
    ("cumulative-is-not-annual", "截至2020年底，累计主动公开政府信息5230条。", "active.items", None),
    ("cumulative-since", "自《条例》施行以来，历年累计公开政府信息8000条。", "active.items_cumulative", "8000"),
    ("annual-cumulative-phrase", "截至2015年12月31日，全年累计主动公开政府信息的数量120条。", "active.items", "120"),
    ("to-date", "截至目前共发布592条信息，2019年公开政府信息60条。", "active.items", "60"),
    ("to-date-cumulative", "截至目前共发布592条信息，2019年公开政府信息60条。", "active.items_cumulative", "592"),
    # changes are not stocks
    ("change-count", "收到申请30件，较去年增加5件。", "requests.received", "30"),
    ("change-only", "申请数量较去年增加5件。", "requests.received", None),
    # channels
    ("two-channels-no-total", "通过政府网站公开信息100条，通过微信公众号公开信息60条。", "active.items", None),
    ("channels-and-total", "通过政府网站主动公开信息100条，通过微信公众号主动公开信息60条。全年主动公开政府信息160条。",
     "active.items", "160"),
    ("single-channel", "全年通过门户网站主动公开政府信息95条。", "active.items", "95"),
    ("breakdown-does-not-compete",
     "全年主动公开政府信息120条，其中通过网站公开80条，通过政务新媒体公开40条。", "active.items", "120"),
    ("colon-breakdown", "全年主动公开政府信息总数171条：政务动态34条，通知公告4条。", "active.items", "171"),
    ("documents-are-not-items", "我镇共制发公文64件，通过信息公开目录主动公开24件。", "active.items", None),
    ("mixed-total-vetoed", "全年主动和依申请公开信息2394条。", "active.items", None),
    # two different counts for one metric: ambiguous, not guessed
    ("two-interpretation-counts", "全年制发解读材料30篇，开展多元化解读12次。", "response.policy_interpretations", None),
    ("unit-lost-competes", "全年制发解读材料30篇，多元化解读12", "response.policy_interpretations", None),
    ("not-a-request-mailbox", "全年县长信箱共受理群众来信45件。", "requests.received", None),
    # requests: more ways of saying it, and what is not a disclosure request
    ("number-before-request-noun", "全年共收到7件信息公开申请。", "requests.received", "7"),
    ("number-before-request-noun-fen", "全年收到3份依申请公开请求。", "requests.received", "3"),
    ("object-before-verb", "全年依申请公开共受理9件，均按时答复。", "requests.received", "9"),
    ("received-on-request-info", "本局收到依申请信息公开4件。", "requests.received", "4"),
    ("received-on-request-matters", "共收到群众依申请公开事项16件。", "requests.received", "16"),
    ("received-request-for", "全年收到申请公开政府信息的要求8件。", "requests.received", "8"),
    ("received-application-cases", "全年受理信息公开申请案件6件。", "requests.received", "6"),
    ("new-on-request", "本年新收依申请公开申请2件。", "requests.received", "2"),
    ("application-times", "本年度收到依申请公开政府信息申请21件次。", "requests.received", "21"),
    ("service-hall-is-not-disclosure", "政务服务中心全年受理审批服务事项申请3200件。", "requests.received", None),
    ("service-hall-items", "全年共受理各类办件申请580件。", "requests.received", None),
    ("handled-on-request-info", "本年度办理依申请公开信息共9件。", "requests.received", None),
    # review and litigation
    ("review-items", "因信息公开被申请行政复议2项。", "review.total", "2"),
    ("review-not-about-disclosure", "全年办理行政复议案件25件，行政应诉案件8件。", "review.total", None),
    ("fee-not-about-disclosure", "全年收取污水处理费1200元。", "fees.collected_yuan", None),
    ("pending-review-is-a-part", "因信息公开被申请行政复议4件，其中维持2件，正在复议2件。", "review.total", "4"),
    ("litigation-de-cases", "因信息公开被提起行政诉讼的案件共3件。", "litigation.total", "3"),
    ("new-and-carried-suits-are-ambiguous", "信息公开新增起诉案件2件，尚在审理；上年结转起诉案件1件。", "litigation.total", None),
    # zero and "none" statements
    ("neg-no-occurrence-of-requests", "本年度未发生政府信息公开申请。", "requests.received", "0"),
    ("neg-cut-off-noun", "本年度未发生依申请", "requests.received", None),
    ("neg-cause-is-not-the-event", "本年度未发生因依申请公开答复不当引起的投诉。", "requests.received", None),
    ("neg-not-yet-requests", "目前暂未收到依申请公开请求。", "requests.received", "0"),
    ("neg-spoken-mei-requests", "我局2016年没收到政府信息公开申请。", "requests.received", "0"),
    ("neg-spoken-mei-other-applications", "我局2016年没收到行政许可申请。", "requests.received", None),
    ("neg-bu-cunzai-review", "不存在因申请政府信息公开引起的行政复议和行政诉讼等情况。", "review.total", "0"),
    ("neg-bu-cunzai-litigation", "不存在因申请政府信息公开引起的行政复议和行政诉讼等情况。", "litigation.total", "0"),
    ("review-counted-in-tiao", "无单位或个人申请政府信息公开,行政复议0条,行政诉讼0条。", "review.total", "0"),
    ("litigation-counted-in-tiao", "无单位或个人申请政府信息公开,行政复议0条,行政诉讼0条。", "litigation.total", "0"),
    ("neg-requests-and-reviews-together", "2022年,我局未收到政府信息公开申请及行政复议、行政诉讼等相关申请。",
     "requests.received", "0"),
    ("neg-review-applications-only", "未收到申请行政复议。", "requests.received", None),
    ("neg-bu-sheji-review", "本年度我局未产生收费,也不涉及行政复议和行政诉讼。", "review.total", "0"),
    ("requests-as-disclosure-requests", "本年度我局收到信息公开请求1件。", "requests.received", "1"),
    ("neg-wu-before-the-verb", "本年度无收到和处理政府信息公开申请情况。", "requests.received", "0"),
    ("neg-wu-accepted-none", "我乡无受理政府信息公开申请件。", "requests.received", "0"),
    ("neg-wu-review-applications-are-not-requests", "本年度无受理行政复议申请。", "requests.received", None),
    # a table's labels run together on a flattened page: 没有 + a noun is no none-statement
    ("neg-flattened-table-labels", "2.没有现成信息需要另行制作3.补正后申请内容仍不明确", "requests.received", None),
    ("zero-after-request-label", "本年度政府信息公开申请数量为0。", "requests.received", "0"),
    ("zero-word-after-request-label", "全年信息公开申请均为零。", "requests.received", "0"),
    ("zero-after-review-application", "行政复议申请为0。", "requests.received", None),
    ("neg-zero-word-on-request", "本年度依申请公开办理事项为零。", "requests.received", "0"),
    ("neg-none-applications-for-review", "全年无政府信息公开申请引起的行政复议和行政诉讼。", "review.total", "0"),
    ("neg-none-applications-for-review-not-requests", "全年无政府信息公开申请引起的行政复议和行政诉讼。",
     "requests.received", None),
    ("neg-not-caused", "本年度未因信息公开工作引起行政复议和行政诉讼。", "litigation.total", "0"),
    ("neg-not-one-case", "本年度无一例因信息公开提起的行政复议。", "review.total", "0"),
    ("neg-court", "无法院受理涉及本单位信息公开的行政诉讼案件。", "litigation.total", "0"),
    ("neg-fees-words-between", "本单位未向申请人收取任何费用。", "fees.collected_yuan", "0"),
    ("neg-fees-no-items", "本办未设立任何信息公开收费项目。", "fees.collected_yuan", "0"),
    ("neg-fees-zero-word", "本年度政府信息公开收费及减免为零。", "fees.collected_yuan", "0"),
    ("admin-fee-items-are-not-disclosure-fees", "本年度无行政事业性收费项目。", "fees.collected_yuan", None),
    ("no-overcharging-is-not-zero", "未发现违规收取费用的情况。", "fees.collected_yuan", None),
    # policy interpretations: mixed categories are neither metric
    ("interpretation-of-titles", "解读《甲条例》《乙办法》等政策信息6条。", "response.policy_interpretations", "6"),
    ("interpretation-and-response-mixed", "其中解读回应信息40条。", "response.policy_interpretations", None),
    ("interpretation-and-response-mixed-2", "其中解读回应信息40条。", "response.opinion_incidents", None),
    ("class-named-after-interpretation", "公开规章、政策解读等法规类信息88条。", "response.policy_interpretations",
     None),
    ("list-ending-in-interpretation", "发布征求意见、决策草案、决策解读等12件。", "response.policy_interpretations", None),
    ("postings-are-not-items", "全年各专栏发布信息560条次。", "active.items", None),
    # proactive total vs parts: channels, outlets, categories, sub-units
    ("channel-in-an-earlier-clause", "依托市政务公开平台，本局2022年主动公开政府信息共80条。"
     "通过门户网站公开信息120条。", "active.items", None),
    ("several-channels-make-a-total", "2021年，通过门户网站、政务微博、政务微信等渠道主动公开政府信息1500条，"
     "在门户网站主动公开600条。", "active.items", "1500"),
    ("all-platforms-make-a-total", "全年通过各类平台主动公开政府信息共计230条。", "active.items", "230"),
    ("bulletin-board-alone-is-a-part", "村务公开栏公开信息每月更新2次，全年共公开信息90条。", "active.items", None),
    ("wechat-alone-is-a-part", "“某某发布”微信公众号全年推送发布信息75条。", "active.items", None),
    ("website-alone-is-the-total", "全年在县政府网站公开信息64条。", "active.items", "64"),
    ("website-beside-an-approximate-total", "全年主动公开政府信息20余万条。在县政府网站公开信息1640条。",
     "active.items", None),
    ("several-channels-in-the-clause", "通过县政府网站及官方微博微信等主动公开政府信息2520条，其中微博1300条。",
     "active.items", "2520"),
    ("website-and-wechat-no-total", "全年在县政府网站公开信息64条。在政务微信公众号发布信息30条。", "active.items", None),
    ("later-counts-are-parts", "2020年，本镇累计主动公开政府信息150条，通过门户网站公开信息120条，政务微博公开信息20条，"
     "公示栏公开信息10条。", "active.items", "150"),
    # the only proactive figure, a channel's, is left blank when its own category parts add up to more
    ("category-parts-exceed-the-total", "通过网站公开信息200条，内容包括工作动态150条、政策文件30条、其他信息25条。",
     "active.items", None),
    ("category-parts-add-up", "通过网站公开信息205条，内容包括工作动态150条、政策文件30条、其他信息25条。",
     "active.items", "205"),
    ("overlapping-channels-keep-the-total", "全年共主动公开信息300条。通过门户网站公开信息220条，通过政务微信公众号公开"
     "信息110条。", "active.items", "300"),
    ("category-of-an-unnamed-total", "本局网站专栏发布的信息有40条，其中：机构类信息12条，"
     "业务公开信息25条。", "active.items", None),
    ("enumerated-item-is-a-part", "全年主动公开政府信息106条。三是集中代公开信息30条。", "active.items", "106"),
    ("enumerated-total-stays-a-total", "一是强化重点领域公开，全年通过网站、微信等平台公开政府信息共计480条。",
     "active.items", "480"),
    ("withheld-is-not-disclosed", "全年不予公开政府信息5条。", "active.items", None),
    ("subunit-is-a-part", "全县各乡镇共主动公开政府信息1200条。", "active.items", None),
    ("subunit-beside-total", "县直部门主动公开政府信息800条。全年全县主动公开政府信息2300条。", "active.items", "2300"),
    ("whole-area-is-the-total", "全县各级各部门共主动公开政府信息2300条。", "active.items", "2300"),
    ("gazette-is-a-channel-part", "全年主动公开政府信息500条，其中市本级300条、区县200条，通过政府公报公开40条。",
     "active.items", "500"),
    ("peers-of-a-list-have-no-total", "制发文字解读材料12件、图片解读8件、视频解读3件。",
     "response.policy_interpretations", None),
    ("column-count-is-a-part", "网站动态栏目有工作动态50条、政策解读6条。", "response.policy_interpretations", None),
    # annual vs cumulative
    ("year-then-cumulative-is-annual", "2022年，全乡累计主动公开信息310条。", "active.items", "310"),
    ("year-then-cumulative-is-not-stock", "2022年，全乡累计主动公开信息310条。", "active.items_cumulative", None),
    ("year-in-an-earlier-clause", "2024年，本局坚持依法公开，在政务公开网主动公开政府信息累计58条，其中工作动态40条。",
     "active.items", "58"),
    ("year-end-to-date", "截至2021年底，累计主动公开政府信息4200条。", "active.items", None),
    ("year-end-to-date-stock", "截至2021年底，累计主动公开政府信息4200条。", "active.items_cumulative", "4200"),
    ("since-a-year-is-to-date", "自2008年以来累计主动公开政府信息9100条。", "active.items", None),
    # a list of parts opened inside parentheses ends with them
    ("parenthesised-parts-end", "公开人大建议办理复文3条(包括对第十二号建议的答复),收到依申请公开0条。",
     "requests.received", "0"),
]


@pytest.mark.parametrize("text,metric,expected", [c[1:] for c in METRIC_CASES], ids=[c[0] for c in METRIC_CASES])
def test_prose_resolves_metric(text, metric, expected):
    assert run(text).metrics[metric] == expected


NO_FIGURE = [
    ("phone-postcode", "联系电话：0871-12345678，邮编：650000，地址：红塔大道90号。"),
    ("document-numbers", "根据国令第711号和云政办函〔2019〕12号文件要求。"),
    ("article-reference", "按照《条例》第十五条、第20条规定执行。"),
    ("dates", "统计期限为2021年1月1日至2021年12月31日，于3月31日前发布。"),
    ("url", "网址http://www.example.gov.cn/2021/123.html。"),
    ("zero-distance", "打造零距离服务，实现群众零差评。"),
    ("together", "与群众一起研究，一次性告知所需材料。"),
    ("enumeration", "一是加强领导；二是完善制度；三是强化监督。"),
]


@pytest.mark.parametrize("text", [c[1] for c in NO_FIGURE], ids=[c[0] for c in NO_FIGURE])
def test_non_figures_give_no_figure(text):
    assert run(text).figures == []


def test_figure_has_exact_value_raw_unit_sentence_page_and_span():
    doc = make_doc("一、概述", "2020年，我镇主动公开政府信息26.8万条。全年收到申请3件。")
    figs = figures.extract(doc, [])
    f = figs[0]
    assert (f.value, f.raw, f.unit, f.scale, f.metric) == ("268000", "26.8万条", "条", "万", "active.items")
    assert f.page == 2 and doc.text[f.span[0]:f.span[1]] == "26.8万条"
    assert f.text == "2020年,我镇主动公开政府信息26.8万条"
    assert figs[1].text == "全年收到申请3件"


def test_breakdown_is_linked_to_its_total_across_a_sentence_break():
    figs = figures.extract(make_doc("全年主动公开政府信息438条。其中，政务动态346条，政策解读2条。"), [])
    assert [(f.value, f.kind, f.parent) for f in figs] == [("438", "annual", None), ("346", "breakdown", 0),
                                                           ("2", "breakdown", 0)]


def test_excluding_is_not_a_breakdown():
    figs = figures.extract(make_doc("主动公开信息300条(不含依申请公开10条),收到申请5件。"), [])
    assert [f.parent for f in figs] == [None, None, None]


def test_parenthesised_kinds_do_not_open_a_breakdown():
    figs = figures.extract(make_doc("最新公开信息专栏公开346条(含财政预决算、会议信息等),重点领域专栏公开11条。"), [])
    assert [f.parent for f in figs] == [None, None]


def test_year_on_year_change_and_share_have_kinds_and_no_metric():
    figs = figures.extract(make_doc("全年公开政府信息9958条，较上年增长7.5%，办结率100%，较去年增加15件。"), [])
    assert [(f.value, f.kind, f.metric) for f in figs] == [
        ("9958", "annual", "active.items"), ("7.5", "change", None), ("100", "share", None), ("15", "change", None)]


def test_negation_figure_is_zero_with_the_phrase_as_raw():
    figs = figures.extract(make_doc("2017年，我镇未收到相关申请。"), [])
    assert len(figs) == 1
    f = figs[0]
    assert (f.metric, f.value, f.negation, f.raw) == ("requests.received", "0", True, "未收到相关申请")


def test_the_review_section_gives_the_disclosure_context():
    doc = make_doc("五、复议、诉讼和申诉情况", "全年被申请行政复议2件。")
    sections = [Section("review_litigation", "五、复议、诉讼和申诉情况", 1, 0, len(doc.text))]
    assert [f.metric for f in figures.extract(doc, sections)] == ["review.total"]
    assert [f.metric for f in figures.extract(doc, [])] == [None]


def test_section_key_comes_from_the_enclosing_section():
    doc = make_doc("一、概述", "全年收到申请3件。", "二、主动公开政府信息情况", "主动公开政府信息40条。")
    cut = doc.blocks[2].start
    sections = [Section("overview", "一、概述", 1, 0, cut), Section("active", "二、主动公开", 3, cut, len(doc.text))]
    assert [f.section for f in figures.extract(doc, sections)] == ["overview", "active"]


@pytest.mark.parametrize("line", [
    "行政复议 | 2件 | 行政诉讼 | 1件 |",
    "本年新收政府信息公开申请数量 5 0 0 0 0 0 5",
    "收取信息处理费 | 0 | 0 |",
], ids=["pipe-cells", "space-separated-row", "fee-cells"])
def test_table_text_in_prose_gives_no_figure(line):
    assert run(line).figures == []


@pytest.mark.parametrize("text", ["六、政府支出与收费 1、工作人员情况", "收费情况 2. 减免情况"],
                         ids=["list-number-after-fee-heading", "dotted-list-number"])
def test_a_list_number_is_not_a_figure(text):
    r = run(text)
    assert r.figures == [] and r.metrics["fees.collected_yuan"] is None


def test_a_cell_per_line_gives_no_figure():
    assert run("一、本年新收政府信息公开申请数量", "12", "0 |").figures == []


def test_channel_counts_after_a_total_are_its_channel_parts():
    figs = figures.extract(make_doc("2020年，本局累计主动公开政府信息150条，通过门户网站公开信息120条，通过政务微博公开信息30条。"), [])
    assert [(f.value, f.kind, f.parent) for f in figs] == [("150", "annual", None), ("120", "channel", 0),
                                                           ("30", "channel", 0)]


def test_tables_and_excluded_spans_are_skipped():
    doc = make_doc("主动公开政府信息40条。", "第二十条 | 规章 | 5 | 3件", table_after=0)
    span = (doc.blocks[2].start, doc.blocks[2].end)
    figs = figures.extract(doc, [], exclude=[span])
    assert [f.value for f in figs] == ["40"]


@pytest.mark.parametrize("text,value", [
    ("按时答复率达到百分之九十。", "90"),
    ("群众满意率为百分之百。", "100"),
    ("按期办结率百分之 98.5。", "98.5"),
], ids=["chinese-numeral", "one-hundred", "arabic-after-a-space"])
def test_percent_in_words_is_a_share(text, value):
    figs = figures.extract(make_doc(text), [])
    assert [(f.value, f.kind, f.metric) for f in figs] == [(value, "share", None)]


@pytest.mark.xfail(strict=True, reason="免费提供 is ambiguous (free gazettes vs no fee charged) and is not read as fees 0")
def test_free_of_charge_means_no_fee():
    assert run("依申请公开的政府信息均免费提供。").metrics["fees.collected_yuan"] == "0"


def test_a_sentence_without_punctuation_is_quoted_as_a_window_around_each_number():
    figs = figures.extract(make_doc("收到申请3件和" * 500), [])
    assert len(figs) == 500
    assert all(len(f.text) <= figures.SENTENCE_MAX + 10 and f.raw in f.text for f in figs)


def test_pages_come_from_the_block_holding_the_number():
    doc = make_doc(*["全年收到申请3件。"] * 5)
    assert [f.page for f in figures.extract(doc, [])] == [1, 2, 3, 4, 5]
