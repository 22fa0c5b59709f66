namespace GridMeter.Server.Auth;

/// <summary>The fields of the portal's login form (POST /account/login), besides its antiforgery token.</summary>
public sealed record LoginForm(string? Username, string? Password, string? ReturnUrl);
