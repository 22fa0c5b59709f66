using System.Text.Json;
using GridMeter.Domain.Meters;
using GridMeter.Domain.Tariffs;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Billing;
using GridMeter.Server.Consumption;
using GridMeter.Server.Hosting;
using GridMeter.Server.Meters;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NodaTime;

namespace GridMeter.Server.Prepayment;

public static class PrepaymentApi
{
    private const int MaxCallbackBytes = 16 * 1024;
    private const decimal MaxTopUp = 100_000m;

    /// <summary>Why a staff top-up was refused: the meter is not prepaid.</summary>
    public const string NotPrepaidProblem = "not prepaid";

    public static IEndpointRouteBuilder MapPrepayment(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/meters/{id}/topups", TopUpAsync).WithTags("Prepayment").RequireAccess(Access.MeterChange)
            .WithSummary("(supplier, admin) Credit a prepaid meter: {paymentId, amount}; the same paymentId credits once (201 first, 200 after)");
        app.MapGet("/api/v1/meters/{id}/balance", BalanceAsync).WithTags("Prepayment").RequireAccess(BillingAccess.MeterMoney)
            .WithSummary("A prepaid meter's balance, emergency credit left, debt, low-balance and exhausted flags and supply state");
        app.MapPut("/api/v1/meters/{id}/prepayment", TermsAsync).WithTags("Prepayment").RequireAccess(Access.MeterChange)
            .WithSummary("(supplier, admin) A prepaid account's emergency credit, low-balance threshold and debt to recover");
        app.MapPost("/api/v1/payments/callback", CallbackAsync).WithTags("Prepayment").RequireAccess(Access.Anonymous)
            .Accepts<PaymentCallback>("application/json")
            .WithSummary("The payment provider's callback, signed with HMAC-SHA256 (X-GridMeter-Signature: sha256=hex): {paymentId, meterId, amount, currency}; idempotent by paymentId");
        return app;
    }

    private static async Task<Results<Created<TopUpResponse>, Ok<TopUpResponse>, NotFound, ValidationProblem, ProblemHttpResult>> TopUpAsync(
        string id, TopUpRequest request, HttpContext http, MeterDirectory meters, PrepaidStore accounts, PrepaymentJob job, AuditLog audit,
        IOptions<PrepaymentOptions> options, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        if (await meters.FindVisibleAsync(id, caller, cancellationToken) is not { } meter)
        {
            return TypedResults.NotFound();
        }
        var outcome = await StaffTopUpAsync(meter, request, caller, http, accounts, job, audit, options.Value, cancellationToken);
        if (outcome.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(outcome.Errors);
        }
        if (outcome.Response is not { } response)
        {
            return outcome.Problem == NotPrepaidProblem
                ? NotPrepaid(meter.Id)
                : TypedResults.Problem(outcome.Problem, statusCode: StatusCodes.Status409Conflict, title: "Payment used");
        }
        return response.Credited ? TypedResults.Created($"/api/v1/meters/{meter.Id}/balance", response) : TypedResults.Ok(response);
    }

    /// <summary>
    /// Staff credit a prepaid meter (the API and the portal alike): the same payment id credits once,
    /// a credit is audited and the account evaluated at once (a disconnected meter may reconnect).
    /// </summary>
    public static async Task<(TopUpResponse? Response, Dictionary<string, string[]> Errors, string? Problem)> StaffTopUpAsync(
        Meter meter, TopUpRequest request, Caller caller, HttpContext http, PrepaidStore accounts, PrepaymentJob job, AuditLog audit, PrepaymentOptions options,
        CancellationToken cancellationToken)
    {
        var row = await accounts.FindAsync(meter.Key, cancellationToken);
        var errors = Check(request.PaymentId, request.Amount, row?.Currency);
        if (errors.Count > 0)
        {
            return (null, errors, null);
        }
        if (row is null)
        {
            return (null, errors, NotPrepaidProblem);
        }
        var outcome = await accounts.TopUpAsync(meter.Key, request.PaymentId!, request.Amount!.Value, options.DebtRecoveryPercent,
            new Currency(row.Currency).Decimals, "staff", caller.Actor, cancellationToken);
        if (outcome == TopUpOutcome.OtherMeter)
        {
            return (null, errors, $"payment '{request.PaymentId}' was credited to another meter");
        }
        if (outcome == TopUpOutcome.Credited)
        {
            await audit.RecordAsync(AuditEntry.By(caller, http, "prepayment.topup", $"meter:{meter.Id}",
                $"{{\"paymentId\":{JsonSerializer.Serialize(request.PaymentId)},\"amount\":{request.Amount.Value}}}"), cancellationToken);
            await job.EvaluateAsync(meter.Key, cancellationToken);
        }
        return (new TopUpResponse(request.PaymentId!, request.Amount.Value, outcome == TopUpOutcome.Credited, await BalanceOfAsync(meter, accounts, cancellationToken)), errors, null);
    }

    private static async Task<Results<Ok<BalanceResponse>, NotFound, ProblemHttpResult>> BalanceAsync(
        string id, HttpContext http, MeterDirectory meters, PrepaidStore accounts, CancellationToken cancellationToken)
    {
        if (await meters.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken) is not { } meter)
        {
            return TypedResults.NotFound();
        }
        return await accounts.FindAsync(meter.Key, cancellationToken) is null ? NotPrepaid(meter.Id) : TypedResults.Ok(await BalanceOfAsync(meter, accounts, cancellationToken));
    }

    private static async Task<Results<Ok<BalanceResponse>, NotFound, ValidationProblem, ProblemHttpResult>> TermsAsync(
        string id, PrepaymentTerms terms, HttpContext http, MeterDirectory meters, PrepaidStore accounts, PrepaymentJob job, AuditLog audit,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        if (await meters.FindVisibleAsync(id, caller, cancellationToken) is not { } meter)
        {
            return TypedResults.NotFound();
        }
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, value) in new[] { ("emergencyCredit", terms.EmergencyCredit), ("lowBalanceThreshold", terms.LowBalanceThreshold), ("debt", terms.Debt) })
        {
            if (value is < 0 or > MaxTopUp || (value is { } v && v != Math.Round(v, 4)))
            {
                errors[name] = ["from 0 to 100000, at most 4 decimals"];
            }
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (await accounts.FindAsync(meter.Key, cancellationToken) is null)
        {
            return NotPrepaid(meter.Id);
        }
        await accounts.SetTermsAsync(meter.Key, terms.EmergencyCredit, terms.LowBalanceThreshold, terms.Debt, cancellationToken);
        await audit.RecordAsync(AuditEntry.By(caller, http, "prepayment.terms_changed", $"meter:{meter.Id}",
            $"{{\"emergencyCredit\":{Json(terms.EmergencyCredit)},\"lowBalanceThreshold\":{Json(terms.LowBalanceThreshold)},\"debt\":{Json(terms.Debt)}}}"), cancellationToken);
        await job.EvaluateAsync(meter.Key, cancellationToken);
        return TypedResults.Ok(await BalanceOfAsync(meter, accounts, cancellationToken));
    }

    private static async Task<Results<Ok<TopUpResponse>, ValidationProblem, ProblemHttpResult>> CallbackAsync(
        HttpContext http, MeterDirectory meters, PrepaidStore accounts, PrepaymentJob job, AuditLog audit, IOptions<PrepaymentOptions> options,
        CancellationToken cancellationToken)
    {
        if (!http.Request.HasJsonContentType())
        {
            return TypedResults.Problem("the callback is JSON", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }
        var body = await RequestBody.ReadAsync(http.Request, MaxCallbackBytes, cancellationToken);
        if (body.Length > MaxCallbackBytes)
        {
            return TypedResults.Problem($"at most {MaxCallbackBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large");
        }
        if (!PaymentSignature.IsValid(body.Span, http.Request.Headers[PaymentSignature.Header].FirstOrDefault(), options.Value.CallbackSecret))
        {
            await audit.RecordAsync(new AuditEntry("payment-provider", "payment.callback_refused", "payments",
                options.Value.CallbackSecret.Length == 0 ? "{\"reason\":\"no callback secret configured\"}" : "{\"reason\":\"bad signature\"}",
                AuditEntry.AddressOf(http)), cancellationToken);
            return TypedResults.Problem("the callback's signature is missing or wrong", statusCode: StatusCodes.Status401Unauthorized, title: "Bad signature");
        }
        PaymentCallback? callback;
        try
        {
            callback = JsonSerializer.Deserialize(body.Span, PrepaymentJson.Default.PaymentCallback);
        }
        catch (JsonException)
        {
            callback = null;
        }
        var meter = callback?.MeterId is { } meterId && MeterId.IsValid(meterId) ? await meters.FindAsync(meterId, cancellationToken) : null;
        var row = meter is null ? null : await accounts.FindAsync(meter.Key, cancellationToken);
        var errors = Check(callback?.PaymentId, callback?.Amount, row?.Currency);
        if (row is null)
        {
            errors["meterId"] = ["a prepaid meter"];
        }
        if (callback?.Currency is not null && callback.Currency != row?.Currency)
        {
            errors["currency"] = ["the prepaid account's currency"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var outcome = await accounts.TopUpAsync(meter!.Key, callback!.PaymentId!, callback.Amount!.Value, options.Value.DebtRecoveryPercent,
            new Currency(row!.Currency).Decimals, "provider", "payment-provider", cancellationToken);
        if (outcome == TopUpOutcome.OtherMeter)
        {
            return TypedResults.Problem($"payment '{callback.PaymentId}' was credited to another meter", statusCode: StatusCodes.Status409Conflict, title: "Payment used");
        }
        if (outcome == TopUpOutcome.Credited)
        {
            await audit.RecordAsync(new AuditEntry("payment-provider", "prepayment.topup", $"meter:{meter.Id}",
                $"{{\"paymentId\":{JsonSerializer.Serialize(callback.PaymentId)},\"amount\":{callback.Amount.Value}}}", AuditEntry.AddressOf(http)), cancellationToken);
            await job.EvaluateAsync(meter.Key, cancellationToken);
        }
        return TypedResults.Ok(new TopUpResponse(callback.PaymentId!, callback.Amount.Value, outcome == TopUpOutcome.Credited, await BalanceOfAsync(meter, accounts, cancellationToken)));
    }

    private static Dictionary<string, string[]> Check(string? paymentId, decimal? amount, string? currency)
    {
        var errors = new Dictionary<string, string[]>();
        if (paymentId is null || !MeterId.IsValid(paymentId))
        {
            errors["paymentId"] = ["required; 1 to 64 characters from A-Z a-z 0-9 . _ -"];
        }
        var decimals = currency is null ? 2 : new Currency(currency).Decimals;
        if (amount is not { } a || a <= 0 || a > MaxTopUp || a != Math.Round(a, decimals))
        {
            errors["amount"] = [$"required; more than 0, at most {MaxTopUp}, in the currency's {decimals} decimals"];
        }
        return errors;
    }

    /// <summary>A prepaid meter's balance as the API shows it; the meter must have a prepaid account.</summary>
    public static async Task<BalanceResponse> BalanceOfAsync(Meter meter, PrepaidStore accounts, CancellationToken cancellationToken)
    {
        var row = (await accounts.FindAsync(meter.Key, cancellationToken))!;
        var account = row.ToAccount();
        var currency = new Currency(row.Currency);
        return new BalanceResponse(row.Currency, currency.Round(account.Balance), currency.Round(account.EmergencyCreditLeft), account.EmergencyCredit,
            account.LowBalanceThreshold, currency.Round(account.Debt), account.LowBalance, account.Exhausted,
            account.Supply == Domain.Prepayment.SupplyState.Disconnected ? "disconnected" : "connected",
            TimeArgument.Format(Instant.FromUnixTimeSeconds(row.DebitedTo).InZone(meter.TimeZone)));
    }

    private static string Json(decimal? value) => value is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null";

    private static ProblemHttpResult NotPrepaid(string meterId) =>
        TypedResults.Problem($"meter '{meterId}' is not on a prepaid tariff", statusCode: StatusCodes.Status409Conflict, title: "Not prepaid");
}
