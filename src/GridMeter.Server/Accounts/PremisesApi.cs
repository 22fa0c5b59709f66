using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Hosting;
using GridMeter.Server.Meters;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMeter.Server.Accounts;

public static class PremisesApi
{
    public static IEndpointRouteBuilder MapPremises(this IEndpointRouteBuilder app)
    {
        var premises = app.MapGroup("/api/v1/premises").WithTags("Premises");
        premises.MapPost("/", CreateAsync)
            .RequireAccess(Access.Change(null, Roles.Admin, Roles.Supplier))
            .WithSummary("Create premises with the meters installed there (a supplier: its own meters)");
        premises.MapGet("/", ListAsync)
            .RequireAccess(Access.Scoped)
            .WithSummary("The premises the caller may see");
        premises.MapGet("/{id}", GetAsync)
            .RequireAccess(Access.Read(Resources.Premises))
            .WithSummary("One premises, with the meters there the caller may see");
        return app;
    }

    private static async Task<Results<Created<PremisesResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreatePremisesRequest request, HttpContext http, PremisesDirectory directory, MeterDirectory meters, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var errors = AccountValidation.Check(request);
        var meterKeys = await UsersApi.KeysAsync(
            request.MeterIds, "meterIds", errors, async id => (await meters.FindVisibleAsync(id, caller, cancellationToken))?.Key);
        if (caller.Role == Roles.Supplier && !errors.ContainsKey("meterIds") && meterKeys.Count == 0)
        {
            errors["meterIds"] = ["a supplier creates premises with at least one of its meters"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var entry = AuditEntry.By(caller, http, "premises.created", $"premises:{request.Id}", AuditDetails.Of(("meterIds", request.MeterIds ?? [])));
        var created = await directory.CreateAsync(new Premises(0, request.Id!, request.Name, request.Address), meterKeys, entry, cancellationToken);
        if (created is null)
        {
            return TypedResults.Problem($"premises '{request.Id}' exist already", statusCode: StatusCodes.Status409Conflict, title: "Premises exist");
        }
        return TypedResults.Created(
            $"/api/v1/premises/{created.Id}", new PremisesResponse(created.Id, created.Name, created.Address, [.. request.MeterIds ?? []]));
    }

    private static async Task<Ok<PremisesList>> ListAsync(
        HttpContext http, PremisesDirectory directory, CancellationToken cancellationToken, int offset = 0, int limit = 100)
    {
        var caller = Caller.From(http.User)!;
        (offset, limit) = Paging.Clamp(offset, limit);
        var page = await directory.ListVisibleAsync(caller, offset, limit, cancellationToken);
        var meters = await directory.VisibleMetersAsync([.. page.Select(p => p.Key)], caller, cancellationToken);
        return TypedResults.Ok(new PremisesList([.. page.Select(p => new PremisesResponse(p.Id, p.Name, p.Address, [.. meters[p.Key]]))], offset, limit));
    }

    private static async Task<Results<Ok<PremisesResponse>, NotFound>> GetAsync(
        string id, HttpContext http, PremisesDirectory directory, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var premises = await directory.FindVisibleAsync(id, caller, cancellationToken);
        if (premises is null)
        {
            return TypedResults.NotFound();
        }
        var meters = await directory.VisibleMetersAsync([premises.Key], caller, cancellationToken);
        return TypedResults.Ok(new PremisesResponse(premises.Id, premises.Name, premises.Address, [.. meters[premises.Key]]));
    }
}
