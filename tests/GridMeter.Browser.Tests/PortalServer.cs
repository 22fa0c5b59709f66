using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using GridMeter.Server.Tests;
using GridMeter.Testing;
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
    public const string Feeder = "F-DEMO";
    public const string Tariff = "T-GREEN";
    public const string PrepaidMeter = "MTR-00004";

    /// <summary>The meters hung in a building on <see cref="Feeder"/>: together they make a network outage when they lose supply.</summary>
    public static readonly IReadOnlyList<string> FeederMeters = ["MTR-00016", "MTR-00017", "MTR-00018"];

    private readonly string _dataDir = Directory.CreateTempSubdirectory("gridmeter-browser-").FullName;
    private ServerProcess? _server;
    private IPlaywright? _playwright;

    public string BaseUrl => _server?.BaseUrl ?? throw new InvalidOperationException("the server did not start");

    /// <summary>The embedded MQTT broker's port, where the demo's simulated meters (and a test's devices) connect.</summary>
    public int MqttPort { get; } = FreePort.Next();

    /// <summary>The data folder, where the demo keeps its simulated devices' credentials.</summary>
    public string DataDir => _dataDir;

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
        _server = await ServerProcess.StartAsync(_dataDir, ["--demo", $"--GridMeter:Mqtt:Port={MqttPort}", $"--webroot={WebRoot()}"]);
        await SetUpAsync();
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

    /// <summary>
    /// Through the API, as the demo's admin and supplier would: a building for the operator to look at, a
    /// feeder with a building of three meters (for an outage), and a tariff the consumer may ask for.
    /// </summary>
    private async Task SetUpAsync()
    {
        using var admin = await LogInAsync("admin");
        await SendAsync(admin, HttpMethod.Post, "/api/v1/grid/nodes", new { id = Building, kind = "building", name = "Demo block", mainMeterId = ConsumerMeter });
        await SendAsync(admin, HttpMethod.Post, "/api/v1/grid/nodes", new { id = Feeder, kind = "feeder", name = "Demo feeder" });
        await SendAsync(admin, HttpMethod.Post, "/api/v1/grid/nodes", new { id = "B-FEEDER", kind = "building", parentId = Feeder, name = "Feeder block" });
        foreach (var meter in FeederMeters)
        {
            await SendAsync(admin, HttpMethod.Put, $"/api/v1/meters/{meter}/placement", new { nodeId = "B-FEEDER" });
        }
        using var supplier = await LogInAsync("supplier");
        foreach (var (id, name, price) in new[] { ("T-STANDARD", "Standard", 0.31m), (Tariff, "Green flat", 0.27m) })
        {
            await SendAsync(supplier, HttpMethod.Post, "/api/v1/tariffs", new
            {
                id, name, supplierId = "demo-energy",
                tariff = new { currency = "EUR", validFrom = "2026-01-01", standingChargePerDay = 0.2m, vatPercent = 10, energy = new[] { new { name = "energy", price } } },
            });
        }
        // The consumer's meter is billed for last month; a second meter pays in advance.
        var today = TimeProvider.System.GetUtcNow();
        await SendAsync(supplier, HttpMethod.Put, $"/api/v1/meters/{ConsumerMeter}/tariff", new { tariffId = "T-STANDARD", validFrom = "2026-01-01" });
        await SendAsync(supplier, HttpMethod.Post, "/api/v1/bill-runs", new { supplierId = "demo-energy", month = today.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture) });
        await SendAsync(supplier, HttpMethod.Put, $"/api/v1/meters/{PrepaidMeter}/tariff", new
        {
            currency = "EUR", validFrom = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), vatPercent = 10, paymentMode = "prepaid",
            energy = new[] { new { name = "energy", price = 0.3m } },
        });
        await SendAsync(supplier, HttpMethod.Post, $"/api/v1/meters/{PrepaidMeter}/topups", new { paymentId = "PAY-DEMO-1", amount = 40m });
    }

    private async Task<HttpClient> LogInAsync(string username)
    {
        var http = _server!.CreateClient();
        var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { username, password = Password }, TestContext.Current.CancellationToken);
        var body = await token.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        http.DefaultRequestHeaders.Authorization = new("Bearer", body.GetProperty("accessToken").GetString());
        return http;
    }

    private static async Task SendAsync(HttpClient http, HttpMethod method, string path, object body)
    {
        using var response = await http.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) }, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
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
