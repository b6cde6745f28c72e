using System.Data.Common;
using PostLoan.Domain.Classification;
using PostLoan.Domain.Common;
using PostLoan.Domain.EarlyWarning.Rules;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Servicing;

namespace PostLoan.Application.EarlyWarning;

/// <summary>
/// The features end-of-day's servicing state already holds, read in bulk: from <c>loan_states</c> for the business date
/// and from the month-end snapshots for history. Back-tests and end-of-day's alert phase evaluate rules over them until
/// end-of-day computes the rest of the catalog (docs/features.md).
/// </summary>
internal static class ServicingFeatures
{
    /// <summary>The features a servicing state (and so a month-end snapshot) holds.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["dpd", "outstanding_principal", "outstanding_ratio", "months_on_book", "stage", "risk_class", "restructured", "segment", "product"];

    public sealed record LoanFacts(long BorrowerId, decimal Principal, DateOnly Disbursed, Segment SegmentValue, string Product)
    {
        /// <summary>The segment as rules write it: 'retail', 'corporate' or 'project'.</summary>
        public string Segment { get; } = SegmentValue.Snake();
    }

    public sealed record Snap(long LoanId, string Status, int Dpd, decimal Outstanding, string RiskClass, string Stage, bool Restructured);

    /// <summary>Adds the column of <paramref name="input"/> for the loans <paramref name="ids"/>, from the states <paramref name="at"/> of <paramref name="date"/>.</summary>
    public static void AddColumn(FeatureFrame frame, FeatureInput input, long[] ids, Dictionary<long, Snap> at, Dictionary<long, LoanFacts> loans, DateOnly date)
    {
        var n = ids.Length;
        switch (input.Feature)
        {
            case "risk_class" or "segment" or "product":
                var texts = new string?[n];
                for (var i = 0; i < n; i++)
                    texts[i] = input.Feature switch
                    {
                        "segment" => loans[ids[i]].Segment,
                        "product" => loans[ids[i]].Product,
                        _ => at.TryGetValue(ids[i], out var s) && Enum.TryParse<RiskClass>(s.RiskClass, out var c) ? c.Code() : null,
                    };
                frame.AddTexts(input.Feature, input.Lag, texts);
                return;
            case "restructured":
                var flags = new bool[n];
                var flagged = new bool[n];
                for (var i = 0; i < n; i++)
                    if (at.TryGetValue(ids[i], out var s)) (flags[i], flagged[i]) = (s.Restructured, true);
                frame.AddBools(input.Feature, input.Lag, flags, flagged);
                return;
        }
        var values = new decimal[n];
        var present = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var loan = loans[ids[i]];
            if (input.Feature == "months_on_book")
            {
                if (date >= loan.Disbursed) (values[i], present[i]) = (MonthsBetween(loan.Disbursed, date), true);
                continue;
            }
            if (!at.TryGetValue(ids[i], out var s)) continue;
            present[i] = true;
            values[i] = input.Feature switch
            {
                "dpd" => s.Dpd,
                "outstanding_principal" => s.Outstanding,
                "outstanding_ratio" => loan.Principal > 0 ? s.Outstanding / loan.Principal : 0m,
                "stage" => Enum.TryParse<Ifrs9Stage>(s.Stage, out var st) ? (int)st : 0,
                _ => throw new InvalidOperationException($"feature {input.Feature} is not in a snapshot"),
            };
        }
        frame.AddNumbers(input.Feature, input.Lag, values, present);
    }

    public static int MonthsBetween(DateOnly from, DateOnly to) =>
        (to.Year - from.Year) * 12 + to.Month - from.Month - (to.Day < from.Day ? 1 : 0);

    public static Dictionary<long, LoanFacts> Loans(DbConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT id, borrower_id, principal, disbursed_on, segment, product FROM loans";
        using var r = cmd.ExecuteReader();
        var result = new Dictionary<long, LoanFacts>();
        while (r.Read())
            result[r.GetInt64(0)] = new LoanFacts(r.GetInt64(1), Money.FromMinor(r.GetInt64(2)), r.GetFieldValue<DateOnly>(3),
                Enum.Parse<Segment>(r.GetString(4)), r.GetString(5));
        return result;
    }

    public static Dictionary<long, Snap> Snapshots(DbConnection connection, DateOnly monthEnd)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT loan_id, status, dpd, outstanding_principal, risk_class, stage, in_restructure_observation FROM loan_state_snapshots WHERE snapshot_date = @d";
        var p = cmd.CreateParameter();
        p.ParameterName = "@d";
        p.Value = monthEnd;
        cmd.Parameters.Add(p);
        using var r = cmd.ExecuteReader();
        var result = new Dictionary<long, Snap>();
        while (r.Read())
            result[r.GetInt64(0)] = new Snap(r.GetInt64(0), r.GetString(1), r.GetInt32(2), Money.FromMinor(r.GetInt64(3)), r.GetString(4), r.GetString(5), r.GetBoolean(6));
        return result;
    }

    /// <summary>The current servicing state of the active loans of a partition, as snapshot rows.</summary>
    public static Dictionary<long, Snap> Current(DbConnection connection, EodPartition partition)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT s.loan_id, s.status, s.dpd, s.outstanding_principal, s.risk_class, s.stage, s.in_restructure_observation FROM loan_states s"
            + (partition.IsWhole ? "" : $" JOIN loans l ON l.id = s.loan_id WHERE l.borrower_id % {partition.Count} = {partition.Remainder}");
        using var r = cmd.ExecuteReader();
        var result = new Dictionary<long, Snap>();
        while (r.Read())
            result[r.GetInt64(0)] = new Snap(r.GetInt64(0), r.GetString(1), r.GetInt32(2), Money.FromMinor(r.GetInt64(3)), r.GetString(4), r.GetString(5), r.GetBoolean(6));
        return result;
    }
}
