using System.Text;
using GridMeter.Domain.Meters;
using GridMeter.Domain.Reports;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;

namespace GridMeter.Server.Reports;

public static class ReportsApi
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/reports").WithTags("Reports");
        reports.MapPost("/", CreateAsync).RequireAccess(Access.OwnAccount)
            .WithSummary("Make a report now (summary, appliances or minmaxavg; day, week or month); kept for the portal and e-mailed to the caller");
        reports.MapGet("/", ListAsync).RequireAccess(Access.OwnAccount).WithSummary("The caller's kept reports, newest first");
        reports.MapGet("/{id}/html", HtmlAsync).RequireAccess(ReportAccess.OwnReport).WithSummary("Download a kept report as HTML");
        reports.MapGet("/{id}/csv", CsvAsync).RequireAccess(ReportAccess.OwnReport).WithSummary("Download a kept report's figures as CSV");
        var schedules = app.MapGroup("/api/v1/report-schedules").WithTags("Reports");
        schedules.MapPost("/", ScheduleAsync).RequireAccess(Access.OwnAccount)
            .WithSummary("E-mail a report at a local time: daily, weekly on a weekday, or monthly on the 1st");
        schedules.MapGet("/", SchedulesAsync).RequireAccess(Access.OwnAccount).WithSummary("The caller's report schedules with their next run");
        schedules.MapDelete("/{id}", UnscheduleAsync).RequireAccess(ReportAccess.OwnSchedule).WithSummary("Stop a report schedule");
        return app;
    }

    private static async Task<Results<Created<ReportSummary>, ValidationProblem>> CreateAsync(
        ReportRequest request, HttpContext http, MeterDirectory meters, ReportMaker maker, ReportStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var errors = new Dictionary<string, string[]>();
        var meter = await MeterAsync(request.MeterId, caller, meters, errors, cancellationToken);
        CheckKindAndPeriod(request.Kind, request.Period, errors);
        LocalDate? day = null;
        if (request.From is not null)
        {
            day = request.From.Length == 10 && DatePattern.Parse(request.From) is { Success: true } parsed ? parsed.Value : null;
            if (day is null)
            {
                errors["from"] = ["a local date such as 2026-11-16"];
            }
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(meter!.TimeZone).Date;
        var (from, to) = day is { } d ? ReportPeriod.Containing(d, request.Period!) : ReportPeriod.LastCompleteBefore(today, request.Period!);
        var id = await maker.MakeAsync(caller.UserKey, meter, request.Kind!, request.Period!, from, to, cancellationToken);
        var kept = await store.FindAsync(id, caller.UserKey, cancellationToken);
        return TypedResults.Created($"/api/v1/reports/{id}/html", kept!.Value.Summary);
    }

    private static async Task<Ok<ReportList>> ListAsync(HttpContext http, ReportStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ReportList(await store.ListAsync(Caller.From(http.User)!.UserKey, 200, cancellationToken)));

    private static async Task<Results<FileContentHttpResult, NotFound>> HtmlAsync(string id, HttpContext http, ReportStore store, CancellationToken cancellationToken)
    {
        var report = await FindAsync(id, http, store, cancellationToken);
        // Served as a download, never rendered in the portal's origin.
        return report is { } r ? TypedResults.File(Encoding.UTF8.GetBytes(r.Html), "text/html; charset=utf-8", $"{r.Summary.Id}.html") : TypedResults.NotFound();
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> CsvAsync(string id, HttpContext http, ReportStore store, CancellationToken cancellationToken)
    {
        var report = await FindAsync(id, http, store, cancellationToken);
        return report is { } r ? TypedResults.File(Encoding.UTF8.GetBytes(r.Csv), "text/csv; charset=utf-8", $"{r.Summary.Id}.csv") : TypedResults.NotFound();
    }

    private static Task<(ReportSummary Summary, string Html, string Csv, long UserKey)?> FindAsync(string id, HttpContext http, ReportStore store, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        return store.FindAsync(id, caller.IsAdmin ? null : caller.UserKey, cancellationToken);
    }

    private static async Task<Results<Created<ScheduleResponse>, ValidationProblem>> ScheduleAsync(
        ScheduleRequest request, HttpContext http, MeterDirectory meters, ScheduleStore store, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var errors = new Dictionary<string, string[]>();
        var meter = await MeterAsync(request.MeterId, caller, meters, errors, cancellationToken);
        CheckKindAndPeriod(request.Kind, request.Period, errors);
        var schedule = ScheduleValidation.Check(request, meter, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var next = schedule!.NextRunAfter(now);
        var id = await store.CreateAsync(caller.UserKey, meter!.Key, request.Kind!, schedule, next, now.ToUnixTimeMilliseconds(), cancellationToken);
        await audit.RecordAsync(AuditEntry.By(caller, http, "report.scheduled", $"meter:{meter.Id}"), cancellationToken);
        var created = (await store.ListAsync(caller.UserKey, cancellationToken)).Single(s => s.Id == id);
        return TypedResults.Created($"/api/v1/report-schedules/{id}", created.ToResponse());
    }

    private static async Task<Ok<ScheduleList>> SchedulesAsync(HttpContext http, ScheduleStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ScheduleList([.. (await store.ListAsync(Caller.From(http.User)!.UserKey, cancellationToken)).Select(s => s.ToResponse())]));

    private static async Task<Results<NoContent, NotFound>> UnscheduleAsync(string id, HttpContext http, ScheduleStore store, AuditLog audit, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        if (!await store.DeleteAsync(id, caller.IsAdmin ? null : caller.UserKey, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        await audit.RecordAsync(AuditEntry.By(caller, http, "report.unscheduled", $"report-schedule:{id}"), cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Meter?> MeterAsync(string? meterId, Caller caller, MeterDirectory meters, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var meter = MeterId.IsValid(meterId) ? await meters.FindVisibleAsync(meterId!, caller, cancellationToken) : null;
        if (meter is null)
        {
            errors["meterId"] = ["the id of a meter you can see"];
        }
        return meter;
    }

    internal static void CheckKindAndPeriod(string? kind, string? period, Dictionary<string, string[]> errors)
    {
        if (!ReportKind.IsKnown(kind))
        {
            errors["kind"] = [$"one of {string.Join(", ", ReportKind.All)}"];
        }
        if (!ReportPeriod.IsKnown(period))
        {
            errors["period"] = [$"one of {string.Join(", ", ReportPeriod.All)}"];
        }
    }
}
