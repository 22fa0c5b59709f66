namespace GridMeter.Server.Webhooks;

/// <summary>POST /api/v1/webhooks: where to POST which event types; organisationId for admins (suppliers subscribe for their own); secret optional.</summary>
public sealed record CreateWebhookRequest(string? Url, string[]? EventTypes, string? OrganisationId, string? Secret);
