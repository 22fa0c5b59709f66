using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dapper;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;
using GridMeter.Server.Tests.Readings;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace GridMeter.Server.Tests.Storage;

/// <summary>--migrate-to-postgres moves an installation from its SQLite file to PostgreSQL.</summary>
public sealed class StoreCopyTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_row_of_every_table_arrives_and_the_server_carries_on_over_postgres()
    {
        await using var sqlite = await GridMeterApp.StartAsync();
        using (var device = await sqlite.DeviceAsync("MTR-1"))
        {
            var body = ReadingsApiTests.ToJson(ReadingsApiTests.DaySnapshots("Europe/Rome", new LocalDate(2026, 11, 20), 0));
            var posted = await device.PostAsync("/api/v1/meters/MTR-1/readings", new StringContent(body, Encoding.UTF8, "application/json"), Cancel);
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        }
        await GridMeter.Server.Tests.Vee.MeterDataFixture.ProcessAsync(sqlite); // the meter-data job's work done: nothing changes during the copy
        var before = await CountsAsync(sqlite.Services.GetRequiredService<IDatabase>(), "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name <> 'schema_migrations'");
        Assert.True(before["readings"] > 90);
        var target = await TestPostgres.NewSchemaAsync();

        var tables = await sqlite.Services.GetRequiredService<StoreCopy>().CopyToAsync(target, Cancel);

        Assert.Equal(before.Count, tables);
        await using (var copied = new PostgresDatabase(Npgsql.NpgsqlDataSource.Create(target)))
        {
            var after = await CountsAsync(copied, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()");
            Assert.All(before, table => Assert.Equal((table.Key, table.Value), (table.Key, after[table.Key])));
        }
        await using var postgres = await GridMeterApp.StartAsync(StorageBackend.Postgres, sqlite.Clock.GetUtcNow(), postgres: target);
        using var admin = await postgres.AdminAsync();
        var meter = await admin.GetFromJsonAsync<MeterResponse>("/api/v1/meters/MTR-1", Cancel);
        Assert.Equal("MTR-1", meter!.Id);
        // Keys carry on after the copied ones.
        await postgres.ProvisionAsync("MTR-2");
        Assert.Equal(-1, await sqlite.Services.GetRequiredService<StoreCopy>().CopyToAsync(target, Cancel));
    }

    private static async Task<Dictionary<string, long>> CountsAsync(IDatabase database, string tablesQuery)
    {
        await using var connection = await database.OpenAsync(Cancel);
        var counts = new Dictionary<string, long>();
        foreach (var table in await connection.QueryAsync<string>(tablesQuery))
        {
            counts[table] = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM \"{table}\"");
        }
        return counts;
    }
}
