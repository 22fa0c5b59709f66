namespace GridMeter.Server.Health;

public static class HealthSetup
{
    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<HealthFacts>();
        builder.Services.AddSingleton<StorageReadiness>();
        builder.Services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return builder;
    }
}
