using PostLoan.Application.Common;
using PostLoan.Application.EarlyWarning;
using PostLoan.Application.Import;
using PostLoan.Domain.EarlyWarning;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.EarlyWarning;

/// <summary>The watch list and people's actions on alerts, through the real services on a real database, with the audit trail.</summary>
public sealed class WatchListAndAlertTests : IDisposable
{
    private static readonly DateOnly BusinessDate = new(2025, 6, 13); // a Friday
    private readonly TempDatabase _db = new();

    public WatchListAndAlertTests()
    {
        foreach (var kind in new[] { ImportKind.Borrowers, ImportKind.Loans, ImportKind.Schedules })
            new ImportService(_db.Settings).Import(kind, Examples.File($"{kind.ToString().ToLowerInvariant()}.csv")).Succeeded.ShouldBeTrue();
        Book.Eod(_db, through: BusinessDate);
    }

    public void Dispose() => _db.Dispose();

    private WatchListService WatchList => new(_db.Settings, TimeProvider.System);
    private AlertActions Alerts => new(_db.Settings, TimeProvider.System);

    [Fact]
    public void A_borrower_goes_on_the_watch_list_once_and_the_change_is_audited()
    {
        var added = WatchList.Add("B2001", "largest customer went bankrupt", "user:zhang", new DateOnly(2025, 9, 13), "user:li", DataScope.All);

        added.Succeeded.ShouldBeTrue(added.Failure?.Message);
        added.Value!.AddedOn.ShouldBe(BusinessDate);
        added.Value.BorrowerName.ShouldBe("浙江恒达机械制造有限公司");
        WatchList.Add("B2001", "again", "user:zhang", new DateOnly(2025, 9, 13), "user:li", DataScope.All).Failure!.Kind.ShouldBe(FailureKind.Conflict);
        _db.Count("SELECT COUNT(*) FROM audit_entries WHERE action = 'watchlist.add' AND entity_id = 'B2001' AND actor = 'user:li'").ShouldBe(1);
    }

    [Fact]
    public void Bad_watch_list_input_is_refused_with_the_field()
    {
        WatchList.Add("B2001", " ", "user:zhang", new DateOnly(2025, 9, 13), "user:li", DataScope.All).Failure!.Field.ShouldBe("reason");
        WatchList.Add("B2001", "weak cash", "user:zhang", BusinessDate, "user:li", DataScope.All).Failure!.Field.ShouldBe("review_on");
        WatchList.Add("B9999", "weak cash", "user:zhang", new DateOnly(2025, 9, 13), "user:li", DataScope.All).Failure!.Kind.ShouldBe(FailureKind.NotFound);
        _db.Count("SELECT COUNT(*) FROM watch_list").ShouldBe(0);
    }

    [Fact]
    public void A_borrower_outside_the_scope_cannot_be_listed_or_seen()
    {
        // B2001 belongs to branch ZJ01.
        WatchList.Add("B2001", "weak cash", "user:zhang", new DateOnly(2025, 9, 13), "user:sc", DataScope.Branch("SC01")).Failure!.Kind.ShouldBe(FailureKind.NotFound);
        WatchList.Add("B2001", "weak cash", "user:zhang", new DateOnly(2025, 9, 13), "user:li", DataScope.All).Succeeded.ShouldBeTrue();

        WatchList.List(DataScope.Branch("SC01")).ShouldBeEmpty();
        WatchList.List(DataScope.Branch("ZJ01")).Select(i => i.BorrowerExternalId).ShouldBe(["B2001"]);
    }

    [Fact]
    public void Reviews_fall_due_keep_the_borrower_on_or_take_them_off_with_a_reason()
    {
        WatchList.Add("B2001", "weak cash", "user:zhang", BusinessDate.AddDays(1), "user:li", DataScope.All).Succeeded.ShouldBeTrue();
        WatchList.List(DataScope.All, dueOnly: true).ShouldBeEmpty();
        Book.Eod(_db, through: BusinessDate.AddDays(1));
        WatchList.List(DataScope.All, dueOnly: true).Single().ReviewDue.ShouldBeTrue();

        WatchList.Keep("B2001", BusinessDate.AddMonths(3), "user:zhang", DataScope.All).Value!.LastReviewedOn.ShouldBe(BusinessDate.AddDays(1));
        WatchList.List(DataScope.All, dueOnly: true).ShouldBeEmpty();

        WatchList.Remove("B2001", "", "user:zhang", DataScope.All).Failure!.Kind.ShouldBe(FailureKind.Invalid);
        WatchList.Remove("B2001", "two good quarters", "user:zhang", DataScope.All).Succeeded.ShouldBeTrue();
        WatchList.List(DataScope.All).ShouldBeEmpty();
        _db.Count("SELECT COUNT(*) FROM audit_entries WHERE action LIKE 'watchlist.%'").ShouldBe(3);
    }

    private long RaiseAlert(string loan, Severity severity = Severity.Red)
    {
        using var db = _db.Settings.CreateContext();
        var loanId = db.Loans.Single(l => l.ExternalId == loan).Id;
        var alert = Alert.Raise("EX01", 1, loanId, severity, BusinessDate, """{"litigation_12m":1}""");
        db.Alerts.Add(alert);
        db.SaveChanges();
        return alert.Id;
    }

    [Fact]
    public void An_alert_is_acknowledged_then_dismissed_with_a_reason_and_each_step_is_audited()
    {
        var id = RaiseAlert("L2001");

        Alerts.Resolve(id, null, "user:li", DataScope.All).Failure!.Kind.ShouldBe(FailureKind.Conflict);
        var acknowledged = Alerts.Acknowledge(id, "user:li", DataScope.All);
        acknowledged.Value!.Status.ShouldBe(AlertStatus.Acknowledged);
        acknowledged.Value.SlaBreached.ShouldBeFalse();
        Alerts.Dismiss(id, "  ", "user:li", DataScope.All).Failure!.Field.ShouldBe("reason");
        Alerts.Dismiss(id, "the case was withdrawn", "user:li", DataScope.All).Value!.Status.ShouldBe(AlertStatus.Dismissed);

        _db.Count("SELECT COUNT(*) FROM audit_entries WHERE entity_type = 'alert' AND actor = 'user:li'").ShouldBe(2);
        _db.Count("SELECT COUNT(*) FROM alerts WHERE status = 'Dismissed' AND note = 'the case was withdrawn'").ShouldBe(1);
    }

    [Fact]
    public void The_database_refuses_a_second_open_alert_of_a_rule_on_a_loan_but_not_after_the_first_is_closed()
    {
        var first = RaiseAlert("L2001");
        Should.Throw<Microsoft.EntityFrameworkCore.DbUpdateException>(() => RaiseAlert("L2001"));

        Alerts.Acknowledge(first, "user:li", DataScope.All).Succeeded.ShouldBeTrue();
        Alerts.Resolve(first, "settled out of court", "user:li", DataScope.All).Succeeded.ShouldBeTrue();
        RaiseAlert("L2001");
        _db.Count("SELECT COUNT(*) FROM alerts WHERE rule_code = 'EX01'").ShouldBe(2);
    }

    [Fact]
    public void An_alert_on_a_loan_outside_the_scope_is_not_found()
    {
        var id = RaiseAlert("L2001");

        Alerts.Acknowledge(id, "user:sc", DataScope.Branch("SC01")).Failure!.Kind.ShouldBe(FailureKind.NotFound);
        Alerts.Acknowledge(id, "user:zj", DataScope.Branch("ZJ01")).Succeeded.ShouldBeTrue();
    }
}
