using GridMeter.Domain.Accounts;
using GridMeter.Domain.Text;
using GridMeter.Server.Accounts;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMeter.Server.ApiKeys;

public static class ApiKeysApi
{
    public static IEndpointRouteBuilder MapApiKeys(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/v1/apikeys").WithTags("API keys");
        keys.MapPost("/", CreateAsync)
            .RequireAccess(Access.Admin)
            .WithSummary("Issue an API key for an integrator, acting for one organisation; the answer holds the key, shown only this once");
        keys.MapGet("/", ListAsync)
            .RequireAccess(Access.Admin)
            .WithSummary("The API keys, optionally of one organisation (never the keys themselves)");
        keys.MapDelete("/{id}", RevokeAsync)
            .RequireAccess(Access.Change(Resources.ApiKey, Roles.Admin))
            .WithSummary("Revoke an API key for good");
        return app;
    }

    private static async Task<Results<Created<ApiKeyResponse>, ValidationProblem>> CreateAsync(
        CreateApiKeyRequest request, HttpContext http, ApiKeyStore keys, Organisations organisations, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Name is null || !PlainText.IsValid(request.Name, 100))
        {
            errors["name"] = ["required; 1 to 100 characters of plain text"];
        }
        if (request.OrganisationId is null || !AccountText.IsIdentifier(request.OrganisationId)
            || await organisations.FindAsync(request.OrganisationId, cancellationToken) is null)
        {
            errors["organisationId"] = ["required; an existing organisation"];
        }
        if (request.ExpiresAt is { } expires && expires <= clock.GetUtcNow())
        {
            errors["expiresAt"] = ["must be in the future"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var caller = Caller.From(http.User)!;
        var (key, secret) = await keys.CreateAsync(
            request.Name!, request.OrganisationId!, request.ReadOnly ?? false, request.ExpiresAt,
            AuditEntry.By(caller, http, "apikey.created", "key:", AuditDetails.Of(("organisationId", request.OrganisationId), ("readOnly", request.ReadOnly ?? false))),
            cancellationToken);
        return TypedResults.Created($"/api/v1/apikeys/{key.Id}", ApiKeyResponse.From(key, secret));
    }

    private static async Task<Results<Ok<ApiKeyList>, ValidationProblem>> ListAsync(
        ApiKeyStore keys, CancellationToken cancellationToken, string? organisationId = null, int offset = 0, int limit = 100)
    {
        if (organisationId is not null && !AccountText.IsIdentifier(organisationId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["organisationId"] = ["an organisation id"] });
        }
        (offset, limit) = Paging.Clamp(offset, limit);
        var list = await keys.ListAsync(organisationId, offset, limit, cancellationToken);
        return TypedResults.Ok(new ApiKeyList([.. list.Select(k => ApiKeyResponse.From(k))], offset, limit));
    }

    private static async Task<Results<NoContent, NotFound>> RevokeAsync(string id, HttpContext http, ApiKeyStore keys, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        return AccountText.IsIdentifier(id) && await keys.RevokeAsync(id, AuditEntry.By(caller, http, "apikey.revoked", $"key:{id}"), cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.NotFound();
    }
}
