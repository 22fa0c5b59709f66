using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using GridMeter.Domain.Commands;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMeter.Server.Commands;

public static class CommandsApi
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapCommands(this IEndpointRouteBuilder app)
    {
        var meters = app.MapGroup("/api/v1/meters/{id}/commands").WithTags("Commands");
        meters.MapPost("/", RequestAsync)
            .RequireAccess(Access.Change(Resources.Meter, Roles.Consumer, Roles.Supplier, Roles.Admin))
            .WithSummary("Send the meter a command → 202 (supplier, admin; a consumer only appliance_on/off of their own appliances). " +
                "disconnect/reconnect need a reason; beyond the hourly limit a disconnect waits for a second supplier user's approval");
        meters.MapGet("/", ListAsync).RequireAccess(Access.MeterRead)
            .WithSummary("The meter's commands, newest first; optional status and limit (1 to 500)");
        meters.MapGet("/stream", StreamAsync).RequireAccess(Access.MeterRead)
            .WithSummary("Server-Sent Events: every status change of the meter's commands as it happens, event type 'command'");
        var commands = app.MapGroup("/api/v1/commands").WithTags("Commands");
        commands.MapGet("/{id}", GetAsync).RequireAccess(Access.Read(Resources.Command))
            .WithSummary("A command: id, meterId, command, status (awaitingApproval, pending, sent, succeeded, failed, rejected, expired), result");
        commands.MapPost("/{id}/approve", ApproveAsync).RequireAccess(Access.Change(Resources.Command, Roles.Supplier, Roles.Admin))
            .WithSummary("Approve a command awaiting approval: a supplier user (or admin) other than the one who asked for it");
        return app;
    }

    private static async Task<Results<Accepted<CommandResponse>, ValidationProblem, ProblemHttpResult>> RequestAsync(
        string id, CommandRequest request, HttpContext http, MeterCommands commands, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        if (request.Command is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["command"] = [$"required: one of {string.Join(", ", CommandCatalog.All)}"] });
        }
        var parameters = request.Parameters is { ValueKind: not JsonValueKind.Null } given ? given : JsonDocument.Parse("{}").RootElement.Clone();
        var outcome = await commands.RequestAsync(id, request.Command, parameters, request.Reason, CommandRequester.Of(caller, http), request.ExpiresAt, cancellationToken);
        return outcome.IsAccepted
            ? TypedResults.Accepted($"/api/v1/commands/{outcome.Command!.Id}", outcome.Command)
            : Refused(outcome);
    }

    private static async Task<Results<Ok<CommandResponse>, ValidationProblem, ProblemHttpResult>> ApproveAsync(
        string id, HttpContext http, MeterCommands commands, CancellationToken cancellationToken)
    {
        var outcome = await commands.ApproveAsync(id, CommandRequester.Of(Caller.From(http.User)!, http), cancellationToken);
        return outcome.IsAccepted ? TypedResults.Ok(outcome.Command) : Refused(outcome);
    }

    private static async Task<Results<Ok<CommandResponse>, NotFound>> GetAsync(string id, MeterCommands commands, CancellationToken cancellationToken) =>
        await commands.FindAsync(id, cancellationToken) is { } command ? TypedResults.Ok(command) : TypedResults.NotFound();

    private static async Task<Results<Ok<CommandList>, NotFound, ValidationProblem>> ListAsync(
        string id, string? status, int? limit, HttpContext http, MeterDirectory meters, CommandStore store, CancellationToken cancellationToken)
    {
        var meter = await meters.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken);
        if (meter is null)
        {
            return TypedResults.NotFound();
        }
        if ((status is not null && !CommandStatus.All.Contains(status)) || limit is < 1 or > 500)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["status"] = [$"one of {string.Join(", ", CommandStatus.All)}; limit 1 to 500"],
            });
        }
        var rows = await store.ListAsync(meter.Key, status, limit ?? 100, cancellationToken);
        return TypedResults.Ok(new CommandList(meter.Id, [.. rows.Select(r => r.ToResponse())]));
    }

    private static async Task<Results<ServerSentEventsResult<CommandResponse?>, NotFound>> StreamAsync(
        string id, HttpContext http, MeterDirectory meters, CommandFeed feed, CancellationToken cancellationToken)
    {
        var meter = await meters.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken);
        return meter is null ? TypedResults.NotFound() : TypedResults.ServerSentEvents(Events(feed, meter.Key, http.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<CommandResponse?>> Events(CommandFeed feed, long meterKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var subscription = feed.Subscribe(meterKey);
        // The stream opens at once (headers and a first heartbeat), then carries each change.
        yield return new SseItem<CommandResponse?>(null, "heartbeat");
        while (!cancellationToken.IsCancellationRequested)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(Heartbeat);
            CommandResponse? next;
            try
            {
                next = await subscription.Reader.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                next = null;
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            yield return next is null ? new SseItem<CommandResponse?>(null, "heartbeat") : new SseItem<CommandResponse?>(next, "command");
        }
    }

    private static ProblemHttpResult Refused(CommandOutcome outcome) => outcome.Refusal switch
    {
        CommandRefusal.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound),
        CommandRefusal.Forbidden => TypedResults.Problem(outcome.Reason, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed"),
        CommandRefusal.Conflict => TypedResults.Problem(outcome.Reason, statusCode: StatusCodes.Status409Conflict, title: "Not awaiting approval"),
        _ => TypedResults.Problem(outcome.Reason, statusCode: StatusCodes.Status400BadRequest, title: "Invalid command"),
    };
}
