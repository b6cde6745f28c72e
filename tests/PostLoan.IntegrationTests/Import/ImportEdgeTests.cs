using System.Text;
using PostLoan.Application.Import;
using PostLoan.Infrastructure.Import;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Import;

/// <summary>Import edge cases: number formats, streams, forced encodings, row numbers, schedule replacement, reversal dates.</summary>
public sealed class ImportEdgeTests : IDisposable
{
    private static readonly string[] Book = ["borrowers", "loans", "schedules", "repayments", "transactions"];

    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private ImportResult Import(ImportKind kind, string path, ImportEncoding encoding = ImportEncoding.Auto) =>
        new ImportService(_db.Settings).Import(kind, path, encoding);

    private ImportResult ImportText(ImportKind kind, string csv) =>
        Import(kind, _db.File($"{kind}-{Guid.NewGuid():N}.csv", csv));

    private void ImportExamples(params string[] kinds)
    {
        foreach (var kind in kinds)
        {
            var result = Import(Enum.Parse<ImportKind>(kind, ignoreCase: true), Examples.File($"{kind}.csv"));
            result.Succeeded.ShouldBeTrue(string.Join("; ", result.Problems.Select(p => $"{kind} row {p.Row} {p.Column}: {p.Cause}")));
        }
    }

    private void ClearFlags()
    {
        using var connection = _db.Settings.OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "UPDATE loans SET needs_recompute = FALSE";
        cmd.ExecuteNonQuery();
    }

    [Fact]
    public void A_number_written_differently_is_not_a_change()
    {
        ImportExamples("borrowers", "loans");
        ClearFlags();
        var reformatted = File.ReadAllText(Examples.File("loans.csv"))
            .Replace("L1001,B1001,MORTGAGE,retail,CNY,800000.00,4.10,", "L1001,B1001,MORTGAGE,retail,CNY,800000,4.1,", StringComparison.Ordinal);

        var result = ImportText(ImportKind.Loans, reformatted);

        result.Succeeded.ShouldBeTrue();
        (result.Inserted, result.Updated, result.Unchanged).ShouldBe((0, 0, 5));
        _db.Count("SELECT COUNT(*) FROM loans WHERE needs_recompute = TRUE").ShouldBe(0);
    }

    [Fact]
    public void A_lower_case_currency_is_stored_in_capitals()
    {
        ImportExamples("borrowers");
        var result = ImportText(ImportKind.Loans,
            "external_id,borrower_external_id,product,segment,currency,principal,annual_rate_percent,term_months,disbursed_on,first_due_on,method\n"
            + "L9,B1001,AUTO,retail,cny,100000.00,5,12,2025-01-15,2025-02-15,equal-installment\n");
        result.Succeeded.ShouldBeTrue();
        _db.Count("SELECT COUNT(*) FROM loans WHERE external_id = 'L9' AND currency = 'CNY'").ShouldBe(1);
    }

    [Fact]
    public void A_stream_imports_like_a_file_and_reports_progress()
    {
        var bytes = File.ReadAllBytes(Examples.File("borrowers-gb18030.csv"));
        var progress = new Collect();

        var result = new ImportService(_db.Settings).Import(ImportKind.Borrowers, new MemoryStream(bytes), ImportEncoding.Gb18030, progress);

        result.Succeeded.ShouldBeTrue();
        result.Inserted.ShouldBe(4);
        progress.Values.ShouldNotBeEmpty();
        progress.Values[^1].ShouldBe(4);
        using var db = _db.Settings.CreateContext();
        db.Borrowers.Single(b => b.ExternalId == "B3001").Name.ShouldBe("四川天府新区城市更新项目建设有限公司");
    }

    [Fact]
    public void A_utf8_file_forced_as_utf8_and_a_gbk_file_forced_as_gb18030_both_import()
    {
        Import(ImportKind.Borrowers, Examples.File("borrowers.csv"), ImportEncoding.Utf8).Inserted.ShouldBe(4);
        var again = Import(ImportKind.Borrowers, Examples.File("borrowers-gb18030.csv"), ImportEncoding.Gb18030);
        (again.Inserted, again.Updated, again.Unchanged).ShouldBe((0, 0, 4));
    }

    [Fact]
    public void A_file_with_neither_utf8_nor_gb18030_bytes_is_refused_naming_the_row()
    {
        // 0xFF never starts a character in UTF-8 or GB18030.
        var path = Path.Combine(_db.Folder, "bad.csv");
        File.WriteAllBytes(path, [.. "external_id,kind,name\nB1,individual,ok\n"u8, .. "B2,individual,"u8, 0xFF, 0xFF, (byte)'\n']);

        var result = Import(ImportKind.Borrowers, path);

        var problem = result.Problems.ShouldHaveSingleItem();
        problem.Row.ShouldBe(3);
        problem.Cause.ShouldContain("not valid GB18030");
        _db.Count("SELECT COUNT(*) FROM borrowers").ShouldBe(0);
    }

    [Fact]
    public void Header_names_are_trimmed_and_case_insensitive()
    {
        var result = ImportText(ImportKind.Borrowers, " External_ID , KIND,Name \nB1,individual,张三\n");
        result.Succeeded.ShouldBeTrue(string.Join("; ", result.Problems.Select(p => p.Cause)));
        result.Inserted.ShouldBe(1);
    }

    [Fact]
    public void Rows_keep_their_numbers_in_the_file_across_a_multi_line_value()
    {
        var result = ImportText(ImportKind.Borrowers, "external_id,kind,name,region\nB1,individual,张三,\"浙江\n杭州\"\nB2,person,李四,四川\n");
        var problem = result.Problems.ShouldHaveSingleItem();
        (problem.Row, problem.Column, problem.Value).ShouldBe((3, "kind", "person"));
    }

    [Fact]
    public void A_header_only_file_imports_nothing_and_an_empty_file_is_refused()
    {
        var headerOnly = ImportText(ImportKind.Borrowers, "external_id,kind,name\n");
        (headerOnly.Succeeded, headerOnly.Rows).ShouldBe((true, 0));

        var empty = ImportText(ImportKind.Borrowers, "");
        empty.Problems.ShouldHaveSingleItem().Cause.ShouldContain("header row is required");
    }

    [Fact]
    public void A_reimported_schedule_replaces_the_stored_lines_and_marks_the_loan()
    {
        ImportExamples("borrowers", "loans", "schedules");
        ClearFlags();

        var result = ImportText(ImportKind.Schedules, "loan_external_id,number,due_date,principal,interest\n"
            + "L3001,1,2025-09-01,100000000.00,9000000.00\n"
            + "L3001,2,2026-09-01,100000000.00,4500000.00\n");

        result.Succeeded.ShouldBeTrue();
        _db.Count("SELECT COUNT(*) FROM schedule_lines").ShouldBe(2);
        _db.Count("SELECT principal FROM schedule_lines WHERE number = 2").ShouldBe(10_000_000_000);
        _db.Count("SELECT COUNT(*) FROM loans WHERE needs_recompute = TRUE AND external_id = 'L3001'").ShouldBe(1);
        _db.Count("SELECT COUNT(*) FROM loans WHERE needs_recompute = TRUE").ShouldBe(1);
    }

    [Fact]
    public void New_transactions_mark_only_their_own_loans()
    {
        ImportExamples(Book);
        ClearFlags();

        var result = ImportText(ImportKind.Repayments, "external_id,loan_external_id,date,amount,note\nR1002-004,L1002,2025-05-20,4466.67,\n");

        (result.Inserted, result.Unchanged).ShouldBe((1, 0));
        _db.Count("SELECT COUNT(*) FROM loans WHERE needs_recompute = TRUE").ShouldBe(1);
        _db.Count("SELECT COUNT(*) FROM loans WHERE needs_recompute = TRUE AND external_id = 'L1002'").ShouldBe(1);
    }

    [Fact]
    public void A_reversal_dated_before_the_transaction_it_reverses_is_refused()
    {
        ImportExamples(Book);

        // T9001 is a fee of 150.00 on 2024-12-01.
        var result = ImportText(ImportKind.Transactions,
            "external_id,loan_external_id,kind,date,amount,component,reverses\nT9101,L1001,reversal,2024-11-30,150.00,,T9001\n");

        var problem = result.Problems.ShouldHaveSingleItem();
        (problem.Row, problem.Column, problem.Value).ShouldBe((2, "date", "2024-11-30"));
        problem.Cause.ShouldContain("before the transaction it reverses");
    }

    [Fact]
    public void Two_reversals_of_one_transaction_in_one_file_are_refused()
    {
        ImportExamples(Book);

        var result = ImportText(ImportKind.Transactions, "external_id,loan_external_id,kind,date,amount,component,reverses\n"
            + "T9101,L1001,reversal,2024-12-05,150.00,,T9001\n"
            + "T9102,L1001,reversal,2024-12-06,150.00,,T9001\n");

        var problem = result.Problems.ShouldHaveSingleItem();
        (problem.Row, problem.Column, problem.Cause).ShouldBe((3, "reverses", "that transaction is already reversed"));
        _db.Count("SELECT COUNT(*) FROM transactions").ShouldBe(47);
    }

    private sealed class Collect : IProgress<int>
    {
        public List<int> Values { get; } = [];

        public void Report(int value) => Values.Add(value);
    }
}
