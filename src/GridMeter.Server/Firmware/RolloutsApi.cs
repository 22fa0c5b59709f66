using GridMeter.Domain.Firmware;
using GridMeter.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMeter.Server.Firmware;

public static class RolloutsApi
{
    private static readonly string[] Statuses = [RolloutStatus.Running, RolloutStatus.Paused, RolloutStatus.Completed, RolloutStatus.Cancelled];

    public static IEndpointRouteBuilder MapRollouts(this IEndpointRouteBuilder app)
    {
        var rollouts = app.MapGroup("/api/v1/rollouts").WithTags("Firmware");
        rollouts.MapPost("/", CreateAsync).RequireAccess(Access.Change(null, Roles.Supplier, Roles.Admin))
            .WithSummary("Start a firmware rollout (supplier, admin): {imageId, target:{model, networkOperatorId, meterIds}, waves:[1,10,100] " +
                "(cumulative %), successThreshold:90, errorThreshold:20 (%), window:\"01:00-05:00\" (meter's local time), force (admin: downgrade)} → 201; " +
                "meters already on the version or that would be downgraded are skipped and listed");
        rollouts.MapGet("/", ListAsync).RequireAccess(Access.ScopedTo(Roles.Supplier, Roles.Admin))
            .WithSummary("The caller's rollouts with progress counts, newest first; optional status (running, paused, completed, cancelled)");
        rollouts.MapGet("/{id}", GetAsync).RequireAccess(Access.Read(Resources.Rollout, Roles.Supplier, Roles.Admin))
            .WithSummary("A rollout: status, current wave, pause reason and meters per update state (scheduled, downloading, verifying, installing, " +
                "activated, failed, rolledBack), overall and per wave, with percentDone");
        rollouts.MapGet("/{id}/targets", (string id, RolloutStore store, CancellationToken cancellationToken) => MetersAsync(id, null, store, cancellationToken))
            .RequireAccess(Access.Read(Resources.Rollout, Roles.Supplier, Roles.Admin))
            .WithSummary("The rollout's meters (up to 10,000) with wave, update state, command id and failure detail");
        rollouts.MapGet("/{id}/targets/{state}", MetersAsync).RequireAccess(Access.Read(Resources.Rollout, Roles.Supplier, Roles.Admin))
            .WithSummary("The rollout's meters in one update state: scheduled, downloading, verifying, installing, activated, failed or rolledBack");
        foreach (var action in new[] { "pause", "resume", "cancel" })
        {
            rollouts.MapPost($"/{{id}}/{action}", (string id, HttpContext http, RolloutStore store, Rollouts logic, CancellationToken cancellationToken) =>
                    ChangeAsync(id, action, http, store, logic, cancellationToken))
                .RequireAccess(Access.Change(Resources.Rollout, Roles.Supplier, Roles.Admin))
                .WithSummary(action switch
                {
                    "pause" => "Pause a running rollout: no more commands are sent; meters already updating carry on",
                    "resume" => "Resume a paused rollout; one paused by a threshold goes on with the next wave",
                    _ => "Cancel a rollout: meters not yet sent the update stay as they are",
                });
        }
        return app;
    }

    private static async Task<Results<Created<RolloutResponse>, ProblemHttpResult>> CreateAsync(
        CreateRolloutRequest request, HttpContext http, Rollouts logic, CancellationToken cancellationToken)
    {
        var (rollout, status, problem) = await logic.CreateAsync(request, Caller.From(http.User)!, http, cancellationToken);
        return rollout is not null
            ? TypedResults.Created($"/api/v1/rollouts/{rollout.Id}", rollout)
            : TypedResults.Problem(problem, statusCode: status, title: status == 403 ? "Not allowed" : "Invalid rollout");
    }

    private static async Task<Results<Ok<RolloutList>, ValidationProblem>> ListAsync(
        string? status, HttpContext http, RolloutStore store, Rollouts logic, CancellationToken cancellationToken)
    {
        if (status is not null && !Statuses.Contains(status))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"one of {string.Join(", ", Statuses)}"] });
        }
        var items = new List<RolloutResponse>();
        foreach (var rollout in await store.ListAsync(status, Caller.From(http.User)!, cancellationToken))
        {
            items.Add(await logic.DescribeAsync(rollout, cancellationToken));
        }
        return TypedResults.Ok(new RolloutList(items));
    }

    private static async Task<Results<Ok<RolloutResponse>, NotFound>> GetAsync(string id, RolloutStore store, Rollouts logic, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } rollout ? TypedResults.Ok(await logic.DescribeAsync(rollout, cancellationToken)) : TypedResults.NotFound();

    private static async Task<Results<Ok<RolloutMeterList>, NotFound, ValidationProblem>> MetersAsync(
        string id, string? state, RolloutStore store, CancellationToken cancellationToken)
    {
        if (state is not null && !FirmwareUpdateState.All.Contains(state))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["state"] = [$"one of {string.Join(", ", FirmwareUpdateState.All)}"] });
        }
        if (await store.FindAsync(id, cancellationToken) is not { } rollout)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(new RolloutMeterList(rollout.Id, await store.MetersAsync(rollout.Key, state, 10_000, cancellationToken)));
    }

    private static async Task<Results<Ok<RolloutResponse>, NotFound, ProblemHttpResult>> ChangeAsync(
        string id, string action, HttpContext http, RolloutStore store, Rollouts logic, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } rollout)
        {
            return TypedResults.NotFound();
        }
        if (!await logic.ChangeAsync(rollout, action, Caller.From(http.User)!, http, cancellationToken))
        {
            return TypedResults.Problem($"the rollout is {rollout.Status}; it cannot {action}", statusCode: StatusCodes.Status409Conflict, title: "Not possible now");
        }
        return TypedResults.Ok(await logic.DescribeAsync((await store.FindAsync(id, cancellationToken))!, cancellationToken));
    }
}
