using GridMeter.Domain.Readings;
using GridMeter.Server.Auth;
using GridMeter.Server.Hosting;
using GridMeter.Server.Meters;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMeter.Server.Readings;

public static class ReadingsApi
{
    public static IEndpointRouteBuilder MapReadings(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/meters/{id}/readings", PostAsync)
            .WithTags("Device ingest")
            .RequireAccess(Access.Device)
            .RequireRateLimiting(Security.RateLimits.Ingest)
            .Accepts<ReadingsMessage>("application/json")
            .WithSummary("A device sends register snapshots (HTTP Basic meterId:deviceSecret); answered 202 once committed");
        return app;
    }

    private static async Task<Results<Accepted<ReadingsReceipt>, ProblemHttpResult>> PostAsync(
        string id, HttpContext http, MeterDirectory meters, ReadingIngest ingest, CancellationToken cancellationToken)
    {
        var deviceId = http.User.FindFirst(DeviceBasicHandler.MeterClaim)?.Value;
        if (deviceId != id)
        {
            return Problem(StatusCodes.Status403Forbidden, "A device may only send readings for its own meter id");
        }
        if (!IsJson(http.Request.ContentType))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Readings are sent as application/json");
        }
        var meter = (await meters.FindAsync(id, cancellationToken))!;
        var payload = await RequestBody.ReadAsync(http.Request, ReadingLimits.MaxPayloadBytes, cancellationToken);
        var result = await ingest.IngestAsync(meter, payload, $"http:{http.Request.Path}", cancellationToken);
        if (!result.IsStored)
        {
            return Problem(
                payload.Length > ReadingLimits.MaxPayloadBytes ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
                result.Rejection!,
                "The readings were quarantined; nothing was stored");
        }
        var outcome = result.Outcome;
        return TypedResults.Accepted((string?)null, new ReadingsReceipt(outcome.Inserted, outcome.Duplicates, outcome.Conflicts));
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static ProblemHttpResult Problem(int status, string detail, string? title = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title);
}
