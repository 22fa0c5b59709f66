namespace GridMeter.Server.Webhooks;

/// <summary>
/// An integrator's subscription: where to POST which event types. OrganisationId limits it to
/// events of that organisation's meters; null (admins only) receives every event. An ended
/// subscription receives nothing more but keeps its delivery log.
/// </summary>
public sealed record WebhookSubscription(long Key, string Id, string? OrganisationId, string Url, string EventTypes, string Secret, string CreatedBy, long CreatedAt, long? EndedAt = null)
{
    public IReadOnlyList<string> Types => EventTypes.Split(',');
}
