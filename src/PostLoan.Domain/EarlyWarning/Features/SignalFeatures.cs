using PostLoan.Domain.Monitoring;

namespace PostLoan.Domain.EarlyWarning.Features;

/// <summary>
/// Legal and other external-signal features (SPEC §6) of a borrower as of a date: court cases, enforcements and
/// executive changes in the last 12 months, adverse news in the last 3, and whether an industry-list change has put
/// the borrower's industry on the restricted list (a signal records the listing; there is no delisting signal).
/// </summary>
public static class SignalFeatures
{
    public static readonly IReadOnlyList<string> Names =
        ["litigation_12m", "enforcement_12m", "adverse_news_3m", "executive_changes_12m", "industry_restricted"];

    public static void Compute(IReadOnlyList<SignalEvent> borrowerSignals, DateOnly asOf, IFeatureSink sink)
    {
        int litigation = 0, enforcement = 0, news = 0, executives = 0;
        var restricted = false;
        foreach (var s in borrowerSignals)
        {
            switch (s.Kind)
            {
                case SignalKind.CourtCase when FeatureWindow.Within(s.OccurredOn, asOf, 12): litigation++; break;
                case SignalKind.Enforcement when FeatureWindow.Within(s.OccurredOn, asOf, 12): enforcement++; break;
                case SignalKind.AdverseNews when FeatureWindow.Within(s.OccurredOn, asOf, 3): news++; break;
                case SignalKind.ExecutiveChange when FeatureWindow.Within(s.OccurredOn, asOf, 12): executives++; break;
                case SignalKind.IndustryListChange when s.OccurredOn <= asOf: restricted = true; break;
            }
        }
        sink.Number("litigation_12m", litigation);
        sink.Number("enforcement_12m", enforcement);
        sink.Number("adverse_news_3m", news);
        sink.Number("executive_changes_12m", executives);
        sink.Flag("industry_restricted", restricted);
    }
}
