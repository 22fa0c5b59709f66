namespace GridMeter.Server.Meters;

public static class MetersSetup
{
    public static IHostApplicationBuilder AddMeters(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MeterDirectory>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, MetersJson.Default));
        return builder;
    }
}
