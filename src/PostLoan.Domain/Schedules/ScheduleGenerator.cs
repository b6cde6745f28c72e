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
        Validate(terms);
        var schedule = new Installment[Length(terms)];
        Fill(terms, schedule);
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
    /// Writes the schedule into the first <see cref="Length"/> places of <paramref name="into"/> and returns
    /// that length: the replay reuses one array over millions of loans.
    /// </summary>
    public static int Fill(ScheduleTerms terms, Installment[] into)
    {
        Validate(terms);
        var length = Length(terms);
        if (into.Length < length) throw new ArgumentException($"room for {into.Length} installments, the terms give {length}", nameof(into));
        FillFrom(terms.Method, terms, into, 0, length, terms.Principal, terms.FirstPeriodInterest(terms.Principal));
        return length;
    }

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
        var n = end - from;
        var r = terms.MonthlyRate;
        DateOnly Due(int i) => keepDates ? s[i].DueDate : terms.DueDate(i - from + 1);
        Installment Make(int i, decimal p, decimal interest) => new(i + 1, Due(i), p, interest, keepDates ? s[i].Fees : 0m);

        var balance = principal;
        switch (method)
        {
            case RepaymentMethod.EqualInstallment:
            {
                var payment = LevelPayment(principal, r, n);
                for (var i = from; i < end; i++)
                {
                    var regularInterest = Money.Round(balance * r);
                    var interest = i == from ? firstInterest : regularInterest;
                    var p = i == end - 1 ? balance : Math.Clamp(payment - regularInterest, 0m, balance);
                    s[i] = Make(i, p, interest);
                    balance -= p;
                }
                break;
            }
            case RepaymentMethod.EqualPrincipal:
            {
                var level = Money.Round(principal / n);
                for (var i = from; i < end; i++)
                {
                    var interest = i == from ? firstInterest : Money.Round(balance * r);
                    var p = i == end - 1 ? balance : Math.Min(level, balance);
                    s[i] = Make(i, p, interest);
                    balance -= p;
                }
                break;
            }
            case RepaymentMethod.InterestOnly:
                for (var i = from; i < end; i++)
                {
                    var interest = i == from ? firstInterest : Money.Round(balance * r);
                    s[i] = Make(i, i == end - 1 ? balance : 0m, interest);
                }
                break;
            case RepaymentMethod.Bullet:
            {
                // One installment at maturity: the first period's interest (broken or a month) plus a month's for each further month.
                decimal interest;
                if (keepDates)
                    interest = firstInterest;
                else
                {
                    var firstPeriod = terms.RegularFirstPeriod
                        ? principal * r
                        : principal * terms.AnnualRate * BusinessCalendar.DaysBetween(terms.Disbursed!.Value, terms.FirstDue) / terms.DayCountBasis;
                    interest = Money.Round(firstPeriod + principal * r * (terms.Months - 1));
                }
                s[from] = new Installment(from + 1, keepDates ? s[from].DueDate : terms.Maturity, principal, interest, keepDates ? s[from].Fees : 0m);
                break;
            }
            default:
                throw new DomainException($"Method {method} has no generator.");
        }
    }
}
