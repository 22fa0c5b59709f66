using System.Text;
using GridMeter.Domain.Meters;
using GridMeter.Domain.Tariffs;
using GridMeter.Domain.Text;
using GridMeter.Server.Accounts;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Hosting;
using GridMeter.Server.Meters;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMeter.Server.Tariffs;

public static class TariffsApi
{
    private const int MaxPriceImportBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapTariffs(this IEndpointRouteBuilder app)
    {
        var tariffs = app.MapGroup("/api/v1/tariffs").WithTags("Tariffs");
        tariffs.MapPost("/", CreateAsync).RequireAccess(Access.Change(null, Roles.Supplier, Roles.Admin))
            .WithSummary("(supplier, admin) Create a tariff: {id, name, supplierId, tariff: CONTRACT section 4 document}");
        tariffs.MapGet("/", ListAsync).RequireAccess(Billing.BillingAccess.ScopedMoney)
            .WithSummary("Tariffs the caller may see: a supplier's own, a consumer's suppliers'; optional supplierId");
        tariffs.MapGet("/{id}", GetAsync).RequireAccess(Access.Read(Resources.Tariff, Roles.Consumer, Roles.Supplier, Roles.Admin))
            .WithSummary("A tariff and its document");
        tariffs.MapPut("/{id}", UpdateAsync).RequireAccess(Access.Change(Resources.Tariff, Roles.Supplier, Roles.Admin))
            .WithSummary("(supplier, admin) Change a tariff's name and document; meters keep the document they were assigned until assigned again");
        tariffs.MapPut("/{id}/prices", ImportPricesAsync).RequireAccess(Access.Change(Resources.Tariff, Roles.Supplier, Roles.Admin))
            .Accepts<string>("text/csv", "application/json")
            .WithSummary("(supplier, admin) Replace a dynamic tariff's prices: CSV \"from,price\" lines or a JSON array of {from, price}");
        app.MapPut("/api/v1/meters/{id}/tariff", AssignAsync).WithTags("Tariffs").RequireAccess(Access.MeterChange)
            .WithSummary("(supplier, admin) Put the meter on a tariff from its validFrom: a tariff document, or {tariffId, validFrom}; never into a billed period");
        app.MapGet("/api/v1/meters/{id}/tariff", AssignmentsAsync).WithTags("Tariffs")
            .RequireAccess(Access.Read(Resources.Meter, Roles.Consumer, Roles.Supplier, Roles.Admin))
            .WithSummary("The meter's tariff assignments, oldest first");
        return app;
    }

    private static async Task<Results<Created<TariffResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateTariffRequest request, HttpContext http, TariffStore tariffs, Organisations organisations, AuditLog audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var errors = new Dictionary<string, string[]>();
        if (request.Id is null || !MeterId.IsValid(request.Id))
        {
            errors["id"] = ["required; 1 to 64 characters from A-Z a-z 0-9 . _ -"];
        }
        if (request.Name is null || !PlainText.IsValid(request.Name, 200))
        {
            errors["name"] = ["required; 1 to 200 characters of plain text"];
        }
        var supplierId = request.SupplierId ?? (caller.Role == Roles.Supplier ? caller.OrganisationId : null);
        if (supplierId is null || !MeterId.IsValid(supplierId) || (!caller.IsAdmin && supplierId != caller.OrganisationId)
            || await organisations.FindAsync(supplierId, cancellationToken) is not { Kind: "supplier" })
        {
            errors["supplierId"] = ["a supplier you work for"];
        }
        TariffDocuments.Parse(request.Tariff, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var stored = new StoredTariff(request.Id!, supplierId!, request.Name!, TariffDocuments.Write(request.Tariff!), now, now);
        if (!await tariffs.CreateAsync(stored, cancellationToken))
        {
            return TypedResults.Problem($"tariff '{request.Id}' exists", statusCode: StatusCodes.Status409Conflict, title: "Tariff exists");
        }
        await audit.RecordAsync(AuditEntry.By(caller, http, "tariff.created", $"tariff:{stored.Id}"), cancellationToken);
        return TypedResults.Created($"/api/v1/tariffs/{stored.Id}", TariffResponse.From(stored));
    }

    private static async Task<Results<Ok<TariffList>, ValidationProblem>> ListAsync(string? supplierId, HttpContext http, TariffStore tariffs, CancellationToken cancellationToken)
    {
        if (supplierId is not null && !MeterId.IsValid(supplierId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["supplierId"] = ["an organisation id"] });
        }
        var list = await tariffs.ListVisibleAsync(Caller.From(http.User)!, supplierId, cancellationToken);
        return TypedResults.Ok(new TariffList([.. list.Select(TariffResponse.From)]));
    }

    private static async Task<Results<Ok<TariffResponse>, NotFound>> GetAsync(string id, HttpContext http, TariffStore tariffs, CancellationToken cancellationToken) =>
        await tariffs.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken) is { } tariff ? TypedResults.Ok(TariffResponse.From(tariff)) : TypedResults.NotFound();

    private static async Task<Results<Ok<TariffResponse>, NotFound, ValidationProblem>> UpdateAsync(
        string id, UpdateTariffRequest request, HttpContext http, TariffStore tariffs, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        if (await tariffs.FindVisibleAsync(id, caller, cancellationToken) is not { } tariff)
        {
            return TypedResults.NotFound();
        }
        var errors = new Dictionary<string, string[]>();
        if (request.Name is not null && !PlainText.IsValid(request.Name, 200))
        {
            errors["name"] = ["1 to 200 characters of plain text"];
        }
        TariffDocuments.Parse(request.Tariff, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var updated = tariff with { Name = request.Name ?? tariff.Name, Document = TariffDocuments.Write(request.Tariff!), UpdatedAt = clock.GetUtcNow().ToUnixTimeMilliseconds() };
        await tariffs.UpdateAsync(id, updated.Name, updated.Document, updated.UpdatedAt, cancellationToken);
        await audit.RecordAsync(AuditEntry.By(caller, http, "tariff.updated", $"tariff:{id}"), cancellationToken);
        return TypedResults.Ok(TariffResponse.From(updated));
    }

    private static async Task<Results<Ok<TariffResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ImportPricesAsync(
        string id, HttpContext http, TariffStore tariffs, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        if (await tariffs.FindVisibleAsync(id, caller, cancellationToken) is not { } tariff)
        {
            return TypedResults.NotFound();
        }
        var body = await RequestBody.ReadAsync(http.Request, MaxPriceImportBytes, cancellationToken);
        if (body.Length > MaxPriceImportBytes)
        {
            return TypedResults.Problem("at most 1 MiB of prices", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large");
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(body.Span);
        }
        catch (DecoderFallbackException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["UTF-8 text"] });
        }
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["text without NUL"] });
        }
        if (!DynamicPriceImport.TryParse(text, out var steps, out var error))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [error] });
        }
        var document = System.Text.Json.JsonSerializer.Deserialize(tariff.Document, TariffsJson.Default.TariffDocument)! with
        {
            Energy = null,
            Tiers = null,
            DynamicPrices = [.. steps.Select(s => new PriceStepDocument(s.From.ToString(), s.Price))],
        };
        var errors = new Dictionary<string, string[]>();
        TariffDocuments.Parse(document, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var updated = tariff with { Document = TariffDocuments.Write(document), UpdatedAt = clock.GetUtcNow().ToUnixTimeMilliseconds() };
        await tariffs.UpdateAsync(id, updated.Name, updated.Document, updated.UpdatedAt, cancellationToken);
        await audit.RecordAsync(AuditEntry.By(caller, http, "tariff.prices_imported", $"tariff:{id}", $"{{\"steps\":{steps.Count}}}"), cancellationToken);
        return TypedResults.Ok(TariffResponse.From(updated));
    }

    private static async Task<Results<Ok<MeterTariffResponse>, NotFound, ValidationProblem, ProblemHttpResult>> AssignAsync(
        string id, AssignTariffRequest request, HttpContext http, MeterDirectory meters, TariffStore tariffs, TariffAssigner assigner,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        if (await meters.FindVisibleAsync(id, caller, cancellationToken) is not { } meter)
        {
            return TypedResults.NotFound();
        }
        var errors = new Dictionary<string, string[]>();
        var document = request.Document;
        if (request.TariffId is not null)
        {
            if (request.Document with { ValidFrom = null } != new TariffDocument(null, null, null, null, null, null, null, null, null, null, null))
            {
                errors["tariffId"] = ["either tariffId with validFrom, or a tariff document"];
                return TypedResults.ValidationProblem(errors);
            }
            if (!MeterId.IsValid(request.TariffId) || await tariffs.FindVisibleAsync(request.TariffId, caller, cancellationToken) is not { } stored
                || stored.SupplierId != meter.SupplierId)
            {
                errors["tariffId"] = ["a tariff of the meter's supplier"];
                return TypedResults.ValidationProblem(errors);
            }
            document = System.Text.Json.JsonSerializer.Deserialize(stored.Document, TariffsJson.Default.TariffDocument)! with { ValidFrom = request.ValidFrom };
        }
        var tariff = TariffDocuments.Parse(document, errors);
        if (tariff is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var refused = await assigner.AssignAsync(meter, tariff, TariffDocuments.Write(document), request.TariffId,
            AuditEntry.By(caller, http, "tariff.assigned", $"meter:{meter.Id}", $"{{\"validFrom\":\"{TariffDocuments.Format(tariff.ValidFrom)}\",\"tariff\":\"{request.TariffId}\"}}"),
            cancellationToken);
        if (refused is not null)
        {
            return TypedResults.Problem(refused, statusCode: StatusCodes.Status409Conflict, title: "Period already billed");
        }
        return TypedResults.Ok(await ResponseAsync(meter, tariffs, cancellationToken));
    }

    private static async Task<Results<Ok<MeterTariffResponse>, NotFound>> AssignmentsAsync(
        string id, HttpContext http, MeterDirectory meters, TariffStore tariffs, CancellationToken cancellationToken) =>
        await meters.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken) is { } meter
            ? TypedResults.Ok(await ResponseAsync(meter, tariffs, cancellationToken))
            : TypedResults.NotFound();

    private static async Task<MeterTariffResponse> ResponseAsync(Meter meter, TariffStore tariffs, CancellationToken cancellationToken) =>
        new(meter.Id, [.. (await tariffs.AssignmentsAsync(meter.Key, cancellationToken)).Select(a => new AssignmentResponse(
            TariffDocuments.Format(a.ValidFrom), a.TariffId, a.Tariff.PaymentMode == PaymentMode.Prepaid ? "prepaid" : "credit",
            System.Text.Json.JsonSerializer.Deserialize(a.Document, TariffsJson.Default.TariffDocument)!, a.AssignedBy, a.AssignedAt))]);
}
