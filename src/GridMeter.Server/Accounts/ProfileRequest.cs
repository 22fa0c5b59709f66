namespace GridMeter.Server.Accounts;

/// <summary>PUT /api/v1/me/profile: where alerts go. Both are replaced; null removes one.</summary>
public sealed record ProfileRequest(string? Email, string? Mobile);
