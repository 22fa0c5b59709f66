using GridMeter.Domain.Readings;
using GridMeter.Domain.Vee;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Consumption;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace GridMeter.Server.Vee;

public static class VeeApi
{
    /// <summary>At most a month of quarter-hours in one edit.</summary>
    public const int MaxEditValues = 31 * 96;

    public static IEndpointRouteBuilder MapVee(this IEndpointRouteBuilder app)
    {
        var meters = app.MapGroup("/api/v1/meters/{id}").WithTags("Meter data (VEE)");
        meters.MapGet("/vee/flags", FlagsAsync).RequireAccess(Access.MeterRead)
            .WithSummary("Spans that failed validation (their intervals are suspect), optionally within from/to; obis defaults to 1-0:1.8.0");
        meters.MapGet("/edits", EditsAsync).RequireAccess(Access.MeterRead)
            .WithSummary("Every edit version of a register, oldest first; read a version's consumption with ?version=N");
        meters.MapPost("/edits", EditAsync).RequireAccess(Access.MeterChange)
            .WithSummary("(supplier of the meter, admin) Correct intervals with a reason: a new version, audited; earlier versions stay readable");
        meters.MapGet("/register-events", EventsAsync).RequireAccess(Access.MeterRead)
            .WithSummary("Rollovers found by validation and meter exchanges and resets recorded by people");
        meters.MapPost("/register-events", RecordEventAsync).RequireAccess(Access.MeterChange)
            .WithSummary("(supplier of the meter, admin) Record a meter exchange or register reset: consumption continues across it");
        app.MapVeeSettings();
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<FlagResponse>>, NotFound, ValidationProblem>> FlagsAsync(
        string id, string? from, string? to, string? obis, HttpContext http, MeterDirectory meters, RegisterCatalog registers, VeeStore vee,
        IDatabase database, CancellationToken cancellationToken)
    {
        var meter = await meters.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken);
        if (meter is null)
        {
            return TypedResults.NotFound();
        }
        var errors = new Dictionary<string, string[]>();
        var code = ParseObis(obis, errors);
        var (start, end) = (long.MinValue, long.MaxValue);
        if (from is not null)
        {
            start = TimeArgument.TryParse(from, meter.TimeZone, out var f) ? f.ToUnixTimeSeconds() : Invalid(errors, "from");
        }
        if (to is not null)
        {
            end = TimeArgument.TryParse(to, meter.TimeZone, out var t) ? t.ToUnixTimeSeconds() : Invalid(errors, "to");
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var key = await registers.FindAsync(code, cancellationToken);
        if (key is null)
        {
            return TypedResults.Ok<IReadOnlyList<FlagResponse>>([]);
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var flags = await vee.FlagsAsync(connection, meter.Key, key.Value, start, end, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<FlagResponse>>([.. flags.Select(f => new FlagResponse(
            code.ToString(), f.Start.ToDateTimeOffset(), f.End.ToDateTimeOffset(), VeeNames.Of(f.Rule), f.Detail))]);
    }

    private static async Task<Results<Ok<IReadOnlyList<EditResponse>>, NotFound, ValidationProblem>> EditsAsync(
        string id, string? obis, HttpContext http, MeterDirectory meters, RegisterCatalog registers, IntervalEdits edits, CancellationToken cancellationToken)
    {
        var meter = await meters.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken);
        if (meter is null)
        {
            return TypedResults.NotFound();
        }
        var errors = new Dictionary<string, string[]>();
        var code = ParseObis(obis, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var key = await registers.FindAsync(code, cancellationToken);
        return TypedResults.Ok(key is null ? [] : await edits.ListAsync(meter, key.Value, code, cancellationToken));
    }

    private static async Task<Results<Created<EditResponse>, NotFound, ValidationProblem, ProblemHttpResult>> EditAsync(
        string id, EditRequest request, HttpContext http, MeterDirectory meters, RegisterCatalog registers, IntervalEdits edits,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var meter = await meters.FindVisibleAsync(id, caller, cancellationToken);
        if (meter is null)
        {
            return TypedResults.NotFound();
        }
        if (!VeeAccess.CanEdit(caller, meter))
        {
            return Forbidden("only the meter's supplier or an admin may edit its data");
        }
        var errors = new Dictionary<string, string[]>();
        var code = ParseObis(request.Obis, errors);
        var (from, to) = EditSpan(request, meter, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var key = await registers.KeyOfAsync(code, cancellationToken);
        var who = new AuditEntry($"user:{caller.Username}", "consumption.edited", $"meter:{meter.Id}", null, http.Connection.RemoteIpAddress?.ToString());
        var (edit, problem) = await edits.AddAsync(meter, key, code, from, to, request.Values!, request.Reason!.Trim(), who, cancellationToken);
        return edit is null
            ? TypedResults.Problem(problem, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Edit not possible")
            : TypedResults.Created($"/api/v1/meters/{meter.Id}/edits", edit);
    }

    private static async Task<Results<Ok<IReadOnlyList<RegisterEventResponse>>, NotFound, ValidationProblem>> EventsAsync(
        string id, string? obis, HttpContext http, MeterDirectory meters, RegisterCatalog registers, RegisterEventLog events, CancellationToken cancellationToken)
    {
        var meter = await meters.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken);
        if (meter is null)
        {
            return TypedResults.NotFound();
        }
        var errors = new Dictionary<string, string[]>();
        var code = ParseObis(obis, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var key = await registers.FindAsync(code, cancellationToken);
        return TypedResults.Ok(key is null ? [] : await events.ListAsync(meter, key.Value, code, cancellationToken));
    }

    private static async Task<Results<Created<RegisterEventResponse>, NotFound, ValidationProblem, ProblemHttpResult>> RecordEventAsync(
        string id, RegisterEventRequest request, HttpContext http, MeterDirectory meters, RegisterCatalog registers, RegisterEventLog events,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var meter = await meters.FindVisibleAsync(id, caller, cancellationToken);
        if (meter is null)
        {
            return TypedResults.NotFound();
        }
        if (!VeeAccess.CanEdit(caller, meter))
        {
            return Forbidden("only the meter's supplier or an admin may record register events");
        }
        var errors = new Dictionary<string, string[]>();
        var code = ParseObis(request.Obis, errors);
        var kind = VeeNames.KindOf(request.Type);
        if (kind is not (RegisterEventKind.Exchange or RegisterEventKind.Reset))
        {
            errors["type"] = ["exchange or reset"];
        }
        if (!TimeArgument.TryParse(request.Ts, meter.TimeZone, out var ts))
        {
            errors["ts"] = ["required: an RFC 3339 instant with offset"];
        }
        if (request.OldValue is not (>= 0 and <= ReadingLimits.MaxRegisterValue))
        {
            errors["oldValue"] = ["required: the old register's last value in kWh"];
        }
        if (request.NewValue is not (>= 0 and <= ReadingLimits.MaxRegisterValue))
        {
            errors["newValue"] = ["required: the new register's first value in kWh"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var key = await registers.KeyOfAsync(code, cancellationToken);
        var registerEvent = RegisterEventLog.Event(kind!.Value, ts, request.OldValue!.Value, request.NewValue!.Value);
        var who = new AuditEntry($"user:{caller.Username}", $"register.{request.Type}", $"meter:{meter.Id}", null, http.Connection.RemoteIpAddress?.ToString());
        if (!await events.RecordAsync(meter, key, code, registerEvent, request.Reason, who, cancellationToken))
        {
            return TypedResults.Problem($"the register has an event at {ts} already", statusCode: StatusCodes.Status409Conflict, title: "Event exists");
        }
        return TypedResults.Created($"/api/v1/meters/{meter.Id}/register-events", new RegisterEventResponse(
            code.ToString(), ts.ToDateTimeOffset(), request.Type!, request.OldValue.Value, request.NewValue.Value, who.Actor, request.Reason));
    }

    private static (Instant From, Instant To) EditSpan(EditRequest request, Meter meter, Dictionary<string, string[]> errors)
    {
        var period = (long)meter.ReadingPeriod.TotalSeconds;
        if (!TimeArgument.TryParse(request.From, meter.TimeZone, out var from) || from.ToUnixTimeSeconds() % period != 0)
        {
            errors["from"] = [$"required: an instant on the meter's {period / 60}-minute reading grid"];
        }
        if (request.Values is not { Count: > 0 and <= MaxEditValues } || request.Values.Any(v => v is < 0 or > 1_000_000))
        {
            errors["values"] = [$"1 to {MaxEditValues} interval values in kWh, each between 0 and 1000000"];
        }
        if (!TimeArgument.TryParse(request.To, meter.TimeZone, out var to)
            || (request.Values is { } values && to != from + (meter.ReadingPeriod * values.Count)))
        {
            errors["to"] = ["required: from plus one reading period per value"];
        }
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500)
        {
            errors["reason"] = ["required: why the data is corrected, at most 500 characters"];
        }
        return (from, to);
    }

    private static ObisCode ParseObis(string? obis, Dictionary<string, string[]> errors)
    {
        var code = ObisCode.ActiveImport;
        if (obis is not null && (!ObisCode.TryParse(obis, out code) || !code.IsRegister))
        {
            errors["obis"] = ["a register OBIS code such as 1-0:1.8.0"];
        }
        return code;
    }

    private static long Invalid(Dictionary<string, string[]> errors, string field)
    {
        errors[field] = ["a local date or an RFC 3339 instant with offset"];
        return 0;
    }

    private static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
}
