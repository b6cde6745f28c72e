namespace PostLoan.Domain.Scoring;

/// <summary>
/// The active behaviour model's latest score of a loan, written by end-of-day (SPEC §5–6). Its first PD under any model
/// is kept as the PD at origination: a PD at least twice that puts the loan in IFRS 9 stage 2 from the day it doubled.
/// </summary>
public sealed class LoanScore
{
    public long LoanId { get; set; }
    public int ModelVersion { get; set; }

    /// <summary>The business date this score was written: end-of-day writes a loan's score again only when something in it changed.</summary>
    public DateOnly ScoredOn { get; set; }

    /// <summary>Points: higher is better (SPEC §6 scaling).</summary>
    public int Score { get; set; }

    /// <summary>Probability of reaching 90+ DPD within 12 months, a fraction.</summary>
    public double Pd { get; set; }

    /// <summary>The loan's first PD: the reference for "PD at least doubled since origination".</summary>
    public double OriginationPd { get; set; }

    /// <summary>The business date the PD reached twice the origination PD, while it stays there.</summary>
    public DateOnly? PdDoubledOn { get; set; }

    /// <summary>IFRS 9 expected credit loss on the outstanding principal at the stage of the day (<see cref="ExpectedLoss"/>).</summary>
    public decimal Ecl { get; set; }
}

/// <summary>A loan's score at a month end, kept for its history, the score change feature and the model's monitoring.</summary>
public sealed class ScoreHistory
{
    public DateOnly MonthEnd { get; set; }
    public long LoanId { get; set; }
    public int ModelVersion { get; set; }
    public int Score { get; set; }
    public double Pd { get; set; }
}
