using PostLoan.Application.Inspections;
using PostLoan.Domain.Classification;
using PostLoan.Domain.Servicing;

namespace PostLoan.Application.Configuration;

/// <summary>
/// Servicing configuration: per-product rules and the classification policy. Bound from the
/// <c>PostLoan:Servicing</c> section of appsettings.json; every value has SPEC's default.
/// </summary>
public sealed class ServicingSettings
{
    /// <summary>Rules for products not listed in <see cref="Products"/>.</summary>
    public ProductRules DefaultProduct { get; set; } = ProductRules.Default;

    /// <summary>Rules by product code.</summary>
    public Dictionary<string, ProductRules> Products { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public ClassificationPolicy Classification { get; set; } = ClassificationPolicy.Default;

    /// <summary>The visit plan end-of-day follows and the teams (the <c>PostLoan:Inspections</c> section).</summary>
    public InspectionSettings Inspections { get; set; } = new();

    /// <summary>
    /// Keep the early-warning features' slowly changing inputs (the loans' terms, the monitoring data) in files beside
    /// the database between runs, so end-of-day reads again only what changed (<c>PostLoan:EarlyWarning:FeatureStore</c>,
    /// on by default; docs/early-warning.md).
    /// </summary>
    public bool FeatureStore { get; set; } = true;

    public ProductRules RulesFor(string product) =>
        Products.TryGetValue(product, out var rules) ? rules : DefaultProduct;
}
