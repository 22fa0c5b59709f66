namespace GridMeter.Server.Quarantine;

public static class QuarantineSetup
{
    public static IHostApplicationBuilder AddQuarantine(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<QuarantineStore>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, QuarantineJson.Default));
        return builder;
    }
}
