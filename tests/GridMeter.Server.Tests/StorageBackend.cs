namespace GridMeter.Server.Tests;

public enum StorageBackend
{
    Sqlite,
    Postgres,
}
