using PostLoan.Domain.Classification;
using PostLoan.Domain.Common;
using PostLoan.Domain.Delinquency;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Servicing;

namespace PostLoan.Infrastructure.EndOfDay;

/// <summary>The servicing-state columns as the bulk paths write them: one list, so state and snapshot writes cannot drift apart.</summary>
internal static class StateColumns
{
    public static readonly (string Column, Func<LoanStateFields, object?> Value)[] All =
    [
        ("loan_id", s => s.LoanId),
        ("as_of", s => s.AsOf),
        ("status", s => s.Status.ToString()),
        ("status_since", s => s.StatusSince),
        ("outstanding_principal", s => Money.ToMinor(s.OutstandingPrincipal)),
        ("overdue_principal", s => Money.ToMinor(s.OverduePrincipal)),
        ("overdue_interest", s => Money.ToMinor(s.OverdueInterest)),
        ("overdue_fees", s => Money.ToMinor(s.OverdueFees)),
        ("penalty_interest", s => Money.ToMinor(s.PenaltyInterest)),
        ("compound_interest", s => Money.ToMinor(s.CompoundInterest)),
        ("unapplied_credit", s => Money.ToMinor(s.UnappliedCredit)),
        ("recovered_after_write_off", s => Money.ToMinor(s.RecoveredAfterWriteOff)),
        ("dpd", s => s.Dpd),
        ("bucket", s => s.Bucket.ToString()),
        ("oldest_unpaid_due", s => s.OldestUnpaidDue),
        ("next_due_date", s => s.NextDueDate),
        ("next_due_amount", s => Money.ToMinor(s.NextDueAmount)),
        ("risk_class", s => s.RiskClass.ToString()),
        ("class_rule", s => s.ClassRule),
        ("class_reason", s => s.ClassReason),
        ("stage", s => s.Stage.ToString()),
        ("stage_reason", s => s.StageReason),
        ("provision", s => Money.ToMinor(s.Provision)),
        ("in_restructure_observation", s => s.InRestructureObservation),
        ("observation_ends", s => s.ObservationEnds),
        ("next_review_on", s => s.NextReviewOn),
    ];

    public static string List => string.Join(", ", All.Select(c => c.Column));

    /// <summary>The upsert's <c>SET</c> list: every column but the key, from the row that conflicted.</summary>
    public static string Updates => string.Join(", ", All.Skip(1).Select(c => $"{c.Column} = excluded.{c.Column}"));

    /// <summary>
    /// The columns the loan list filters and sorts on, each in several indexes. SQLite rewrites an index
    /// entry whenever its column is in an UPDATE's SET list, changed or not, so its write path sets these
    /// only on rows where one of them changed (<see cref="ListedValues"/>).
    /// </summary>
    public static readonly string[] Listed = ["status", "outstanding_principal", "dpd", "bucket", "risk_class"];

    /// <summary>The upsert's <c>SET</c> list without the <see cref="Listed"/> columns.</summary>
    public static string UpdatesExceptListed => string.Join(", ", All.Skip(1).Where(c => !Listed.Contains(c.Column)).Select(c => $"{c.Column} = excluded.{c.Column}"));

    /// <summary>A state's values of the <see cref="Listed"/> columns, principal in minor units.</summary>
    public readonly record struct ListedValues(LoanStatus Status, long OutstandingPrincipal, int Dpd, Bucket Bucket, RiskClass RiskClass)
    {
        public static ListedValues Of(LoanStateFields state) =>
            new(state.Status, Money.ToMinor(state.OutstandingPrincipal), state.Dpd, state.Bucket, state.RiskClass);
    }

    /// <summary>The columns of a state change row as end-of-day writes them.</summary>
    public const string ChangeList = "loan_id, business_date, kind, old_value, new_value, rule, reason, actor";

    /// <summary>A state change's values, in <see cref="ChangeList"/> order.</summary>
    public static object?[] ChangeValues(StateChange c) => [c.LoanId, c.BusinessDate, c.Kind, c.OldValue, c.NewValue, c.Rule, c.Reason, c.Actor];
}
