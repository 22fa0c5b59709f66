using System.Net.Http.Json;
using System.Text.Json;
using GridMeter.Server.Tests;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(GridMeter.Browser.Tests.PortalServer))]

namespace GridMeter.Browser.Tests;

/// <summary>
/// The server as a real process in demo mode (a supplier, an operator, a consumer, 20 simulated
/// meters of which the consumer's sends live values every second) and one headless Chromium for
/// all browser tests. A grid node is added so the operator has a network to look at.
/// </summary>
public sealed class PortalServer : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    public const string Password = "demo";
    public const string ConsumerMeter = "MTR-00001";
    public const string Building = "B-DEMO";

    private readonly string _dataDir = Directory.CreateTempSubdirectory("gridmeter-browser-").FullName;
    private ServerProcess? _server;
    private IPlaywright? _playwright;

    public string BaseUrl => _server?.BaseUrl ?? throw new InvalidOperationException("the server did not start");

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: beside the test assembly, in the test output folder.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public string? Missing { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            Missing = $"{Chromium} is missing (apt-get install chromium)";
            return;
        }
        Directory.CreateDirectory(Screenshots);
        _server = await ServerProcess.StartAsync(_dataDir, ["--demo", "--GridMeter:Mqtt:Port=0", $"--webroot={WebRoot()}"]);
        await AddBuildingAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>Fails under CI=true when Chromium is missing; elsewhere the test is skipped with the reason.</summary>
    public void RequireBrowser()
    {
        if (Missing is null)
        {
            return;
        }
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail(Missing);
        }
        Assert.Skip(Missing);
    }

    private async Task AddBuildingAsync()
    {
        using var http = _server!.CreateClient();
        var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password = Password }, TestContext.Current.CancellationToken);
        var body = await token.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        http.DefaultRequestHeaders.Authorization = new("Bearer", body.GetProperty("accessToken").GetString());
        var created = await http.PostAsJsonAsync(
            "/api/v1/grid/nodes", new { id = Building, kind = "building", name = "Demo block", mainMeterId = ConsumerMeter }, TestContext.Current.CancellationToken);
        Assert.True(created.IsSuccessStatusCode, $"creating the building answered {(int)created.StatusCode}");
    }

    // The portal's stylesheet, script and chart library live in the server project's wwwroot.
    private static string WebRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GridMeter.slnx")))
        {
            directory = directory.Parent;
        }
        return directory is null
            ? throw new InvalidOperationException("GridMeter.slnx not found above " + AppContext.BaseDirectory)
            : Path.Combine(directory.FullName, "src", "GridMeter.Server", "wwwroot");
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        Directory.Delete(_dataDir, recursive: true);
    }
}
