namespace GridMeter.Server.Analytics;

public static class AnalyticsSetup
{
    public static IHostApplicationBuilder AddAnalytics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<AnalyticsStore>();
        builder.Services.AddSingleton<AnalyticsData>();
        builder.Services.AddSingleton<CustomerClustering>();
        builder.Services.AddSingleton<FaultScan>();
        builder.Services.AddSingleton<PortfolioForecast>();
        builder.Services.AddSingleton<EnergyThisHour>();
        builder.Services.AddSingleton<MeterForecast>();
        builder.Services.AddSingleton<FaultNames>();
        builder.Services.AddSingleton<AnalyticsJob>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AnalyticsJob>());
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, AnalyticsJson.Default));
        return builder;
    }
}
