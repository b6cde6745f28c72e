using Microsoft.EntityFrameworkCore;
using PostLoan.Domain.Common;
using PostLoan.Domain.EarlyWarning;
using PostLoan.Domain.Inspections;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Servicing;
using PostLoan.Infrastructure.Identity;
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

    public TaskPhaseResult Plan(DateOnly businessDate, EodPartition partition)
    {
        var policy = settings.Policy;
        using var db = database.CreateContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var count = partition.Count;
        var remainder = partition.Remainder;

        var policyTasks = db.InspectionTasks.AsNoTracking().Where(t => t.Origin == TaskOrigin.Policy && t.LoanId != null && (count == 1 || t.BorrowerId % count == remainder));
        var open = policyTasks.Where(t => t.Status == InspectionTaskStatus.Open || t.Status == InspectionTaskStatus.InProgress)
            .Select(t => new PlanTaskRow(t.LoanId!.Value, new PlanTask(t.Id, t.Kind, t.CollateralId, t.Status, t.DueOn, t.AnchorOn, t.CycleMonths, t.CreatedOn)))
            .ToList();
        // Loans the plan looks at: the active ones, and any other with an open task (closed since, to be cancelled). The
        // second set comes from the open tasks already read: asked per loan in SQL, it scanned every task for each closed loan.
        var withOpen = open.Select(r => r.LoanId).Distinct().ToList();
        var loans = (from l in db.Loans
                     join s in db.LoanStates on l.Id equals s.LoanId
                     join b in db.Borrowers on l.BorrowerId equals b.Id
                     where (count == 1 || l.BorrowerId % count == remainder)
                           && (s.Status == LoanStatus.Active || withOpen.Contains(l.Id))
                     select new { l.Id, l.BorrowerId, l.Segment, l.Principal, l.DisbursedOn, s.Status, s.RiskClass, b.AccountManager })
                    .AsNoTracking().ToList();

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
            var plan = new PlanLoan(loan.Id, loan.Segment, loan.Principal, loan.DisbursedOn, loan.Status, loan.RiskClass,
                collateral.TryGetValue(loan.Id, out var items) ? items : [],
                tasksByLoan.TryGetValue(loan.Id, out var tasks) ? tasks : [],
                hadFirst.Contains(loan.Id));
            foreach (var step in VisitPlanner.Plan(plan, businessDate, policy))
            {
                switch (step)
                {
                    case CreateTask create:
                        opened.Add(InspectionTask.Open(create.Kind, loan.BorrowerId, loan.Id, create.DueOn, loan.AccountManager, TaskOrigin.Policy, create.Reason,
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
        foreach (var batch in opened.Chunk(5000))
        {
            db.InspectionTasks.AddRange(batch);
            db.SaveChanges();
            db.ChangeTracker.Clear();
        }
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

    /// <summary>Open tasks past their due date go to the manager of the borrower's branch, once.</summary>
    private static int Escalate(PostLoanDbContext db, DateOnly businessDate, int count, int remainder)
    {
        var overdue = (from t in db.InspectionTasks
                       join b in db.Borrowers on t.BorrowerId equals b.Id
                       where (t.Status == InspectionTaskStatus.Open || t.Status == InspectionTaskStatus.InProgress)
                             && t.DueOn < businessDate && t.EscalatedOn == null
                             && (count == 1 || t.BorrowerId % count == remainder)
                       select new { Task = t, b.Branch }).ToList();
        if (overdue.Count == 0) return 0;
        var managers = BranchManagers(db);
        foreach (var row in overdue)
            row.Task.Escalate(businessDate, row.Branch is { } branch && managers.TryGetValue(branch, out var user) ? user
                : row.Branch is null ? $"role:{Roles.BranchManager}" : $"branch:{row.Branch}");
        db.ChangeTracker.DetectChanges();
        db.SaveChanges();
        return overdue.Count;
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
