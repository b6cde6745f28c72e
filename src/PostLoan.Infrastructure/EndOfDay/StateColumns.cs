using PostLoan.Domain.Classification;
using PostLoan.Domain.Common;
using PostLoan.Domain.Delinquency;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Servicing;

namespace PostLoan.Infrastructure.EndOfDay;

/// <summary>The servicing-state columns as the bulk paths write them: one list, so state and snapshot writes cannot drift apart.</summary>
internal static class StateColumns
{
    public static readonly (string Column, Action<LoanStateFields, IColumnWriter> Write)[] All =
    [
        ("loan_id", (s, w) => w.Int64(s.LoanId)),
        ("as_of", (s, w) => w.Date(s.AsOf)),
        ("status", (s, w) => w.Text(s.Status.ToString())),
        ("status_since", (s, w) => w.Date(s.StatusSince)),
        ("outstanding_principal", (s, w) => w.Int64(Money.ToMinor(s.OutstandingPrincipal))),
        ("overdue_principal", (s, w) => w.Int64(Money.ToMinor(s.OverduePrincipal))),
        ("overdue_interest", (s, w) => w.Int64(Money.ToMinor(s.OverdueInterest))),
        ("overdue_fees", (s, w) => w.Int64(Money.ToMinor(s.OverdueFees))),
        ("penalty_interest", (s, w) => w.Int64(Money.ToMinor(s.PenaltyInterest))),
        ("compound_interest", (s, w) => w.Int64(Money.ToMinor(s.CompoundInterest))),
        ("unapplied_credit", (s, w) => w.Int64(Money.ToMinor(s.UnappliedCredit))),
        ("recovered_after_write_off", (s, w) => w.Int64(Money.ToMinor(s.RecoveredAfterWriteOff))),
        ("dpd", (s, w) => w.Int32(s.Dpd)),
        ("bucket", (s, w) => w.Text(s.Bucket.ToString())),
        ("oldest_unpaid_due", (s, w) => w.Date(s.OldestUnpaidDue)),
        ("next_due_date", (s, w) => w.Date(s.NextDueDate)),
        ("next_due_amount", (s, w) => w.Int64(Money.ToMinor(s.NextDueAmount))),
        ("risk_class", (s, w) => w.Text(s.RiskClass.ToString())),
        ("class_rule", (s, w) => w.Text(s.ClassRule)),
        ("class_reason", (s, w) => w.Text(s.ClassReason)),
        ("stage", (s, w) => w.Text(s.Stage.ToString())),
        ("stage_reason", (s, w) => w.Text(s.StageReason)),
        ("provision", (s, w) => w.Int64(Money.ToMinor(s.Provision))),
        ("in_restructure_observation", (s, w) => w.Bool(s.InRestructureObservation)),
        ("observation_ends", (s, w) => w.Date(s.ObservationEnds)),
        ("next_review_on", (s, w) => w.Date(s.NextReviewOn)),
        ("last_repayment_on", (s, w) => w.Date(s.LastRepaymentOn)),
    ];

    /// <summary>Writes a state's values in <see cref="All"/>'s order.</summary>
    public static void Write(LoanStateFields state, IColumnWriter writer)
    {
        foreach (var column in All) column.Write(state, writer);
    }

    public static string List => string.Join(", ", All.Select(c => c.Column));

    /// <summary>The upsert's <c>SET</c> list: every column but the key, from the row that conflicted.</summary>
    public static string Updates => string.Join(", ", All.Skip(1).Select(c => $"{c.Column} = excluded.{c.Column}"));

    /// <summary>
    /// The columns in the state table's indexes: those the loan list filters and sorts on, and the review
    /// date end-of-day selects by. SQLite rewrites an index entry whenever its column is in an UPDATE's SET
    /// list, changed or not, so its write path sets only those of these that changed
    /// (<see cref="IndexedValues.Changed"/>); on a normal day most rows change none of them.
    /// </summary>
    public static readonly string[] Indexed = ["status", "outstanding_principal", "dpd", "bucket", "risk_class", "next_review_on"];

    /// <summary>The set of all <see cref="Indexed"/> columns, one bit each in their order.</summary>
    public const int AllIndexed = (1 << 6) - 1;

    /// <summary>The upsert's <c>SET</c> list: the columns not indexed, and the <see cref="Indexed"/> ones in <paramref name="indexed"/> (a set of bits).</summary>
    public static string UpdatesSetting(int indexed) => string.Join(", ", All.Skip(1)
        .Where(c => Array.IndexOf(Indexed, c.Column) is var i && (i < 0 || (indexed & (1 << i)) != 0))
        .Select(c => $"{c.Column} = excluded.{c.Column}"));

    /// <summary>A state's values of the <see cref="Indexed"/> columns, principal in minor units.</summary>
    public readonly record struct IndexedValues(LoanStatus Status, long OutstandingPrincipal, int Dpd, Bucket Bucket, RiskClass RiskClass, DateOnly? NextReviewOn)
    {
        public static IndexedValues Of(LoanStateFields state) =>
            new(state.Status, Money.ToMinor(state.OutstandingPrincipal), state.Dpd, state.Bucket, state.RiskClass, state.NextReviewOn);

        /// <summary>The <see cref="Indexed"/> columns whose value differs in <paramref name="now"/>, one bit each.</summary>
        public int Changed(IndexedValues now) =>
            (Status != now.Status ? 1 : 0) | (OutstandingPrincipal != now.OutstandingPrincipal ? 2 : 0) | (Dpd != now.Dpd ? 4 : 0) |
            (Bucket != now.Bucket ? 8 : 0) | (RiskClass != now.RiskClass ? 16 : 0) | (NextReviewOn != now.NextReviewOn ? 32 : 0);
    }

    /// <summary>The columns of a state change row as end-of-day writes them.</summary>
    public const string ChangeList = "loan_id, business_date, kind, old_value, new_value, rule, reason, actor";

    /// <summary>Writes a state change's values in <see cref="ChangeList"/> order.</summary>
    public static void WriteChange(StateChange c, IColumnWriter w)
    {
        w.Int64(c.LoanId);
        w.Date(c.BusinessDate);
        w.Text(c.Kind);
        w.Text(c.OldValue);
        w.Text(c.NewValue);
        w.Text(c.Rule);
        w.Text(c.Reason);
        w.Text(c.Actor);
    }

    /// <summary>The number of columns in <see cref="ChangeList"/>.</summary>
    public const int ChangeColumns = 8;
}
