using System.Globalization;
using System.Text;
using PostLoan.Application.Configuration;
using PostLoan.Application.Demo;
using PostLoan.Application.EndOfDay;
using PostLoan.Application.Import;
using PostLoan.Domain.Schedules;
using Shouldly;

namespace PostLoan.IntegrationTests.Support;

/// <summary>Builds small crafted books as CSV files and imports them through the real import path.</summary>
public static class Book
{
    public static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string A(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public static Installment[] Schedule(decimal principal, decimal ratePercent, int months, string method, DateOnly disbursed, DateOnly firstDue)
    {
        RepaymentMethodNames.TryParse(method, out var m).ShouldBeTrue();
        return ScheduleGenerator.Generate(new ScheduleTerms(principal, ratePercent / 100m, months, m, firstDue, disbursed));
    }

    public static void ImportCsv(TempDatabase db, ImportKind kind, string csv)
    {
        var path = db.File($"{kind}-{Guid.NewGuid():N}.csv", csv, new UTF8Encoding(false));
        var result = new ImportService(db.Settings).Import(kind, path);
        result.Succeeded.ShouldBeTrue(string.Join("; ", result.Problems.Select(p => $"row {p.Row} {p.Column} '{p.Value}': {p.Cause}")));
    }

    /// <summary>Generates a demo book into the database's folder and imports it as a core system's files would be, with its monitoring data when the options ask for it.</summary>
    public static DemoBookFiles ImportDemo(TempDatabase db, DemoBookOptions options)
    {
        var files = new DemoBookGenerator(options).WriteTo(Path.Combine(db.Folder, "book"));
        var import = new ImportService(db.Settings);
        foreach (var (kind, path) in files.InImportOrder)
        {
            var result = import.Import(kind, path);
            result.Succeeded.ShouldBeTrue(string.Join("; ", result.Problems.Take(5).Select(p => $"{kind} row {p.Row} {p.Column} '{p.Value}': {p.Cause}")));
        }
        return files;
    }

    public static EndOfDayResult Eod(TempDatabase db, DateOnly? date = null, DateOnly? through = null, int chunkSize = 2000)
    {
        var result = new EndOfDayService(db.Settings, new ServicingSettings(), TimeProvider.System)
            .Run(new EndOfDayRequest(date, through, ChunkSize: chunkSize));
        result.Succeeded.ShouldBeTrue(result.Failure?.Message);
        return result.Value!;
    }

    /// <summary>Repayment rows paying the given installments in full on their due dates.</summary>
    public static string PayOnTime(string loan, IEnumerable<Installment> installments, string idPrefix)
    {
        var sb = new StringBuilder();
        foreach (var i in installments)
            sb.Append($"{idPrefix}-{i.Number},{loan},{D(i.DueDate)},{A(i.Payment)},\n");
        return sb.ToString();
    }
}
