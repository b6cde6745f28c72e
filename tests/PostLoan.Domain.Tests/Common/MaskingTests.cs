using PostLoan.Domain.Common;
using PostLoan.Domain.Loans;
using Shouldly;

namespace PostLoan.Domain.Tests.Common;

public class MaskingTests
{
    [Theory]
    [InlineData("110105199001011234", "110105********1234")]
    [InlineData("11010519900101123X", "110105********123X")]
    [InlineData("110105900101123", "110105*****1123")] // the old 15-digit id
    [InlineData("12345678901", "123456*8901")]
    public void National_id_keeps_the_first_6_and_last_4(string id, string expected) =>
        Masking.NationalId(id).ShouldBe(expected);

    [Theory]
    [InlineData("91330106MA2B3C4D5E", "91************4D5E")]
    [InlineData("913301", "******")]
    public void Credit_code_keeps_the_first_2_and_last_4(string code, string expected) =>
        Masking.CreditCode(code).ShouldBe(expected);

    [Theory]
    [InlineData("13800000001", "138****0001")]
    [InlineData("0571-87000001", "057******0001")]
    public void Phone_keeps_the_first_3_and_last_4(string phone, string expected) =>
        Masking.Phone(phone).ShouldBe(expected);

    [Theory]
    [InlineData("1234567890", "**********")] // 6 + 4 would show everything
    [InlineData("12345", "*****")]
    [InlineData("", "")]
    public void A_national_id_too_short_to_hide_a_middle_is_masked_completely(string id, string expected) =>
        Masking.NationalId(id).ShouldBe(expected);

    [Theory]
    [InlineData("1380001", "*******")]
    [InlineData("110", "***")]
    public void A_phone_too_short_to_hide_a_middle_is_masked_completely(string phone, string expected) =>
        Masking.Phone(phone).ShouldBe(expected);

    [Fact]
    public void Null_stays_null()
    {
        Masking.NationalId(null).ShouldBeNull();
        Masking.CreditCode(null).ShouldBeNull();
        Masking.Phone(null).ShouldBeNull();
    }

    [Fact]
    public void Surrounding_spaces_are_not_counted_as_kept_characters() =>
        Masking.Phone(" 13800000001 ").ShouldBe("138****0001");

    [Fact]
    public void Id_number_is_masked_by_the_borrower_kind()
    {
        Masking.IdNumber(BorrowerKind.Individual, "330106198803152428").ShouldBe("330106********2428");
        Masking.IdNumber(BorrowerKind.Corporate, "91330106MA2B3C4D5E").ShouldBe("91************4D5E");
    }

    [Theory]
    [InlineData("legal_officer", false, true)]
    [InlineData("administrator", false, true)]
    [InlineData("account_manager", true, true)]
    [InlineData("account_manager", false, false)]
    [InlineData("collector", true, false)]
    [InlineData("auditor", false, false)]
    [InlineData("executive", false, false)]
    [InlineData("branch_manager", false, false)]
    [InlineData("risk_officer", false, false)]
    [InlineData("ADMINISTRATOR", false, false)] // role names are exact; anything unknown sees masked values
    [InlineData(null, false, false)]
    public void Full_values_go_to_legal_administrators_and_the_borrowers_own_account_manager(string? role, bool assigned, bool maySee) =>
        SensitiveDataAccess.MaySee(role, assigned).ShouldBe(maySee);

    [Fact]
    public void Reveal_masks_unless_the_role_may_see()
    {
        SensitiveDataAccess.Reveal("13800000001", Masking.Phone, "collector").ShouldBe("138****0001");
        SensitiveDataAccess.Reveal("13800000001", Masking.Phone, "legal_officer").ShouldBe("13800000001");
    }
}
