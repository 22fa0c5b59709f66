using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Security;

public static class SecuritySetup
{
    /// <summary>Security headers, request size limit, rate limits (login, ingest).</summary>
    public static IHostApplicationBuilder AddSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddSingleton<IConfigureOptions<RateLimiterOptions>, RateLimits.Setup>();
        return builder;
    }

    public static WebApplication UseSecurity(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<RequestSizeLimit>();
        return app;
    }
}
