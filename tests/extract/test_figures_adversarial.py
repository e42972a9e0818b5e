"""Adversarial sentences for the core metrics: phrasings written to make a rule misfire.

Every sentence is invented for this table (townships, counties, departments, cities; full- and
half-width punctuation). The expected value is what a researcher should get from that sentence
alone; None means the metric must stay blank (a part, another year, an approximation, another kind
of count, or two readings).
"""
from __future__ import annotations

import pytest

from test_figures import run

A, R, V, L = "active.items", "requests.received", "review.total", "litigation.total"
F, P, O = "fees.collected_yuan", "response.policy_interpretations", "response.opinion_incidents"

CASES = [
    # --- channels and outlets: one outlet's count is never the year's total
    ("weibo-alone", "本镇政务微博全年发布信息220条。", A, None),
    ("two-weibo-one-app", "通过“两微一端”发布各类信息340条。", A, None),
    ("press-conference", "全年通过新闻发布会发布信息45条。", A, None),
    ("gazette-documents", "全年在《区政府公报》刊登信息12条。", A, None),
    ("bulletin-board", "村务公开栏张贴公开信息45条。", A, None),
    ("new-media-platform", "政务新媒体平台发布信息1,320条。", A, None),
    ("website-and-wechat", "我局在市政府门户网站主动公开政府信息96条，在局微信公众号发布信息210条。", A, None),
    ("website-lone-county", "2023年，县政府门户网站主动公开政府信息1,846条。", A, "1846"),
    ("multi-channel-total", "全年通过网站、微博、微信、公开栏等载体主动公开政府信息602条。", A, "602"),
    # --- sub-units and the area: a part is not the body's total
    ("townships-streets", "各乡镇(街道)共公开信息3500条。", A, None),
    ("area-total-then-office", "全县共主动公开政府信息8600条，其中县政府办公室公开420条。", A, "8600"),
    ("subordinate-units", "下属单位发布政府信息150条。", A, None),
    ("bureau-units", "局属各单位共主动公开信息500条。", A, None),
    ("department-own-count", "本局主动公开政府信息312条。", A, "312"),
    ("city-area-rounded-then-own", "全市各级行政机关主动公开政府信息5.6万条。本局主动公开政府信息312条。", A, "312"),
    # --- categories: one kind of information is not the year's total
    ("category-planning", "主动公开规划类信息8条。", A, None),
    ("category-personnel", "主动公开人事信息12条。", A, None),
    ("category-budget", "公开财政预决算信息36条。", A, None),
    ("category-on-request", "主动公开类信息120条，依申请公开类信息6条。", R, None),
    ("interpretation-part-of-total", "主动公开政府信息1,234条，其中政策文件56条，政策解读8条。", P, "8"),
    ("interpretation-part-total-stays", "主动公开政府信息1,234条，其中政策文件56条，政策解读8条。", A, "1234"),
    ("interpretation-column-is-an-outlet", "在网站开设政策解读栏目，发布信息30条。", P, None),
    # --- other years and other periods
    ("last-year-then-this-year", "上年度收到政府信息公开申请15件，本年度收到20件。", R, None),
    ("last-and-this-year-active", "去年主动公开政府信息300条，今年主动公开政府信息450条。", A, "450"),
    ("growth-after-total", "全年主动公开信息1,250条，同比增长15%。", A, "1250"),
    ("more-than-a-year", "主动公开信息比上年多40条。", A, None),
    ("quarter", "一季度主动公开政府信息56条。", A, None),
    ("half-year-requests", "上半年收到政府信息公开申请5件。", R, None),
    ("per-month", "每月发布政府信息30条。", A, None),
    ("daily-average", "平均每天发布政府信息10条。", A, None),
    ("two-years-disagree", "2020年收到政府信息公开申请12件，2021年收到政府信息公开申请18件。", R, None),
    # --- approximate values and ranges
    ("about", "主动公开信息约300条。", A, None),
    ("nearly", "全年主动公开政府信息近200条。", A, None),
    ("or-so", "全年主动公开政府信息300条左右。", A, None),
    ("ten-thousand-plus", "主动公开政府信息1万余条。", A, None),
    ("chinese-plus", "收到政府信息公开申请二十余件。", R, None),
    ("range-to", "每年收到政府信息公开申请10至15件。", R, None),
    ("range-dash", "全年主动公开政府信息200-300条。", A, None),
    ("over", "全年主动公开政府信息超过500条。", A, None),
    # --- percentages and rates
    ("completion-rate", "政府信息公开申请按时办结率100%。", R, None),
    ("share-of-items", "主动公开信息占全部信息的85%。", A, None),
    # --- counts of other things in the same units
    ("hotline-tickets", "全年受理12345热线工单3,200件。", R, None),
    ("proposals", "办理人大代表建议和政协提案25件。", R, None),
    ("consultations", "受理政府信息公开咨询48次。", R, None),
    ("requests-and-consultations", "受理政府信息公开申请及咨询共60件。", R, None),
    ("letters-and-calls", "收到群众来信来电90件。", R, None),
    ("petitions", "共受理信访件32件。", R, None),
    ("catalogue-entries", "编制依申请公开目录条目120条。", R, None),
    ("submitted-info", "向上级报送政务信息85条。", A, None),
    ("catalogue-updated", "更新政府信息公开目录1500条。", A, None),
    ("monitored-opinion", "全年监测网络舆情信息560条。", O, None),
    ("interpretation-training", "组织政策解读培训3次。", P, None),
    ("interpretation-clicks", "政策解读栏目点击量1.2万次。", P, None),
    ("hot-topic-responses", "全年回应公众关注热点3次。", O, "3"),
    ("leader-interprets", "主要负责人解读重要政策3次。", P, "3"),
    # --- numbers that are not counts
    ("index-number", "索引号：11330100002493000X/2021-00012。", A, None),
    ("phone-spaces", "监督电话：0571-8888 6666。", R, None),
    ("doc-number-fullwidth", "根据杭政办〔2021〕5号文件，收到政府信息公开申请3件。", R, "3"),
    ("time-of-day", "于14:30召开会议，收到政府信息公开申请3件。", R, "3"),
    # --- cumulative vs annual
    ("since-regulation", "自2008年《条例》实施以来，共受理依申请公开22件。", R, None),
    ("within-year-cumulative", "年度内累计收到政府信息公开申请14件。", R, "14"),
    ("to-date-requests", "截至目前，累计受理政府信息公开申请96件。", R, None),
    ("over-the-years", "历年来共收到政府信息公开申请45件。", R, None),
    ("since-the-site-opened", "网站开通以来共发布政府信息12000条。", A, None),
    ("since-opened-stock", "自网站开通以来，共发布政府信息12000条。", "active.items_cumulative", "12000"),
    # --- fees
    ("copy-fee", "对依申请公开收取复制费用共计60元。", F, "60"),
    ("fee-waived", "依申请公开减免费用30元。", F, None),
    ("fee-due-then-waived", "依申请公开应收费用100元，实际全部减免。", F, None),
    ("work-budget", "全年信息公开工作经费5万元。", F, None),
    ("fee-standard", "收取信息处理费标准为每件100元。", F, None),
    # --- review and litigation: only those about disclosure
    ("review-caseload-part", "全年办理行政复议案件36件，其中涉及政府信息公开的3件。", V, None),
    ("court-caseload", "深入推进政务公开。全县法院受理行政诉讼案件120件。", L, None),
    ("review-zero-each", "因政府信息公开引起的行政复议0件，行政诉讼0件。", V, "0"),
    ("litigation-zero-each", "因政府信息公开引起的行政复议0件，行政诉讼0件。", L, "0"),
    # --- zero and none, and their false friends
    ("none-not-one", "全年没有收到一件政府信息公开申请。", R, "0"),
    ("nobody-applied", "本年度无人提出政府信息公开申请。", R, "0"),
    ("on-request-zero", "本年度依申请公开为零。", R, "0"),
    ("not-reviewed-not-sued-review", "本机关未被申请行政复议，未被提起行政诉讼。", V, "0"),
    ("not-reviewed-not-sued-litigation", "本机关未被申请行政复议，未被提起行政诉讼。", L, "0"),
    ("review-colon-none", "行政复议：无；行政诉讼：无。", V, "0"),
    ("litigation-colon-none", "行政复议：无；行政诉讼：无。", L, "0"),
    ("no-fee-charged", "办理政府信息公开申请不收取任何费用。", F, "0"),
    ("applicant-feedback", "截至发稿未收到申请人反馈意见。", R, None),
    ("no-opinion-event", "全年没有出现涉及本单位的负面舆情。", O, "0"),
    ("review-then-revoked", "未发生因政府信息公开引发的行政复议被撤销的情况。", V, None),
    ("unauthorised-fee", "严禁擅自收取费用。", F, None),
    ("no-requests-over-10-days", "没有超过20个工作日答复的申请。", R, None),
    ("no-unanswered", "无逾期未答复的政府信息公开申请。", R, None),
]


# Second table: plans and targets, breakdown order, scope words, and more wording of the same facts.
MORE_CASES = [
    # plans, targets and requirements are not what happened
    ("target-at-least", "力争全年主动公开政府信息不少于500条。", A, None),
    ("requirement-per-unit", "要求各单位每月至少发布信息4条。", A, None),
    ("planned-interpretations", "下一步计划开展政策解读10次。", P, None),
    ("goal", "目标是全年发布政策解读稿件20篇。", P, None),
    # totals, parts and their order
    ("online-part-of-received", "全年收到政府信息公开申请12件，其中网上申请8件，当面申请4件。", R, "12"),
    ("peers-of-request-forms", "当面申请2件、网络申请5件、信函申请1件。", R, None),
    ("received-carried-handled", "全年收到政府信息公开申请8件，上年结转2件，共计处理10件。", R, "8"),
    ("handled-on-request", "全年办理依申请公开10件。", R, None),
    ("total-after-parts", "通过网站公开信息80条，通过微信公开信息40条，合计主动公开政府信息120条。", A, "120"),
    ("parts-then-larger-unrelated", "各科室报送信息80条，全年共主动公开政府信息120条。", A, "120"),
    ("last-year-value-in-brackets", "全年主动公开政府信息300条(上年为250条)。", A, "300"),
    ("compared-with-last-year-figure", "主动公开政府信息300条，较上年的250条有所增加。", A, "300"),
    ("increase-then-reach", "主动公开信息同比增加了100条，达到350条。", A, None),
    # scope of the count
    ("township-own", "全镇共主动公开政府信息156条。", A, "156"),
    ("village-level", "各村(社区)公开村务信息320条。", A, None),
    ("county-wide-requests", "全县各级行政机关共收到政府信息公开申请200件。", R, "200"),
    # review and litigation wording
    ("review-decision-document", "收到行政复议决定书1份。", V, None),
    ("review-rate", "行政复议纠错率为0%。", V, None),
    ("review-applied-by-citizens", "因政府信息公开被公民申请行政复议的案件1件。", V, "1"),
    ("litigation-lost", "因政府信息公开被诉败诉1件。", L, None),
    ("review-and-litigation-both-none", "本年度没有因政府信息公开被申请行政复议或提起行政诉讼。", L, "0"),
    # interpretations and opinion
    ("interpretations-by-form-no-total", "制发图文解读5篇，视频解读2篇，专家解读1篇。", P, None),
    ("interpretation-total-then-forms", "全年发布政策解读12篇，其中图文解读5篇，视频解读2篇。", P, "12"),
    ("responses-to-concerns", "回应社会关切问题15个。", O, "15"),
    ("opinion-reported", "向上级报送舆情信息6条。", O, None),
    # fees
    ("fee-zero-yuan", "全年收取信息公开费用0元。", F, "0"),
    ("fee-yuan-fullwidth", "本年度共收取检索复制费（依申请公开）１２０元。", F, "120"),
    ("fee-due-waived-comma", "应收取信息处理费200元，全部予以减免。", F, None),
    # zeros and false friends
    ("no-applications-received-this-year", "我乡本年度未收到一份政府信息公开申请。", R, "0"),
    ("not-one-review", "未发生一起因政府信息公开引发的行政复议案件。", V, "0"),
    ("none-applied-for-review", "没有人因政府信息公开申请行政复议。", R, None),
    ("no-violation-fees", "没有发生违规收费行为。", F, None),
    ("zero-complaints-not-requests", "全年未收到关于政府信息公开的投诉举报。", R, None),
    ("no-opinion-incidents-long", "全年未出现因政府信息公开不及时引发的舆情事件。", O, "0"),
]


def run_year(text: str, year: int):
    """Figures and metrics of one sentence in a report of a known year (as the pipeline passes it)."""
    from report_parser.extract import figures, resolve
    from report_parser.record import Report
    from test_figures import make_doc

    report = Report(source={"path": "mem.txt"})
    report.figures = figures.extract(make_doc(text), [], year=year)
    resolve.resolve(report)
    return report


YEAR_CASES = [
    ("earlier-year-then-report-year", "2020年收到政府信息公开申请12件，2021年收到政府信息公开申请18件。", 2021, R, "18"),
    ("report-year-then-earlier-year", "2021年收到政府信息公开申请18件，2020年收到政府信息公开申请12件。", 2021, R, "18"),
    ("other-year-only", "2019年主动公开政府信息260条。", 2021, A, None),
    ("since-the-report-year", "2022年以来，本局主动公开政府信息140条。", 2022, A, "140"),
    ("since-an-earlier-year", "2015年以来，本局主动公开政府信息1400条。", 2022, A, None),
    ("year-end-of-report-year", "截至2022年底，全年主动公开政府信息140条。", 2022, A, "140"),
    ("unknown-year-keeps-the-count", "2019年主动公开政府信息260条。", None, A, "260"),
    ("year-in-a-title", "2022年，按照《2021年政务公开工作要点》要求，主动公开政府信息300条。", 2022, A, "300"),
    ("year-in-a-date-range", "2022年1月1日至2022年12月31日，主动公开政府信息300条。", 2022, A, "300"),
    # the report year's first month to now is the year so far; an earlier year's is a stock
    ("from-january-of-the-report-year", "2015年1月至今,通过政府门户网站主动公开信息318条,政策法规类9条。", 2015, A, "318"),
    ("from-january-first-of-the-report-year", "2015年1月1日以来,本局主动公开政府信息96条。", 2015, A, "96"),
    ("from-january-of-an-earlier-year", "2012年1月至今,通过政府门户网站主动公开信息1318条。", 2015, A, None),
    # (the date in the same clause as the count, no comma between)
    ("from-january-of-the-report-year-same-clause", "自2019年1月份以来我办共计发布各类信息共208条。", 2019, A, "208"),
    ("from-january-of-an-earlier-year-same-clause", "自2016年1月份以来我办共计发布各类信息共208条。", 2019, A, None),
    # a stock's part that says only "this year's" or "new" is the year's count; any other part is one kind of the stock
    ("stock-and-its-new-part", "截至2016年底,本镇累计主动公开政府信息87条,其中新增23条。", 2016, A, "23"),
    ("stock-and-its-report-year-part", "截至2016年底,本镇累计主动公开政府信息87条,其中2016年公开23条。", 2016, A, "23"),
    ("stock-and-another-years-part", "截至2016年底,本镇累计主动公开政府信息87条,其中2015年公开23条。", 2016, A, None),
    ("stock-and-its-website-part", "截止2016年12月末,累计主动公开政府信息的数量为264条,其中,网上公开信息的数量为 198 条。",
     2016, A, None),
    # a count up to a date that nothing ties to the year: in an early report the year's or the stock since 2008
    ("early-up-to-a-date", "截至2012年12月31日,本局共主动公开政府信息37条。", 2012, A, None),
    ("early-up-to-a-date-not-a-stock-either", "截至2012年12月31日,本局共主动公开政府信息37条。", 2012,
     "active.items_cumulative", None),
    ("early-up-to-a-date-of-the-whole-year", "截至2012年12月31日,全年共主动公开政府信息37条。", 2012, A, "37"),
    ("early-up-to-a-date-then-the-year", "截至12月底,2012年本局共主动公开政府信息37条。", 2012, A, "37"),
    ("template-era-up-to-the-period-end", "截至2022年12月31日,本街道共主动公开政府信息37条。", 2022, A, "37"),
    ("early-requests-up-to-a-date", "截至2012年12月31日,共收到政府信息公开申请3件。", 2012, R, "3"),
    # applications have no stock: 累计 in a sentence the report's year opens sums the year
    ("requests-summed-in-a-year-sentence", "2021年,全县主动公开政府信息931条;全县累计收到政府信息公开申请26件。", 2021, R, "26"),
    ("requests-summed-since-the-regulation", "2021年,全县自《条例》施行以来累计收到政府信息公开申请260件。", 2021, R, None),
    ("requests-summed-in-another-years-sentence", "2020年,全县累计收到政府信息公开申请26件。", 2021, R, None),
    ("early-up-to-a-date-with-zhi-twice", "截止至2015年12月31日,我局共发布政府信息462条。", 2015, A, None),
    ("early-up-to-the-year-end", "截至年底,本办事处共主动公开政府信息63条。", 2013, A, None),
    # the date opens the clause and holds for every count of its list, not only the first
    ("early-up-to-a-date-second-count", "截止到2015年12月底,县政府网站上公开发布信息3012条,主动公开政府信息3602条。",
     2015, A, None),
    ("early-up-to-a-date-then-the-years-count", "截止到2015年12月底,县政府网站上公开发布信息3012条,全年主动公开政府信息"
     "3602条。", 2015, A, "3602"),
    ("early-up-to-a-date-then-a-new-clause", "截止到2015年12月底,县政府网站上公开发布信息3012条;主动公开政府信息3602条。",
     2015, A, "3602"),
    # counts of single years after a count make it a stock; the report year's is the year's
    ("years-listed-after-a-count", "截至2020年底,本区主动公开政府信息84条,其中2017年20条,2018年25条,2019年22条,"
     "2020年17条。", 2020, A, "17"),
    ("years-listed-after-a-count-stock", "截至2020年底,本区主动公开政府信息84条,其中2017年20条,2018年25条,2019年22条,"
     "2020年17条。", 2020, "active.items_cumulative", "84"),
    ("stock-and-its-website-part-cumulative", "截止2016年12月末,累计主动公开政府信息的数量为264条,其中,网上公开信息的数量为"
     " 198 条。", 2016, "active.items_cumulative", "264"),
]


@pytest.mark.parametrize("text,year,metric,expected", [c[1:] for c in YEAR_CASES], ids=[c[0] for c in YEAR_CASES])
def test_the_report_year_decides_other_years(text, year, metric, expected):
    assert run_year(text, year).metrics[metric] == expected


# Third table: applications of other kinds, and one form of interpretation.
OTHER_CASES = [
    ("licence-applications", "全年受理行政许可申请1,200件。", R, None),
    ("welfare-applications", "收到低保申请56件。", R, None),
    ("disclosure-beside-licences", "收到政府信息公开申请3件，受理行政许可申请1200件。", R, "3"),
    ("registered-requests", "全年登记政府信息公开申请5件。", R, "5"),
    # what the public submitted is an application, its noun left out or not
    ("submitted-requests", "2025年公众通过邮递、网站等途径向区政府提交政府信息公开65件,已依法办结63件。", R, "65"),
    ("submitted-requests-with-noun", "全年群众提出政府信息公开申请7件,均已答复。", R, "7"),
    ("submitted-report", "按时向市政府提交政府信息公开工作年度报告1件。", R, None),
    ("one-form-of-interpretation", "发布图文解读12篇。", P, None),
    ("one-form-of-interpretation-after", "制作政策解读短视频6条、图文解读材料14份。", P, None),
    ("many-forms-are-the-whole", "通过图文、视频等多种形式解读政策28次。", P, "28"),
    ("other-forms", "全年共发布文字解读172条,图片、视频等其它形式解读117条。", P, None),
    # a list of forms closed by 等 before the interpretations themselves counts them all
    ("forms-then-the-whole", "发布文字解读、图文解读等政策解读136篇,并与原文做好双向链接。", P, "136"),
    # forwarded interpretations are other bodies'
    ("forwarded-interpretations", "转发省水利厅政策解读5条。", P, None),
    # a meeting's interpretation (会议解读) explains what a meeting decided, not a policy
    ("meeting-interpretations", "全年主动公开各类信息802条,其中政务动态信息306条,政府会议、会议解读类信息50条。", P, None),
    ("meeting-interpretations-alone", "2022年,发布常务会议解读信息12条。", P, None),
    ("video-interpretation", "制作视频解读3个。", P, None),
    ("total-interpretations", "全年发布政策解读材料15篇。", P, "15"),
    ("review-authority", "本府作为行政复议机关受理政府信息公开类行政复议案件86件。", V, None),
    ("court-appearances", "因政府信息公开行政诉讼，负责人出庭应诉3次。", L, None),
    ("application-volume-zero", "本年度政府信息公开申请量为零。", R, "0"),
    ("months-range", "1-9月主动公开政府信息300条。", A, None),
    ("whole-year-months", "1-12月主动公开政府信息300条。", A, "300"),
    ("one-month", "12月份主动公开政府信息30条。", A, None),
    ("third-quarter", "第三季度收到政府信息公开申请4件。", R, None),
    ("opinion-handled", "全年处置网络舆情12起。", O, "12"),
    ("not-charged", "办理依申请公开不收费。", F, "0"),
    ("work-funds-received", "收到政务公开工作经费3万元。", F, None),
    ("funds-for-disclosure", "依申请公开工作收入经费2000元。", F, None),
    ("no-licence-applications", "本年度没有收到行政许可申请。", R, None),
    ("none-late", "本年度未有超期答复的申请。", R, None),
    ("opinion-handled-slowly", "全年未出现舆情回应不及时的情况。", O, None),
    ("not-yet-received-any", "截至年底，本单位尚未收到任何政府信息公开申请。", R, "0"),
]


# Fourth table: the failure modes a third, self-labelled set of real excerpts showed (docs/notes/figures.md,
# "dev3"); every sentence is invented.
DEV3_CASES = [
    # ninth session (rules from fresh rounds; sentences invented)
    ("an-enumerated-item-holds-the-interpretation-count", "一是发布重点领域信息46条;二是发布了助企纾困等政策措施的政策解读"
     "9条,召开新闻发布会3场。", P, "9"),
    ("an-enumerated-item-count-stays-a-part-of-the-items", "一是发布重点领域信息46条;二是发布人事信息9条。", A, None),
    ("hot-topic-concerns-answered", "公开发布文件64件,新闻发布会21场,回应热点关切27次,政策解读88件。", O, "27"),
    ("proactive-part-of-information-made", "本年度,本局共制发政府信息96件,其中主动公开41件,不予公开55件。", A, "41"),
    ("proactive-part-of-documents-made", "本年度,本局共制发公文96件,其中主动公开41件,不予公开55件。", A, None),
    ("the-bodys-field-before-its-information", "2013年度主动公开教育政府信息73条。", A, "73"),
    ("policy-interpretation-documents", "通过政府网站、新闻发布会等形式,共发布政策解读文件6件。", P, "6"),
    ("documents-interpreted-stay-out", "在政府网站解读政策文件17件。", P, None),
    ("a-bare-stock-after-the-years-count", "本镇2016年共主动公开政府信息35条,历年累计412条,全文电子化率100%。",
     "active.items_cumulative", "412"),
    ("a-bare-stock-after-a-website-count", "2021年通过区政府门户网站主动公开各类政府信息19条,历年累计286条。",
     "active.items_cumulative", "286"),
    ("the-year-named-in-the-counted-noun", "截至2010 年底,我镇累计主动公开2010年度政府信息31条。", A, "31"),
    ("two-breakdowns-in-two-sentences", "本街道全年主动公开政府信息300条。在主动公开的信息中,政策法规类60条,业务类240条。"
     "在主动公开的信息中与公众密切相关的信息有120条。", A, "300"),
    ("a-second-list-naming-the-total-metric-again", "2021年,本办共主动公开政府信息60条,其中:机构职能类信息20条,"
     "规划计划类信息30条,其他类信息10条。其中主动公开政府信息17条,不予公开信息数8条。", A, None),
    ("a-list-going-on-after-a-semicolon", "全年主动公开政府信息共900条,其中行政许可公开信息600条,比上年度减少20条;行政处罚"
     "公开信息250条;对外管理服务信息40条。", A, "900"),
    ("a-topic-area-count-beside-the-total", "2021年主动公开政府信息5200条。聚焦教育、养老等群众关切领域发布信息1300条。",
     A, "5200"),
    ("a-count-before-its-own-noun", "全年主动公开政府信息420条。2021年本局主动公开6条公示公告:《关于…的通告》等。", A, "420"),
    ("requests-through-one-counter-and-the-years", "通过政务公开专区接收政府信息公开申请9件。2023年,全区收到政府信息公开申请"
     "146件,办结140件。", R, "146"),
    ("a-list-of-the-years-information-in-the-next-sentence", "2024年,我乡主动公开政府信息39条,主动公开及时率100%。"
     "2024年主动公开的政府信息类别主要包括:通过不同渠道主动公开政府信息15条;主动公开机构领导信息5条;主动公开政策文件数19条。",
     A, "39"),
    # (a count said 主动公开 outranking one of information updated was tried and withdrawn: it added a wrong value on a
    # validation round; the two still disagree)
    ("a-proactive-count-and-an-update-count-disagree", "2023年新增主动公开政府信息130条,具体包括政务活动25条,招标投标"
     "105条。2023年更新政府信息23条,具体包括领导信息14条,内设科室信息9条。", A, None),
    ("villages-boards-among-channels", "2022年,通过县人民政府门户网站、各村村务公开栏、乡政府公示栏等方式,主动公开政府信息"
     "40条。", A, "40"),
    ("villages-own-count", "各村共公开村务信息300条。", A, None),
    ("a-websites-statistics-sentence", "全年共发布信息2311篇,独立用户访问总量95260个,网站总访问量283250次。"
     "微博微信公开信息1694条,新闻媒体公开信息303条。", A, None),
    ("a-lone-count-beside-site-traffic", "全年共发布信息2311篇,网站总访问量283250次。", A, "2311"),
    ("periodicals-are-a-channel", "通过平安网共主动公开信息497条。在省级以上刊物主动公开信息684条。", A, None),
    ("no-disclosure-review-or-suit", "全年无依申请公开行政复议、行政诉讼情况。", V, "0"),
    ("no-disclosure-review-or-suit-litigation", "全年无依申请公开行政复议、行政诉讼情况。", L, "0"),
    ("a-fee-item-answered-none", "4.政府信息公开的收费及减免情况:无", F, "0"),
    ("no-disclosure-fee", "2018年本局无信息公开收费。", F, "0"),
    ("no-administrative-fee-row", "行政事业性收费情况:无", F, None),
    # (the site's count, the only one, is used as the dev labels do; the legally required kind is not the total)
    ("the-legally-required-kind-is-a-category", "2023年网站发布政务信息923条,其中法定主动公开136条,政务动态信息787条。",
     A, "923"),
    ("the-proactive-total-without-its-noun", "截至2021年12月31日,政务信息公开主动公开总数146条,其中在县政府信息公开网站"
     "公开政府信息101条,政务微信公开政府信息45条。", A, "146"),
    ("the-noun-before-its-verb", "2021年,政府信息累计公开3366条。一是各部门政府信息公示栏主动公开信息1283条。", A, "3366"),
    ("no-fee-for-government-information", "2、本年度无政务信息的收费及减免情况。", F, "0"),
    ("items-uploaded", "结合我镇实际,对全年政府工作形成的信息进行了梳理,全年共上传信息385条。", A, "385"),
    ("a-website-upload-beside-an-accounts-posts", "2019年通过政府门户网站的部门公开共上传信息81条。在区住建局微信公众平台"
     "群发信息51次,共计发送153条信息。", A, None),
    # (项 as a unit of the proactive count was withdrawn: it added a wrong value on a validation round)
    ("items-counted-as-entries-stay-out", "全年累计公开政府信息1874项,其中政策解读36项。", A, None),
    ("interpretations-counted-as-entries", "全年累计公开政府信息1874项,政策解读36项。", P, "36"),
    ("information-amount", "今年以来,我局通过门户网站等平台主动公开信息量318条。", A, "318"),
    # a website count is one of several channel counts when the sentence goes on to count other channels
    ("website-then-screen-and-board", "我乡门户网站发布信息31条;大厅电子屏发布27条;村务公开栏发布64条。", A, None),
    ("website-then-app", "我镇在县政府网站主动公开政府信息18条(其中动态15条,预决算3条);在掌上APP发布内容40条。", A, None),
    ("website-alone-said-twice", "2020年,我街道在区政府网站共公开各类政府信息88条。2020年在区政府网站公开目录公开信息共计88条。",
     A, "88"),
    # 分别: each number is its channel's
    ("respective-channels", "通过政务微博、微信公众号全年分别累计发布信息412条、598条。", A, None),
    # the noun before 公开, a list closed by 等内容, 发表, a count noun with 数
    ("noun-before-verb", "全年完成政府信息公开215条。", A, "215"),
    ("list-of-contents", "主动公开发布机构职能、预算决算、人事任免等内容共计47条。", A, "47"),
    ("published-verb", "通过多种媒体发表政务信息133条。", A, "133"),
    ("count-noun", "2016年主动公开政府信息数96条。", A, "96"),
    ("key-areas-are-a-group", "2016年主动公开政府信息数96条。重点领域公开政府信息数共31条。", A, "96"),
    # interpretations joined to another kind of item
    ("documents-and-interpretations", "其中政府文件和解读信息14条、财政信息6条。", P, None),
    # zero statements
    ("no-fee-anything", "本年度没有向申请人收取复印、邮寄、传真等任何费用。", F, "0"),
    ("no-review-happened", "2016年,我乡没有因政府信息公开申请行政复议、诉讼和申诉的情况发生。", V, "0"),
    ("no-litigation-happened", "2016年,我乡没有因政府信息公开申请行政复议、诉讼和申诉的情况发生。", L, "0"),
    ("no-request-matters", "本年度我镇没有依申请公开政府信息办理事项。", R, "0"),
    ("none-applied-info", "2020年度我街道无申请公开政务信息情况。", R, "0"),
    ("nobody-asked", "本年度,未接到群众要求公开的信息。", R, "0"),
    ("fee-policy-is-no-amount", "按照上级规定,我镇对申请公开政府信息暂免收费。", F, None),
    # a total its own category parts contradict is left blank (the figure stays, the audit reports it)
    ("parts-exceed-the-total", "全年主动公开政府信息120条,其中工作动态80条,政策文件45条。", A, None),
    ("complete-list-short-of-the-total", "全年主动公开政府信息150条,其中工作动态80条,政策文件30条,其他信息20条。", A, None),
    ("complete-list-adds-up", "全年主动公开政府信息130条,其中工作动态80条,政策文件30条,其他信息20条。", A, "130"),
    ("open-list-short-of-the-total", "全年主动公开政府信息150条,其中工作动态80条、政策文件30条等。", A, "150"),
    ("count-noun-part-of-produced", "全年共制作政府信息300条,其中主动公开信息数为240条,依申请公开信息数40条。", A, "240"),
    ("department-named-with-an-application-word", "区人力社保局全年共收到政府信息公开申请3件。", R, "3"),
    ("welfare-application-still-vetoed", "收到社保补贴申请56件。", R, None),
    ("requests-counted-in-qi", "本年度共收到2起政府信息公开申请。", R, "2"),
    ("request-matters-in-xiang", "全年接到依申请公开事项4项。", R, "4"),
    ("received-and-handled-request-matters", "2022年度,本街道收到和处理政府信息公开申请办理事项为0件。", R, "0"),
    ("hot-topics-or-opinion", "回应社会关注热点或重大舆情数6次。", O, "6"),
    ("not-because-of-disclosure-review", "2022年度本局未因信息公开行政复议和提起行政诉讼。", V, "0"),
    ("not-because-of-disclosure-suit", "2022年度本局未因信息公开行政复议和提起行政诉讼。", L, "0"),
    ("no-review-and-suit", "全年没有收到申请,也没有行政复议及行政诉讼。", V, "0"),
    ("no-suit-after-review", "全年没有收到申请,也没有行政复议及行政诉讼。", L, "0"),
    ("not-charged-long-object", "本机关未收取依申请提供政府信息的检索、复印、邮递等费用。", F, "0"),
    ("parts-in-sentences-of-their-own", "2022年,全区累计公开政府信息9000条。区政府网公开政府信息3000条。"
     "区直部门和街道共公开政府信息6000条。", A, "9000"),
    ("site-then-its-wechat", "通过县人民政府网微信公众号推送政务信息230条。", A, None),
    ("site-column-is-the-site", "2012年,本区依托区政府门户网站政务公开栏目,主动公开政府信息860条。", A, "860"),
    ("website-then-weibo-updates", "区卫健委网站共发布信息800条,官方微博更新1200条,官方微信更新300条。", A, None),
    ("website-parts-then-a-column", "2023年区政府网站共发布信息5000条,其中概况类信息1000条,政务动态信息4000条;"
     "重点栏目征集意见20条。", A, "5000"),
    ("numbered-list-keeps-its-total", "在市政府官网主动公开政府信息共计30条,其中:1.政策性文件2条;2.工作动态类信息20条;"
     "3.信息公开信息3条;4.公告公示5条。", A, "30"),
    ("many-carriers-of-a-zone", "通过区政府信息公开网、简报、宣传栏等各类政府公开载体主动公开信息52条。", A, "52"),
    ("body-name-before-information", "2019年我乡主动公开青石乡人民政府信息61条。", A, "61"),
    ("a-part-equal-to-the-total", "2023年,我乡通过乡政府网站主动公开政务信息150条。其中概况类信息50条,政务动态信息100条,"
     "信息公开目录信息150条。", A, "150"),
    ("categories-and-outlets-add-up", "全年通过门户网站及微博微信等主动公开政府信息1000条,其中概况类100条、政务信息300条、"
     "其他文件100条、微博400条、微信100条。", A, "1000"),
    ("outlet-parts-may-exceed", "全年主动公开政务信息300条,包括政府网站30条,报刊上发布信息60条,微信公众号1500条。", A, "300"),
    ("requests-then-publish-verb", "2022年,收到申请公开15条,办结15条。", R, "15"),
    ("requests-accepted-zero", "我县2023年接受依申请公开0件。", R, "0"),
    ("requests-in-copies", "本年度共收到政府信息公开申请17份,3份转下年度办理。", R, "17"),
    ("request-matters-before-noun", "2021年我局共收到7份政府信息依申请公开事项,均已答复。", R, "7"),
    ("no-review-aimed-at-us", "没有针对我局政府信息公开的行政复议和行政诉讼。", V, "0"),
    ("no-suit-aimed-at-us", "没有针对我局政府信息公开的行政复议和行政诉讼。", L, "0"),
    ("answered-without-review", "所有申请均按时答复,未引发行政复议。", V, "0"),
    ("reversed-count-noun", "2009年我街政府信息公开的数量有31件。", A, "31"),
    ("website-new-items", "年内通过市人民政府门户网站新增信息数18条。", A, "18"),
    ("key-areas-in-a-closed-list", "2021年门户网站主动公开重点领域、政策法规、政府文件等信息430条。", A, "430"),
    ("platforms-then-wechat", "截至2020年12月31日,通过门户网站、政府信息公开平台等平台主动向社会公开信息150条、微信公众号90条。",
     A, None),
    ("many-channel-counts-no-total", "通过网站主动公开政府信息40条;通过微博微信发布信息70条,通过微信公众号发布信息120条,"
     "通过新闻媒体发布信息300条。", A, None),
    ("stock-then-new-this-year", "2020年累计主动公开政府信息380条,其中,本年度新增的主动公开政府信息45条。", A, "45"),
    ("stock-then-new-this-year-stock", "2020年累计主动公开政府信息380条,其中,本年度新增的主动公开政府信息45条。",
     "active.items_cumulative", "380"),
    ("channel-of-another-count", "在政务网发布新闻发布会信息50条,加大政策解读力度,发布各类解读120件。", P, "120"),
    ("all-kinds-of-interpretation-items", "全年发布各类解读信息210条。", P, None),
    ("notices-and-their-interpretations", "通过厅门户网站发布审计公告和解读9条。", P, None),
    ("documents-with-their-related-interpretations", "其中,行政规范性文件、政策文件、常务会议纪要及相关解读信息共60条。", P, None),
    ("related-interpretations-alone-still-count", "全年发布政策解读信息25条,相关图文解读8个。", P, "25"),
    ("documents-interpreted", "全年解读政策文件45个。", P, None),
    ("policy-interpretation-items-count", "全年发布政策解读信息25条。", P, "25"),
    ("bare-total-after-its-parts", "通过门户网站主动公开政府信息135条,通过政务微信主动公开政府信息81条,合计共216条。", A, "216"),
    ("handled-with-nothing-carried-over", "全年共收到和办理依申请公开9件,其中自然人申请9件,上年度结转政府信息公开申请0件。", R, "9"),
    ("handled-with-some-carried-over", "全年共收到和办理依申请公开9件,其中上年度结转政府信息公开申请2件。", R, None),
    ("requests-total-in-qi", "本年度收到申请总数为3起。", R, "3"),
    ("no-fee-situation", "2018年,我单位无政府信息公开的收费及减免情况。", F, "0"),
    ("list-closed-by-deng-in-jian", "2023年在局网站政务公开栏目主动公开机构设置、人事信息、财政信息等主动公开信息48件。", A, "48"),
    ("website-information-published", "2023年度,本局共完成政府网站信息发布52条,其中工作动态30条,信息公开22条。", A, "52"),
    ("over-the-past-year-cumulative", "一年来,通过县政府门户网站部门信息公开专栏等平台,累计主动公开政府信息37条。", A, "37"),
    ("all-kinds-closing-the-list", "依托门户网、政务微信公众号等渠道,向社会公众公开工作动态和各类政府信息540条。", A, "540"),
    ("review-and-suit-zero-without-wei", "政府信息公开行政复议、行政诉讼0条。", V, "0"),
    ("suit-zero-without-wei", "政府信息公开行政复议、行政诉讼0条。", L, "0"),
    ("no-suit-worded-qisu", "没有因政府信息公开引起行政复议或者行政起诉的案例发生。", L, "0"),
    ("long-description-before-the-noun", "2023年,收到公民、法人或其他组织当面提交或以信函、传真和网页申请等形式的依申请公开4件。",
     R, "4"),
    ("applicants-before-applications", "本年度共收到3名自然人申请政府信息公开4件,均已答复。", R, "4"),
    ("other-channels-are-no-complete-list", "全年主动公开政府信息900条,其中通过网站公开500条,通过其他形式公开100条。",
     A, "900"),
    # fourth session: a category list that goes on after ';' is still the list (its sum can contradict the total)
    ("category-list-over-semicolons-exceeds", "2016年我乡主动公开政府信息80条,其中,机构设置12条;财政预算30条;农业补贴25条;"
     "其他信息20条。", A, None),
    ("category-list-over-semicolons-short-with-other", "2021年,通过多个平台主动公开政府信息500条,其中概况类信息100条;"
     "动态类信息250条;与群众生活相关的其他信息共计120条。", A, None),
    ("category-list-over-semicolons-adds-up", "2016年我乡主动公开政府信息87条,其中,机构设置12条;财政预算30条;农业补贴25条;"
     "其他信息20条。", A, "87"),
    ("new-statement-after-semicolon", "全年主动公开信息90条,其中文件20条,动态70条;收到信箱留言40条。", A, "90"),
    # seventh session: a list opened with a colon runs on over ';' even when its items say 发布 (their sum can contradict)
    ("colon-list-with-verbs-exceeds", "全年共主动公开政府信息300条,其中:发布工作动态200条;制定并发布规范性文件15件;"
     "更新办事指南100条。", A, None),
    ("colon-list-with-verbs-adds-up", "全年共主动公开政府信息315条,其中:发布工作动态200条;制定并发布规范性文件15件;"
     "更新办事指南100条。", A, "315"),
    ("colon-list-ends-at-other-work", "全年共主动公开政府信息300条,其中:发布工作动态200条;收到群众来信留言150条。", A, "300"),
    ("colon-list-ends-at-a-channel", "全年共主动公开政府信息300条,其中:发布工作动态200条;通过微信公众号发布信息180条。",
     A, "300"),
    # 微博、微信分别发布信息2433、1664和2247条: the unit printed once after a list of numbers is each number's
    ("website-then-accounts-sharing-a-unit", "2022年,县政府门户网站共发布信息9000条,其中重点领域信息1200条,政务新媒体微博、"
     "公众号和头条号分别发布信息800、650和420条。", A, None),
    ("shared-unit-needs-fenbie", "2022年,县政府门户网站共发布信息9000条,重点信息800、650和420条。", A, "9000"),
    ("no-colon-verb-item-is-a-new-statement", "全年共主动公开政府信息300条,其中发布工作动态200条;发布通知公告180条。",
     A, "300"),
    # no part holds more than its whole, unless the categories add up to it exactly
    ("channel-part-larger-than-total", "2021年,我县主动公开政府信息2100条,其中通过县政府门户网站发布信息2150条,"
     "县政府微信公众号发布信息300条。", A, None),
    ("channel-count-beside-exact-categories", "2019年,我街道主动公开政府信息60条,其中工作动态40条,通知公告15条,"
     "人事信息5条,街道微信公众号发布信息95条。", A, "60"),
    # “…发布” in quotes names a government new-media account: a count through it is an outlet's
    ("quoted-account-is-an-outlet", "全年主动公开政府信息1200条。“丰林区政府发布”发布信息310条。", A, "1200"),
    ("quoted-account-beside-the-website", "区政府门户网站共发布信息1200条。“丰林区政府发布”发布信息310条。", A, None),
    ("quoted-slogan-is-no-account", "按照“同步起草、同步审核、同步发布”的要求,全年发布政策解读稿件31篇。", P, "31"),
    # 各类 before the body's own field names the whole; not before work news or key areas
    ("all-kinds-of-the-field", "2019年,我局主动公开各类税务信息845条,受理政府信息公开申请3件。", A, "845"),
    ("all-kinds-of-work-news-is-a-category", "我区通过门户网站主动公开各类工作信息900条,双公示120条,经费公开80条。", A, None),
    ("list-closed-by-deng-gelei", "2021年青石乡通过宣传栏、村务会议等方式公开惠农政策、低保名单、项目建设等各类政府信息64条。", A, "64"),
    # (read before already, a guard for the sub-unit case below)
    ("proactive-zongji", "清河区2014年度主动公开政府信息总计5120条,与上年相比增加了12%。", A, "5120"),
    # some fields' departments are sub-units of the area, not the whole
    ("field-departments-are-sub-units", "清河区2014年度主动公开政府信息总计5120条。全区各重点领域职能部门公开政府信息2210条,"
     "其中财政信息100条,住房保障信息40条。", A, "5120"),
    # "the other" items are one category, never the total
    ("the-rest-is-a-category", "2025年青石街道主动公开的政府信息共分3类,机构职能类信息2条,业务公文类0条,其他应当主动公开的政府信息5条。",
     A, None),
    # an outlet's posts to date are no stock of the body's disclosure; the website's are
    ("outlet-count-to-date", "“青石发布”微信公众号累计发布信息1830条。", "active.items_cumulative", None),
    ("outlets-named-before-the-comma", "通过区政府网站、“青石医保”微信公众号,累计公布各类信息167条。", "active.items_cumulative", None),
    ("website-count-to-date", "截至目前,通过区政府部门公开网站累计主动公开政府信息320条。", "active.items_cumulative", "320"),
    # a none-statement about fees for on-request disclosure says nothing of requests
    ("no-fee-for-on-request-disclosure", "2016年未发生依申请公开政府信息的收费以及减免情况。", R, None),
    ("no-fee-for-on-request-disclosure-fee", "2016年未发生依申请公开政府信息的收费以及减免情况。", F, "0"),
    # "…和其他权力" closes one category's name: the list is not thereby complete
    ("and-other-powers-is-one-category", "2020年,青石市财政局共主动公开各类政府信息300条。其中:部门文件50条,机构设置信息40条,"
     "行政许可、行政处罚和其他权力30条,扶贫信息20条。", A, "300"),
    # secondary outlets alone (微信、微博) are no several-channel total
    ("outlets-only-are-no-total", "2018年,我街全年主动公开政府信息250条,全文电子化达100%。运用微信、微博发布信息102条。", A, "250"),
    # columns with long quoted names after the site they belong to are the site
    ("site-then-long-quoted-columns", "2024年,青石街道通过青石区政府门户网站“镇街道信息公开”“青石动态”栏目主动公开政府信息83条。",
     A, "83"),
    # a petitions office's name holds an application word, its requests are still counted
    ("petitions-office-requests", "1.区信访办2019年政府信息主动公开共7条。2.区信访办2019年接受依申请公开1条,已答复申请人1条。", R, "1"),
    ("requests-noun-after-the-number", "2021年,青松办事处共收到7件依申请公开件,办结6件,结转下年度继续办理1件。", R, "7"),
    # the body's own name between the verb and its noun
    ("own-name-inside-the-phrase", "2021年,我苏木在“青松市政务公开”平台主动公开白音苏木政府信息28条。", A, "28"),
    # a unit dropped in the source before a clause break is a whole count; cut off where the text ends it is not
    ("unit-dropped-before-a-comma", "2025年我局共收到政府信息公开申请3,截至2025年12月31日已全部办结。", R, "3"),
    # (a PDF copied as text sets the number apart from its words)
    ("unit-dropped-before-a-comma-number-set-apart", "2025 年我局共收到政府信息公开申请 3 ,截至 2025 年 12 月 31 日已全部办结。",
     R, "3"),
    ("unit-cut-off-at-the-end", "2025年我局共收到政府信息公开申请3", R, None),
    ("no-review-worded-jiu", "本年度无就政府信息公开提出复议、诉讼和申诉的情况。", V, "0"),
    ("no-suit-worded-jiu", "本年度无就政府信息公开提出复议、诉讼和申诉的情况。", L, "0"),
    ("application-letters", "2023年市人民政府办公室收到政府信息公开申请信件22件,其中本年度答复20件。", R, "22"),
    ("published-with-you", "2016年在青松市政府门户网站(政府信息公开平台)主动公布政府信息有71条,主要涉及政策文件和人事任免。", A, "71"),
    ("list-including-in-quotes", "2022年,白河镇主动公开包含:“政策文件”、“通知公告”、“财政资金”等在内的政府网站信息279条。", A, "279"),
    ("list-of-matters-in-the-year", "2025年,街道主动公开公文类信息、重大行政决策、财政信息等事项政府信息累计76条,全文电子化率达100%。",
     A, "76"),
    # more none-statements for review and litigation, and the 无 answer to a list item
    ("review-none-after-a-label", "3.因政府信息公开申请行政复议、提起行政诉讼情况:无", V, "0"),
    ("suit-none-after-a-label", "3.因政府信息公开申请行政复议、提起行政诉讼情况:无", L, "0"),
    ("none-with-words-before-the-cause", "2015年度青松区公路局没有与有关单位和个人因政府信息公开申请行政复议及提起行政诉讼的案件。",
     L, "0"),
    ("none-joined-by-a-comma", "2024年县自然资源局收到依申请公开5件,所有申请均已按时办结。无因政府信息产生行政复议,提起行政诉讼情况发生。",
     L, "0"),
    ("none-said-passively", "2018年,无被申请行政复议或被提起行政诉讼、行政申诉情况。", V, "0"),
    ("none-said-passively-suit", "2018年,无被申请行政复议或被提起行政诉讼、行政申诉情况。", L, "0"),
    ("requests-item-answered-none", "2.依申请公开政府信息的情况:无", R, "0"),
    ("application-forms-received", "2025年度市自然资源局接收到申请书55份,申请公开的政府信息主要涉及征地信息。", R, "55"),
    # suits over the body's other acts are not about disclosure
    ("suits-over-other-acts", "2021年度人社分局未因信息公开行政复议和提起行政诉讼情况。人社分局因具体行政行为被提起行政诉讼2起。", L, "0"),
    # 共 before the verb of a list; 共发布信息; 主动向社会公开 a long list (and, read before this round already, all kinds
    # in total and 总量: guards)
    ("list-with-gong-before-the-verb", "全年共发布政府会议、规范性文件、重点项目建设、财政资金等政务信息4127条。", A, "4127"),
    ("all-kinds-in-total", "2024年,在县政府网站累计公开各类政府信息共计2698条。", A, "2698"),
    ("gong-published-information", "林业局网站中,2020年共发布信息42条,其中:机构信息4条,通知公告29条(其中行政处罚27条),人事信息1条,"
     "规划计划2条,财政信息4条,信息公开指南1条,信息公开年报1条。", A, "42"),
    ("total-amount", "主动公开信息总量425条。", A, "425"),
    ("long-list-towards-society", "依托青松县人民政府门户网站平台及时、主动向社会公开年度政府工作报告、政府信息公开指南、政府信息公开工作"
     "年报、主要工作动态、财政预决算、人大代表建议及政协提案办理等有关政务新闻和公告等信息9756条。", A, "9756"),
    # a newspaper is an outlet
    ("newspaper-is-an-outlet", "2013年我局主动公开政府信息174条。青松日报公布信息2条。", A, "174"),
    # requests: the verb's second half, 依申请政府信息公开
    ("received-and-answered", "全年共收到并按时办结16件政府信息公开申请。", R, "16"),
    ("newly-accepted-applications", "2024年新受理依申请政府信息公开8件,均已按时答复。", R, "8"),
    # bare labels and counts right after a total are its categories (their sum can contradict it)
    ("bare-categories-after-a-total", "本年度我局向青松县人民政府网站累计公布信息69条,工作动态61条,运输管理5条,建设管理3条,航务管理1条,"
     "依申请公开事项办结1件。", A, None),
    ("bare-categories-that-add-up", "本年度我局向青松县人民政府网站累计公布信息70条,工作动态61条,运输管理5条,建设管理3条,航务管理1条。",
     A, "70"),
    ("a-stock-after-a-total-is-no-category", "本街道2015年共主动公开政府信息11条,历年累计234条,全文电子化率达100%。", A, "11"),
    ("list-through-the-website", "2022年青松街道依托政府门户网站及时公开机构设置、年度财政预算决算、专项资金、工作动态等政府信息106条。",
     A, "106"),
    ("list-without-a-channel-or-total", "2022年青松街道公开机构设置、年度财政预算决算、专项资金、工作动态等政府信息106条。", A, None),
    ("application-requests-received", "本年度收到申请政府信息公开请求1件,4月24日收到申请书后按时答复。", R, "1"),
    ("several-kinds-in-total", "2020年,主动向社会公开我市人防工作有关政策、数据和工作信息共计485条,其中概况类信息11条。", A, "485"),
    ("one-kind-in-total-is-no-total", "2020年,主动公开财政信息共计50条。", A, None),
    # replies posted as one entry of a list are no responses to hot topics or incidents
    ("bare-replies-in-a-list", "2023年主动公开政策文件20条、政策解读8条、回应关切10条、监督保障10条。", O, None),
    ("posted-replies", "发布主动回应114条,第一时间回应群众最关心的问题。", O, None),
    ("responses-to-public-concerns", "2023年,及时回应社会关切12次。", O, "12"),
    ("responses-to-hot-topics", "回应公众关注热点或重大舆情5次。", O, "5"),
    # a none-statement about how replies were given rules out one cause only; the stock wording stays a zero
    ("none-qualified-by-the-reply", "本年度未出现因答复不当引起的行政复议、行政诉讼。", V, None),
    ("none-qualified-by-the-reply-suit", "本年度未因答复程序不正当引起行政复议及行政诉讼。", L, None),
    ("stock-none-about-disclosure", "未发生因政府信息公开不及时、不规范而引发的行政复议、行政诉讼案件。", V, "0"),
    # a later count naming what its total is not, without 其中
    ("received-after-handled-sibling", "2024年共受理依申请公开事项33件,结转上年后新收到依申请公开事项28件。", R, "28"),
    # fifth session, from rounds w and x
    # an account's posts pushed (推送) are an outlet's count, never the year's total
    ("an-account-pushed-posts", "“美丽青松”微信公众号全年推送信息464条,包括原创信息196条。", A, None),
    ("policies-including-interpretations", "其中,本级政府政策(含解读)3条、规划信息3条、财政资金4条。", P, None),
    # the same count said as the year's in the sentence of a 累计 makes it the year's, no stock
    ("a-total-said-twice-is-no-stock", "围绕民生领域,累计公开信息80条,主动公开80条。", "active.items_cumulative", None),
    ("a-total-said-twice-is-the-year", "围绕民生领域,累计公开信息80条,主动公开80条。", A, "80"),
    ("a-stock-beside-the-year", "截至年底,历年累计主动公开信息1580条,本年度主动公开80条。", "active.items_cumulative", "1580"),
    # a disclosure request called 办件 or 业务; a service hall's 办件 stays out
    ("requests-as-cases", "本年度共接到依申请公开办件0件。", R, "0"),
    ("requests-as-business", "本年度收到政务信息依申请公开业务2条。", R, "2"),
    ("service-hall-cases", "本年度政务服务中心共受理办件3200件。", R, None),
    # a total over a number of classes
    ("classes-counted-in-the-total", "全年共发布12类文件共860条,其中工作动态610条,政策解读9条,其他信息241条。", A, "860"),
    ("classes-counted-interpretations", "全年共发布12类文件共860条,其中工作动态610条,政策解读9条,其他信息241条。", P, "9"),
    # a line of a list that contradicts its total gives no value either
    ("a-line-of-a-list-that-does-not-add-up", "2023年主动公开政府信息74条,其中政策文件30条、政策解读6条、工作动态48条。", P, None),
    # parts counted in other item units inside the list still add up to the total
    ("parts-in-other-units-add-up", "2024年,在县政府网站累计公开各类政府信息共计1000条,其中:工作动态600条、通知公告120条、"
     "政策解读30条、人事信息20条、征集调查10期、其他类信息220条。", A, "1000"),
    ("a-count-after-the-list-is-no-part", "2014年通过市政府信息公开网主动公开政府信息92条,其中:政策文件类7条、工作信息类85条,"
     "删除了不适用的项目,累计公开信息831项。", A, "92"),
    ("documents-and-items-add-up", "2023年,青松街道主动公开政府信息47条,其中部门文件22件,通知公告16条,人事任免5条,财政预决算4条。",
     A, "47"),
    # a social account's posts counted in issues or articles beside a website's items: two channels, no total
    ("a-website-and-an-account-in-issues", "2020年,我局通过政务网发布信息319条,部门官方微信150期,其他专刊专报18期。",
     A, None),
    # a list that adds up to its total part way: it ended there when the next count is of other work
    ("a-list-ended-before-other-work", "2023年度主动公开政府信息500条。其中,信息公开目录信息400条、政务动态信息90条、"
     "概况类信息10条,互动交流留言收到300条、办结250条。", A, "500"),
    ("a-list-adding-up-part-way-by-chance", "本年度我局向县政府网站公布信息69条,工作动态61条,运输管理5条,建设管理3条,"
     "航务管理1条。", A, None),
    # rounds aa and ab
    ("one-form-of-interpretation-on-a-site", "2024年,县政府门户网站全年公开政府文件27条,图文政策解读16条。", P, None),
    ("site-items-with-the-count-after", "门户网站信息发布共计5679条,其中概况类信息15条,政务动态信息2551条,政府信息公开3113条。",
     A, "5679"),
    ("the-count-before-its-items", "我局在市政府信息公开平台发布132条各类政府信息,其中包括气象预警信息。", A, "132"),
    ("interpretations-held", "本年度共计开展4次政策解读。", P, "4"),
    ("interpretation-training-is-no-count", "本年度开展2次政策解读培训。", P, None),
    ("a-count-through-a-system", "我委在市政府信息公开系统公开25条。", A, "25"),
    ("a-stock-said-with-mu-qian-zong-ji", "我委共主动公开政府信息606条,目前我委总计主动公开政府信息2739条。",
     "active.items_cumulative", "2739"),
    ("parts-listed-among-the-disclosed", "我委共主动公开政府信息606条。在主动公开的信息中,法规文件类信息51条;规划计划类信息7条;"
     "业务动态类信息554条;调整机构职能类信息6条。", A, None),
    # one part in the total's unit is no list: other-unit counts around it are not summed against the total
    ("one-part-in-the-totals-unit", "主动公开政府信息35167条。其中:网站公开文件类信息5条,政务服务网发布办事指南26709个其中州直2261个,"
     "县市19944个,交易公告类信息8453(其中建设工程3638条、土地交易5条、其他交易4810条)。", A, "35167"),
    ("interpretations-counted-first", "本年度主动公开政府信息300条,其中包括20条政策解读。", P, "20"),
    # the template's administrative-fee row, not fees for disclosure
    ("no-administrative-fees-is-no-disclosure-fee", "2019年,我乡没有发生相关行政事业性收费情况。", F, None),
    ("requests-as-demands", "本年度收到依申请公开政府信息要求2条,均已答复。", R, "2"),
    # 公示 publishes the year's items as 公开 does (公示栏 notices of townships); a list of names posted is no item count
    ("posted-as-public-notices", "一年来,通过公示栏、网站等形式公示政务信息36条。", A, "36"),
    ("posted-lists-of-names", "一年来,通过公示栏公示低保名单12次。", A, None),
    ("a-website-and-an-account-in-articles", "全年在门户网站发布各类信息1073条,在局官方微信公众号平台共发布807篇信息。",
     A, None),
    # two websites joined are the one web channel: beside an account's count, neither is the year's total
    ("two-websites-then-an-account", "全年我局通过县政府门户网站及本局门户网站主动公开信息共计512条,通过政务新媒体(微信公众号)"
     "发布信息233条。", A, None),
    ("two-websites-alone", "全年通过县政府门户网站和本局网站主动公开政府信息120条。", A, "120"),
    ("websites-and-an-account-together", "全年通过门户网站及政务微博等渠道主动公开信息共计512条,其中政务微博发布信息233条。",
     A, "512"),
    # a sentence about a social account: its counts are the account's posts, even with 全年共
    ("a-sentence-about-an-account", "全年共主动公开政府信息215条,其中政策文件36条。“岚溪社保”微信公众号关注用户8.2万人,"
     "同比增长6%,全年共发布信息613篇。", A, "215"),
    # beside the website's count it is a second channel: no total (dev2 convention)
    ("a-website-and-a-sentence-about-an-account", "全年在局网站主动公开政府信息215条。“岚溪社保”微信公众号关注用户8.2万人,"
     "全年共发布信息613篇。", A, None),
    ("an-account-alone-is-no-total", "“岚溪社保”微信公众号关注用户8.2万人,全年共发布信息613篇。", A, None),
    # documents published together with their interpretations: a count of documents, not of interpretations
    ("a-report-and-its-interpretation", "主动公开县政府工作报告及解读3条,人大代表建议答复信息45条。", P, None),
    ("documents-and-interpretations", "发布主动公开文件及政策解读信息9条。", P, None),
    ("published-and-interpreted", "印发规范性文件2件,公开并解读2件,解读率100%。", P, None),
    # a list opened by a sub-unit is the sub-unit's throughout
    ("a-sub-units-list", "全年发布同步解读14件,各部门发布政策文件180件、政策解读420条。", P, "14"),
    ("the-bodys-own-list", "全年主动公开政府信息520条、政策解读31条。", P, "31"),
    # a sentence about the website as its subject: the website's count, one channel beside the others
    ("a-sentence-about-the-website", "一是县政府网站方面,年内共发布各类信息1460条,其中概况类信息48条。二是蒙文网站方面,年内发布"
     "各类信息354条。", A, None),
    ("the-official-site-as-subject", "局官网紧扣重点工作,全年公开政府信息820条,发布政务动态605条。“岚溪政数”微信公众号粉丝量"
     "24.8万,全年共发布364篇推文。", A, None),
    ("the-website-alone-as-subject", "局官网紧扣重点工作,全年公开政府信息820条,发布政务动态605条。", A, "820"),
    # beside an account's posts of the year, a website's count is one channel; not beside posts to date or items
    # sent to other media
    ("a-website-and-an-accounts-posts", "全年通过门户网站主动公开2628条信息。政务微博全年发布博文196条。", A, None),
    ("a-website-and-posts-to-date", "通过区政府网站主动公开信息71条。截至2024年12月31日,街道官方微博共累计发布微博120条。", A, "71"),
    ("a-website-and-items-sent-to-media", "在政府门户网站上共发布公开各类政务信息62条。向各级媒体平台报送工作信息96条,其中"
     "省局公众号发布21条,日报发布13条。", A, "62"),
    # a part equal to its total that opens its own 其中 confirms it, asides in brackets included
    ("a-part-equal-to-the-total-with-its-own-parts", "本机关2010年共主动公开政府信息174条。在主动公开的信息中,业务动态类信息"
     "174条,其中形势分析类20条(同时撤销2条),工作动态类156条。", A, "174"),
    ("an-aside-in-brackets-after-a-part", "全年主动公开政府信息60条,其中工作动态40条(含图片新闻12条),通知公告20条。", A, "60"),
    # a site named …网 is a website like …网站 (a URL in brackets may follow its name)
    ("a-site-named-wang", "2020年度,主动公开政务信息65条,其中工作动态40条,政策法规4条,便民服务17条,其他4条。"
     "岚溪市人民防空网(http://lxrf.gov.cn)共发布信息80条。", A, "65"),
    ("a-site-named-wang-alone", "县政府网发布信息120条。", A, "120"),
    # items counted in 份 with the noun after the number; 累计 before a list scoped to the year by its dates
    ("items-in-fen", "本年度,在乡人民政府网站共主动公开185份政务信息。", A, "185"),
    ("a-years-dates-then-leiji-before-a-list", "2020年1月1日至2020年12月31日,通过政务公开栏、政府网站等途径,累计发布"
     "权责清单、人事信息等信息418条。", A, "418"),
    ("leiji-before-a-list-to-date", "截至目前,累计发布权责清单、人事信息等信息418条。", A, None),
    # a part naming the proactive items of items produced is the year's value; of items published it stays a part;
    # under a total that says 主动 itself, a part said with 主动 through a channel is that channel's
    ("proactive-part-of-items-produced", "全年共制作、获取政府信息223条,其中主动公开信息189条,作为依申请公开信息33条。",
     A, "189"),
    ("statutory-proactive-part-of-items-published", "全年局门户网站共发布信息1543条,其中动态信息668条,法定主动公开信息166条。",
     A, "1543"),
    ("a-proactive-total-and-its-channel-parts", "2020年,我镇主动公开政务信息219条,其中,通过区政府门户网站主动公开26条,"
     "通过微信订阅号公开政务信息193条。", A, "219"),
    # the slogan 不公开为例外 and 解读 as one item of a list veto nothing; an interpretations count is still none
    ("the-slogan-before-the-total", "坚持公开为原则,不公开为例外原则主动公开政府信息234条。", A, "234"),
    ("interpretations-as-a-list-item", "全年共发布政府会议、规范性文件、政策解读、财政资金等政务信息2127条。", A, "2127"),
    ("an-interpretations-count-is-not-the-total", "全年发布政策解读信息15条。", A, None),
    ("withheld-items-are-not-the-total", "全年不公开政府信息5条。", A, None),
    ("the-governments-own-level-items", "2013年,共主动公开政府本级信息60条,其中工作动态45条,业务文件12条,其他信息3条。", A, "60"),
    # the account's posts of the year (全年…累计发布) or a part glued to the website's list make it one channel of two
    ("a-website-and-an-accounts-posts-of-the-year", "2021年,在县人民政府门户网站主动公开政府信息8条。全年通过“多彩白石”"
     "微信公众号累计发布相关工作信息78条。", A, None),
    ("an-account-glued-into-the-websites-list", "2020年全乡在县人民政府门户网站信息公开专栏主动公开信息20条,其中执法信息17条,"
     "财政信息3通过微信公众号“魅力白石”发布公开信息85条。", A, None),
    ("a-count-through-several-channels-is-no-account", "2021年,区统计局通过区政府网站、白石APP、省市统计网站公开信息91条。",
     A, "91"),
    # the number before its noun after 主动公开的; a platform's 公开数量为; the total said again before its categories
    ("proactive-de-before-the-count", "通过门户网站在2022年度主动公开的35条政府信息中,其中组织机构1条,业务工作34条。", A, "35"),
    ("a-platforms-count-as-a-quantity", "2022年我镇政务公开平台公开数量为26条,其中机构职能2条,政府会议24条。", A, "26"),
    ("the-total-said-again-before-its-categories", "2021年度,主动公开政府信息8条。主动公开的8条信息中,主要类别如下: 1.机构职能:"
     "本年度新增信息3条。2.农村工作政策:本年度新增信息2条。3.其他信息:本年度新增信息3条。", A, "8"),
    # 历年累计公开809条: a stock to date with the bare verb, beside the year's count
    ("a-stock-with-the-bare-verb", "2022年我镇通过区政府网站主动公开政府信息20条,历年累计公开809条。", "active.items_cumulative",
     "809"),
    ("a-stock-with-the-bare-verb-leaves-the-year", "2022年我镇通过区政府网站主动公开政府信息20条,历年累计公开809条。", A, "20"),
    # a carried-over part named after its number: the total is handled, not received, unless none was carried over
    ("carried-over-named-after-its-number", "全年收到政府信息公开申请30件(其中1件为上年度结转),均已按时答复。", R, None),
    ("none-carried-over-named-after-its-number", "全年收到政府信息公开申请30件(其中0件为上年度结转),均已按时答复。", R, "30"),
    # an account's 更新 is an outlet's verb; a document's title in a website's list names no outlet; 历年公开 is a stock
    ("a-website-then-accounts-updated", "2025年,我委利用区人民政府网站共发布信息208条,其中领导介绍6条、工作动态202条。全年微博更新"
     "信息125条,微信公众号发布信息736条。", A, None),
    ("a-gazette-title-in-the-websites-list", "2023年,统计局通过县政府门户网站共发布政务公开信息5条,其中《白石县2022年国民经济和社会"
     "发展统计公报》1条、季度经济运行分析报告3条、《白石县统计局行政执法服务指南》1条。", A, "5"),
    ("a-stock-said-with-linian", "全年主动公开政府信息96条,历年公开1511条。", "active.items_cumulative", "1511"),
    ("related-items-through-several-channels", "2024年,我局通过政务公开网站、政府门户网站、微信公众号等各类途径主动公开相关信息 248条,"
     "其中:工作动态 74条,其他信息 174条。", A, "248"),
    ("a-topics-related-items", "持续扩大消费政策信息公开力度,全年公开相关信息49条。", A, None),
    # a sentence opening with 具体包括 lists the previous total's parts; closed by 其他 they claim to be complete
    ("a-complete-list-opening-with-juti-baokuo", "我局通过县政府门户网站主动公开信息83条。具体包括履职依据1条,通知公告3条,"
     "行政执法公示18条,其他信息20条。", A, None),
    ("a-complete-list-that-adds-up", "我局通过县政府门户网站主动公开信息42条。具体包括履职依据1条,通知公告3条,"
     "行政执法公示18条,其他信息20条。", A, "42"),
    ("an-account-as-the-means-of-a-count", "通过政务微信公开信息25条,接受媒体采访2次,政策解读稿件7条。", P, "7"),
    # a count of kinds printed right before the count of items: the items take the words before both
    ("kinds-then-items", "本年度,我局共主动公开政府信息12项47条,其中工作动态30条,通知公告17条。", A, "47"),
    ("kinds-in-lei-then-items", "全年主动公开各类信息5类230条。", A, "230"),
    ("kinds-alone-are-no-count", "我镇主动公开的信息分为6类。", A, None),
    ("kinds-and-a-total-word-then-items", "通过区政府网站公开信息7类共计58条。", A, "58"),
    ("the-years-information", "2016年,我镇在县政府网站公开本年度信息71条。", A, "71"),
    # a total said again to open a view of its parts: neither it nor the parts after it are a second statement
    ("a-total-said-again", "2009年,本街道公开信息总数为64条。在2009年公开的64条信息中,机构职能类信息:主动公开3条,"
     "工作动态类信息:主动公开61条。", A, "64"),
    ("kinds-in-major-and-minor-items", "2013年,我县政府信息公开网站发布主动公开信息12大项、40小项,共计3210条。", A, "3210"),
    # 其他 closes a list only as its last part: a channel's count after it keeps the list open
    ("a-channel-after-the-other-kind", "2017年,我局公开信息共计95条,其中业务类信息60条,其他类信息20条,县局网站发布信息15条。",
     A, "95"),
    ("new-after-the-noun", "本局2017年共主动公开政府信息新增31条。", A, "31"),
    ("the-law-between-verb-and-noun", "2023年,通过门户网站、政务新媒体等方式,主动公开《条例》第二十条规定的相关政府信息2311条。",
     A, "2311"),
    ("a-larger-count-after-a-comma-is-no-part", "2022年镇共公开政府信息85条,各村村务公开540条。", A, "85"),
    ("the-noun-then-its-verb-then-the-total-word", "本年度政府信息公开共412条,包括工作动态300条,其他信息112条。", A, "412"),
    # a channel's share named 主动公开 does not make its total something else than the proactive items
    ("a-channels-share-names-no-other-kind", "全年公开信息120条,其中,网站信息主动公开50条,同时在政务微信平台公开政务信息70条。",
     A, "120"),
    # a part that is not proactive says the total is all the information; the proactive part is the year's
    ("a-part-that-is-not-proactive", "2019年本镇累计发布政府信息63条,其中主动公开信息30条,不主动公开信息33条,"
     "历年累计发布政府信息820条。", A, "30"),
    ("a-stock-of-all-the-information", "2019年本镇累计发布政府信息63条,其中主动公开信息30条,不主动公开信息33条,"
     "历年累计发布政府信息820条。", "active.items_cumulative", None),
    # a rate in an earlier clause is the schedule's; the total after it sums the year
    ("a-schedule-then-the-total", "每季度按时向县政府公开办报送信息,公开政府信息计41条。", A, "41"),
    ("a-rate-stays-a-rate", "每月主动公开政府信息20条。", A, None),
    ("a-list-items-label-and-count", "1.主动公开政府信息的情况:64条\n2.依申请公开政府信息的数量:无", A, "64"),
    ("everything-included-in-the-count", "共发布包括食品、药品信息等重点领域信息在内的各类信息418条,其中在各级媒体发布信息150余篇。",
     A, "418"),
    # large parts that add up exactly close one view of the total; what follows counts it another way
    ("two-large-parts-then-another-view", "2023年,本县政府网站共发布信息3120条,其中政务信息2100条,县直及各乡镇1020条,"
     "政策解读31条,人事和招聘信息88条。", A, "3120"),
    ("small-parts-adding-up-by-chance", "全年主动公开政府信息30条,其中机构信息2条,工作动态28条,政策文件7条,其他信息4条。",
     A, None),
    # a 累计 count with no word of a stock whose parts add up to it exactly sums the year's parts
    ("a-sum-of-the-years-channels", "全县累计发布各类政府信息8120条,其中:县政府网站发布2310条,政府信息公开专栏发布610条,"
     "政务新媒体发布5200条。", A, "8120"),
    ("a-stock-split-by-channel-stays-a-stock", "截至目前累计主动公开政府信息450条,其中网站300条,微信150条。", A, None),
    ("a-sum-that-does-not-add-up-stays-a-stock", "全县累计发布各类政府信息8120条,其中:县政府网站发布2310条,政务新媒体发布"
     "5200条。", A, None),
    # a count in brackets right after a part is that part's own; the list goes on after the bracket
    ("a-carry-over-inside-an-outcome", "2025年,共收到政府信息公开申请61件。其中,予以公开50件(含上年结转4件)、部分公开3件、"
     "不予公开8件。", R, "61"),
    ("requests-counted-in-ci", "2025年全年共收到27次政府信息公开申请,均在规定时限内答复。", R, "27"),
    ("the-kind-of-request-in-quotes", "2021年度,我县共收到12件“依申请公开”申请,其中7件予以公开。", R, "12"),
    ("two-weis-are-an-outlet", "全年通过政务网站发布工作动态41条,公示公告12条。官方“两微”平台全年发布信息530条。", A, None),
    ("kinds-of-requests-then-requests", "全年共收到政府信息公开申请2项6件。", R, "6"),
    # 其中 after a part opens that part's own parts: they are not summed against the total
    ("a-parts-own-parts", "全年主动公开政务信息410条,包括门户网站126条,“某某乡”公众号1980条,其中党建96条、农业212条、"
     "民政330条、综治418条。", A, "410"),
    # a bare count split at once by the ways applications came in counts applications
    ("requests-split-by-how-they-came", "依申请公开9件,其中当面申请2件、网上申请7件,均按时答复。", R, "9"),
    ("disclosed-on-request-alone-stays-out", "依申请公开9件,均按时答复。", R, None),
    # the costs of a lawsuit are no fee for disclosure
    ("no-costs-of-a-lawsuit", "全年未发生行政诉讼,因此未发生与诉讼有关的费用。", F, None),
]


# 累计 is a stock only with a word of "to date" or, in the early reports, a date it runs up to; a bare 累计 is the year's
# sum as often as the stock, so it gives neither (and its parts are no values of their own)
C, P = "active.items_cumulative", "response.policy_interpretations"
STOCKS = [
    pytest.param("我所累计主动公开政府信息64条,全文电子化率100%。", 2016, C, None, id="bare-leiji-no-stock"),
    pytest.param("我所累计主动公开政府信息64条,全文电子化率100%。", 2016, A, None, id="bare-leiji-nor-the-year"),
    pytest.param("2016年,我所主动公开政府信息21条,累计主动公开政府信息164条。", 2016, C, "164", id="beside-the-years-count"),
    pytest.param("2016年,我所主动公开政府信息21条,累计主动公开政府信息164条。", 2016, A, "21", id="the-years-count-beside"),
    pytest.param("到2014年底,我所累计主动公开政府信息164条。", 2014, C, "164", id="up-to-a-year-end-early"),
    pytest.param("截至2022年12月31日,我所累计主动公开政府信息164条。", 2022, C, None, id="period-end-template-era"),
    pytest.param("截至目前,我所累计主动公开政府信息164条。", 2022, C, "164", id="to-date-template-era"),
    pytest.param("截止2010年底,全镇累计公开信息总数95条,其中网上公开信息20条,村务公开75条。\n全镇设有政府信息公开查阅点3个。\n"
                 "在主动公开的政府信息中,累计公开信息总数31条,政策法规类信息3条、业务类信息28条。", 2010, C, None,
                 id="a-bare-stock-disagrees"),
    pytest.param("我所累计主动公开政府信息64条,其中政策解读5条。", 2016, P, None, id="a-part-of-a-bare-stock"),
    # 目前…已 (so far) is a count to date, the year's only when the clause names the year
    pytest.param("(一)目前本所已主动公开政府信息49条。", 2011, A, None, id="so-far"),
    pytest.param("2011年,本所目前已主动公开政府信息49条。", 2011, A, "49", id="so-far-in-the-year"),
]


@pytest.mark.parametrize("text,year,metric,expected", STOCKS)
def test_leiji_is_a_stock_only_when_the_sentence_says_so(text, year, metric, expected):
    assert run_year(text, year).metrics[metric] == expected


ALL_CASES = CASES + MORE_CASES + OTHER_CASES + DEV3_CASES


@pytest.mark.parametrize("text,metric,expected", [c[1:] for c in ALL_CASES], ids=[c[0] for c in ALL_CASES])
def test_adversarial_sentence(text, metric, expected):
    assert run(text).metrics[metric] == expected


def test_an_organ_s_own_level_is_the_department_itself():
    # 市本级 in an area's report is one sub-unit of the area; in a city bureau's report it is the bureau itself
    from report_parser.extract import figures
    from test_figures import make_doc

    text = "全年市本级主动公开各类信息86条，其中政策文件9条。"
    by_level = {lv: [(f.value, f.kind) for f in figures.extract(make_doc(text), [], level=lv)][0]
                for lv in ("department", "city")}
    assert by_level == {"department": ("86", "annual"), "city": ("86", "breakdown")}


def test_a_larger_area_is_not_the_body_count():
    from report_parser.extract import figures
    from test_figures import make_doc

    text = "全县共主动公开政府信息8000条，我镇主动公开政府信息260条。"
    by_level = {lv: [(f.value, f.kind) for f in figures.extract(make_doc(text), [], level=lv)]
                for lv in ("township", "county", "department")}
    assert by_level["township"] == [("8000", "area"), ("260", "annual")]
    assert by_level["county"][0] == ("8000", "annual")
    assert by_level["department"][0] == ("8000", "annual")


def test_items_given_to_applicants_are_not_the_proactive_total():
    from report_parser.extract import figures, resolve
    from report_parser.record import Report, Section
    from test_figures import make_doc

    doc = make_doc("三、依申请公开情况", "本年度向申请人提供公开信息12条。")
    report = Report(source={"path": "mem.txt"})
    report.figures = figures.extract(doc, [Section("requests", "三、依申请公开情况", 1, 0, len(doc.text))])
    resolve.resolve(report)
    assert report.metrics["active.items"] is None
    assert figures.extract(doc, [])[0].metric == "active.items"  # the same words outside that part


def _spaced(text: str) -> str:
    """The sentence as pages with one <span> per number give it: a space on each side of every number."""
    import re

    return re.sub(r"(?<=[\u4e00-\u9fff])(\d[\d,.]*)(?=[\u4e00-\u9fff])", r" \1 ", text)


SPACED = [c for c in ALL_CASES if _spaced(c[1]) != c[1]]


@pytest.mark.parametrize("text,metric,expected", [c[1:] for c in SPACED], ids=[c[0] for c in SPACED])
def test_spaces_around_numbers_change_nothing(text, metric, expected):
    assert run(_spaced(text)).metrics[metric] == expected


def test_spaced_number_keeps_its_printed_raw_and_span():
    from report_parser.extract import figures
    from test_figures import make_doc

    doc = make_doc("微信公众号 2025 年度发布信息 206 条，全年主动公开政府信息 1,320 条。")
    figs = {f.value: f for f in figures.extract(doc, [], year=2025)}
    assert figs["206"].kind in ("breakdown", "channel")  # one outlet's count, as without the spaces
    total = figs["1320"]
    assert total.metric == A and total.raw == "1,320 条"
    assert doc.text[total.span[0]:total.span[1]] == "1,320 条"


@pytest.mark.parametrize("text,metric,expected", [
    ("本年度发生政府信息公开行政复议案件一起，已依法答复。", V, "1"),  # 一起 after 案件 counts one case
    ("本年度因政府信息公开被申请行政复议一起。", V, "1"),
    ("复议机关与我们一起研究答复意见，全年未发生行政复议。", V, "0"),  # "together": only the negation counts
])
def test_yiqi_counts_right_after_the_word_it_counts(text, metric, expected):
    assert run(text).metrics[metric] == expected


@pytest.mark.parametrize("text,expected", [
    # one number for every listed item
    ("本年度政府信息公开申请、行政复议和行政诉讼均为0件。", {R: "0", V: "0", L: "0"}),
    ("本年度因政府信息公开引起的行政复议和行政诉讼数量均为1件。", {R: None, V: "1", L: "1"}),
    # a listed item no rule knows: nothing is shared (the list may not be what it seems)
    ("本年度收到的政府信息公开申请和信访件均为3件。", {R: None, V: None, L: None}),
])
def test_one_number_shared_by_a_list(text, expected):
    got = run(text).metrics
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("text,expected", [
    ("全年受理群众提出的12件依申请公开申请。", "12"),  # who made them, between the verb and the number
    ("本年度收到公民提交的4份政府信息公开申请。", "4"),
    ("全年受理企业提出的6件行政许可申请。", None),  # a licence application is no disclosure request
])
def test_requests_counted_before_their_noun_with_the_applicant_between(text, expected):
    assert run(text).metrics[R] == expected


@pytest.mark.parametrize("text,metric,expected", [
    ("今年以来，我局主动公开各类信息累计386条。", A, "386"),  # since the year began: the year's own count
    ("年初以来，全镇累计发布政府信息215条。", A, "215"),
    ("自2008年以来，我局累计主动公开信息3860条。", A, None),  # a stock to date
    ("自2008年以来，我局累计主动公开信息3860条。", "active.items_cumulative", "3860"),
])
def test_since_the_year_began_is_the_year(text, metric, expected):
    assert run(text).metrics[metric] == expected


@pytest.mark.parametrize("body,expected", [
    ("无", {"review.total": "0", "litigation.total": "0"}),
    ("无。", {"review.total": "0", "litigation.total": "0"}),
    ("本年度无因政府信息公开引起的行政复议。", {"review.total": "0"}),
])
def test_a_part_that_says_only_none_gives_its_metrics_zero(body, expected):
    from test_figures import make_doc
    from report_parser.record import Section
    from report_parser.extract import figures

    heading = "四、因政府信息公开申请行政复议、提起行政诉讼情况"
    doc = make_doc("三、收到和处理政府信息公开申请情况", "收到申请2件。", heading, body, "五、存在的主要问题及改进情况", "无")
    cut = doc.blocks[2].start
    end = doc.blocks[4].start
    sections = [Section("requests", "三、收到和处理政府信息公开申请情况", 1, 0, cut),
                Section("review_litigation", heading, 3, cut, end),
                Section("problems", "五、存在的主要问题及改进情况", 5, end, len(doc.text))]
    zeros = {f.metric: f.value for f in figures.extract(doc, sections) if f.negation}
    assert zeros == expected
    # the bare 无 of a part without metrics (problems) gives nothing, and a 无 further down a part is no answer
    later = make_doc(heading, "全年被申请行政复议1件。", "无")
    sections = [Section("review_litigation", heading, 1, 0, len(later.text))]
    assert [f.metric for f in figures.extract(later, sections) if f.negation] == []


def test_a_heading_inside_a_flattened_sentence_opens_a_new_one(tmp_path):
    # On a page flattened to one line the contact sentence runs on into the overview's heading and its first
    # point: the point about the website is still the sentence's subject, so its count is the website's
    from report_parser.pipeline import parse_file

    text = ("岚溪县人民政府2022年政府信息公开工作年度报告 如对本报告有疑问,请联系县政府办公室,联系电话:0479-4220190 "
            "一、总体情况 一是县政府网站方面,年内共发布各类信息900条,其中工作动态300条。二是县政府微信公众号方面,"
            "全年推送信息400条。 二、主动公开政府信息情况 本年度制发规范性文件2件。")
    p = tmp_path / "flat.txt"
    p.write_text(text, encoding="utf-8")
    r = parse_file(p)
    assert r.metrics["active.items"] is None
    # the heading is a sentence of its own, as on the page printed line by line: the quote opens with the point
    fig = next(f for f in r.figures if f.value == "900")
    assert fig.text.startswith("一是县政府网站方面")


@pytest.mark.parametrize("text,expected", [
    # 推送 (pushed) is a publishing verb like 发布 when 共 says the whole list is counted
    ("全年我委在门户网站、微信公众号等平台共推送部门文件、通知公告等各类信息812条。", "812"),
    ("全年共推送通知公告、工作动态等信息57条。", "57"),
    # without 共 a pushed list is one outlet's or one category's
    ("微信公众号推送通知公告、工作动态等信息57条。", None),
])
def test_a_whole_list_pushed_to_the_platforms(text, expected):
    assert run(text).metrics[A] == expected


@pytest.mark.parametrize("text,expected", [
    ("本年度没有发生因政府信息公开引起的行政复议,没有提起行政诉讼。", "0"),  # the suit's own verb negated
    ("2022年,我镇未提起行政诉讼。", "0"),
    ("未经复议直接提起诉讼的案件2件。", None),  # 未经 is "without first": a table label, no none-statement
])
def test_a_suit_not_brought(text, expected):
    assert run(text).metrics[L] == expected


@pytest.mark.parametrize("text,expected", [
    ("2021年,我局未接到公众关注热点或重大舆情回应的申请。", None),  # asking for a response is no disclosure request
    ("2021年,我局未接到政府信息公开申请。", "0"),
])
def test_a_request_for_a_response_is_no_disclosure_request(text, expected):
    assert run(text).metrics[R] == expected


@pytest.mark.parametrize("text,expected", [
    # an aside between the noun and the total word: the rule reads the words around it
    ("2021年,我局本级累计发布各类信息(包括:天气预报、预警信号、服务信息)共2210条。", "2210"),
    ("2021年,我局主动公开政府信息(含转载信息)合计96条。", "96"),
])
def test_an_aside_before_the_total_word(text, expected):
    assert run(text).metrics[A] == expected


@pytest.mark.parametrize("text,metric,expected", [
    ("2018年度我乡主动公开政府信息143条次。", A, "143"),  # 条次 as reports print the proactive count
    ("全年各专栏发布信息560条次。", A, None),  # postings of columns, without 主动
    ("全年共收到政府信息公开申请3条次。", R, None),  # other metrics keep their own units
])
def test_proactive_count_in_tiaoci(text, metric, expected):
    assert run(text).metrics[metric] == expected


@pytest.mark.parametrize("text,expected", [
    ("2020年,我局主动公开了包括工作动态、公示公告等方面的信息149条。", "149"),  # 等方面的信息: the list's noun after 的
    # two social accounts named as 自媒体 are outlets only: their posts are no total of the year
    ("2020年,我局官方微博、微信两个自媒体共发布信息2458条。", None),
])
def test_lists_with_de_and_self_media_accounts(text, expected):
    assert run(text).metrics[A] == expected


@pytest.mark.parametrize("text,expected", [
    ("2020年,无单位或个人申请政府信息公开。", "0"),  # nobody, said as "no unit or person"
    ("2021年,没有群众和企业提出政府信息公开申请。", "0"),
    ("2023年,我局未收申请要求公开政府信息。", "0"),  # 未收 without 到
    ("2022年,没有行政相对人向我单位提出政府信息公开申请。", "0"),  # the applicant by its legal role
    ("2022年,没有公民向本机关提交政府信息公开申请。", "0"),
    ("2023年,我局未收取依申请公开的任何费用。", None),  # 收取 is a fee's verb
])
def test_more_ways_of_saying_nobody_applied(text, expected):
    assert run(text).metrics[R] == expected


@pytest.mark.parametrize("text,expected", [
    # the website and a bulletin board joined are several channels: the count over both is the year's
    ("2025年,我乡通过县人民政府网站及乡政府公示栏主动公开各类政府信息共64条。", "64"),
    # bulletin boards alone, one or two, are outlets: no total of the year
    ("2025年,我乡通过政务公开栏和宣传栏公开信息共40条。", None),
    ("2025年,我乡通过乡政府公示栏公开各类政府信息共21条。", None),
])
def test_a_website_and_a_bulletin_board_together(text, expected):
    assert run(text).metrics[A] == expected


def test_review_counts_under_a_sub_heading_naming_the_part():
    # a sub-item titled as the template's review part gives its bare counts their context
    got = run("(四)申请行政复议和提起行政诉讼情况\n2020年,行政复议0件,行政诉讼0件。").metrics
    assert (got[V], got[L]) == ("0", "0")
    # the same counts with nothing about disclosure around them may be any review of the body's acts
    got = run("(四)依法行政情况\n2020年,行政复议0件,行政诉讼0件。").metrics
    assert (got[V], got[L]) == (None, None)


@pytest.mark.parametrize("text", ["2016年,我局不存在政府信息公开的收费及减免等情况。",
                                  "2016年,我局不存在收取政府信息公开费用的情况。"])
def test_no_fee_said_with_bu_cunzai(text):
    assert run(text).metrics["fees.collected_yuan"] == "0"


def test_requests_counted_as_letters_of_application():
    assert run("2016年,我局收到政府信息公开申请信函2件,已按时办结。").metrics[R] == "2"


@pytest.mark.parametrize("text,expected", [
    # the list of the website's parts runs on over ';': its parts, the later ones too, add up to the total exactly, so
    # a later part worded like a proactive count (财政公开信息10条) is one more category, not the year's count
    ("2024年,青松县气象局通过门户网站主动公开各类信息120条,其中工作动态信息60条、政策法规5条;发布天气预报信息30条,"
     "科普信息10条;答复留言5条,财政公开信息10条。", "120"),
    # the same sentence whose later counts do not add up with the parts: nothing says they are parts
    ("2024年,青松县气象局通过门户网站主动公开各类信息120条,其中工作动态信息60条、政策法规5条;发布天气预报信息30条,"
     "科普信息10条;答复留言5条,财政公开信息12条。", None),
])
def test_a_list_of_parts_that_runs_on_past_a_semicolon(text, expected):
    got = run(text)
    last = [f for f in got.figures if f.metric == A][-1]
    if expected:
        assert (got.metrics[A], last.parent) == (expected, 0)
    else:
        assert last.parent is None  # (what the total is then is another question: the rule does not decide it)


def test_a_count_whose_unit_was_dropped_before_an_aside():
    # 行政复议1(结果维持1): the number opens a bracket about itself; its unit was dropped, the count is whole
    got = run("2025年,政府信息公开行政复议1(结果维持1),政府信息公开行政诉讼0件。").metrics
    assert (got[V], got[L]) == ("1", "0")


@pytest.mark.parametrize("text,expected", [
    # a sentence opened with 其中 is the breakdown of the total before it, over its ';' too: the gazette's items are a
    # part, not the year's count (the total itself is approximate: no value)
    ("2024年,主动公开政府信息3800余条。其中通过政府网站公开政府信息2000余条;通过政务新媒体公开信息1800余条;"
     "出版《政府公报》3期,公开信息96条。", None),
    # another metric after ';' in it is a statement of its own
    ("全年主动公开政府信息380条。其中通过政府网站公开政府信息200条;通过政务新媒体公开信息180条;收到政府信息公开申请3件。",
     "380"),
])
def test_a_sentence_of_parts_keeps_its_list_over_semicolons(text, expected):
    got = run(text).metrics
    assert got[A] == expected
    assert got[R] == ("3" if "申请" in text else None)


@pytest.mark.parametrize("text,expected", [
    # the total said after its channels, with 共, when they add up to it exactly
    ("2020年度,我委通过信息公开专栏公布政府信息436条,通过门户网站公布动态信息683条,通过微信公众号公布动态信息276条,"
     "共主动公开政府信息1395条。", "1395"),
    # a count of the townships inside the list of parts counts bodies, not items: the parts still add up
    ("2010年我县通过政府信息公开网站,共公开政府信息4586条,其中:16个乡镇发布信息2426条,各相关单位发布信息2160条。", "4586"),
])
def test_totals_whose_parts_add_up(text, expected):
    assert run(text).metrics[A] == expected


def test_applications_counted_as_cases():
    assert run("2020年,制作依申请公开信息95条,收到申请26例,均依法进行办理。").metrics[R] == "26"


def test_no_review_and_no_suit_joined_by_a_comma_after_jiu():
    got = run("2011年度,我镇未发生公民、法人和其他组织就政府信息公开申请行政复议,提起行政诉讼的情况。").metrics
    assert (got[V], got[L]) == ("0", "0")


@pytest.mark.parametrize("text,expected", [
    ("2024年收到依申请公开来信2件次,且所申请公开信息不属于本单位的公开范围。", "2"),
    ("2024年收到群众来信20件,均已办结。", None),  # a citizen's letter is no application
])
def test_letters_of_application(text, expected):
    assert run(text).metrics[R] == expected


def test_an_outlet_after_a_semicolon_is_no_part_of_the_websites_count():
    # the website's count and its parts, then the account's and the microblog's posts after ';': channels side by side,
    # no total of the year
    text = ("2023年,我局在青松市机关事务管理局官方网站对应栏目主动公开信息342条,其中发布政务要闻等信息301条,政府信息公开专栏"
            "发布信息41条;在青松市机关事务管理局微信公众号公布信息187条;在青松机关事务政务微博公布信息157条。")
    assert run(text).metrics[A] is None


def test_a_fields_items_counted_before_their_noun_are_one_group():
    # a field named as the topic (基层“两化”领域集中发布…) counts one group of the year's items, whichever order
    assert run("2023年,基层“两化”领域集中发布2991条信息,方便群众掌握。").metrics[A] is None
    assert run("2023年,共发布592条信息。").metrics[A] == "592"



# ---- twelfth session (issue 16): one table per concern, every case written for the test (invented places)

# How a report says it received no application, no review, no suit, or counts applications in words of its own.
APPLICATIONS_AND_NONE = [
    # (seventeenth session, sentences written for these tests)
    pytest.param("二、依申请公开情况\n本年度,我乡未新收到政府依申请公开件。", R, "0", id="wei-xin-shoudao"),
    pytest.param("二、依申请公开情况\n本年度无依申请公开件。", R, "0", id="wu-yishenqing-gongkai-jian"),
    pytest.param("二、依申请公开情况\n本年度无依申请公开件数统计报表。", R, None, id="wu-yishenqing-gongkai-jianshu-is-no-none"),
    pytest.param("全年收到27件依申请公开,办理了20件,结转下年继续办理7件。", R, "27", id="count-before-a-bare-yishenqing"),
    pytest.param("共收到依申请公开0件,均按时答复。无涉行政复议案件、行政诉讼案件。", V, "0", id="wu-she-review"),
    pytest.param("共收到依申请公开0件,均按时答复。无涉行政复议案件、行政诉讼案件。", L, "0", id="wu-she-litigation"),
    pytest.param("二、依申请公开情况\n全年共收到依申请公开件2件,已按期答复2件。涉及复议0件,诉讼0件,无被纠错。", L, "0",
                 id="bare-susong-after-a-review-count"),
    pytest.param("二、依申请公开情况\n全年共收到依申请公开件2件。2021年,我镇民事诉讼3件。", L, None,
                 id="bare-susong-without-a-review-count"),
    # the body as the review organ hears others' reviews: not reviews of its own acts
    pytest.param("二、依申请公开情况\n全年审理政府信息公开行政复议案件9起,其中维持5起。", V, None, id="review-organ-hears-cases"),
    pytest.param("二、依申请公开情况\n全年被申请政府信息公开行政复议案件2起。", V, "2", id="reviews-of-its-own-acts"),
    pytest.param("(二)依申请公开情况\n2019年,我镇未接获公民或法人的依申请公开诉求。", R, "0", id="jiehuo-receives"),
    pytest.param("2020年度本局无依申请公开政务信息情况。", R, "0", id="zhengwu-xinxi-as-zhengfu-xinxi"),
    # the stock wording with 公开 dropped
    pytest.param("二、依申请公开情况\n全年未发生依申请政府信息。", R, "0", id="no-yishenqing-xinxi"),
    pytest.param("二、依申请公开情况\n本年度未发生依申请和处理政府信息。", R, "0", id="no-yishenqing-he-chuli"),
    pytest.param("本年度街道政务公开不涉及依申请公开、不予公开及咨询政府信息情况。", R, "0", id="bu-sheji-yishenqing"),
    # 不涉及 only with the noun right after it: a kind of application is no none-statement
    pytest.param("本局对不涉及国家秘密的申请依法予以公开。", R, None, id="bu-sheji-a-kind-of-application"),
    pytest.param("三、依申请公开情况\n全年依申请公开数0件。", R, "0", id="label-and-zero-without-wei"),
    pytest.param("2.依申请公开政府信息的数量:无。", R, "0", id="label-answered-wu"),
    pytest.param("依申请公开数量无法统计。", R, None, id="wu-opening-a-word"),
    pytest.param("全年没有政府信息类行政复议和行政诉讼类案件。", "review.total", "0", id="zhengfu-xinxi-lei-review"),
    pytest.param("全年没有政府信息类行政复议和行政诉讼类案件。", "litigation.total", "0", id="zhengfu-xinxi-lei-suit"),
    # the old part title's pair (公开和不予公开) names applications of both outcomes; 不予 alone is one kind
    pytest.param("2016年度未收到公众关于政府信息公开和不予公开的申请。", R, "0", id="gongkai-he-buyu-gongkai"),
    pytest.param("2016年度未收到不予公开的申请。", R, None, id="buyu-gongkai-alone"),
    # one negated verb over a list that ends the sentence covers the review and the suit too
    pytest.param("2024年,我局未受理政府信息公开申请,行政复议和行政诉讼。", "review.total", "0", id="one-verb-over-a-list-review"),
    pytest.param("2024年,我局未受理政府信息公开申请,行政复议和行政诉讼。", "litigation.total", "0",
                 id="one-verb-over-a-list-suit"),
    # the list does not end the sentence: the review is said apart
    pytest.param("2024年,我局未受理政府信息公开申请,行政复议和行政诉讼各1件。", "review.total", "1",
                 id="the-list-goes-on"),
    pytest.param("三、依申请公开政府信息情况\n截至2014年12月31日,未出现公民向镇政府申请公开信息的情况。", R, "0",
                 id="no-event-of-applying"),
    pytest.param("2024年,全年收政府信息公开申请52件,均已办结。", R, "52", id="shou-alone"),
    pytest.param("2024年,收费标准按规定执行,收信息公开申请表3份。", R, None, id="shou-a-form"),
    pytest.param("2024年接收依申请信息公开办理31件,同比增长12件。", R, "31", id="taken-in-to-be-handled"),
    # counts placed before their noun
    pytest.param("2023年,青松区人民政府共收到52条依申请事项,均按期答复。", R, "52", id="yishenqing-shixiang"),
    pytest.param("今年,全市共收到9起依申请公开案件。", R, "9", id="yishenqing-gongkai-anjian"),
    pytest.param("今年,全市共收到9起行政复议案件。", R, None, id="review-cases-are-no-applications"),
    pytest.param("2023年度我局接到0件针对本部门有关政府信息公开的申请。", R, "0", id="what-they-concern-zero"),
    pytest.param("2023年度我局接到3件关于政府信息公开的申请。", R, "3", id="what-they-concern"),
    # every unit of the district is the whole area; the departments are one kind of its bodies
    pytest.param("2023年,全区各单位共收到政府信息公开申请85件。", R, "85", id="every-unit"),
    pytest.param("2023年,全区各部门共收到政府信息公开申请85件。", R, None, id="the-departments"),
    pytest.param("2024年,全年回应公众关注热点等9次。", "response.opinion_incidents", "9", id="responses-closed-by-deng"),
    # the website's categories add up to its count; the count after them is a value of its own
    pytest.param("2023年市政府网站信息发布总数1500条,其中政务动态信息900条,概况类信息100条,信息公开目录信息500条,"
                 "回应公众关注热点12次。", "response.opinion_incidents", "12", id="a-count-after-a-list-that-adds-up"),
    # the categories do not add up yet: a count among them is one more category of a total we cannot name
    pytest.param("2023年市政府网站信息发布总数1500条,其中政务动态信息900条,回应公众关注热点12次,概况类信息100条。",
                 "response.opinion_incidents", None, id="a-count-inside-the-list"),
]


@pytest.mark.parametrize("text,metric,expected", APPLICATIONS_AND_NONE)
def test_applications_none_statements_and_counts_before_their_noun(text, metric, expected):
    assert run(text).metrics[metric] == expected


# The year's proactive total against sub-units, channels, outlets and lists of parts.
PROACTIVE_TOTALS = [
    # two kinds of sub-unit joined are the whole area's bodies: the count is the year's
    pytest.param("2024年,全县各部门、各乡镇通过政府网站、政务新媒体等渠道主动公开信息8120条,其中政府网站公开2010条,"
                 "政务新媒体公开6110条。", "8120", id="two-kinds-of-sub-unit-joined"),
    pytest.param("2024年,全县各部门和各乡镇主动公开政府信息3302条。", "3302", id="two-kinds-with-he"),
    pytest.param("2024年,全县各乡镇主动公开政府信息1302条。", None, id="one-kind-of-sub-unit"),
    # the government at this level and its office are the reporting body itself; the level alone is one part
    pytest.param("2025年,区本级政府及政府办主动公开政府信息37条。", "37", id="the-government-at-its-own-level"),
    pytest.param("2025年,区本级主动公开政府信息37条。", None, id="the-district-level-alone"),
    # a count over several channels named together, with 其中 parts, is their whole; a channel count after ';' a part
    pytest.param("2024年,我局通过门户网站、公开专栏、政务新媒体主动公开信息5230条,其中,公开专栏40条;门户网站政务信息190条;"
                 "通过微信微博等新媒体发布信息5000条。", "5230", id="several-channels-with-their-parts"),
    # …or with its per-channel counts in brackets right after it; each channel alone, side by side, is a part
    pytest.param("2024年,本局通过门户网站、政务微博、政务微信等主动公开政府信息3120条(网站1410条,微博905条,微信805条)。",
                 "3120", id="several-channels-with-their-parts-in-brackets"),
    pytest.param("2024年,本局通过门户网站公开信息1410条,通过政务微博公开信息905条。", None,
                 id="two-channels-side-by-side"),
    # 其中 after a number printed without a unit makes what follows its part all the same
    pytest.param("2024年,本局主动公开政府信息3120条。全年共制发规范性文件64,其中主动公开58,公开率91%。", "3120",
                 id="part-of-a-number-without-unit"),
    # one channel broken down by category, beside another channel: neither is the year's
    pytest.param("2024年,我局门户网站主动公开信息250条,其中政策文件30条;微信公众号发布信息120条。", None,
                 id="one-channel-by-category-beside-another"),
    # the parts add up to the total and the sentence then counts other things in other units: the list ended there
    pytest.param("全年主动公开信息1310条,其中,政务动态信息1200条、信息公开目录信息80条、概况类信息30条,组织在线访谈12场,"
                 "征求公众意见3次,发布图解信息5条。", "1310", id="list-ends-before-counts-in-other-units"),
    # no other count between: the 5条 is one more part, and the parts contradict the total
    pytest.param("全年主动公开信息1310条,其中,政务动态信息1200条、信息公开目录信息80条、概况类信息30条,发布图解信息5条。",
                 None, id="one-more-part-contradicts"),
    # the intro's 6个部分 is no total of items: the proactive count after 主要包括 is the year's
    pytest.param("本报告由总体情况、主动公开政府信息情况等6个部分组成。\n(一)主动公开政府信息情况\n"
                 "我镇主动公开的信息主要包括:政策文件、工作动态等公开目录的内容,2025年通过政府信息公开平台、镇区及各村电子屏、"
                 "政府信息公开服务点等主动公开信息共计1200条,其中:工作动态类700条,政策文件类500条。", "1200",
                 id="list-opening-after-a-count-of-another-unit"),
    # the villages' screens named among the channels are channels, not sub-units
    pytest.param("2025年,我镇通过政府信息公开平台、镇区及各村电子屏等主动公开信息共计1200条。", "1200", id="villages-screens"),
    # a list closed by 等 between the verb and a count placed before its noun names the whole
    pytest.param("2022年,市青松局通过政府网站发布政策解读、信息公开年报、机构职能等7条信息。", "7", id="a-list-before-the-count"),
    pytest.param("2014年共在县政府信息公开平台发布各类重要信息93条。", "93", id="gelei-zhongyao-xinxi"),
    # a platform named as the subject of its disclosures is a channel: beside another channel, no total
    pytest.param("2025年本局通过市政府网站主动公开政府信息数量6条;青松市信用平台主动公开行政处罚信息数量52条。", None,
                 id="a-platform-as-the-subject"),
    pytest.param("2025年,本局通过市政府网站主动公开政府信息6条。", "6", id="a-lone-website-count"),
    # 分别 before one count: each channel's, or the others' numbers were lost; never the year's total
    pytest.param("2024年,管委会官方网站和政务新媒体微信公众号分别发布信息400条。", None, id="fenbie-one-count"),
    pytest.param("2024年,管委会官方网站和微信公众号分别发布信息400条、300条。", None, id="fenbie-two-counts"),
    pytest.param("2024年,管委会通过官方网站和微信公众号共发布信息700条。", "700", id="gong-over-two-channels"),
    # newspapers and television closed by 等媒体 are the press only; a site among them makes several channels
    pytest.param("2013年,本局通过青松日报、青松电视台等媒体公开信息60条。", None, id="the-press-alone"),
    pytest.param("2013年,本局通过门户网站、青松日报等媒体公开信息60条。", "60", id="a-site-and-the-press"),
    # social accounts closed by 等新媒体, with formats named by 等形式: outlets only
    pytest.param("二是充分利用微博、微信公众号、抖音政务号等新媒体,以图文、视频等形式及时发布信息,全年发布信息430条。", None,
                 id="social-accounts-and-formats"),
    pytest.param("充分利用门户网站、微信公众号等新媒体,以图文、视频等形式及时发布信息,全年发布信息430条。", "430",
                 id="a-site-and-social-accounts"),
    # the city library's reading room is an outlet: its count beside the sites' is no total
    pytest.param("2016年在政府信息公开平台发布信息73条。\n2016年在青松文化网发布信息270条。\n市图书馆主动公开政府信息988条,"
                 "共接待公众查阅政府公开信息486人次。", None, id="the-library-is-an-outlet"),
    # the website with the archives' and the library's reading rooms: one count over several channels
    pytest.param("2022年,通过青松区政府网站、区档案馆和图书馆的政府信息查阅室主动公开政府信息16条。", "16",
                 id="a-site-the-archives-and-the-library"),
    # 上报区政府门户网站…: what the subdistrict sent to the district's site, beside its own WeChat count: no total
    pytest.param("全年累计上报区政府门户网站新闻及公示信息120条,其中图解信息2条。\n街道政务新媒体微信公众号公开信息40条。", None,
                 id="sent-up-to-the-districts-site"),
    # one channel cannot exceed the whole: a "total" smaller than the website's count is one kind of what was published
    pytest.param("2023年,本局门户网站主动公开信息1743条。\n全年主动公开政府信息130条,其中政策文件30条、工作动态100条。", None,
                 id="a-channel-exceeds-the-total"),
    pytest.param("全年主动公开政府信息130条。\n本局门户网站主动公开信息100条。", "130", id="a-channel-within-the-total"),
    # a social account's posts are an outlet of their own, however many
    pytest.param("全年主动公开政府信息130条。\n本局微信公众号全年发布信息400条。", "130", id="more-posts-than-the-total"),
]


@pytest.mark.parametrize("text,expected", PROACTIVE_TOTALS)
def test_proactive_totals_against_sub_units_channels_and_lists(text, expected):
    assert run(text).metrics[A] == expected


# Pages flattened to one line (a scraper that drops every line break), read from a file so that normalisation glues
# CJK words across the spaces that were the page's line breaks: the file's spaces still end headings and open items.
_TOP = "青松海事处2023年政府信息公开工作年度报告 一、总体情况 "
FLAT_FIGURES = [
    # the report's year with its 年 dropped after a sub-item's label is no count
    pytest.param(_TOP + "(一)主动公开 2023,海事处认真落实公开要求,通过政府门户网站主动公开各类信息18条。", A, "18",
                 id="a-year-without-nian-after-a-label"),
    # a sub-item's heading glued to the sentence after it (依申请公开 in the heading is no context of the count)
    pytest.param(_TOP + "(一)组织领导 本处加强领导。 (二)主动公开和依申请公开 主动公开政府信息2604条,重点领域信息公开872条。",
                 A, "2604", id="a-sub-heading-glued-to-its-sentence"),
    # a sub-item's heading that lists its topics with 、 and runs past 16 characters, then a sentence opening with the
    # year: the heading's 复议、诉讼 are no context of the applications counted after it
    pytest.param(_TOP + "(一)组织领导 本处加强领导。 (二)依申请公开及行政复议、诉讼、申诉情况 2023年度本处受理政府信息公开申请5件。",
                 "requests.received", "5", id="a-long-sub-heading-listing-its-topics"),
    # a sub-item that opens after a sentence left without its stop (the line break was its end)
    pytest.param(_TOP + "(一)做好宣传 2023年,本处网站发布动态信息140条,发布学习心得体会 (二)加强政府信息主动公开 2023年,"
                 "我处通过官方网站、政务新媒体平台主动公开信息2021条,其中,官方网站731条。", A, "2021",
                 id="a-sub-item-after-a-sentence-without-its-stop"),
    # a part answered with a bare 无 after its heading
    pytest.param(_TOP + "本处推进公开。 三、收到和处理政府信息公开申请情况 全年收到申请3件。 四、政府信息公开行政复议、行政诉讼情况 无。 "
                 "五、存在的主要问题及改进情况 人员不足。", "review.total", "0", id="a-part-answered-none"),
]


@pytest.mark.parametrize("text,metric,expected", FLAT_FIGURES)
def test_figures_of_a_page_flattened_to_one_line(tmp_path, text, metric, expected):
    from report_parser import pipeline

    path = tmp_path / "flat.txt"
    path.write_text(text, encoding="utf-8")
    assert pipeline.parse_file(path).metrics[metric] == expected
