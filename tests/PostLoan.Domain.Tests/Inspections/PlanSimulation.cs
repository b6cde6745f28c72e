using PostLoan.Domain.Classification;
using PostLoan.Domain.Inspections;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Monitoring;
using Shouldly;

namespace PostLoan.Domain.Tests.Inspections;

/// <summary>
/// One loan's policy tasks lived day by day: each business date the plan runs and its steps are applied the way
/// end-of-day would apply them, and planning again on the same date must change nothing. A diligent manager does each
/// visit on its due date and records each revaluation on its due date, before that day's plan runs.
/// </summary>
internal sealed class PlanSimulation(Segment segment, DateOnly disbursedOn, VisitPolicy? policy = null)
{
    private readonly VisitPolicy _policy = policy ?? VisitPolicy.Default;
    private readonly List<PlanTask> _tasks = [];
    private readonly Dictionary<long, DateOnly> _doneOn = [];
    private long _nextTaskId = 1;

    public long LoanId { get; init; } = 1;
    public decimal Principal { get; init; } = 5_000_000m;
    public LoanStatus Status { get; set; } = LoanStatus.Active;
    public RiskClass RiskClass { get; set; } = RiskClass.Normal;
    public bool Diligent { get; set; }
    public List<PlanCollateral> Collateral { get; } = [];

    /// <summary>Every task ever opened, in the order it was opened, as it stands now.</summary>
    public IReadOnlyList<PlanTask> Tasks => _tasks;

    /// <summary>Every step the plan returned, with its date.</summary>
    public List<(DateOnly On, PlanStep Step)> Log { get; } = [];

    public DateOnly? DoneOn(long taskId) => _doneOn.TryGetValue(taskId, out var on) ? on : null;

    public IEnumerable<PlanTask> OfKind(string kind) => _tasks.Where(t => t.Kind == kind);

    public PlanLoan Loan => new(LoanId, segment, Principal, disbursedOn, Status, RiskClass, [.. Collateral], [.. _tasks],
        HadFirstInspection: _tasks.Any(t => t.Kind == TaskKinds.FirstInspection));

    /// <summary>Runs every day from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public PlanSimulation Run(DateOnly from, DateOnly to, Action<DateOnly>? morning = null)
    {
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            morning?.Invoke(date);
            if (Diligent) DoWhatIsDue(date);
            Day(date);
        }
        return this;
    }

    /// <summary>One end-of-day: plan, apply, and check that planning again finds nothing to do.</summary>
    public IReadOnlyList<PlanStep> Day(DateOnly date)
    {
        var steps = VisitPlanner.Plan(Loan, date, _policy);
        foreach (var step in steps) Apply(step, date);
        VisitPlanner.Plan(Loan, date, _policy).ShouldBeEmpty($"planning twice on {date:yyyy-MM-dd} changes nothing");
        return steps;
    }

    public void Complete(long taskId, DateOnly on) => Set(taskId, t => t with { Status = InspectionTaskStatus.Done }, () => _doneOn[taskId] = on);

    public void Cancel(long taskId) => Set(taskId, t => t with { Status = InspectionTaskStatus.Cancelled });

    public void Revalue(long collateralId, DateOnly on)
    {
        var i = Collateral.FindIndex(c => c.CollateralId == collateralId);
        Collateral[i] = Collateral[i] with { LastValuedOn = on };
    }

    private void DoWhatIsDue(DateOnly date)
    {
        foreach (var task in _tasks.Where(t => t.IsOpen && t.DueOn == date).ToList())
        {
            if (task.Kind == TaskKinds.CollateralRevaluation) Revalue(task.CollateralId!.Value, date);
            else Complete(task.Id, date);
        }
    }

    private void Apply(PlanStep step, DateOnly date)
    {
        Log.Add((date, step));
        switch (step)
        {
            case CreateTask c:
                c.DueOn.ShouldBeGreaterThanOrEqualTo(date, "a task is never opened already overdue");
                _tasks.Add(new PlanTask(_nextTaskId++, c.Kind, c.CollateralId, InspectionTaskStatus.Open, c.DueOn, c.AnchorOn, c.CycleMonths, date));
                break;
            case MoveTask m:
                Set(m.TaskId, t => t with { DueOn = m.DueOn, CycleMonths = m.CycleMonths });
                break;
            case CancelTask x:
                Cancel(x.TaskId);
                break;
            case CompleteTask d:
                Complete(d.TaskId, d.On);
                break;
            default:
                throw new InvalidOperationException($"unknown step {step}");
        }
    }

    private void Set(long taskId, Func<PlanTask, PlanTask> change, Action? also = null)
    {
        var i = _tasks.FindIndex(t => t.Id == taskId);
        i.ShouldBeGreaterThanOrEqualTo(0, $"task {taskId} exists");
        _tasks[i].IsOpen.ShouldBeTrue($"task {taskId} is open when the plan changes it");
        _tasks[i] = change(_tasks[i]);
        also?.Invoke();
    }
}
