using GridMeter.Domain.Readings;
using NodaTime;

namespace GridMeter.Domain.Tests.Readings;

public sealed class ReadingRulesTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 12, 0);

    private static RegisterSnapshot Snapshot(Instant ts, params (string Obis, decimal Value)[] values) =>
        new(ts, values.ToDictionary(v => ObisCode.Parse(v.Obis), v => v.Value));

    [Fact]
    public void Accepts_a_reading_within_the_window()
    {
        var verdict = ReadingRules.Check([Snapshot(Now - Duration.FromMinutes(15), ("1-0:1.8.0", 12.5m))], Now, ReadingLimits.Default);

        Assert.True(verdict.IsAccepted);
        Assert.Equal(12.5m, Assert.Single(verdict.Accepted).Value);
    }

    [Fact]
    public void A_reading_more_than_five_minutes_ahead_is_refused_but_four_minutes_is_clock_jitter()
    {
        Assert.False(ReadingRules.Check([Snapshot(Now + Duration.FromMinutes(6), ("1.8.0", 1))], Now, ReadingLimits.Default).IsAccepted);
        Assert.True(ReadingRules.Check([Snapshot(Now + Duration.FromMinutes(4), ("1.8.0", 1))], Now, ReadingLimits.Default).IsAccepted);
    }

    [Fact]
    public void A_reading_older_than_the_maximum_age_is_refused_as_a_replay()
    {
        var verdict = ReadingRules.Check([Snapshot(Now - Duration.FromDays(91), ("1.8.0", 1))], Now, ReadingLimits.Default);

        Assert.Contains("older than 90 days", verdict.Rejection);
    }

    [Fact]
    public void One_bad_snapshot_rejects_the_whole_message()
    {
        var verdict = ReadingRules.Check(
            [Snapshot(Now - Duration.FromHours(1), ("1.8.0", 1)), Snapshot(Now, ("1.8.0", -1))], Now, ReadingLimits.Default);

        Assert.Empty(verdict.Accepted);
        Assert.StartsWith("readings[1]:", verdict.Rejection);
    }

    [Fact]
    public void Per_tariff_registers_without_a_total_get_their_sum_as_total()
    {
        var verdict = ReadingRules.Check([Snapshot(Now, ("1.8.1", 10.001m), ("1.8.2", 5.5m), ("2.8.1", 1m))], Now, ReadingLimits.Default);

        var values = verdict.Accepted.ToDictionary(r => r.Register.ToString(), r => r.Value);
        Assert.Equal(15.501m, values["1-0:1.8.0"]);
        Assert.Equal(1m, values["1-0:2.8.0"]);
    }

    [Fact]
    public void A_total_the_meter_reports_is_kept_as_reported()
    {
        var verdict = ReadingRules.Check([Snapshot(Now, ("1.8.1", 10m), ("1.8.2", 5m), ("1.8.0", 15.002m))], Now, ReadingLimits.Default);

        Assert.Equal(15.002m, verdict.Accepted.Single(r => r.Register == ObisCode.ActiveImport).Value);
    }
}
