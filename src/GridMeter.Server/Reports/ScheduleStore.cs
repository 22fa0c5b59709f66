using System.Security.Cryptography;
using Dapper;
using GridMeter.Domain.Reports;
using GridMeter.Server.Storage;
using NodaTime;

namespace GridMeter.Server.Reports;

/// <summary>The report schedules people chose, each with the instant of its next run.</summary>
public sealed class ScheduleStore(IDatabase database)
{
    public static bool IsId(string? id) => id is { Length: 27 } && id.StartsWith("rs_", StringComparison.Ordinal) && id[3..].All(char.IsAsciiHexDigitLower);

    public async Task<string> CreateAsync(long userKey, long meterKey, string kind, ReportSchedule schedule, Instant nextRun, long now, CancellationToken cancellationToken)
    {
        var id = "rs_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO report_schedules (id, user_key, meter_key, kind, period, weekday, local_time, time_zone, next_run_at, created_at)
            VALUES (@id, @userKey, @meterKey, @kind, @Period, @weekday, @minutes, @zone, @next, @now)
            """,
            new
            {
                id, userKey, meterKey, kind, schedule.Period, weekday = (long?)schedule.Weekday, minutes = (long)(schedule.At.Hour * 60) + schedule.At.Minute,
                zone = schedule.Zone.Id, next = nextRun.ToUnixTimeMilliseconds(), now,
            },
            cancellationToken: cancellationToken));
        return id;
    }

    public async Task<IReadOnlyList<ScheduledReport>> ListAsync(long userKey, CancellationToken cancellationToken) =>
        await QueryAsync("s.user_key = @userKey ORDER BY s.key", new { userKey }, cancellationToken);

    public async Task<IReadOnlyList<ScheduledReport>> DueAsync(Instant now, CancellationToken cancellationToken) =>
        await QueryAsync("s.next_run_at <= @now ORDER BY s.next_run_at LIMIT 100", new { now = now.ToUnixTimeMilliseconds() }, cancellationToken);

    /// <summary>Deletes the schedule if <paramref name="userKey"/> owns it (null: any owner, for admins).</summary>
    public async Task<bool> DeleteAsync(string id, long? userKey, CancellationToken cancellationToken)
    {
        if (!IsId(id))
        {
            return false;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM report_schedules WHERE id = @id AND (@userKey IS NULL OR user_key = @userKey)", new { id, userKey }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<bool> IsOwnAsync(string id, long userKey, CancellationToken cancellationToken)
    {
        if (!IsId(id))
        {
            return false;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM report_schedules WHERE id = @id AND user_key = @userKey", new { id, userKey }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task AdvanceAsync(long key, Instant nextRun, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE report_schedules SET next_run_at = @next WHERE key = @key", new { key, next = nextRun.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
    }

    private async Task<IReadOnlyList<ScheduledReport>> QueryAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Key, string Id, long UserKey, long MeterKey, string MeterId, string Kind, string Period, long? Weekday, long Minutes, string Zone, long Next)>(
            new CommandDefinition(
                $"""
                SELECT s.key, s.id, s.user_key, s.meter_key, m.id, s.kind, s.period, s.weekday, s.local_time, s.time_zone, s.next_run_at
                FROM report_schedules s JOIN meters m ON m.key = s.meter_key WHERE {where}
                """,
                parameters, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new ScheduledReport(
            r.Key, r.Id, r.UserKey, r.MeterKey, r.MeterId, r.Kind,
            new ReportSchedule(r.Period, r.Weekday is { } w ? (IsoDayOfWeek)w : null, LocalTime.FromMinutesSinceMidnight((int)r.Minutes),
                DateTimeZoneProviders.Tzdb.GetZoneOrNull(r.Zone) ?? DateTimeZone.Utc),
            Instant.FromUnixTimeMilliseconds(r.Next)))];
    }
}
