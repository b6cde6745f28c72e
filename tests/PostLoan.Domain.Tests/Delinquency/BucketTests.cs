using PostLoan.Domain.Delinquency;
using Shouldly;

namespace PostLoan.Domain.Tests.Delinquency;

public class BucketTests
{
    [Theory]
    [InlineData(0, Bucket.C)]
    [InlineData(1, Bucket.M1)]
    [InlineData(30, Bucket.M1)]
    [InlineData(31, Bucket.M2)]
    [InlineData(60, Bucket.M2)]
    [InlineData(61, Bucket.M3)]
    [InlineData(90, Bucket.M3)]
    [InlineData(91, Bucket.M4)]
    [InlineData(120, Bucket.M4)]
    [InlineData(121, Bucket.M5)]
    [InlineData(150, Bucket.M5)]
    [InlineData(151, Bucket.M6)]
    [InlineData(180, Bucket.M6)]
    [InlineData(181, Bucket.M7Plus)]
    [InlineData(1000, Bucket.M7Plus)]
    public void Bucket_boundaries_follow_spec(int dpd, Bucket expected) => Buckets.FromDpd(dpd).ShouldBe(expected);

    [Fact]
    public void Label_of_the_last_bucket_is_M7_plus_and_parses_back()
    {
        Bucket.M7Plus.Label().ShouldBe("M7+");
        Buckets.TryParse("m7+", out var parsed).ShouldBeTrue();
        parsed.ShouldBe(Bucket.M7Plus);
        Buckets.TryParse("M8", out _).ShouldBeFalse();
    }
}
