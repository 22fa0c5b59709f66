namespace GridMeter.Server.Webhooks;

/// <summary>A subscription; the signing secret only in the answer that created it.</summary>
public sealed record WebhookResponse(string Id, string Url, IReadOnlyList<string> EventTypes, string? OrganisationId, DateTimeOffset CreatedAt, string? Secret)
{
    public static WebhookResponse From(WebhookSubscription s, string? secret = null) =>
        new(s.Id, s.Url, s.Types, s.OrganisationId, DateTimeOffset.FromUnixTimeMilliseconds(s.CreatedAt), secret);
}
