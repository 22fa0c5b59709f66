namespace GridMeter.Server.Connect;

/// <summary>What a consumer let a third-party application read: scopes, meters and a period of data (Unix ms).</summary>
public sealed record ConnectGrant(long Key, long ClientKey, string ClientId, long UserKey, string Scopes, string MeterIds, long DataFrom, long DataTo, long? RevokedAt, long CreatedAt)
{
    public IReadOnlyList<string> ScopeList => Scopes.Split(' ');

    public IReadOnlyList<string> MeterList => MeterIds.Split(',');
}
