using PostLoan.Domain.Loans;
using Shouldly;

namespace PostLoan.Domain.Tests.Loans;

public class EnumNamesTests
{
    [Fact]
    public void Snake_names_split_words_at_capitals()
    {
        LoanStatus.WrittenOff.Snake().ShouldBe("written_off");
        TransactionKind.WriteOff.Snake().ShouldBe("write_off");
        AllocationComponent.Penalty.Snake().ShouldBe("penalty");
    }

    [Fact]
    public void Snake_names_parse_back_ignoring_case_and_spaces()
    {
        EnumNames.TryParseSnake<TransactionKind>(" Write_Off ", out var kind).ShouldBeTrue();
        kind.ShouldBe(TransactionKind.WriteOff);
        EnumNames.TryParseSnake<TransactionKind>("writeoff", out _).ShouldBeFalse();
        EnumNames.TryParseSnake<TransactionKind>(null, out _).ShouldBeFalse();
    }

    [Fact]
    public void Allowed_lists_every_value_in_declaration_order() =>
        EnumNames.Allowed<LoanStatus>().ShouldBe("active, closed, written_off");
}
