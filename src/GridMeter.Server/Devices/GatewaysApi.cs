using GridMeter.Domain.Meters;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMeter.Server.Devices;

public static class GatewaysApi
{
    public static IEndpointRouteBuilder MapGateways(this IEndpointRouteBuilder app)
    {
        var gateways = app.MapGroup("/api/v1/gateways").WithTags("Gateways");
        gateways.MapPost("/", CreateAsync)
            .RequireAccess(Access.Change(null, Roles.Admin, Roles.Supplier))
            .WithSummary("Provision a gateway for some meters; the answer holds its device secret, shown only this once");
        gateways.MapGet("/{id}", GetAsync)
            .RequireAccess(Access.Read(Resources.Gateway))
            .WithSummary("A gateway and the meters behind it that the caller may see");
        return app;
    }

    private static async Task<Results<Created<GatewayResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateGatewayRequest request, HttpContext http, Gateways gateways, MeterDirectory meters, AuditLog audit, Broker.BrokerAccounts brokerAccounts,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var errors = new Dictionary<string, string[]>();
        if (request.Id is null || !MeterId.IsValid(request.Id))
        {
            errors["id"] = ["required; 1 to 64 characters from A-Z a-z 0-9 . _ -"];
        }
        var meterKeys = new List<long>();
        foreach (var meterId in request.MeterIds ?? [])
        {
            // A supplier may only put its own meters behind a gateway; others answer as unknown.
            var meter = await meters.FindVisibleAsync(meterId, caller, cancellationToken);
            if (meter is null)
            {
                errors["meterIds"] = [$"no meter '{meterId}'"];
                break;
            }
            meterKeys.Add(meter.Key);
        }
        if (request.MeterIds is not { Count: > 0 and <= 10_000 })
        {
            errors["meterIds"] = ["1 to 10000 meter ids"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var secret = DeviceSecret.Generate();
        if (!await gateways.CreateAsync(request.Id!, DeviceSecret.Hash(secret), meterKeys, cancellationToken))
        {
            return TypedResults.Problem($"gateway '{request.Id}' exists already", statusCode: StatusCodes.Status409Conflict, title: "Gateway exists");
        }
        await audit.RecordAsync(new AuditEntry($"user:{caller.Username}", "gateway.created", $"gateway:{request.Id}",
            null, http.Connection.RemoteIpAddress?.ToString()), cancellationToken);
        await brokerAccounts.ProvisionedAsync(request.Id!, secret, request.MeterIds!, isGateway: true, cancellationToken);
        return TypedResults.Created($"/api/v1/gateways/{request.Id}", new GatewayResponse(request.Id!, request.MeterIds!, secret));
    }

    private static async Task<Results<Ok<GatewayResponse>, NotFound>> GetAsync(
        string id, HttpContext http, Gateways gateways, MeterDirectory meters, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var meterIds = await gateways.FindAsync(id, cancellationToken);
        var visible = new List<string>();
        foreach (var meterId in meterIds ?? [])
        {
            if (await meters.FindVisibleAsync(meterId, caller, cancellationToken) is not null)
            {
                visible.Add(meterId);
            }
        }
        return meterIds is null ? TypedResults.NotFound() : TypedResults.Ok(new GatewayResponse(id, visible));
    }
}
