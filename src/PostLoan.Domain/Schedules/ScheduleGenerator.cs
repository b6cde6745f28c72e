using System.Collections.Concurrent;
using PostLoan.Domain.Common;

namespace PostLoan.Domain.Schedules;

/// <summary>
/// Generates contractual schedules (SPEC §3). Each installment's interest is rounded with
/// <see cref="Money.Round"/>; the last installment takes whatever principal remains, so the
/// principal always sums exactly to the loan's principal.
/// </summary>
public static class ScheduleGenerator
{
    public static Installment[] Generate(ScheduleTerms terms)
    {
        var fill = Start(terms);
        var schedule = new Installment[fill.End];
        fill.FillTo(schedule, fill.End);
        return schedule;
    }

    private static void Validate(ScheduleTerms terms)
    {
        var problem = terms.Problems().FirstOrDefault();
        if (problem is not null) throw new DomainException($"Cannot generate schedule: {problem}.");
    }

    /// <summary>The number of installments the terms give.</summary>
    public static int Length(ScheduleTerms terms) => terms.Method == RepaymentMethod.Bullet ? 1 : terms.Months;

    /// <summary>
    /// The level payment of an equal-installment loan: P·r·(1+r)^n / ((1+r)^n − 1), rounded.
    /// </summary>
    public static decimal LevelPayment(decimal principal, decimal monthlyRate, int periods)
    {
        if (monthlyRate == 0m) return Money.Round(principal / periods);
        var growth = Growth(monthlyRate, periods);
        return Money.Round(principal * monthlyRate * growth / (growth - 1m));
    }

    /// <summary>
    /// (1 + r)^n, multiplied out period by period (decimal rounds each product, so a shortcut such as squaring
    /// could differ in the last digits). A book has few distinct rates and terms, and end-of-day generates
    /// millions of schedules, so the results are remembered.
    /// </summary>
    private static decimal Growth(decimal monthlyRate, int periods)
    {
        if (GrowthCache.TryGetValue((monthlyRate, periods), out var cached)) return cached;
        var growth = 1m;
        var factor = 1m + monthlyRate;
        for (var i = 0; i < periods; i++) growth *= factor;
        if (GrowthCache.Count < MaxCachedGrowths) GrowthCache.TryAdd((monthlyRate, periods), growth);
        return growth;
    }

    private const int MaxCachedGrowths = 100_000;
    private static readonly ConcurrentDictionary<(decimal Rate, int Periods), decimal> GrowthCache = new();

    /// <summary>
    /// Re-amortises installments <paramref name="from"/>..end of an existing schedule on a new
    /// balance, keeping their due dates; installment <paramref name="from"/> keeps
    /// <paramref name="firstInterest"/> (its period's interest was fixed at the period start).
    /// Used after a prepayment: the maturity is kept and the payment falls.
    /// </summary>
    public static void Reamortize(RepaymentMethod method, decimal annualRate, Installment[] schedule, int from, decimal balance, decimal firstInterest) =>
        Reamortize(method, annualRate, schedule, schedule.Length, from, balance, firstInterest);

    /// <summary>As <see cref="Reamortize(RepaymentMethod, decimal, Installment[], int, decimal, decimal)"/> on the first <paramref name="length"/> installments.</summary>
    public static void Reamortize(RepaymentMethod method, decimal annualRate, Installment[] schedule, int length, int from, decimal balance, decimal firstInterest)
    {
        if (method == RepaymentMethod.Custom)
        {
            // Imported interest cannot be recomputed: the prepaid principal comes off the last installments.
            var excess = -balance;
            for (var i = from; i < length; i++) excess += schedule[i].Principal;
            for (var i = length - 1; i >= from && excess > 0; i--)
            {
                var cut = Math.Min(excess, schedule[i].Principal);
                schedule[i] = schedule[i] with { Principal = schedule[i].Principal - cut };
                excess -= cut;
            }
            // Once no principal is left the imported interest has nothing to run on; keeping it would leave a
            // paid-off loan owing interest and falling overdue on it.
            if (balance == 0m)
            {
                for (var i = from; i < length; i++)
                    schedule[i] = schedule[i] with { Interest = 0m };
            }
            return;
        }
        var terms = new ScheduleTerms(balance, annualRate, length - from, method, schedule[from].DueDate);
        FillFrom(method, terms, schedule, from, length, balance, firstInterest, keepDates: true);
    }

    /// <summary>Fills installments [from, end) of <paramref name="s"/>.</summary>
    private static void FillFrom(RepaymentMethod method, ScheduleTerms terms, Installment[] s, int from, int end, decimal principal, decimal firstInterest, bool keepDates = false)
    {
        var fill = new ScheduleFill(method, terms, from, end, principal, firstInterest, keepDates);
        fill.FillTo(s, end);
    }

    /// <summary>
    /// Starts generating the schedule of <paramref name="terms"/> into an array, installment by installment as far
    /// as asked (<see cref="ScheduleFill.FillTo"/>): the replay of a 30-year mortgage a few years in needs its first
    /// installments at once and the rest only after a prepayment, a waiver of principal or a payoff.
    /// </summary>
    public static ScheduleFill Start(ScheduleTerms terms)
    {
        Validate(terms);
        return new ScheduleFill(terms.Method, terms, 0, Length(terms), terms.Principal, terms.FirstPeriodInterest(terms.Principal), keepDates: false);
    }
}

/// <summary>
/// A schedule being generated in order: installments [from, end) of an array, each computed from the balance the
/// ones before it left, so filling in steps gives exactly what one pass gives.
/// </summary>
public struct ScheduleFill
{
    private readonly RepaymentMethod _method;
    private readonly ScheduleTerms _terms;
    private readonly int _from;
    private readonly int _end;
    private readonly decimal _principal;
    private readonly decimal _firstInterest;
    private readonly bool _keepDates;
    private readonly decimal _r;
    private readonly decimal _payment;
    private readonly decimal _level;
    private decimal _balance;
    private int _next;

    /// <param name="keepDates">Keep the due dates and fees already in the array (re-amortising after a prepayment).</param>
    internal ScheduleFill(RepaymentMethod method, ScheduleTerms terms, int from, int end, decimal principal, decimal firstInterest, bool keepDates)
    {
        if (method is not (RepaymentMethod.EqualInstallment or RepaymentMethod.EqualPrincipal or RepaymentMethod.InterestOnly or RepaymentMethod.Bullet))
            throw new DomainException($"Method {method} has no generator.");
        _method = method;
        _terms = terms;
        _from = from;
        _end = end;
        _principal = principal;
        _firstInterest = firstInterest;
        _keepDates = keepDates;
        _r = terms.MonthlyRate;
        _payment = method == RepaymentMethod.EqualInstallment ? ScheduleGenerator.LevelPayment(principal, _r, end - from) : 0m;
        _level = method == RepaymentMethod.EqualPrincipal ? Money.Round(principal / (end - from)) : 0m;
        _balance = principal;
        _next = from;
    }

    /// <summary>The end of the installments this fill generates (exclusive).</summary>
    public readonly int End => _end;

    /// <summary>How far the array is filled: installments before this one are generated.</summary>
    public readonly int Filled => _next;

    /// <summary>Generates the installments from <see cref="Filled"/> up to (not including) <paramref name="upTo"/>, or to the end.</summary>
    public void FillTo(Installment[] s, int upTo)
    {
        var stop = Math.Min(upTo, _end);
        for (; _next < stop; _next++)
        {
            var i = _next;
            switch (_method)
            {
                case RepaymentMethod.EqualInstallment:
                {
                    var regularInterest = Money.Round(_balance * _r);
                    var interest = i == _from ? _firstInterest : regularInterest;
                    var p = i == _end - 1 ? _balance : Math.Clamp(_payment - regularInterest, 0m, _balance);
                    s[i] = Make(s, i, p, interest);
                    _balance -= p;
                    break;
                }
                case RepaymentMethod.EqualPrincipal:
                {
                    var interest = i == _from ? _firstInterest : Money.Round(_balance * _r);
                    var p = i == _end - 1 ? _balance : Math.Min(_level, _balance);
                    s[i] = Make(s, i, p, interest);
                    _balance -= p;
                    break;
                }
                case RepaymentMethod.InterestOnly:
                {
                    var interest = i == _from ? _firstInterest : Money.Round(_balance * _r);
                    s[i] = Make(s, i, i == _end - 1 ? _balance : 0m, interest);
                    break;
                }
                default:
                {
                    // Bullet: one installment at maturity: the first period's interest (broken or a month) plus a month's for each further month.
                    decimal interest;
                    if (_keepDates)
                        interest = _firstInterest;
                    else
                    {
                        var firstPeriod = _terms.RegularFirstPeriod
                            ? _principal * _r
                            : _principal * _terms.AnnualRate * BusinessCalendar.DaysBetween(_terms.Disbursed!.Value, _terms.FirstDue) / _terms.DayCountBasis;
                        interest = Money.Round(firstPeriod + _principal * _r * (_terms.Months - 1));
                    }
                    s[_from] = new Installment(_from + 1, _keepDates ? s[_from].DueDate : _terms.Maturity, _principal, interest, _keepDates ? s[_from].Fees : 0m);
                    _next = _end - 1; // nothing after it
                    break;
                }
            }
        }
    }

    private readonly Installment Make(Installment[] s, int i, decimal p, decimal interest) =>
        new(i + 1, _keepDates ? s[i].DueDate : _terms.DueDate(i - _from + 1), p, interest, _keepDates ? s[i].Fees : 0m);
}
