using System.Net;
using System.Net.Http.Json;
using GridMeter.Server.Vee;
using NodaTime;
using static GridMeter.Server.Tests.Vee.MeterDataFixture;

namespace GridMeter.Server.Tests.Vee;

/// <summary>A supplier tunes validation for its own meters; nobody else sees or changes its thresholds.</summary>
public abstract class VeeSettingsApiTests(StorageBackend storage)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_supplier_shortens_the_flat_line_limit_and_its_meters_quiet_hours_become_suspect()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        await OrganisationsAsync(app);
        using var device = await MeterAsync(app, "MTR-1");
        using var supplier = await app.ClientForAsync("supplier", Password);
        using var @operator = await app.ClientForAsync("operator", Password);
        var defaults = await GetAsync<VeeSettingsDocument>(supplier, $"/api/v1/organisations/{Supplier}/vee-settings");
        var tighter = defaults with { FlatLineHours = 2 };

        var refused = await @operator.PutAsJsonAsync($"/api/v1/organisations/{Supplier}/vee-settings", tighter, Cancel);
        var invalid = await supplier.PutAsJsonAsync($"/api/v1/organisations/{Supplier}/vee-settings", tighter with { ProfileMinSamples = 0 }, Cancel);
        var saved = await supplier.PutAsJsonAsync($"/api/v1/organisations/{Supplier}/vee-settings", tighter, Cancel);
        var start = DateTimeZoneProviders.Tzdb["Europe/Rome"].AtStartOfDay(new LocalDate(2026, 11, 20)).ToInstant();
        // Three hours without consumption, then use again.
        var quiet = Enumerable.Range(0, 17).Select(i => (start + Duration.FromMinutes(15 * i), i <= 12 ? 5_000L : 5_000 + ((i - 12) * 100L)));
        await PostAsync(device, "/api/v1/meters/MTR-1/readings", quiet);
        await ProcessAsync(app);
        var flags = await GetAsync<List<FlagResponse>>(supplier, "/api/v1/meters/MTR-1/vee/flags");

        Assert.Equal(48, defaults.FlatLineHours);
        // Network operators read only: a change is refused outright.
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var flag = Assert.Single(flags);
        Assert.Equal(("flat_line", start.ToDateTimeOffset(), (start + Duration.FromHours(3)).ToDateTimeOffset()), (flag.Rule, flag.Start, flag.End));
    }
}

public sealed class SqliteVeeSettingsApiTests() : VeeSettingsApiTests(StorageBackend.Sqlite);

public sealed class PostgresVeeSettingsApiTests() : VeeSettingsApiTests(StorageBackend.Postgres);
