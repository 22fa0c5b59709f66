using GridMeter.Server.Storage;
using Npgsql;

namespace GridMeter.Server.Tests.Storage;

public sealed class PostgresStorageTests : StorageTests
{
    private string _connectionString = "";

    protected override async Task<IDatabase> CreateDatabaseAsync()
    {
        _connectionString = await TestPostgres.NewSchemaAsync();
        return new PostgresDatabase(NpgsqlDataSource.Create(_connectionString));
    }

    protected override async Task<IDatabase> ReopenAsync(IDatabase database)
    {
        await ((IAsyncDisposable)database).DisposeAsync();
        return new PostgresDatabase(NpgsqlDataSource.Create(_connectionString));
    }
}
