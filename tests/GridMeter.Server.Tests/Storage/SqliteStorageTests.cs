using GridMeter.Server.Storage;

namespace GridMeter.Server.Tests.Storage;

public sealed class SqliteStorageTests : StorageTests
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gridmeter-sqlite-").FullName;

    private string Path_ => Path.Combine(_dir, "gridmeter.db");

    protected override Task<IDatabase> CreateDatabaseAsync() => Task.FromResult<IDatabase>(new SqliteDatabase(Path_, 8));

    protected override async Task<IDatabase> ReopenAsync(IDatabase database)
    {
        await ((IAsyncDisposable)database).DisposeAsync();
        return new SqliteDatabase(Path_, 8);
    }

    protected override Task DisposedAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }
}
