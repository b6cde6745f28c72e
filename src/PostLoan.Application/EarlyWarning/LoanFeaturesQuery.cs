using Microsoft.EntityFrameworkCore;
using PostLoan.Application.Common;
using PostLoan.Application.EndOfDay;
using PostLoan.Application.Scoring;
using PostLoan.Domain.EarlyWarning.Features;
using PostLoan.Domain.EarlyWarning.Rules;
using PostLoan.Infrastructure.EarlyWarning;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.EarlyWarning;

/// <summary>One feature of a loan: its name, type and unit from the catalog, and its value (null when missing).</summary>
public sealed record LoanFeatureView(string Name, string Type, string Unit, object? Value);

/// <summary>Every early-warning feature of a loan on the business date, as end-of-day's rules read them.</summary>
public sealed record LoanFeatures(string Loan, DateOnly AsOf, IReadOnlyList<LoanFeatureView> Features);

/// <summary>
/// A loan's features (docs/features.md) on the current business date, computed the way end-of-day computes them for
/// its rules, from the loan's state and its borrower's monitoring data: what a risk officer looks at to see why a rule
/// fired or did not.
/// </summary>
public sealed class LoanFeaturesQuery(DatabaseSettings database)
{
    /// <param name="scope">Whose data the caller may see; a loan outside it is reported as not found. Null means everything.</param>
    public Result<LoanFeatures> Get(string externalId, DataScope? scope = null)
    {
        using var db = database.CreateContext();
        var found = (from l in db.Loans.AsNoTracking()
                     join b in db.Borrowers.AsNoTracking() on l.BorrowerId equals b.Id
                     where l.ExternalId == externalId
                     select new { l.Id, Borrower = b }).SingleOrDefault();
        if (found is null || !(scope ?? DataScope.All).Allows(found.Borrower))
            return Result<LoanFeatures>.NotFound($"no loan with external id '{externalId}'");
        if (EndOfDayService.CurrentBusinessDate(db) is not { } date)
            return Result<LoanFeatures>.Conflict("there is no business date yet: run end-of-day first");

        var connection = db.Database.GetDbConnection();
        db.Database.OpenConnection();
        var loans = FeatureReads.Loans(connection, found.Id);
        var state = FeatureReads.CurrentOf(connection, found.Id);
        var frame = new FeatureFrame(1);
        var inputs = StandardFeatures.All.Select(f => new FeatureInput(f.Name, 0)).ToList();
        // The score features are the loan's stored score (end-of-day's latest), when a model has scored it.
        var scoreInputs = inputs.Where(i => FeatureBuilder.ScoreFeatures.Contains(i.Feature)).ToList();
        var score = db.LoanScores.AsNoTracking().SingleOrDefault(s => s.LoanId == found.Id);
        new FeatureBuilder(connection, loans, date, found.Borrower.Id).Fill(frame, [found.Id], score is null ? inputs : inputs.Except(scoreInputs), date, _ => state);
        if (score is not null)
            BehaviourScoring.AddScoreFeatures(connection, frame, scoreInputs, new ScoredBook(score.ModelVersion, [found.Id], [score.Score], [score.Pd], []), [found.Id], date);
        var row = frame.Row(0);
        return Result<LoanFeatures>.Ok(new LoanFeatures(externalId, date, [.. StandardFeatures.All.Select(f =>
        {
            row.TryGet(new FeatureInput(f.Name, 0), out var value);
            object? shown = value.IsMissing ? null : f.Type switch
            {
                FeatureType.Number => value.Number,
                FeatureType.Bool => value.Bool,
                _ => value.Text,
            };
            return new LoanFeatureView(f.Name, f.Type.ToString().ToLowerInvariant(), f.Unit, shown);
        })]));
    }
}
