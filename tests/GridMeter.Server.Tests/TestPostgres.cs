using GridMeter.Testing;
using Npgsql;

namespace GridMeter.Server.Tests;

/// <summary>
/// The scratch PostgreSQL cluster that build/test.sh starts (GRIDMETER_TEST_POSTGRES). Each test
/// gets a schema of its own, so tests never see each other's rows.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "GRIDMETER_TEST_POSTGRES";

    public static async Task<string> NewSchemaAsync()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(server))
        {
            ExternalTool.Unavailable($"PostgreSQL is not running for tests ({Variable} is unset); run build/test.sh, which starts it");
        }
        var schema = $"t_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        return new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ToString();
    }
}
