namespace GridMeter.Server.Outages;

public static class OutagesSetup
{
    public static IHostApplicationBuilder AddOutages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OutagesOptions>().BindConfiguration(OutagesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<OutageDetector>();
        builder.Services.AddSingleton<OutageRecords>();
        builder.Services.AddSingleton<OutagesJob>();
        builder.Services.AddHostedService(s => s.GetRequiredService<OutagesJob>());
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, OutagesJson.Default));
        return builder;
    }
}
