namespace GridMeter.Server.Outages;

/// <summary>One outage: a premises (one meter) or the network (a feeder); open while restoredAt is null.</summary>
public sealed record OutageResponse(
    long Id, string Scope, string? FeederId, string Cause, DateTimeOffset StartedAt, DateTimeOffset? RestoredAt, int MetersAffected, int MetersRestored,
    IReadOnlyList<string> MeterIds);
