using GridMeter.Domain.Text;
using GridMeter.Server.Auth;
using GridMeter.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMeter.Server.Devices;

public static class DeviceHealthApi
{
    public static IEndpointRouteBuilder MapDeviceHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/device-health", ListAsync).WithTags("Devices").RequireAccess(Access.Scoped)
            .WithSummary("Health of the meters the caller may see: online, last seen, firmware, signal (rssi), relay, command success rate over 30 days. " +
                "Filters: offlineForHours (silent at least that long, or never heard), firmware, maxRssi, online, relay (open, closed); offset, limit");
        return app;
    }

    private static async Task<Results<Ok<MeterHealthList>, ValidationProblem>> ListAsync(
        int? offlineForHours, string? firmware, int? maxRssi, bool? online, string? relay, HttpContext http, MeterHealthQuery query, DeviceStatusStore status,
        TimeProvider clock, CancellationToken cancellationToken, int offset = 0, int limit = 100)
    {
        var errors = new Dictionary<string, string[]>();
        if (offlineForHours is < 1 or > 87_600)
        {
            errors["offlineForHours"] = ["1 to 87600"];
        }
        if (firmware is not null && !PlainText.IsValid(firmware, 64))
        {
            errors["firmware"] = ["a firmware version as meters report it"];
        }
        if (maxRssi is < -200 or > 50)
        {
            errors["maxRssi"] = ["-200 to 50 dBm"];
        }
        if (relay is not (null or "open" or "closed"))
        {
            errors["relay"] = ["open or closed"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        (offset, limit) = Paging.Clamp(offset, limit);
        // Last-seen times are written in batches; write the pending ones so the filter sees them.
        await status.FlushLastSeenAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var filter = new MeterHealthQuery.Filter(
            offlineForHours is { } hours ? now.AddHours(-hours).ToUnixTimeMilliseconds() : null, firmware, maxRssi, online, relay);
        var items = await query.ListAsync(Caller.From(http.User)!, filter, now.AddDays(-30).ToUnixTimeMilliseconds(), offset, limit, cancellationToken);
        return TypedResults.Ok(new MeterHealthList(items, offset, limit));
    }
}
