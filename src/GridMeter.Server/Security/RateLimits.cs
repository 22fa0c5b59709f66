using System.Threading.RateLimiting;
using GridMeter.Server.Cluster;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Security;

/// <summary>
/// The rate-limiting policies endpoints name with <c>.RequireRateLimiting(RateLimits.Login)</c>.
/// Refused requests get 429 with Retry-After and a problem document. On PostgreSQL the windows are
/// counted in the database, so a limit holds across every node of a cluster; one SQLite node counts
/// in memory.
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
            http, Login, limits.LoginPerMinute, http.Connection.RemoteIpAddress?.ToString() ?? "local"));
        limiter.AddPolicy(Ingest, http => PerMinute(
            http, Ingest, limits.IngestPerMeterPerMinute, http.GetRouteValue("id") as string ?? ""));
    }

    private static RateLimitPartition<string> PerMinute(HttpContext http, string policy, int permits, string key)
    {
        if (permits == 0)
        {
            return RateLimitPartition.GetNoLimiter(key);
        }
        var windows = http.RequestServices.GetRequiredService<RateWindows>();
        return windows.Shared
            ? RateLimitPartition.Get(key, k => new SharedWindowLimiter(windows, policy, k, permits, TimeSpan.FromMinutes(1)))
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
    }

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
