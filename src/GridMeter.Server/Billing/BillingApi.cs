using System.Text;
using GridMeter.Domain.Meters;
using GridMeter.Server.Accounts;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Consumption;
using GridMeter.Server.Meters;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;

namespace GridMeter.Server.Billing;

public static class BillingApi
{
    public static IEndpointRouteBuilder MapBilling(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/meters/{id}/cost", CostAsync).WithTags("Billing").RequireAccess(BillingAccess.MeterMoney)
            .WithSummary("What the meter's validated use cost over [from, to) (local dates or RFC 3339) under its tariffs: currency, total, lines (CONTRACT)");
        app.MapGet("/api/v1/meters/{id}/cost/since-last-bill", SinceLastBillAsync).WithTags("Billing").RequireAccess(BillingAccess.MeterMoney)
            .WithSummary("Consumption and cost since the last bill, and both projected to the end of the billing cycle");
        app.MapPost("/api/v1/bill-runs", RunAsync).WithTags("Billing").RequireAccess(Access.Change(null, Roles.Supplier, Roles.Admin))
            .WithSummary("(supplier, admin) Bill every credit-tariff meter of a supplier for a local calendar month, and issue credit or debit notes where billed data has changed");
        app.MapGet("/api/v1/bill-runs/{id}", RunDetailsAsync).WithTags("Billing").RequireAccess(Access.Read(Resources.BillRun, Roles.Supplier, Roles.Admin))
            .WithSummary("A bill run: how many bills and notes it issued");
        app.MapGet("/api/v1/bill-runs/{id}/bills.csv", RunCsvAsync).WithTags("Billing").RequireAccess(Access.Read(Resources.BillRun, Roles.Supplier, Roles.Admin))
            .WithSummary("The bills and notes of a run as CSV, one row per line");
        app.MapGet("/api/v1/bills", ListAsync).WithTags("Billing").RequireAccess(BillingAccess.ScopedMoney)
            .WithSummary("Bills and notes of the meters the caller may see, newest first; optional meterId and limit");
        app.MapGet("/api/v1/bills/{id}", BillAsync).WithTags("Billing").RequireAccess(Access.Read(Resources.Bill, Roles.Consumer, Roles.Supplier, Roles.Admin))
            .WithSummary("A bill, credit note or debit note with its lines, VAT and total");
        app.MapGet("/api/v1/bills/{id}/html", BillHtmlAsync).WithTags("Billing").RequireAccess(Access.Read(Resources.Bill, Roles.Consumer, Roles.Supplier, Roles.Admin))
            .WithSummary("A bill as an HTML page that prints to PDF from the browser");
        return app;
    }

    private static async Task<Results<Ok<CostResponse>, NotFound, ValidationProblem, ProblemHttpResult>> CostAsync(
        string id, string? from, string? to, HttpContext http, MeterDirectory meters, CostCalculator costs, CancellationToken cancellationToken)
    {
        var meter = await meters.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken);
        if (meter is null)
        {
            return TypedResults.NotFound();
        }
        var errors = new Dictionary<string, string[]>();
        if (!TimeArgument.TryParse(from, meter.TimeZone, out var start))
        {
            errors["from"] = ["required: a local date or an RFC 3339 instant with offset"];
        }
        if (!TimeArgument.TryParse(to, meter.TimeZone, out var end))
        {
            errors["to"] = ["required: a local date or an RFC 3339 instant with offset"];
        }
        else if (errors.Count == 0 && (end <= start || end - start > Duration.FromDays(400)))
        {
            errors["to"] = ["after from, at most 400 days later"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var charges = await costs.PriceAsync(meter, start, end, null, cancellationToken);
        return charges is null
            ? NoTariff(meter.Id)
            : TypedResults.Ok(CostResponse.Of(charges, start, end, meter.TimeZone));
    }

    private static async Task<Results<Ok<SinceLastBillResponse>, NotFound, ProblemHttpResult>> SinceLastBillAsync(
        string id, HttpContext http, MeterDirectory meters, BillStore bills, CostCalculator costs, TimeProvider clock, CancellationToken cancellationToken)
    {
        var meter = await meters.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken);
        if (meter is null)
        {
            return TypedResults.NotFound();
        }
        return await SinceLastBillOfAsync(meter, bills, costs, clock, cancellationToken) is { } response ? TypedResults.Ok(response) : NoTariff(meter.Id);
    }

    /// <summary>Use and cost since the meter's last bill and both projected to the end of the cycle; null when the meter has no tariff for it.</summary>
    public static async Task<SinceLastBillResponse?> SinceLastBillOfAsync(
        Meters.Meter meter, BillStore bills, CostCalculator costs, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var zone = meter.TimeZone;
        var monthStart = zone.AtStartOfDay(now.InZone(zone).Date.With(DateAdjusters.StartOfMonth)).ToInstant();
        var from = await bills.BilledToAsync(meter.Key, cancellationToken) is { } billedTo ? Instant.FromUnixTimeSeconds(billedTo) : monthStart;
        from = from > now ? now : from;
        // The cycle is the local calendar month the period since the last bill started in.
        var cycleEnd = zone.AtStartOfDay(from.InZone(zone).Date.With(DateAdjusters.StartOfMonth).PlusMonths(1)).ToInstant();
        cycleEnd = cycleEnd <= now ? zone.AtStartOfDay(now.InZone(zone).Date.With(DateAdjusters.StartOfMonth).PlusMonths(1)).ToInstant() : cycleEnd;
        var so = from == now ? null : await costs.PriceAsync(meter, from, now, null, cancellationToken);
        var projected = await ProjectedAsync(meter, from, now, cycleEnd, costs, cancellationToken);
        if (so is null || projected is null)
        {
            return null;
        }
        return new SinceLastBillResponse(
            meter.Id, TimeArgument.Format(from.InZone(zone)), TimeArgument.Format(now.InZone(zone)), TimeArgument.Format(cycleEnd.InZone(zone)),
            so.ImportKwh, CostResponse.Of(so, from, now, zone), projected.Value.Kwh, projected.Value.Total);
    }


    /// <summary>The cycle priced with the use so far plus, for each quarter-hour still to come, the average quarter-hour so far.</summary>
    private static async Task<(decimal Kwh, decimal Total)?> ProjectedAsync(
        Meters.Meter meter, Instant from, Instant now, Instant cycleEnd, CostCalculator costs, CancellationToken cancellationToken)
    {
        var assignments = await costs.AssignmentsAsync(meter, cancellationToken);
        var segments = CostCalculator.Segments(assignments, meter.TimeZone, from, cycleEnd, null);
        if (segments.Count == 0)
        {
            return null;
        }
        var usage = await costs.UsageAsync(meter, from, now, withExport: false, cancellationToken);
        var known = usage.Where(u => u.ImportWh != 0).ToList();
        var average = known.Count == 0 ? 0 : known.Sum(u => u.ImportWh) / known.Count;
        for (var start = usage.Count == 0 ? from : usage[^1].End; start < cycleEnd; start += Duration.FromMinutes(15))
        {
            usage.Add(new Domain.Billing.MeteredInterval(start, start + Duration.FromMinutes(15), average, 0));
        }
        var prior = await costs.MonthBeforeAsync(meter, segments[0].Span.Start, cancellationToken);
        var charges = Domain.Billing.Pricing.Price(segments, meter.TimeZone, usage, prior);
        return (charges.ImportKwh, charges.Total);
    }

    private static async Task<Results<Created<BillRunResponse>, ValidationProblem>> RunAsync(
        BillRunRequest request, HttpContext http, Organisations organisations, BillRunner runner, AuditLog audit, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var errors = new Dictionary<string, string[]>();
        var supplierId = request.SupplierId ?? (caller.Role == Roles.Supplier ? caller.OrganisationId : null);
        if (supplierId is null || !MeterId.IsValid(supplierId) || (!caller.IsAdmin && supplierId != caller.OrganisationId)
            || !await organisations.IsVisibleAsync(supplierId, caller, cancellationToken))
        {
            errors["supplierId"] = ["a supplier you bill for"];
        }
        var month = request.Month is null ? null : YearMonthPattern.Iso.Parse(request.Month);
        if (month is not { Success: true })
        {
            errors["month"] = ["required: yyyy-MM"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var (run, skipped) = await runner.RunAsync(supplierId!, month!.Value, caller.Actor, cancellationToken);
        await audit.RecordAsync(AuditEntry.By(caller, http, "billing.run", $"organisation:{supplierId}",
            $"{{\"run\":\"{run.Id}\",\"month\":\"{run.Month}\",\"bills\":{run.Bills},\"notes\":{run.Notes}}}"), cancellationToken);
        return TypedResults.Created($"/api/v1/bill-runs/{run.Id}", Response(run, skipped));
    }

    private static async Task<Results<Ok<BillRunResponse>, NotFound>> RunDetailsAsync(string id, HttpContext http, BillStore bills, CancellationToken cancellationToken) =>
        await bills.FindRunVisibleAsync(id, Caller.From(http.User)!, cancellationToken) is { } run ? TypedResults.Ok(Response(run, 0)) : TypedResults.NotFound();

    private static async Task<Results<FileContentHttpResult, NotFound>> RunCsvAsync(
        string id, HttpContext http, BillStore bills, MeterDirectory meters, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        if (await bills.FindRunVisibleAsync(id, caller, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }
        var list = await bills.ListVisibleAsync(caller, null, id, 100_000, cancellationToken);
        var csv = BillCsv.Render(await ResponsesAsync(list, meters, cancellationToken));
        return TypedResults.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"bills-{id}.csv");
    }

    private static async Task<Results<Ok<BillList>, NotFound, ValidationProblem>> ListAsync(
        string? meterId, int? limit, HttpContext http, BillStore bills, MeterDirectory meters, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        if (limit is < 1 or > 1000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["1 to 1000"] });
        }
        long? meterKey = null;
        if (meterId is not null)
        {
            if (await meters.FindVisibleAsync(meterId, caller, cancellationToken) is not { } meter)
            {
                return TypedResults.NotFound();
            }
            meterKey = meter.Key;
        }
        var list = await bills.ListVisibleAsync(caller, meterKey, null, limit ?? 100, cancellationToken);
        return TypedResults.Ok(new BillList(await ResponsesAsync(list, meters, cancellationToken)));
    }

    private static async Task<Results<Ok<BillResponse>, NotFound>> BillAsync(string id, HttpContext http, BillStore bills, MeterDirectory meters, CancellationToken cancellationToken) =>
        await bills.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken) is { } bill
            ? TypedResults.Ok((await ResponsesAsync([bill], meters, cancellationToken))[0])
            : TypedResults.NotFound();

    private static async Task<Results<ContentHttpResult, NotFound>> BillHtmlAsync(
        string id, HttpContext http, BillStore bills, MeterDirectory meters, Organisations organisations, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        if (await bills.FindVisibleAsync(id, caller, cancellationToken) is not { } bill)
        {
            return TypedResults.NotFound();
        }
        var response = (await ResponsesAsync([bill], meters, cancellationToken))[0];
        var supplier = await organisations.FindAsync(bill.SupplierId, cancellationToken);
        return TypedResults.Content(BillHtml.Render(response, supplier?.Name ?? bill.SupplierId), "text/html; charset=utf-8");
    }

    private static async Task<List<BillResponse>> ResponsesAsync(IReadOnlyList<Bill> bills, MeterDirectory meters, CancellationToken cancellationToken)
    {
        var list = new List<BillResponse>(bills.Count);
        foreach (var bill in bills)
        {
            var meter = await meters.FindByKeyAsync(bill.MeterKey, cancellationToken);
            list.Add(BillResponse.Of(bill, meter?.Id ?? "", meter?.TimeZone ?? DateTimeZone.Utc));
        }
        return list;
    }

    private static BillRunResponse Response(BillRun run, int skipped) =>
        new(run.Id, run.SupplierId, run.Month, run.Bills, run.Notes, skipped, run.CreatedBy, TimeArgument.Format(Instant.FromUnixTimeMilliseconds(run.CreatedAt).InUtc()));

    private static ProblemHttpResult NoTariff(string meterId) =>
        TypedResults.Problem($"meter '{meterId}' has no tariff for this span", statusCode: StatusCodes.Status409Conflict, title: "No tariff");
}
