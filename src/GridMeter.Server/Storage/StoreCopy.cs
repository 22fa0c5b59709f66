using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace GridMeter.Server.Storage;

/// <summary>
/// Moves an installation from its SQLite file to PostgreSQL without losing data:
/// <c>GridMeter.Server --migrate-to-postgres "&lt;connection string&gt;"</c> with the server
/// stopped. Brings both schemas up to date, then streams every table in creation order (so rows
/// a table refers to are there first) by binary COPY, logging progress, and compares the row
/// counts at the end. The target must hold no users, meters or readings yet; what its migrations
/// seeded is replaced by the source's rows.
/// </summary>
public sealed partial class StoreCopy(IDatabase source, TimeProvider clock, ILogger<StoreCopy> logger)
{
    /// <summary>The command-line option naming the target (read through configuration: --migrate-to-postgres "…").</summary>
    public const string Option = "migrate-to-postgres";

    private const int ProgressEvery = 100_000;

    /// <summary>Runs the copy when the command line asks for it; true when it did (the process then ends).</summary>
    public static async Task<bool> RunIfRequestedAsync(WebApplication app)
    {
        if (app.Configuration[Option] is not { Length: > 0 } target)
        {
            return false;
        }
        var tables = await app.Services.GetRequiredService<StoreCopy>().CopyToAsync(target, CancellationToken.None);
        Environment.ExitCode = tables >= 0 ? 0 : 1;
        await app.DisposeAsync(); // flushes the log
        return true;
    }

    /// <summary>Copies every table to the PostgreSQL database <paramref name="target"/>; returns how many tables, or -1 when refused.</summary>
    public async Task<int> CopyToAsync(string target, CancellationToken cancellationToken)
    {
        if (source.Provider != StorageProvider.Sqlite)
        {
            LogNotSqlite();
            return -1;
        }
        await using var postgres = new PostgresDatabase(NpgsqlDataSource.Create(target));
        await new Migrator(source, clock, NullLogger<Migrator>.Instance).MigrateAsync(cancellationToken);
        await new Migrator(postgres, clock, NullLogger<Migrator>.Instance).MigrateAsync(cancellationToken);

        await using var from = await source.OpenAsync(cancellationToken);
        await using var to = (NpgsqlConnection)await postgres.OpenAsync(cancellationToken);
        if (await to.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM meters) + (SELECT COUNT(*) FROM readings)", cancellationToken: cancellationToken)) > 0)
        {
            LogTargetNotEmpty();
            return -1;
        }
        var tables = (await from.QueryAsync<string>(new CommandDefinition(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name <> 'schema_migrations' ORDER BY rowid",
            cancellationToken: cancellationToken))).ToList();
        var copied = 0;
        foreach (var table in tables)
        {
            var columns = await TargetColumnsAsync(to, table, cancellationToken);
            if (columns.Count == 0)
            {
                LogSkipped(table);
                continue;
            }
            var rows = await CopyTableAsync(from, to, table, columns, cancellationToken);
            var expected = await from.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM \"{table}\"", cancellationToken: cancellationToken));
            if (rows != expected)
            {
                LogCountMismatch(table, expected, rows);
                return -1;
            }
            LogTableCopied(table, rows);
            copied++;
        }
        LogDone(copied);
        return copied;
    }

    private async Task<long> CopyTableAsync(DbConnection from, NpgsqlConnection to, string table, List<(string Name, string Type, bool Identity)> columns, CancellationToken cancellationToken)
    {
        var sourceColumns = (await from.QueryAsync<string>(new CommandDefinition(
            "SELECT name FROM pragma_table_info(@table)", new { table }, cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        columns = [.. columns.Where(c => sourceColumns.Contains(c.Name))];
        var list = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        await using var transaction = await to.BeginTransactionAsync(cancellationToken);
        // Rows the target's migrations seeded (cursors, defaults) give way to the source's.
        await to.ExecuteAsync(new CommandDefinition($"DELETE FROM \"{table}\"", transaction: transaction, cancellationToken: cancellationToken));
        long rows = 0;
        await using (var read = from.CreateCommand())
        {
            read.CommandText = $"SELECT {list} FROM \"{table}\"";
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            await using var copy = await to.BeginBinaryImportAsync($"COPY \"{table}\" ({list}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                await copy.StartRowAsync(cancellationToken);
                for (var i = 0; i < columns.Count; i++)
                {
                    await WriteAsync(copy, reader.IsDBNull(i) ? null : reader.GetValue(i), columns[i].Type, cancellationToken);
                }
                if (++rows % ProgressEvery == 0)
                {
                    LogProgress(table, rows);
                }
            }
            await copy.CompleteAsync(cancellationToken);
        }
        foreach (var identity in columns.Where(c => c.Identity))
        {
            // Keys go on after the highest copied one.
            await to.ExecuteAsync(new CommandDefinition(
                $"SELECT setval(pg_get_serial_sequence(@table, @column), COALESCE((SELECT MAX(\"{identity.Name}\") FROM \"{table}\"), 0) + 1, false)",
                new { table, column = identity.Name }, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    private static Task WriteAsync(NpgsqlBinaryImporter copy, object? value, string type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            return copy.WriteNullAsync(cancellationToken);
        }
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        return type switch
        {
            "bigint" => copy.WriteAsync(Convert.ToInt64(value, invariant), NpgsqlDbType.Bigint, cancellationToken),
            "integer" => copy.WriteAsync(Convert.ToInt32(value, invariant), NpgsqlDbType.Integer, cancellationToken),
            "smallint" => copy.WriteAsync(Convert.ToInt16(value, invariant), NpgsqlDbType.Smallint, cancellationToken),
            "boolean" => copy.WriteAsync(Convert.ToInt64(value, invariant) != 0, NpgsqlDbType.Boolean, cancellationToken),
            "double precision" => copy.WriteAsync(Convert.ToDouble(value, invariant), NpgsqlDbType.Double, cancellationToken),
            "real" => copy.WriteAsync(Convert.ToSingle(value, invariant), NpgsqlDbType.Real, cancellationToken),
            "numeric" => copy.WriteAsync(Convert.ToDecimal(value, invariant), NpgsqlDbType.Numeric, cancellationToken),
            "bytea" => copy.WriteAsync((byte[])value, NpgsqlDbType.Bytea, cancellationToken),
            "jsonb" => copy.WriteAsync(Convert.ToString(value, invariant)!, NpgsqlDbType.Jsonb, cancellationToken),
            _ => copy.WriteAsync(Convert.ToString(value, invariant)!, NpgsqlDbType.Text, cancellationToken),
        };
    }

    private static async Task<List<(string Name, string Type, bool Identity)>> TargetColumnsAsync(NpgsqlConnection to, string table, CancellationToken cancellationToken) =>
        [.. await to.QueryAsync<(string, string, bool)>(new CommandDefinition(
            """
            SELECT column_name, data_type, is_identity = 'YES' FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = @table ORDER BY ordinal_position
            """,
            new { table }, cancellationToken: cancellationToken))];

    [LoggerMessage(Level = LogLevel.Error, Message = "The configured store is not SQLite: there is nothing to move to PostgreSQL")]
    private partial void LogNotSqlite();

    [LoggerMessage(Level = LogLevel.Error, Message = "The target PostgreSQL database already holds users, meters or readings; copy into an empty database")]
    private partial void LogTargetNotEmpty();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Table {Table} has no counterpart in PostgreSQL; skipped")]
    private partial void LogSkipped(string table);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Table}: {Rows} rows so far")]
    private partial void LogProgress(string table, long rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Table}: {Rows} rows copied")]
    private partial void LogTableCopied(string table, long rows);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Table}: the source has {Expected} rows but {Copied} were copied; stopping")]
    private partial void LogCountMismatch(string table, long expected, long copied);

    [LoggerMessage(Level = LogLevel.Information, Message = "Copied {Tables} tables to PostgreSQL; point GridMeter:Storage at it and start the server")]
    private partial void LogDone(int tables);
}
