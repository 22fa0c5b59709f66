namespace GridMeter.Gateway.Local;

// What the local web page reads, as JSON.

public sealed record LiveView(IReadOnlyList<MeterLiveView> Meters, bool UplinkConnected, long Outbox);

public sealed record MeterLiveView(string Id, DateTimeOffset At, IReadOnlyDictionary<string, decimal> Values, DateTimeOffset? MeterClock);

public sealed record ProfileView(string Date, string TimeZone, IReadOnlyList<ProfilePoint> Points);

public sealed record ProfilePoint(DateTimeOffset Start, DateTimeOffset End, decimal ImportKwh, decimal ExportKwh);

/// <summary>Advice for the current hour; scheduled, consumed and advice are absent when not known.</summary>
public sealed record AdviceView(DateTimeOffset HourStart, decimal? ScheduledKwh, decimal? ConsumedKwh, decimal RemainingMinutes, decimal? AdviceKw);

public sealed record ArchiveListing(IReadOnlyList<string> Files);
