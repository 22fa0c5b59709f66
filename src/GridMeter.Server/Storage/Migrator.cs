using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Dapper;

namespace GridMeter.Server.Storage;

/// <summary>
/// Brings the schema up to date from the versioned SQL files embedded under
/// Storage/Migrations/{provider}/NNNN_name.sql, each applied once, in order, in its own transaction.
/// </summary>
public sealed partial class Migrator(IDatabase database, TimeProvider clock, ILogger<Migrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
            cancellationToken: cancellationToken));

        foreach (var script in Scripts(database.Provider))
        {
            await ApplyAsync(connection, script, cancellationToken);
        }
    }

    private async Task ApplyAsync(DbConnection connection, MigrationScript script, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (database.Provider == StorageProvider.Postgres)
        {
            // Nodes starting together take turns; the second finds the version applied.
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(4711)", transaction: transaction, cancellationToken: cancellationToken));
        }
        var applied = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version", new { script.Version }, transaction, cancellationToken: cancellationToken));
        if (applied > 0)
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition(script.Sql, transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
            new { script.Version, script.Name, AppliedAt = clock.GetUtcNow().ToUnixTimeMilliseconds() },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        LogApplied(script.Version, script.Name, database.Provider);
    }

    public static IReadOnlyList<MigrationScript> Scripts(StorageProvider provider)
    {
        var assembly = typeof(Migrator).Assembly;
        var prefix = $"GridMeter.Server.Storage.Migrations.{provider.ToString().ToLowerInvariant()}/";
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Load(assembly, n, n[prefix.Length..^4]))
            .OrderBy(s => s.Version)];
    }

    private static MigrationScript Load(Assembly assembly, string resource, string fileName)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
        var version = int.Parse(fileName.AsSpan(0, underscore), CultureInfo.InvariantCulture);
        return new MigrationScript(version, fileName[(underscore + 1)..], reader.ReadToEnd());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema migration {Version} ({Name}) to {Provider}")]
    private partial void LogApplied(int version, string name, StorageProvider provider);
}
