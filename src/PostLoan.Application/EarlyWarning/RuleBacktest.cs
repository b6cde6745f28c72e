using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PostLoan.Application.Common;
using PostLoan.Domain.Common;
using PostLoan.Domain.Delinquency;
using PostLoan.Domain.EarlyWarning.Backtesting;
using PostLoan.Domain.EarlyWarning.Rules;
using PostLoan.Domain.Loans;
using PostLoan.Infrastructure.EarlyWarning;
using PostLoan.Infrastructure.EndOfDay;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.EarlyWarning;

/// <summary>What to back-test: a stored rule's code (its newest version) or a condition, over the month ends from one month to another.</summary>
/// <param name="Segments">Snake_case segments the rule applies to; empty for all (a stored rule brings its own).</param>
public sealed record BacktestRequest(string RuleOrCondition, DateOnly FromMonth, DateOnly ToMonth, IReadOnlyList<string>? Segments = null);

public sealed record BacktestReport(string Condition, IReadOnlyList<string> Segments, DateOnly KnownThrough, BacktestResult Result);

/// <summary>
/// Back-tests a rule on the book's history (SPEC §6): at each month end, the rule is evaluated on the loans then
/// active and under 90 DPD, with the feature values of that month end (and the month ends before it for history
/// functions), and each loan's outcome is whether it reached 90+ DPD within the next 6 months.
/// <para>Features are computed as end-of-day computes them (<see cref="FeatureBuilder"/>), as of each month end: the
/// servicing state from that month end's snapshot, monitoring data dated on or before it, and the delinquency history
/// replayed through it. "Reached 90+ DPD" is the first day the loan entered bucket M4 (DPD 91) or was written off,
/// from the state changes.</para>
/// </summary>
public sealed class RuleBacktest(DatabaseSettings database)
{
    public Result<BacktestReport> Run(BacktestRequest request)
    {
        if (request.ToMonth < request.FromMonth) return Result<BacktestReport>.Invalid("to", "the last month is before the first");
        var (condition, segmentNames) = Resolve(request);
        var check = RuleBook.Check(condition);
        if (!check.IsValid) return Result<BacktestReport>.Invalid("condition", string.Join("; ", check.Errors));
        var rule = check.Rule!;
        var segments = new HashSet<string>(segmentNames, StringComparer.Ordinal);
        foreach (var s in segments)
            if (!EnumNames.TryParseSnake<Segment>(s, out _)) return Result<BacktestReport>.Invalid("segments", $"unknown segment '{s}'");

        using var db = database.CreateContext();
        var connection = db.Database.GetDbConnection();
        db.Database.OpenConnection();
        if (EndOfDayStore.BusinessDate(connection) is not { } knownThrough) return Result<BacktestReport>.Conflict("there is no business date yet: run end-of-day first");
        var loans = FeatureReads.Loans(connection);
        var bad = FeatureReads.BadDates(connection);
        var lags = rule.RequiredInputs.Select(i => i.Lag).Distinct().ToList();
        var snapshots = new Dictionary<DateOnly, Dictionary<long, FeatureState>>();
        Dictionary<long, FeatureState> At(DateOnly monthEnd) => snapshots.TryGetValue(monthEnd, out var s) ? s : snapshots[monthEnd] = FeatureReads.Snapshot(connection, monthEnd);

        var features = new FeatureBuilder(connection, loans, knownThrough);
        var evaluator = rule.CreateEvaluator();
        var months = new List<BacktestMonth>();
        foreach (var monthEnd in BusinessCalendar.MonthEndsBetween(BusinessCalendar.MonthEnd(request.FromMonth), BusinessCalendar.MonthEnd(request.ToMonth)))
        {
            if (monthEnd > knownThrough) break;
            var now = At(monthEnd);
            var population = now
                .Where(s => s.Value.Status == LoanStatus.Active && s.Value.Dpd < 90 && loans.TryGetValue(s.Key, out var l) && (segments.Count == 0 || segments.Contains(l.SegmentName)))
                .Select(s => s.Key).Order().ToArray();
            var frame = new FeatureFrame(population.Length);
            features.Fill(frame, population, rule.RequiredInputs, monthEnd, At);
            var results = new Truth[population.Length];
            evaluator.Evaluate(frame, results);
            months.Add(Backtest.Month(monthEnd,
                population.Select((id, i) => new BacktestCase(id, results[i] == Truth.True, FeatureReads.FirstAfter(bad, id, monthEnd))), knownThrough));
            foreach (var old in snapshots.Keys.Where(k => k < BusinessCalendar.MonthEnd(monthEnd.AddMonths(-lags.Max()))).ToList()) snapshots.Remove(old);
        }
        return Result<BacktestReport>.Ok(new BacktestReport(rule.CanonicalText, [.. segments.Order()], knownThrough, new BacktestResult(months)));
    }

    private (string Condition, IReadOnlyList<string> Segments) Resolve(BacktestRequest request)
    {
        using var db = database.CreateContext();
        var stored = db.RuleVersions.Where(v => v.Code == request.RuleOrCondition).OrderByDescending(v => v.Version).FirstOrDefault();
        if (stored is null) return (request.RuleOrCondition, request.Segments ?? []);
        return (stored.Condition, request.Segments is { Count: > 0 } given ? given : stored.Segments.Length == 0 ? [] : stored.Segments.Split(','));
    }

}
