using GridMeter.Server.Auth;
using GridMeter.Server.Security;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace GridMeter.Server.Hosting;

public static class HostingSetup
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>Settings, the clock, problem documents for every error, OpenAPI.</summary>
    public static IHostApplicationBuilder AddHosting(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddOptions<GridMeterOptions>().BindConfiguration(GridMeterOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions.Remove("exception");
        });
        builder.Services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "GridMeter API";
                document.Info.Description = "Smart-electricity metering: meters, device ingest, consumption, accounts. Errors are RFC 9457 problem documents.";
                return Task.CompletedTask;
            });
            // Each operation says who may call it, from the same AccessRule the policy enforces.
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<AccessRule>().LastOrDefault() is { } rule)
                {
                    operation.Description = $"Access: {rule}.";
                }
                return Task.CompletedTask;
            });
        });
        // Unreadable requests throw in every environment, and BadRequests answers them alike.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.AddSecurity();
        return builder;
    }

    public static WebApplication UseHosting(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<BadRequests>();
        app.UseSecurity();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapOpenApi("/openapi/{documentName}.json").RequireAccess(Access.Anonymous);
        return app;
    }
}
