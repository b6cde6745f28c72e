using PostLoan.Domain.Classification;
using PostLoan.Domain.Delinquency;
using PostLoan.Domain.Loans;

namespace PostLoan.Domain.Servicing;

/// <summary>What a loan's state was before a run, to tell what changed; <paramref name="AsOf"/> is the date of that state, with its DPD.</summary>
public readonly record struct StateBaseline(LoanStatus Status, Bucket Bucket, RiskClass RiskClass, Ifrs9Stage Stage, int Dpd = 0, DateOnly? AsOf = null);

/// <summary>A loan's state as it stood at a month end, for the snapshot table.</summary>
public readonly record struct StateAtMonthEnd(DateOnly SnapshotDate, LoanState State);

/// <summary>What servicing one or more borrowers produced: the new states, their changes and month-end snapshots.</summary>
public sealed class ServicingOutput
{
    public List<LoanState> States { get; } = [];
    public List<StateChange> Changes { get; } = [];
    /// <summary>Loans' states at the month ends within the run: the same state rows, dated.</summary>
    public List<StateAtMonthEnd> Snapshots { get; } = [];

    public void Clear()
    {
        States.Clear();
        Changes.Clear();
        Snapshots.Clear();
    }
}

/// <summary>
/// Services all loans of one borrower over [from, to]: replays each loan, applies the borrower-level
/// cross-default rule (SPEC §5), and turns the positions into states, change rows and month-end snapshots.
/// </summary>
/// <remarks>An instance reuses its working lists, so it serves one thread at a time.</remarks>
public sealed class BorrowerServicing(ServicingReplay replay)
{
    private readonly List<List<Position>> _points = [];

    public ClassificationPolicy Policy => replay.Policy;

    public void Service(IReadOnlyList<LoanFacts> loans, IReadOnlyDictionary<long, StateBaseline> baseline, DateOnly from, DateOnly to, ServicingOutput output)
    {
        if (loans.Count == 1)
        {
            ServiceAlone(loans[0], baseline, from, to, output);
            return;
        }
        var timelines = new (LoanFacts Loan, List<Position> Points)[loans.Count];
        var dates = new SortedSet<DateOnly>();
        for (var i = 0; i < loans.Count; i++)
        {
            var points = Points(i);
            replay.Replay(loans[i], from, to, points);
            timelines[i] = (loans[i], points);
            foreach (var p in points) dates.Add(p.Date);
        }
        var crossDefault = loans[0].CorporateBorrower;
        var cursor = new int[loans.Count];
        var previous = new StateBaseline?[loans.Count];
        for (var i = 0; i < loans.Count; i++)
            previous[i] = baseline.TryGetValue(loans[i].LoanId, out var b) ? b : null;

        foreach (var d in dates)
        {
            ClassResult? floor = null;
            if (crossDefault)
            {
                decimal npl = 0, total = 0;
                for (var i = 0; i < timelines.Length; i++)
                {
                    if (Current(timelines[i].Points, ref cursor[i], d) is not { } p || p.Status != LoanStatus.Active) continue;
                    total += p.OutstandingPrincipal;
                    if (p.OwnClass.Class.IsNonPerforming()) npl += p.OutstandingPrincipal;
                }
                floor = Classifier.CrossDefaultFloor(npl, total, Policy);
            }
            for (var i = 0; i < timelines.Length; i++)
            {
                var (loan, points) = timelines[i];
                if (Current(points, ref cursor[i], d) is not { } p) continue;
                if (p.Date != d && p.Status != LoanStatus.Active) continue; // closed or written off earlier: nothing more happens
                var final = floor is { } f && p.Status == LoanStatus.Active ? p.OwnClass.AtLeast(f) : p.OwnClass;
                var isLast = cursor[i] == points.Count - 1 && d == dates.Max;
                Emit(loan.LoanId, p, d, final, ref previous[i], isLast || (d == p.Date && cursor[i] == points.Count - 1 && p.Status != LoanStatus.Active), output);
            }
        }
    }

    private void ServiceAlone(LoanFacts loan, IReadOnlyDictionary<long, StateBaseline> baseline, DateOnly from, DateOnly to, ServicingOutput output)
    {
        var points = Points(0);
        replay.Replay(loan, from, to, points);
        StateBaseline? previous = baseline.TryGetValue(loan.LoanId, out var b) ? b : null;
        for (var i = 0; i < points.Count; i++)
            Emit(loan.LoanId, points[i], points[i].Date, points[i].OwnClass, ref previous, i == points.Count - 1, output);
    }

    /// <summary>The <paramref name="i"/>-th loan's list of positions, emptied: the lists are reused from borrower to borrower.</summary>
    private List<Position> Points(int i)
    {
        while (_points.Count <= i) _points.Add([]);
        _points[i].Clear();
        return _points[i];
    }

    /// <summary>The loan's latest position on or before <paramref name="d"/>, advancing the cursor.</summary>
    private static Position? Current(List<Position> points, ref int cursor, DateOnly d)
    {
        while (cursor + 1 < points.Count && points[cursor + 1].Date <= d) cursor++;
        return points.Count > 0 && points[cursor].Date <= d ? points[cursor] : null;
    }

    private void Emit(long loanId, in Position p, DateOnly d, ClassResult finalClass, ref StateBaseline? previous, bool last, ServicingOutput output)
    {
        var state = LoanState.From(loanId, p, finalClass, Policy);
        var now = new StateBaseline(state.Status, state.Bucket, state.RiskClass, state.Stage, p.Dpd, p.Date);
        var old = previous;
        // Only a loan overdue before or at this position, or paid in part on it, has an event to record.
        if (d == p.Date && (old?.Dpd > 0 || p.Dpd > 0 || p.PartlyPaidDue > 0) && (old?.AsOf is not { } seen || seen < p.Date))
            DelinquencyEvents.Between(old?.AsOf, old?.Dpd ?? 0, old?.Status == LoanStatus.Active, p, (date, kind, dpd) =>
                AddChange(output, loanId, date, kind, null, dpd.ToString(System.Globalization.CultureInfo.InvariantCulture), null, EventReason(kind, dpd)));
        if (old is null)
        {
            // A loan's first state opens its class history; bucket and stage rows only when not at their starting value.
            AddChange(output, loanId, d, "class", null, finalClass.Class.Code(), finalClass.Rule, finalClass.Reason);
            if (now.Bucket != Bucket.C) AddChange(output, loanId, d, "bucket", null, now.Bucket.Label(), "dpd", $"DPD {p.Dpd}");
            if (now.Stage != Ifrs9Stage.Stage1) AddChange(output, loanId, d, "stage", null, ((int)now.Stage).ToString(), "ifrs9", state.StageReason);
            if (now.Status != LoanStatus.Active) AddChange(output, loanId, d, "status", null, now.Status.Snake(), null, now.Status.Snake());
        }
        else
        {
            var o = old.Value;
            if (o.Status != now.Status) AddChange(output, loanId, d, "status", o.Status.Snake(), now.Status.Snake(), null, now.Status == LoanStatus.Closed ? "paid in full" : now.Status.Snake());
            if (o.Bucket != now.Bucket) AddChange(output, loanId, d, "bucket", o.Bucket.Label(), now.Bucket.Label(), "dpd", $"DPD {p.Dpd}");
            if (o.RiskClass != now.RiskClass) AddChange(output, loanId, d, "class", o.RiskClass.Code(), now.RiskClass.Code(), finalClass.Rule, finalClass.Reason);
            if (o.Stage != now.Stage) AddChange(output, loanId, d, "stage", ((int)o.Stage).ToString(), ((int)now.Stage).ToString(), "ifrs9", state.StageReason);
        }
        previous = now;
        if (d == p.Date && p.IsMonthEnd)
            output.Snapshots.Add(new StateAtMonthEnd(d, state));
        if (last) output.States.Add(state);
    }

    private static string EventReason(string kind, int value) => kind switch
    {
        DelinquencyEvents.Peak => $"DPD {value} on the day before a payment",
        DelinquencyEvents.ThirtyPlus => $"DPD reached {value}",
        _ => $"{value} installment(s) falling due paid in part",
    };

    private static void AddChange(ServicingOutput output, long loanId, DateOnly d, string kind, string? oldValue, string newValue, string? rule, string reason) =>
        output.Changes.Add(new StateChange { LoanId = loanId, BusinessDate = d, Kind = kind, OldValue = oldValue, NewValue = newValue, Rule = rule, Reason = reason });
}
