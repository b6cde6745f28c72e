using System.Globalization;

namespace PostLoan.Web.Localization;

/// <summary>
/// The screens' words in Chinese (the default) and English, chosen by the request culture
/// (zh-CN or en, switched with the language button and kept in a cookie).
/// </summary>
public static class UiText
{
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private static readonly Dictionary<string, (string Zh, string En)> Words = new()
    {
        ["app"] = ("PostLoan 贷后管理", "PostLoan post-loan management"),
        ["dashboard"] = ("资产组合", "Portfolio"),
        ["loans"] = ("贷款", "Loans"),
        ["borrower"] = ("借款人", "Borrower"),
        ["sign_in"] = ("登录", "Sign in"),
        ["sign_out"] = ("退出", "Sign out"),
        ["user_name"] = ("用户名", "User name"),
        ["password"] = ("密码", "Password"),
        ["sign_in_failed"] = ("用户名或密码错误", "User name or password is wrong"),
        ["locked"] = ("登录失败次数过多，账户已锁定 15 分钟", "Too many failed sign-ins: the account is locked for 15 minutes"),
        ["business_date"] = ("业务日期", "Business date"),
        ["active_loans"] = ("在贷笔数", "Active loans"),
        ["balance"] = ("贷款余额", "Balance"),
        ["npl_ratio"] = ("不良率", "NPL ratio"),
        ["dpd30"] = ("逾期30天以上占比", "30+ DPD ratio"),
        ["dpd90"] = ("逾期90天以上占比", "90+ DPD ratio"),
        ["provision"] = ("监管拨备", "Regulatory provision"),
        ["by_bucket"] = ("按逾期阶段的余额", "Balance by bucket"),
        ["by_class"] = ("五级分类", "Balance by class"),
        ["npl_trend"] = ("不良率走势（月末）", "NPL ratio by month end"),
        ["new_overdue"] = ("本月新增逾期", "New overdue this month"),
        ["top_exposures"] = ("最大敞口", "Top exposures"),
        ["loan"] = ("贷款", "Loan"),
        ["product"] = ("产品", "Product"),
        ["segment"] = ("板块", "Segment"),
        ["bucket"] = ("逾期阶段", "Bucket"),
        ["class"] = ("五级分类", "Class"),
        ["stage"] = ("IFRS 9 阶段", "IFRS 9 stage"),
        ["branch"] = ("机构", "Branch"),
        ["manager"] = ("客户经理", "Account manager"),
        ["search"] = ("搜索（贷款号、借款人）", "Search (loan, borrower)"),
        ["all"] = ("全部", "All"),
        ["outstanding"] = ("余额", "Outstanding"),
        ["principal"] = ("本金", "Principal"),
        ["interest"] = ("利息", "Interest"),
        ["fees"] = ("费用", "Fees"),
        ["paid"] = ("已还", "Paid"),
        ["penalty"] = ("罚息", "Penalty"),
        ["status"] = ("状态", "Status"),
        ["dpd"] = ("逾期天数", "DPD"),
        ["due_date"] = ("应还日", "Due date"),
        ["schedule"] = ("还款计划", "Schedule"),
        ["transactions"] = ("交易流水", "Transactions"),
        ["history"] = ("状态与分类变动", "State and class history"),
        ["terms"] = ("合同要素", "Terms"),
        ["state"] = ("贷后状态", "Servicing state"),
        ["rate"] = ("年利率", "Annual rate"),
        ["method"] = ("还款方式", "Repayment method"),
        ["term"] = ("期限（月）", "Term (months)"),
        ["disbursed"] = ("放款日", "Disbursed"),
        ["maturity"] = ("到期日", "Maturity"),
        ["reason"] = ("原因", "Reason"),
        ["date"] = ("日期", "Date"),
        ["kind"] = ("类型", "Kind"),
        ["from"] = ("原值", "From"),
        ["to"] = ("新值", "To"),
        ["amount"] = ("金额", "Amount"),
        ["overdue"] = ("逾期", "Overdue"),
        ["not_found"] = ("找不到，或不在您的数据范围内", "Not found, or outside your data scope"),
        ["loans_of_borrower"] = ("借款人的全部贷款", "All loans of the borrower"),
        ["national_id"] = ("证件号码", "ID number"),
        ["phone"] = ("电话", "Phone"),
        ["region"] = ("地区", "Region"),
        ["industry"] = ("行业", "Industry"),
        ["bureau"] = ("征信（90天以上逾期/总负债）", "Bureau (90+ overdue / total debt)"),
        ["language"] = ("English", "中文"),
        ["no_access"] = ("您的角色无权查看此页面", "Your role may not see this page"),
        ["audit"] = ("审计日志", "Audit trail"),
        ["audit_intact"] = ("审计链完整，记录数", "Audit trail intact, entries"),
        ["audit_broken"] = ("审计链在此记录处断开：", "Audit trail broken at entry"),
        ["when"] = ("时间", "When"),
        ["who"] = ("操作人", "Who"),
        ["action"] = ("操作", "Action"),
        ["what"] = ("对象", "What"),
        ["before"] = ("变更前", "Before"),
        ["after"] = ("变更后", "After"),
        ["alerts"] = ("预警", "Alerts"),
        ["watch_list"] = ("关注名单", "Watch list"),
        ["severity"] = ("级别", "Severity"),
        ["rule"] = ("规则", "Rule"),
        ["raised_on"] = ("触发日", "Raised"),
        ["first_action_due"] = ("首次处理时限", "First action due"),
        ["facts"] = ("触发时的特征值", "Facts that fired it"),
        ["alert_open"] = ("未处理", "Open"),
        ["alert_acknowledged"] = ("已认领", "Acknowledged"),
        ["alert_escalated"] = ("已上报", "Escalated"),
        ["alert_resolved"] = ("已解除", "Resolved"),
        ["alert_dismissed"] = ("已排除", "Dismissed"),
        ["alert_all"] = ("全部", "All"),
        ["sla_breached"] = ("已超时", "Breached"),
        ["sla_on_time"] = ("未超时", "On time"),
        ["acknowledge"] = ("认领", "Acknowledge"),
        ["resolve"] = ("解除", "Resolve"),
        ["dismiss"] = ("排除", "Dismiss"),
        ["escalate"] = ("上报", "Escalate"),
        ["note_or_reason"] = ("处理说明 / 排除原因 / 上报对象", "Note, dismissal reason, or whom to escalate to"),
        ["note_help"] = ("排除必须填写原因；上报填写对象（如 role:risk_officer）", "A dismissal needs a reason; an escalation needs whom to (e.g. role:risk_officer)"),
        ["borrower_id"] = ("借款人编号", "Borrower id"),
        ["owner"] = ("跟进人", "Owner"),
        ["review_on"] = ("复核日", "Review on"),
        ["added_on"] = ("列入日", "Added"),
        ["add_to_watch_list"] = ("列入关注名单", "Add to the watch list"),
        ["added_to_watch_list"] = ("已列入关注名单", "added to the watch list"),
        ["removed_from_watch_list"] = ("已移出关注名单", "taken off the watch list"),
        ["reviews_due"] = ("只看到期复核", "Reviews due only"),
        ["keep_3_months"] = ("复核：继续关注 3 个月", "Reviewed: keep 3 months"),
        ["remove"] = ("移出", "Remove"),
        ["removal_reason"] = ("移出原因", "Reason for removal"),
        ["rules"] = ("预警规则", "Rules"),
        ["rule_editor"] = ("规则编辑（保存为草稿；启用需他人复核）", "Rule editor (saved as a draft; activation needs a second person)"),
        ["code"] = ("编号", "Code"),
        ["name"] = ("名称", "Name"),
        ["segments_hint"] = ("适用板块（逗号分隔，空为全部）", "Segments (comma-separated, empty for all)"),
        ["condition"] = ("触发条件", "Condition"),
        ["reads"] = ("读取特征", "reads"),
        ["save_draft"] = ("保存草稿", "Save draft"),
        ["backtest"] = ("回测", "Back-test"),
        ["from_month"] = ("起始月（YYYY-MM）", "From (YYYY-MM)"),
        ["to_month"] = ("截止月（YYYY-MM）", "To (YYYY-MM)"),
        ["run_backtest"] = ("运行回测", "Run back-test"),
        ["month_end"] = ("月末", "Month end"),
        ["bad_6m"] = ("6个月内逾期90天以上", "90+ DPD within 6 months"),
        ["hits"] = ("命中", "Hits"),
        ["precision"] = ("精确率", "Precision"),
        ["recall"] = ("召回率", "Recall"),
        ["lift"] = ("提升度", "Lift"),
        ["total"] = ("合计", "Total"),
        ["backtest_note"] = ("灰色月份的6个月观察期尚未结束，不计入合计。回测使用月末快照中的特征。", "Grey months' 6-month horizon is not over yet; they are left out of the total. Back-tests read the features kept in month-end snapshots."),
        ["request_activation"] = ("申请启用", "Request activation"),
        ["approve"] = ("复核通过", "Approve"),
        ["reject"] = ("退回", "Reject"),
        ["retire"] = ("停用", "Retire"),
        ["no_state"] = ("尚无贷后状态：请运行日终", "No servicing state yet: run end-of-day"),
    };

    public static string T(string key) =>
        Words.TryGetValue(key, out var w) ? (CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? w.Zh : w.En) : key;

    public static string SeverityName(string severity) => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal)
        ? severity switch { "red" => "红色", "orange" => "橙色", "yellow" => "黄色", _ => severity }
        : severity switch { "red" => "Red", "orange" => "Orange", "yellow" => "Yellow", _ => severity };

    public static string Money(decimal amount) => amount.ToString("N2", CultureInfo.CurrentCulture);

    public static string Percent(decimal ratio) => (ratio * 100m).ToString("0.00", CultureInfo.CurrentCulture) + "%";

    public static string Date(DateOnly? date) => date?.ToString("d", CultureInfo.CurrentCulture) ?? "";

    public static string ClassName(string code) => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal)
        ? code switch { "normal" => "正常", "special_mention" => "关注", "substandard" => "次级", "doubtful" => "可疑", "loss" => "损失", _ => code }
        : code switch { "normal" => "Normal", "special_mention" => "Special mention", "substandard" => "Substandard", "doubtful" => "Doubtful", "loss" => "Loss", _ => code };
}
