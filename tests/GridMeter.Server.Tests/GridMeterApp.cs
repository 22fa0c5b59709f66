using System.Net.Http.Headers;
using System.Net.Http.Json;
using GridMeter.Server.Accounts;
using GridMeter.Server.Auth;
using GridMeter.Mqtt.Broker;
using GridMeter.Server.Meters;
using GridMeter.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GridMeter.Server.Tests;

/// <summary>
/// The real server over a real database in a temporary data directory (or a fresh PostgreSQL
/// schema), with a clock the test controls. Dispose and build another on the same data
/// directory to restart it.
/// </summary>
public sealed class GridMeterApp : WebApplicationFactory<Program>
{
    public const string AdminPassword = "admin-password-for-tests";

    private readonly string? _postgres;
    private readonly Dictionary<string, string?> _settings;
    private bool _keepData;

    private GridMeterApp(string dataDir, string? postgres, ManualClock clock, Dictionary<string, string?> settings, LogCapture? logs)
    {
        DataDir = dataDir;
        _postgres = postgres;
        Clock = clock;
        _settings = settings;
        Logs = logs;
    }

    public string DataDir { get; }

    public ManualClock Clock { get; }

    /// <summary>Every log entry of every level, when the test asked for it.</summary>
    public LogCapture? Logs { get; }

    public static async Task<GridMeterApp> StartAsync(
        StorageBackend storage = StorageBackend.Sqlite, DateTimeOffset? now = null, string? dataDir = null, string? postgres = null,
        Dictionary<string, string?>? settings = null, LogCapture? logs = null)
    {
        dataDir ??= Directory.CreateTempSubdirectory("gridmeter-test-").FullName;
        if (storage == StorageBackend.Postgres)
        {
            postgres ??= await TestPostgres.NewSchemaAsync();
        }
        var app = new GridMeterApp(dataDir, postgres, new ManualClock(now ?? new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero)), settings ?? [], logs);
        _ = app.Server; // starts the host: migrations and the first admin
        return app;
    }

    /// <summary>Stops this server and starts another on the same data, as a process restart would.</summary>
    public async Task<GridMeterApp> RestartAsync()
    {
        _keepData = true;
        await DisposeAsync();
        return await StartAsync(_postgres is null ? StorageBackend.Sqlite : StorageBackend.Postgres, Clock.GetUtcNow(), DataDir, _postgres, _settings, Logs);
    }

    /// <summary>The key an external broker sends to the HTTP hooks (/api/v1/broker/…, header X-Broker-Key).</summary>
    public const string BrokerHookKey = "test-broker-hook-key";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("GridMeter:DataDir", DataDir);
        builder.UseSetting(FirstAdmin.PasswordVariable, AdminPassword);
        // Each test's broker on a free port, so tests run side by side.
        builder.UseSetting("GridMeter:Mqtt:Port", "0");
        builder.UseSetting("GridMeter:Firmware:VendorKeys:0", Firmware.TestVendor.PublicKeyPem);
        builder.UseSetting("GridMeter:Mqtt:HookKey", BrokerHookKey);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");
        if (_postgres is not null)
        {
            builder.UseSetting("GridMeter:Storage:Provider", "postgres");
            builder.UseSetting("GridMeter:Storage:ConnectionString", _postgres);
        }
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        if (Logs is not null)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<LogCapture>(null, LogLevel.Trace));
        }
    }

    public async Task<HttpClient> ClientForAsync(string username, string password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(TestContext.Current.CancellationToken);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public Task<HttpClient> AdminAsync() => ClientForAsync("admin", AdminPassword);

    /// <summary>The port the embedded MQTT broker listens on.</summary>
    public int MqttPort => Services.GetRequiredService<MqttBroker>().Port;

    /// <summary>Provisions a meter as admin and returns a client authenticated as that device.</summary>
    public async Task<HttpClient> DeviceAsync(string meterId, string timeZone = "Europe/Rome") =>
        DeviceClient(meterId, await ProvisionAsync(meterId, timeZone));

    /// <summary>Provisions a meter as admin and returns its device secret.</summary>
    public async Task<string> ProvisionAsync(string meterId, string timeZone = "Europe/Rome")
    {
        using var admin = await AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/meters", new { id = meterId, timeZone, phases = 1 }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var meter = await response.Content.ReadFromJsonAsync<MeterResponse>(TestContext.Current.CancellationToken);
        return meter!.DeviceSecret!;
    }

    public HttpClient DeviceClient(string meterId, string secret)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{meterId}:{secret}")));
        return client;
    }

    public async Task<long> CountAsync(string table)
    {
        await using var connection = await Services.GetRequiredService<GridMeter.Server.Storage.IDatabase>().OpenAsync(TestContext.Current.CancellationToken);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, $"SELECT COUNT(*) FROM {table}");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!_keepData)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(DataDir, recursive: true);
        }
        GC.SuppressFinalize(this);
    }
}
