using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PostLoan.Domain.Common;
using PostLoan.Domain.EarlyWarning;
using PostLoan.Domain.EarlyWarning.Rules;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Servicing;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.EarlyWarning;

/// <summary>What end-of-day's alert phase did: alerts raised, and active rules it could not evaluate yet.</summary>
public sealed record AlertPhaseResult(int RulesEvaluated, int Raised, IReadOnlyList<string> RulesSkipped);

/// <summary>
/// End-of-day's early-warning phase (SPEC §6): every active rule is evaluated, column by column, over the active loans
/// of the run's partition on its business date, and an alert is raised where the condition holds, unless the rule
/// already has an open alert on that loan. Each alert keeps the rule's version and the feature values it read. A rule
/// whose alert on a loan was resolved or dismissed in the last <see cref="SuppressDaysAfterClosing"/> days does not
/// raise another there.
/// <para>Rules read the features the servicing state holds (<see cref="ServicingFeatures.Names"/>): today's from the
/// loan's state, earlier months' from the month-end snapshots. An active rule over other features is skipped, and named
/// in the result, until end-of-day computes them. Running the phase again for the same date raises nothing new.</para>
/// </summary>
public sealed class AlertRaiser(DatabaseSettings database)
{
    /// <summary>
    /// Days after an alert is resolved or dismissed during which its rule raises no new alert on the loan. Without it,
    /// a condition that still holds (a loan still 40 days overdue) would raise the alert again the next morning.
    /// </summary>
    public const int SuppressDaysAfterClosing = 30;

    public AlertPhaseResult Raise(DateOnly businessDate, EodPartition partition)
    {
        using var db = database.CreateContext();
        var active = db.RuleVersions.Where(v => v.Status == RuleVersionStatus.Active).OrderBy(v => v.Code).ToList();
        if (active.Count == 0) return new AlertPhaseResult(0, 0, []);

        var rules = new List<(RuleVersion Version, CheckedRule Rule)>();
        var skipped = new List<string>();
        foreach (var version in active)
        {
            if (RuleBook.Check(version.Condition).Rule is { } rule && RuleBook.EndOfDayEvaluates(rule)) rules.Add((version, rule));
            else skipped.Add(version.Code);
        }
        if (rules.Count == 0) return new AlertPhaseResult(0, 0, skipped);

        var connection = db.Database.GetDbConnection();
        db.Database.OpenConnection();
        var loans = ServicingFeatures.Loans(connection);
        var today = ServicingFeatures.Current(connection, partition);
        var byMonth = new Dictionary<DateOnly, Dictionary<long, ServicingFeatures.Snap>>();
        Dictionary<long, ServicingFeatures.Snap> At(int lag)
        {
            if (lag == 0) return today;
            var monthEnd = BusinessCalendar.MonthEnd(businessDate.AddMonths(-lag));
            return byMonth.TryGetValue(monthEnd, out var s) ? s : byMonth[monthEnd] = ServicingFeatures.Snapshots(connection, monthEnd);
        }
        // An open alert, or one closed in the last SuppressDaysAfterClosing days, holds the rule back on that loan.
        var closedSince = businessDate.AddDays(-SuppressDaysAfterClosing);
        var open = db.Alerts.Where(a => a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged || a.Status == AlertStatus.Escalated || a.ClosedOn >= closedSince)
            .Select(a => new { a.RuleCode, a.LoanId }).AsEnumerable().Select(a => (a.RuleCode, a.LoanId)).ToHashSet();

        var raised = new List<Alert>();
        foreach (var (version, rule) in rules)
        {
            var segments = version.Definition.Segments;
            var ids = today.Values
                .Where(s => s.Status == nameof(LoanStatus.Active) && loans.TryGetValue(s.LoanId, out var l) && (segments.Count == 0 || segments.Any(x => x.Snake() == l.Segment)))
                .Select(s => s.LoanId).Order().ToArray();
            var frame = new FeatureFrame(ids.Length);
            foreach (var input in rule.RequiredInputs)
                ServicingFeatures.AddColumn(frame, input, ids, At(input.Lag), loans, input.Lag == 0 ? businessDate : BusinessCalendar.MonthEnd(businessDate.AddMonths(-input.Lag)));
            var results = new Truth[ids.Length];
            rule.CreateEvaluator().Evaluate(frame, results);
            for (var i = 0; i < ids.Length; i++)
            {
                if (results[i] != Truth.True || open.Contains((version.Code, ids[i]))) continue;
                var facts = rule.EvaluateRow(frame.Row(i)).Readings;
                raised.Add(Alert.Raise(version.Code, version.Version, ids[i], version.Severity, businessDate, Facts(facts)));
            }
        }
        db.Alerts.AddRange(raised);
        db.SaveChanges();
        // A red alert makes its loan special mention (SPEC §5): the next end-of-day services the loan to apply it.
        Recompute.Loans(db, raised.Where(a => a.Severity == Severity.Red).Select(a => a.LoanId).Distinct().ToArray());
        return new AlertPhaseResult(rules.Count, raised.Count, skipped);
    }

    /// <summary>The values the rule read, by feature (<c>dpd</c>, or <c>dpd@-3m</c> for three month ends back); null when missing.</summary>
    private static string Facts(IEnumerable<FeatureReading> readings) =>
        JsonSerializer.Serialize(readings.ToDictionary(
            r => r.Input.Lag == 0 ? r.Input.Feature : $"{r.Input.Feature}@-{r.Input.Lag}m",
            r => r.Value.IsMissing ? null : r.Value.Type switch
            {
                FeatureType.Number => (object)r.Value.Number,
                FeatureType.Bool => r.Value.Bool,
                _ => r.Value.Text,
            }));
}
