using Microsoft.EntityFrameworkCore;
using PostLoan.Domain.Common;
using PostLoan.Domain.EarlyWarning;
using PostLoan.Domain.Inspections;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Servicing;
using Microsoft.EntityFrameworkCore.Storage;
using PostLoan.Infrastructure.EarlyWarning;
using PostLoan.Infrastructure.Identity;
using PostLoan.Infrastructure.Inspections;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.Inspections;

/// <summary>What end-of-day's task phase did on its date.</summary>
public sealed record TaskPhaseResult(int Opened, int Moved, int Cancelled, int Completed, int FromAlerts, int Escalated)
{
    public static readonly TaskPhaseResult None = new(0, 0, 0, 0, 0, 0);
}

/// <summary>
/// End-of-day's task phase (SPEC §7), after the early-warning phase: the visit plan opens the policy tasks that are due
/// (<see cref="VisitPlanner"/>), moves the open ones whose cycle changed with the loan's class, cancels those of loans
/// that closed and completes revaluations a new valuation answered; alerts get the task their rule asks for (a red
/// alert always gets at least an ad-hoc inspection); and tasks past their due date are escalated to the manager of the
/// assignee's branch. Everything commits in one transaction. Running it again on the same date changes nothing: the
/// planner is idempotent, an alert has one task, and an escalation happens once; the database refuses a second open
/// policy task of a kind on a loan.
/// </summary>
public sealed class TaskPlanning(DatabaseSettings database, InspectionSettings settings)
{
    /// <summary>Who the phase acts as: tasks it opens are created by it.</summary>
    public const string Actor = "job:eod";

    /// <param name="read">The loans and today's states of <paramref name="partition"/>, when the early-warning phase has just read them.</param>
    public TaskPhaseResult Plan(DateOnly businessDate, EodPartition partition, (Dictionary<long, FeatureLoan> Loans, Dictionary<long, FeatureState> States)? read = null)
    {
        var policy = settings.Policy;
        using var db = database.CreateContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var count = partition.Count;
        var remainder = partition.Remainder;

        // Loans the plan looks at: the active ones, and any other with an open policy task (closed since: to be cancelled).
        var policyTasks = db.InspectionTasks.AsNoTracking().Where(t => t.Origin == TaskOrigin.Policy && t.LoanId != null && (count == 1 || t.BorrowerId % count == remainder));
        var open = policyTasks.Where(t => t.Status == InspectionTaskStatus.Open || t.Status == InspectionTaskStatus.InProgress)
            .Select(t => new PlanTaskRow(t.LoanId!.Value, new PlanTask(t.Id, t.Kind, t.CollateralId, t.Status, t.DueOn, t.AnchorOn, t.CycleMonths, t.CreatedOn)))
            .ToList();
        // The loans and today's states: those the early-warning phase read just before, else through the same bulk readers.
        var connection = db.Database.GetDbConnection();
        db.Database.OpenConnection();
        var (allLoans, states) = read ?? (FeatureReads.Loans(connection), FeatureReads.Current(connection, partition));
        var managers = InspectionTaskRows.AccountManagers(connection);
        var openLoanIds = open.Select(r => r.LoanId).ToHashSet();
        var loans = states.Where(s => (s.Value.Status == LoanStatus.Active || openLoanIds.Contains(s.Key)) && allLoans.ContainsKey(s.Key))
            .Select(s => (Id: s.Key, Loan: allLoans[s.Key], State: s.Value)).OrderBy(x => x.Id).ToList();

        // Of the closed ones only the latest of each series matters: where the next one starts.
        var latestClosed = policyTasks.Where(t => t.Status == InspectionTaskStatus.Done || t.Status == InspectionTaskStatus.Cancelled)
            .GroupBy(t => new { LoanId = t.LoanId!.Value, t.Kind, t.CollateralId })
            .Select(g => new { g.Key.LoanId, g.Key.Kind, g.Key.CollateralId, DueOn = g.Max(t => t.DueOn) })
            .ToList();
        var hadFirst = policyTasks.Where(t => t.Kind == TaskKinds.FirstInspection).Select(t => t.LoanId!.Value).Distinct().ToHashSet();

        var tasksByLoan = open.GroupBy(r => r.LoanId).ToDictionary(g => g.Key, g => g.Select(r => r.Task).ToList());
        foreach (var c in latestClosed)
        {
            if (!tasksByLoan.TryGetValue(c.LoanId, out var list)) tasksByLoan[c.LoanId] = list = [];
            list.Add(new PlanTask(0, c.Kind, c.CollateralId, InspectionTaskStatus.Done, c.DueOn, null, null, c.DueOn));
        }

        var collateral = (from c in db.Collateral
                          join l in db.Loans on c.LoanId equals l.Id
                          where count == 1 || l.BorrowerId % count == remainder
                          select new { c.Id, c.LoanId, c.Type, c.AppraisedOn, Revalued = db.CollateralValuations.Where(v => v.CollateralId == c.Id).Max(v => (DateOnly?)v.ValuedOn) })
                         .AsNoTracking().ToList()
                         .GroupBy(c => c.LoanId)
                         .ToDictionary(g => g.Key, g => g.Select(c => new PlanCollateral(c.Id, c.Type, c.Revalued is { } r && r > c.AppraisedOn ? r : c.AppraisedOn)).ToList());

        var opened = new List<InspectionTask>();
        var moves = new Dictionary<long, MoveTask>();
        var cancels = new Dictionary<long, CancelTask>();
        var completes = new Dictionary<long, CompleteTask>();
        foreach (var loan in loans)
        {
            var plan = new PlanLoan(loan.Id, loan.Loan.Segment, loan.Loan.Principal, loan.Loan.Disbursed, loan.State.Status, loan.State.RiskClass,
                collateral.TryGetValue(loan.Id, out var items) ? items : [],
                tasksByLoan.TryGetValue(loan.Id, out var tasks) ? tasks : [],
                hadFirst.Contains(loan.Id));
            foreach (var step in VisitPlanner.Plan(plan, businessDate, policy))
            {
                switch (step)
                {
                    case CreateTask create:
                        opened.Add(InspectionTask.Open(create.Kind, loan.Loan.BorrowerId, loan.Id, create.DueOn, managers.GetValueOrDefault(loan.Loan.BorrowerId), TaskOrigin.Policy, create.Reason,
                            businessDate, Actor, collateralId: create.CollateralId, anchorOn: create.AnchorOn, cycleMonths: create.CycleMonths));
                        break;
                    case MoveTask move: moves[move.TaskId] = move; break;
                    case CancelTask cancel: cancels[cancel.TaskId] = cancel; break;
                    case CompleteTask complete: completes[complete.TaskId] = complete; break;
                }
            }
        }

        var fromAlerts = AlertTasks(db, businessDate, policy, count, remainder);
        opened.AddRange(fromAlerts);

        using var tx = db.Database.BeginTransaction();
        InspectionTaskRows.Insert(db.Database.GetDbConnection(), tx.GetDbTransaction(), opened);
        var changed = moves.Keys.Concat(cancels.Keys).Concat(completes.Keys).ToList();
        foreach (var ids in changed.Chunk(5000))
        {
            foreach (var task in db.InspectionTasks.Where(t => ids.Contains(t.Id)).ToList())
            {
                if (moves.TryGetValue(task.Id, out var move)) task.MoveDue(move.CycleMonths, move.DueOn);
                if (cancels.TryGetValue(task.Id, out var cancel)) task.Cancel(businessDate, cancel.Reason);
                if (completes.TryGetValue(task.Id, out var complete)) task.Complete(complete.On < task.CreatedOn ? task.CreatedOn : complete.On, $"{Actor} ({complete.Note})");
            }
            db.ChangeTracker.DetectChanges();
            db.SaveChanges();
            db.ChangeTracker.Clear();
        }
        var escalated = Escalate(db, businessDate, count, remainder);
        tx.Commit();
        return new TaskPhaseResult(opened.Count, moves.Count, cancels.Count, completes.Count, fromAlerts.Count, escalated);
    }

    /// <summary>A task for each alert whose rule asks for one, and an ad-hoc inspection for each red alert, once per alert.</summary>
    private static List<InspectionTask> AlertTasks(PostLoanDbContext db, DateOnly businessDate, VisitPolicy policy, int count, int remainder)
    {
        var rows = (from a in db.Alerts
                    join r in db.RuleVersions on new { Code = a.RuleCode, a.RuleVersion } equals new { r.Code, RuleVersion = r.Version }
                    join l in db.Loans on a.LoanId equals l.Id
                    join b in db.Borrowers on l.BorrowerId equals b.Id
                    where (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged || a.Status == AlertStatus.Escalated)
                          && (r.TaskKind != null || a.Severity == Severity.Red)
                          && (count == 1 || l.BorrowerId % count == remainder)
                          && !db.InspectionTasks.Any(t => t.AlertId == a.Id)
                    select new { a.Id, a.LoanId, l.BorrowerId, a.Severity, a.RaisedOn, r.TaskKind, a.RuleCode, r.Name, b.AccountManager })
                   .AsNoTracking().ToList();
        return [.. rows.Select(a =>
        {
            var days = a.Severity switch
            {
                Severity.Red => policy.RedAlertBusinessDays,
                Severity.Orange => policy.OrangeAlertBusinessDays,
                _ => policy.YellowAlertBusinessDays,
            };
            var due = BusinessCalendar.AddBusinessDays(a.RaisedOn, days);
            return InspectionTask.Open(a.TaskKind ?? TaskKinds.AdhocInspection, a.BorrowerId, a.LoanId, due < businessDate ? businessDate : due, a.AccountManager,
                TaskOrigin.Alert, $"alert {a.RuleCode} ({a.Name}), {a.Severity.ToString().ToLowerInvariant()}, raised {a.RaisedOn:yyyy-MM-dd}",
                businessDate, Actor, alertId: a.Id, triggeredOn: a.RaisedOn);
        })];
    }

    /// <summary>
    /// Open tasks past their due date go to the manager of the borrower's branch, once (<see cref="InspectionTask.Escalate"/>).
    /// Set-based, a statement per branch: the first day of a large book can have tens of thousands.
    /// </summary>
    private static int Escalate(PostLoanDbContext db, DateOnly businessDate, int count, int remainder)
    {
        var overdue = db.InspectionTasks.Where(t => (t.Status == InspectionTaskStatus.Open || t.Status == InspectionTaskStatus.InProgress)
            && t.DueOn < businessDate && t.EscalatedOn == null && (count == 1 || t.BorrowerId % count == remainder));
        var branches = (from t in overdue join b in db.Borrowers on t.BorrowerId equals b.Id select b.Branch).Distinct().ToList();
        if (branches.Count == 0) return 0;
        var managers = BranchManagers(db);
        var escalated = 0;
        foreach (var branch in branches)
        {
            var to = branch is null ? $"role:{Roles.BranchManager}" : managers.TryGetValue(branch, out var user) ? user : $"branch:{branch}";
            escalated += overdue.Where(t => db.Borrowers.Any(b => b.Id == t.BorrowerId && b.Branch == branch))
                .ExecuteUpdate(s => s.SetProperty(t => t.EscalatedOn, businessDate).SetProperty(t => t.EscalatedTo, to).SetProperty(t => t.Revision, t => t.Revision + 1));
        }
        return escalated;
    }

    /// <summary>Branch → the user name of its branch manager (the first by name when a branch has several).</summary>
    public static Dictionary<string, string> BranchManagers(PostLoanDbContext db) =>
        (from u in db.Users
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         where r.Name == Roles.BranchManager && u.Branch != null
         select new { u.Branch, u.UserName }).AsNoTracking().ToList()
        .GroupBy(x => x.Branch!)
        .ToDictionary(g => g.Key, g => g.Select(x => x.UserName!).Order(StringComparer.Ordinal).First());

    private sealed record PlanTaskRow(long LoanId, PlanTask Task);
}
