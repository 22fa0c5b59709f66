using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMeter.Server.Accounts;

public static class OrganisationsApi
{
    public static IEndpointRouteBuilder MapOrganisations(this IEndpointRouteBuilder app)
    {
        var organisations = app.MapGroup("/api/v1/organisations").WithTags("Organisations");
        organisations.MapPost("/", CreateAsync)
            .RequireAccess(Access.Admin)
            .WithSummary("Create a supplier or a network operator");
        organisations.MapGet("/", ListAsync)
            .RequireAccess(Access.Scoped)
            .WithSummary("The caller's organisation and those supplying or running the network of the meters it may see");
        organisations.MapGet("/{id}", GetAsync)
            .RequireAccess(Access.Read(Resources.Organisation))
            .WithSummary("One organisation");
        return app;
    }

    private static async Task<Results<Created<Organisation>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateOrganisationRequest request, HttpContext http, Organisations organisations, CancellationToken cancellationToken)
    {
        var errors = AccountValidation.Check(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var organisation = new Organisation(request.Id!, request.Name!, request.Kind!);
        var entry = AuditEntry.By(
            Caller.From(http.User)!, http, "organisation.created", $"organisation:{organisation.Id}", AuditDetails.Of(("kind", organisation.Kind)));
        if (!await organisations.CreateAsync(organisation, entry, cancellationToken))
        {
            return TypedResults.Problem(
                $"organisation '{organisation.Id}' exists already", statusCode: StatusCodes.Status409Conflict, title: "Organisation exists");
        }
        return TypedResults.Created($"/api/v1/organisations/{organisation.Id}", organisation);
    }

    private static async Task<Ok<OrganisationList>> ListAsync(
        HttpContext http, Organisations organisations, CancellationToken cancellationToken, int offset = 0, int limit = 100)
    {
        (offset, limit) = Paging.Clamp(offset, limit);
        var page = await organisations.ListVisibleAsync(Caller.From(http.User)!, offset, limit, cancellationToken);
        return TypedResults.Ok(new OrganisationList(page, offset, limit));
    }

    private static async Task<Results<Ok<Organisation>, NotFound>> GetAsync(
        string id, HttpContext http, Organisations organisations, CancellationToken cancellationToken)
    {
        var organisation = await organisations.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken);
        return organisation is null ? TypedResults.NotFound() : TypedResults.Ok(organisation);
    }
}
