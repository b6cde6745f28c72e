using PostLoan.Domain.Classification;
using PostLoan.Domain.Schedules;

namespace PostLoan.Domain.Loans;

/// <summary>A loan as loaded from the core system at disbursement. Its servicing state is kept apart (<see cref="Servicing.LoanState"/>).</summary>
public sealed class Loan
{
    private Loan() { }

    public long Id { get; private set; }
    public string ExternalId { get; private set; } = "";
    public long BorrowerId { get; private set; }
    public string Product { get; private set; } = "";
    public Segment Segment { get; private set; }
    /// <summary>ISO 4217 code; amounts carry two decimals.</summary>
    public string Currency { get; private set; } = "CNY";
    public decimal Principal { get; private set; }
    /// <summary>Nominal annual rate in percent (4.9 means 4.9 %).</summary>
    public decimal AnnualRatePercent { get; private set; }
    public int TermMonths { get; private set; }
    public DateOnly DisbursedOn { get; private set; }
    public DateOnly FirstDueOn { get; private set; }
    public RepaymentMethod Method { get; private set; }
    public int GraceDays { get; private set; }
    /// <summary>Penalty uplift as a fraction (0.5 = penalty rate is the annual rate × 1.5).</summary>
    public decimal PenaltyUplift { get; private set; }
    public string? Purpose { get; private set; }
    /// <summary>受托支付: proceeds paid by the lender directly to the borrower's counterparty.</summary>
    public bool EntrustedPayment { get; private set; }
    public bool Restructured { get; private set; }
    public DateOnly? RestructuredOn { get; private set; }
    public RiskClass? ClassBeforeRestructure { get; private set; }
    public bool Extended { get; private set; }

    public ScheduleTerms Terms(int dayCountBasis = 360) =>
        new(Principal, AnnualRatePercent / 100m, TermMonths, Method, FirstDueOn, DisbursedOn, dayCountBasis);
}
