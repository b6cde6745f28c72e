using PostLoan.Domain.Servicing;
using Shouldly;

namespace PostLoan.Domain.Tests.Servicing;

public sealed class EodPartitionTests
{
    private static readonly DateOnly D1 = new(2025, 7, 1), D2 = new(2025, 7, 2), D3 = new(2025, 7, 3);

    [Theory]
    [InlineData("2/3", 2, 3)]
    [InlineData("1/1", 1, 1)]
    [InlineData("16/16", 16, 16)]
    public void K_of_N_parses(string text, int k, int n)
    {
        EodPartition.TryParse(text, out var p, out var error).ShouldBeTrue(error);
        (p.Number, p.Count).ShouldBe((k, n));
        p.ToString().ShouldBe(text);
    }

    [Theory]
    [InlineData("0/3", "does not exist")]
    [InlineData("4/3", "does not exist")]
    [InlineData("3", "is not a partition")]
    [InlineData("a/b", "is not a partition")]
    [InlineData("-1/3", "is not a partition")]
    [InlineData("", "is not a partition")]
    public void Anything_else_is_refused_with_the_reason(string text, string reason)
    {
        EodPartition.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull().ShouldContain(reason);
    }

    [Fact]
    public void Every_borrower_falls_in_exactly_one_partition()
    {
        var partitions = Enumerable.Range(1, 3).Select(k => new EodPartition(k, 3)).ToList();
        for (long id = 1; id <= 100; id++)
            partitions.Count(p => p.Holds(id)).ShouldBe(1);
        new EodPartition(1, 3).Holds(3).ShouldBeTrue();
        new EodPartition(2, 3).Holds(4).ShouldBeTrue();
    }

    [Fact]
    public void The_book_reaches_a_date_when_every_partition_of_the_split_has()
    {
        EndOfDayRun.BusinessDate([]).ShouldBeNull();
        EndOfDayRun.BusinessDate([(D1, 1, 1)]).ShouldBe(D1);
        // Two of three partitions at D2: the book is still at D1, partition 1 is at D2, partition 3 at D1.
        (DateOnly, int, int)[] runs = [(D1, 1, 1), (D2, 1, 3), (D2, 2, 3)];
        EndOfDayRun.BusinessDate(runs).ShouldBe(D1);
        EndOfDayRun.BusinessDate(runs, new EodPartition(1, 3)).ShouldBe(D2);
        EndOfDayRun.BusinessDate(runs, new EodPartition(3, 3)).ShouldBe(D1);
        EndOfDayRun.BusinessDate([.. runs, (D2, 3, 3)]).ShouldBe(D2);
        // Partitions that ran ahead count up to the slowest one.
        EndOfDayRun.BusinessDate([(D3, 1, 2), (D2, 2, 2)]).ShouldBe(D2);
        // Without any whole-book run, a split with a partition missing has no date yet.
        EndOfDayRun.BusinessDate([(D2, 1, 2)]).ShouldBeNull();
        // A whole-book run after a split moves every partition.
        EndOfDayRun.BusinessDate([(D2, 1, 2), (D2, 2, 2), (D3, 1, 1)], new EodPartition(2, 2)).ShouldBe(D3);
    }
}
