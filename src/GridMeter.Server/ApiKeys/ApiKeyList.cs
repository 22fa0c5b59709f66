namespace GridMeter.Server.ApiKeys;

/// <summary>A page of API keys.</summary>
public sealed record ApiKeyList(IReadOnlyList<ApiKeyResponse> Items, int Offset, int Limit);
