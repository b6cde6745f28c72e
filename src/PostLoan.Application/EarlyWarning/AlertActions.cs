using Microsoft.EntityFrameworkCore.Storage;
using PostLoan.Application.Common;
using PostLoan.Application.EndOfDay;
using PostLoan.Domain.Audit;
using PostLoan.Domain.EarlyWarning;
using PostLoan.Infrastructure.Audit;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.EarlyWarning;

/// <summary>An alert after a person acted on it.</summary>
public sealed record AlertOutcome(long Id, string RuleCode, string LoanExternalId, AlertStatus Status, bool SlaBreached);

/// <summary>
/// What people do to alerts (SPEC §6): acknowledge, resolve, dismiss with a reason, escalate. A step the lifecycle does
/// not allow is a conflict, not an error; an alert on a loan outside the caller's scope is "not found". Each step is
/// dated with the business date and recorded in the audit trail with the alert's status before and after.
/// </summary>
public sealed class AlertActions(DatabaseSettings database, TimeProvider clock)
{
    public Result<AlertOutcome> Acknowledge(long alertId, string actor, DataScope scope) =>
        Act(alertId, AlertAction.Acknowledge, actor, scope, (alert, today) => alert.Acknowledge(actor, today));

    public Result<AlertOutcome> Resolve(long alertId, string? outcome, string actor, DataScope scope) =>
        Act(alertId, AlertAction.Resolve, actor, scope, (alert, today) => alert.Resolve(actor, today, outcome));

    public Result<AlertOutcome> Dismiss(long alertId, string reason, string actor, DataScope scope) =>
        string.IsNullOrWhiteSpace(reason)
            ? Result<AlertOutcome>.Invalid("reason", "a dismissal needs a reason")
            : Act(alertId, AlertAction.Dismiss, actor, scope, (alert, today) => alert.Dismiss(actor, today, reason));

    public Result<AlertOutcome> Escalate(long alertId, string to, string? note, string actor, DataScope scope) =>
        string.IsNullOrWhiteSpace(to)
            ? Result<AlertOutcome>.Invalid("to", "say who the alert is escalated to")
            : Act(alertId, AlertAction.Escalate, actor, scope, (alert, _) => alert.Escalate(to, note));

    private Result<AlertOutcome> Act(long alertId, AlertAction action, string actor, DataScope scope, Action<Alert, DateOnly> step)
    {
        using var db = database.CreateContext();
        var found = (from a in db.Alerts
                     join l in db.Loans on a.LoanId equals l.Id
                     join b in scope.Apply(db.Borrowers) on l.BorrowerId equals b.Id
                     where a.Id == alertId
                     select new { a, l.ExternalId }).SingleOrDefault();
        if (found is null) return Result<AlertOutcome>.NotFound($"no alert {alertId}");
        var alert = found.a;
        if (!alert.Allows(action))
            return Result<AlertOutcome>.Conflict($"alert {alertId} is {alert.Status.ToString().ToLowerInvariant()}: it cannot be {Verb(action)}");
        if (EndOfDayService.CurrentBusinessDate(db) is not { } today) return Result<AlertOutcome>.Conflict("there is no business date yet: run end-of-day first");

        var before = alert.Status;
        step(alert, today);
        using var tx = db.Database.BeginTransaction();
        db.SaveChanges();
        if (alert.Severity == Severity.Red && !alert.IsOpen) Recompute.Loans(db, [alert.LoanId]);
        new AuditTrail(database, clock).Append(new AuditRecord(actor, $"alert.{action.ToString().ToLowerInvariant()}", "alert", alertId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            AuditJson.Of(("status", before.ToString())),
            AuditJson.Of(("status", alert.Status.ToString()), ("rule", alert.RuleCode), ("loan", found.ExternalId), ("note", alert.Note), ("escalated_to", alert.EscalatedTo))),
            tx.GetDbTransaction());
        tx.Commit();
        return Result<AlertOutcome>.Ok(new AlertOutcome(alert.Id, alert.RuleCode, found.ExternalId, alert.Status, alert.SlaBreached(today)));
    }

    private static string Verb(AlertAction action) => action switch
    {
        AlertAction.Acknowledge => "acknowledged",
        AlertAction.Resolve => "resolved",
        AlertAction.Dismiss => "dismissed",
        _ => "escalated",
    };
}
