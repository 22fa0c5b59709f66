namespace GridMeter.Server.WebPortal;

/// <summary>One row of the portal's meter list: the meter and what it last said about itself.</summary>
public sealed record MeterHealth(string Id, string? Name, string TimeZone, bool? Online, string? Relay, DateTimeOffset? LastSeen)
{
    /// <summary>"online", "offline" or "unknown" (the meter has never reported a status).</summary>
    public string Health => Online switch
    {
        true => "online",
        false => "offline",
        null => "unknown",
    };
}
