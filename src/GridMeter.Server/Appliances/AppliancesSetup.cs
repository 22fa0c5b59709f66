namespace GridMeter.Server.Appliances;

public static class AppliancesSetup
{
    public static IHostApplicationBuilder AddAppliances(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ApplianceRegistry>();
        builder.Services.AddSingleton<ApplianceIngest>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, AppliancesJson.Default));
        return builder;
    }
}
