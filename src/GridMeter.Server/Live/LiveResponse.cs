namespace GridMeter.Server.Live;

/// <summary>GET /api/v1/meters/{id}/live: the newest instantaneous values; ts is null before the first.</summary>
public sealed record LiveResponse(DateTimeOffset? Ts, IReadOnlyDictionary<string, decimal> Values)
{
    public static LiveResponse From(LiveSnapshot? snapshot) => snapshot is null
        ? new LiveResponse(null, new Dictionary<string, decimal>())
        : new LiveResponse(snapshot.Timestamp.ToDateTimeOffset(), snapshot.Values.ToDictionary(v => v.Key.ToString(), v => v.Value));
}
