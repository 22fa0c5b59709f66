using System.Buffers;
using GridMeter.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMeter.Server.Audit;

public static class AuditApi
{
    public const int MaxLimit = 500;

    // Actors, actions and targets are structured names ("user:alice", "meter.created", "meter:MTR-1").
    private static readonly SearchValues<char> NameCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:@-");

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", ReadAsync)
            .WithTags("Audit")
            .RequireAccess(Access.Admin)
            .WithSummary("The audit log, newest first: filter by actor, action, target and time [from, to); page with before and limit");
        return app;
    }

    private static async Task<Results<Ok<AuditPage>, ValidationProblem>> ReadAsync(
        AuditLog log, CancellationToken cancellationToken,
        string? actor = null, string? action = null, string? target = null, DateTimeOffset? from = null, DateTimeOffset? to = null,
        long? before = null, int limit = 100)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, value) in new[] { ("actor", actor), ("action", action), ("target", target) })
        {
            if (value is not null && (value.Length is 0 or > 200 || value.AsSpan().ContainsAnyExcept(NameCharacters)))
            {
                errors[name] = ["a name such as user:alice, meter.created or meter:MTR-1"];
            }
        }
        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"between 1 and {MaxLimit}"];
        }
        if (before is < 1)
        {
            errors["before"] = ["the next value of a previous page"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var records = await log.ReadAsync(
            new AuditQuery(actor, action, target, from?.ToUnixTimeMilliseconds(), to?.ToUnixTimeMilliseconds(), before, limit), cancellationToken);
        return TypedResults.Ok(new AuditPage([.. records.Select(AuditItem.Of)], records.Count == limit ? records[^1].Key : null));
    }
}
