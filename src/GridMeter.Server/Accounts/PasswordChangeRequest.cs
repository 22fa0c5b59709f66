namespace GridMeter.Server.Accounts;

/// <summary>POST /api/v1/me/password.</summary>
public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);
