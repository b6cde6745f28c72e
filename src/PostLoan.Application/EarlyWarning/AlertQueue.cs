using System.Text.Json;
using PostLoan.Application.Common;
using PostLoan.Application.EndOfDay;
using PostLoan.Domain.EarlyWarning;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.EarlyWarning;

/// <summary>The triage queue's filters. <paramref name="Status"/> <c>open</c> (the default) means open, acknowledged or escalated; <paramref name="Sla"/> is <c>breached</c> or <c>on_time</c>.</summary>
public sealed record AlertQueueRequest(string? Severity = null, string? Rule = null, string? Branch = null, string? Status = "open", string? Sla = null, int Page = 1, int PageSize = 50);

public sealed record AlertRow(long Id, string RuleCode, int RuleVersion, Severity Severity, string LoanExternalId, string BorrowerName, string? Branch,
    string? Manager, DateOnly RaisedOn, DateOnly FirstActionDue, AlertStatus Status, bool SlaBreached, IReadOnlyDictionary<string, JsonElement> Facts);

public sealed record AlertPage(int Total, int Page, int PageSize, DateOnly? BusinessDate, IReadOnlyList<AlertRow> Alerts);

/// <summary>
/// The alert triage queue (SPEC §6): red first, then the earliest first-action date, inside the caller's scope.
/// The SLA is breached when the first action came after its due date, or has not come and the due date is past.
/// </summary>
public sealed class AlertQueue(DatabaseSettings database)
{
    public Result<AlertPage> List(AlertQueueRequest request, DataScope scope)
    {
        if (request.PageSize is < 1 or > 500) return Result<AlertPage>.Invalid("pageSize", "pageSize must be between 1 and 500");
        if (request.Page < 1) return Result<AlertPage>.Invalid("page", "page starts at 1");
        Severity? severity = null;
        if (request.Severity is { Length: > 0 } s)
        {
            if (!Enum.TryParse<Severity>(s, ignoreCase: true, out var parsed)) return Result<AlertPage>.Invalid("severity", "severity is red, orange or yellow");
            severity = parsed;
        }
        AlertStatus[]? statuses = request.Status?.ToLowerInvariant() switch
        {
            null or "" or "all" => null,
            "open" => [AlertStatus.Open, AlertStatus.Acknowledged, AlertStatus.Escalated],
            var one when Enum.TryParse<AlertStatus>(one, ignoreCase: true, out var st) => [st],
            _ => [],
        };
        if (statuses is { Length: 0 }) return Result<AlertPage>.Invalid("status", "status is open, all, or one of: open, acknowledged, escalated, resolved, dismissed");
        if (request.Sla is { Length: > 0 } sla && sla is not ("breached" or "on_time")) return Result<AlertPage>.Invalid("sla", "sla is breached or on_time");

        using var db = database.CreateContext();
        var today = EndOfDayService.CurrentBusinessDate(db) ?? DateOnly.MinValue;
        var query = from a in db.Alerts
                    join l in db.Loans on a.LoanId equals l.Id
                    join b in scope.Apply(db.Borrowers) on l.BorrowerId equals b.Id
                    select new { a, Loan = l.ExternalId, b.Name, b.Branch, b.AccountManager };
        if (severity is { } sev) query = query.Where(x => x.a.Severity == sev);
        if (request.Rule is { Length: > 0 } rule) query = query.Where(x => x.a.RuleCode == rule);
        if (request.Branch is { Length: > 0 } branch) query = query.Where(x => x.Branch == branch);
        if (statuses is not null) query = query.Where(x => statuses.Contains(x.a.Status));
        if (request.Sla == "breached")
            query = query.Where(x => x.a.AcknowledgedOn == null ? x.a.FirstActionDue < today : x.a.AcknowledgedOn > x.a.FirstActionDue);
        else if (request.Sla == "on_time")
            query = query.Where(x => x.a.AcknowledgedOn == null ? x.a.FirstActionDue >= today : x.a.AcknowledgedOn <= x.a.FirstActionDue);

        var total = query.Count();
        var rows = query
            .OrderBy(x => x.a.Severity == Severity.Red ? 0 : x.a.Severity == Severity.Orange ? 1 : 2)
            .ThenBy(x => x.a.FirstActionDue).ThenBy(x => x.a.Id)
            .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize)
            .ToList();
        return Result<AlertPage>.Ok(new AlertPage(total, request.Page, request.PageSize, today == DateOnly.MinValue ? null : today,
            [.. rows.Select(x => new AlertRow(x.a.Id, x.a.RuleCode, x.a.RuleVersion, x.a.Severity, x.Loan, x.Name, x.Branch, x.AccountManager,
                x.a.RaisedOn, x.a.FirstActionDue, x.a.Status, x.a.SlaBreached(today), Facts(x.a.Facts)))]));
    }

    private static IReadOnlyDictionary<string, JsonElement> Facts(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? [];
}
