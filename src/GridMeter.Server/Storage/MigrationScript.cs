namespace GridMeter.Server.Storage;

public sealed record MigrationScript(int Version, string Name, string Sql);
