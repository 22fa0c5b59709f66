using Dapper;
using GridMeter.Domain.Consumption;
using GridMeter.Domain.Readings;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;
using NodaTime;

namespace GridMeter.Server.Consumption;

/// <summary>Reads a register's series around a time span and turns it into bucket values.</summary>
public sealed class ConsumptionQuery(IDatabase database, RegisterCatalog registers)
{
    public async Task<IReadOnlyList<IntervalValue>> BucketsAsync(
        Meter meter, ObisCode register, Instant from, Instant to, BucketSize size, CancellationToken cancellationToken)
    {
        var series = await SeriesAsync(meter, register, from, to, cancellationToken);
        return [.. Buckets.Between(from, to, meter.TimeZone, size).Select(series.Consumption)];
    }

    /// <summary>The readings in [from, to] plus the nearest one on each side, so both ends can be interpolated.</summary>
    public async Task<RegisterSeries> SeriesAsync(Meter meter, ObisCode register, Instant from, Instant to, CancellationToken cancellationToken)
    {
        var key = await registers.FindAsync(register, cancellationToken);
        if (key is null)
        {
            return new RegisterSeries([], meter.ReadingPeriod);
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Ts, long Value)>(new CommandDefinition(
            """
            SELECT ts, value FROM (
                SELECT ts, value FROM readings WHERE meter = @meter AND register = @register AND ts < @from ORDER BY ts DESC LIMIT 1
            ) AS before_span
            UNION ALL
            SELECT ts, value FROM readings WHERE meter = @meter AND register = @register AND ts >= @from AND ts <= @to
            UNION ALL
            SELECT ts, value FROM (
                SELECT ts, value FROM readings WHERE meter = @meter AND register = @register AND ts > @to ORDER BY ts LIMIT 1
            ) AS after_span
            ORDER BY ts
            """,
            new { meter = meter.Key, register = key.Value, from = from.ToUnixTimeSeconds(), to = to.ToUnixTimeSeconds() },
            cancellationToken: cancellationToken));
        return new RegisterSeries([.. rows.Select(r => new RegisterPoint(Instant.FromUnixTimeSeconds(r.Ts), r.Value))], meter.ReadingPeriod);
    }
}
