using System.Data.Common;
using PostLoan.Domain.Common;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Monitoring;

namespace PostLoan.Infrastructure.Import;

public sealed record BorrowerRef(long Id, BorrowerKind Kind);

public sealed record GuarantorRef(long Id, long LoanId, GuarantorKind Kind);

/// <param name="FirstRevaluation">The earliest valuation other than the appraisal's own, if any.</param>
public sealed record CollateralRef(long Id, long LoanId, DateOnly AppraisedOn, DateOnly? FirstRevaluation, string Hash);

/// <summary>A stored row of a table keyed by the owner it belongs to and a natural key: the owner's id, the rest of the key as text, its import hash.</summary>
public sealed record KeyedHash(long OwnerId, string Key, string Hash);

/// <summary>Look-ups for the monitoring data (statements, covenants, collateral, signals…), by the external ids or owners a file names.</summary>
public sealed partial class ImportStore
{
    // The tables whose rows an import upserts by external id; the names go into SQL, so only these.
    private static readonly HashSet<string> ExternalIdTables =
        ["covenants", "project_milestones", "fund_uses", "collateral", "guarantors", "external_signals"];

    public Dictionary<string, BorrowerRef> Borrowers(IEnumerable<string> externalIds) =>
        Lookup(externalIds, "SELECT external_id, id, kind FROM borrowers WHERE external_id IN ({0})",
            r => new BorrowerRef(r.GetInt64(1), Enum.Parse<BorrowerKind>(r.GetString(2))));

    public Dictionary<string, GuarantorRef> Guarantors(IEnumerable<string> externalIds) =>
        Lookup(externalIds, "SELECT external_id, id, loan_id, kind FROM guarantors WHERE external_id IN ({0})",
            r => new GuarantorRef(r.GetInt64(1), r.GetInt64(2), Enum.Parse<GuarantorKind>(r.GetString(3))));

    public Dictionary<string, CollateralRef> Collateral(IEnumerable<string> externalIds) =>
        Lookup(externalIds, """
            SELECT c.external_id, c.id, c.loan_id, c.appraised_on, c.import_hash,
                   (SELECT MIN(v.valued_on) FROM collateral_valuations v WHERE v.collateral_id = c.id AND v.from_appraisal = FALSE)
            FROM collateral c WHERE c.external_id IN ({0})
            """,
            r => new CollateralRef(r.GetInt64(1), r.GetInt64(2), r.GetFieldValue<DateOnly>(3), r.IsDBNull(5) ? null : r.GetFieldValue<DateOnly>(5),
                r.IsDBNull(4) ? "" : r.GetString(4)));

    /// <summary>The import hash of each row, by external id, of one of the monitoring tables upserted by external id.</summary>
    public Dictionary<string, string> Hashes(string table, IEnumerable<string> externalIds)
    {
        if (!ExternalIdTables.Contains(table)) throw new ArgumentException($"not a table imported by external id: {table}", nameof(table));
        return Lookup(externalIds, $"SELECT external_id, import_hash FROM {table} WHERE external_id IN ({{0}})", r => r.IsDBNull(1) ? "" : r.GetString(1));
    }

    /// <summary>Stored statements of the borrowers given, keyed as <see cref="StatementKey"/>.</summary>
    public List<KeyedHash> StatementHashes(IEnumerable<long> borrowerIds) =>
        ByOwner(borrowerIds, "SELECT borrower_id, period_end, period, import_hash FROM financial_statements WHERE borrower_id IN ({0})",
            r => new KeyedHash(r.GetInt64(0), StatementKey(r.GetFieldValue<DateOnly>(1), Enum.Parse<StatementPeriod>(r.GetString(2))), r.IsDBNull(3) ? "" : r.GetString(3)));

    public static string StatementKey(DateOnly periodEnd, StatementPeriod period) => $"{DateKey(periodEnd)}|{period}";

    /// <summary>Stored bureau snapshots of the borrowers given, keyed by their as-of date.</summary>
    public List<KeyedHash> BureauHashes(IEnumerable<long> borrowerIds) =>
        ByOwner(borrowerIds, "SELECT borrower_id, as_of, import_hash FROM bureau_snapshots WHERE borrower_id IN ({0})",
            r => new KeyedHash(r.GetInt64(0), DateKey(r.GetFieldValue<DateOnly>(1)), r.IsDBNull(2) ? "" : r.GetString(2)));

    /// <summary>Stored revaluations (not the appraisals' own entries) of the collateral given, keyed by their date.</summary>
    public List<KeyedHash> ValuationHashes(IEnumerable<long> collateralIds) =>
        ByOwner(collateralIds, "SELECT collateral_id, valued_on, import_hash FROM collateral_valuations WHERE from_appraisal = FALSE AND collateral_id IN ({0})",
            r => new KeyedHash(r.GetInt64(0), DateKey(r.GetFieldValue<DateOnly>(1)), r.IsDBNull(2) ? "" : r.GetString(2)));

    public static string DateKey(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The milestones already recorded for the loans given: external id, loan, planned date and planned completion.</summary>
    public List<(string ExternalId, long LoanId, DateOnly PlannedDate, decimal PlannedCompletion)> Milestones(IEnumerable<long> loanIds) =>
        ByOwner(loanIds, "SELECT external_id, loan_id, planned_date, planned_completion FROM project_milestones WHERE loan_id IN ({0})",
            r => (r.GetString(0), r.GetInt64(1), r.GetFieldValue<DateOnly>(2), r.GetDecimal(3)));

    /// <summary>The fund uses already recorded for the loans given: external id, loan and amount.</summary>
    public List<(string ExternalId, long LoanId, decimal Amount)> FundUses(IEnumerable<long> loanIds) =>
        ByOwner(loanIds, "SELECT external_id, loan_id, amount FROM fund_uses WHERE loan_id IN ({0})",
            r => (r.GetString(0), r.GetInt64(1), Money.FromMinor(r.GetInt64(2))));

    private List<T> ByOwner<T>(IEnumerable<long> ownerIds, string sqlFormat, Func<DbDataReader, T> read)
    {
        var result = new List<T>();
        foreach (var chunk in ownerIds.Distinct().Chunk(LookupChunk))
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = string.Format(System.Globalization.CultureInfo.InvariantCulture, sqlFormat, Parameters(cmd, chunk.Cast<object>()));
            using var r = cmd.ExecuteReader();
            while (r.Read()) result.Add(read(r));
        }
        return result;
    }
}
