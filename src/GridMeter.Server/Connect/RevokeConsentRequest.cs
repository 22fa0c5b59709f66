namespace GridMeter.Server.Connect;

/// <summary>POST /api/v1/me/consents/revoke: the consent to end.</summary>
public sealed record RevokeConsentRequest(long? Id);
