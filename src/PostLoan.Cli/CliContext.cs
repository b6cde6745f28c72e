using Microsoft.Extensions.Configuration;
using PostLoan.Application.Configuration;
using PostLoan.Application.Inspections;
using PostLoan.Domain.Inspections;
using PostLoan.Domain.Classification;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Servicing;
using PostLoan.Infrastructure.Persistence;
using PostLoan.Infrastructure.Security;

namespace PostLoan.Cli;

/// <summary>
/// Settings every command shares: the database (option <c>--db</c>, else <c>POSTLOAN_DB</c>, else
/// <c>PostLoan:Database</c> in appsettings.json) and the servicing configuration.
/// </summary>
public sealed class CliContext
{
    private readonly IConfiguration _configuration;

    public CliContext(string? dbOption)
    {
        _configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "postloan.json"), optional: true)
            .AddEnvironmentVariables("POSTLOAN_")
            .Build();
        var db = dbOption ?? Environment.GetEnvironmentVariable("POSTLOAN_DB") ?? _configuration["PostLoan:Database"];
        // The data key: POSTLOAN_DATA_KEY, else PostLoan:Security:DataKey, else the key file next to the database.
        Database = DatabaseSettings.From(db).WithDataKey(_configuration[FieldEncryption.ConfigurationKey]);
        Servicing = BindServicing(_configuration.GetSection("PostLoan:Servicing"));
        Servicing.Inspections = BindInspections(_configuration.GetSection("PostLoan:Inspections"));
        Servicing.FeatureStore = _configuration.GetValue("PostLoan:EarlyWarning:FeatureStore", true);
    }

    public DatabaseSettings Database { get; }
    public ServicingSettings Servicing { get; }
    public TimeProvider Clock { get; } = TimeProvider.System;

    /// <summary>Opens the database, creating or upgrading its schema.</summary>
    public DatabaseSettings MigratedDatabase()
    {
        Database.Migrate();
        return Database;
    }

    private static ServicingSettings BindServicing(IConfigurationSection section)
    {
        var settings = new ServicingSettings
        {
            DefaultProduct = BindRules(section.GetSection("DefaultProduct"), ProductRules.Default),
            Classification = section.GetSection("Classification").Get<ClassificationPolicy>() ?? ClassificationPolicy.Default,
        };
        foreach (var product in section.GetSection("Products").GetChildren())
            settings.Products[product.Key] = BindRules(product, settings.DefaultProduct);
        return settings;
    }

    private static InspectionSettings BindInspections(IConfigurationSection section)
    {
        var settings = new InspectionSettings { Policy = section.GetSection("Policy").Get<VisitPolicy>() ?? VisitPolicy.Default };
        foreach (var team in section.GetSection("Teams").GetChildren())
            settings.Teams[team.Key] = [.. team.GetChildren().Select(c => c.Value!).Where(v => !string.IsNullOrWhiteSpace(v))];
        return settings.Problem() is { } problem ? throw new InvalidOperationException($"configuration: {problem}") : settings;
    }

    private static ProductRules BindRules(IConfigurationSection section, ProductRules fallback)
    {
        var order = section.GetSection("AllocationOrder").GetChildren().Select(c => Enum.Parse<AllocationComponent>(c.Value!, ignoreCase: true)).ToArray();
        return fallback with
        {
            AllocationOrder = order.Length > 0 ? order : fallback.AllocationOrder,
            Tolerance = section.GetValue("Tolerance", fallback.Tolerance),
            AllowPrepayment = section.GetValue("AllowPrepayment", fallback.AllowPrepayment),
            DayCountBasis = section.GetValue("DayCountBasis", fallback.DayCountBasis),
        };
    }
}
