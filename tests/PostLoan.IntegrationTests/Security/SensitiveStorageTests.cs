using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PostLoan.Application.Configuration;
using PostLoan.Application.Import;
using PostLoan.Application.Loans;
using PostLoan.Infrastructure.Security;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Security;

/// <summary>National ids and phones through the real import, EF and command line (SPEC §12, docs/sensitive-data.md).</summary>
public sealed class SensitiveStorageTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private void ImportBorrowers() =>
        new ImportService(_db.Settings).Import(ImportKind.Borrowers, Examples.File("borrowers.csv")).Succeeded.ShouldBeTrue();

    private Dictionary<string, (string? NationalId, string? Phone)> RawColumns()
    {
        using var connection = _db.Settings.OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT external_id, national_id, phone FROM borrowers";
        using var r = cmd.ExecuteReader();
        var rows = new Dictionary<string, (string?, string?)>();
        while (r.Read()) rows[r.GetString(0)] = (r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2));
        return rows;
    }

    [Fact]
    public void Imported_ids_and_phones_are_stored_encrypted()
    {
        ImportBorrowers();
        var raw = RawColumns();
        raw.Count.ShouldBeGreaterThan(0);
        var (id, phone) = raw["B1001"];
        foreach (var value in new[] { id, phone })
        {
            value.ShouldNotBeNull();
            value.ShouldStartWith("enc:v1:");
        }
        // No run of six digits of the plain id (330106198803152428) or the phone survives in the stored text.
        const string plainId = "330106198803152428";
        for (var i = 0; i + 6 <= plainId.Length; i++) id!.ShouldNotContain(plainId.Substring(i, 6));
        phone!.ShouldNotContain("139571");
        phone!.ShouldNotContain("00001");
        foreach (var (nationalId, phoneValue) in raw.Values)
        {
            if (nationalId is not null) nationalId.ShouldStartWith("enc:v1:");
            if (phoneValue is not null) phoneValue.ShouldStartWith("enc:v1:");
        }
    }

    [Fact]
    public void EF_reads_the_plain_values_back_and_ToString_shows_neither()
    {
        ImportBorrowers();
        using var context = _db.Settings.CreateContext();
        var person = context.Borrowers.AsNoTracking().Single(b => b.ExternalId == "B1001");
        person.NationalId.ShouldBe("330106198803152428");
        person.Phone.ShouldBe("13957100001");
        var company = context.Borrowers.AsNoTracking().Single(b => b.ExternalId == "B2001");
        company.NationalId.ShouldBe("91330106MA2B3C4D5E");
        person.ToString()!.ShouldNotContain("330106198803152428");
        person.ToString()!.ShouldNotContain("13957100001");
    }

    [Fact]
    public void Importing_the_same_file_again_changes_nothing()
    {
        ImportBorrowers();
        var before = RawColumns();
        var again = new ImportService(_db.Settings).Import(ImportKind.Borrowers, Examples.File("borrowers.csv"));
        again.Succeeded.ShouldBeTrue();
        again.Inserted.ShouldBe(0);
        again.Updated.ShouldBe(0);
        RawColumns().ShouldBe(before); // the ciphertext is not rewritten either
    }

    [Fact]
    public void A_changed_phone_is_re_encrypted_and_counted_as_an_update()
    {
        ImportBorrowers();
        var csv = File.ReadAllText(Examples.File("borrowers.csv")).Replace("13957100001", "13957100009", StringComparison.Ordinal);
        var result = new ImportService(_db.Settings).Import(ImportKind.Borrowers, _db.File("changed.csv", csv));
        result.Updated.ShouldBe(1);
        using var context = _db.Settings.CreateContext();
        context.Borrowers.AsNoTracking().Single(b => b.ExternalId == "B1001").Phone.ShouldBe("13957100009");
    }

    [Fact]
    public void The_import_hash_is_keyed_so_it_cannot_confirm_a_guessed_id()
    {
        ImportBorrowers();
        // The same file under another key gives other row hashes: the hash depends on the key, not only on the plain values.
        using var other = new TempDatabase();
        var otherSettings = other.Settings with { Encryption = FieldEncryption.FromBase64(FieldEncryption.NewKey()) };
        new ImportService(otherSettings).Import(ImportKind.Borrowers, Examples.File("borrowers.csv")).Succeeded.ShouldBeTrue();
        Hash(_db, _db.Settings).ShouldNotBe(Hash(other, otherSettings));

        static string Hash(TempDatabase db, PostLoan.Infrastructure.Persistence.DatabaseSettings settings)
        {
            using var connection = settings.OpenConnection();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT import_hash FROM borrowers WHERE external_id = 'B1001'";
            return (string)cmd.ExecuteScalar()!;
        }
    }

    [Fact]
    public void A_wrong_key_fails_with_a_clear_message_not_garbage()
    {
        ImportBorrowers();
        var wrong = _db.Settings with { Encryption = FieldEncryption.FromBase64(FieldEncryption.NewKey()) };
        using var context = wrong.CreateContext();
        var error = Should.Throw<Exception>(() => context.Borrowers.AsNoTracking().Single(b => b.ExternalId == "B1001"));
        var messages = string.Join(" | ", Chain(error).Select(e => e.Message));
        messages.ShouldContain("cannot decrypt borrower data: the data key does not match the one it was encrypted with");
        Chain(error).OfType<DataKeyMismatchException>().ShouldNotBeEmpty();

        static IEnumerable<Exception> Chain(Exception? e)
        {
            for (; e is not null; e = e.InnerException) yield return e;
        }
    }

    [SqliteOnlyFact("a key file beside the database file; a server database takes its key from the environment or configuration")]
    public void Without_a_configured_key_the_database_gets_a_key_file_next_to_it_that_later_opens_reuse()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(FieldEncryption.EnvironmentVariable))) return; // the variable wins over the file
        var keyFile = Path.Combine(_db.Folder, "keys", "data.key");
        ImportBorrowers();
        File.Exists(keyFile).ShouldBeTrue();
        var key = File.ReadAllText(keyFile);
        using (var context = PostLoan.Infrastructure.Persistence.DatabaseSettings.From(_db.Db).CreateContext())
            context.Borrowers.AsNoTracking().Single(b => b.ExternalId == "B1001").Phone.ShouldBe("13957100001");
        File.ReadAllText(keyFile).ShouldBe(key);
    }

    [Fact]
    public void Import_problems_show_ids_and_phones_only_masked()
    {
        var csv = """
            external_id,kind,name,national_id,phone
            B1,individual,张三,330106198803152428330106198803152428330106198803152428330106198803152428,1395710000113957100001139571000011395710000113957100001
            B2,individual,李四,330106198803152428,13957100001,extra
            """;
        var result = new ImportService(_db.Settings).Import(ImportKind.Borrowers, _db.File("bad.csv", csv));
        result.Succeeded.ShouldBeFalse();
        var shown = string.Join("\n", result.Problems.Select(p => p.Value));
        shown.ShouldNotContain("198803152428");
        shown.ShouldNotContain("57100001");
        result.Problems.ShouldContain(p => p.Column == "national_id");
        result.Problems.ShouldContain(p => p.Column == "phone");
    }

    [Fact]
    public void Loan_show_prints_the_borrowers_id_and_phone_masked()
    {
        foreach (var kind in new[] { "borrowers", "loans" })
            CliProcess.Run(_db.Folder, "import", kind, Examples.File($"{kind}.csv"), "--db", _db.Db).ExitCode.ShouldBe(0);

        var text = CliProcess.Run(_db.Folder, "loan", "show", "L1001", "--db", _db.Db);
        text.ExitCode.ShouldBe(0, text.Error);
        text.Output.ShouldContain("330106********2428");
        text.Output.ShouldContain("139****0001");
        text.Output.ShouldNotContain("330106198803152428");
        text.Output.ShouldNotContain("13957100001");

        var json = CliProcess.Run(_db.Folder, "loan", "show", "L1001", "--json", "--db", _db.Db);
        var loan = JsonDocument.Parse(json.Output).RootElement;
        loan.GetProperty("borrower_id_number_masked").GetString().ShouldBe("330106********2428");
        loan.GetProperty("borrower_phone_masked").GetString().ShouldBe("139****0001");
        json.Output.ShouldNotContain("330106198803152428");

        var details = new LoanDetailsQuery(_db.Settings, new ServicingSettings()).Get("L2001").Value!;
        details.BorrowerIdNumberMasked.ShouldBe("91************4D5E");
    }

    [Fact]
    public async Task Loan_show_under_another_key_fails_with_a_clear_error_not_garbage_or_a_stack_trace()
    {
        foreach (var kind in new[] { ImportKind.Borrowers, ImportKind.Loans })
            new ImportService(_db.Settings).Import(kind, Examples.File($"{kind.ToString().ToLowerInvariant()}.csv")).Succeeded.ShouldBeTrue();
        var info = CliProcess.StartInfo(_db.Folder, "loan", "show", "L1001", "--db", _db.Db);
        info.Environment[FieldEncryption.EnvironmentVariable] = FieldEncryption.NewKey();
        using var process = System.Diagnostics.Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(1);
        var errorText = await error;
        errorText.ShouldContain("error: cannot decrypt borrower data: the data key does not match the one it was encrypted with");
        errorText.ShouldNotContain("   at ");
        output.ShouldNotContain("王芳");
    }

    [PostgresOnlyFact("a server database has no folder for a key file")]
    public async Task On_PostgreSQL_without_a_key_the_import_fails_with_a_message_saying_how_to_set_one()
    {
        var info = CliProcess.StartInfo(_db.Folder, "import", "borrowers", Examples.File("borrowers.csv"), "--db", _db.Db);
        info.Environment.Remove(FieldEncryption.EnvironmentVariable);
        using var process = System.Diagnostics.Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldNotBe(0);
        var text = await error;
        text.ShouldContain("a PostgreSQL database needs the data key in the environment variable POSTLOAN_DATA_KEY");
        text.ShouldNotContain("   at ");
        _db.Count("SELECT COUNT(*) FROM borrowers").ShouldBe(0);
    }
}
