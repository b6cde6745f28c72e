using Microsoft.EntityFrameworkCore;
using PostLoan.Application.Common;
using PostLoan.Application.EndOfDay;
using PostLoan.Domain.Classification;
using PostLoan.Domain.Common;
using PostLoan.Domain.EarlyWarning;
using PostLoan.Domain.Inspections;
using PostLoan.Domain.Loans;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.Inspections;

/// <summary>
/// Builds a <see cref="Briefing"/> (SPEC §7) for a month and a scope: <c>bank</c>, <c>branch:B</c>, <c>team:T</c> (a team
/// of <see cref="InspectionSettings.Teams"/>) or <c>manager:CODE</c>, always inside the caller's own data scope.
/// </summary>
/// <remarks>
/// Definitions (docs/inspections.md): planned = visit and inspection tasks due in the month, not cancelled; done = of
/// those, done by the month's end; on time = done on or before the due date. Reports are first versions submitted in
/// the month. Time to first action runs from a task's trigger (the alert's date, or the day the task opened) to the
/// day it was started or done. Class moves are the month's class changes. The top loans at risk are the scope's
/// active loans by expected credit loss (the regulatory provision where no model scores them) as they stand at the
/// month's end: the month-end snapshot for a past month, today's state for the current one.
/// </remarks>
public sealed class BriefingQuery(DatabaseSettings database, InspectionSettings settings, TimeProvider clock)
{
    public const int TopLoans = 10;
    public const int MaxFindings = 30;

    public Result<Briefing> Build(DateOnly period, string? scope, DataScope caller)
    {
        var first = new DateOnly(period.Year, period.Month, 1);
        var text = string.IsNullOrWhiteSpace(scope) ? "bank" : scope.Trim();
        using var db = database.CreateContext();
        var borrowers = caller.Apply(db.Borrowers);
        string title;
        switch (text.Split(':', 2))
        {
            case ["bank"]:
                title = "全行 Whole bank";
                break;
            case ["branch", var branch] when branch.Length > 0:
                borrowers = borrowers.Where(b => b.Branch == branch);
                title = $"分行 Branch {branch}";
                break;
            case ["team", var team] when team.Length > 0:
                if (!settings.Teams.TryGetValue(team, out var members))
                    return Result<Briefing>.Invalid("scope", settings.Teams.Count == 0
                        ? $"no team '{team}': no teams are configured (PostLoan:Inspections:Teams)"
                        : $"no team '{team}'; the teams are: {string.Join(", ", settings.Teams.Keys.Order())}");
                var codes = members.ToList();
                borrowers = borrowers.Where(b => b.AccountManager != null && codes.Contains(b.AccountManager));
                title = $"团队 Team {team}";
                break;
            case ["manager", var manager] when manager.Length > 0:
                borrowers = borrowers.Where(b => b.AccountManager == manager);
                title = $"客户经理 Account manager {manager}";
                break;
            default:
                return Result<Briefing>.Invalid("scope", $"scope '{text}' is not bank, branch:CODE, team:NAME or manager:CODE");
        }
        var today = EndOfDayService.CurrentBusinessDate(db);
        if (today is { } t && first > t) return Result<Briefing>.Invalid("period", $"{first:yyyy-MM} has not started: the business date is {t:yyyy-MM-dd}");

        var previous = first.AddMonths(-1);
        var end = BusinessCalendar.MonthEnd(first);
        var ids = borrowers.Select(b => b.Id);

        // Everything of the two months at once: the months are small beside the book.
        var tasks = db.InspectionTasks.AsNoTracking().Where(x => ids.Contains(x.BorrowerId)
                && ((x.DueOn >= previous && x.DueOn <= end) || (x.CreatedOn >= previous && x.CreatedOn <= end)
                    || (x.StartedOn >= previous && x.StartedOn <= end) || (x.CompletedOn >= previous && x.CompletedOn <= end)))
            .ToList();
        var reports = (from r in db.VisitReports.AsNoTracking()
                       join l in db.Loans on r.LoanId equals l.Id
                       join b in borrowers on r.BorrowerId equals b.Id
                       where r.Version == 1 && r.SubmittedOn >= previous && r.SubmittedOn <= end
                             && (r.Status == VisitReportStatus.Submitted || r.Status == VisitReportStatus.Approved || r.Status == VisitReportStatus.Superseded)
                       select new { r, Loan = l.ExternalId, b.Name }).ToList();
        var alerts = (from a in db.Alerts
                      join l in db.Loans on a.LoanId equals l.Id
                      where ids.Contains(l.BorrowerId) && a.RaisedOn >= previous && a.RaisedOn <= end
                      group a by new { Current = a.RaisedOn >= first, a.Severity } into g
                      select new { g.Key.Current, g.Key.Severity, Count = g.Count() }).ToList();
        var moves = (from c in db.StateChanges
                     join l in db.Loans on c.LoanId equals l.Id
                     where ids.Contains(l.BorrowerId) && c.Kind == "class" && c.OldValue != null && c.BusinessDate >= previous && c.BusinessDate <= end
                     select new { c.LoanId, c.BusinessDate, c.OldValue, c.NewValue }).ToList();

        BriefingFigures Figures(DateOnly from, DateOnly to)
        {
            var planned = tasks.Where(x => TaskKinds.IsVisit(x.Kind) && x.DueOn >= from && x.DueOn <= to && x.Status != InspectionTaskStatus.Cancelled).ToList();
            var done = planned.Where(x => x.Status == InspectionTaskStatus.Done && x.CompletedOn <= to).ToList();
            var monthReports = reports.Where(x => x.r.SubmittedOn >= from && x.r.SubmittedOn <= to).ToList();
            var classMoves = moves.Where(m => m.BusinessDate >= from && m.BusinessDate <= to).ToList();
            return new BriefingFigures(
                planned.Count,
                done.Count,
                done.Count(x => x.CompletedOn <= x.DueOn),
                monthReports.Count,
                monthReports.Count(x => x.r.RiskRating == RiskRating.High) + monthReports.Sum(x => x.r.RiskPoints),
                tasks.Count(x => x.Origin == TaskOrigin.Report && x.CreatedOn >= from && x.CreatedOn <= to),
                alerts.Where(a => a.Current == (from == first)).Sum(a => a.Count),
                classMoves.Count(m => Rank(m.NewValue) > Rank(m.OldValue!)),
                classMoves.Count(m => Rank(m.NewValue) < Rank(m.OldValue!)),
                MeanDays(tasks.Where(x => x.FirstActionOn >= from && x.FirstActionOn <= to)));
        }

        var current = Figures(first, end);
        var before = Figures(previous, first.AddDays(-1));
        string[] methodCodes = ["on_site", "phone", "online_check"];
        var methods = methodCodes.Select(m => new MethodCount(m,
            reports.Count(x => x.r.SubmittedOn >= first && ReportBook.MethodCode(x.r.Method) == m),
            reports.Count(x => x.r.SubmittedOn < first && ReportBook.MethodCode(x.r.Method) == m))).ToList();
        var findings = reports.Where(x => x.r.SubmittedOn >= first && x.r.RiskRating != RiskRating.Low)
            .OrderByDescending(x => x.r.RiskRating).ThenByDescending(x => x.r.VisitedOn).ThenBy(x => x.r.Id).Take(MaxFindings)
            .Select(x => new FindingLine(x.r.VisitedOn, x.Loan, x.Name, ReportBook.MethodCode(x.r.Method), x.r.RiskRating.ToString().ToLowerInvariant(), x.r.Findings, x.r.Author))
            .ToList();
        string[] actionKinds = ["follow_up_task", "propose_class", "propose_restructuring"];
        var actions = actionKinds.Select(k => new ActionCount(k,
            tasks.Count(x => x.Origin == TaskOrigin.Report && x.CreatedOn >= first && x.CreatedOn <= end && ActionKind(x.Kind) == k),
            tasks.Count(x => x.Origin == TaskOrigin.Report && x.CreatedOn >= previous && x.CreatedOn < first && ActionKind(x.Kind) == k))).ToList();
        var severities = new[] { Severity.Red, Severity.Orange, Severity.Yellow }.Select(s => new SeverityCount(s.ToString().ToLowerInvariant(),
            alerts.Where(a => a.Current && a.Severity == s).Sum(a => a.Count), alerts.Where(a => !a.Current && a.Severity == s).Sum(a => a.Count))).ToList();

        var atEnd = today is { } d && end >= d ? null : (DateOnly?)end;
        var monthMoves = moves.Where(m => m.BusinessDate >= first).ToList();
        var moveIds = monthMoves.Select(m => m.LoanId).Distinct().ToList();
        var balances = Balances(db, moveIds, atEnd);
        var migrations = monthMoves.GroupBy(m => (m.OldValue!, m.NewValue))
            .Select(g => new ClassMove(g.Key.Item1, g.Key.NewValue, g.Select(m => m.LoanId).Distinct().Count(), g.Select(m => m.LoanId).Distinct().Sum(id => balances.GetValueOrDefault(id))))
            .OrderBy(m => Rank(m.From)).ThenBy(m => Rank(m.To)).ToList();

        var managers = tasks.Where(x => TaskKinds.IsVisit(x.Kind) && x.DueOn >= first && x.DueOn <= end && x.Status != InspectionTaskStatus.Cancelled)
            .GroupBy(x => x.Assignee ?? "(unassigned)")
            .Select(g => new ManagerKpi(g.Key, settings.TeamOf(g.Key), g.Count(),
                g.Count(x => x.Status == InspectionTaskStatus.Done && x.CompletedOn <= end),
                g.Count(x => x.Status == InspectionTaskStatus.Done && x.CompletedOn <= end && x.CompletedOn <= x.DueOn),
                MeanDays(tasks.Where(x => (x.Assignee ?? "(unassigned)") == g.Key && x.FirstActionOn >= first && x.FirstActionOn <= end))))
            .OrderBy(k => k.OnTimeRate ?? 2).ThenBy(k => k.Manager, StringComparer.Ordinal).ToList();

        return Result<Briefing>.Ok(new Briefing(first, text, title, clock.GetUtcNow(), current, before, methods, findings, actions, severities, migrations,
            TopAtRisk(db, ids, atEnd), managers));
    }

    private static List<LoanAtRisk> TopAtRisk(PostLoanDbContext db, IQueryable<long> borrowers, DateOnly? monthEnd)
    {
        if (monthEnd is { } me && db.Snapshots.Any(s => s.SnapshotDate == me))
        {
            return [.. (from s in db.Snapshots
                        join l in db.Loans on s.LoanId equals l.Id
                        join b in db.Borrowers on l.BorrowerId equals b.Id
                        where s.SnapshotDate == me && s.Status == LoanStatus.Active && borrowers.Contains(b.Id) && s.RiskClass != RiskClass.Normal
                        join h in db.ScoreHistory on new { s.LoanId, MonthEnd = me } equals new { h.LoanId, h.MonthEnd } into hs
                        from h in hs.DefaultIfEmpty()
                        orderby s.Provision descending, s.OutstandingPrincipal descending, l.Id
                        select new { l.ExternalId, b.Name, l.Segment, s.RiskClass, s.Dpd, s.OutstandingPrincipal, Pd = h == null ? (double?)null : h.Pd, s.Provision, b.AccountManager })
                       .Take(TopLoans).AsEnumerable()
                       .Select(x => new LoanAtRisk(x.ExternalId, x.Name, x.Segment.ToString().ToLowerInvariant(), x.RiskClass.Code(), x.Dpd, x.OutstandingPrincipal,
                           x.Pd is { } pd ? Math.Round((decimal)pd, 4) : null, x.Provision, x.AccountManager))];
        }
        return [.. (from s in db.LoanStates
                    join l in db.Loans on s.LoanId equals l.Id
                    join b in db.Borrowers on l.BorrowerId equals b.Id
                    join sc in db.LoanScores on l.Id equals sc.LoanId into scs
                    from sc in scs.DefaultIfEmpty()
                    where s.Status == LoanStatus.Active && borrowers.Contains(b.Id) && (s.RiskClass != RiskClass.Normal || sc != null)
                    select new { l.Id, l.ExternalId, b.Name, l.Segment, s.RiskClass, s.Dpd, s.OutstandingPrincipal, Pd = sc == null ? (double?)null : sc.Pd,
                        Ecl = sc == null ? s.Provision : sc.Ecl, b.AccountManager })
                   .AsEnumerable()
                   .OrderByDescending(x => x.Ecl).ThenByDescending(x => x.OutstandingPrincipal).ThenBy(x => x.Id).Take(TopLoans)
                   .Select(x => new LoanAtRisk(x.ExternalId, x.Name, x.Segment.ToString().ToLowerInvariant(), x.RiskClass.Code(), x.Dpd, x.OutstandingPrincipal,
                       x.Pd is { } pd ? Math.Round((decimal)pd, 4) : null, x.Ecl, x.AccountManager))];
    }

    /// <summary>Outstanding principal of the loans at the month end (its snapshot) or today.</summary>
    private static Dictionary<long, decimal> Balances(PostLoanDbContext db, List<long> loanIds, DateOnly? monthEnd)
    {
        var result = new Dictionary<long, decimal>();
        foreach (var chunk in loanIds.Chunk(5000))
        {
            var rows = monthEnd is { } me && db.Snapshots.Any(s => s.SnapshotDate == me)
                ? db.Snapshots.Where(s => s.SnapshotDate == me && chunk.Contains(s.LoanId)).Select(s => new { s.LoanId, s.OutstandingPrincipal }).ToList()
                : db.LoanStates.Where(s => chunk.Contains(s.LoanId)).Select(s => new { s.LoanId, s.OutstandingPrincipal }).ToList();
            foreach (var r in rows) result[r.LoanId] = r.OutstandingPrincipal;
        }
        return result;
    }

    private static double? MeanDays(IEnumerable<InspectionTask> acted)
    {
        var days = acted.Where(x => x.FirstActionOn is not null).Select(x => (double)BusinessCalendar.DaysBetween(x.TriggeredOn, x.FirstActionOn!.Value)).ToList();
        return days.Count == 0 ? null : Math.Round(days.Average(), 1);
    }

    private static string ActionKind(string taskKind) => taskKind switch
    {
        TaskKinds.ClassReview => "propose_class",
        TaskKinds.RestructuringReview => "propose_restructuring",
        _ => "follow_up_task",
    };

    private static int Rank(string code) => code switch
    {
        "normal" => 0,
        "special_mention" => 1,
        "substandard" => 2,
        "doubtful" => 3,
        _ => 4,
    };
}
