using System.Globalization;
using NodaTime;

namespace GridMeter.Domain.Readings;

/// <summary>
/// Decides whether a meter's snapshots may be stored. A message is all or nothing: one bad value
/// rejects it whole, so a device never has to guess which part was kept.
/// </summary>
public static class ReadingRules
{
    public static ReadingVerdict Check(IReadOnlyList<RegisterSnapshot> snapshots, Instant now, ReadingLimits limits)
    {
        if (snapshots.Count == 0 || snapshots.Count > limits.MaxSnapshots)
        {
            return ReadingVerdict.Reject($"a message holds 1 to {limits.MaxSnapshots} readings, not {snapshots.Count}");
        }

        var accepted = new List<Reading>(snapshots.Count * 2);
        for (var i = 0; i < snapshots.Count; i++)
        {
            var problem = CheckSnapshot(snapshots[i], now, limits);
            if (problem is not null)
            {
                return ReadingVerdict.Reject(string.Create(CultureInfo.InvariantCulture, $"readings[{i}]: {problem}"));
            }
            accepted.AddRange(WithTotals(snapshots[i]));
        }
        return ReadingVerdict.Accept(accepted);
    }

    private static string? CheckSnapshot(RegisterSnapshot snapshot, Instant now, ReadingLimits limits)
    {
        if (snapshot.Timestamp > now + limits.MaxAhead)
        {
            return $"timestamp {snapshot.Timestamp} is more than {limits.MaxAhead.TotalMinutes:0} minutes in the future (server time {now})";
        }
        if (snapshot.Timestamp < now - limits.MaxAge)
        {
            return $"timestamp {snapshot.Timestamp} is older than {limits.MaxAge.TotalDays:0} days";
        }
        if (snapshot.Values.Count == 0 || snapshot.Values.Count > limits.MaxRegistersPerSnapshot)
        {
            return $"a reading holds 1 to {limits.MaxRegistersPerSnapshot} registers, not {snapshot.Values.Count}";
        }
        foreach (var (code, value) in snapshot.Values)
        {
            if (!code.IsRegister)
            {
                return $"'{code}' is not a cumulative register (C.8.E); instantaneous values belong on the live topic";
            }
            if (value is < 0 or > ReadingLimits.MaxRegisterValue)
            {
                return $"'{code}' = {value} is outside 0 to {ReadingLimits.MaxRegisterValue}";
            }
        }
        return null;
    }

    /// <summary>
    /// CONTRACT section 2: a meter reporting only per-tariff registers (1.8.1, 1.8.2 …) has the sum
    /// as its total (1.8.0); the same for every other register family.
    /// </summary>
    private static IEnumerable<Reading> WithTotals(RegisterSnapshot snapshot)
    {
        Dictionary<ObisCode, decimal>? totals = null;
        foreach (var (code, value) in snapshot.Values)
        {
            yield return new Reading(snapshot.Timestamp, code, value);
            if (code.E != 0 && !snapshot.Values.ContainsKey(code.Total))
            {
                totals ??= [];
                totals[code.Total] = totals.GetValueOrDefault(code.Total) + value;
            }
        }
        foreach (var (code, value) in totals ?? [])
        {
            yield return new Reading(snapshot.Timestamp, code, value);
        }
    }
}
