using PostLoan.Domain.Loans;
using PostLoan.Domain.Monitoring;

namespace PostLoan.Domain.EarlyWarning.Features;

/// <summary>One payment out of a loan's proceeds.</summary>
public readonly record struct FundUsePayment(DateOnly PaidOn, decimal Amount, CounterpartyType CounterpartyType);

/// <summary>
/// Use-of-funds features (SPEC §6) of a loan as of a date. Payments to securities firms, real-estate sellers and
/// related parties are forbidden for every loan. The contracted purpose of a business loan (corporate or project) is
/// paying suppliers, contractors, staff and taxes, so payments to individuals and other counterparties do not match
/// it; a retail loan's purpose is the borrower's own consumption, so no payment of it is read as off purpose.
/// Tracing applies to business loans: a retail loan has no untraced share.
/// </summary>
public static class FundUseFeatures
{
    public static readonly IReadOnlyList<string> Names = ["fund_use_forbidden_amount", "fund_use_mismatch_amount", "fund_use_untraced_ratio"];

    /// <summary>Days after disbursement by which a business loan's proceeds should all be traced.</summary>
    public const int TraceDays = 90;

    public static bool IsForbidden(CounterpartyType type) => type is CounterpartyType.Securities or CounterpartyType.RealEstate or CounterpartyType.RelatedParty;

    public static bool MatchesBusinessPurpose(CounterpartyType type) =>
        type is CounterpartyType.Supplier or CounterpartyType.Contractor or CounterpartyType.EmployeePayroll or CounterpartyType.Tax;

    public static void Compute(IReadOnlyList<FundUsePayment> payments, Segment segment, decimal principal, DateOnly disbursedOn, DateOnly asOf, IFeatureSink sink)
    {
        var business = segment != Segment.Retail;
        decimal forbidden = 0, mismatch = 0, traced = 0;
        foreach (var p in payments)
        {
            if (p.PaidOn > asOf) continue;
            if (IsForbidden(p.CounterpartyType)) forbidden += p.Amount;
            else if (business && !MatchesBusinessPurpose(p.CounterpartyType)) mismatch += p.Amount;
            traced += p.Amount;
        }
        sink.Number("fund_use_forbidden_amount", forbidden);
        sink.Number("fund_use_mismatch_amount", mismatch);
        decimal? untraced = !business ? null
            : Common.BusinessCalendar.DaysBetween(disbursedOn, asOf) < TraceDays || principal <= 0 ? 0m
            : Math.Max(0m, FeatureWindow.Ratio(principal - traced, principal) ?? 0m);
        sink.Number("fund_use_untraced_ratio", untraced);
    }
}
