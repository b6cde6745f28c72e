using System.Text;
using PostLoan.Application.Import;
using PostLoan.Infrastructure.Import;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Import;

/// <summary>CSV import into a real SQLite file: the example book, upserts, encodings and bad input of every kind.</summary>
public sealed class ImportTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private ImportResult Import(ImportKind kind, string path, ImportEncoding encoding = ImportEncoding.Auto) =>
        new ImportService(_db.Settings).Import(kind, path, encoding);

    private ImportResult ImportText(ImportKind kind, string csv, Encoding? encoding = null, ImportEncoding choice = ImportEncoding.Auto) =>
        Import(kind, _db.File($"{kind}-{Guid.NewGuid():N}.csv", csv, encoding), choice);

    private void ImportExamples(params string[] kinds)
    {
        foreach (var kind in kinds)
        {
            var result = Import(Enum.Parse<ImportKind>(kind, ignoreCase: true), Examples.File($"{kind}.csv"));
            result.Succeeded.ShouldBeTrue(string.Join("; ", result.Problems.Select(p => $"{kind} row {p.Row} {p.Column}: {p.Cause}")));
        }
    }

    private static readonly string[] Book = ["borrowers", "loans", "schedules", "repayments", "transactions"];

    [Fact]
    public void The_example_book_imports_cleanly_in_order()
    {
        ImportExamples(Book);
        _db.Count("SELECT COUNT(*) FROM borrowers").ShouldBe(4);
        _db.Count("SELECT COUNT(*) FROM loans").ShouldBe(5);
        _db.Count("SELECT COUNT(*) FROM schedule_lines").ShouldBe(36);
        _db.Count("SELECT COUNT(*) FROM transactions").ShouldBe(47);
        _db.Count("SELECT COUNT(*) FROM loans WHERE needs_recompute = TRUE").ShouldBe(5);
        _db.Count("SELECT principal FROM loans WHERE external_id = 'L3001'").ShouldBe(20_000_000_000); // stored in cents
        _db.Count("SELECT COUNT(*) FROM transactions t JOIN transactions r ON r.reverses_id = t.id WHERE t.external_id = 'T9003'").ShouldBe(1);
    }

    [Fact]
    public void Importing_the_same_files_again_changes_nothing()
    {
        ImportExamples(Book);
        _db.Settings.CreateContext().Database.ExecuteSqlRawOn("UPDATE loans SET needs_recompute = FALSE");
        foreach (var kind in Book)
        {
            var again = Import(Enum.Parse<ImportKind>(kind, ignoreCase: true), Examples.File($"{kind}.csv"));
            again.Succeeded.ShouldBeTrue(kind + ": " + string.Join("; ", again.Problems.Select(p => $"row {p.Row} {p.Column} {p.Value}: {p.Cause}")));
            again.Inserted.ShouldBe(0, kind);
            again.Updated.ShouldBe(0, kind);
            again.Unchanged.ShouldBe(again.Rows, kind);
        }
        _db.Count("SELECT COUNT(*) FROM loans WHERE needs_recompute = TRUE").ShouldBe(0);
        _db.Count("SELECT COUNT(*) FROM transactions").ShouldBe(47);
    }

    [Fact]
    public void A_changed_loan_row_is_updated_and_marked_for_end_of_day()
    {
        ImportExamples("borrowers", "loans");
        _db.Settings.CreateContext().Database.ExecuteSqlRawOn("UPDATE loans SET needs_recompute = FALSE");
        var changed = File.ReadAllText(Examples.File("loans.csv")).Replace("L1002,B1002,CONSUMER,retail,CNY,50000.00,9.60", "L1002,B1002,CONSUMER,retail,CNY,50000.00,8.80");
        var result = ImportText(ImportKind.Loans, changed);
        result.Succeeded.ShouldBeTrue();
        (result.Inserted, result.Updated, result.Unchanged).ShouldBe((0, 1, 4));
        _db.Count("SELECT COUNT(*) FROM loans WHERE needs_recompute = TRUE AND external_id = 'L1002'").ShouldBe(1);
        _db.Count("SELECT COUNT(*) FROM loans WHERE needs_recompute = TRUE").ShouldBe(1);
    }

    [Fact]
    public void A_borrower_with_new_bureau_data_marks_its_loans()
    {
        ImportExamples("borrowers", "loans");
        _db.Settings.CreateContext().Database.ExecuteSqlRawOn("UPDATE loans SET needs_recompute = FALSE");
        var changed = File.ReadAllText(Examples.File("borrowers.csv")).Replace("ZJ01-AM02,ZJ01,,,", "ZJ01-AM02,ZJ01,5000000.00,0.00,2025-06-01");
        var result = ImportText(ImportKind.Borrowers, changed);
        (result.Inserted, result.Updated).ShouldBe((0, 1));
        _db.Count("SELECT COUNT(*) FROM loans WHERE needs_recompute = TRUE").ShouldBe(2); // L2001 and L2002 of B2001
    }

    [Fact]
    public void A_gb18030_file_imports_with_its_chinese_names()
    {
        var result = Import(ImportKind.Borrowers, Examples.File("borrowers-gb18030.csv"));
        result.Succeeded.ShouldBeTrue();
        result.Inserted.ShouldBe(4);
        using var db = _db.Settings.CreateContext();
        db.Borrowers.Single(b => b.ExternalId == "B2001").Name.ShouldBe("浙江恒达机械制造有限公司");
        // The same content in UTF-8 is then unchanged: the encoding does not leak into the data.
        Import(ImportKind.Borrowers, Examples.File("borrowers.csv")).Unchanged.ShouldBe(4);
    }

    [Fact]
    public void A_utf8_file_with_a_bom_imports()
    {
        var result = ImportText(ImportKind.Borrowers, "external_id,kind,name\nB1,individual,张三\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        result.Succeeded.ShouldBeTrue();
        using var db = _db.Settings.CreateContext();
        db.Borrowers.Single().Name.ShouldBe("张三");
    }

    [Fact]
    public void A_utf16_file_is_refused_as_the_wrong_encoding()
    {
        var result = ImportText(ImportKind.Borrowers, "external_id,kind,name\nB1,individual,张三\n", Encoding.Unicode);
        result.Succeeded.ShouldBeFalse();
        result.Problems.Single().Cause.ShouldContain("NUL bytes");
        _db.Count("SELECT COUNT(*) FROM borrowers").ShouldBe(0);
    }

    [Fact]
    public void A_gbk_file_forced_as_utf8_is_refused_naming_the_row()
    {
        var result = Import(ImportKind.Borrowers, Examples.File("borrowers-gb18030.csv"), ImportEncoding.Utf8);
        result.Succeeded.ShouldBeFalse();
        result.Problems.Single().Row.ShouldBe(2);
        result.Problems.Single().Cause.ShouldContain("not valid UTF-8");
        result.Problems.Single().Cause.ShouldContain("gb18030");
    }

    public static TheoryData<string, string, int, string, string> BadRows => new()
    {
        // kind, csv, row, column, cause
        { "borrowers", "external_id,kind\nB9,individual\n", 1, "name", "required column is missing" },
        { "borrowers", "external_id,kind,name,nickname\nB9,individual,赵六,小六\n", 1, "nickname", "unknown column" },
        { "borrowers", "external_id,kind,name,bureau_total_debt,bureau_overdue_90_debt,bureau_as_of\nB9,individual,赵六,1000.00,10.00,2025-13-01\n", 2, "bureau_as_of", "not a date" },
        { "borrowers", "external_id,kind,name,bureau_total_debt,bureau_overdue_90_debt,bureau_as_of\nB9,individual,赵六,-1000.00,10.00,2025-03-01\n", 2, "bureau_total_debt", "must not be negative" },
        { "borrowers", "external_id,kind,name\nB9,individual,赵六\nB9,individual,钱七\n", 3, "external_id", "duplicate id" },
        { "borrowers", "external_id,kind,name\nB9,person,赵六\n", 2, "kind", "not one of" },
        { "loans", "external_id,borrower_external_id,product,segment,principal,annual_rate_percent,term_months,disbursed_on,first_due_on\nL9,B1001,AUTO,retail,1000.00,5,12,2025-01-15,2025-02-15\n", 1, "method", "required column is missing" },
        { "loans", Loan("L9,B9999,AUTO,retail,CNY,1000.00,5,12,2025-01-15,2025-02-15,equal-installment"), 2, "borrower_external_id", "unknown borrower" },
        { "loans", Loan("L9,B1001,AUTO,retail,CNY,1000.00,5,12,2025-01-15,15/02/2025,equal-installment"), 2, "first_due_on", "not a date" },
        { "loans", Loan("L9,B1001,AUTO,retail,CNY,-1000.00,5,12,2025-01-15,2025-02-15,equal-installment"), 2, "principal", "must not be negative" },
        { "loans", Loan("L9,B1001,AUTO,retail,CNY,1000.00,5,12,2025-01-15,2025-02-15,equal-installment") + "L9,B1001,AUTO,retail,CNY,1000.00,5,12,2025-01-15,2025-02-15,bullet\n", 3, "external_id", "duplicate id" },
        { "loans", Loan("L9,B1001,AUTO,retail,CNY,1000.00,5,12,2025-02-15,2025-01-15,equal-installment"), 2, "first_due_on", "after the disbursement" },
        { "loans", Loan("L9,B1001,AUTO,retail,CNY,1000.123,5,12,2025-01-15,2025-02-15,equal-installment"), 2, "principal", "more than two decimal" },
        { "schedules", "loan_external_id,number,due_date,principal\nL3001,1,2024-10-01,100.00\n", 1, "interest", "required column is missing" },
        { "schedules", "loan_external_id,number,due_date,principal,interest\nL9999,1,2024-10-01,100.00,1.00\n", 2, "loan_external_id", "unknown loan" },
        { "schedules", "loan_external_id,number,due_date,principal,interest\nL1001,1,2024-10-01,100.00,1.00\n", 2, "loan_external_id", "only custom loans" },
        { "schedules", "loan_external_id,number,due_date,principal,interest\nL3001,1,2024-10-01,-100.00,1.00\n", 2, "principal", "must not be negative" },
        { "schedules", "loan_external_id,number,due_date,principal,interest\nL3001,1,2024-10-01,100000000.00,1.00\nL3001,2,2024-11-01,90000000.00,1.00\n", 3, "principal", "sums to" },
        { "schedules", "loan_external_id,number,due_date,principal,interest\nL3001,1,2024-10-01,100000000.00,1.00\nL3001,3,2024-11-01,100000000.00,1.00\n", 3, "number", "without gaps" },
        { "schedules", "loan_external_id,number,due_date,principal,interest\nL3001,1,2024-10-01,100000000.00,1.00\nL3001,2,2024-09-15,100000000.00,1.00\n", 3, "due_date", "must increase" },
        { "schedules", "loan_external_id,number,due_date,principal,interest\nL3001,1,2024-10-01,100000000.00,1.00\nL3001,1,2024-11-01,100000000.00,1.00\n", 3, "number", "also on row 2" },
        { "repayments", "external_id,loan_external_id,date\nR9,L1001,2025-01-10\n", 1, "amount", "required column is missing" },
        { "repayments", "external_id,loan_external_id,date,amount\nR9,L9999,2025-01-10,100.00\n", 2, "loan_external_id", "unknown loan" },
        { "repayments", "external_id,loan_external_id,date,amount\nR9,L1001,2025-01-32,100.00\n", 2, "date", "not a date" },
        { "repayments", "external_id,loan_external_id,date,amount\nR9,L1001,2025-01-10,-100.00\n", 2, "amount", "must not be negative" },
        { "repayments", "external_id,loan_external_id,date,amount\nR9,L1001,2025-01-10,0\n", 2, "amount", "greater than zero" },
        { "repayments", "external_id,loan_external_id,date,amount\nR9,L1001,2025-01-10,1,000.00\n", 2, "", "the row has 5 fields and the header 4" },
        { "repayments", "external_id,loan_external_id,date,amount\nR9,L1001,2025-01-10,100.00\nR9,L1001,2025-01-11,100.00\n", 3, "external_id", "duplicate id" },
        { "repayments", "external_id,loan_external_id,date,amount\nR9,L1001,2024-01-10,100.00\n", 2, "date", "before the loan's disbursement" },
        { "transactions", "external_id,loan_external_id,date,amount\nT9,L1001,2025-01-10,100.00\n", 1, "kind", "required column is missing" },
        { "transactions", Txn("T9,L9999,repayment,2025-01-10,100.00,,"), 2, "loan_external_id", "unknown loan" },
        { "transactions", Txn("T9,L1001,disbursement,2025-01-10,100.00,,"), 2, "kind", "not one of" },
        { "transactions", Txn("T9,L1001,waiver,2025-01-10,100.00,,"), 2, "component", "names the component" },
        { "transactions", Txn("T9,L1001,repayment,2025-01-10,-100.00,,"), 2, "amount", "must not be negative" },
        { "transactions", Txn("T9,L1001,repayment,2025-01-10,100.00,,") + "T9,L1001,repayment,2025-01-10,100.00,,\n", 3, "external_id", "duplicate id" },
        { "transactions", Txn("T9,L1001,reversal,2025-01-10,100.00,,T0000"), 2, "reverses", "no such transaction" },
        { "transactions", Txn("T8,L1001,repayment,2025-01-10,100.00,,") + "T9,L1001,reversal,2025-01-11,90.00,,T8\n", 3, "amount", "must equal" },
        { "transactions", Txn("T8,L1001,repayment,2025-01-10,100.00,,") + "T9,L1002,reversal,2025-01-11,100.00,,T8\n", 3, "reverses", "another loan" },
    };

    private static string Loan(string row) =>
        "external_id,borrower_external_id,product,segment,currency,principal,annual_rate_percent,term_months,disbursed_on,first_due_on,method\n" + row + "\n";

    private static string Txn(string row) => "external_id,loan_external_id,kind,date,amount,component,reverses\n" + row + "\n";

    [Theory]
    [MemberData(nameof(BadRows))]
    public void A_bad_row_is_reported_with_row_column_and_cause_and_nothing_is_written(string kind, string csv, int row, string column, string cause)
    {
        ImportExamples("borrowers", "loans", "schedules");
        var before = _db.DumpServicing() + Counts();

        // A good row comes first, so "nothing written" means the whole file, not just the bad row.
        var result = ImportText(Enum.Parse<ImportKind>(kind, ignoreCase: true), csv);

        result.Succeeded.ShouldBeFalse();
        result.Problems.ShouldContain(p => p.Row == row && p.Column == column && p.Cause.Contains(cause),
            string.Join("\n", result.Problems.Select(p => $"row {p.Row} column '{p.Column}' value '{p.Value}': {p.Cause}")));
        (_db.DumpServicing() + Counts()).ShouldBe(before);
    }

    [Fact]
    public void One_bad_row_among_good_ones_writes_nothing_and_lists_every_problem()
    {
        ImportExamples("borrowers", "loans");
        var csv = "external_id,loan_external_id,date,amount\nR1,L1001,2024-04-10,4890.10\nR2,L1001,2024-05-10,abc\nR3,L1001,2024-06-10,4890.10\nR4,L9999,2024-06-10,1.00\n";
        var result = ImportText(ImportKind.Repayments, csv);
        result.Problems.Select(p => (p.Row, p.Column)).ShouldBe([(3, "amount"), (5, "loan_external_id")]);
        result.Problems[0].Value.ShouldBe("abc");
        _db.Count("SELECT COUNT(*) FROM transactions").ShouldBe(0);
    }

    [Fact]
    public void A_recorded_transaction_cannot_be_changed_by_a_later_import()
    {
        ImportExamples(Book);
        var result = ImportText(ImportKind.Repayments, "external_id,loan_external_id,date,amount,note\nR1001-001,L1001,2024-04-10,4890.11,\n");
        result.Succeeded.ShouldBeFalse();
        result.Problems.Single().Cause.ShouldContain("immutable");
    }

    [Fact]
    public void A_transaction_cannot_be_reversed_twice()
    {
        ImportExamples(Book);
        var result = ImportText(ImportKind.Transactions, "external_id,loan_external_id,kind,date,amount,component,reverses\nT9100,L2002,reversal,2025-05-01,2346.67,,T9003\n");
        result.Problems.Single().Cause.ShouldContain("already reversed");
    }

    private string Counts() => string.Join(",", new[] { "borrowers", "loans", "schedule_lines", "transactions" }.Select(t => _db.Count($"SELECT COUNT(*) FROM {t}")))
        + _db.Count("SELECT COUNT(*) FROM loans WHERE needs_recompute = TRUE");
}
