using System.Security.Cryptography;
using GridMeter.Domain.Accounts;
using GridMeter.Server.Accounts;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMeter.Server.Webhooks;

public static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks");
        webhooks.MapPost("/", CreateAsync).RequireAccess(Access.Change(null, Roles.Admin, Roles.Supplier))
            .WithSummary("(admin, supplier) Subscribe a URL to event types (readings.committed, alert.raised, command.status_changed, outage.opened, " +
                "outage.closed); each event is POSTed with an HMAC-SHA256 signature and retried with backoff until answered 2xx");
        webhooks.MapGet("/", ListAsync).RequireAccess(Access.Scoped)
            .WithSummary("The subscriptions of the caller's organisation (all for admins; none for other roles)");
        webhooks.MapDelete("/{id}", DeleteAsync).RequireAccess(Access.Change(Resources.Webhook, Roles.Admin, Roles.Supplier))
            .WithSummary("(its organisation's supplier staff, admin) Ends a subscription: pending deliveries are dropped, the delivery log stays");
        webhooks.MapGet("/{id}/deliveries", DeliveriesAsync).RequireAccess(Access.Read(Resources.Webhook, Roles.Admin, Roles.Supplier))
            .WithSummary("A subscription's delivery log, the latest 1000 newest first: status (pending, delivered, failed, ended), attempts, last answer and next attempt");
        return app;
    }

    private static async Task<Results<Created<WebhookResponse>, ValidationProblem>> CreateAsync(
        CreateWebhookRequest request, HttpContext http, WebhookStore store, WebhookEvents events, Organisations organisations, AuditLog audit,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var errors = new Dictionary<string, string[]>();
        if (request.Url is null || request.Url.Length > 2000 || !Uri.TryCreate(request.Url, UriKind.Absolute, out var url)
            || url.Scheme is not ("http" or "https") || url.UserInfo.Length > 0 || request.Url.Any(char.IsControl))
        {
            errors["url"] = ["an absolute http or https URL without credentials, at most 2000 characters"];
        }
        if (request.EventTypes is not { Length: > 0 } types || types.Any(t => !WebhookEventTypes.All.Contains(t)) || types.Distinct().Count() != types.Length)
        {
            errors["eventTypes"] = [$"one or more of {string.Join(", ", WebhookEventTypes.All)}, each once"];
        }
        var organisationId = caller.IsAdmin ? request.OrganisationId : caller.OrganisationId;
        if (caller.IsAdmin && organisationId is not null
            && (!AccountText.IsIdentifier(organisationId) || await organisations.FindAsync(organisationId, cancellationToken) is null))
        {
            errors["organisationId"] = ["an organisation that exists, or none for every event"];
        }
        else if (!caller.IsAdmin && request.OrganisationId is not null && request.OrganisationId != caller.OrganisationId)
        {
            errors["organisationId"] = ["suppliers subscribe for their own organisation only"];
        }
        if (request.Secret is not null && (request.Secret.Length is < 16 or > 200 || !request.Secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' or '+' or '/' or '=')))
        {
            errors["secret"] = ["16 to 200 characters from A-Z a-z 0-9 - _ . ~ + / =, or none to have one made"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var secret = request.Secret ?? "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var subscription = await store.CreateAsync(new WebhookSubscription(
            0, "wh_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), organisationId, request.Url!, string.Join(',', request.EventTypes!),
            secret, caller.Actor, clock.GetUtcNow().ToUnixTimeMilliseconds()), cancellationToken);
        events.Changed();
        await audit.RecordAsync(AuditEntry.By(caller, http, "webhook.created", $"webhook:{subscription.Id}"), cancellationToken);
        return TypedResults.Created($"/api/v1/webhooks/{subscription.Id}", WebhookResponse.From(subscription, secret));
    }

    private static async Task<Ok<WebhookList>> ListAsync(HttpContext http, WebhookStore store, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        if (!caller.IsAdmin && (caller.Role != Roles.Supplier || caller.OrganisationId is null))
        {
            return TypedResults.Ok(new WebhookList([]));
        }
        var items = await store.ListAsync(caller.IsAdmin ? null : caller.OrganisationId, cancellationToken);
        return TypedResults.Ok(new WebhookList([.. items.Select(s => WebhookResponse.From(s))]));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(
        string id, HttpContext http, WebhookStore store, WebhookEvents events, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var subscription = await store.FindAsync(id, cancellationToken);
        if (subscription is null)
        {
            return TypedResults.NotFound();
        }
        if (subscription.EndedAt is null)
        {
            await store.EndAsync(subscription.Key, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
            events.Changed();
            await audit.RecordAsync(AuditEntry.By(Caller.From(http.User)!, http, "webhook.ended", $"webhook:{id}"), cancellationToken);
        }
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<WebhookDeliveryList>, NotFound>> DeliveriesAsync(
        string id, WebhookStore store, CancellationToken cancellationToken)
    {
        var subscription = await store.FindAsync(id, cancellationToken);
        if (subscription is null)
        {
            return TypedResults.NotFound();
        }
        var items = await store.DeliveriesAsync(subscription.Key, long.MaxValue, Hosting.Paging.MaxLimit, cancellationToken);
        return TypedResults.Ok(new WebhookDeliveryList([.. items.Select(WebhookDeliveryResponse.From)]));
    }
}
