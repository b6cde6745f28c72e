namespace PostLoan.Domain.Monitoring;

/// <summary>
/// A dated fact from outside the bank about a borrower or a guarantor: a court case, an enforcement,
/// adverse news, an executive change or a change of an industry list. Exactly one of
/// <see cref="BorrowerId"/> and <see cref="GuarantorId"/> is set, as <see cref="SubjectType"/> says.
/// </summary>
public sealed class ExternalSignal
{
    private ExternalSignal() { }

    public long Id { get; private set; }
    public string ExternalId { get; private set; } = "";
    public SignalSubject SubjectType { get; private set; }
    public long? BorrowerId { get; private set; }
    public long? GuarantorId { get; private set; }
    public SignalKind Kind { get; private set; }
    public DateOnly OccurredOn { get; private set; }
    public string Source { get; private set; } = "";
    public string Summary { get; private set; } = "";
    /// <summary>An amount the signal names (a court case's claim, an enforced sum), when it names one.</summary>
    public decimal? Amount { get; private set; }

    /// <summary>Signals about a company's management or industry; a person has neither.</summary>
    public static bool IsCorporateOnly(SignalKind kind) => kind is SignalKind.ExecutiveChange or SignalKind.IndustryListChange;
}
