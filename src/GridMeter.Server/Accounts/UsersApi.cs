using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Hosting;
using GridMeter.Server.Meters;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Accounts;

public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users").WithTags("Users");
        users.MapPost("/", CreateAsync)
            .RequireAccess(Access.Change(null, Roles.Admin, Roles.Supplier))
            .WithSummary("Create a user (admin); a supplier may create consumers of its own meters and premises");
        users.MapGet("/", ListAsync)
            .RequireAccess(Access.Scoped)
            .WithSummary("The users the caller may see, optionally of one role");
        users.MapGet("/{id}", GetAsync)
            .RequireAccess(Access.Read(Resources.User))
            .WithSummary("One user, by username");
        return app;
    }

    private static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateUserRequest request, HttpContext http, UserAccounts users, Organisations organisations, MeterDirectory meters,
        PremisesDirectory premises, IOptions<AccountsOptions> options, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        if (caller.Role == Roles.Supplier && request.Role is not null && request.Role != Roles.Consumer)
        {
            return TypedResults.Problem("A supplier creates consumer accounts only.", statusCode: StatusCodes.Status403Forbidden);
        }
        var errors = AccountValidation.Check(request, options.Value.MinPasswordLength);
        if (!errors.ContainsKey("organisationId") && request.OrganisationId is { } organisationId
            && (await organisations.FindAsync(organisationId, cancellationToken))?.Kind != KindOfStaff(request.Role))
        {
            errors["organisationId"] = [$"no {KindOfStaff(request.Role)} organisation '{organisationId}'"];
        }
        var meterKeys = await KeysAsync(request.MeterIds, "meterIds", errors, async id => (await meters.FindVisibleAsync(id, caller, cancellationToken))?.Key);
        var premisesKeys = await KeysAsync(
            request.PremisesIds, "premisesIds", errors, async id => (await premises.FindVisibleAsync(id, caller, cancellationToken))?.Key);
        if (caller.Role == Roles.Supplier && !errors.ContainsKey("meterIds") && meterKeys.Count + premisesKeys.Count == 0)
        {
            errors["meterIds"] = ["a supplier links the consumer to at least one of its meters or premises"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var user = new NewUser(
            request.Username!, request.Password!, request.Role!, request.OrganisationId, request.Email, request.Mobile, meterKeys, premisesKeys);
        var details = AuditDetails.Of(("role", user.Role), ("organisationId", user.OrganisationId), ("meterIds", request.MeterIds ?? []), ("premisesIds", request.PremisesIds ?? []));
        var created = await users.CreateAsync(user, AuditEntry.By(caller, http, "user.created", $"user:{user.Username}", details), cancellationToken);
        if (created is null)
        {
            return TypedResults.Problem($"user '{user.Username}' exists already", statusCode: StatusCodes.Status409Conflict, title: "User exists");
        }
        var response = new UserResponse(
            created.Username, created.Role, created.OrganisationId, created.Email, created.Mobile, [.. request.MeterIds ?? []], [.. request.PremisesIds ?? []]);
        return TypedResults.Created($"/api/v1/users/{created.Username}", response);
    }

    private static async Task<Results<Ok<UserList>, ValidationProblem>> ListAsync(
        HttpContext http, UserAccounts users, UserLinks links, CancellationToken cancellationToken, string? role = null, int offset = 0, int limit = 100)
    {
        if (role is not null && !Roles.All.Contains(role))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = [$"one of {string.Join(", ", Roles.All)}"] });
        }
        var caller = Caller.From(http.User)!;
        (offset, limit) = Paging.Clamp(offset, limit);
        var page = await users.ListVisibleAsync(caller, role, offset, limit, cancellationToken);
        var linked = await links.VisibleLinksAsync([.. page.Select(u => u.Key)], caller, cancellationToken);
        return TypedResults.Ok(new UserList([.. page.Select(u => UserResponse.From(u, linked))], offset, limit));
    }

    private static async Task<Results<Ok<UserResponse>, NotFound>> GetAsync(
        string id, HttpContext http, UserAccounts users, UserLinks links, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var user = await users.FindVisibleAsync(id, caller, cancellationToken);
        if (user is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(UserResponse.From(user, await links.VisibleLinksAsync([user.Key], caller, cancellationToken)));
    }

    private static string? KindOfStaff(string? role) => role switch
    {
        Roles.Supplier => Organisation.SupplierKind,
        Roles.Operator => Organisation.NetworkOperatorKind,
        _ => null,
    };

    /// <summary>The keys of the ids the caller may see; an id it may not see is reported like an unknown one.</summary>
    internal static async Task<IReadOnlyList<long>> KeysAsync(
        IReadOnlyList<string>? ids, string field, Dictionary<string, string[]> errors, Func<string, Task<long?>> find)
    {
        var keys = new List<long>();
        if (ids is null || errors.ContainsKey(field))
        {
            return keys;
        }
        var missing = new List<string>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            if (await find(id) is { } key)
            {
                keys.Add(key);
            }
            else
            {
                missing.Add(id);
            }
        }
        if (missing.Count > 0)
        {
            errors[field] = [$"unknown: {string.Join(", ", missing)}"];
        }
        return keys;
    }
}
