using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace PostLoan.EndToEndTests;

/// <summary>
/// The real application, end to end: `./postloan demo` builds a book in a temporary database, then
/// `./postloan serve` serves it on a free loopback port, and Debian's Chromium, driven by
/// Playwright, uses it as a person would. Screenshots land in artifacts/screenshots/.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    public const string Password = "PostLoan-Demo-2026!";
    private Process? _server;
    private IPlaywright? _playwright;

    public string Root { get; } = FindRoot();
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "postloan-e2e", Guid.NewGuid().ToString("N"));
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public string Screenshots => Path.Combine(Root, "artifacts", "screenshots");

    public static string ChromiumPath => Environment.GetEnvironmentVariable("POSTLOAN_CHROMIUM") ?? "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        Directory.CreateDirectory(Screenshots);
        var db = Path.Combine(Folder, "postloan.db");
        var demo = Run("demo", "--no-serve", "--loans", "1500", "--months", "18", "--seed", "3", "--as-of", "2025-06-30", "--db", db);
        await demo.WaitForExitAsync();
        if (demo.ExitCode != 0) throw new InvalidOperationException("demo failed: " + ErrorsOf(demo));

        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        _server = Run("serve", "--urls", BaseUrl, "--db", db);
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                if ((await http.GetAsync(BaseUrl + "/health")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_server.HasExited)
            {
                await Task.Delay(250);
            }
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) signed in as <paramref name="user"/>.</summary>
    public async Task<IPage> SignedIn(string user, int width = 1400, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        await page.GotoAsync(BaseUrl + "/");
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("#card-npl");
        await Interactive(page);
        return page;
    }

    /// <summary>Opens a page by its address and waits until it is interactive.</summary>
    public async Task GoTo(IPage page, string path)
    {
        await page.GotoAsync(BaseUrl + path);
        await Interactive(page);
    }

    /// <summary>A click is only sure to be handled once the circuit has taken the prerendered page over.</summary>
    private static Task Interactive(IPage page) =>
        page.WaitForSelectorAsync("#app-interactive[data-interactive]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

    /// <summary>The first loan of a branch, as the API lists it to a risk officer.</summary>
    public async Task<string> FirstLoanOfBranch(string branch) => (await FirstOfBranch(branch)).Loan;

    public async Task<string> FirstBorrowerOfBranch(string branch) => (await FirstOfBranch(branch)).Borrower;

    private async Task<(string Loan, string Borrower)> FirstOfBranch(string branch)
    {
        using var http = await Api();
        var page = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"/api/loans?branch={branch}&pageSize=1"));
        var item = page.RootElement.GetProperty("items")[0];
        return (item.GetProperty("externalId").GetString()!, item.GetProperty("borrowerExternalId").GetString()!);
    }

    /// <summary>An API client signed in as the risk officer, to find what a test looks for as the screens would show it.</summary>
    public async Task<HttpClient> Api()
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(BaseUrl) };
        var login = await http.PostAsync("/api/auth/login", new StringContent($$"""{"userName":"risk","password":"{{Password}}"}""", System.Text.Encoding.UTF8, "application/json"));
        login.EnsureSuccessStatusCode();
        return http;
    }

    private Process Run(params string[] args)
    {
        var info = new ProcessStartInfo("bash") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(Root, "postloan"));
        foreach (var a in args) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        // Drain both outputs so the child never blocks on a full pipe: the server logs to stderr for as long as the
        // tests run, and once its pipe is full every request it serves hangs. The last lines of stderr are kept.
        var errors = new Queue<string>();
        _errors[process] = errors;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (errors)
            {
                errors.Enqueue(e.Data);
                if (errors.Count > 200) errors.Dequeue();
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private readonly Dictionary<Process, Queue<string>> _errors = [];

    private string ErrorsOf(Process process)
    {
        var errors = _errors[process];
        lock (errors) return string.Join('\n', errors);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "postloan")) && File.Exists(Path.Combine(dir.FullName, "PostLoan.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("repository root not found above " + AppContext.BaseDirectory);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // The server may hold the file a moment longer; the temporary folder is the OS's to clean.
        }
    }
}
