using PostLoan.Domain.Classification;
using PostLoan.Domain.Common;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Schedules;

namespace PostLoan.Domain.Servicing;

/// <summary>What one installment owes and what has been paid or waived against it.</summary>
public readonly record struct InstallmentStanding(
    Installment Due,
    decimal PrincipalPaid,
    decimal InterestPaid,
    decimal FeesPaid,
    decimal PenaltyCharged,
    decimal PenaltyPaid,
    DateOnly? SettledOn)
{
    public decimal Unpaid => Due.Payment - PrincipalPaid - InterestPaid - FeesPaid + PenaltyCharged - PenaltyPaid;
}

/// <summary>The result of replaying one loan up to a date.</summary>
/// <param name="NextReview">The date from which end-of-day must look at the loan again although no transaction
/// came: for a performing loan the first date after the replay's end on which its state can change by itself; for
/// an overdue loan, whose state changes every day, the day it fell overdue, so that the date stays the same while
/// it stays overdue (null when only a transaction can change the state).</param>
public sealed record ReplayOutcome(IReadOnlyList<InstallmentStanding> Installments, DateOnly? NextReview);

/// <summary>
/// Replays a loan from its disbursement through a business date: installments fall due, transactions
/// are applied in value-date order with the product's allocation order, penalty and compound interest
/// accrue daily on overdue amounts, and a restructured loan's observation period runs. It records a
/// <see cref="Position"/> on every date in [from, to] on which something can change (a due date, a
/// transaction, a DPD threshold, a month end, the ends of the range). The same function serves the
/// daily run, a catch-up over many dates, a full recompute and the loan view, so they cannot disagree.
/// </summary>
/// <remarks>
/// Conventions (see docs/decisions/002-servicing-rules.md): a day's order is installments falling due,
/// then that day's transactions, then that day's accrual. An installment is overdue from the day
/// after its due date. Penalty for one day on one installment is round(unpaid principal × annual rate
/// × (1 + uplift) / basis), compound likewise on unpaid interest. Penalty accrued within the grace days
/// is dropped if the installment is paid in full within them, and charged otherwise.
/// An instance reuses its working arrays from loan to loan, so it serves one thread at a time.
/// </remarks>
public sealed class ServicingReplay(ProductRules rules, ClassificationPolicy policy)
{
    private readonly int[] _dpdThresholds = BuildThresholds(policy);

    public ClassificationPolicy Policy => policy;

    private static int[] BuildThresholds(ClassificationPolicy p)
    {
        // Days past due on which a bucket, class or stage can change.
        int[] days = [1, 31, 61, 91, 121, 151, 181, p.SpecialMentionDpd + 1, p.Stage2Dpd + 1, p.Stage3Dpd + 1,
            p.SubstandardDpd + 1, p.DoubtfulDpd + 1, p.LossDpd + 1];
        return days.Where(d => d > 0).Distinct().Order().ToArray();
    }

    /// <summary>The run of the last loan replayed, kept for the next so that its arrays are reused: an instance serves one thread.</summary>
    private ReplayRun? _spare;

    /// <summary>Replays <paramref name="loan"/> and appends a position for each date in [from, to] on which something can change.</summary>
    public ReplayOutcome Run(LoanFacts loan, DateOnly from, DateOnly to, List<Position>? points)
    {
        var run = Start(loan);
        var nextReview = run.Execute(from, to, points);
        return new ReplayOutcome(run.Standings(), nextReview);
    }

    /// <summary>
    /// Replays <paramref name="loan"/> as <see cref="Run"/> does, appending its positions, without building the
    /// installments' standings: end-of-day needs only the positions, and replays millions of loans.
    /// </summary>
    public void Replay(LoanFacts loan, DateOnly from, DateOnly to, List<Position> points) => Start(loan).Execute(from, to, points);

    private ReplayRun Start(LoanFacts loan)
    {
        var run = _spare ??= new ReplayRun(policy, _dpdThresholds);
        run.Start(loan, loan.Rules ?? rules);
        return run;
    }

    /// <summary>One loan's replay. Its per-installment arrays grow to the longest schedule seen and are cleared for each loan.</summary>
    private sealed class ReplayRun(ClassificationPolicy policy, int[] thresholds)
    {
        private readonly ClassificationPolicy _policy = policy;
        private readonly int[] _thresholds = thresholds;
        private LoanFacts _loan = null!;
        private ProductRules _rules = null!;
        private Installment[] _s = [];
        private int _n;
        private ScheduleFill _fill;
        /// <summary>Installments [0, _filled) of <see cref="_s"/> are there; the generator adds the rest on demand.</summary>
        private int _filled;
        private decimal[] _paidP = [], _paidI = [], _paidF = [], _pen = [], _penPaid = [], _comp = [], _compPaid = [], _pendPen = [], _pendComp = [];
        private DateOnly?[] _settledOn = [];
        private decimal _penaltyRate;
        private int _nextDue;
        private int _firstOpen;
        private decimal _principalOutstanding;
        private decimal _credit;
        private decimal _recovered;
        private DateOnly? _lastRepayment;
        private LoanStatus _status;
        private DateOnly? _statusSince;
        private int _dpdAtWriteOff;
        private bool _inObservation;
        private DateOnly? _observationEnds;

        /// <summary>
        /// The per-installment arrays are clean from here on. A replay writes them only up to the installment
        /// after the last one due, or all of them when a payoff settles the rest; the next loan clears just that
        /// much, which on a 30-year mortgage a few years in is a small part.
        /// </summary>
        private int _dirty;

        public void Start(LoanFacts loan, ProductRules rules)
        {
            _loan = loan;
            _rules = rules;
            _n = loan.CustomSchedule?.Length ?? ScheduleGenerator.Length(loan.Terms);
            if (_s.Length < _n) _s = new Installment[Math.Max(_n, 2 * _s.Length)];
            // A generated schedule is filled only as far as the replay reads it (Ensure): its principal is known without it.
            if (loan.CustomSchedule is { } custom)
            {
                custom.CopyTo(_s, 0);
                _filled = _n;
                _principalOutstanding = 0;
                foreach (var i in custom) _principalOutstanding += i.Principal;
            }
            else
            {
                _fill = ScheduleGenerator.Start(loan.Terms);
                _filled = 0;
                _principalOutstanding = loan.Terms.Principal; // the generator's installments add up to it exactly
            }
            if (_paidP.Length < _n)
            {
                var size = Math.Max(_n, 2 * _paidP.Length);
                _paidP = new decimal[size];
                _paidI = new decimal[size];
                _paidF = new decimal[size];
                _pen = new decimal[size];
                _penPaid = new decimal[size];
                _comp = new decimal[size];
                _compPaid = new decimal[size];
                _pendPen = new decimal[size];
                _pendComp = new decimal[size];
                _settledOn = new DateOnly?[size];
            }
            else
            {
                Array.Clear(_paidP, 0, _dirty);
                Array.Clear(_paidI, 0, _dirty);
                Array.Clear(_paidF, 0, _dirty);
                Array.Clear(_pen, 0, _dirty);
                Array.Clear(_penPaid, 0, _dirty);
                Array.Clear(_comp, 0, _dirty);
                Array.Clear(_compPaid, 0, _dirty);
                Array.Clear(_pendPen, 0, _dirty);
                Array.Clear(_pendComp, 0, _dirty);
                Array.Clear(_settledOn, 0, _dirty);
            }
            _dirty = _n; // until a replay ends and knows better
            _nextDue = _firstOpen = _dpdAtWriteOff = 0;
            _credit = _recovered = 0;
            _lastRepayment = null;
            _status = LoanStatus.Active;
            _statusSince = null;
            _inObservation = false;
            _observationEnds = null;
            _penaltyRate = loan.Terms.AnnualRate * (1m + loan.PenaltyUplift) / rules.DayCountBasis;
            if (loan.RestructuredOn is { } r)
            {
                EnsureAll();
                var start = Array.FindIndex(_s, 0, _n, i => i.DueDate > r);
                // The period starts at that due date; the periods it covers end at the following due dates (as on a restart).
                _observationEnds = start < 0 ? null : ObservationEnd(Math.Min(start + 1, _n - 1), _s[start].DueDate);
            }
        }

        /// <param name="startIndex">The installment that ends the first repayment period counted.</param>
        private DateOnly ObservationEnd(int startIndex, DateOnly startDate)
        {
            var last = Math.Min(startIndex + _policy.ObservationPeriods - 1, _n - 1);
            Ensure(last);
            var lastPeriod = _s[last].DueDate;
            var year = startDate.AddMonths(_policy.ObservationMonths);
            return lastPeriod > year ? lastPeriod : year;
        }

        /// <returns>The first date after <paramref name="to"/> on which the loan's state can change without a new transaction.</returns>
        public DateOnly? Execute(DateOnly from, DateOnly to, List<Position>? points)
        {
            var txns = _loan.Transactions;
            var ti = 0;
            var disbursed = _loan.DisbursedOn;
            var prev = disbursed.AddDays(-1);
            while (prev < to)
            {
                var t = NextEventDay(prev, from, to, txns, ti, disbursed);
                AccrueDays(prev.AddDays(1), t.AddDays(-1));

                var firstDueToday = _nextDue;
                while (_nextDue < _n && Ensure(_nextDue).DueDate <= t) _nextDue++;
                ChargeGracePenalty(t);
                if (_credit > 0 && _status == LoanStatus.Active && firstDueToday != _nextDue)
                {
                    var cash = _credit;
                    _credit = 0;
                    AllocateDue(ref cash);
                    _credit = cash;
                }
                var firstTodays = ti;
                while (ti < txns.Count && txns[ti].Date <= t) Apply(txns[ti++], t);
                AccrueDays(t, t);
                // Only an installment falling due or a transaction can settle one; on other days there is nothing to look at.
                if (ti != firstTodays || firstDueToday != _nextDue) UpdateSettled(t);
                TrackObservation(t, firstDueToday);
                if (_status == LoanStatus.Active && _firstOpen == _n)
                {
                    // A payoff settles the next installment before its due date; record it as settled too.
                    EnsureAll();
                    for (var i = _nextDue; i < _n; i++)
                        if (_settledOn[i] is null && _s[i].Payment > 0) _settledOn[i] = t;
                    _status = LoanStatus.Closed;
                    _statusSince = t;
                }
                if (t >= from) points?.Add(Snapshot(t, firstDueToday));
                prev = t;
                if (_status == LoanStatus.Closed) break;
            }
            _dirty = _status == LoanStatus.Closed ? _n : Math.Min(_n, _nextDue + 1);
            return NextReview(prev);
        }

        private DateOnly NextEventDay(DateOnly prev, DateOnly from, DateOnly to, IReadOnlyList<TransactionFact> txns, int ti, DateOnly disbursed)
        {
            var t = to;
            void Consider(DateOnly? d)
            {
                if (d is { } day && day > prev && day < t) t = day;
            }
            if (disbursed >= from) Consider(disbursed);
            Consider(from);
            if (ti < txns.Count) Consider(txns[ti].Date < prev.AddDays(1) ? prev.AddDays(1) : txns[ti].Date);
            if (_nextDue < _n) Consider(Ensure(_nextDue).DueDate);
            var monthEnd = BusinessCalendar.MonthEnd(prev.AddDays(1) > from ? prev.AddDays(1) : from);
            Consider(monthEnd);
            Consider(_loan.RestructuredOn);
            Consider(_loan.BureauAsOf);
            Consider(_loan.PdDoubledSince);
            if (_inObservation || _loan.RestructuredOn > prev) Consider(_observationEnds);
            if (_status != LoanStatus.Active) return t;
            if (OldestUnpaid() is { } oldest)
            {
                foreach (var th in _thresholds)
                {
                    var d = _s[oldest].DueDate.AddDays(th);
                    if (d > prev && d >= from)
                    {
                        Consider(d);
                        break;
                    }
                }
            }
            if (_loan.GraceDays > 0)
            {
                for (var i = _firstOpen; i < _nextDue; i++)
                {
                    if (_pendPen[i] > 0 || _pendComp[i] > 0 || _settledOn[i] is null)
                        Consider(_s[i].DueDate.AddDays(_loan.GraceDays + 1));
                }
            }
            return t;
        }

        /// <summary>Installment <paramref name="i"/>, generated first if the schedule has not reached it.</summary>
        private ref Installment Ensure(int i)
        {
            if (i >= _filled)
            {
                _fill.FillTo(_s, i + 1);
                _filled = _fill.Filled;
            }
            return ref _s[i];
        }

        /// <summary><paramref name="i"/>, once installment <paramref name="i"/> is generated.</summary>
        private int Index(int i)
        {
            Ensure(i);
            return i;
        }

        /// <summary>Generates the rest of the schedule: a prepayment, a waiver of principal, a payoff or a view reads all of it.</summary>
        private void EnsureAll()
        {
            if (_filled < _n) Ensure(_n - 1);
        }

        private decimal UnpaidContract(int i) => _s[i].Principal - _paidP[i] + _s[i].Interest - _paidI[i] + _s[i].Fees - _paidF[i];

        private decimal UnpaidAll(int i) => UnpaidContract(i) + _pen[i] - _penPaid[i] + _comp[i] - _compPaid[i];

        private int? OldestUnpaid()
        {
            for (var i = _firstOpen; i < _nextDue; i++)
                if (_settledOn[i] is null && UnpaidContract(i) > _rules.Tolerance) return i;
            return null;
        }

        /// <summary>Accrues penalty and compound interest for each day in [a, b] on installments due before a.</summary>
        private void AccrueDays(DateOnly a, DateOnly b)
        {
            if (_status != LoanStatus.Active || a > b) return;
            for (var i = _firstOpen; i < _nextDue; i++)
            {
                if (_settledOn[i] is not null || _s[i].DueDate >= a) continue;
                var dailyPenalty = Money.Round((_s[i].Principal - _paidP[i]) * _penaltyRate);
                var dailyCompound = Money.Round((_s[i].Interest - _paidI[i]) * _penaltyRate);
                if (dailyPenalty == 0 && dailyCompound == 0) continue;
                var graceEnd = _s[i].DueDate.AddDays(_loan.GraceDays);
                var inGrace = _loan.GraceDays == 0 || a > graceEnd ? 0 : BusinessCalendar.DaysBetween(a, b < graceEnd ? b : graceEnd) + 1;
                var charged = BusinessCalendar.DaysBetween(a, b) + 1 - inGrace;
                _pendPen[i] += dailyPenalty * inGrace;
                _pendComp[i] += dailyCompound * inGrace;
                _pen[i] += dailyPenalty * charged;
                _comp[i] += dailyCompound * charged;
            }
        }

        private void ChargeGracePenalty(DateOnly t)
        {
            if (_loan.GraceDays == 0) return;
            for (var i = _firstOpen; i < _nextDue; i++)
            {
                if ((_pendPen[i] > 0 || _pendComp[i] > 0) && t > _s[i].DueDate.AddDays(_loan.GraceDays))
                {
                    _pen[i] += _pendPen[i];
                    _comp[i] += _pendComp[i];
                    _pendPen[i] = _pendComp[i] = 0;
                }
            }
        }

        private void Apply(TransactionFact tx, DateOnly t)
        {
            switch (tx.Kind)
            {
                case TransactionKind.Repayment:
                case TransactionKind.Recovery:
                    _lastRepayment = tx.Date;
                    if (_status == LoanStatus.WrittenOff)
                    {
                        _recovered += tx.Amount;
                        return;
                    }
                    if (_status == LoanStatus.Closed) return;
                    var cash = tx.Amount;
                    AllocateDue(ref cash);
                    if (cash > 0) HoldOrPrepay(ref cash);
                    _credit += cash;
                    return;
                case TransactionKind.Fee:
                {
                    var j = _nextDue < _n ? _nextDue : _n - 1;
                    Ensure(j);
                    _s[j] = _s[j] with { Fees = _s[j].Fees + tx.Amount };
                    if (_settledOn[j] is not null) _settledOn[j] = null;
                    if (j < _firstOpen) _firstOpen = j;
                    return;
                }
                case TransactionKind.Waiver:
                    Waive(tx.Component ?? AllocationComponent.Penalty, tx.Amount);
                    return;
                case TransactionKind.WriteOff:
                    if (_status != LoanStatus.Active) return;
                    _dpdAtWriteOff = OldestUnpaid() is { } o ? BusinessCalendar.DaysBetween(_s[o].DueDate, t) : 0;
                    _status = LoanStatus.WrittenOff;
                    _statusSince = t;
                    return;
                default:
                    return;
            }
        }

        /// <summary>Pays due installments oldest first, each in the product's component order.</summary>
        private void AllocateDue(ref decimal cash)
        {
            for (var i = _firstOpen; i < _nextDue && cash > 0; i++)
            {
                var order = _rules.AllocationOrder;
                for (var c = 0; c < order.Count && cash > 0; c++) PayComponent(i, order[c], ref cash);
            }
        }

        private void PayComponent(int i, AllocationComponent component, ref decimal cash)
        {
            switch (component)
            {
                case AllocationComponent.Fees:
                    Pay(ref _paidF[i], _s[i].Fees, ref cash);
                    break;
                case AllocationComponent.Penalty:
                    Pay(ref _penPaid[i], _pen[i], ref cash);
                    Pay(ref _compPaid[i], _comp[i], ref cash);
                    break;
                case AllocationComponent.Interest:
                    Pay(ref _paidI[i], _s[i].Interest, ref cash);
                    break;
                case AllocationComponent.Principal:
                    var before = _paidP[i];
                    Pay(ref _paidP[i], _s[i].Principal, ref cash);
                    _principalOutstanding -= _paidP[i] - before;
                    break;
            }
        }

        private static void Pay(ref decimal paid, decimal owed, ref decimal cash)
        {
            var x = Math.Min(cash, owed - paid);
            if (x <= 0) return;
            paid += x;
            cash -= x;
        }

        /// <summary>
        /// Money beyond what is due. Up to the next installment's amount it waits, as credit, for that
        /// installment's due date (a payment made a few days early is not a prepayment). Beyond that,
        /// when the product allows prepayment, it reduces the principal of the installments after the
        /// next one, which are re-amortised over the same dates; a payment that clears the whole
        /// principal settles the next installment at once and closes the loan that day.
        /// </summary>
        private void HoldOrPrepay(ref decimal cash)
        {
            if (_nextDue >= _n) return;
            var k = _nextDue;
            Ensure(k);
            var held = Math.Min(cash, Math.Max(0m, UnpaidContract(k) - _credit));
            _credit += held;
            cash -= held;
            if (!_rules.AllowPrepayment) return;
            if (cash > 0)
            {
                EnsureAll();
                var futurePrincipal = 0m;
                for (var i = k + 1; i < _n; i++) futurePrincipal += _s[i].Principal - _paidP[i];
                var x = Math.Min(cash, futurePrincipal);
                if (x > 0)
                {
                    cash -= x;
                    _principalOutstanding -= x;
                    futurePrincipal -= x;
                    ScheduleGenerator.Reamortize(_loan.Terms.Method, _loan.Terms.AnnualRate, _s, _n, k + 1, futurePrincipal, Money.Round(futurePrincipal * _loan.Terms.MonthlyRate));
                }
                if (futurePrincipal > 0) return;
            }
            else
            {
                // Nothing to prepay: only whether any principal is left after the next installment matters. The
                // unpaid principal of all installments is the principal outstanding, so what is left after k is that
                // less the unpaid principal up to k, with no need to generate the installments after it.
                var throughK = 0m;
                for (var i = 0; i <= k; i++) throughK += _s[i].Principal - _paidP[i];
                if (_principalOutstanding - throughK != 0) return;
            }
            // Nothing left after the next installment and the credit covers it: a payoff, settled today.
            if (_credit >= UnpaidContract(k))
            {
                var order = _rules.AllocationOrder;
                for (var c = 0; c < order.Count; c++) PayComponent(k, order[c], ref _credit);
            }
        }

        private void Waive(AllocationComponent component, decimal amount)
        {
            for (var i = _firstOpen; i < _nextDue && amount > 0; i++) PayComponent(i, component, ref amount);
            if (component != AllocationComponent.Principal) return;
            // Principal forgiven beyond what is due comes off the last installments.
            EnsureAll();
            for (var i = _n - 1; i >= _nextDue && amount > 0; i--)
            {
                var x = Math.Min(amount, _s[i].Principal - _paidP[i]);
                _s[i] = _s[i] with { Principal = _s[i].Principal - x };
                _principalOutstanding -= x;
                amount -= x;
            }
        }

        private void UpdateSettled(DateOnly t)
        {
            for (var i = _firstOpen; i < _nextDue; i++)
            {
                if (_settledOn[i] is null && UnpaidContract(i) <= _rules.Tolerance)
                {
                    _settledOn[i] = t;
                    _pendPen[i] = _pendComp[i] = 0;
                }
            }
            while (_firstOpen < _n && UnpaidAll(Index(_firstOpen)) <= 0 && (_firstOpen < _nextDue || _s[_firstOpen].Payment == 0 || UnpaidContract(_firstOpen) <= 0))
                _firstOpen++;
        }

        private void TrackObservation(DateOnly t, int firstDueToday)
        {
            if (_loan.RestructuredOn is not { } restructured || t < restructured) return;
            if (t == restructured) _inObservation = true;
            if (!_inObservation) return;
            for (var i = firstDueToday; i < _nextDue; i++)
            {
                if (_s[i].DueDate > restructured && UnpaidContract(i) > _rules.Tolerance)
                    _observationEnds = ObservationEnd(Math.Min(i + 1, _n - 1), t); // a missed payment restarts the period from the missed date
            }
            if (_observationEnds is { } end && t >= end && OldestUnpaid() is null)
            {
                _inObservation = false;
                _observationEnds = t;
            }
        }

        /// <summary>Installments [from, to) paid in part: something of their contractual amount, but not all of it.</summary>
        private int PartlyPaid(int from, int to)
        {
            var count = 0;
            for (var i = from; i < to; i++)
            {
                var paid = _paidP[i] + _paidI[i] + _paidF[i];
                if (paid > 0 && UnpaidContract(i) > _rules.Tolerance) count++;
            }
            return count;
        }

        /// <param name="firstDueToday">The first installment falling due on <paramref name="t"/> (those up to the next due are).</param>
        private Position Snapshot(DateOnly t, int firstDueToday)
        {
            decimal op = 0, oi = 0, of = 0, pen = 0, comp = 0;
            for (var i = _firstOpen; i < _nextDue; i++)
            {
                op += _s[i].Principal - _paidP[i];
                oi += _s[i].Interest - _paidI[i];
                of += _s[i].Fees - _paidF[i];
                pen += _pen[i] - _penPaid[i];
                comp += _comp[i] - _compPaid[i];
            }
            var oldest = OldestUnpaid();
            var dpd = _status == LoanStatus.WrittenOff ? _dpdAtWriteOff
                : oldest is { } o ? BusinessCalendar.DaysBetween(_s[o].DueDate, t) : 0;
            var inObservation = _inObservation && _status == LoanStatus.Active;
            var facts = new ClassificationFacts(
                dpd,
                _status == LoanStatus.WrittenOff,
                inObservation,
                _loan.ClassBeforeRestructure,
                _loan.BureauAsOf is { } asOf && t >= asOf ? _loan.BureauOverdueShare : null,
                _loan.RedAlertOpenSince is { } red && t >= red);
            return new Position
            {
                Date = t,
                OnWatchList = _loan.OnWatchListSince is { } watched && t >= watched,
                PdDoubled = _loan.PdDoubledSince is { } doubled && t >= doubled,
                Status = _status,
                OutstandingPrincipal = _status == LoanStatus.Closed ? 0 : _principalOutstanding,
                OverduePrincipal = op,
                OverdueInterest = oi,
                OverdueFees = of,
                PenaltyInterest = pen,
                CompoundInterest = comp,
                UnappliedCredit = _credit,
                RecoveredAfterWriteOff = _recovered,
                Dpd = dpd,
                OldestUnpaidDue = oldest is { } oi2 ? _s[oi2].DueDate : null,
                NextDueDate = _nextDue < _n ? Ensure(_nextDue).DueDate : null,
                NextDueAmount = _nextDue < _n ? UnpaidContract(_nextDue) : 0,
                InRestructureObservation = inObservation,
                ObservationEnds = _loan.RestructuredOn is null ? null : _observationEnds,
                StatusSince = _statusSince,
                OwnClass = Classifier.Classify(facts, _policy),
                IsMonthEnd = BusinessCalendar.IsMonthEnd(t),
                NextReview = NextReview(t),
                LastRepaymentOn = _lastRepayment,
                PartlyPaidDue = PartlyPaid(firstDueToday, _nextDue),
            };
        }

        private DateOnly? NextReview(DateOnly last)
        {
            if (_status != LoanStatus.Active) return null;
            // Overdue: reviewed every day. The day it fell overdue says so as well as tomorrow does, and does not move
            // from day to day (on SQLite a moved value is a rewritten index entry for each of these loans every night).
            if (OldestUnpaid() is { } oldest) return _s[oldest].DueDate.AddDays(1);
            DateOnly? next = null;
            void Consider(DateOnly? d)
            {
                if (d is { } day && day > last && (next is null || day < next)) next = day;
            }
            if (_nextDue < _n) Consider(Ensure(_nextDue).DueDate);
            if (_inObservation || _loan.RestructuredOn > last) Consider(_observationEnds);
            Consider(_loan.RestructuredOn);
            Consider(_loan.BureauAsOf);
            Consider(_loan.PdDoubledSince);
            return next;
        }

        public InstallmentStanding[] Standings()
        {
            EnsureAll();
            var result = new InstallmentStanding[_n];
            for (var i = 0; i < _n; i++)
                result[i] = new InstallmentStanding(_s[i], _paidP[i], _paidI[i], _paidF[i], _pen[i] + _comp[i], _penPaid[i] + _compPaid[i], _settledOn[i]);
            return result;
        }
    }
}
