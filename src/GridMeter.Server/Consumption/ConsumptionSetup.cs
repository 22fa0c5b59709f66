namespace GridMeter.Server.Consumption;

public static class ConsumptionSetup
{
    public static IHostApplicationBuilder AddConsumption(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SeriesLoader>();
        builder.Services.AddSingleton<SeriesTargets>();
        builder.Services.AddSingleton<RollupStore>();
        builder.Services.AddSingleton<RollupUpdater>();
        builder.Services.AddSingleton<ConsumptionQuery>();
        builder.Services.AddSingleton<Aggregates>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ConsumptionJson.Default));
        return builder;
    }
}
