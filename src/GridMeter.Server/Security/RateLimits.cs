using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Security;

/// <summary>
/// The rate-limiting policies endpoints name with <c>.RequireRateLimiting(RateLimits.Login)</c>.
/// Refused requests get 429 with Retry-After and a problem document.
/// </summary>
public static class RateLimits
{
    public const string Login = "login";
    public const string Ingest = "ingest";

    public static void Configure(RateLimiterOptions limiter, RateLimitOptions limits)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = RejectAsync;
        limiter.AddPolicy(Login, http => PerMinute(
            limits.LoginPerMinute, http.Connection.RemoteIpAddress?.ToString() ?? "local"));
        limiter.AddPolicy(Ingest, http => PerMinute(
            limits.IngestPerMeterPerMinute, http.GetRouteValue("id") as string ?? ""));
    }

    private static RateLimitPartition<string> PerMinute(int permits, string key) => permits == 0
        ? RateLimitPartition.GetNoLimiter(key)
        : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Detail = "Too many requests; wait a moment and try again." },
        });
    }

    /// <summary>Binds <see cref="RateLimitOptions"/> into the rate limiter.</summary>
    internal sealed class Setup(IOptions<RateLimitOptions> limits) : IConfigureOptions<RateLimiterOptions>
    {
        public void Configure(RateLimiterOptions options) => RateLimits.Configure(options, limits.Value);
    }
}
