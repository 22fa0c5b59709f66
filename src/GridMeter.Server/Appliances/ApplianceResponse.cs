namespace GridMeter.Server.Appliances;

/// <summary>An appliance as the API shows it, with the on/off state it last reported.</summary>
public sealed record ApplianceResponse(string Id, string MeterId, string Name, string Type, long? RatedPowerW, string? State, DateTimeOffset? StateAt)
{
    public static ApplianceResponse From(Appliance a, string meterId) =>
        new(a.Id, meterId, a.Name, a.Type, a.RatedPowerW, a.State, a.StateAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null);
}
