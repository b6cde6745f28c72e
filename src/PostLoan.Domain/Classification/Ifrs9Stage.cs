namespace PostLoan.Domain.Classification;

/// <summary>IFRS 9 impairment stage, kept beside the class (SPEC §5).</summary>
public enum Ifrs9Stage
{
    Stage1 = 1,
    Stage2 = 2,
    Stage3 = 3,
}
