using PostLoan.Domain.Common;
using PostLoan.Domain.EarlyWarning;
using Shouldly;

namespace PostLoan.Domain.Tests.EarlyWarning;

public class WatchListEntryTests
{
    private static readonly DateOnly Today = new(2025, 6, 12);

    private static WatchListEntry Add() =>
        WatchListEntry.Add(7, " supplier lost its largest customer ", "user:zhang", Today, Today.AddMonths(3), "user:li");

    [Fact]
    public void An_entry_keeps_reason_owner_and_review_date()
    {
        var entry = Add();

        entry.Reason.ShouldBe("supplier lost its largest customer");
        entry.Owner.ShouldBe("user:zhang");
        entry.ReviewOn.ShouldBe(new DateOnly(2025, 9, 12));
        entry.IsActive.ShouldBeTrue();
    }

    [Theory]
    [InlineData("", "user:zhang", 30, "reason")]
    [InlineData("weak cash flow", " ", 30, "owner")]
    [InlineData("weak cash flow", "user:zhang", 0, "review date")]
    public void Adding_needs_a_reason_an_owner_and_a_future_review_date(string reason, string owner, int reviewInDays, string named)
    {
        Should.Throw<DomainException>(() => WatchListEntry.Add(7, reason, owner, Today, Today.AddDays(reviewInDays), "user:li"))
            .Message.ShouldContain(named);
    }

    [Fact]
    public void The_review_falls_due_on_its_date_and_a_review_moves_it_on()
    {
        var entry = Add();
        entry.ReviewDue(new DateOnly(2025, 9, 11)).ShouldBeFalse();
        entry.ReviewDue(new DateOnly(2025, 9, 12)).ShouldBeTrue();

        entry.KeepAfterReview(new DateOnly(2025, 9, 12), new DateOnly(2025, 12, 12));

        entry.LastReviewedOn.ShouldBe(new DateOnly(2025, 9, 12));
        entry.ReviewDue(new DateOnly(2025, 9, 30)).ShouldBeFalse();
    }

    [Fact]
    public void Leaving_the_list_needs_a_reason_and_ends_reminders()
    {
        var entry = Add();
        Should.Throw<DomainException>(() => entry.Remove(Today, ""));

        entry.Remove(Today.AddMonths(4), "statements back to normal for two quarters");

        entry.IsActive.ShouldBeFalse();
        entry.ReviewDue(Today.AddMonths(5)).ShouldBeFalse();
        Should.Throw<DomainException>(() => entry.KeepAfterReview(Today.AddMonths(5), Today.AddMonths(6)));
    }
}
