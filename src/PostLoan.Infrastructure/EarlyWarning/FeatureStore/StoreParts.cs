using System.Runtime.InteropServices;
using PostLoan.Domain.EarlyWarning.Features;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Monitoring;

namespace PostLoan.Infrastructure.EarlyWarning.FeatureStore;

/// <summary>One file of the store: its name and how its data is written and read back.</summary>
public sealed record StorePart<T>(string Name, Action<BinaryWriter, T> Write, Func<BinaryReader, T> Read);

/// <summary>
/// The parts of the feature-input store: the loans, and one part per monitoring group holding the collections of
/// <see cref="MonitoringData"/> that group's features read. Rows are written field by field: dates as day numbers,
/// enums as numbers, amounts as decimals, so a part reads back exactly what was read from the database.
/// </summary>
public static class StoreParts
{
    public static readonly StorePart<Dictionary<long, FeatureLoan>> Loans = new("loans",
        (w, loans) =>
        {
            w.Write(loans.Count);
            foreach (var (id, l) in loans)
            {
                w.Write(id);
                w.Write(l.BorrowerId);
                w.Write(l.Principal);
                Date(w, l.Disbursed);
                w.Write((int)l.Segment);
                w.Write(l.Product);
                Date(w, l.Maturity);
            }
        },
        r =>
        {
            var count = r.ReadInt32();
            var loans = new Dictionary<long, FeatureLoan>(count);
            var products = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var id = r.ReadInt64();
                var (borrower, principal, disbursed, segment) = (r.ReadInt64(), r.ReadDecimal(), Date(r), (Segment)r.ReadInt32());
                var product = r.ReadString();
                if (!products.TryGetValue(product, out var shared)) products[product] = shared = product;
                loans[id] = new FeatureLoan(borrower, principal, disbursed, segment, shared, Date(r));
            }
            return loans;
        });

    /// <summary>The loans' DPD at a month end: the count, then the ids and the DPD as they lie in memory.</summary>
    public static StorePart<MonthEndDpd> Dpd(string name) => new(name,
        (w, d) =>
        {
            w.Write(d.LoanIds.Length);
            w.Write(MemoryMarshal.AsBytes(d.LoanIds.AsSpan()));
            w.Write(MemoryMarshal.AsBytes(d.Dpd.AsSpan()));
        },
        r =>
        {
            var count = r.ReadInt32();
            var (ids, dpd) = (new long[count], new int[count]);
            r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(ids.AsSpan()));
            r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(dpd.AsSpan()));
            return new MonthEndDpd(ids, dpd);
        });

    /// <summary>The monitoring groups, each a part of its own so a run reads only the files its features need.</summary>
    public static readonly IReadOnlyList<(MonitoringGroups Group, StorePart<MonitoringData> Part)> Monitoring =
    [
        (MonitoringGroups.Statements, Group("statements", MonitoringGroups.Statements)),
        (MonitoringGroups.Bureau, Group("bureau", MonitoringGroups.Bureau)),
        (MonitoringGroups.Collateral, Group("collateral", MonitoringGroups.Collateral)),
        (MonitoringGroups.FundUses, Group("fund-uses", MonitoringGroups.FundUses)),
        (MonitoringGroups.Milestones, Group("milestones", MonitoringGroups.Milestones)),
        (MonitoringGroups.Signals, Group("signals", MonitoringGroups.Signals)),
    ];

    /// <summary>
    /// Brings a part up to date for the <paramref name="touched"/> borrowers: their rows, and those of their loans
    /// (<paramref name="loans"/>), are dropped and replaced with the ones just read (<paramref name="fresh"/>).
    /// </summary>
    public static void Refresh(MonitoringData data, MonitoringData fresh, IReadOnlyCollection<long> touched, IReadOnlyCollection<long> loans)
    {
        static void Swap<T>(Grouped<T> kept, Grouped<T> read, IReadOnlyCollection<long> keys)
        {
            foreach (var key in keys) kept.Remove(key);
            kept.Replace(read);
        }
        Swap(data.Statements, fresh.Statements, touched);
        Swap(data.Bureau, fresh.Bureau, touched);
        Swap(data.BorrowerSignals, fresh.BorrowerSignals, touched);
        Swap(data.Covenants, fresh.Covenants, loans);
        Swap(data.Collateral, fresh.Collateral, loans);
        Swap(data.GuarantorSignals, fresh.GuarantorSignals, loans);
        Swap(data.FundUses, fresh.FundUses, loans);
        Swap(data.Milestones, fresh.Milestones, loans);
    }

    /// <summary>Only the collections of <paramref name="group"/>; the others empty.</summary>
    public static MonitoringData Only(MonitoringData d, MonitoringGroups group) => new(
        group == MonitoringGroups.Statements ? d.Statements : new(), group == MonitoringGroups.Statements ? d.Covenants : new(),
        group == MonitoringGroups.Bureau ? d.Bureau : new(), group == MonitoringGroups.Collateral ? d.Collateral : new(),
        group == MonitoringGroups.Collateral ? d.GuarantorSignals : new(), group == MonitoringGroups.Signals ? d.BorrowerSignals : new(),
        group == MonitoringGroups.FundUses ? d.FundUses : new(), group == MonitoringGroups.Milestones ? d.Milestones : new());

    /// <summary>One <see cref="MonitoringData"/> from the parts of several groups, each collection from its own group's part.</summary>
    public static MonitoringData Combine(IReadOnlyList<MonitoringData> parts)
    {
        Grouped<T> Pick<T>(Func<MonitoringData, Grouped<T>> of) => parts.Select(of).FirstOrDefault(g => g.Keys > 0) ?? new();
        return new MonitoringData(Pick(d => d.Statements), Pick(d => d.Covenants), Pick(d => d.Bureau), Pick(d => d.Collateral),
            Pick(d => d.GuarantorSignals), Pick(d => d.BorrowerSignals), Pick(d => d.FundUses), Pick(d => d.Milestones));
    }

    private static StorePart<MonitoringData> Group(string name, MonitoringGroups group) => new(name,
        (w, d) =>
        {
            switch (group)
            {
                case MonitoringGroups.Statements:
                    Write(w, d.Statements, (w, s) =>
                    {
                        Date(w, s.PeriodEnd);
                        w.Write((int)s.Period);
                        Date(w, s.ReceivedOn);
                        foreach (var v in (decimal[])[s.TotalAssets, s.TotalLiabilities, s.CurrentAssets, s.CurrentLiabilities, s.Inventory, s.Receivables,
                            s.Revenue, s.NetProfit, s.OperatingCashFlow, s.InterestExpense, s.DebtService]) w.Write(v);
                    });
                    Write(w, d.Covenants, (w, c) =>
                    {
                        w.Write((int)c.Metric);
                        w.Write((int)c.Operator);
                        w.Write(c.Threshold);
                        Date(w, c.FromDate);
                        Date(w, c.ToDate);
                    });
                    break;
                case MonitoringGroups.Bureau:
                    Write(w, d.Bureau, (w, b) =>
                    {
                        Date(w, b.AsOf);
                        w.Write(b.TotalDebt);
                        w.Write(b.OverdueDebt);
                        w.Write(b.Overdue90Debt);
                        w.Write(b.Inquiries3m);
                    });
                    break;
                case MonitoringGroups.Collateral:
                    Write(w, d.Collateral, (w, c) =>
                    {
                        w.Write((int)c.LienStatus);
                        Date(w, c.InsuranceExpiry);
                        w.Write(c.Valuations.Count);
                        foreach (var (on, value) in c.Valuations)
                        {
                            Date(w, on);
                            w.Write(value);
                        }
                    });
                    Write(w, d.GuarantorSignals, Signal);
                    break;
                case MonitoringGroups.FundUses:
                    Write(w, d.FundUses, (w, f) =>
                    {
                        Date(w, f.PaidOn);
                        w.Write(f.Amount);
                        w.Write((int)f.CounterpartyType);
                    });
                    break;
                case MonitoringGroups.Milestones:
                    Write(w, d.Milestones, (w, m) =>
                    {
                        Date(w, m.PlannedDate);
                        Date(w, m.ActualDate);
                        w.Write(m.PlannedCompletion);
                        w.Write(m.Completion);
                        w.Write(m.Budget);
                        w.Write(m.Spend);
                    });
                    break;
                case MonitoringGroups.Signals:
                    Write(w, d.BorrowerSignals, Signal);
                    break;
            }
        },
        r =>
        {
            var d = Only(new MonitoringData(new(), new(), new(), new(), new(), new(), new(), new()), group);
            switch (group)
            {
                case MonitoringGroups.Statements:
                    return d with
                    {
                        Statements = Read(r, r => new StatementFigures(Date(r), (StatementPeriod)r.ReadInt32(), Date(r), r.ReadDecimal(), r.ReadDecimal(),
                            r.ReadDecimal(), r.ReadDecimal(), r.ReadDecimal(), r.ReadDecimal(), r.ReadDecimal(), r.ReadDecimal(), r.ReadDecimal(), r.ReadDecimal(), r.ReadDecimal())),
                        Covenants = Read(r, r => new CovenantTerms((CovenantMetric)r.ReadInt32(), (CovenantOperator)r.ReadInt32(), r.ReadDecimal(), Date(r), DateOrNull(r))),
                    };
                case MonitoringGroups.Bureau:
                    return d with { Bureau = Read(r, r => new BureauFigures(Date(r), r.ReadDecimal(), r.ReadDecimal(), r.ReadDecimal(), r.ReadInt32())) };
                case MonitoringGroups.Collateral:
                    return d with
                    {
                        Collateral = Read(r, r =>
                        {
                            var (lien, expiry, count) = ((LienStatus)r.ReadInt32(), DateOrNull(r), r.ReadInt32());
                            var valuations = new List<(DateOnly, decimal)>(count);
                            for (var i = 0; i < count; i++) valuations.Add((Date(r), r.ReadDecimal()));
                            return new CollateralFacts(lien, expiry, valuations);
                        }),
                        GuarantorSignals = Read(r, Signal),
                    };
                case MonitoringGroups.FundUses:
                    return d with { FundUses = Read(r, r => new FundUsePayment(Date(r), r.ReadDecimal(), (CounterpartyType)r.ReadInt32())) };
                case MonitoringGroups.Milestones:
                    return d with { Milestones = Read(r, r => new MilestoneProgress(Date(r), DateOrNull(r), r.ReadDecimal(), r.ReadDecimal(), r.ReadDecimal(), r.ReadDecimal())) };
                default:
                    return d with { BorrowerSignals = Read(r, Signal) };
            }
        });

    private static void Signal(BinaryWriter w, SignalEvent s)
    {
        w.Write((int)s.Kind);
        Date(w, s.OccurredOn);
    }

    private static SignalEvent Signal(BinaryReader r) => new((SignalKind)r.ReadInt32(), Date(r));

    private static void Write<T>(BinaryWriter w, Grouped<T> grouped, Action<BinaryWriter, T> row)
    {
        w.Write(grouped.Keys);
        foreach (var (key, rows) in grouped.All)
        {
            w.Write(key);
            w.Write(rows.Count);
            foreach (var x in rows) row(w, x);
        }
    }

    private static Grouped<T> Read<T>(BinaryReader r, Func<BinaryReader, T> row)
    {
        var result = new Grouped<T>();
        var keys = r.ReadInt32();
        for (var k = 0; k < keys; k++)
        {
            var key = r.ReadInt64();
            var count = r.ReadInt32();
            var rows = new List<T>(count);
            for (var i = 0; i < count; i++) rows.Add(row(r));
            result.Set(key, rows);
        }
        return result;
    }

    private static void Date(BinaryWriter w, DateOnly d) => w.Write(d.DayNumber);

    private static void Date(BinaryWriter w, DateOnly? d) => w.Write(d?.DayNumber ?? -1);

    private static DateOnly Date(BinaryReader r) => DateOnly.FromDayNumber(r.ReadInt32());

    private static DateOnly? DateOrNull(BinaryReader r) => r.ReadInt32() is var n and >= 0 ? DateOnly.FromDayNumber(n) : null;
}
