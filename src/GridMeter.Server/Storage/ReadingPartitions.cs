using System.Data.Common;
using System.Globalization;
using Dapper;

namespace GridMeter.Server.Storage;

/// <summary>
/// The monthly partitions of readings on PostgreSQL (migration 0013): named readings_YYYYMM, each
/// holding the UTC month [first second, first second of the next). Creating a month moves any of
/// its readings out of the default partition first, so it works even after readings arrived for
/// it; dropping a month deletes its readings with it (retention).
/// </summary>
public sealed partial class ReadingPartitions(IDatabase database, ILogger<ReadingPartitions> logger)
{
    private const string Prefix = "readings_";

    /// <summary>The months that have a partition, oldest first.</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> MonthsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await MonthsAsync(connection, cancellationToken);
    }

    /// <summary>Creates the partitions of <paramref name="now"/>'s month and the <paramref name="monthsAhead"/> after it that are missing; returns how many.</summary>
    public async Task<int> CreateAheadAsync(DateTimeOffset now, int monthsAhead, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var existing = (await MonthsAsync(connection, cancellationToken)).ToHashSet();
        var created = 0;
        for (var i = 0; i <= monthsAhead; i++)
        {
            var month = MonthOf(now).AddMonths(i);
            if (existing.Contains(month))
            {
                continue;
            }
            var (name, from, to) = (Name(month), month.ToUnixTimeSeconds(), month.AddMonths(1).ToUnixTimeSeconds());
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                string.Create(CultureInfo.InvariantCulture, $"""
                    CREATE TABLE {name} (LIKE readings INCLUDING DEFAULTS);
                    WITH moved AS (DELETE FROM readings_default WHERE ts >= {from} AND ts < {to} RETURNING meter, register, ts, value)
                    INSERT INTO {name} (meter, register, ts, value) SELECT meter, register, ts, value FROM moved;
                    ALTER TABLE readings ATTACH PARTITION {name} FOR VALUES FROM ({from}) TO ({to});
                    """),
                transaction: transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            LogCreated(name);
            created++;
        }
        return created;
    }

    /// <summary>
    /// Drops the partitions of months that ended before the <paramref name="keepMonths"/> months up
    /// to and including <paramref name="now"/>'s; returns how many.
    /// </summary>
    public async Task<int> DropOlderAsync(DateTimeOffset now, int keepMonths, CancellationToken cancellationToken)
    {
        var oldestKept = MonthOf(now).AddMonths(1 - keepMonths);
        await using var connection = await database.OpenAsync(cancellationToken);
        var dropped = 0;
        foreach (var month in (await MonthsAsync(connection, cancellationToken)).Where(m => m < oldestKept))
        {
            await connection.ExecuteAsync(new CommandDefinition($"DROP TABLE {Name(month)}", cancellationToken: cancellationToken));
            LogDropped(Name(month));
            dropped++;
        }
        return dropped;
    }

    public static DateTimeOffset MonthOf(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }

    private static string Name(DateTimeOffset month) => Prefix + month.ToString("yyyyMM", CultureInfo.InvariantCulture);

    private static async Task<List<DateTimeOffset>> MonthsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var names = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'readings'::regclass",
            cancellationToken: cancellationToken));
        var months = new List<DateTimeOffset>();
        foreach (var name in names)
        {
            if (name.Length == Prefix.Length + 6 && DateTimeOffset.TryParseExact(
                name[Prefix.Length..], "yyyyMM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var month))
            {
                months.Add(MonthOf(month));
            }
        }
        months.Sort();
        return months;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the readings partition {Name}")]
    private partial void LogCreated(string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped the readings partition {Name}: its month is past the retention")]
    private partial void LogDropped(string name);
}
