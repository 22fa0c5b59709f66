namespace GridMeter.Server.Tariffs;

public static class TariffsSetup
{
    public static IHostApplicationBuilder AddTariffs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TariffStore>();
        builder.Services.AddSingleton<TariffAssigner>();
        builder.Services.AddSingleton<TariffRequests>();
        builder.Services.AddSingleton<TariffChanges>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, TariffsJson.Default));
        return builder;
    }
}
