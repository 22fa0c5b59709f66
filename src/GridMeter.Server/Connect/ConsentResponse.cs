namespace GridMeter.Server.Connect;

/// <summary>A consent; RedirectTo (with the one-time code) only in the answer that gave it.</summary>
public sealed record ConsentResponse(
    long Id, string ClientId, IReadOnlyList<string> Scopes, IReadOnlyList<string> MeterIds, DateTimeOffset From, DateTimeOffset To, DateTimeOffset? RevokedAt,
    string? RedirectTo)
{
    public static ConsentResponse Of(ConnectGrant g, string? redirectTo = null) => new(
        g.Key, g.ClientId, g.ScopeList, g.MeterList, DateTimeOffset.FromUnixTimeMilliseconds(g.DataFrom), DateTimeOffset.FromUnixTimeMilliseconds(g.DataTo),
        g.RevokedAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null, redirectTo);
}
