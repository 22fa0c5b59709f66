using GridMeter.Server.Accounts;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Consumption;
using GridMeter.Server.Meters;
using GridMeter.Server.Vee;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace GridMeter.Server.Hierarchy;

public static class HierarchyApi
{
    public static IEndpointRouteBuilder MapHierarchy(this IEndpointRouteBuilder app)
    {
        var nodes = app.MapGroup("/api/v1/grid/nodes").WithTags("Network hierarchy");
        nodes.MapPost("/", CreateAsync).RequireAccess(Access.Change(null, Roles.Admin, Roles.Supplier))
            .WithSummary("(admin; suppliers for buildings and premises) Add a network area, feeder/transformer, building (with its main meter) or premises");
        nodes.MapGet("/{id}", GetAsync).RequireAccess(Access.Read(Resources.GridNode)).WithSummary("A node with its children and the meters placed at it");
        nodes.MapGet("/{id}/consumption", ConsumptionAsync).RequireAccess(Access.Read(Resources.GridNode))
            .WithSummary("A node's total per bucket (a building's main meter, otherwise its members summed) with member count, min, max, avg and share " +
                "of the parent node; flow, obis, version as for meters; timeZone defaults to the main or first meter's");
        nodes.MapGet("/{id}/balance", BalanceAsync).RequireAccess(Access.Read(Resources.GridNode))
            .WithSummary("A building's main meter minus the sum of its sub-meters per interval: losses and untracked use");
        app.MapPut("/api/v1/meters/{id}/placement", PlaceAsync).WithTags("Network hierarchy").RequireAccess(Access.MeterChange)
            .WithSummary("(the meter's supplier, admin) Hang a meter in a premises or building");
        app.MapGet("/api/v1/organisations/{id}/consumption", PortfolioAsync).WithTags("Network hierarchy").RequireAccess(Access.Read(Resources.Organisation, Roles.Supplier, Roles.Operator, Roles.Admin))
            .WithSummary("(the organisation's staff, admin) A supplier's portfolio or an operator's network summed per bucket, with member statistics");
        return app;
    }

    private static async Task<Results<Created<NodeResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateNodeRequest request, HttpContext http, GridNodes nodes, MeterDirectory meters, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var errors = new Dictionary<string, string[]>();
        if (request.Id is null || !GridMeter.Domain.Meters.MeterId.IsValid(request.Id))
        {
            errors["id"] = ["required; 1 to 64 characters from A-Z a-z 0-9 . _ -"];
        }
        if (!GridNode.Kinds.Contains(request.Kind))
        {
            errors["kind"] = ["area, feeder, building or premises"];
        }
        if (errors.Count == 0 && !HierarchyAccess.CanCreate(caller, request.Kind!))
        {
            return Problem(StatusCodes.Status403Forbidden, "admins shape the network; suppliers add buildings and premises");
        }
        var parent = request.ParentId is null || !GridMeter.Domain.Meters.MeterId.IsValid(request.ParentId) ? null : await nodes.FindAsync(request.ParentId, cancellationToken);
        if (request.ParentId is not null && (parent is null || parent.Kind != GridNode.ParentKindOf(request.Kind ?? "")))
        {
            errors["parentId"] = [$"a {GridNode.ParentKindOf(request.Kind ?? "") ?? "node"} that exists (an area has no parent)"];
        }
        var main = request.MainMeterId is null ? null : await meters.FindVisibleAsync(request.MainMeterId, caller, cancellationToken);
        if (request.MainMeterId is not null && (main is null || request.Kind != GridNode.Building))
        {
            errors["mainMeterId"] = ["a meter you may see, for a building"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var node = new GridNode(request.Id!, request.Kind!, request.ParentId, request.Name, main?.Key, clock.GetUtcNow().ToUnixTimeMilliseconds());
        if (!await nodes.CreateAsync(node, cancellationToken))
        {
            return Problem(StatusCodes.Status409Conflict, $"node '{node.Id}' exists already");
        }
        await audit.RecordAsync(new AuditEntry($"user:{caller.Username}", "grid.node_created", $"node:{node.Id}", null, http.Connection.RemoteIpAddress?.ToString()), cancellationToken);
        return TypedResults.Created($"/api/v1/grid/nodes/{node.Id}", new NodeResponse(node.Id, node.Kind, node.ParentId, node.Name, main?.Id, [], []));
    }

    private static async Task<Results<Ok<NodeResponse>, NotFound>> GetAsync(
        string id, HttpContext http, GridNodes nodes, NodeMembers members, Aggregates aggregates, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var node = await nodes.FindAsync(id, cancellationToken);
        if (node is null || !await members.IsVisibleAsync(node, caller, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var children = await nodes.ChildrenAsync(id, cancellationToken);
        var meters = await nodes.MetersAtAsync(id, caller, cancellationToken);
        var main = await aggregates.MainMeterAsync(node, caller, cancellationToken);
        return TypedResults.Ok(new NodeResponse(node.Id, node.Kind, node.ParentId, node.Name, main?.Id, [.. children.Select(c => c.Id)], [.. meters.Select(m => m.Id)]));
    }

    private static async Task<Results<Ok<AggregateResponse>, NotFound, ValidationProblem>> ConsumptionAsync(
        string id, string? from, string? to, string? interval, string? obis, string? flow, string? version, string? timeZone,
        HttpContext http, GridNodes nodes, NodeMembers members, Aggregates aggregates, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var node = await nodes.FindAsync(id, cancellationToken);
        if (node is null || !await members.IsVisibleAsync(node, caller, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var main = await aggregates.MainMeterAsync(node, caller, cancellationToken);
        var zone = ZoneOf(timeZone, main ?? (await members.UnderAsync(node, caller, cancellationToken)).FirstOrDefault(), out var zoneError);
        var errors = new Dictionary<string, string[]>();
        var args = ConsumptionArguments.Parse(from, to, interval, version, obis, flow, zone, errors);
        if (zoneError is not null)
        {
            errors["timeZone"] = [zoneError];
        }
        return args is null || errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await aggregates.ForNodeAsync(node, caller, zone, args, cancellationToken));
    }

    private static async Task<Results<Ok<BalanceResponse>, NotFound, ValidationProblem, ProblemHttpResult>> BalanceAsync(
        string id, string? from, string? to, string? interval, string? obis, string? flow, string? version,
        HttpContext http, GridNodes nodes, NodeMembers members, Aggregates aggregates, BuildingBalance balance, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var node = await nodes.FindAsync(id, cancellationToken);
        if (node is null || !await members.IsVisibleAsync(node, caller, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var main = await aggregates.MainMeterAsync(node, caller, cancellationToken);
        if (node.Kind != GridNode.Building || main is null)
        {
            return Problem(StatusCodes.Status422UnprocessableEntity, "a balance needs a building with a main meter you may see");
        }
        var errors = new Dictionary<string, string[]>();
        var args = ConsumptionArguments.Parse(from, to, interval ?? "15m", version, obis, flow, main.TimeZone, errors);
        return args is null
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await balance.ForAsync(node, main, caller, args, cancellationToken));
    }

    private static async Task<Results<Ok<PlacementRequest>, NotFound, ValidationProblem, ProblemHttpResult>> PlaceAsync(
        string id, PlacementRequest request, HttpContext http, MeterDirectory meters, GridNodes nodes, AuditLog audit, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var meter = await meters.FindVisibleAsync(id, caller, cancellationToken);
        if (meter is null)
        {
            return TypedResults.NotFound();
        }
        if (!VeeAccess.CanEdit(caller, meter))
        {
            return Problem(StatusCodes.Status403Forbidden, "only the meter's supplier or an admin may place it");
        }
        var node = request.NodeId is null || !GridMeter.Domain.Meters.MeterId.IsValid(request.NodeId) ? null : await nodes.FindAsync(request.NodeId, cancellationToken);
        if (node is null || node.Kind is not (GridNode.Premises or GridNode.Building))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["nodeId"] = ["a premises or building that exists"] });
        }
        await nodes.PlaceAsync(meter.Key, node.Id, cancellationToken);
        await audit.RecordAsync(new AuditEntry($"user:{caller.Username}", "meter.placed", $"meter:{meter.Id}", $"{{\"nodeId\":\"{node.Id}\"}}",
            http.Connection.RemoteIpAddress?.ToString()), cancellationToken);
        return TypedResults.Ok(request);
    }

    private static async Task<Results<Ok<AggregateResponse>, NotFound, ValidationProblem>> PortfolioAsync(
        string id, string? from, string? to, string? interval, string? obis, string? flow, string? version, string? timeZone,
        HttpContext http, Organisations organisations, MeterDirectory meters, Aggregates aggregates, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        if (await organisations.FindAsync(id, cancellationToken) is null || !(caller.IsAdmin || caller.OrganisationId == id))
        {
            return TypedResults.NotFound();
        }
        var members = await meters.ListOfOrganisationAsync(id, caller, cancellationToken);
        var zone = ZoneOf(timeZone, members.FirstOrDefault(), out var zoneError);
        var errors = new Dictionary<string, string[]>();
        var args = ConsumptionArguments.Parse(from, to, interval, version, obis, flow, zone, errors);
        if (zoneError is not null)
        {
            errors["timeZone"] = [zoneError];
        }
        return args is null || errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await aggregates.ForPortfolioAsync(id, members, zone, args, cancellationToken));
    }

    private static DateTimeZone ZoneOf(string? timeZone, Meter? meter, out string? error)
    {
        error = null;
        if (timeZone is null)
        {
            return meter?.TimeZone ?? DateTimeZone.Utc;
        }
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone);
        error = zone is null ? "an IANA time zone such as Europe/Rome" : null;
        return zone ?? DateTimeZone.Utc;
    }

    private static ProblemHttpResult Problem(int status, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: status == StatusCodes.Status403Forbidden ? "Not allowed" : null);
}
