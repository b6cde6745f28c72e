using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PostLoan.Application.Common;
using PostLoan.Application.EndOfDay;
using PostLoan.Application.Inspections;
using PostLoan.Domain.Audit;
using PostLoan.Domain.Classification;
using PostLoan.Domain.Common;
using PostLoan.Domain.EarlyWarning;
using PostLoan.Domain.Inspections;
using PostLoan.Domain.Loans;
using PostLoan.Infrastructure.Audit;
using PostLoan.Infrastructure.Identity;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.Demo;

/// <summary>What the simulated post-loan work did. <see cref="OverdueLeft"/> is a count at the end, not a sum.</summary>
/// <param name="Done">Tasks done: visit tasks answered by a report, and reviews recorded by a risk officer.</param>
/// <param name="Covered">Alert and follow-up tasks cancelled because another visit to the loan on the same day covered them.</param>
public sealed record DemoVisitResult(int Done, int OnTime, int Late, int Covered, int Reports, int Approved, int Returned, int Resubmitted, int OverdueLeft)
{
    public static readonly DemoVisitResult None = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static DemoVisitResult operator +(DemoVisitResult a, DemoVisitResult b) => new(a.Done + b.Done, a.OnTime + b.OnTime, a.Late + b.Late,
        a.Covered + b.Covered, a.Reports + b.Reports, a.Approved + b.Approved, a.Returned + b.Returned, a.Resubmitted + b.Resubmitted, b.OverdueLeft);
}

/// <summary>
/// The demo's account managers, branch managers and risk officers at work (SPEC §7), so that the demo book has a history
/// of visits: on a business date they work the open tasks due before the next round, file visit reports, review the
/// reports filed in earlier rounds and record the class reviews. Deterministic: each decision is a hash of the seed and
/// the task or report id, so the same book, dates and seed give the same work.
/// </summary>
/// <remarks>
/// Most tasks are done by their due date, some late (a few days to three weeks), a few never (left for end-of-day to
/// escalate). A loan with several tasks due is visited once: the other alert and follow-up tasks are cancelled as
/// covered by that visit. Methods follow the work: on-site for first inspections, corporate and project visits, online
/// data checks for project progress, the phone for most retail. "No" answers and higher ratings are likelier on loans
/// that are special mention or worse, overdue, or with open alerts; a high rating proposes a worse class and a
/// follow-up visit. Reports are written through the domain model in one transaction per round (the report services
/// take a transaction per call, too slow for thousands of reports) with the same audit entries the services write.
/// Actors are names only: <c>user:demo.&lt;manager code&gt;</c> for account managers, <c>user:demo.bm.&lt;branch&gt;</c>
/// for the reviewers, <c>user:risk</c> for the class reviews. Collateral revaluation tasks are left to end-of-day.
/// </remarks>
public sealed class DemoVisits(DatabaseSettings database, TimeProvider clock)
{
    /// <summary>Days between two rounds of work (and two end-of-day runs) in <see cref="Advance"/>.</summary>
    public const int StepDays = 7;

    private const double LeftShare = 0.05;
    private const double LateShare = 0.13;
    private const double ReturnShare = 0.07;

    private static readonly TaskViewer Risk = new("user:risk", null, [Roles.RiskOfficer], null, DataScope.All);

    /// <summary>
    /// Where the demo's history of work begins: the first day of the month before the last full month up to
    /// <paramref name="date"/> (<paramref name="date"/>'s month when it is the month's last day), so that the last full
    /// month's briefing has a month before it to compare with.
    /// </summary>
    public static DateOnly WorkStart(DateOnly date)
    {
        var lastFull = new DateOnly(date.Year, date.Month, 1).AddMonths(date.AddDays(1).Day == 1 ? 0 : -1);
        return lastFull.AddMonths(-1);
    }

    /// <summary>
    /// From the current business date to <paramref name="through"/>: works the tasks, then runs end-of-day
    /// <see cref="StepDays"/> at a time, working the tasks after each run. <paramref name="progress"/> gets the business
    /// date reached after each round.
    /// </summary>
    public Result<DemoVisitResult> Advance(EndOfDayService eod, DateOnly through, int seed, Action<DateOnly>? progress = null)
    {
        using (var db = database.CreateContext())
            if (EndOfDayService.CurrentBusinessDate(db) is null) return Result<DemoVisitResult>.Conflict("there is no business date yet: run end-of-day first");
        var total = DemoVisitResult.None;
        var today = eod.BusinessDate()!.Value;
        while (true)
        {
            var next = today.AddDays(StepDays) < through ? today.AddDays(StepDays) : through;
            total += Work(today, seed, today < through ? next : today.AddDays(StepDays));
            progress?.Invoke(today);
            if (today >= through) return Result<DemoVisitResult>.Ok(total);
            var run = eod.Run(new EndOfDayRequest(Through: next));
            if (!run.Succeeded) return Result<DemoVisitResult>.Conflict($"end-of-day through {next:yyyy-MM-dd}: {run.Failure!.Message}");
            today = next;
        }
    }

    /// <summary>
    /// One round of work on the current business date <paramref name="today"/>: reviews of the reports filed before
    /// today, corrections of the returned ones, the tasks due up to <paramref name="until"/> that get done today, and
    /// the class and restructuring reviews due.
    /// </summary>
    public DemoVisitResult Work(DateOnly today, int seed, DateOnly until)
    {
        using var db = database.CreateContext();
        if (EndOfDayService.CurrentBusinessDate(db) != today) throw new InvalidOperationException($"the business date is not {today:yyyy-MM-dd}");
        var audit = new List<AuditRecord>();
        var branches = db.Borrowers.AsNoTracking().Select(b => new { b.Id, b.Branch }).ToDictionary(b => b.Id, b => b.Branch);

        using var tx = db.Database.BeginTransaction();
        var (approved, returned, resubmitted) = Review(db, today, seed, branches, audit);
        var (reports, onTime, late, covered) = Visit(db, today, seed, until, audit);
        new AuditTrail(database, clock).Append(audit, tx.GetDbTransaction());
        tx.Commit();
        var (reviews, reviewsOnTime) = Decide(db, today, seed, until);
        var overdue = db.InspectionTasks.Count(t => (t.Status == InspectionTaskStatus.Open || t.Status == InspectionTaskStatus.InProgress)
            && t.DueOn < today && t.Kind != TaskKinds.CollateralRevaluation);
        return new DemoVisitResult(reports + reviews, onTime + reviewsOnTime, late + reviews - reviewsOnTime, covered, reports, approved, returned, resubmitted, overdue);
    }

    /// <summary>Branch managers approve the reports submitted before today or send a few back; authors correct and resubmit the returned ones.</summary>
    private static (int Approved, int Returned, int Resubmitted) Review(PostLoanDbContext db, DateOnly today, int seed, Dictionary<long, string?> branches, List<AuditRecord> audit)
    {
        int approved = 0, returned = 0, resubmitted = 0;
        var waiting = db.VisitReports.Where(r => (r.Status == VisitReportStatus.Submitted && r.SubmittedOn < today)
            || (r.Status == VisitReportStatus.Returned && r.ReviewedOn < today)).OrderBy(r => r.Id).ToList();
        var loans = Loans(db, waiting.Select(r => r.LoanId));
        var kinds = TaskKindsOf(db, waiting.Where(r => r.TaskId != null).Select(r => r.TaskId!.Value));
        foreach (var report in waiting)
        {
            var before = ReportBook.Snapshot(report);
            if (report.Status == VisitReportStatus.Returned)
            {
                var loan = loans[report.LoanId];
                var kind = report.TaskId is { } t ? kinds.GetValueOrDefault(t) : null;
                report.Edit(Content(report) with { Findings = report.Findings + " " + Pick(Supplements, seed, Key(report), 31) }, report.Author);
                audit.Add(Record(report.Author, "report.edit", report, before));
                var problems = report.Submit(today, report.Author, VisitChecklist.For(loan.Segment, loan.Secured, loan.DisbursedOn, report.VisitedOn, kind));
                if (problems.Count > 0) throw new InvalidOperationException($"demo report {report.Id}: {string.Join("; ", problems)}");
                audit.Add(Record(report.Author, "report.submit", report, ReportBook.Snapshot(report)));
                resubmitted++;
                continue;
            }
            var reviewer = Reviewer(branches.GetValueOrDefault(report.BorrowerId));
            if (report.ReviewNote is null && Chance(seed, Key(report), 32) < ReturnShare)
            {
                report.Return(today, reviewer, Pick(ReturnNotes, seed, Key(report), 33));
                audit.Add(Record(reviewer, "report.return", report, before));
                returned++;
            }
            else
            {
                report.Approve(today, reviewer, report.RiskRating == RiskRating.Low ? null : "同意，请按建议措施跟进。");
                audit.Add(Record(reviewer, "report.approve", report, before));
                approved++;
            }
        }
        db.SaveChanges();
        return (approved, returned, resubmitted);
    }

    /// <summary>The visit tasks that get done today: a report each, filed by the account manager; the loan's other alert and follow-up tasks are covered by it.</summary>
    private static (int Reports, int OnTime, int Late, int Covered) Visit(PostLoanDbContext db, DateOnly today, int seed, DateOnly until, List<AuditRecord> audit)
    {
        var open = db.InspectionTasks.Where(t => (t.Status == InspectionTaskStatus.Open || t.Status == InspectionTaskStatus.InProgress) && t.LoanId != null
            && t.Kind != TaskKinds.CollateralRevaluation && t.Kind != TaskKinds.ClassReview && t.Kind != TaskKinds.RestructuringReview).ToList();
        var due = open.Where(t => TaskKinds.IsVisit(t.Kind) && WorkedToday(t, today, until, seed)).ToList();
        var loans = Loans(db, due.Select(t => t.LoanId!.Value));
        var alerted = OpenAlerts(db, loans.Keys);
        var openByLoan = open.GroupBy(t => t.LoanId!.Value).ToDictionary(g => g.Key, g => g.ToList());

        var work = new List<(InspectionTask Task, VisitReport Report, LoanFacts Loan)>();
        var covers = new List<(InspectionTask Covered, InspectionTask By)>();
        foreach (var group in due.Where(t => loans.ContainsKey(t.LoanId!.Value)).GroupBy(t => t.LoanId!.Value).OrderBy(g => g.Key))
        {
            var loan = loans[group.Key];
            if (loan.Status != LoanStatus.Active) continue;
            // Each policy task is its own inspection; alert and follow-up tasks ride on the loan's first visit of the day.
            var visits = group.Where(t => t.Origin == TaskOrigin.Policy).OrderBy(t => t.DueOn).ThenBy(t => t.Kind, StringComparer.Ordinal).ThenBy(t => t.Id).ToList();
            var rest = openByLoan[group.Key].Where(t => t.Origin != TaskOrigin.Policy && TaskKinds.IsVisit(t.Kind))
                .OrderBy(t => t.DueOn).ThenBy(t => t.Kind, StringComparer.Ordinal).ThenBy(t => t.CreatedOn).ThenBy(t => t.Id).ToList();
            if (visits.Count == 0)
            {
                if (rest.FirstOrDefault(t => group.Contains(t)) is not { } lead) continue;
                visits.Add(lead);
            }
            foreach (var task in visits)
                work.Add((task, Draft(task, loan, alerted.GetValueOrDefault(loan.Id), today, seed), loan));
            foreach (var other in rest.Where(t => !visits.Contains(t))) covers.Add((other, visits[0]));
        }

        foreach (var (task, report, _) in work)
        {
            if (task.Status == InspectionTaskStatus.Open) task.Start(today);
            db.VisitReports.Add(report);
        }
        db.SaveChanges();

        int onTime = 0, late = 0;
        var opened = new List<InspectionTask>();
        foreach (var (task, report, loan) in work)
        {
            audit.Add(Record(report.Author, "report.draft", report, null));
            var problems = report.Submit(today, report.Author, VisitChecklist.For(loan.Segment, loan.Secured, loan.DisbursedOn, report.VisitedOn, task.Kind));
            if (problems.Count > 0) throw new InvalidOperationException($"demo report on task {task.Id}: {string.Join("; ", problems)}");
            var before = TaskBook.Snapshot(task);
            task.Complete(today, report.Author, report.Id);
            if (task.DoneOnTime) onTime++;
            else late++;
            audit.Add(Record(report.Author, "report.submit", report, ReportBook.Snapshot(report)));
            audit.Add(new AuditRecord(report.Author, "task.complete", "task", Id(task.Id), before, TaskBook.Snapshot(task)));
            opened.AddRange(report.Actions.Select(a => ReportBook.ActionTask(a, report, loan.BorrowerId, loan.Manager, today, report.Author)));
        }
        foreach (var (other, by) in covers)
        {
            var before = TaskBook.Snapshot(other);
            other.Cancel(today, $"covered by the visit of task {by.Id} (已在任务 {by.Id} 的检查中一并核实)");
            audit.Add(new AuditRecord(Author(loans[by.LoanId!.Value].Manager), "task.cancel", "task", Id(other.Id), before, TaskBook.Snapshot(other)));
        }
        db.InspectionTasks.AddRange(opened);
        db.SaveChanges();
        return (work.Count, onTime, late, covers.Count);
    }

    /// <summary>Risk officers record the class and restructuring reviews due before the next round.</summary>
    private (int Done, int OnTime) Decide(PostLoanDbContext db, DateOnly today, int seed, DateOnly until)
    {
        var reviews = db.InspectionTasks.AsNoTracking().Where(t => (t.Status == InspectionTaskStatus.Open || t.Status == InspectionTaskStatus.InProgress)
                && (t.Kind == TaskKinds.ClassReview || t.Kind == TaskKinds.RestructuringReview))
            .OrderBy(t => t.Id).ToList().Where(t => WorkedToday(t, today, until, seed)).ToList();
        var tasks = new TaskBook(database, clock);
        int done = 0, onTime = 0;
        foreach (var task in reviews)
        {
            var note = task.Kind == TaskKinds.ClassReview ? Pick(ClassDecisions, seed, Key(task), 41) : Pick(RestructuringDecisions, seed, Key(task), 42);
            var result = tasks.Complete(task.Id, note, Risk);
            if (!result.Succeeded) throw new InvalidOperationException($"demo review of task {task.Id}: {result.Failure!.Message}");
            done++;
            if (today <= task.DueOn) onTime++;
        }
        return (done, onTime);
    }

    /// <summary>Whether a task gets done today: most before they are due (by the next round), some a few days to three weeks late, a few never.</summary>
    private static bool WorkedToday(InspectionTask task, DateOnly today, DateOnly until, int seed)
    {
        var fate = Chance(seed, Key(task), 1);
        if (fate < LeftShare) return false;
        if (fate < LeftShare + LateShare) return task.DueOn.AddDays(2 + (int)(Chance(seed, Key(task), 2) * 20)) <= today;
        return task.DueOn < until;
    }

    private static VisitReport Draft(InspectionTask task, LoanFacts loan, int alerts, DateOnly today, int seed)
    {
        var id = Key(task);
        var method = Method(task.Kind, loan, Chance(seed, id, 3));
        // The visit happened in the last few days, never before the task was opened, preferably on a weekday.
        var visited = today.AddDays(-(int)(Chance(seed, id, 4) * 4));
        while (visited.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && visited > task.CreatedOn) visited = visited.AddDays(-1);
        if (visited < task.CreatedOn) visited = task.CreatedOn;
        var required = VisitChecklist.For(loan.Segment, loan.Secured, loan.DisbursedOn, visited, task.Kind);

        var risk = loan.Class switch
        {
            RiskClass.Normal => 0.01,
            RiskClass.SpecialMention => 0.05,
            RiskClass.Substandard => 0.1,
            _ => 0.18,
        } + (alerts > 0 ? 0.03 : 0) + (loan.Dpd > 0 ? 0.03 : 0);
        var entries = new List<ChecklistEntry>();
        var problems = new List<string>();
        var salt = 10;
        foreach (var item in required)
        {
            salt++;
            var collateralItem = item == VisitChecklist.CollateralIntact || item == VisitChecklist.InsuranceValid;
            if (collateralItem && method != VisitMethod.OnSite && Chance(seed, id, salt + 40) < 0.5)
            {
                entries.Add(new ChecklistEntry(item.Code, ChecklistAnswer.NotChecked, method == VisitMethod.Phone ? "电话回访，未实地查看押品，下次现场检查时核实。" : "线上核查无法确认押品现状，待现场核实。"));
                continue;
            }
            var pNo = item == VisitChecklist.Willing || item == VisitChecklist.Able ? risk + (loan.Dpd > 0 ? 0.06 : 0) : risk;
            if (Chance(seed, id, salt) < pNo)
            {
                var note = Pick(ProblemNotes[item.Code], seed, id, salt + 20);
                entries.Add(new ChecklistEntry(item.Code, ChecklistAnswer.No, note));
                problems.Add(note);
            }
            else entries.Add(new ChecklistEntry(item.Code, ChecklistAnswer.Yes));
        }

        var rating = problems.Count switch
        {
            0 => loan.Class != RiskClass.Normal || alerts > 0 ? (Chance(seed, id, 5) < 0.3 ? RiskRating.Medium : RiskRating.Low) : RiskRating.Low,
            1 => RiskRating.Medium,
            _ => RiskRating.High,
        };
        var actions = new List<ReportAction>();
        if (rating == RiskRating.High)
        {
            actions.Add(new ReportAction(ReportActionKind.FollowUpTask, Pick(FollowUpNotes, seed, id, 6), TaskKinds.FollowUpVisit, today.AddDays(10 + (int)(Chance(seed, id, 7) * 10))));
            // A follow-up checks what an earlier report found and proposed: it does not propose again.
            var proposes = task.Origin != TaskOrigin.Report;
            if (proposes && loan.Class < RiskClass.Loss && Chance(seed, id, 8) < 0.6)
                actions.Add(new ReportAction(ReportActionKind.ProposeClass, Pick(ClassNotes, seed, id, 9), ProposedClass: loan.Class + 1));
            else if (proposes && loan.Class >= RiskClass.Substandard && Chance(seed, id, 8) < 0.8)
                actions.Add(new ReportAction(ReportActionKind.ProposeRestructuring, "借款人经营困难但仍有持续经营能力，建议评估展期或重组方案。"));
        }
        else if (rating == RiskRating.Medium && Chance(seed, id, 6) < 0.35)
            actions.Add(new ReportAction(ReportActionKind.FollowUpTask, Pick(FollowUpNotes, seed, id, 6), TaskKinds.FollowUpVisit, today.AddDays(15 + (int)(Chance(seed, id, 7) * 15))));

        var opening = Pick(method switch
        {
            VisitMethod.Phone => PhoneOpenings,
            VisitMethod.OnlineCheck => OnlineOpenings,
            _ => loan.Segment switch { Segment.Project => ProjectOpenings, Segment.Corporate => CorporateOpenings, _ => RetailOpenings },
        }, seed, id, 12);
        var findings = problems.Count == 0
            ? opening + Pick(rating == RiskRating.Low ? CleanClosings : WatchClosings, seed, id, 13)
            : $"{opening}发现问题：{string.Join("；", problems.Select(p => p.TrimEnd('。')))}。{Pick(rating == RiskRating.High ? HighClosings : WatchClosings, seed, id, 13)}";
        var participants = method switch
        {
            VisitMethod.Phone => $"客户经理 {loan.Manager}; {Contact(loan, seed, id)}（电话）",
            VisitMethod.OnlineCheck => $"客户经理 {loan.Manager}（线上核查征信、流水及税务数据）",
            _ => $"客户经理 {loan.Manager}; {Contact(loan, seed, id)}" + (loan.Segment == Segment.Retail ? "" : "; 风险经理"),
        };
        return VisitReport.Draft(loan.Id, loan.BorrowerId, task.Id, Author(loan.Manager), today,
            new VisitReportContent(method, visited, participants, entries, findings, rating, actions));
    }

    private static VisitMethod Method(string kind, LoanFacts loan, double u) => kind switch
    {
        TaskKinds.FirstInspection => u < 0.9 ? VisitMethod.OnSite : VisitMethod.Phone,
        TaskKinds.ProjectSiteVisit => VisitMethod.OnSite,
        TaskKinds.ProjectProgressCheck => u < 0.65 ? VisitMethod.OnlineCheck : VisitMethod.OnSite,
        TaskKinds.AdhocInspection => u < 0.85 ? VisitMethod.OnSite : VisitMethod.Phone,
        _ when loan.Segment == Segment.Retail => u < 0.7 ? VisitMethod.Phone : u < 0.85 ? VisitMethod.OnlineCheck : VisitMethod.OnSite,
        _ when loan.Class == RiskClass.Normal => u < 0.55 ? VisitMethod.OnSite : u < 0.8 ? VisitMethod.OnlineCheck : VisitMethod.Phone,
        _ => u < 0.75 ? VisitMethod.OnSite : u < 0.9 ? VisitMethod.Phone : VisitMethod.OnlineCheck,
    };

    private static string Contact(LoanFacts loan, int seed, long id) => loan.Segment == Segment.Retail || loan.Kind == BorrowerKind.Individual
        ? $"借款人 {loan.Name}"
        : $"{loan.Name} {Pick(["财务总监", "法定代表人", "财务经理", "总经理"], seed, id, 14)}";

    private static VisitReportContent Content(VisitReport r) => new(r.Method, r.VisitedOn, r.Participants, r.Checklist, r.Findings, r.RiskRating, r.Actions);

    private static string Reviewer(string? branch) => "user:demo.bm." + (branch ?? "head").ToLowerInvariant();

    private static string Author(string? manager) => "user:demo." + (manager ?? "am").ToLowerInvariant();

    private static AuditRecord Record(string actor, string action, VisitReport report, string? before) =>
        new(actor, action, "report", Id(report.Id), before, ReportBook.Snapshot(report));

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private sealed record LoanFacts(long Id, long BorrowerId, Segment Segment, DateOnly DisbursedOn, LoanStatus Status, RiskClass Class, int Dpd,
        string Name, BorrowerKind Kind, string? Manager, bool Secured);

    private static Dictionary<long, LoanFacts> Loans(PostLoanDbContext db, IEnumerable<long> loanIds)
    {
        var result = new Dictionary<long, LoanFacts>();
        foreach (var chunk in loanIds.Distinct().Chunk(5000))
        {
            var rows = (from l in db.Loans
                        join s in db.LoanStates on l.Id equals s.LoanId
                        join b in db.Borrowers on l.BorrowerId equals b.Id
                        where chunk.Contains(l.Id)
                        select new { l.Id, l.BorrowerId, l.Segment, l.DisbursedOn, s.Status, s.RiskClass, s.Dpd, b.Name, b.Kind, b.AccountManager,
                            Secured = db.Collateral.Any(c => c.LoanId == l.Id) }).AsNoTracking().ToList();
            foreach (var r in rows)
                result[r.Id] = new LoanFacts(r.Id, r.BorrowerId, r.Segment, r.DisbursedOn, r.Status, r.RiskClass, r.Dpd, r.Name, r.Kind, r.AccountManager, r.Secured);
        }
        return result;
    }

    private static Dictionary<long, int> OpenAlerts(PostLoanDbContext db, IEnumerable<long> loanIds)
    {
        var result = new Dictionary<long, int>();
        foreach (var chunk in loanIds.Chunk(5000))
            foreach (var row in db.Alerts.Where(a => chunk.Contains(a.LoanId) && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged || a.Status == AlertStatus.Escalated))
                         .GroupBy(a => a.LoanId).Select(g => new { g.Key, Count = g.Count() }).ToList())
                result[row.Key] = row.Count;
        return result;
    }

    private static Dictionary<long, string> TaskKindsOf(PostLoanDbContext db, IEnumerable<long> taskIds)
    {
        var ids = taskIds.ToList();
        return db.InspectionTasks.Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, t.Kind }).ToDictionary(t => t.Id, t => t.Kind);
    }

    /// <summary>
    /// What a task's decisions hang on: its loan, kind and dates, not its id, which depends on the order rows were
    /// written in (end-of-day writes from more than one thread).
    /// </summary>
    private static long Key(InspectionTask t) => Mix(Mix(Mix(t.LoanId ?? t.BorrowerId, Text(t.Kind)), t.DueOn.DayNumber), t.CreatedOn.DayNumber);

    private static long Key(VisitReport r) => Mix(Mix(Mix(r.LoanId, r.VisitedOn.DayNumber), Text(r.Findings)), (long)r.Method);

    private static long Mix(long a, long b) => unchecked(a * 1_000_003 + b);

    /// <summary>FNV-1a: string.GetHashCode changes from one process to the next.</summary>
    private static long Text(string text)
    {
        var h = 14695981039346656037UL;
        foreach (var c in text) h = unchecked((h ^ c) * 1099511628211UL);
        return unchecked((long)h);
    }

    /// <summary>A number in [0, 1) fixed by the seed, a key and what is being decided.</summary>
    private static double Chance(int seed, long id, int salt)
    {
        var z = unchecked((ulong)id * 0x9E3779B97F4A7C15UL + (ulong)(uint)seed * 0xD1B54A32D192ED03UL + (ulong)salt * 0x94D049BB133111EBUL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    private static string Pick(IReadOnlyList<string> phrases, int seed, long id, int salt) => phrases[(int)(Chance(seed, id, salt) * phrases.Count)];

    private static readonly Dictionary<string, string[]> ProblemNotes = new()
    {
        [VisitChecklist.BusinessOperating.Code] = ["开工率不足五成，部分生产线停产", "近三个月销售收入同比下降约三成", "经营场所大门紧闭，员工明显减少", "主要客户流失，订单量大幅下滑"],
        [VisitChecklist.FundUse.Code] = ["部分贷款资金转入关联公司账户", "受托支付对象与合同约定的供应商不一致", "贷款资金部分用于归还他行借款", "未能提供资金使用的发票及合同凭证"],
        [VisitChecklist.ProjectOnSchedule.Code] = ["工程进度落后计划约两个月", "主体工程停工，施工方撤场", "项目总投资超出预算约15%，资本金未按期到位", "预售进度明显低于预期"],
        [VisitChecklist.CollateralIntact.Code] = ["抵押房产已出租，租约未告知我行", "抵押设备部分已处置，无法找到", "抵押车辆未能在登记地址找到", "押品周边市场价格明显下跌"],
        [VisitChecklist.InsuranceValid.Code] = ["押品财产保险已到期未续保", "保险第一受益人未变更为我行"],
        [VisitChecklist.NoAdverseEvent.Code] = ["企业涉及多起买卖合同纠纷诉讼", "实际控制人被列为被执行人", "企业被税务机关列入异常名录", "股东发生变更，未事先告知我行"],
        [VisitChecklist.Willing.Code] = ["借款人对催收态度消极，多次推脱", "借款人表示需等待应收款回笼后才能还款"],
        [VisitChecklist.Able.Code] = ["经营性现金流为负，仅靠外部借款周转", "借款人收入下降，月还款额已超过收入一半", "他行贷款已出现逾期", "应收账款回收困难，账面资金不足一个月利息"],
    };

    private static readonly string[] CorporateOpenings = ["实地走访企业生产经营场所，查看了生产车间和仓库，与财务负责人座谈。", "现场查看企业经营情况，核对了近期财务报表和银行流水。", "走访企业办公及生产场所，了解订单、库存和应收账款情况。"];
    private static readonly string[] ProjectOpenings = ["现场查看项目施工进度，核对了监理报告和工程款支付凭证。", "走访项目工地，与项目负责人和监理单位沟通了进度与资金情况。"];
    private static readonly string[] RetailOpenings = ["上门走访借款人，了解其工作和家庭收入情况。", "到借款人住所及工作单位实地核实情况。"];
    private static readonly string[] PhoneOpenings = ["电话联系借款人，了解近期经营和收入情况。", "电话回访借款人，核实还款安排和近况。"];
    private static readonly string[] OnlineOpenings = ["通过征信报告、银行流水和税务数据进行线上核查。", "线上核查企业开票、纳税及账户流水数据，并比对项目进度报告。"];
    private static readonly string[] CleanClosings = ["经营正常，还款来源充足，未发现风险信号。", "各项情况正常，借款人还款意愿和能力良好。", "未发现异常，继续按计划跟踪。"];
    private static readonly string[] WatchClosings = ["目前尚可按期还款，但需密切关注后续变化。", "风险可控，建议加强监测，缩短检查间隔。", "整体风险有所上升，纳入重点关注名单。"];
    private static readonly string[] HighClosings = ["风险明显上升，建议下调分类并制定风险化解方案。", "还款来源存在重大不确定性，需尽快采取保全措施。", "已要求借款人限期整改，并将持续跟踪。"];
    private static readonly string[] FollowUpNotes = ["两周内再次现场核实整改情况", "跟踪资金回流及整改落实情况", "核实借款人承诺的还款资金来源", "复查押品状况及保险续保情况"];
    private static readonly string[] ClassNotes = ["检查发现还款能力明显减弱，建议下调风险分类", "借款人经营恶化且存在不利事件，建议下调分类"];
    private static readonly string[] Supplements = ["（补充：已附现场照片及相关凭证。）", "（补充：已写明问题金额及整改期限。）", "（补充：已补充借款人书面说明。）"];
    private static readonly string[] ReturnNotes = ["请补充现场照片及相关凭证", "请写明问题涉及的金额和整改期限", "检查结论与清单答案不一致，请核对后重新提交"];
    private static readonly string[] ClassDecisions = ["复核同意，分类按月末认定流程调整", "复核后维持现有分类，要求客户经理继续跟踪", "复核同意下调，已提交分类审批"];
    private static readonly string[] RestructuringDecisions = ["经评估暂不重组，继续督促还款", "同意启动重组方案设计，报授信审批"];
}
