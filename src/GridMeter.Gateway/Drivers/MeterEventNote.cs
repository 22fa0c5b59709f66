namespace GridMeter.Gateway.Drivers;

/// <summary>An event for the head-end (CONTRACT section 2 event types), with details as text pairs.</summary>
public sealed record MeterEventNote(DateTimeOffset At, string Type, IReadOnlyDictionary<string, string> Details);
