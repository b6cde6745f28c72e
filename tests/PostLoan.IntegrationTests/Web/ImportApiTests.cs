using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Web;

/// <summary>
/// Imports over HTTP and the borrower's monitoring data read back: the example files in, the all-or-nothing rule,
/// roles per kind, the importer's data scope, and the importer named in the audit trail.
/// </summary>
public sealed class ImportApiTests(WebHostFixture host) : IClassFixture<WebHostFixture>
{
    /// <summary>The monitoring files of examples/ in the order they depend on each other.</summary>
    private static readonly string[] MonitoringKinds = ["statements", "covenants", "milestones", "fund_uses", "collateral", "valuations", "guarantors", "signals", "bureau"];

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static StringContent Csv(string text) => new(text, new UTF8Encoding(false), "text/csv");

    private static MultipartFormDataContent Upload(string path)
    {
        var file = new ByteArrayContent(File.ReadAllBytes(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", Path.GetFileName(path) } };
    }

    /// <summary>Imports every monitoring example as a risk officer; imports are idempotent, so each test may call it.</summary>
    private async Task ImportMonitoringExamples()
    {
        using var risk = await host.Client("risk");
        foreach (var kind in MonitoringKinds)
        {
            var summary = await Json(await risk.PostAsync($"/api/imports/{kind}", Csv(await File.ReadAllTextAsync(Examples.File($"{kind}.csv")))), HttpStatusCode.OK);
            summary.GetProperty("kind").GetString().ShouldBe(kind);
            var rows = File.ReadLines(Examples.File($"{kind}.csv")).Count() - 1;
            summary.GetProperty("rows").GetInt32().ShouldBe(rows);
            (summary.GetProperty("inserted").GetInt32() + summary.GetProperty("updated").GetInt32() + summary.GetProperty("unchanged").GetInt32()).ShouldBe(rows);
        }
    }

    [Fact]
    public async Task Monitoring_files_imported_over_http_are_read_back_per_borrower_and_loan()
    {
        await ImportMonitoringExamples();
        host.Db.Count("SELECT COUNT(*) FROM financial_statements").ShouldBe(4);
        host.Db.Count("SELECT COUNT(*) FROM external_signals").ShouldBe(5);

        using var risk = await host.Client("risk");
        var m = await Json(await risk.GetAsync("/api/borrowers/B2001/monitoring"), HttpStatusCode.OK);
        m.GetProperty("borrowerExternalId").GetString().ShouldBe("B2001");

        var statements = m.GetProperty("statements").EnumerateArray().ToList();
        statements.Select(s => s.GetProperty("periodEnd").GetString()).ShouldBe(["2025-03-31", "2024-12-31"]);
        var ratios = statements[0].GetProperty("ratios");
        ratios.GetProperty("debtToAsset").GetDecimal().ShouldBe(0.6277m);     // 54.3 / 86.5
        ratios.GetProperty("currentRatio").GetDecimal().ShouldBe(1.4050m);    // 39.2 / 27.9
        ratios.GetProperty("quickRatio").GetDecimal().ShouldBe(0.8280m);      // (39.2 - 16.1) / 27.9
        ratios.GetProperty("interestCoverage").GetDecimal().ShouldBe(3.0476m); // (0.86 + 0.42) / 0.42
        ratios.GetProperty("dscr").GetDecimal().ShouldBe(-1.2255m);           // -1.25 / 1.02: cash flow was negative

        m.GetProperty("bureau").EnumerateArray().Select(b => b.GetProperty("asOf").GetString()).ShouldBe(["2025-06-30", "2025-03-31"]);
        var signal = m.GetProperty("signals").EnumerateArray().Single();
        signal.GetProperty("externalId").GetString().ShouldBe("S0001");
        signal.GetProperty("kind").GetString().ShouldBe("court_case");
        signal.GetProperty("amount").GetDecimal().ShouldBe(1_260_000m);

        var loans = m.GetProperty("loans").EnumerateArray().ToDictionary(l => l.GetProperty("loanExternalId").GetString()!);
        loans.Keys.ShouldBe(["L2001", "L2002"]);
        var l2001 = loans["L2001"];
        l2001.GetProperty("covenants").EnumerateArray().Select(c => (c.GetProperty("metric").GetString(), c.GetProperty("operator").GetString(), c.GetProperty("threshold").GetDecimal()))
            .ShouldBe([("debt_to_asset", "<=", 0.70m), ("current_ratio", ">=", 1.20m)]);
        l2001.GetProperty("fundUses").EnumerateArray().Select(f => f.GetProperty("externalId").GetString()).ShouldBe(["F2001-3", "F2001-2", "F2001-1"]);
        l2001.GetProperty("fundUses")[0].GetProperty("counterpartyType").GetString().ShouldBe("employee_payroll");
        var guarantor = l2001.GetProperty("guarantors").EnumerateArray().Single();
        guarantor.GetProperty("externalId").GetString().ShouldBe("G2001");
        guarantor.GetProperty("nationalId").GetString().ShouldBe("330106********3419"); // a risk officer sees ids masked
        guarantor.GetProperty("guaranteedAmount").GetDecimal().ShouldBe(3_000_000m);
        var guarantorSignal = l2001.GetProperty("guarantorSignals").EnumerateArray().Single();
        (guarantorSignal.GetProperty("externalId").GetString(), guarantorSignal.GetProperty("guarantorExternalId").GetString()).ShouldBe(("S0002", "G2001"));

        var machines = loans["L2002"].GetProperty("collateral").EnumerateArray().Single();
        machines.GetProperty("externalId").GetString().ShouldBe("CL2002");
        machines.GetProperty("valuations").EnumerateArray().Select(v => (v.GetProperty("valuedOn").GetString(), v.GetProperty("value").GetDecimal(), v.GetProperty("fromAppraisal").GetBoolean()))
            .ShouldBe([("2025-06-18", 9_400_000m, false), ("2024-06-18", 11_800_000m, true)]);
        loans["L2002"].GetProperty("guarantors")[0].GetProperty("nationalId").GetString().ShouldBe("91************2C3D");

        var project = await Json(await risk.GetAsync("/api/borrowers/B3001/monitoring"), HttpStatusCode.OK);
        var l3001 = project.GetProperty("loans").EnumerateArray().Single();
        l3001.GetProperty("milestones").EnumerateArray().Select(x => x.GetProperty("externalId").GetString()).ShouldBe(["M3001-1", "M3001-2", "M3001-3"]);
        l3001.GetProperty("milestones")[1].GetProperty("actualDate").ValueKind.ShouldBe(JsonValueKind.Null);
        project.GetProperty("statements")[0].GetProperty("ratios").GetProperty("quickRatio").GetDecimal().ShouldBe(1.2683m); // 52 / 41, no inventory

        using var legal = await host.Client("legal");
        var full = await Json(await legal.GetAsync("/api/borrowers/B2001/monitoring"), HttpStatusCode.OK);
        full.GetProperty("loans")[0].GetProperty("guarantors")[0].GetProperty("nationalId").GetString().ShouldBe("330106197005123419");
    }

    [Fact]
    public async Task An_uploaded_file_is_imported_as_the_signed_in_person_and_the_audit_trail_names_them()
    {
        await ImportMonitoringExamples();
        using var manager = await host.Client("am.zj01"); // B1001 is theirs
        var path = host.Db.File("bureau-b1001.csv", """
            borrower_external_id,as_of,total_debt,overdue_debt,overdue_90_debt,inquiries_3m,source
            B1001,2025-06-30,815000.00,0.00,0.00,2,人民银行征信中心
            """);
        var summary = await Json(await manager.PostAsync("/api/imports/bureau", Upload(path)), HttpStatusCode.OK);
        (summary.GetProperty("file").GetString(), summary.GetProperty("inserted").GetInt32()).ShouldBe(("bureau-b1001.csv", 1));

        host.Db.Count("SELECT COUNT(*) FROM audit_entries WHERE action = 'import.bureau' AND entity_type = 'import_file' AND entity_id = 'bureau-b1001.csv' AND actor = 'user:am.zj01'")
            .ShouldBe(1);
        host.Db.Count("SELECT COUNT(*) FROM audit_entries WHERE action = 'import.statements' AND actor = 'user:risk'").ShouldBeGreaterThanOrEqualTo(1);

        var mine = await Json(await manager.GetAsync("/api/borrowers/B1001/monitoring"), HttpStatusCode.OK);
        mine.GetProperty("bureau").EnumerateArray().Select(b => b.GetProperty("asOf").GetString()).ShouldBe(["2025-06-30", "2025-03-31"]);
        mine.GetProperty("loans")[0].GetProperty("collateral")[0].GetProperty("externalId").GetString().ShouldBe("CL1001");
    }

    [Fact]
    public async Task A_file_with_bad_rows_is_refused_with_every_problem_and_writes_nothing()
    {
        using var risk = await host.Client("risk");
        var statementsBefore = host.Db.Count("SELECT COUNT(*) FROM financial_statements");
        var auditBefore = host.Db.Count("SELECT COUNT(*) FROM audit_entries");
        var bad = """
            borrower_external_id,period_end,period,received_on,total_assets,total_liabilities,current_assets,current_liabilities,inventory,receivables,revenue,net_profit,operating_cash_flow,interest_expense,debt_service
            B2001,2025-06-30,quarterly,2025-07-20,88000000.00,55000000.00,40000000.00,28000000.00,16000000.00,14000000.00,22000000.00,900000.00,1100000.00,430000.00,1030000.00
            B2001,2025-09-30,quarterly,2025-10-20,88000000.00,55000000.00,40000000.00,28000000.00,16000000.00,14000000.00,22000000.00,900000.00,1100000.00,430000.00,1,030,000.00
            B9999,2025/09/30,quarterly,2025-10-20,88000000.00,55000000.00,40000000.00,28000000.00,16000000.00,14000000.00,22000000.00,900000.00,1100000.00,430000.00,abc
            """;
        var problem = await Json(await risk.PostAsync("/api/imports/statements", Csv(bad)), HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString()!.ShouldContain("nothing was imported");
        var problems = problem.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("column").GetString(), p.GetProperty("cause").GetString())).ToList();
        problems.ShouldContain(x => x.Item1 == 3 && x.Item2 == "" && x.Item3!.Contains("the row has 17 fields and the header 15"));
        problems.ShouldContain((4, "borrower_external_id", "unknown borrower: import it in borrowers.csv first"));
        problems.ShouldContain((4, "period_end", "not a date in the form YYYY-MM-DD"));
        problems.ShouldContain((4, "debt_service", "not an amount (digits with '.' as the decimal point, no thousands separators)"));
        problems.ShouldNotContain(x => x.Item1 == 2);
        problem.GetProperty("errors").GetProperty("row 4: period_end")[0].GetString().ShouldBe("not a date in the form YYYY-MM-DD");

        host.Db.Count("SELECT COUNT(*) FROM financial_statements").ShouldBe(statementsBefore); // not even the good row 2
        host.Db.Count("SELECT COUNT(*) FROM audit_entries").ShouldBe(auditBefore);
    }

    [Fact]
    public async Task Each_kind_needs_its_role()
    {
        var statements = await File.ReadAllTextAsync(Examples.File("statements.csv"));
        using var auditor = await host.Client("auditor");
        (await auditor.PostAsync("/api/imports/statements", Csv(statements))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var branch = await host.Client("bm.sc01");
        (await branch.PostAsync("/api/imports/statements", Csv(statements))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // The loan book comes from the core system: administrators only.
        var loans = await File.ReadAllTextAsync(Examples.File("loans.csv"));
        using var risk = await host.Client("risk");
        var refused = await Json(await risk.PostAsync("/api/imports/loans", Csv(loans)), HttpStatusCode.Forbidden);
        refused.GetProperty("detail").GetString().ShouldBe("importing loans needs the role administrator");
        using var admin = await host.Client("admin");
        var again = await Json(await admin.PostAsync("/api/imports/loans", Csv(loans)), HttpStatusCode.OK);
        again.GetProperty("unchanged").GetInt32().ShouldBe(5); // the fixture loaded the same file
        host.Db.Count("SELECT COUNT(*) FROM audit_entries WHERE action = 'import.loans' AND actor = 'user:admin'").ShouldBe(1);

        (await Json(await risk.PostAsync("/api/imports/payments", Csv(statements)), HttpStatusCode.NotFound))
            .GetProperty("detail").GetString()!.ShouldStartWith("no import of kind 'payments'; the kinds are: borrowers, loans,");
        (await risk.PostAsync("/api/imports/statements", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        using var anonymous = await host.Client();
        (await anonymous.PostAsync("/api/imports/statements", Csv(statements))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_account_manager_imports_and_reads_only_inside_their_scope()
    {
        await ImportMonitoringExamples();
        using var manager = await host.Client("am.zj01"); // ZJ01-AM01: B1001 only
        (await manager.GetAsync("/api/borrowers/B2001/monitoring")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await manager.GetAsync("/api/borrowers/NOSUCH/monitoring")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var branch = await host.Client("bm.sc01");
        (await branch.GetAsync("/api/borrowers/B2001/monitoring")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await branch.GetAsync("/api/borrowers/B3001/monitoring")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var signalsBefore = host.Db.Count("SELECT COUNT(*) FROM external_signals");
        // B2001 exists but is not theirs: refused as if unknown. S0002 exists and is about another borrower's guarantor: not overwritten.
        var file = """
            external_id,subject_type,subject_external_id,kind,occurred_on,source,summary,amount
            S9001,borrower,B1001,adverse_news,2025-06-01,舆情监测,借款人所在单位裁员,
            S9002,borrower,B2001,adverse_news,2025-06-01,舆情监测,x,
            S0002,borrower,B1001,adverse_news,2025-06-01,舆情监测,overwrite,
            """;
        var problem = await Json(await manager.PostAsync("/api/imports/signals", Csv(file)), HttpStatusCode.BadRequest);
        problem.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("column").GetString(), p.GetProperty("cause").GetString()))
            .ShouldBe([(3, "subject_external_id", "unknown borrower: import it in borrowers.csv first"),
                (4, "external_id", "this external id belongs to a record outside your data scope")]);
        host.Db.Count("SELECT COUNT(*) FROM external_signals").ShouldBe(signalsBefore);
        host.Db.Count("SELECT COUNT(*) FROM external_signals WHERE external_id = 'S0002' AND summary = 'overwrite'").ShouldBe(0);

        // The same file inside their scope goes in.
        var ok = await Json(await manager.PostAsync("/api/imports/signals", Csv(string.Join('\n', file.Split('\n')[..2]))), HttpStatusCode.OK);
        ok.GetProperty("inserted").GetInt32().ShouldBe(1);
        var mine = await Json(await manager.GetAsync("/api/borrowers/B1001/monitoring"), HttpStatusCode.OK);
        mine.GetProperty("signals").EnumerateArray().Select(s => s.GetProperty("externalId").GetString()).ShouldContain("S9001");
    }

    [Fact]
    public async Task The_borrower_page_lists_the_monitoring_data_in_the_chosen_language()
    {
        await ImportMonitoringExamples();
        using var risk = await host.Client("risk");
        // The server's first render of the page; Blazor writes CJK text as character references.
        var page = WebUtility.HtmlDecode(await risk.GetStringAsync("/borrowers/B2001"));
        page.ShouldContain("id=\"borrower-monitoring\"");
        page.ShouldContain("贷后监测数据");
        page.ShouldContain("资产负债率 <= 0.70");           // covenant C2001-1, metric named in Chinese
        page.ShouldContain("<td style=\"text-align:right\">0.63</td>"); // debt to asset of the 2025-03-31 statement
        page.ShouldContain("330106********3419");
        page.ShouldNotContain("330106197005123419");
        page.ShouldContain("宁波甬钢贸易有限公司诉借款人买卖合同纠纷");

        (await risk.GetAsync("/culture?name=en&redirect=/")).EnsureSuccessStatusCode();
        var english = WebUtility.HtmlDecode(await risk.GetStringAsync("/borrowers/B2001"));
        english.ShouldContain("Monitoring data");
        english.ShouldContain("Signals about guarantors");

        using var manager = await host.Client("am.zj01");
        (await manager.GetStringAsync("/borrowers/B2001")).ShouldNotContain("borrower-monitoring");
    }
}
