using System.Text.Json;

namespace GridMeter.Server.Events;

public sealed record MeterEventResponse(DateTimeOffset Ts, string Type, JsonElement? Details)
{
    public static MeterEventResponse From(MeterEvent e) => new(
        e.Timestamp.ToDateTimeOffset(), e.Type, e.DetailsJson is null ? null : JsonDocument.Parse(e.DetailsJson).RootElement.Clone());
}
