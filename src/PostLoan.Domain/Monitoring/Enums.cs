namespace PostLoan.Domain.Monitoring;

/// <summary>The span a financial statement covers, ending on its period end.</summary>
public enum StatementPeriod
{
    Annual,
    Quarterly,
    Monthly,
}

/// <summary>The statement ratios a covenant can bind; each is derived from a <see cref="FinancialStatement"/>, never typed in.</summary>
public enum CovenantMetric
{
    /// <summary>Total liabilities ÷ total assets.</summary>
    DebtToAsset,
    /// <summary>Current assets ÷ current liabilities.</summary>
    CurrentRatio,
    /// <summary>(Current assets − inventory) ÷ current liabilities.</summary>
    QuickRatio,
    /// <summary>(Net profit + interest expense) ÷ interest expense, an EBIT proxy from the columns a statement carries.</summary>
    InterestCoverage,
    /// <summary>Debt service coverage: operating cash flow ÷ debt service.</summary>
    Dscr,
}

/// <summary>How a covenant compares the metric with its threshold; files write it as <c>&lt;=</c>, <c>&lt;</c>, <c>&gt;=</c>, <c>&gt;</c>.</summary>
public enum CovenantOperator
{
    AtMost,
    Below,
    AtLeast,
    Above,
}

/// <summary>Who received a payment out of loan proceeds (贷款用途跟踪).</summary>
public enum CounterpartyType
{
    Supplier,
    Contractor,
    EmployeePayroll,
    Tax,
    Securities,
    RealEstate,
    RelatedParty,
    Individual,
    Other,
}

public enum CollateralType
{
    RealEstate,
    Vehicle,
    Deposit,
    Equipment,
    Equity,
    Receivables,
}

/// <summary>The state of the lender's registered charge over a collateral.</summary>
public enum LienStatus
{
    Registered,
    Pending,
    Released,
}

public enum GuarantorKind
{
    Individual,
    Corporate,
}

/// <summary>What an external signal is about.</summary>
public enum SignalSubject
{
    Borrower,
    Guarantor,
}

public enum SignalKind
{
    CourtCase,
    Enforcement,
    AdverseNews,
    ExecutiveChange,
    IndustryListChange,
}

public static class CovenantOperators
{
    private static readonly (CovenantOperator Operator, string Symbol)[] Symbols =
        [(CovenantOperator.AtMost, "<="), (CovenantOperator.Below, "<"), (CovenantOperator.AtLeast, ">="), (CovenantOperator.Above, ">")];

    /// <summary>True when <paramref name="ratio"/> keeps a covenant of this operator and <paramref name="threshold"/>.</summary>
    public static bool Keeps(this CovenantOperator op, decimal ratio, decimal threshold) => op switch
    {
        CovenantOperator.AtMost => ratio <= threshold,
        CovenantOperator.Below => ratio < threshold,
        CovenantOperator.AtLeast => ratio >= threshold,
        _ => ratio > threshold,
    };

    /// <summary>The operator as files write it.</summary>
    public static string Symbol(this CovenantOperator op) => Symbols.First(s => s.Operator == op).Symbol;

    public static bool TryParse(string? text, out CovenantOperator op)
    {
        foreach (var (o, symbol) in Symbols)
        {
            if (symbol == text?.Trim())
            {
                op = o;
                return true;
            }
        }
        op = default;
        return false;
    }

    public static string Allowed => string.Join(", ", Symbols.Select(s => s.Symbol));
}
