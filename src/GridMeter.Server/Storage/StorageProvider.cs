namespace GridMeter.Server.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}
